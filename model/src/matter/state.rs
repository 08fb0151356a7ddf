//! The matter state machine (发现、立案、派遣、结案). Every change is a
//! [`Step`]; [`MatterState::after`] says whether a step is allowed from a
//! state and where it leads. The server stores only what this allows.

use serde::{Deserialize, Serialize};

use crate::{
    account::AccountId,
    text::{Line, Text},
};

/// How serious a matter is, set when it is registered (立案).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 小微
    Minor,
    /// 一般
    General,
    /// 较大
    Larger,
    /// 重大
    Major,
}

/// Working days to finish a matter of each severity, unless a community
/// sets its own.
pub const WORKING_DAY_DEFAULTS: [(Severity, u32); 4] = [
    (Severity::Minor, 2),
    (Severity::General, 5),
    (Severity::Larger, 10),
    (Severity::Major, 15),
];

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Minor,
        Severity::General,
        Severity::Larger,
        Severity::Major,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::General => "general",
            Severity::Larger => "larger",
            Severity::Major => "major",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// "Small matters don't leave the community": where a matter of this
    /// severity is handled.
    pub fn level(self) -> Level {
        match self {
            Severity::Minor | Severity::General => Level::Community,
            Severity::Larger => Level::Street,
            Severity::Major => Level::District,
        }
    }

    pub fn default_working_days(self) -> u32 {
        WORKING_DAY_DEFAULTS
            .iter()
            .find(|(s, _)| *s == self)
            .map_or(5, |(_, d)| *d)
    }
}

/// Which level of the tree answers for a matter now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Community,
    Street,
    District,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Community => "community",
            Level::Street => "street",
            Level::District => "district",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Level::Community, Level::Street, Level::District]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    /// One level up; the district is the top.
    pub fn up(self) -> Option<Level> {
        match self {
            Level::Community => Some(Level::Street),
            Level::Street => Some(Level::District),
            Level::District => None,
        }
    }
}

/// Where a matter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatterState {
    /// Reported, waiting for staff to look at it.
    Submitted,
    /// Accepted as the community's business (立案), with a severity.
    Registered,
    /// Not accepted; the reason is on the timeline.
    Rejected,
    /// A duplicate, folded into another matter.
    Merged,
    /// Not the community's business; handed to whoever answers for it.
    Referred,
    /// Given to a handler (派遣).
    Dispatched,
    /// The handler is working on it.
    InProgress,
    /// The handler says it is done; the resident rates it or reopens it.
    Resolved,
    /// Finished (结案).
    Closed,
}

impl MatterState {
    pub const ALL: [MatterState; 9] = [
        MatterState::Submitted,
        MatterState::Registered,
        MatterState::Rejected,
        MatterState::Merged,
        MatterState::Referred,
        MatterState::Dispatched,
        MatterState::InProgress,
        MatterState::Resolved,
        MatterState::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MatterState::Submitted => "submitted",
            MatterState::Registered => "registered",
            MatterState::Rejected => "rejected",
            MatterState::Merged => "merged",
            MatterState::Referred => "referred",
            MatterState::Dispatched => "dispatched",
            MatterState::InProgress => "in_progress",
            MatterState::Resolved => "resolved",
            MatterState::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Still someone's work: counted as open, watched for deadlines.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            MatterState::Submitted
                | MatterState::Registered
                | MatterState::Dispatched
                | MatterState::InProgress
                | MatterState::Resolved
        )
    }

    /// Whether a deadline runs in this state: from registration until the
    /// handler reports it resolved.
    pub fn has_deadline(self) -> bool {
        matches!(
            self,
            MatterState::Registered | MatterState::Dispatched | MatterState::InProgress
        )
    }

    /// Where `step` leads from here, or why it cannot be taken.
    pub fn after(self, step: &Step) -> Result<MatterState, StepError> {
        use MatterState as S;
        let next = match (self, step) {
            (S::Submitted, Step::Register { .. }) => S::Registered,
            (S::Submitted, Step::Reject { .. }) => S::Rejected,
            (S::Submitted | S::Registered, Step::Merge { into }) => {
                if *into <= 0 {
                    return Err(StepError::NoSuchMatter);
                }
                S::Merged
            }
            (S::Submitted | S::Registered, Step::Refer { to, item, .. }) => {
                if item.is_none() && to.is_none() {
                    return Err(StepError::TextRequired);
                }
                S::Referred
            }
            (S::Registered | S::Dispatched | S::InProgress, Step::Dispatch { .. }) => S::Dispatched,
            (S::Dispatched, Step::Start) => S::InProgress,
            (S::Dispatched | S::InProgress, Step::Resolve { .. }) => S::Resolved,
            (S::Resolved, Step::Rate { .. }) => S::Closed,
            (S::Resolved, Step::Reopen { .. }) => S::Registered,
            (S::Resolved, Step::CloseUnrated) => S::Closed,
            (S::Registered | S::Dispatched | S::InProgress, Step::Escalate { .. }) => self,
            (S::Rejected | S::Merged | S::Referred | S::Closed, _) => {
                return Err(StepError::Finished);
            }
            _ => return Err(StepError::NotNow),
        };
        Ok(next)
    }
}

