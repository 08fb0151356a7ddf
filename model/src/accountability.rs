//! Public accountability: the response, resolution and satisfaction rates
//! (Beijing's 12345 publishes the same three per unit), with the overdue
//! share, escalations, the share settled in the community and the median
//! days to close.
//!
//! Every figure belongs to the month a matter was reported (Beijing time),
//! so "March" always means "the matters reported in March" and a month's
//! figures settle as its matters close. [`Tally::of`] is the one definition
//! of what a matter adds to its month: the store keeps monthly sums by
//! adding `of(after) - of(before)` on every step, and rebuilds them with
//! the same function.

use serde::{Deserialize, Serialize};

use crate::{
    LocalName,
    matter::{Level, MatterState},
    time::{BEIJING_OFFSET_SECS, civil},
};

/// Fewer people than this behind a share, and the share is not shown: a
/// rate over two or three residents would point at them.
pub const ANONYMITY_FLOOR: i64 = 5;
/// Days to close are kept per day up to this; longer ones count here.
pub const CLOSE_DAYS_CAP: i64 = 90;
/// Months a trend chart covers, ending at the month asked for.
pub const TREND_MONTHS: usize = 12;
/// Working days a community has to answer a new report unless it sets its
/// own (立案 or a reasoned refusal).
pub const RESPONSE_DAYS_DEFAULT: u32 = 1;
/// The longest response window a community may set.
pub const RESPONSE_DAYS_MAX: u32 = 10;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
/// Hours to close are kept per hour up to this, so a two-day deadline's
/// median reads exactly; longer ones in coarser steps.
const CLOSE_HOURS_EXACT: i64 = 72;
/// Longer closures all count here (90 days).
pub const CLOSE_HOURS_CAP: i64 = 2160;

/// The step of the hours-to-close histogram `ms` falls in, as its lowest
/// hour: exact up to three days, then six-hour steps up to a month, then
/// whole days up to [`CLOSE_HOURS_CAP`]. Kept per place and severity, the
/// histogram has a few hundred rows at most, however many matters closed.
pub fn close_hours_step(ms: i64) -> i64 {
    let hours = ms.max(0) / HOUR_MS;
    let step = if hours < CLOSE_HOURS_EXACT {
        1
    } else if hours < 720 {
        6
    } else {
        24
    };
    (hours - hours % step).min(CLOSE_HOURS_CAP)
}

/// A calendar month, `YYYY-MM`. Stored as the number `YYYYMM` so that
/// months sort and compare as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    year: i32,
    /// 1–12.
    month: u8,
}

impl Month {
    /// The month `millis` falls in, in Beijing.
    pub fn of(millis: i64) -> Self {
        let (year, month, ..) = civil(millis, BEIJING_OFFSET_SECS);
        Self {
            year: year as i32,
            month: month as u8,
        }
    }

