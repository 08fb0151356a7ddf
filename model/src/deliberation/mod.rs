//! Deliberation (议事协商): collect topics → decide topics → public notice
//! → consultation → recorded decision, run by the residents' council.

mod form;
mod poll;
mod state;
mod view;

pub use form::{
    Arrangement, ArrangementForm, ConsultationForm, DeliberationForm, Disposition, Minutes,
    MinutesForm, NewDeliberation, NewPoll, NewTopic, OBJECTION_MAX, Participants, PollForm,
    STATEMENT_MAX, TopicForm, Vote, collect_until, short_text,
};
pub use poll::{MajorityRule, PollOutcome};
pub use state::{
    DAY_MS, Facts, NOTICE_DAYS_DEFAULT, NOTICE_DAYS_MAX, NOTICE_DAYS_MIN, Stage, Step, StepError,
    TopicState,
};
pub use view::{
    DeliberationDetail, DeliberationEvent, DeliberationInboxItem, DeliberationSummary, EventKind,
    ObjectionView, OpinionGroup, OpinionMap, PollView, RecordView, StatementShare, StatementView,
    TopicView, YourPlace,
};
