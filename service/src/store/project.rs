//! Community projects, their calls for bids, bids, evaluators' sheets,
//! milestone reports and residents' ratings. Bid content is only ever read
//! through [`Store::bids`] and [`Store::bid_of`]; the service decides who
//! may call them (the seal).

use linli_model::{
    LocalName, Page,
    account::AccountId,
    matter::PhotoId,
    money::Fen,
    project::{
        CallTerms, Criterion, MilestoneReport, NewBid, NewPlan, ProjectEvent, ProjectStatus,
        ProjectSummary, Ratings,
    },
    tree::CommunityCode,
};

use super::{Store, code, in_write_tx, like_contains, on_reader};
use crate::{Error, Result, clock::Millis};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProjectRow {
    pub project_id: i64,
    pub community_code: String,
    pub title: String,
    pub description: String,
    pub requirements: String,
    pub eligibility: String,
    pub budget_cap: i64,
    pub deadline: i64,
    pub criteria: String,
    pub deliberation_id: Option<i64>,
    pub need_id: Option<i64>,
    pub status: String,
    pub awarded_bid_id: Option<i64>,
    pub version: i64,
}

const PROJECT_COLUMNS: &str = "project_id, community_code, title, description, requirements, \
     eligibility, budget_cap, deadline, criteria, deliberation_id, need_id, status, awarded_bid_id, \
     version";

fn internal(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Internal(anyhow::anyhow!("stored {what} is invalid: {e}"))
}

impl ProjectRow {
    pub fn community(&self) -> Result<CommunityCode> {
        code(&self.community_code, CommunityCode::parse)
    }

    pub fn status(&self) -> Result<ProjectStatus> {
        code(&self.status, |s| {
            ProjectStatus::parse(s).ok_or("unknown status")
        })
    }

    pub fn criteria(&self) -> Result<Vec<Criterion>> {
        serde_json::from_str(&self.criteria).map_err(|e| internal("criteria", e))
    }

    pub fn cap(&self) -> Fen {
        Fen::new(self.budget_cap).unwrap_or_default()
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    project_id: i64,
    community_code: String,
    name_zh: String,
    name_en: String,
    title: String,
    budget_cap: i64,
    status: String,
    deadline: i64,
    awarded_org: Option<i64>,
    awarded_name: Option<String>,
}

const SUMMARY_SELECT: &str = "SELECT p.project_id, p.community_code, c.name_zh, c.name_en, \
     p.title, p.budget_cap, p.status, p.deadline, o.organisation_id AS awarded_org, \
     o.name AS awarded_name \
     FROM project p JOIN community c ON c.code = p.community_code \
     LEFT JOIN bid b ON b.bid_id = p.awarded_bid_id \
     LEFT JOIN organisation o ON o.organisation_id = b.organisation_id";

impl SummaryRow {
    fn summary(self) -> Result<ProjectSummary> {
        Ok(ProjectSummary {
            id: self.project_id,
            community: code(&self.community_code, CommunityCode::parse)?,
            community_name: LocalName::new(self.name_zh, self.name_en),
            title: self.title,
            budget_cap: Fen::new(self.budget_cap).unwrap_or_default(),
            status: code(&self.status, |s| {
                ProjectStatus::parse(s).ok_or("unknown status")
            })?,
            deadline: self.deadline,
            awarded_to: self.awarded_org.zip(self.awarded_name),
        })
    }
}

/// A stored bid with its organisation's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BidRow {
    pub bid_id: i64,
    pub project_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub content: String,
    pub total: i64,
    pub withdrawn: bool,
    pub submitted_at: i64,
    pub updated_at: i64,
}

impl BidRow {
    pub fn content(&self) -> Result<NewBid> {
        serde_json::from_str(&self.content).map_err(|e| internal("bid", e))
    }

    pub fn price(&self) -> Fen {
        Fen::new(self.total).unwrap_or_default()
    }
}

const BID_SELECT: &str = "SELECT b.bid_id, b.project_id, b.organisation_id, \
     o.name AS organisation_name, b.content, b.total, b.withdrawn, b.submitted_at, b.updated_at \
     FROM bid b JOIN organisation o ON o.organisation_id = b.organisation_id";

