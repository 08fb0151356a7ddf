//! Opinion groups of a consultation, from agree/disagree/pass votes on
//! short statements, in the manner of Pol.is: participants' votes are
//! projected onto their two principal components, clustered with k-means
//! (k chosen by silhouette), and each group is described by the statements
//! that set it apart; statements most of every group agrees with are the
//! common ground.
//!
//! Each statement also gets a group-informed consensus and a bridging
//! score (the Community Notes factorisation), and the grouping's stability
//! is measured by resampling.
//!
//! Everything is deterministic (fixed seeds and signs), so the same votes
//! always give the same map, on every server instance, and everything
//! works over the votes cast (sparse), so a consultation at city scale
//! (5,000 people, 1,000 statements, 1,000,000 votes) recomputes in well
//! under a second: see `cargo bench -p linli-service --bench opinion`.

mod bridging;
mod describe;
mod groups;
mod matrix;
mod pca;

use linli_model::deliberation::{
    OpinionGroup, OpinionMap, StatementScore, StatementShare, YourStand,
};

use describe::Counts;
use groups::Rng;
pub use matrix::MIN_VOTES;
use matrix::Votes;

/// The groups with who is in them, before anyone is made anonymous.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    /// Participants placed, by account id, in the order of `points`.
    pub participants: Vec<i64>,
    /// Each participant's place (two principal components) and group.
    pub points: Vec<(f32, f32)>,
    pub group_of: Vec<usize>,
    pub groups: usize,
    /// Per group, statements that characterise it.
    pub characteristic: Vec<Vec<StatementShare>>,
    pub consensus: Vec<StatementShare>,
    /// Per participant, per group: the share (0–100) of their agree or
    /// disagree votes that match the group's majority.
    pub closeness: Vec<Vec<u8>>,
    /// Per statement, in id order: consensus and bridging.
    pub scores: Vec<StatementScore>,
    pub stability: Option<f32>,
}

/// A consultation's opinion groups: the public map, and the clustering
/// behind it that can tell a participant where they stand.
#[derive(Debug, Clone, PartialEq)]
pub struct Opinion {
    pub map: OpinionMap,
    pub clustering: Clustering,
}

impl std::ops::Deref for Opinion {
    type Target = OpinionMap;

    fn deref(&self) -> &OpinionMap {
        &self.map
    }
}

impl From<Clustering> for Opinion {
    fn from(clustering: Clustering) -> Self {
        Opinion {
            map: clustering.map(),
            clustering,
        }
    }
}

impl Clustering {
    /// Where `account` stands, if they voted enough to be placed.
    pub fn stand(&self, account: i64) -> Option<YourStand> {
        let i = self.participants.binary_search(&account).ok()?;
        let group = self.group_of[i];
        Some(YourStand {
            group: group as u8,
            members: self.group_of.iter().filter(|&&g| g == group).count() as u32,
            closeness: self.closeness[i].clone(),
            characteristic: self.characteristic[group].clone(),
        })
    }

    /// The public map: places and groups, without account ids. Points are
    /// listed by position, not in the participants' (account) order, so
    /// their order tells nothing about who is where.
    pub fn map(&self) -> OpinionMap {
        let scale = self
            .points
            .iter()
            .flat_map(|(x, y)| [x.abs(), y.abs()])
            .fold(0.0f32, f32::max)
            .max(f32::EPSILON);
        OpinionMap {
            participants: self.participants.len() as u32,
            groups: (0..self.groups)
                .map(|g| OpinionGroup {
                    members: self.group_of.iter().filter(|&&x| x == g).count() as u32,
                    characteristic: self.characteristic[g].clone(),
                })
                .collect(),
            points: {
                let mut points: Vec<(f32, f32, u8)> = self
                    .points
                    .iter()
                    .zip(&self.group_of)
                    .map(|((x, y), g)| (x / scale, y / scale, *g as u8))
                    .collect();
                points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
                points
            },
            consensus: self.consensus.clone(),
            scores: self.scores.clone(),
            stability: self.stability,
        }
    }
}

/// Groups the participants of `votes`: (account, statement, −1/0/1).
pub fn cluster(votes: &[(i64, i64, i8)]) -> Clustering {
    let votes = Votes::new(votes);
    let (points, basis) = pca::project(&votes, None);
    let (groups, group_of) = groups::choose_groups(&points);
    let counts = Counts::new(&votes, &group_of, groups);
    let (characteristic, consensus) = describe::describe(&counts, &votes.statements);
    let closeness = counts.closeness(&votes);
    let lean: Vec<f32> = points.iter().map(|p| p.0).collect();
    let scores = counts
        .group_informed()
        .into_iter()
        .zip(bridging::scores(&votes, &lean))
        .zip(&votes.statements)
        .map(|((consensus, bridging), &statement)| {
            let mut score = StatementScore {
                statement,
                consensus,
                bridging,
                divergent: false,
            };
            score.divergent = score.common_by_consensus() != score.common_by_bridging();
            score
        })
        .collect();
    let stability = (groups > 1).then(|| stability(&votes, &basis, groups, &group_of));
    Clustering {
        participants: votes.participants,
        points,
        group_of,
        groups,
        characteristic,
        consensus,
        closeness,
        scores,
        stability,
    }
}

