//! Moderation through the API, through the same service operations as the
//! pages: the public log of a community, an item's state, reports by anyone
//! signed in, and hide, restore and dismiss by the community's council or
//! staff, each with a public reason; the desk for moderators.

use axum::{extract::State, http::StatusCode};
use linli_model::{
    Page,
    account::FieldError,
    moderation::{Content, ItemView, LogEntry, ModerationDesk, ReportForm},
    tree::CommunityCode,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{
    error::{ApiError, ErrorBody},
    extract::{Caller, Json, Path, Query},
};
use crate::startup::AppState;

/// `kind:id` (`statement:12`, `topic:3`, `objection:9`, `matter:100`,
/// `photo:<sha256>`, `participant:<deliberation>-<pseudonym>`), or a 422
/// naming `what`.
fn content(what: &str) -> Result<Content, ApiError> {
    Content::parse(what.trim())
        .ok_or_else(|| linli_service::Error::invalid("what", FieldError::NotAChoice).into())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogQuery {
    /// The `next` of the previous page.
    before: Option<i64>,
}

/// A community's public moderation log, newest first: what was hidden or
/// restored, when, why and by which role; never who reported. Public.
#[utoipa::path(get, path = "/communities/{code}/moderation", tag = "moderation",
    params(("code" = String, Path), LogQuery),
    responses((status = 200, body = Page<LogEntry>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn log(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<LogQuery>,
) -> Result<Json<Page<LogEntry>>, ApiError> {
    let community = CommunityCode::parse(&code).map_err(ApiError::code("code"))?;
    Ok(Json(
        state.moderation().log(&community, q.before).await?.page,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// The item, as `kind:id`.
    what: String,
}

/// One item's state and last decision; its moderators also get the
/// withheld text and the open reports by reason.
#[utoipa::path(get, path = "/moderation/item", tag = "moderation", params(ItemQuery),
    responses((status = 200, body = ItemView), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn item(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Query(q): Query<ItemQuery>,
) -> Result<Json<ItemView>, ApiError> {
    let what = content(&q.what)?;
    Ok(Json(state.moderation().item(&actor, &what).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportBody {
    /// The item, as `kind:id`.
    what: String,
    /// `abuse`, `privacy`, `advert`, `off_topic`, `false` or `other`.
    reason: String,
    /// Up to 200 characters; required for `other`.
    #[serde(default)]
    note: String,
}

/// Reports an item, once per person, with a reason; at most 30 a day.
#[utoipa::path(post, path = "/moderation/reports", tag = "moderation", security(("token" = [])),
    request_body = ReportBody,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Json(body): Json<ReportBody>,
) -> Result<StatusCode, ApiError> {
    let what = content(&body.what)?;
    let form = ReportForm {
        reason: body.reason,
        note: body.note,
    };
    state.moderation().report(&actor, &what, &form).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// The item, as `kind:id`.
    what: String,
    /// `hidden` or `restored` (for a participant: their votes removed
    /// from the count, or counted again).
    decision: String,
    /// The public reason, 4–200 characters.
    reason: String,
}

/// Hides or restores an item with a public reason: the community's
/// council members or staff over it.
#[utoipa::path(post, path = "/moderation/decisions", tag = "moderation", security(("token" = [])),
    request_body = DecisionBody,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Json(body): Json<DecisionBody>,
) -> Result<StatusCode, ApiError> {
    let what = content(&body.what)?;
    let m = state.moderation();
    match linli_model::moderation::Decision::parse(body.decision.trim()) {
        Some(linli_model::moderation::Decision::Hidden) => {
            m.hide(&actor, &what, &body.reason).await?
        }
        Some(linli_model::moderation::Decision::Restored) => {
            m.restore(&actor, &what, &body.reason).await?
        }
        None => {
            return Err(linli_service::Error::invalid("decision", FieldError::NotAChoice).into());
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DismissBody {
    /// The item, as `kind:id`.
    what: String,
}

/// Keeps an item as it is and closes its open reports.
#[utoipa::path(post, path = "/moderation/dismissals", tag = "moderation", security(("token" = [])),
    request_body = DismissBody,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn dismiss(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Json(body): Json<DismissBody>,
) -> Result<StatusCode, ApiError> {
    let what = content(&body.what)?;
    state.moderation().dismiss(&actor, &what).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The moderation desk over the caller's area: reported items, most
/// reported first; for staff also who reports much and whose writing is
/// often hidden.
#[utoipa::path(get, path = "/moderation/desk", tag = "moderation", security(("token" = [])),
    responses((status = 200, body = ModerationDesk), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn desk(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> Result<Json<ModerationDesk>, ApiError> {
    Ok(Json(state.moderation().desk(&actor).await?))
}
