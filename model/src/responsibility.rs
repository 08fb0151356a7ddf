//! Responsibilities (责任清单): the named people and bodies who answer for
//! each grid and each item of a community's list, with the work phone the
//! community posts for them. Many have no account here (the community
//! police officer, a building head), so a name is a name, not a login.

use serde::{Deserialize, Serialize};

use crate::{
    LocalName,
    account::{FieldError, FieldErrors, Phone, text},
    form::Errors,
    item::ItemKind,
    tree::{CommunityCode, GridCode},
};

/// The part a person plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    /// 网格长
    GridLeader,
    /// 专职网格员
    GridWorker,
    /// 社区民警
    Police,
    /// 楼栋长
    BuildingHead,
    /// 事项负责人: the person or office that answers for a list item.
    ItemLead,
}

impl Duty {
    pub const ALL: [Duty; 5] = [
        Duty::GridLeader,
        Duty::GridWorker,
        Duty::Police,
        Duty::BuildingHead,
        Duty::ItemLead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Duty::GridLeader => "grid_leader",
            Duty::GridWorker => "grid_worker",
            Duty::Police => "police",
            Duty::BuildingHead => "building_head",
            Duty::ItemLead => "item_lead",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Item leads answer for items; everyone else for a grid.
    pub fn for_items(self) -> bool {
        self == Duty::ItemLead
    }
}

/// What a person answers for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind", content = "key")]
pub enum Subject {
    Grid(GridCode),
    Item(i64),
}

/// The form staff fill in, kept as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ResponsibilityForm {
    pub duty: String,
    /// A grid code for grid duties, an item number for item leads.
    pub subject: String,
    pub name: String,
    /// The work phone the community posts; a landline or a mobile.
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResponsibility {
    pub duty: Duty,
    pub subject: Subject,
    pub name: String,
    pub phone: String,
}

/// A posted work phone: a mainland mobile, or a landline with its area code
/// (digits, spaces and hyphens).
pub fn work_phone(input: &str) -> Result<String, FieldError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(FieldError::Required);
    }
    if let Ok(mobile) = Phone::parse(s) {
        // Posted as people dial it at home: the 11 digits.
        return Ok(mobile.as_str().trim_start_matches("+86").to_owned());
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let landline = s.starts_with('0')
        && (10..=12).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' '));
    if landline {
        Ok(s.to_owned())
    } else {
        Err(FieldError::BadPhone)
    }
}

impl ResponsibilityForm {
    pub fn parse(&self) -> Result<NewResponsibility, FieldErrors> {
        let mut e = Errors::default();
        let duty = e.check(
            "duty",
            Duty::parse(self.duty.trim()).ok_or(FieldError::NotAChoice),
        );
        let subject = duty.and_then(|d| {
            let s = self.subject.trim();
            let parsed = if s.is_empty() {
                Err(FieldError::Required)
            } else if d.for_items() {
                s.trim_start_matches('#')
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(Subject::Item)
                    .ok_or(FieldError::NotAChoice)
            } else {
                GridCode::parse(s)
                    .map(Subject::Grid)
                    .map_err(|_| FieldError::BadScopeCode)
            };
            e.check("subject", parsed)
        });
        let name = e.check("name", text(&self.name, 2, 60, false));
        let phone = e.check("phone", work_phone(&self.phone));
        let value = (|| {
            Some(NewResponsibility {
                duty: duty?,
                subject: subject?,
                name: name?,
                phone: phone?,
            })
        })();
        e.finish(value)
    }
}

/// What a responsibility answers for, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SubjectView {
    Grid {
        code: GridCode,
        name: LocalName,
    },
    Item {
        id: i64,
        item_kind: ItemKind,
        title: LocalName,
    },
}

/// A line of the responsibilities list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponsibilityView {
    pub id: i64,
    pub community: CommunityCode,
    pub community_name: LocalName,
    pub subject: SubjectView,
    pub duty: Duty,
    pub name: String,
    pub phone: String,
}

