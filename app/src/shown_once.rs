//! Secrets a form makes that must be shown once and kept nowhere.
//!
//! A new API token's secret and new invitation codes exist only in the
//! answer to the form that made them: the server renders the page again
//! into that answer with them attached to the request
//! (`server/src/routes/shown_once.rs`), instead of redirecting, so they are
//! in no URL, no cookie and no table, and no JavaScript is needed.

/// What the answer to a form shows once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShownOnce {
    ApiToken(String),
    Invitations(Vec<String>),
}

impl ShownOnce {
    /// What this request's form made, if it made something to show.
    pub fn of_request() -> Option<Self> {
        #[cfg(feature = "ssr")]
        {
            crate::request_extension::<ShownOnce>()
        }
        #[cfg(not(feature = "ssr"))]
        {
            None
        }
    }
}
