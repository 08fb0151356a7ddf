//! The working-day calendar (工作日历): deadlines in working days skip
//! weekends and public holidays, and count the make-up working days (调休)
//! that the State Council announces each year around the long holidays.
//! Days are Beijing dates; the national arrangement can be changed for one
//! district (a local holiday, an arrangement published late).

use std::{collections::BTreeMap, fmt};

use serde::{Deserialize, Serialize};

use crate::{
    account::{FieldError, FieldErrors},
    form::Errors,
};

const DAY_MS: i64 = 86_400_000;
/// Beijing is UTC+8 all year.
const BEIJING_MS: i64 = 8 * 3_600_000;

/// A date in Beijing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day(i64);

impl Day {
    /// The Beijing date of an instant (epoch milliseconds).
    pub fn of(at_ms: i64) -> Self {
        Self((at_ms + BEIJING_MS).div_euclid(DAY_MS))
    }

    /// A date of the Gregorian calendar; `None` for one that does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        let last = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(year) => 29,
            2 => 28,
            _ => return None,
        };
        if !(1..=last).contains(&day) || !(1900..=2200).contains(&year) {
            return None;
        }
        Some(Self(crate::time::days_from_civil(
            i64::from(year),
            i64::from(month),
            i64::from(day),
        )))
    }

    /// Reads `YYYY-MM-DD`, as a date field sends it.
    pub fn parse(input: &str) -> Option<Self> {
        let mut parts = input.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Self::from_ymd(year, month, day)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        let (year, month, day, ..) = crate::time::civil(self.0 * DAY_MS, 0);
        // Dates are kept within years 1900 to 2200 and real months and days.
        (year as i32, month as u32, day as u32)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// 0 Monday … 6 Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u8 {
        (self.0 + 3).rem_euclid(7) as u8
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    pub fn next(self) -> Self {
        self.plus(1)
    }

    pub fn plus(self, days: i64) -> Self {
        Self(self.0 + days)
    }

    /// Days from `self` to `later`, counting both: a run's length.
    pub fn days_through(self, later: Day) -> i64 {
        later.0 - self.0 + 1
    }

    /// The last millisecond of the day, in Beijing.
    pub fn end_ms(self) -> i64 {
        (self.0 + 1) * DAY_MS - BEIJING_MS - 1
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// What an exceptional day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DayKind {
    /// A day off, though it may fall on a weekday.
    Holiday,
    /// A make-up working day (调休上班), though it may fall on a weekend.
    Workday,
}

impl DayKind {
    pub const ALL: [Self; 2] = [Self::Holiday, Self::Workday];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Holiday => "holiday",
            Self::Workday => "workday",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Which holiday an exceptional day belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Festival {
    NewYear,
    SpringFestival,
    Qingming,
    LabourDay,
    DragonBoat,
    MidAutumn,
    NationalDay,
    /// A day a district sets for itself.
    Local,
}

impl Festival {
    pub const ALL: [Self; 8] = [
        Self::NewYear,
        Self::SpringFestival,
        Self::Qingming,
        Self::LabourDay,
        Self::DragonBoat,
        Self::MidAutumn,
        Self::NationalDay,
        Self::Local,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewYear => "new-year",
            Self::SpringFestival => "spring-festival",
            Self::Qingming => "qingming",
            Self::LabourDay => "labour-day",
            Self::DragonBoat => "dragon-boat",
            Self::MidAutumn => "mid-autumn",
            Self::NationalDay => "national-day",
            Self::Local => "local",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// One day that is not what its weekday says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialDay {
    pub day: Day,
    pub kind: DayKind,
    pub festival: Festival,
}

/// A special day and whether its district set it (rather than the
/// national arrangement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedDay {
    pub day: SpecialDay,
    pub local: bool,
}

/// One holiday of one year as people speak of it: the days off, in runs
/// of consecutive days, and the weekend days worked to make up for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stretch {
    pub festival: Festival,
    pub local: bool,
    /// First and last day of each run of days off.
    pub off: Vec<(Day, Day)>,
    pub worked: Vec<Day>,
}

impl Stretch {
    /// Where the holiday stands in the year: its first day off (a make-up
    /// day may come weeks before), or its first day worked.
    pub fn first_day(&self) -> Option<Day> {
        self.off
            .first()
            .map(|(from, _)| *from)
            .or_else(|| self.worked.first().copied())
    }
}

/// The days in force (a district's day hides the national one of its
/// date), gathered by year, holiday and who set them, in the order of
/// their first days off.
pub fn stretches(days: &[PlacedDay]) -> Vec<Stretch> {
    let mut by_date: BTreeMap<Day, PlacedDay> = BTreeMap::new();
    for d in days {
        let kept = by_date.entry(d.day.day).or_insert(*d);
        if d.local {
            *kept = *d;
        }
    }
    let mut out: Vec<(i32, Stretch)> = Vec::new();
    for d in by_date.into_values() {
        let (festival, local, year) = (d.day.festival, d.local, d.day.day.year());
        let at = match out
            .iter()
            .position(|(y, s)| *y == year && s.festival == festival && s.local == local)
        {
            Some(at) => at,
            None => {
                out.push((
                    year,
                    Stretch {
                        festival,
                        local,
                        off: Vec::new(),
                        worked: Vec::new(),
                    },
                ));
                out.len() - 1
            }
        };
        let stretch = &mut out[at].1;
        match d.day.kind {
            DayKind::Workday => stretch.worked.push(d.day.day),
            DayKind::Holiday => match stretch.off.last_mut() {
                Some((_, last)) if last.next() == d.day.day => *last = d.day.day,
                _ => stretch.off.push((d.day.day, d.day.day)),
            },
        }
    }
    let mut out: Vec<Stretch> = out.into_iter().map(|(_, s)| s).collect();
    out.sort_by_key(Stretch::first_day);
    out
}

/// A special day as the calendar form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DayForm {
    pub day: String,
    pub kind: String,
    pub festival: String,
}

