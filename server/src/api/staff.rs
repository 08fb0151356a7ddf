//! Staff tools: roles and the audit log.

use axum::{extract::State, http::StatusCode};
use linli_model::{
    Page,
    account::FieldError,
    role::{AuditRecord, Grant, Scope},
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{
    error::{ApiError, ErrorBody},
    extract::{Caller, Json, Query},
};
use crate::startup::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleChange {
    /// The person's mobile number or email.
    login: String,
    /// `resident`, `council_member`, `grid_worker`, `community_staff`,
    /// `street_officer`, `district_officer`, …
    role: String,
    /// The code of the place at the role's level (a 20-digit grid code for
    /// a grid worker, 17 digits for community roles, 9 for a street, 6 for
    /// a district).
    scope: String,
}

impl RoleChange {
    fn grant(&self) -> Result<Grant, ApiError> {
        Grant::from_input(&self.role, &self.scope)
            .ok_or_else(|| linli_service::Error::invalid("scope", FieldError::BadScopeCode).into())
    }
}

/// Gives a role, inside the caller's area and below their own rank.
#[utoipa::path(post, path = "/role-grants", tag = "staff", security(("token" = [])),
    request_body = RoleChange,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn grant(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Json(change): Json<RoleChange>,
) -> Result<StatusCode, ApiError> {
    let grant = change.grant()?;
    state.roles().grant(&actor, &change.login, &grant).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes a role back, under the same rules as giving it.
#[utoipa::path(post, path = "/role-grants/revocations", tag = "staff", security(("token" = [])),
    request_body = RoleChange,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Json(change): Json<RoleChange>,
) -> Result<StatusCode, ApiError> {
    let grant = change.grant()?;
    state.roles().revoke(&actor, &change.login, &grant).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The `next` of the previous page.
    cursor: Option<i64>,
}

/// The audit log of the caller's widest staffed area, newest first.
#[utoipa::path(get, path = "/audit", tag = "staff", security(("token" = [])), params(AuditQuery),
    responses((status = 200, body = Page<AuditRecord>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn audit(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Query(query): Query<AuditQuery>,
) -> Result<Json<Page<AuditRecord>>, ApiError> {
    let viewer = actor
        .viewer()
        .ok_or(linli_service::Error::Unauthenticated)?;
    let scope: Scope = linli_service::audit::audit_scope(viewer).ok_or(
        linli_service::Error::Denied(linli_model::role::Denied::NotPermitted),
    )?;
    Ok(Json(
        linli_service::audit::visible_entries(
            &state.store,
            &actor,
            &scope,
            query.cursor,
            state.clock.now(),
        )
        .await?,
    ))
}
