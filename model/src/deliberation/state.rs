//! The four-step procedure (收集议题-确定议题-公示告知-开展协商) as a state
//! machine. [`Stage::after`] decides whether a step may be taken now, from
//! the facts the server counted, so the order and the waiting periods hold
//! whichever page or API asks.

use serde::{Deserialize, Serialize};

use crate::account::FieldError;

/// Where a deliberation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Step 1: residents propose topics and support each other's until the
    /// collection window closes.
    Collecting,
    /// Step 2: the council selects, merges or declines each topic and arranges
    /// the consultation.
    Deciding,
    /// Step 3: the notice is public; the consultation cannot open before the
    /// notice period ends and every objection is answered.
    Notice,
    /// Step 4: statements, votes and decision polls.
    Consultation,
    /// The decision record is published.
    Decided,
    /// Stopped, with a reason on the timeline.
    Cancelled,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Collecting,
        Stage::Deciding,
        Stage::Notice,
        Stage::Consultation,
        Stage::Decided,
        Stage::Cancelled,
    ];
    /// The steps of the procedure in order, for the progress bar.
    pub const PROCEDURE: [Stage; 5] = [
        Stage::Collecting,
        Stage::Deciding,
        Stage::Notice,
        Stage::Consultation,
        Stage::Decided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Collecting => "collecting",
            Stage::Deciding => "deciding",
            Stage::Notice => "notice",
            Stage::Consultation => "consultation",
            Stage::Decided => "decided",
            Stage::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn is_finished(self) -> bool {
        matches!(self, Stage::Decided | Stage::Cancelled)
    }

    /// Where `step` leads from here given `facts`, or why not now.
    pub fn after(self, step: &Step, facts: &Facts) -> Result<Stage, StepError> {
        use Stage as S;
        if self.is_finished() {
            return Err(StepError::Finished);
        }
        match (self, step) {
            (_, Step::Cancel { .. }) => Ok(S::Cancelled),
            (S::Collecting, Step::CloseCollection) => {
                if facts.now < facts.collect_until {
                    return Err(StepError::WindowOpen(facts.collect_until));
                }
                Ok(S::Deciding)
            }
            (S::Deciding, Step::PublishNotice) => {
                if facts.topics_pending > 0 {
                    return Err(StepError::TopicsPending(facts.topics_pending));
                }
                if facts.topics_selected == 0 {
                    return Err(StepError::NoTopicSelected);
                }
                let Some(starts_at) = facts.starts_at else {
                    return Err(StepError::NotArranged);
                };
                let notice_ends = facts.now + i64::from(facts.notice_days) * DAY_MS;
                if starts_at < notice_ends {
                    return Err(StepError::StartsBeforeNoticeEnds(notice_ends));
                }
                Ok(S::Notice)
            }
            (S::Notice, Step::OpenConsultation) => {
                let ends = facts.notice_ends_at.unwrap_or(i64::MAX);
                if facts.now < ends {
                    return Err(StepError::NoticeRunning(ends));
                }
                if facts.objections_open > 0 {
                    return Err(StepError::ObjectionsOpen(facts.objections_open));
                }
                Ok(S::Consultation)
            }
            (S::Consultation, Step::Decide) => {
                if facts.polls_open > 0 {
                    return Err(StepError::PollsOpen(facts.polls_open));
                }
                if facts.blocks_open > 0 {
                    return Err(StepError::BlocksOpen(facts.blocks_open));
                }
                if !facts.minutes {
                    return Err(StepError::NoMinutes);
                }
                Ok(S::Decided)
            }
            _ => Err(StepError::NotNow),
        }
    }

    /// Whether residents may propose and support topics (the window is
    /// checked apart from the stage).
    pub fn collects(self) -> bool {
        self == Stage::Collecting
    }
}

pub const DAY_MS: i64 = 86_400_000;
/// The notice period unless the community set its own, in days.
pub const NOTICE_DAYS_DEFAULT: u32 = 7;
/// No community may shorten the notice period below this.
pub const NOTICE_DAYS_MIN: u32 = 3;
pub const NOTICE_DAYS_MAX: u32 = 60;

