//! Reports that arrive without a grid: finding the grid a position is in,
//! the place an address names, and the queue of those still unplaced.

use linli_model::{
    LocalName,
    account::AccountId,
    matter::{UnplacedReport, WaitingReport},
    tree::GridCode,
};

use super::{Store, in_write_tx, on_reader};
use crate::{
    Error, Result,
    audit::{AuditEntry, Outcome, append_in_tx},
    clock::Millis,
};

/// Half-widths (degrees) of the boxes searched around a position, smallest
/// first; beyond the last (about 17 km) a position is outside the city.
const SEARCH_BOXES: [f64; 3] = [0.01, 0.04, 0.16];

/// A waiting report as stored, with who sent it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IntakeRow {
    pub intake_id: i64,
    pub reporter_id: i64,
    pub place_code: String,
    pub category_code: String,
    pub title: String,
    pub description: String,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub created_at: i64,
    pub matter_id: Option<i64>,
}

const INTAKE_COLUMNS: &str = "intake_id, reporter_id, place_code, category_code, title, \
     description, address, latitude, longitude, created_at, matter_id";

/// Where waiting reports visible from `place` are: under it, or at a
/// place above it (an address that named only the street is every
/// community's of the street to place).
const VISIBLE_FROM: &str =
    "matter_id IS NULL AND (place_code LIKE $1 || '%' OR $1 LIKE place_code || '%')";

