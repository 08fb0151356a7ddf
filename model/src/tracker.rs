//! The results tracker: what became of every decided topic and every
//! awarded project. A result has a progress (%), a status, a planned date
//! and dated entries; each change is an entry, so its history is public and
//! its followers hear of it. One unfinished past its planned date is late,
//! and the standards board flags it.

use serde::{Deserialize, Serialize};

use crate::{
    LocalName,
    account::{FieldError, FieldErrors},
    calendar::Day,
    form::Errors,
};

/// Days a topic's result is planned to take until the council sets a date.
pub const TOPIC_PLANNED_DAYS: i64 = 90;
pub const ENTRY_MIN: usize = 10;
pub const ENTRY_MAX: usize = 2000;
/// Results shown on a list page at once.
pub const PAGE_SIZE: u32 = 30;

const DAY_MS: i64 = 86_400_000;

/// Where a result stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    NotStarted,
    UnderWay,
    Done,
    /// Given up, with the reason in its entry.
    Dropped,
}

impl TrackStatus {
    pub const ALL: [TrackStatus; 4] = [
        TrackStatus::NotStarted,
        TrackStatus::UnderWay,
        TrackStatus::Done,
        TrackStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrackStatus::NotStarted => "not_started",
            TrackStatus::UnderWay => "under_way",
            TrackStatus::Done => "done",
            TrackStatus::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Done or dropped: nothing more is owed.
    pub fn finished(self) -> bool {
        matches!(self, TrackStatus::Done | TrackStatus::Dropped)
    }
}

/// A share of the work done, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress(u8);

impl Progress {
    pub const NONE: Progress = Progress(0);
    pub const FULL: Progress = Progress(100);

    pub fn new(percent: i64) -> Option<Self> {
        u8::try_from(percent)
            .ok()
            .filter(|p| *p <= 100)
            .map(Progress)
    }

    /// `done` of `total` steps, rounded down (a project's reported
    /// milestones).
    pub fn of(done: usize, total: usize) -> Self {
        match total {
            0 => Progress::NONE,
            _ => Progress((done.min(total) * 100 / total) as u8),
        }
    }

    pub fn percent(self) -> u8 {
        self.0
    }
}

/// What a result tracks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A topic the council selected, once its deliberation was decided.
    Topic { deliberation: i64, topic: i64 },
    /// An awarded project; its milestones move it.
    Project { project: i64 },
}

impl Source {
    /// The page of what is tracked.
    pub fn href(&self) -> String {
        match self {
            Source::Topic {
                deliberation,
                topic,
            } => {
                format!("/deliberations/{deliberation}#topics-{topic}")
            }
            Source::Project { project } => format!("/projects/{project}"),
        }
    }
}

/// One tracked result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tracked {
    pub id: i64,
    pub source: Source,
    pub community: String,
    pub community_name: LocalName,
    pub title: String,
    pub progress: Progress,
    pub status: TrackStatus,
    /// When it is planned to be done (end of a Beijing day).
    pub planned_at: i64,
    pub opened_at: i64,
    pub updated_at: i64,
}

impl Tracked {
    /// Days past its planned date while unfinished; `None` when not late.
    pub fn days_late(&self, now: i64) -> Option<i64> {
        late_days(self.status, self.planned_at, now)
    }
}

/// Days an unfinished result is past `planned_at` at `now` (at least 1).
pub fn late_days(status: TrackStatus, planned_at: i64, now: i64) -> Option<i64> {
    (!status.finished() && now > planned_at).then(|| (now - planned_at + DAY_MS - 1) / DAY_MS)
}

/// One dated change of a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    pub at: i64,
    pub progress: Progress,
    pub status: TrackStatus,
    pub planned_at: i64,
    pub body: String,
    /// Who wrote it, by role ("居委会" / the organisation); `None`: Linli
    /// itself, from the project's own step.
    pub by: Option<String>,
}

/// A place's results, newest first, one page of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedList {
    pub place: String,
    pub place_name: LocalName,
    /// Only the late ones.
    pub late_only: bool,
    pub results: Vec<Tracked>,
    pub page: u32,
    pub has_more: bool,
    /// Counts over the place: (not started, under way, done, dropped, late).
    pub counts: [u32; 5],
    pub now: i64,
}

/// One result's public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedPage {
    pub result: Tracked,
    /// Newest first.
    pub entries: Vec<Entry>,
    pub followers: u32,
    pub signed_in: bool,
    pub following: bool,
    /// The council or staff over the community may post an entry.
    pub may_update: bool,
    pub now: i64,
}

/// A follower's word of a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedNotice {
    pub result: i64,
    pub title: String,
    pub progress: Progress,
    pub status: TrackStatus,
    pub at: i64,
    pub read: bool,
}

