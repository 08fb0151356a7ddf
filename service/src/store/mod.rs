//! One store over two engines. SQLite is the embedded default; PostgreSQL is
//! for several server instances sharing one database. Queries are written
//! once with `$n` placeholders, which both engines accept, and run on the
//! pool of whichever engine the URL chose.

mod account;
mod accountability;
mod admission;
mod api_token;
mod assist;
pub(crate) mod bulk;
mod calendar;
mod community_setting;
mod deliberation;
mod filing;
mod following;
mod intake;
mod list_item;
mod live;
mod matter;
mod membership;
mod moderation;
mod need;
mod organisation;
mod photo;
mod project;
mod promise;
mod recurring;
mod reset;
mod resource;
mod responsibility;
mod standards;
mod tracker;
mod tree;
mod typed_back;

pub use account::StoredCredentials;
pub use accountability::MonthSums;
pub use admission::{DepartmentRow, NewReview, ProposalRow, ReviewRow};
pub use api_token::TokenOwner;
pub use assist::{AssistRow, AssistScope, EnteredFor, Message};
pub use calendar::CalendarPlace;
pub use community_setting::ReportPlace;
pub(crate) use deliberation::pseudonym;
pub use deliberation::{
    DeliberationCounts, DeliberationNote, DeliberationRow, NewRecord, PollRow, TopicRow, Turnout,
};
pub use following::PendingStep;
pub use intake::IntakeRow;
pub use list_item::{IndexedItem, NewListItem};
pub(crate) use matter::search_rows;
pub use matter::{MatterCounts, MatterRow, NewEvent, Notice};
pub use membership::{MembershipRef, NewMembership};
pub use moderation::{Facts, NewDecision};
pub use need::{NeedFilter, NeedRecord, SourceFacts, search_text};
pub use organisation::OrganisationRow;
pub use project::{BidRow, MilestoneFiled, ProjectChange, ProjectLink, ProjectRow, SheetRow};
pub use promise::Supported;
pub use recurring::MonthMatter;
pub use reset::{OutboxMessage, StoredMessage};
pub use resource::ResourceFilter;
pub use responsibility::ResponsibilityFilter;
pub use tracker::{Change, Opening};

use std::{path::Path, str::FromStr, time::Duration};

use anyhow::Context as _;
use sqlx::{
    PgPool, SqlitePool,
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use crate::{DatabaseUrl, Result};

/// Runs `$body` with `$pool` bound to the reading pool of either engine.
macro_rules! on_reader {
    ($store:expr, $pool:ident => $body:expr) => {{
        $store.count_round_trip();
        match &$store.shared.db {
            $crate::store::Db::Sqlite { read: $pool, .. } => $body,
            $crate::store::Db::Postgres($pool) => $body,
        }
    }};
}

/// Runs `$body` (a `Result`) inside a write transaction bound to `$tx`,
/// committing when it returns `Ok`. SQLite transactions begin IMMEDIATE so
/// that a read-then-write cannot fail half-way when another writer commits,
/// and SQLite's writer pool holds one connection, so writers in this process
/// queue instead of failing with "database is locked".
macro_rules! in_write_tx {
    ($store:expr, $tx:ident => $body:expr) => {{
        $store.count_round_trip();
        match &$store.shared.db {
            $crate::store::Db::Sqlite { write, .. } => {
                async {
                    let mut $tx = write.begin_with("BEGIN IMMEDIATE").await?;
                    let out: $crate::Result<_> = async { $body }.await;
                    let out = out?;
                    $tx.commit().await?;
                    Ok::<_, $crate::Error>(out)
                }
                .await
            }
            $crate::store::Db::Postgres(pool) => {
                async {
                    let mut $tx = pool.begin().await?;
                    let out: $crate::Result<_> = async { $body }.await;
                    let out = out?;
                    $tx.commit().await?;
                    Ok::<_, $crate::Error>(out)
                }
                .await
            }
        }
    }};
}

pub(crate) use {in_write_tx, on_reader};

/// A stored value no code writes: the database was changed by hand.
pub(crate) fn corrupt(what: &str, value: &str) -> crate::Error {
    crate::Error::Internal(anyhow::anyhow!("stored {what} {value:?} is invalid"))
}

/// The SQLite writer's page cache, in KiB: the indexes reports update.
pub(crate) const WRITER_CACHE_KIB: u32 = 65_536;
/// Each SQLite reader's page cache, in KiB.
const READER_CACHE_KIB: u32 = 8_192;
/// How much of the SQLite file is mapped: more than any city's file, within
/// the ceiling `.cargo/config.toml` builds SQLite with.
const MMAP_BYTES: u64 = 1 << 40;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Tuning that has sensible defaults.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Connections for reading (SQLite) or for everything (PostgreSQL).
    pub max_connections: u32,
    /// How long a SQLite writer waits for a lock held by another process.
    pub busy_timeout: Duration,
    /// How many of the newest matters a text search tries first.
    pub search_window: i64,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            max_connections: 8,
            busy_timeout: Duration::from_secs(10),
            search_window: 20_000,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Db {
    Sqlite { read: SqlitePool, write: SqlitePool },
    Postgres(PgPool),
}

/// Cheap to clone, and cloned for every request and every server
/// function a page calls: one shared handle and the search window (which
/// tests set per clone). Its fields each in their own `Arc` made a clone
/// eight atomic increments, 1–2 % of a rendered page's CPU (perf, issue 22).
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) shared: std::sync::Arc<Shared>,
    pub(crate) search_window: i64,
}

