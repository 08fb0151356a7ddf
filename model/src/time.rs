//! Dates as people and protocols write them. Times are kept as epoch
//! milliseconds everywhere; these turn them into calendar dates and back.

const DAY_SECS: i64 = 86_400;
/// Beijing is UTC+8 all year.
pub const BEIJING_OFFSET_SECS: i64 = 8 * 3600;

/// (year, month, day, hour, minute, second) of `millis` at `offset_secs`
/// east of UTC. Howard Hinnant's civil-from-days.
pub fn civil(millis: i64, offset_secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let secs = millis.div_euclid(1000) + offset_secs;
    let days = secs.div_euclid(DAY_SECS);
    let rem = secs.rem_euclid(DAY_SECS);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days since 1970-01-01 of a calendar date (days-from-civil).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// W3C date-time in Beijing time, as Open311 wants it:
/// `2026-11-24T17:33:05+08:00`.
pub fn w3c(millis: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(millis, BEIJING_OFFSET_SECS);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+08:00")
}

/// Reads a W3C date-time (`YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or
/// `±HH:MM`), or a bare date taken as midnight UTC.
pub fn parse_w3c(input: &str) -> Option<i64> {
    let s = input.trim();
    let num = |a: usize, b: usize| s.get(a..b).and_then(|v| v.parse::<i64>().ok());
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    if s.get(4..5) != Some("-")
        || s.get(7..8) != Some("-")
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if s.len() == 10 {
        return Some(days * DAY_SECS * 1000);
    }
    if !matches!(s.get(10..11), Some("T" | "t" | " ")) {
        return None;
    }
    let (hour, minute) = (num(11, 13)?, num(14, 16)?);
    let mut rest = s.get(16..)?;
    let mut second = 0;
    if let Some(r) = rest.strip_prefix(':') {
        second = r.get(0..2)?.parse::<i64>().ok()?;
        rest = &r[2..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.chars().take_while(char::is_ascii_digit).count();
            rest = &frac[digits..];
        }
    }
    let offset = match rest {
        "Z" | "z" => 0,
        r if (r.starts_with('+') || r.starts_with('-')) && r.len() == 6 && &r[3..4] == ":" => {
            let sign = if r.starts_with('-') { -1 } else { 1 };
            sign * (r[1..3].parse::<i64>().ok()? * 3600 + r[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some((days * DAY_SECS + hour * 3600 + minute * 60 + second - offset) * 1000)
}

/// Reads what a `datetime-local` or `date` input sends
/// (`2026-12-01T19:30`, `2026-12-01 19:30`, `2026-12-01`) as Beijing time.
pub fn parse_beijing_local(input: &str) -> Option<i64> {
    let s = input.trim();
    match s.len() {
        10 => parse_w3c(&format!("{s}T00:00+08:00")),
        16 | 19 => parse_w3c(&format!("{s}+08:00")),
        _ => None,
    }
}

/// The value a `datetime-local` input shows for `millis`, in Beijing time.
pub fn beijing_local(millis: i64) -> String {
    let (y, mo, d, h, mi, _) = civil(millis, BEIJING_OFFSET_SECS);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_times_are_beijing_time() {
        let t = 1_795_140_000_000; // 2026-11-20 10:00 Beijing
        assert_eq!(parse_beijing_local("2026-11-20T10:00"), Some(t));
        assert_eq!(parse_beijing_local("2026-11-20 10:00:00"), Some(t));
        assert_eq!(parse_beijing_local("2026-11-20"), Some(t - 10 * 3_600_000));
        assert_eq!(beijing_local(t), "2026-11-20T10:00");
        for bad in ["", "tomorrow", "2026-11-20T10", "2026-11-20T10:00Z"] {
            assert_eq!(parse_beijing_local(bad), None, "{bad}");
        }
    }

    #[test]
    fn w3c_round_trips_in_beijing_time() {
        let t = 1_795_140_000_000; // 2026-11-20 10:00 Beijing
        assert_eq!(w3c(t), "2026-11-20T10:00:00+08:00");
        assert_eq!(parse_w3c(&w3c(t)), Some(t));
        assert_eq!(parse_w3c("2026-11-20T02:00:00Z"), Some(t));
        assert_eq!(
            parse_w3c("2026-11-20T02:00:00.250Z"),
            Some(t),
            "fractions are dropped"
        );
        assert_eq!(parse_w3c("2026-11-19T21:00-05:00"), Some(t));
        assert_eq!(parse_w3c("2026-11-20"), Some(t - 2 * 3_600_000));
        for bad in [
            "",
            "2026-13-01",
            "2026/11/20",
            "2026-11-20T25:00Z",
            "2026-11-20T10:00:00",
            "yesterday",
        ] {
            assert_eq!(parse_w3c(bad), None, "{bad}");
        }
    }
}
