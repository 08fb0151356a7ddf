//! Codes for every level below the city.
//!
//! Our scheme (DOMAIN.md): the 12-digit statistical division code of the
//! community (province 2, prefecture 2, county 2, township 3, village 3), then
//! major type, subtype and size class (one digit each) and a 2-digit sequence:
//! 17 digits in all. Grids append 3 digits, micro-grids 2 more. Each code type
//! is built only by `parse`, so a value in hand is always well-formed.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use super::classification::{CommunityType, MajorType, SizeClass};

/// Provinces in the national division code (GB/T 2260).
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// A part of a code that must not be all zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeSegment {
    County,
    Township,
    Village,
    Sequence,
    Grid,
    MicroGrid,
}

/// Why a code was refused. Each variant maps to one message per language in
/// the interface, so the person typing learns exactly which digit is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum CodeError {
    #[error("the code is empty")]
    Empty,
    #[error("expected {expected} digits, found {found} characters")]
    WrongLength { expected: usize, found: usize },
    #[error("character {position} is not a digit")]
    NotDigit { position: usize },
    #[error("{0:02} is not a province code")]
    UnknownProvince(u8),
    #[error("the {0:?} part may not be all zeros")]
    ZeroSegment(CodeSegment),
    #[error("major type digit {0} is not 1, 2 or 3")]
    UnknownMajorType(u8),
    #[error("subtype digit {0} is not between 1 and 7")]
    UnknownSubtype(u8),
    #[error("subtype {subtype} does not belong to major type {major}")]
    SubtypeMismatch { major: u8, subtype: u8 },
    #[error("size class digit {0} is not 1, 2 or 3")]
    UnknownSizeClass(u8),
}

/// Trims, turns full-width digits (as Chinese input methods type them) into
/// ASCII, and checks length and that every character is a digit.
fn digits(input: &str, expected: usize) -> Result<Vec<u8>, CodeError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(CodeError::Empty);
    }
    // Counted first, so a wrong length is reported before a wrong digit,
    // without collecting the characters (every listed matter parses two
    // codes).
    let found = input.chars().count();
    if found != expected {
        return Err(CodeError::WrongLength { expected, found });
    }
    input
        .chars()
        .map(fold_width)
        .enumerate()
        .map(|(i, c)| {
            c.to_digit(10)
                .map(|d| d as u8)
                .ok_or(CodeError::NotDigit { position: i + 1 })
        })
        .collect()
}

pub(super) fn fold_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, d| n * 10 + u32::from(*d))
}

fn non_zero(digits: &[u8], segment: CodeSegment) -> Result<(), CodeError> {
    if number(digits) == 0 {
        Err(CodeError::ZeroSegment(segment))
    } else {
        Ok(())
    }
}

