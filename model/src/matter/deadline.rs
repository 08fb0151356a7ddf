//! Handling deadlines in working days (限时办结), counted in Beijing time.
//! Weekends are skipped; public holidays and the make-up working days
//! around them are not known here yet.

const DAY: i64 = 86_400_000;
/// Beijing is UTC+8 all year.
const BEIJING: i64 = 8 * 3_600_000;

/// Day number since 1970-01-01 (a Thursday) → 0 Monday … 6 Sunday.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The end of the `working_days`-th working day after the day of `from`
/// (epoch milliseconds), in Beijing time: registered on a Friday with two
/// days to go, a matter is due at the end of Tuesday.
pub fn deadline_after(from: i64, working_days: u32) -> i64 {
    let mut day = (from + BEIJING).div_euclid(DAY);
    let mut left = working_days;
    while left > 0 {
        day += 1;
        if weekday(day) < 5 {
            left -= 1;
        }
    }
    (day + 1) * DAY - BEIJING - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-20 10:00 Beijing, a Friday.
    const FRIDAY_MORNING: i64 = 1_795_140_000_000;

    #[test]
    fn weekends_do_not_count() {
        assert_eq!(
            weekday((FRIDAY_MORNING + BEIJING).div_euclid(DAY)),
            4,
            "a Friday"
        );
        // Two working days from Friday: Monday, Tuesday; due Tuesday 23:59:59.999.
        let due = deadline_after(FRIDAY_MORNING, 2);
        let tuesday_end = FRIDAY_MORNING - 10 * 3_600_000 + 5 * DAY - 1;
        assert_eq!(due, tuesday_end);
        // Five working days is a calendar week.
        assert_eq!(deadline_after(FRIDAY_MORNING, 5), tuesday_end + 3 * DAY);
        // Late on Sunday night in Beijing is still Sunday.
        let sunday_night = FRIDAY_MORNING + 2 * DAY + 13 * 3_600_000;
        assert_eq!(deadline_after(sunday_night, 1), tuesday_end - DAY);
    }
}
