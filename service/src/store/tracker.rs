//! The results tracker's rows: results, their dated entries, who follows
//! them and the notices a change leaves in followers' inboxes.

use linli_model::{
    LocalName,
    account::AccountId,
    tracker::{Entry, Progress, Source, TrackStatus, Tracked, TrackedNotice},
};

use super::{Store, in_write_tx, on_reader};
use crate::{
    Error, Result,
    audit::{AuditEntry, Outcome, append_in_tx},
    clock::Millis,
};

#[derive(sqlx::FromRow)]
struct TrackedRow {
    result_id: i64,
    community_code: String,
    name_zh: String,
    name_en: String,
    topic_id: Option<i64>,
    deliberation_id: Option<i64>,
    project_id: Option<i64>,
    title: String,
    progress: i32,
    status: String,
    planned_at: i64,
    opened_at: i64,
    updated_at: i64,
}

impl TrackedRow {
    fn view(self) -> Tracked {
        let source = match (self.project_id, self.topic_id, self.deliberation_id) {
            (Some(project), ..) => Source::Project { project },
            (None, Some(topic), deliberation) => Source::Topic {
                deliberation: deliberation.unwrap_or(0),
                topic,
            },
            _ => Source::Project { project: 0 },
        };
        Tracked {
            id: self.result_id,
            source,
            community: self.community_code,
            community_name: LocalName::new(self.name_zh, self.name_en),
            title: self.title,
            progress: Progress::new(i64::from(self.progress)).unwrap_or(Progress::NONE),
            status: TrackStatus::parse(&self.status).unwrap_or(TrackStatus::NotStarted),
            planned_at: self.planned_at,
            opened_at: self.opened_at,
            updated_at: self.updated_at,
        }
    }
}

const TRACKED_SELECT: &str = "SELECT r.result_id, r.community_code, c.name_zh, c.name_en, \
     r.topic_id, t.deliberation_id, r.project_id, r.title, r.progress, r.status, r.planned_at, \
     r.opened_at, r.updated_at \
     FROM tracked_result r JOIN community c ON c.code = r.community_code \
     LEFT JOIN topic t ON t.topic_id = r.topic_id";

/// A result about to open.
pub struct Opening<'a> {
    pub source: &'a Source,
    pub community: &'a str,
    pub title: &'a str,
    pub planned_at: Millis,
    /// The first entry's words.
    pub body: &'a str,
    pub at: Millis,
}

/// A change about to be written: the result's new state and its entry.
pub struct Change<'a> {
    pub progress: Progress,
    pub status: TrackStatus,
    pub planned_at: Millis,
    pub body: &'a str,
    pub actor: Option<AccountId>,
    pub at: Millis,
}

/// The notice subject and the first words of its message, per language.
const NOTICE_SUBJECT: &str = "[邻里] 您关注的成果有更新 / A result you follow changed";

impl Store {
    /// Opens a result for a topic or project, once; `None` when it has
    /// one already. The deliberation's followers and the topic's proposer
    /// follow a topic's result from the start.
    pub async fn open_result(&self, o: &Opening<'_>) -> Result<Option<i64>> {
        let (topic, project) = match o.source {
            Source::Topic { topic, .. } => (Some(*topic), None),
            Source::Project { project } => (None, Some(*project)),
        };
        in_write_tx!(self, tx => {
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO tracked_result (community_code, topic_id, project_id, title, progress, \
                 status, planned_at, opened_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 0, 'not_started', $5, $6, $6) \
                 ON CONFLICT DO NOTHING RETURNING result_id",
            )
            .bind(o.community)
            .bind(topic)
            .bind(project)
            .bind(o.title)
            .bind(o.planned_at)
            .bind(o.at)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else { return Ok(None) };
            sqlx::query(
                "INSERT INTO tracked_entry (result_id, progress, status, planned_at, body, actor_id, at) \
                 VALUES ($1, 0, 'not_started', $2, $3, NULL, $4)",
            )
            .bind(id)
            .bind(o.planned_at)
            .bind(o.body)
            .bind(o.at)
            .execute(&mut *tx)
            .await?;
            if let Source::Topic { deliberation, topic } = o.source {
                sqlx::query(
                    "INSERT INTO tracked_follower (result_id, account_id, since) \
                     SELECT $1, account_id, $2 FROM deliberation_follower WHERE deliberation_id = $3 \
                     UNION SELECT $1, proposer_id, $2 FROM topic WHERE topic_id = $4 \
                     ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(o.at)
                .bind(*deliberation)
                .bind(*topic)
                .execute(&mut *tx)
                .await?;
            }
            let entries = [AuditEntry {
                actor: None,
                action: "result.open".to_owned(),
                target: format!("result:{id}"),
                scope_key: o.community.to_owned(),
                outcome: Outcome::Ok,
                at: o.at,
            }];
            append_in_tx!(tx, &entries);
            Ok(Some(id))
        })
    }

