//! Who is behind a session cookie, remembered for a moment.
//!
//! Every page a person reads needs their session and, for staff, how much
//! work waits for them: round trips to the database that cost more than
//! serving the page itself from the page cache. A page request reuses what
//! an earlier one looked up while nothing has changed (the page cache's
//! generation, bumped by every write on any instance) and for at most
//! [`FRESH_FOR`]. Writes always look the session up afresh, so signing out
//! or losing a role holds for them at once, and for reading as soon as
//! the change is heard.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use linli_service::policy::Actor;

/// The longest a looked-up session is reused.
const FRESH_FOR: Duration = Duration::from_secs(2);
/// Sessions remembered; past this, the stale ones go, then all.
const MAX_ENTRIES: usize = 10_000;

/// A session as one page request found it.
#[derive(Clone)]
pub struct Seen {
    pub actor: Actor,
    /// The viewer's work queue, for the header's count.
    pub waiting: Option<u32>,
}

struct Entry {
    seen: Seen,
    generation: u64,
    born: Instant,
}

impl Entry {
    fn fresh(&self, generation: u64) -> bool {
        self.generation == generation && self.born.elapsed() < FRESH_FOR
    }
}

/// Sessions by the digest of their token (never the token itself).
#[derive(Default)]
pub struct SessionCache {
    seen: Mutex<HashMap<String, Entry>>,
}

impl SessionCache {
    /// What was seen of session `id` while the generation was `generation`.
    pub fn get(&self, id: &str, generation: u64) -> Option<Seen> {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.get(id)
            .filter(|e| e.fresh(generation))
            .map(|e| e.seen.clone())
    }

    pub fn put(&self, id: String, generation: u64, found: Seen) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() >= MAX_ENTRIES {
            seen.retain(|_, e| e.fresh(generation));
            if seen.len() >= MAX_ENTRIES {
                seen.clear();
            }
        }
        seen.insert(
            id,
            Entry {
                seen: found,
                generation,
                born: Instant::now(),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_reused_only_while_nothing_changes() {
        let cache = SessionCache::default();
        let seen = Seen {
            actor: Actor::Anonymous,
            waiting: Some(3),
        };
        cache.put("a".into(), 7, seen);
        assert_eq!(cache.get("a", 7).and_then(|s| s.waiting), Some(3));
        assert!(cache.get("a", 8).is_none(), "a change was heard");
        assert!(cache.get("b", 7).is_none(), "another session");
    }
}
