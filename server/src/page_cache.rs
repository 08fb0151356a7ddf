//! A micro-cache of the public pages, for visitors and for people signed in.
//!
//! Rendering a page costs milliseconds; copying one costs microseconds. A
//! public page is the same for every visitor, and on the list pages it is
//! the same for everyone signed in with the same roles except for the
//! header's account links. Pages that show a viewer's own part (their
//! votes, what they follow) are kept per person: reading a page again, or
//! the next page of a list, costs a copy until something changes. So a
//! page is rendered once per address, language and audience (visitors,
//! one set of roles, or one person), kept until
//! anything public changes or [`FRESH_FOR`] passes, and served as a copy
//! with the parts that differ per response spliced in: a fresh CSP nonce
//! for everyone, and the viewer's own account links for people signed in.
//!
//! Changes are heard in process on SQLite and through LISTEN/NOTIFY from
//! every PostgreSQL instance; a write that succeeds through this instance
//! counts at once, so whoever made it sees it on the next page. The short
//! lifetime bounds how long what no write announces (a deadline passing)
//! can lag. Concurrent misses of one page wait for a single rendering;
//! when a page has only grown old (nothing changed), one request renders
//! it again while the others are served the old copy, so a page read by
//! many never stalls them all every [`FRESH_FOR`].

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, AtomicUsize, Ordering},
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
use linli_app::{
    LANG_COOKIE, SESSION_COOKIE, TYPED_BACK_COOKIE, api::matters::WaitingWork, cookies,
};
use linli_service::{Store, policy::Actor};
use tokio::sync::OnceCell;

/// How long a rendered page is served before it is rendered again.
const FRESH_FOR: Duration = Duration::from_secs(2);
/// Distinct pages kept; query strings are the visitor's to choose.
const MAX_ENTRIES: usize = 2048;
/// Bytes of pages kept: a flood of distinct addresses (every search a
/// resident types) must not grow the instance's memory with them.
const MAX_BYTES: usize = 32 * 1024 * 1024;
/// Pages larger than this are not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// Who a public page is shared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sharing {
    /// Visitors only (the API's JSON).
    Visitors,
    /// Visitors, and each person signed in with a copy of their own: the
    /// page shows something of the viewer's own (their part in a matter,
    /// their opinions, their front page).
    Person,
    /// Also people signed in with the same roles: the page shows nothing
    /// of a viewer's own but the header's account links.
    Roles,
}

/// How a path is shared, or `None` for a page that is not kept.
fn sharing(path: &str) -> Option<Sharing> {
    let path = path.trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match segments.as_slice() {
        [""] | [] | ["api"] => Some(Sharing::Person),
        ["api", "v1", "matters" | "accountability" | "standards"] => Some(Sharing::Visitors),
        [
            "matters" | "communities" | "deliberations" | "projects" | "organisations" | "needs"
            | "resources" | "responsibilities",
        ] => Some(Sharing::Roles),
        ["matters", "stats"]
        | ["deliberations", "calendar"]
        | ["accountability"]
        | ["standards"] => Some(Sharing::Roles),
        ["communities", code] | ["communities", code, "items"] if is_number(code) => {
            Some(Sharing::Roles)
        }
        ["needs" | "resources", id] if is_number(id) => Some(Sharing::Roles),
        ["districts", code, "calendar"] if is_number(code) => Some(Sharing::Roles),
        [
            "matters" | "deliberations" | "projects" | "organisations",
            id,
        ] if is_number(id) => Some(Sharing::Person),
        ["deliberations", id, "record"] if is_number(id) => Some(Sharing::Person),
        _ => None,
    }
}

fn is_number(segment: &str) -> bool {
    !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit())
}

/// What identifies one cached page: the address, what changes its words,
/// and who it is for.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    lang: Option<String>,
    accept_language: Option<HeaderValue>,
    audience: Audience,
}

/// Who one kept copy is for.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Audience {
    Visitors,
    /// People signed in with one set of roles (see [`roles_of`]).
    Roles(u64),
    Person(i64),
}

impl Audience {
    /// The audience of a signed-in viewer on a page shared as `sharing`.
    fn of(viewer: &linli_model::account::Viewer, sharing: Sharing) -> Option<Self> {
        match sharing {
            Sharing::Visitors => None,
            Sharing::Person => Some(Self::Person(viewer.id.0)),
            Sharing::Roles => Some(Self::Roles(roles_of(viewer))),
        }
    }
}

