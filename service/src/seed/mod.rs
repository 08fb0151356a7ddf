//! Synthetic cities: the demo city a newcomer sees, and large cities for
//! benchmarks. Generation is deterministic (same plan, same data) and
//! separate from loading, which the store does.

mod accounts;
mod admission;
mod consultation;
mod deliberations;
mod intake;
mod items;
mod lists;
mod matters;
mod methods;
mod names;
mod projects;
mod promises;
mod results;

pub use accounts::{DEMO_ACCOUNTS, DEMO_EXPERTS, DEMO_PASSWORD, load_demo_accounts};
pub use admission::load_demo_admission;
pub use deliberations::load_demo_deliberations;
pub use intake::load_demo_intake;
pub use items::{base_items, load_item_lists};
pub use lists::{DemoLinks, load_demo_lists};
pub use matters::load_matters;
pub use projects::load_demo_projects;
pub use promises::load_demo_promises;
pub use results::load_demo_results;

use linli_model::{
    LocalName,
    tree::{CommunityCode, CommunityType, GridKind, MajorType, SizeClass, StreetCode},
};

use names::{District, NamePool};

/// How big a city to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CityPlan {
    pub districts: usize,
    pub streets: usize,
    pub communities: usize,
    pub seed: u64,
}

impl CityPlan {
    /// The demo city: 6 districts, 40 streets, 300 communities, about 3,000
    /// grids and 15,000 micro-grids.
    pub fn demo() -> Self {
        Self {
            districts: 6,
            streets: 40,
            communities: 300,
            seed: 0x4c49_4e4c_4931,
        }
    }

    /// Street numbers have three digits: 999 streets a district at most.
    pub const MAX_COMMUNITIES: usize = 50_000;

    /// A city of `communities` communities for benchmarks, shaped like the
    /// demo (50 communities a district, 7 or 8 a street).
    pub fn scale(communities: usize) -> Self {
        let communities = communities.clamp(1, Self::MAX_COMMUNITIES);
        Self {
            districts: communities.div_ceil(50).clamp(1, names::DISTRICTS.len()),
            streets: communities.div_ceil(7).max(1),
            communities,
            seed: 0x0053_4341_4c45,
        }
    }
}

/// One generated row: its id, its parent's id, code and name.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: i64,
    pub parent: i64,
    pub code: String,
    pub name: LocalName,
}

#[derive(Debug, Clone)]
pub struct CommunityNode {
    pub node: Node,
    pub households: i32,
    pub population: i32,
}

#[derive(Debug, Clone)]
pub struct GridNode {
    pub node: Node,
    pub kind: GridKind,
    pub households: i32,
    /// Its centre (latitude, longitude), so reports bringing only a
    /// position can be placed.
    pub centre: (f64, f64),
}

#[derive(Debug, Clone)]
pub struct MicroGridNode {
    pub node: Node,
    pub households: i32,
}

#[derive(Debug, Clone)]
pub struct CityRow {
    pub id: i64,
    pub name: LocalName,
}

/// A whole city, ready to load.
#[derive(Debug, Clone)]
pub struct CityData {
    pub city: CityRow,
    pub districts: Vec<Node>,
    pub streets: Vec<Node>,
    pub communities: Vec<CommunityNode>,
    pub grids: Vec<GridNode>,
    pub micro_grids: Vec<MicroGridNode>,
}

impl CityData {
    pub fn row_count(&self) -> usize {
        1 + self.districts.len()
            + self.streets.len()
            + self.communities.len()
            + self.grids.len()
            + self.micro_grids.len()
    }
}

/// Told how a long load is going; the command line draws a progress bar.
pub trait Progress: Sync {
    fn start(&self, _total_rows: u64) {}
    fn advance(&self, _rows: u64) {}
    fn finish(&self) {}
}

