//! Personal API tokens in the store: looked up by the SHA-256 of the secret.

use linli_model::{account::AccountId, api_token::ApiTokenSummary};

use super::{Store, in_write_tx, on_reader};
use crate::{Result, clock::Millis};

/// The live token a hash names, and its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenOwner {
    pub token_id: i64,
    pub account: AccountId,
    pub last_used_at: Option<Millis>,
}

impl Store {
    /// Adds a token unless the account already has `limit` live ones;
    /// counting and inserting happen in one write transaction, so two
    /// racing requests cannot both pass the limit.
    pub async fn insert_api_token(
        &self,
        account: AccountId,
        name: &str,
        token_hash: &str,
        now: Millis,
        limit: i64,
    ) -> Result<Option<ApiTokenSummary>> {
        in_write_tx!(self, tx => {
            let live: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM api_token WHERE account_id = $1 AND revoked_at IS NULL",
            )
            .bind(account.0)
            .fetch_one(&mut *tx)
            .await?;
            if live >= limit {
                return Ok(None);
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO api_token (account_id, name, token_hash, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING api_token_id",
            )
            .bind(account.0)
            .bind(name)
            .bind(token_hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Ok(Some(ApiTokenSummary {
                id,
                name: name.to_owned(),
                created_at: now,
                last_used_at: None,
            }))
        })
    }

    /// An account's live tokens, newest first.
    pub async fn api_tokens_of(&self, account: AccountId) -> Result<Vec<ApiTokenSummary>> {
        let rows: Vec<(i64, String, i64, Option<i64>)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT api_token_id, name, created_at, last_used_at FROM api_token \
                 WHERE account_id = $1 AND revoked_at IS NULL ORDER BY api_token_id DESC",
            )
            .bind(account.0)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(id, name, created_at, last_used_at)| ApiTokenSummary {
                id,
                name,
                created_at,
                last_used_at,
            })
            .collect())
    }

    /// Revokes one of the account's live tokens; false when there is none
    /// by that id (someone else's token counts as none).
    pub async fn revoke_api_token(&self, account: AccountId, id: i64, now: Millis) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "UPDATE api_token SET revoked_at = $1 \
                 WHERE api_token_id = $2 AND account_id = $3 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(id)
            .bind(account.0)
            .execute(&mut *tx)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    pub async fn api_token_owner(&self, token_hash: &str) -> Result<Option<TokenOwner>> {
        let row: Option<(i64, i64, Option<i64>)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT api_token_id, account_id, last_used_at FROM api_token \
                 WHERE token_hash = $1 AND revoked_at IS NULL",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(token_id, account, last_used_at)| TokenOwner {
            token_id,
            account: AccountId(account),
            last_used_at,
        }))
    }

    pub async fn touch_api_token(&self, id: i64, now: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("UPDATE api_token SET last_used_at = $1 WHERE api_token_id = $2")
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }
}
