//! The item lists: base items per scope and items of one community.

use linli_model::{
    LocalName,
    item::{ItemKind, ListItem},
    tree::CommunityCode,
};

use super::{Store, in_write_tx, on_reader};
use crate::{Error, Result, clock::Millis, search};

/// A base item as the seed or an admission writes it.
#[derive(Debug, Clone)]
pub struct NewListItem {
    pub kind: ItemKind,
    /// `all`, `urban` or `rural`.
    pub scope: &'static str,
    pub title: LocalName,
    pub detail: LocalName,
}

/// An item with the search terms stored beside it, so answering a
/// question tokenises only the question.
#[derive(Debug, Clone)]
pub struct IndexedItem {
    pub item: ListItem,
    pub title_terms: String,
    pub detail_terms: String,
}

const ITEM_SELECT: &str = "SELECT list_item_id, kind, title_zh, title_en, detail_zh, detail_en, \
     title_terms, detail_terms FROM list_item";

/// Base lists by scope, shared by every request of this instance. Only the
/// seed writes base items, and it clears this; so every instance holds the
/// same lists as the database.
#[derive(Debug, Default)]
pub(crate) struct BaseItems(
    std::sync::RwLock<std::collections::HashMap<String, std::sync::Arc<Vec<IndexedItem>>>>,
);

impl BaseItems {
    fn get(&self, scope: &str) -> Option<std::sync::Arc<Vec<IndexedItem>>> {
        self.0.read().ok()?.get(scope).cloned()
    }

    fn put(&self, scope: &str, items: Vec<IndexedItem>) -> std::sync::Arc<Vec<IndexedItem>> {
        let items = std::sync::Arc::new(items);
        if let Ok(mut map) = self.0.write() {
            map.insert(scope.to_owned(), items.clone());
        }
        items
    }

    fn clear(&self) {
        if let Ok(mut map) = self.0.write() {
            map.clear();
        }
    }
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    list_item_id: i64,
    kind: String,
    title_zh: String,
    title_en: String,
    detail_zh: String,
    detail_en: String,
    title_terms: String,
    detail_terms: String,
}

impl ItemRow {
    fn indexed(self) -> Result<IndexedItem> {
        let kind = ItemKind::parse(&self.kind)
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("list item kind {:?}", self.kind)))?;
        Ok(IndexedItem {
            item: ListItem {
                id: self.list_item_id,
                kind,
                title: LocalName::new(self.title_zh, self.title_en),
                detail: LocalName::new(self.detail_zh, self.detail_en),
            },
            title_terms: self.title_terms,
            detail_terms: self.detail_terms,
        })
    }
}

fn terms(name: &LocalName) -> String {
    search::index_terms(&format!("{} {}", name.zh, name.en))
}

impl Store {
    /// The community's list in publishing order: the base items of `scope`
    /// and of every community, then its own, less those it withdrew.
    pub async fn list_items(
        &self,
        community: &CommunityCode,
        scope: &str,
    ) -> Result<Vec<IndexedItem>> {
        let mut items = self.base_items(scope).await?.as_ref().clone();
        let own: Vec<ItemRow> = on_reader!(self, pool => {
            sqlx::query_as(&format!(
                "{ITEM_SELECT} WHERE community_code = $1 ORDER BY position, list_item_id"
            ))
            .bind(community.as_str())
            .fetch_all(pool)
            .await
        })?;
        for row in own {
            items.push(row.indexed()?);
        }
        let withdrawn = self.withdrawn_items(community.as_str()).await?;
        if !withdrawn.is_empty() {
            items.retain(|i| !withdrawn.contains(&i.item.id));
        }
        Ok(items)
    }

    /// The base list of a scope, read once and kept: base lists are written
    /// only by the seed, before the server serves (see [`BaseItems`]).
    async fn base_items(&self, scope: &str) -> Result<std::sync::Arc<Vec<IndexedItem>>> {
        if let Some(hit) = self.shared.base_items.get(scope) {
            return Ok(hit);
        }
        let rows: Vec<ItemRow> = on_reader!(self, pool => {
            sqlx::query_as(&format!(
                "{ITEM_SELECT} WHERE community_code IS NULL AND scope IN ('all', $1) \
                 ORDER BY position, list_item_id"
            ))
            .bind(scope)
            .fetch_all(pool)
            .await
        })?;
        let items = rows
            .into_iter()
            .map(ItemRow::indexed)
            .collect::<Result<Vec<_>>>()?;
        Ok(self.shared.base_items.put(scope, items))
    }

    /// Whether any base list is loaded.
    pub async fn has_list_items(&self) -> Result<bool> {
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM list_item").fetch_one(pool).await
        })?;
        Ok(n > 0)
    }

    /// Writes base items in one transaction, numbered in the given order.
    pub async fn insert_base_items(&self, items: &[NewListItem], now: Millis) -> Result<()> {
        let written = in_write_tx!(self, tx => {
            for (position, item) in items.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO list_item (kind, scope, title_zh, title_en, detail_zh, detail_en, \
                     title_terms, detail_terms, position, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(item.kind.as_str())
                .bind(item.scope)
                .bind(&item.title.zh)
                .bind(&item.title.en)
                .bind(&item.detail.zh)
                .bind(&item.detail.en)
                .bind(terms(&item.title))
                .bind(terms(&item.detail))
                .bind(i32::try_from(position).unwrap_or(i32::MAX))
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            Ok(())
        });
        self.shared.base_items.clear();
        written
    }
}
