//! One module per page, mirroring the routes.

mod account;
pub(crate) mod accountability;
mod admission;
mod api_docs;
pub(crate) mod assist;
pub(crate) mod calendar;
mod community;
mod deliberations;
mod directory;
mod home;
mod items;
mod lists;
mod matters;
pub(crate) mod moderation;
mod not_found;
mod open_data;
mod organisations;
mod projects;
mod promises;
mod recurring;
mod results;
mod staff;
pub(crate) mod standards;

pub use account::{AccountPage, ForgotPage, JoinPage, ResetPage, SignInPage, SignUpPage};
pub use accountability::AccountabilityPage;
pub use admission::{AdmissionDeskPage, AdmissionHistoryPage};
pub use api_docs::ApiDocsPage;
pub use assist::AssistResidentPage;
pub use calendar::DistrictCalendarPage;
pub use community::CommunityPage;
pub use deliberations::{CalendarPage, DeliberationPage, DeliberationsPage, RecordPage, StartPage};
pub use directory::DirectoryPage;
pub use home::HomePage;
pub use items::ItemsPage;
pub use lists::{
    NeedPage, NeedsPage, NewNeedPage, NewResourcePage, NewResponsibilityPage, ResourcePage,
    ResourcesPage, ResponsibilitiesPage,
};
pub use matters::{
    InboxPage, MatterPage, MattersPage, ReportPage, SettingsPage, StatsPage, WorkQueuePage,
};
pub use moderation::{ModerationDeskPage, ModerationItemPage, ModerationLogPage};
pub use not_found::NotFoundPage;
pub use open_data::OpenDataPage;
pub use organisations::{DeskPage, OrganisationPage, OrganisationsPage, RegisterPage};
pub use projects::{ProjectPage, ProjectsPage, PublishPage};
pub use promises::{PromisePage, PromisesPage};
pub use recurring::RecurringMattersPage;
pub use results::{ResultPage, ResultsPage};
pub use staff::{AuditPage, StaffQueuePage};
pub use standards::StandardsPage;

/// The route's numeric `:id`, as a reactive getter; 0 (which names nothing,
/// so the page says "not found") when it is not a number.
pub(crate) fn route_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    use leptos::prelude::With;
    let params = leptos_router::hooks::use_params_map();
    move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    }
}
