//! Governance standards (DOMAIN.md; Hohhot's and Ningbo's rules): how big
//! a community, a grid and a micro-grid should be, that every grid has a
//! worker, how many community workers serve 10,000 residents, and that
//! each community keeps its responsibility list current. The board lists
//! every place that falls outside, each with the record to fix.

use serde::{Deserialize, Serialize};

use crate::LocalName;

/// Households a community should have: merge below, split above.
pub const COMMUNITY_HOUSEHOLDS: (i64, i64) = (1_000, 4_000);
/// Above this a split is due, not only advised.
pub const COMMUNITY_SPLIT_DUE: i64 = 6_000;
pub const GRID_HOUSEHOLDS: (i64, i64) = (300, 500);
pub const MICRO_GRID_HOUSEHOLDS: (i64, i64) = (50, 80);
/// Community workers per 10,000 residents unless configured otherwise
/// (the national target: 18 per 10,000 urban residents).
pub const STAFF_PER_10K_DEFAULT: u32 = 18;
/// A responsibility list not changed for this long is out of date.
pub const LIST_STALE_DAYS: i64 = 365;
/// Flags of one kind a page lists; the download has them all.
pub const FLAGS_SHOWN: usize = 50;

const DAY_MS: i64 = 86_400_000;

/// What is wrong, in the order the board shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Over [`COMMUNITY_SPLIT_DUE`] households.
    SplitDue,
    /// Over the upper bound of [`COMMUNITY_HOUSEHOLDS`].
    SplitAdvised,
    /// Under the lower bound of [`COMMUNITY_HOUSEHOLDS`].
    MergeAdvised,
    GridWithoutWorker,
    StaffBelowQuota,
    ListOutOfDate,
    GridSize,
    MicroGridSize,
    /// A decided topic's or awarded project's result unfinished past its
    /// planned date (see [`crate::tracker`]).
    ResultLate,
}

impl FlagKind {
    pub const ALL: [FlagKind; 9] = [
        FlagKind::SplitDue,
        FlagKind::SplitAdvised,
        FlagKind::MergeAdvised,
        FlagKind::GridWithoutWorker,
        FlagKind::StaffBelowQuota,
        FlagKind::ListOutOfDate,
        FlagKind::GridSize,
        FlagKind::MicroGridSize,
        FlagKind::ResultLate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::SplitDue => "split_due",
            FlagKind::SplitAdvised => "split_advised",
            FlagKind::MergeAdvised => "merge_advised",
            FlagKind::GridWithoutWorker => "grid_without_worker",
            FlagKind::StaffBelowQuota => "staff_below_quota",
            FlagKind::ListOutOfDate => "list_out_of_date",
            FlagKind::GridSize => "grid_size",
            FlagKind::MicroGridSize => "micro_grid_size",
            FlagKind::ResultLate => "result_late",
        }
    }
}

/// One place outside a standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Flag {
    pub kind: FlagKind,
    /// The community, grid or micro-grid code.
    pub code: String,
    pub name: LocalName,
    /// The community it belongs to (its own name for a community).
    pub community: LocalName,
    /// What was measured: households, workers, or days since the list
    /// changed (`None`: never written).
    pub measured: Option<i64>,
    /// What the standard asks for: the bound crossed, or the workers due.
    pub expected: i64,
    /// Where to fix it.
    pub href: String,
}

/// A community as the standards read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityFacts {
    pub code: String,
    pub name: LocalName,
    pub households: i64,
    pub population: i64,
    /// Distinct people on its posted roster (grid leaders and workers,
    /// item leads).
    pub workers: i64,
    /// When its responsibility list last changed; `None`: it has none.
    pub list_changed_at: Option<i64>,
}

/// A grid or micro-grid as the standards read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFacts {
    pub code: String,
    pub name: LocalName,
    pub community: LocalName,
    pub households: i64,
    /// Grids only: whether anyone is posted as its worker.
    pub has_worker: bool,
    /// Grids only: office towers, markets and building sites are sized by
    /// their business, not by households.
    pub residential: bool,
}

/// Workers due for `population` at `per_10k`, rounded up.
pub fn workers_due(population: i64, per_10k: u32) -> i64 {
    (population * i64::from(per_10k) + 9_999) / 10_000
}

