//! Promises: opened when support reaches a community's threshold, their
//! two steps recorded once each, and their outcomes per place and month.

use linli_model::{
    LocalName,
    account::AccountId,
    promise::{Clocks, Promise, Subject},
};

use super::{Store, in_write_tx, on_reader};
use crate::{
    Error, Result,
    audit::{AuditEntry, Outcome, append_in_tx},
    clock::Millis,
};

/// What a supported matter or topic is, for opening its promise.
#[derive(Debug, Clone)]
pub struct Supported {
    pub community: String,
    pub href: String,
    pub title: String,
    pub supporters: u32,
    pub households: u32,
    pub setting: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct PromiseRow {
    promise_id: i64,
    community_code: String,
    name_zh: String,
    name_en: String,
    subject_kind: String,
    subject_id: i64,
    href: String,
    title: String,
    supporters: i32,
    threshold: i32,
    reached_at: i64,
    agenda_due: i64,
    answer_due: i64,
    on_agenda_at: Option<i64>,
    agenda_note: Option<String>,
    answered_at: Option<i64>,
    answer: Option<String>,
}

impl PromiseRow {
    fn view(self, now: Millis) -> Promise {
        let clocks = Clocks {
            reached_at: self.reached_at,
            agenda_due: self.agenda_due,
            answer_due: self.answer_due,
            on_agenda_at: self.on_agenda_at,
            answered_at: self.answered_at,
        };
        Promise {
            id: self.promise_id,
            community: self.community_code,
            community_name: LocalName::new(self.name_zh, self.name_en),
            subject: Subject::parse(&self.subject_kind).unwrap_or(Subject::Matter),
            subject_id: self.subject_id,
            href: self.href,
            title: self.title,
            supporters: u32::try_from(self.supporters).unwrap_or(0),
            threshold: u32::try_from(self.threshold).unwrap_or(0),
            state: clocks.state(now),
            clocks,
            agenda_note: self.agenda_note,
            answer: self.answer,
        }
    }
}

/// (community code, reached, agenda due, answer due, on agenda, answered).
type ClockRow = (String, i64, i64, i64, Option<i64>, Option<i64>);

const PROMISE_SELECT: &str = "SELECT p.promise_id, p.community_code, c.name_zh, c.name_en, \
     p.subject_kind, p.subject_id, p.href, p.title, p.supporters, p.threshold, p.reached_at, \
     p.agenda_due, p.answer_due, p.on_agenda_at, p.agenda_note, p.answered_at, p.answer \
     FROM promise p JOIN community c ON c.code = p.community_code";

impl Store {
    /// A matter's community, page, title, supporters and threshold.
    pub async fn supported_matter(&self, id: i64) -> Result<Supported> {
        self.supported(
            "SELECT m.community_code, m.title, m.support_count, c.households, c.promise_supporters \
             FROM matter m JOIN community c ON c.code = m.community_code WHERE m.matter_id = $1",
            id,
            |_| format!("/matters/{id}"),
        )
        .await
    }

    /// A topic's community, page, title, supporters and threshold.
    pub async fn supported_topic(&self, id: i64) -> Result<Supported> {
        let deliberation: i64 = self.topic_row(id).await?.deliberation_id;
        self.supported(
            "SELECT d.community_code, t.title, t.support_count, c.households, c.promise_supporters \
             FROM topic t JOIN deliberation d ON d.deliberation_id = t.deliberation_id \
             JOIN community c ON c.code = d.community_code WHERE t.topic_id = $1",
            id,
            |_| format!("/deliberations/{deliberation}#topics-{id}"),
        )
        .await
    }

    async fn supported(
        &self,
        sql: &str,
        id: i64,
        href: impl Fn(i64) -> String,
    ) -> Result<Supported> {
        let row: Option<(String, String, i32, i32, Option<i32>)> = on_reader!(self, pool => {
            sqlx::query_as(sql).bind(id).fetch_optional(pool).await
        })?;
        let (community, title, supporters, households, setting) = row.ok_or(Error::NotFound)?;
        Ok(Supported {
            community,
            href: href(id),
            title,
            supporters: u32::try_from(supporters).unwrap_or(0),
            households: u32::try_from(households).unwrap_or(0),
            setting: setting.and_then(|s| u32::try_from(s).ok()),
        })
    }

