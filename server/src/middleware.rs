//! Request middleware: who is asking, and whether a state-changing request
//! really comes from this site.

use axum::{
    extract::{Request, State},
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use linli_app::{AppError, SESSION_COOKIE, api::matters::WaitingWork, cookies};
use linli_model::Lang;
use linli_service::{auth::SessionToken, limits::Limit, policy::Actor};

use crate::{
    api::error::{ApiError, caller_lang},
    client::ClientIp,
    session_cache::Seen,
    startup::AppState,
};

/// Looks up the session cookie and puts the [`Actor`] (and the token) into
/// the request's extensions, where handlers, pages and server functions
/// find it; a page request may reuse a lookup made a moment ago (see
/// [`crate::session_cache`]).
pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if crate::api::is_token_call(&req) {
        return crate::api::identify_token(&state, req, next).await;
    }
    let token =
        cookies::find(req.headers(), SESSION_COOKIE).and_then(|v| SessionToken::from_cookie(&v));
    let page = wants_page(&req);
    let Seen { actor, waiting } = match token.as_ref().filter(|_| page) {
        Some(token) => {
            let (id, generation) = (token.id(), state.page_cache.generation());
            match state.sessions.get(&id, generation) {
                Some(seen) => seen,
                None => {
                    let seen = look_up(&state, Some(token), page).await;
                    if seen.actor != Actor::Anonymous {
                        state.sessions.put(id, generation, seen.clone());
                    }
                    seen
                }
            }
        }
        None => look_up(&state, token.as_ref(), page).await,
    };
    if actor == Actor::Anonymous {
        let asked = Asked::of(&state, &req);
        if let Some(refused) = anonymous_limit(&state, asked).await {
            return refused;
        }
    }
    if let Some(n) = waiting {
        req.extensions_mut().insert(WaitingWork(n));
    }
    req.extensions_mut().insert(actor);
    if let Some(token) = token {
        req.extensions_mut().insert(token);
    }
    next.run(req).await
}

/// The session's person and, for a page, their work queue's count. A
/// failing lookup is logged and treated as signed out.
async fn look_up(state: &AppState, token: Option<&SessionToken>, page: bool) -> Seen {
    let actor = match state.auth().actor(token).await {
        Ok(actor) => actor,
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            Actor::Anonymous
        }
    };
    let waiting = if page {
        state.matters().waiting(&actor).await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "work queue count failed");
            None
        })
    } else {
        None
    };
    Seen { actor, waiting }
}

/// Per-address limits on what anyone can ask without an account: API and
/// Open311 calls, server functions (searches among them) and searching
/// pages. `Some` is the refusal.
async fn anonymous_limit(state: &AppState, asked: Option<Asked>) -> Option<Response> {
    let asked = asked?;
    let retry_after_secs = match state.limiter().hit(asked.limit).await {
        Ok(Ok(())) => return None,
        Ok(Err(secs)) => secs,
        Err(e) => {
            tracing::error!(error = %e, "counting a request failed");
            return None;
        }
    };
    if let Some(lang) = asked.api {
        return Some(ApiError::RateLimited { retry_after_secs }.into_response_in(lang));
    }
    Some(
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after_secs.to_string())],
            "请求过于频繁，请稍后再试。 Too many requests; please try again shortly.",
        )
            .into_response(),
    )
}

/// What an anonymous request counts against, and the API caller's
/// language when the refusal must be the API's envelope.
struct Asked {
    limit: Limit,
    api: Option<Lang>,
}

impl Asked {
    fn of(state: &AppState, req: &Request) -> Option<Self> {
        let path = req.uri().path();
        let ip = req.extensions().get::<ClientIp>()?.0;
        let per_minute = state.limits.anonymous_per_minute;
        if path.starts_with(crate::api::BASE) {
            Some(Asked {
                limit: Limit::AnonymousApi(ip, per_minute),
                api: Some(caller_lang(req.headers())),
            })
        } else if path.starts_with("/open311/") {
            Some(Asked {
                limit: Limit::AnonymousApi(ip, per_minute),
                api: None,
            })
        } else if path.starts_with("/api/") || is_search(req) {
            Some(Asked {
                limit: Limit::AnonymousSearch(ip, per_minute),
                api: None,
            })
        } else {
            None
        }
    }
}

/// A page asked with a search term.
fn is_search(req: &Request) -> bool {
    req.uri().query().is_some_and(|q| {
        q.split('&')
            .any(|pair| pair.strip_prefix("q=").is_some_and(|v| !v.is_empty()))
    })
}

/// A page a browser navigates to (not a server function, asset or API
/// call): only those show the header and its work count.
fn wants_page(req: &Request) -> bool {
    req.method() == Method::GET
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
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

/// Largest server-function error body read to find its status; errors are
/// a few hundred bytes of JSON.
const SERVER_FN_ERROR_MAX: usize = 64 * 1024;

/// Gives a failed server-function call the status its [`AppError`] means
/// (400 for bad arguments, 401, 403, 404…): server functions answer every
/// error with 500, which would make a caller's mistake look like an outage
/// in logs and monitoring. The browser client decodes any 4xx or 5xx the same.
pub async fn server_fn_status(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, SERVER_FN_ERROR_MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
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
