//! Deliberations in the store. Like matters, a council step is
//! read-modify-write: the service computes the next row with the model's
//! state machine and [`Store::save_deliberation`] writes it only if nobody
//! changed the deliberation in between (`version`), with its timeline entry.

use linli_model::{
    LocalName, Page,
    account::AccountId,
    channel::{Channel, TallySheet},
    deliberation::{
        Arrangement, Ballot, BlockView, ConsultationForm, Count, DeliberationEvent,
        DeliberationSummary, EventKind, Method, Minutes, NewDeliberation, NewPoll, NewTopic,
        ObjectionView, Participants, PollView, RecordView, Stage, StatementView, TopicState,
        TopicView, Vote,
    },
    money::Fen,
    tree::CommunityCode,
};

use super::{Store, code, in_write_tx, on_reader};
use crate::{Error, Result, clock::Millis};

/// Adds a timeline entry inside a write transaction of either engine.
macro_rules! insert_event {
    ($tx:expr, $deliberation:expr, $note:expr) => {{
        let note: &DeliberationNote<'_> = $note;
        sqlx::query(
            "INSERT INTO deliberation_event (deliberation_id, kind, actor_id, note, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($deliberation)
        .bind(note.kind.as_str())
        .bind(note.actor.map(|a| a.0))
        .bind(note.note)
        .bind(note.at)
        .execute(&mut *$tx)
        .await?;
        // Every follower but the one who acted hears of it: in the inbox,
        // and by email at once if they turned the daily digest off (their
        // row is then marked sent, so no digest repeats it).
        sqlx::query(
            "INSERT INTO deliberation_notification (account_id, deliberation_id, kind, created_at, digested_at) \
             SELECT f.account_id, $1, $2, $3, CASE WHEN s.daily_digest = $5 THEN $3 ELSE NULL END \
             FROM deliberation_follower f LEFT JOIN notification_setting s ON s.account_id = f.account_id \
             WHERE f.deliberation_id = $1 AND f.account_id <> $4",
        )
        .bind($deliberation)
        .bind(note.kind.as_str())
        .bind(note.at)
        .bind(note.actor.map_or(0, |a| a.0))
        .bind(false)
        .execute(&mut *$tx)
        .await?;
        let (zh, en) = (
            note.kind.name(linli_model::Lang::ZhCn),
            note.kind.name(linli_model::Lang::En),
        );
        let link = format!("{}/deliberations/", note.site.trim_end_matches('/'));
        sqlx::query(
            "INSERT INTO outbox_message (account_id, channel, recipient, subject, body, created_at) \
             SELECT a.account_id, 'email', a.email, $2, $3 || d.title || $4 || CAST(d.deliberation_id AS TEXT) || $5 || d.title || $6 || CAST(d.deliberation_id AS TEXT) || $7, $8 \
             FROM deliberation_follower f \
             JOIN notification_setting s ON s.account_id = f.account_id AND s.daily_digest = $9 \
             JOIN account a ON a.account_id = f.account_id \
             JOIN deliberation d ON d.deliberation_id = f.deliberation_id \
             WHERE f.deliberation_id = $1 AND f.account_id <> $10 AND a.email IS NOT NULL \
             AND NOT (s.channel = 'sms' AND a.phone IS NOT NULL)",
        )
        .bind($deliberation)
        .bind(format!("邻里 Linli: {zh} / {en}"))
        .bind(format!("您关注的议事有了新进展：{zh}\n「"))
        .bind(format!("」\n查看：{link}"))
        .bind(format!("\n\nA deliberation you follow has moved on: {en}\n\""))
        .bind(format!("\"\n{link}"))
        .bind("\n")
        .bind(note.at)
        .bind(false)
        .bind(note.actor.map_or(0, |a| a.0))
        .execute(&mut *$tx)
        .await?;
        // A short message to the phone of those who chose SMS or have no
        // email; people without a setting row wait for the digest.
        sqlx::query(
            "INSERT INTO outbox_message (account_id, channel, recipient, subject, body, created_at) \
             SELECT a.account_id, 'sms', a.phone, $2, $3 || d.title || $4 || CAST(d.deliberation_id AS TEXT), $5 \
             FROM deliberation_follower f \
             JOIN notification_setting s ON s.account_id = f.account_id AND s.daily_digest = $6 \
             JOIN account a ON a.account_id = f.account_id \
             JOIN deliberation d ON d.deliberation_id = f.deliberation_id \
             WHERE f.deliberation_id = $1 AND f.account_id <> $7 AND a.phone IS NOT NULL \
             AND (s.channel = 'sms' OR a.email IS NULL)",
        )
        .bind($deliberation)
        .bind("邻里 Linli")
        .bind(format!("【邻里】您关注的议事「"))
        .bind(format!("」{zh}。查看：{link}"))
        .bind(note.at)
        .bind(false)
        .bind(note.actor.map_or(0, |a| a.0))
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Makes someone who just took part a follower, inside the write
/// transaction of what they did. `$from` names the row that leads to the
/// deliberation ("topic WHERE topic_id", …) and `$key` its id.
macro_rules! follow_in_tx {
    ($tx:expr, $from:literal, $key:expr, $account:expr, $now:expr) => {
        sqlx::query(concat!(
            "INSERT INTO deliberation_follower (deliberation_id, account_id, since) \
             SELECT deliberation_id, $2, $3 FROM ",
            $from,
            " = $1 ON CONFLICT (deliberation_id, account_id) DO NOTHING"
        ))
        .bind($key)
        .bind($account.0)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
    };
}

/// A deliberation as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DeliberationRow {
    pub deliberation_id: i64,
    pub community_code: String,
    pub title: String,
    pub description: String,
    pub stage: String,
    pub collect_until: i64,
    pub notice_days: i32,
    pub notice_published_at: Option<i64>,
    pub notice_ends_at: Option<i64>,
    pub form: Option<String>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub place: Option<String>,
    pub participants: Option<String>,
    pub stakeholders: Option<String>,
    pub materials: Option<String>,
    pub minutes_attendance: Option<String>,
    pub minutes_arguments: Option<String>,
    pub minutes_result: Option<String>,
    pub minutes_decision: Option<String>,
    pub implementation: Option<String>,
    pub topic_count: i32,
    pub vote_seq: i64,
    pub created_by: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i32,
}

const DELIBERATION_COLUMNS: &str = "d.deliberation_id, d.community_code, d.title, d.description, \
    d.stage, d.collect_until, d.notice_days, d.notice_published_at, d.notice_ends_at, d.form, \
    d.starts_at, d.ends_at, d.place, d.participants, d.stakeholders, d.materials, \
    d.minutes_attendance, d.minutes_arguments, d.minutes_result, d.minutes_decision, \
    d.implementation, d.topic_count, d.vote_seq, d.created_by, d.created_at, d.updated_at, d.version";

use super::corrupt;

impl DeliberationRow {
    pub fn stage(&self) -> Result<Stage> {
        Stage::parse(&self.stage).ok_or_else(|| corrupt("stage", &self.stage))
    }

    pub fn community(&self) -> Result<CommunityCode> {
        code(&self.community_code, CommunityCode::parse)
    }

    /// Who takes part: the arranged participants, or the whole community
    /// before anything is arranged.
    pub fn participants(&self) -> Result<Participants> {
        match &self.participants {
            None => Ok(Participants::Community),
            Some(p) => {
                Participants::parse(p, &self.community()?).ok_or_else(|| corrupt("participants", p))
            }
        }
    }

    pub fn arrangement(&self) -> Result<Option<Arrangement>> {
        let (Some(form), Some(starts_at), Some(ends_at)) =
            (self.form.as_deref(), self.starts_at, self.ends_at)
        else {
            return Ok(None);
        };
        Ok(Some(Arrangement {
            form: ConsultationForm::parse(form).ok_or_else(|| corrupt("form", form))?,
            starts_at,
            ends_at,
            place: self.place.clone().unwrap_or_default(),
            participants: self.participants()?,
            stakeholders: self
                .stakeholders
                .as_deref()
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            materials: self.materials.clone().unwrap_or_default(),
        }))
    }

    pub fn set_arrangement(&mut self, a: &Arrangement) {
        self.form = Some(a.form.as_str().to_owned());
        self.starts_at = Some(a.starts_at);
        self.ends_at = Some(a.ends_at);
        self.place = Some(a.place.clone());
        self.participants = Some(a.participants.as_value());
        self.stakeholders = Some(a.stakeholders.join("\n"));
        self.materials = Some(a.materials.clone());
    }

    pub fn minutes(&self) -> Option<Minutes> {
        Some(Minutes {
            attendance: self.minutes_attendance.clone()?,
            arguments: self.minutes_arguments.clone()?,
            result: self.minutes_result.clone()?,
            decision: self.minutes_decision.clone()?,
        })
    }

    pub fn set_minutes(&mut self, m: &Minutes) {
        self.minutes_attendance = Some(m.attendance.clone());
        self.minutes_arguments = Some(m.arguments.clone());
        self.minutes_result = Some(m.result.clone());
        self.minutes_decision = Some(m.decision.clone());
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    deliberation_id: i64,
    community_code: String,
    name_zh: String,
    name_en: String,
    title: String,
    stage: String,
    collect_until: i64,
    notice_ends_at: Option<i64>,
    starts_at: Option<i64>,
    topic_count: i32,
    updated_at: i64,
}

const SUMMARY_SELECT: &str = "SELECT d.deliberation_id, d.community_code, c.name_zh, c.name_en, \
    d.title, d.stage, d.collect_until, d.notice_ends_at, d.starts_at, d.topic_count, d.updated_at \
    FROM deliberation d JOIN community c ON c.code = d.community_code";

impl SummaryRow {
    fn summary(self) -> Result<DeliberationSummary> {
        Ok(DeliberationSummary {
            id: self.deliberation_id,
            stage: Stage::parse(&self.stage).ok_or_else(|| corrupt("stage", &self.stage))?,
            community: self.community_code,
            community_name: LocalName::new(self.name_zh, self.name_en),
            title: self.title,
            collect_until: self.collect_until,
            notice_ends_at: self.notice_ends_at,
            starts_at: self.starts_at,
            topics: u32::try_from(self.topic_count).unwrap_or(0),
            updated_at: self.updated_at,
        })
    }
}

/// A timeline entry to write with a change.
#[derive(Debug, Clone, Copy)]
pub struct DeliberationNote<'a> {
    pub kind: EventKind,
    pub actor: Option<AccountId>,
    pub note: Option<&'a str>,
    pub at: Millis,
    /// How people reach the site, for the link in an email.
    pub site: &'a str,
}

/// A topic as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TopicRow {
    pub topic_id: i64,
    pub deliberation_id: i64,
    pub state: String,
}

/// A decision record version to publish with a change.
#[derive(Debug, Clone)]
pub struct NewRecord {
    pub version: u32,
    pub content: String,
    pub fingerprint: String,
}

/// What the state machine needs counted: (topics without a decision,
/// selected topics, unanswered objections, polls still open at `now`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeliberationCounts {
    pub topics_pending: u32,
    pub topics_selected: u32,
    pub objections_open: u32,
    pub polls_open: u32,
    pub blocks_open: u32,
}

/// A poll as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PollRow {
    pub poll_id: i64,
    pub deliberation_id: i64,
    pub question: String,
    pub options: String,
    pub quorum: i32,
    pub rule: String,
    pub closes_at: i64,
    pub ballot_count: i32,
    pub method: String,
    pub threshold: String,
    pub costs: Option<String>,
}

