use leptos::prelude::*;
use linli_model::responsibility::{ResponsibilityGroup, SubjectView};

use super::{FilterSpec, ListPage, ListSpec, Tab};
use crate::{
    api::lists::list_responsibilities,
    i18n::{
        lists::{label, use_lt},
        use_lang,
    },
};

/// One person's duty, with every grid or item it covers.
#[component]
fn Entry(r: ResponsibilityGroup, removable: bool) -> impl IntoView {
    let lt = use_lt();
    let lang = use_lang();
    let community = r.community.clone();
    let subjects = r
        .subjects
        .into_iter()
        .map(|(id, subject)| {
            let what = match subject {
                SubjectView::Grid { name, .. } => view! {
                    <span>{lt.grid_label} "：" {name.get(lang).to_owned()}</span>
                }
                .into_any(),
                SubjectView::Item { id, title, .. } => view! {
                    <span>{lt.item_label} "：" <a href=format!("/communities/{community}/items#item-{id}")>{title.get(lang).to_owned()}</a></span>
                }
                .into_any(),
            };
            view! {
                <li>
                    {what}
                    {removable.then(|| view! {
                        <form class="inline-form" method="post" action=format!("/responsibilities/{id}/remove")>
                            <button type="submit" class="button button-quiet">{lt.remove_button}</button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    let tel = format!("tel:{}", r.phone.replace([' ', '-'], ""));
    view! {
        <li class="matter-card">
            <h3>{r.name.clone()}</h3>
            <p class="matter-meta">
                <span class="badge badge-quiet">{label(lt.duties, r.duty.as_str())}</span>
                <span>{r.community_name.get(lang).to_owned()}</span>
            </p>
            <ul class="subject-list">{subjects}</ul>
            <p>{lt.phone_label} "：" <a href=tel>{r.phone.clone()}</a></p>
        </li>
    }
}

fn entry_card(r: ResponsibilityGroup, keeps: &[String]) -> impl IntoView + use<> {
    let removable = keeps.iter().any(|c| *c == r.community.as_str());
    view! { <Entry r removable /> }
}

/// `/responsibilities`: who answers for each grid and list item.
#[component]
pub fn ResponsibilitiesPage() -> impl IntoView {
    let lt = use_lt();
    let spec = ListSpec {
        tab: Tab::Responsibilities,
        title: lt.responsibilities_title,
        lead: lt.responsibilities_lead,
        filters: FilterSpec {
            path: "/responsibilities",
            kind: Some((lt.filter_duty, lt.duties)),
            status: None,
            text_label: lt.filter_name,
            accessible: false,
        },
        form: "responsibilities/new",
        empty: lt.responsibilities_empty,
        api: "responsibilities",
    };
    view! { <ListPage spec fetch=list_responsibilities card=entry_card /> }
}
