//! What pages and the API show of a deliberation.

use serde::{Deserialize, Serialize};

use super::{
    Arrangement, Ballot, Count, MajorityRule, Method, Minutes, PollOutcome, Stage, TopicState, Vote,
};
use crate::LocalName;

/// A line of the deliberation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliberationSummary {
    pub id: i64,
    pub community: String,
    pub community_name: LocalName,
    pub title: String,
    pub stage: Stage,
    pub collect_until: i64,
    pub notice_ends_at: Option<i64>,
    /// When the consultation begins, once arranged.
    pub starts_at: Option<i64>,
    pub topics: u32,
    pub updated_at: i64,
}

/// Everything on a deliberation's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliberationDetail {
    pub summary: DeliberationSummary,
    pub description: String,
    pub notice_days: u32,
    pub notice_published_at: Option<i64>,
    pub arrangement: Option<Arrangement>,
    pub topics: Vec<TopicView>,
    pub objections: Vec<ObjectionView>,
    pub statements: Vec<StatementView>,
    pub polls: Vec<PollView>,
    pub minutes: Option<Minutes>,
    pub timeline: Vec<DeliberationEvent>,
    /// The latest published version of the decision record.
    pub record: Option<RecordView>,
    /// Set when the decision is to be carried out as a project.
    pub implementation: Option<String>,
    pub you: YourPlace,
}

/// What the person looking may do here; the server checks again on every
/// request, this only decides which forms a page offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YourPlace {
    pub signed_in: bool,
    /// Hears of every step (in the inbox, and by email at once or daily).
    pub following: bool,
    /// A council member of the community, or staff over it.
    pub runs_it: bool,
    /// A verified resident in the participants' scope.
    pub takes_part: bool,
    /// Staff serving the community's residents: they enter and confirm
    /// paper tally sheets.
    pub counts_paper: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicView {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub why: String,
    pub proposer: String,
    pub state: TopicState,
    /// The council's reason for its decision, shown publicly.
    pub reason: Option<String>,
    pub merged_into: Option<i64>,
    /// The matter this topic was promoted from.
    pub matter: Option<i64>,
    /// Every matter it was made from (a cluster of recurring matters
    /// names several), ascending.
    #[serde(default)]
    pub matters: Vec<i64>,
    /// Its result page, once its deliberation was decided.
    #[serde(default)]
    pub result: Option<i64>,
    pub supports: u32,
    pub supported_by_you: bool,
    pub created_at: i64,
    /// Hidden by a moderator: its text is withheld (see the public log).
    #[serde(default)]
    pub hidden: bool,
}

/// An objection or a question on the notice, and the council's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectionView {
    pub id: i64,
    pub author: String,
    pub body: String,
    pub at: i64,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    /// Hidden by a moderator: its text is withheld (see the public log).
    #[serde(default)]
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementView {
    pub id: i64,
    pub body: String,
    pub at: i64,
    /// Hidden by a moderator: the text is withheld, the line stays.
    pub hidden: bool,
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
    pub your_vote: Option<Vote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollView {
    pub id: i64,
    pub question: String,
    pub options: Vec<String>,
    pub quorum: u32,
    pub rule: MajorityRule,
    pub closes_at: i64,
    pub closed: bool,
    /// How many have voted; shown while open so people see the quorum
    /// coming, without saying for what.
    pub ballots: u32,
    /// Votes per option of a one-choice poll: `None` until the poll
    /// closes, for everyone.
    pub tally: Option<Vec<u32>>,
    pub outcome: Option<PollOutcome>,
    /// The option the viewer chose, by position (one-choice polls).
    pub your_choice: Option<u32>,
    pub method: Method,
    /// The count by the poll's method: `None` until it closes.
    pub count: Option<Count>,
    /// The viewer's ballot, to show and to change while open.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub your_ballot: Option<Ballot>,
    /// A consent poll's blocks: the council sees them while open, to
    /// answer; everyone once it has closed. Never who blocked.
    pub blocks: Vec<BlockView>,
    /// Ballots per channel, every channel listed (paper: the valid ballots
    /// of confirmed tally sheets); turnout only, so shown while open.
    pub by_channel: Vec<(crate::channel::Channel, u32)>,
    /// A closed one-choice poll's votes per option, per channel.
    pub choice_by_channel: Vec<(crate::channel::Channel, Vec<u32>)>,
    /// Paper tally sheets (one-choice polls), confirmed or waiting.
    pub sheets: Vec<crate::channel::TallySheet>,
}

/// Where the reader stands in the opinion map, once they have voted on
/// enough statements: their group, what sets it apart, and how often they
/// vote as each group's majority does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YourStand {
    /// The group's position in the map's list, from 0.
    pub group: u8,
    pub members: u32,
    /// Per group, in the map's order: the share (0–100) of the reader's
    /// agree or disagree votes that match the group's majority.
    pub closeness: Vec<u8>,
    pub characteristic: Vec<StatementShare>,
}

