//! Which statement to put to a participant next. Pol.is shows statements
//! one at a time; the order decides which statements ever gather enough
//! votes to be judged. Oldest first starves the statements written late,
//! so the ones with the fewest votes so far come first (the newer among
//! equals), and every statement reaches a fair share of the participants
//! before the consultation closes.

use super::StatementView;

/// Statements the reader has not voted on, in the order to put them.
pub fn next_statements(statements: &[StatementView]) -> Vec<&StatementView> {
    let mut open: Vec<&StatementView> = statements
        .iter()
        .filter(|s| !s.hidden && s.your_vote.is_none())
        .collect();
    open.sort_by_key(|s| (s.agree + s.disagree + s.pass, std::cmp::Reverse(s.id)));
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deliberation::Vote;

    fn statement(id: i64, votes: u32) -> StatementView {
        StatementView {
            id,
            body: format!("statement {id}"),
            at: 0,
            hidden: false,
            agree: votes,
            disagree: 0,
            pass: 0,
            your_vote: None,
        }
    }

    #[test]
    fn the_fewest_voted_come_first_and_your_own_votes_and_hidden_ones_never() {
        let mut list = vec![
            statement(1, 9),
            statement(2, 3),
            statement(3, 3),
            statement(4, 0),
        ];
        list[3].your_vote = Some(Vote::Pass);
        list.push(StatementView {
            hidden: true,
            ..statement(5, 0)
        });
        let order: Vec<i64> = next_statements(&list).iter().map(|s| s.id).collect();
        assert_eq!(order, vec![3, 2, 1]);
    }

    /// xorshift64*, for the simulation's participants.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n
        }
    }

    /// A consultation run to its close: 500 participants arrive one after
    /// another; every second or third of the first 300 writes a statement
    /// (120 in all); each participant votes on the first 30 to 60 of the
    /// statements there are when they come (fewer if there are fewer), in
    /// the order `order` gives. Returns, per statement, the share of the
    /// active participants who voted on it.
    fn simulate(order: fn(&[StatementView]) -> Vec<i64>) -> Vec<f64> {
        let mut rng = Rng(0x5EED_CAFE);
        let mut statements: Vec<StatementView> = Vec::new();
        let mut voters = vec![0u32; 120];
        let mut active = 0u32;
        for person in 0..500u32 {
            while statements.len() < 120 && statements.len() as f64 * 2.5 <= f64::from(person) {
                let id = statements.len() as i64;
                statements.push(statement(id, 0));
            }
            let budget = 30 + rng.below(31) as usize;
            let mine: Vec<StatementView> = statements.clone();
            let picks: Vec<i64> = order(&mine).into_iter().take(budget).collect();
            active += u32::from(!picks.is_empty());
            for id in picks {
                let s = &mut statements[id as usize];
                match rng.below(3) {
                    0 => s.agree += 1,
                    1 => s.disagree += 1,
                    _ => s.pass += 1,
                }
                voters[id as usize] += 1;
            }
        }
        voters
            .iter()
            .map(|v| f64::from(*v) / f64::from(active))
            .collect()
    }

    #[test]
    fn in_a_simulated_consultation_every_statement_reaches_thirty_percent() {
        let routed = simulate(|s| next_statements(s).iter().map(|s| s.id).collect());
        let least = routed.iter().copied().fold(1.0, f64::min);
        assert!(least >= 0.30, "least-voted statement reached {least:.2}");
        // The same consultation with the oldest statements first leaves
        // the late ones short: the simulation can tell the two apart.
        let oldest_first = simulate(|s| {
            s.iter()
                .filter(|s| s.your_vote.is_none())
                .map(|s| s.id)
                .collect()
        });
        let least = oldest_first.iter().copied().fold(1.0, f64::min);
        assert!(least < 0.30, "oldest first reached {least:.2}");
    }
}
