//! A district's working-day calendar as open data: the days that differ
//! from a usual week, this year and next, as JSON or CSV.

use axum::{
    extract::State,
    response::{IntoResponse, Response},
};
use linli_model::{account::FieldError, tree::DistrictCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    error::{ApiError, ErrorBody},
    extract::{Json, Path, Query},
};
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

/// One day that is not what its weekday says.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarDay {
    /// `YYYY-MM-DD`, a Beijing date.
    date: String,
    /// `holiday` (a day off) or `workday` (a weekend day worked).
    kind: &'static str,
    /// `spring-festival`, `national-day`, …, or `local` for a district's own.
    festival: &'static str,
    /// Set by the district rather than by the national arrangement.
    district: bool,
}

/// The district's special days this year and next, by date; deadlines
/// count working days by them. Public.
#[utoipa::path(get, path = "/districts/{code}/calendar", tag = "tree", params(
        ("code" = String, Path, description = "6-digit district code"), CalendarQuery),
    responses((status = 200, body = Vec<CalendarDay>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn days(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<CalendarQuery>,
) -> Result<Response, ApiError> {
    let district = DistrictCode::parse(&code).map_err(ApiError::code("code"))?;
    state.store.place_trail(district.as_str()).await?;
    let days: Vec<CalendarDay> = state
        .calendar()
        .this_and_next_year(&district)
        .await?
        .into_iter()
        .map(|d| CalendarDay {
            date: d.day.day.to_string(),
            kind: d.day.kind.as_str(),
            festival: d.day.festival.as_str(),
            district: d.local,
        })
        .collect();
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(days).into_response()),
        Some("csv") => {
            let rows: Vec<Vec<String>> = days
                .iter()
                .map(|d| {
                    vec![
                        d.date.clone(),
                        d.kind.to_owned(),
                        d.festival.to_owned(),
                        d.district.to_string(),
                    ]
                })
                .collect();
            let name = format!("calendar-{district}");
            Ok(super::csv::response(
                &name,
                &linli_model::open_data::CALENDAR.columns(),
                &rows,
                None,
            ))
        }
        Some(_) => Err(linli_service::Error::invalid("format", FieldError::NotAChoice).into()),
    }
}
