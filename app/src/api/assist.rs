//! Staff acting for residents: the page where they start, and the banner
//! every page shows while they do.

use leptos::prelude::*;
use linli_model::channel::Assisting;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// Whom the request's staff member is acting for, read at once for the
/// banner.
#[cfg(feature = "ssr")]
pub fn assisting_now() -> Option<Assisting> {
    linli_service::assist::Assist::banner(&super::actor())
}

/// What the page to start acting for a resident shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssistPage {
    /// Staff who may act for residents (community staff, grid workers).
    pub may_assist: bool,
    pub assisting: Option<Assisting>,
}

#[server(endpoint = "assist/page")]
pub async fn get_assist_page() -> Result<AssistPage, AppError> {
    use linli_service::assist::Assist;
    let actor = super::actor();
    if actor.viewer().is_none() {
        return Err(AppError::Unauthenticated);
    }
    Ok(AssistPage {
        may_assist: Assist::offered_to(&actor),
        assisting: Assist::banner(&actor),
    })
}