    /// `2026-03`; nothing else (no day, no other separator).
    pub fn parse(input: &str) -> Option<Self> {
        let s = input.trim();
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        ((1970..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// An address's `month` parameter: blank for none, else `YYYY-MM`.
    pub fn optional(input: &str) -> Result<Option<Self>, crate::account::FieldError> {
        match input.trim() {
            "" => Ok(None),
            typed => Self::parse(typed)
                .map(Some)
                .ok_or(crate::account::FieldError::BadDate),
        }
    }

    /// `202603`, as stored.
    /// Its first instant (midnight of the 1st in Beijing), epoch millis.
    pub fn start_millis(self) -> i64 {
        let days = crate::time::days_from_civil(i64::from(self.year()), i64::from(self.month()), 1);
        (days * 86_400 - BEIJING_OFFSET_SECS) * 1000
    }

    /// The first instant of the next month: the end of this one.
    pub fn end_millis(self) -> i64 {
        self.shifted(1).start_millis()
    }

    pub fn number(self) -> i64 {
        i64::from(self.year) * 100 + i64::from(self.month)
    }

    pub fn from_number(n: i64) -> Option<Self> {
        Self::parse(&format!("{:04}-{:02}", n / 100, n % 100))
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    /// The month `n` months after this one (before it, when negative).
    fn shifted(self, n: i64) -> Self {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        Self {
            year: index.div_euclid(12) as i32,
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// The month `n` months before this one.
    pub fn back(self, n: u32) -> Self {
        self.shifted(-i64::from(n))
    }

    pub fn previous(self) -> Self {
        self.back(1)
    }

    /// The next month, unless that would be after `last`.
    pub fn next_until(self, last: Month) -> Option<Self> {
        let next = self.shifted(1);
        (next <= last).then_some(next)
    }

    /// The `n` months ending with this one, oldest first.
    pub fn trailing(self, n: usize) -> Vec<Self> {
        (0..n as u32).rev().map(|k| self.back(k)).collect()
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Month {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("{s:?} is not a YYYY-MM month"))
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

/// What the figures need to know of one matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatterFacts {
    pub reported_at: i64,
    /// When the response window closes (set when it is filed).
    pub response_due_at: Option<i64>,
    /// The first answer: registered, refused, merged or referred.
    pub responded_at: Option<i64>,
    /// Registered with a severity (立案).
    pub accepted: bool,
    pub state: MatterState,
    pub level: Level,
    pub deadline_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub rating: Option<u8>,
    /// Times the deadline passed and it went one level up.
    pub escalations: i64,
}

/// Counts over a set of matters; what a month's row keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    pub reported: i64,
    /// Answered within the response window.
    pub responded_in_time: i64,
    /// Registered and still the community's business (not merged into
    /// another matter or handed elsewhere afterwards).
    pub accepted: i64,
    /// Accepted matters that can be judged: closed, or overdue once.
    pub judged: i64,
    /// Closed, resolved by the deadline, never overdue.
    pub resolved_in_time: i64,
    pub closed: i64,
    /// Closed while still the community's own (never sent up a level).
    pub closed_in_community: i64,
    pub rated: i64,
    /// Rated 4 or 5 stars.
    pub satisfied: i64,
    /// Accepted matters that missed a deadline at least once.
    pub overdue: i64,
    pub escalations: i64,
}

/// The counters in storage order, so that the store can bind and read
/// them without naming each one again.
pub const TALLY_COLUMNS: [&str; 11] = [
    "reported",
    "responded_in_time",
    "accepted",
    "judged",
    "resolved_in_time",
    "closed",
    "closed_in_community",
    "rated",
    "satisfied",
    "overdue",
    "escalations",
];

impl Tally {
    /// What one matter adds to its month, and (once closed) how many days
    /// it took, capped at [`CLOSE_DAYS_CAP`].
    pub fn of(m: &MatterFacts) -> (Tally, Option<i64>) {
        let one = |b: bool| i64::from(b);
        let closed = m.state == MatterState::Closed;
        let accepted =
            m.accepted && !matches!(m.state, MatterState::Merged | MatterState::Referred);
        let in_time = closed
            && m.escalations == 0
            && matches!((m.resolved_at, m.deadline_at), (Some(r), Some(d)) if r <= d);
        let tally = Tally {
            reported: 1,
            responded_in_time: one(matches!(
                (m.responded_at, m.response_due_at),
                (Some(r), Some(due)) if r <= due
            )),
            accepted: one(accepted),
            judged: one(accepted && (closed || m.escalations > 0)),
            resolved_in_time: one(accepted && in_time),
            closed: one(closed),
            closed_in_community: one(closed && m.level == Level::Community),
            rated: one(m.rating.is_some()),
            satisfied: one(m.rating.is_some_and(|r| r >= 4)),
            overdue: one(accepted && m.escalations > 0),
            escalations: m.escalations,
        };
        let days = m
            .closed_at
            .filter(|_| closed)
            .map(|at| ((at - m.reported_at).max(0) / DAY_MS).min(CLOSE_DAYS_CAP));
        (tally, days)
    }

    pub fn values(&self) -> [i64; 11] {
        [
            self.reported,
            self.responded_in_time,
            self.accepted,
            self.judged,
            self.resolved_in_time,
            self.closed,
            self.closed_in_community,
            self.rated,
            self.satisfied,
            self.overdue,
            self.escalations,
        ]
    }

    pub fn from_values(v: [i64; 11]) -> Self {
        let [
            reported,
            responded_in_time,
            accepted,
            judged,
            resolved_in_time,
            closed,
            closed_in_community,
            rated,
            satisfied,
            overdue,
            escalations,
        ] = v;
        Self {
            reported,
            responded_in_time,
            accepted,
            judged,
            resolved_in_time,
            closed,
            closed_in_community,
            rated,
            satisfied,
            overdue,
            escalations,
        }
    }

    fn zip(self, other: Tally, f: impl Fn(i64, i64) -> i64) -> Tally {
        let (a, b) = (self.values(), other.values());
        Tally::from_values(std::array::from_fn(|i| f(a[i], b[i])))
    }

    pub fn plus(self, other: Tally) -> Tally {
        self.zip(other, |a, b| a + b)
    }

    pub fn minus(self, other: Tally) -> Tally {
        self.zip(other, |a, b| a - b)
    }

    pub fn is_zero(&self) -> bool {
        self.values().iter().all(|v| *v == 0)
    }
}

/// A share of people, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Share {
    /// `part` of `whole`, `whole` at least [`ANONYMITY_FLOOR`].
    Of { part: i64, whole: i64 },
    /// Fewer than [`ANONYMITY_FLOOR`] behind it (or none): not shown.
    TooFew,
}

impl Share {
    pub fn new(part: i64, whole: i64) -> Self {
        if whole >= ANONYMITY_FLOOR {
            Share::Of { part, whole }
        } else {
            Share::TooFew
        }
    }

    pub fn fraction(self) -> Option<f64> {
        match self {
            Share::Of { part, whole } => Some(part as f64 / whole as f64),
            Share::TooFew => None,
        }
    }

    /// `96.5%`, or `—`.
    pub fn percent(self) -> String {
        self.fraction()
            .map_or_else(|| "—".to_owned(), |f| format!("{:.1}%", f * 100.0))
    }
}

/// The rates a page ranks places by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rate {
    Response,
    Resolution,
    Satisfaction,
}

impl Rate {
    pub const ALL: [Rate; 3] = [Rate::Response, Rate::Resolution, Rate::Satisfaction];

    pub fn as_str(self) -> &'static str {
        match self {
            Rate::Response => "response",
            Rate::Resolution => "resolution",
            Rate::Satisfaction => "satisfaction",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A place's figures for a month (or any set of matters).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    pub tally: Tally,
    /// Median whole days from report to close, over the closed matters;
    /// `None` below the anonymity floor.
    pub median_days_to_close: Option<i64>,
    /// Promises whose answer fell due this month.
    #[serde(default)]
    pub promises: PromiseTally,
}

/// Promises judged in a month (their answer due then, or kept before) and
/// how many of them were kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromiseTally {
    pub judged: i64,
    pub kept: i64,
}

impl PromiseTally {
    /// Counts promises by the month their answer falls due; one still
    /// running at `now` is not judged yet.
    pub fn by_month<'a>(
        clocks: impl IntoIterator<Item = &'a crate::promise::Clocks>,
        now: i64,
    ) -> std::collections::HashMap<i64, PromiseTally> {
        use crate::promise::PromiseState;
        let mut months: std::collections::HashMap<i64, PromiseTally> = Default::default();
        for c in clocks {
            let state = c.state(now);
            if state == PromiseState::Running {
                continue;
            }
            let t = months.entry(Month::of(c.answer_due).number()).or_default();
            t.judged += 1;
            t.kept += i64::from(state == PromiseState::Kept);
        }
        months
    }
}

impl Figures {
    /// `close_days` are (days, matters) pairs in any order.
    pub fn new(tally: Tally, close_days: &[(i64, i64)]) -> Self {
        Self {
            tally,
            median_days_to_close: median(close_days),
            promises: PromiseTally::default(),
        }
    }

    /// Kept promises of those judged.
    pub fn kept_promise_share(&self) -> Share {
        Share::new(self.promises.kept, self.promises.judged)
    }

    pub fn rate(&self, rate: Rate) -> Share {
        let t = &self.tally;
        match rate {
            Rate::Response => Share::new(t.responded_in_time, t.reported),
            Rate::Resolution => Share::new(t.resolved_in_time, t.judged),
            Rate::Satisfaction => Share::new(t.satisfied, t.rated),
        }
    }

    pub fn overdue_share(&self) -> Share {
        Share::new(self.tally.overdue, self.tally.accepted)
    }

    pub fn settled_in_community_share(&self) -> Share {
        Share::new(self.tally.closed_in_community, self.tally.closed)
    }
}

/// The lower median of a histogram of (value, how many) pairs in any
/// order, over at least [`ANONYMITY_FLOOR`].
pub fn median(histogram: &[(i64, i64)]) -> Option<i64> {
    let mut sorted: Vec<(i64, i64)> = histogram.iter().copied().filter(|(_, n)| *n > 0).collect();
    sorted.sort_unstable();
    let total: i64 = sorted.iter().map(|(_, n)| n).sum();
    if total < ANONYMITY_FLOOR {
        return None;
    }
    let middle = (total + 1) / 2;
    let mut seen = 0;
    sorted.into_iter().find_map(|(days, n)| {
        seen += n;
        (seen >= middle).then_some(days)
    })
}

/// A place below the one shown, with its month's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceFigures {
    pub code: String,
    pub name: LocalName,
    pub figures: Figures,
}

/// `/accountability`: one place, one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountabilityReport {
    /// The place's code; empty for the whole city.
    pub place: String,
    pub place_name: LocalName,
    /// Up the tree from the city to the place's parent.
    pub parents: Vec<(String, LocalName)>,
    pub month: Month,
    /// This month: the latest a page may move on to.
    pub latest: Month,
    pub figures: Figures,
    /// [`TREND_MONTHS`] months ending at `month`, oldest first.
    pub trend: Vec<(Month, Figures)>,
    /// The places one level down (districts, streets, communities or
    /// grids), in code order.
    pub below: Vec<PlaceFigures>,
    /// The month's figures by how matters came in, in [`Channel::ALL`]
    /// order; channels without matters are absent.
    ///
    /// [`Channel::ALL`]: crate::channel::Channel::ALL
    #[serde(default)]
    pub by_channel: Vec<(crate::channel::Channel, Figures)>,
}

impl AccountabilityReport {
    /// `below` best first by `rate`; places too small to rate go last.
    pub fn ranked(&self, rate: Rate) -> Vec<&PlaceFigures> {
        let mut ranked: Vec<&PlaceFigures> = self.below.iter().collect();
        ranked.sort_by(|a, b| {
            let (x, y) = (
                a.figures.rate(rate).fraction(),
                b.figures.rate(rate).fraction(),
            );
            match (x, y) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.code.cmp(&b.code))
        });
        ranked
    }
}

