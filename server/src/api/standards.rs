//! The governance standards board as open data: every flag under a place,
//! as JSON or (`format=csv`) a spreadsheet.

use axum::{
    extract::State,
    response::{IntoResponse, Response},
};
use linli_model::{account::FieldError, standards::Flag};
use linli_service::accountability::parse_place;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    error::{ApiError, ErrorBody},
    extract::{Json, Query},
};
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StandardsQuery {
    /// A district, street or community code; none for the city.
    place: Option<String>,
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

/// Every community, grid and micro-grid under the place that falls outside
/// a governance standard: `kind` says which, `measured` what was found
/// (households, workers, or days since the responsibility list changed;
/// `null` when it never did), `expected` the bound or the workers due, and
/// `href` the page where it is fixed. Public.
#[utoipa::path(get, path = "/standards", tag = "accountability", params(StandardsQuery),
    responses((status = 200, body = Vec<Flag>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn flags(
    State(state): State<AppState>,
    Query(q): Query<StandardsQuery>,
) -> Result<Response, ApiError> {
    let place = parse_place(q.place.as_deref().unwrap_or("")).map_err(ApiError::code("place"))?;
    let flags = state.standards().flags(&place).await?;
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(flags).into_response()),
        Some("csv") => {
            let columns = linli_model::open_data::STANDARDS.columns();
            let rows: Vec<Vec<String>> = flags
                .iter()
                .map(|f| {
                    vec![
                        f.kind.as_str().to_owned(),
                        f.code.clone(),
                        f.name.zh.clone(),
                        f.name.en.clone(),
                        f.community.zh.clone(),
                        f.community.en.clone(),
                        f.measured.map(|m| m.to_string()).unwrap_or_default(),
                        f.expected.to_string(),
                        f.href.clone(),
                    ]
                })
                .collect();
            Ok(super::csv::response("standards", &columns, &rows, None))
        }
        Some(_) => Err(linli_service::Error::invalid("format", FieldError::NotAChoice).into()),
    }
}