impl Key {
    /// The key of a GET that may share a page, for visitors or for the
    /// viewer signed in: never with an API token or a form's typed-back
    /// values.
    fn of(req: &Request, viewer: Option<&linli_model::account::Viewer>) -> Option<Self> {
        let headers = req.headers();
        let sharing = sharing(req.uri().path())?;
        let audience = match viewer {
            None => Audience::Visitors,
            Some(viewer) => Audience::of(viewer, sharing)?,
        };
        if req.method() != Method::GET
            || headers.contains_key(header::AUTHORIZATION)
            || cookies::find(headers, TYPED_BACK_COOKIE).is_some()
        {
            return None;
        }
        Some(Self {
            uri: req.uri().to_string(),
            lang: cookies::find(headers, LANG_COOKIE),
            accept_language: headers.get(header::ACCEPT_LANGUAGE).cloned(),
            audience,
        })
    }
}

/// One number for a set of grants, whatever their order.
fn roles_of(viewer: &linli_model::account::Viewer) -> u64 {
    use std::hash::{BuildHasher as _, BuildHasherDefault, DefaultHasher};
    let hasher = BuildHasherDefault::<DefaultHasher>::default();
    viewer
        .grants
        .iter()
        .map(|g| hasher.hash_one(g))
        .fold(1, u64::wrapping_add)
}

/// A rendered page and where the parts that differ per response stand.
struct Page {
    headers: HeaderMap,
    body: Bytes,
    nonce: Option<String>,
    /// Byte offsets of the nonce in `body`, in order.
    nonce_at: Vec<usize>,
    /// The inside of the header's account `<nav>`.
    account_links: Option<(usize, usize)>,
}

impl Page {
    /// Keeps a response if it is the same for everyone: a 200 that sets no
    /// cookie and does not forbid storing, and, when each copy gets its own
    /// account links, has them where they can be replaced.
    async fn keep(response: Response, with_links: bool) -> Result<Self, Response> {
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
        let account_links = find_account_links(&body);
        if with_links && account_links.is_none() {
            tracing::warn!("a page kept per role has no account links to replace");
            return Err(Response::from_parts(parts, Body::from(body)));
        }
        let mut headers = parts.headers;
        headers.remove(header::CONTENT_LENGTH);
        Ok(Self {
            headers,
            body,
            nonce,
            nonce_at,
            account_links,
        })
    }

    /// A copy of the page for one response, with a nonce of its own and,
    /// for someone signed in, their account links; `how` tells tests and
    /// operators whether it was kept ("hit", "stale") or just rendered.
    fn serve(&self, how: &'static str, account_links: Option<&str>) -> Response {
        let mut headers = self.headers.clone();
        let mut edits: Vec<(usize, usize, Bytes)> = Vec::new();
        if let Some(old) = &self.nonce {
            let new = fresh_nonce();
            if let Some(csp) = headers
                .get(header::CONTENT_SECURITY_POLICY)
                .and_then(|v| v.to_str().ok())
                .map(|csp| csp.replace(&format!("'nonce-{old}'"), &format!("'nonce-{new}'")))
                .and_then(|csp| HeaderValue::from_str(&csp).ok())
            {
                headers.insert(header::CONTENT_SECURITY_POLICY, csp);
            }
            let new = Bytes::from(new);
            edits.extend(
                self.nonce_at
                    .iter()
                    .map(|&i| (i, i + old.len(), new.clone())),
            );
        }
        if let (Some(html), Some((from, to))) = (account_links, self.account_links) {
            edits.push((from, to, Bytes::copy_from_slice(html.as_bytes())));
        }
        edits.sort_by_key(|e| e.0);
        let chunks = splice(&self.body, &edits);
        let length: usize = chunks.iter().map(Bytes::len).sum();
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        headers.insert("x-page-cache", HeaderValue::from_static(how));
        // The kept page's own bytes go out as they are, between the
        // spliced parts: no copy of the page per response.
        let body = Body::from_stream(futures_util::stream::iter(
            chunks.into_iter().map(Ok::<_, std::convert::Infallible>),
        ));
        let mut response = Response::new(body);
        *response.headers_mut() = headers;
        response
    }
}

