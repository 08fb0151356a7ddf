use leptos::prelude::*;
use linli_model::project::ProjectStatus;

use super::ProjectCard;
use crate::{
    AppError,
    api::projects::{ProjectQuery, list_projects},
    components::{ErrorNotice, Loading, PlaceFilter, place_error, set_status},
    i18n::{projects::use_pt, use_lang, use_t},
    url::encode,
};

/// `/projects`: every project, newest first, filtered by status and place
/// through a plain GET form.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let pt = use_pt();
    let lang = use_lang();
    let query_map = crate::url::query();
    let query = Memo::new(move |_| {
        query_map.with(|m| {
            let text = |k: &str| m.get(k).filter(|v| !v.trim().is_empty());
            ProjectQuery {
                place: text("place"),
                status: text("status"),
                q: text("q"),
                before: m.get("before").and_then(|b| b.parse().ok()),
            }
        })
    });
    let data = Resource::new(move || query.get(), list_projects);
    view! {
        <crate::components::PageHead title=pt.list_title />
        <div class="wrap section">
            <crate::pages::lists::ListTabs current=crate::pages::lists::Tab::Projects />
            <div class="heading-row">
                <h1>{pt.list_title}</h1>
                <a class="button button-quiet" href="/organisations">{pt.organisations_link}</a>
            </div>
            <p class="lead">{pt.list_lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let q = query.get_untracked();
                    match data.await {
                        Ok(list) => {
                            let older = list.page.next.map(|n| older_href(&q, &n));
                            let publish = (!list.may_publish.is_empty()).then(|| view! {
                                <p class="start-links">
                                    {pt.publish_in} " "
                                    {list.may_publish.into_iter().map(|(code, name)| view! {
                                        <a class="button" href=format!("/communities/{code}/projects/new")>{name.get(lang).to_owned()}</a>
                                        " "
                                    }).collect_view()}
                                </p>
                            });
                            view! {
                                {publish}
                                <Filters query=q.clone() />
                                {if list.page.items.is_empty() {
                                    view! {
                                        <div class="empty">
                                            <p>{pt.empty}</p>
                                            <p class="hint">{pt.empty_hint}</p>
                                        </div>
                                    }.into_any()
                                } else {
                                    view! {
                                        <ul class="matter-list">
                                            {list.page.items.into_iter().map(|item| view! { <ProjectCard item /> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                {older.map(|href| view! { <p class="pager"><a class="button" href=href>{use_t().next_page}</a></p> })}
                            }
                            .into_any()
                        }
                        Err(error) if place_error(&error).is_some() => {
                            set_status(error.status());
                            view! { <Filters query=q error=Some(error) /> }.into_any()
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

fn older_href(q: &ProjectQuery, next: &str) -> String {
    let mut parts = Vec::new();
    for (k, v) in [("place", &q.place), ("status", &q.status), ("q", &q.q)] {
        if let Some(v) = v {
            parts.push(format!("{k}={}", encode(v)));
        }
    }
    parts.push(format!("before={}", encode(next)));
    format!("/projects?{}", parts.join("&"))
}

#[component]
fn Filters(query: ProjectQuery, #[prop(default = None)] error: Option<AppError>) -> impl IntoView {
    let t = use_t();
    let pt = use_pt();
    let statuses = ProjectStatus::ALL
        .into_iter()
        .map(|s| {
            let selected = query.status.as_deref() == Some(s.as_str());
            view! { <option value=s.as_str() selected=selected>{(pt.status)(s)}</option> }
        })
        .collect_view();
    view! {
        <form class="search-form matter-filters" method="get" action="/projects" role="search">
            <div class="field">
                <label for="project-status">{pt.filter_status}</label>
                <select id="project-status" name="status">
                    <option value="">{pt.all_statuses}</option>
                    {statuses}
                </select>
            </div>
            <div class="field">
                <label for="project-q">{crate::i18n::lists::use_lt().filter_text}</label>
                <input id="project-q" name="q" type="search" maxlength="40" value=query.q.clone().unwrap_or_default() />
            </div>
            <PlaceFilter id="project-place" label=pt.filter_place hint=pt.filter_place_hint value=query.place.clone() error />
            <div class="form-actions">
                <button type="submit" class="button">{t.search_button}</button>
                <a class="button button-quiet" href="/projects">{t.clear_filters}</a>
            </div>
        </form>
    }
}
