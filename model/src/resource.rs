//! Resources (资源清单): what a community can draw on to meet its needs —
//! venues, services, volunteer teams, organisations and funds. Each kind
//! carries its own facts, so a fund never has opening hours and a venue
//! always says whether a wheelchair gets in.

use serde::{Deserialize, Serialize};

use crate::{
    LocalName,
    account::{FieldError, FieldErrors, text},
    form::{Errors, whole},
    money::Fen,
    project::ProjectSummary,
    tree::CommunityCode,
};

/// Larger than any community building: a typo.
pub const AREA_MAX: u32 = 100_000;
pub const MEMBERS_MAX: u32 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Venue,
    Service,
    Volunteers,
    Organisation,
    Fund,
}

impl ResourceKind {
    pub const ALL: [ResourceKind; 5] = [
        ResourceKind::Venue,
        ResourceKind::Service,
        ResourceKind::Volunteers,
        ResourceKind::Organisation,
        ResourceKind::Fund,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Venue => "venue",
            ResourceKind::Service => "service",
            ResourceKind::Volunteers => "volunteers",
            ResourceKind::Organisation => "organisation",
            ResourceKind::Fund => "fund",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a resource of each kind has to say about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ResourceFacts {
    Venue {
        area_m2: u32,
        opening_hours: String,
        /// Step-free from the street to the room and to a toilet.
        accessible: bool,
        /// Residents and groups may book it.
        bookable: bool,
    },
    Service,
    Volunteers {
        members: u32,
    },
    /// A registered organisation, linked to its page when it is on Linli.
    Organisation {
        organisation: Option<i64>,
    },
    Fund {
        amount: Fen,
    },
}

/// A resource's facts as the flat, optional columns a table stores and a
/// spreadsheet shows; only those of its kind are set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactColumns<'a> {
    pub area_m2: Option<u32>,
    pub opening_hours: Option<&'a str>,
    pub accessible: Option<bool>,
    pub bookable: Option<bool>,
    pub members: Option<u32>,
    pub organisation: Option<i64>,
    pub amount: Option<Fen>,
}

impl ResourceFacts {
    pub fn columns(&self) -> FactColumns<'_> {
        match self {
            ResourceFacts::Venue {
                area_m2,
                opening_hours,
                accessible,
                bookable,
            } => FactColumns {
                area_m2: Some(*area_m2),
                opening_hours: Some(opening_hours),
                accessible: Some(*accessible),
                bookable: Some(*bookable),
                ..FactColumns::default()
            },
            ResourceFacts::Service => FactColumns::default(),
            ResourceFacts::Volunteers { members } => FactColumns {
                members: Some(*members),
                ..FactColumns::default()
            },
            ResourceFacts::Organisation { organisation } => FactColumns {
                organisation: *organisation,
                ..FactColumns::default()
            },
            ResourceFacts::Fund { amount } => FactColumns {
                amount: Some(*amount),
                ..FactColumns::default()
            },
        }
    }

    pub fn kind(&self) -> ResourceKind {
        match self {
            ResourceFacts::Venue { .. } => ResourceKind::Venue,
            ResourceFacts::Service => ResourceKind::Service,
            ResourceFacts::Volunteers { .. } => ResourceKind::Volunteers,
            ResourceFacts::Organisation { .. } => ResourceKind::Organisation,
            ResourceFacts::Fund { .. } => ResourceKind::Fund,
        }
    }
}

/// The form staff fill in, kept as typed; only the fields of the chosen
/// kind are read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ResourceForm {
    pub kind: String,
    pub name: String,
    pub detail: String,
    /// Who owns or runs it (a body, not a phone number).
    pub owner: String,
    /// How staff reach the owner; never shown to the public.
    pub contact: String,
    pub area_m2: String,
    pub opening_hours: String,
    /// Checkboxes: present (any value) when ticked.
    pub accessible: Option<String>,
    pub bookable: Option<String>,
    pub members: String,
    /// The organisation's number on Linli, if it has one.
    pub organisation: String,
    /// Yuan.
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResource {
    pub name: String,
    pub detail: String,
    pub owner: String,
    pub contact: String,
    pub facts: ResourceFacts,
}

fn required(r: Result<Option<u32>, FieldError>) -> Result<u32, FieldError> {
    r?.ok_or(FieldError::Required)
}

