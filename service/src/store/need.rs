//! Needs. A need's status is computed from the projects that name it in
//! one SQL expression, so the list's filter and its badges never disagree.

use linli_model::{
    LocalName, Page,
    account::AccountId,
    need::{NeedCategory, NeedSource, NeedStatus, NeedSummary},
    tree::CommunityCode,
};

use super::{Store, code, in_write_tx, like_contains, on_reader};
use crate::{Error, Result, clock::Millis};

/// A checked need whose source was found in its community.
#[derive(Debug, Clone)]
pub struct NeedRecord<'a> {
    pub community: &'a CommunityCode,
    pub title: &'a str,
    pub detail: &'a str,
    pub category: NeedCategory,
    pub affected: u32,
    pub source: NeedSource,
}

/// Where a matter or deliberation a need is taken from lies, what it is
/// called and how many residents took part in it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SourceFacts {
    pub community_code: String,
    pub title: String,
    pub residents: i64,
}

#[derive(sqlx::FromRow)]
struct NeedRow {
    need_id: i64,
    community_code: String,
    name_zh: String,
    name_en: String,
    title: String,
    category: String,
    affected: i64,
    source_kind: String,
    source_id: Option<i64>,
    status: String,
    created_at: i64,
}

/// Every need with its status, as a table to filter.
const NEED_SELECT: &str = "SELECT * FROM (SELECT n.need_id, n.community_code, c.name_zh, c.name_en, \
     n.title, n.category, n.affected, n.source_kind, \
     COALESCE(n.matter_id, n.deliberation_id) AS source_id, n.search_text, n.created_at, \
     CASE WHEN EXISTS (SELECT 1 FROM project p WHERE p.need_id = n.need_id \
                       AND p.status IN ('delivered', 'evaluated')) THEN 'met' \
          WHEN EXISTS (SELECT 1 FROM project p WHERE p.need_id = n.need_id \
                       AND p.status <> 'cancelled') THEN 'in_hand' \
          ELSE 'open' END AS status \
     FROM need n JOIN community c ON c.code = n.community_code) x";

impl NeedRow {
    fn summary(self) -> Result<NeedSummary> {
        Ok(NeedSummary {
            id: self.need_id,
            community: code(&self.community_code, CommunityCode::parse)?,
            community_name: LocalName::new(self.name_zh, self.name_en),
            title: self.title,
            category: code(&self.category, |s| {
                NeedCategory::parse(s).ok_or("unknown category")
            })?,
            affected: u32::try_from(self.affected).unwrap_or(u32::MAX),
            source: NeedSource::from_parts(&self.source_kind, self.source_id).ok_or_else(|| {
                Error::Internal(anyhow::anyhow!("need {}: bad source", self.need_id))
            })?,
            status: code(&self.status, |s| {
                NeedStatus::parse(s).ok_or("unknown status")
            })?,
            created_at: self.created_at,
        })
    }
}

/// What the needs list is filtered by; empty strings match everything.
#[derive(Debug, Clone, Default)]
pub struct NeedFilter {
    /// A district, street or community code prefix.
    pub place: String,
    pub category: Option<NeedCategory>,
    pub status: Option<NeedStatus>,
    /// Lower-cased words to find in the title or detail.
    pub text: String,
}

/// The lower-cased text a list's search box looks in.
pub fn search_text(parts: &[&str]) -> String {
    parts.join(" ").to_lowercase()
}

impl Store {
    pub async fn insert_need(
        &self,
        need: &NeedRecord<'_>,
        by: AccountId,
        now: Millis,
    ) -> Result<i64> {
        let (matter, deliberation) = match need.source {
            NeedSource::Staff => (None, None),
            NeedSource::Matter(id) => (Some(id), None),
            NeedSource::Deliberation(id) => (None, Some(id)),
        };
        in_write_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO need (community_code, title, detail, category, affected, source_kind, \
                 matter_id, deliberation_id, search_text, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING need_id",
            )
            .bind(need.community.as_str())
            .bind(need.title)
            .bind(need.detail)
            .bind(need.category.as_str())
            .bind(i64::from(need.affected))
            .bind(need.source.kind())
            .bind(matter)
            .bind(deliberation)
            .bind(search_text(&[need.title, need.detail]))
            .bind(by.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Ok(id)
        })
    }

    /// The matter or deliberation a need would be taken from.
    pub async fn need_source(&self, source: NeedSource) -> Result<Option<SourceFacts>> {
        let sql = match source {
            NeedSource::Staff => return Ok(None),
            NeedSource::Matter(_) => {
                "SELECT community_code, title, CAST(1 + support_count AS BIGINT) AS residents \
                 FROM matter WHERE matter_id = $1"
            }
            NeedSource::Deliberation(_) => {
                "SELECT d.community_code, d.title, \
                 (SELECT COUNT(*) FROM (SELECT s.account_id FROM topic t \
                    JOIN topic_support s ON s.topic_id = t.topic_id WHERE t.deliberation_id = $1 \
                  UNION SELECT v.account_id FROM statement_vote v WHERE v.deliberation_id = $1) r) \
                 AS residents FROM deliberation d WHERE d.deliberation_id = $1"
            }
        };
        on_reader!(self, pool => {
            sqlx::query_as(sql).bind(source.id()).fetch_optional(pool).await
        })
        .map_err(Into::into)
    }

    pub async fn need(&self, id: i64) -> Result<(NeedSummary, String)> {
        let sql = "SELECT n.detail FROM need n WHERE n.need_id = $1";
        let detail: String =
            on_reader!(self, pool => sqlx::query_scalar(sql).bind(id).fetch_optional(pool).await)?
                .ok_or(Error::NotFound)?;
        let list_sql = format!("{NEED_SELECT} WHERE x.need_id = $1");
        let row: NeedRow = on_reader!(self, pool => {
            sqlx::query_as(&list_sql).bind(id).fetch_optional(pool).await
        })?
        .ok_or(Error::NotFound)?;
        Ok((row.summary()?, detail))
    }

    /// Needs of a place, newest first, a keyset page at a time.
    pub async fn needs(
        &self,
        filter: &NeedFilter,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Page<NeedSummary>> {
        let sql = format!(
            "{NEED_SELECT} WHERE x.community_code LIKE $1 AND ($2 = '' OR x.category = $2) \
             AND ($3 = '' OR x.status = $3) AND x.search_text LIKE $4 ESCAPE '\\' AND x.need_id < $5 \
             ORDER BY x.need_id DESC LIMIT {}",
            limit + 1
        );
        let rows: Vec<NeedRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(format!("{}%", filter.place))
                .bind(filter.category.map_or("", NeedCategory::as_str))
                .bind(filter.status.map_or("", NeedStatus::as_str))
                .bind(like_contains(&filter.text))
                .bind(before.unwrap_or(i64::MAX))
                .fetch_all(pool)
                .await
        })?;
        super::keyset_page(rows, limit, NeedRow::summary, |n| n.id)
    }

    /// The needs a matter or a deliberation gave rise to, for its page.
    pub async fn needs_from(&self, source: NeedSource) -> Result<Vec<NeedSummary>> {
        let sql = format!(
            "{NEED_SELECT} WHERE x.source_kind = $1 AND x.source_id = $2 ORDER BY x.need_id"
        );
        let rows: Vec<NeedRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(source.kind())
                .bind(source.id())
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(NeedRow::summary).collect()
    }
}
