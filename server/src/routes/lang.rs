//! The language switch: a plain link that sets a cookie and goes back.

use axum::{
    extract::{Path, Query},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use linli_app::LANG_COOKIE;
use linli_model::{Lang, LocalPath};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// `GET /lang/{tag}?next=/path`: remembers the language for a year.
pub async fn switch(Path(tag): Path<String>, Query(next): Query<Next>) -> Response {
    let Some(lang) = Lang::from_tag(&tag) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.tag()
    );
    let location = LocalPath::or_home(next.next.as_deref());
    match (
        HeaderValue::from_str(&cookie),
        HeaderValue::from_str(location.as_str()),
    ) {
        (Ok(cookie), Ok(location)) => (
            StatusCode::SEE_OTHER,
            [(header::SET_COOKIE, cookie), (header::LOCATION, location)],
        )
            .into_response(),
        _ => (StatusCode::BAD_REQUEST, "bad path").into_response(),
    }
}