impl DayForm {
    pub fn parse(&self) -> Result<SpecialDay, FieldErrors> {
        let mut e = Errors::default();
        let day = e.check(
            "day",
            match self.day.trim() {
                "" => Err(FieldError::Required),
                typed => Day::parse(typed).ok_or(FieldError::BadDate),
            },
        );
        let kind = e.check(
            "kind",
            DayKind::parse(&self.kind).ok_or(FieldError::NotAChoice),
        );
        let festival = e.check(
            "festival",
            Festival::parse(&self.festival).ok_or(FieldError::NotAChoice),
        );
        let parsed = match (day, kind, festival) {
            (Some(day), Some(kind), Some(festival)) => Some(SpecialDay {
                day,
                kind,
                festival,
            }),
            _ => None,
        };
        e.finish(parsed)
    }
}

/// Weekends off, weekdays worked, except the special days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    special: BTreeMap<Day, DayKind>,
}

impl WorkingCalendar {
    /// A calendar of `days`; a later day of the same date wins, so a
    /// district's own days go after the national ones.
    pub fn new(days: impl IntoIterator<Item = SpecialDay>) -> Self {
        Self {
            special: days.into_iter().map(|d| (d.day, d.kind)).collect(),
        }
    }

    pub fn is_working(&self, day: Day) -> bool {
        match self.special.get(&day) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !day.is_weekend(),
        }
    }

    /// The end of the `working_days`-th working day after the day of
    /// `from` (epoch milliseconds), in Beijing time: registered on a Friday
    /// with two days to go, a matter is due at the end of Tuesday; on the
    /// eve of the Spring Festival, at the end of the second day back.
    pub fn deadline_after(&self, from: i64, working_days: u32) -> i64 {
        let mut day = Day::of(from);
        let mut left = working_days;
        while left > 0 {
            day = day.next();
            if self.is_working(day) {
                left -= 1;
            }
        }
        day.end_ms()
    }
}

