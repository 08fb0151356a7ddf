//! Opinion groups of a consultation, from agree/disagree/pass votes on
//! short statements, in the manner of Pol.is: participants' votes are
//! projected onto their two principal components, clustered with k-means
//! (k chosen by silhouette), and each group is described by the statements
//! that set it apart; statements most of every group agrees with are the
//! common ground.
//!
//! Everything is deterministic (fixed seeds), so the same votes always give
//! the same map, on every server instance.

use std::collections::HashMap;

use linli_model::deliberation::{OpinionGroup, OpinionMap, StatementShare, YourStand};

/// Votes a participant needs before they are placed: fewer says too little
/// about where they stand.
const MIN_VOTES: usize = 3;
/// Most groups considered.
const MAX_GROUPS: usize = 5;
/// Statements shown per group, and as common ground.
const SHOWN: usize = 5;
/// Share of every group that must agree for common ground.
const CONSENSUS: f32 = 0.6;

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
        }
    }
}

/// Groups the participants of `votes`: (account, statement, −1/0/1).
pub fn cluster(votes: &[(i64, i64, i8)]) -> Clustering {
    // Index participants with enough votes, and the statements they voted on.
    let mut per_person: HashMap<i64, usize> = HashMap::new();
    for (a, _, _) in votes {
        *per_person.entry(*a).or_default() += 1;
    }
    let mut participants: Vec<i64> = per_person
        .into_iter()
        .filter(|(_, n)| *n >= MIN_VOTES)
        .map(|(a, _)| a)
        .collect();
    participants.sort_unstable();
    let row: HashMap<i64, usize> = participants
        .iter()
        .enumerate()
        .map(|(i, a)| (*a, i))
        .collect();
    let mut statements: Vec<i64> = votes.iter().map(|v| v.1).collect();
    statements.sort_unstable();
    statements.dedup();
    let col: HashMap<i64, usize> = statements
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i))
        .collect();
    let (n, m) = (participants.len(), statements.len());

    // Votes as a matrix; `seen` marks the cells voted (pass included).
    let mut x = vec![0f32; n * m];
    let mut seen = vec![false; n * m];
    for (a, s, v) in votes {
        if let (Some(&i), Some(&j)) = (row.get(a), col.get(s)) {
            x[i * m + j] = f32::from(*v);
            seen[i * m + j] = true;
        }
    }
    let points = project(&x, &seen, n, m);
    let (groups, group_of) = choose_groups(&points);
    let (characteristic, consensus) = describe(&x, &seen, n, m, &statements, &group_of, groups);
    let closeness = closeness(&x, n, m, &group_of, groups);
    Clustering {
        participants,
        points,
        group_of,
        groups,
        characteristic,
        consensus,
        closeness,
    }
}

/// For each participant and group, the share of the participant's agree
/// and disagree votes that go the way the group's majority voted (passes
/// and statements the group is split on are left out).
fn closeness(x: &[f32], n: usize, m: usize, group_of: &[usize], groups: usize) -> Vec<Vec<u8>> {
    // Agree minus disagree per group and statement: its sign is the majority.
    let mut lean = vec![0i32; groups * m];
    for i in 0..n {
        for j in 0..m {
            lean[group_of[i] * m + j] += x[i * m + j] as i32;
        }
    }
    (0..n)
        .map(|i| {
            (0..groups)
                .map(|g| {
                    let (mut same, mut compared) = (0u32, 0u32);
                    for j in 0..m {
                        let mine = x[i * m + j];
                        let theirs = lean[g * m + j];
                        if mine != 0.0 && theirs != 0 {
                            compared += 1;
                            same += u32::from((mine > 0.0) == (theirs > 0));
                        }
                    }
                    (100 * same).checked_div(compared).unwrap_or(0) as u8
                })
                .collect()
        })
        .collect()
}

/// Each participant's coordinates on the first two principal components.
/// Unvoted cells take the statement's mean (so add nothing), and people
/// who voted on few statements are scaled out, as Pol.is does, so that
/// they do not all crowd the centre.
fn project(x: &[f32], seen: &[bool], n: usize, m: usize) -> Vec<(f32, f32)> {
    if n == 0 || m == 0 {
        return vec![(0.0, 0.0); n];
    }
    let mut mean = vec![0f32; m];
    let mut count = vec![0u32; m];
    for i in 0..n {
        for j in 0..m {
            if seen[i * m + j] {
                mean[j] += x[i * m + j];
                count[j] += 1;
            }
        }
    }
    for j in 0..m {
        mean[j] /= count[j].max(1) as f32;
    }
    let centred: Vec<f32> = (0..n * m)
        .map(|k| if seen[k] { x[k] - mean[k % m] } else { 0.0 })
        .collect();
    // Covariance (m × m), then its two leading eigenvectors.
    let mut cov = vec![0f64; m * m];
    for i in 0..n {
        let r = &centred[i * m..(i + 1) * m];
        for a in 0..m {
            if r[a] == 0.0 {
                continue;
            }
            let ra = f64::from(r[a]);
            for b in a..m {
                cov[a * m + b] += ra * f64::from(r[b]);
            }
        }
    }
    for a in 0..m {
        for b in 0..a {
            cov[a * m + b] = cov[b * m + a];
        }
    }
    let first = leading_eigenvector(&cov, m, None);
    let second = leading_eigenvector(&cov, m, Some(&first));
    (0..n)
        .map(|i| {
            let r = &centred[i * m..(i + 1) * m];
            let voted = seen[i * m..(i + 1) * m]
                .iter()
                .filter(|s| **s)
                .count()
                .max(1);
            let scale = (m as f64 / voted as f64).sqrt();
            let dot = |v: &[f64]| r.iter().zip(v).map(|(a, b)| f64::from(*a) * b).sum::<f64>();
            ((dot(&first) * scale) as f32, (dot(&second) * scale) as f32)
        })
        .collect()
}