/// What a row of the open data is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// The place asked for, in the month asked for.
    Place,
    /// The place asked for, in one of the trend's months.
    Trend,
    /// A place one level down, in the month asked for.
    Below,
}

/// One place and month as open data: the counts, and the shares and
/// median computed from them (`None` below the anonymity floor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureRow {
    pub kind: RowKind,
    /// District, street, community or grid code; empty for the city.
    pub place: String,
    pub name_zh: String,
    pub name_en: String,
    /// `YYYY-MM`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub month: Month,
    #[serde(flatten)]
    pub tally: Tally,
    pub response_rate: Option<f64>,
    pub resolution_rate: Option<f64>,
    pub satisfaction_rate: Option<f64>,
    pub overdue_share: Option<f64>,
    pub settled_in_community_share: Option<f64>,
    pub median_days_to_close: Option<i64>,
    pub promises_judged: i64,
    pub promises_kept: i64,
    pub kept_promise_share: Option<f64>,
}

impl FigureRow {
    pub fn new(kind: RowKind, place: &str, name: &LocalName, month: Month, f: &Figures) -> Self {
        Self {
            kind,
            place: place.to_owned(),
            name_zh: name.zh.clone(),
            name_en: name.en.clone(),
            month,
            tally: f.tally,
            response_rate: f.rate(Rate::Response).fraction(),
            resolution_rate: f.rate(Rate::Resolution).fraction(),
            satisfaction_rate: f.rate(Rate::Satisfaction).fraction(),
            overdue_share: f.overdue_share().fraction(),
            settled_in_community_share: f.settled_in_community_share().fraction(),
            median_days_to_close: f.median_days_to_close,
            promises_judged: f.promises.judged,
            promises_kept: f.promises.kept,
            kept_promise_share: f.kept_promise_share().fraction(),
        }
    }

