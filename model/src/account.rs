//! Who people are to Linli: how they sign in and what they may call
//! themselves. Each value is built only by `parse`, which says exactly what
//! is wrong so the form can show it beside the field.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A problem with one form field. The interface has one sentence per
/// variant in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum FieldError {
    #[error("required")]
    Required,
    #[error("shorter than {0} characters")]
    TooShort(usize),
    #[error("longer than {0} characters")]
    TooLong(usize),
    #[error("not an email address or a mobile number")]
    NotALogin,
    #[error("not a valid email address")]
    BadEmail,
    #[error("not a valid mainland mobile number")]
    BadPhone,
    #[error("contains control characters")]
    ControlCharacters,
    #[error("too common to be safe")]
    CommonPassword,
    #[error("uses a single repeated character")]
    RepeatedCharacter,
    #[error("the two passwords differ")]
    PasswordsDiffer,
    #[error("already belongs to an account")]
    Taken,
    #[error("is not the current password")]
    WrongPassword,
    #[error("not a valid invitation code")]
    BadInvitation,
    #[error("the invitation code is unknown, used or expired")]
    InvitationUnusable,
    #[error("not in this community")]
    NotInCommunity,
    #[error("a request for this community exists already")]
    AlreadyRequested,
    #[error("must be a whole number from {0} to {1}")]
    NumberRange(usize, usize),
    #[error("the link is unknown, used or expired")]
    LinkUnusable,
    /// A form sent before (brought back by the back button) that now says
    /// something else.
    #[error("this form was sent already")]
    SentAlready,
    #[error("no account has this login")]
    UnknownAccount,
    #[error("not a code of the level this role is given at")]
    BadScopeCode,
    #[error("at most {0} are allowed")]
    LimitReached(usize),
    #[error("not one of the choices offered")]
    NotAChoice,
    #[error("the time for this has passed")]
    WindowClosed,
    #[error("not a JPEG, PNG or WebP photo")]
    NotAPhoto,
    #[error("larger than {0} MB")]
    FileTooLarge(usize),
    #[error("more than {0} million pixels")]
    TooManyPixels(usize),
    #[error("not a date and time")]
    BadTime,
    #[error("not a date")]
    BadDate,
    #[error("lies in the past")]
    InThePast,
    #[error("ends before it begins")]
    EndsBeforeStart,
    #[error("give from {0} to {1} choices, one per line")]
    Choices(usize, usize),
    #[error("not a unified social credit code")]
    BadCreditCode,
    /// The code's form is right but one character is probably mistyped.
    #[error("the check character does not match")]
    CreditCodeCheck,
    #[error("not an amount of money in yuan")]
    BadAmount,
    #[error("the total exceeds the budget cap")]
    OverBudget,
    /// Two options were given the same rank.
    #[error("each rank may be given only once")]
    RankedTwice,
    /// The weights add up to this instead of 100.
    #[error("the weights add up to {0}, not 100")]
    WeightsSum(usize),
    /// This line (1-based) does not read `name | value`.
    #[error("line {0} should read: name | value")]
    BadLine(usize),
    /// Too early: the earliest time that works, in milliseconds since the
    /// epoch (so the message can name the date).
    #[error("must be at {0} or later")]
    NotBefore(i64),
    /// Staff may act only for verified residents of communities they serve.
    #[error("not a verified resident of a community you serve")]
    NotYourResident,
    /// A tally sheet is confirmed by someone other than who entered it.
    #[error("must be confirmed by a second person")]
    SecondPersonNeeded,
}

