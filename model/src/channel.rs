//! How something reached Linli: typed by the resident online, or entered
//! by staff for a resident who came in person or phoned, or counted from
//! paper ballots. Residents without a smartphone take part through staff;
//! every figure can be split by channel so nobody can say the online
//! numbers are the whole story.

use serde::{Deserialize, Serialize};

use crate::{
    Lang,
    account::{FieldError, FieldErrors, Login},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The resident, signed in themselves.
    Online,
    /// Staff at the counter, with the resident in front of them.
    InPerson,
    /// Staff, with the resident on the phone.
    Phone,
    /// A paper ballot, counted on a tally sheet two staff confirmed.
    Paper,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Online,
        Channel::InPerson,
        Channel::Phone,
        Channel::Paper,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::InPerson => "in_person",
            Channel::Phone => "phone",
            Channel::Paper => "paper",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Channel::Online, Lang::ZhCn) => "网上自助",
            (Channel::Online, Lang::En) => "Online, by themselves",
            (Channel::InPerson, Lang::ZhCn) => "到窗口由工作人员代办",
            (Channel::InPerson, Lang::En) => "In person, entered by staff",
            (Channel::Phone, Lang::ZhCn) => "打电话由工作人员代办",
            (Channel::Phone, Lang::En) => "By phone, entered by staff",
            (Channel::Paper, Lang::ZhCn) => "纸质选票",
            (Channel::Paper, Lang::En) => "Paper ballots",
        }
    }
}

/// The two ways staff act for a resident. A separate type, so "online" or
/// "paper" can never be recorded as something staff did for someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssistChannel {
    InPerson,
    Phone,
}

impl AssistChannel {
    pub fn channel(self) -> Channel {
        match self {
            AssistChannel::InPerson => Channel::InPerson,
            AssistChannel::Phone => Channel::Phone,
        }
    }

    pub fn parse(s: &str) -> Option<AssistChannel> {
        match Channel::parse(s)? {
            Channel::InPerson => Some(AssistChannel::InPerson),
            Channel::Phone => Some(AssistChannel::Phone),
            Channel::Online | Channel::Paper => None,
        }
    }
}

/// What staff type to start acting for a resident.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssistForm {
    /// The resident's mobile number or email, as they sign in.
    pub resident: String,
    pub channel: String,
}

impl AssistForm {
    pub const FIELDS: [&'static str; 2] = ["resident", "channel"];

    pub fn parse(&self) -> Result<(Login, AssistChannel), FieldErrors> {
        let login = Login::parse(&self.resident);
        let channel = AssistChannel::parse(self.channel.trim()).ok_or(if self.channel.is_empty() {
            FieldError::Required
        } else {
            FieldError::NotAChoice
        });
        match (login, channel) {
            (Ok(l), Ok(c)) => Ok((l, c)),
            (l, c) => Err([("resident", l.err()), ("channel", c.err())]
                .into_iter()
                .filter_map(|(f, e)| e.map(|e| (f.to_owned(), e)))
                .collect()),
        }
    }
}

/// Staff acting for a resident, as the header shows it on every page
/// until they stop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assisting {
    pub resident_name: String,
    /// The resident's community (code), where their report form is.
    pub community: Option<String>,
    pub channel: AssistChannel,
    pub since: i64,
}

/// One row of a figure split by channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelRow {
    pub channel: Channel,
    /// Matters filed, supports given, ballots cast…
    pub count: i64,
    /// Of those, how many are resolved or closed (matters only).
    pub done: i64,
    /// Ratings given and their sum (matters only).
    pub rated: i64,
    pub rating_sum: i64,
}

impl ChannelRow {
    /// The share done, in whole per cent; `None` when nothing came in.
    pub fn done_percent(&self) -> Option<i64> {
        (self.count > 0).then(|| (self.done * 100 + self.count / 2) / self.count)
    }

    /// The mean rating, one decimal; `None` without ratings.
    pub fn mean_rating(&self) -> Option<f64> {
        (self.rated > 0).then(|| (self.rating_sum * 10 / self.rated) as f64 / 10.0)
    }
}

/// Paper ballots of a one-choice poll, counted at the polling station.
/// Counts only once a second staff member has confirmed the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TallySheet {
    pub id: i64,
    /// Ballots per option, in the poll's order; empty while the poll is
    /// open, except to those who run it.
    pub counts: Vec<u32>,
    /// Spoiled or blank ballots: counted as turnout, not for any option.
    pub spoiled: u32,
    pub entered_by: String,
    pub entered_at: i64,
    /// Who confirmed it, when; `None` while it waits.
    pub confirmed: Option<(String, i64)>,
    /// Valid ballots on the sheet, kept when the counts are withheld.
    pub valid: u32,
}

