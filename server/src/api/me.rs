//! The caller's own account: who they are, their memberships, their tokens.

use axum::{extract::State, http::StatusCode};
use linli_model::{account::Viewer, api_token::ApiTokenSummary, membership::MyMembership};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    error::{ApiError, ErrorBody},
    extract::{Caller, Json, Path},
};
use crate::startup::AppState;

/// Who the caller is, with their roles.
#[utoipa::path(get, path = "/me", tag = "account", security(("token" = [])),
    responses((status = 200, body = Viewer), (status = 401, body = ErrorBody)))]
pub async fn me(Caller(actor): Caller) -> Result<Json<Viewer>, ApiError> {
    let viewer = actor
        .viewer()
        .ok_or(linli_service::Error::Unauthenticated)?;
    Ok(Json(viewer.clone()))
}

/// The communities the caller belongs to or asked to join.
#[utoipa::path(get, path = "/me/memberships", tag = "account", security(("token" = [])),
    responses((status = 200, body = Vec<MyMembership>), (status = 401, body = ErrorBody)))]
pub async fn memberships(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> Result<Json<Vec<MyMembership>>, ApiError> {
    Ok(Json(state.memberships().mine(&actor).await?))
}

/// The caller's live API tokens (never their secrets).
#[utoipa::path(get, path = "/me/tokens", tag = "account", security(("token" = [])),
    responses((status = 200, body = Vec<ApiTokenSummary>), (status = 401, body = ErrorBody)))]
pub async fn tokens(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> Result<Json<Vec<ApiTokenSummary>>, ApiError> {
    Ok(Json(state.api_tokens().list(&actor).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewToken {
    /// What the token is for, up to 40 characters.
    name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    #[serde(flatten)]
    summary: ApiTokenSummary,
    /// The secret: shown this once, never again.
    token: String,
}

/// Makes a token; the answer holds the only copy of its secret.
#[utoipa::path(post, path = "/me/tokens", tag = "account", security(("token" = [])),
    request_body = NewToken,
    responses((status = 201, body = CreatedToken), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Json(new): Json<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let (summary, token) = state.api_tokens().create(&actor, &new.name).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            summary,
            token: token.reveal().to_owned(),
        }),
    ))
}

/// Revokes one of the caller's tokens; it stops working at once.
#[utoipa::path(delete, path = "/me/tokens/{id}", tag = "account", security(("token" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.api_tokens().revoke(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