/// Who a matter is given to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Handler {
    /// A grid worker or a member of staff.
    Person(AccountId),
    /// A named team (a property company's repair crew, the street's
    /// urban-management squad…).
    Team(#[cfg_attr(feature = "openapi", schema(inline))] UnitName),
}

/// A reason or a note on a handling step.
pub type StepNote = Text<1000>;
/// A team's or an office's name.
pub type UnitName = Line<60>;
/// A resident's comment beside their rating.
pub type RatingComment = Text<500>;

/// One change to a matter, as a person (or the escalation task) asks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum Step {
    Register {
        severity: Severity,
    },
    Reject {
        #[cfg_attr(feature = "openapi", schema(inline))]
        reason: StepNote,
    },
    Merge {
        into: i64,
    },
    Refer {
        /// Blank when `item` names whose work it is.
        #[serde(default, deserialize_with = "crate::text::blank_as_none")]
        #[cfg_attr(feature = "openapi", schema(inline))]
        to: Option<UnitName>,
        #[cfg_attr(feature = "openapi", schema(inline))]
        reason: StepNote,
        /// The negative-list item (事项清单) that says whose work this is;
        /// with it, `to` may be left for the item to name.
        #[serde(default)]
        item: Option<i64>,
    },
    Dispatch {
        handler: Handler,
    },
    Start,
    Resolve {
        #[cfg_attr(feature = "openapi", schema(inline))]
        done: StepNote,
    },
    Rate {
        rating: super::Rating,
        #[serde(default, deserialize_with = "crate::text::blank_as_none")]
        #[cfg_attr(feature = "openapi", schema(inline))]
        comment: Option<RatingComment>,
    },
    Reopen {
        #[cfg_attr(feature = "openapi", schema(inline))]
        reason: StepNote,
    },
    /// The resident neither rated nor reopened in time.
    CloseUnrated,
    /// The deadline passed: the matter goes one level up.
    Escalate {
        to: Level,
    },
}

/// A step's kind, as the timeline stores and shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Reported,
    Registered,
    Rejected,
    Merged,
    Referred,
    Dispatched,
    Started,
    Resolved,
    Rated,
    Reopened,
    ClosedUnrated,
    Escalated,
}

