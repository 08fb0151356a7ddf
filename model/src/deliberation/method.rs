//! Decision methods beside the one-choice poll: consent, ranked choice
//! (instant runoff), score, dot voting, approval within a budget
//! (participatory budgeting) and a meeting-time poll.
//!
//! Each method states its threshold when the poll is put, a ballot is
//! parsed against the method and the options ("parse, don't validate"), and
//! the count follows from the final ballots alone, deterministically: the
//! same ballots in any order give the same count and outcome.

use serde::{Deserialize, Serialize};

use super::poll::{MajorityRule, PollOutcome};
use crate::{
    account::{FieldError, FieldErrors},
    form::Errors,
    money::Fen,
};

/// The highest score of a score ballot.
pub const SCORE_MAX: u8 = 5;
/// The most dots a dot vote may give each participant.
pub const DOTS_MAX: u8 = 20;
/// The longest reason for a block or a concern.
pub const REASON_MAX: usize = 1000;
pub const REASON_MIN: usize = 10;

/// How a poll decides, and the threshold it states in advance. Every
/// method also has the poll's quorum: fewer ballots decide nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    /// One option each; the option with `rule` of the ballots carries.
    Choice { rule: MajorityRule },
    /// One proposal; everyone consents, consents with a concern, stands
    /// aside or blocks with a written reason. It passes when no block
    /// stands at the close; each block must be answered by the council.
    Consent,
    /// Options in order of preference; the last-placed option is dropped
    /// round by round until one holds `rule` of the ballots still counting.
    Ranked { rule: MajorityRule },
    /// Every option scored 0–5; the highest total wins if its average
    /// reaches `min_average`.
    Score { min_average: u8 },
    /// `dots` dots spread over the options, several on one if wished; the
    /// most dots wins.
    Dots { dots: u8 },
    /// Approve options whose costs fit `budget`; options are funded by
    /// approvals, most first, while the money lasts.
    Budget { budget: Fen, costs: Vec<Fen> },
    /// Each time marked yes, if need be, or no; the time most can make
    /// wins, then the one fewest can make only if need be, then the
    /// earliest listed.
    MeetingTime,
}

/// The method's kind alone, for forms and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    Choice,
    Consent,
    Ranked,
    Score,
    Dots,
    Budget,
    MeetingTime,
}

impl MethodKind {
    pub const ALL: [MethodKind; 7] = [
        MethodKind::Choice,
        MethodKind::Consent,
        MethodKind::Ranked,
        MethodKind::Score,
        MethodKind::Dots,
        MethodKind::Budget,
        MethodKind::MeetingTime,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MethodKind::Choice => "choice",
            MethodKind::Consent => "consent",
            MethodKind::Ranked => "ranked",
            MethodKind::Score => "score",
            MethodKind::Dots => "dots",
            MethodKind::Budget => "budget",
            MethodKind::MeetingTime => "meeting_time",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl Method {
    pub fn kind(&self) -> MethodKind {
        match self {
            Method::Choice { .. } => MethodKind::Choice,
            Method::Consent => MethodKind::Consent,
            Method::Ranked { .. } => MethodKind::Ranked,
            Method::Score { .. } => MethodKind::Score,
            Method::Dots { .. } => MethodKind::Dots,
            Method::Budget { .. } => MethodKind::Budget,
            Method::MeetingTime => MethodKind::MeetingTime,
        }
    }

    /// The majority rule of a one-choice or ranked poll; other methods
    /// have none, and store the simple rule in its place.
    pub fn rule(&self) -> MajorityRule {
        match self {
            Method::Choice { rule } | Method::Ranked { rule } => *rule,
            _ => MajorityRule::Simple,
        }
    }

    /// The method's number as stored: the minimum average, the dots, the
    /// budget in fen; empty for the others.
    pub fn threshold(&self) -> String {
        match self {
            Method::Score { min_average } => min_average.to_string(),
            Method::Dots { dots } => dots.to_string(),
            Method::Budget { budget, .. } => budget.get().to_string(),
            _ => String::new(),
        }
    }

    /// Rebuilds a stored method; `None` for a row no version wrote.
    pub fn from_stored(kind: &str, rule: &str, threshold: &str, costs: Vec<Fen>) -> Option<Method> {
        Some(match MethodKind::parse(kind)? {
            MethodKind::Choice => Method::Choice {
                rule: MajorityRule::parse(rule)?,
            },
            MethodKind::Ranked => Method::Ranked {
                rule: MajorityRule::parse(rule)?,
            },
            MethodKind::Consent => Method::Consent,
            MethodKind::Score => Method::Score {
                min_average: threshold.parse().ok().filter(|a| *a <= SCORE_MAX)?,
            },
            MethodKind::Dots => Method::Dots {
                dots: threshold
                    .parse()
                    .ok()
                    .filter(|d| (1..=DOTS_MAX).contains(d))?,
            },
            MethodKind::Budget => Method::Budget {
                budget: Fen::new(threshold.parse().ok()?)?,
                costs,
            },
            MethodKind::MeetingTime => Method::MeetingTime,
        })
    }
}

/// A consent ballot's stance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Consent,
    /// Consents, and wants a concern noted.
    Concern,
    StandAside,
    /// Cannot live with it; needs a reason, and an answer.
    Block,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Consent,
        Stance::Concern,
        Stance::StandAside,
        Stance::Block,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Consent => "consent",
            Stance::Concern => "concern",
            Stance::StandAside => "stand_aside",
            Stance::Block => "block",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A block must say why; a concern should say what.
    pub fn needs_reason(self) -> bool {
        matches!(self, Stance::Concern | Stance::Block)
    }
}

/// When someone can come to a meeting time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Yes,
    IfNeedBe,
    No,
}

