//! The base item lists (事项清单) every community starts from, drawn from
//! the lists Hohhot, Ningbo and Yinchuan published: duties by law, duties
//! assisting government, work that is not the community's, and certificates
//! it must not issue, each with the law behind it or the body to go to.

use linli_model::{LocalName, item::ItemKind};

use crate::{Result, Store, clock::Millis, store::NewListItem};

const TABLE: &str = include_str!("items.tsv");

/// The table's rows; a malformed row is a bug in the shipped file, which
/// the test below catches.
pub fn base_items() -> Vec<NewListItem> {
    TABLE
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let [kind, scope, title_zh, title_en, detail_zh, detail_en] = f[..] else {
                return None;
            };
            Some(NewListItem {
                kind: ItemKind::parse(kind)?,
                scope: match scope {
                    "all" => "all",
                    "urban" => "urban",
                    "rural" => "rural",
                    _ => return None,
                },
                title: LocalName::new(title_zh, title_en),
                detail: LocalName::new(detail_zh, detail_en),
            })
        })
        .collect()
}

/// Loads the base lists once; a database that has them keeps its own.
pub async fn load_item_lists(store: &Store, now: Millis) -> Result<()> {
    if store.has_list_items().await? {
        return Ok(());
    }
    store.insert_base_items(&base_items(), now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_table_is_read() {
        let rows = TABLE
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        let items = base_items();
        assert_eq!(items.len(), rows, "a row did not parse");
        for kind in ItemKind::ALL {
            let n = items.iter().filter(|i| i.kind == kind).count();
            assert!(n >= 10, "{kind:?} has {n} items");
        }
        assert!(
            items.iter().all(|i| !i.title.zh.is_empty()
                && !i.title.en.is_empty()
                && !i.detail.en.is_empty())
        );
    }
}