/// What the server counted when a step is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Facts {
    pub now: i64,
    pub collect_until: i64,
    pub notice_days: u32,
    pub notice_ends_at: Option<i64>,
    /// When the consultation is arranged to begin, once arranged.
    pub starts_at: Option<i64>,
    /// Topics with no decision yet.
    pub topics_pending: u32,
    pub topics_selected: u32,
    /// Objections and questions on the notice not yet answered.
    pub objections_open: u32,
    /// Decision polls not yet closed.
    pub polls_open: u32,
    /// Blocks in consent polls the council has not answered.
    pub blocks_open: u32,
    /// Whether minutes are recorded.
    pub minutes: bool,
}

/// A change of stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum Step {
    /// The collection window is over: on to deciding.
    CloseCollection,
    /// Publishes the notice; the notice period starts now.
    PublishNotice,
    /// Opens the consultation after the notice period.
    OpenConsultation,
    /// Publishes the decision record.
    Decide,
    Cancel {
        reason: crate::text::Text<1000>,
    },
}

impl Step {
    pub fn kind(&self) -> &'static str {
        match self {
            Step::CloseCollection => "close_collection",
            Step::PublishNotice => "publish_notice",
            Step::OpenConsultation => "open_consultation",
            Step::Decide => "decide",
            Step::Cancel { .. } => "cancel",
        }
    }

    /// Reads a step from a form's `step` field and its reason; the error
    /// names the field at fault.
    pub fn from_form(step: &str, reason: &str) -> Result<Step, (&'static str, FieldError)> {
        Ok(match step {
            "close_collection" => Step::CloseCollection,
            "publish_notice" => Step::PublishNotice,
            "open_consultation" => Step::OpenConsultation,
            "decide" => Step::Decide,
            "cancel" => Step::Cancel {
                reason: crate::text::Text::parse(reason).map_err(|e| ("reason", e))?,
            },
            _ => return Err(("step", FieldError::NotAChoice)),
        })
    }
}

/// Why a step cannot be taken now; each says what has to happen first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "error", content = "detail")]
pub enum StepError {
    #[error("the deliberation is finished")]
    Finished,
    #[error("this step does not follow from the current one")]
    NotNow,
    #[error("the collection window is open until {0}")]
    WindowOpen(i64),
    #[error("{0} topics still wait for a decision")]
    TopicsPending(u32),
    #[error("no topic is selected")]
    NoTopicSelected,
    #[error("the consultation is not arranged yet")]
    NotArranged,
    #[error("the consultation must begin after the notice period, at {0} or later")]
    StartsBeforeNoticeEnds(i64),
    #[error("the notice period runs until {0}")]
    NoticeRunning(i64),
    #[error("{0} objections or questions are not answered")]
    ObjectionsOpen(u32),
    #[error("{0} polls are still open")]
    PollsOpen(u32),
    #[error("{0} blocks are not answered")]
    BlocksOpen(u32),
    #[error("the minutes are not recorded")]
    NoMinutes,
}

/// What the council decides about one proposed topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TopicState {
    Proposed,
    Selected,
    /// Folded into another topic of the same deliberation.
    Merged,
    Declined,
}