/// An entry as the update form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryForm {
    pub progress: String,
    pub status: String,
    /// `YYYY-MM-DD`; empty keeps the planned date.
    pub planned: String,
    pub body: String,
}

/// A checked entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub progress: Progress,
    pub status: TrackStatus,
    pub planned: Option<Day>,
    pub body: String,
}

impl EntryForm {
    /// Checks every field at once. Done means 100 %, and 100 % means done:
    /// a result cannot claim one without the other.
    pub fn parse(&self) -> Result<NewEntry, FieldErrors> {
        let mut e = Errors::default();
        let progress = e.check(
            "progress",
            match self.progress.trim() {
                "" => Err(FieldError::Required),
                typed => typed
                    .trim_end_matches(['%', '％'])
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .and_then(Progress::new)
                    .ok_or(FieldError::NumberRange(0, 100)),
            },
        );
        let status = e.check(
            "status",
            TrackStatus::parse(self.status.trim()).ok_or(FieldError::NotAChoice),
        );
        if let (Some(p), Some(s)) = (progress, status)
            && ((s == TrackStatus::Done) != (p == Progress::FULL))
        {
            e.push("progress", FieldError::NumberRange(100, 100));
        }
        let planned = e.check(
            "planned",
            match self.planned.trim() {
                "" => Ok(None),
                typed => Day::parse(typed).map(Some).ok_or(FieldError::BadDate),
            },
        );
        let body = e.check(
            "body",
            crate::account::text(&self.body, ENTRY_MIN, ENTRY_MAX, true),
        );
        let parsed = match (progress, status, planned, body) {
            (Some(progress), Some(status), Some(planned), Some(body)) => Some(NewEntry {
                progress,
                status,
                planned,
                body,
            }),
            _ => None,
        };
        e.finish(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(progress: &str, status: &str, planned: &str, body: &str) -> EntryForm {
        EntryForm {
            progress: progress.into(),
            status: status.into(),
            planned: planned.into(),
            body: body.into(),
        }
    }

    fn fields(r: Result<NewEntry, FieldErrors>) -> Vec<String> {
        r.expect_err("refused")
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn an_entry_reads_percent_status_date_and_words() {
        let e = form(
            " 40 % ",
            "under_way",
            "2027-03-31",
            "路灯已换好一半，剩下的下周装。",
        )
        .parse()
        .expect("valid");
        assert_eq!(e.progress.percent(), 40);
        assert_eq!(e.status, TrackStatus::UnderWay);
        assert_eq!(e.planned, Day::from_ymd(2027, 3, 31));
        let kept = form("0", "not_started", "", "材料已经采购，等待施工队进场。")
            .parse()
            .expect("valid");
        assert_eq!(kept.planned, None);
    }

    #[test]
    fn every_problem_is_named_beside_its_field() {
        assert_eq!(
            fields(form("120", "half", "2027-02-30", "短").parse()),
            ["progress", "status", "planned", "body"]
        );
        assert_eq!(
            fields(form("", "", "", "").parse()),
            ["progress", "status", "body"]
        );
    }

    #[test]
    fn done_and_full_progress_go_together() {
        let words = "全部完工，已经验收合格并交付使用。";
        assert_eq!(fields(form("90", "done", "", words).parse()), ["progress"]);
        assert_eq!(
            fields(form("100", "under_way", "", words).parse()),
            ["progress"]
        );
        assert!(form("100", "done", "", words).parse().is_ok());
        assert!(form("30", "dropped", "", words).parse().is_ok());
    }

    #[test]
    fn progress_of_milestones_rounds_down() {
        assert_eq!(Progress::of(1, 3).percent(), 33);
        assert_eq!(Progress::of(3, 3), Progress::FULL);
        assert_eq!(Progress::of(5, 3), Progress::FULL);
        assert_eq!(Progress::of(0, 0), Progress::NONE);
        assert_eq!(Progress::new(101), None);
        assert_eq!(Progress::new(-1), None);
    }

    #[test]
    fn only_unfinished_results_are_late() {
        let planned = 10 * DAY_MS;
        assert_eq!(late_days(TrackStatus::UnderWay, planned, planned), None);
        assert_eq!(
            late_days(TrackStatus::UnderWay, planned, planned + 1),
            Some(1)
        );
        assert_eq!(
            late_days(TrackStatus::NotStarted, planned, planned + 3 * DAY_MS),
            Some(3)
        );
        assert_eq!(
            late_days(TrackStatus::Done, planned, planned + 9 * DAY_MS),
            None
        );
        assert_eq!(
            late_days(TrackStatus::Dropped, planned, planned + 9 * DAY_MS),
            None
        );
    }
}
