//! One module per page, mirroring the routes.

mod account;
mod api_docs;
mod community;
mod directory;
mod home;
mod matters;
mod not_found;
mod staff;

pub use account::{AccountPage, ForgotPage, JoinPage, ResetPage, SignInPage, SignUpPage};
pub use api_docs::ApiDocsPage;
pub use community::CommunityPage;
pub use directory::DirectoryPage;
pub use home::HomePage;
pub use matters::{
    InboxPage, MatterPage, MattersPage, ReportPage, SettingsPage, StatsPage, WorkQueuePage,
};
pub use not_found::NotFoundPage;
pub use staff::{AuditPage, StaffQueuePage};