#[derive(sqlx::FromRow)]
struct BlockRow {
    ballot_id: i64,
    reason: Option<String>,
    answer: Option<String>,
    answered_at: Option<i64>,
}

/// A ballot as stored: its marks, and a consent ballot's reason.
pub type StoredBallot = (String, Option<String>);

/// What a poll's page shows beside the count: ballots per channel and
/// the paper tally sheets, and whether the sheets' counts may be shown.
#[derive(Debug, Clone, Default)]
pub struct Turnout {
    pub by_channel: Vec<(Channel, i64)>,
    pub sheets: Vec<TallySheet>,
    pub show_sheet_counts: bool,
}

impl PollRow {
    pub fn options(&self) -> Vec<String> {
        self.options.lines().map(str::to_owned).collect()
    }

    pub fn method(&self) -> Result<Method> {
        let costs = self
            .costs
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(|c| c.parse().ok().and_then(Fen::new))
            .collect::<Option<Vec<Fen>>>()
            .ok_or_else(|| corrupt("costs", self.costs.as_deref().unwrap_or("")))?;
        Method::from_stored(&self.method, &self.rule, &self.threshold, costs)
            .ok_or_else(|| corrupt("method", &self.method))
    }

    pub fn ballot(&self, method: &Method, (marks, reason): StoredBallot) -> Option<Ballot> {
        Ballot::from_stored(method, self.options().len(), &marks, reason)
    }

    pub fn closed(&self, now: Millis) -> bool {
        now >= self.closes_at
    }

