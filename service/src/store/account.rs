//! Accounts, sessions, roles and sign-in failures in the store.

use linli_model::{
    account::{AccountId, Login, Viewer},
    api_token::{AccountNotice, CredentialsEnded},
    role::{Grant, Role, Scope},
};

use super::{Store, in_write_tx, on_reader};

/// The statements behind [`Store::end_credentials`], for transactions that
/// also change the password: sessions go, tokens and unused reset links
/// are marked, and a notice is left when tokens went. Evaluates to the
/// tokens revoked; errors return from the enclosing transaction.
macro_rules! end_credentials {
    ($tx:ident, $account:expr, $why:expr, $now:expr) => {{
        sqlx::query("DELETE FROM session WHERE account_id = $1")
            .bind($account)
            .execute(&mut *$tx)
            .await?;
        sqlx::query(
            "UPDATE password_reset SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL",
        )
        .bind($account)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
        let tokens = sqlx::query(
            "UPDATE api_token SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL",
        )
        .bind($account)
        .bind($now)
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        if tokens > 0 {
            sqlx::query(
                "INSERT INTO account_notice (account_id, kind, tokens_revoked, created_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind($account)
            .bind($why.as_str())
            .bind(tokens as i64)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        }
        tokens
    }};
}
use crate::{Error, Result, clock::Millis};
pub(super) use end_credentials;

/// What sign-in needs to check a password.
#[derive(Debug, sqlx::FromRow)]
pub struct StoredCredentials {
    pub account_id: i64,
    pub password_hash: String,
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    role: String,
    scope_kind: String,
    scope_key: String,
}

/// One row per active grant (one row with none for someone without), each
/// carrying the account's name.
#[derive(sqlx::FromRow)]
struct ViewerRow {
    account_id: i64,
    last_seen_at: i64,
    display_name: String,
    role: Option<String>,
    scope_kind: Option<String>,
    scope_key: Option<String>,
}

/// The viewer the rows describe and the `last_seen_at` they carry; `None`
/// for no rows.
fn viewer_of(rows: Vec<ViewerRow>) -> Result<Option<(Viewer, Millis)>> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let (id, seen, display_name) = (
        AccountId(first.account_id),
        first.last_seen_at,
        first.display_name.clone(),
    );
    let grants = rows
        .into_iter()
        .filter_map(|r| {
            Some(GrantRow {
                role: r.role?,
                scope_kind: r.scope_kind?,
                scope_key: r.scope_key?,
            })
        })
        .map(|r| {
            let role = Role::parse(&r.role)
                .ok_or_else(|| anyhow::anyhow!("stored role {:?} is unknown", r.role))?;
            let scope = Scope::parse(&r.scope_kind, &r.scope_key)
                .map_err(|e| anyhow::anyhow!("stored scope is invalid: {e}"))?;
            Grant::new(role, scope)
                .map_err(|e| Error::Internal(anyhow::anyhow!("stored grant: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some((
        Viewer {
            id,
            display_name,
            grants,
        },
        seen,
    )))
}

/// Records a role; shared by every flow that hands one out.
pub(super) const INSERT_GRANT: &str = "INSERT INTO role_grant \
    (account_id, role, scope_kind, scope_key, granted_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)";

fn login_column(login: &Login) -> (&'static str, &str) {
    match login {
        Login::Email(e) => ("email", e.as_str()),
        Login::Phone(p) => ("phone", p.as_str()),
    }
}

impl Store {
    /// Creates an account; `Conflict` when the email or phone is taken.
    pub async fn insert_account(
        &self,
        display_name: &str,
        login: &Login,
        password_hash: &str,
        now: Millis,
    ) -> Result<AccountId> {
        let (column, value) = login_column(login);
        let sql = format!(
            "INSERT INTO account (display_name, {column}, password_hash, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING account_id"
        );
        let inserted: Result<i64> = in_write_tx!(self, tx => {
            Ok(sqlx::query_scalar(&sql)
                .bind(display_name)
                .bind(value)
                .bind(password_hash)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?)
        });
        match inserted {
            Ok(id) => Ok(AccountId(id)),
            Err(e) if e.is_unique_violation() => Err(Error::Conflict("login taken")),
            Err(e) => Err(e),
        }
    }

    pub async fn credentials(&self, login: &Login) -> Result<Option<StoredCredentials>> {
        let (column, value) = login_column(login);
        let sql = format!("SELECT account_id, password_hash FROM account WHERE {column} = $1");
        Ok(on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(value).fetch_optional(pool).await
        })?)
    }

    pub async fn password_hash(&self, account: AccountId) -> Result<String> {
        on_reader!(self, pool => {
            sqlx::query_scalar("SELECT password_hash FROM account WHERE account_id = $1")
                .bind(account.0)
                .fetch_optional(pool)
                .await
        })?
        .ok_or(Error::NotFound)
    }

    pub async fn set_password_hash(&self, account: AccountId, hash: &str) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("UPDATE account SET password_hash = $1 WHERE account_id = $2")
                .bind(hash)
                .bind(account.0)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }

    /// The account and its active grants, as pages and the policy see them.
    pub async fn viewer(&self, account: AccountId) -> Result<Viewer> {
        let rows: Vec<ViewerRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT a.account_id, CAST(0 AS BIGINT) AS last_seen_at, a.display_name, g.role, g.scope_kind, g.scope_key \
                 FROM account a \
                 LEFT JOIN role_grant g ON g.account_id = a.account_id AND g.revoked_at IS NULL \
                 WHERE a.account_id = $1 ORDER BY g.role_grant_id",
            )
            .bind(account.0)
            .fetch_all(pool)
            .await
        })?;
        Ok(viewer_of(rows)?.ok_or(Error::NotFound)?.0)
    }

    /// Who holds a live session (seen since `idle_since`) and when it was
    /// last seen, in one query: every signed-in request asks it first.
    pub async fn session_viewer(
        &self,
        session_id: &str,
        idle_since: Millis,
    ) -> Result<Option<(Viewer, Millis)>> {
        let rows: Vec<ViewerRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT a.account_id, s.last_seen_at, a.display_name, g.role, g.scope_kind, g.scope_key \
                 FROM session s JOIN account a ON a.account_id = s.account_id \
                 LEFT JOIN role_grant g ON g.account_id = a.account_id AND g.revoked_at IS NULL \
                 WHERE s.session_id = $1 AND s.last_seen_at > $2 ORDER BY g.role_grant_id",
            )
            .bind(session_id)
            .bind(idle_since)
            .fetch_all(pool)
            .await
        })?;
        viewer_of(rows)
    }

    /// Records a grant; granting a role someone holds already is a no-op.
    pub async fn insert_grant(
        &self,
        account: AccountId,
        grant: &Grant,
        granted_by: Option<AccountId>,
        now: Millis,
    ) -> Result<()> {
        let result: Result<()> = in_write_tx!(self, tx => {
            sqlx::query(INSERT_GRANT)
            .bind(account.0)
            .bind(grant.role().as_str())
            .bind(grant.scope().kind().as_str())
            .bind(grant.scope().key())
            .bind(granted_by.map(|a| a.0))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        });
        match result {
            Err(e) if e.is_unique_violation() => Ok(()),
            other => other,
        }
    }

    /// Ends an active grant; `false` when there was none.
    pub async fn revoke_grant(
        &self,
        account: AccountId,
        grant: &Grant,
        by: AccountId,
        now: Millis,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "UPDATE role_grant SET revoked_at = $1, revoked_by = $2 \
                 WHERE account_id = $3 AND role = $4 AND scope_key = $5 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(by.0)
            .bind(account.0)
            .bind(grant.role().as_str())
            .bind(grant.scope().key())
            .execute(&mut *tx)
            .await?;
            Ok(done.rows_affected() > 0)
        })
    }

    pub async fn insert_session(
        &self,
        session_id: &str,
        account: AccountId,
        now: Millis,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO session (session_id, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
            )
            .bind(session_id)
            .bind(account.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    pub async fn touch_session(&self, session_id: &str, now: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("UPDATE session SET last_seen_at = $1 WHERE session_id = $2")
                .bind(now)
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }

    pub async fn delete_session(&self, session_id: &str) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("DELETE FROM session WHERE session_id = $1")
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }

    /// Ends every session of an account; returns how many there were.
    /// Ends every way into `account` but a fresh sign-in: its sessions, its
    /// API tokens and its unused reset links, in one transaction; when
    /// tokens went, the inbox says so. Returns the tokens revoked.
    pub async fn end_credentials(
        &self,
        account: AccountId,
        why: CredentialsEnded,
        now: Millis,
    ) -> Result<u64> {
        in_write_tx!(self, tx => {
            let tokens = end_credentials!(tx, account.0, why, now);
            Ok(tokens)
        })
    }

    /// The account's notices, newest first, marking them read.
    pub async fn account_notices(
        &self,
        account: AccountId,
        now: Millis,
    ) -> Result<Vec<AccountNotice>> {
        let rows: Vec<(String, i64, i64, Option<i64>)> = in_write_tx!(self, tx => {
            let rows = sqlx::query_as(
                "SELECT kind, tokens_revoked, created_at, read_at FROM account_notice \
                 WHERE account_id = $1 ORDER BY account_notice_id DESC LIMIT 20",
            )
            .bind(account.0)
            .fetch_all(&mut *tx)
            .await?;
            sqlx::query("UPDATE account_notice SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL")
                .bind(account.0)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            Ok(rows)
        })?;
        rows.into_iter()
            .map(|(kind, tokens_revoked, at, read_at)| {
                Ok(AccountNotice {
                    why: CredentialsEnded::parse(&kind).ok_or_else(|| {
                        Error::Internal(anyhow::anyhow!("stored notice {kind:?}"))
                    })?,
                    tokens_revoked,
                    at,
                    read: read_at.is_some(),
                })
            })
            .collect()
    }

    /// Removes an account's sessions idle since before `idle_since`.
    pub async fn purge_idle_sessions(&self, account: AccountId, idle_since: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("DELETE FROM session WHERE account_id = $1 AND last_seen_at <= $2")
                .bind(account.0)
                .bind(idle_since)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }

    pub async fn count_sessions_of(&self, account: AccountId) -> Result<i64> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM session WHERE account_id = $1")
                .bind(account.0)
                .fetch_one(pool)
                .await
        })?)
    }

    /// Counts one event towards a rate limit.
    pub async fn record_rate_event(&self, subject: &str, now: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("INSERT INTO rate_event (subject, created_at) VALUES ($1, $2)")
                .bind(subject)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }

    /// Times of a subject's events since `since`, oldest first.
    pub async fn rate_events_since(&self, subject: &str, since: Millis) -> Result<Vec<Millis>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT created_at FROM rate_event WHERE subject = $1 AND created_at > $2 ORDER BY created_at",
            )
            .bind(subject)
            .bind(since)
            .fetch_all(pool)
            .await
        })?)
    }

    /// Counts one request of `subject` in the window that starts at
    /// `window_start`; returns the window's count so far.
    pub async fn count_hit(&self, subject: &str, window_start: Millis) -> Result<i64> {
        in_write_tx!(self, tx => {
            Ok(sqlx::query_scalar(
                "INSERT INTO rate_window (subject, window_start, hits) VALUES ($1, $2, 1) \
                 ON CONFLICT (subject, window_start) DO UPDATE SET hits = rate_window.hits + 1 \
                 RETURNING hits",
            )
            .bind(subject)
            .bind(window_start)
            .fetch_one(&mut *tx)
            .await?)
        })
    }

    pub async fn forget_windows_before(&self, window_start: Millis) -> Result<u64> {
        in_write_tx!(self, tx => {
            Ok(sqlx::query("DELETE FROM rate_window WHERE window_start < $1")
                .bind(window_start)
                .execute(&mut *tx)
                .await?
                .rows_affected())
        })
    }

    pub async fn clear_rate_events(&self, subject: &str) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("DELETE FROM rate_event WHERE subject = $1")
                .bind(subject)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }
}
