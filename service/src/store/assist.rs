//! Staff acting for residents, paper tally sheets, and figures by channel.

use linli_model::{
    account::AccountId,
    channel::{AssistChannel, Channel, TallySheet},
};

use super::{Store, corrupt, in_write_tx, on_reader};
use crate::{
    Result,
    audit::{AuditEntry, append_in_tx},
    clock::Millis,
};

/// Writes one message to an account inside a transaction.
macro_rules! send_in_tx {
    ($tx:ident, $account:expr, $message:expr, $now:expr) => {{
        let message: &Message<'_> = $message;
        sqlx::query(
            "INSERT INTO outbox_message (account_id, channel, recipient, subject, body, created_at) \
             SELECT a.account_id, \
               CASE WHEN a.email IS NULL OR (s.channel = 'sms' AND a.phone IS NOT NULL) THEN 'sms' ELSE 'email' END, \
               CASE WHEN a.email IS NULL OR (s.channel = 'sms' AND a.phone IS NOT NULL) THEN a.phone ELSE a.email END, \
               $2, \
               CASE WHEN a.email IS NULL OR (s.channel = 'sms' AND a.phone IS NOT NULL) THEN $3 ELSE $4 END, \
               $5 \
             FROM account a LEFT JOIN notification_setting s ON s.account_id = a.account_id \
             WHERE a.account_id = $1",
        )
        .bind($account.0)
        .bind(message.subject)
        .bind(message.sms)
        .bind(message.email)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Which assistance to find: forgotten (started before a time), one
/// session's, or all of one staff member's sessions.
#[derive(Debug, Clone, Copy)]
pub enum AssistScope<'a> {
    StartedBefore(Millis),
    Session(&'a str),
    Staff(AccountId),
}

/// A session's assistance as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AssistRow {
    pub resident_id: i64,
    pub channel: String,
    pub started_at: i64,
}

impl AssistRow {
    pub fn channel(&self) -> Result<AssistChannel> {
        AssistChannel::parse(&self.channel).ok_or_else(|| corrupt("channel", &self.channel))
    }
}

/// A short message to one account, by the way it asked to be reached (a
/// text to its phone when it chose SMS or has no email).
pub struct Message<'a> {
    pub subject: &'a str,
    pub email: &'a str,
    pub sms: &'a str,
}

#[derive(sqlx::FromRow)]
struct SheetRow {
    tally_sheet_id: i64,
    counts: String,
    spoiled: i32,
    entered_name: String,
    entered_at: i64,
    confirmed_name: Option<String>,
    confirmed_at: Option<i64>,
}

/// What staff entered for a resident since a time, per kind of act.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnteredFor {
    pub matters: i64,
    pub supports: i64,
    pub topics: i64,
    pub ballots: i64,
}