/// What staff type from a tally sheet: one number per option, and the
/// spoiled ballots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TallyForm {
    pub counts: Vec<String>,
    pub spoiled: String,
}

/// Ballots on one sheet at most: a polling station's day.
pub const MAX_SHEET_BALLOTS: u32 = 5_000;

impl TallyForm {
    /// The counts, one per option; field errors name `count_<i>` or
    /// `spoiled`.
    pub fn parse(&self, options: usize) -> Result<(Vec<u32>, u32), FieldErrors> {
        let number = |s: &str| -> Result<u32, FieldError> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(0);
            }
            s.parse::<u32>()
                .ok()
                .filter(|n| *n <= MAX_SHEET_BALLOTS)
                .ok_or(FieldError::NumberRange(0, MAX_SHEET_BALLOTS as usize))
        };
        let mut errors = Vec::new();
        let mut counts = Vec::with_capacity(options);
        for i in 0..options {
            match number(self.counts.get(i).map_or("", String::as_str)) {
                Ok(n) => counts.push(n),
                Err(e) => errors.push((format!("count_{i}"), e)),
            }
        }
        let spoiled = number(&self.spoiled).unwrap_or_else(|e| {
            errors.push(("spoiled".to_owned(), e));
            0
        });
        if errors.is_empty() {
            let total = counts.iter().sum::<u32>() + spoiled;
            if total == 0 {
                errors.push(("count_0".to_owned(), FieldError::Required));
            } else if total > MAX_SHEET_BALLOTS {
                errors.push((
                    "spoiled".to_owned(),
                    FieldError::NumberRange(1, MAX_SHEET_BALLOTS as usize),
                ));
            }
        }
        if errors.is_empty() {
            Ok((counts, spoiled))
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_round_trip_and_staff_may_only_record_what_they_did() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        assert_eq!(AssistChannel::parse("phone"), Some(AssistChannel::Phone));
        assert_eq!(AssistChannel::parse("online"), None);
        assert_eq!(AssistChannel::parse("paper"), None);
    }

    #[test]
    fn an_assist_form_names_what_is_wrong_in_each_field() {
        let form = AssistForm {
            resident: "13800000001".into(),
            channel: "phone".into(),
        };
        assert!(matches!(
            form.parse(),
            Ok((Login::Phone(_), AssistChannel::Phone))
        ));
        let bad = AssistForm {
            resident: "王阿姨".into(),
            channel: "online".into(),
        };
        assert_eq!(
            bad.parse(),
            Err(vec![
                ("resident".to_owned(), FieldError::NotALogin),
                ("channel".to_owned(), FieldError::NotAChoice)
            ])
        );
    }

    #[test]
    fn a_tally_sheet_needs_whole_numbers_and_at_least_one_ballot() {
        let form = |counts: &[&str], spoiled: &str| TallyForm {
            counts: counts.iter().map(|s| (*s).to_owned()).collect(),
            spoiled: spoiled.to_owned(),
        };
        assert_eq!(
            form(&["12", " 3 ", ""], "1").parse(3),
            Ok((vec![12, 3, 0], 1))
        );
        assert_eq!(
            form(&["x", "-1"], "").parse(2),
            Err(vec![
                ("count_0".to_owned(), FieldError::NumberRange(0, 5_000)),
                ("count_1".to_owned(), FieldError::NumberRange(0, 5_000)),
            ])
        );
        assert_eq!(
            form(&["", ""], "0").parse(2),
            Err(vec![("count_0".to_owned(), FieldError::Required)])
        );
        assert_eq!(
            form(&["4000", "1001"], "").parse(2),
            Err(vec![(
                "spoiled".to_owned(),
                FieldError::NumberRange(1, 5_000)
            )])
        );
    }

    #[test]
    fn channel_figures_round_and_stay_empty_without_data() {
        let row = ChannelRow {
            channel: Channel::Phone,
            count: 3,
            done: 2,
            rated: 2,
            rating_sum: 9,
        };
        assert_eq!(row.done_percent(), Some(67));
        assert_eq!(row.mean_rating(), Some(4.5));
        let empty = ChannelRow {
            count: 0,
            done: 0,
            rated: 0,
            rating_sum: 0,
            ..row
        };
        assert_eq!((empty.done_percent(), empty.mean_rating()), (None, None));
    }
}
