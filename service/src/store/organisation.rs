//! Social organisations: registration, verification, and what they
//! delivered.

use linli_model::{
    account::AccountId,
    money::Fen,
    organisation::{
        CreditCode, DeliveredProject, NewOrganisation, OrganisationContact, OrganisationStatus,
        OrganisationView, ServiceArea, TrackRecord,
    },
};

use super::{Store, code, in_write_tx, on_reader};
use crate::{Error, Result, clock::Millis};

/// An organisation as stored, before deciding what the reader may see.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrganisationRow {
    pub organisation_id: i64,
    pub name: String,
    pub credit_code: String,
    pub legal_rep: String,
    pub phone: String,
    pub areas: String,
    pub description: String,
    pub documents: String,
    pub status: String,
    pub reason: Option<String>,
    pub registered_by: i64,
    pub registered_at: i64,
    pub verified_at: Option<i64>,
}

const COLUMNS: &str = "organisation_id, name, credit_code, legal_rep, phone, areas, description, \
                       documents, status, reason, registered_by, registered_at, verified_at";

impl OrganisationRow {
    pub fn status(&self) -> Result<OrganisationStatus> {
        code(&self.status, |s| {
            OrganisationStatus::parse(s).ok_or("unknown status")
        })
    }

    pub fn areas(&self) -> Result<Vec<ServiceArea>> {
        self.areas
            .split(' ')
            .map(|a| code(a, |a| ServiceArea::parse(a).ok_or("not an area")))
            .collect()
    }

    /// The view; `contact` only when the reader may see it.
    pub fn view(&self, contact: bool, record: TrackRecord) -> Result<OrganisationView> {
        Ok(OrganisationView {
            id: self.organisation_id,
            name: self.name.clone(),
            credit_code: code(&self.credit_code, CreditCode::parse)?,
            legal_rep: self.legal_rep.clone(),
            areas: self.areas.split(' ').map(str::to_owned).collect(),
            description: self.description.clone(),
            status: self.status()?,
            reason: self.reason.clone(),
            registered_at: self.registered_at,
            verified_at: self.verified_at,
            contact: contact.then(|| OrganisationContact {
                phone: self.phone.clone(),
                documents: self.documents.clone(),
            }),
            record,
        })
    }
}

#[derive(sqlx::FromRow)]
struct DeliveredRow {
    project_id: i64,
    title: String,
    budget_cap: i64,
    ratings: i64,
    stars: Option<i64>,
}

impl Store {
    /// Registers an organisation, pending verification; `Conflict` when
    /// its credit code is registered already.
    pub async fn insert_organisation(
        &self,
        new: &NewOrganisation,
        by: AccountId,
        now: Millis,
    ) -> Result<i64> {
        let areas = new
            .areas
            .iter()
            .map(ServiceArea::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let inserted: Result<i64> = in_write_tx!(self, tx => {
            Ok(sqlx::query_scalar(
                "INSERT INTO organisation (name, credit_code, legal_rep, phone, areas, description, \
                 documents, status, registered_by, registered_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) RETURNING organisation_id",
            )
            .bind(&new.name)
            .bind(new.credit_code.as_str())
            .bind(&new.legal_rep)
            .bind(new.phone.as_str())
            .bind(areas)
            .bind(&new.description)
            .bind(&new.documents)
            .bind(by.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?)
        });
        match inserted {
            Err(e) if e.is_unique_violation() => Err(Error::Conflict("credit_code_taken")),
            other => other,
        }
    }

    pub async fn organisation_row(&self, id: i64) -> Result<OrganisationRow> {
        let sql = format!("SELECT {COLUMNS} FROM organisation WHERE organisation_id = $1");
        on_reader!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
            .ok_or(Error::NotFound)
    }

    /// Organisations of one status, newest first, a page at a time.
    pub async fn organisations(
        &self,
        status: OrganisationStatus,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<OrganisationRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM organisation WHERE status = $1 AND organisation_id < $2 \
             ORDER BY organisation_id DESC LIMIT {limit}"
        );
        Ok(on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(status.as_str())
                .bind(before.unwrap_or(i64::MAX))
                .fetch_all(pool)
                .await
        })?)
    }

    /// Records the staff decision on a pending organisation; `false` when
    /// it was no longer pending.
    pub async fn decide_organisation(
        &self,
        id: i64,
        status: OrganisationStatus,
        reason: Option<&str>,
        by: AccountId,
        now: Millis,
    ) -> Result<bool> {
        let done = in_write_tx!(self, tx => {
            Ok(sqlx::query(
                "UPDATE organisation SET status = $1, reason = $2, verified_by = $3, verified_at = $4 \
                 WHERE organisation_id = $5 AND status = 'pending'",
            )
            .bind(status.as_str())
            .bind(reason)
            .bind(by.0)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Delivered projects of an organisation and their residents' ratings.
    pub async fn track_record(&self, organisation: i64) -> Result<TrackRecord> {
        let rows: Vec<DeliveredRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT p.project_id, p.title, p.budget_cap, \
                 COUNT(r.stars) AS ratings, SUM(r.stars) AS stars \
                 FROM project p JOIN bid b ON b.bid_id = p.awarded_bid_id \
                 LEFT JOIN project_rating r ON r.project_id = p.project_id \
                 WHERE b.organisation_id = $1 AND p.status IN ('delivered', 'evaluated') \
                 GROUP BY p.project_id, p.title, p.budget_cap ORDER BY p.project_id DESC",
            )
            .bind(organisation)
            .fetch_all(pool)
            .await
        })?;
        // A mean over fewer ratings than the anonymity floor is not
        // published: it would tell what one or two residents gave.
        let mean = |stars: i64, n: i64| {
            (n >= linli_model::accountability::ANONYMITY_FLOOR)
                .then(|| u32::try_from((stars * 100 + n / 2) / n).unwrap_or(0))
        };
        let ratings: i64 = rows.iter().map(|r| r.ratings).sum();
        let stars: i64 = rows.iter().filter_map(|r| r.stars).sum();
        let delivered_projects = rows
            .iter()
            .map(|r| DeliveredProject {
                id: r.project_id,
                title: r.title.clone(),
                budget: Fen::new(r.budget_cap).unwrap_or_default(),
                mean_rating: mean(r.stars.unwrap_or(0), r.ratings),
            })
            .collect::<Vec<_>>();
        Ok(TrackRecord {
            delivered: u32::try_from(delivered_projects.len()).unwrap_or(u32::MAX),
            ratings: u32::try_from(ratings).unwrap_or(u32::MAX),
            mean_rating: mean(stars, ratings),
            delivered_projects,
        })
    }
}
