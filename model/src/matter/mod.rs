//! Resident matters (民事民提): what a resident reports, how it moves from
//! discovery to closure, and how it shows on its public timeline.

mod form;
mod photo;
mod settings;
mod state;
mod view;

pub use form::{MatterForm, MatterReport, Rating, RatingForm, UnplacedReport};
pub use photo::{MAX_PHOTO_BYTES, MAX_PHOTOS, PhotoId, PhotoView};
pub use settings::{
    DEADLINE_DAYS_MAX, MatterSettings, SettingsChange, deadline_field, parse_settings,
};
pub use state::{
    Handler, Level, MatterState, Severity, Step, StepError, StepKind, WORKING_DAY_DEFAULTS,
};
pub use view::{
    Category, InboxItem, MatterDetail, MatterFilter, MatterStats, MatterSummary, StepBy,
    TimelineEntry, WaitingReport, WorkQueue, YourPart, place_prefix,
};