    /// The poll as shown: the count only once it is closed, and blocks to
    /// the public only then.
    pub fn view(
        &self,
        now: Millis,
        ballots: Option<Vec<(Channel, StoredBallot)>>,
        yours: Option<StoredBallot>,
        blocks: Vec<BlockView>,
        turnout: Turnout,
    ) -> Result<PollView> {
        let closed = self.closed(now);
        let method = self.method()?;
        let quorum = u32::try_from(self.quorum).unwrap_or(u32::MAX);
        let options = self.options();
        // Confirmed paper ballots count as one-choice ballots like any
        // other; sheets waiting for their second person do not.
        let paper: Vec<Ballot> = turnout
            .sheets
            .iter()
            .filter(|s| s.confirmed.is_some() && matches!(method, Method::Choice { .. }))
            .flat_map(|s| {
                s.counts
                    .iter()
                    .enumerate()
                    .flat_map(|(i, n)| std::iter::repeat_n(Ballot::Choice(i as u32), *n as usize))
            })
            .collect();
        let paper_valid: u32 = turnout
            .sheets
            .iter()
            .filter(|s| s.confirmed.is_some())
            .map(|s| s.valid)
            .sum();
        let ballots: Option<Vec<(Channel, Ballot)>> = ballots.filter(|_| closed).map(|stored| {
            stored
                .into_iter()
                .filter_map(|(c, b)| self.ballot(&method, b).map(|b| (c, b)))
                .chain(paper.into_iter().map(|b| (Channel::Paper, b)))
                .collect()
        });
        let counted = ballots.as_ref().map(|all| {
            let ballots: Vec<Ballot> = all.iter().map(|(_, b)| b.clone()).collect();
            linli_model::deliberation::count(&method, options.len(), &ballots, quorum)
        });
        let choice_by_channel = match (&method, &ballots) {
            (Method::Choice { .. }, Some(all)) => Channel::ALL
                .into_iter()
                .map(|channel| {
                    let mut votes = vec![0u32; options.len()];
                    for (_, b) in all.iter().filter(|(c, _)| *c == channel) {
                        if let Ballot::Choice(i) = b
                            && let Some(v) = votes.get_mut(*i as usize)
                        {
                            *v += 1;
                        }
                    }
                    (channel, votes)
                })
                .collect(),
            _ => Vec::new(),
        };
        let by_channel = Channel::ALL
            .into_iter()
            .map(|channel| {
                let n = if channel == Channel::Paper {
                    paper_valid
                } else {
                    turnout
                        .by_channel
                        .iter()
                        .find(|(c, _)| *c == channel)
                        .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(0))
                };
                (channel, n)
            })
            .collect();
        let sheets = turnout
            .sheets
            .into_iter()
            .map(|mut s| {
                if !(closed || turnout.show_sheet_counts) {
                    s.counts = Vec::new();
                }
                s
            })
            .collect();
        let your_ballot = yours.and_then(|b| self.ballot(&method, b));
        Ok(PollView {
            id: self.poll_id,
            question: self.question.clone(),
            options,
            quorum,
            rule: method.rule(),
            closes_at: self.closes_at,
            closed,
            ballots: u32::try_from(self.ballot_count).unwrap_or(0) + paper_valid,
            tally: match &counted {
                Some((Count::Choice { votes }, _)) => Some(votes.clone()),
                _ => None,
            },
            outcome: counted.as_ref().map(|(_, o)| o.clone()),
            count: counted.map(|(c, _)| c),
            your_choice: match your_ballot {
                Some(Ballot::Choice(c)) => Some(c),
                _ => None,
            },
            your_ballot,
            blocks,
            method,
            by_channel,
            choice_by_channel,
            sheets,
        })
    }
}

/// Marks a deliberation's opinion groups stale: every change to the votes
/// they are made of (a vote, a load, a statement hidden) runs it in the
/// same transaction.
pub(super) const VOTES_CHANGED: &str =
    "UPDATE deliberation SET vote_seq = vote_seq + 1 WHERE deliberation_id = $1";

/// Votes that count: not from a participant removed from the deliberation.
const COUNTED: &str = "NOT EXISTS (SELECT 1 FROM participant_standing p \
     WHERE p.deliberation_id = v.deliberation_id AND p.account_id = v.account_id AND p.hidden = 1)";

/// Recounts every statement's agree, disagree and pass of a deliberation
/// from the votes that count, after a bulk load or a participant's removal.
pub(super) fn recount_sql() -> String {
    let count = |vote: i32| {
        format!(
            "(SELECT COUNT(*) FROM statement_vote v WHERE v.statement_id = statement.statement_id \
             AND v.vote = {vote} AND {COUNTED})"
        )
    };
    format!(
        "UPDATE statement SET agree_count = {}, disagree_count = {}, pass_count = {} \
         WHERE deliberation_id = $1",
        count(1),
        count(-1),
        count(0)
    )
}

/// A participant's name in the open vote matrix: the first 12 hex digits
/// of SHA-256 over the deliberation's secret and the account, so the same
/// person has the same id in every export of one deliberation and no id
/// links two deliberations.
pub(crate) fn pseudonym(salt: &str, account: i64) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{salt}:{account}").as_bytes());
    hex::encode(&digest[..linli_model::moderation::PSEUDONYM_LEN / 2])
}

/// Deliberations whose opinion maps are kept in memory.
const OPINION_CACHE: usize = 256;

/// Opinion maps by deliberation, with the `vote_seq` they were computed at.
pub(crate) type OpinionCache = std::sync::Mutex<
    std::collections::HashMap<i64, (i64, std::sync::Arc<crate::opinion::Opinion>)>,
