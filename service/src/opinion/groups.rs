//! Opinion groups from the participants' places: k-means (k-means++
//! seeds, best of a few fixed seeds), k chosen by silhouette, and the
//! adjusted Rand index that tells how stable a grouping is.

/// Most groups considered.
const MAX_GROUPS: usize = 5;
/// The silhouette is judged on at most this many places, spread evenly
/// over everyone (it compares every pair, so it would grow with the
/// square of the participants).
const SILHOUETTE_SAMPLE: usize = 800;

fn distance2(a: (f32, f32), b: (f32, f32)) -> f32 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

/// The number of groups with the best silhouette, 2 to 5; one group when
/// there are too few people or no structure to speak of. Groups are
/// numbered by size, largest first.
pub fn choose_groups(points: &[(f32, f32)]) -> (usize, Vec<usize>) {
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

pub fn by_size(labels: Vec<usize>, k: usize) -> Vec<usize> {
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
pub struct Rng(pub u64);

impl Rng {
    pub fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Lloyd's k-means from k-means++ seeds, best of a few fixed seeds.
pub fn kmeans(points: &[(f32, f32)], k: usize) -> Vec<usize> {
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

/// Mean silhouette: how much closer each place is to its own group than
/// to the next one, −1 to 1; on a sample of the places when there are
/// many.
fn silhouette(points: &[(f32, f32)], labels: &[usize], k: usize) -> f32 {
    let n = points.len();
    let sample = sample(n, SILHOUETTE_SAMPLE);
    let mut total = 0f32;
    for &i in &sample {
        let mut sum = vec![0f32; k];
        let mut cnt = vec![0u32; k];
        for &j in &sample {
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
    total / sample.len().max(1) as f32
}

/// Up to `size` of the indices below `n`, drawn without replacement by a
/// fixed generator (an even stride could fall in step with how people
/// happen to be numbered).
fn sample(n: usize, size: usize) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    if n <= size {
        return all;
    }
    let mut rng = Rng(0x005E_ED0F_5A3B_1E55);
    for k in 0..size {
        let pick = k + (rng.next_f32() * (n - k) as f32) as usize % (n - k);
        all.swap(k, pick);
    }
    all.truncate(size);
    all
}

/// The adjusted Rand index of two labellings of the same people: 1 when
/// they group everyone alike, about 0 when they agree only by chance.
pub fn adjusted_rand(a: &[usize], b: &[usize]) -> f32 {
    let n = a.len();
    if n < 2 {
        return 1.0;
    }
    let ka = a.iter().max().map_or(0, |x| x + 1);
    let kb = b.iter().max().map_or(0, |x| x + 1);
    let mut table = vec![0u64; ka * kb];
    for (x, y) in a.iter().zip(b) {
        table[x * kb + y] += 1;
    }
    let pairs = |c: u64| (c * c.saturating_sub(1) / 2) as f64;
    let index: f64 = table.iter().map(|&c| pairs(c)).sum();
    let rows: f64 = (0..ka)
        .map(|x| pairs(table[x * kb..(x + 1) * kb].iter().sum()))
        .sum();
    let cols: f64 = (0..kb)
        .map(|y| pairs((0..ka).map(|x| table[x * kb + y]).sum()))
        .sum();
    let expected = rows * cols / pairs(n as u64);
    let max = (rows + cols) / 2.0;
    if (max - expected).abs() < 1e-12 {
        return 1.0;
    }
    ((index - expected) / (max - expected)) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rand_index_is_one_for_the_same_grouping_under_other_names() {
        let a = [0, 0, 0, 1, 1, 1, 2, 2];
        let renamed = [2, 2, 2, 0, 0, 0, 1, 1];
        assert!((adjusted_rand(&a, &renamed) - 1.0).abs() < 1e-6);
        // Everyone moved one over: as good as chance, or worse.
        let shuffled = [0, 1, 2, 0, 1, 2, 0, 1];
        assert!(adjusted_rand(&a, &shuffled) < 0.1);
        // One person moved: close to one, but not one.
        let one_moved = [0, 0, 1, 1, 1, 1, 2, 2];
        let ari = adjusted_rand(&a, &one_moved);
        assert!(ari > 0.5 && ari < 1.0, "{ari}");
    }
}
