//! Resident matters: the public list, one matter with its timeline and
//! the forms to handle it, and the report form.

mod desk;
mod detail;
mod list;
mod report;
mod settings;
mod stats;

pub use desk::{InboxPage, WorkQueuePage};
pub use detail::MatterPage;
pub use list::MattersPage;
pub use report::ReportPage;
pub use settings::SettingsPage;
pub use stats::StatsPage;

use leptos::prelude::*;
use linli_model::matter::{MatterState, MatterSummary};

use crate::i18n::{beijing_time, use_lang, use_t};

/// A matter's state as a coloured label; the colour repeats what the word
/// says, never replaces it.
#[component]
fn StateBadge(state: MatterState) -> impl IntoView {
    let t = use_t();
    view! { <span class=format!("badge state-{}", state.as_str())>{(t.matter_state)(state)}</span> }
}

/// One matter in a list: a card whose title links to the matter.
#[component]
pub(crate) fn MatterCard(matter: MatterSummary) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    view! {
        <li class="matter-card">
            <h3>
                <a href=format!("/matters/{}", matter.id)>{matter.title}</a>
            </h3>
            <p class="matter-meta">
                <StateBadge state=matter.state />
                {matter.severity.map(|s| view! { <span class="badge">{(t.severity)(s)}</span> })}
                {matter.overdue.then(|| view! { <span class="badge badge-alert">{t.overdue_badge}</span> })}
                <span>{matter.category_name.get(lang).to_owned()}</span>
                <span>{t.reported_on} " " {beijing_time(matter.created_at)}</span>
                <span>{matter.support_count} " " {t.supporters}</span>
                <span class="code">"#" {matter.id}</span>
            </p>
        </li>
    }
}
