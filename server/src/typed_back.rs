//! What a failed form typed, kept server-side instead of in the redirect.
//!
//! A form handler answers with [`back_to`](crate::routes::account::back_to),
//! which puts the typed fields into the response as [`KeepTyped`]. This
//! middleware stores them (ten minutes, keyed by the SHA-256 of a random
//! secret it sets in an HttpOnly cookie) and leaves the redirect with a bare
//! `kept=1` marker. When that page is asked for with the marker and the
//! cookie, the fields are handed to the app as [`TypedBack`], which pages
//! read merged into the query (`linli_app::url::query`). So the `Location`
//! header stays short whatever was typed, and typed text reaches neither
//! proxy logs nor browser history.

use axum::{
    extract::{Request, State},
    http::{HeaderValue, Method, header},
    middleware::Next,
    response::Response,
};
use linli_app::{TYPED_BACK_COOKIE, cookies, url::TypedBack};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::startup::AppState;

/// How long what was typed is kept.
const KEEP_FOR: i64 = 10 * 60 * 1000;
/// The query marker of a page that came back from a failed form.
pub const MARKER: &str = "kept=1";
/// Characters kept of one field: more than any form accepts, so nobody
/// loses text a form could take, and nobody can park megabytes here.
const FIELD_CHARS: usize = 8_000;
/// Characters kept of one form in all.
const FORM_CHARS: usize = 32_000;

/// `fields`, each cut to [`FIELD_CHARS`], as many as fit [`FORM_CHARS`].
fn capped(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut left = FORM_CHARS;
    fields
        .into_iter()
        .map(|(k, v)| (k, v.chars().take(FIELD_CHARS).collect::<String>()))
        .take_while(|(k, v)| {
            let n = k.chars().count() + v.chars().count();
            let fits = n <= left;
            left = left.saturating_sub(n);
            fits
        })
        .collect()
}

/// The fields a failed form sends back, for this middleware to keep.
#[derive(Debug, Clone)]
pub struct KeepTyped {
    pub path: String,
    pub fields: Vec<(String, String)>,
}

fn key(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Hands a kept form to the page that asks for it, and keeps what a
/// failed form sends back.
pub async fn typed_back(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let marked = req.method() == Method::GET
        && req
            .uri()
            .query()
            .is_some_and(|q| q.split('&').any(|p| p == MARKER));
    if marked && let Some(secret) = cookies::find(req.headers(), TYPED_BACK_COOKIE) {
        let path = req.uri().path().to_owned();
        match state
            .store
            .typed_back(&key(&secret), &path, state.clock.now())
            .await
        {
            Ok(Some(fields)) => {
                req.extensions_mut().insert(TypedBack::new(path, &fields));
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "reading a kept form failed"),
        }
    }
    let mut response = next.run(req).await;
    let Some(keep) = response.extensions_mut().remove::<KeepTyped>() else {
        return response;
    };
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    let saved = state
        .store
        .keep_typed(
            &key(&secret),
            &keep.path,
            &capped(keep.fields),
            state.clock.now() + KEEP_FOR,
        )
        .await;
    if let Err(e) = saved {
        // The page comes back empty rather than not at all.
        tracing::error!(error = %e, "keeping a form failed");
        return response;
    }
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{TYPED_BACK_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        KEEP_FOR / 1000
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_kept_is_bounded() {
        let one = capped(vec![("login".into(), "长".repeat(20_000))]);
        assert_eq!(one[0].1.chars().count(), FIELD_CHARS);
        let many: Vec<(String, String)> = (0..10)
            .map(|i| (format!("f{i}"), "x".repeat(FIELD_CHARS)))
            .collect();
        let kept = capped(many);
        assert!(
            kept.len() < 10
                && kept.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() <= FORM_CHARS
        );
        assert_eq!(
            capped(vec![("title".into(), "路灯".into())]),
            vec![("title".to_owned(), "路灯".to_owned())]
        );
    }
}