impl TopicState {
    pub const ALL: [TopicState; 4] = [
        TopicState::Proposed,
        TopicState::Selected,
        TopicState::Merged,
        TopicState::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TopicState::Proposed => "proposed",
            TopicState::Selected => "selected",
            TopicState::Merged => "merged",
            TopicState::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn ready() -> Facts {
        Facts {
            now: NOW,
            collect_until: NOW - 1,
            notice_days: 7,
            notice_ends_at: Some(NOW - 1),
            starts_at: Some(NOW + 10 * DAY_MS),
            topics_pending: 0,
            topics_selected: 1,
            objections_open: 0,
            polls_open: 0,
            blocks_open: 0,
            minutes: true,
        }
    }

    #[test]
    fn the_four_steps_run_in_order_only() {
        let f = ready();
        assert_eq!(
            Stage::Collecting.after(&Step::CloseCollection, &f),
            Ok(Stage::Deciding)
        );
        assert_eq!(
            Stage::Deciding.after(&Step::PublishNotice, &f),
            Ok(Stage::Notice)
        );
        assert_eq!(
            Stage::Notice.after(&Step::OpenConsultation, &f),
            Ok(Stage::Consultation)
        );
        assert_eq!(
            Stage::Consultation.after(&Step::Decide, &f),
            Ok(Stage::Decided)
        );
        // No skipping ahead, no going back.
        for (stage, step) in [
            (Stage::Collecting, Step::PublishNotice),
            (Stage::Collecting, Step::OpenConsultation),
            (Stage::Deciding, Step::OpenConsultation),
            (Stage::Deciding, Step::Decide),
            (Stage::Notice, Step::Decide),
            (Stage::Consultation, Step::CloseCollection),
        ] {
            assert_eq!(stage.after(&step, &f), Err(StepError::NotNow), "{stage:?}");
        }
        for stage in [Stage::Decided, Stage::Cancelled] {
            let cancel = Step::from_form("cancel", "x").expect("valid");
            assert_eq!(stage.after(&cancel, &f), Err(StepError::Finished));
        }
    }

    #[test]
    fn windows_and_periods_hold_until_their_time() {
        let mut f = ready();
        f.collect_until = NOW + 1;
        assert_eq!(
            Stage::Collecting.after(&Step::CloseCollection, &f),
            Err(StepError::WindowOpen(NOW + 1))
        );
        f.notice_ends_at = Some(NOW + DAY_MS);
        assert_eq!(
            Stage::Notice.after(&Step::OpenConsultation, &f),
            Err(StepError::NoticeRunning(NOW + DAY_MS))
        );
        // A consultation arranged inside the notice period cannot be noticed.
        f.starts_at = Some(NOW + 6 * DAY_MS);
        assert_eq!(
            Stage::Deciding.after(&Step::PublishNotice, &f),
            Err(StepError::StartsBeforeNoticeEnds(NOW + 7 * DAY_MS))
        );
    }

    #[test]
    fn each_step_waits_for_its_work() {
        let f = Facts {
            topics_pending: 2,
            ..ready()
        };
        assert_eq!(
            Stage::Deciding.after(&Step::PublishNotice, &f),
            Err(StepError::TopicsPending(2))
        );
        let f = Facts {
            topics_selected: 0,
            ..ready()
        };
        assert_eq!(
            Stage::Deciding.after(&Step::PublishNotice, &f),
            Err(StepError::NoTopicSelected)
        );
        let f = Facts {
            starts_at: None,
            ..ready()
        };
        assert_eq!(
            Stage::Deciding.after(&Step::PublishNotice, &f),
            Err(StepError::NotArranged)
        );
        let f = Facts {
            objections_open: 1,
            ..ready()
        };
        assert_eq!(
            Stage::Notice.after(&Step::OpenConsultation, &f),
            Err(StepError::ObjectionsOpen(1))
        );
        let f = Facts {
            polls_open: 1,
            ..ready()
        };
        assert_eq!(
            Stage::Consultation.after(&Step::Decide, &f),
            Err(StepError::PollsOpen(1))
        );
        let f = Facts {
            blocks_open: 2,
            ..ready()
        };
        assert_eq!(
            Stage::Consultation.after(&Step::Decide, &f),
            Err(StepError::BlocksOpen(2))
        );
        let f = Facts {
            minutes: false,
            ..ready()
        };
        assert_eq!(
            Stage::Consultation.after(&Step::Decide, &f),
            Err(StepError::NoMinutes)
        );
        assert_eq!(
            Step::from_form("cancel", " "),
            Err(("reason", FieldError::Required))
        );
        assert_eq!(
            Step::from_form("cancel", "\u{1b}[2J"),
            Err(("reason", FieldError::ControlCharacters))
        );
    }
}