    /// Opens the promise of a subject that reached its threshold; `false`
    /// when it has one already.
    pub async fn open_promise(
        &self,
        subject: Subject,
        id: i64,
        supported: &Supported,
        threshold: u32,
        clocks: &Clocks,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let opened = sqlx::query(
                "INSERT INTO promise (community_code, subject_kind, subject_id, href, title, supporters, \
                 threshold, reached_at, agenda_due, answer_due) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (subject_kind, subject_id) DO NOTHING",
            )
            .bind(&supported.community)
            .bind(subject.as_str())
            .bind(id)
            .bind(&supported.href)
            .bind(&supported.title)
            .bind(i64::from(supported.supporters))
            .bind(i64::from(threshold))
            .bind(clocks.reached_at)
            .bind(clocks.agenda_due)
            .bind(clocks.answer_due)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if opened {
                let entries = [AuditEntry {
                    actor: None,
                    action: "promise.open".to_owned(),
                    target: format!("{}:{id}", subject.as_str()),
                    scope_key: supported.community.clone(),
                    outcome: Outcome::Ok,
                    at: clocks.reached_at,
                }];
                append_in_tx!(tx, &entries);
            }
            Ok(opened)
        })
    }

    pub async fn promise(&self, id: i64, now: Millis) -> Result<Promise> {
        let sql = format!("{PROMISE_SELECT} WHERE p.promise_id = $1");
        let row: Option<PromiseRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
        })?;
        Ok(row.ok_or(Error::NotFound)?.view(now))
    }

    /// The promise of a matter or topic, if it has one.
    pub async fn promise_of(
        &self,
        subject: Subject,
        id: i64,
        now: Millis,
    ) -> Result<Option<Promise>> {
        let sql = format!("{PROMISE_SELECT} WHERE p.subject_kind = $1 AND p.subject_id = $2");
        let row: Option<PromiseRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(subject.as_str()).bind(id).fetch_optional(pool).await
        })?;
        Ok(row.map(|r| r.view(now)))
    }

    /// Promises under a place (a checked code, `''` for the city), newest
    /// first.
    pub async fn promises_under(
        &self,
        place: &str,
        limit: i64,
        now: Millis,
    ) -> Result<Vec<Promise>> {
        let sql = format!(
            "{PROMISE_SELECT} WHERE p.community_code LIKE $1 || '%' \
             ORDER BY p.reached_at DESC, p.promise_id DESC LIMIT $2"
        );
        let rows: Vec<PromiseRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(place).bind(limit).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(|r| r.view(now)).collect())
    }

    /// Records that the council put the subject on its agenda, once;
    /// `false` when it was recorded before.
    pub async fn promise_on_agenda(
        &self,
        id: i64,
        note: &str,
        by: Option<AccountId>,
        now: Millis,
    ) -> Result<bool> {
        self.promise_step(
            "UPDATE promise SET on_agenda_at = $1, agenda_note = $2 \
             WHERE promise_id = $3 AND on_agenda_at IS NULL",
            id,
            note,
            None,
            by,
            "promise.agenda",
            now,
        )
        .await
    }

    /// Records the council's written answer, once.
    pub async fn answer_promise(
        &self,
        id: i64,
        answer: &str,
        by: AccountId,
        now: Millis,
    ) -> Result<bool> {
        self.promise_step(
            "UPDATE promise SET answered_at = $1, answer = $2, answered_by = $4 \
             WHERE promise_id = $3 AND answered_at IS NULL",
            id,
            answer,
            Some(by.0),
            Some(by),
            "promise.answer",
            now,
        )
        .await
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one statement's parts and its audit entry"
    )]
    async fn promise_step(
        &self,
        sql: &str,
        id: i64,
        text: &str,
        by_column: Option<i64>,
        by: Option<AccountId>,
        action: &str,
        now: Millis,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let mut query = sqlx::query(sql).bind(now).bind(text).bind(id);
            if let Some(account) = by_column {
                query = query.bind(account);
            }
            let done = query.execute(&mut *tx).await?.rows_affected() == 1;
            if done {
                let entries = [AuditEntry {
                    actor: by,
                    action: action.to_owned(),
                    target: format!("promise:{id}"),
                    scope_key: String::new(),
                    outcome: Outcome::Ok,
                    at: now,
                }];
                append_in_tx!(tx, &entries);
            }
            Ok(done)
        })
    }

    /// The promise of a subject goes on the agenda (a matter made a topic,
    /// a topic decided), if it has one still off it.
    pub async fn subject_on_agenda(
        &self,
        subject: Subject,
        id: i64,
        note: &str,
        now: Millis,
    ) -> Result<()> {
        if let Some(p) = self.promise_of(subject, id, now).await?
            && p.clocks.on_agenda_at.is_none()
        {
            self.promise_on_agenda(p.id, note, None, now).await?;
        }
        Ok(())
    }

    /// Every promise under `place` whose answer falls due in
    /// `[from, until)`: (community code, answer due, clocks).
    pub async fn promise_clocks(
        &self,
        place: &str,
        from: Millis,
        until: Millis,
    ) -> Result<Vec<(String, Clocks)>> {
        let rows: Vec<ClockRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT community_code, reached_at, agenda_due, answer_due, on_agenda_at, answered_at \
                 FROM promise WHERE community_code LIKE $1 || '%' AND answer_due >= $2 AND answer_due < $3",
            )
            .bind(place)
            .bind(from)
            .bind(until)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(code, reached_at, agenda_due, answer_due, on_agenda_at, answered_at)| {
                    (
                        code,
                        Clocks {
                            reached_at,
                            agenda_due,
                            answer_due,
                            on_agenda_at,
                            answered_at,
                        },
                    )
                },
            )
            .collect())
    }
}