>;

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Store {
    pub async fn notice_days(&self, community: &CommunityCode) -> Result<Option<u32>> {
        let days: Option<i32> = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT notice_days FROM community_deliberation_setting WHERE community_code = $1",
            )
            .bind(community.as_str())
            .fetch_optional(pool)
            .await
        })?;
        Ok(days.and_then(|d| u32::try_from(d).ok()))
    }

    pub async fn save_notice_days(&self, community: &CommunityCode, days: u32) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO community_deliberation_setting (community_code, notice_days) VALUES ($1, $2) \
                 ON CONFLICT (community_code) DO UPDATE SET notice_days = excluded.notice_days",
            )
            .bind(community.as_str())
            .bind(i32::try_from(days).unwrap_or(i32::MAX))
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    pub async fn insert_deliberation(
        &self,
        new: &NewDeliberation,
        notice_days: u32,
        by: AccountId,
        now: Millis,
    ) -> Result<i64> {
        in_write_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO deliberation (community_code, title, description, stage, collect_until, \
                 notice_days, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'collecting', $4, $5, $6, $7, $7) RETURNING deliberation_id",
            )
            .bind(new.community.as_str())
            .bind(&new.title)
            .bind(&new.summary)
            .bind(new.collect_until)
            .bind(i32::try_from(notice_days).unwrap_or(7))
            .bind(by.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            insert_event!(tx, id, &DeliberationNote {
                kind: EventKind::Created,
                actor: Some(by),
                note: None,
                at: now,
                // Nobody follows it yet: no message carries a link.
                site: "",
            });
            // Whoever starts it follows it.
            follow_in_tx!(tx, "deliberation WHERE deliberation_id", id, by, now);
            Ok(id)
        })
    }

    pub async fn deliberation_row(&self, id: i64) -> Result<DeliberationRow> {
        let sql = format!(
            "SELECT {DELIBERATION_COLUMNS} FROM deliberation d WHERE d.deliberation_id = $1"
        );
        on_reader!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
            .ok_or(Error::NotFound)
    }

    /// Writes what a council step produced, with its timeline entry and,
    /// when the decision is published or amended, the record version;
    /// `false` when someone changed the deliberation since `row` was read.
    pub async fn save_deliberation(
        &self,
        row: &DeliberationRow,
        note: &DeliberationNote<'_>,
        record: Option<&NewRecord>,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "UPDATE deliberation SET title = $1, description = $2, stage = $3, collect_until = $4, \
                 notice_published_at = $5, notice_ends_at = $6, form = $7, starts_at = $8, ends_at = $9, \
                 place = $10, participants = $11, stakeholders = $12, materials = $13, \
                 minutes_attendance = $14, minutes_arguments = $15, minutes_result = $16, \
                 minutes_decision = $17, implementation = $18, updated_at = $19, version = version + 1 \
                 WHERE deliberation_id = $20 AND version = $21",
            )
            .bind(&row.title)
            .bind(&row.description)
            .bind(&row.stage)
            .bind(row.collect_until)
            .bind(row.notice_published_at)
            .bind(row.notice_ends_at)
            .bind(row.form.as_deref())
            .bind(row.starts_at)
            .bind(row.ends_at)
            .bind(row.place.as_deref())
            .bind(row.participants.as_deref())
            .bind(row.stakeholders.as_deref())
            .bind(row.materials.as_deref())
            .bind(row.minutes_attendance.as_deref())
            .bind(row.minutes_arguments.as_deref())
            .bind(row.minutes_result.as_deref())
            .bind(row.minutes_decision.as_deref())
            .bind(row.implementation.as_deref())
            .bind(note.at)
            .bind(row.deliberation_id)
            .bind(row.version)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
            insert_event!(tx, row.deliberation_id, note);
            if let Some(record) = record {
                sqlx::query(
                    "INSERT INTO decision_record (deliberation_id, version, content, fingerprint, \
                     published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(row.deliberation_id)
                .bind(i32::try_from(record.version).unwrap_or(i32::MAX))
                .bind(&record.content)
                .bind(&record.fingerprint)
                .bind(note.actor.map(|a| a.0))
                .bind(note.at)
                .execute(&mut *tx)
                .await?;
            }
            Ok(true)
        })
    }

    /// Deliberations newest first, of communities whose code starts with
    /// `place` (all when empty), optionally in one stage.
    pub async fn deliberations(
        &self,
        place: &str,
        stage: Option<Stage>,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Page<DeliberationSummary>> {
        let sql = format!(
            "{SUMMARY_SELECT} WHERE d.community_code LIKE $1 AND ($2 = '' OR d.stage = $2) \
             AND d.deliberation_id < $3 ORDER BY d.deliberation_id DESC LIMIT {}",
            limit + 1
        );
        let rows: Vec<SummaryRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(format!("{place}%"))
                .bind(stage.map_or("", Stage::as_str))
                .bind(before.unwrap_or(i64::MAX))
                .fetch_all(pool)
                .await
        })?;
        super::keyset_page(rows, limit, SummaryRow::summary, |d| d.id)
    }

    /// Consultations not over by `from` (arranged to end then or later),
    /// soonest first.
    pub async fn upcoming_consultations(
        &self,
        place: &str,
        from: Millis,
        limit: usize,
    ) -> Result<Vec<DeliberationSummary>> {
        let sql = format!(
            "{SUMMARY_SELECT} WHERE d.stage IN ('notice', 'consultation') AND d.ends_at >= $1 \
             AND d.community_code LIKE $2 ORDER BY d.starts_at, d.deliberation_id LIMIT {limit}"
        );
        let rows: Vec<SummaryRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(from).bind(format!("{place}%")).fetch_all(pool).await
        })?;
        rows.into_iter().map(SummaryRow::summary).collect()
    }

    pub async fn deliberation_summary(&self, id: i64) -> Result<DeliberationSummary> {
        let sql = format!("{SUMMARY_SELECT} WHERE d.deliberation_id = $1");
        let row: SummaryRow = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
        })?
        .ok_or(Error::NotFound)?;
        row.summary()
    }

    pub async fn deliberation_counts(&self, id: i64, now: Millis) -> Result<DeliberationCounts> {
        let (pending, selected, objections, polls, blocks): (i64, i64, i64, i64, i64) = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT \
                 (SELECT COUNT(*) FROM topic WHERE deliberation_id = $1 AND state = 'proposed'), \
                 (SELECT COUNT(*) FROM topic WHERE deliberation_id = $1 AND state = 'selected'), \
                 (SELECT COUNT(*) FROM objection WHERE deliberation_id = $1 AND answer IS NULL), \
                 (SELECT COUNT(*) FROM poll WHERE deliberation_id = $1 AND closes_at > $2), \
                 (SELECT COUNT(*) FROM ballot b JOIN poll p ON p.poll_id = b.poll_id \
                  WHERE p.deliberation_id = $1 AND b.marks = 'block' AND b.answer IS NULL)",
            )
            .bind(id)
            .bind(now)
            .fetch_one(pool)
            .await
        })?;
        Ok(DeliberationCounts {
            topics_pending: count(pending),
            topics_selected: count(selected),
            objections_open: count(objections),
            polls_open: count(polls),
            blocks_open: count(blocks),
        })
    }

    pub async fn deliberation_timeline(&self, id: i64) -> Result<Vec<DeliberationEvent>> {
        let rows: Vec<(String, Option<String>, Option<String>, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT e.kind, a.display_name, e.note, e.created_at FROM deliberation_event e \
                 LEFT JOIN account a ON a.account_id = e.actor_id \
                 WHERE e.deliberation_id = $1 ORDER BY e.deliberation_event_id",
            )
            .bind(id)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(kind, actor, note, at)| {
                Ok(DeliberationEvent {
                    kind: EventKind::parse(&kind).ok_or_else(|| corrupt("event", &kind))?,
                    actor,
                    note,
                    at,
                })
            })
            .collect()
    }

    /// Whether the account is a verified resident of the grid.
    pub async fn verified_in_grid(&self, account: AccountId, grid: &str) -> Result<bool> {
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM membership m JOIN grid g ON g.grid_id = m.grid_id \
                 WHERE m.account_id = $1 AND g.code = $2 AND m.status = 'verified'",
            )
            .bind(account.0)
            .bind(grid)
            .fetch_one(pool)
            .await
        })?;
        Ok(n > 0)
    }

    // Topics.

    pub async fn insert_topic(
        &self,
        deliberation: i64,
        // Who proposes it, and how it came in.
        (proposer, via): (AccountId, crate::policy::Via),
        topic: &NewTopic,
        matters: &[i64],
        note: Option<&DeliberationNote<'_>>,
        now: Millis,
    ) -> Result<i64> {
        // The first matter is the one the topic is made from; every one
        // links to the topic, once per deliberation.
        let matter = matters.first().copied();
        in_write_tx!(self, tx => {
            follow_in_tx!(tx, "deliberation WHERE deliberation_id", deliberation, proposer, now);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO topic (deliberation_id, proposer_id, title, description, why, state, \
                 matter_id, created_at, channel, entered_by) \
                 VALUES ($1, $2, $3, $4, $5, 'proposed', $6, $7, $8, $9) RETURNING topic_id",
            )
            .bind(deliberation)
            .bind(proposer.0)
            .bind(&topic.title)
            .bind(&topic.description)
            .bind(&topic.why)
            .bind(matter)
            .bind(now)
            .bind(via.channel.as_str())
            .bind(via.entered_by.map(|a| a.0))
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE deliberation SET topic_count = topic_count + 1, updated_at = $2 \
                 WHERE deliberation_id = $1",
            )
            .bind(deliberation)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            for m in matters {
                sqlx::query(
                    "INSERT INTO topic_matter (topic_id, matter_id, deliberation_id) VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(*m)
                .bind(deliberation)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(note) = note {
                insert_event!(tx, deliberation, note);
            }
            Ok(id)
        })
    }

    pub async fn topic_row(&self, id: i64) -> Result<TopicRow> {
        on_reader!(self, pool => {
            sqlx::query_as("SELECT topic_id, deliberation_id, state FROM topic WHERE topic_id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        })?
        .ok_or(Error::NotFound)
    }

    pub async fn topics(
        &self,
        deliberation: i64,
        viewer: Option<AccountId>,
    ) -> Result<Vec<TopicView>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            topic_id: i64,
            title: String,
            description: String,
            why: String,
            proposer: String,
            state: String,
            reason: Option<String>,
            merged_into: Option<i64>,
            matter_id: Option<i64>,
            support_count: i32,
            yours: i64,
            created_at: i64,
            hidden: i32,
        }
        let rows: Vec<Row> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT t.topic_id, t.title, t.description, t.why, a.display_name AS proposer, t.state, \
                 t.reason, t.merged_into, t.matter_id, t.support_count, \
                 (SELECT COUNT(*) FROM topic_support s WHERE s.topic_id = t.topic_id AND s.account_id = $2) AS yours, \
                 t.created_at, t.hidden FROM topic t JOIN account a ON a.account_id = t.proposer_id \
                 WHERE t.deliberation_id = $1 ORDER BY t.support_count DESC, t.topic_id",
            )
            .bind(deliberation)
            .bind(viewer.map_or(0, |v| v.0))
            .fetch_all(pool)
            .await
        })?;
        let links: Vec<(i64, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT topic_id, matter_id FROM topic_matter WHERE deliberation_id = $1 \
                 ORDER BY topic_id, matter_id",
            )
            .bind(deliberation)
            .fetch_all(pool)
            .await
        })?;
        let results: Vec<(i64, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT r.topic_id, r.result_id FROM tracked_result r \
                 JOIN topic t ON t.topic_id = r.topic_id WHERE t.deliberation_id = $1",
            )
            .bind(deliberation)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                let id = r.topic_id;
                Ok(TopicView {
                    matters: links
                        .iter()
                        .filter(|(t, _)| *t == id)
                        .map(|(_, m)| *m)
                        .collect(),
                    result: results.iter().find(|(t, _)| *t == id).map(|(_, x)| *x),
                    id: r.topic_id,
                    state: TopicState::parse(&r.state)
                        .ok_or_else(|| corrupt("topic state", &r.state))?,
                    title: r.title,
                    description: r.description,
                    why: r.why,
                    proposer: r.proposer,
                    reason: r.reason,
                    merged_into: r.merged_into,
                    matter: r.matter_id,
                    supports: u32::try_from(r.support_count).unwrap_or(0),
                    supported_by_you: r.yours > 0,
                    created_at: r.created_at,
                    hidden: r.hidden != 0,
                })
            })
            .collect()
    }

    /// Adds a supporter once; `false` when they supported it already.
    pub async fn support_topic(
        &self,
        topic: i64,
        account: AccountId,
        via: crate::policy::Via,
        now: Millis,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let added = sqlx::query(
                "INSERT INTO topic_support (topic_id, account_id, created_at, channel, entered_by) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(topic)
            .bind(account.0)
            .bind(now)
            .bind(via.channel.as_str())
            .bind(via.entered_by.map(|a| a.0))
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if added {
                follow_in_tx!(tx, "topic WHERE topic_id", topic, account, now);
                sqlx::query("UPDATE topic SET support_count = support_count + 1 WHERE topic_id = $1")
                    .bind(topic)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok(added)
        })
    }

    /// Records the council's decision on a topic still `proposed`;
    /// `false` when it was decided meanwhile.
    pub async fn decide_topic(
        &self,
        topic: &TopicRow,
        state: TopicState,
        reason: &str,
        merged_into: Option<i64>,
        note: &DeliberationNote<'_>,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "UPDATE topic SET state = $1, reason = $2, merged_into = $3, decided_at = $4 \
                 WHERE topic_id = $5 AND state = 'proposed'",
            )
            .bind(state.as_str())
            .bind(reason)
            .bind(merged_into)
            .bind(note.at)
            .bind(topic.topic_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
            insert_event!(tx, topic.deliberation_id, note);
            Ok(true)
        })
    }

    // Objections on the notice.

    pub async fn insert_objection(
        &self,
        deliberation: i64,
        author: AccountId,
        body: &str,
        now: Millis,
    ) -> Result<i64> {
        self.insert_said("objection", deliberation, author, body, now)
            .await
    }

    /// Adds what a participant wrote (an objection, a statement: tables of
    /// the same shape) and makes them a follower.
    async fn insert_said(
        &self,
        table: &'static str,
        deliberation: i64,
        author: AccountId,
        body: &str,
        now: Millis,
    ) -> Result<i64> {
        let sql = format!(
            "INSERT INTO {table} (deliberation_id, author_id, body, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING {table}_id"
        );
        in_write_tx!(self, tx => {
            follow_in_tx!(tx, "deliberation WHERE deliberation_id", deliberation, author, now);
            Ok(sqlx::query_scalar(&sql)
                .bind(deliberation)
                .bind(author.0)
                .bind(body)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?)
        })
    }

    /// The deliberation an objection belongs to.
    pub async fn objection_deliberation(&self, objection: i64) -> Result<i64> {
        on_reader!(self, pool => {
            sqlx::query_scalar("SELECT deliberation_id FROM objection WHERE objection_id = $1")
                .bind(objection)
                .fetch_optional(pool)
                .await
        })?
        .ok_or(Error::NotFound)
    }

    /// Answers an objection once; `false` when it has an answer already.
    pub async fn answer_objection(
        &self,
        objection: i64,
        deliberation: i64,
        answer: &str,
        note: &DeliberationNote<'_>,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "UPDATE objection SET answer = $1, answered_by = $2, answered_at = $3 \
                 WHERE objection_id = $4 AND answer IS NULL",
            )
            .bind(answer)
            .bind(note.actor.map(|a| a.0))
            .bind(note.at)
            .bind(objection)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
            insert_event!(tx, deliberation, note);
            Ok(true)
        })
    }

    pub async fn objections(&self, deliberation: i64) -> Result<Vec<ObjectionView>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            objection_id: i64,
            author: String,
            body: String,
            created_at: i64,
            answer: Option<String>,
            answered_at: Option<i64>,
            hidden: i32,
        }
        let rows: Vec<Row> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT o.objection_id, a.display_name AS author, o.body, o.created_at, o.answer, \
                 o.answered_at, o.hidden FROM objection o JOIN account a ON a.account_id = o.author_id \
                 WHERE o.deliberation_id = $1 ORDER BY o.objection_id",
            )
            .bind(deliberation)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|r| ObjectionView {
                id: r.objection_id,
                author: r.author,
                body: r.body,
                at: r.created_at,
                answer: r.answer,
                answered_at: r.answered_at,
                hidden: r.hidden != 0,
            })
            .collect())
    }

    // Statements and their votes.

    pub async fn insert_statement(
        &self,
        deliberation: i64,
        author: AccountId,
        body: &str,
        now: Millis,
    ) -> Result<i64> {
        self.insert_said("statement", deliberation, author, body, now)
            .await
    }

    /// (deliberation, hidden) of a statement.
    pub async fn statement_place(&self, statement: i64) -> Result<(i64, bool)> {
        let row: Option<(i64, i32)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT deliberation_id, hidden FROM statement WHERE statement_id = $1")
                .bind(statement)
                .fetch_optional(pool)
                .await
        })?;
        row.map(|(d, h)| (d, h != 0)).ok_or(Error::NotFound)
    }

    /// Sets a person's vote on a statement, replacing an earlier one, and
    /// keeps the statement's counts and the deliberation's `vote_seq` in
    /// step.
    pub async fn vote_statement(
        &self,
        statement: i64,
        deliberation: i64,
        account: AccountId,
        vote: Vote,
        now: Millis,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            let old: Option<i32> = sqlx::query_scalar(
                "SELECT vote FROM statement_vote WHERE statement_id = $1 AND account_id = $2",
            )
            .bind(statement)
            .bind(account.0)
            .fetch_optional(&mut *tx)
            .await?;
            let new = i32::from(vote.value());
            if old == Some(new) {
                return Ok(());
            }
            // A first vote follows; a changed one leaves an unfollow alone.
            if old.is_none() {
                follow_in_tx!(tx, "deliberation WHERE deliberation_id", deliberation, account, now);
            }
            sqlx::query(
                "INSERT INTO statement_vote (statement_id, account_id, deliberation_id, vote, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (statement_id, account_id) \
                 DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at",
            )
            .bind(statement)
            .bind(account.0)
            .bind(deliberation)
            .bind(new)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let column = |v: i32| match v {
                1 => "agree_count",
                -1 => "disagree_count",
                _ => "pass_count",
            };
            let mut set = format!("{0} = {0} + 1", column(new));
            if let Some(old) = old {
                set.push_str(&format!(", {0} = {0} - 1", column(old)));
            }
            sqlx::query(&format!("UPDATE statement SET {set} WHERE statement_id = $1"))
                .bind(statement)
                .execute(&mut *tx)
                .await?;
            sqlx::query(VOTES_CHANGED)
                .bind(deliberation)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }

    /// Statements oldest first, with the viewer's own votes.
    pub async fn statements(
        &self,
        deliberation: i64,
        viewer: Option<AccountId>,
    ) -> Result<Vec<StatementView>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            statement_id: i64,
            body: String,
            created_at: i64,
            hidden: i32,
            agree_count: i32,
            disagree_count: i32,
            pass_count: i32,
            yours: Option<i32>,
        }
        let rows: Vec<Row> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT s.statement_id, s.body, s.created_at, s.hidden, s.agree_count, s.disagree_count, \
                 s.pass_count, v.vote AS yours FROM statement s \
                 LEFT JOIN statement_vote v ON v.statement_id = s.statement_id AND v.account_id = $2 \
                 WHERE s.deliberation_id = $1 ORDER BY s.statement_id",
            )
            .bind(deliberation)
            .bind(viewer.map_or(0, |v| v.0))
            .fetch_all(pool)
            .await
        })?;
        let n = |v: i32| u32::try_from(v).unwrap_or(0);
        Ok(rows
            .into_iter()
            .map(|r| StatementView {
                id: r.statement_id,
                hidden: r.hidden != 0,
                body: if r.hidden != 0 { String::new() } else { r.body },
                at: r.created_at,
                agree: n(r.agree_count),
                disagree: n(r.disagree_count),
                pass: n(r.pass_count),
                your_vote: r.yours.and_then(|v| Vote::from_value(i64::from(v))),
            })
            .collect())
    }

    /// Every vote that counts on the visible statements of a deliberation,
    /// as (account, statement, −1/0/1), for the opinion groups.
    pub async fn statement_votes(&self, deliberation: i64) -> Result<Vec<(i64, i64, i8)>> {
        let sql = format!(
            "SELECT v.account_id, v.statement_id, v.vote FROM statement_vote v \
             JOIN statement s ON s.statement_id = v.statement_id \
             WHERE v.deliberation_id = $1 AND s.hidden = 0 AND {COUNTED}"
        );
        let rows: Vec<(i64, i64, i32)> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
            .bind(deliberation)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(a, s, v)| (a, s, v.clamp(-1, 1) as i8))
            .collect())
    }

    /// The deliberation's `vote_seq`: whether the opinion groups are stale.
    pub async fn vote_seq(&self, deliberation: i64) -> Result<i64> {
        on_reader!(self, pool => {
            sqlx::query_scalar("SELECT vote_seq FROM deliberation WHERE deliberation_id = $1")
                .bind(deliberation)
                .fetch_optional(pool)
                .await
        })?
        .ok_or(Error::NotFound)
    }

    /// Statements the account wrote in the deliberation.
    /// The deliberation's export secret, made once: the first writer's
    /// value stands, so concurrent exports agree.
    pub async fn export_salt(&self, deliberation: i64, fresh: &str) -> Result<String> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "UPDATE deliberation SET export_salt = $2 WHERE deliberation_id = $1 AND export_salt IS NULL",
            )
            .bind(deliberation)
            .bind(fresh)
            .execute(&mut *tx)
            .await?;
            let salt: Option<Option<String>> = sqlx::query_scalar(
                "SELECT export_salt FROM deliberation WHERE deliberation_id = $1",
            )
            .bind(deliberation)
            .fetch_optional(&mut *tx)
            .await?;
            salt.flatten().ok_or(Error::NotFound)
        })
    }

    /// The account behind a pseudonym of the vote matrix: among those who
    /// voted, the one whose pseudonym it is. `None` before any export (no
    /// secret, so no pseudonyms yet) or when nobody has it.
    pub async fn participant_account(
        &self,
        deliberation: i64,
        wanted: &str,
    ) -> Result<Option<AccountId>> {
        let (salt, voters): (Option<String>, Vec<i64>) = on_reader!(self, pool => {
            let salt: Option<Option<String>> = sqlx::query_scalar(
                "SELECT export_salt FROM deliberation WHERE deliberation_id = $1",
            )
            .bind(deliberation)
            .fetch_optional(pool)
            .await?;
            let voters: Vec<i64> = sqlx::query_scalar(
                "SELECT DISTINCT account_id FROM statement_vote WHERE deliberation_id = $1",
            )
            .bind(deliberation)
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((salt.flatten(), voters))
        })?;
        let Some(salt) = salt else {
            return Ok(None);
        };
        Ok(voters
            .into_iter()
            .find(|a| pseudonym(&salt, *a) == wanted)
            .map(AccountId))
    }

    /// Whether the account has voted on a statement of the deliberation.
    pub async fn has_voted(&self, deliberation: i64, account: AccountId) -> Result<bool> {
        Ok(self
            .count_by("statement_vote", "account_id", deliberation, account)
            .await?
            > 0)
    }

    /// Whether the account's votes were removed from the deliberation.
    pub async fn participant_removed(&self, deliberation: i64, account: AccountId) -> Result<bool> {
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM participant_standing WHERE deliberation_id = $1 \
                 AND account_id = $2 AND hidden = 1",
            )
            .bind(deliberation)
            .bind(account.0)
            .fetch_one(pool)
            .await
        })?;
        Ok(n > 0)
    }

    pub async fn statements_by(&self, deliberation: i64, account: AccountId) -> Result<usize> {
        self.count_by("statement", "author_id", deliberation, account)
            .await
    }

    /// Topics the account proposed in the deliberation.
    pub async fn topics_by(&self, deliberation: i64, account: AccountId) -> Result<usize> {
        self.count_by("topic", "proposer_id", deliberation, account)
            .await
    }

    async fn count_by(
        &self,
        table: &'static str,
        column: &'static str,
        deliberation: i64,
        account: AccountId,
    ) -> Result<usize> {
        let sql =
            format!("SELECT COUNT(*) FROM {table} WHERE deliberation_id = $1 AND {column} = $2");
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar(&sql).bind(deliberation).bind(account.0).fetch_one(pool).await
        })?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// Topics made from a matter: (deliberation, topic, title).
    /// The matters a topic was made from: (matter, title), in order.
    pub async fn matters_of_topic(&self, topic: i64) -> Result<Vec<(i64, String)>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT m.matter_id, m.title FROM topic_matter tm JOIN matter m ON m.matter_id = tm.matter_id \
                 WHERE tm.topic_id = $1 ORDER BY m.matter_id",
            )
            .bind(topic)
            .fetch_all(pool)
            .await
        })?)
    }

    pub async fn topics_of_matter(&self, matter: i64) -> Result<Vec<(i64, i64, String)>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT t.deliberation_id, t.topic_id, t.title FROM topic_matter m \
                 JOIN topic t ON t.topic_id = m.topic_id WHERE m.matter_id = $1 \
                 UNION SELECT deliberation_id, topic_id, title FROM topic WHERE matter_id = $1 \
                 ORDER BY 2",
            )
            .bind(matter)
            .fetch_all(pool)
            .await
        })?)
    }

    /// The opinion map computed at `seq`, if it is still current.
    pub fn opinion_cached(
        &self,
        deliberation: i64,
        seq: i64,
    ) -> Option<std::sync::Arc<crate::opinion::Opinion>> {
        let cache = self.shared.opinions.lock().ok()?;
        cache
            .get(&deliberation)
            .filter(|(at, _)| *at == seq)
            .map(|(_, map)| map.clone())
    }

    /// Keeps a computed opinion map; the cache is bounded, and a full one
    /// starts over (recomputing is cheap next to its memory).
    pub fn cache_opinion(
        &self,
        deliberation: i64,
        seq: i64,
        map: std::sync::Arc<crate::opinion::Opinion>,
    ) {
        if let Ok(mut cache) = self.shared.opinions.lock() {
            if cache.len() >= OPINION_CACHE && !cache.contains_key(&deliberation) {
                cache.clear();
            }
            cache.insert(deliberation, (seq, map));
        }
    }

    // Decision polls.

    pub async fn insert_poll(
        &self,
        deliberation: i64,
        poll: &NewPoll,
        note: &DeliberationNote<'_>,
    ) -> Result<i64> {
        in_write_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO poll (deliberation_id, question, options, quorum, rule, closes_at, \
                 created_by, created_at, method, threshold, costs) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING poll_id",
            )
            .bind(deliberation)
            .bind(&poll.question)
            .bind(poll.options.join("\n"))
            .bind(i32::try_from(poll.quorum).unwrap_or(i32::MAX))
            .bind(poll.method.rule().as_str())
            .bind(poll.closes_at)
            .bind(note.actor.map(|a| a.0))
            .bind(note.at)
            .bind(poll.method.kind().as_str())
            .bind(poll.method.threshold())
            .bind(match &poll.method {
                Method::Budget { costs, .. } => Some(
                    costs.iter().map(|c| c.get().to_string()).collect::<Vec<_>>().join("\n"),
                ),
                _ => None,
            })
            .fetch_one(&mut *tx)
            .await?;
            insert_event!(tx, deliberation, note);
            Ok(id)
        })
    }

    pub async fn poll_row(&self, poll: i64) -> Result<PollRow> {
        on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT poll_id, deliberation_id, question, options, quorum, rule, closes_at, ballot_count, \
                 method, threshold, costs FROM poll WHERE poll_id = $1",
            )
            .bind(poll)
            .fetch_optional(pool)
            .await
        })?
        .ok_or(Error::NotFound)
    }

    pub async fn poll_rows(&self, deliberation: i64) -> Result<Vec<PollRow>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT poll_id, deliberation_id, question, options, quorum, rule, closes_at, ballot_count, \
                 method, threshold, costs FROM poll WHERE deliberation_id = $1 ORDER BY poll_id",
            )
            .bind(deliberation)
            .fetch_all(pool)
            .await
        })?)
    }

    /// Casts or changes a ballot, while the poll is open at `now`; `false`
    /// when it has closed. A changed ballot loses any answer to a block.
    pub async fn cast_ballot(
        &self,
        poll: i64,
        account: AccountId,
        via: crate::policy::Via,
        ballot: &Ballot,
        now: Millis,
    ) -> Result<bool> {
        let marks = ballot.marks();
        let reason = match ballot {
            Ballot::Consent(_, reason) => reason.clone(),
            _ => None,
        };
        in_write_tx!(self, tx => {
            let open: Option<i64> = sqlx::query_scalar(
                "SELECT poll_id FROM poll WHERE poll_id = $1 AND closes_at > $2",
            )
            .bind(poll)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if open.is_none() {
                return Ok(false);
            }
            let new = sqlx::query(
                "INSERT INTO ballot (poll_id, account_id, marks, reason, updated_at, channel, entered_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (poll_id, account_id) DO NOTHING",
            )
            .bind(poll)
            .bind(account.0)
            .bind(&marks)
            .bind(&reason)
            .bind(now)
            .bind(via.channel.as_str())
            .bind(via.entered_by.map(|a| a.0))
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if new {
                follow_in_tx!(tx, "poll WHERE poll_id", poll, account, now);
                sqlx::query("UPDATE poll SET ballot_count = ballot_count + 1 WHERE poll_id = $1")
                    .bind(poll)
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query(
                    "UPDATE ballot SET marks = $3, reason = $4, answer = NULL, answered_by = NULL, \
                     answered_at = NULL, updated_at = $5, channel = $6, entered_by = $7 \
                     WHERE poll_id = $1 AND account_id = $2",
                )
                .bind(poll)
                .bind(account.0)
                .bind(&marks)
                .bind(&reason)
                .bind(now)
                .bind(via.channel.as_str())
                .bind(via.entered_by.map(|a| a.0))
                .execute(&mut *tx)
                .await?;
            }
            Ok(true)
        })
    }

    /// Every ballot of a poll. Only the service decides who may see the
    /// count: see [`PollRow::view`].
    pub async fn ballots(&self, poll: i64) -> Result<Vec<(Channel, StoredBallot)>> {
        let rows: Vec<(String, String, Option<String>)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT channel, marks, reason FROM ballot WHERE poll_id = $1 ORDER BY ballot_id",
            )
            .bind(poll)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(c, marks, reason)| {
                let channel = Channel::parse(&c).ok_or_else(|| corrupt("channel", &c))?;
                Ok((channel, (marks, reason)))
            })
            .collect()
    }

    pub async fn ballot_of(&self, poll: i64, account: AccountId) -> Result<Option<StoredBallot>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as("SELECT marks, reason FROM ballot WHERE poll_id = $1 AND account_id = $2")
                .bind(poll)
                .bind(account.0)
                .fetch_optional(pool)
                .await
        })?)
    }

    /// A consent poll's blocks, oldest first.
    pub async fn blocks(&self, poll: i64) -> Result<Vec<BlockView>> {
        let rows: Vec<BlockRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT ballot_id, reason, answer, answered_at FROM ballot \
                 WHERE poll_id = $1 AND marks = 'block' ORDER BY ballot_id",
            )
            .bind(poll)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|r| BlockView {
                id: r.ballot_id,
                reason: r.reason.unwrap_or_default(),
                answer: r.answer,
                answered_at: r.answered_at,
            })
            .collect())
    }

    /// The poll a block belongs to, if `ballot` is a block.
    pub async fn poll_of_block(&self, ballot: i64) -> Result<i64> {
        on_reader!(self, pool => {
            sqlx::query_scalar("SELECT poll_id FROM ballot WHERE ballot_id = $1 AND marks = 'block'")
                .bind(ballot)
                .fetch_optional(pool)
                .await
        })?
        .ok_or(Error::NotFound)
    }

    /// Answers a block once; `false` if it was answered already or is no
    /// longer a block.
    pub async fn answer_block(
        &self,
        ballot: i64,
        answer: &str,
        by: AccountId,
        now: Millis,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            Ok(sqlx::query(
                "UPDATE ballot SET answer = $2, answered_by = $3, answered_at = $4 \
                 WHERE ballot_id = $1 AND marks = 'block' AND answer IS NULL",
            )
            .bind(ballot)
            .bind(answer)
            .bind(by.0)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1)
        })
    }

    // The decision record.

    /// Every published version, oldest first.
    pub async fn records(&self, deliberation: i64) -> Result<Vec<RecordView>> {
        let rows: Vec<(i32, String, String, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT version, content, fingerprint, published_at FROM decision_record \
                 WHERE deliberation_id = $1 ORDER BY version",
            )
            .bind(deliberation)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(version, content, fingerprint, published_at)| RecordView {
                version: u32::try_from(version).unwrap_or(0),
                content,
                fingerprint,
                published_at,
            })
            .collect())
    }
}
