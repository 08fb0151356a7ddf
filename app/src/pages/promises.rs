//! `/promises?place=`: every promise of a place with its two clocks, and
//! `/promises/{id}`: one promise, where the council records the agenda and
//! its written answer (plain forms, so they work without JavaScript).

use leptos::prelude::*;
use linli_model::promise::{Clocks, Promise, PromiseList, PromisePage, PromiseState};

use crate::{
    api::promises::{one_promise, promises_of_place},
    components::{ErrorNotice, Input, Loading, Refill},
    i18n::{beijing_time, promises::use_pm, use_lang},
    pages::{account::FormMessages, route_id},
};

#[component]
pub fn PromisesPage() -> impl IntoView {
    let query = crate::url::query();
    let place = move || query.with(|q| q.get("place").unwrap_or_default());
    let list = Resource::new(place, promises_of_place);
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

#[component]
fn ListView(list: PromiseList) -> impl IntoView {
    let pm = use_pm();
    let lang = use_lang();
    let title = (pm.title)(list.place_name.get(lang));
    let count = |s: PromiseState| list.promises.iter().filter(|p| p.state == s).count();
    let summary = (pm.summary)(
        count(PromiseState::Running),
        count(PromiseState::Kept),
        count(PromiseState::Broken),
    );
    let now = list.now;
    let cards = if list.promises.is_empty() {
        view! { <p class="empty">{pm.empty}</p> }.into_any()
    } else {
        let items = list
            .promises
            .into_iter()
            .map(|promise| view! { <PromiseCard promise now linked=true /> })
            .collect_view();
        view! { <ul class="promise-list">{items}</ul> }.into_any()
    };
    let rates = if list.place.is_empty() {
        "/accountability".to_owned()
    } else {
        format!("/accountability?place={}", list.place)
    };
    let csv = format!("/api/v1/promises?place={}&format=csv", list.place);
    view! {
        <crate::components::PageHead title=title.clone() description=pm.lead />
        <div class="wrap section">
            <h1>{title}</h1>
            <p class="lead">{pm.lead}</p>
            <p class="promise-summary">{summary}</p>
            {cards}
            <p class="export-links"><a href=csv rel="external" download="">{pm.download}</a></p>
            <p><a class="button button-quiet" href=rates>{pm.rates_link}</a></p>
        </div>
    }
}

/// One promise: what was supported, by how many, and its two clocks.
#[component]
fn PromiseCard(promise: Promise, now: i64, linked: bool) -> impl IntoView {
    let pm = use_pm();
    let lang = use_lang();
    let c = promise.clocks;
    let title = if linked {
        view! { <a href=format!("/promises/{}", promise.id)>{crate::pages::moderation::shown_title(&promise.title)}</a> }.into_any()
    } else {
        view! { <span>{crate::pages::moderation::shown_title(&promise.title)}</span> }.into_any()
    };
    view! {
        <li class=format!("promise-card promise-{}", promise.state.as_str())>
            <p class="promise-state">
                <span class=format!("badge state-{}", promise.state.as_str())>{(pm.state)(promise.state)}</span>
                " " {(pm.subject)(promise.subject)} " · " {promise.community_name.get(lang).to_owned()}
            </p>
            <h2>{title}</h2>
            <p class="hint">
                {(pm.supporters)(promise.supporters, promise.threshold)} " · "
                {(pm.reached)(&beijing_time(c.reached_at))}
            </p>
            <dl class="promise-clocks">
                <div>
                    <dt>{pm.agenda_heading}</dt>
                    <dd>{clock(c.on_agenda_at, c.agenda_due, now)}</dd>
                </div>
                <div>
                    <dt>{pm.answer_heading}</dt>
                    <dd>{clock(c.answered_at, c.answer_due, now)}</dd>
                </div>
            </dl>
        </li>
    }
}

/// A deadline: when it was met, or how long is left.
fn clock(done: Option<i64>, due: i64, now: i64) -> String {
    let pm = use_pm();
    match done {
        Some(at) if at <= due => (pm.done)(&beijing_time(at)),
        Some(at) => (pm.done_late)(&beijing_time(at)),
        None => (pm.due)(&beijing_time(due), Clocks::days_left(due, now)),
    }
}

#[component]
pub fn PromisePage() -> impl IntoView {
    let id = route_id();
    let page = Resource::new(id, one_promise);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <PromiseView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

const FIELDS: &[&str] = &["note", "answer"];

#[component]
fn PromiseView(page: PromisePage) -> impl IntoView {
    let pm = use_pm();
    let promise = page.promise;
    let id = promise.id;
    let refill = Refill::read(FIELDS);
    let title = crate::pages::moderation::shown_title(&promise.title);
    let href = promise.href.clone();
    let answer = promise.answer.clone();
    let note = promise.agenda_note.clone();
    let open_agenda = page.may_answer && promise.clocks.on_agenda_at.is_none();
    let open_answer = page.may_answer && promise.clocks.answered_at.is_none();
    let list = format!("/promises?place={}", promise.community);
    view! {
        <crate::components::PageHead title=title.clone() description=pm.lead />
        <div class="wrap section narrow">
            <nav aria-label=pm.nav class="breadcrumb">
                <ol><li><a href=list>{pm.nav}</a></li></ol>
            </nav>
            <FormMessages />
            <ul class="promise-list">
                <PromiseCard promise now=page.now linked=false />
            </ul>
            <p><a href=href>{pm.open_subject}</a></p>
            {note.map(|n| view! { <p><strong>{pm.agenda_heading}</strong> " · " {n}</p> })}
            <section aria-labelledby="answer-heading">
                <h2 id="answer-heading">{pm.answer_heading}</h2>
                {match answer {
                    Some(text) => view! { <p class="answer-text">{text}</p> }.into_any(),
                    None => view! { <p class="empty">{pm.not_answered}</p> }.into_any(),
                }}
            </section>
            {open_agenda.then(|| view! {
                <form id="agenda" class="panel stack-form" method="post" action=format!("/promises/{id}/agenda")>
                    {refill.field("agenda", "note", pm.note_label, Input::Text, Some(pm.note_hint))}
                    <button type="submit" class="button">{pm.agenda_button}</button>
                </form>
            })}
            {open_answer.then(|| view! {
                <form id="answer" class="panel stack-form" method="post" action=format!("/promises/{id}/answer")>
                    {refill.field("answer", "answer", pm.answer_label, Input::Textarea, Some(pm.answer_hint))}
                    <button type="submit" class="button">{pm.answer_button}</button>
                </form>
            })}
        </div>
    }
}
