//! Answering a form with the page itself, for secrets shown once.
//!
//! A new API token or new invitation codes must reach the person exactly
//! once and be kept nowhere: not in a redirect's URL, not in a cookie, not
//! in a table. So the form is answered with the page it came from, rendered
//! into this very response with the secret attached (`ShownOnce`), and
//! marked `no-store`.

use axum::{
    Form,
    body::Body,
    extract::{FromRequest, Request},
    http::{HeaderValue, Method, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use linli_app::{shell, shown_once::ShownOnce};
use serde::de::DeserializeOwned;

use crate::startup::AppState;

/// The page at `path` as this request's person sees it, showing `shown`.
pub async fn page_showing(
    state: &AppState,
    mut parts: Parts,
    path: &str,
    shown: ShownOnce,
) -> Response {
    let Ok(uri) = path.parse() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    parts.method = Method::GET;
    parts.uri = uri;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.extensions.insert(shown);
    let render = leptos_axum::render_app_async_with_context(state.app_context(), shell);
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A form's fields, with the request's parts to render the answer with:
/// an extractor, so a handler that shows a secret reads its form as any
/// other handler does.
pub struct FormWithParts<T>(pub Parts, pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for FormWithParts<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let Form(fields) = Form::<T>::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Self(parts, fields))
    }
}
