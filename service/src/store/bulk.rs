//! Multi-row INSERTs for loading seed data fast on either engine.

/// Rows per multi-row INSERT at most.
pub(crate) const BATCH_ROWS: usize = 400;
/// Values bound per INSERT at most. The SQLite driver looks up each
/// parameter by name, which costs more the more a statement has: beyond a
/// few hundred, binding takes longer than writing.
const BATCH_VALUES: usize = 240;

/// Forgets the samples of indexed values that SQLite's `ANALYZE` keeps
/// (`sqlite_stat4`; the bundled SQLite is built with them). With samples,
/// a statement whose plan weighed a bound value is planned again whenever
/// that value changes: every new street or search word re-parsed and
/// re-planned the page's query and the search index's own queries, a
/// fifth of a search page's time (perf, issue 22). The per-index averages
/// (`sqlite_stat1`) stay and steer the planner.
pub(crate) const SAMPLES: &str = "DELETE FROM sqlite_stat4";

/// One multi-row INSERT.
pub(crate) struct Batch {
    pub sql: String,
    pub values: Vec<Value>,
    pub rows: usize,
}

/// A cell of a loaded row. Ids are BIGINT and counts INTEGER on PostgreSQL,
/// which checks the bound type, hence two integer kinds.
pub(crate) enum Value {
    Id(i64),
    Int(i32),
    Text(String),
    MaybeId(Option<i64>),
    MaybeInt(Option<i32>),
    MaybeText(Option<String>),
    MaybeReal(Option<f64>),
    /// Text the database turns into a value of this type (PostgreSQL's
    /// `tsvector`, for one).
    Cast(String, &'static str),
}

impl Value {
    fn placeholder(&self, n: usize) -> String {
        match self {
            Value::Cast(_, ty) => format!("CAST(${n} AS {ty})"),
            _ => format!("${n}"),
        }
    }
}

/// `rows` of `target` ("table (col, …)") as INSERTs of [`BATCH_ROWS`].
pub(crate) fn table<'a, T>(
    target: &'static str,
    rows: &'a [T],
    values: fn(&T) -> Vec<Value>,
) -> Box<dyn Iterator<Item = Batch> + 'a> {
    let width = rows.first().map_or(1, |r| values(r).len().max(1));
    let per_batch = (BATCH_VALUES / width).clamp(1, BATCH_ROWS);
    Box::new(rows.chunks(per_batch).map(move |chunk| {
        let values: Vec<Value> = chunk.iter().flat_map(values).collect();
        let width = values.len() / chunk.len();
        let placeholders = (0..chunk.len())
            .map(|r| {
                let cells: Vec<String> = (1..=width)
                    .map(|c| values[r * width + c - 1].placeholder(r * width + c))
                    .collect();
                format!("({})", cells.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ");
        Batch {
            sql: format!("INSERT INTO {target} VALUES {placeholders}"),
            values,
            rows: chunk.len(),
        }
    }))
}

/// Binds a batch's values to `$query`, for whichever engine's query it is.
macro_rules! bind_batch {
    ($batch:expr, $query:expr) => {{
        let mut query = $query;
        for value in &$batch.values {
            use $crate::store::bulk::Value;
            query = match value {
                Value::Id(n) => query.bind(*n),
                Value::Int(n) => query.bind(*n),
                Value::Text(s) | Value::Cast(s, _) => query.bind(s.as_str()),
                Value::MaybeId(n) => query.bind(*n),
                Value::MaybeInt(n) => query.bind(*n),
                Value::MaybeText(s) => query.bind(s.as_deref()),
                Value::MaybeReal(x) => query.bind(*x),
            };
        }
        query
    }};
}

pub(crate) use bind_batch;

use super::{Db, Engine, Store, WRITER_CACHE_KIB, in_write_tx, on_reader};
use crate::{Result, clock::Millis};

/// The SQLite writer's page cache while a bulk load runs, in KiB. Seeded
/// matters land all over the indexes (random grids, reporters and dates);
/// with the usual cache a 10-million load rereads index pages from the OS
/// for nearly every row. Pages are only taken as used.
const BULK_CACHE_KIB: u32 = 4 * 1024 * 1024;

/// How seeded residents' logins end: not a deliverable domain.
const SEED_DOMAIN: &str = "@residents.linli.invalid";
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗",
];
const CALLED: &[&str] = &["阿姨", "师傅", "先生", "女士", "大爷", "奶奶"];

impl Store {
    /// Runs INSERT batches in one transaction.
    pub(crate) async fn insert_batches(&self, batches: &[Batch]) -> Result<()> {
        in_write_tx!(self, tx => {
            for batch in batches {
                bind_batch!(batch, sqlx::query(&batch.sql)).execute(&mut *tx).await?;
            }
            Ok(())
        })
    }

    /// Gives the SQLite writer a cache for bulk loading, or its usual one back.
    pub(crate) async fn bulk_cache(&self, bulk: bool) -> Result<()> {
        if let Db::Sqlite { write, .. } = &self.shared.db {
            let kib = if bulk {
                BULK_CACHE_KIB
            } else {
                WRITER_CACHE_KIB
            };
            sqlx::query(&format!("PRAGMA cache_size = -{kib}"))
                .execute(write)
                .await?;
        }
        Ok(())
    }

    /// The id the next bulk-loaded matter gets.
    pub(crate) async fn next_matter_id(&self) -> Result<i64> {
        let max: Option<i64> = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT MAX(matter_id) FROM matter").fetch_one(pool).await
        })?;
        Ok(max.unwrap_or(0) + 1)
    }

    /// At least `n` resident accounts for seeded matters; they cannot sign
    /// in (their password is random and forgotten). Returns their ids.
    pub(crate) async fn seed_reporters(&self, n: usize, now: Millis) -> Result<Vec<i64>> {
        let pattern = format!("seed-%{SEED_DOMAIN}");
        let existing: Vec<i64> = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT account_id FROM account WHERE email LIKE $1 ORDER BY account_id")
                .bind(&pattern)
                .fetch_all(pool)
                .await
        })?;
        if existing.len() >= n {
            return Ok(existing);
        }
        let secret = {
            use rand_core::{OsRng, RngCore};
            let mut bytes = [0u8; 32];
            OsRng.fill_bytes(&mut bytes);
            hex::encode(bytes)
        };
        let password = linli_model::account::Password::parse(&secret)
            .map_err(|e| crate::Error::Internal(anyhow::anyhow!("seed password: {e}")))?;
        let hash = crate::auth::hash_password(&password).await?;
        let rows: Vec<(String, String, String, i64)> = (existing.len()..n)
            .map(|k| {
                let name = format!(
                    "{}{}",
                    SURNAMES[k % SURNAMES.len()],
                    CALLED[(k / SURNAMES.len()) % CALLED.len()]
                );
                (name, format!("seed-{k}{SEED_DOMAIN}"), hash.clone(), now)
            })
            .collect();
        let batches: Vec<Batch> = table(
            "account (display_name, email, password_hash, created_at)",
            &rows,
            |(name, email, hash, at)| {
                vec![
                    Value::Text(name.clone()),
                    Value::Text(email.clone()),
                    Value::Text(hash.clone()),
                    Value::Id(*at),
                ]
            },
        )
        .collect();
        self.insert_batches(&batches).await?;
        Box::pin(self.seed_reporters(n, now)).await
    }

    /// After matters were written with explicit ids: the monthly figures
    /// are summed again, PostgreSQL's id sequence moves past them, and both
    /// engines refresh their statistics so the planner knows the tables'
    /// new sizes.
    pub(crate) async fn after_bulk_matters(&self) -> Result<()> {
        self.rebuild_rollup().await?;
        match self.engine() {
            Engine::Postgres => {
                in_write_tx!(self, tx => {
                    sqlx::query(
                        "SELECT setval(pg_get_serial_sequence('matter', 'matter_id'), \
                         (SELECT COALESCE(MAX(matter_id), 1) FROM matter))",
                    )
                    .execute(&mut *tx)
                    .await?;
                    Ok(())
                })?;
                on_reader!(self, pool => {
                    sqlx::query("ANALYZE matter, matter_event, matter_search, matter_signature")
                        .execute(pool)
                        .await
                        .map(|_| ())
                })?;
            }
            Engine::Sqlite => {
                // A load writes the search index in many segments; a query
                // reads every one of them, so merge them into one now.
                in_write_tx!(self, tx => {
                    sqlx::query("INSERT INTO matter_search(matter_search) VALUES ('optimize')")
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("ANALYZE").execute(&mut *tx).await?;
                    sqlx::query(SAMPLES).execute(&mut *tx).await?;
                    Ok(())
                })?;
            }
        }
        Ok(())
    }

    /// Loads a consultation's statements (author, body, written at) and
    /// votes (index into the statements, account, −1/0/1, cast at) in one
    /// go, then sets each statement's counts from its votes and marks the
    /// opinion groups stale. For the large demo consultation: hundreds of
    /// statements and a hundred thousand votes through the service would
    /// take minutes.
    pub(crate) async fn load_statements(
        &self,
        deliberation: i64,
        statements: &[(i64, String, Millis)],
        votes: &[(usize, i64, i8, Millis)],
    ) -> Result<()> {
        let first: i64 = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT COALESCE(MAX(statement_id), 0) + 1 FROM statement")
                .fetch_one(pool)
                .await
        })?;
        let rows: Vec<(i64, i64, i64, String, i64)> = statements
            .iter()
            .enumerate()
            .map(|(k, (author, body, at))| {
                (first + k as i64, deliberation, *author, body.clone(), *at)
            })
            .collect();
        let mut batches: Vec<Batch> = table(
            "statement (statement_id, deliberation_id, author_id, body, created_at)",
            &rows,
            |(id, d, author, body, at)| {
                vec![
                    Value::Id(*id),
                    Value::Id(*d),
                    Value::Id(*author),
                    Value::Text(body.clone()),
                    Value::Id(*at),
                ]
            },
        )
        .collect();
        let cast: Vec<(i64, i64, i64, i32, i64)> = votes
            .iter()
            .map(|(k, account, vote, at)| {
                (
                    first + *k as i64,
                    *account,
                    deliberation,
                    i32::from(*vote),
                    *at,
                )
            })
            .collect();
        batches.extend(table(
            "statement_vote (statement_id, account_id, deliberation_id, vote, updated_at)",
            &cast,
            |(s, a, d, v, at)| {
                vec![
                    Value::Id(*s),
                    Value::Id(*a),
                    Value::Id(*d),
                    Value::Int(*v),
                    Value::Id(*at),
                ]
            },
        ));
        self.insert_batches(&batches).await?;
        let recount = super::deliberation::recount_sql();
        in_write_tx!(self, tx => {
            sqlx::query(&recount)
            .bind(deliberation)
            .execute(&mut *tx)
            .await?;
            sqlx::query(super::deliberation::VOTES_CHANGED)
                .bind(deliberation)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })?;
        if self.engine() == Engine::Postgres {
            in_write_tx!(self, tx => {
                sqlx::query(
                    "SELECT setval(pg_get_serial_sequence('statement', 'statement_id'), \
                     (SELECT COALESCE(MAX(statement_id), 1) FROM statement))",
                )
                .execute(&mut *tx)
                .await?;
                Ok(())
            })?;
        }
        Ok(())
    }
}