impl StepKind {
    pub const ALL: [StepKind; 12] = [
        StepKind::Reported,
        StepKind::Registered,
        StepKind::Rejected,
        StepKind::Merged,
        StepKind::Referred,
        StepKind::Dispatched,
        StepKind::Started,
        StepKind::Resolved,
        StepKind::Rated,
        StepKind::Reopened,
        StepKind::ClosedUnrated,
        StepKind::Escalated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Reported => "reported",
            StepKind::Registered => "registered",
            StepKind::Rejected => "rejected",
            StepKind::Merged => "merged",
            StepKind::Referred => "referred",
            StepKind::Dispatched => "dispatched",
            StepKind::Started => "started",
            StepKind::Resolved => "resolved",
            StepKind::Rated => "rated",
            StepKind::Reopened => "reopened",
            StepKind::ClosedUnrated => "closed_unrated",
            StepKind::Escalated => "escalated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl StepKind {
    /// What the timeline and messages call this step, in `lang`: one table
    /// for the pages and for the email the outbox sends.
    pub fn name(self, lang: crate::Lang) -> &'static str {
        let (zh, en) = match self {
            StepKind::Reported => ("居民反映", "Reported by a resident"),
            StepKind::Registered => ("立案", "Registered"),
            StepKind::Rejected => ("不予受理", "Not accepted"),
            StepKind::Merged => ("合并为重复事项", "Merged as a duplicate"),
            StepKind::Referred => ("转交", "Referred"),
            StepKind::Dispatched => ("派遣", "Dispatched"),
            StepKind::Started => ("开始办理", "Work started"),
            StepKind::Resolved => ("办结", "Resolved"),
            StepKind::Rated => ("居民评价", "Rated by the resident"),
            StepKind::Reopened => ("重新办理", "Reopened"),
            StepKind::ClosedUnrated => ("到期未评价，自动结案", "Closed without a rating"),
            StepKind::Escalated => ("逾期，上报上一级", "Overdue: passed up a level"),
        };
        match lang {
            crate::Lang::ZhCn => zh,
            crate::Lang::En => en,
        }
    }
}

