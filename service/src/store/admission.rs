//! Departments, proposals to change an item list, and their reviews. A
//! review and the change it completes are written in one transaction, so
//! a list changes exactly when the last approval lands.

use linli_model::{
    LocalName,
    account::AccountId,
    admission::{Change, Department, NewProposal, ProposalStatus, Verdict},
    item::ItemKind,
};

use super::{Store, code, in_write_tx, on_reader};
use crate::{Error, Result, clock::Millis, search};

/// A department as stored, with its street.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DepartmentRow {
    pub department_id: i64,
    pub street_code: String,
    pub name: String,
    pub reviews: bool,
}

/// A proposal as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProposalRow {
    pub proposal_id: i64,
    pub community_code: String,
    pub department_id: i64,
    pub proposer: String,
    pub kind: Option<String>,
    pub title: Option<String>,
    pub detail: Option<String>,
    pub title_en: Option<String>,
    pub detail_en: Option<String>,
    pub item_id: Option<i64>,
    pub withdrawn_title: Option<String>,
    pub reason: String,
    pub status: String,
    pub filed_by: i64,
    pub filed_at: i64,
    pub decided_at: Option<i64>,
}

impl ProposalRow {
    pub fn status(&self) -> Result<ProposalStatus> {
        code(&self.status, |s| {
            ProposalStatus::parse(s).ok_or("unknown status")
        })
    }

    pub fn change(&self) -> Result<Change> {
        match (&self.kind, self.item_id) {
            (Some(kind), None) => {
                let both = |zh: &Option<String>, en: &Option<String>| {
                    let zh = zh.clone().unwrap_or_default();
                    LocalName::new(zh.clone(), en.clone().unwrap_or(zh))
                };
                Ok(Change::Add {
                    kind: code(kind, |k| ItemKind::parse(k).ok_or("unknown kind"))?,
                    title: both(&self.title, &self.title_en),
                    detail: both(&self.detail, &self.detail_en),
                })
            }
            (None, Some(item)) => Ok(Change::Withdraw { item }),
            _ => Err(Error::Internal(anyhow::anyhow!(
                "proposal {} has no change",
                self.proposal_id
            ))),
        }
    }
}

const PROPOSAL_SELECT: &str = "SELECT p.proposal_id, p.community_code, p.department_id, \
     d.name AS proposer, p.kind, p.title, p.detail, p.title_en, p.detail_en, p.item_id, \
     i.title_zh AS withdrawn_title, \
     p.reason, p.status, p.filed_by, p.filed_at, p.decided_at FROM item_proposal p \
     JOIN department d ON d.department_id = p.department_id \
     LEFT JOIN list_item i ON i.list_item_id = p.item_id";

/// A department's review as it is written.
#[derive(Debug, Clone, Copy)]
pub struct NewReview<'a> {
    pub department: i64,
    pub verdict: Verdict,
    pub reason: &'a str,
    pub by: AccountId,
}

/// A stored review with its department's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewRow {
    pub proposal_id: i64,
    pub department_id: i64,
    pub department: String,
    pub verdict: String,
    pub reason: String,
    pub at: i64,
}

impl Store {
    pub async fn insert_department(
        &self,
        street: &str,
        name: &str,
        reviews: bool,
        now: Millis,
    ) -> Result<i64> {
        let inserted: Result<i64> = in_write_tx!(self, tx => {
            Ok(sqlx::query_scalar(
                "INSERT INTO department (street_code, name, reviews, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING department_id",
            )
            .bind(street)
            .bind(name)
            .bind(reviews)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?)
        });
        match inserted {
            Err(e) if e.is_unique_violation() => Err(Error::Conflict("department_exists")),
            other => other,
        }
    }

