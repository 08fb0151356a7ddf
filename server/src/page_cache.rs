//! A micro-cache of the public pages people read without signing in.
//!
//! Most visitors of the matters list are not signed in, and for them the
//! page is the same: rendering it once and serving the bytes to everyone
//! asking within [`FRESH_FOR`] is what lets one instance answer thousands of
//! readers a second. An entry is dropped as soon as any matter changes
//! (in process on SQLite, through LISTEN/NOTIFY on every PostgreSQL
//! instance), so a new report or step shows at once; the short lifetime
//! bounds how long other data on the page (a community's name) can lag.
//!
//! Each served copy gets a fresh CSP nonce: the cached page remembers where
//! its nonce stands and splices a new one in, so no two responses share one.
//! Concurrent misses of one page wait for a single rendering.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use linli_app::{LANG_COOKIE, SESSION_COOKIE, TYPED_BACK_COOKIE, cookies};
use linli_service::Store;
use tokio::sync::OnceCell;

/// How long a rendered page is served before it is rendered again.
const FRESH_FOR: Duration = Duration::from_secs(2);
/// Distinct pages kept; query strings are the visitor's to choose.
const MAX_ENTRIES: usize = 2048;
/// Pages larger than this are not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// Whether a path is one of the public pages worth keeping.
fn cacheable_path(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    match path {
        "" | "/matters" | "/communities" | "/api/v1/matters" => true,
        _ => {
            // One matter, or one community's page (not its forms).
            let one_segment_under = |prefix: &str| {
                path.strip_prefix(prefix)
                    .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
            };
            one_segment_under("/matters/") || one_segment_under("/communities/")
        }
    }
}

/// What identifies one cached page: the address and what changes its words.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    lang: Option<String>,
    accept_language: Option<HeaderValue>,
}

impl Key {
    /// The key of a request that may share a page, or `None`: only GETs by
    /// someone who is not signed in (no session cookie, no API token).
    fn of(req: &Request) -> Option<Self> {
        let headers = req.headers();
        if req.method() != Method::GET
            || !cacheable_path(req.uri().path())
            || headers.contains_key(header::AUTHORIZATION)
            || cookies::find(headers, SESSION_COOKIE).is_some()
            || cookies::find(headers, TYPED_BACK_COOKIE).is_some()
        {
            return None;
        }
        Some(Self {
            uri: req.uri().to_string(),
            lang: cookies::find(headers, LANG_COOKIE),
            accept_language: headers.get(header::ACCEPT_LANGUAGE).cloned(),
        })
    }
}

/// A rendered page and where its nonce stands in it.
struct Page {
    headers: HeaderMap,
    body: Bytes,
    nonce: Option<String>,
    /// Byte offsets of the nonce in `body`, in order.
    nonce_at: Vec<usize>,
}

impl Page {
    /// Keeps a response if it is the same for everyone: a 200 that sets no
    /// cookie and does not forbid storing.
    async fn keep(response: Response) -> Result<Self, Response> {
        let headers = response.headers();
        let private = headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("no-store") || v.contains("private"));
        if response.status() != StatusCode::OK
            || headers.contains_key(header::SET_COOKIE)
            || private
        {
            return Err(response);
        }
        let (parts, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(body) => body,
            Err(e) => {
                tracing::error!(error = %e, "page too large or broken for the page cache");
                return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
            }
        };
        let nonce = parts
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .and_then(|csp| csp.split("'nonce-").nth(1))
            .and_then(|rest| rest.split('\'').next())
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        let nonce_at = nonce
            .as_deref()
            .map(|n| find_all(&body, n.as_bytes()))
            .unwrap_or_default();
        let mut headers = parts.headers;
        headers.remove(header::CONTENT_LENGTH);
        Ok(Self {
            headers,
            body,
            nonce,
            nonce_at,
        })
    }

    /// A copy of the page for one visitor, with a nonce of its own.
    fn serve(&self, hit: bool) -> Response {
        let mut headers = self.headers.clone();
        let body = match &self.nonce {
            None => self.body.clone(),
            Some(old) => {
                let new = fresh_nonce();
                if let Some(csp) = headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|v| v.to_str().ok())
                    .map(|csp| csp.replace(&format!("'nonce-{old}'"), &format!("'nonce-{new}'")))
                    .and_then(|csp| HeaderValue::from_str(&csp).ok())
                {
                    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
                }
                Bytes::from(splice(
                    &self.body,
                    &self.nonce_at,
                    old.len(),
                    new.as_bytes(),
                ))
            }
        };
        headers.insert(
            "x-page-cache",
            HeaderValue::from_static(if hit { "hit" } else { "miss" }),
        );
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
    }
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
    {
        found.push(from + i);
        from += i + needle.len();
    }
    found
}