/// Bootstrap resamples of the statements for the stability figure.
const RESAMPLES: u64 = 5;

/// The mean adjusted Rand index between the groups and the groups the
/// same people fall into when the statements are drawn again with
/// replacement (same number of groups; each resample's iteration starts
/// from the full data's directions, so it settles in a few steps).
fn stability(votes: &Votes, basis: &pca::Basis, k: usize, labels: &[usize]) -> f32 {
    let m = votes.columns();
    let total: f32 = (1..=RESAMPLES)
        .map(|seed| {
            let mut rng = Rng(0xB007_57A9_D15C_0001 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let picks: Vec<usize> = (0..m)
                .map(|_| (rng.next_f32() * m as f32) as usize % m)
                .collect();
            let start = [
                picks.iter().map(|&j| basis[0][j]).collect(),
                picks.iter().map(|&j| basis[1][j]).collect(),
            ];
            let (points, _) = pca::project(&votes.with_columns(&picks), Some(start));
            groups::adjusted_rand(labels, &groups::kmeans(&points, k))
        })
        .sum();
    total / RESAMPLES as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two camps of residents: everyone agrees on statements 0–9; on 10–19
    /// camp A agrees and camp B disagrees. A few votes are flipped or
    /// missing, as in life.
    fn two_camps(per_camp: i64, statements: i64) -> Vec<(i64, i64, i8)> {
        let mut rng = Rng(42);
        let mut votes = Vec::new();
        for person in 0..per_camp * 2 {
            let camp_a = person < per_camp;
            for s in 0..statements {
                let r = rng.next_f32();
                if r < 0.1 {
                    continue; // did not vote
                }
                let mut v: i8 = if s < statements / 2 || camp_a { 1 } else { -1 };
                if r > 0.95 {
                    v = -v; // a change of heart
                } else if r > 0.92 {
                    v = 0; // pass
                }
                votes.push((1000 + person, s, v));
            }
        }
        votes
    }

    #[test]
    fn two_camps_that_split_on_half_the_statements_come_out_as_two_groups() {
        let c = cluster(&two_camps(30, 20));
        assert_eq!(c.groups, 2);
        assert_eq!(c.participants.len(), 60);
        let camp_of = |i: usize| c.participants[i] < 1030;
        let a_group = c.group_of[c
            .participants
            .iter()
            .position(|&p| p == 1000)
            .expect("placed")];
        for i in 0..c.participants.len() {
            assert_eq!(
                c.group_of[i] == a_group,
                camp_of(i),
                "participant {}",
                c.participants[i]
            );
        }
        // What sets each camp apart is a statement of the second half, and
        // the common ground comes from the first half.
        for g in 0..2 {
            assert!(!c.characteristic[g].is_empty());
            assert!(c.characteristic[g].iter().all(|s| s.statement >= 10), "{g}");
        }
        assert!(!c.consensus.is_empty());
        assert!(
            c.consensus
                .iter()
                .all(|s| s.statement < 10 && s.agree >= 0.6)
        );
        let map = c.map();
        assert_eq!(map.participants, 60);
        assert_eq!(map.groups.iter().map(|g| g.members).sum::<u32>(), 60);
        assert!(
            map.points
                .iter()
                .all(|(x, y, _)| x.abs() <= 1.0 && y.abs() <= 1.0)
        );
        // Listed by place, so the order says nothing of who is where: the
        // two camps were numbered one after the other.
        assert!(
            map.points.windows(2).all(|w| w[0].0 <= w[1].0),
            "ordered by position"
        );
        let groups: Vec<u8> = map.points.iter().map(|p| p.2).collect();
        let by_account: Vec<u8> = c.group_of.iter().map(|&g| g as u8).collect();
        assert_ne!(groups, by_account, "not in account order");
    }

    #[test]
    fn three_camps_come_out_as_three() {
        let mut votes = Vec::new();
        for person in 0..45i64 {
            let camp = person / 15;
            for s in 0..15i64 {
                // Each camp agrees with its own five statements only.
                let v = if s / 5 == camp { 1 } else { -1 };
                votes.push((person, s, v));
            }
        }
        let c = cluster(&votes);
        assert_eq!(c.groups, 3);
        for camp in 0..3 {
            let g = c.group_of[camp * 15];
            assert!((camp * 15..camp * 15 + 15).all(|i| c.group_of[i] == g));
        }
    }

    #[test]
    fn agreement_without_division_is_one_group_of_common_ground() {
        let votes: Vec<(i64, i64, i8)> = (0..20i64)
            .flat_map(|p| (0..6i64).map(move |s| (p, s, 1)))
            .collect();
        let c = cluster(&votes);
        assert_eq!(c.groups, 1);
        assert_eq!(c.consensus.len(), 5, "at most five are shown");
    }

    #[test]
    fn too_few_votes_place_nobody() {
        let c = cluster(&[(1, 1, 1), (1, 2, -1), (2, 1, 1)]);
        assert!(c.participants.is_empty());
        assert_eq!(c.map().participants, 0);
    }

    /// Camp A (60 people) and camp B (40) vote on twelve statements with
    /// the chances of agreeing below; the rest disagree.
    fn camps_with_common_ground() -> Vec<(i64, i64, i8)> {
        let mut rng = Rng(7);
        let mut votes = Vec::new();
        for p in 0..100i64 {
            let a = p < 60;
            for s in 0..12i64 {
                let agree = match s {
                    0 => 0.95,
                    1..=4 => {
                        if a {
                            0.9
                        } else {
                            0.1
                        }
                    }
                    5..=7 => {
                        if a {
                            0.1
                        } else {
                            0.9
                        }
                    }
                    // A is all for it, B split down the middle.
                    8 => {
                        if a {
                            1.0
                        } else {
                            0.5
                        }
                    }
                    9 => 0.7,
                    10 => {
                        if a {
                            0.95
                        } else {
                            0.3
                        }
                    }
                    _ => 0.85,
                };
                votes.push((p, s, if rng.next_f32() < agree { 1 } else { -1 }));
            }
        }
        votes
    }

    #[test]
    fn consensus_and_bridging_find_the_common_ground_and_flag_where_they_part() {
        let c = cluster(&camps_with_common_ground());
        assert_eq!(c.groups, 2);
        let score = |s: i64| c.scores.iter().find(|x| x.statement == s).expect("scored");
        for s in [0, 11] {
            assert!(score(s).common_by_consensus(), "{:?}", score(s));
            assert!(score(s).common_by_bridging(), "{:?}", score(s));
            assert!(!score(s).divergent);
        }
        for s in 1..=7 {
            let x = score(s);
            assert!(!x.common_by_consensus() && !x.common_by_bridging(), "{x:?}");
            assert!(
                x.bridging + 0.2 < score(0).bridging.min(score(11).bridging),
                "a dividing statement bridges less than common ground: {x:?}"
            );
        }
        assert!(c.stability.is_some_and(|s| s > 0.8), "{:?}", c.stability);
    }

    #[test]
    fn a_small_group_against_what_both_sides_of_the_divide_want_is_flagged() {
        // Camps A (45) and B (40) split on statements 0–7; a small camp C
        // (15) has views of its own (11–13) and is against statement 10,
        // which A and B both want.
        let mut rng = Rng(11);
        let mut votes = Vec::new();
        for p in 0..100i64 {
            let camp = if p < 45 {
                0
            } else if p < 85 {
                1
            } else {
                2
            };
            for s in 0..14i64 {
                let agree: [f32; 3] = match s {
                    0..=3 => [0.9, 0.1, 0.5],
                    4..=7 => [0.1, 0.9, 0.5],
                    8 | 9 => [0.95, 0.95, 0.95],
                    10 => [0.9, 0.9, 0.05],
                    _ => [0.3, 0.3, 0.9],
                };
                votes.push((p, s, if rng.next_f32() < agree[camp] { 1 } else { -1 }));
            }
        }
        let c = cluster(&votes);
        let score = |s: i64| c.scores.iter().find(|x| x.statement == s).expect("scored");
        // The group-informed consensus heeds the small group; the
        // factorisation follows the main divide, across which it is
        // common ground. The two part: flagged.
        assert!(
            !score(10).common_by_consensus() && score(10).common_by_bridging(),
            "{:?}",
            score(10)
        );
        assert!(score(10).divergent);
        assert!(!score(8).divergent && score(8).common_by_consensus());
    }

    #[test]
    fn the_same_votes_in_any_order_give_the_same_picture() {
        let votes = camps_with_common_ground();
        let mut reversed = votes.clone();
        reversed.reverse();
        assert_eq!(cluster(&votes), cluster(&reversed));
        // One group has no stability to speak of.
        let agreed: Vec<(i64, i64, i8)> = (0..20i64)
            .flat_map(|p| (0..6i64).map(move |s| (p, s, 1)))
            .collect();
        assert_eq!(cluster(&agreed).stability, None);
    }

    #[test]
    fn a_hidden_statement_or_a_light_voter_leaves_the_math() {
        let votes = camps_with_common_ground();
        // Statement 10 hidden: its votes are not read (the store leaves
        // them out), and it gets no score.
        let without: Vec<_> = votes.iter().copied().filter(|v| v.1 != 10).collect();
        let c = cluster(&without);
        assert!(c.scores.iter().all(|s| s.statement != 10));
        assert_eq!(c.scores.len(), 11);
        // Someone with two votes is not placed and does not move the map.
        let mut more = without.clone();
        more.extend([(999, 1, 1), (999, 5, -1)]);
        assert_eq!(cluster(&more).map(), c.map());
    }
}
