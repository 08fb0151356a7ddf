//! How long the opinion groups of a large consultation take to recompute:
//! 2,000 participants × 200 statements, three camps, each person voting on
//! about 60% of the statements (Pol.is conversations of this size are
//! sparse in the same way). Prints figures; asserts nothing about time.
//! Run with `cargo bench -p linli-service --bench opinion`.

use std::time::{Duration, Instant};

use linli_service::opinion::cluster;

const PEOPLE: i64 = 2_000;
const STATEMENTS: i64 = 200;
const RUNS: usize = 7;

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

fn votes() -> Vec<(i64, i64, i8)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    for person in 0..PEOPLE {
        let camp = person % 3;
        for statement in 0..STATEMENTS {
            if !rng.chance(0.6) {
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
    let votes = votes();
    let mut times: Vec<Duration> = Vec::new();
    let mut groups = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let clustering = cluster(&votes);
        times.push(started.elapsed());
        groups = clustering.groups;
        std::hint::black_box(clustering);
    }
    times.sort();
    println!(
        "opinion groups: {PEOPLE} participants × {STATEMENTS} statements, {} votes → {groups} groups",
        votes.len()
    );
    println!(
        "recompute: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms ({RUNS} runs)",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3
    );
}
