//! Reporting and moderation: one item's report page, a community's public
//! log, and the moderators' desk.

use leptos::prelude::*;
use linli_model::moderation::{ItemView, ModerationDesk, ModerationLog};

use crate::AppError;

#[cfg(feature = "ssr")]
fn moderation(s: &super::Services) -> linli_service::moderation::Moderation<'_> {
    linli_service::moderation::Moderation {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
}

/// `what`: `kind:id`, as the report links carry it.
#[server(endpoint = "moderation/item")]
pub async fn get_moderation_item(what: String) -> Result<ItemView, AppError> {
    let content = linli_model::moderation::Content::parse(&what).ok_or(AppError::NotFound)?;
    let s = super::services()?;
    Ok(moderation(&s).item(&super::actor(), &content).await?)
}

#[server(endpoint = "moderation/log")]
pub async fn get_moderation_log(
    code: String,
    before: Option<i64>,
) -> Result<ModerationLog, AppError> {
    let community =
        linli_model::tree::CommunityCode::parse(&code).map_err(|_| AppError::NotFound)?;
    let s = super::services()?;
    Ok(moderation(&s).log(&community, before).await?)
}

#[server(endpoint = "moderation/desk")]
pub async fn get_moderation_desk() -> Result<ModerationDesk, AppError> {
    let s = super::services()?;
    Ok(moderation(&s).desk(&super::actor()).await?)
}