/// For callers that do not show progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// SplitMix64: tiny, fast and identical on every platform, which is all a
/// reproducible demo needs.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `low..=high`.
    pub(crate) fn between(&mut self, low: u32, high: u32) -> u32 {
        low + (self.next_u64() % u64::from(high - low + 1)) as u32
    }

    /// True with probability `percent` / 100.
    pub(crate) fn chance(&mut self, percent: u32) -> bool {
        self.between(1, 100) <= percent
    }
}

/// Size classes in Ningbo's shares: 54.4 % general, 37.3 % larger, 8.3 % extra-large.
fn size_class(rng: &mut Rng) -> SizeClass {
    match rng.between(1, 1000) {
        1..=544 => SizeClass::General,
        545..=917 => SizeClass::Larger,
        _ => SizeClass::ExtraLarge,
    }
}

/// Grids per community by size class, so that households land in the
/// ranges DOMAIN.md gives (a grid 300–500 households).
fn grid_count(rng: &mut Rng, size: SizeClass) -> u32 {
    match size {
        SizeClass::General => rng.between(6, 9),
        SizeClass::Larger => rng.between(10, 13),
        SizeClass::ExtraLarge => rng.between(15, 20),
    }
}

/// Town streets (镇) are mostly villages; urban streets (街道) mostly urban
/// communities, with industrial ones where industry is.
fn community_type(rng: &mut Rng, town: bool, industrial_district: bool) -> CommunityType {
    let roll = rng.between(1, 100);
    if town {
        match roll {
            1..=55 => CommunityType::FarmingVillage,
            56..=85 => CommunityType::FringeVillage,
            86..=93 => CommunityType::Resettlement,
            _ => CommunityType::IndustrialPark,
        }
    } else {
        let industrial = if industrial_district { 30 } else { 8 };
        match roll {
            r if r <= industrial / 2 => CommunityType::IndustrialPark,
            r if r <= industrial => CommunityType::MixedUse,
            r if r <= industrial + 30 => CommunityType::OldTown,
            r if r <= industrial + 75 => CommunityType::HousingEstate,
            _ => CommunityType::Resettlement,
        }
    }
}

fn special_grid(rng: &mut Rng, kind: CommunityType) -> Option<GridKind> {
    let odds = match kind.major() {
        MajorType::Industrial => 25,
        MajorType::Urban => 6,
        MajorType::Rural => 2,
    };
    if !rng.chance(odds) {
        return None;
    }
    Some(match rng.between(1, 3) {
        1 => GridKind::OfficeTower,
        2 => GridKind::Market,
        _ => GridKind::ConstructionSite,
    })
}

/// Average household size in China's 2020 census, for population figures.
const PEOPLE_PER_HUNDRED_HOUSEHOLDS: i32 = 262;

/// Generates a city from a plan. Codes are valid by construction: each is
/// built through the model's constructors.
/// The demo city's map: streets side by side on a lattice, a street's
/// communities on a finer one inside it, a community's grids on a finer
/// one still, so the nearest grid to a point is in the street and
/// community a person would expect.
fn grid_centre(street: usize, community_in_street: u16, grid: u32) -> (f64, f64) {
    const ORIGIN: (f64, f64) = (29.78, 121.42);
    let cell =
        |i: usize, width: usize, step: f64| ((i / width) as f64 * step, (i % width) as f64 * step);
    // Up to 20 grids in 4 rows of 5 fill 0.0072° × 0.0096° of a
    // community's 0.012° cell; up to 20 communities fill a street's 0.06°.
    let s = cell(street, 10, 0.06);
    let c = cell(usize::from(community_in_street.saturating_sub(1)), 4, 0.012);
    let g = cell(grid.saturating_sub(1) as usize, 5, 0.0024);
    let round = |v: f64| (v * 1e6).round() / 1e6;
    (
        round(ORIGIN.0 + s.0 + c.0 + g.0),
        round(ORIGIN.1 + s.1 + c.1 + g.1),
    )
}

