//! Decision polls: the quorum and the majority rule are stated when the
//! poll is put, and the outcome follows from the final tally alone.

use serde::{Deserialize, Serialize};

/// How many votes an option needs to carry, of the ballots cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MajorityRule {
    /// More than half (过半数).
    Simple,
    /// At least two thirds (三分之二以上).
    TwoThirds,
}

impl MajorityRule {
    pub const ALL: [MajorityRule; 2] = [MajorityRule::Simple, MajorityRule::TwoThirds];

    pub fn as_str(self) -> &'static str {
        match self {
            MajorityRule::Simple => "simple",
            MajorityRule::TwoThirds => "two_thirds",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether `votes` of `cast` ballots carry under this rule; integer
    /// arithmetic, so 2 of 3 is two thirds exactly.
    pub fn carries(self, votes: u32, cast: u32) -> bool {
        let (votes, cast) = (u64::from(votes), u64::from(cast));
        match self {
            MajorityRule::Simple => votes * 2 > cast,
            MajorityRule::TwoThirds => votes * 3 >= cast * 2 && cast > 0,
        }
    }
}

/// What a closed poll decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "outcome", content = "option")]
pub enum PollOutcome {
    /// Fewer ballots than the quorum: nothing is decided.
    NoQuorum,
    /// The option (by position) carried.
    Carried(u32),
    /// No option reached the majority (or the method's threshold).
    NoMajority,
    /// Options (by position) equally placed at the top: the method
    /// decides nothing, and the council says what happens next.
    Tie(Vec<u32>),
    /// A consent poll with no block standing.
    Consented,
    /// A consent poll blocked this many times.
    Blocked(u32),
    /// A budget poll: the options funded, by position.
    Funded(Vec<u32>),
}

impl PollOutcome {
    /// The outcome of final `tally` (votes per option, in order).
    pub fn of(tally: &[u32], quorum: u32, rule: MajorityRule) -> PollOutcome {
        let cast: u32 = tally.iter().sum();
        if cast < quorum || cast == 0 {
            return PollOutcome::NoQuorum;
        }
        tally
            .iter()
            .position(|&v| rule.carries(v, cast))
            .map_or(PollOutcome::NoMajority, |i| PollOutcome::Carried(i as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majorities_are_strict_and_two_thirds_is_inclusive() {
        assert!(
            !MajorityRule::Simple.carries(5, 10),
            "half is not a majority"
        );
        assert!(MajorityRule::Simple.carries(6, 10));
        assert!(MajorityRule::TwoThirds.carries(2, 3));
        assert!(!MajorityRule::TwoThirds.carries(6, 10));
        assert!(MajorityRule::TwoThirds.carries(20, 30));
        assert!(!MajorityRule::TwoThirds.carries(0, 0));
    }

    #[test]
    fn outcomes_need_the_quorum_then_the_majority() {
        let simple = MajorityRule::Simple;
        assert_eq!(PollOutcome::of(&[3, 1], 5, simple), PollOutcome::NoQuorum);
        assert_eq!(PollOutcome::of(&[0, 0], 0, simple), PollOutcome::NoQuorum);
        assert_eq!(PollOutcome::of(&[4, 1], 5, simple), PollOutcome::Carried(0));
        assert_eq!(PollOutcome::of(&[2, 3], 5, simple), PollOutcome::Carried(1));
        assert_eq!(
            PollOutcome::of(&[2, 2, 1], 5, simple),
            PollOutcome::NoMajority
        );
        assert_eq!(
            PollOutcome::of(&[6, 4], 10, MajorityRule::TwoThirds),
            PollOutcome::NoMajority
        );
    }
}
