//! A person's inbox: what changed on the matters they reported or support
//! and in the deliberations they follow, and how they want to hear of it.

use leptos::prelude::*;
use linli_model::{
    api_token::AccountNotice, deliberation::DeliberationInboxItem, matter::InboxItem,
};
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    /// Word that the person's API tokens stopped working, and why.
    pub account: Vec<AccountNotice>,
    pub matters: Vec<InboxItem>,
    pub deliberations: Vec<DeliberationInboxItem>,
    /// Updates of results the person follows.
    pub results: Vec<linli_model::tracker::TrackedNotice>,
    /// How messages about deliberations reach the person.
    pub notices: linli_model::account::NoticeSettings,
}

/// The signed-in person's inbox; reading it marks it read.
#[server(endpoint = "inbox")]
pub async fn my_inbox() -> Result<InboxView, AppError> {
    let s = super::services()?;
    let actor = super::actor();
    let deliberations = super::deliberations::deliberations(&s);
    Ok(InboxView {
        account: linli_service::auth::Auth {
            store: &s.store,
            clock: s.clock.as_ref(),
        }
        .account_notices(&actor)
        .await?,
        matters: super::matters::matters(&s).inbox(&actor).await?,
        deliberations: deliberations.inbox(&actor).await?,
        results: linli_service::tracker::Tracker {
            store: &s.store,
            clock: s.clock.as_ref(),
        }
        .notices(&actor)
        .await?,
        notices: deliberations.notice_settings(&actor).await?,
    })
}
