use leptos::prelude::*;
use linli_model::need::{NeedSource, NeedSummary};

use super::{FilterSpec, ListPage, ListSpec, Tab};
use crate::{
    api::lists::{NeedsFrom, get_need, list_needs},
    components::{ErrorNotice, Loading, set_status},
    i18n::{
        beijing_time,
        lists::{label, use_lt},
        use_lang,
    },
    pages::account::FormMessages,
    pages::{projects::ProjectCard, route_id},
};

/// A need's category and progress as labels.
#[component]
fn NeedBadges(need: NeedSummary) -> impl IntoView {
    let lt = use_lt();
    view! {
        <span class=format!("badge need-{}", need.status.as_str())>{label(lt.need_statuses, need.status.as_str())}</span>
        <span class="badge badge-quiet">{label(lt.categories, need.category.as_str())}</span>
    }
}

fn need_card(need: NeedSummary, _keeps: &[String]) -> impl IntoView + use<> {
    let lt = use_lt();
    let lang = use_lang();
    view! {
        <li class="matter-card">
            <h3><a href=format!("/needs/{}", need.id)>{need.title.clone()}</a></h3>
            <p class="matter-meta">
                <NeedBadges need=need.clone() />
                <span>{need.community_name.get(lang).to_owned()}</span>
                <span>{(lt.affected)(need.affected)}</span>
                <span>{label(lt.sources, need.source.kind())}</span>
            </p>
        </li>
    }
}

/// `/needs`: every community's needs, newest first.
#[component]
pub fn NeedsPage() -> impl IntoView {
    let lt = use_lt();
    let spec = ListSpec {
        tab: Tab::Needs,
        title: lt.needs_title,
        lead: lt.needs_lead,
        filters: FilterSpec {
            path: "/needs",
            kind: Some((lt.filter_category, lt.categories)),
            status: Some((lt.filter_status, lt.need_statuses)),
            text_label: lt.filter_text,
            accessible: false,
        },
        form: "needs/new",
        empty: lt.needs_empty,
        api: "needs",
    };
    view! { <ListPage spec fetch=list_needs card=need_card /> }
}

/// `/needs/:id`: a need, where it came from and the projects meeting it.
#[component]
pub fn NeedPage() -> impl IntoView {
    let lt = use_lt();
    let lang = use_lang();
    let id = route_id();
    let data = Resource::new(id, get_need);
    view! {
        <div class="wrap section narrow">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (need, keeps) = match data.await {
                        Ok(e) => (e.entry, e.keeps),
                        Err(error) => {
                            set_status(error.status());
                            return view! { <ErrorNotice error /> }.into_any();
                        }
                    };
                    let s = need.summary.clone();
                    let source = match (s.source.href(), need.source_title.clone()) {
                        (Some(href), Some(title)) => view! {
                            <a href=href>{label(lt.sources, s.source.kind())} " #" {s.source.id()} " " {title}</a>
                        }.into_any(),
                        _ => view! { <span>{lt.heard_by_staff}</span> }.into_any(),
                    };
                    let start = keeps.then(|| view! {
                        <p><a class="button" href=format!("/communities/{}/projects/new?which=publish&need={}", s.community, s.id)>{lt.start_project}</a></p>
                    });
                    let projects = if need.projects.is_empty() {
                        view! { <p class="empty">{lt.no_project_yet}</p> }.into_any()
                    } else {
                        view! { <ul class="matter-list">{need.projects.into_iter().map(|item| view! { <ProjectCard item /> }).collect_view()}</ul> }.into_any()
                    };
                    view! {
                        <crate::components::PageHead title=s.title.clone() description=need.detail.clone() />
                        <p class="breadcrumb">
                            <a href="/needs">{lt.needs_title}</a> " › "
                            <a href=format!("/communities/{}", s.community)>{s.community_name.get(lang).to_owned()}</a>
                        </p>
                        <h1>{s.title.clone()}</h1>
                        <FormMessages />
                        <p class="matter-meta">
                            <NeedBadges need=s.clone() />
                            <span>{(lt.affected)(s.affected)}</span>
                            <span>{beijing_time(s.created_at)}</span>
                        </p>
                        <p class="prewrap">{need.detail}</p>
                        <p>{lt.from_source} " " {source}</p>
                        <section class="panel" aria-labelledby="met-by">
                            <h2 id="met-by">{lt.met_by}</h2>
                            {projects}
                            {start}
                        </section>
                    }.into_any()
                })}
            </Suspense>
        </div>
    }
}

/// On a matter's or a deliberation's page: the needs recorded from it,
/// and for staff the link that records another.
#[component]
pub fn NeedsFromHere(community: String, source: NeedSource, from: NeedsFrom) -> impl IntoView {
    let lt = use_lt();
    (from.may_record || !from.needs.is_empty()).then(|| {
        let href = format!(
            "/communities/{community}/needs/new?which=need&source={}&source_id={}",
            source.kind(),
            source.id().unwrap_or_default()
        );
        view! {
            <section class="panel" aria-labelledby="needs-from-here">
                <h2 id="needs-from-here">{lt.needs_from_here}</h2>
                <ul class="plain-list">
                    {from.needs.into_iter().map(|n| view! {
                        <li><a href=format!("/needs/{}", n.id)>{n.title}</a> " · " {label(lt.need_statuses, n.status.as_str())}</li>
                    }).collect_view()}
                </ul>
                {from.may_record.then(|| view! { <a class="button button-quiet" href=href>{lt.record_as_need}</a> })}
            </section>
        }
    })
}