/// Where the inside of the header's account `<nav>` starts and ends.
fn find_account_links(body: &[u8]) -> Option<(usize, usize)> {
    // Attribute order is the renderer's: find the class, then the tag's end.
    let class = find(body, b"class=\"account-nav\"")?;
    let start = class + body[class..].iter().position(|&b| b == b'>')? + 1;
    let end = start + find(&body[start..], b"</nav>")?;
    Some((start, end))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Where `needle` starts in `haystack`, each time, without overlaps.
fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    for i in memchr::memmem::find_iter(haystack, needle) {
        if found.last().is_none_or(|&last| i >= last + needle.len()) {
            found.push(i);
        }
    }
    found
}

/// `body` with each range `from..to` replaced by its bytes, as pieces
/// that share `body`'s memory; the ranges are in order and do not overlap.
fn splice(body: &Bytes, edits: &[(usize, usize, Bytes)]) -> Vec<Bytes> {
    let mut out = Vec::with_capacity(2 * edits.len() + 1);
    let mut at = 0;
    for (from, to, with) in edits {
        out.push(body.slice(at..*from));
        out.push(with.clone());
        at = *to;
    }
    out.push(body.slice(at..));
    out.retain(|b| !b.is_empty());
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
    page: OnceCell<Option<Arc<Page>>>,
    /// The copy this slot replaces because it grew old, not because
    /// anything changed: served to others while this one renders, then
    /// let go.
    stale: Mutex<Option<Arc<Page>>>,
    /// Its page's bytes as counted in [`Slots::bytes`] (0 until counted);
    /// changed only under the lock of the [`Slots`] holding it.
    counted: AtomicUsize,
}

impl Slot {
    fn new(generation: u64, stale: Option<Arc<Page>>) -> Self {
        Self {
            generation,
            born: Instant::now(),
            page: OnceCell::new(),
            stale: Mutex::new(stale),
            counted: AtomicUsize::new(0),
        }
    }

    fn fresh(&self, generation: u64) -> bool {
        self.generation == generation && self.born.elapsed() < FRESH_FOR
    }

    /// Its page, once rendered and kept.
    fn kept(&self) -> Option<Arc<Page>> {
        self.page.get().cloned().flatten()
    }

    fn stale(&self) -> Option<Arc<Page>> {
        self.stale.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// What a slot replacing this one may serve while it renders: this
    /// page if nothing changed since it was rendered.
    fn successor_stale(&self, generation: u64) -> Option<Arc<Page>> {
        (self.generation == generation)
            .then(|| self.kept().or_else(|| self.stale()))
            .flatten()
    }

    /// The bytes of its page, once rendered and kept.
    fn bytes(&self) -> usize {
        self.page
            .get()
            .and_then(Option::as_ref)
            .map_or(0, |page| page.body.len())
    }
}

/// The kept pages by address, and the sum of their bytes, kept as pages
/// come and go: summing every page on each new address cost a walk over
/// up to [`MAX_ENTRIES`] slots under the lock, per request, when every
/// request is a new address (each search a resident types).
#[derive(Default)]
struct Slots {
    map: HashMap<Key, Arc<Slot>>,
    /// The sum of [`Slot::counted`] over `map`.
    bytes: usize,
}

impl Slots {
    fn full(&self, share: usize) -> bool {
        self.map.len() >= MAX_ENTRIES / share || self.bytes >= MAX_BYTES / share
    }

    /// Keeps the slots `keep` says yes to, uncounting the others.
    fn retain(&mut self, keep: impl Fn(&Slot) -> bool) {
        let mut gone = 0;
        self.map.retain(|_, slot| {
            let kept = keep(slot);
            if !kept {
                gone += slot.counted.load(Ordering::Relaxed);
            }
            kept
        });
        self.bytes -= gone;
    }

    fn insert(&mut self, key: Key, slot: Arc<Slot>) {
        if let Some(old) = self.map.insert(key, slot) {
            self.bytes -= old.counted.load(Ordering::Relaxed);
        }
    }

