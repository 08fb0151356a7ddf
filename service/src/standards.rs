//! The governance standards board, public: every community, grid and
//! micro-grid under a place that falls outside a standard (see
//! `linli_model::standards`), each with the record to fix.

use linli_model::{
    LocalName,
    standards::{Board, FLAGS_SHOWN, Flag, FlagKind, flags},
};

use crate::{Result, Store, clock::Clock};

/// Late results a board reads at most.
const LATE_RESULTS_READ: i64 = 1_000;

pub struct Standards<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    /// Community workers due per 10,000 residents.
    pub staff_per_10k: u32,
}

impl Standards<'_> {
    /// Every flag under `place` (already parsed; empty for the city);
    /// `NotFound` for a code naming no place.
    pub async fn flags(&self, place: &str) -> Result<Vec<Flag>> {
        self.store.place_trail(place).await?;
        Ok(self.measure(place).await?.0)
    }

    /// The board of `place`: counts of every kind and the first
    /// [`FLAGS_SHOWN`] flags of each.
    pub async fn board(&self, place: &str) -> Result<Board> {
        let (place_name, parents) = self.store.place_trail(place).await?;
        let (all, (communities, grids, micro_grids)) = self.measure(place).await?;
        let counts: Vec<(FlagKind, u32)> = FlagKind::ALL
            .into_iter()
            .map(|kind| {
                let n = all.iter().filter(|f| f.kind == kind).count();
                (kind, u32::try_from(n).unwrap_or(u32::MAX))
            })
            .collect();
        let mut shown = Vec::new();
        for kind in FlagKind::ALL {
            shown.extend(
                all.iter()
                    .filter(|f| f.kind == kind)
                    .take(FLAGS_SHOWN)
                    .cloned(),
            );
        }
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Board {
            place: place.to_owned(),
            place_name,
            parents,
            communities: count(communities),
            grids: count(grids),
            micro_grids,
            staff_per_10k: self.staff_per_10k,
            counts,
            flags: shown,
        })
    }

    async fn measure(&self, place: &str) -> Result<(Vec<Flag>, (usize, usize, u32))> {
        let communities = self.store.community_facts(place).await?;
        let grids = self.store.grid_facts(place).await?;
        let (micro, micro_count) = self.store.micro_grid_facts(place).await?;
        let found = flags(
            &communities,
            &grids,
            &micro,
            self.staff_per_10k,
            self.clock.now(),
        );
        let mut found = found;
        found.extend(self.late_results(place).await?);
        let micro_count = u32::try_from(micro_count).unwrap_or(u32::MAX);
        Ok((found, (communities.len(), grids.len(), micro_count)))
    }

    /// Results unfinished past their planned date, most overdue first.
    async fn late_results(&self, place: &str) -> Result<Vec<Flag>> {
        let now = self.clock.now();
        let mut late = self
            .store
            .tracked_under(place, Some(now), LATE_RESULTS_READ, 0)
            .await?;
        late.sort_by_key(|r| (r.planned_at, r.id));
        Ok(late
            .into_iter()
            .map(|r| Flag {
                kind: FlagKind::ResultLate,
                code: r.community.clone(),
                name: LocalName::new(r.title.clone(), r.title.clone()),
                community: r.community_name.clone(),
                measured: r.days_late(now),
                expected: 0,
                href: format!("/results/{}", r.id),
            })
            .collect())
    }
}
