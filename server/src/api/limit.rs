//! Requests per minute per API token.
//!
//! Fixed one-minute windows, counted in this process: a script that runs
//! away is stopped within a minute without a database write per request.
//! With several server instances behind a balancer a token gets up to that
//! many times the limit, which is still a limit; the sign-in and sign-up
//! limits, which guard against attackers, are counted in the database.

use std::{collections::HashMap, sync::Mutex};

use linli_service::clock::{MINUTE, Millis};

#[derive(Debug)]
pub struct TokenLimiter {
    per_minute: u32,
    /// Token id → (window number, requests in it).
    windows: Mutex<HashMap<i64, (i64, u32)>>,
}

/// Windows kept before old ones are swept out.
const SWEEP_AT: usize = 10_000;

impl TokenLimiter {
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request; `Err(seconds)` when the token has used its
    /// minute, with the seconds until the next window.
    pub fn check(&self, token: i64, now: Millis) -> Result<(), i64> {
        let window = now.div_euclid(MINUTE);
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() >= SWEEP_AT {
            windows.retain(|_, (w, _)| *w == window);
        }
        let entry = windows.entry(token).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= self.per_minute {
            let next = (window + 1) * MINUTE;
            return Err(((next - now) + 999) / 1000);
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_token_gets_its_own_minute() {
        let limiter = TokenLimiter::new(3);
        let start = 10 * MINUTE + 15_000;
        for _ in 0..3 {
            assert_eq!(limiter.check(1, start), Ok(()));
        }
        assert_eq!(limiter.check(1, start), Err(45), "45 s to the next window");
        assert_eq!(
            limiter.check(2, start),
            Ok(()),
            "another token is unaffected"
        );
        assert_eq!(limiter.check(1, 11 * MINUTE), Ok(()), "a new window");
    }
}
