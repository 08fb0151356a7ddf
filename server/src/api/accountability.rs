//! The accountability figures as open data: a place's month, its trend and
//! the places one level down, as JSON or (`format=csv`) a spreadsheet.

use axum::{
    extract::State,
    response::{IntoResponse, Response},
};
use linli_model::{
    account::FieldError,
    accountability::{FigureRow, Month},
};
use linli_service::accountability::parse_place;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    error::{ApiError, ErrorBody},
    extract::{Json, Query},
};
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// A district, street, community or grid code; none for the city.
    place: Option<String>,
    /// `YYYY-MM`; none for this month.
    month: Option<String>,
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

/// The figures as rows: `place` (the month asked for), `trend` (the twelve
/// months up to it) and `below` (each place one level down, that month).
/// Counts are of matters reported in the month (Beijing time); shares are
/// fractions from 0 to 1 and `null` where fewer than 5 matters are behind
/// them.
#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresBody {
    place: String,
    #[schema(value_type = String)]
    month: Month,
    rows: Vec<FigureRow>,
}

/// A place's response, resolution and satisfaction rates; public.
#[utoipa::path(get, path = "/accountability", tag = "accountability", params(FiguresQuery),
    responses((status = 200, body = FiguresBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn figures(
    State(state): State<AppState>,
    Query(q): Query<FiguresQuery>,
) -> Result<Response, ApiError> {
    let place = parse_place(q.place.as_deref().unwrap_or("")).map_err(ApiError::code("place"))?;
    let month = Month::optional(q.month.as_deref().unwrap_or(""))
        .map_err(|e| linli_service::Error::invalid("month", e))?;
    let report = state.accountability().report(&place, month).await?;
    let rows = report.rows();
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(FiguresBody {
            place: report.place,
            month: report.month,
            rows,
        })
        .into_response()),
        Some("csv") => {
            let cells: Vec<Vec<String>> = rows.iter().map(FigureRow::cells).collect();
            let name = format!("accountability-{}", report.month);
            Ok(super::csv::response(
                &name,
                &FigureRow::columns(),
                &cells,
                None,
            ))
        }
        Some(_) => Err(linli_service::Error::invalid("format", FieldError::NotAChoice).into()),
    }
}
