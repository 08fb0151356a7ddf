//! Reading the administrative tree.

use leptos::prelude::*;
use linli_model::{
    Page,
    tree::{CityOverview, CommunityDetail, CommunitySummary, DistrictSummary, StreetSummary},
};

use crate::AppError;

/// Communities a directory page shows at once.
pub const DIRECTORY_PAGE_SIZE: usize = 24;

#[server(endpoint = "tree/overview")]
pub async fn get_city_overview() -> Result<Option<CityOverview>, AppError> {
    Ok(super::store()?.city_overview().await?)
}

#[server(endpoint = "tree/districts")]
pub async fn list_districts() -> Result<Vec<DistrictSummary>, AppError> {
    Ok(super::store()?.districts().await?)
}

#[server(endpoint = "tree/streets")]
pub async fn list_streets(district: String) -> Result<Vec<StreetSummary>, AppError> {
    let district = linli_model::tree::DistrictCode::parse(&district)?;
    Ok(super::store()?.streets(&district).await?)
}

/// The directory: parses what the person typed on the server too, since the
/// browser's parsing is a convenience, not a guarantee.
#[server(endpoint = "tree/communities")]
pub async fn list_communities(
    q: String,
    district: Option<String>,
    street: Option<String>,
    after: Option<String>,
) -> Result<Page<CommunitySummary>, AppError> {
    use linli_model::tree::{
        CommunityCode, CommunitySearch, DirectoryFilter, DistrictCode, StreetCode,
    };
    let filter = DirectoryFilter {
        search: CommunitySearch::parse(&q)?,
        district: district.as_deref().map(DistrictCode::parse).transpose()?,
        street: street.as_deref().map(StreetCode::parse).transpose()?,
    };
    let after = after.as_deref().map(CommunityCode::parse).transpose()?;
    Ok(super::store()?
        .communities(&filter, after.as_ref(), DIRECTORY_PAGE_SIZE)
        .await?)
}

#[server(endpoint = "tree/community")]
pub async fn get_community(code: String) -> Result<CommunityDetail, AppError> {
    let code = linli_model::tree::CommunityCode::parse(&code)?;
    Ok(super::store()?.community(&code).await?)
}
