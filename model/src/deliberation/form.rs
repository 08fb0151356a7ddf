//! What council members and residents type at each step, and the checked
//! values the server accepts. Every form keeps its fields as text, so a
//! form that fails comes back exactly as it was typed.

use serde::{Deserialize, Serialize};

use super::{DOTS_MAX, MajorityRule, Method, MethodKind, SCORE_MAX};
use crate::{
    account::{FieldError, FieldErrors},
    form::{Errors, future, pairs, whole},
    money::Fen,
    tree::{CommunityCode, GridCode},
};

fn text(input: &str, min: usize, max: usize) -> Result<String, FieldError> {
    crate::account::text(input, min, max, true)
}

fn line(input: &str, min: usize, max: usize) -> Result<String, FieldError> {
    crate::account::text(input, min, max, false)
}

/// Starting a deliberation: what it is about and how long topics are
/// collected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliberationForm {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// End of the collection window, as a `datetime-local` value.
    pub collect_until: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeliberation {
    pub community: CommunityCode,
    pub title: String,
    pub summary: String,
    pub collect_until: i64,
}

impl NewDeliberation {
    pub const TITLE_MAX: usize = 60;
    pub const SUMMARY_MAX: usize = 2000;
    /// Longest collection window, in days.
    pub const WINDOW_DAYS_MAX: i64 = 90;
}

impl DeliberationForm {
    pub fn parse(
        &self,
        community: &CommunityCode,
        now: i64,
    ) -> Result<NewDeliberation, FieldErrors> {
        let mut e = Errors::default();
        let title = e.check("title", line(&self.title, 4, NewDeliberation::TITLE_MAX));
        let summary = if self.summary.trim().is_empty() {
            Some(String::new())
        } else {
            e.check(
                "summary",
                text(&self.summary, 1, NewDeliberation::SUMMARY_MAX),
            )
        };
        let until = e.check("collect_until", collect_until(&self.collect_until, now));
        let value = (|| {
            Some(NewDeliberation {
                community: community.clone(),
                title: title?,
                summary: summary?,
                collect_until: until?,
            })
        })();
        e.finish(value)
    }
}

/// The end of topic collection: ahead of `now`, by at most
/// [`NewDeliberation::WINDOW_DAYS_MAX`] days.
pub fn collect_until(input: &str, now: i64) -> Result<i64, FieldError> {
    let until = future(input, now)?;
    if until > now + NewDeliberation::WINDOW_DAYS_MAX * super::DAY_MS {
        return Err(FieldError::NumberRange(
            1,
            NewDeliberation::WINDOW_DAYS_MAX as usize,
        ));
    }
    Ok(until)
}

/// A topic a resident proposes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicForm {
    pub title: String,
    pub description: String,
    /// Why it matters to the community.
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTopic {
    pub title: String,
    pub description: String,
    pub why: String,
}

impl TopicForm {
    pub fn parse(&self) -> Result<NewTopic, FieldErrors> {
        let mut e = Errors::default();
        let title = e.check("title", line(&self.title, 4, 60));
        let description = e.check("description", text(&self.description, 10, 2000));
        let why = e.check("why", text(&self.why, 4, 1000));
        let value = (|| {
            Some(NewTopic {
                title: title?,
                description: description?,
                why: why?,
            })
        })();
        e.finish(value)
    }
}

/// The council's decision on one topic, with the reason everyone sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "decision")]
pub enum Disposition {
    Select {
        reason: String,
    },
    /// Folded into another topic of the same deliberation.
    Merge {
        into: i64,
        reason: String,
    },
    Decline {
        reason: String,
    },
}

impl Disposition {
    /// From a form's `decision`, `into` and `reason` fields.
    pub fn parse(decision: &str, into: &str, reason: &str) -> Result<Disposition, FieldErrors> {
        let mut e = Errors::default();
        let reason = e.check("reason", text(reason, 4, 1000));
        let value = match decision {
            "select" => reason.map(|reason| Disposition::Select { reason }),
            "decline" => reason.map(|reason| Disposition::Decline { reason }),
            "merge" => {
                let into = e.check(
                    "into",
                    into.trim()
                        .parse::<i64>()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or(FieldError::NotAChoice),
                );
                (|| {
                    Some(Disposition::Merge {
                        into: into?,
                        reason: reason?,
                    })
                })()
            }
            _ => {
                e.push("decision", FieldError::NotAChoice);
                None
            }
        };
        e.finish(value)
    }