impl Store {
    pub async fn assist_of(&self, session_id: &str) -> Result<Option<AssistRow>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT resident_id, channel, started_at FROM assist_session WHERE session_id = $1",
            )
            .bind(session_id)
            .fetch_optional(pool)
            .await
        })?)
    }

    /// Starts (or switches) a session's assistance, with its audit entry
    /// and the message telling the resident, in one transaction.
    pub async fn start_assist(
        &self,
        session_id: &str,
        row: &AssistRow,
        audit: &AuditEntry,
        message: &Message<'_>,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO assist_session (session_id, resident_id, channel, started_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (session_id) DO UPDATE SET resident_id = excluded.resident_id, \
                 channel = excluded.channel, started_at = excluded.started_at",
            )
            .bind(session_id)
            .bind(row.resident_id)
            .bind(&row.channel)
            .bind(row.started_at)
            .execute(&mut *tx)
            .await?;
            append_in_tx!(tx, std::slice::from_ref(audit));
            send_in_tx!(tx, AccountId(row.resident_id), message, row.started_at);
            Ok(())
        })
    }

    /// Ends a session's assistance; `None` when there was none.
    pub async fn end_assist(
        &self,
        session_id: &str,
        audit: impl FnOnce(&AssistRow) -> AuditEntry,
    ) -> Result<Option<AssistRow>> {
        in_write_tx!(self, tx => {
            let row: Option<AssistRow> = sqlx::query_as(
                "DELETE FROM assist_session WHERE session_id = $1 RETURNING resident_id, channel, started_at",
            )
            .bind(session_id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(row) = &row {
                append_in_tx!(tx, &[audit(row)]);
            }
            Ok(row)
        })
    }

    /// Assistance going on in `scope`: the session, and the staff
    /// member's account and name.
    pub async fn open_assists(&self, scope: AssistScope<'_>) -> Result<Vec<(String, i64, String)>> {
        let condition = match scope {
            AssistScope::StartedBefore(_) => "a.started_at < $1",
            AssistScope::Session(_) => "a.session_id = $1",
            AssistScope::Staff(_) => "s.account_id = $1",
        };
        let sql = format!(
            "SELECT a.session_id, s.account_id, u.display_name FROM assist_session a \
             JOIN session s ON s.session_id = a.session_id \
             JOIN account u ON u.account_id = s.account_id \
             WHERE {condition} ORDER BY a.started_at"
        );
        Ok(match scope {
            AssistScope::StartedBefore(at) => on_reader!(self, pool => {
                sqlx::query_as(&sql).bind(at).fetch_all(pool).await
            })?,
            AssistScope::Session(id) => on_reader!(self, pool => {
                sqlx::query_as(&sql).bind(id).fetch_all(pool).await
            })?,
            AssistScope::Staff(AccountId(id)) => on_reader!(self, pool => {
                sqlx::query_as(&sql).bind(id).fetch_all(pool).await
            })?,
        })
    }

    /// Sends one message to an account.
    pub async fn send_to(
        &self,
        account: AccountId,
        message: &Message<'_>,
        now: Millis,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            send_in_tx!(tx, account, message, now);
            Ok(())
        })
    }

    /// What `staff` entered in `resident`'s name since `since`.
    pub async fn entered_for(
        &self,
        staff: AccountId,
        resident: AccountId,
        since: Millis,
    ) -> Result<EnteredFor> {
        let (matters, supports, topics, ballots): (i64, i64, i64, i64) = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT \
                   (SELECT COUNT(*) FROM matter WHERE entered_by = $1 AND reporter_id = $2 AND created_at >= $3), \
                   (SELECT COUNT(*) FROM matter_support WHERE entered_by = $1 AND account_id = $2 AND created_at >= $3) \
                   + (SELECT COUNT(*) FROM topic_support WHERE entered_by = $1 AND account_id = $2 AND created_at >= $3), \
                   (SELECT COUNT(*) FROM topic WHERE entered_by = $1 AND proposer_id = $2 AND created_at >= $3), \
                   (SELECT COUNT(*) FROM ballot WHERE entered_by = $1 AND account_id = $2 AND updated_at >= $3)",
            )
            .bind(staff.0)
            .bind(resident.0)
            .bind(since)
            .fetch_one(pool)
            .await
        })?;
        Ok(EnteredFor {
            matters,
            supports,
            topics,
            ballots,
        })
    }

    /// Ballots of a poll per channel, paper left out (see
    /// [`Store::tally_sheets`]).
    pub async fn ballots_by_channel(&self, poll: i64) -> Result<Vec<(Channel, i64)>> {
        let rows: Vec<(String, i64)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT channel, COUNT(*) FROM ballot WHERE poll_id = $1 GROUP BY channel")
                .bind(poll)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(|(c, n)| Ok((Channel::parse(&c).ok_or_else(|| corrupt("channel", &c))?, n)))
            .collect()
    }

    pub async fn insert_tally_sheet(
        &self,
        poll: i64,
        counts: &[u32],
        spoiled: u32,
        staff: AccountId,
        audit: impl FnOnce(i64) -> AuditEntry,
        now: Millis,
    ) -> Result<i64> {
        let counts = counts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        in_write_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO tally_sheet (poll_id, counts, spoiled, entered_by, entered_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING tally_sheet_id",
            )
            .bind(poll)
            .bind(&counts)
            .bind(i32::try_from(spoiled).unwrap_or(i32::MAX))
            .bind(staff.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            append_in_tx!(tx, &[audit(id)]);
            Ok(id)
        })
    }

    /// Confirms a sheet someone else entered; `false` when it is unknown,
    /// confirmed already or entered by `staff` themselves.
    pub async fn confirm_tally_sheet(
        &self,
        poll: i64,
        sheet: i64,
        staff: AccountId,
        audit: &AuditEntry,
        now: Millis,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "UPDATE tally_sheet SET confirmed_by = $3, confirmed_at = $4 \
                 WHERE tally_sheet_id = $1 AND poll_id = $2 AND confirmed_by IS NULL AND entered_by <> $3",
            )
            .bind(sheet)
            .bind(poll)
            .bind(staff.0)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done {
                append_in_tx!(tx, std::slice::from_ref(audit));
            }
            Ok(done)
        })
    }

    /// Who entered a sheet, to refuse confirming one's own.
    pub async fn tally_sheet_author(&self, poll: i64, sheet: i64) -> Result<Option<i64>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar("SELECT entered_by FROM tally_sheet WHERE tally_sheet_id = $1 AND poll_id = $2")
                .bind(sheet)
                .bind(poll)
                .fetch_optional(pool)
                .await
        })?)
    }

    /// A poll's tally sheets, oldest first, with who entered and confirmed
    /// them by name.
    pub async fn tally_sheets(&self, poll: i64) -> Result<Vec<TallySheet>> {
        let rows: Vec<SheetRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT t.tally_sheet_id, t.counts, t.spoiled, e.display_name AS entered_name, t.entered_at, \
                 c.display_name AS confirmed_name, t.confirmed_at \
                 FROM tally_sheet t JOIN account e ON e.account_id = t.entered_by \
                 LEFT JOIN account c ON c.account_id = t.confirmed_by \
                 WHERE t.poll_id = $1 ORDER BY t.tally_sheet_id",
            )
            .bind(poll)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                let counts = r
                    .counts
                    .split(',')
                    .map(|n| n.parse::<u32>().map_err(|_| corrupt("counts", &r.counts)))
                    .collect::<Result<Vec<u32>>>()?;
                Ok(TallySheet {
                    id: r.tally_sheet_id,
                    valid: counts.iter().sum(),
                    counts,
                    spoiled: u32::try_from(r.spoiled).unwrap_or(0),
                    entered_by: r.entered_name,
                    entered_at: r.entered_at,
                    confirmed: r.confirmed_name.zip(r.confirmed_at),
                })
            })
            .collect()
    }
}