/// One vote of the anonymised vote matrix: the participant by an id that
/// is random, stable within the deliberation and unrelated elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnonymousVote {
    pub participant: String,
    pub statement: i64,
    /// 1 agree, −1 disagree, 0 pass.
    pub vote: i8,
}

/// A block of a consent poll, with its reason and the council's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BlockView {
    pub id: i64,
    pub reason: String,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
}

/// What happened, for the public timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    WindowChanged,
    MatterPromoted,
    CollectionClosed,
    TopicSelected,
    TopicMerged,
    TopicDeclined,
    Arranged,
    NoticePublished,
    ObjectionAnswered,
    ConsultationOpened,
    PollPut,
    StatementHidden,
    MinutesRecorded,
    Decided,
    RecordAmended,
    MarkedForImplementation,
    Cancelled,
}

impl EventKind {
    pub const ALL: [EventKind; 18] = [
        EventKind::Created,
        EventKind::WindowChanged,
        EventKind::MatterPromoted,
        EventKind::CollectionClosed,
        EventKind::TopicSelected,
        EventKind::TopicMerged,
        EventKind::TopicDeclined,
        EventKind::Arranged,
        EventKind::NoticePublished,
        EventKind::ObjectionAnswered,
        EventKind::ConsultationOpened,
        EventKind::PollPut,
        EventKind::StatementHidden,
        EventKind::MinutesRecorded,
        EventKind::Decided,
        EventKind::RecordAmended,
        EventKind::MarkedForImplementation,
        EventKind::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::WindowChanged => "window_changed",
            EventKind::MatterPromoted => "matter_promoted",
            EventKind::CollectionClosed => "collection_closed",
            EventKind::TopicSelected => "topic_selected",
            EventKind::TopicMerged => "topic_merged",
            EventKind::TopicDeclined => "topic_declined",
            EventKind::Arranged => "arranged",
            EventKind::NoticePublished => "notice_published",
            EventKind::ObjectionAnswered => "objection_answered",
            EventKind::ConsultationOpened => "consultation_opened",
            EventKind::PollPut => "poll_put",
            EventKind::StatementHidden => "statement_hidden",
            EventKind::MinutesRecorded => "minutes_recorded",
            EventKind::Decided => "decided",
            EventKind::RecordAmended => "record_amended",
            EventKind::MarkedForImplementation => "marked_for_implementation",
            EventKind::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// What the timeline and messages call this step, in `lang`: one table
    /// for the pages and for the email the outbox sends.
    pub fn name(self, lang: crate::Lang) -> &'static str {
        let (zh, en) = match self {
            EventKind::Created => ("发起议事", "Started"),
            EventKind::WindowChanged => ("调整征集时间", "Collection window changed"),
            EventKind::MatterPromoted => ("居民反映转为议题", "Matter made a topic"),
            EventKind::CollectionClosed => ("结束议题征集", "Collection ended"),
            EventKind::TopicSelected => ("选定议题", "Topic selected"),
            EventKind::TopicMerged => ("合并议题", "Topics merged"),
            EventKind::TopicDeclined => ("不采纳议题", "Topic declined"),
            EventKind::Arranged => ("安排协商", "Consultation arranged"),
            EventKind::NoticePublished => ("发布公示", "Notice published"),
            EventKind::ObjectionAnswered => ("答复意见", "Objection answered"),
            EventKind::ConsultationOpened => ("开始协商", "Consultation opened"),
            EventKind::PollPut => ("发起表决", "Poll put"),
            EventKind::StatementHidden => ("隐藏观点", "Statement hidden"),
            EventKind::MinutesRecorded => ("记录协商情况", "Minutes recorded"),
            EventKind::Decided => ("公布决定", "Decision published"),
            EventKind::RecordAmended => ("更正决定记录", "Record corrected"),
            EventKind::MarkedForImplementation => {
                ("转为项目落实", "To be carried out as a project")
            }
            EventKind::Cancelled => ("取消议事", "Cancelled"),
        };
        match lang {
            crate::Lang::ZhCn => zh,
            crate::Lang::En => en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliberationEvent {
    pub kind: EventKind,
    pub actor: Option<String>,
    pub note: Option<String>,
    pub at: i64,
}

/// One published version of a decision record. `content` is the exact
/// text the fingerprint is the SHA-256 of; it names the previous
/// version's fingerprint, so the versions form a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub version: u32,
    pub content: String,
    pub fingerprint: String,
    pub published_at: i64,
}

/// One line of a person's inbox: a deliberation they follow moved on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliberationInboxItem {
    pub id: i64,
    pub deliberation: i64,
    pub title: String,
    pub kind: EventKind,
    pub at: i64,
    pub read: bool,
}

/// The opinion groups of a consultation, from everyone's votes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpinionMap {
    /// Participants placed on the map (those who voted on enough
    /// statements).
    pub participants: u32,
    pub groups: Vec<OpinionGroup>,
    /// Each participant's place on the map (−1 to 1) and group; nobody is
    /// named.
    pub points: Vec<(f32, f32, u8)>,
    /// Statements most of every group agrees with.
    pub consensus: Vec<StatementShare>,
    /// Per statement voted on: how far it bridges the groups, by two
    /// measures that should agree.
    #[serde(default)]
    pub scores: Vec<StatementScore>,
    /// How stable the groups are when the statements are resampled: the
    /// mean adjusted Rand index (1 the same groups every time, 0 no better
    /// than chance); none while there is only one group.
    #[serde(default)]
    pub stability: Option<f32>,
}

