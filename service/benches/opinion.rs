//! How long the opinion groups of a consultation at city scale take to
//! recompute: 5,000 participants × 1,000 statements, three camps, each
//! person voting on about a fifth of the statements (1,000,000 votes), and
//! the 2,000 × 200 consultation earlier versions were measured on. Prints
//! figures; asserts nothing about time.
//! Run with `cargo bench -p linli-service --bench opinion`.

use std::time::{Duration, Instant};

use linli_service::opinion::cluster;

/// (participants, statements, share of statements each votes on).
const SIZES: [(i64, i64, f64); 2] = [(2_000, 200, 0.6), (5_000, 1_000, 0.2)];
const RUNS: usize = 5;

/// xorshift64*: deterministic votes without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

fn votes(people: i64, statements: i64, share: f64) -> Vec<(i64, i64, i8)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    for person in 0..people {
        let camp = person % 3;
        for statement in 0..statements {
            if !rng.chance(share) {
                continue;
            }
            // Each camp leans one way on its third of the statements and
            // agrees on the rest with some noise.
            let leaning: i8 = if statement % 3 == camp { 1 } else { -1 };
            let vote = if rng.chance(0.15) {
                0
            } else if rng.chance(0.85) {
                leaning
            } else {
                -leaning
            };
            out.push((person + 1, statement + 1, vote));
        }
    }
    out
}

fn main() {
    for (people, statements, share) in SIZES {
        let votes = votes(people, statements, share);
        let mut times: Vec<Duration> = Vec::new();
        let mut last = None;
        for _ in 0..RUNS {
            let started = Instant::now();
            let clustering = cluster(&votes);
            times.push(started.elapsed());
            last = Some(std::hint::black_box(clustering));
        }
        times.sort();
        let Some(c) = last else { return };
        println!(
            "opinion groups: {people} participants × {statements} statements, {} votes → {} groups, stability {}, {} of {} statements flagged (consensus and bridging disagree)",
            votes.len(),
            c.groups,
            c.stability.map_or("–".into(), |s| format!("{s:.3}")),
            c.scores.iter().filter(|s| s.divergent).count(),
            c.scores.len(),
        );
        println!(
            "recompute (one core): median {:.0} ms, fastest {:.0} ms, slowest {:.0} ms ({RUNS} runs)",
            times[RUNS / 2].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            times[RUNS - 1].as_secs_f64() * 1e3
        );
    }
}
