//! Deliberations: the list and calendar, one deliberation with the forms
//! of each step, its decision record, and the form that starts one.

mod detail;
mod list;
mod paper;
mod poll;
mod record;
mod start;

pub use detail::DeliberationPage;
pub use list::{CalendarPage, DeliberationsPage};
pub use record::RecordPage;
pub use start::StartPage;

use leptos::prelude::*;
use linli_model::deliberation::{DeliberationSummary, Stage};

use crate::i18n::{beijing_time, deliberation::use_dt, use_lang};

/// A deliberation's step as a coloured label; the colour repeats the word.
#[component]
fn StageBadge(stage: Stage) -> impl IntoView {
    let dt = use_dt();
    view! { <span class=format!("badge stage-{}", stage.as_str())>{(dt.stage)(stage)}</span> }
}

/// One deliberation in a list: a card whose title links to it, with the
/// date that matters at its step.
#[component]
pub(crate) fn DeliberationCard(item: DeliberationSummary) -> impl IntoView {
    let dt = use_dt();
    let lang = use_lang();
    let date = match item.stage {
        Stage::Collecting => Some((dt.collect_until, item.collect_until)),
        Stage::Notice => item.notice_ends_at.map(|at| (dt.notice_until, at)),
        Stage::Deciding | Stage::Consultation => item.starts_at.map(|at| (dt.starts_at, at)),
        Stage::Decided | Stage::Cancelled => None,
    };
    view! {
        <li class="matter-card">
            <h3>
                <a href=format!("/deliberations/{}", item.id)>{item.title}</a>
            </h3>
            <p class="matter-meta">
                <StageBadge stage=item.stage />
                <span>{item.community_name.get(lang).to_owned()}</span>
                <span>{(dt.topics_count)(item.topics)}</span>
                {date.map(|(label, at)| view! { <span>{label} " " {beijing_time(at)}</span> })}
            </p>
        </li>
    }
}

/// The notice or the refusal a deliberation form's redirect carried back.
#[component]
pub(crate) fn DeliberationMessages() -> impl IntoView {
    let dt = use_dt();
    let query = crate::url::query();
    let (notice, error) = query.with_untracked(|q| (q.get("notice"), q.get("error")));
    let notice = notice.and_then(|n| (dt.notice)(&n));
    let error = error.and_then(|e| (dt.error)(&e));
    view! {
        {notice.map(|n| view! { <p class="notice-ok" role="status">{n}</p> })}
        {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
    }
}
