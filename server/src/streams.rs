//! Open server-sent event streams, counted per client address and in all.
//!
//! Each stream holds a connection open for as long as the page is open, so
//! without a bound one address (or everyone together) could hold them all.
//! A stream takes a [`Slot`] and gives it back when it ends; streams with
//! nothing to say for [`IDLE`] end, and browsers open them again if the
//! page is still there.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

/// A stream with no news for this long ends.
pub const IDLE: Duration = Duration::from_secs(10 * 60);

#[derive(Debug)]
pub struct StreamSlots {
    per_address: usize,
    total: usize,
    open: Mutex<HashMap<IpAddr, usize>>,
}

impl StreamSlots {
    pub fn new(per_address: usize, total: usize) -> Arc<Self> {
        Arc::new(Self {
            per_address,
            total,
            open: Mutex::new(HashMap::new()),
        })
    }

    /// A slot for a stream from `ip`, unless that address or the server
    /// has all it may.
    pub fn take(self: &Arc<Self>, ip: IpAddr) -> Option<Slot> {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let total: usize = open.values().sum();
        let mine = open.entry(ip).or_default();
        if *mine >= self.per_address || total >= self.total {
            return None;
        }
        *mine += 1;
        Some(Slot {
            slots: self.clone(),
            ip,
        })
    }

    fn give_back(&self, ip: IpAddr) {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = open.get_mut(&ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&ip);
            }
        }
    }
}

/// One open stream's place; given back when dropped.
#[derive(Debug)]
pub struct Slot {
    slots: Arc<StreamSlots>,
    ip: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.slots.give_back(self.ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_bounded_per_address_and_in_all() {
        let slots = StreamSlots::new(2, 3);
        let (a, b) = (
            "192.0.2.1".parse().expect("ip"),
            "192.0.2.2".parse().expect("ip"),
        );
        let first = slots.take(a).expect("one");
        let _second = slots.take(a).expect("two");
        assert!(slots.take(a).is_none(), "a third from one address");
        let _third = slots.take(b).expect("another address");
        assert!(slots.take(b).is_none(), "the server is full");
        drop(first);
        assert!(slots.take(b).is_some(), "a closed stream frees its place");
    }
}