    /// The CSV columns, in [`FigureRow::cells`] order.
    pub fn columns() -> Vec<&'static str> {
        let mut columns = vec!["kind", "place", "name_zh", "name_en", "month"];
        columns.extend(TALLY_COLUMNS);
        columns.extend([
            "response_rate",
            "resolution_rate",
            "satisfaction_rate",
            "overdue_share",
            "settled_in_community_share",
            "median_days_to_close",
            "promises_judged",
            "promises_kept",
            "kept_promise_share",
        ]);
        columns
    }

    pub fn cells(&self) -> Vec<String> {
        let share = |s: Option<f64>| s.map_or_else(String::new, |f| format!("{f:.4}"));
        let kind = match self.kind {
            RowKind::Place => "place",
            RowKind::Trend => "trend",
            RowKind::Below => "below",
        };
        let mut cells = vec![
            kind.to_owned(),
            self.place.clone(),
            self.name_zh.clone(),
            self.name_en.clone(),
            self.month.to_string(),
        ];
        cells.extend(self.tally.values().iter().map(i64::to_string));
        cells.extend(
            [
                self.response_rate,
                self.resolution_rate,
                self.satisfaction_rate,
                self.overdue_share,
                self.settled_in_community_share,
            ]
            .map(share),
        );
        cells.push(
            self.median_days_to_close
                .map_or_else(String::new, |d| d.to_string()),
        );
        cells.extend([
            self.promises_judged.to_string(),
            self.promises_kept.to_string(),
            share(self.kept_promise_share),
        ]);
        cells
    }
}

