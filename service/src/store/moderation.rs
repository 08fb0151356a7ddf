//! Reports, hide and restore decisions, and the text a decision withholds.
//!
//! Hiding moves an item's text into `withheld_text` and leaves the item's
//! own columns empty, so every page, export, feed and API that reads the
//! item shows nothing of it without knowing about moderation. Restoring
//! moves the text back. Photos have no text: their flag stops the photo
//! route and the matter's page from showing them.

use linli_model::{
    account::AccountId,
    moderation::{Content, Decision, Kind, LogEntry, Participant, QueueItem, Reason, Report},
    role::Role,
};

use super::{Store, deliberation::VOTES_CHANGED, in_write_tx, on_reader};
use crate::{
    Error, Result,
    audit::{AuditEntry, append_in_tx},
    clock::Millis,
};

/// Settles the item's open reports inside a transaction; the number.
macro_rules! settle {
    ($tx:ident, $content:expr, $how:expr, $now:expr) => {
        sqlx::query(
            "UPDATE content_report SET settled = $1, settled_at = $2 WHERE content_kind = $3 \
             AND content_key = $4 AND settled IS NULL",
        )
        .bind($how)
        .bind($now)
        .bind($content.kind().as_str())
        .bind($content.key())
        .execute(&mut *$tx)
        .await?
        .rows_affected()
    };
}

/// A matter's search terms as they stand now in the transaction: its
/// title, description and address, and its place, as filing indexed them.
macro_rules! matter_terms {
    ($tx:ident, $id:expr) => {{
        let (title, description, address, grid): (String, String, Option<String>, String) =
            sqlx::query_as(
                "SELECT title, description, address, grid_code FROM matter WHERE matter_id = $1",
            )
            .bind($id)
            .fetch_one(&mut *$tx)
            .await?;
        crate::search::matter_terms(
            &format!("{title} {description} {}", address.unwrap_or_default()),
            &grid,
        )
    }};
}

/// Where a kind's item lives: its table, key column, the flag that says it
/// is hidden, and the text columns a decision withholds.
struct Shape {
    table: &'static str,
    key: &'static str,
    flag: &'static str,
    texts: &'static [&'static str],
}

fn shape(kind: Kind) -> Shape {
    match kind {
        Kind::Statement => Shape {
            table: "statement",
            key: "statement_id",
            flag: "hidden",
            texts: &["body"],
        },
        Kind::Topic => Shape {
            table: "topic",
            key: "topic_id",
            flag: "hidden",
            texts: &["title", "description", "why"],
        },
        Kind::Objection => Shape {
            table: "objection",
            key: "objection_id",
            flag: "hidden",
            texts: &["body"],
        },
        Kind::Matter => Shape {
            table: "matter",
            key: "matter_id",
            flag: "text_hidden",
            texts: &["description"],
        },
        Kind::Photo => Shape {
            table: "photo",
            key: "photo_id",
            flag: "hidden",
            texts: &[],
        },
        Kind::Participant => Shape {
            table: "participant_standing",
            key: "content_key",
            flag: "hidden",
            texts: &[],
        },
    }
}

/// What moderation needs to know of an item.
#[derive(Debug, Clone)]
pub struct Facts {
    pub community: String,
    pub author: Option<AccountId>,
    pub hidden: bool,
    /// Its deliberation, for what was written or voted there.
    pub deliberation: Option<i64>,
    pub href: String,
    /// Its text as shown now (empty when hidden, and for photos).
    pub text: String,
}

/// A decision as it is stored: the log line, the audit entry beside it.
pub struct NewDecision<'a> {
    pub facts: &'a Facts,
    pub decision: Decision,
    pub reason: &'a str,
    pub role: Role,
    pub actor: AccountId,
    pub audit: AuditEntry,
}

#[derive(sqlx::FromRow)]
struct FactsRow {
    community_code: String,
    author_id: Option<i64>,
    hidden: i32,
    deliberation_id: Option<i64>,
    href: String,
    body: String,
}

#[derive(sqlx::FromRow)]
struct LogRow {
    action_id: i64,
    content_kind: String,
    content_key: String,
    decision: String,
    reason: String,
    role: String,
    href: String,
    created_at: i64,
}

