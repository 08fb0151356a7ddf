//! `/results?place=&late=&page=`: what became of a place's decisions and
//! awarded projects, and `/results/{id}`: one result with its dated
//! entries, where people follow it and the council posts updates (plain
//! forms, so they work without JavaScript).

use leptos::prelude::*;
use linli_model::{
    calendar::Day,
    tracker::{Entry, Source, Tracked, TrackedList, TrackedPage},
};

use crate::{
    api::results::{one_result, results_of_place},
    components::{ErrorNotice, Input, Loading, Refill},
    i18n::{beijing_time, results::use_rt, use_lang},
    pages::{account::FormMessages, route_id},
};

#[component]
pub fn ResultsPage() -> impl IntoView {
    let query = crate::url::query();
    let args = move || {
        query.with(|q| {
            (
                q.get("place").unwrap_or_default(),
                q.get_str("late") == Some("1"),
                q.get_str("page")
                    .and_then(|p| p.parse::<u32>().ok())
                    .unwrap_or(1),
            )
        })
    };
    let list = Resource::new(args, |(place, late, page)| {
        results_of_place(place, late, page)
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <ListView list /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn list_href(place: &str, late: bool, page: u32) -> String {
    let mut parts = Vec::new();
    if !place.is_empty() {
        parts.push(format!("place={place}"));
    }
    if late {
        parts.push("late=1".to_owned());
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/results".to_owned()
    } else {
        format!("/results?{}", parts.join("&"))
    }
}

#[component]
fn ListView(list: TrackedList) -> impl IntoView {
    let rt = use_rt();
    let lang = use_lang();
    let title = (rt.title)(list.place_name.get(lang));
    let place = list.place.clone();
    let toggle = if list.late_only {
        view! { <a class="button button-quiet" href=list_href(&place, false, 1)>{rt.all}</a> }
    } else {
        view! { <a class="button button-quiet" href=list_href(&place, true, 1)>{rt.late_only}</a> }
    };
    let now = list.now;
    let cards = if list.results.is_empty() {
        let empty = if list.late_only {
            rt.empty_late
        } else {
            rt.empty
        };
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        let items = list
            .results
            .into_iter()
            .map(|result| view! { <ResultCard result now linked=true /> })
            .collect_view();
        view! { <ul class="result-list">{items}</ul> }.into_any()
    };
    let prev = (list.page > 1).then(|| list_href(&place, list.late_only, list.page - 1));
    let next = list
        .has_more
        .then(|| list_href(&place, list.late_only, list.page + 1));
    let pager = (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label=rt.pages>
                {prev.map(|href| view! { <a class="button button-quiet" rel="prev" href=href>{rt.previous}</a> })}
                {next.map(|href| view! { <a class="button" rel="next" href=href>{rt.next}</a> })}
            </nav>
        }
    });
    // This page of the list; the CSV links the next page in its headers.
    let csv = format!(
        "/api/v1/results?place={place}{}&cursor={}&format=csv",
        if list.late_only { "&late=1" } else { "" },
        list.page
    );
    view! {
        <crate::components::PageHead title=title.clone() description=rt.lead />
        <div class="wrap section">
            <h1>{title}</h1>
            <p class="lead">{rt.lead}</p>
            <p class="result-summary">{(rt.summary)(&list.counts)}</p>
            <p>{toggle}</p>
            {cards}
            {pager}
            <p class="export-links"><a href=csv rel="external" download="">{rt.download}</a></p>
        </div>
    }
}

/// One result: what it tracks, its status, a bar of its progress and its
/// planned date, flagged when late.
#[component]
fn ResultCard(result: Tracked, now: i64, linked: bool) -> impl IntoView {
    let rt = use_rt();
    let lang = use_lang();
    let percent = result.progress.percent();
    let late = result.days_late(now);
    let kind = match result.source {
        Source::Topic { .. } => rt.from_topic,
        Source::Project { .. } => rt.from_project,
    };
    let title = if linked {
        view! { <a href=format!("/results/{}", result.id)>{crate::pages::moderation::shown_title(&result.title)}</a> }.into_any()
    } else {
        view! { <span>{crate::pages::moderation::shown_title(&result.title)}</span> }.into_any()
    };
    let label = (rt.progress)(percent);
    view! {
        <li class=format!("result-card result-{}", result.status.as_str()) class:result-late=late.is_some()>
            <p class="result-state">
                <span class=format!("badge result-status-{}", result.status.as_str())>{(rt.status)(result.status)}</span>
                " " {kind} " · " {result.community_name.get(lang).to_owned()}
            </p>
            <h2>{title}</h2>
            // A native bar: the style policy forbids inline widths.
            <progress class="result-bar" max="100" value=percent.to_string() aria-label=label.clone()>
                {label.clone()}
            </progress>
            <p class="hint">
                {label} " · " {(rt.planned)(&Day::of(result.planned_at).to_string())}
                {late.map(|days| view! { " · " <strong class="result-late-note">{(rt.late)(days)}</strong> })}
            </p>
        </li>
    }
}

#[component]
pub fn ResultPage() -> impl IntoView {
    let id = route_id();
    let page = Resource::new(id, one_result);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <ResultView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

const FIELDS: &[&str] = &["progress", "status", "planned", "body"];

#[component]
fn ResultView(page: TrackedPage) -> impl IntoView {
    let rt = use_rt();
    let result = page.result;
    let id = result.id;
    let refill = Refill::read(FIELDS);
    let title = crate::pages::moderation::shown_title(&result.title);
    let source = match result.source {
        Source::Topic { .. } => rt.open_source_topic,
        Source::Project { .. } => rt.open_source_project,
    };
    let source_href = result.source.href();
    let list = format!("/results?place={}", result.community);
    let finished = result.status.finished();
    let follow = if page.signed_in {
        let (action, label) = if page.following {
            ("unfollow", rt.unfollow)
        } else {
            ("follow", rt.follow)
        };
        view! {
            <form class="inline-form" method="post" action=format!("/results/{id}/{action}")>
                <button type="submit" class="button button-quiet">{label}</button>
            </form>
            <p class="hint">{rt.follow_hint}</p>
        }
        .into_any()
    } else {
        view! { <p class="hint">{rt.sign_in_to_follow}</p> }.into_any()
    };
    let update = if page.may_update && !finished {
        Some(view! {
            <form id="update" class="panel stack-form" method="post" action=format!("/results/{id}/update")>
                <h2>{rt.update_heading}</h2>
                {refill.field("update", "progress", rt.progress_label, Input::Number, Some(rt.progress_hint))}
                {refill.field("update", "status", rt.status_label, Input::Select(rt.status_choices), None)}
                {refill.field("update", "planned", rt.planned_label, Input::Date, Some(rt.planned_hint))}
                {refill.field("update", "body", rt.body_label, Input::Textarea, Some(rt.body_hint))}
                <button type="submit" class="button">{rt.update_button}</button>
            </form>
        }
        .into_any())
    } else if finished {
        Some(view! { <p class="hint">{rt.finished}</p> }.into_any())
    } else {
        None
    };
    let entries = entry_list(page.entries);
    view! {
        <crate::components::PageHead title=title.clone() description=rt.lead />
        <div class="wrap section narrow">
            <nav aria-label=rt.nav class="breadcrumb">
                <ol><li><a href=list>{rt.nav}</a></li></ol>
            </nav>
            <FormMessages />
            <ul class="result-list">
                <ResultCard result now=page.now linked=false />
            </ul>
            <p><a href=source_href>{source}</a> " · " {(rt.followers)(page.followers)}</p>
            {follow}
            {update}
            <section aria-labelledby="entries-heading">
                <h2 id="entries-heading">{rt.entries}</h2>
                {entries}
            </section>
        </div>
    }
}

/// The entries, newest first; a planned date that moved says so.
fn entry_list(entries: Vec<Entry>) -> impl IntoView {
    let rt = use_rt();
    let moved: Vec<bool> = entries
        .windows(2)
        .map(|w| w[0].planned_at != w[1].planned_at)
        .chain(std::iter::once(false))
        .collect();
    let items = entries
        .into_iter()
        .zip(moved)
        .map(|(e, moved)| {
            let by = e.by.clone().unwrap_or_else(|| rt.by_linli.to_owned());
            view! {
                <li class="timeline-item">
                    <p class="matter-meta">
                        <time>{beijing_time(e.at)}</time>
                        " · " <span class=format!("badge result-status-{}", e.status.as_str())>{(rt.status)(e.status)}</span>
                        " · " {(rt.progress)(e.progress.percent())} " · " {by}
                    </p>
                    {moved.then(|| view! { <p class="hint">{(rt.moved_to)(&Day::of(e.planned_at).to_string())}</p> })}
                    <p class="answer-text">{e.body}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline result-entries">{items}</ol> }
}
