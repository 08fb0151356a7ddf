//! The administrative tree: districts, streets, communities and grids.

use axum::extract::State;
use linli_model::{
    Page,
    item::CommunityItems,
    tree::{
        CityOverview, CommunityCode, CommunityDetail, CommunitySearch, CommunitySummary,
        DirectoryFilter, DistrictCode, DistrictSummary, StreetCode, StreetSummary,
    },
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    error::ApiError,
    extract::{Json, Path, Query},
};
use crate::startup::AppState;

type Result<T> = std::result::Result<Json<T>, ApiError>;

/// Communities per page unless `limit` says otherwise.
const DEFAULT_LIMIT: usize = 24;
const MAX_LIMIT: usize = 100;

/// The city at a glance.
#[utoipa::path(get, path = "/city", tag = "tree",
    responses((status = 200, body = CityOverview), (status = 404, body = super::error::ErrorBody)))]
pub async fn city(State(state): State<AppState>) -> Result<CityOverview> {
    let city = state.store.city_overview().await?;
    Ok(Json(city.ok_or(linli_service::Error::NotFound)?))
}

/// Every district, with counts.
#[utoipa::path(get, path = "/districts", tag = "tree",
    responses((status = 200, body = Vec<DistrictSummary>)))]
pub async fn districts(State(state): State<AppState>) -> Result<Vec<DistrictSummary>> {
    Ok(Json(state.store.districts().await?))
}

/// The streets of one district.
#[utoipa::path(get, path = "/districts/{code}/streets", tag = "tree",
    params(("code" = String, Path, description = "6-digit district code")),
    responses((status = 200, body = Vec<StreetSummary>), (status = 422, body = super::error::ErrorBody)))]
pub async fn streets(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Vec<StreetSummary>> {
    let district = DistrictCode::parse(&code).map_err(ApiError::code("code"))?;
    Ok(Json(state.store.streets(&district).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommunityQuery {
    /// A name (Chinese or pinyin) or the start of a code.
    #[serde(default)]
    q: String,
    /// A 6-digit district code.
    district: Option<String>,
    /// A 9-digit street code.
    street: Option<String>,
    /// The `next` of the previous page.
    cursor: Option<String>,
    /// Items per page, 1 to 100 (default 24).
    limit: Option<usize>,
}

/// Communities, filtered and searched, a page at a time.
#[utoipa::path(get, path = "/communities", tag = "tree", params(CommunityQuery),
    responses((status = 200, body = Page<CommunitySummary>), (status = 422, body = super::error::ErrorBody)))]
pub async fn communities(
    State(state): State<AppState>,
    Query(query): Query<CommunityQuery>,
) -> Result<Page<CommunitySummary>> {
    let filter = DirectoryFilter {
        search: CommunitySearch::parse(&query.q).map_err(ApiError::code("q"))?,
        district: query
            .district
            .as_deref()
            .map(DistrictCode::parse)
            .transpose()
            .map_err(ApiError::code("district"))?,
        street: query
            .street
            .as_deref()
            .map(StreetCode::parse)
            .transpose()
            .map_err(ApiError::code("street"))?,
    };
    let after = query
        .cursor
        .as_deref()
        .map(CommunityCode::parse)
        .transpose()
        .map_err(ApiError::code("cursor"))?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(linli_service::Error::invalid(
            "limit",
            linli_model::account::FieldError::NumberRange(1, MAX_LIMIT),
        )
        .into());
    }
    Ok(Json(
        state
            .store
            .communities(&filter, after.as_ref(), limit)
            .await?,
    ))
}

/// One community with its grids.
#[utoipa::path(get, path = "/communities/{code}", tag = "tree",
    params(("code" = String, Path, description = "17-digit community code")),
    responses((status = 200, body = CommunityDetail), (status = 404, body = super::error::ErrorBody),
        (status = 422, body = super::error::ErrorBody)))]
pub async fn community(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<CommunityDetail> {
    let code = CommunityCode::parse(&code).map_err(ApiError::code("code"))?;
    Ok(Json(state.store.community(&code).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ItemQuery {
    /// A question in Chinese or English ("谁开居住证明"); without it, the
    /// whole list.
    pub q: Option<String>,
}

/// The community's item list (事项清单), or the items answering `q`, best
/// first; negative items name the body responsible instead.
#[utoipa::path(get, path = "/communities/{code}/items", tag = "tree",
    params(("code" = String, Path, description = "17-digit community code"), ItemQuery),
    responses((status = 200, body = CommunityItems), (status = 404, body = super::error::ErrorBody),
        (status = 422, body = super::error::ErrorBody)))]
pub async fn items(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<ItemQuery>,
) -> Result<CommunityItems> {
    let code = CommunityCode::parse(&code).map_err(ApiError::code("code"))?;
    let items = linli_service::items::Items {
        store: &state.store,
    };
    Ok(Json(items.of_community(&code, query.q.as_deref()).await?))
}
