use leptos::prelude::*;
use leptos_meta::Title;
use linli_model::responsibility::{ResponsibilityView, SubjectView};

use super::{Export, FilterSpec, Filters, KeepLinks, ListTabs, Pager, Tab, use_list_query};
use crate::{
    api::lists::list_responsibilities,
    components::{ErrorNotice, Loading, set_status},
    i18n::{
        lists::{label, use_lt},
        use_lang,
    },
    pages::account::FormMessages,
};

#[component]
fn Entry(r: ResponsibilityView, removable: bool) -> impl IntoView {
    let lt = use_lt();
    let lang = use_lang();
    let subject = match &r.subject {
        SubjectView::Grid { name, .. } => view! {
            <span>{lt.grid_label} "：" {name.get(lang).to_owned()}</span>
        }
        .into_any(),
        SubjectView::Item { id, title, .. } => view! {
            <span>{lt.item_label} "：" <a href=format!("/communities/{}/items#item-{id}", r.community)>{title.get(lang).to_owned()}</a></span>
        }
        .into_any(),
    };
    let tel = format!("tel:{}", r.phone.replace([' ', '-'], ""));
    view! {
        <li class="matter-card">
            <h3>{r.name.clone()}</h3>
            <p class="matter-meta">
                <span class="badge badge-quiet">{label(lt.duties, r.duty.as_str())}</span>
                {subject}
                <span>{r.community_name.get(lang).to_owned()}</span>
            </p>
            <p>{lt.phone_label} "：" <a href=tel>{r.phone.clone()}</a></p>
            {removable.then(|| view! {
                <form method="post" action=format!("/responsibilities/{}/remove", r.id)>
                    <button type="submit" class="button button-quiet">{lt.remove_button}</button>
                </form>
            })}
        </li>
    }
}

/// `/responsibilities`: who answers for each grid and list item.
#[component]
pub fn ResponsibilitiesPage() -> impl IntoView {
    let lt = use_lt();
    let query = use_list_query();
    let data = Resource::new(move || query.get(), list_responsibilities);
    let spec = FilterSpec {
        path: "/responsibilities",
        kind: Some((lt.filter_duty, lt.duties)),
        status: None,
        text_label: lt.filter_name,
        accessible: false,
    };
    view! {
        <Title text=lt.responsibilities_title />
        <div class="wrap section">
            <ListTabs current=Tab::Responsibilities />
            <h1>{lt.responsibilities_title}</h1>
            <p class="lead">{lt.responsibilities_lead}</p>
                        <FormMessages />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let q = query.get_untracked();
                    match data.await {
                        Ok(list) => {
                            let keeps: Vec<String> = list.keeps.iter().map(|(c, _)| c.clone()).collect();
                            let items = list.page.items;
                            view! {
                                <KeepLinks keeps=list.keeps form="responsibilities/new" />
                                <Filters spec query=q.clone() />
                                {if items.is_empty() {
                                    view! { <div class="empty"><p>{lt.responsibilities_empty}</p></div> }.into_any()
                                } else {
                                    view! {
                                        <ul class="matter-list">
                                            {items.into_iter().map(|r| {
                                                let removable = keeps.iter().any(|c| *c == r.community.as_str());
                                                view! { <Entry r removable /> }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <Pager path="/responsibilities" query=q.clone() next=list.page.next />
                                <Export api="responsibilities" query=q />
                            }.into_any()
                        }
                        Err(error) => {
                            set_status(error.status());
                            view! { <ErrorNotice error /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