const LOG_SELECT: &str = "SELECT action_id, content_kind, content_key, decision, reason, role, href, \
                          created_at FROM moderation_action";

use super::corrupt;

impl LogRow {
    fn into_entry(self) -> Result<LogEntry> {
        let kind = Kind::parse(&self.content_kind)
            .ok_or_else(|| corrupt("content kind", &self.content_kind))?;
        Ok(LogEntry {
            id: self.action_id,
            content: Content::from_parts(kind, &self.content_key)
                .ok_or_else(|| corrupt("content key", &self.content_key))?,
            decision: Decision::parse(&self.decision)
                .ok_or_else(|| corrupt("decision", &self.decision))?,
            role: Role::parse(&self.role).ok_or_else(|| corrupt("role", &self.role))?,
            reason: self.reason,
            at: self.created_at,
            href: self.href,
        })
    }
}

impl Store {
    /// The item's community, author, state and text; `NotFound` when it
    /// does not exist (or is a photo on no matter).
    pub async fn content_facts(&self, content: &Content) -> Result<Facts> {
        if let Content::Participant(p) = content {
            return self.participant_facts(content, p).await;
        }
        let in_deliberation = |table: &str, key: &str, author: &str, text: &str| {
            format!(
                "SELECT d.community_code, x.{author} AS author_id, x.hidden, \
                 x.deliberation_id AS deliberation_id, \
                 '/deliberations/' || CAST(x.deliberation_id AS TEXT) AS href, {text} AS body \
                 FROM {table} x JOIN deliberation d ON d.deliberation_id = x.deliberation_id \
                 WHERE x.{key} = $1"
            )
        };
        let matter_href = "'/matters/' || CAST(m.matter_id AS TEXT)";
        let sql = match content.kind() {
            Kind::Statement => in_deliberation("statement", "statement_id", "author_id", "x.body"),
            Kind::Topic => in_deliberation(
                "topic",
                "topic_id",
                "proposer_id",
                "x.title || ' ' || x.description",
            ),
            Kind::Objection => in_deliberation("objection", "objection_id", "author_id", "x.body"),
            Kind::Matter => format!(
                "SELECT m.community_code, m.reporter_id AS author_id, m.text_hidden AS hidden, \
                 CAST(NULL AS BIGINT) AS deliberation_id, {matter_href} AS href, \
                 m.description AS body FROM matter m WHERE m.matter_id = $1"
            ),
            Kind::Participant => String::new(),
            Kind::Photo => format!(
                "SELECT m.community_code, m.reporter_id AS author_id, p.hidden, \
                 CAST(NULL AS BIGINT) AS deliberation_id, {matter_href} AS href, '' AS body \
                 FROM photo p JOIN matter_photo mp ON mp.photo_id = p.photo_id \
                 JOIN matter m ON m.matter_id = mp.matter_id \
                 WHERE p.photo_id = $1 ORDER BY m.matter_id LIMIT 1"
            ),
        };
        let row: Option<FactsRow> = match content {
            Content::Photo(photo) => on_reader!(self, pool => {
                sqlx::query_as(&sql).bind(photo.as_str()).fetch_optional(pool).await
            })?,
            Content::Statement(id)
            | Content::Topic(id)
            | Content::Objection(id)
            | Content::Matter(id) => on_reader!(self, pool => {
                sqlx::query_as(&sql).bind(*id).fetch_optional(pool).await
            })?,
            Content::Participant(_) => None,
        };
        let row = row.ok_or(Error::NotFound)?;
        let hidden = row.hidden != 0;
        Ok(Facts {
            community: row.community_code,
            author: row.author_id.map(AccountId),
            hidden,
            deliberation: row.deliberation_id,
            href: row.href,
            // A hidden topic's columns are empty, but joined they are not.
            text: if hidden { String::new() } else { row.body },
        })
    }

