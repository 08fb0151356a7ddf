//! Request limits shared by every way in and every server instance.
//!
//! Fixed windows counted in the database: one upsert per counted request.
//! The page, server-function, REST and Open311 layers all call
//! [`Limiter::hit`], so a limit cannot be sidestepped by switching door,
//! and N instances behind a balancer still allow the limit once.

use crate::{
    Result, Store,
    clock::{Clock, MINUTE, Millis},
};

/// What is counted, and how much of it a window allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Calls with one API token (REST and Open311 alike).
    Token(i64, u32),
    /// Anonymous API and Open311 calls from one address.
    AnonymousApi(std::net::IpAddr, u32),
    /// Anonymous searches and server-function calls from one address.
    AnonymousSearch(std::net::IpAddr, u32),
}

impl Limit {
    fn subject(&self) -> String {
        match self {
            Limit::Token(id, _) => format!("token:{id}"),
            Limit::AnonymousApi(ip, _) => format!("api:{}", crate::auth::address_key(*ip)),
            Limit::AnonymousSearch(ip, _) => format!("search:{}", crate::auth::address_key(*ip)),
        }
    }

    fn allowed(&self) -> u32 {
        match self {
            Limit::Token(_, n) | Limit::AnonymousApi(_, n) | Limit::AnonymousSearch(_, n) => *n,
        }
    }
}

/// Windows are a minute long.
pub const WINDOW: Millis = MINUTE;

pub struct Limiter<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Limiter<'_> {
    /// Counts one request against `limit`; `Err(seconds)` when the window
    /// is used up, with the seconds until the next one.
    pub async fn hit(&self, limit: Limit) -> Result<std::result::Result<(), i64>> {
        let now = self.clock.now();
        let start = now.div_euclid(WINDOW) * WINDOW;
        let hits = self.store.count_hit(&limit.subject(), start).await?;
        if hits > i64::from(limit.allowed()) {
            return Ok(Err(((start + WINDOW - now) + 999) / 1000));
        }
        Ok(Ok(()))
    }

    /// Forgets windows that have ended.
    pub async fn sweep(&self) -> Result<u64> {
        let start = self.clock.now().div_euclid(WINDOW) * WINDOW;
        self.store.forget_windows_before(start).await
    }
}