impl Step {
    pub fn kind(&self) -> StepKind {
        match self {
            Step::Register { .. } => StepKind::Registered,
            Step::Reject { .. } => StepKind::Rejected,
            Step::Merge { .. } => StepKind::Merged,
            Step::Refer { .. } => StepKind::Referred,
            Step::Dispatch { .. } => StepKind::Dispatched,
            Step::Start => StepKind::Started,
            Step::Resolve { .. } => StepKind::Resolved,
            Step::Rate { .. } => StepKind::Rated,
            Step::Reopen { .. } => StepKind::Reopened,
            Step::CloseUnrated => StepKind::ClosedUnrated,
            Step::Escalate { .. } => StepKind::Escalated,
        }
    }
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum StepError {
    #[error("the matter is finished")]
    Finished,
    #[error("this step does not follow from the matter's state")]
    NotNow,
    #[error("a reason or description is required")]
    TextRequired,
    #[error("no such matter to merge into")]
    NoSuchMatter,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matter::Rating;
    use MatterState as S;

    fn every_step() -> Vec<Step> {
        vec![
            Step::Register {
                severity: Severity::General,
            },
            Step::Reject {
                reason: note("not a matter"),
            },
            Step::Merge { into: 7 },
            Step::Refer {
                to: Some(Line::parse("供电公司").expect("valid")),
                reason: note("power lines"),
                item: None,
            },
            Step::Dispatch {
                handler: Handler::Person(AccountId(3)),
            },
            Step::Start,
            Step::Resolve {
                done: note("replaced the lamp"),
            },
            Step::Rate {
                rating: Rating::new(5).expect("valid"),
                comment: None,
            },
            Step::Reopen {
                reason: note("dark again"),
            },
            Step::CloseUnrated,
            Step::Escalate { to: Level::Street },
        ]
    }

    /// The whole machine as a table: from each state, the states each step
    /// leads to (`None`: refused).
    #[test]
    fn every_state_against_every_step() {
        use StepKind as K;
        let allowed: &[(MatterState, &[(StepKind, MatterState)])] = &[
            (
                S::Submitted,
                &[
                    (K::Registered, S::Registered),
                    (K::Rejected, S::Rejected),
                    (K::Merged, S::Merged),
                    (K::Referred, S::Referred),
                ],
            ),
            (
                S::Registered,
                &[
                    (K::Merged, S::Merged),
                    (K::Referred, S::Referred),
                    (K::Dispatched, S::Dispatched),
                    (K::Escalated, S::Registered),
                ],
            ),
            (
                S::Dispatched,
                &[
                    (K::Dispatched, S::Dispatched),
                    (K::Started, S::InProgress),
                    (K::Resolved, S::Resolved),
                    (K::Escalated, S::Dispatched),
                ],
            ),
            (
                S::InProgress,
                &[
                    (K::Dispatched, S::Dispatched),
                    (K::Resolved, S::Resolved),
                    (K::Escalated, S::InProgress),
                ],
            ),
            (
                S::Resolved,
                &[
                    (K::Rated, S::Closed),
                    (K::Reopened, S::Registered),
                    (K::ClosedUnrated, S::Closed),
                ],
            ),
            (S::Rejected, &[]),
            (S::Merged, &[]),
            (S::Referred, &[]),
            (S::Closed, &[]),
        ];
        for (state, row) in allowed {
            for step in every_step() {
                let want = row.iter().find(|(k, _)| *k == step.kind()).map(|(_, s)| *s);
                let got = state.after(&step).ok();
                assert_eq!(got, want, "{state:?} + {:?}", step.kind());
            }
        }
        assert_eq!(S::Closed.after(&Step::Start), Err(StepError::Finished));
        assert_eq!(S::Submitted.after(&Step::Start), Err(StepError::NotNow));
    }

    fn note(text: &str) -> StepNote {
        Text::parse(text).expect("valid")
    }

    /// Steps arrive as JSON from the API: blank, overlong or control-laden
    /// text is refused before any rule runs, the same as from the forms.
    #[test]
    fn step_text_is_checked_as_it_is_read() {
        let step = |json: &str| serde_json::from_str::<Step>(json);
        let long = "长".repeat(1001);
        for bad in [
            r#"{"step":"reject","reason":"  "}"#.to_owned(),
            format!(r#"{{"step":"resolve","done":"{long}"}}"#),
            r#"{"step":"reopen","reason":"\u0000\u0007\u001b[2Jdark"}"#.to_owned(),
            r#"{"step":"dispatch","handler":{"team":" "}}"#.to_owned(),
            r#"{"step":"dispatch","handler":{"team":"a\nb"}}"#.to_owned(),
            r#"{"step":"rate","rating":{"stars":0}}"#.to_owned(),
            r#"{"step":"rate","rating":{"stars":6}}"#.to_owned(),
            format!(
                r#"{{"step":"rate","rating":{{"stars":5}},"comment":"\u0000{}"}}"#,
                "好".repeat(606)
            ),
        ] {
            assert!(step(&bad).is_err(), "{bad}");
        }
        let rated = step(r#"{"step":"rate","rating":{"stars":4},"comment":""}"#).expect("valid");
        assert_eq!(
            rated,
            Step::Rate {
                rating: Rating::new(4).expect("valid"),
                comment: None
            }
        );
        let referred =
            step(r#"{"step":"refer","to":"","reason":"清单所列","item":3}"#).expect("valid");
        assert_eq!(S::Submitted.after(&referred), Ok(S::Referred));
        let nowhere = step(r#"{"step":"refer","to":"","reason":"不归社区"}"#).expect("parses");
        assert_eq!(S::Submitted.after(&nowhere), Err(StepError::TextRequired));
    }

    #[test]
    fn small_matters_stay_in_the_community() {
        assert_eq!(Severity::Minor.level(), Level::Community);
        assert_eq!(Severity::General.level(), Level::Community);
        assert_eq!(Severity::Larger.level(), Level::Street);
        assert_eq!(Severity::Major.level(), Level::District);
        assert_eq!(Level::District.up(), None);
        let days: Vec<u32> = Severity::ALL
            .iter()
            .map(|s| s.default_working_days())
            .collect();
        assert_eq!(days, vec![2, 5, 10, 15]);
        for s in MatterState::ALL {
            assert_eq!(MatterState::parse(s.as_str()), Some(s));
        }
        for k in StepKind::ALL {
            assert_eq!(StepKind::parse(k.as_str()), Some(k));
        }
    }
}
