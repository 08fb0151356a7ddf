//! Each participant's place on the first two principal components of the
//! vote matrix, found by subspace iteration over the sparse votes: the
//! covariance is never formed, each step costs two passes over the votes
//! cast (a dense m × m covariance would cost n·m² at city scale).

use super::matrix::Votes;

/// Steps of subspace iteration at most; it usually settles well before.
const MAX_STEPS: usize = 80;
/// Settled when less than this share of the new directions lies outside
/// the old plane.
const SETTLED: f64 = 1e-8;

/// The two leading directions over the statements, unit length.
pub type Basis = [Vec<f64>; 2];

/// Places, and the directions that made them. Unvoted cells count as the
/// statement's mean (so add nothing), and people who voted on few
/// statements are scaled out, as Pol.is does, so that they do not all
/// crowd the centre. `start` seeds the iteration (a bootstrap starts from
/// the full data's directions); without it a fixed uneven start is used.
pub fn project(votes: &Votes, start: Option<Basis>) -> (Vec<(f32, f32)>, Basis) {
    let (n, m) = (votes.rows(), votes.columns());
    if n == 0 || m == 0 {
        return (vec![(0.0, 0.0); n], [vec![0.0; m], vec![0.0; m]]);
    }
    let mean: Vec<f64> = (0..m)
        .map(|j| {
            let c = votes.column(j);
            c.iter().map(|(_, v)| f64::from(*v)).sum::<f64>() / c.len().max(1) as f64
        })
        .collect();
    // Each vote less its statement's mean, kept beside the rows.
    let rows: Vec<Vec<(u32, f32)>> = (0..n)
        .map(|i| {
            votes
                .row(i)
                .iter()
                .map(|&(j, v)| (j, (f64::from(v) - mean[j as usize]) as f32))
                .collect()
        })
        .collect();
    let times = |basis: &Basis| covariance_times(&rows, basis, m);
    let mut basis = start.unwrap_or_else(|| {
        [
            (0..m).map(|j| 1.0 + (j % 7) as f64 * 0.1).collect(),
            (0..m)
                .map(|j| if j % 2 == 0 { 1.0 } else { -0.5 })
                .collect(),
        ]
    });
    orthonormalise(&mut basis);
    for _ in 0..MAX_STEPS {
        let mut next = times(&basis);
        // How much of the new directions lies outside the old plane: the
        // plane is what matters, not how the two turn within it (when two
        // eigenvalues are close, as with three camps of equal size, they
        // keep turning long after the plane has settled).
        let outside = next
            .iter()
            .map(|v| {
                let norm = dot(v, v).max(1e-300);
                1.0 - (dot(v, &basis[0]).powi(2) + dot(v, &basis[1]).powi(2)) / norm
            })
            .fold(0f64, f64::max);
        if !orthonormalise(&mut next) {
            break;
        }
        basis = next;
        if outside < SETTLED {
            break;
        }
    }
    // Within the plane, the two principal directions (Rayleigh–Ritz): the
    // eigenvectors of the 2 × 2 covariance restricted to it, larger first.
    let image = times(&basis);
    let (a, b, d) = (
        dot(&basis[0], &image[0]),
        dot(&basis[0], &image[1]),
        dot(&basis[1], &image[1]),
    );
    let angle = 0.5 * (2.0 * b).atan2(a - d);
    let (cos, sin) = (angle.cos(), angle.sin());
    basis = [
        (0..m)
            .map(|j| cos * basis[0][j] + sin * basis[1][j])
            .collect(),
        (0..m)
            .map(|j| -sin * basis[0][j] + cos * basis[1][j])
            .collect(),
    ];
    // A fixed sign: each direction's largest loading is positive, so the
    // same votes always draw the same map, not its mirror image.
    for b in &mut basis {
        let largest = b
            .iter()
            .copied()
            .fold(0f64, |acc, x| if x.abs() > acc.abs() { x } else { acc });
        if largest < 0.0 {
            b.iter_mut().for_each(|x| *x = -*x);
        }
    }
    let points = (0..n)
        .map(|i| {
            let row = &rows[i];
            let scale = (m as f64 / row.len().max(1) as f64).sqrt();
            let at = |b: &[f64]| {
                row.iter()
                    .map(|&(j, c)| f64::from(c) * b[j as usize])
                    .sum::<f64>()
                    * scale
            };
            (at(&basis[0]) as f32, at(&basis[1]) as f32)
        })
        .collect();
    (points, basis)
}

/// The covariance times both directions, as Σᵢ rᵢ (rᵢ · b), row by row:
/// two passes over the votes, never the m × m matrix.
fn covariance_times(rows: &[Vec<(u32, f32)>], basis: &Basis, m: usize) -> Basis {
    let mut next = [vec![0f64; m], vec![0f64; m]];
    for row in rows {
        let (mut d0, mut d1) = (0f64, 0f64);
        for &(j, c) in row {
            d0 += f64::from(c) * basis[0][j as usize];
            d1 += f64::from(c) * basis[1][j as usize];
        }
        for &(j, c) in row {
            next[0][j as usize] += f64::from(c) * d0;
            next[1][j as usize] += f64::from(c) * d1;
        }
    }
    next
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Gram–Schmidt on the two directions; false when the first has vanished
/// (no variation at all). A vanished second is left at zero.
fn orthonormalise(basis: &mut Basis) -> bool {
    let [first, second] = basis;
    let norm = dot(first, first).sqrt();
    if norm < 1e-12 {
        return false;
    }
    first.iter_mut().for_each(|x| *x /= norm);
    let d = dot(second, first);
    second
        .iter_mut()
        .zip(first.iter())
        .for_each(|(x, f)| *x -= d * f);
    let norm = dot(second, second).sqrt();
    if norm < 1e-12 {
        second.iter_mut().for_each(|x| *x = 0.0);
    } else {
        second.iter_mut().for_each(|x| *x /= norm);
    }
    true
}
