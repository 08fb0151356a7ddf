//! Promises and results as open data: what the council owes for well
//! supported matters and topics, and what became of every decision and
//! awarded project. The same service reads as the public pages.

use axum::{
    extract::{RawQuery, State},
    response::{IntoResponse, Response},
};
use linli_model::{
    Page, account::FieldError, open_data, promise::Promise, time::w3c, tracker::Source,
    tracker::Tracked, tracker::TrackedPage,
};
use linli_service::accountability::parse_place;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    error::{ApiError, ErrorBody},
    extract::{Caller, Json, Path, Query},
};
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlaceQuery {
    /// A district, street or community code; none for the city.
    place: Option<String>,
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultsQuery {
    /// A district, street or community code; none for the city.
    place: Option<String>,
    /// `1` keeps only unfinished results past their planned date.
    late: Option<String>,
    /// The `next` of the previous page.
    cursor: Option<String>,
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

fn place(input: Option<&str>) -> Result<String, ApiError> {
    parse_place(input.unwrap_or("")).map_err(ApiError::code("place"))
}

fn when(at: Option<i64>) -> String {
    at.map(w3c).unwrap_or_default()
}

/// Promises under a place, latest first (at most 200): the two clocks
/// (on the agenda within 14 days, answered within 30), when each step was
/// done, and `state` as read now. Public.
#[utoipa::path(get, path = "/promises", tag = "accountability", params(PlaceQuery),
    responses((status = 200, body = Vec<Promise>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn promises(
    State(state): State<AppState>,
    Query(q): Query<PlaceQuery>,
) -> Result<Response, ApiError> {
    let place = place(q.place.as_deref())?;
    let list = state.promises().list(&place).await?.promises;
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(list).into_response()),
        Some("csv") => {
            let rows: Vec<Vec<String>> = list.iter().map(promise_row).collect();
            Ok(super::csv::response(
                open_data::PROMISES.key,
                &open_data::PROMISES.columns(),
                &rows,
                None,
            ))
        }
        Some(_) => Err(linli_service::Error::invalid("format", FieldError::NotAChoice).into()),
    }
}

fn promise_row(p: &Promise) -> Vec<String> {
    vec![
        p.id.to_string(),
        p.community.clone(),
        p.community_name.zh.clone(),
        p.subject.as_str().to_owned(),
        p.subject_id.to_string(),
        p.title.clone(),
        p.supporters.to_string(),
        p.threshold.to_string(),
        w3c(p.clocks.reached_at),
        w3c(p.clocks.agenda_due),
        when(p.clocks.on_agenda_at),
        w3c(p.clocks.answer_due),
        when(p.clocks.answered_at),
        p.state.as_str().to_owned(),
        p.href.clone(),
    ]
}

/// Results under a place, newest first, a page at a time: each decided
/// topic's and awarded project's progress, status and planned date.
/// `late=1` keeps those past their date. Public.
#[utoipa::path(get, path = "/results", tag = "accountability", params(ResultsQuery),
    responses((status = 200, body = Page<Tracked>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn results(
    State(state): State<AppState>,
    Query(q): Query<ResultsQuery>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let place = place(q.place.as_deref())?;
    let late = match q.late.as_deref() {
        None | Some("" | "0") => false,
        Some("1") => true,
        Some(_) => {
            return Err(linli_service::Error::invalid("late", FieldError::NotAChoice).into());
        }
    };
    // The cursor is the page number; callers treat it as opaque.
    let page_no = match q.cursor.as_deref() {
        None => 1,
        Some(c) => c
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| linli_service::Error::invalid("cursor", FieldError::NotAChoice))?,
    };
    let list = state.tracker().list(&place, late, page_no).await?;
    let now = list.now;
    let page = Page {
        items: list.results,
        next: list.has_more.then(|| (page_no + 1).to_string()),
    };
    super::csv::page_as(
        &open_data::RESULTS,
        open_data::RESULTS.path,
        q.format.as_deref(),
        raw.as_deref(),
        page,
        |t| result_row(t, now),
    )
}

fn result_row(t: &Tracked, now: i64) -> Vec<String> {
    let (source, source_id) = match t.source {
        Source::Topic { topic, .. } => ("topic", topic),
        Source::Project { project } => ("project", project),
    };
    vec![
        t.id.to_string(),
        t.community.clone(),
        t.community_name.zh.clone(),
        source.to_owned(),
        source_id.to_string(),
        t.title.clone(),
        t.progress.percent().to_string(),
        t.status.as_str().to_owned(),
        w3c(t.planned_at),
        t.days_late(now).map(|d| d.to_string()).unwrap_or_default(),
        w3c(t.updated_at),
        format!("/results/{}", t.id),
    ]
}

/// One result with every dated entry, newest first, and whether the
/// caller follows it or may post an entry.
#[utoipa::path(get, path = "/results/{id}", tag = "accountability", params(("id" = i64, Path)),
    responses((status = 200, body = TrackedPage), (status = 404, body = ErrorBody)))]
pub async fn result(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<TrackedPage>, ApiError> {
    Ok(Json(state.tracker().page(&actor, id).await?))
}