impl FieldError {
    /// A short stable code, for URLs that carry a form's errors back to it.
    pub fn code(self) -> String {
        match self {
            FieldError::Required => "required".into(),
            FieldError::TooShort(n) => format!("too_short_{n}"),
            FieldError::TooLong(n) => format!("too_long_{n}"),
            FieldError::NotALogin => "not_a_login".into(),
            FieldError::BadEmail => "bad_email".into(),
            FieldError::BadPhone => "bad_phone".into(),
            FieldError::ControlCharacters => "control_characters".into(),
            FieldError::CommonPassword => "common_password".into(),
            FieldError::RepeatedCharacter => "repeated_character".into(),
            FieldError::PasswordsDiffer => "passwords_differ".into(),
            FieldError::Taken => "taken".into(),
            FieldError::WrongPassword => "wrong_password".into(),
            FieldError::BadInvitation => "bad_invitation".into(),
            FieldError::InvitationUnusable => "invitation_unusable".into(),
            FieldError::NotInCommunity => "not_in_community".into(),
            FieldError::AlreadyRequested => "already_requested".into(),
            FieldError::NumberRange(a, b) => format!("number_range_{a}_{b}"),
            FieldError::LinkUnusable => "link_unusable".into(),
            FieldError::SentAlready => "sent_already".into(),
            FieldError::UnknownAccount => "unknown_account".into(),
            FieldError::BadScopeCode => "bad_scope_code".into(),
            FieldError::LimitReached(n) => format!("limit_reached_{n}"),
            FieldError::NotAChoice => "not_a_choice".into(),
            FieldError::WindowClosed => "window_closed".into(),
            FieldError::NotAPhoto => "not_a_photo".into(),
            FieldError::FileTooLarge(n) => format!("file_too_large_{n}"),
            FieldError::TooManyPixels(n) => format!("too_many_pixels_{n}"),
            FieldError::BadTime => "bad_time".into(),
            FieldError::BadDate => "bad_date".into(),
            FieldError::InThePast => "in_the_past".into(),
            FieldError::EndsBeforeStart => "ends_before_start".into(),
            FieldError::Choices(a, b) => format!("choices_{a}_{b}"),
            FieldError::BadCreditCode => "bad_credit_code".into(),
            FieldError::CreditCodeCheck => "credit_code_check".into(),
            FieldError::BadAmount => "bad_amount".into(),
            FieldError::OverBudget => "over_budget".into(),
            FieldError::RankedTwice => "ranked_twice".into(),
            FieldError::WeightsSum(n) => format!("weights_sum_{n}"),
            FieldError::BadLine(n) => format!("bad_line_{n}"),
            FieldError::NotBefore(at) => format!("not_before_{at}"),
            FieldError::NotYourResident => "not_your_resident".into(),
            FieldError::SecondPersonNeeded => "second_person_needed".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let simple = [
            FieldError::Required,
            FieldError::NotALogin,
            FieldError::BadEmail,
            FieldError::BadPhone,
            FieldError::ControlCharacters,
            FieldError::CommonPassword,
            FieldError::RepeatedCharacter,
            FieldError::PasswordsDiffer,
            FieldError::Taken,
            FieldError::WrongPassword,
            FieldError::BadInvitation,
            FieldError::InvitationUnusable,
            FieldError::NotInCommunity,
            FieldError::AlreadyRequested,
            FieldError::LinkUnusable,
            FieldError::SentAlready,
            FieldError::UnknownAccount,
            FieldError::BadScopeCode,
            FieldError::NotAChoice,
            FieldError::WindowClosed,
            FieldError::NotAPhoto,
            FieldError::BadTime,
            FieldError::BadDate,
            FieldError::InThePast,
            FieldError::EndsBeforeStart,
            FieldError::BadCreditCode,
            FieldError::CreditCodeCheck,
            FieldError::BadAmount,
            FieldError::OverBudget,
            FieldError::RankedTwice,
            FieldError::NotYourResident,
            FieldError::SecondPersonNeeded,
        ];
        if let Some(e) = simple.into_iter().find(|e| e.code() == code) {
            return Some(e);
        }
        let number = |prefix: &str| {
            code.strip_prefix(prefix)
                .and_then(|n| n.parse::<usize>().ok())
        };
        let pair = |prefix: &str, make: fn(usize, usize) -> FieldError| {
            let (a, b) = code.strip_prefix(prefix)?.split_once('_')?;
            Some(make(a.parse().ok()?, b.parse().ok()?))
        };
        let range = pair("number_range_", FieldError::NumberRange)
            .or_else(|| pair("choices_", FieldError::Choices));
        number("too_short_")
            .map(FieldError::TooShort)
            .or_else(|| number("too_long_").map(FieldError::TooLong))
            .or_else(|| number("limit_reached_").map(FieldError::LimitReached))
            .or_else(|| number("file_too_large_").map(FieldError::FileTooLarge))
            .or_else(|| number("too_many_pixels_").map(FieldError::TooManyPixels))
            .or_else(|| number("weights_sum_").map(FieldError::WeightsSum))
            .or_else(|| number("bad_line_").map(FieldError::BadLine))
            .or(range)
            .or_else(|| {
                // Milliseconds outgrow a 32-bit usize (the browser's).
                code.strip_prefix("not_before_")
                    .and_then(|n| n.parse::<i64>().ok())
                    .map(FieldError::NotBefore)
            })
    }
}

/// Field errors as `field:code` pairs joined by commas, and back. Unknown
/// pieces are dropped: the URL is input like any other.
pub fn encode_field_errors(errors: &[(String, FieldError)]) -> String {
    errors
        .iter()
        .map(|(field, e)| format!("{field}:{}", e.code()))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn decode_field_errors(s: &str) -> Vec<(String, FieldError)> {
    s.split(',')
        .filter_map(|pair| pair.split_once(':'))
        .filter(|(field, _)| {
            field.len() <= 32 && field.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
        .filter_map(|(field, code)| FieldError::from_code(code).map(|e| (field.to_owned(), e)))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountId(pub i64);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A lower-cased email address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        if s.chars().count() > Self::MAX {
            return Err(FieldError::TooLong(Self::MAX));
        }
        let (local, domain) = s.split_once('@').ok_or(FieldError::BadEmail)?;
        let well_formed = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if well_formed {
            Ok(Self(s))
        } else {
            Err(FieldError::BadEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A mainland China mobile number, kept as `+86` and 11 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Accepts spaces, dashes, full-width digits and a `+86` or `0086` prefix,
    /// as people write numbers in many ways.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let digits: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{3000}'))
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '＋' => '+',
                _ => c,
            })
            .collect();
        if digits.is_empty() {
            return Err(FieldError::Required);
        }
        let national = digits
            .strip_prefix("+86")
            .or_else(|| digits.strip_prefix("0086"))
            .unwrap_or(&digits);
        let valid = national.len() == 11
            && national.bytes().all(|b| b.is_ascii_digit())
            && national.starts_with('1')
            && matches!(national.as_bytes()[1], b'3'..=b'9');
        if valid {
            Ok(Self(format!("+86{national}")))
        } else {
            Err(FieldError::BadPhone)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number with all but the last four digits hidden, for screens.
    pub fn masked(&self) -> String {
        format!("1** **** {}", &self.0[self.0.len() - 4..])
    }
}

macro_rules! string_conversions {
    ($($t:ident),*) => {$(
        impl TryFrom<String> for $t {
            type Error = FieldError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
    )*};
}
string_conversions!(Email, Phone, DisplayName);

/// How a person signs in: an email address or a mobile number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Login {
    Email(Email),
    Phone(Phone),
}

impl Login {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        if s.contains('@') {
            return Email::parse(s).map(Login::Email);
        }
        Phone::parse(s)
            .map(Login::Phone)
            .map_err(|_| FieldError::NotALogin)
    }
}

/// The name shown beside what a person writes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX: usize = 30;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        text(input, 1, Self::MAX, false).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The one rule for text people type: trimmed, not empty, between `min`
/// and `max` characters, and no control characters (line breaks only
/// where `multiline`).
pub fn text(input: &str, min: usize, max: usize, multiline: bool) -> Result<String, FieldError> {
    let s = input.trim();
    let n = s.chars().count();
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if n == 0 {
        Err(FieldError::Required)
    } else if n < min {
        Err(FieldError::TooShort(min))
    } else if n > max {
        Err(FieldError::TooLong(max))
    } else if s.chars().any(|c| c.is_control() && !allowed(c)) {
        Err(FieldError::ControlCharacters)
    } else {
        Ok(s.to_owned())
    }
}

/// A new password that meets the rules: 8 to 128 characters, not a single
/// repeated character, not one of the passwords every attacker tries first.
/// Length matters more than symbols, so no symbol rules: elderly residents
/// can use a memorable phrase.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

/// Never printed, not even in debug output.
impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

const COMMON_PASSWORDS: [&str; 24] = [
    "12345678",
    "123456789",
    "1234567890",
    "87654321",
    "11223344",
    "12341234",
    "password",
    "password1",
    "passw0rd",
    "qwertyui",
    "qwerty123",
    "asdfghjk",
    "1q2w3e4r",
    "a1234567",
    "abc12345",
    "abcd1234",
    "aa123456",
    "iloveyou",
    "woaini1314",
    "5201314520",
    "88888888a",
    "admin123",
    "linli123",
    "12345678a",
];

impl Password {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let count = input.chars().count();
        if count == 0 {
            return Err(FieldError::Required);
        }
        if count < Self::MIN {
            return Err(FieldError::TooShort(Self::MIN));
        }
        if count > Self::MAX {
            return Err(FieldError::TooLong(Self::MAX));
        }
        let mut chars = input.chars();
        let first = chars.next();
        if chars.all(|c| Some(c) == first) {
            return Err(FieldError::RepeatedCharacter);
        }
        if COMMON_PASSWORDS.contains(&input.to_lowercase().as_str()) {
            return Err(FieldError::CommonPassword);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(
            Email::parse(" Li.Hua@Example.CN ").map(|e| e.0),
            Ok("li.hua@example.cn".into())
        );
        for bad in [
            "li",
            "li@",
            "@example.cn",
            "li@example",
            "li@@example.cn",
            "li hua@example.cn",
            "li@.cn",
        ] {
            assert_eq!(Email::parse(bad), Err(FieldError::BadEmail), "{bad}");
        }
        assert_eq!(Email::parse("  "), Err(FieldError::Required));
    }

    #[test]
    fn mobile_numbers_are_read_however_they_are_written() {
        for ok in [
            "13812345678",
            "138 1234 5678",
            "+86 138-1234-5678",
            "0086 13812345678",
            "１３８１２３４５６７８",
        ] {
            assert_eq!(
                Phone::parse(ok).map(|p| p.0),
                Ok("+8613812345678".into()),
                "{ok}"
            );
        }
        for bad in [
            "1381234567",
            "23812345678",
            "12812345678",
            "138123456789",
            "+1 2125551234",
        ] {
            assert_eq!(Phone::parse(bad), Err(FieldError::BadPhone), "{bad}");
        }
        assert_eq!(
            Phone::parse("13812345678").expect("valid").masked(),
            "1** **** 5678"
        );
    }

    #[test]
    fn a_login_is_an_email_or_a_phone() {
        assert!(matches!(
            Login::parse("wang@example.cn"),
            Ok(Login::Email(_))
        ));
        assert!(matches!(Login::parse("13912345678"), Ok(Login::Phone(_))));
        assert_eq!(Login::parse("wang"), Err(FieldError::NotALogin));
        assert_eq!(Login::parse("wang@x"), Err(FieldError::BadEmail));
        assert_eq!(Login::parse(""), Err(FieldError::Required));
    }

    #[test]
    fn password_rules() {
        assert!(Password::parse("lanterns by the river").is_ok());
        assert!(
            Password::parse("王阿姨家的小花猫").is_ok(),
            "eight Chinese characters are enough"
        );
        assert_eq!(Password::parse(""), Err(FieldError::Required));
        assert_eq!(Password::parse("short"), Err(FieldError::TooShort(8)));
        assert_eq!(
            Password::parse(&"x".repeat(129)),
            Err(FieldError::TooLong(128))
        );
        assert_eq!(
            Password::parse("aaaaaaaaaa"),
            Err(FieldError::RepeatedCharacter)
        );
        assert_eq!(
            Password::parse("Password1"),
            Err(FieldError::CommonPassword)
        );
        assert_eq!(
            format!("{:?}", Password::parse("secret words").expect("valid")),
            "Password(…)"
        );
    }

    #[test]
    fn display_names() {
        assert_eq!(
            DisplayName::parse(" 王阿姨 ").map(|n| n.0),
            Ok("王阿姨".into())
        );
        assert_eq!(DisplayName::parse(""), Err(FieldError::Required));
        assert_eq!(
            DisplayName::parse(&"名".repeat(31)),
            Err(FieldError::TooLong(30))
        );
        assert_eq!(
            DisplayName::parse("a\u{7}b"),
            Err(FieldError::ControlCharacters)
        );
    }
}

/// Field errors of one form, by field name, in the order of the form.
pub type FieldErrors = Vec<(String, FieldError)>;

/// A sign-up form as typed. Parsing gives every field's error at once, so
/// the person fixes them in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUpForm {
    pub display_name: String,
    pub login: String,
    pub password: String,
    pub confirm: String,
}

/// A sign-up that passed every rule.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub display_name: DisplayName,
    pub login: Login,
    pub password: Password,
}

impl SignUpForm {
    pub fn parse(&self) -> Result<NewAccount, FieldErrors> {
        let mut errors = FieldErrors::new();
        let display_name = DisplayName::parse(&self.display_name)
            .map_err(|e| errors.push(("display_name".into(), e)))
            .ok();
        let login = Login::parse(&self.login)
            .map_err(|e| errors.push(("login".into(), e)))
            .ok();
        let password = Password::parse(&self.password)
            .map_err(|e| errors.push(("password".into(), e)))
            .ok();
        if password.is_some() && self.password != self.confirm {
            errors.push(("confirm".into(), FieldError::PasswordsDiffer));
        }
        match (display_name, login, password) {
            (Some(display_name), Some(login), Some(password)) if errors.is_empty() => {
                Ok(NewAccount {
                    display_name,
                    login,
                    password,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The signed-in person as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Viewer {
    pub id: AccountId,
    pub display_name: String,
    pub grants: Vec<crate::role::Grant>,
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn field_errors_survive_a_round_trip_through_a_url() {
        let errors = vec![
            ("login".to_string(), FieldError::Taken),
            ("password".to_string(), FieldError::TooShort(8)),
            ("display_name".to_string(), FieldError::TooLong(30)),
        ];
        let encoded = encode_field_errors(&errors);
        assert_eq!(
            encoded,
            "login:taken,password:too_short_8,display_name:too_long_30"
        );
        assert_eq!(decode_field_errors(&encoded), errors);
        let timed = vec![
            ("starts_at".to_string(), FieldError::BadTime),
            ("ends_at".to_string(), FieldError::EndsBeforeStart),
            ("closes_at".to_string(), FieldError::InThePast),
            ("options".to_string(), FieldError::Choices(2, 10)),
            ("quorum".to_string(), FieldError::NumberRange(1, 100_000)),
            ("code".to_string(), FieldError::CreditCodeCheck),
            ("cap".to_string(), FieldError::BadAmount),
            ("lines".to_string(), FieldError::OverBudget),
            ("criteria".to_string(), FieldError::WeightsSum(90)),
            ("milestones".to_string(), FieldError::BadLine(3)),
        ];
        assert_eq!(decode_field_errors(&encode_field_errors(&timed)), timed);
        assert_eq!(
            decode_field_errors("login:nonsense,<script>:required,x"),
            vec![]
        );
    }

    #[test]
    fn a_sign_up_form_reports_every_field_at_once() {
        let form = SignUpForm {
            display_name: " ".into(),
            login: "nobody".into(),
            password: "short".into(),
            confirm: "other".into(),
        };
        let errors = form.parse().expect_err("invalid");
        assert_eq!(
            errors,
            vec![
                ("display_name".into(), FieldError::Required),
                ("login".into(), FieldError::NotALogin),
                ("password".into(), FieldError::TooShort(8)),
            ]
        );
        let mismatch = SignUpForm {
            display_name: "李华".into(),
            login: "13812345678".into(),
            password: "river lanterns".into(),
            confirm: "river lantern".into(),
        };
        assert_eq!(
            mismatch.parse().expect_err("differs"),
            vec![("confirm".into(), FieldError::PasswordsDiffer)]
        );
        let ok = SignUpForm {
            confirm: "river lanterns".into(),
            ..mismatch
        };
        assert!(ok.parse().is_ok());
    }
}

/// How a person hears of what they follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeChannel {
    Email,
    /// Short messages to the mobile number.
    Sms,
}

impl NoticeChannel {
    pub const ALL: [NoticeChannel; 2] = [NoticeChannel::Email, NoticeChannel::Sms];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeChannel::Email => "email",
            NoticeChannel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// How a person's deliberation messages reach them, and what they can
/// choose from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeSettings {
    /// One message a day rather than one per step.
    pub daily_digest: bool,
    pub channel: NoticeChannel,
    pub has_email: bool,
    pub has_phone: bool,
}
