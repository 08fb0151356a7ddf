//! The unified social credit code (统一社会信用代码, GB 32100-2015) that
//! identifies every organisation: 18 characters from a 31-character set,
//! the last a check character over the first 17.
//!
//! Layout: registration authority (1), organisation category (1), the
//! 6-digit division code of the registering office, the 9-character
//! organisation code (GB 11714), and the check character.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// The standard's characters in value order: digits, then capitals without
/// I, O, S, V and Z, which are too easily read as 1, 0, 5, U and 2.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weight of position i (0-based) is 3^i mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

pub const CREDIT_CODE_LEN: usize = 18;

/// Why a credit code was refused; the interface names the position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CreditCodeError {
    #[error("the credit code is empty")]
    Empty,
    #[error("expected 18 characters, found {found}")]
    WrongLength { found: usize },
    /// Position is 1-based. I, O, S, V and Z are never used.
    #[error("character {position} ({found}) is not used in credit codes")]
    BadCharacter { position: usize, found: char },
    /// The registering office's division code (positions 3–8) is digits.
    #[error("character {position} must be a digit")]
    NotDigit { position: usize },
    #[error("{0} is not a registration authority")]
    UnknownAuthority(char),
    /// Usually one mistyped character; `expected` is what the first 17 give.
    #[error("the check character should be {expected}")]
    CheckMismatch { expected: char },
}

/// Who registered the organisation (the first character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// 机构编制 (public institutions)
    Establishment,
    Foreign,
    Justice,
    Culture,
    /// 民政: social groups, social service institutions, foundations
    CivilAffairs,
    Tourism,
    Religion,
    TradeUnion,
    /// 市场监管 (formerly 工商): companies and their branches
    Market,
    Military,
    Agriculture,
    Other,
}

impl Authority {
    fn from_char(c: u8) -> Option<Self> {
        Some(match c {
            b'1' => Self::Establishment,
            b'2' => Self::Foreign,
            b'3' => Self::Justice,
            b'4' => Self::Culture,
            b'5' => Self::CivilAffairs,
            b'6' => Self::Tourism,
            b'7' => Self::Religion,
            b'8' => Self::TradeUnion,
            b'9' => Self::Market,
            b'A' => Self::Military,
            b'N' => Self::Agriculture,
            b'Y' => Self::Other,
            _ => return None,
        })
    }
}

/// A well-formed unified social credit code, upper case, without spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|a| *a == c).map(|v| v as u32)
}

/// The check character for the first 17 characters, all from the alphabet.
fn check_char(body: &[u8]) -> char {
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| value(*c).unwrap_or(0) * w)
        .sum();
    char::from(ALPHABET[((31 - sum % 31) % 31) as usize])
}