    /// Counts the bytes of `slot`'s page once it is rendered, if the slot
    /// is still the one kept for `key` (it may have made room for others).
    fn count(&mut self, key: &Key, slot: &Arc<Slot>) {
        let kept = self.map.get(key).is_some_and(|s| Arc::ptr_eq(s, slot));
        if kept && slot.counted.load(Ordering::Relaxed) == 0 {
            let bytes = slot.bytes();
            slot.counted.store(bytes, Ordering::Relaxed);
            self.bytes += bytes;
        }
    }

    /// Makes room for one more page: drops stale pages, and when the fresh
    /// ones alone fill the cache (in entries or bytes), the older half of
    /// them, so a flood of new addresses costs one sort per half-cache,
    /// not per request.
    fn make_room(&mut self, generation: u64) {
        if !self.full(1) {
            return;
        }
        self.retain(|s| s.fresh(generation));
        if self.full(2) {
            let mut born: Vec<Instant> = self.map.values().map(|s| s.born).collect();
            born.sort_unstable();
            let newer_half = born[born.len() / 2];
            self.retain(|s| s.born > newer_half);
        }
    }

    /// The fresh slot for `key`, or a new one in its place that the caller
    /// is to render (`true`), carrying the old page if only time made it
    /// stale.
    fn slot_for(&mut self, key: &Key, generation: u64) -> (Arc<Slot>, bool) {
        let old = self.map.get(key);
        if let Some(slot) = old.filter(|s| s.fresh(generation)) {
            return (Arc::clone(slot), false);
        }
        let stale = old.and_then(|s| s.successor_stale(generation));
        self.make_room(generation);
        let slot = Arc::new(Slot::new(generation, stale));
        self.insert(key.clone(), Arc::clone(&slot));
        (slot, true)
    }
}

pub struct PageCache {
    slots: Mutex<Slots>,
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

    /// Counts every change heard or made here: what was read under an
    /// older generation may be out of date.
    pub fn generation(&self) -> u64 {
        self.heard.load(Ordering::Acquire) + self.store.changes_here()
    }

    /// Forgets every page: something they show has changed.
    pub fn invalidate(&self) {
        self.heard.fetch_add(1, Ordering::Release);
    }

    /// The slot a request should use: the fresh one, or a new one, which
    /// this request is to render (`true`).
    fn slot(&self, key: &Key) -> (Arc<Slot>, bool) {
        let generation = self.generation();
        self.slots().slot_for(key, generation)
    }

    fn slots(&self) -> std::sync::MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Drops pages as anything public changes, on any instance, for as
    /// long as the server runs.
    pub async fn follow(
        self: Arc<Self>,
        mut matters: tokio::sync::broadcast::Receiver<i64>,
        mut changes: tokio::sync::broadcast::Receiver<()>,
    ) {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            let closed = tokio::select! {
                heard = matters.recv() => matches!(heard, Err(RecvError::Closed)),
                heard = changes.recv() => matches!(heard, Err(RecvError::Closed)),
            };
            if closed {
                return;
            }
            self.invalidate();
        }
    }

    /// The kept page for `key`, rendering it by `next` when there is no
    /// fresh one; `account_links` go into every copy (people signed in).
    async fn serve(
        &self,
        key: Key,
        req: Request,
        next: Next,
        account_links: Option<String>,
    ) -> Response {
        let links = account_links.as_deref();
        let (slot, mine) = self.slot(&key);
        if let Some(page) = slot.kept() {
            return page.serve("hit", links);
        }
        if !mine && let Some(page) = slot.stale() {
            return page.serve("stale", links);
        }
        let mut request = Some((req, next));
        let mut own: Option<Response> = None;
        let (request_ref, own_ref) = (&mut request, &mut own);
        let kept = slot
            .page
            .get_or_init(|| async move {
                let (req, next) = request_ref.take()?;
                match Page::keep(next.run(req).await, links.is_some()).await {
                    Ok(page) => Some(Arc::new(page)),
                    Err(response) => {
                        *own_ref = Some(response);
                        None
                    }
                }
            })
            .await;
        slot.stale.lock().unwrap_or_else(|e| e.into_inner()).take();
        if mine && kept.is_some() {
            self.slots().count(&key, &slot);
        }
        match (kept, own, request) {
            (Some(page), _, rest) => page.serve(if rest.is_some() { "hit" } else { "miss" }, links),
            (None, Some(response), _) => response,
            // Another request found this page is not for sharing: render ours.
            (None, None, Some((req, next))) => next.run(req).await,
            (None, None, None) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }

    /// Counts a write at once and tells the other instances.
    async fn written(&self) {
        if let Err(e) = self.store.announce_change().await {
            tracing::error!(error = %e, "announcing a change failed");
        }
    }
}

/// Serves visitors (no session cookie) their shared pages, before anyone is
/// looked up; and drops every page when a write through this instance
/// succeeds: writes are the requests that are not GET, HEAD or OPTIONS.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let response = next.run(req).await;
        if response.status().is_success() || response.status().is_redirection() {
            cache.written().await;
        }
        return response;
    }
    let key = if cookies::find(req.headers(), SESSION_COOKIE).is_some() {
        None
    } else {
        Key::of(&req, None)
    };
    match key {
        Some(key) => cache.serve(key, req, next, None).await,
        None => next.run(req).await,
    }
}