impl Availability {
    pub const ALL: [Availability; 3] =
        [Availability::Yes, Availability::IfNeedBe, Availability::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Yes => "yes",
            Availability::IfNeedBe => "if_need_be",
            Availability::No => "no",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One participant's ballot, already checked against its method and
/// options: a ballot of this type is always countable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "marks", rename_all = "snake_case")]
pub enum Ballot {
    Choice(u32),
    /// The stance, and the reason for a concern or a block.
    Consent(Stance, Option<String>),
    /// Options by position, most preferred first; need not rank them all.
    Ranked(Vec<u32>),
    /// A score per option.
    Score(Vec<u8>),
    /// Dots per option.
    Dots(Vec<u8>),
    /// The approved options by position, ascending.
    Approve(Vec<u32>),
    /// Availability per option.
    Times(Vec<Availability>),
}

impl Ballot {
    /// The compact form a ballot is stored in (without a consent reason,
    /// which is stored beside it): numbers separated by commas, or the
    /// stance or availabilities by name.
    pub fn marks(&self) -> String {
        fn join<T: ToString>(v: &[T]) -> String {
            v.iter().map(T::to_string).collect::<Vec<_>>().join(",")
        }
        match self {
            Ballot::Choice(c) => c.to_string(),
            Ballot::Consent(s, _) => s.as_str().to_owned(),
            Ballot::Ranked(v) | Ballot::Approve(v) => join(v),
            Ballot::Score(v) | Ballot::Dots(v) => join(v),
            Ballot::Times(v) => v.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(","),
        }
    }

    /// Reads a stored ballot back; `None` if it no longer fits (which the
    /// store's checks prevent).
    pub fn from_stored(
        method: &Method,
        options: usize,
        marks: &str,
        reason: Option<String>,
    ) -> Option<Ballot> {
        let numbers = |max: u32| -> Option<Vec<u32>> {
            if marks.is_empty() {
                return Some(Vec::new());
            }
            marks
                .split(',')
                .map(|n| n.parse::<u32>().ok().filter(|n| *n <= max))
                .collect()
        };
        let last = options.checked_sub(1)? as u32;
        let ballot = match method {
            Method::Choice { .. } => Ballot::Choice(marks.parse().ok().filter(|c| *c <= last)?),
            Method::Consent => Ballot::Consent(Stance::parse(marks)?, reason),
            Method::Ranked { .. } => Ballot::Ranked(numbers(last)?),
            Method::Score { .. } => Ballot::Score(
                numbers(u32::from(SCORE_MAX))?
                    .into_iter()
                    .map(|n| n as u8)
                    .collect(),
            ),
            Method::Dots { dots } => Ballot::Dots(
                numbers(u32::from(*dots))?
                    .into_iter()
                    .map(|n| n as u8)
                    .collect(),
            ),
            Method::Budget { .. } => Ballot::Approve(numbers(last)?),
            Method::MeetingTime => Ballot::Times(
                marks
                    .split(',')
                    .map(Availability::parse)
                    .collect::<Option<Vec<_>>>()?,
            ),
        };
        ballot.fits(method, options).then_some(ballot)
    }

    /// Whether this ballot belongs to `method` with `options` options.
    fn fits(&self, method: &Method, options: usize) -> bool {
        let n = options as u32;
        let distinct = |v: &[u32]| {
            let mut seen = vec![false; options];
            v.iter()
                .all(|&i| i < n && !std::mem::replace(&mut seen[i as usize], true))
        };
        match (method, self) {
            (Method::Choice { .. }, Ballot::Choice(c)) => *c < n,
            (Method::Consent, Ballot::Consent(stance, reason)) => {
                !stance.needs_reason() || reason.is_some()
            }
            (Method::Ranked { .. }, Ballot::Ranked(v)) => !v.is_empty() && distinct(v),
            (Method::Score { .. }, Ballot::Score(v)) => {
                v.len() == options && v.iter().all(|s| *s <= SCORE_MAX)
            }
            (Method::Dots { dots }, Ballot::Dots(v)) => {
                let used: u32 = v.iter().map(|d| u32::from(*d)).sum();
                v.len() == options && (1..=u32::from(*dots)).contains(&used)
            }
            (Method::Budget { budget, costs }, Ballot::Approve(v)) => {
                !v.is_empty()
                    && distinct(v)
                    && v.windows(2).all(|w| w[0] < w[1])
                    && cost_of(costs, v).is_some_and(|c| c <= *budget)
            }
            (Method::MeetingTime, Ballot::Times(v)) => v.len() == options,
            _ => false,
        }
    }
}

/// The total cost of approved options; `None` past [`Fen::MAX`].
fn cost_of(costs: &[Fen], approved: &[u32]) -> Option<Fen> {
    approved.iter().try_fold(Fen::default(), |sum, &i| {
        Fen::sum([sum, *costs.get(i as usize)?])
    })
}

/// A ballot as a form sends it: `choice`; `stance` and `reason`;
/// `rank_N`, `score_N`, `dots_N`, `time_N` per option N (from 0); or one
/// `approve` per approved option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotForm {
    pub fields: Vec<(String, String)>,
}

impl BallotForm {
    /// A form with these fields, as typed.
    pub fn of(fields: &[(&str, &str)]) -> BallotForm {
        BallotForm {
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    /// A one-choice ballot for the option at `position`.
    pub fn choice(position: u32) -> BallotForm {
        BallotForm::of(&[("choice", &position.to_string())])
    }

    fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.trim())
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.fields
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.trim())
    }

