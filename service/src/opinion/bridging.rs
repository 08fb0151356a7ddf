//! The bridging score, as Community Notes rates notes: a one-factor matrix
//! factorisation of the votes, vote ≈ μ + participant intercept +
//! statement intercept + participant factor × statement factor. The factor
//! takes up the main line of division; what is left in a statement's
//! intercept is agreement that people on either side of it share.
//!
//! Fitted by alternating least squares (each participant's and each
//! statement's two numbers have a closed form given the others), so a
//! sweep costs two passes over the votes. Intercepts are regularised more
//! than factors, as Community Notes does, so that a statement only earns
//! a high intercept when the factor cannot explain its support.

use super::matrix::Votes;

/// Regularisation of intercepts and of factors (Community Notes' ratio).
const LAMBDA_INTERCEPT: f64 = 0.15;
const LAMBDA_FACTOR: f64 = 0.03;
/// Alternating sweeps at most; the fit usually settles within a few dozen.
const MAX_SWEEPS: usize = 40;
/// Settled when no statement's intercept moved more than this in a sweep.
const SETTLED: f64 = 1e-4;

/// Each statement's bridging score, in the order of `votes.statements`:
/// μ plus its intercept, the agreement predicted for someone in the
/// middle of the divide (factor 0), 0–1. Agree counts 1 and disagree 0; a pass says nothing either way and is left
/// out. `lean` seeds the participants' factors (their place on the first
/// principal component), which fixes the sign and makes the fit
/// deterministic.
pub fn scores(votes: &Votes, lean: &[f32]) -> Vec<f32> {
    let (n, m) = (votes.rows(), votes.columns());
    // Ratings by row and by column, passes dropped.
    let ratings = |cells: &[(u32, i8)]| -> Vec<(u32, f64)> {
        cells
            .iter()
            .filter(|c| c.1 != 0)
            .map(|&(k, v)| (k, if v > 0 { 1.0 } else { 0.0 }))
            .collect()
    };
    let rows: Vec<Vec<(u32, f64)>> = (0..n).map(|i| ratings(votes.row(i))).collect();
    let columns: Vec<Vec<(u32, f64)>> = (0..m).map(|j| ratings(votes.column(j))).collect();
    let count: usize = rows.iter().map(Vec::len).sum();
    if count == 0 {
        return vec![0.0; m];
    }
    let mut mu = rows.iter().flatten().map(|c| c.1).sum::<f64>() / count as f64;
    let spread = lean.iter().map(|x| x.abs()).fold(0f32, f32::max).max(1e-6);
    let mut person: Vec<(f64, f64)> = lean.iter().map(|x| (0.0, f64::from(*x / spread))).collect();
    let mut statement = vec![(0f64, 0f64); m];
    for _ in 0..MAX_SWEEPS {
        let mut moved = 0f64;
        for (s, column) in statement.iter_mut().zip(&columns) {
            let next = fit(column.iter().map(|&(i, r)| (person[i as usize], r - mu)));
            moved = moved.max((next.0 - s.0).abs());
            *s = next;
        }
        // Participants next; the residual left by both intercepts on the
        // way gives the new global mean.
        let mut residual = 0f64;
        for (p, row) in person.iter_mut().zip(&rows) {
            *p = fit(row.iter().map(|&(j, r)| (statement[j as usize], r - mu)));
            let (a, f) = *p;
            residual += row
                .iter()
                .map(|&(j, r)| {
                    let (b, g) = statement[j as usize];
                    r - a - b - f * g
                })
                .sum::<f64>();
        }
        mu = residual / count as f64;
        if moved < SETTLED {
            break;
        }
    }
    statement
        .into_iter()
        .map(|(b, _)| (mu + b).clamp(0.0, 1.0) as f32)
        .collect()
}

/// The intercept and factor of one side, given the other side's
/// (intercept, factor) and the target less μ for each vote: ridge least
/// squares on two unknowns, solved in closed form.
fn fit(cells: impl Iterator<Item = ((f64, f64), f64)>) -> (f64, f64) {
    // Normal equations for target − other intercept ≈ a + f·other factor.
    let (mut n, mut sg, mut sgg, mut se, mut seg) = (0f64, 0f64, 0f64, 0f64, 0f64);
    for ((b, g), t) in cells {
        let e = t - b;
        n += 1.0;
        sg += g;
        sgg += g * g;
        se += e;
        seg += e * g;
    }
    let (p, q, r) = (n + LAMBDA_INTERCEPT, sg, sgg + LAMBDA_FACTOR);
    let det = p * r - q * q;
    if det.abs() < 1e-12 {
        return (0.0, 0.0);
    }
    ((r * se - q * seg) / det, (p * seg - q * se) / det)
}