    /// Adds a member; adding one twice is a no-op.
    pub async fn add_department_member(&self, department: i64, account: AccountId) -> Result<()> {
        let added: Result<()> = in_write_tx!(self, tx => {
            sqlx::query("INSERT INTO department_member (department_id, account_id) VALUES ($1, $2)")
                .bind(department)
                .bind(account.0)
                .execute(&mut *tx)
                .await?;
            Ok(())
        });
        match added {
            Err(e) if e.is_unique_violation() => Ok(()),
            other => other,
        }
    }

    pub async fn department_row(&self, id: i64) -> Result<DepartmentRow> {
        on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT department_id, street_code, name, reviews FROM department WHERE department_id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await
        })?
        .ok_or(Error::NotFound)
    }

    /// A street's departments with their members' names, in the order made.
    pub async fn departments(&self, street: &str) -> Result<Vec<Department>> {
        let rows: Vec<DepartmentRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT department_id, street_code, name, reviews FROM department \
                 WHERE street_code = $1 ORDER BY department_id",
            )
            .bind(street)
            .fetch_all(pool)
            .await
        })?;
        let members: Vec<(i64, String)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT m.department_id, a.display_name FROM department_member m \
                 JOIN department d ON d.department_id = m.department_id \
                 JOIN account a ON a.account_id = m.account_id \
                 WHERE d.street_code = $1 ORDER BY a.account_id",
            )
            .bind(street)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|d| Department {
                id: d.department_id,
                members: members
                    .iter()
                    .filter(|(id, _)| *id == d.department_id)
                    .map(|(_, n)| n.clone())
                    .collect(),
                name: d.name,
                reviews: d.reviews,
            })
            .collect())
    }

    /// The departments an account belongs to.
    pub async fn departments_of(&self, account: AccountId) -> Result<Vec<DepartmentRow>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT d.department_id, d.street_code, d.name, d.reviews FROM department d \
                 JOIN department_member m ON m.department_id = d.department_id \
                 WHERE m.account_id = $1 ORDER BY d.department_id",
            )
            .bind(account.0)
            .fetch_all(pool)
            .await
        })?)
    }

    pub async fn insert_proposal(
        &self,
        new: &NewProposal,
        by: AccountId,
        now: Millis,
    ) -> Result<i64> {
        let (kind, title, detail, item) = match &new.change {
            Change::Add {
                kind,
                title,
                detail,
            } => (Some(kind.as_str()), Some(title), Some(detail), None),
            Change::Withdraw { item } => (None, None, None, Some(*item)),
        };
        in_write_tx!(self, tx => {
            Ok(sqlx::query_scalar(
                "INSERT INTO item_proposal (community_code, department_id, kind, title, detail, \
                 title_en, detail_en, item_id, reason, status, filed_by, filed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'reviewing', $10, $11) RETURNING proposal_id",
            )
            .bind(new.community.as_str())
            .bind(new.department)
            .bind(kind)
            .bind(title.map(|t| t.zh.as_str()))
            .bind(detail.map(|d| d.zh.as_str()))
            .bind(title.map(|t| t.en.as_str()))
            .bind(detail.map(|d| d.en.as_str()))
            .bind(item)
            .bind(&new.reason)
            .bind(by.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?)
        })
    }

    pub async fn proposal_row(&self, id: i64) -> Result<ProposalRow> {
        let sql = format!("{PROPOSAL_SELECT} WHERE p.proposal_id = $1");
        on_reader!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
            .ok_or(Error::NotFound)
    }

    /// A community's proposals, newest first (its public history).
    pub async fn proposals_of(&self, community: &str, limit: usize) -> Result<Vec<ProposalRow>> {
        let sql = format!(
            "{PROPOSAL_SELECT} WHERE p.community_code = $1 ORDER BY p.proposal_id DESC LIMIT {limit}"
        );
        Ok(on_reader!(self, pool => sqlx::query_as(&sql).bind(community).fetch_all(pool).await)?)
    }

    /// Proposals under review in a street, oldest first.
    pub async fn reviewing_in(&self, street: &str) -> Result<Vec<ProposalRow>> {
        let sql = format!(
            "{PROPOSAL_SELECT} WHERE p.status = 'reviewing' AND d.street_code = $1 ORDER BY p.proposal_id"
        );
        Ok(on_reader!(self, pool => sqlx::query_as(&sql).bind(street).fetch_all(pool).await)?)
    }

    /// The reviews of these proposals, in the order given.
    pub async fn reviews_of(&self, proposal: i64) -> Result<Vec<ReviewRow>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT r.proposal_id, r.department_id, d.name AS department, r.verdict, r.reason, r.at \
                 FROM item_review r JOIN department d ON d.department_id = r.department_id \
                 WHERE r.proposal_id = $1 ORDER BY r.at, r.department_id",
            )
            .bind(proposal)
            .fetch_all(pool)
            .await
        })?)
    }

    /// Items a community has withdrawn from its list.
    pub async fn withdrawn_items(&self, community: &str) -> Result<Vec<i64>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar("SELECT list_item_id FROM list_item_withdrawal WHERE community_code = $1")
                .bind(community)
                .fetch_all(pool)
                .await
        })?)
    }

    /// Records a department's review and, in the same transaction, the
    /// outcome the rule gives (`reviewers` is how many must approve); an
    /// adoption changes the list. `Conflict` when the department reviewed
    /// it already or the proposal was decided meanwhile.
    pub async fn save_review(
        &self,
        proposal: &ProposalRow,
        review: &NewReview<'_>,
        reviewers: usize,
        now: Millis,
    ) -> Result<ProposalStatus> {
        let change = proposal.change()?;
        let saved: Result<ProposalStatus> = in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO item_review (proposal_id, department_id, verdict, reason, reviewed_by, at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(proposal.proposal_id)
            .bind(review.department)
            .bind(review.verdict.as_str())
            .bind(review.reason)
            .bind(review.by.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let verdicts: Vec<String> = sqlx::query_scalar(
                "SELECT verdict FROM item_review WHERE proposal_id = $1",
            )
            .bind(proposal.proposal_id)
            .fetch_all(&mut *tx)
            .await?;
            let verdicts: Vec<Verdict> = verdicts.iter().filter_map(|v| Verdict::parse(v)).collect();
            let status = ProposalStatus::from_verdicts(reviewers, &verdicts);
            if status == ProposalStatus::Reviewing {
                return Ok(status);
            }
            let n = sqlx::query(
                "UPDATE item_proposal SET status = $1, decided_at = $2 \
                 WHERE proposal_id = $3 AND status = 'reviewing'",
            )
            .bind(status.as_str())
            .bind(now)
            .bind(proposal.proposal_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n != 1 {
                return Err(Error::Conflict("decided_already"));
            }
            if status == ProposalStatus::Adopted {
                match &change {
                    Change::Add { kind, title, detail } => {
                        sqlx::query(
                            "INSERT INTO list_item (kind, scope, community_code, title_zh, title_en, \
                             detail_zh, detail_en, title_terms, detail_terms, position, created_at) \
                             VALUES ($1, 'all', $2, $3, $4, $5, $6, $7, $8, 100000, $9)",
                        )
                        .bind(kind.as_str())
                        .bind(&proposal.community_code)
                        .bind(&title.zh)
                        .bind(&title.en)
                        .bind(&detail.zh)
                        .bind(&detail.en)
                        .bind(search::index_terms(&format!("{} {}", title.zh, title.en)))
                        .bind(search::index_terms(&format!("{} {}", detail.zh, detail.en)))
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    }
                    Change::Withdraw { item } => {
                        sqlx::query(
                            "INSERT INTO list_item_withdrawal (community_code, list_item_id, proposal_id, at) \
                             VALUES ($1, $2, $3, $4)",
                        )
                        .bind(&proposal.community_code)
                        .bind(item)
                        .bind(proposal.proposal_id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
            }
            Ok(status)
        });
        match saved {
            Err(e) if e.is_unique_violation() => Err(Error::Conflict("reviewed_already")),
            other => other,
        }
    }
}
