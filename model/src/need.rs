//! Needs (需求清单): what residents of a community need, as staff record it
//! or as it came out of a resident's matter or a deliberation, with how many
//! residents it touches. Projects that name a need meet it; its status is
//! read from them, never kept beside them.

use serde::{Deserialize, Serialize};

use crate::{
    LocalName,
    account::{FieldError, FieldErrors, text},
    form::{Errors, whole},
    project::ProjectSummary,
    tree::CommunityCode,
};

/// More residents than any community holds: a typo, not a need.
pub const AFFECTED_MAX: u32 = 200_000;

/// What kind of need, for filters and for matching organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NeedCategory {
    Elderly,
    Children,
    Disability,
    Environment,
    Facilities,
    Safety,
    Culture,
    Employment,
    Other,
}

impl NeedCategory {
    pub const ALL: [NeedCategory; 9] = [
        NeedCategory::Elderly,
        NeedCategory::Children,
        NeedCategory::Disability,
        NeedCategory::Environment,
        NeedCategory::Facilities,
        NeedCategory::Safety,
        NeedCategory::Culture,
        NeedCategory::Employment,
        NeedCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NeedCategory::Elderly => "elderly",
            NeedCategory::Children => "children",
            NeedCategory::Disability => "disability",
            NeedCategory::Environment => "environment",
            NeedCategory::Facilities => "facilities",
            NeedCategory::Safety => "safety",
            NeedCategory::Culture => "culture",
            NeedCategory::Employment => "employment",
            NeedCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a need was heard. A need taken from a matter or a deliberation
/// links back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum NeedSource {
    /// Staff heard it (a visit, a survey, a phone call).
    Staff,
    Matter(i64),
    Deliberation(i64),
}

impl NeedSource {
    pub fn kind(self) -> &'static str {
        match self {
            NeedSource::Staff => "staff",
            NeedSource::Matter(_) => "matter",
            NeedSource::Deliberation(_) => "deliberation",
        }
    }

    pub fn id(self) -> Option<i64> {
        match self {
            NeedSource::Staff => None,
            NeedSource::Matter(id) | NeedSource::Deliberation(id) => Some(id),
        }
    }

    /// The stored pair back into a source; `None` for a pair no form writes.
    pub fn from_parts(kind: &str, id: Option<i64>) -> Option<Self> {
        match (kind, id) {
            ("staff", None) => Some(NeedSource::Staff),
            ("matter", Some(id)) => Some(NeedSource::Matter(id)),
            ("deliberation", Some(id)) => Some(NeedSource::Deliberation(id)),
            _ => None,
        }
    }

    /// Where the source can be read.
    pub fn href(self) -> Option<String> {
        match self {
            NeedSource::Staff => None,
            NeedSource::Matter(id) => Some(format!("/matters/{id}")),
            NeedSource::Deliberation(id) => Some(format!("/deliberations/{id}")),
        }
    }
}

/// How far the projects that name a need have got with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NeedStatus {
    /// No project takes it on yet.
    Open,
    /// A project is under way (its call, award or delivery).
    InHand,
    /// A project meeting it was delivered.
    Met,
}

impl NeedStatus {
    pub const ALL: [NeedStatus; 3] = [NeedStatus::Open, NeedStatus::InHand, NeedStatus::Met];

