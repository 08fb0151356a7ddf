//! Reading a community's item list, and answering residents' questions of
//! it ("谁开居住证明？"): public, so no policy check.

use linli_model::{
    item::{CommunityItems, ItemKind, ListItem},
    tree::{CommunityCode, MajorType},
};

use crate::{Result, Store, search, store::IndexedItem};

/// Longest question read; the rest is ignored.
const QUERY_MAX: usize = 100;

/// The base list a community follows: villages have their own.
fn scope(code: &CommunityCode) -> &'static str {
    match code.community_type().major() {
        MajorType::Rural => "rural",
        MajorType::Urban | MajorType::Industrial => "urban",
    }
}

/// Whether stored, space-separated `terms` hold `term`.
fn carries(terms: &str, term: &search::QueryTerm) -> bool {
    let mut each = terms.split(' ');
    if term.prefix {
        each.any(|t| t.starts_with(&term.text))
    } else {
        each.any(|t| t == term.text)
    }
}

/// How many of the question's terms the item carries, those in its title
/// counting twice. A question comes as a sentence, so unlike the matter
/// search not every term must match: "谁开居住证明" should find 居住证明
/// although nothing says 谁开.
fn score(item: &IndexedItem, terms: &[search::QueryTerm]) -> usize {
    terms
        .iter()
        .map(|t| {
            2 * usize::from(carries(&item.title_terms, t))
                + usize::from(carries(&item.detail_terms, t))
        })
        .sum()
}

/// The items that answer `query`, best first: those scoring at least half
/// of the best, so one shared word ("证明") does not bury the answer.
fn answer(items: Vec<IndexedItem>, query: &str) -> Vec<ListItem> {
    let terms = search::query_terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, ListItem)> = items
        .into_iter()
        .map(|i| (score(&i, &terms), i.item))
        .filter(|(s, _)| *s > 0)
        .collect();
    let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
    scored.retain(|(s, _)| *s * 2 >= best);
    // Stable: equal scores keep the list's own order.
    scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[derive(Debug, Clone, Copy)]
pub struct Items<'a> {
    pub store: &'a Store,
}

impl Items<'_> {
    /// The community's whole list in publishing order.
    pub async fn list(&self, code: &CommunityCode) -> Result<Vec<ListItem>> {
        let items = self.store.list_items(code, scope(code)).await?;
        Ok(items.into_iter().map(|i| i.item).collect())
    }

    /// The community's negative list: what a matter can be referred by.
    pub async fn negative(&self, code: &CommunityCode) -> Result<Vec<ListItem>> {
        let mut items = self.list(code).await?;
        items.retain(|i| !i.kind.is_positive());
        Ok(items)
    }

    /// The community's whole list, or the items answering `query`.
    pub async fn of_community(
        &self,
        code: &CommunityCode,
        query: Option<&str>,
    ) -> Result<CommunityItems> {
        let community = self.store.community(code).await?.summary;
        let all = self.store.list_items(code, scope(code)).await?;
        let mut totals = [0u32; 4];
        for item in &all {
            if let Some(i) = ItemKind::ALL.iter().position(|k| *k == item.item.kind) {
                totals[i] += 1;
            }
        }
        let query: Option<String> = query
            .map(|q| q.trim().chars().take(QUERY_MAX).collect::<String>())
            .filter(|q| !q.is_empty());
        let items = match &query {
            Some(q) => answer(all, q),
            None => all.into_iter().map(|i| i.item).collect(),
        };
        Ok(CommunityItems {
            community,
            items,
            totals,
            query,
        })
    }
}