    /// A deliberation's selected topics: (topic, title).
    pub async fn selected_topics(&self, deliberation: i64) -> Result<Vec<(i64, String)>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT topic_id, title FROM topic WHERE deliberation_id = $1 AND state = 'selected' \
                 ORDER BY topic_id",
            )
            .bind(deliberation)
            .fetch_all(pool)
            .await
        })?)
    }

    pub async fn tracked(&self, id: i64) -> Result<Tracked> {
        let sql = format!("{TRACKED_SELECT} WHERE r.result_id = $1");
        let row: Option<TrackedRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
        })?;
        Ok(row.ok_or(Error::NotFound)?.view())
    }

    /// The result of a topic or project, if it has one.
    pub async fn tracked_of(&self, source: &Source) -> Result<Option<Tracked>> {
        let (column, id) = match source {
            Source::Topic { topic, .. } => ("r.topic_id", *topic),
            Source::Project { project } => ("r.project_id", *project),
        };
        let sql = format!("{TRACKED_SELECT} WHERE {column} = $1");
        let row: Option<TrackedRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
        })?;
        Ok(row.map(TrackedRow::view))
    }

    /// Results under a place (a checked code, `''` for the city), newest
    /// first; `late_at`: only those unfinished past their date at it.
    pub async fn tracked_under(
        &self,
        place: &str,
        late_at: Option<Millis>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Tracked>> {
        let late = if late_at.is_some() {
            "AND r.status IN ('not_started', 'under_way') AND r.planned_at < $4"
        } else {
            "AND $4 = $4"
        };
        let sql = format!(
            "{TRACKED_SELECT} WHERE r.community_code LIKE $1 || '%' {late} \
             ORDER BY r.opened_at DESC, r.result_id DESC LIMIT $2 OFFSET $3"
        );
        let rows: Vec<TrackedRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(place)
                .bind(limit)
                .bind(offset)
                .bind(late_at.unwrap_or(0))
                .fetch_all(pool)
                .await
        })?;
        Ok(rows.into_iter().map(TrackedRow::view).collect())
    }

    /// Counts under a place: (not started, under way, done, dropped, late
    /// at `now`).
    pub async fn tracked_counts(&self, place: &str, now: Millis) -> Result<[u32; 5]> {
        let rows: Vec<(String, i64, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT status, COUNT(*), SUM(CASE WHEN planned_at < $2 THEN 1 ELSE 0 END) \
                 FROM tracked_result WHERE community_code LIKE $1 || '%' GROUP BY status",
            )
            .bind(place)
            .bind(now)
            .fetch_all(pool)
            .await
        })?;
        let mut counts = [0u32; 5];
        for (status, n, late) in rows {
            let Some(status) = TrackStatus::parse(&status) else {
                continue;
            };
            let i = TrackStatus::ALL
                .iter()
                .position(|s| *s == status)
                .unwrap_or(0);
            counts[i] = u32::try_from(n).unwrap_or(0);
            if !status.finished() {
                counts[4] += u32::try_from(late).unwrap_or(0);
            }
        }
        Ok(counts)
    }

    /// A result's entries, newest first, with who wrote each.
    pub async fn tracked_entries(&self, id: i64) -> Result<Vec<Entry>> {
        let rows: Vec<(i64, i32, String, i64, String, Option<String>)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT e.at, e.progress, e.status, e.planned_at, e.body, a.display_name \
                 FROM tracked_entry e LEFT JOIN account a ON a.account_id = e.actor_id \
                 WHERE e.result_id = $1 ORDER BY e.entry_id DESC",
            )
            .bind(id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(at, progress, status, planned_at, body, by)| Entry {
                at,
                progress: Progress::new(i64::from(progress)).unwrap_or(Progress::NONE),
                status: TrackStatus::parse(&status).unwrap_or(TrackStatus::NotStarted),
                planned_at,
                body,
                by,
            })
            .collect())
    }

    /// Writes a change if the result is still as `before` was read;
    /// `false` when someone changed it meanwhile. Every follower but the
    /// one who acted finds a notice in their inbox and a short message by
    /// email, or by SMS when they have no email.
    pub async fn change_result(&self, before: &Tracked, c: &Change<'_>) -> Result<bool> {
        let link = format!("/results/{}", before.id);
        in_write_tx!(self, tx => {
            let updated = sqlx::query(
                "UPDATE tracked_result SET progress = $1, status = $2, planned_at = $3, updated_at = $4, \
                 version = version + 1 WHERE result_id = $5 AND updated_at = $6 AND status = $7",
            )
            .bind(i32::from(c.progress.percent()))
            .bind(c.status.as_str())
            .bind(c.planned_at)
            .bind(c.at)
            .bind(before.id)
            .bind(before.updated_at)
            .bind(before.status.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if !updated {
                return Ok(false);
            }
            let entry: i64 = sqlx::query_scalar(
                "INSERT INTO tracked_entry (result_id, progress, status, planned_at, body, actor_id, at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING entry_id",
            )
            .bind(before.id)
            .bind(i32::from(c.progress.percent()))
            .bind(c.status.as_str())
            .bind(c.planned_at)
            .bind(c.body)
            .bind(c.actor.map(|a| a.0))
            .bind(c.at)
            .fetch_one(&mut *tx)
            .await?;
            let actor = c.actor.map_or(0, |a| a.0);
            sqlx::query(
                "INSERT INTO tracked_notice (account_id, result_id, entry_id, created_at) \
                 SELECT account_id, $1, $2, $3 FROM tracked_follower WHERE result_id = $1 AND account_id <> $4",
            )
            .bind(before.id)
            .bind(entry)
            .bind(c.at)
            .bind(actor)
            .execute(&mut *tx)
            .await?;
            let body = format!(
                "{}：{}% · {}\n{}\n{link}",
                before.title,
                c.progress.percent(),
                c.status.as_str(),
                c.body.chars().take(140).collect::<String>(),
            );
            sqlx::query(
                "INSERT INTO outbox_message (account_id, channel, recipient, subject, body, created_at) \
                 SELECT a.account_id, CASE WHEN a.email IS NULL THEN 'sms' ELSE 'email' END, \
                 COALESCE(a.email, a.phone), $2, $3, $4 \
                 FROM tracked_follower f JOIN account a ON a.account_id = f.account_id \
                 WHERE f.result_id = $1 AND f.account_id <> $5",
            )
            .bind(before.id)
            .bind(NOTICE_SUBJECT)
            .bind(&body)
            .bind(c.at)
            .bind(actor)
            .execute(&mut *tx)
            .await?;
            let entries = [AuditEntry {
                actor: c.actor,
                action: "result.change".to_owned(),
                target: format!("result:{}", before.id),
                scope_key: before.community.clone(),
                outcome: Outcome::Ok,
                at: c.at,
            }];
            append_in_tx!(tx, &entries);
            Ok(true)
        })
    }

    /// Follows or stops following a result; twice is once.
    pub async fn follow_result(
        &self,
        id: i64,
        account: AccountId,
        on: bool,
        now: Millis,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            if on {
                sqlx::query(
                    "INSERT INTO tracked_follower (result_id, account_id, since) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(account.0)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            } else {
                sqlx::query("DELETE FROM tracked_follower WHERE result_id = $1 AND account_id = $2")
                    .bind(id)
                    .bind(account.0)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok(())
        })
    }

    /// (followers, whether `account` is one of them).
    pub async fn result_followers(
        &self,
        id: i64,
        account: Option<AccountId>,
    ) -> Result<(u32, bool)> {
        let (n, mine): (i64, i64) = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN account_id = $2 THEN 1 ELSE 0 END), 0) \
                 FROM tracked_follower WHERE result_id = $1",
            )
            .bind(id)
            .bind(account.map_or(0, |a| a.0))
            .fetch_one(pool)
            .await
        })?;
        Ok((u32::try_from(n).unwrap_or(0), mine > 0))
    }

    /// The latest notices of results a person follows; reading marks them
    /// read.
    pub async fn tracked_notices(
        &self,
        account: AccountId,
        now: Millis,
    ) -> Result<Vec<TrackedNotice>> {
        let rows: Vec<(i64, String, i32, String, i64, Option<i64>)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT n.result_id, r.title, e.progress, e.status, n.created_at, n.read_at \
                 FROM tracked_notice n JOIN tracked_result r ON r.result_id = n.result_id \
                 JOIN tracked_entry e ON e.entry_id = n.entry_id \
                 WHERE n.account_id = $1 ORDER BY n.notice_id DESC LIMIT 20",
            )
            .bind(account.0)
            .fetch_all(pool)
            .await
        })?;
        if rows.iter().any(|r| r.5.is_none()) {
            in_write_tx!(self, tx => {
                sqlx::query("UPDATE tracked_notice SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL")
                    .bind(account.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                Ok(())
            })?;
        }
        Ok(rows
            .into_iter()
            .map(
                |(result, title, progress, status, at, read_at)| TrackedNotice {
                    result,
                    title,
                    progress: Progress::new(i64::from(progress)).unwrap_or(Progress::NONE),
                    status: TrackStatus::parse(&status).unwrap_or(TrackStatus::NotStarted),
                    at,
                    read: read_at.is_some(),
                },
            )
            .collect())
    }
}