    /// The ballot, or every problem beside its field (`choice`, `stance`,
    /// `reason`, `ranks`, `scores`, `dots`, `approve`, `times`).
    pub fn parse(&self, method: &Method, options: usize) -> Result<Ballot, FieldErrors> {
        let mut e = Errors::default();
        let per_option = |prefix: &str| -> Vec<&str> {
            (0..options)
                .map(|i| self.get(&format!("{prefix}_{i}")))
                .collect()
        };
        let ballot = match method {
            Method::Choice { .. } => e.check(
                "choice",
                self.get("choice")
                    .parse::<u32>()
                    .ok()
                    .filter(|c| (*c as usize) < options)
                    .map(Ballot::Choice)
                    .ok_or(FieldError::NotAChoice),
            ),
            Method::Consent => {
                let stance = e.check(
                    "stance",
                    Stance::parse(self.get("stance")).ok_or(FieldError::NotAChoice),
                );
                let typed = self.get("reason");
                let reason = match stance {
                    Some(s) if s.needs_reason() => e
                        .check(
                            "reason",
                            crate::account::text(typed, REASON_MIN, REASON_MAX, true),
                        )
                        .map(Some),
                    _ => Some(None),
                };
                stance.zip(reason).map(|(s, r)| Ballot::Consent(s, r))
            }
            Method::Ranked { .. } => {
                let mut ranked: Vec<(u32, u32)> = Vec::new();
                // One option ranked twice (only the API's `ranking` can
                // send that) is a rank given twice.
                let repeated = (0..options).any(|i| self.all(&format!("rank_{i}")).count() > 1);
                let mut bad = repeated.then_some(FieldError::RankedTwice);
                for (i, typed) in per_option("rank").into_iter().enumerate() {
                    if typed.is_empty() {
                        continue;
                    }
                    match typed.parse::<u32>() {
                        Ok(r) if (1..=options as u32).contains(&r) => ranked.push((r, i as u32)),
                        _ => bad = Some(FieldError::NumberRange(1, options)),
                    }
                }
                ranked.sort_unstable();
                if bad.is_none() && ranked.windows(2).any(|w| w[0].0 == w[1].0) {
                    bad = Some(FieldError::RankedTwice);
                }
                if bad.is_none() && ranked.is_empty() {
                    bad = Some(FieldError::Required);
                }
                match bad {
                    Some(err) => {
                        e.push("ranks", err);
                        None
                    }
                    None => Some(Ballot::Ranked(ranked.into_iter().map(|(_, i)| i).collect())),
                }
            }
            Method::Score { .. } => {
                let scores: Option<Vec<u8>> = per_option("score")
                    .into_iter()
                    .map(|s| s.parse::<u8>().ok().filter(|s| *s <= SCORE_MAX))
                    .collect();
                e.check(
                    "scores",
                    scores
                        .map(Ballot::Score)
                        .ok_or(FieldError::NumberRange(0, SCORE_MAX.into())),
                )
            }
            Method::Dots { dots } => {
                let given: Option<Vec<u8>> = per_option("dots")
                    .into_iter()
                    .map(|d| {
                        if d.is_empty() {
                            Some(0)
                        } else {
                            d.parse::<u8>().ok().filter(|d| d <= dots)
                        }
                    })
                    .collect();
                let checked = match given {
                    None => Err(FieldError::NumberRange(0, (*dots).into())),
                    Some(v) => match v.iter().map(|d| u32::from(*d)).sum::<u32>() {
                        0 => Err(FieldError::Required),
                        n if n > u32::from(*dots) => Err(FieldError::LimitReached((*dots).into())),
                        _ => Ok(Ballot::Dots(v)),
                    },
                };
                e.check("dots", checked)
            }
            Method::Budget { budget, costs } => {
                let picked: Option<Vec<u32>> = self
                    .all("approve")
                    .map(|a| a.parse::<u32>().ok().filter(|a| (*a as usize) < options))
                    .collect();
                let checked = match picked {
                    None => Err(FieldError::NotAChoice),
                    Some(mut v) => {
                        v.sort_unstable();
                        v.dedup();
                        if v.is_empty() {
                            Err(FieldError::Required)
                        } else if cost_of(costs, &v).is_none_or(|c| c > *budget) {
                            Err(FieldError::OverBudget)
                        } else {
                            Ok(Ballot::Approve(v))
                        }
                    }
                };
                e.check("approve", checked)
            }
            Method::MeetingTime => {
                let times: Option<Vec<Availability>> = per_option("time")
                    .into_iter()
                    .map(Availability::parse)
                    .collect();
                e.check(
                    "times",
                    times.map(Ballot::Times).ok_or(FieldError::Required),
                )
            }
        };
        e.finish(ballot)
    }
}