/// Serves people signed in the page kept for their roles or for them
/// alone, with their own account links; runs after
/// [`crate::middleware::identify`].
pub async fn serve_signed_in(
    State(cache): State<Arc<PageCache>>,
    req: Request,
    next: Next,
) -> Response {
    let Some(Actor::Signed(viewer)) = req.extensions().get::<Actor>() else {
        return next.run(req).await;
    };
    let Some(key) = Key::of(&req, Some(viewer)) else {
        return next.run(req).await;
    };
    let waiting = req.extensions().get::<WaitingWork>().map(|w| w.0);
    let links =
        linli_app::account_links_html(linli_app::lang_of(req.headers()), Some(viewer), waiting, "");
    cache.serve(key, req, next, Some(links)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_reading_pages_are_shared() {
        assert_eq!(sharing("/api/v1/matters"), Some(Sharing::Visitors));
        for path in [
            "/",
            "/matters/42",
            "/deliberations/2",
            "/deliberations/2/record",
            "/projects/1",
            "/organisations/3",
        ] {
            assert_eq!(sharing(path), Some(Sharing::Person), "{path}");
        }
        for path in [
            "/matters",
            "/matters/stats",
            "/accountability",
            "/standards",
            "/communities",
            "/communities/110101001001",
            "/communities/110101001001/items",
            "/deliberations",
            "/deliberations/calendar",
            "/projects",
            "/organisations",
            "/needs",
            "/needs/7",
            "/resources/7",
            "/responsibilities",
            "/districts/330203/calendar",
        ] {
            assert_eq!(sharing(path), Some(Sharing::Roles), "{path}");
        }
        for path in [
            "/account",
            "/inbox",
            "/staff/matters",
            "/organisations/desk",
            "/organisations/register",
            "/communities/110101001001/report",
            "/communities/110101001001/settings",
            "/communities/110101001001/items/history",
            "/matters/42/events",
            "/api/v1/me",
            "/photos/x.jpg",
        ] {
            assert_eq!(sharing(path), None, "{path}");
        }
    }

    fn page(kib: usize) -> Page {
        Page {
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; kib * 1024]),
            nonce: None,
            nonce_at: Vec::new(),
            account_links: None,
        }
    }

    /// `n` kept pages of `kib` KiB each, born a millisecond apart, the
    /// first `stale` of them under an older generation.
    fn kept(n: u64, kib: usize, stale: u64) -> Slots {
        let start = Instant::now();
        let mut slots = Slots::default();
        for (key, slot) in (0..n).map(|i| {
            let key = Key {
                uri: format!("/matters?q={i}"),
                lang: None,
                accept_language: None,
                audience: Audience::Visitors,
            };
            let slot = Slot {
                generation: if i < stale { 1 } else { 2 },
                born: start + Duration::from_millis(i),
                page: OnceCell::new_with(Some(Some(Arc::new(page(kib))))),
                stale: Mutex::new(None),
                counted: AtomicUsize::new(0),
            };
            (key, Arc::new(slot))
        }) {
            slots.insert(key.clone(), Arc::clone(&slot));
            slots.count(&key, &slot);
        }
        slots
    }

    #[test]
    fn a_page_grown_old_is_served_while_one_request_renders_it_again() {
        let page_of = |slots: &Slots| slots.map.keys().next().cloned();
        // Rendered long enough ago to be re-rendered.
        let mut slots = kept(1, 1, 0);
        let key = page_of(&slots).expect("one page");
        let mut old = Slot::new(2, None);
        old.born = Instant::now()
            .checked_sub(FRESH_FOR + Duration::from_millis(1))
            .expect("the clock is past the freshness window");
        let _ = old.page.set(slots.map[&key].kept());
        slots.insert(key.clone(), Arc::new(old));

        // The first request renders; the next ones get the old copy
        // until it is done, and then nothing of it stays.
        let (first, mine) = slots.slot_for(&key, 2);
        assert!(mine && first.stale().is_some());
        let (second, mine) = slots.slot_for(&key, 2);
        assert!(!mine && Arc::ptr_eq(&first, &second));
        assert!(second.kept().is_none() && second.stale().is_some());

        // A change since: nobody may see the old copy, all wait.
        let (changed, mine) = slots.slot_for(&key, 3);
        assert!(mine && changed.stale().is_none());
    }

    #[test]
    fn the_kept_bytes_count_the_pages_still_kept_once() {
        let mut slots = kept(1, 4, 0);
        let key = slots.map.keys().next().cloned().expect("one page");
        assert_eq!(slots.bytes, 4096);

        // A change: a new slot renders the page, and the old one's bytes go.
        let (first, mine) = slots.slot_for(&key, 3);
        assert!(mine);
        assert_eq!(slots.bytes, 0);
        let _ = first.page.set(Some(Arc::new(page(2))));
        slots.count(&key, &first);
        slots.count(&key, &first);
        assert_eq!(slots.bytes, 2048, "counted once");

        // A slot replaced while it renders does not count when it is done.
        let (second, _) = slots.slot_for(&key, 4);
        let (third, _) = slots.slot_for(&key, 5);
        let _ = second.page.set(Some(Arc::new(page(8))));
        slots.count(&key, &second);
        assert_eq!(slots.bytes, 0);
        let _ = third.page.set(Some(Arc::new(page(1))));
        slots.count(&key, &third);
        assert_eq!(slots.bytes, 1024);
    }

    #[test]
    fn the_cache_stays_within_its_bytes_keeping_the_newest_pages() {
        // Under both limits nothing goes, stale or not.
        let mut slots = kept(10, 1024, 3);
        slots.make_room(2);
        assert_eq!(slots.map.len(), 10);
        assert_eq!(slots.bytes, 10 << 20);

        // 40 MiB of pages: the stale ones go, then the older half of the rest.
        let mut slots = kept(40, 1024, 4);
        slots.make_room(2);
        let bytes: usize = slots.map.values().map(|s| s.bytes()).sum();
        assert!(bytes < MAX_BYTES, "{bytes} bytes kept");
        assert_eq!(slots.bytes, bytes, "the kept sum follows the pages");
        let mut left: Vec<u64> = slots
            .map
            .keys()
            .map(|k| k.uri["/matters?q=".len()..].parse().expect("a page number"))
            .collect();
        left.sort_unstable();
        assert_eq!(left, (23..40).collect::<Vec<u64>>());

        // Many small pages fill the entries instead.
        let mut slots = kept(MAX_ENTRIES as u64, 1, 0);
        slots.make_room(2);
        assert!(
            slots.map.len() < MAX_ENTRIES / 2 + 1,
            "{} kept",
            slots.map.len()
        );
    }

    #[test]
    fn a_served_copy_carries_its_own_nonce_and_account_links() {
        let body = Bytes::from_static(b"<script nonce=\"abc\">1</script><nav aria-label=\"x\" class=\"account-nav\"><a>A</a></nav><script nonce=\"abc\">2</script>");
        let nonce = Bytes::from_static(b"xyz123");
        let (from, to) = find_account_links(&body).expect("the header has its account links");
        let mut edits: Vec<(usize, usize, Bytes)> = find_all(&body, b"abc")
            .into_iter()
            .map(|i| (i, i + 3, nonce.clone()))
            .collect();
        edits.push((from, to, Bytes::from_static(b"<a>B</a>")));
        edits.sort_by_key(|e| e.0);
        assert_eq!(
            splice(&body, &edits).concat(),
            b"<script nonce=\"xyz123\">1</script><nav aria-label=\"x\" class=\"account-nav\"><a>B</a></nav><script nonce=\"xyz123\">2</script>"
        );
    }
}
