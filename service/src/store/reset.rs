//! Password-reset tokens and the outbox in the store.

use linli_model::{
    account::{AccountId, Login},
    api_token::CredentialsEnded,
};

use super::{Store, in_write_tx, on_reader};
use crate::{Result, clock::Millis};

/// A message to send, recorded before any attempt to send it.
#[derive(Debug, Clone)]
pub struct OutboxMessage<'a> {
    pub account: Option<AccountId>,
    pub channel: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// An outbox row, for delivery and for operators.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredMessage {
    pub outbox_message_id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
}

impl Store {
    /// The account id and how to reach it (email or phone) for a login.
    pub async fn contact_for(&self, login: &Login) -> Result<Option<AccountId>> {
        Ok(self
            .credentials(login)
            .await?
            .map(|c| AccountId(c.account_id)))
    }

    /// Records a reset token and the message carrying it, together.
    pub async fn insert_reset(
        &self,
        account: AccountId,
        token_hash: &str,
        now: Millis,
        expires_at: Millis,
        message: &OutboxMessage<'_>,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO password_reset (account_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(account.0)
            .bind(token_hash)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO outbox_message (account_id, channel, recipient, subject, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(message.account.map(|a| a.0))
            .bind(message.channel)
            .bind(message.recipient)
            .bind(message.subject)
            .bind(message.body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    pub async fn resets_since(&self, account: AccountId, since: Millis) -> Result<i64> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM password_reset WHERE account_id = $1 AND created_at > $2")
                .bind(account.0)
                .bind(since)
                .fetch_one(pool)
                .await
        })?)
    }

    /// Uses a token: sets the new password hash and ends every session,
    /// token and other reset link, all or nothing. `None` when the token is unknown, used or expired; a
    /// token can be used once even when two requests race.
    pub async fn use_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Millis,
    ) -> Result<Option<AccountId>> {
        in_write_tx!(self, tx => {
            let account: Option<i64> = sqlx::query_scalar(
                "UPDATE password_reset SET used_at = $1 \
                 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING account_id",
            )
            .bind(now)
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(account) = account else {
                return Ok(None);
            };
            sqlx::query("UPDATE account SET password_hash = $1 WHERE account_id = $2")
                .bind(password_hash)
                .bind(account)
                .execute(&mut *tx)
                .await?;
            super::account::end_credentials!(tx, account, CredentialsEnded::PasswordReset, now);
            Ok(Some(AccountId(account)))
        })
    }

    /// Messages not yet sent, oldest first.
    pub async fn unsent_messages(&self, limit: i64) -> Result<Vec<StoredMessage>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT outbox_message_id, channel, recipient, subject, body, created_at FROM outbox_message \
                 WHERE sent_at IS NULL ORDER BY outbox_message_id LIMIT $1",
            )
            .bind(limit)
            .fetch_all(pool)
            .await
        })?)
    }

    /// Claims up to `limit` email messages that are due, until
    /// `claim_until`, and returns them. The claim is one conditional UPDATE:
    /// when two server instances race, each message goes to one of them.
    pub async fn claim_due_emails(
        &self,
        now: Millis,
        claim_until: Millis,
        limit: i64,
    ) -> Result<Vec<StoredMessage>> {
        in_write_tx!(self, tx => {
            Ok(sqlx::query_as(
                "UPDATE outbox_message SET claimed_until = $2 \
                 WHERE outbox_message_id IN ( \
                     SELECT outbox_message_id FROM outbox_message \
                     WHERE sent_at IS NULL AND channel = 'email' AND next_attempt_at <= $1 AND claimed_until <= $1 \
                     ORDER BY outbox_message_id LIMIT $3) \
                 AND sent_at IS NULL AND claimed_until <= $1 \
                 RETURNING outbox_message_id, channel, recipient, subject, body, created_at",
            )
            .bind(now)
            .bind(claim_until)
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?)
        })
    }

    /// Records a failed attempt and when to try again; the claim ends.
    pub async fn mark_failed(&self, id: i64, error: &str, retry_at: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "UPDATE outbox_message SET attempts = attempts + 1, last_error = $1, \
                 next_attempt_at = $2, claimed_until = 0 WHERE outbox_message_id = $3",
            )
            .bind(error)
            .bind(retry_at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    /// Attempts so far and the last error of one message, for operators.
    pub async fn delivery_state(&self, id: i64) -> Result<(i32, Option<String>, Option<Millis>)> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT attempts, last_error, sent_at FROM outbox_message WHERE outbox_message_id = $1",
            )
            .bind(id)
            .fetch_one(pool)
            .await
        })?)
    }

    pub async fn mark_sent(&self, id: i64, now: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("UPDATE outbox_message SET sent_at = $1 WHERE outbox_message_id = $2")
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }
}
