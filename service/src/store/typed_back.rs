//! What failed forms typed, kept for a few minutes (see the server's
//! `typed_back` middleware).

use super::{Store, in_write_tx, on_reader};
use crate::{Error, Result, clock::Millis};

impl Store {
    /// Keeps `fields` for the page at `path` until `expires_at`, under
    /// `key` (the SHA-256 of the person's cookie secret).
    pub async fn keep_typed(
        &self,
        key: &str,
        path: &str,
        fields: &[(String, String)],
        expires_at: Millis,
    ) -> Result<()> {
        let fields = serde_json::to_string(fields)
            .map_err(|e| Error::Internal(anyhow::anyhow!("encoding a kept form: {e}")))?;
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO typed_back (typed_back_id, path, fields, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(key)
            .bind(path)
            .bind(&fields)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    /// What was kept under `key` for the page at `path`, if it has not
    /// expired by `now`.
    pub async fn typed_back(
        &self,
        key: &str,
        path: &str,
        now: Millis,
    ) -> Result<Option<Vec<(String, String)>>> {
        let stored: Option<String> = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT fields FROM typed_back WHERE typed_back_id = $1 AND path = $2 AND expires_at > $3",
            )
            .bind(key)
            .bind(path)
            .bind(now)
            .fetch_optional(pool)
            .await
        })?;
        stored
            .map(|s| {
                serde_json::from_str(&s)
                    .map_err(|e| Error::Internal(anyhow::anyhow!("a kept form: {e}")))
            })
            .transpose()
    }

    /// Forgets kept forms that expired by `now`.
    pub async fn forget_typed_before(&self, now: Millis) -> Result<u64> {
        in_write_tx!(self, tx => {
            Ok(sqlx::query("DELETE FROM typed_back WHERE expires_at <= $1")
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected())
        })
    }
}
