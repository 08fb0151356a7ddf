//! A community's item list (事项清单): what it does by law, what it helps
//! government with, and, so that residents know where to go instead, what
//! is not its work and which certificates it must not issue.

use serde::{Deserialize, Serialize};

use crate::{LocalName, tree::CommunitySummary};

/// The four parts of the list, in the order a community publishes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 依法履行职责事项
    Duty,
    /// 依法协助政府工作事项
    Assist,
    /// 不应由社区承担的工作
    NotOurs,
    /// 不应由社区出具的证明事项
    NoCertificate,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Duty,
        ItemKind::Assist,
        ItemKind::NotOurs,
        ItemKind::NoCertificate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Duty => "duty",
            ItemKind::Assist => "assist",
            ItemKind::NotOurs => "not_ours",
            ItemKind::NoCertificate => "no_certificate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The positive list is what the community does; the negative list what
    /// residents must take elsewhere.
    pub fn is_positive(self) -> bool {
        matches!(self, ItemKind::Duty | ItemKind::Assist)
    }
}

/// One entry. `detail` is the legal basis of a positive item, and the body
/// responsible for a negative one: what a resident needs to act on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListItem {
    pub id: i64,
    pub kind: ItemKind,
    pub title: LocalName,
    pub detail: LocalName,
}

/// A community's list as published, or the items that answer a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityItems {
    pub community: CommunitySummary,
    /// Every item of the list, or only those matching `query`, best first.
    pub items: Vec<ListItem>,
    /// How many items each part holds in all, in [`ItemKind::ALL`] order.
    pub totals: [u32; 4],
    /// The search as the server read it; `None` lists everything.
    pub query: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_split_into_positive_and_negative() {
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ItemKind::parse("other"), None);
        let positive: Vec<_> = ItemKind::ALL
            .into_iter()
            .filter(|k| k.is_positive())
            .collect();
        assert_eq!(positive, [ItemKind::Duty, ItemKind::Assist]);
    }
}