/// Power iteration; with `orthogonal_to`, the next eigenvector after it.
fn leading_eigenvector(cov: &[f64], m: usize, orthogonal_to: Option<&[f64]>) -> Vec<f64> {
    // A fixed, uneven start so no eigenvector is missed by symmetry.
    let mut v: Vec<f64> = (0..m).map(|j| 1.0 + (j % 7) as f64 * 0.1).collect();
    for _ in 0..200 {
        if let Some(u) = orthogonal_to {
            let d: f64 = v.iter().zip(u).map(|(a, b)| a * b).sum();
            v.iter_mut().zip(u).for_each(|(a, b)| *a -= d * b);
        }
        let mut next: Vec<f64> = (0..m)
            .map(|a| (0..m).map(|b| cov[a * m + b] * v[b]).sum())
            .collect();
        let norm = next.iter().map(|a| a * a).sum::<f64>().sqrt();
        if norm < 1e-12 {
            return vec![0.0; m];
        }
        next.iter_mut().for_each(|a| *a /= norm);
        let moved: f64 = next.iter().zip(&v).map(|(a, b)| (a - b).abs()).sum();
        v = next;
        if moved < 1e-9 {
            break;
        }
    }
    v
}

fn distance2(a: (f32, f32), b: (f32, f32)) -> f32 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

/// The number of groups with the best silhouette, 2 to 5; one group when
/// there are too few people or no structure to speak of. Groups are
/// numbered by size, largest first.
fn choose_groups(points: &[(f32, f32)]) -> (usize, Vec<usize>) {
    let n = points.len();
    if n < 4 {
        return (1, vec![0; n]);
    }
    let mut best: Option<(f32, usize, Vec<usize>)> = None;
    for k in 2..=MAX_GROUPS.min(n / 2) {
        let labels = kmeans(points, k);
        let score = silhouette(points, &labels, k);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s + 1e-4) {
            best = Some((score, k, labels));
        }
    }
    match best {
        Some((score, k, labels)) if score > 0.25 => (k, by_size(labels, k)),
        _ => (1, vec![0; n]),
    }
}

fn by_size(labels: Vec<usize>, k: usize) -> Vec<usize> {
    let mut sizes: Vec<(usize, usize)> = (0..k)
        .map(|g| (labels.iter().filter(|&&l| l == g).count(), g))
        .collect();
    sizes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut rank = vec![0; k];
    for (r, (_, g)) in sizes.iter().enumerate() {
        rank[*g] = r;
    }
    labels.into_iter().map(|l| rank[l]).collect()
}

/// A small deterministic generator (xorshift64*) for k-means++ seeding.
struct Rng(u64);

impl Rng {
    fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Lloyd's k-means from k-means++ seeds, best of a few fixed seeds.
fn kmeans(points: &[(f32, f32)], k: usize) -> Vec<usize> {
    let mut best: Option<(f32, Vec<usize>)> = None;
    for seed in 1..=4u64 {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed);
        let mut centres =
            vec![points[(rng.next_f32() * points.len() as f32) as usize % points.len()]];
        while centres.len() < k {
            let d: Vec<f32> = points
                .iter()
                .map(|p| {
                    centres
                        .iter()
                        .map(|c| distance2(*p, *c))
                        .fold(f32::MAX, f32::min)
                })
                .collect();
            let total: f32 = d.iter().sum();
            let mut target = rng.next_f32() * total;
            let mut pick = points.len() - 1;
            for (i, di) in d.iter().enumerate() {
                if target <= *di {
                    pick = i;
                    break;
                }
                target -= di;
            }
            centres.push(points[pick]);
        }
        let mut labels = vec![0usize; points.len()];
        for _ in 0..100 {
            let mut changed = false;
            for (i, p) in points.iter().enumerate() {
                let nearest = (0..k)
                    .min_by(|a, b| {
                        distance2(*p, centres[*a]).total_cmp(&distance2(*p, centres[*b]))
                    })
                    .unwrap_or(0);
                if labels[i] != nearest {
                    labels[i] = nearest;
                    changed = true;
                }
            }
            for (g, centre) in centres.iter_mut().enumerate() {
                let (mut sx, mut sy, mut c) = (0f32, 0f32, 0f32);
                for (p, l) in points.iter().zip(&labels) {
                    if *l == g {
                        sx += p.0;
                        sy += p.1;
                        c += 1.0;
                    }
                }
                if c > 0.0 {
                    *centre = (sx / c, sy / c);
                }
            }
            if !changed {
                break;
            }
        }
        let inertia: f32 = points
            .iter()
            .zip(&labels)
            .map(|(p, l)| distance2(*p, centres[*l]))
            .sum();
        if best.as_ref().is_none_or(|(b, _)| inertia < *b) {
            best = Some((inertia, labels));
        }
    }
    best.map(|(_, l)| l).unwrap_or_default()
}

