//! Personal API tokens as their owner sees them. The secret itself never
//! appears here: it is shown once, by the server, when the token is made.

use serde::{Deserialize, Serialize};

use crate::account::FieldError;

/// What the owner calls a token, to tell their integrations apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TokenName(String);

impl TokenName {
    pub const MAX: usize = 40;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        crate::account::text(input, 1, Self::MAX, false).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TokenName {
    type Error = FieldError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TokenName> for String {
    fn from(value: TokenName) -> Self {
        value.0
    }
}

/// A live token in its owner's list. Times are epoch milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenSummary {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// What ended every way into an account but a fresh sign-in (sessions,
/// API tokens, unused reset links).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CredentialsEnded {
    PasswordChanged,
    PasswordReset,
    SignedOutEverywhere,
}

impl CredentialsEnded {
    pub const ALL: [CredentialsEnded; 3] = [
        CredentialsEnded::PasswordChanged,
        CredentialsEnded::PasswordReset,
        CredentialsEnded::SignedOutEverywhere,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CredentialsEnded::PasswordChanged => "password_changed",
            CredentialsEnded::PasswordReset => "password_reset",
            CredentialsEnded::SignedOutEverywhere => "signed_out_everywhere",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The inbox's word that a person's API tokens stopped working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountNotice {
    pub why: CredentialsEnded,
    pub tokens_revoked: i64,
    pub at: i64,
    pub read: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_short_and_printable() {
        assert_eq!(
            TokenName::parse("  社区大屏 ").map(|n| n.as_str().to_owned()),
            Ok("社区大屏".to_owned())
        );
        assert_eq!(TokenName::parse("   "), Err(FieldError::Required));
        assert_eq!(
            TokenName::parse(&"长".repeat(41)),
            Err(FieldError::TooLong(TokenName::MAX))
        );
        assert!(TokenName::parse(&"长".repeat(40)).is_ok());
        assert_eq!(
            TokenName::parse("a\u{7}b"),
            Err(FieldError::ControlCharacters)
        );
    }
}
