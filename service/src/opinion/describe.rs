//! What the votes say once people are grouped: the statements that set
//! each group apart, the common ground, the group-informed consensus of
//! every statement, and how close each participant is to each group.

use linli_model::deliberation::StatementShare;

use super::matrix::Votes;

/// Statements shown per group, and as common ground.
const SHOWN: usize = 5;
/// Share of every group that must agree for common ground.
const CONSENSUS: f32 = 0.6;

/// (agree, disagree, voted) per group and statement.
pub struct Counts {
    groups: usize,
    statements: usize,
    cells: Vec<(u32, u32, u32)>,
}

impl Counts {
    pub fn new(votes: &Votes, group_of: &[usize], groups: usize) -> Self {
        let m = votes.columns();
        let mut cells = vec![(0u32, 0u32, 0u32); groups * m];
        for j in 0..m {
            for &(i, v) in votes.column(j) {
                let c = &mut cells[group_of[i as usize] * m + j];
                c.2 += 1;
                match v {
                    1 => c.0 += 1,
                    -1 => c.1 += 1,
                    _ => {}
                }
            }
        }
        Counts {
            groups,
            statements: m,
            cells,
        }
    }

    fn at(&self, group: usize, statement: usize) -> (u32, u32, u32) {
        self.cells[group * self.statements + statement]
    }

    /// Group-informed consensus of each statement: the geometric mean over
    /// groups of the Laplace-smoothed share agreeing (Pol.is multiplies
    /// these; the mean keeps it 0–1 whatever the number of groups).
    pub fn group_informed(&self) -> Vec<f32> {
        (0..self.statements)
            .map(|j| {
                let log: f64 = (0..self.groups)
                    .map(|g| {
                        let (agree, _, voted) = self.at(g, j);
                        ((1.0 + f64::from(agree)) / (2.0 + f64::from(voted))).ln()
                    })
                    .sum();
                (log / self.groups.max(1) as f64).exp() as f32
            })
            .collect()
    }

    /// For each participant and group, the share (0–100) of the
    /// participant's agree and disagree votes that go the way the group's
    /// majority voted (passes and statements the group is split on are left
    /// out).
    pub fn closeness(&self, votes: &Votes) -> Vec<Vec<u8>> {
        (0..votes.rows())
            .map(|i| {
                (0..self.groups)
                    .map(|g| {
                        let (mut same, mut compared) = (0u32, 0u32);
                        for &(j, v) in votes.row(i) {
                            let (agree, disagree, _) = self.at(g, j as usize);
                            if v != 0 && agree != disagree {
                                compared += 1;
                                same += u32::from((v > 0) == (agree > disagree));
                            }
                        }
                        (100 * same).checked_div(compared).unwrap_or(0) as u8
                    })
                    .collect()
            })
            .collect()
    }
}

type Described = (Vec<Vec<StatementShare>>, Vec<StatementShare>);

/// Characteristic statements per group, and the common ground.
pub fn describe(counts: &Counts, statements: &[i64]) -> Described {
    let (m, groups) = (counts.statements, counts.groups);
    let counts = &counts.cells;
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