impl AccountabilityReport {
    /// The report as open-data rows: the place, its trend, the places below.
    pub fn rows(&self) -> Vec<FigureRow> {
        let own = |kind, month, f: &Figures| {
            FigureRow::new(kind, &self.place, &self.place_name, month, f)
        };
        std::iter::once(own(RowKind::Place, self.month, &self.figures))
            .chain(self.trend.iter().map(|(m, f)| own(RowKind::Trend, *m, f)))
            .chain(
                self.below.iter().map(|p| {
                    FigureRow::new(RowKind::Below, &p.code, &p.name, self.month, &p.figures)
                }),
            )
            .collect()
    }
}

/// The length of the codes one level below a place's code (the city is
/// the empty code): district 6, street 9, community 17, grid 20.
pub fn child_code_len(place: &str) -> Option<usize> {
    match place.len() {
        0 => Some(6),
        6 => Some(9),
        9 => Some(17),
        17 => Some(20),
        _ => None,
    }
}

/// Every place a grid's matters count towards: the city, its district,
/// street, community and the grid itself.
pub fn places_of(grid: &str) -> [&str; 5] {
    [
        "",
        &grid[..6.min(grid.len())],
        &grid[..9.min(grid.len())],
        &grid[..17.min(grid.len())],
        grid,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> MatterFacts {
        MatterFacts {
            reported_at: 1_767_196_800_000, // 2026-01-01 00:00 Beijing
            response_due_at: Some(1_767_196_800_000 + DAY_MS),
            responded_at: None,
            accepted: false,
            state: MatterState::Submitted,
            level: Level::Community,
            deadline_at: None,
            resolved_at: None,
            closed_at: None,
            rating: None,
            escalations: 0,
        }
    }

    #[test]
    fn a_month_is_read_written_and_counted_in_beijing_time() {
        let m = Month::parse("2026-03").expect("month");
        assert_eq!(m.to_string(), "2026-03");
        assert_eq!(m.number(), 202_603);
        assert_eq!(Month::from_number(202_603), Some(m));
        assert_eq!(m.back(3).to_string(), "2025-12");
        assert_eq!(m.back(14).to_string(), "2025-01");
        assert_eq!(
            Month::parse("2025-12")
                .and_then(|d| d.next_until(m))
                .map(|m| m.to_string()),
            Some("2026-01".to_owned())
        );
        assert_eq!(m.next_until(m), None);
        for bad in [
            "2026-3",
            "2026-13",
            "2026-00",
            "26-03",
            "2026/03",
            "2026-03-01",
            "２０２６-03",
            "",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        // 2025-12-31 16:00 UTC is already January in Beijing.
        assert_eq!(Month::of(1_767_196_800_000).to_string(), "2026-01");
        assert_eq!(Month::of(1_767_196_800_000 - 1).to_string(), "2025-12");
        let trail = m.trailing(12);
        assert_eq!(trail.len(), 12);
        assert_eq!(trail[0].to_string(), "2025-04");
        assert_eq!(trail[11], m);
    }

    #[test]
    fn a_matter_answered_in_time_and_closed_in_time_counts_for_every_rate() {
        let mut m = facts();
        m.responded_at = Some(m.reported_at + 3_600_000);
        m.accepted = true;
        m.deadline_at = Some(m.reported_at + 5 * DAY_MS);
        m.resolved_at = Some(m.reported_at + 2 * DAY_MS);
        m.closed_at = Some(m.reported_at + 3 * DAY_MS);
        m.state = MatterState::Closed;
        m.rating = Some(5);
        let (t, days) = Tally::of(&m);
        assert_eq!(
            t,
            Tally {
                reported: 1,
                responded_in_time: 1,
                accepted: 1,
                judged: 1,
                resolved_in_time: 1,
                closed: 1,
                closed_in_community: 1,
                rated: 1,
                satisfied: 1,
                overdue: 0,
                escalations: 0,
            }
        );
        assert_eq!(days, Some(3));
    }

    #[test]
    fn a_late_answer_an_escalation_and_a_low_rating_each_count_against() {
        let mut m = facts();
        m.responded_at = Some(m.reported_at + 2 * DAY_MS);
        m.accepted = true;
        m.state = MatterState::Closed;
        m.level = Level::Street;
        m.escalations = 2;
        // Resolved within the new deadline the escalation set: still late.
        m.deadline_at = Some(m.reported_at + 20 * DAY_MS);
        m.resolved_at = Some(m.reported_at + 10 * DAY_MS);
        m.closed_at = Some(m.reported_at + 400 * DAY_MS);
        m.rating = Some(3);
        let (t, days) = Tally::of(&m);
        assert_eq!(t.responded_in_time, 0);
        assert_eq!(t.resolved_in_time, 0);
        assert_eq!((t.judged, t.overdue, t.escalations), (1, 1, 2));
        assert_eq!((t.closed, t.closed_in_community), (1, 0));
        assert_eq!((t.rated, t.satisfied), (1, 0));
        assert_eq!(days, Some(CLOSE_DAYS_CAP));
    }

    #[test]
    fn an_open_matter_within_its_deadline_is_not_judged_yet() {
        let mut m = facts();
        m.accepted = true;
        m.state = MatterState::InProgress;
        m.deadline_at = Some(m.reported_at + 5 * DAY_MS);
        let (t, days) = Tally::of(&m);
        assert_eq!((t.accepted, t.judged, t.resolved_in_time), (1, 0, 0));
        assert_eq!(days, None);
        // Merged away after registration: no longer the community's to judge.
        m.state = MatterState::Merged;
        assert_eq!(Tally::of(&m).0.accepted, 0);
    }

    #[test]
    fn a_step_changes_the_sums_by_the_difference_of_the_two_tallies() {
        let before = facts();
        let mut after = before.clone();
        after.responded_at = Some(before.reported_at + 1000);
        after.accepted = true;
        after.state = MatterState::Registered;
        let delta = Tally::of(&after).0.minus(Tally::of(&before).0);
        assert_eq!(delta.reported, 0);
        assert_eq!((delta.responded_in_time, delta.accepted), (1, 1));
        assert!(Tally::of(&after).0.minus(Tally::of(&after).0).is_zero());
        assert_eq!(Tally::of(&before).0.plus(delta), Tally::of(&after).0);
    }

    #[test]
    fn shares_and_medians_under_five_people_are_not_shown() {
        assert_eq!(Share::new(3, 4), Share::TooFew);
        assert_eq!(Share::new(3, 4).percent(), "—");
        assert_eq!(Share::new(193, 200).percent(), "96.5%");
        assert_eq!(median(&[(2, 2), (9, 2)]), None);
        assert_eq!(median(&[(9, 2), (2, 2), (4, 1)]), Some(4));
        assert_eq!(median(&[(1, 3), (30, 3)]), Some(1));
    }

    #[test]
    fn hours_to_close_are_exact_for_three_days_then_coarser() {
        let hours = |h: i64| close_hours_step(h * HOUR_MS + 59 * 60_000);
        assert_eq!(
            close_hours_step(-5),
            0,
            "a clock set back counts as at once"
        );
        assert_eq!((hours(0), hours(30), hours(71)), (0, 30, 71));
        assert_eq!((hours(72), hours(77), hours(78)), (72, 72, 78));
        assert_eq!(
            (hours(719), hours(720), hours(743), hours(744)),
            (714, 720, 720, 744)
        );
        assert_eq!(
            (hours(2160), hours(100_000)),
            (CLOSE_HOURS_CAP, CLOSE_HOURS_CAP)
        );
    }

    #[test]
    fn a_month_starts_at_midnight_in_beijing() {
        let m = Month::parse("2026-10").expect("month");
        assert_eq!(Month::of(m.start_millis()), m);
        assert_eq!(Month::of(m.start_millis() - 1), m.previous());
        assert_eq!(
            crate::time::w3c(m.start_millis()),
            "2026-10-01T00:00:00+08:00"
        );
    }

    #[test]
    fn promises_are_judged_in_the_month_their_answer_falls_due() {
        use crate::promise::{Clocks, deadlines};
        const DAY: i64 = 86_400_000;
        let start = Month::parse("2026-10").expect("month").start_millis();
        let promise = |reached: i64, agenda: Option<i64>, answer: Option<i64>| {
            let (agenda_due, answer_due) = deadlines(reached);
            Clocks {
                reached_at: reached,
                agenda_due,
                answer_due,
                on_agenda_at: agenda.map(|d| reached + d * DAY),
                answered_at: answer.map(|d| reached + d * DAY),
            }
        };
        let clocks = [
            promise(start - 25 * DAY, Some(3), Some(20)),
            promise(start - 20 * DAY, Some(20), Some(25)),
            promise(start - 10 * DAY, None, None),
            promise(start + 5 * DAY, Some(1), None),
        ];
        let months = PromiseTally::by_month(&clocks, start + 30 * DAY);
        let october = Month::parse("2026-10").expect("month").number();
        assert_eq!(months[&october], PromiseTally { judged: 3, kept: 1 });
        assert!(
            !months.contains_key(&Month::parse("2026-11").expect("month").number()),
            "one still running is not judged"
        );
    }

    #[test]
    fn places_are_ranked_best_first_with_the_unrated_last() {
        let place = |code: &str, part, whole| PlaceFigures {
            code: code.to_owned(),
            name: LocalName::new(code, code),
            figures: Figures {
                tally: Tally {
                    reported: whole,
                    responded_in_time: part,
                    ..Tally::default()
                },
                median_days_to_close: None,
                promises: PromiseTally::default(),
            },
        };
        let report = AccountabilityReport {
            place: String::new(),
            place_name: LocalName::new("市", "City"),
            parents: vec![],
            month: Month::of(0),
            latest: Month::of(0),
            figures: Figures::new(Tally::default(), &[]),
            trend: vec![],
            below: vec![
                place("a", 5, 10),
                place("b", 1, 2),
                place("c", 9, 10),
                place("d", 5, 10),
            ],
            by_channel: vec![],
        };
        let order: Vec<&str> = report
            .ranked(Rate::Response)
            .iter()
            .map(|p| p.code.as_str())
            .collect();
        assert_eq!(order, ["c", "a", "d", "b"]);
        assert_eq!(child_code_len(""), Some(6));
        assert_eq!(child_code_len("33020300100111202"), Some(20));
        assert_eq!(child_code_len("33020300100111202001"), None);
        assert_eq!(
            places_of("33020300100111202001"),
            [
                "",
                "330203",
                "330203001",
                "33020300100111202",
                "33020300100111202001"
            ]
        );
    }
}
