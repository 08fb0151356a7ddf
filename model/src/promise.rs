//! Promises with deadlines: once enough residents support a matter or a
//! topic, the council owes them two things by a date: to put it on its
//! agenda within 14 days, and to answer in writing within 30. Whether it
//! did is read from the dates alone, so nobody can mark a promise kept.

use serde::{Deserialize, Serialize};

use crate::LocalName;

/// Days from reaching the threshold to being on the council's agenda.
pub const AGENDA_DAYS: i64 = 14;
/// Days from reaching the threshold to the written answer.
pub const ANSWER_DAYS: i64 = 30;
/// The default threshold: this share of the community's households…
pub const THRESHOLD_PERCENT: u32 = 5;
/// …but never more supporters than this.
pub const THRESHOLD_CAP: u32 = 50;
/// Highest threshold a community may set.
pub const THRESHOLD_MAX: u32 = 1000;
/// Written answers are at least this long: a reason, not "noted".
pub const ANSWER_MIN: usize = 20;
pub const ANSWER_MAX: usize = 4000;
pub const NOTE_MAX: usize = 200;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Supporters that oblige the council: the community's own setting, else
/// 5 % of its households, at most 50 (and at least 1).
pub fn threshold(households: u32, setting: Option<u32>) -> u32 {
    setting.unwrap_or_else(|| {
        (households * THRESHOLD_PERCENT)
            .div_ceil(100)
            .clamp(1, THRESHOLD_CAP)
    })
}

/// The two deadlines of a promise reached at `reached_at`.
pub fn deadlines(reached_at: i64) -> (i64, i64) {
    (
        reached_at + AGENDA_DAYS * DAY_MS,
        reached_at + ANSWER_DAYS * DAY_MS,
    )
}

/// What the supporters asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Matter,
    Topic,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Matter => "matter",
            Subject::Topic => "topic",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "matter" => Some(Subject::Matter),
            "topic" => Some(Subject::Topic),
            _ => None,
        }
    }
}

/// Where a promise stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PromiseState {
    /// Its clocks are running.
    Running,
    /// On the agenda and answered, each in time.
    Kept,
    /// A deadline passed with its step undone, or done late.
    Broken,
}

impl PromiseState {
    pub fn as_str(self) -> &'static str {
        match self {
            PromiseState::Running => "running",
            PromiseState::Kept => "kept",
            PromiseState::Broken => "broken",
        }
    }
}

/// The dates a promise's state is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Clocks {
    pub reached_at: i64,
    pub agenda_due: i64,
    pub answer_due: i64,
    pub on_agenda_at: Option<i64>,
    pub answered_at: Option<i64>,
}

impl Clocks {
    pub fn state(&self, now: i64) -> PromiseState {
        let step = |done: Option<i64>, due: i64| match done {
            Some(at) if at <= due => Some(true),
            Some(_) => Some(false),
            None if now > due => Some(false),
            None => None,
        };
        match (
            step(self.on_agenda_at, self.agenda_due),
            step(self.answered_at, self.answer_due),
        ) {
            (Some(false), _) | (_, Some(false)) => PromiseState::Broken,
            (Some(true), Some(true)) => PromiseState::Kept,
            _ => PromiseState::Running,
        }
    }

    /// Whole days left to `due` (negative once past).
    pub fn days_left(due: i64, now: i64) -> i64 {
        (due - now).div_euclid(DAY_MS) + i64::from((due - now).rem_euclid(DAY_MS) > 0)
    }
}

/// A promise as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Promise {
    pub id: i64,
    pub community: String,
    pub community_name: LocalName,
    pub subject: Subject,
    pub subject_id: i64,
    /// The page of what was supported.
    pub href: String,
    pub title: String,
    /// Supporters when the threshold was reached.
    pub supporters: u32,
    pub threshold: u32,
    pub clocks: Clocks,
    /// What the agenda entry says (which meeting, which topic).
    pub agenda_note: Option<String>,
    pub answer: Option<String>,
    /// Its state when read.
    pub state: PromiseState,
}

/// The promises under a place, as read at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromiseList {
    /// A district, street or community code; empty for the city.
    pub place: String,
    pub place_name: LocalName,
    pub promises: Vec<Promise>,
    pub now: i64,
}

/// One promise, and whether the reader answers for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromisePage {
    pub promise: Promise,
    /// The community's council members and staff over it record the
    /// agenda and the answer.
    pub may_answer: bool,
    pub now: i64,
}

/// Checks a written answer.
pub fn parse_answer(input: &str) -> Result<String, crate::account::FieldError> {
    crate::account::text(input, ANSWER_MIN, ANSWER_MAX, true)
}

/// Checks an agenda note (which meeting, which item).
pub fn parse_note(input: &str) -> Result<String, crate::account::FieldError> {
    crate::account::text(input, 2, NOTE_MAX, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_790_000_000_000;

    fn clocks(on_agenda: Option<i64>, answered: Option<i64>) -> Clocks {
        let (agenda_due, answer_due) = deadlines(T0);
        Clocks {
            reached_at: T0,
            agenda_due,
            answer_due,
            on_agenda_at: on_agenda.map(|d| T0 + d * DAY_MS),
            answered_at: answered.map(|d| T0 + d * DAY_MS),
        }
    }

    #[test]
    fn the_threshold_is_five_percent_of_households_up_to_fifty() {
        assert_eq!(threshold(300, None), 15);
        assert_eq!(threshold(3000, None), 50);
        assert_eq!(threshold(10, None), 1);
        assert_eq!(threshold(3000, Some(80)), 80);
    }

    #[test]
    fn a_promise_is_kept_only_when_both_steps_came_in_time() {
        let day = |d: i64| T0 + d * DAY_MS;
        assert_eq!(clocks(None, None).state(day(3)), PromiseState::Running);
        assert_eq!(clocks(Some(10), None).state(day(20)), PromiseState::Running);
        assert_eq!(
            clocks(Some(10), Some(25)).state(day(26)),
            PromiseState::Kept
        );
        assert_eq!(
            clocks(Some(14), Some(30)).state(day(40)),
            PromiseState::Kept,
            "the last day counts"
        );
        assert_eq!(
            clocks(None, None).state(day(15)),
            PromiseState::Broken,
            "not on the agenda in 14 days"
        );
        assert_eq!(
            clocks(Some(15), Some(20)).state(day(21)),
            PromiseState::Broken,
            "on the agenda late"
        );
        assert_eq!(
            clocks(Some(5), None).state(day(31)),
            PromiseState::Broken,
            "no answer in 30 days"
        );
        assert_eq!(
            clocks(Some(5), Some(31)).state(day(31)),
            PromiseState::Broken,
            "answered late"
        );
    }

    #[test]
    fn days_left_count_part_days_as_days() {
        assert_eq!(Clocks::days_left(T0 + 14 * DAY_MS, T0), 14);
        assert_eq!(Clocks::days_left(T0 + 14 * DAY_MS, T0 + 1), 14);
        assert_eq!(Clocks::days_left(T0, T0 + 1), 0);
        assert_eq!(Clocks::days_left(T0, T0 + DAY_MS + 1), -1);
    }
}