/// How one statement bridges the opinion groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementScore {
    pub statement: i64,
    /// Group-informed consensus, 0–1: the geometric mean over groups of
    /// the (smoothed) share agreeing, so one group against it pulls it
    /// down whatever its size.
    pub consensus: f32,
    /// From a one-factor matrix factorisation of the votes (the Community
    /// Notes method): the global mean plus the statement's intercept, the
    /// agreement (0–1, passes left out) predicted for someone in the middle
    /// of the main line of division, whichever side they lean to.
    pub bridging: f32,
    /// The two measures disagree on whether this is common ground.
    pub divergent: bool,
}

impl StatementScore {
    /// Common ground by group-informed consensus.
    pub const CONSENSUS_BAR: f32 = 0.6;
    /// Common ground by bridging: the agreement predicted across the
    /// divide. Higher than the consensus bar because passes are left out
    /// of it (the consensus counts them among those not agreeing).
    pub const BRIDGING_BAR: f32 = 0.7;

    pub fn common_by_consensus(&self) -> bool {
        self.consensus >= Self::CONSENSUS_BAR
    }

    pub fn common_by_bridging(&self) -> bool {
        self.bridging >= Self::BRIDGING_BAR
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpinionGroup {
    pub members: u32,
    /// Statements that set this group apart, with how the group voted.
    pub characteristic: Vec<StatementShare>,
}

/// How a set of people voted on one statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementShare {
    pub statement: i64,
    pub agree: f32,
    pub disagree: f32,
}
