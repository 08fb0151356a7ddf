//! Request middleware: who is asking, and whether a state-changing request
//! really comes from this site.

use axum::{
    extract::{Request, State},
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use linli_app::{SESSION_COOKIE, cookies};
use linli_service::{auth::SessionToken, policy::Actor};

use crate::startup::AppState;

/// Looks up the session cookie and puts the [`Actor`] (and the token) into
/// the request's extensions, where handlers, pages and server functions
/// find it. A failing lookup is logged and treated as signed out.
pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if crate::api::is_token_call(&req) {
        return crate::api::identify_token(&state, req, next).await;
    }
    let token =
        cookies::find(req.headers(), SESSION_COOKIE).and_then(|v| SessionToken::from_cookie(&v));
    let actor = match state.auth().actor(token.as_ref()).await {
        Ok(actor) => actor,
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            Actor::Anonymous
        }
    };
    req.extensions_mut().insert(actor);
    if let Some(token) = token {
        req.extensions_mut().insert(token);
    }
    next.run(req).await
}

/// Whether `url` (an Origin or Referer) names this very site.
fn same_site(url: &str, host: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or("");
    let authority = rest.split('/').next().unwrap_or("");
    !host.is_empty() && authority.eq_ignore_ascii_case(host)
}

/// CSRF defence: a state-changing request from a browser must come from a
/// page of this site. Browsers send `Origin` on cross-site POSTs (and
/// `Referer` otherwise); a request with neither and with no cookies is not
/// a browser acting for a signed-in person, so it passes (scripts, API
/// clients). SameSite=Lax session cookies are the second wall.
pub async fn same_origin(req: Request, next: Next) -> Response {
    // Token calls ignore cookies, so no page elsewhere can make one for a
    // signed-in person.
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || crate::api::is_token_call(&req)
    {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok());
    let allowed = match (origin, referer) {
        (Some(origin), _) => same_site(origin, host),
        (None, Some(referer)) => same_site(referer, host),
        (None, None) => !headers.contains_key(header::COOKIE),
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = req.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::same_site;

    #[test]
    fn only_this_host_is_the_same_site() {
        assert!(same_site("http://127.0.0.1:3000", "127.0.0.1:3000"));
        assert!(same_site(
            "https://linli.example/sign-in?x=1",
            "linli.example"
        ));
        assert!(!same_site("https://evil.example", "linli.example"));
        assert!(!same_site(
            "https://linli.example.evil.example",
            "linli.example"
        ));
        assert!(!same_site("null", "linli.example"));
        assert!(!same_site("http://127.0.0.1:3001", "127.0.0.1:3000"));
        assert!(!same_site("http://x", ""));
    }
}
