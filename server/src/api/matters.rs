//! Resident matters: the public list and pages, reporting, support and
//! the handling steps, through the same service operations as the forms.

use axum::{
    extract::{RawQuery, State},
    http::StatusCode,
    response::Response,
};
use linli_model::{
    Page,
    matter::{
        Category, MatterDetail, MatterFilter, MatterForm, MatterState, MatterSummary, Severity,
        Step, YourPart, place_prefix,
    },
    time::w3c,
    tree::CommunityCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    error::{ApiError, ErrorBody},
    extract::{Caller, Json, Path, Query},
};
use crate::startup::AppState;

const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

/// The categories residents choose from.
#[utoipa::path(get, path = "/matter-categories", tag = "matters",
    responses((status = 200, body = Vec<Category>)))]
pub async fn categories(State(state): State<AppState>) -> Result<Json<Vec<Category>>, ApiError> {
    Ok(Json(state.matters().categories().await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatterQuery {
    /// A district, street, community or grid code: everything under it.
    place: Option<String>,
    category: Option<String>,
    /// `submitted`, `registered`, `dispatched`, `in_progress`, `resolved`,
    /// `closed`, `rejected`, `merged`, `referred`.
    state: Option<String>,
    /// `minor`, `general`, `larger`, `major`.
    severity: Option<String>,
    /// Only overdue matters.
    #[serde(default)]
    overdue: bool,
    /// Words in the title.
    q: Option<String>,
    /// Reported at or after this time (epoch milliseconds).
    from: Option<i64>,
    /// Reported before this time (epoch milliseconds).
    until: Option<i64>,
    /// The `next` of the previous page.
    cursor: Option<i64>,
    /// Items per page, 1 to 100 (default 20).
    limit: Option<usize>,
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

fn matter_row(m: &MatterSummary) -> Vec<String> {
    vec![
        m.id.to_string(),
        m.community.to_string(),
        m.grid.to_string(),
        m.category.clone(),
        m.title.clone(),
        m.state.as_str().to_owned(),
        m.severity
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        m.level.as_str().to_owned(),
        m.overdue.to_string(),
        m.deadline_at.map(w3c).unwrap_or_default(),
        m.support_count.to_string(),
        w3c(m.created_at),
    ]
}

/// Matters, newest first, filtered, a page at a time; `format=csv` gives
/// the same page as a spreadsheet (with a `Link` header to the next page).
#[utoipa::path(get, path = "/matters", tag = "matters", params(MatterQuery),
    responses((status = 200, body = Page<MatterSummary>), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    Query(q): Query<MatterQuery>,
) -> Result<Response, ApiError> {
    use linli_model::account::FieldError;
    let choice = |field: &str| linli_service::Error::invalid(field, FieldError::NotAChoice);
    let filter = MatterFilter {
        place: q
            .place
            .as_deref()
            .map(place_prefix)
            .transpose()
            .map_err(ApiError::code("place"))?,
        category: q.category,
        state: match q.state.as_deref() {
            Some(s) => Some(MatterState::parse(s).ok_or_else(|| choice("state"))?),
            None => None,
        },
        severity: match q.severity.as_deref() {
            Some(s) => Some(Severity::parse(s).ok_or_else(|| choice("severity"))?),
            None => None,
        },
        overdue: q.overdue,
        open_only: false,
        text: q.q.filter(|t| !t.trim().is_empty()),
        from: q.from,
        until: q.until,
        ..MatterFilter::default()
    };
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(
            linli_service::Error::invalid("limit", FieldError::NumberRange(1, MAX_LIMIT)).into(),
        );
    }
    let page = state.matters().list(&filter, q.cursor, limit).await?;
    super::csv::page_as(
        &linli_model::open_data::MATTERS,
        linli_model::open_data::MATTERS.path,
        q.format.as_deref(),
        raw.as_deref(),
        page,
        matter_row,
    )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatterAnswer {
    matter: MatterDetail,
    /// What the caller may do with it.
    you: YourPart,
}

/// One matter with its public timeline.
#[utoipa::path(get, path = "/matters/{id}", tag = "matters", params(("id" = i64, Path)),
    responses((status = 200, body = MatterAnswer), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<MatterAnswer>, ApiError> {
    let (matter, you) = state.matters().detail(&actor, id).await?;
    Ok(Json(MatterAnswer { matter, you }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Reported {
    id: i64,
    /// False when this key was used before: the earlier report's id.
    created: bool,
}

/// Reports a matter in a community. Send a fresh `key` (16–64 letters,
/// digits or dashes) with each new report: a retry with the same key
/// files nothing twice.
#[utoipa::path(post, path = "/communities/{code}/matters", tag = "matters",
    security(("token" = [])), params(("code" = String, Path)), request_body = MatterForm,
    responses((status = 201, body = Reported), (status = 200, body = Reported),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    Json(form): Json<MatterForm>,
) -> Result<(StatusCode, Json<Reported>), ApiError> {
    let community = CommunityCode::parse(&code).map_err(ApiError::code("code"))?;
    let (id, created) = state.matters().report(&actor, &community, &form).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(Reported { id, created })))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Supported {
    /// False when the caller supported it already (or reported it).
    added: bool,
}

/// "Me too": supports a matter once.
#[utoipa::path(post, path = "/matters/{id}/support", tag = "matters", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Supported), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn support(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<Supported>, ApiError> {
    let added = state.matters().support(&actor, id).await?;
    Ok(Json(Supported { added }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StepTaken {
    state: MatterState,
}

/// Takes a handling step (register, reject, merge, refer, dispatch, start,
/// resolve; rate or reopen for the reporter). 409 when the matter's state
/// does not allow it.
#[utoipa::path(post, path = "/matters/{id}/steps", tag = "matters", security(("token" = [])),
    params(("id" = i64, Path)), request_body = Step,
    responses((status = 200, body = StepTaken), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn step(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(step): Json<Step>,
) -> Result<Json<StepTaken>, ApiError> {
    let state = state.matters().step(&actor, id, &step).await?;
    Ok(Json(StepTaken { state }))
}
