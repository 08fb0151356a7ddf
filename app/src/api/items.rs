//! Reading a community's item list (public).

use leptos::prelude::*;
use linli_model::item::CommunityItems;

use crate::AppError;

/// The list, or the items answering `q`; the code is parsed on the server.
#[server(endpoint = "items/community")]
pub async fn get_community_items(
    code: String,
    q: Option<String>,
) -> Result<CommunityItems, AppError> {
    let code = linli_model::tree::CommunityCode::parse(&code)?;
    let store = super::store()?;
    let items = linli_service::items::Items { store: &store };
    Ok(items.of_community(&code, q.as_deref()).await?)
}