impl Store {
    /// The grid whose centre is nearest to a position, if one is within
    /// the city's reach.
    pub async fn nearest_grid(&self, latitude: f64, longitude: f64) -> Result<Option<GridCode>> {
        // A degree of longitude is shorter than one of latitude away from
        // the equator; distances are compared in latitude degrees.
        let squeeze = latitude.to_radians().cos();
        for half in SEARCH_BOXES {
            let widen = half / squeeze.max(0.1);
            let near: Vec<(String, f64, f64)> = on_reader!(self, pool => {
                sqlx::query_as(
                    "SELECT code, latitude, longitude FROM grid \
                     WHERE latitude BETWEEN $1 AND $2 AND longitude BETWEEN $3 AND $4",
                )
                .bind(latitude - half)
                .bind(latitude + half)
                .bind(longitude - widen)
                .bind(longitude + widen)
                .fetch_all(pool)
                .await
            })?;
            let distance = |(_, lat, lon): &(String, f64, f64)| {
                ((lat - latitude).powi(2) + ((lon - longitude) * squeeze).powi(2)).sqrt()
            };
            // Only a grid inside the circle the box holds is surely the
            // nearest; one in a corner may lose to a grid outside the box.
            let best = near
                .iter()
                .map(|g| (distance(g), g))
                .filter(|(d, _)| *d <= half)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, (code, _, _))) = best {
                return Ok(GridCode::parse(code).ok());
            }
        }
        Ok(None)
    }

    /// The narrowest place whose name an address contains: a community
    /// (of the named street, when a street is named too), else a street,
    /// else a district; `''` when it names none.
    pub async fn place_named_in(&self, address: &str) -> Result<String> {
        let lower = address.to_lowercase();
        let mut within = String::new();
        for table in ["district", "street", "community"] {
            // Longest name first: "新芝社区" before "新芝".
            let sql = format!(
                "SELECT code FROM {table} WHERE code LIKE $3 || '%' \
                 AND ($1 LIKE '%' || name_zh || '%' OR $2 LIKE '%' || LOWER(name_en) || '%') \
                 ORDER BY LENGTH(name_zh) DESC, code LIMIT 1"
            );
            let found: Option<String> = on_reader!(self, pool => {
                sqlx::query_scalar(&sql)
                    .bind(address)
                    .bind(&lower)
                    .bind(&within)
                    .fetch_optional(pool)
                    .await
            })?;
            if let Some(code) = found {
                within = code;
            }
        }
        Ok(within)
    }

    /// Keeps a report for staff to place; a retry with the same key finds
    /// the first. Returns its id and token.
    pub async fn insert_intake(
        &self,
        reporter: AccountId,
        place: &str,
        report: &UnplacedReport,
        token: &str,
        now: Millis,
    ) -> Result<(i64, String)> {
        let (latitude, longitude) = report.point.unzip();
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO matter_intake (token, reporter_id, idempotency_key, place_code, \
                 category_code, title, description, address, latitude, longitude, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                 ON CONFLICT (reporter_id, idempotency_key) DO NOTHING",
            )
            .bind(token)
            .bind(reporter.0)
            .bind(&report.key)
            .bind(place)
            .bind(&report.category)
            .bind(&report.title)
            .bind(&report.description)
            .bind(report.address.as_deref())
            .bind(latitude)
            .bind(longitude)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let kept: (i64, String) = sqlx::query_as(
                "SELECT intake_id, token FROM matter_intake WHERE reporter_id = $1 AND idempotency_key = $2",
            )
            .bind(reporter.0)
            .bind(&report.key)
            .fetch_one(&mut *tx)
            .await?;
            Ok(kept)
        })
    }

    pub async fn intake(&self, id: i64) -> Result<IntakeRow> {
        let sql = format!("SELECT {INTAKE_COLUMNS} FROM matter_intake WHERE intake_id = $1");
        on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
        })?
        .ok_or(Error::NotFound)
    }

    /// What a token stands for: `None` for no such token, else the matter
    /// it became, once placed.
    pub async fn intake_by_token(&self, token: &str) -> Result<Option<Option<i64>>> {
        let found: Option<(Option<i64>,)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT matter_id FROM matter_intake WHERE token = $1")
                .bind(token)
                .fetch_optional(pool)
                .await
        })?;
        Ok(found.map(|(m,)| m))
    }

    /// Waiting reports staff over `place` see, oldest first.
    pub async fn waiting_reports(&self, place: &str, limit: i64) -> Result<Vec<WaitingReport>> {
        let sql = format!(
            "SELECT {INTAKE_COLUMNS} FROM matter_intake WHERE {VISIBLE_FROM} \
             ORDER BY created_at, intake_id LIMIT $2"
        );
        let rows: Vec<IntakeRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(place).bind(limit).fetch_all(pool).await
        })?;
        let categories = self.categories().await?;
        let mut waiting = Vec::with_capacity(rows.len());
        for row in rows {
            let category_name = categories
                .iter()
                .find(|c| c.code == row.category_code)
                .map_or_else(
                    || LocalName::new(&row.category_code, &row.category_code),
                    |c| c.name.clone(),
                );
            waiting.push(WaitingReport {
                id: row.intake_id,
                place_name: self.place_name(&row.place_code).await?,
                place: row.place_code,
                category_name,
                title: row.title,
                description: row.description,
                address: row.address,
                point: row.latitude.zip(row.longitude),
                reported_at: row.created_at,
            });
        }
        Ok(waiting)
    }

    /// Whether a waiting report is one staff over `place` see.
    pub async fn intake_visible_from(&self, id: i64, place: &str) -> Result<bool> {
        let sql =
            format!("SELECT COUNT(*) FROM matter_intake WHERE intake_id = $2 AND {VISIBLE_FROM}");
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar(&sql).bind(place).bind(id).fetch_one(pool).await
        })?;
        Ok(n > 0)
    }

    /// Records the matter a waiting report became, with who placed it.
    /// `false` when someone placed it first.
    pub async fn mark_placed(
        &self,
        id: i64,
        matter: i64,
        by: AccountId,
        grid: &GridCode,
        now: Millis,
    ) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "UPDATE matter_intake SET matter_id = $1, placed_by = $2 \
                 WHERE intake_id = $3 AND matter_id IS NULL",
            )
            .bind(matter)
            .bind(by.0)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 1 {
                let entries = [AuditEntry {
                    actor: Some(by),
                    action: "matter.place".to_owned(),
                    target: format!("matter:{matter}"),
                    scope_key: grid.to_string(),
                    outcome: Outcome::Ok,
                    at: now,
                }];
                append_in_tx!(tx, &entries);
            }
            Ok(done == 1)
        })
    }

    /// Grids under `place` (code, name, community name), when there are
    /// at most `limit`.
    pub async fn grids_under(
        &self,
        place: &str,
        limit: i64,
    ) -> Result<Vec<(String, LocalName, LocalName)>> {
        let rows: Vec<(String, String, String, String, String)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT g.code, g.name_zh, g.name_en, c.name_zh, c.name_en FROM grid g \
                 JOIN community c ON c.community_id = g.community_id \
                 WHERE g.code LIKE $1 || '%' ORDER BY g.code LIMIT $2",
            )
            .bind(place)
            .bind(limit + 1)
            .fetch_all(pool)
            .await
        })?;
        if rows.len() as i64 > limit {
            return Ok(Vec::new());
        }
        Ok(rows
            .into_iter()
            .map(|(code, gz, ge, cz, ce)| (code, LocalName::new(gz, ge), LocalName::new(cz, ce)))
            .collect())
    }
}
