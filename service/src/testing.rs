//! Fresh, migrated databases for tests, on both engines.
//!
//! SQLite always runs. PostgreSQL runs when `LINLI_TEST_POSTGRES_URL` names a
//! server (`make test` starts one); each test gets its own new database
//! there. Under CI a missing URL is an error, so the PostgreSQL half of the
//! suite can never be skipped by accident.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::{Connection, PgConnection};

use crate::{DatabaseUrl, Store, StoreOptions};

pub const POSTGRES_URL_VAR: &str = "LINLI_TEST_POSTGRES_URL";

/// A migrated store and whatever keeps its database alive.
#[derive(Debug)]
pub struct TestDb {
    pub store: Store,
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = DatabaseUrl::Sqlite(dir.path().join("linli.db"));
        let store = Store::connect(&url, &StoreOptions::default())
            .await
            .expect("open SQLite");
        store.migrate().await.expect("migrate SQLite");
        Self {
            store,
            url,
            _dir: Some(dir),
        }
    }

    /// `None` when no PostgreSQL server was given outside CI.
    pub async fn postgres() -> Option<Self> {
        let Ok(admin) = std::env::var(POSTGRES_URL_VAR) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{POSTGRES_URL_VAR} must be set under CI: the PostgreSQL tests may not be skipped"
            );
            eprintln!("{POSTGRES_URL_VAR} is not set: skipping the PostgreSQL half of this test");
            return None;
        };
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "linli_test_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        );
        let mut conn = PgConnection::connect(&admin)
            .await
            .expect("connect to the test PostgreSQL server");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create a test database");
        conn.close().await.ok();
        let mut url = url::Url::parse(&admin).expect("valid PostgreSQL URL");
        url.set_path(&name);
        let url = DatabaseUrl::parse(url.as_str()).expect("valid PostgreSQL URL");
        let store = Store::connect(
            &url,
            &StoreOptions {
                max_connections: 4,
                ..StoreOptions::default()
            },
        )
        .await
        .expect("connect to the test database");
        store.migrate().await.expect("migrate PostgreSQL");
        Some(Self {
            store,
            url,
            _dir: None,
        })
    }
}

/// Declares one async test per engine: `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! test_on_both_engines {
    ($(#[$meta:meta])* async fn $name:ident($db:ident: TestDb) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($db: $crate::testing::TestDb) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$meta])*
            async fn sqlite() {
                run($crate::testing::TestDb::sqlite().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            $(#[$meta])*
            async fn postgres() {
                if let Some(db) = $crate::testing::TestDb::postgres().await {
                    run(db).await;
                }
            }
        }
    };
}

impl Store {
    /// The store with a text search trying only the newest `window`
    /// matters first, so a small city takes every step a large one does.
    #[must_use]
    pub fn with_search_window(mut self, window: i64) -> Self {
        self.search_window = window.max(1);
        self
    }

    /// The first column of every row, read on a reader connection (where
    /// per-connection settings such as `mmap_size` apply), for tests that
    /// look at what is stored.
    pub async fn query_column<T>(&self, sql: &str) -> Vec<T>
    where
        T: Send
            + Unpin
            + for<'r> sqlx::Decode<'r, sqlx::Sqlite>
            + sqlx::Type<sqlx::Sqlite>
            + for<'r> sqlx::Decode<'r, sqlx::Postgres>
            + sqlx::Type<sqlx::Postgres>,
    {
        crate::store::on_reader!(self, pool => {
            sqlx::query_scalar(sql).fetch_all(pool).await
        })
        .expect("query")
    }

    /// [`Self::query_column`] of text, the common case.
    pub async fn query_strings(&self, sql: &str) -> Vec<String> {
        self.query_column(sql).await
    }

    /// Every audit entry's action, oldest first.
    pub async fn audit_actions(&self) -> Vec<String> {
        self.query_strings("SELECT action FROM audit_entry ORDER BY audit_entry_id")
            .await
    }

    /// Runs raw SQL, for tests that tamper with stored data on purpose.
    pub async fn execute_raw(&self, sql: &str) -> crate::Result<u64> {
        crate::store::in_write_tx!(self, tx => {
            Ok(sqlx::query(sql).execute(&mut *tx).await?.rows_affected())
        })
    }
}

/// A small synthetic city of `communities` communities, loaded.
pub async fn small_city(store: &Store, communities: usize) -> crate::seed::CityData {
    let city = crate::seed::generate(&crate::seed::CityPlan::scale(communities));
    store
        .load_city(&city, &crate::seed::Silent)
        .await
        .expect("load the city");
    city
}

/// An account with the given grants, signed in; its password is never
/// checked by the tests that use it.
pub async fn person(
    store: &Store,
    email: &str,
    grants: &[linli_model::role::Grant],
) -> crate::policy::Actor {
    use linli_model::account::{Email, Login};
    let login = Login::Email(Email::parse(email).expect("a valid email"));
    let id = store
        .insert_account(email, &login, "unused", 0)
        .await
        .expect("account");
    for g in grants {
        store.insert_grant(id, g, None, 0).await.expect("grant");
    }
    crate::policy::Actor::Signed(store.viewer(id).await.expect("viewer"))
}
