//! Helpers every form parser shares: forms keep their fields as text, and
//! parsing reports every problem at once, each beside its field.

use crate::{
    account::{FieldError, FieldErrors},
    time::parse_beijing_local,
};

/// Collects field errors so every problem is reported at once.
#[derive(Default)]
pub(crate) struct Errors(pub(crate) FieldErrors);

impl Errors {
    pub(crate) fn check<T>(&mut self, field: &str, r: Result<T, FieldError>) -> Option<T> {
        r.map_err(|e| self.0.push((field.to_owned(), e))).ok()
    }

    pub(crate) fn push(&mut self, field: &str, e: FieldError) {
        self.0.push((field.to_owned(), e));
    }

    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, FieldErrors> {
        match value {
            Some(v) if self.0.is_empty() => Ok(v),
            _ => Err(self.0),
        }
    }
}

/// A time typed into a `datetime-local` input that must lie after `now`.
pub(crate) fn future(input: &str, now: i64) -> Result<i64, FieldError> {
    if input.trim().is_empty() {
        return Err(FieldError::Required);
    }
    let t = parse_beijing_local(input).ok_or(FieldError::BadTime)?;
    if t <= now {
        Err(FieldError::InThePast)
    } else {
        Ok(t)
    }
}

/// One line of a `name | value` list: its number, and its two parts or why
/// it does not read that way.
pub(crate) type Pair<'a> = (usize, Result<(&'a str, &'a str), FieldError>);

/// The non-empty lines of a textarea with their 1-based numbers, each split
/// at its first `|` (or full-width `｜`) into two trimmed parts.
pub(crate) fn pairs(input: &str) -> Vec<Pair<'_>> {
    input
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let n = i + 1;
            let split = l
                .split_once('|')
                .or_else(|| l.split_once('｜'))
                .map(|(a, b)| (a.trim(), b.trim()))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .ok_or(FieldError::BadLine(n));
            (n, split)
        })
        .collect()
}

/// A whole number typed into a field, full-width digits and thousands
/// separators allowed; `None` when the field was left empty.
pub(crate) fn whole(input: &str, min: u32, max: u32) -> Result<Option<u32>, FieldError> {
    let digits: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(FieldError::NumberRange(min as usize, max as usize)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_read_as_people_type_them() {
        assert_eq!(whole("", 1, 10), Ok(None));
        assert_eq!(whole(" 1,200 ", 1, 5000), Ok(Some(1200)));
        assert_eq!(whole("３５", 1, 100), Ok(Some(35)));
        assert_eq!(whole("0", 1, 100), Err(FieldError::NumberRange(1, 100)));
        assert_eq!(whole("12a", 1, 100), Err(FieldError::NumberRange(1, 100)));
        assert_eq!(whole("-3", 1, 100), Err(FieldError::NumberRange(1, 100)));
    }
}
