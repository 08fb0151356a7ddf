//! The language switch: a plain link that sets a cookie and goes back.

use axum::{
    extract::{Path, Query},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use linli_app::LANG_COOKIE;
use linli_model::Lang;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only paths on this site, so the switch cannot be turned into an open
/// redirect (`//evil.example`, `https://…`, `/\evil`).
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p,
        _ => "/",
    }
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
    let location = local_path(next.next.as_deref());
    match (
        HeaderValue::from_str(&cookie),
        HeaderValue::from_str(location),
    ) {
        (Ok(cookie), Ok(location)) => (
            StatusCode::SEE_OTHER,
            [(header::SET_COOKIE, cookie), (header::LOCATION, location)],
        )
            .into_response(),
        _ => (StatusCode::BAD_REQUEST, "bad path").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/communities?q=1")), "/communities?q=1");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }
}