/// One round of an instant runoff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Round {
    /// Ballots for each option this round; `None` once it was dropped.
    pub votes: Vec<Option<u32>>,
    /// Ballots with no option left to count for.
    pub exhausted: u32,
    /// The options dropped at the end of this round.
    pub dropped: Vec<u32>,
}

/// The count of a closed poll, as its method counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Count {
    Choice {
        votes: Vec<u32>,
    },
    Consent {
        consent: u32,
        concern: u32,
        stand_aside: u32,
        block: u32,
    },
    Ranked {
        rounds: Vec<Round>,
    },
    /// Score totals per option.
    Score {
        totals: Vec<u32>,
    },
    Dots {
        totals: Vec<u32>,
    },
    /// Approvals per option, and the money the funded set spends.
    Budget {
        approvals: Vec<u32>,
        funded: Vec<u32>,
        spent: Fen,
    },
    Times {
        yes: Vec<u32>,
        if_need_be: Vec<u32>,
    },
}

/// The ballots' count and the outcome they give under `method`. Ballots
/// that do not fit the method are not counted (the store never holds one).
pub fn count(
    method: &Method,
    options: usize,
    ballots: &[Ballot],
    quorum: u32,
) -> (Count, PollOutcome) {
    let ballots: Vec<&Ballot> = ballots.iter().filter(|b| b.fits(method, options)).collect();
    let cast = ballots.len() as u32;
    let per_option = |f: &dyn Fn(&Ballot, usize) -> u32| -> Vec<u32> {
        (0..options)
            .map(|i| ballots.iter().map(|b| f(b, i)).sum())
            .collect()
    };
    let (count, outcome) = match method {
        Method::Choice { rule } => {
            let votes =
                per_option(&|b, i| u32::from(matches!(b, Ballot::Choice(c) if *c as usize == i)));
            let outcome = PollOutcome::of(&votes, quorum, *rule);
            (Count::Choice { votes }, outcome)
        }
        Method::Consent => {
            let of = |s: Stance| {
                ballots
                    .iter()
                    .filter(|b| matches!(b, Ballot::Consent(t, _) if *t == s))
                    .count() as u32
            };
            let block = of(Stance::Block);
            let outcome = if block > 0 {
                PollOutcome::Blocked(block)
            } else {
                PollOutcome::Consented
            };
            let count = Count::Consent {
                consent: of(Stance::Consent),
                concern: of(Stance::Concern),
                stand_aside: of(Stance::StandAside),
                block,
            };
            (count, outcome)
        }
        Method::Ranked { rule } => {
            let prefs: Vec<&[u32]> = ballots
                .iter()
                .filter_map(|b| match b {
                    Ballot::Ranked(v) => Some(v.as_slice()),
                    _ => None,
                })
                .collect();
            let (rounds, outcome) = runoff(&prefs, options, *rule);
            (Count::Ranked { rounds }, outcome)
        }
        Method::Score { min_average } => {
            let totals = per_option(&|b, i| match b {
                Ballot::Score(v) => u32::from(v[i]),
                _ => 0,
            });
            let outcome = match top(&totals) {
                Top::One(i) if totals[i as usize] >= u32::from(*min_average) * cast => {
                    PollOutcome::Carried(i)
                }
                Top::One(_) | Top::None => PollOutcome::NoMajority,
                Top::Tie(tied) => PollOutcome::Tie(tied),
            };
            (Count::Score { totals }, outcome)
        }
        Method::Dots { .. } => {
            let totals = per_option(&|b, i| match b {
                Ballot::Dots(v) => u32::from(v[i]),
                _ => 0,
            });
            let outcome = match top(&totals) {
                Top::One(i) => PollOutcome::Carried(i),
                Top::None => PollOutcome::NoMajority,
                Top::Tie(tied) => PollOutcome::Tie(tied),
            };
            (Count::Dots { totals }, outcome)
        }
        Method::Budget { budget, costs } => {
            let approvals = per_option(&|b, i| {
                u32::from(matches!(b, Ballot::Approve(v) if v.contains(&(i as u32))))
            });
            let mut order: Vec<u32> = (0..options as u32)
                .filter(|&i| approvals[i as usize] > 0)
                .collect();
            // Most approved first; of equals the cheaper, then the first listed.
            order.sort_by_key(|&i| {
                (
                    std::cmp::Reverse(approvals[i as usize]),
                    costs[i as usize],
                    i,
                )
            });
            let mut left = budget.get();
            let mut funded = Vec::new();
            for i in order {
                let cost = costs[i as usize].get();
                if cost <= left {
                    left -= cost;
                    funded.push(i);
                }
            }
            funded.sort_unstable();
            let spent = Fen::new(budget.get() - left).unwrap_or_default();
            let outcome = if funded.is_empty() {
                PollOutcome::NoMajority
            } else {
                PollOutcome::Funded(funded.clone())
            };
            (
                Count::Budget {
                    approvals,
                    funded,
                    spent,
                },
                outcome,
            )
        }
        Method::MeetingTime => {
            let marked = |a: Availability| {
                per_option(&|b, i| u32::from(matches!(b, Ballot::Times(v) if v[i] == a)))
            };
            let (yes, if_need_be) = (marked(Availability::Yes), marked(Availability::IfNeedBe));
            let best = (0..options)
                .filter(|&i| yes[i] + if_need_be[i] > 0)
                .max_by_key(|&i| {
                    (
                        yes[i] + if_need_be[i],
                        std::cmp::Reverse(if_need_be[i]),
                        std::cmp::Reverse(i),
                    )
                });
            let outcome = best.map_or(PollOutcome::NoMajority, |i| PollOutcome::Carried(i as u32));
            (Count::Times { yes, if_need_be }, outcome)
        }
    };
    if cast < quorum || cast == 0 {
        (count, PollOutcome::NoQuorum)
    } else {
        (count, outcome)
    }
}

