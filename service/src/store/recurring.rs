//! What the recurring-matters list reads: a community's matters of a
//! month, the names of its categories and grids, and where topics are
//! being collected.

use linli_model::LocalName;

use super::{Store, on_reader};
use crate::{Result, clock::Millis};

/// A matter as the recurring list reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MonthMatter {
    pub matter_id: i64,
    pub category_code: String,
    pub grid_code: String,
    pub title: String,
    pub description: String,
    pub state: String,
    pub created_at: i64,
    pub support_count: i32,
}

/// Matters of one community-month read at most; a month beyond it is
/// clustered on its newest matters.
const MONTH_LIMIT: i64 = 5_000;

impl Store {
    /// A community's matters reported in `[from, until)`, newest first;
    /// merged and rejected ones are not troubles of their own.
    pub async fn month_matters(
        &self,
        community: &str,
        from: Millis,
        until: Millis,
    ) -> Result<Vec<MonthMatter>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT matter_id, category_code, grid_code, title, description, state, created_at, \
                 support_count FROM matter WHERE community_code = $1 AND created_at >= $2 \
                 AND created_at < $3 AND state NOT IN ('merged', 'rejected') \
                 ORDER BY created_at DESC LIMIT $4",
            )
            .bind(community)
            .bind(from)
            .bind(until)
            .bind(MONTH_LIMIT)
            .fetch_all(pool)
            .await
        })?)
    }

    /// Every matter category's name: (code, name).
    pub async fn category_names(&self) -> Result<Vec<(String, LocalName)>> {
        let rows: Vec<(String, String, String)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT category_code, name_zh, name_en FROM matter_category")
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(code, zh, en)| (code, LocalName::new(zh, en)))
            .collect())
    }

    /// A community's grids' names: (code, name).
    pub async fn grid_names(&self, community: &str) -> Result<Vec<(String, LocalName)>> {
        let rows: Vec<(String, String, String)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT code, name_zh, name_en FROM grid WHERE code LIKE $1 || '%'")
                .bind(community)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(code, zh, en)| (code, LocalName::new(zh, en)))
            .collect())
    }

    /// The community's deliberations collecting topics: (id, title).
    pub async fn collecting_deliberations(&self, community: &str) -> Result<Vec<(i64, String)>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT deliberation_id, title FROM deliberation WHERE community_code = $1 \
                 AND stage = 'collecting' ORDER BY deliberation_id DESC",
            )
            .bind(community)
            .fetch_all(pool)
            .await
        })?)
    }
}
