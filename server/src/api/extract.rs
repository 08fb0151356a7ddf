//! What API handlers extract: the caller, and JSON and query input whose
//! rejections become the API's error envelope.

use axum::{
    extract::{FromRequest, FromRequestParts},
    http::request::Parts,
};
use linli_service::policy::Actor;

use super::error::ApiError;

/// The person calling: from an API token or a session cookie, as the
/// `identify` middleware found; anonymous otherwise.
#[derive(Debug, Clone)]
pub struct Caller(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Caller(
            parts
                .extensions
                .get::<Actor>()
                .cloned()
                .unwrap_or(Actor::Anonymous),
        ))
    }
}

#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);