    /// A participant's community and standing; `NotFound` unless someone
    /// with that pseudonym voted in the deliberation.
    async fn participant_facts(&self, content: &Content, p: &Participant) -> Result<Facts> {
        let account = self
            .participant_account(p.deliberation, &p.pseudonym)
            .await?
            .ok_or(Error::NotFound)?;
        let row: Option<(String, i32)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT d.community_code, COALESCE((SELECT s.hidden FROM participant_standing s \
                 WHERE s.content_key = $2), 0) AS hidden FROM deliberation d WHERE d.deliberation_id = $1",
            )
            .bind(p.deliberation)
            .bind(content.key())
            .fetch_optional(pool)
            .await
        })?;
        let (community, hidden) = row.ok_or(Error::NotFound)?;
        Ok(Facts {
            community,
            author: Some(account),
            hidden: hidden != 0,
            deliberation: Some(p.deliberation),
            href: format!("/deliberations/{}", p.deliberation),
            text: String::new(),
        })
    }

    /// What a hidden item said, for its moderators.
    pub async fn withheld_text(&self, content: &Content) -> Result<Option<String>> {
        let fields: Option<String> = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT fields FROM withheld_text WHERE content_kind = $1 AND content_key = $2",
            )
            .bind(content.kind().as_str())
            .bind(content.key())
            .fetch_optional(pool)
            .await
        })?;
        let Some(fields) = fields else {
            return Ok(None);
        };
        let texts: Vec<String> = serde_json::from_str(&fields)
            .map_err(|e| Error::Internal(anyhow::anyhow!("withheld text: {e}")))?;
        Ok(Some(texts.join(" ")))
    }

    /// Hides or restores the item, logs the decision with its audit entry,
    /// and settles the open reports of a hidden item as upheld. `false`
    /// when it was in that state already (another moderator was first).
    pub async fn decide_content(&self, content: &Content, d: &NewDecision<'_>) -> Result<bool> {
        let shape = shape(content.kind());
        let kind = content.kind().as_str();
        let key = content.key();
        let hide = d.decision == Decision::Hidden;
        let (from, to) = if hide { (0, 1) } else { (1, 0) };
        let id_cast = if matches!(content.kind(), Kind::Photo | Kind::Participant) {
            "$1"
        } else {
            "CAST($1 AS BIGINT)"
        };
        let now = d.audit.at;
        let recount = super::deliberation::recount_sql();
        let engine = self.engine();
        in_write_tx!(self, tx => {
            let indexed = match content {
                Content::Matter(id) => Some(matter_terms!(tx, *id)),
                _ => None,
            };
            if let (Content::Participant(p), Some(account)) = (content, d.facts.author) {
                // A participant's standing is kept from their first decision.
                sqlx::query(
                    "INSERT INTO participant_standing (content_key, deliberation_id, account_id, hidden) \
                     VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING",
                )
                .bind(&key)
                .bind(p.deliberation)
                .bind(account.0)
                .execute(&mut *tx)
                .await?;
            }
            // The text moves first: out of the item when hiding, back in
            // when restoring.
            if !shape.texts.is_empty() {
                if hide {
                    let select = format!(
                        "SELECT {} FROM {} WHERE {} = {id_cast} AND {} = 0",
                        shape
                            .texts
                            .iter()
                            .map(|c| format!("COALESCE({c}, '')"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        shape.table,
                        shape.key,
                        shape.flag,
                    );
                    let Some(row) = sqlx::query(&select).bind(&key).fetch_optional(&mut *tx).await?
                    else {
                        return Ok(false);
                    };
                    let texts = (0..shape.texts.len())
                        .map(|i| sqlx::Row::try_get::<String, _>(&row, i))
                        .collect::<std::result::Result<Vec<_>, _>>()?;
                    let fields = serde_json::to_string(&texts)
                        .map_err(|e| Error::Internal(anyhow::anyhow!("withheld text: {e}")))?;
                    sqlx::query(
                        "INSERT INTO withheld_text (content_kind, content_key, fields) VALUES ($1, $2, $3)",
                    )
                    .bind(kind)
                    .bind(&key)
                    .bind(fields)
                    .execute(&mut *tx)
                    .await?;
                } else {
                    let fields: Option<String> = sqlx::query_scalar(
                        "DELETE FROM withheld_text WHERE content_kind = $1 AND content_key = $2 RETURNING fields",
                    )
                    .bind(kind)
                    .bind(&key)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(fields) = fields else {
                        return Ok(false);
                    };
                    let texts: Vec<String> = serde_json::from_str(&fields)
                        .map_err(|e| Error::Internal(anyhow::anyhow!("withheld text: {e}")))?;
                    let set = shape
                        .texts
                        .iter()
                        .enumerate()
                        .map(|(i, c)| format!("{c} = ${}", i + 2))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let sql = format!(
                        "UPDATE {} SET {set} WHERE {} = {id_cast}",
                        shape.table, shape.key
                    );
                    let mut q = sqlx::query(&sql).bind(&key);
                    for (i, _) in shape.texts.iter().enumerate() {
                        q = q.bind(texts.get(i).cloned().unwrap_or_default());
                    }
                    q.execute(&mut *tx).await?;
                }
            }
            let blank = if hide {
                shape
                    .texts
                    .iter()
                    .map(|c| format!(", {c} = ''"))
                    .collect::<String>()
            } else {
                String::new()
            };
            let flip = format!(
                "UPDATE {} SET {} = {to}{blank} WHERE {} = {id_cast} AND {} = {from}",
                shape.table, shape.flag, shape.key, shape.flag
            );
            let flipped = sqlx::query(&flip).bind(&key).execute(&mut *tx).await?;
            if flipped.rows_affected() != 1 {
                return Ok(false);
            }
            if let (Content::Matter(id), Some(before)) = (content, &indexed) {
                // Its search terms follow its text, so words of a hidden
                // description no longer find it. The SQLite index keeps no
                // text: an entry is removed by giving back what it held.
                let after = matter_terms!(tx, *id);
                match engine {
                    super::Engine::Sqlite => {
                        sqlx::query(
                            "INSERT INTO matter_search (matter_search, rowid, terms) VALUES ('delete', $1, $2)",
                        )
                        .bind(*id)
                        .bind(before)
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query("INSERT INTO matter_search (rowid, terms) VALUES ($1, $2)")
                            .bind(*id)
                            .bind(&after)
                            .execute(&mut *tx)
                            .await?;
                    }
                    super::Engine::Postgres => {
                        sqlx::query(
                            "UPDATE matter_search SET terms = CAST($2 AS tsvector) WHERE matter_id = $1",
                        )
                        .bind(*id)
                        .bind(crate::search::tsvector(&after))
                        .execute(&mut *tx)
                        .await?;
                    }
                }
            }
            if content.kind() == Kind::Topic {
                // Copies of its title (its promise, its tracked result)
                // follow it.
                let title = if hide {
                    "''"
                } else {
                    "(SELECT title FROM topic WHERE topic_id = CAST($1 AS BIGINT))"
                };
                for (table, subject) in [
                    ("promise", "subject_kind = 'topic' AND subject_id"),
                    ("tracked_result", "topic_id"),
                ] {
                    sqlx::query(&format!(
                        "UPDATE {table} SET title = {title} WHERE {subject} = CAST($1 AS BIGINT)"
                    ))
                    .bind(&key)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            if let (Kind::Statement | Kind::Participant, Some(deliberation)) =
                (content.kind(), d.facts.deliberation)
            {
                // Its votes leave (or rejoin) the opinion groups now, and a
                // participant's leave (or rejoin) every statement's count.
                if content.kind() == Kind::Participant {
                    sqlx::query(&recount).bind(deliberation).execute(&mut *tx).await?;
                }
                sqlx::query(VOTES_CHANGED)
                    .bind(deliberation)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "INSERT INTO moderation_action (community_code, content_kind, content_key, decision, \
                 reason, role, actor_id, author_id, href, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(&d.facts.community)
            .bind(kind)
            .bind(&key)
            .bind(d.decision.as_str())
            .bind(d.reason)
            .bind(d.role.as_str())
            .bind(d.actor.0)
            .bind(d.facts.author.map(|a| a.0))
            .bind(&d.facts.href)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if hide {
                settle!(tx, content, "upheld", now);
            }
            append_in_tx!(tx, std::slice::from_ref(&d.audit));
            Ok(true)
        })
    }

    /// A moderator keeps the item: its open reports are settled as
    /// dismissed. Returns how many.
    pub async fn dismiss_reports(&self, content: &Content, audit: &AuditEntry) -> Result<u64> {
        in_write_tx!(self, tx => {
            let n = settle!(tx, content, "dismissed", audit.at);
            if n > 0 {
                append_in_tx!(tx, std::slice::from_ref(audit));
            }
            Ok(n)
        })
    }

    /// One report per person per item: `false` when they had reported it.
    pub async fn insert_report(
        &self,
        community: &str,
        content: &Content,
        reporter: AccountId,
        report: &Report,
        audit: &AuditEntry,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let added = sqlx::query(
                "INSERT INTO content_report (community_code, content_kind, content_key, reporter_id, \
                 reason, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            )
            .bind(community)
            .bind(content.kind().as_str())
            .bind(content.key())
            .bind(reporter.0)
            .bind(report.reason.as_str())
            .bind(report.note.as_deref())
            .bind(audit.at)
            .execute(&mut *tx)
            .await?;
            if added.rows_affected() != 1 {
                return Ok(false);
            }
            append_in_tx!(tx, std::slice::from_ref(audit));
            Ok(true)
        })
    }

    /// Reports a person made since `since`, for the daily limit.
    pub async fn reports_since(&self, reporter: AccountId, since: Millis) -> Result<i64> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM content_report WHERE reporter_id = $1 AND created_at >= $2",
            )
            .bind(reporter.0)
            .bind(since)
            .fetch_one(pool)
            .await
        })?)
    }

    pub async fn reported_by(&self, content: &Content, account: AccountId) -> Result<bool> {
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM content_report WHERE content_kind = $1 AND content_key = $2 \
                 AND reporter_id = $3",
            )
            .bind(content.kind().as_str())
            .bind(content.key())
            .bind(account.0)
            .fetch_one(pool)
            .await
        })?;
        Ok(n > 0)
    }

    /// The item's open reports by reason, most given first.
    pub async fn open_reasons(&self, content: &Content) -> Result<Vec<(Reason, u32)>> {
        let rows: Vec<(String, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT reason, COUNT(*) AS n FROM content_report WHERE content_kind = $1 \
                 AND content_key = $2 AND settled IS NULL GROUP BY reason ORDER BY n DESC, reason",
            )
            .bind(content.kind().as_str())
            .bind(content.key())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(r, n)| {
                let reason = Reason::parse(&r).ok_or_else(|| corrupt("report reason", &r))?;
                Ok((reason, u32::try_from(n).unwrap_or(u32::MAX)))
            })
            .collect()
    }

    /// The last decision about an item.
    pub async fn last_decision(&self, content: &Content) -> Result<Option<LogEntry>> {
        let sql = format!(
            "{LOG_SELECT} WHERE content_kind = $1 AND content_key = $2 ORDER BY action_id DESC LIMIT 1"
        );
        let row: Option<LogRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(content.kind().as_str())
                .bind(content.key())
                .fetch_optional(pool)
                .await
        })?;
        row.map(LogRow::into_entry).transpose()
    }

    /// A community's decisions, newest first, before the id `before`.
    pub async fn moderation_log(
        &self,
        community: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<LogEntry>> {
        let sql = format!(
            "{LOG_SELECT} WHERE community_code = $1 AND action_id < $2 ORDER BY action_id DESC LIMIT $3"
        );
        let rows: Vec<LogRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(community)
                .bind(before.unwrap_or(i64::MAX))
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(LogRow::into_entry).collect()
    }

    /// Items with open reports under a place code prefix, most reported
    /// first.
    pub async fn report_queue(&self, prefix: &str, limit: usize) -> Result<Vec<QueueItem>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            content_kind: String,
            content_key: String,
            community_code: String,
            reason: String,
            n: i64,
            first_at: i64,
        }
        let rows: Vec<Row> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT content_kind, content_key, community_code, reason, COUNT(*) AS n, \
                 MIN(created_at) AS first_at FROM content_report \
                 WHERE community_code LIKE $1 AND settled IS NULL \
                 GROUP BY content_kind, content_key, community_code, reason",
            )
            .bind(format!("{prefix}%"))
            .fetch_all(pool)
            .await
        })?;
        let mut items: Vec<(QueueItem, u32)> = Vec::new();
        for r in rows {
            let kind =
                Kind::parse(&r.content_kind).ok_or_else(|| corrupt("kind", &r.content_kind))?;
            let content = Content::from_parts(kind, &r.content_key)
                .ok_or_else(|| corrupt("content key", &r.content_key))?;
            let reason = Reason::parse(&r.reason).ok_or_else(|| corrupt("reason", &r.reason))?;
            let n = u32::try_from(r.n).unwrap_or(u32::MAX);
            match items.iter_mut().find(|(i, _)| i.content == content) {
                Some((item, top)) => {
                    item.reports += n;
                    item.first_at = item.first_at.min(r.first_at);
                    if n > *top {
                        *top = n;
                        item.reason = reason;
                    }
                }
                None => items.push((
                    QueueItem {
                        content,
                        community: r.community_code,
                        reports: n,
                        reason,
                        first_at: r.first_at,
                    },
                    n,
                )),
            }
        }
        let mut items: Vec<QueueItem> = items.into_iter().map(|(i, _)| i).collect();
        items.sort_by(|a, b| b.reports.cmp(&a.reports).then(a.first_at.cmp(&b.first_at)));
        items.truncate(limit);
        Ok(items)
    }

    /// Per reporter under a place: reports made, upheld, dismissed; most
    /// reports first.
    pub async fn reporter_counts(
        &self,
        prefix: &str,
        limit: i64,
    ) -> Result<Vec<(i64, String, i64, i64, i64)>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT r.reporter_id, a.display_name, COUNT(*) AS n, \
                 SUM(CASE WHEN r.settled = 'upheld' THEN 1 ELSE 0 END) AS upheld, \
                 SUM(CASE WHEN r.settled = 'dismissed' THEN 1 ELSE 0 END) AS dismissed \
                 FROM content_report r JOIN account a ON a.account_id = r.reporter_id \
                 WHERE r.community_code LIKE $1 GROUP BY r.reporter_id, a.display_name \
                 ORDER BY n DESC, r.reporter_id LIMIT $2",
            )
            .bind(format!("{prefix}%"))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?)
    }

    /// Per author under a place whose items are hidden now: how many are
    /// hidden, and how many statements, topics, objections and matters
    /// they wrote there.
    pub async fn hidden_by_author(
        &self,
        prefix: &str,
        limit: i64,
    ) -> Result<Vec<(i64, String, i64, i64)>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT h.author_id, a.display_name, h.n, \
                 (SELECT COUNT(*) FROM statement s JOIN deliberation d ON d.deliberation_id = s.deliberation_id \
                    WHERE s.author_id = h.author_id AND d.community_code LIKE $1) \
                 + (SELECT COUNT(*) FROM topic t JOIN deliberation d ON d.deliberation_id = t.deliberation_id \
                    WHERE t.proposer_id = h.author_id AND d.community_code LIKE $1) \
                 + (SELECT COUNT(*) FROM objection o JOIN deliberation d ON d.deliberation_id = o.deliberation_id \
                    WHERE o.author_id = h.author_id AND d.community_code LIKE $1) \
                 + (SELECT COUNT(*) FROM matter m WHERE m.reporter_id = h.author_id \
                    AND m.community_code LIKE $1) AS written \
                 FROM (SELECT m.author_id, COUNT(*) AS n FROM moderation_action m \
                       WHERE m.community_code LIKE $1 AND m.decision = 'hidden' AND m.author_id IS NOT NULL \
                       AND m.content_kind <> 'participant' \
                       AND NOT EXISTS (SELECT 1 FROM moderation_action later \
                           WHERE later.content_kind = m.content_kind AND later.content_key = m.content_key \
                           AND later.action_id > m.action_id) \
                       GROUP BY m.author_id) h \
                 JOIN account a ON a.account_id = h.author_id \
                 ORDER BY h.n DESC, h.author_id LIMIT $2",
            )
            .bind(format!("{prefix}%"))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?)
    }
}
