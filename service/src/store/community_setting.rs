//! What a community set for itself: handling deadlines per severity and the
//! categories it offers residents.

use linli_model::{
    matter::{SettingsChange, Severity},
    tree::{CommunityCode, GridCode},
};

use super::{Store, in_write_tx, on_reader};
use crate::Result;

/// What a new report's place allows.
#[derive(Debug, Clone, Copy)]
pub struct ReportPlace {
    pub grid_known: bool,
    pub category_offered: bool,
    /// Working days the community has to answer a report.
    pub response_days: u32,
}

impl Store {
    /// Working days per severity, the defaults where the community set none.
    pub async fn deadlines(&self, community: &CommunityCode) -> Result<Vec<(Severity, u32)>> {
        let rows: Vec<(String, i32)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT severity, working_days FROM community_deadline WHERE community_code = $1",
            )
            .bind(community.as_str())
            .fetch_all(pool)
            .await
        })?;
        Ok(Severity::ALL
            .iter()
            .map(|s| {
                let days = rows
                    .iter()
                    .find(|(name, _)| name == s.as_str())
                    .and_then(|(_, d)| u32::try_from(*d).ok())
                    .unwrap_or_else(|| s.default_working_days());
                (*s, days)
            })
            .collect())
    }

    /// Working days the community has to answer a report.
    pub async fn response_days(&self, community: &CommunityCode) -> Result<u32> {
        let days: Option<i32> = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT response_days FROM community WHERE code = $1")
                .bind(community.as_str())
                .fetch_optional(pool)
                .await
        })?;
        Ok(days
            .and_then(|d| u32::try_from(d).ok())
            .unwrap_or(linli_model::accountability::RESPONSE_DAYS_DEFAULT))
    }

    /// The community's households and its own promise threshold, if set.
    pub async fn promise_setting(&self, community: &CommunityCode) -> Result<(u32, Option<u32>)> {
        let row: Option<(i32, Option<i32>)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT households, promise_supporters FROM community WHERE code = $1")
                .bind(community.as_str())
                .fetch_optional(pool)
                .await
        })?;
        let (households, own) = row.ok_or(crate::Error::NotFound)?;
        Ok((
            u32::try_from(households).unwrap_or(0),
            own.and_then(|n| u32::try_from(n).ok()),
        ))
    }

    /// Category codes the community does not offer.
    pub async fn categories_off(&self, community: &CommunityCode) -> Result<Vec<String>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar(
                "SELECT category_code FROM community_category_off WHERE community_code = $1",
            )
            .bind(community.as_str())
            .fetch_all(pool)
            .await
        })?)
    }

    /// Whether a report's grid exists and whether its community offers the
    /// report's category: every report asks both, so in one round trip.
    pub async fn report_place(
        &self,
        community: &CommunityCode,
        grid: &GridCode,
        category: &str,
    ) -> Result<ReportPlace> {
        let (grid_known, category_offered, response_days): (i32, i32, Option<i32>) = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM grid WHERE code = $1) THEN 1 ELSE 0 END, \
                 CASE WHEN EXISTS (SELECT 1 FROM matter_category c WHERE c.category_code = $2 \
                   AND NOT EXISTS (SELECT 1 FROM community_category_off o \
                     WHERE o.community_code = $3 AND o.category_code = c.category_code)) \
                 THEN 1 ELSE 0 END, \
                 (SELECT response_days FROM community WHERE code = $3)",
            )
            .bind(grid.as_str())
            .bind(category)
            .bind(community.as_str())
            .fetch_one(pool)
            .await
        })?;
        Ok(ReportPlace {
            grid_known: grid_known == 1,
            category_offered: category_offered == 1,
            response_days: response_days
                .and_then(|d| u32::try_from(d).ok())
                .unwrap_or(linli_model::accountability::RESPONSE_DAYS_DEFAULT),
        })
    }

    /// Replaces the community's settings in one transaction.
    pub async fn save_community_settings(
        &self,
        community: &CommunityCode,
        change: &SettingsChange,
    ) -> Result<()> {
        let SettingsChange {
            response_days,
            promise_supporters,
            deadlines,
            off,
        } = change;
        in_write_tx!(self, tx => {
            sqlx::query("UPDATE community SET response_days = $1, promise_supporters = $3 WHERE code = $2")
                .bind(i32::try_from(*response_days).unwrap_or(1))
                .bind(community.as_str())
                .bind(promise_supporters.and_then(|n| i32::try_from(n).ok()))
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM community_deadline WHERE community_code = $1")
                .bind(community.as_str())
                .execute(&mut *tx)
                .await?;
            for (severity, days) in deadlines {
                if *days == severity.default_working_days() {
                    continue;
                }
                sqlx::query(
                    "INSERT INTO community_deadline (community_code, severity, working_days) VALUES ($1, $2, $3)",
                )
                .bind(community.as_str())
                .bind(severity.as_str())
                .bind(i32::try_from(*days).unwrap_or(i32::MAX))
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query("DELETE FROM community_category_off WHERE community_code = $1")
                .bind(community.as_str())
                .execute(&mut *tx)
                .await?;
            for category in off {
                sqlx::query(
                    "INSERT INTO community_category_off (community_code, category_code) VALUES ($1, $2)",
                )
                .bind(community.as_str())
                .bind(category)
                .execute(&mut *tx)
                .await?;
            }
            Ok(())
        })
    }
}
