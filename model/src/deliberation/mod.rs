//! Deliberation (议事协商): collect topics → decide topics → public notice
//! → consultation → recorded decision, run by the residents' council.

mod form;
mod method;
mod poll;
mod routing;
mod state;
mod view;

pub use form::{
    Arrangement, ArrangementForm, ConsultationForm, DeliberationForm, Disposition, Minutes,
    MinutesForm, NewDeliberation, NewPoll, NewTopic, OBJECTION_MAX, Participants, PollForm,
    STATEMENT_MAX, TopicForm, Vote, collect_until, short_text,
};
pub use method::{
    Availability, Ballot, BallotForm, Count, DOTS_MAX, Method, MethodKind, REASON_MAX, REASON_MIN,
    Round, SCORE_MAX, Stance, count,
};
pub use poll::{MajorityRule, PollOutcome};
pub use routing::next_statements;
pub use state::{
    DAY_MS, Facts, NOTICE_DAYS_DEFAULT, NOTICE_DAYS_MAX, NOTICE_DAYS_MIN, Stage, Step, StepError,
    TopicState,
};
pub use view::{
    AnonymousVote, BlockView, DeliberationDetail, DeliberationEvent, DeliberationInboxItem,
    DeliberationSummary, EventKind, ObjectionView, OpinionGroup, OpinionMap, PollView, RecordView,
    StatementScore, StatementShare, StatementView, TopicView, YourPlace, YourStand,
};