/// An evaluator's sheet for one bid: scores, or a declared conflict.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SheetRow {
    pub bid_id: i64,
    pub account_id: i64,
    pub evaluator: String,
    pub scores: Option<String>,
    pub total: Option<i64>,
    pub comment: String,
    pub conflict: bool,
}

impl SheetRow {
    pub fn scores(&self) -> Result<Vec<u32>> {
        match &self.scores {
            Some(s) => serde_json::from_str(s).map_err(|e| internal("scores", e)),
            None => Ok(Vec::new()),
        }
    }
}

/// Writes a call's terms and evaluators onto a project, inside `$tx`.
macro_rules! write_terms_sql {
    ($tx:expr, $id:expr, $terms:expr, $evaluators:expr) => {{
        let criteria = serde_json::to_string(&$terms.criteria).map_err(|e| internal("criteria", e))?;
        sqlx::query(
            "UPDATE project SET requirements = $1, eligibility = $2, deadline = $3, criteria = $4 \
             WHERE project_id = $5",
        )
        .bind(&$terms.requirements)
        .bind(&$terms.eligibility)
        .bind($terms.deadline)
        .bind(criteria)
        .bind($id)
        .execute(&mut *$tx)
        .await?;
        for (position, account) in $evaluators.iter().enumerate() {
            sqlx::query(
                "INSERT INTO project_evaluator (project_id, account_id, position) VALUES ($1, $2, $3)",
            )
            .bind($id)
            .bind(account.0)
            .bind(i32::try_from(position).unwrap_or(i32::MAX))
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// What a project list is taken by: the need it meets or a resource it uses.
#[derive(Debug, Clone, Copy)]
pub enum ProjectLink {
    Need(i64),
    Resource(i64),
}

/// A milestone report as the organisation filed it: the milestone's
/// position in the bid, what was done, and photos as evidence.
#[derive(Debug, Clone, Copy)]
pub struct MilestoneFiled<'a> {
    pub milestone: u32,
    pub body: &'a str,
    pub photos: &'a [PhotoId],
}

/// What a step writes besides the status: an award, a milestone report.
#[derive(Debug, Clone, Default)]
pub struct ProjectChange<'a> {
    pub awarded_bid: Option<i64>,
    pub report: Option<MilestoneFiled<'a>>,
    /// A planned project's call, with its evaluators.
    pub terms: Option<(&'a CallTerms, &'a [AccountId])>,
    pub kind: &'a str,
    pub note: Option<&'a str>,
}

impl Store {
    /// Creates a project, planned or with its open call and evaluators,
    /// and its first timeline entry.
    pub async fn insert_project(
        &self,
        community: &CommunityCode,
        plan: &NewPlan,
        call: Option<(&CallTerms, &[AccountId])>,
        by: AccountId,
        now: Millis,
    ) -> Result<i64> {
        let (status, kind) = match call {
            Some(_) => (ProjectStatus::CallOpen, "published"),
            None => (ProjectStatus::Planned, "planned"),
        };
        in_write_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO project (community_code, title, description, requirements, eligibility, \
                 budget_cap, deadline, criteria, deliberation_id, need_id, status, created_by, created_at) \
                 VALUES ($1, $2, $3, '', '', $4, 0, '[]', $5, $6, $7, $8, $9) RETURNING project_id",
            )
            .bind(community.as_str())
            .bind(&plan.title)
            .bind(&plan.summary)
            .bind(plan.budget_cap.get())
            .bind(plan.deliberation)
            .bind(plan.need)
            .bind(status.as_str())
            .bind(by.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            if let Some((terms, evaluators)) = call {
                write_terms_sql!(tx, id, terms, evaluators);
            }
            for resource in &plan.resources {
                sqlx::query("INSERT INTO project_resource (project_id, resource_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(resource)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "INSERT INTO project_event (project_id, kind, actor_id, note, at) \
                 VALUES ($1, $2, $3, NULL, $4)",
            )
            .bind(id)
            .bind(kind)
            .bind(by.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(id)
        })
    }

    pub async fn project_row(&self, id: i64) -> Result<ProjectRow> {
        let sql = format!("SELECT {PROJECT_COLUMNS} FROM project WHERE project_id = $1");
        on_reader!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
            .ok_or(Error::NotFound)
    }

    pub async fn project_summary(&self, id: i64) -> Result<ProjectSummary> {
        let sql = format!("{SUMMARY_SELECT} WHERE p.project_id = $1");
        let row: SummaryRow =
            on_reader!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
                .ok_or(Error::NotFound)?;
        row.summary()
    }

    /// Projects of a place (a district, street or community code prefix,
    /// or everywhere when empty) whose title or description has `text`
    /// (lower-cased; empty for all), newest first, a keyset page at a time.
    pub async fn projects(
        &self,
        place: &str,
        status: Option<ProjectStatus>,
        text: &str,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Page<ProjectSummary>> {
        let sql = format!(
            "{SUMMARY_SELECT} WHERE p.community_code LIKE $1 AND ($2 = '' OR p.status = $2) \
             AND (lower(p.title) LIKE $3 ESCAPE '\\' OR lower(p.description) LIKE $3 ESCAPE '\\') \
             AND p.project_id < $4 ORDER BY p.project_id DESC LIMIT {}",
            limit + 1
        );
        let rows: Vec<SummaryRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(format!("{place}%"))
                .bind(status.map_or("", ProjectStatus::as_str))
                .bind(like_contains(text))
                .bind(before.unwrap_or(i64::MAX))
                .fetch_all(pool)
                .await
        })?;
        super::keyset_page(rows, limit, SummaryRow::summary, |p| p.id)
    }

    /// Projects that meet a need, or use a resource, oldest first.
    pub async fn projects_linked(&self, link: ProjectLink) -> Result<Vec<ProjectSummary>> {
        let sql = match link {
            ProjectLink::Need(_) => {
                format!("{SUMMARY_SELECT} WHERE p.need_id = $1 ORDER BY p.project_id")
            }
            ProjectLink::Resource(_) => format!(
                "{SUMMARY_SELECT} JOIN project_resource pr ON pr.project_id = p.project_id \
                 WHERE pr.resource_id = $1 ORDER BY p.project_id"
            ),
        };
        let (ProjectLink::Need(id) | ProjectLink::Resource(id)) = link;
        let rows: Vec<SummaryRow> =
            on_reader!(self, pool => sqlx::query_as(&sql).bind(id).fetch_all(pool).await)?;
        rows.into_iter().map(SummaryRow::summary).collect()
    }

    /// The call's evaluators in the order staff named them.
    pub async fn evaluators(&self, project: i64) -> Result<Vec<(AccountId, String)>> {
        let rows: Vec<(i64, String)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT a.account_id, a.display_name FROM project_evaluator e \
                 JOIN account a ON a.account_id = e.account_id \
                 WHERE e.project_id = $1 ORDER BY e.position",
            )
            .bind(project)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(id, n)| (AccountId(id), n)).collect())
    }

    /// Saves an organisation's bid, or replaces its earlier one (a
    /// withdrawn bid comes back).
    pub async fn save_bid(
        &self,
        project: i64,
        organisation: i64,
        bid: &NewBid,
        by: AccountId,
        now: Millis,
    ) -> Result<i64> {
        let content = serde_json::to_string(bid).map_err(|e| internal("bid", e))?;
        in_write_tx!(self, tx => {
            Ok(sqlx::query_scalar(
                "INSERT INTO bid (project_id, organisation_id, content, total, withdrawn, submitted_by, \
                 submitted_at, updated_at) VALUES ($1, $2, $3, $4, FALSE, $5, $6, $6) \
                 ON CONFLICT (project_id, organisation_id) DO UPDATE SET content = excluded.content, \
                 total = excluded.total, withdrawn = FALSE, submitted_by = excluded.submitted_by, \
                 updated_at = excluded.updated_at RETURNING bid_id",
            )
            .bind(project)
            .bind(organisation)
            .bind(content)
            .bind(bid.total.get())
            .bind(by.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?)
        })
    }

    /// Withdraws the organisation's bid; `false` when it had none.
    pub async fn withdraw_bid(&self, project: i64, organisation: i64, now: Millis) -> Result<bool> {
        let n = in_write_tx!(self, tx => {
            Ok(sqlx::query(
                "UPDATE bid SET withdrawn = TRUE, updated_at = $1 \
                 WHERE project_id = $2 AND organisation_id = $3 AND NOT withdrawn",
            )
            .bind(now)
            .bind(project)
            .bind(organisation)
            .execute(&mut *tx)
            .await?
            .rows_affected())
        })?;
        Ok(n == 1)
    }

    /// One organisation's bid on a project.
    pub async fn bid_of(&self, project: i64, organisation: i64) -> Result<Option<BidRow>> {
        let sql = format!("{BID_SELECT} WHERE b.project_id = $1 AND b.organisation_id = $2");
        Ok(on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(project).bind(organisation).fetch_optional(pool).await
        })?)
    }

    /// The project a bid belongs to.
    pub async fn bid_project(&self, bid: i64) -> Result<i64> {
        on_reader!(self, pool => {
            sqlx::query_scalar("SELECT project_id FROM bid WHERE bid_id = $1")
                .bind(bid)
                .fetch_optional(pool)
                .await
        })?
        .ok_or(Error::NotFound)
    }

    /// Every bid on a project, withdrawn ones included, in order of arrival.
    pub async fn bids(&self, project: i64) -> Result<Vec<BidRow>> {
        let sql = format!("{BID_SELECT} WHERE b.project_id = $1 ORDER BY b.bid_id");
        Ok(on_reader!(self, pool => sqlx::query_as(&sql).bind(project).fetch_all(pool).await)?)
    }

    /// Bids not withdrawn: the count the timeline publishes at the deadline.
    pub async fn count_bids(&self, project: i64) -> Result<u32> {
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM bid WHERE project_id = $1 AND NOT withdrawn")
                .bind(project)
                .fetch_one(pool)
                .await
        })?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Every evaluator's sheet on a project's bids.
    pub async fn sheets(&self, project: i64) -> Result<Vec<SheetRow>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT s.bid_id, s.account_id, a.display_name AS evaluator, s.scores, s.total, \
                 s.comment, s.conflict FROM bid_sheet s JOIN bid b ON b.bid_id = s.bid_id \
                 JOIN account a ON a.account_id = s.account_id \
                 JOIN project_evaluator e ON e.project_id = b.project_id AND e.account_id = s.account_id \
                 WHERE b.project_id = $1 ORDER BY e.position, s.bid_id",
            )
            .bind(project)
            .fetch_all(pool)
            .await
        })?)
    }

    /// Writes (or rewrites) an evaluator's sheet: scores with their
    /// weighted total, or a conflict with its reason. A declared conflict
    /// is final: `false` when one stands, and nothing changes.
    pub async fn save_sheet(
        &self,
        bid: i64,
        evaluator: AccountId,
        scores: Option<(&[u32], u32)>,
        comment: &str,
        now: Millis,
    ) -> Result<bool> {
        let (json, total) = match scores {
            Some((s, t)) => (
                Some(serde_json::to_string(s).map_err(|e| internal("scores", e))?),
                Some(i64::from(t)),
            ),
            None => (None, None),
        };
        in_write_tx!(self, tx => {
            let written = sqlx::query(
                "INSERT INTO bid_sheet (bid_id, account_id, scores, total, comment, conflict, at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (bid_id, account_id) DO UPDATE \
                 SET scores = excluded.scores, total = excluded.total, comment = excluded.comment, \
                 conflict = excluded.conflict, at = excluded.at WHERE NOT bid_sheet.conflict",
            )
            .bind(bid)
            .bind(evaluator.0)
            .bind(json)
            .bind(total)
            .bind(comment)
            .bind(total.is_none())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(written.rows_affected() > 0)
        })
    }

    /// Moves a project on, with what the step writes and its timeline
    /// entry; `false` when someone changed the project since `row` was read.
    pub async fn save_project(
        &self,
        row: &ProjectRow,
        status: ProjectStatus,
        change: &ProjectChange<'_>,
        actor: Option<AccountId>,
        now: Millis,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let n = sqlx::query(
                "UPDATE project SET status = $1, awarded_bid_id = COALESCE($2, awarded_bid_id), \
                 version = version + 1 WHERE project_id = $3 AND version = $4",
            )
            .bind(status.as_str())
            .bind(change.awarded_bid)
            .bind(row.project_id)
            .bind(row.version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n != 1 {
                return Ok(false);
            }
            if let Some((terms, evaluators)) = change.terms {
                write_terms_sql!(tx, row.project_id, terms, evaluators);
            }
            if let Some(filed) = change.report {
                let milestone = i32::try_from(filed.milestone).unwrap_or(i32::MAX);
                sqlx::query(
                    "INSERT INTO milestone_report (project_id, position, body, reported_by, at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(row.project_id)
                .bind(milestone)
                .bind(filed.body)
                .bind(actor.map(|a| a.0))
                .bind(now)
                .execute(&mut *tx)
                .await?;
                for (position, photo) in filed.photos.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO milestone_photo (project_id, milestone, position, photo_id) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(row.project_id)
                    .bind(milestone)
                    .bind(i32::try_from(position).unwrap_or(i32::MAX))
                    .bind(photo.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
            }
            sqlx::query(
                "INSERT INTO project_event (project_id, kind, actor_id, note, at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(row.project_id)
            .bind(change.kind)
            .bind(actor.map(|a| a.0))
            .bind(change.note)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(true)
        })
    }

    pub async fn project_timeline(&self, project: i64) -> Result<Vec<ProjectEvent>> {
        let rows: Vec<(String, Option<String>, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT kind, note, at FROM project_event WHERE project_id = $1 ORDER BY project_event_id",
            )
            .bind(project)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(kind, note, at)| ProjectEvent { kind, note, at })
            .collect())
    }

    /// Milestone reports by the milestone's position in the awarded bid.
    pub async fn milestone_reports(&self, project: i64) -> Result<Vec<(u32, MilestoneReport)>> {
        let rows: Vec<(i32, String, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT position, body, at FROM milestone_report WHERE project_id = $1 ORDER BY position",
            )
            .bind(project)
            .fetch_all(pool)
            .await
        })?;
        let photos: Vec<(i32, String, i32, i32)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT mp.milestone, p.photo_id, p.width, p.height FROM milestone_photo mp \
                 JOIN photo p ON p.photo_id = mp.photo_id WHERE mp.project_id = $1 \
                 ORDER BY mp.milestone, mp.position",
            )
            .bind(project)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(p, body, at)| {
                let photos = photos
                    .iter()
                    .filter(|(m, ..)| *m == p)
                    .filter_map(|(_, id, w, h)| {
                        PhotoId::parse(id).map(|id| super::photo::view(id, *w, *h))
                    })
                    .collect();
                (
                    u32::try_from(p).unwrap_or(0),
                    MilestoneReport { body, at, photos },
                )
            })
            .collect())
    }

    /// A resident's rating; rating again replaces it.
    pub async fn rate_project(
        &self,
        project: i64,
        account: AccountId,
        stars: u8,
        comment: Option<&str>,
        now: Millis,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO project_rating (project_id, account_id, stars, comment, at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id, account_id) DO UPDATE \
                 SET stars = excluded.stars, comment = excluded.comment, at = excluded.at",
            )
            .bind(project)
            .bind(account.0)
            .bind(i32::from(stars))
            .bind(comment)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    pub async fn rating_of(&self, project: i64, account: AccountId) -> Result<Option<u8>> {
        let stars: Option<i32> = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT stars FROM project_rating WHERE project_id = $1 AND account_id = $2")
                .bind(project)
                .bind(account.0)
                .fetch_optional(pool)
                .await
        })?;
        Ok(stars.and_then(|s| u8::try_from(s).ok()))
    }

    /// The ratings' spread, mean and latest comments.
    pub async fn project_ratings(&self, project: i64) -> Result<Ratings> {
        let rows: Vec<(i32, Option<String>)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT stars, comment FROM project_rating WHERE project_id = $1 ORDER BY at DESC",
            )
            .bind(project)
            .fetch_all(pool)
            .await
        })?;
        let mut ratings = Ratings::default();
        let mut sum = 0u32;
        for (stars, comment) in rows {
            let Some(s) = u8::try_from(stars).ok().filter(|s| (1..=5).contains(s)) else {
                continue;
            };
            ratings.counts[usize::from(s - 1)] += 1;
            sum += u32::from(s);
            if let Some(c) = comment.filter(|_| ratings.comments.len() < 50) {
                ratings.comments.push((s, c));
            }
        }
        let n = ratings.total();
        ratings.mean = (n > 0).then(|| (sum * 100 + n / 2) / n);
        Ok(ratings)
    }
}