    pub fn as_str(self) -> &'static str {
        match self {
            NeedStatus::Open => "open",
            NeedStatus::InHand => "in_hand",
            NeedStatus::Met => "met",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The form staff fill in, kept as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NeedForm {
    pub title: String,
    pub detail: String,
    pub category: String,
    /// How many residents it touches; empty takes the source's own count.
    pub affected: String,
    /// `staff`, `matter` or `deliberation`.
    pub source: String,
    /// The matter's or the deliberation's number.
    pub source_id: String,
}

/// A need that passed every check the form can make; the service checks
/// that its source exists in the same community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNeed {
    pub title: String,
    pub detail: String,
    pub category: NeedCategory,
    pub affected: Option<u32>,
    pub source: NeedSource,
}

fn source(kind: &str, id: &str) -> Result<NeedSource, (&'static str, FieldError)> {
    let id = || {
        let digits = id.trim().trim_start_matches('#');
        match digits.parse::<i64>() {
            Ok(n) if n > 0 => Ok(n),
            _ if digits.is_empty() => Err(("source_id", FieldError::Required)),
            _ => Err(("source_id", FieldError::NumberRange(1, i64::MAX as usize))),
        }
    };
    match kind.trim() {
        "" | "staff" => Ok(NeedSource::Staff),
        "matter" => id().map(NeedSource::Matter),
        "deliberation" => id().map(NeedSource::Deliberation),
        _ => Err(("source", FieldError::NotAChoice)),
    }
}

impl NeedForm {
    pub fn parse(&self) -> Result<NewNeed, FieldErrors> {
        let mut e = Errors::default();
        let title = e.check("title", text(&self.title, 4, 80, false));
        let detail = e.check("detail", text(&self.detail, 10, 2000, true));
        let category = e.check(
            "category",
            NeedCategory::parse(self.category.trim()).ok_or(FieldError::NotAChoice),
        );
        let affected = e.check("affected", whole(&self.affected, 1, AFFECTED_MAX));
        let source = match source(&self.source, &self.source_id) {
            Ok(s) => Some(s),
            Err((field, error)) => {
                e.push(field, error);
                None
            }
        };
        if let (Some(None), Some(NeedSource::Staff)) = (affected, source) {
            e.push("affected", FieldError::Required);
        }
        let value = (|| {
            Some(NewNeed {
                title: title?,
                detail: detail?,
                category: category?,
                affected: affected?,
                source: source?,
            })
        })();
        e.finish(value)
    }
}

/// A line of the needs list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedSummary {
    pub id: i64,
    pub community: CommunityCode,
    pub community_name: LocalName,
    pub title: String,
    pub category: NeedCategory,
    pub affected: u32,
    pub source: NeedSource,
    pub status: NeedStatus,
    pub created_at: i64,
}

/// A need with what it came from and the projects that meet it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedDetail {
    pub summary: NeedSummary,
    pub detail: String,
    /// The title of the matter or deliberation it came from.
    pub source_title: Option<String>,
    pub projects: Vec<ProjectSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(source: &str, source_id: &str, affected: &str) -> NeedForm {
        NeedForm {
            title: "老年人助餐点".into(),
            detail: "小区里独居老人多，午饭没有着落，希望就近有助餐点。".into(),
            category: "elderly".into(),
            affected: affected.into(),
            source: source.into(),
            source_id: source_id.into(),
        }
    }

    fn fields(r: Result<NewNeed, FieldErrors>) -> Vec<(String, FieldError)> {
        r.err().unwrap_or_default()
    }

    #[test]
    fn a_need_from_a_matter_takes_its_count_when_none_is_given() {
        let need = form("matter", "#42", "").parse().expect("valid");
        assert_eq!(need.source, NeedSource::Matter(42));
        assert_eq!(need.affected, None);
        let need = form("deliberation", "7", "1,200").parse().expect("valid");
        assert_eq!(need.source, NeedSource::Deliberation(7));
        assert_eq!(need.affected, Some(1200));
    }

    #[test]
    fn a_need_staff_heard_says_how_many_it_touches() {
        assert_eq!(
            fields(form("staff", "", "").parse()),
            vec![("affected".to_owned(), FieldError::Required)]
        );
        assert_eq!(
            fields(form("staff", "", "0").parse()),
            vec![("affected".to_owned(), FieldError::NumberRange(1, 200_000))]
        );
    }

    #[test]
    fn every_mistake_is_named_beside_its_field() {
        let bad = NeedForm {
            title: "老".into(),
            category: "pets".into(),
            source: "matter".into(),
            ..NeedForm::default()
        };
        let names: Vec<String> = fields(bad.parse()).into_iter().map(|(f, _)| f).collect();
        assert_eq!(names, ["title", "detail", "category", "source_id"]);
        assert_eq!(
            fields(form("rumour", "", "3").parse()),
            vec![("source".to_owned(), FieldError::NotAChoice)]
        );
    }

    #[test]
    fn sources_round_trip_through_their_stored_parts() {
        for s in [
            NeedSource::Staff,
            NeedSource::Matter(3),
            NeedSource::Deliberation(9),
        ] {
            assert_eq!(NeedSource::from_parts(s.kind(), s.id()), Some(s));
        }
        assert_eq!(NeedSource::from_parts("matter", None), None);
        assert_eq!(NeedSource::from_parts("staff", Some(1)), None);
    }
}
