//! Which matter just changed, told to every page watching it, on every
//! server instance.
//!
//! On SQLite there is one instance: a step's commit is announced in
//! process. On PostgreSQL the step's transaction runs `pg_notify`, which
//! PostgreSQL delivers on commit to every instance listening (including
//! this one), and each instance's listener forwards it in process.
//!
//! Any other change to what public pages show (a deliberation's step, a
//! bid, a list entry) is announced the same way without an id, on a second
//! channel: the page caches of every instance drop their pages.

use std::sync::{
    Arc, OnceLock,
    atomic::{AtomicU64, Ordering},
};

use sqlx::{PgPool, postgres::PgListener};
use tokio::sync::broadcast;

/// The channel name in PostgreSQL.
pub(crate) const CHANNEL: &str = "matter_changed";
/// The channel of changes to anything else public.
pub(crate) const ANY_CHANNEL: &str = "linli_changed";
/// Changes kept for a slow watcher before it is told it missed some.
const BUFFER: usize = 1024;

#[derive(Debug)]
pub(crate) struct Live {
    sender: broadcast::Sender<i64>,
    any: broadcast::Sender<()>,
    listening: OnceLock<()>,
    here: AtomicU64,
}

impl Live {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Self {
            sender: broadcast::channel(BUFFER).0,
            any: broadcast::channel(BUFFER).0,
            listening: OnceLock::new(),
            here: AtomicU64::new(0),
        })
    }

    /// Counts a change committed by this instance, on either engine.
    pub(crate) fn changed(&self) {
        self.here.fetch_add(1, Ordering::Release);
    }

    pub(crate) fn changed_here(&self) -> u64 {
        self.here.load(Ordering::Acquire)
    }

    /// Announces a change in this process (SQLite).
    pub(crate) fn announce(&self, matter: i64) {
        // No receivers is fine: nobody is watching.
        let _ = self.sender.send(matter);
    }

    /// Announces a change without an id in this process (SQLite).
    pub(crate) fn announce_any(&self) {
        let _ = self.any.send(());
    }

    /// A receiver of matter changes; see [`Self::listen_once`].
    pub(crate) fn subscribe(self: &Arc<Self>, pool: Option<&PgPool>) -> broadcast::Receiver<i64> {
        self.listen_once(pool);
        self.sender.subscribe()
    }

    /// A receiver of the other changes; see [`Self::listen_once`].
    pub(crate) fn subscribe_any(
        self: &Arc<Self>,
        pool: Option<&PgPool>,
    ) -> broadcast::Receiver<()> {
        self.listen_once(pool);
        self.any.subscribe()
    }

    /// On PostgreSQL the first subscription starts this instance's
    /// listener, which reconnects by itself if the connection drops.
    fn listen_once(self: &Arc<Self>, pool: Option<&PgPool>) {
        if let Some(pool) = pool {
            self.listening.get_or_init(|| {
                let live = Arc::clone(self);
                let pool = pool.clone();
                tokio::spawn(async move { live.listen(pool).await });
            });
        }
    }

    async fn listen(&self, pool: PgPool) {
        let mut reconnect = false;
        loop {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(e) = listener.listen_all([CHANNEL, ANY_CHANNEL]).await {
                        tracing::warn!(error = %e, "LISTEN failed");
                    } else {
                        // Whatever was missed while reconnecting is stale.
                        if reconnect {
                            self.announce_any();
                        }
                        reconnect = true;
                        while let Ok(n) = listener.recv().await {
                            if n.channel() == ANY_CHANNEL {
                                self.announce_any();
                            } else if let Ok(id) = n.payload().parse::<i64>() {
                                self.announce(id);
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot listen for matter changes"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        }
    }
}