/// The State Council's published holiday arrangement for 2026: what a new
/// installation starts with.
pub fn national_arrangement_2026() -> Vec<SpecialDay> {
    use {DayKind::*, Festival::*};
    let mut days = Vec::new();
    let mut add = |festival, kind, dates: &[(u32, u32)]| {
        for &(m, d) in dates {
            if let Some(day) = Day::from_ymd(2026, m, d) {
                days.push(SpecialDay {
                    day,
                    kind,
                    festival,
                });
            }
        }
    };
    add(NewYear, Holiday, &[(1, 1), (1, 2), (1, 3)]);
    add(NewYear, Workday, &[(1, 4)]);
    add(
        SpringFestival,
        Holiday,
        &(15..=23).map(|d| (2, d)).collect::<Vec<_>>(),
    );
    add(SpringFestival, Workday, &[(2, 14), (2, 28)]);
    add(Qingming, Holiday, &[(4, 4), (4, 5), (4, 6)]);
    add(
        LabourDay,
        Holiday,
        &(1..=5).map(|d| (5, d)).collect::<Vec<_>>(),
    );
    add(LabourDay, Workday, &[(5, 9)]);
    add(DragonBoat, Holiday, &[(6, 19), (6, 20), (6, 21)]);
    add(MidAutumn, Holiday, &[(9, 25), (9, 26), (9, 27)]);
    add(
        NationalDay,
        Holiday,
        &(1..=7).map(|d| (10, d)).collect::<Vec<_>>(),
    );
    add(NationalDay, Workday, &[(9, 20), (10, 10)]);
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).expect("a date")
    }

    /// 10:00 in Beijing on `date`.
    fn morning(date: &str) -> i64 {
        day(date).end_ms() + 1 - DAY_MS + 10 * 3_600_000
    }

    #[test]
    fn dates_read_and_print_the_same() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2026-02-17",
            "2026-12-31",
            "2027-03-01",
        ] {
            assert_eq!(day(s).to_string(), s);
        }
        assert_eq!(day("1970-01-01"), Day(0));
        assert_eq!(day("2026-11-20").weekday(), 4, "a Friday");
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-04-31",
            "26-1",
            "",
            "2026-01-0x",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        // Just before midnight in Beijing is still that day.
        assert_eq!(Day::of(day("2026-11-22").end_ms()), day("2026-11-22"));
        assert_eq!(Day::of(day("2026-11-22").end_ms() + 1), day("2026-11-23"));
    }

    #[test]
    fn weekends_do_not_count() {
        let plain = WorkingCalendar::default();
        // Two working days from a Friday: Monday, Tuesday.
        assert_eq!(
            plain.deadline_after(morning("2026-11-20"), 2),
            day("2026-11-24").end_ms()
        );
        assert_eq!(
            plain.deadline_after(morning("2026-11-20"), 5),
            day("2026-11-27").end_ms()
        );
        // Late on Sunday night is still Sunday.
        assert_eq!(
            plain.deadline_after(day("2026-11-22").end_ms() - 1, 1),
            day("2026-11-23").end_ms()
        );
    }

    #[test]
    fn the_spring_festival_week_is_skipped_and_its_saturdays_are_worked() {
        let cal = WorkingCalendar::new(national_arrangement_2026());
        assert!(
            cal.is_working(day("2026-02-14")),
            "Saturday before: make-up day"
        );
        assert!(!cal.is_working(day("2026-02-16")), "the eve, a Monday");
        assert!(
            !cal.is_working(day("2026-02-23")),
            "the last day off, a Monday"
        );
        // From Friday the 13th: Saturday the 14th is worked, then nothing
        // until Tuesday the 24th.
        assert_eq!(
            cal.deadline_after(morning("2026-02-13"), 1),
            day("2026-02-14").end_ms()
        );
        assert_eq!(
            cal.deadline_after(morning("2026-02-13"), 2),
            day("2026-02-24").end_ms()
        );
        // Five working days: 14, 24, 25, 26, 27.
        assert_eq!(
            cal.deadline_after(morning("2026-02-13"), 5),
            day("2026-02-27").end_ms()
        );
        // Six: Saturday the 28th is a make-up working day.
        assert_eq!(
            cal.deadline_after(morning("2026-02-13"), 6),
            day("2026-02-28").end_ms()
        );
        // Without the calendar the same matter would be due in the holiday.
        assert_eq!(
            WorkingCalendar::default().deadline_after(morning("2026-02-13"), 2),
            day("2026-02-17").end_ms()
        );
    }

    #[test]
    fn national_day_moves_deadlines_past_the_golden_week() {
        let cal = WorkingCalendar::new(national_arrangement_2026());
        // Registered on Monday 28 September with three working days:
        // Tuesday 29th, Wednesday 30th, then Thursday 8 October.
        assert_eq!(
            cal.deadline_after(morning("2026-09-28"), 3),
            day("2026-10-08").end_ms()
        );
        // Saturday 10 October is a make-up working day.
        assert_eq!(
            cal.deadline_after(morning("2026-10-09"), 1),
            day("2026-10-10").end_ms()
        );
        // Sunday 20 September too.
        assert_eq!(
            cal.deadline_after(morning("2026-09-18"), 1),
            day("2026-09-20").end_ms()
        );
    }

    #[test]
    fn days_gather_into_the_holidays_people_know() {
        let mut days: Vec<PlacedDay> = national_arrangement_2026()
            .into_iter()
            .map(|day| PlacedDay { day, local: false })
            .collect();
        days.push(PlacedDay {
            day: SpecialDay {
                day: day("2026-02-28"),
                kind: DayKind::Holiday,
                festival: Festival::Local,
            },
            local: true,
        });
        let all = stretches(&days);
        let spring = all
            .iter()
            .find(|s| s.festival == Festival::SpringFestival)
            .expect("the Spring Festival");
        assert_eq!(spring.off, vec![(day("2026-02-15"), day("2026-02-23"))]);
        assert_eq!(
            spring.worked,
            vec![day("2026-02-14")],
            "the district took the 28th off"
        );
        let local = all.iter().find(|s| s.local).expect("the district's day");
        assert_eq!(local.off, vec![(day("2026-02-28"), day("2026-02-28"))]);
        let national = all
            .iter()
            .find(|s| s.festival == Festival::NationalDay)
            .expect("National Day");
        assert_eq!(national.worked, vec![day("2026-09-20"), day("2026-10-10")]);
        let order: Vec<Festival> = all.iter().map(|s| s.festival).collect();
        assert_eq!(
            &order[order.len() - 2..],
            [Festival::MidAutumn, Festival::NationalDay],
            "by first day off, though National Day's make-up day comes first"
        );
        assert_eq!(order[0], Festival::NewYear);
    }

    #[test]
    fn the_form_names_every_mistake() {
        let form = DayForm {
            day: "2027-02-30".into(),
            kind: "weekday".into(),
            festival: "spring-festival".into(),
        };
        assert_eq!(
            form.parse(),
            Err(vec![
                ("day".to_owned(), FieldError::BadDate),
                ("kind".to_owned(), FieldError::NotAChoice),
            ])
        );
        let form = DayForm {
            day: " 2027-02-06 ".into(),
            kind: "holiday".into(),
            ..form
        };
        assert_eq!(
            form.parse().map(|d| d.day.to_string()),
            Ok("2027-02-06".to_owned())
        );
        assert_eq!(
            DayForm::default().parse().map_err(|e| e.len()),
            Err(3),
            "nothing chosen"
        );
    }

    #[test]
    fn a_district_day_overrides_the_national_one() {
        let mut days = national_arrangement_2026();
        days.push(SpecialDay {
            day: day("2026-02-28"),
            kind: DayKind::Holiday,
            festival: Festival::Local,
        });
        let cal = WorkingCalendar::new(days);
        assert!(!cal.is_working(day("2026-02-28")));
        assert_eq!(
            Festival::parse("spring-festival"),
            Some(Festival::SpringFestival)
        );
        assert_eq!(DayKind::parse("workday"), Some(DayKind::Workday));
        assert_eq!(DayKind::parse("weekday"), None);
    }
}