/// Full-width letters and digits (typed with a Chinese input method) become
/// ASCII; lower case becomes upper case; spaces and hyphens people put in
/// for readability are dropped.
fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '\u{3000}'))
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl CreditCode {
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let s = normalise(input);
        if s.is_empty() {
            return Err(CreditCodeError::Empty);
        }
        let found = s.chars().count();
        if found != CREDIT_CODE_LEN {
            return Err(CreditCodeError::WrongLength { found });
        }
        for (i, c) in s.chars().enumerate() {
            if !c.is_ascii() || value(c as u8).is_none() {
                return Err(CreditCodeError::BadCharacter {
                    position: i + 1,
                    found: c,
                });
            }
        }
        let bytes = s.as_bytes();
        if Authority::from_char(bytes[0]).is_none() {
            return Err(CreditCodeError::UnknownAuthority(char::from(bytes[0])));
        }
        if let Some(i) = (2..8).find(|i| !bytes[*i].is_ascii_digit()) {
            return Err(CreditCodeError::NotDigit { position: i + 1 });
        }
        let expected = check_char(&bytes[..17]);
        if char::from(bytes[17]) != expected {
            return Err(CreditCodeError::CheckMismatch { expected });
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn authority(&self) -> Authority {
        Authority::from_char(self.0.as_bytes()[0]).unwrap_or(Authority::Other)
    }

    /// The division code of the office that registered it.
    pub fn division(&self) -> &str {
        &self.0[2..8]
    }

    /// Registered with civil affairs as a social group, social service
    /// institution or foundation: the organisations that bid for community
    /// projects as "social organisations" (社会组织).
    pub fn is_social_organisation(&self) -> bool {
        self.authority() == Authority::CivilAffairs
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for CreditCode {
    type Err = CreditCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Codes of real, well-known organisations, as published.
    const REAL: [&str; 4] = [
        "91350100M000100Y43",
        "91110000802100433B",
        "91440300708461136T",
        "53100000500021676K",
    ];

    #[test]
    fn published_codes_parse() {
        for code in REAL {
            let parsed = CreditCode::parse(code).expect(code);
            assert_eq!(parsed.as_str(), code);
        }
        let red_cross = CreditCode::parse("53100000500021676K").expect("valid");
        assert_eq!(red_cross.authority(), Authority::CivilAffairs);
        assert!(red_cross.is_social_organisation());
        assert_eq!(red_cross.division(), "100000");
        let company = CreditCode::parse("91440300708461136T").expect("valid");
        assert_eq!(company.authority(), Authority::Market);
        assert!(!company.is_social_organisation());
    }

    #[test]
    fn typing_habits_are_forgiven() {
        for typed in [
            " 91350100m000100y43 ",
            "9135 0100 M000 100Y 43",
            "913501-00M000100Y43",
            "９１３５０１００Ｍ０００１００Ｙ４３",
        ] {
            assert_eq!(
                CreditCode::parse(typed).map(String::from),
                Ok("91350100M000100Y43".to_owned()),
                "{typed}"
            );
        }
    }

    #[test]
    fn mistakes_are_named() {
        use CreditCodeError as E;
        let cases: [(&str, E); 8] = [
            ("", E::Empty),
            ("   ", E::Empty),
            ("91350100M000100Y4", E::WrongLength { found: 17 }),
            ("91350100M000100Y433", E::WrongLength { found: 19 }),
            // O for 0 and I for 1 are the usual slips.
            (
                "91350100MO00100Y43",
                E::BadCharacter {
                    position: 10,
                    found: 'O',
                },
            ),
            (
                "9135010０M000100社43",
                E::BadCharacter {
                    position: 16,
                    found: '社',
                },
            ),
            ("B1350100M000100Y43", E::UnknownAuthority('B')),
            ("913501A0M000100Y43", E::NotDigit { position: 7 }),
        ];
        for (input, want) in cases {
            assert_eq!(CreditCode::parse(input), Err(want), "{input:?}");
        }
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(E::CheckMismatch { expected: '3' })
        );
        // Two neighbours swapped: caught by the check.
        assert!(matches!(
            CreditCode::parse("91351000M000100Y43"),
            Err(E::CheckMismatch { .. })
        ));
    }

    #[test]
    fn serde_parses_on_the_way_in() {
        let json = "\"53100000500021676K\"";
        let code: CreditCode = serde_json::from_str(json).expect("valid");
        assert_eq!(serde_json::to_string(&code).expect("serialises"), json);
        assert!(serde_json::from_str::<CreditCode>("\"53100000500021676A\"").is_err());
    }

    fn body() -> impl Strategy<Value = Vec<u8>> {
        let authority = prop::sample::select(b"123456789ANY".to_vec());
        let any = prop::sample::select(ALPHABET.to_vec());
        let digit = prop::sample::select(b"0123456789".to_vec());
        (
            authority,
            any.clone(),
            prop::collection::vec(digit, 6),
            prop::collection::vec(any, 9),
        )
            .prop_map(|(a, k, division, org)| {
                let mut v = vec![a, k];
                v.extend(division);
                v.extend(org);
                v
            })
    }

    proptest! {
        #[test]
        fn a_body_with_its_check_character_parses(body in body()) {
            let mut code = String::from_utf8(body.clone()).expect("ascii");
            code.push(check_char(&body));
            let parsed = CreditCode::parse(&code).expect("valid by construction");
            prop_assert_eq!(parsed.as_str(), code.as_str());
        }

        #[test]
        fn any_single_changed_character_is_caught(body in body(), at in 0usize..18, shift in 1u32..31) {
            let mut code = body.clone();
            code.push(check_char(&body) as u8);
            let old = value(code[at]).expect("from the alphabet");
            code[at] = ALPHABET[((old + shift) % 31) as usize];
            let changed = String::from_utf8(code).expect("ascii");
            prop_assert!(CreditCode::parse(&changed).is_err(), "{}", changed);
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,24}") {
            let _ = CreditCode::parse(&s);
        }
    }
}