    pub fn reason(&self) -> &str {
        match self {
            Disposition::Select { reason }
            | Disposition::Merge { reason, .. }
            | Disposition::Decline { reason } => reason,
        }
    }

    pub fn state(&self) -> super::TopicState {
        match self {
            Disposition::Select { .. } => super::TopicState::Selected,
            Disposition::Merge { .. } => super::TopicState::Merged,
            Disposition::Decline { .. } => super::TopicState::Declined,
        }
    }
}

/// The form a consultation takes (会议、咨询、访谈、书面、网络协商).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsultationForm {
    Meeting,
    Consultation,
    Interview,
    Written,
    Online,
}

impl ConsultationForm {
    pub const ALL: [ConsultationForm; 5] = [
        ConsultationForm::Meeting,
        ConsultationForm::Consultation,
        ConsultationForm::Interview,
        ConsultationForm::Written,
        ConsultationForm::Online,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsultationForm::Meeting => "meeting",
            ConsultationForm::Consultation => "consultation",
            ConsultationForm::Interview => "interview",
            ConsultationForm::Written => "written",
            ConsultationForm::Online => "online",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Who takes part: the verified residents of the whole community or of
/// one grid. Named stakeholders are listed besides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind", content = "grid")]
pub enum Participants {
    Community,
    Grid(GridCode),
}

impl Participants {
    /// As stored and as a form's value: `community` or a grid code.
    pub fn as_value(&self) -> String {
        match self {
            Participants::Community => "community".into(),
            Participants::Grid(g) => g.to_string(),
        }
    }

    pub fn parse(s: &str, community: &CommunityCode) -> Option<Self> {
        match s.trim() {
            "community" | "" => Some(Participants::Community),
            code => GridCode::parse(code)
                .ok()
                .filter(|g| g.community() == *community)
                .map(Participants::Grid),
        }
    }
}

/// How, when and where the consultation happens, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArrangementForm {
    pub form: String,
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub participants: String,
    /// Named stakeholders, one per line (物业公司, 业委会…).
    #[serde(default)]
    pub stakeholders: String,
    #[serde(default)]
    pub materials: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Arrangement {
    pub form: ConsultationForm,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Where people meet; empty for a consultation held online.
    pub place: String,
    pub participants: Participants,
    pub stakeholders: Vec<String>,
    pub materials: String,
}

impl Arrangement {
    pub const STAKEHOLDERS_MAX: usize = 20;
}

impl ArrangementForm {
    pub fn parse(&self, community: &CommunityCode, now: i64) -> Result<Arrangement, FieldErrors> {
        let mut e = Errors::default();
        let form = e.check(
            "form",
            ConsultationForm::parse(self.form.trim()).ok_or(if self.form.trim().is_empty() {
                FieldError::Required
            } else {
                FieldError::NotAChoice
            }),
        );
        let starts = e.check("starts_at", future(&self.starts_at, now));
        let ends = e.check("ends_at", future(&self.ends_at, now));
        if let (Some(s), Some(t)) = (starts, ends)
            && t <= s
        {
            e.push("ends_at", FieldError::EndsBeforeStart);
        }
        let place = if form == Some(ConsultationForm::Online) && self.place.trim().is_empty() {
            Some(String::new())
        } else {
            e.check("place", line(&self.place, 2, 100))
        };
        let participants = e.check(
            "participants",
            Participants::parse(&self.participants, community).ok_or(FieldError::NotInCommunity),
        );
        let stakeholders: Vec<String> = self
            .stakeholders
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if stakeholders.len() > Arrangement::STAKEHOLDERS_MAX {
            e.push(
                "stakeholders",
                FieldError::LimitReached(Arrangement::STAKEHOLDERS_MAX),
            );
        }
        for s in &stakeholders {
            if let Err(err) = line(s, 2, 60) {
                e.push("stakeholders", err);
                break;
            }
        }
        let materials = if self.materials.trim().is_empty() {
            Some(String::new())
        } else {
            e.check("materials", text(&self.materials, 1, 4000))
        };
        let value = (|| {
            Some(Arrangement {
                form: form?,
                starts_at: starts?,
                ends_at: ends?,
                place: place?,
                participants: participants?,
                stakeholders,
                materials: materials?,
            })
        })();
        e.finish(value)
    }
}

impl Arrangement {
    /// The form filled in with this arrangement, for editing it.
    pub fn to_form(&self) -> ArrangementForm {
        ArrangementForm {
            form: self.form.as_str().into(),
            starts_at: crate::time::beijing_local(self.starts_at),
            ends_at: crate::time::beijing_local(self.ends_at),
            place: self.place.clone(),
            participants: self.participants.as_value(),
            stakeholders: self.stakeholders.join("\n"),
            materials: self.materials.clone(),
        }
    }
}

/// Short text: an objection or question on the notice, its answer, or a
/// statement in the consultation.
pub fn short_text(input: &str, max: usize) -> Result<String, FieldErrors> {
    text(input, 2, max).map_err(|e| vec![("body".to_owned(), e)])
}

/// Statements are short, as in Pol.is, so people read and vote on many.
pub const STATEMENT_MAX: usize = 140;
pub const OBJECTION_MAX: usize = 1000;

/// A resident's vote on a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    Agree,
    Disagree,
    Pass,
}

impl Vote {
    pub const ALL: [Vote; 3] = [Vote::Agree, Vote::Disagree, Vote::Pass];

