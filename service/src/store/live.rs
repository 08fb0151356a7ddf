//! Which matter just changed, told to every page watching it, on every
//! server instance.
//!
//! On SQLite there is one instance: a step's commit is announced in
//! process. On PostgreSQL the step's transaction runs `pg_notify`, which
//! PostgreSQL delivers on commit to every instance listening (including
//! this one), and each instance's listener forwards it in process.

use std::sync::{
    Arc, OnceLock,
    atomic::{AtomicU64, Ordering},
};

use sqlx::{PgPool, postgres::PgListener};
use tokio::sync::broadcast;

/// The channel name in PostgreSQL.
pub(crate) const CHANNEL: &str = "matter_changed";
/// Changes kept for a slow watcher before it is told it missed some.
const BUFFER: usize = 1024;

#[derive(Debug)]
pub(crate) struct Live {
    sender: broadcast::Sender<i64>,
    listening: OnceLock<()>,
    here: AtomicU64,
}

impl Live {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Self {
            sender: broadcast::channel(BUFFER).0,
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

    /// A receiver of changes; on PostgreSQL the first call starts this
    /// instance's listener, which reconnects by itself if the connection
    /// drops.
    pub(crate) fn subscribe(self: &Arc<Self>, pool: Option<&PgPool>) -> broadcast::Receiver<i64> {
        if let Some(pool) = pool {
            self.listening.get_or_init(|| {
                let live = Arc::clone(self);
                let pool = pool.clone();
                tokio::spawn(async move { live.listen(pool).await });
            });
        }
        self.sender.subscribe()
    }

    async fn listen(&self, pool: PgPool) {
        loop {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(e) = listener.listen(CHANNEL).await {
                        tracing::warn!(error = %e, "LISTEN failed");
                    } else {
                        while let Ok(n) = listener.recv().await {
                            if let Ok(id) = n.payload().parse::<i64>() {
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
