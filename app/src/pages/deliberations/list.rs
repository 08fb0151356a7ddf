use leptos::prelude::*;
use linli_model::deliberation::Stage;

use super::DeliberationCard;
use crate::{
    AppError,
    api::deliberations::{DeliberationQuery, list_deliberations, upcoming_consultations},
    components::{ErrorNotice, Loading, PlaceFilter, place_error, set_status},
    i18n::{beijing_time, deliberation::use_dt, use_lang, use_t},
    url::encode,
};

/// `/deliberations`: every deliberation, newest first, filtered by step
/// and place through a plain GET form.
#[component]
pub fn DeliberationsPage() -> impl IntoView {
    let dt = use_dt();
    let query_map = crate::url::query();
    let query = Memo::new(move |_| {
        query_map.with(|m| {
            let text = |k: &str| m.get(k).filter(|v| !v.trim().is_empty());
            DeliberationQuery {
                place: text("place"),
                stage: text("stage"),
                before: m.get("before").and_then(|b| b.parse().ok()),
            }
        })
    });
    let data = Resource::new(move || query.get(), list_deliberations);
    view! {
        <crate::components::PageHead title=dt.list_title />
        <div class="wrap section">
            <div class="heading-row">
                <h1>{dt.list_title}</h1>
                <a class="button button-quiet" href="/deliberations/calendar">{dt.calendar_link}</a>
            </div>
            <p class="lead">{dt.list_lead}</p>
            <ol class="four-steps">
                {dt.steps_explained.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}
            </ol>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let q = query.get_untracked();
                    match data.await {
                        Ok(list) => {
                            let older = list.page.next.map(|n| older_href(&q, &n));
                            view! {
                                <StartLinks communities=list.may_start />
                                <Filters query=q.clone() />
                                {if list.page.items.is_empty() {
                                    view! {
                                        <div class="empty">
                                            <p>{dt.empty}</p>
                                            <p class="hint">{dt.empty_hint}</p>
                                        </div>
                                    }.into_any()
                                } else {
                                    view! {
                                        <ul class="matter-list">
                                            {list.page.items.into_iter().map(|item| view! { <DeliberationCard item /> }).collect_view()}
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

/// Links to start a deliberation, for council members and staff.
#[component]
fn StartLinks(communities: Vec<(String, linli_model::LocalName)>) -> impl IntoView {
    let dt = use_dt();
    let lang = use_lang();
    (!communities.is_empty()).then(|| {
        view! {
            <p class="start-links">
                {dt.start_in} " "
                {communities.into_iter().map(|(code, name)| view! {
                    <a class="button" href=format!("/communities/{code}/deliberations/new")>{name.get(lang).to_owned()}</a>
                    " "
                }).collect_view()}
            </p>
        }
    })
}

fn older_href(q: &DeliberationQuery, next: &str) -> String {
    let mut parts = Vec::new();
    for (k, v) in [("place", &q.place), ("stage", &q.stage)] {
        if let Some(v) = v {
            parts.push(format!("{k}={}", encode(v)));
        }
    }
    parts.push(format!("before={}", encode(next)));
    format!("/deliberations?{}", parts.join("&"))
}

#[component]
fn Filters(
    query: DeliberationQuery,
    #[prop(default = None)] error: Option<AppError>,
) -> impl IntoView {
    let t = use_t();
    let dt = use_dt();
    let stages = Stage::ALL
        .into_iter()
        .map(|s| {
            let selected = query.stage.as_deref() == Some(s.as_str());
            view! { <option value=s.as_str() selected=selected>{(dt.stage)(s)}</option> }
        })
        .collect_view();
    view! {
        <form class="search-form matter-filters" method="get" action="/deliberations" role="search">
            <div class="field">
                <label for="delib-stage">{dt.filter_stage}</label>
                <select id="delib-stage" name="stage">
                    <option value="">{dt.all_stages}</option>
                    {stages}
                </select>
            </div>
            <PlaceFilter id="delib-place" label=dt.filter_place hint=dt.filter_place_hint value=query.place.clone() error />
            <div class="form-actions">
                <button type="submit" class="button">{t.search_button}</button>
                <a class="button button-quiet" href="/deliberations">{t.clear_filters}</a>
            </div>
        </form>
    }
}

/// `/deliberations/calendar`: consultations from today on, by day.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let dt = use_dt();
    let lang = use_lang();
    let query_map = crate::url::query();
    let place = Memo::new(move |_| query_map.with(|m| m.get("place")));
    let data = Resource::new(move || place.get(), upcoming_consultations);
    view! {
        <crate::components::PageHead title=dt.calendar_title />
        <div class="wrap section narrow">
            <p class="breadcrumb"><a href="/deliberations">{dt.list_title}</a></p>
            <h1>{dt.calendar_title}</h1>
            <p class="lead">{dt.calendar_lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{dt.calendar_empty}</p> }.into_any(),
                        Ok(items) => {
                            // Grouped by day, in Beijing time.
                            let mut days: Vec<(String, Vec<_>)> = Vec::new();
                            for item in items {
                                let when = beijing_time(item.starts_at.unwrap_or(0));
                                let (day, time) = when.split_once(' ').map(|(d, t)| (d.to_owned(), t.to_owned())).unwrap_or_default();
                                match days.last_mut() {
                                    Some((d, list)) if *d == day => list.push((time, item)),
                                    _ => days.push((day, vec![(time, item)])),
                                }
                            }
                            view! {
                                <ol class="calendar">
                                    {days.into_iter().map(|(day, list)| view! {
                                        <li class="calendar-day">
                                            <h2><time datetime=day.clone()>{day.clone()}</time></h2>
                                            <ul>
                                                {list.into_iter().map(|(time, item)| view! {
                                                    <li>
                                                        <strong>{time}</strong> " "
                                                        <a href=format!("/deliberations/{}", item.id)>{item.title}</a>
                                                        <span class="hint">" · " {item.community_name.get(lang).to_owned()}</span>
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
