//! An organisation as it registers, as staff verify it and as the public
//! sees it.

use serde::{Deserialize, Serialize};

use super::{CreditCode, CreditCodeError};
use crate::{
    account::{FieldError, FieldErrors, Phone, text},
    form::Errors,
    money::Fen,
    role::Scope,
    tree::{CommunityCode, StreetCode},
};

/// Streets or communities an organisation works in; staff over any of them
/// may verify it.
pub const AREAS_MAX: usize = 10;

/// Where an organisation offers its services.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ServiceArea {
    Street(StreetCode),
    Community(CommunityCode),
}

impl ServiceArea {
    /// A 9-digit street code or a 17-digit community code.
    pub fn parse(input: &str) -> Option<ServiceArea> {
        let s = input.trim();
        match s.len() {
            9 => StreetCode::parse(s).ok().map(ServiceArea::Street),
            17 => CommunityCode::parse(s).ok().map(ServiceArea::Community),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ServiceArea::Street(s) => s.as_str(),
            ServiceArea::Community(c) => c.as_str(),
        }
    }

    pub fn scope(&self) -> Scope {
        match self {
            ServiceArea::Street(s) => Scope::Street(s.clone()),
            ServiceArea::Community(c) => Scope::Community(c.clone()),
        }
    }

    /// Whether a project of `community` lies in this area.
    pub fn covers(&self, community: &CommunityCode) -> bool {
        community.as_str().starts_with(self.as_str())
    }
}

/// Where an organisation stands with the staff who check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganisationStatus {
    Pending,
    Verified,
    Rejected,
}

impl OrganisationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationStatus::Pending => "pending",
            OrganisationStatus::Verified => "verified",
            OrganisationStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Verified, Self::Rejected]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// The registration form, kept as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationForm {
    pub name: String,
    pub credit_code: String,
    pub legal_rep: String,
    pub phone: String,
    /// Street or community codes, separated by spaces, commas or lines.
    pub areas: String,
    pub description: String,
    /// The documents the organisation holds, one per line (registration
    /// certificate, charter, annual inspection, ...), for staff to check.
    pub documents: String,
}

/// A registration that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    pub name: String,
    pub credit_code: CreditCode,
    pub legal_rep: String,
    pub phone: Phone,
    pub areas: Vec<ServiceArea>,
    pub description: String,
    pub documents: String,
}

fn credit_code(input: &str) -> Result<CreditCode, FieldError> {
    CreditCode::parse(input).map_err(|e| match e {
        CreditCodeError::Empty => FieldError::Required,
        CreditCodeError::CheckMismatch { .. } => FieldError::CreditCodeCheck,
        _ => FieldError::BadCreditCode,
    })
}

/// Area codes separated by spaces, commas or lines; at least one.
pub fn parse_areas(input: &str) -> Result<Vec<ServiceArea>, FieldError> {
    let mut areas = Vec::new();
    for piece in input
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .filter(|p| !p.is_empty())
    {
        let area = ServiceArea::parse(piece).ok_or(FieldError::BadScopeCode)?;
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    match areas.len() {
        0 => Err(FieldError::Required),
        n if n > AREAS_MAX => Err(FieldError::LimitReached(AREAS_MAX)),
        _ => Ok(areas),
    }
}

impl OrganisationForm {
    pub fn parse(&self) -> Result<NewOrganisation, FieldErrors> {
        let mut e = Errors::default();
        let name = e.check("name", text(&self.name, 4, 60, false));
        let code = e.check("credit_code", credit_code(&self.credit_code));
        let legal_rep = e.check("legal_rep", text(&self.legal_rep, 2, 30, false));
        let phone = e.check("phone", Phone::parse(&self.phone));
        let areas = e.check("areas", parse_areas(&self.areas));
        let description = e.check("description", text(&self.description, 20, 2000, true));
        let documents = e.check("documents", text(&self.documents, 2, 1000, true));
        let value = (|| {
            Some(NewOrganisation {
                name: name?,
                credit_code: code?,
                legal_rep: legal_rep?,
                phone: phone?,
                areas: areas?,
                description: description?,
                documents: documents?,
            })
        })();
        e.finish(value)
    }
}

/// What anyone sees of an organisation; `contact` is filled only for staff
/// who may verify it and for its own members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationView {
    pub id: i64,
    pub name: String,
    pub credit_code: CreditCode,
    pub legal_rep: String,
    pub areas: Vec<String>,
    pub description: String,
    pub status: OrganisationStatus,
    /// Why staff refused it, shown to its members.
    pub reason: Option<String>,
    pub registered_at: i64,
    pub verified_at: Option<i64>,
    pub contact: Option<OrganisationContact>,
    pub record: TrackRecord,
}

/// Kept from the public: how staff reach the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationContact {
    pub phone: String,
    pub documents: String,
}

/// What an organisation has delivered: evaluators see it on later bids.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackRecord {
    pub delivered: u32,
    /// Residents' ratings of its delivered projects.
    pub ratings: u32,
    /// Mean of those ratings in hundredths (412 is 4.12); `None` when
    /// fewer than the anonymity floor rated.
    pub mean_rating: Option<u32>,
    pub delivered_projects: Vec<DeliveredProject>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveredProject {
    pub id: i64,
    pub title: String,
    pub budget: Fen,
    /// As [`TrackRecord::mean_rating`], for this project.
    pub mean_rating: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrganisationForm {
        OrganisationForm {
            name: "阳光社工服务社".into(),
            credit_code: "52330203MJ98765436".into(),
            legal_rep: "王阳".into(),
            phone: "138 1234 5678".into(),
            areas: "330203101".into(),
            description: "专注社区养老和青少年服务的社会工作服务机构，持证社工 12 名。".into(),
            documents: "民办非企业单位登记证书\n章程".into(),
        }
    }

    #[test]
    fn every_mistake_is_reported_beside_its_field() {
        let mut f = form();
        f.credit_code = "91330203MA2GQ1X4X".into();
        f.areas = "3302 abc".into();
        f.phone = "12".into();
        let errors = f.parse().expect_err("bad");
        let fields: Vec<&str> = errors.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(fields, ["credit_code", "phone", "areas"]);
        assert_eq!(errors[2].1, FieldError::BadScopeCode);
    }

    #[test]
    fn a_mistyped_check_character_is_named_as_such() {
        assert!(form().parse().is_ok());
        // The valid code above with its last character changed.
        assert_eq!(
            credit_code("52330203MJ98765437"),
            Err(FieldError::CreditCodeCheck)
        );
        assert_eq!(credit_code(""), Err(FieldError::Required));
        assert_eq!(credit_code("ABC"), Err(FieldError::BadCreditCode));
    }

    #[test]
    fn areas_are_streets_or_communities_without_repeats() {
        let areas = parse_areas("330203101，33020310100112101 330203101").expect("ok");
        assert_eq!(areas.len(), 2);
        let community = CommunityCode::parse("33020310100112101").expect("valid");
        assert!(areas.iter().all(|a| a.covers(&community)));
        let far = CommunityCode::parse("33020520100224301").expect("valid");
        assert!(!areas[0].covers(&far));
        assert_eq!(parse_areas(" "), Err(FieldError::Required));
    }
}
