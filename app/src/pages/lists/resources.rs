use leptos::prelude::*;
use linli_model::resource::{ResourceFacts, ResourceSummary};

use super::{FilterSpec, ListPage, ListSpec, Tab};
use crate::{
    api::lists::{get_resource, list_resources},
    components::{ErrorNotice, Loading, set_status},
    i18n::{
        lists::{label, use_lt},
        use_lang,
    },
    pages::account::FormMessages,
    pages::{projects::ProjectCard, route_id},
};

/// What a resource of its kind has to say, in a few words each.
#[component]
fn Facts(facts: ResourceFacts) -> impl IntoView {
    let lt = use_lt();
    match facts {
        ResourceFacts::Venue {
            area_m2,
            opening_hours,
            accessible,
            bookable,
        } => view! {
            <span>{(lt.area)(area_m2)}</span>
            <span>{opening_hours}</span>
            {if accessible {
                view! { <span class="badge need-met">"♿ " {lt.accessible}</span> }.into_any()
            } else {
                view! { <span class="badge badge-quiet">{lt.not_accessible}</span> }.into_any()
            }}
            {bookable.then(|| view! { <span class="badge badge-quiet">{lt.bookable}</span> })}
        }
        .into_any(),
        ResourceFacts::Service => ().into_any(),
        ResourceFacts::Volunteers { members } => {
            view! { <span>{(lt.members)(members)}</span> }.into_any()
        }
        ResourceFacts::Organisation { organisation } => organisation
            .map(|id| view! { <a href=format!("/organisations/{id}")>{format!("#{id}")}</a> })
            .into_any(),
        ResourceFacts::Fund { amount } => {
            view! { <span>{lt.amount_label} " " {amount.to_string()}</span> }.into_any()
        }
    }
}

fn resource_card(r: ResourceSummary, _keeps: &[String]) -> impl IntoView + use<> {
    let lt = use_lt();
    let lang = use_lang();
    view! {
        <li class="matter-card">
            <h3><a href=format!("/resources/{}", r.id)>{r.name.clone()}</a></h3>
            <p class="matter-meta">
                <span class="badge badge-quiet">{label(lt.kinds, r.facts.kind().as_str())}</span>
                <span>{r.community_name.get(lang).to_owned()}</span>
                <Facts facts=r.facts.clone() />
            </p>
        </li>
    }
}

/// `/resources`: what communities can draw on.
#[component]
pub fn ResourcesPage() -> impl IntoView {
    let lt = use_lt();
    let spec = ListSpec {
        tab: Tab::Resources,
        title: lt.resources_title,
        lead: lt.resources_lead,
        filters: FilterSpec {
            path: "/resources",
            kind: Some((lt.filter_kind, lt.kinds)),
            status: None,
            text_label: lt.filter_text,
            accessible: true,
        },
        form: "resources/new",
        empty: lt.resources_empty,
        api: "resources",
    };
    view! { <ListPage spec fetch=list_resources card=resource_card /> }
}

/// `/resources/:id`: a resource and the projects that use it.
#[component]
pub fn ResourcePage() -> impl IntoView {
    let lt = use_lt();
    let lang = use_lang();
    let id = route_id();
    let data = Resource::new(id, get_resource);
    view! {
        <div class="wrap section narrow">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let r = match data.await {
                        Ok(e) => e.entry,
                        Err(error) => {
                            set_status(error.status());
                            return view! { <ErrorNotice error /> }.into_any();
                        }
                    };
                    let s = r.summary.clone();
                    let projects = if r.projects.is_empty() {
                        view! { <p class="empty">{lt.not_used_yet}</p> }.into_any()
                    } else {
                        view! { <ul class="matter-list">{r.projects.into_iter().map(|item| view! { <ProjectCard item /> }).collect_view()}</ul> }.into_any()
                    };
                    view! {
                        <crate::components::PageHead title=s.name.clone() description=r.detail.clone() />
                        <p class="breadcrumb">
                            <a href="/resources">{lt.resources_title}</a> " › "
                            <a href=format!("/communities/{}", s.community)>{s.community_name.get(lang).to_owned()}</a>
                        </p>
                        <h1>{s.name.clone()}</h1>
                        <FormMessages />
                        <p class="matter-meta">
                            <span class="badge badge-quiet">{label(lt.kinds, s.facts.kind().as_str())}</span>
                            <Facts facts=s.facts.clone() />
                        </p>
                        <p class="prewrap">{r.detail}</p>
                        <p>{lt.owner_label} "：" {s.owner.clone()}</p>
                        {r.contact.map(|c| view! { <p class="staff-note">{lt.contact_label} "：" {c}</p> })}
                        <section class="panel" aria-labelledby="used-by">
                            <h2 id="used-by">{lt.used_by}</h2>
                            {projects}
                        </section>
                    }.into_any()
                })}
            </Suspense>
        </div>
    }
}
