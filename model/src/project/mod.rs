//! Community projects (社区项目) and the calls for bids that give them to
//! social organisations (公益创投 / 政府购买服务).
//!
//! A bid is sealed until the call's deadline: the read models below carry
//! no bid content before it, for anyone but the bidding organisation.

mod form;

pub use form::{
    BUDGET_LINES_MAX, BidForm, BudgetLine, CRITERIA_MAX, CallForm, CallTerms, Criterion,
    EVALUATORS_MAX, MILESTONES_MAX, Milestone, NewBid, NewCall, NewPlan, SCORE_MAX, ScoreSheet,
    bid_total, parse_criteria, parse_scores, ranking_key, weighted_total,
};

use serde::{Deserialize, Serialize};

use crate::{LocalName, money::Fen, organisation::TrackRecord, tree::CommunityCode};

/// Where a project stands: planned, then its call for bids, award,
/// delivery and residents' evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// On the projects list, its call not yet published.
    Planned,
    CallOpen,
    Awarded,
    InProgress,
    Delivered,
    Evaluated,
    /// The call closed without a bid worth awarding.
    Cancelled,
}

/// What moves a project on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectStep {
    /// Staff publish a planned project's call for bids.
    OpenCall,
    /// After the deadline, every sheet in: the best-ranked bid wins.
    Award,
    /// The awarded organisation reports a milestone; `last` when it was
    /// the final one still open.
    Report {
        last: bool,
    },
    /// Staff close the residents' rating.
    CloseEvaluation,
    Cancel,
}

/// Why a step cannot be taken now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProjectStepError {
    #[error("not at this stage")]
    WrongStage,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 7] = [
        ProjectStatus::Planned,
        ProjectStatus::CallOpen,
        ProjectStatus::Awarded,
        ProjectStatus::InProgress,
        ProjectStatus::Delivered,
        ProjectStatus::Evaluated,
        ProjectStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Planned => "planned",
            ProjectStatus::CallOpen => "call_open",
            ProjectStatus::Awarded => "awarded",
            ProjectStatus::InProgress => "in_progress",
            ProjectStatus::Delivered => "delivered",
            ProjectStatus::Evaluated => "evaluated",
            ProjectStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The status after `step`, or why it cannot be taken.
    pub fn after(self, step: ProjectStep) -> Result<ProjectStatus, ProjectStepError> {
        use ProjectStatus as S;
        match (self, step) {
            (S::Planned, ProjectStep::OpenCall) => Ok(S::CallOpen),
            (S::CallOpen, ProjectStep::Award) => Ok(S::Awarded),
            (S::Planned | S::CallOpen, ProjectStep::Cancel) => Ok(S::Cancelled),
            (S::Awarded | S::InProgress, ProjectStep::Report { last: false }) => Ok(S::InProgress),
            (S::Awarded | S::InProgress, ProjectStep::Report { last: true }) => Ok(S::Delivered),
            (S::Delivered, ProjectStep::CloseEvaluation) => Ok(S::Evaluated),
            _ => Err(ProjectStepError::WrongStage),
        }
    }

    /// Residents rate a project once it is delivered, until staff close it.
    pub fn rated_now(self) -> bool {
        self == ProjectStatus::Delivered
    }
}

/// A line of the projects list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectSummary {
    pub id: i64,
    pub community: CommunityCode,
    pub community_name: LocalName,
    pub title: String,
    pub budget_cap: Fen,
    pub status: ProjectStatus,
    pub deadline: i64,
    /// The winning organisation, once awarded.
    pub awarded_to: Option<(i64, String)>,
}

/// A bid as those allowed to read it see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BidView {
    pub id: i64,
    pub organisation: i64,
    pub organisation_name: String,
    pub content: NewBid,
    pub withdrawn: bool,
    pub submitted_at: i64,
    pub updated_at: i64,
    /// What the organisation delivered before, for evaluators.
    pub record: TrackRecord,
}

/// One evaluator's published sheet for one bid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedSheet {
    pub evaluator: String,
    pub scores: Vec<u32>,
    /// Hundredths of a point.
    pub total: u32,
    /// The reasons: only the bidding organisation, staff and the evaluator
    /// read them.
    pub comment: Option<String>,
}

/// One bid's line of the published result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RankedBid {
    pub rank: u32,
    pub bid: i64,
    pub organisation: i64,
    pub organisation_name: String,
    pub price: Fen,
    pub total: Option<u32>,
    pub sheets: Vec<PublishedSheet>,
    /// Evaluators who declared a conflict with this bid and did not score it.
    pub excluded: Vec<String>,
    pub awarded: bool,
}

