//! Recurring matters: the same trouble reported again and again in one
//! place is a topic for the council, not only a queue of tickets. Each
//! month a community's matters are grouped by category and grid, and
//! within that by similar words; the largest groups are offered to the
//! council to propose as one deliberation topic.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::LocalName;

/// Matters that make a cluster at least.
pub const MIN_CLUSTER: usize = 3;
/// Clusters listed a month at most.
pub const SHOWN: usize = 10;
/// Two matters are alike when this share of the shorter one's word pairs
/// (in percent) is in the other too.
pub const ALIKE_PERCENT: usize = 30;

/// A matter as the clustering reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatterText {
    pub id: i64,
    pub category: String,
    pub grid: String,
    pub title: String,
    pub description: String,
}

/// The words of a text: pairs of neighbouring Chinese characters, and
/// whole words of Latin letters or digits, lowercased. Digits alone (house
/// numbers) and single characters say nothing of what a matter is about.
pub fn words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut latin = String::new();
    let flush_latin = |latin: &mut String, out: &mut BTreeSet<String>| {
        if latin.chars().count() > 1 && !latin.chars().all(|c| c.is_ascii_digit()) {
            out.insert(latin.to_lowercase());
        }
        latin.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush_latin(&mut latin, &mut out);
            cjk.push(c);
        } else {
            for pair in cjk.windows(2) {
                out.insert(pair.iter().collect());
            }
            cjk.clear();
            if c.is_alphanumeric() {
                latin.push(c);
            } else {
                flush_latin(&mut latin, &mut out);
            }
        }
    }
    for pair in cjk.windows(2) {
        out.insert(pair.iter().collect());
    }
    flush_latin(&mut latin, &mut out);
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Whether two word sets are alike: enough of the smaller one is shared.
pub fn alike(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let smaller = a.len().min(b.len());
    smaller > 0 && a.intersection(b).count() * 100 >= smaller * ALIKE_PERCENT
}