impl ResourceForm {
    fn facts(&self, kind: ResourceKind, e: &mut Errors) -> Option<ResourceFacts> {
        match kind {
            ResourceKind::Venue => {
                let area = e.check("area_m2", required(whole(&self.area_m2, 1, AREA_MAX)));
                let hours = e.check("opening_hours", text(&self.opening_hours, 2, 100, false));
                Some(ResourceFacts::Venue {
                    area_m2: area?,
                    opening_hours: hours?,
                    accessible: self.accessible.is_some(),
                    bookable: self.bookable.is_some(),
                })
            }
            ResourceKind::Service => Some(ResourceFacts::Service),
            ResourceKind::Volunteers => {
                let members = e.check("members", required(whole(&self.members, 1, MEMBERS_MAX)));
                Some(ResourceFacts::Volunteers { members: members? })
            }
            ResourceKind::Organisation => {
                let id = e.check("organisation", whole(&self.organisation, 1, u32::MAX));
                Some(ResourceFacts::Organisation {
                    organisation: id?.map(i64::from),
                })
            }
            ResourceKind::Fund => {
                let amount = e.check("amount", Fen::parse_yuan(&self.amount));
                Some(ResourceFacts::Fund { amount: amount? })
            }
        }
    }

    pub fn parse(&self) -> Result<NewResource, FieldErrors> {
        let mut e = Errors::default();
        let kind = e.check(
            "kind",
            ResourceKind::parse(self.kind.trim()).ok_or(FieldError::NotAChoice),
        );
        let name = e.check("name", text(&self.name, 2, 80, false));
        let detail = e.check("detail", text(&self.detail, 10, 2000, true));
        let owner = e.check("owner", text(&self.owner, 2, 80, false));
        let contact = e.check("contact", text(&self.contact, 5, 200, false));
        let facts = kind.and_then(|k| self.facts(k, &mut e));
        let value = (|| {
            Some(NewResource {
                name: name?,
                detail: detail?,
                owner: owner?,
                contact: contact?,
                facts: facts?,
            })
        })();
        e.finish(value)
    }
}

/// A line of the resources list: what the public may know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResourceSummary {
    pub id: i64,
    pub community: CommunityCode,
    pub community_name: LocalName,
    pub name: String,
    pub owner: String,
    pub facts: ResourceFacts,
}

/// A resource with the projects that use it; `contact` only for staff
/// over its community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResourceDetail {
    pub summary: ResourceSummary,
    pub detail: String,
    pub contact: Option<String>,
    pub projects: Vec<ProjectSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn venue() -> ResourceForm {
        ResourceForm {
            kind: "venue".into(),
            name: "党群服务中心多功能厅".into(),
            detail: "二楼，可容纳八十人，有投影和音响。".into(),
            owner: "社区居委会".into(),
            contact: "0574-8765 4321".into(),
            area_m2: "１,８００".into(),
            opening_hours: "周一至周六 8:30–20:30".into(),
            accessible: Some("on".into()),
            ..ResourceForm::default()
        }
    }

    #[test]
    fn a_venue_keeps_its_size_hours_and_access() {
        let r = venue().parse().expect("valid");
        assert_eq!(
            r.facts,
            ResourceFacts::Venue {
                area_m2: 1800,
                opening_hours: "周一至周六 8:30–20:30".into(),
                accessible: true,
                bookable: false,
            }
        );
        assert_eq!(r.facts.kind(), ResourceKind::Venue);
    }

    #[test]
    fn only_the_chosen_kinds_fields_are_read() {
        let fund = ResourceForm {
            kind: "fund".into(),
            amount: "50000".into(),
            area_m2: "not read".into(),
            ..venue()
        };
        assert_eq!(
            fund.parse().expect("valid").facts,
            ResourceFacts::Fund {
                amount: Fen::parse_yuan("50000").expect("yuan")
            }
        );
        let team = ResourceForm {
            kind: "volunteers".into(),
            ..venue()
        };
        assert_eq!(
            team.parse().err(),
            Some(vec![("members".to_owned(), FieldError::Required)])
        );
    }

    #[test]
    fn a_venue_without_size_or_hours_names_both() {
        let bad = ResourceForm {
            area_m2: String::new(),
            opening_hours: String::new(),
            ..venue()
        };
        let names: Vec<String> = bad
            .parse()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(names, ["area_m2", "opening_hours"]);
        let unknown = ResourceForm {
            kind: "castle".into(),
            ..venue()
        };
        assert_eq!(
            unknown.parse().err(),
            Some(vec![("kind".to_owned(), FieldError::NotAChoice)])
        );
    }
}
