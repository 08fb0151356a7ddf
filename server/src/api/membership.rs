//! Joining communities, and staff verifying who asked.

use axum::{extract::State, http::StatusCode};
use linli_model::{
    membership::{JoinForm, MembershipStatus, PendingMembership},
    tree::CommunityCode,
};
use linli_service::membership::Decision;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    error::{ApiError, ErrorBody},
    extract::{Caller, Json, Path},
};
use crate::startup::AppState;

fn community(code: &str) -> Result<CommunityCode, ApiError> {
    CommunityCode::parse(code).map_err(ApiError::code("code"))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JoinAnswer {
    /// `verified` at once with a valid invitation code, else `pending`.
    status: MembershipStatus,
}

/// Asks to join a community, stating grid and address; an invitation code
/// verifies at once.
#[utoipa::path(post, path = "/communities/{code}/membership-requests", tag = "membership",
    security(("token" = [])), params(("code" = String, Path)), request_body = JoinForm,
    responses((status = 201, body = JoinAnswer), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn join(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    Json(form): Json<JoinForm>,
) -> Result<(StatusCode, Json<JoinAnswer>), ApiError> {
    let community = community(&code)?;
    actor
        .viewer()
        .ok_or(linli_service::Error::Unauthenticated)?;
    let request = form
        .parse(&community)
        .map_err(linli_service::Error::Invalid)?;
    let status = state.memberships().join(&actor, &request).await?;
    Ok((StatusCode::CREATED, Json(JoinAnswer { status })))
}

/// Requests waiting for the community's staff, oldest first.
#[utoipa::path(get, path = "/communities/{code}/membership-requests", tag = "membership",
    security(("token" = [])), params(("code" = String, Path)),
    responses((status = 200, body = Vec<PendingMembership>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn pending(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
) -> Result<Json<Vec<PendingMembership>>, ApiError> {
    let community = community(&code)?;
    Ok(Json(state.memberships().pending(&actor, &community).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case", tag = "decision")]
pub enum DecisionInput {
    Approve,
    /// The reason is shown to the person.
    Reject {
        reason: String,
    },
}

/// Approves or rejects a request.
#[utoipa::path(post, path = "/membership-requests/{id}/decision", tag = "membership",
    security(("token" = [])), params(("id" = i64, Path)), request_body = DecisionInput,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(input): Json<DecisionInput>,
) -> Result<StatusCode, ApiError> {
    let decision = match input {
        DecisionInput::Approve => Decision::Approve,
        DecisionInput::Reject { reason } => Decision::Reject(reason),
    };
    state.memberships().decide(&actor, id, &decision).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct InvitationRequest {
    /// How many codes, 1 to 200.
    count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Invitations {
    /// One-time codes, valid 30 days; shown this once.
    codes: Vec<String>,
}

/// Makes one-time invitation codes for the community's notice board.
#[utoipa::path(post, path = "/communities/{code}/invitations", tag = "membership",
    security(("token" = [])), params(("code" = String, Path)), request_body = InvitationRequest,
    responses((status = 201, body = Invitations), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invitations(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    Json(input): Json<InvitationRequest>,
) -> Result<(StatusCode, Json<Invitations>), ApiError> {
    let community = community(&code)?;
    let codes = state
        .memberships()
        .create_invitations(&actor, &community, input.count)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Invitations {
            codes: codes.iter().map(|c| c.display()).collect(),
        }),
    ))
}
