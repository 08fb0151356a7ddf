//! What the governance standards read: the sizes of communities, grids and
//! micro-grids under a place, who is posted to each grid, and when each
//! community's responsibility list last changed.

use linli_model::{
    LocalName,
    standards::{CommunityFacts, MICRO_GRID_HOUSEHOLDS, UnitFacts},
};

use super::{Store, matter::prefix_upper, on_reader};
use crate::Result;

type CommunityRow = (String, String, String, i32, i32, i64, Option<i64>);
type GridRow = (String, String, String, String, String, i32, String, i32);
type MicroRow = (String, String, String, String, String, i32);

impl Store {
    /// Every community under `prefix` (empty: the city), by code.
    pub async fn community_facts(&self, prefix: &str) -> Result<Vec<CommunityFacts>> {
        let rows: Vec<CommunityRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT c.code, c.name_zh, c.name_en, c.households, c.population, \
                 (SELECT COUNT(DISTINCT r.name) FROM responsibility r WHERE r.community_code = c.code \
                   AND r.duty IN ('grid_leader', 'grid_worker', 'item_lead')), \
                 (SELECT MAX(r.created_at) FROM responsibility r WHERE r.community_code = c.code) \
                 FROM community c WHERE c.code >= $1 AND c.code < $2 ORDER BY c.code",
            )
            .bind(prefix)
            .bind(prefix_upper(prefix))
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(code, zh, en, households, population, workers, changed)| CommunityFacts {
                    code,
                    name: LocalName::new(zh, en),
                    households: i64::from(households),
                    population: i64::from(population),
                    workers,
                    list_changed_at: changed,
                },
            )
            .collect())
    }

    /// Every grid under `prefix`, by code: a grid has a worker when the
    /// community's list posts one or someone holds the role for it.
    pub async fn grid_facts(&self, prefix: &str) -> Result<Vec<UnitFacts>> {
        let rows: Vec<GridRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT g.code, g.name_zh, g.name_en, c.name_zh, c.name_en, g.households, g.kind, \
                 CASE WHEN EXISTS (SELECT 1 FROM responsibility r WHERE r.community_code = c.code \
                   AND r.grid_code = g.code AND r.duty = 'grid_worker') \
                 OR EXISTS (SELECT 1 FROM role_grant rg WHERE rg.scope_key = g.code \
                   AND rg.role = 'grid_worker' AND rg.revoked_at IS NULL) THEN 1 ELSE 0 END \
                 FROM grid g JOIN community c ON c.community_id = g.community_id \
                 WHERE g.code >= $1 AND g.code < $2 ORDER BY g.code",
            )
            .bind(prefix)
            .bind(prefix_upper(prefix))
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(code, zh, en, czh, cen, households, kind, worker)| UnitFacts {
                    code,
                    name: LocalName::new(zh, en),
                    community: LocalName::new(czh, cen),
                    households: i64::from(households),
                    has_worker: worker == 1,
                    residential: kind == "residential",
                },
            )
            .collect())
    }

    /// Micro-grids under `prefix` outside their household range, by code,
    /// and how many micro-grids there are in all.
    pub async fn micro_grid_facts(&self, prefix: &str) -> Result<(Vec<UnitFacts>, i64)> {
        let (low, high) = MICRO_GRID_HOUSEHOLDS;
        let upper = prefix_upper(prefix);
        let (rows, count): (Vec<MicroRow>, i64) = on_reader!(self, pool => {
            let rows = sqlx::query_as(
                "SELECT m.code, m.name_zh, m.name_en, c.name_zh, c.name_en, m.households FROM micro_grid m \
                 JOIN grid g ON g.grid_id = m.grid_id JOIN community c ON c.community_id = g.community_id \
                 WHERE m.code >= $1 AND m.code < $2 AND (m.households < $3 OR m.households > $4) ORDER BY m.code",
            )
            .bind(prefix)
            .bind(&upper)
            .bind(low as i32)
            .bind(high as i32)
            .fetch_all(pool)
            .await?;
            let count = sqlx::query_scalar("SELECT COUNT(*) FROM micro_grid WHERE code >= $1 AND code < $2")
                .bind(prefix)
                .bind(&upper)
                .fetch_one(pool)
                .await?;
            Ok::<_, sqlx::Error>((rows, count))
        })?;
        Ok((
            rows.into_iter()
                .map(|(code, zh, en, czh, cen, households)| UnitFacts {
                    code,
                    name: LocalName::new(zh, en),
                    community: LocalName::new(czh, cen),
                    households: i64::from(households),
                    has_worker: true,
                    residential: true,
                })
                .collect(),
            count,
        ))
    }
}