#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) db: Db,
    live: std::sync::Arc<live::Live>,
    /// Started by the first report: see [`filing`].
    filings: std::sync::OnceLock<filing::Filings>,
    /// Opinion maps of consultations: see [`deliberation`].
    opinions: deliberation::OpinionCache,
    /// Base item lists: see [`list_item`].
    base_items: list_item::BaseItems,
    /// The matter categories, which only migrations write: read once.
    categories: tokio::sync::OnceCell<Vec<linli_model::matter::Category>>,
    /// Round trips to the database: what the tests bound per page.
    round_trips: std::sync::atomic::AtomicU64,
}

impl Store {
    /// Connects without touching the schema; call [`Store::migrate`] next.
    pub async fn connect(url: &DatabaseUrl, options: &StoreOptions) -> anyhow::Result<Self> {
        let db = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).with_context(|| {
                        format!("creating the data directory {}", dir.display())
                    })?;
                }
                let connect = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(options.busy_timeout)
                    .foreign_keys(true)
                    .pragma("temp_store", "memory")
                    // Read the whole file through the OS page cache without
                    // copying (the build raises SQLite's 2 GiB ceiling): at
                    // ten million matters, pages read past the first gigabyte
                    // were copied into every reader's own cache, 760 MB of
                    // heap in all, pages the kernel already holds.
                    .pragma("mmap_size", MMAP_BYTES.to_string());
                // Page caches are per connection and grow only as used. With
                // the file mapped, they hold little beyond what a transaction
                // changes and pages still in the write-ahead log: the one
                // writer's 64 MiB, each reader's 8 MiB.
                // A local file cannot drop like a network connection: no
                // ping before each use (a thread round trip per query).
                let write = SqlitePoolOptions::new()
                    .max_connections(1)
                    .test_before_acquire(false)
                    .connect_with(
                        connect
                            .clone()
                            .pragma("cache_size", format!("-{WRITER_CACHE_KIB}")),
                    )
                    .await
                    .with_context(|| format!("opening {}", path.display()))?;
                let read = SqlitePoolOptions::new()
                    .max_connections(options.max_connections)
                    .test_before_acquire(false)
                    .connect_with(connect.pragma("cache_size", format!("-{READER_CACHE_KIB}")))
                    .await
                    .with_context(|| format!("opening {} for reading", path.display()))?;
                Db::Sqlite { read, write }
            }
            DatabaseUrl::Postgres(raw) => {
                // Many requests at once already keep every core busy:
                // parallel workers would only add their start-up to each
                // query (milliseconds, more than most of Linli's take).
                let connect = sqlx::postgres::PgConnectOptions::from_str(raw)
                    .context("reading the PostgreSQL URL")?
                    .options([("max_parallel_workers_per_gather", "0")]);
                let pool = PgPoolOptions::new()
                    .max_connections(options.max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(connect)
                    .await
                    .with_context(|| format!("connecting to {url}"))?;
                Db::Postgres(pool)
            }
        };
        Ok(Self {
            shared: std::sync::Arc::new(Shared {
                db,
                live: live::Live::new(),
                filings: std::sync::OnceLock::new(),
                opinions: deliberation::OpinionCache::default(),
                base_items: list_item::BaseItems::default(),
                categories: tokio::sync::OnceCell::new(),
                round_trips: std::sync::atomic::AtomicU64::new(0),
            }),
            search_window: options.search_window.max(1),
        })
    }

    /// Ids of matters as they change, from every instance.
    pub fn matter_changes(&self) -> tokio::sync::broadcast::Receiver<i64> {
        let pool = match &self.shared.db {
            Db::Postgres(pool) => Some(pool),
            Db::Sqlite { .. } => None,
        };
        self.shared.live.subscribe(pool)
    }

    /// Changes to anything else public, from every instance: see
    /// [`Self::announce_change`].
    pub fn changes(&self) -> tokio::sync::broadcast::Receiver<()> {
        let pool = match &self.shared.db {
            Db::Postgres(pool) => Some(pool),
            Db::Sqlite { .. } => None,
        };
        self.shared.live.subscribe_any(pool)
    }

    /// Tells every instance that something public changed, so that pages
    /// showing it are rendered again.
    pub async fn announce_change(&self) -> Result<()> {
        self.shared.live.changed();
        match &self.shared.db {
            Db::Sqlite { .. } => self.shared.live.announce_any(),
            Db::Postgres(pool) => {
                self.count_round_trip();
                sqlx::query("SELECT pg_notify($1, '')")
                    .bind(live::ANY_CHANNEL)
                    .execute(pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Database round trips made so far by this store and its clones.
    pub fn round_trips(&self) -> u64 {
        self.shared
            .round_trips
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    pub(crate) fn count_round_trip(&self) {
        self.shared
            .round_trips
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many changes (to matters or anything else) this instance has
    /// committed. It moves before the change is heard back from
    /// PostgreSQL (a NOTIFY round trip), so whoever made it can trust it at
    /// once.
    pub fn changes_here(&self) -> u64 {
        self.shared.live.changed_here()
    }

    pub fn engine(&self) -> Engine {
        match self.shared.db {
            Db::Sqlite { .. } => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies every pending migration of this engine's folder. Safe to run
    /// from several instances at once: sqlx takes an advisory lock.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match &self.shared.db {
            Db::Sqlite { write, .. } => {
                // A new index sorts every row of its table, and SQLite
                // sorts in temporary storage, which this store keeps in
                // memory: at ten million matters an index left some 600 MB
                // of heap behind. Migrations sort in files instead, and
                // the connection hands back its cache after them.
                async {
                    let mut conn = write.acquire().await?;
                    sqlx::query("PRAGMA temp_store = FILE")
                        .execute(&mut *conn)
                        .await?;
                    SQLITE_MIGRATIONS.run(&mut *conn).await?;
                    sqlx::query("PRAGMA temp_store = MEMORY")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA shrink_memory")
                        .execute(&mut *conn)
                        .await?;
                    Ok::<_, anyhow::Error>(())
                }
                .await
            }
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await.map_err(Into::into),
        }
        .context("applying migrations")?;
        self.forget_value_samples()
            .await
            .context("dropping SQLite's samples of indexed values")?;
        self.key_community_names()
            .await
            .context("keying community names in pinyin")?;
        self.seed_calendar()
            .await
            .context("loading the national holiday arrangement")?;
        self.fill_rollup()
            .await
            .context("summing the matters of each month")
    }

    /// Drops what an older build's `ANALYZE` sampled of indexed values
    /// (see [`bulk::SAMPLES`]); nothing when there is none.
    async fn forget_value_samples(&self) -> Result<()> {
        let Db::Sqlite { write, .. } = &self.shared.db else {
            return Ok(());
        };
        let sampled: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'",
        )
        .fetch_one(write)
        .await?;
        if sampled == 0 {
            return Ok(());
        }
        in_write_tx!(self, tx => {
            // ANALYZE of a small table changes the schema's version, so
            // that every connection reads the statistics again.
            sqlx::query("ANALYZE matter_category").execute(&mut *tx).await?;
            sqlx::query(bulk::SAMPLES).execute(&mut *tx).await?;
            Ok(())
        })
    }

    /// Answers whether the database can serve a query right now.
    pub async fn ping(&self) -> Result<()> {
        on_reader!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Writes a consistent copy of a live SQLite database to `target`.
    /// PostgreSQL is backed up with `pg_dump`, which the README documents.
    pub async fn backup(&self, target: &Path) -> anyhow::Result<()> {
        match &self.shared.db {
            Db::Sqlite { write, .. } => {
                anyhow::ensure!(
                    !target.exists(),
                    "{} exists already; choose a new file",
                    target.display()
                );
                let target = target
                    .to_str()
                    .context("the backup path must be valid UTF-8")?;
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(write)
                    .await
                    .context("VACUUM INTO")?;
                Ok(())
            }
            Db::Postgres(_) => anyhow::bail!(
                "backups of PostgreSQL are made with pg_dump: pg_dump --format=custom --file FILE \"$LINLI_DATABASE_URL\""
            ),
        }
    }

    /// Closes every connection, letting SQLite fold its WAL back in.
    pub async fn close(&self) {
        match &self.shared.db {
            Db::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// A stored code that no longer parses means the data was corrupted outside
/// Linli: an internal error, never a panic.
pub(crate) fn code<T, E: std::fmt::Display>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<T> {
    parse(raw)
        .map_err(|e| crate::Error::Internal(anyhow::anyhow!("stored code {raw:?} is invalid: {e}")))
}

/// Up to `limit + 1` fetched rows as a keyset page of read models, keyed
/// by the id each one carries.
pub(crate) fn keyset_page<R, T>(
    rows: Vec<R>,
    limit: usize,
    read: fn(R) -> Result<T>,
    id: fn(&T) -> i64,
) -> Result<linli_model::Page<T>> {
    let items = rows.into_iter().map(read).collect::<Result<Vec<_>>>()?;
    Ok(linli_model::Page::from_overfetch(items, limit, |t| {
        id(t).to_string()
    }))
}

/// Escapes LIKE wildcards so a search for "100%" means the characters.
pub(crate) fn like_contains(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 2);
    escaped.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    escaped
}