/// Every flag of the communities, grids and micro-grids given, in
/// [`FlagKind`] order, then by code.
pub fn flags(
    communities: &[CommunityFacts],
    grids: &[UnitFacts],
    micro_grids: &[UnitFacts],
    per_10k: u32,
    now: i64,
) -> Vec<Flag> {
    let community_href = |code: &str| format!("/communities/{code}");
    let list_href = |code: &str| format!("/responsibilities?place={code}");
    let mut flags = Vec::new();
    for c in communities {
        let flag = |kind, measured, expected, href: String| Flag {
            kind,
            code: c.code.clone(),
            name: c.name.clone(),
            community: c.name.clone(),
            measured,
            expected,
            href,
        };
        let (low, high) = COMMUNITY_HOUSEHOLDS;
        if c.households > COMMUNITY_SPLIT_DUE {
            flags.push(flag(
                FlagKind::SplitDue,
                Some(c.households),
                COMMUNITY_SPLIT_DUE,
                community_href(&c.code),
            ));
        } else if c.households > high {
            flags.push(flag(
                FlagKind::SplitAdvised,
                Some(c.households),
                high,
                community_href(&c.code),
            ));
        } else if c.households < low {
            flags.push(flag(
                FlagKind::MergeAdvised,
                Some(c.households),
                low,
                community_href(&c.code),
            ));
        }
        let due = workers_due(c.population, per_10k);
        if c.workers < due {
            flags.push(flag(
                FlagKind::StaffBelowQuota,
                Some(c.workers),
                due,
                list_href(&c.code),
            ));
        }
        let age = c.list_changed_at.map(|at| (now - at).max(0) / DAY_MS);
        if age.is_none_or(|days| days > LIST_STALE_DAYS) {
            flags.push(flag(
                FlagKind::ListOutOfDate,
                age,
                LIST_STALE_DAYS,
                list_href(&c.code),
            ));
        }
    }
    for g in grids {
        let flag = |kind, measured, expected, href: String| Flag {
            kind,
            code: g.code.clone(),
            name: g.name.clone(),
            community: g.community.clone(),
            measured,
            expected,
            href,
        };
        let community = &g.code[..g.code.len().min(17)];
        if !g.has_worker {
            flags.push(flag(
                FlagKind::GridWithoutWorker,
                None,
                1,
                list_href(community),
            ));
        }
        let (low, high) = GRID_HOUSEHOLDS;
        if g.residential && !(low..=high).contains(&g.households) {
            let bound = if g.households < low { low } else { high };
            flags.push(flag(
                FlagKind::GridSize,
                Some(g.households),
                bound,
                community_href(community),
            ));
        }
    }
    for m in micro_grids {
        let (low, high) = MICRO_GRID_HOUSEHOLDS;
        if !(low..=high).contains(&m.households) {
            flags.push(Flag {
                kind: FlagKind::MicroGridSize,
                code: m.code.clone(),
                name: m.name.clone(),
                community: m.community.clone(),
                measured: Some(m.households),
                expected: if m.households < low { low } else { high },
                href: community_href(&m.code[..m.code.len().min(17)]),
            });
        }
    }
    flags.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.code.cmp(&b.code)));
    flags
}

/// `/standards`: the board of one place (the city, a district or a street).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub place: String,
    pub place_name: LocalName,
    /// Up the tree from the city to the place's parent.
    pub parents: Vec<(String, LocalName)>,
    pub communities: u32,
    pub grids: u32,
    pub micro_grids: u32,
    pub staff_per_10k: u32,
    /// How many of each kind, every kind listed.
    pub counts: Vec<(FlagKind, u32)>,
    /// At most [`FLAGS_SHOWN`] of each kind.
    pub flags: Vec<Flag>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn community(
        code: &str,
        households: i64,
        workers: i64,
        list_days: Option<i64>,
    ) -> CommunityFacts {
        CommunityFacts {
            code: code.into(),
            name: LocalName::new(code, code),
            households,
            population: households * 28 / 10,
            workers,
            list_changed_at: list_days.map(|d| 1_000 * DAY_MS - d * DAY_MS),
        }
    }

    fn unit(code: &str, households: i64, has_worker: bool, residential: bool) -> UnitFacts {
        UnitFacts {
            code: code.into(),
            name: LocalName::new(code, code),
            community: LocalName::new("c", "c"),
            households,
            has_worker,
            residential,
        }
    }

    #[test]
    fn each_standard_flags_what_falls_outside_it_and_nothing_else() {
        let c = "33020300100111202";
        let found = flags(
            &[
                community("33020300100111201", 2_000, 12, Some(30)),
                community("33020300100111202", 6_500, 40, Some(30)),
                community("33020300100111203", 4_500, 40, Some(30)),
                community("33020300100111204", 800, 2, Some(400)),
                community("33020300100111205", 2_000, 9, None),
            ],
            &[
                unit(&format!("{c}001"), 400, true, true),
                unit(&format!("{c}002"), 560, false, true),
                unit(&format!("{c}003"), 40, true, false),
            ],
            &[
                unit(&format!("{c}00101"), 95, true, true),
                unit(&format!("{c}00102"), 60, true, true),
            ],
            18,
            1_000 * DAY_MS,
        );
        let kinds: Vec<(FlagKind, &str)> = found.iter().map(|f| (f.kind, &f.code[14..])).collect();
        assert_eq!(
            kinds,
            [
                (FlagKind::SplitDue, "202"),
                (FlagKind::SplitAdvised, "203"),
                (FlagKind::MergeAdvised, "204"),
                (FlagKind::GridWithoutWorker, "202002"),
                (FlagKind::StaffBelowQuota, "204"),
                (FlagKind::StaffBelowQuota, "205"),
                (FlagKind::ListOutOfDate, "204"),
                (FlagKind::ListOutOfDate, "205"),
                (FlagKind::GridSize, "202002"),
                (FlagKind::MicroGridSize, "20200101"),
            ]
        );
        let staff = found
            .iter()
            .find(|f| f.kind == FlagKind::StaffBelowQuota)
            .expect("flag");
        assert_eq!(
            (staff.measured, staff.expected),
            (Some(2), workers_due(2_240, 18))
        );
        assert_eq!(staff.href, "/responsibilities?place=33020300100111204");
        let stale = found
            .iter()
            .find(|f| f.kind == FlagKind::ListOutOfDate)
            .expect("flag");
        assert_eq!(stale.measured, Some(400));
        assert_eq!(found[8].href, format!("/communities/{c}"));
    }

    #[test]
    fn workers_due_round_up() {
        assert_eq!(workers_due(5_600, 18), 11);
        assert_eq!(workers_due(10_000, 18), 18);
        assert_eq!(workers_due(0, 18), 0);
    }
}
