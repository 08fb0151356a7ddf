//! What each community sets for its matters: how many working days each
//! severity has, and which categories its residents can choose.

use serde::{Deserialize, Serialize};

use super::{Category, Severity};
use crate::{
    account::{FieldError, FieldErrors},
    accountability::RESPONSE_DAYS_MAX,
};

/// Longest handling deadline a community may set, in working days.
pub const DEADLINE_DAYS_MAX: u32 = 60;

/// A community's settings as shown to everyone (deadlines are public: a
/// resident should know how long a matter may take).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatterSettings {
    /// Working days to answer a new report (the response rate's window).
    pub response_days: u32,
    /// Supporters that oblige the council (a promise); `None` keeps the
    /// default, `promise_default`.
    #[serde(default)]
    pub promise_supporters: Option<u32>,
    #[serde(default)]
    pub promise_default: u32,
    pub deadlines: Vec<(Severity, u32)>,
    /// Every category, and whether this community offers it.
    pub categories: Vec<(Category, bool)>,
}

impl MatterSettings {
    pub fn offered(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|(_, on)| *on).map(|(c, _)| c)
    }
}

/// The settings form's field for a severity's deadline.
pub fn deadline_field(severity: Severity) -> String {
    format!("days_{}", severity.as_str())
}

/// Settings that passed every rule: the deadlines and the categories
/// switched off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChange {
    pub response_days: u32,
    /// `None`: the default threshold.
    pub promise_supporters: Option<u32>,
    pub deadlines: Vec<(Severity, u32)>,
    pub off: Vec<String>,
}

/// The settings form as sent: `days_<severity>` numbers and one `offer`
/// pair per ticked category. At least one category must stay offered.
pub fn parse_settings(
    pairs: &[(String, String)],
    known: &[Category],
) -> Result<SettingsChange, FieldErrors> {
    let mut errors: FieldErrors = Vec::new();
    let mut days_in = |field: String, max: u32| {
        let value = pairs
            .iter()
            .find(|(k, _)| *k == field)
            .map_or("", |(_, v)| v.trim());
        match value.parse::<u32>() {
            Ok(days) if (1..=max).contains(&days) => Some(days),
            _ => {
                errors.push((field, FieldError::NumberRange(1, max as usize)));
                None
            }
        }
    };
    let response_days = days_in("response_days".to_owned(), RESPONSE_DAYS_MAX);
    let deadlines: Vec<(Severity, u32)> = Severity::ALL
        .into_iter()
        .filter_map(|s| days_in(deadline_field(s), DEADLINE_DAYS_MAX).map(|d| (s, d)))
        .collect();
    // Empty keeps the default threshold.
    let promise = pairs
        .iter()
        .find(|(k, _)| k == "promise_supporters")
        .map_or("", |(_, v)| v.trim());
    let promise_supporters = if promise.is_empty() {
        Some(None)
    } else {
        match promise.parse::<u32>() {
            Ok(n) if (1..=crate::promise::THRESHOLD_MAX).contains(&n) => Some(Some(n)),
            _ => {
                errors.push((
                    "promise_supporters".to_owned(),
                    FieldError::NumberRange(1, crate::promise::THRESHOLD_MAX as usize),
                ));
                None
            }
        }
    };
    let offered: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "offer")
        .map(|(_, v)| v.as_str())
        .collect();
    if offered
        .iter()
        .any(|code| !known.iter().any(|c| c.code == *code))
    {
        errors.push(("offer".into(), FieldError::NotAChoice));
    } else if offered.is_empty() {
        errors.push(("offer".into(), FieldError::Required));
    }
    let off = known
        .iter()
        .filter(|c| !offered.contains(&c.code.as_str()))
        .map(|c| c.code.clone())
        .collect();
    match (response_days, promise_supporters) {
        (Some(response_days), Some(promise_supporters)) if errors.is_empty() => {
            Ok(SettingsChange {
                response_days,
                promise_supporters,
                deadlines,
                off,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LocalName;

    fn known() -> Vec<Category> {
        ["noise", "parking"]
            .into_iter()
            .map(|code| Category {
                code: code.into(),
                group: "g".into(),
                name: LocalName::new(code, code),
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn settings_parse_to_deadlines_and_categories_switched_off() {
        let SettingsChange {
            response_days,
            promise_supporters,
            deadlines,
            off,
        } = parse_settings(
            &pairs(&[
                ("response_days", "2"),
                ("promise_supporters", ""),
                ("days_minor", "1"),
                ("days_general", " 3 "),
                ("days_larger", "10"),
                ("days_major", "60"),
                ("offer", "noise"),
            ]),
            &known(),
        )
        .expect("valid");
        assert_eq!(
            deadlines.iter().map(|(_, d)| *d).collect::<Vec<_>>(),
            [1, 3, 10, 60]
        );
        assert_eq!(off, ["parking"]);
        assert_eq!((response_days, promise_supporters), (2, None));
        let own = parse_settings(
            &pairs(&[
                ("response_days", "1"),
                ("promise_supporters", "80"),
                ("days_minor", "2"),
                ("days_general", "5"),
                ("days_larger", "10"),
                ("days_major", "15"),
                ("offer", "noise"),
            ]),
            &known(),
        )
        .expect("valid");
        assert_eq!(own.promise_supporters, Some(80));
    }

    #[test]
    fn every_bad_setting_is_named() {
        let errors = parse_settings(
            &pairs(&[
                ("response_days", "11"),
                ("promise_supporters", "0"),
                ("days_minor", "0"),
                ("days_general", "five"),
                ("days_larger", "61"),
                ("offer", "flying_saucers"),
            ]),
            &known(),
        )
        .expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "response_days",
                "days_minor",
                "days_general",
                "days_larger",
                "days_major",
                "promise_supporters",
                "offer"
            ]
        );
        let none_offered = parse_settings(
            &pairs(&[
                ("response_days", "1"),
                ("days_minor", "2"),
                ("days_general", "5"),
                ("days_larger", "10"),
                ("days_major", "15"),
            ]),
            &known(),
        )
        .expect_err("one category needed");
        assert_eq!(none_offered, vec![("offer".into(), FieldError::Required)]);
    }
}