/// An evaluator's part in a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvaluatorView {
    pub name: String,
    /// Bids scored, and bids excluded by a declared conflict.
    pub scored: u32,
    pub conflicts: u32,
}

/// What the evaluator reading the page has done with one bid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MySheet {
    Open,
    Conflict(String),
    Scored(ScoreSheet),
    /// Out of the whole call: a conflict declared on another bid, or an
    /// organisation of theirs bid.
    Excluded,
}

/// A milestone report of the awarded organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneView {
    pub milestone: Milestone,
    pub report: Option<MilestoneReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneReport {
    pub body: String,
    pub at: i64,
    /// Evidence: photos of what was done.
    pub photos: Vec<crate::matter::PhotoView>,
}

/// One entry of a project's public timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectEvent {
    /// `published`, `bid_count`, `awarded`, `reported`, `delivered`,
    /// `evaluated`, `cancelled`.
    pub kind: String,
    pub note: Option<String>,
    pub at: i64,
}

/// Residents' ratings of a delivered project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ratings {
    /// How many gave 1 to 5 stars.
    pub counts: [u32; 5],
    /// Hundredths; `None` before the first rating.
    pub mean: Option<u32>,
    pub comments: Vec<(u8, String)>,
}

impl Ratings {
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// What the reader may do on the project's page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YourPart {
    pub signed_in: bool,
    /// Staff over the community: award, cancel, close the evaluation.
    pub manages: bool,
    /// Verified organisations of the reader that may bid: (id, name).
    pub may_bid_as: Vec<(i64, String)>,
    pub evaluator: bool,
    /// The awarded organisation's member: reports milestones.
    pub reports: bool,
    /// A verified resident of the community, while ratings are open.
    pub may_rate: bool,
    pub your_rating: Option<u8>,
}

/// Everything the project's page shows, for this reader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectDetail {
    pub summary: ProjectSummary,
    pub description: String,
    pub requirements: String,
    pub eligibility: String,
    pub criteria: Vec<Criterion>,
    pub deliberation: Option<(i64, String)>,
    /// The need (需求清单) it meets.
    pub need: Option<(i64, String)>,
    /// The resources (资源清单) it uses.
    pub resources: Vec<crate::resource::ResourceSummary>,
    pub evaluators: Vec<EvaluatorView>,
    /// Until the deadline no bid is shown, nor how many there are.
    pub sealed: bool,
    /// The number of bids, once the deadline has passed.
    pub bid_count: Option<u32>,
    /// Bids the reader may read: their own organisation's at any time;
    /// every bid for staff and evaluators after the deadline; the winner's
    /// for everyone after the award.
    pub bids: Vec<BidView>,
    /// The evaluator's own sheets, by bid.
    pub my_sheets: Vec<(i64, MySheet)>,
    /// Published with the award.
    pub results: Vec<RankedBid>,
    pub milestones: Vec<MilestoneView>,
    /// Its result page, once awarded.
    #[serde(default)]
    pub tracked: Option<i64>,
    pub ratings: Ratings,
    pub timeline: Vec<ProjectEvent>,
    pub you: YourPart,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_moves_from_call_to_evaluation() {
        let s = ProjectStatus::Planned;
        assert_eq!(
            s.after(ProjectStep::Award),
            Err(ProjectStepError::WrongStage)
        );
        let s = s.after(ProjectStep::OpenCall).expect("called");
        assert_eq!(s, ProjectStatus::CallOpen);
        assert_eq!(
            s.after(ProjectStep::OpenCall),
            Err(ProjectStepError::WrongStage)
        );
        let s = s.after(ProjectStep::Award).expect("awarded");
        let s = s
            .after(ProjectStep::Report { last: false })
            .expect("started");
        assert_eq!(s, ProjectStatus::InProgress);
        let s = s
            .after(ProjectStep::Report { last: true })
            .expect("delivered");
        assert!(s.rated_now());
        assert_eq!(
            s.after(ProjectStep::CloseEvaluation),
            Ok(ProjectStatus::Evaluated)
        );
    }

    #[test]
    fn steps_out_of_order_are_refused() {
        use ProjectStatus as S;
        for (from, step) in [
            (S::CallOpen, ProjectStep::Report { last: true }),
            (S::Awarded, ProjectStep::Award),
            (S::Awarded, ProjectStep::Cancel),
            (S::InProgress, ProjectStep::CloseEvaluation),
            (S::Evaluated, ProjectStep::Report { last: false }),
            (S::Cancelled, ProjectStep::Award),
        ] {
            assert_eq!(
                from.after(step),
                Err(ProjectStepError::WrongStage),
                "{from:?}"
            );
        }
        for s in ProjectStatus::ALL {
            assert_eq!(ProjectStatus::parse(s.as_str()), Some(s));
        }
    }
}
