//! Who follows a deliberation, their inbox rows, the digest setting, and
//! the daily digest's claim. Notifications themselves are written with each
//! step, inside its transaction (see `insert_event!`).

use linli_model::{
    account::{AccountId, NoticeChannel, NoticeSettings},
    deliberation::{DeliberationInboxItem, EventKind},
};

use super::{Store, in_write_tx, on_reader};
use crate::{Error, Result, clock::Millis};

/// One step waiting to go out in a digest: (deliberation, title, kind, at).
pub type PendingStep = (i64, String, String, i64);

impl Store {
    /// Follows a deliberation; following twice is following once.
    pub async fn follow(&self, deliberation: i64, account: AccountId, now: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO deliberation_follower (deliberation_id, account_id, since) VALUES ($1, $2, $3) \
                 ON CONFLICT (deliberation_id, account_id) DO NOTHING",
            )
            .bind(deliberation)
            .bind(account.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    pub async fn unfollow(&self, deliberation: i64, account: AccountId) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("DELETE FROM deliberation_follower WHERE deliberation_id = $1 AND account_id = $2")
                .bind(deliberation)
                .bind(account.0)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }

    pub async fn follows(&self, deliberation: i64, account: AccountId) -> Result<bool> {
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM deliberation_follower WHERE deliberation_id = $1 AND account_id = $2",
            )
            .bind(deliberation)
            .bind(account.0)
            .fetch_one(pool)
            .await
        })?;
        Ok(n > 0)
    }

    /// How the person hears of deliberations: a daily digest unless they
    /// turned it off, by email unless they chose SMS (or have no email).
    pub async fn notice_settings(&self, account: AccountId) -> Result<NoticeSettings> {
        let (daily, channel, email, phone): (
            Option<bool>,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT s.daily_digest, s.channel, a.email, a.phone FROM account a \
                 LEFT JOIN notification_setting s ON s.account_id = a.account_id \
                 WHERE a.account_id = $1",
            )
            .bind(account.0)
            .fetch_optional(pool)
            .await
        })?
        .ok_or(Error::NotFound)?;
        let channel = match (channel.as_deref().and_then(NoticeChannel::parse), &email) {
            (_, None) if phone.is_some() => NoticeChannel::Sms,
            (Some(c), _) => c,
            (None, _) => NoticeChannel::Email,
        };
        Ok(NoticeSettings {
            daily_digest: daily.unwrap_or(true),
            channel,
            has_email: email.is_some(),
            has_phone: phone.is_some(),
        })
    }

    pub async fn set_notice_settings(
        &self,
        account: AccountId,
        daily: bool,
        channel: NoticeChannel,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO notification_setting (account_id, daily_digest, channel) VALUES ($1, $2, $3) \
                 ON CONFLICT (account_id) DO UPDATE SET daily_digest = excluded.daily_digest, channel = excluded.channel",
            )
            .bind(account.0)
            .bind(daily)
            .bind(channel.as_str())
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    /// A person's deliberation notifications, newest first.
    pub async fn deliberation_inbox(
        &self,
        account: AccountId,
        limit: i64,
    ) -> Result<Vec<DeliberationInboxItem>> {
        let rows: Vec<(i64, i64, String, String, i64, Option<i64>)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT n.deliberation_notification_id, n.deliberation_id, d.title, n.kind, n.created_at, n.read_at \
                 FROM deliberation_notification n JOIN deliberation d ON d.deliberation_id = n.deliberation_id \
                 WHERE n.account_id = $1 ORDER BY n.deliberation_notification_id DESC LIMIT $2",
            )
            .bind(account.0)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(id, deliberation, title, kind, at, read_at)| {
                Ok(DeliberationInboxItem {
                    id,
                    deliberation,
                    title,
                    kind: stored_kind(&kind)?,
                    at,
                    read: read_at.is_some(),
                })
            })
            .collect()
    }

    pub async fn mark_deliberation_inbox_read(
        &self,
        account: AccountId,
        now: Millis,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "UPDATE deliberation_notification SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL",
            )
            .bind(now)
            .bind(account.0)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    /// People with steps from before `cutoff` not yet sent, a batch at a time.
    pub async fn digest_due(&self, cutoff: Millis, limit: i64) -> Result<Vec<AccountId>> {
        let ids: Vec<i64> = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT DISTINCT account_id FROM deliberation_notification \
                 WHERE digested_at IS NULL AND created_at < $1 ORDER BY account_id LIMIT $2",
            )
            .bind(cutoff)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        Ok(ids.into_iter().map(AccountId).collect())
    }

    /// Claims a person's unsent steps from before `cutoff` and hands them
    /// to `compose`, whose message (if any, and if they have an email) is
    /// queued in the same transaction. Two instances claiming at once: the
    /// second finds nothing left, so nobody gets a digest twice.
    pub async fn send_digest(
        &self,
        account: AccountId,
        cutoff: Millis,
        now: Millis,
        compose: impl Fn(&[PendingStep], NoticeChannel) -> Option<(String, String)>,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let steps: Vec<PendingStep> = sqlx::query_as(
                "UPDATE deliberation_notification SET digested_at = $3 \
                 WHERE account_id = $1 AND digested_at IS NULL AND created_at < $2 \
                 RETURNING deliberation_id, \
                   (SELECT d.title FROM deliberation d WHERE d.deliberation_id = deliberation_notification.deliberation_id), \
                   kind, created_at",
            )
            .bind(account.0)
            .bind(cutoff)
            .bind(now)
            .fetch_all(&mut *tx)
            .await?;
            let to: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
                "SELECT a.email, a.phone, s.channel FROM account a \
                 LEFT JOIN notification_setting s ON s.account_id = a.account_id WHERE a.account_id = $1",
            )
            .bind(account.0)
            .fetch_optional(&mut *tx)
            .await?;
            // SMS when chosen (and a phone is known) or when there is no email.
            let (channel, recipient) = match to {
                Some((email, Some(phone), channel))
                    if email.is_none() || channel.as_deref() == Some("sms") =>
                {
                    (NoticeChannel::Sms, phone)
                }
                Some((Some(email), _, _)) => (NoticeChannel::Email, email),
                _ => return Ok(false),
            };
            let Some((subject, body)) = compose(&steps, channel) else {
                return Ok(false);
            };
            sqlx::query(
                "INSERT INTO outbox_message (account_id, channel, recipient, subject, body, created_at) \
                 VALUES ($1, $6, $2, $3, $4, $5)",
            )
            .bind(account.0)
            .bind(recipient)
            .bind(subject)
            .bind(body)
            .bind(now)
            .bind(channel.as_str())
            .execute(&mut *tx)
            .await?;
            Ok(true)
        })
    }
}

fn stored_kind(kind: &str) -> Result<EventKind> {
    EventKind::parse(kind).ok_or_else(|| Error::Internal(anyhow::anyhow!("stored kind {kind:?}")))
}