enum Top {
    None,
    One(u32),
    Tie(Vec<u32>),
}

/// The highest of `totals`, or every option sharing it.
fn top(totals: &[u32]) -> Top {
    let Some(&max) = totals.iter().max().filter(|m| **m > 0) else {
        return Top::None;
    };
    let at: Vec<u32> = (0..totals.len() as u32)
        .filter(|&i| totals[i as usize] == max)
        .collect();
    match at.as_slice() {
        [one] => Top::One(*one),
        _ => Top::Tie(at),
    }
}

/// Instant runoff. Each round counts every ballot for its most preferred
/// option still in the race; an option holding `rule` of the ballots still
/// counting wins. Otherwise the last-placed option is dropped; a tie for
/// last place goes to the earlier rounds (the one with fewer votes there
/// is dropped), and options tied through every round are dropped
/// together, unless that would drop every option left: then it is a tie.
/// The race ends at the final two: if neither holds the threshold, no
/// option carried.
fn runoff(prefs: &[&[u32]], options: usize, rule: MajorityRule) -> (Vec<Round>, PollOutcome) {
    let mut running = vec![true; options];
    let mut rounds: Vec<Round> = Vec::new();
    loop {
        let mut votes = vec![0u32; options];
        let mut exhausted = 0;
        for pref in prefs {
            match pref.iter().find(|&&o| running[o as usize]) {
                Some(&o) => votes[o as usize] += 1,
                None => exhausted += 1,
            }
        }
        let counting: u32 = votes.iter().sum();
        let live: Vec<u32> = (0..options as u32)
            .filter(|&i| running[i as usize])
            .collect();
        let fewest = live.iter().map(|&i| votes[i as usize]).min().unwrap_or(0);
        let mut last: Vec<u32> = live
            .iter()
            .copied()
            .filter(|&i| votes[i as usize] == fewest)
            .collect();
        // Back through the earlier rounds, newest first, while the tie holds.
        for earlier in rounds.iter().rev() {
            if last.len() <= 1 {
                break;
            }
            let of = |i: u32| earlier.votes[i as usize].unwrap_or(0);
            let least = last.iter().map(|&i| of(i)).min().unwrap_or(0);
            last.retain(|&i| of(i) == least);
        }
        let winner = live
            .iter()
            .find(|&&i| rule.carries(votes[i as usize], counting));
        let end = match winner {
            Some(&w) => Some(PollOutcome::Carried(w)),
            None if counting == 0 || live.len() <= 1 => Some(PollOutcome::NoMajority),
            None if last.len() == live.len() => Some(PollOutcome::Tie(live)),
            // The final two, and neither holds the threshold (only possible
            // under two thirds): a lone survivor would win by default.
            None if live.len() == 2 => Some(PollOutcome::NoMajority),
            None => None,
        };
        let votes = (0..options)
            .map(|i| running[i].then_some(votes[i]))
            .collect();
        if let Some(outcome) = end {
            rounds.push(Round {
                votes,
                exhausted,
                dropped: Vec::new(),
            });
            return (rounds, outcome);
        }
        for &i in &last {
            running[i as usize] = false;
        }
        rounds.push(Round {
            votes,
            exhausted,
            dropped: last,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many(pref: &[u32], n: usize) -> Vec<Ballot> {
        vec![Ballot::Ranked(pref.to_vec()); n]
    }

    fn ranked(v: &[&[u32]]) -> Vec<Ballot> {
        v.iter().map(|p| Ballot::Ranked(p.to_vec())).collect()
    }

    const SIMPLE: Method = Method::Ranked {
        rule: MajorityRule::Simple,
    };

    #[test]
    fn instant_runoff_transfers_the_dropped_options_ballots() {
        // A 4, B 3, C 2: C is dropped and its ballots go to B.
        let mut b = many(&[0, 1], 4);
        b.extend(many(&[1, 0], 3));
        b.extend(many(&[2, 1], 2));
        let (count, outcome) = count(&SIMPLE, 3, &b, 1);
        assert_eq!(outcome, PollOutcome::Carried(1));
        let Count::Ranked { rounds } = count else {
            panic!("ranked")
        };
        assert_eq!(rounds.len(), 2);
        assert_eq!(rounds[0].votes, vec![Some(4), Some(3), Some(2)]);
        assert_eq!(rounds[0].dropped, vec![2]);
        assert_eq!(rounds[1].votes, vec![Some(4), Some(5), None]);
    }

    #[test]
    fn exhausted_ballots_stop_counting_and_the_majority_is_of_those_left() {
        // C's voters rank nobody else: their ballots exhaust, and A's 4 of
        // the 7 still counting is a majority though not of all 9.
        let mut b = many(&[0], 4);
        b.extend(many(&[1], 3));
        b.extend(many(&[2], 2));
        let (count, outcome) = count(&SIMPLE, 3, &b, 1);
        assert_eq!(outcome, PollOutcome::Carried(0));
        let Count::Ranked { rounds } = count else {
            panic!("ranked")
        };
        assert_eq!(rounds[1].exhausted, 2);
        // Under two thirds, 4 of 7 does not carry and the race ends.
        let two = Method::Ranked {
            rule: MajorityRule::TwoThirds,
        };
        assert_eq!(super::count(&two, 3, &b, 1).1, PollOutcome::NoMajority);
    }

    #[test]
    fn a_tie_for_last_place_goes_back_to_earlier_rounds_then_drops_both() {
        // Round 1: A 5, B 3, C 3, D 2 → D dropped, to C. Round 2: A 5, B 3,
        // C 5 — no majority of 13; B is last alone.
        let mut b = many(&[0], 5);
        b.extend(many(&[1, 2], 3));
        b.extend(many(&[2], 3));
        b.extend(many(&[3, 2], 2));
        let (c, outcome) = count(&SIMPLE, 4, &b, 1);
        assert_eq!(outcome, PollOutcome::Carried(2));
        let Count::Ranked { rounds } = c else {
            panic!("ranked")
        };
        assert_eq!(rounds[0].dropped, vec![3]);
        assert_eq!(rounds[1].dropped, vec![1]);
        // B and C tie last in round 2 but B had fewer in round 1.
        let mut b = many(&[0], 6);
        b.extend(many(&[1], 2));
        b.extend(many(&[2], 3));
        b.extend(many(&[3, 1], 1));
        let (c, _) = count(&SIMPLE, 4, &b, 1);
        let Count::Ranked { rounds } = c else {
            panic!("ranked")
        };
        assert_eq!(rounds[0].dropped, vec![3]);
        assert_eq!(rounds[1].votes, vec![Some(6), Some(3), Some(3), None]);
        assert_eq!(rounds[1].dropped, vec![1], "B had 2 to C's 3 in round 1");
        // Tied through every round: both dropped together.
        let mut b = many(&[0], 5);
        b.extend(many(&[1, 0], 2));
        b.extend(many(&[2, 0], 2));
        let (c, outcome) = count(&SIMPLE, 3, &b, 1);
        let Count::Ranked { rounds } = c else {
            panic!("ranked")
        };
        assert_eq!(
            (outcome, rounds[0].dropped.clone()),
            (PollOutcome::Carried(0), vec![])
        );
        assert_eq!(rounds.len(), 1, "5 of 9 carries at once");
        let mut b = many(&[0], 4);
        b.extend(many(&[1, 0], 2));
        b.extend(many(&[2, 0], 2));
        b.extend(many(&[3], 1));
        let (c, outcome) = count(&SIMPLE, 4, &b, 1);
        let Count::Ranked { rounds } = c else {
            panic!("ranked")
        };
        assert_eq!(rounds[0].dropped, vec![3]);
        assert_eq!(
            rounds[1].dropped,
            vec![1, 2],
            "tied in every round: dropped together"
        );
        assert_eq!(outcome, PollOutcome::Carried(0));
    }

    #[test]
    fn a_dead_heat_is_a_tie_not_a_coin_toss() {
        let mut b = many(&[0, 1], 3);
        b.extend(many(&[1, 0], 3));
        assert_eq!(count(&SIMPLE, 2, &b, 1).1, PollOutcome::Tie(vec![0, 1]));
        assert_eq!(count(&SIMPLE, 2, &[], 0).1, PollOutcome::NoQuorum);
    }

    #[test]
    fn the_order_of_ballots_does_not_change_the_count() {
        let mut b = ranked(&[
            &[0, 2],
            &[1, 2, 0],
            &[2],
            &[3, 1],
            &[1],
            &[0, 3],
            &[2, 1],
            &[3],
        ]);
        let first = count(&SIMPLE, 4, &b, 1);
        b.reverse();
        assert_eq!(count(&SIMPLE, 4, &b, 1), first);
        b.rotate_left(3);
        assert_eq!(count(&SIMPLE, 4, &b, 1), first);
    }

    #[test]
    fn quorum_not_met_decides_nothing_in_every_method() {
        let methods = [
            (
                Method::Choice {
                    rule: MajorityRule::Simple,
                },
                Ballot::Choice(0),
            ),
            (Method::Consent, Ballot::Consent(Stance::Consent, None)),
            (SIMPLE, Ballot::Ranked(vec![0])),
            (Method::Score { min_average: 0 }, Ballot::Score(vec![5, 0])),
            (Method::Dots { dots: 3 }, Ballot::Dots(vec![3, 0])),
            (
                Method::Budget {
                    budget: Fen::new(100).expect("fen"),
                    costs: vec![Fen::new(50).expect("fen"); 2],
                },
                Ballot::Approve(vec![0]),
            ),
            (
                Method::MeetingTime,
                Ballot::Times(vec![Availability::Yes, Availability::No]),
            ),
        ];
        for (method, ballot) in methods {
            let two = vec![ballot.clone(), ballot];
            assert_eq!(
                count(&method, 2, &two, 3).1,
                PollOutcome::NoQuorum,
                "{method:?}"
            );
            assert_ne!(
                count(&method, 2, &two, 2).1,
                PollOutcome::NoQuorum,
                "{method:?}"
            );
        }
    }

    #[test]
    fn consent_passes_without_a_block_and_any_block_stops_it() {
        let reason = || Some("会挡住消防通道，必须先改方案。".to_owned());
        let mut b = vec![
            Ballot::Consent(Stance::Consent, None),
            Ballot::Consent(Stance::Concern, reason()),
            Ballot::Consent(Stance::StandAside, None),
        ];
        assert_eq!(count(&Method::Consent, 1, &b, 3).1, PollOutcome::Consented);
        b.push(Ballot::Consent(Stance::Block, reason()));
        let (c, outcome) = count(&Method::Consent, 1, &b, 3);
        assert_eq!(outcome, PollOutcome::Blocked(1));
        assert_eq!(
            c,
            Count::Consent {
                consent: 1,
                concern: 1,
                stand_aside: 1,
                block: 1
            }
        );
        // A block without its reason is not a ballot at all.
        let (c, _) = count(
            &Method::Consent,
            1,
            &[Ballot::Consent(Stance::Block, None)],
            0,
        );
        assert_eq!(
            c,
            Count::Consent {
                consent: 0,
                concern: 0,
                stand_aside: 0,
                block: 0
            }
        );
    }

    #[test]
    fn score_needs_the_stated_average_and_ties_are_ties() {
        let method = Method::Score { min_average: 3 };
        let b = vec![Ballot::Score(vec![5, 2, 0]), Ballot::Score(vec![2, 4, 1])];
        let (c, outcome) = count(&method, 3, &b, 1);
        assert_eq!(
            c,
            Count::Score {
                totals: vec![7, 6, 1]
            }
        );
        assert_eq!(
            outcome,
            PollOutcome::Carried(0),
            "7 of 2 ballots is 3.5 on average"
        );
        let b = vec![Ballot::Score(vec![3, 2, 0]), Ballot::Score(vec![2, 1, 1])];
        assert_eq!(
            count(&method, 3, &b, 1).1,
            PollOutcome::NoMajority,
            "2.5 is below 3"
        );
        let b = vec![Ballot::Score(vec![5, 4]), Ballot::Score(vec![4, 5])];
        assert_eq!(count(&method, 2, &b, 1).1, PollOutcome::Tie(vec![0, 1]));
    }

    #[test]
    fn dots_stack_and_may_not_exceed_the_allowance() {
        let method = Method::Dots { dots: 3 };
        let b = vec![
            Ballot::Dots(vec![3, 0, 0]),
            Ballot::Dots(vec![0, 2, 1]),
            Ballot::Dots(vec![0, 2, 0]),
        ];
        let (c, outcome) = count(&method, 3, &b, 1);
        assert_eq!(
            c,
            Count::Dots {
                totals: vec![3, 4, 1]
            }
        );
        assert_eq!(outcome, PollOutcome::Carried(1));
        let over = vec![Ballot::Dots(vec![3, 1, 0])];
        assert_eq!(
            count(&method, 3, &over, 0).1,
            PollOutcome::NoQuorum,
            "a ballot over the allowance is not counted"
        );
    }

    #[test]
    fn the_budget_funds_the_most_approved_that_fit() {
        let fen = |y: i64| Fen::new(y * 100).expect("fen");
        let method = Method::Budget {
            budget: fen(100),
            costs: vec![fen(60), fen(50), fen(30), fen(10)],
        };
        let b = vec![
            Ballot::Approve(vec![0, 2]),
            Ballot::Approve(vec![0, 3]),
            Ballot::Approve(vec![1, 2]),
            Ballot::Approve(vec![1, 3]),
            Ballot::Approve(vec![0]),
        ];
        let (c, outcome) = count(&method, 4, &b, 1);
        // A (3 approvals, 60) is funded first; of the three with 2, the
        // cheaper go first: D (10), C (30); B (50) no longer fits.
        assert_eq!(outcome, PollOutcome::Funded(vec![0, 2, 3]));
        assert_eq!(
            c,
            Count::Budget {
                approvals: vec![3, 2, 2, 2],
                funded: vec![0, 2, 3],
                spent: fen(100)
            }
        );
        let over = vec![Ballot::Approve(vec![0, 1])];
        assert_eq!(
            count(&method, 4, &over, 0).1,
            PollOutcome::NoQuorum,
            "a ballot over budget is not counted"
        );
    }

    #[test]
    fn the_meeting_time_most_can_make_wins() {
        use Availability::{IfNeedBe as M, No as N, Yes as Y};
        let b = vec![
            Ballot::Times(vec![Y, M, N]),
            Ballot::Times(vec![N, Y, Y]),
            Ballot::Times(vec![Y, Y, N]),
        ];
        let (c, outcome) = count(&Method::MeetingTime, 3, &b, 1);
        assert_eq!(
            c,
            Count::Times {
                yes: vec![2, 2, 1],
                if_need_be: vec![0, 1, 0]
            }
        );
        assert_eq!(
            outcome,
            PollOutcome::Carried(1),
            "three can make the second time"
        );
        let b = vec![Ballot::Times(vec![Y, M]), Ballot::Times(vec![M, Y])];
        assert_eq!(
            count(&Method::MeetingTime, 2, &b, 1).1,
            PollOutcome::Carried(0),
            "equal: the earlier"
        );
        let b = vec![Ballot::Times(vec![N, N])];
        assert_eq!(
            count(&Method::MeetingTime, 2, &b, 1).1,
            PollOutcome::NoMajority
        );
    }

    trait Of {
        fn of(&self, field: &str) -> Option<FieldError>;
    }

    /// The error beside `field`, if parsing failed there.
    impl Of for Result<Ballot, FieldErrors> {
        fn of(&self, field: &str) -> Option<FieldError> {
            let errors = self.as_ref().err()?;
            errors.iter().find(|(f, _)| f == field).map(|(_, e)| *e)
        }
    }

    fn form(fields: &[(&str, &str)]) -> BallotForm {
        BallotForm::of(fields)
    }

    #[test]
    fn ballot_forms_are_parsed_with_each_problem_named() {
        let ranks = form(&[("rank_0", "2"), ("rank_1", ""), ("rank_2", "1")]);
        assert_eq!(ranks.parse(&SIMPLE, 3), Ok(Ballot::Ranked(vec![2, 0])));
        let twice = form(&[("rank_0", "1"), ("rank_1", "1")]);
        assert_eq!(
            form(&[("rank_0", "1"), ("rank_0", "2")])
                .parse(&SIMPLE, 2)
                .of("ranks"),
            Some(FieldError::RankedTwice),
            "one option ranked twice"
        );
        assert_eq!(
            twice.parse(&SIMPLE, 2).of("ranks"),
            Some(FieldError::RankedTwice)
        );
        assert_eq!(
            form(&[]).parse(&SIMPLE, 2).of("ranks"),
            Some(FieldError::Required)
        );
        let block = form(&[("stance", "block"), ("reason", "")]);
        assert_eq!(
            block.parse(&Method::Consent, 1).of("reason"),
            Some(FieldError::Required)
        );
        let ok = form(&[
            ("stance", "block"),
            ("reason", "会挡住消防通道，必须先改方案。"),
        ]);
        assert!(matches!(
            ok.parse(&Method::Consent, 1),
            Ok(Ballot::Consent(Stance::Block, Some(_)))
        ));
        let dots = Method::Dots { dots: 3 };
        assert_eq!(
            form(&[("dots_0", "2"), ("dots_1", "2")])
                .parse(&dots, 2)
                .of("dots"),
            Some(FieldError::LimitReached(3))
        );
        assert_eq!(
            form(&[("dots_0", "2"), ("dots_1", "")]).parse(&dots, 2),
            Ok(Ballot::Dots(vec![2, 0]))
        );
        let fen = |y: i64| Fen::new(y * 100).expect("fen");
        let budget = Method::Budget {
            budget: fen(100),
            costs: vec![fen(60), fen(50)],
        };
        assert_eq!(
            form(&[("approve", "0"), ("approve", "1")])
                .parse(&budget, 2)
                .of("approve"),
            Some(FieldError::OverBudget)
        );
        assert_eq!(
            form(&[("approve", "1")]).parse(&budget, 2),
            Ok(Ballot::Approve(vec![1]))
        );
        let score = Method::Score { min_average: 0 };
        assert_eq!(
            form(&[("score_0", "6"), ("score_1", "1")])
                .parse(&score, 2)
                .of("scores"),
            Some(FieldError::NumberRange(0, 5))
        );
        assert_eq!(
            form(&[("time_0", "yes")])
                .parse(&Method::MeetingTime, 2)
                .of("times"),
            Some(FieldError::Required)
        );
    }

    #[test]
    fn stored_ballots_and_methods_read_back_as_written() {
        let fen = |y: i64| Fen::new(y * 100).expect("fen");
        let cases = [
            (
                Method::Choice {
                    rule: MajorityRule::TwoThirds,
                },
                Ballot::Choice(1),
            ),
            (
                Method::Consent,
                Ballot::Consent(Stance::Concern, Some("请注意施工噪音时间。".into())),
            ),
            (SIMPLE, Ballot::Ranked(vec![2, 0])),
            (
                Method::Score { min_average: 2 },
                Ballot::Score(vec![5, 0, 3]),
            ),
            (Method::Dots { dots: 5 }, Ballot::Dots(vec![2, 0, 3])),
            (
                Method::Budget {
                    budget: fen(100),
                    costs: vec![fen(60), fen(50), fen(40)],
                },
                Ballot::Approve(vec![0, 2]),
            ),
            (
                Method::MeetingTime,
                Ballot::Times(vec![
                    Availability::Yes,
                    Availability::IfNeedBe,
                    Availability::No,
                ]),
            ),
        ];
        for (method, ballot) in cases {
            let costs = match &method {
                Method::Budget { costs, .. } => costs.clone(),
                _ => Vec::new(),
            };
            let back = Method::from_stored(
                method.kind().as_str(),
                method.rule().as_str(),
                &method.threshold(),
                costs,
            )
            .expect("method");
            assert_eq!(back, method);
            let reason = match &ballot {
                Ballot::Consent(_, r) => r.clone(),
                _ => None,
            };
            assert_eq!(
                Ballot::from_stored(&method, 3, &ballot.marks(), reason),
                Some(ballot.clone()),
                "{method:?}"
            );
        }
        assert_eq!(
            Ballot::from_stored(&SIMPLE, 3, "0,0", None),
            None,
            "a rank twice"
        );
        assert_eq!(Method::from_stored("dots", "simple", "0", Vec::new()), None);
    }
}