/// Mean silhouette: how much closer each point is to its own group than
/// to the next one, −1 to 1.
fn silhouette(points: &[(f32, f32)], labels: &[usize], k: usize) -> f32 {
    let n = points.len();
    let mut total = 0f32;
    for i in 0..n {
        let mut sum = vec![0f32; k];
        let mut cnt = vec![0u32; k];
        for j in 0..n {
            if i != j {
                sum[labels[j]] += distance2(points[i], points[j]).sqrt();
                cnt[labels[j]] += 1;
            }
        }
        let own = labels[i];
        if cnt[own] == 0 {
            continue;
        }
        let a = sum[own] / cnt[own] as f32;
        let b = (0..k)
            .filter(|g| *g != own && cnt[*g] > 0)
            .map(|g| sum[g] / cnt[g] as f32)
            .fold(f32::MAX, f32::min);
        if b < f32::MAX {
            total += (b - a) / a.max(b).max(f32::EPSILON);
        }
    }
    total / n as f32
}

type Described = (Vec<Vec<StatementShare>>, Vec<StatementShare>);

/// Characteristic statements per group, and the common ground.
fn describe(
    x: &[f32],
    seen: &[bool],
    n: usize,
    m: usize,
    statements: &[i64],
    group_of: &[usize],
    groups: usize,
) -> Described {
    // (agree, disagree, voted) per group and statement.
    let mut counts = vec![(0u32, 0u32, 0u32); groups * m];
    for i in 0..n {
        let g = group_of[i];
        for j in 0..m {
            if seen[i * m + j] {
                let c = &mut counts[g * m + j];
                c.2 += 1;
                match x[i * m + j] {
                    v if v > 0.0 => c.0 += 1,
                    v if v < 0.0 => c.1 += 1,
                    _ => {}
                }
            }
        }
    }
    let share = |c: (u32, u32, u32)| StatementShare {
        statement: 0,
        agree: c.0 as f32 / c.2.max(1) as f32,
        disagree: c.1 as f32 / c.2.max(1) as f32,
    };
    let characteristic = (0..groups)
        .map(|g| {
            let mut ranked: Vec<(f32, StatementShare)> = (0..m)
                .filter_map(|j| {
                    let own = counts[g * m + j];
                    let others = (0..groups).filter(|h| *h != g).fold((0, 0, 0), |acc, h| {
                        let c = counts[h * m + j];
                        (acc.0 + c.0, acc.1 + c.1, acc.2 + c.2)
                    });
                    // Laplace-smoothed shares, as Pol.is' representativeness.
                    let p = |k: u32, t: u32| (1.0 + k as f32) / (2.0 + t as f32);
                    let (pa, pd) = (p(own.0, own.2), p(own.1, own.2));
                    let (oa, od) = (p(others.0, others.2), p(others.1, others.2));
                    let score = if pa >= pd { pa / oa } else { pd / od };
                    (own.2 > 0 && pa.max(pd) > 0.5 && (groups == 1 || score > 1.0)).then(|| {
                        let mut s = share(own);
                        s.statement = statements[j];
                        (score * pa.max(pd), s)
                    })
                })
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.statement.cmp(&b.1.statement)));
            ranked.into_iter().take(SHOWN).map(|(_, s)| s).collect()
        })
        .collect();
    let mut consensus: Vec<(f32, StatementShare)> = (0..m)
        .filter_map(|j| {
            let least = (0..groups)
                .map(|g| {
                    let c = counts[g * m + j];
                    if c.2 == 0 {
                        0.0
                    } else {
                        c.0 as f32 / c.2 as f32
                    }
                })
                .fold(f32::MAX, f32::min);
            (least >= CONSENSUS).then(|| {
                let all = (0..groups).fold((0, 0, 0), |acc, g| {
                    let c = counts[g * m + j];
                    (acc.0 + c.0, acc.1 + c.1, acc.2 + c.2)
                });
                let mut s = share(all);
                s.statement = statements[j];
                (least, s)
            })
        })
        .collect();
    consensus.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.statement.cmp(&b.1.statement)));
    (
        characteristic,
        consensus.into_iter().take(SHOWN).map(|(_, s)| s).collect(),
    )
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
}
