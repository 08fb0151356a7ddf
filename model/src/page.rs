//! One page of a keyset-paginated list.

use serde::{Deserialize, Serialize};

/// Items in order, and the opaque key to ask for the next page with.
/// Keyset pages stay fast and stable while rows are added, unlike offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` fetched rows: the extra row only
    /// proves that more exist, and the last kept row's key starts the next page.
    pub fn from_overfetch(mut rows: Vec<T>, limit: usize, key: impl Fn(&T) -> String) -> Self {
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(key)
        } else {
            None
        };
        Self { items: rows, next }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extra_row_means_there_is_a_next_page() {
        let page = Page::from_overfetch(vec![1, 2, 3, 4], 3, |n| n.to_string());
        assert_eq!(page.items, vec![1, 2, 3]);
        assert_eq!(page.next.as_deref(), Some("3"));
    }

    #[test]
    fn a_short_fetch_is_the_last_page() {
        let page = Page::from_overfetch(vec![1, 2], 3, |n| n.to_string());
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next, None);
        let exact = Page::from_overfetch(vec![1, 2, 3], 3, |n| n.to_string());
        assert_eq!(exact.next, None);
    }
}