pub fn generate(plan: &CityPlan) -> CityData {
    let mut rng = Rng::new(plan.seed);
    let mut pool = NamePool::new(plan.seed);
    let city = CityRow {
        id: 1,
        name: LocalName::new("明州市", "Mingzhou"),
    };
    let districts_meta: Vec<&District> = names::DISTRICTS.iter().take(plan.districts).collect();
    let mut data = CityData {
        city,
        districts: Vec::new(),
        streets: Vec::new(),
        communities: Vec::new(),
        grids: Vec::new(),
        micro_grids: Vec::new(),
    };
    for (i, d) in districts_meta.iter().enumerate() {
        data.districts.push(Node {
            id: i as i64 + 1,
            parent: 1,
            code: d.code.to_owned(),
            name: LocalName::new(d.zh, d.en),
        });
    }
    // Streets spread evenly over districts; about a third are towns.
    let mut street_meta = Vec::new();
    for s in 0..plan.streets {
        let district_index = s % districts_meta.len();
        let district = districts_meta[district_index];
        let nth_in_district = s / districts_meta.len();
        let town = district.rural && nth_in_district % 2 == 1;
        let code = StreetCode::parse(&format!("{}{:03}", district.code, nth_in_district + 1))
            .unwrap_or_else(|e| unreachable!("generated street code: {e}"));
        let base = pool.take();
        let name = if town {
            LocalName::new(format!("{}镇", base.zh), format!("{} Town", base.en))
        } else {
            LocalName::new(
                format!("{}街道", base.zh),
                format!("{} Subdistrict", base.en),
            )
        };
        data.streets.push(Node {
            id: s as i64 + 1,
            parent: district_index as i64 + 1,
            code: code.to_string(),
            name,
        });
        street_meta.push((code, town, district.industrial));
    }
    let mut per_street = vec![0u16; plan.streets];
    for c in 0..plan.communities {
        let street_index = c % plan.streets;
        let (street_code, town, industrial) = &street_meta[street_index];
        per_street[street_index] += 1;
        let nth = per_street[street_index];
        let kind = community_type(&mut rng, *town, *industrial);
        let size = size_class(&mut rng);
        // Residents' committees take village numbers 001–199, village committees 200–399.
        let village = if kind.major() == MajorType::Rural {
            200 + nth
        } else {
            nth
        };
        let sequence = (nth % 99 + 1) as u8;
        let code = CommunityCode::new(street_code, village, kind, size, sequence)
            .unwrap_or_else(|e| unreachable!("generated community code: {e}"));
        let base = if c == 0 {
            NamePool::landmark()
        } else {
            pool.take()
        };
        let name = if kind.major() == MajorType::Rural {
            LocalName::new(format!("{}村", base.zh), format!("{} Village", base.en))
        } else {
            LocalName::new(format!("{}社区", base.zh), format!("{} Community", base.en))
        };
        let community_id = c as i64 + 1;
        let mut households = 0;
        for g in 1..=grid_count(&mut rng, size) {
            let grid_code = code
                .grid(g as u16)
                .unwrap_or_else(|e| unreachable!("generated grid code: {e}"));
            let grid_id = data.grids.len() as i64 + 1;
            let special = if g > 3 {
                special_grid(&mut rng, kind)
            } else {
                None
            };
            let (grid_kind, grid_households) = match special {
                Some(k) => (k, 0),
                None => (GridKind::Residential, rng.between(300, 500) as i32),
            };
            households += grid_households;
            let centre = grid_centre(street_index, nth, g);
            data.grids.push(GridNode {
                centre,
                node: Node {
                    id: grid_id,
                    parent: community_id,
                    code: grid_code.to_string(),
                    name: names::grid_name(grid_kind, g),
                },
                kind: grid_kind,
                households: grid_households,
            });
            // Micro-grids of 50–80 households, as evenly as the count allows.
            let micro = (grid_households as u32).div_ceil(80);
            for m in 1..=micro {
                let share =
                    grid_households as u32 / micro + u32::from(m <= grid_households as u32 % micro);
                let micro_code = grid_code
                    .micro_grid(m as u8)
                    .unwrap_or_else(|e| unreachable!("generated micro-grid code: {e}"));
                data.micro_grids.push(MicroGridNode {
                    node: Node {
                        id: data.micro_grids.len() as i64 + 1,
                        parent: grid_id,
                        code: micro_code.to_string(),
                        name: names::micro_grid_name(g, m),
                    },
                    households: share as i32,
                });
            }
        }
        data.communities.push(CommunityNode {
            node: Node {
                id: community_id,
                parent: street_index as i64 + 1,
                code: code.to_string(),
                name,
            },
            households,
            population: households * PEOPLE_PER_HUNDRED_HOUSEHOLDS / 100,
        });
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_model::tree::{CommunityCode, GridCode, MicroGridCode};
    use std::collections::HashSet;

    #[test]
    fn the_demo_city_has_the_planned_shape() {
        let city = generate(&CityPlan::demo());
        assert_eq!(city.districts.len(), 6);
        assert_eq!(city.streets.len(), 40);
        assert_eq!(city.communities.len(), 300);
        assert!(
            (2_700..=3_300).contains(&city.grids.len()),
            "{} grids",
            city.grids.len()
        );
        assert!(
            (13_500..=17_500).contains(&city.micro_grids.len()),
            "{} micro-grids",
            city.micro_grids.len()
        );
    }

    #[test]
    fn every_generated_code_parses_and_is_unique() {
        let city = generate(&CityPlan::demo());
        let mut seen = HashSet::new();
        for c in &city.communities {
            CommunityCode::parse(&c.node.code).expect("community code");
            assert!(
                seen.insert(c.node.code.clone()),
                "duplicate {}",
                c.node.code
            );
        }
        for g in &city.grids {
            GridCode::parse(&g.node.code).expect("grid code");
            assert!(seen.insert(g.node.code.clone()));
        }
        for m in &city.micro_grids {
            MicroGridCode::parse(&m.node.code).expect("micro-grid code");
            assert!(seen.insert(m.node.code.clone()));
        }
        let names: HashSet<_> = city.communities.iter().map(|c| &c.node.name.zh).collect();
        assert_eq!(
            names.len(),
            city.communities.len(),
            "community names repeat"
        );
    }

    #[test]
    fn households_fall_in_the_documented_ranges() {
        let city = generate(&CityPlan::demo());
        for g in city
            .grids
            .iter()
            .filter(|g| g.kind == GridKind::Residential)
        {
            assert!((300..=500).contains(&g.households), "grid {}", g.households);
        }
        for m in &city.micro_grids {
            assert!(
                (50..=80).contains(&m.households),
                "micro-grid {}",
                m.households
            );
        }
        let sizes: HashSet<_> = city
            .communities
            .iter()
            .map(|c| {
                CommunityCode::parse(&c.node.code)
                    .expect("valid")
                    .size_class()
            })
            .collect();
        assert_eq!(sizes.len(), 3, "all size classes appear");
        let types: HashSet<_> = city
            .communities
            .iter()
            .map(|c| {
                CommunityCode::parse(&c.node.code)
                    .expect("valid")
                    .community_type()
            })
            .collect();
        assert_eq!(types.len(), 7, "all subtypes appear");
    }

    #[test]
    fn generation_is_deterministic() {
        let a = generate(&CityPlan::demo());
        let b = generate(&CityPlan::demo());
        let names = |c: &CityData| {
            c.communities
                .iter()
                .map(|c| c.node.name.zh.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_eq!(a.micro_grids.len(), b.micro_grids.len());
    }

    #[test]
    fn scale_plans_grow_with_the_community_count() {
        let city = generate(&CityPlan::scale(3_000));
        assert_eq!(city.communities.len(), 3_000);
        let codes: HashSet<_> = city.communities.iter().map(|c| &c.node.code).collect();
        assert_eq!(codes.len(), 3_000);
    }
}
