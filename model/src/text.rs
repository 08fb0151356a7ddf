//! Text a person typed, bounded and clean by construction.
//!
//! These types deserialise through their parser, so a JSON body, a form, a
//! server function and Open311 meet the same rule: trimmed, between one and
//! `MAX` characters, and no control characters (a NUL, a BEL or an ANSI
//! escape reaches email and operators' terminals). [`Text`] may hold line
//! breaks and tabs; [`Line`] may not.

use serde::{Deserialize, Serialize};

use crate::account::{FieldError, text};

/// Several lines of typed text, 1 to `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text<const MAX: usize>(String);

/// One line of typed text (a name, a team), 1 to `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Line<const MAX: usize>(String);

macro_rules! typed_text {
    ($name:ident, $multiline:literal) => {
        impl<const MAX: usize> $name<MAX> {
            pub const MAX: usize = MAX;

            pub fn parse(input: &str) -> Result<Self, FieldError> {
                text(input, 1, MAX, $multiline).map(Self)
            }

            /// Blank input is `None`; anything else must be valid.
            pub fn optional(input: &str) -> Result<Option<Self>, FieldError> {
                if input.trim().is_empty() {
                    Ok(None)
                } else {
                    Self::parse(input).map(Some)
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl<const MAX: usize> TryFrom<String> for $name<MAX> {
            type Error = FieldError;

            fn try_from(value: String) -> Result<Self, FieldError> {
                Self::parse(&value)
            }
        }

        impl<const MAX: usize> From<$name<MAX>> for String {
            fn from(value: $name<MAX>) -> String {
                value.0
            }
        }

        impl<const MAX: usize> std::fmt::Display for $name<MAX> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// The API documentation shows the bounds; fields use `#[schema(inline)]`.
#[cfg(feature = "openapi")]
macro_rules! typed_schema {
    ($name:ident) => {
        impl<const MAX: usize> utoipa::PartialSchema for $name<MAX> {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::Type::String)
                    .min_length(Some(1))
                    .max_length(Some(MAX))
                    .into()
            }
        }

        impl<const MAX: usize> utoipa::ToSchema for $name<MAX> {
            fn name() -> std::borrow::Cow<'static, str> {
                format!("{}{MAX}", stringify!($name)).into()
            }
        }
    };
}

#[cfg(feature = "openapi")]
typed_schema!(Text);
#[cfg(feature = "openapi")]
typed_schema!(Line);

typed_text!(Text, true);
typed_text!(Line, false);

/// For an optional field that clients may also send as `""`.
pub fn blank_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<String, Error = FieldError>,
{
    match Option::<String>::deserialize(deserializer)? {
        Some(s) if !s.trim().is_empty() => {
            T::try_from(s).map(Some).map_err(serde::de::Error::custom)
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::{Line, Text};
    use crate::account::FieldError;

    #[test]
    fn bounds_and_characters_hold_at_deserialisation() {
        let text = |json: &str| serde_json::from_str::<Text<10>>(json).map(|t| t.to_string());
        assert_eq!(text(r#""  路灯\n不亮 ""#).expect("valid"), "路灯\n不亮");
        assert!(text(r#""""#).is_err());
        assert!(text(r#""   ""#).is_err());
        assert!(text(r#""12345678901""#).is_err(), "eleven characters");
        for control in [
            r#""\u0000a""#,
            r#""a\u0007""#,
            r#""\u001b[31mred""#,
            r#""a\u007fb""#,
        ] {
            assert!(text(control).is_err(), "{control}");
        }
        assert!(
            serde_json::from_str::<Line<10>>(r#""a\nb""#).is_err(),
            "one line"
        );
        assert_eq!(Line::<3>::parse("abcd"), Err(FieldError::TooLong(3)));
        assert_eq!(Text::<3>::optional(" ").expect("blank"), None);
    }
}
