//! Responsibilities: named people and bodies for grids and list items.

use linli_model::{
    LocalName, Page,
    account::AccountId,
    item::ItemKind,
    responsibility::{Duty, NewResponsibility, ResponsibilityView, Subject, SubjectView},
    tree::{CommunityCode, GridCode},
};

use super::{Store, code, in_write_tx, like_contains, on_reader};
use crate::{Error, Result, clock::Millis};

#[derive(sqlx::FromRow)]
struct ResponsibilityRow {
    responsibility_id: i64,
    community_code: String,
    name_zh: String,
    name_en: String,
    duty: String,
    grid_code: Option<String>,
    grid_zh: Option<String>,
    grid_en: Option<String>,
    list_item_id: Option<i64>,
    item_kind: Option<String>,
    item_zh: Option<String>,
    item_en: Option<String>,
    name: String,
    phone: String,
}

/// The community's names come from scalar subqueries, not a join: with a
/// join SQLite walks communities first and sorts every entry; this way it
/// reads entries in id order and stops at the page's end.
const RESPONSIBILITY_SELECT: &str = "SELECT r.responsibility_id, r.community_code, \
     (SELECT c.name_zh FROM community c WHERE c.code = r.community_code) AS name_zh, \
     (SELECT c.name_en FROM community c WHERE c.code = r.community_code) AS name_en, \
     r.duty, r.grid_code, g.name_zh AS grid_zh, g.name_en AS grid_en, \
     r.list_item_id, i.kind AS item_kind, i.title_zh AS item_zh, i.title_en AS item_en, \
     r.name, r.phone \
     FROM responsibility r \
     LEFT JOIN grid g ON g.code = r.grid_code \
     LEFT JOIN list_item i ON i.list_item_id = r.list_item_id";

/// A list filter over `r`: place prefix `$1`, duty `$2` (empty for any),
/// name pattern `$3`; both pages of the keyset use it.
const RESPONSIBILITY_FILTER: &str = "r.community_code LIKE $1 AND ($2 = '' OR r.duty = $2) \
     AND lower(r.name) LIKE $3 ESCAPE '\\'";

impl ResponsibilityRow {
    fn view(self) -> Result<ResponsibilityView> {
        let subject = match (self.grid_code, self.list_item_id) {
            (Some(grid), None) => SubjectView::Grid {
                code: code(&grid, GridCode::parse)?,
                name: LocalName::new(
                    self.grid_zh.unwrap_or_default(),
                    self.grid_en.unwrap_or_default(),
                ),
            },
            (None, Some(id)) => SubjectView::Item {
                id,
                item_kind: code(self.item_kind.as_deref().unwrap_or_default(), |s| {
                    ItemKind::parse(s).ok_or("unknown kind")
                })?,
                title: LocalName::new(
                    self.item_zh.unwrap_or_default(),
                    self.item_en.unwrap_or_default(),
                ),
            },
            _ => {
                return Err(Error::Internal(anyhow::anyhow!(
                    "responsibility {}: no single subject",
                    self.responsibility_id
                )));
            }
        };
        Ok(ResponsibilityView {
            id: self.responsibility_id,
            community: code(&self.community_code, CommunityCode::parse)?,
            community_name: LocalName::new(self.name_zh, self.name_en),
            subject,
            duty: code(&self.duty, |s| Duty::parse(s).ok_or("unknown duty"))?,
            name: self.name,
            phone: self.phone,
        })
    }
}

/// What the responsibilities list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct ResponsibilityFilter {
    pub place: String,
    pub duty: Option<Duty>,
    /// Part of a person's or body's name.
    pub text: String,
}

impl Store {
    pub async fn insert_responsibility(
        &self,
        community: &CommunityCode,
        r: &NewResponsibility,
        by: Option<AccountId>,
        now: Millis,
    ) -> Result<i64> {
        let (grid, item) = match &r.subject {
            Subject::Grid(g) => (Some(g.as_str()), None),
            Subject::Item(i) => (None, Some(*i)),
        };
        in_write_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO responsibility (community_code, duty, grid_code, list_item_id, name, \
                 phone, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 RETURNING responsibility_id",
            )
            .bind(community.as_str())
            .bind(r.duty.as_str())
            .bind(grid)
            .bind(item)
            .bind(&r.name)
            .bind(&r.phone)
            .bind(by.map(|a| a.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Ok(id)
        })
    }

    /// Removes an entry of `community`; false when there was none.
    pub async fn delete_responsibility(&self, community: &CommunityCode, id: i64) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query(
                "DELETE FROM responsibility WHERE responsibility_id = $1 AND community_code = $2",
            )
            .bind(id)
            .bind(community.as_str())
            .execute(&mut *tx)
            .await?;
            Ok(done.rows_affected() > 0)
        })
    }

    pub async fn responsibility_community(&self, id: i64) -> Result<CommunityCode> {
        let raw: String = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT community_code FROM responsibility WHERE responsibility_id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        })?
        .ok_or(Error::NotFound)?;
        code(&raw, CommunityCode::parse)
    }

    /// Entries in the order they were posted, a keyset page at a time.
    pub async fn responsibilities(
        &self,
        filter: &ResponsibilityFilter,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Page<ResponsibilityView>> {
        let sql = format!(
            "{RESPONSIBILITY_SELECT} WHERE {RESPONSIBILITY_FILTER} AND r.responsibility_id > $4 \
             ORDER BY r.responsibility_id LIMIT {}",
            limit + 1
        );
        let rows: Vec<ResponsibilityRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(format!("{}%", filter.place))
                .bind(filter.duty.map_or("", Duty::as_str))
                .bind(like_contains(&filter.text))
                .bind(after.unwrap_or(0))
                .fetch_all(pool)
                .await
        })?;
        super::keyset_page(rows, limit, ResponsibilityRow::view, |r| r.id)
    }

    /// Where the page before the one after `from` starts: `None` on the
    /// first page, `Some(None)` when it is the first page, else its key.
    pub async fn responsibilities_before(
        &self,
        filter: &ResponsibilityFilter,
        from: Option<i64>,
        limit: usize,
    ) -> Result<Option<Option<i64>>> {
        let Some(from) = from.filter(|f| *f > 0) else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT r.responsibility_id FROM responsibility r WHERE {RESPONSIBILITY_FILTER} \
             AND r.responsibility_id <= $4 ORDER BY r.responsibility_id DESC LIMIT {}",
            limit + 1
        );
        let ids: Vec<i64> = on_reader!(self, pool => {
            sqlx::query_scalar(&sql)
                .bind(format!("{}%", filter.place))
                .bind(filter.duty.map_or("", Duty::as_str))
                .bind(like_contains(&filter.text))
                .bind(from)
                .fetch_all(pool)
                .await
        })?;
        Ok(Some(ids.get(limit).copied()))
    }

    /// Whether `grid` exists and lies in `community`.
    pub async fn grid_in(&self, community: &CommunityCode, grid: &GridCode) -> Result<bool> {
        if grid.community() != *community {
            return Ok(false);
        }
        let hit: Option<String> = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT code FROM grid WHERE code = $1")
                .bind(grid.as_str())
                .fetch_optional(pool)
                .await
        })?;
        Ok(hit.is_some())
    }
}
