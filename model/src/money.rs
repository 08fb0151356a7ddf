//! Amounts of money, kept in fen (分) so sums are exact.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::account::FieldError;

/// An amount in fen, never negative. Budgets of community projects stay far
/// below `i64::MAX` fen, and parsing refuses anything above [`Fen::MAX`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fen(i64);

impl Fen {
    /// One hundred million yuan: more than any community project.
    pub const MAX: Fen = Fen(10_000_000_000);

    pub fn new(fen: i64) -> Option<Fen> {
        (0..=Self::MAX.0).contains(&fen).then_some(Fen(fen))
    }

    pub fn get(self) -> i64 {
        self.0
    }

    /// Reads yuan as people type them: `12000`, `12,000.5`, `¥12 000.50`,
    /// `12000元`, full-width digits too. At most two decimals.
    pub fn parse_yuan(input: &str) -> Result<Fen, FieldError> {
        let s: String = input
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' => '.',
                c => c,
            })
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '¥' | '￥'))
            .collect();
        let s = s.strip_suffix('元').unwrap_or(&s);
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        let (whole, part) = s.split_once('.').unwrap_or((s, ""));
        let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 9 || !digits(whole) || part.len() > 2 || !digits(part)
        {
            return Err(FieldError::BadAmount);
        }
        let yuan: i64 = whole.parse().map_err(|_| FieldError::BadAmount)?;
        let cents: i64 = format!("{part:0<2}")
            .parse()
            .map_err(|_| FieldError::BadAmount)?;
        Fen::new(yuan * 100 + cents).ok_or(FieldError::BadAmount)
    }

    /// Sums amounts; `None` beyond [`Fen::MAX`].
    pub fn sum(amounts: impl IntoIterator<Item = Fen>) -> Option<Fen> {
        amounts
            .into_iter()
            .try_fold(0i64, |acc, f| acc.checked_add(f.0))
            .and_then(Fen::new)
    }

    /// What a form shows to edit: `12000.5` becomes `12000.50`.
    pub fn to_input(self) -> String {
        if self.0 % 100 == 0 {
            (self.0 / 100).to_string()
        } else {
            format!("{}.{:02}", self.0 / 100, self.0 % 100)
        }
    }
}

/// `¥12,000.50`, grouped in thousands as Chinese financial documents are.
impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let yuan = (self.0 / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "¥{grouped}.{:02}", self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_as_people_type_them() {
        for (typed, fen) in [
            ("12000", 1_200_000),
            ("12,000.5", 1_200_050),
            ("¥12 000.50", 1_200_050),
            ("８０００元", 800_000),
            ("0.01", 1),
            ("0", 0),
        ] {
            assert_eq!(Fen::parse_yuan(typed), Ok(Fen(fen)), "{typed}");
        }
    }

    #[test]
    fn what_is_not_an_amount() {
        assert_eq!(Fen::parse_yuan("  "), Err(FieldError::Required));
        for typed in ["-5", "1.234", "12a", ".5", "1e5", "9999999999", "1.2.3"] {
            assert_eq!(
                Fen::parse_yuan(typed),
                Err(FieldError::BadAmount),
                "{typed}"
            );
        }
    }

    #[test]
    fn display_groups_thousands() {
        assert_eq!(Fen(1_200_050).to_string(), "¥12,000.50");
        assert_eq!(Fen(99).to_string(), "¥0.99");
        assert_eq!(Fen(12_345_678_900).to_string(), "¥123,456,789.00");
        assert_eq!(Fen::sum([Fen(1), Fen(2)]), Some(Fen(3)));
        assert_eq!(Fen::sum([Fen::MAX, Fen(1)]), None);
    }

    proptest! {
        #[test]
        fn what_a_form_shows_reads_back(fen in 0i64..=Fen::MAX.0) {
            let f = Fen(fen);
            prop_assert_eq!(Fen::parse_yuan(&f.to_input()), Ok(f));
            prop_assert_eq!(Fen::parse_yuan(&f.to_string()), Ok(f));
        }
    }
}