fn to_string(digits: &[u8]) -> String {
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

/// Parses the shared prefix of a longer code: `digits` are already checked
/// for length and form; only the meaning of the first `len` is checked here.
fn check_division(digits: &[u8], len: usize) -> Result<(), CodeError> {
    let province = digits[0] * 10 + digits[1];
    if !PROVINCES.contains(&province) {
        return Err(CodeError::UnknownProvince(province));
    }
    non_zero(&digits[4..6], CodeSegment::County)?;
    if len >= 9 {
        non_zero(&digits[6..9], CodeSegment::Township)?;
    }
    if len >= 12 {
        non_zero(&digits[9..12], CodeSegment::Village)?;
    }
    Ok(())
}

fn check_community(d: &[u8]) -> Result<(), CodeError> {
    check_division(d, 12)?;
    let major = MajorType::from_digit(d[12]).ok_or(CodeError::UnknownMajorType(d[12]))?;
    let subtype = CommunityType::from_digit(d[13]).ok_or(CodeError::UnknownSubtype(d[13]))?;
    if subtype.major() != major {
        return Err(CodeError::SubtypeMismatch {
            major: d[12],
            subtype: d[13],
        });
    }
    SizeClass::from_digit(d[14]).ok_or(CodeError::UnknownSizeClass(d[14]))?;
    non_zero(&d[15..17], CodeSegment::Sequence)
}

fn check_grid(d: &[u8]) -> Result<(), CodeError> {
    check_community(d)?;
    non_zero(&d[17..20], CodeSegment::Grid)
}

fn check_micro_grid(d: &[u8]) -> Result<(), CodeError> {
    check_grid(d)?;
    non_zero(&d[20..22], CodeSegment::MicroGrid)
}

/// Declares a code newtype over a digit string of fixed length, with parsing,
/// display and serde that goes through `parse`.
macro_rules! code_type {
    ($(#[$doc:meta])* $name:ident, $len:expr, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
        pub struct $name(String);

        impl $name {
            /// Number of digits in this kind of code.
            pub const LEN: usize = $len;

            pub fn parse(input: &str) -> Result<Self, CodeError> {
                let d = digits(input, Self::LEN)?;
                let check: fn(&[u8]) -> Result<(), CodeError> = $check;
                check(&d)?;
                Ok(Self(to_string(&d)))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = CodeError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = CodeError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> String {
                code.0
            }
        }
    };
}

code_type!(
    /// A district or county: the first 6 digits of a division code.
    DistrictCode,
    6,
    |d| check_division(d, 6)
);
code_type!(
    /// A street or township: the first 9 digits of a division code.
    StreetCode,
    9,
    |d| check_division(d, 9)
);
code_type!(
    /// A community's 17-digit identity code.
    CommunityCode,
    17,
    check_community
);
code_type!(
    /// A grid: its community's code and a 3-digit grid number.
    GridCode,
    20,
    check_grid
);
code_type!(
    /// A micro-grid: its grid's code and a 2-digit number.
    MicroGridCode,
    22,
    check_micro_grid
);

fn digit_at(code: &str, i: usize) -> u8 {
    code.as_bytes()[i] - b'0'
}

impl StreetCode {
    pub fn district(&self) -> DistrictCode {
        DistrictCode(self.0[..6].to_owned())
    }
}

impl CommunityCode {
    /// Assembles a code from parts that are valid by type; the sequence is
    /// 1–99 and the village number 1–999.
    pub fn new(
        street: &StreetCode,
        village: u16,
        kind: CommunityType,
        size: SizeClass,
        sequence: u8,
    ) -> Result<Self, CodeError> {
        Self::parse(&format!(
            "{}{:03}{}{}{}{:02}",
            street,
            village,
            kind.major().digit(),
            kind.digit(),
            size.digit(),
            sequence
        ))
    }

    pub fn district(&self) -> DistrictCode {
        DistrictCode(self.0[..6].to_owned())
    }

    pub fn street(&self) -> StreetCode {
        StreetCode(self.0[..9].to_owned())
    }

    /// The 12-digit statistical division code of the community itself.
    pub fn division(&self) -> &str {
        &self.0[..12]
    }

    pub fn community_type(&self) -> CommunityType {
        CommunityType::from_digit(digit_at(&self.0, 13))
            .unwrap_or_else(|| unreachable!("checked by parse"))
    }

    pub fn major_type(&self) -> MajorType {
        self.community_type().major()
    }

    pub fn size_class(&self) -> SizeClass {
        SizeClass::from_digit(digit_at(&self.0, 14))
            .unwrap_or_else(|| unreachable!("checked by parse"))
    }

    pub fn grid(&self, number: u16) -> Result<GridCode, CodeError> {
        GridCode::parse(&format!("{}{:03}", self, number))
    }
}

impl GridCode {
    pub fn community(&self) -> CommunityCode {
        CommunityCode(self.0[..17].to_owned())
    }

    pub fn number(&self) -> u16 {
        self.0[17..20]
            .parse()
            .unwrap_or_else(|_| unreachable!("checked by parse"))
    }

    pub fn micro_grid(&self, number: u8) -> Result<MicroGridCode, CodeError> {
        MicroGridCode::parse(&format!("{}{:02}", self, number))
    }
}

impl MicroGridCode {
    pub fn grid(&self) -> GridCode {
        GridCode(self.0[..20].to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::CodeSegment as Segment;
    use super::*;
    use proptest::prelude::*;

    const GOOD: &str = "33020310100112101";

    #[test]
    fn a_well_formed_community_code_exposes_its_parts() {
        let code = CommunityCode::parse(GOOD).expect("valid");
        assert_eq!(code.district().as_str(), "330203");
        assert_eq!(code.street().as_str(), "330203101");
        assert_eq!(code.division(), "330203101001");
        assert_eq!(code.major_type(), MajorType::Urban);
        assert_eq!(code.community_type(), CommunityType::HousingEstate);
        assert_eq!(code.size_class(), SizeClass::General);
    }

    #[test]
    fn community_codes_are_refused_with_the_reason() {
        let cases: &[(&str, CodeError)] = &[
            ("", CodeError::Empty),
            ("   ", CodeError::Empty),
            (
                "3302031010011210",
                CodeError::WrongLength {
                    expected: 17,
                    found: 16,
                },
            ),
            (
                "330203101001121011",
                CodeError::WrongLength {
                    expected: 17,
                    found: 18,
                },
            ),
            ("3302031010011210x", CodeError::NotDigit { position: 17 }),
            ("社区020310100112101", CodeError::NotDigit { position: 1 }),
            ("99020310100112101", CodeError::UnknownProvince(99)),
            ("33020010100112101", CodeError::ZeroSegment(Segment::County)),
            (
                "33020300000112101",
                CodeError::ZeroSegment(Segment::Township),
            ),
            (
                "33020310100012101",
                CodeError::ZeroSegment(Segment::Village),
            ),
            ("33020310100142101", CodeError::UnknownMajorType(4)),
            ("33020310100118101", CodeError::UnknownSubtype(8)),
            (
                "33020310100114101",
                CodeError::SubtypeMismatch {
                    major: 1,
                    subtype: 4,
                },
            ),
            ("33020310100112401", CodeError::UnknownSizeClass(4)),
            (
                "33020310100112100",
                CodeError::ZeroSegment(Segment::Sequence),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                CommunityCode::parse(input).as_ref(),
                Err(expected),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn full_width_digits_and_surrounding_space_are_accepted() {
        let code = CommunityCode::parse(" ３３０２０３１０１００１１２１０１ ").expect("valid");
        assert_eq!(code.as_str(), GOOD);
    }

    #[test]
    fn grid_and_micro_grid_codes_extend_the_community_code() {
        let community = CommunityCode::parse(GOOD).expect("valid");
        let grid = community.grid(7).expect("valid grid");
        assert_eq!(grid.as_str(), "33020310100112101007");
        assert_eq!(grid.number(), 7);
        assert_eq!(grid.community(), community);
        let micro = grid.micro_grid(12).expect("valid micro-grid");
        assert_eq!(micro.as_str(), "3302031010011210100712");
        assert_eq!(micro.grid(), grid);
        assert_eq!(
            community.grid(0),
            Err(CodeError::ZeroSegment(Segment::Grid))
        );
        assert_eq!(
            grid.micro_grid(0),
            Err(CodeError::ZeroSegment(Segment::MicroGrid))
        );
        assert_eq!(
            GridCode::parse("33020310100112101"),
            Err(CodeError::WrongLength {
                expected: 20,
                found: 17
            })
        );
    }

    #[test]
    fn district_and_street_codes() {
        assert!(DistrictCode::parse("330203").is_ok());
        assert_eq!(
            DistrictCode::parse("330200"),
            Err(CodeError::ZeroSegment(Segment::County))
        );
        let street = StreetCode::parse("330203101").expect("valid");
        assert_eq!(street.district().as_str(), "330203");
        assert_eq!(
            StreetCode::parse("330203000"),
            Err(CodeError::ZeroSegment(Segment::Township))
        );
    }

    #[test]
    fn serde_goes_through_parse() {
        let code: CommunityCode = serde_json::from_str(&format!("\"{GOOD}\"")).expect("valid");
        assert_eq!(
            serde_json::to_string(&code).expect("serialises"),
            format!("\"{GOOD}\"")
        );
        assert!(serde_json::from_str::<CommunityCode>("\"33020310100114101\"").is_err());
    }

    fn valid_parts() -> impl Strategy<Value = (u8, u8, u8, u16, u16, CommunityType, SizeClass, u8)>
    {
        (
            proptest::sample::select(PROVINCES.to_vec()),
            0u8..100,
            1u8..100,
            1u16..1000,
            1u16..1000,
            proptest::sample::select(CommunityType::ALL.to_vec()),
            proptest::sample::select(SizeClass::ALL.to_vec()),
            1u8..100,
        )
    }

    proptest! {
        #[test]
        fn every_assembled_code_parses_back_to_its_parts(
            (province, prefecture, county, township, village, kind, size, seq) in valid_parts()
        ) {
            let street = StreetCode::parse(&format!("{province:02}{prefecture:02}{county:02}{township:03}"))
                .expect("valid street");
            let code = CommunityCode::new(&street, village, kind, size, seq).expect("valid");
            let reparsed = CommunityCode::parse(code.as_str()).expect("round trip");
            prop_assert_eq!(&reparsed, &code);
            prop_assert_eq!(reparsed.community_type(), kind);
            prop_assert_eq!(reparsed.size_class(), size);
            prop_assert_eq!(reparsed.street(), street);
        }

        #[test]
        fn parse_never_panics_and_accepts_only_17_digit_strings(input in "\\PC{0,30}") {
            if let Ok(code) = CommunityCode::parse(&input) {
                prop_assert_eq!(code.as_str().len(), 17);
                prop_assert!(code.as_str().bytes().all(|b| b.is_ascii_digit()));
            }
        }

        #[test]
        fn changing_one_digit_of_the_type_block_is_caught_or_still_consistent(
            pos in 12usize..15, digit in 0u8..10
        ) {
            let mut s: Vec<u8> = GOOD.bytes().collect();
            s[pos] = b'0' + digit;
            let input = String::from_utf8(s).expect("ascii");
            match CommunityCode::parse(&input) {
                Ok(code) => prop_assert_eq!(code.major_type(), code.community_type().major()),
                Err(e) => {
                    let about_the_type_block = matches!(
                        e,
                        CodeError::UnknownMajorType(_)
                            | CodeError::UnknownSubtype(_)
                            | CodeError::SubtypeMismatch { .. }
                            | CodeError::UnknownSizeClass(_)
                    );
                    prop_assert!(about_the_type_block, "unexpected {:?}", e);
                }
            }
        }
    }
}