/// One person's duty in a community with everything it covers: an officer
/// posted for every grid of a community is one card, not one per grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsibilityGroup {
    pub community: CommunityCode,
    pub community_name: LocalName,
    pub duty: Duty,
    pub name: String,
    pub phone: String,
    /// Each subject with the entry's id (what removing it names).
    pub subjects: Vec<(i64, SubjectView)>,
}

/// Merges neighbouring entries of the same person, duty, phone and
/// community, keeping the list's order.
pub fn group_responsibilities(entries: Vec<ResponsibilityView>) -> Vec<ResponsibilityGroup> {
    let mut groups: Vec<ResponsibilityGroup> = Vec::new();
    for r in entries {
        match groups.last_mut() {
            Some(g)
                if g.community == r.community
                    && g.duty == r.duty
                    && g.name == r.name
                    && g.phone == r.phone =>
            {
                g.subjects.push((r.id, r.subject));
            }
            _ => groups.push(ResponsibilityGroup {
                community: r.community,
                community_name: r.community_name,
                duty: r.duty,
                name: r.name,
                phone: r.phone,
                subjects: vec![(r.id, r.subject)],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(duty: &str, subject: &str, phone: &str) -> ResponsibilityForm {
        ResponsibilityForm {
            duty: duty.into(),
            subject: subject.into(),
            name: "李建国".into(),
            phone: phone.into(),
        }
    }

    #[test]
    fn posted_phones_are_mobiles_or_landlines_with_area_codes() {
        assert_eq!(work_phone("13800138000").as_deref(), Ok("13800138000"));
        assert_eq!(work_phone("0574-87654321").as_deref(), Ok("0574-87654321"));
        assert_eq!(work_phone("010 6512 3456").as_deref(), Ok("010 6512 3456"));
        assert_eq!(work_phone("87654321"), Err(FieldError::BadPhone));
        assert_eq!(work_phone("0574-8765x321"), Err(FieldError::BadPhone));
        assert_eq!(work_phone(" "), Err(FieldError::Required));
    }

    #[test]
    fn grid_duties_name_a_grid_and_item_leads_an_item() {
        let leader = form("grid_leader", "33020310100112101001", "13800138000");
        let grid = leader.parse().expect("valid").subject;
        assert!(matches!(grid, Subject::Grid(_)));
        let lead = form("item_lead", "#12", "0574-87654321");
        assert_eq!(lead.parse().expect("valid").subject, Subject::Item(12));
        let wrong = form("item_lead", "33020310100112101001", "0574-87654321");
        assert_eq!(
            wrong.parse().err(),
            Some(vec![("subject".to_owned(), FieldError::NotAChoice)])
        );
        let no_grid = form("police", "12", "0574-87654321");
        assert_eq!(
            no_grid.parse().err(),
            Some(vec![("subject".to_owned(), FieldError::BadScopeCode)])
        );
    }

    #[test]
    fn one_officer_for_many_grids_is_one_group() {
        let community = CommunityCode::parse("33020310100112101").expect("valid");
        let entry = |id: i64, grid: &str, name: &str| ResponsibilityView {
            id,
            community: community.clone(),
            community_name: LocalName::new("翠苑社区", "Cuiyuan Community"),
            subject: SubjectView::Grid {
                code: GridCode::parse(&format!("{community}{grid}")).expect("valid"),
                name: LocalName::new(format!("{grid}网格"), format!("Grid {grid}")),
            },
            duty: Duty::Police,
            name: name.into(),
            phone: "13800000000".into(),
        };
        let groups = group_responsibilities(vec![
            entry(1, "001", "王警官"),
            entry(2, "002", "王警官"),
            entry(3, "003", "李警官"),
            entry(4, "004", "王警官"),
        ]);
        let shape: Vec<(&str, Vec<i64>)> = groups
            .iter()
            .map(|g| {
                (
                    g.name.as_str(),
                    g.subjects.iter().map(|(id, _)| *id).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                ("王警官", vec![1, 2]),
                ("李警官", vec![3]),
                ("王警官", vec![4])
            ]
        );
    }
}