/// The clusters among `matters`: same category and grid, linked by alike
/// titles and descriptions (a matter alike to any of a cluster joins it),
/// of at least [`MIN_CLUSTER`] matters; largest first, then by the newest
/// matter. Each cluster's ids are ascending. Deterministic: the same
/// matters give the same clusters.
pub fn clusters(matters: &[MatterText]) -> Vec<Vec<i64>> {
    let mut groups: BTreeMap<(&str, &str), Vec<&MatterText>> = BTreeMap::new();
    for m in matters {
        groups.entry((&m.category, &m.grid)).or_default().push(m);
    }
    let mut out: Vec<Vec<i64>> = Vec::new();
    for group in groups.values() {
        // Titles say the trouble in few words; descriptions add noise, so
        // either alike titles or alike whole texts link two matters.
        let titles: Vec<BTreeSet<String>> = group.iter().map(|m| words(&m.title)).collect();
        let sets: Vec<BTreeSet<String>> = group
            .iter()
            .map(|m| words(&format!("{} {}", m.title, m.description)))
            .collect();
        // Union-find over the group; groups are a grid's month of one
        // category, so the pairwise comparison stays small.
        let mut parent: Vec<usize> = (0..group.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for i in 0..group.len() {
            for j in i + 1..group.len() {
                if alike(&titles[i], &titles[j]) || alike(&sets[i], &sets[j]) {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        let mut by_root: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        for (i, m) in group.iter().enumerate() {
            let r = root(&mut parent, i);
            by_root.entry(r).or_default().push(m.id);
        }
        out.extend(by_root.into_values().filter(|c| c.len() >= MIN_CLUSTER));
    }
    for c in &mut out {
        c.sort_unstable();
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| b.last().cmp(&a.last())));
    out
}

/// One matter of a cluster as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterMatter {
    pub id: i64,
    pub title: String,
    pub state: String,
    pub created_at: i64,
    pub supporters: u32,
}

/// A cluster of similar matters, and the topic it became if it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub category: LocalName,
    pub grid: String,
    pub grid_name: LocalName,
    pub matters: Vec<ClusterMatter>,
    /// (deliberation, topic, title) once proposed.
    pub topic: Option<(i64, i64, String)>,
}

/// A community's recurring matters in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurringPage {
    pub community: String,
    pub community_name: LocalName,
    /// `YYYY-MM`.
    pub month: String,
    pub previous: String,
    /// `None` for the current month.
    pub next: Option<String>,
    pub clusters: Vec<Cluster>,
    /// Deliberations collecting topics that the viewer runs: (id, title).
    /// Empty when the viewer may not propose.
    pub collecting: Vec<(i64, String)>,
    /// The viewer runs the community's deliberations.
    pub may_propose: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: i64, category: &str, grid: &str, title: &str, description: &str) -> MatterText {
        MatterText {
            id,
            category: category.into(),
            grid: grid.into(),
            title: title.into(),
            description: description.into(),
        }
    }

    #[test]
    fn words_are_character_pairs_and_latin_words() {
        let w = words("3幢路灯不亮, LED lamp 2 坏");
        assert!(w.contains("路灯") && w.contains("灯不") && w.contains("不亮"));
        assert!(w.contains("led") && w.contains("lamp"));
        assert!(!w.contains("3") && !w.contains("2") && !w.contains("坏"));
    }

    #[test]
    fn similar_matters_of_one_grid_and_category_cluster() {
        let g = "330203001001112020001";
        let matters = [
            m(
                1,
                "road_lighting",
                g,
                "3幢路灯不亮",
                "门口路灯坏了，晚上看不清",
            ),
            m(
                2,
                "road_lighting",
                g,
                "12幢路灯不亮",
                "路灯一直不亮，老人晚上出门怕摔",
            ),
            m(
                3,
                "road_lighting",
                g,
                "路灯坏了",
                "楼下路灯坏了一个星期，晚上很黑",
            ),
            // Same grid and category, other trouble.
            m(
                4,
                "road_lighting",
                g,
                "井盖松动有响声",
                "路口井盖松了，车一压就响",
            ),
            // Same words, other grid: another place's trouble.
            m(
                5,
                "road_lighting",
                "330203001001112020002",
                "路灯不亮",
                "门口路灯坏了",
            ),
            // Same words, other category.
            m(6, "noise", g, "路灯下广场舞太吵", "晚上路灯下跳舞音响太响"),
        ];
        assert_eq!(clusters(&matters), vec![vec![1, 2, 3]]);
    }

    #[test]
    fn fewer_than_three_is_no_cluster_and_largest_come_first() {
        let g = "g1";
        let lamp = |id| m(id, "road_lighting", g, "路灯不亮", "路灯坏了");
        let bin = |id| m(id, "sanitation", g, "垃圾桶满了没人清", "垃圾桶满了好几天");
        assert!(clusters(&[lamp(1), lamp(2)]).is_empty());
        let got = clusters(&[bin(9), lamp(1), bin(7), lamp(2), lamp(3), bin(8), lamp(4)]);
        assert_eq!(got, vec![vec![1, 2, 3, 4], vec![7, 8, 9]]);
        // The same matters in another order give the same clusters.
        let again = clusters(&[lamp(4), bin(8), lamp(3), lamp(2), bin(7), lamp(1), bin(9)]);
        assert_eq!(got, again);
    }

    #[test]
    fn a_chain_of_alike_matters_is_one_cluster() {
        let g = "g1";
        let matters = [
            m(1, "sanitation", g, "垃圾桶满了", "垃圾桶满了"),
            m(2, "sanitation", g, "垃圾桶满了没人清运", "垃圾没人清运"),
            m(3, "sanitation", g, "垃圾没人清运发臭", "清运不及时发臭"),
        ];
        assert_eq!(clusters(&matters), vec![vec![1, 2, 3]]);
    }
}
