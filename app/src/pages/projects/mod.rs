//! Community projects: the list, one project with its call, bids,
//! evaluation, award, milestones and ratings, and the form that publishes
//! a call. Organisations have their own pages (see `organisations`).

mod detail;
mod list;
mod publish;

pub use detail::ProjectPage;
pub use list::ProjectsPage;
pub use publish::PublishPage;

use leptos::prelude::*;
use linli_model::project::{ProjectStatus, ProjectSummary};

use crate::i18n::{beijing_time, projects::use_pt, use_lang};

/// A score in hundredths of a point as people read it: `81.00`.
pub(crate) fn points(hundredths: u32) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// A project's status as a coloured label; the colour repeats the word.
#[component]
fn StatusBadge(status: ProjectStatus) -> impl IntoView {
    let pt = use_pt();
    view! { <span class=format!("badge project-{}", status.as_str())>{(pt.status)(status)}</span> }
}

/// One project in a list.
#[component]
pub(crate) fn ProjectCard(item: ProjectSummary) -> impl IntoView {
    let pt = use_pt();
    let lang = use_lang();
    view! {
        <li class="matter-card">
            <h3>
                <a href=format!("/projects/{}", item.id)>{item.title}</a>
            </h3>
            <p class="matter-meta">
                <StatusBadge status=item.status />
                <span>{item.community_name.get(lang).to_owned()}</span>
                <span>{pt.cap_label} " " {item.budget_cap.to_string()}</span>
                {(item.status == ProjectStatus::CallOpen).then(|| view! { <span>{pt.deadline_label} " " {beijing_time(item.deadline)}</span> })}
                {item.awarded_to.map(|(id, name)| view! { <span>{pt.awarded_to} " " <a href=format!("/organisations/{id}")>{name}</a></span> })}
            </p>
        </li>
    }
}

/// The notice or the refusal a project form's redirect carried back.
#[component]
pub(crate) fn ProjectMessages() -> impl IntoView {
    let pt = use_pt();
    let query = crate::url::query();
    let (notice, error) = query.with_untracked(|q| (q.get("notice"), q.get("error")));
    let notice = notice.and_then(|n| (pt.notice)(&n));
    let error = error.and_then(|e| (pt.error)(&e));
    view! {
        {notice.map(|n| view! { <p class="notice-ok" role="status">{n}</p> })}
        {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
    }
}
