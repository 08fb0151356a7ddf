//! What a person typed into the directory's search box, understood.

use serde::{Deserialize, Serialize};

use super::codes::{CodeError, CommunityCode, DistrictCode, StreetCode, fold_width};

/// Longest name query kept; longer input is cut, not refused.
const MAX_NAME_CHARS: usize = 40;

/// A directory search: a whole code finds one community, leading digits
/// find every community under that district or street, and anything else
/// is a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommunitySearch {
    Code(CommunityCode),
    CodePrefix(String),
    Name(String),
}

impl CommunitySearch {
    /// `Ok(None)` for a blank box; an error only for a run of digits that
    /// cannot be a community code, so the message can say why.
    pub fn parse(input: &str) -> Result<Option<Self>, CodeError> {
        let folded: String = input.trim().chars().map(fold_width).collect();
        if folded.is_empty() {
            return Ok(None);
        }
        if folded.chars().all(|c| c.is_ascii_digit()) {
            return match folded.len() {
                CommunityCode::LEN => CommunityCode::parse(&folded).map(|c| Some(Self::Code(c))),
                n if n > CommunityCode::LEN => Err(CodeError::WrongLength {
                    expected: CommunityCode::LEN,
                    found: n,
                }),
                _ => Ok(Some(Self::CodePrefix(folded))),
            };
        }
        Ok(Some(Self::Name(
            folded.chars().take(MAX_NAME_CHARS).collect(),
        )))
    }
}

/// Everything that narrows the community directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryFilter {
    pub search: Option<CommunitySearch>,
    pub district: Option<DistrictCode>,
    pub street: Option<StreetCode>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_box_is_read_as_code_prefix_or_name() {
        assert_eq!(CommunitySearch::parse("  "), Ok(None));
        assert!(matches!(
            CommunitySearch::parse("33020310100112101"),
            Ok(Some(CommunitySearch::Code(_)))
        ));
        assert_eq!(
            CommunitySearch::parse("３３０２"),
            Ok(Some(CommunitySearch::CodePrefix("3302".into())))
        );
        assert_eq!(
            CommunitySearch::parse(" 翠苑 "),
            Ok(Some(CommunitySearch::Name("翠苑".into())))
        );
        assert_eq!(
            CommunitySearch::parse("Cuiyuan 2"),
            Ok(Some(CommunitySearch::Name("Cuiyuan 2".into())))
        );
    }

    #[test]
    fn a_malformed_full_code_is_an_error_not_a_name() {
        assert_eq!(
            CommunitySearch::parse("33020310100114101"),
            Err(CodeError::SubtypeMismatch {
                major: 1,
                subtype: 4
            })
        );
        assert_eq!(
            CommunitySearch::parse("330203101001121010"),
            Err(CodeError::WrongLength {
                expected: 17,
                found: 18
            })
        );
    }

    #[test]
    fn long_names_are_cut() {
        let long = "社".repeat(100);
        match CommunitySearch::parse(&long) {
            Ok(Some(CommunitySearch::Name(n))) => assert_eq!(n.chars().count(), MAX_NAME_CHARS),
            other => panic!("unexpected {other:?}"),
        }
    }
}