/// `body` with the `len` bytes at each of `at` replaced by `with`.
fn splice(body: &[u8], at: &[usize], len: usize, with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + at.len() * with.len());
    let mut from = 0;
    for &i in at {
        out.extend_from_slice(&body[from..i]);
        out.extend_from_slice(with);
        from = i + len;
    }
    out.extend_from_slice(&body[from..]);
    out
}

fn fresh_nonce() -> String {
    use rand_core::RngCore as _;
    let mut bytes = [0u8; 16];
    rand_core::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// One page being rendered or rendered: `None` inside once rendering showed
/// the page is not for sharing.
struct Slot {
    generation: u64,
    born: Instant,
    page: OnceCell<Option<Page>>,
}

impl Slot {
    fn fresh(&self, generation: u64) -> bool {
        self.generation == generation && self.born.elapsed() < FRESH_FOR
    }
}

pub struct PageCache {
    slots: Mutex<HashMap<Key, Arc<Slot>>>,
    /// Bumped on every matter change heard of; older slots are stale.
    heard: AtomicU64,
    /// Changes this instance made count at once, before they are heard.
    store: Store,
}

impl PageCache {
    pub fn new(store: Store) -> Self {
        Self {
            slots: Mutex::default(),
            heard: AtomicU64::new(0),
            store,
        }
    }

    fn generation(&self) -> u64 {
        self.heard.load(Ordering::Acquire) + self.store.matter_changes_here()
    }

    /// Forgets every page: something they show has changed.
    pub fn invalidate(&self) {
        self.heard.fetch_add(1, Ordering::Release);
    }

    /// The slot a request should use: the fresh one, or a new one.
    fn slot(&self, key: Key) -> Arc<Slot> {
        let generation = self.generation();
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(slot) = slots.get(&key).filter(|s| s.fresh(generation)) {
            return Arc::clone(slot);
        }
        if slots.len() >= MAX_ENTRIES {
            slots.retain(|_, s| s.fresh(generation));
            if slots.len() >= MAX_ENTRIES {
                slots.clear();
            }
        }
        let slot = Arc::new(Slot {
            generation,
            born: Instant::now(),
            page: OnceCell::new(),
        });
        slots.insert(key, Arc::clone(&slot));
        slot
    }

    /// Drops pages as matters change, for as long as the server runs.
    pub async fn follow(self: Arc<Self>, mut changes: tokio::sync::broadcast::Receiver<i64>) {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match changes.recv().await {
                Ok(_) | Err(RecvError::Lagged(_)) => self.invalidate(),
                Err(RecvError::Closed) => return,
            }
        }
    }
}

/// Serves a shared page to a visitor who is not signed in, rendering it
/// when there is no fresh one.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    let Some(key) = Key::of(&req) else {
        return next.run(req).await;
    };
    let slot = cache.slot(key);
    if let Some(Some(page)) = slot.page.get() {
        return page.serve(true);
    }
    let mut request = Some((req, next));
    let mut own: Option<Response> = None;
    let (request_ref, own_ref) = (&mut request, &mut own);
    let kept = slot
        .page
        .get_or_init(|| async move {
            let (req, next) = request_ref.take()?;
            match Page::keep(next.run(req).await).await {
                Ok(page) => Some(page),
                Err(response) => {
                    *own_ref = Some(response);
                    None
                }
            }
        })
        .await;
    match (kept, own, request) {
        (Some(page), _, rest) => page.serve(rest.is_some()),
        (None, Some(response), _) => response,
        // Another request found this page is not for sharing: render ours.
        (None, None, Some((req, next))) => next.run(req).await,
        (None, None, None) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_reading_pages_are_shared() {
        for path in [
            "/",
            "/matters",
            "/matters/42",
            "/communities",
            "/communities/110101001001",
            "/api/v1/matters",
        ] {
            assert!(cacheable_path(path), "{path}");
        }
        for path in [
            "/account",
            "/staff/matters",
            "/communities/110101001001/report",
            "/communities/110101001001/settings",
            "/matters/42/events",
            "/api/v1/me",
            "/photos/x.jpg",
        ] {
            assert!(!cacheable_path(path), "{path}");
        }
    }

    #[test]
    fn a_served_copy_carries_its_own_nonce_everywhere() {
        let body = b"<script nonce=\"abc\">1</script><script nonce=\"abc\">2</script>";
        let at = find_all(body, b"abc");
        assert_eq!(at.len(), 2);
        let out = splice(body, &at, 3, b"xyz123");
        assert_eq!(
            out,
            b"<script nonce=\"xyz123\">1</script><script nonce=\"xyz123\">2</script>"
        );
    }
}