    pub fn as_str(self) -> &'static str {
        match self {
            Vote::Agree => "agree",
            Vote::Disagree => "disagree",
            Vote::Pass => "pass",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// As stored and as clustered: agree 1, disagree −1, pass 0.
    pub fn value(self) -> i16 {
        match self {
            Vote::Agree => 1,
            Vote::Disagree => -1,
            Vote::Pass => 0,
        }
    }

    pub fn from_value(v: i64) -> Option<Self> {
        match v {
            1 => Some(Vote::Agree),
            -1 => Some(Vote::Disagree),
            0 => Some(Vote::Pass),
            _ => None,
        }
    }
}

/// A decision poll as the council types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollForm {
    pub question: String,
    /// One option per line; for a budget, `name | cost in yuan`.
    pub options: String,
    pub quorum: String,
    /// The majority rule of a one-choice or ranked poll.
    pub rule: String,
    pub closes_at: String,
    /// A [`MethodKind`] name; empty means a one-choice poll.
    #[serde(default)]
    pub method: String,
    /// The method's number: the minimum average of a score poll, the dots
    /// of a dot vote, the budget in yuan.
    #[serde(default)]
    pub threshold: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPoll {
    pub question: String,
    /// For a consent poll, the one proposal (the question itself).
    pub options: Vec<String>,
    /// Ballots needed for the poll to decide anything.
    pub quorum: u32,
    pub method: Method,
    pub closes_at: i64,
}

impl NewPoll {
    pub const OPTIONS_MIN: usize = 2;
    pub const OPTIONS_MAX: usize = 10;
    pub const QUORUM_MAX: usize = 100_000;
}

impl PollForm {
    pub fn parse(&self, now: i64) -> Result<NewPoll, FieldErrors> {
        let mut e = Errors::default();
        let question = e.check("question", line(&self.question, 4, 200));
        let kind = e.check(
            "method",
            match self.method.trim() {
                "" => Ok(MethodKind::Choice),
                m => MethodKind::parse(m).ok_or(FieldError::NotAChoice),
            },
        );
        let budget = kind == Some(MethodKind::Budget);
        let lines: Vec<&str> = self
            .options
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // A budget's options carry their costs after a bar.
        let mut costs = Vec::new();
        let mut options: Vec<String> = Vec::new();
        if budget {
            for (n, pair) in pairs(&self.options) {
                match pair.and_then(|(name, cost)| {
                    Fen::parse_yuan(cost)
                        .map(|c| (name, c))
                        .map_err(|_| FieldError::BadLine(n))
                }) {
                    Ok((name, cost)) => {
                        options.push(name.to_owned());
                        costs.push(cost);
                    }
                    Err(err) => e.push("options", err),
                }
            }
        } else {
            options = lines.iter().map(|l| (*l).to_owned()).collect();
        }
        let consent = kind == Some(MethodKind::Consent);
        if consent {
            options = question.iter().cloned().collect();
        } else {
            let mut unique = options.clone();
            unique.sort();
            unique.dedup();
            if !(NewPoll::OPTIONS_MIN..=NewPoll::OPTIONS_MAX).contains(&options.len())
                || unique.len() != options.len()
            {
                e.push(
                    "options",
                    FieldError::Choices(NewPoll::OPTIONS_MIN, NewPoll::OPTIONS_MAX),
                );
            } else if let Some(err) = options.iter().find_map(|o| line(o, 1, 100).err()) {
                e.push("options", err);
            }
        }
        let quorum = e.check(
            "quorum",
            self.quorum
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|q| (1..=NewPoll::QUORUM_MAX as u32).contains(q))
                .ok_or(FieldError::NumberRange(1, NewPoll::QUORUM_MAX)),
        );
        let rule = || MajorityRule::parse(self.rule.trim()).ok_or(FieldError::NotAChoice);
        let number = |min: u32, max: u32| {
            whole(&self.threshold, min, max).and_then(|n| n.ok_or(FieldError::Required))
        };
        let method = match kind {
            None => None,
            Some(MethodKind::Choice) => e.check("rule", rule()).map(|rule| Method::Choice { rule }),
            Some(MethodKind::Ranked) => e.check("rule", rule()).map(|rule| Method::Ranked { rule }),
            Some(MethodKind::Consent) => Some(Method::Consent),
            Some(MethodKind::MeetingTime) => Some(Method::MeetingTime),
            Some(MethodKind::Score) => {
                let min =
                    whole(&self.threshold, 0, u32::from(SCORE_MAX)).map(Option::unwrap_or_default);
                e.check("threshold", min).map(|m| Method::Score {
                    min_average: m as u8,
                })
            }
            Some(MethodKind::Dots) => e
                .check("threshold", number(1, u32::from(DOTS_MAX)))
                .map(|d| Method::Dots { dots: d as u8 }),
            Some(MethodKind::Budget) => {
                let total = e.check("threshold", Fen::parse_yuan(&self.threshold));
                if let Some(total) = total
                    && costs.iter().any(|c| *c > total)
                {
                    e.push("options", FieldError::OverBudget);
                }
                total.map(|budget| Method::Budget {
                    budget,
                    costs: costs.clone(),
                })
            }
        };
        let closes_at = e.check("closes_at", future(&self.closes_at, now));
        let value = (|| {
            Some(NewPoll {
                question: question?,
                options: options.clone(),
                quorum: quorum?,
                method: method?,
                closes_at: closes_at?,
            })
        })();
        e.finish(value)
    }
}

/// The minutes of the consultation, as the council records them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinutesForm {
    /// Who took part (names, or how many residents and which bodies).
    pub attendance: String,
    /// The main arguments for and against.
    pub arguments: String,
    /// What the consultation came to.
    pub result: String,
    /// The decision, in the words it will be carried out by.
    pub decision: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Minutes {
    pub attendance: String,
    pub arguments: String,
    pub result: String,
    pub decision: String,
}

impl MinutesForm {
    pub fn parse(&self) -> Result<Minutes, FieldErrors> {
        let mut e = Errors::default();
        let attendance = e.check("attendance", text(&self.attendance, 2, 2000));
        let arguments = e.check("arguments", text(&self.arguments, 4, 8000));
        let result = e.check("result", text(&self.result, 2, 2000));
        let decision = e.check("decision", text(&self.decision, 4, 4000));
        let value = (|| {
            Some(Minutes {
                attendance: attendance?,
                arguments: arguments?,
                result: result?,
                decision: decision?,
            })
        })();
        e.finish(value)
    }
}

impl Minutes {
    pub fn to_form(&self) -> MinutesForm {
        MinutesForm {
            attendance: self.attendance.clone(),
            arguments: self.arguments.clone(),
            result: self.result.clone(),
            decision: self.decision.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_140_000_000; // 2026-11-20 10:00 Beijing

    fn community() -> CommunityCode {
        CommunityCode::parse("33020310100112101").expect("valid")
    }

    #[test]
    fn a_deliberation_needs_a_future_window_of_at_most_ninety_days() {
        let form = DeliberationForm {
            title: "  小区停车位怎么分  ".into(),
            summary: String::new(),
            collect_until: "2026-12-01T18:00".into(),
        };
        let d = form.parse(&community(), NOW).expect("valid");
        assert_eq!(d.title, "小区停车位怎么分");
        assert_eq!(
            d.collect_until,
            NOW + 11 * super::super::DAY_MS + 8 * 3_600_000
        );
        let past = DeliberationForm {
            collect_until: "2026-11-19T18:00".into(),
            ..form.clone()
        };
        assert_eq!(
            past.parse(&community(), NOW),
            Err(vec![("collect_until".into(), FieldError::InThePast)])
        );
        let far = DeliberationForm {
            collect_until: "2027-06-01T18:00".into(),
            ..form.clone()
        };
        assert_eq!(
            far.parse(&community(), NOW),
            Err(vec![(
                "collect_until".into(),
                FieldError::NumberRange(1, 90)
            )])
        );
        let garbled = DeliberationForm {
            title: "x".into(),
            collect_until: "next week".into(),
            ..form
        };
        assert_eq!(
            garbled.parse(&community(), NOW),
            Err(vec![
                ("title".into(), FieldError::TooShort(4)),
                ("collect_until".into(), FieldError::BadTime),
            ])
        );
    }

    #[test]
    fn every_disposition_carries_a_reason() {
        assert_eq!(
            Disposition::parse("select", "", "居民反映最多"),
            Ok(Disposition::Select {
                reason: "居民反映最多".into()
            })
        );
        assert_eq!(
            Disposition::parse("decline", "", ""),
            Err(vec![("reason".into(), FieldError::Required)])
        );
        assert_eq!(
            Disposition::parse("merge", "x", "与 3 号议题相同"),
            Err(vec![("into".into(), FieldError::NotAChoice)])
        );
        assert_eq!(
            Disposition::parse("merge", "3", "与 3 号议题相同").map(|d| d.state()),
            Ok(super::super::TopicState::Merged)
        );
        assert!(Disposition::parse("approve", "", "理由充分").is_err());
    }

    #[test]
    fn an_arrangement_keeps_its_times_in_order_and_its_grid_in_the_community() {
        let form = ArrangementForm {
            form: "meeting".into(),
            starts_at: "2026-12-05T19:00".into(),
            ends_at: "2026-12-05T21:00".into(),
            place: "社区党群服务中心二楼会议室".into(),
            participants: "33020310100112101001".into(),
            stakeholders: "物业公司\n\n业主委员会\n".into(),
            materials: String::new(),
        };
        let a = form.parse(&community(), NOW).expect("valid");
        assert_eq!(a.stakeholders, vec!["物业公司", "业主委员会"]);
        assert!(matches!(a.participants, Participants::Grid(_)));
        assert_eq!(a.to_form().parse(&community(), NOW), Ok(a));
        let wrong = ArrangementForm {
            ends_at: "2026-12-05T18:00".into(),
            participants: "33020520100224301001".into(),
            place: String::new(),
            ..form.clone()
        };
        assert_eq!(
            wrong.parse(&community(), NOW),
            Err(vec![
                ("ends_at".into(), FieldError::EndsBeforeStart),
                ("place".into(), FieldError::Required),
                ("participants".into(), FieldError::NotInCommunity),
            ])
        );
        let online = ArrangementForm {
            form: "online".into(),
            place: String::new(),
            ..form
        };
        assert!(
            online.parse(&community(), NOW).is_ok(),
            "online needs no room"
        );
    }

    #[test]
    fn a_poll_states_its_options_quorum_and_rule() {
        let form = PollForm {
            question: "是否同意在 3 号楼北侧加装充电桩？".into(),
            options: "同意\n不同意\n".into(),
            quorum: "30".into(),
            rule: "two_thirds".into(),
            closes_at: "2026-12-10T20:00".into(),
            ..PollForm::default()
        };
        let p = form.parse(NOW).expect("valid");
        assert_eq!(p.options, vec!["同意", "不同意"]);
        assert_eq!(
            (p.quorum, p.method),
            (
                30,
                Method::Choice {
                    rule: MajorityRule::TwoThirds
                }
            )
        );
        let bad = PollForm {
            options: "同意\n同意".into(),
            quorum: "0".into(),
            rule: "most".into(),
            ..form
        };
        assert_eq!(
            bad.parse(NOW),
            Err(vec![
                ("options".into(), FieldError::Choices(2, 10)),
                ("quorum".into(), FieldError::NumberRange(1, 100_000)),
                ("rule".into(), FieldError::NotAChoice),
            ])
        );
    }

    #[test]
    fn each_method_states_its_threshold_in_advance() {
        let form = |method: &str, options: &str, threshold: &str| PollForm {
            question: "明年微实事资金怎么分？".into(),
            options: options.into(),
            quorum: "20".into(),
            rule: "simple".into(),
            closes_at: "2026-12-10T20:00".into(),
            method: method.into(),
            threshold: threshold.into(),
        };
        let fen = |y: i64| Fen::new(y * 100).expect("fen");
        let budget = form(
            "budget",
            "加装扶手 | 30000\n楼道照明 | 12,000元\n儿童滑梯 | 50000",
            "60000",
        );
        let p = budget.parse(NOW).expect("valid");
        assert_eq!(p.options, vec!["加装扶手", "楼道照明", "儿童滑梯"]);
        assert_eq!(
            p.method,
            Method::Budget {
                budget: fen(60000),
                costs: vec![fen(30000), fen(12000), fen(50000)]
            }
        );
        let dear = form("budget", "加装扶手 | 30000\n整栋外墙 | 90000", "60000");
        assert_eq!(
            dear.parse(NOW).map(|_| ()),
            Err(vec![("options".into(), FieldError::OverBudget)])
        );
        let no_cost = form("budget", "加装扶手\n楼道照明 | 1", "60000");
        assert_eq!(
            no_cost.parse(NOW).map(|_| ()),
            Err(vec![
                ("options".into(), FieldError::BadLine(1)),
                ("options".into(), FieldError::Choices(2, 10))
            ])
        );
        assert_eq!(
            form("dots", "甲\n乙", "5").parse(NOW).map(|p| p.method),
            Ok(Method::Dots { dots: 5 })
        );
        assert_eq!(
            form("dots", "甲\n乙", "").parse(NOW).map(|_| ()),
            Err(vec![("threshold".into(), FieldError::Required)])
        );
        assert_eq!(
            form("score", "甲\n乙", "").parse(NOW).map(|p| p.method),
            Ok(Method::Score { min_average: 0 })
        );
        assert_eq!(
            form("score", "甲\n乙", "6").parse(NOW).map(|_| ()),
            Err(vec![("threshold".into(), FieldError::NumberRange(0, 5))])
        );
        let consent = form("consent", "", "")
            .parse(NOW)
            .expect("a consent poll needs no options");
        assert_eq!(
            (consent.method, consent.options),
            (Method::Consent, vec!["明年微实事资金怎么分？".to_owned()])
        );
        assert_eq!(
            form("lottery", "甲\n乙", "").parse(NOW).map(|_| ()),
            Err(vec![("method".into(), FieldError::NotAChoice)])
        );
    }
}
