//! Roles and the part of the tree each one acts in.
//!
//! Tree codes nest: a street's code begins with its district's, a
//! community's with its street's, a grid's with its community's. So "is this
//! inside my scope" is a prefix test, with no look-up.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::tree::{CodeError, CommunityCode, DistrictCode, GridCode, StreetCode};

/// What a person does in Linli. Each role belongs to one level of scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    Resident,
    CouncilMember,
    GridWorker,
    CommunityStaff,
    StreetOfficer,
    DistrictOfficer,
    OrganisationMember,
    PlatformAdmin,
}

/// The level of the tree (or the organisation) a role is granted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    Platform,
    District,
    Street,
    Community,
    Grid,
    Organisation,
}

impl ScopeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeKind::Platform => "platform",
            ScopeKind::District => "district",
            ScopeKind::Street => "street",
            ScopeKind::Community => "community",
            ScopeKind::Grid => "grid",
            ScopeKind::Organisation => "organisation",
        }
    }
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Resident,
        Role::CouncilMember,
        Role::GridWorker,
        Role::CommunityStaff,
        Role::StreetOfficer,
        Role::DistrictOfficer,
        Role::OrganisationMember,
        Role::PlatformAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::CouncilMember => "council_member",
            Role::GridWorker => "grid_worker",
            Role::CommunityStaff => "community_staff",
            Role::StreetOfficer => "street_officer",
            Role::DistrictOfficer => "district_officer",
            Role::OrganisationMember => "organisation_member",
            Role::PlatformAdmin => "platform_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::Resident | Role::CouncilMember | Role::CommunityStaff => ScopeKind::Community,
            Role::GridWorker => ScopeKind::Grid,
            Role::StreetOfficer => ScopeKind::Street,
            Role::DistrictOfficer => ScopeKind::District,
            Role::OrganisationMember => ScopeKind::Organisation,
            Role::PlatformAdmin => ScopeKind::Platform,
        }
    }

    /// Staff rank: who may hand out which roles. Residents, council members
    /// and organisation members are not staff.
    pub fn staff_rank(self) -> Option<u8> {
        match self {
            Role::GridWorker => Some(1),
            Role::CommunityStaff => Some(2),
            Role::StreetOfficer => Some(3),
            Role::DistrictOfficer => Some(4),
            Role::PlatformAdmin => Some(5),
            Role::Resident | Role::CouncilMember | Role::OrganisationMember => None,
        }
    }
}

/// Why an action was refused; safe to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Denied {
    #[error("sign in first")]
    SignInRequired,
    #[error("your roles do not allow this")]
    NotPermitted,
    #[error("this is outside your area")]
    OutOfScope,
    #[error("only verified residents of this community may do this")]
    NotVerified,
}

/// Where a role applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scope {
    Platform,
    District(DistrictCode),
    Street(StreetCode),
    Community(CommunityCode),
    Grid(GridCode),
    Organisation(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ScopeError {
    #[error("unknown scope kind {0:?}")]
    UnknownKind(String),
    #[error(transparent)]
    Code(#[from] CodeError),
    #[error("organisation ids are numbers")]
    BadOrganisation,
    #[error("{role:?} is granted at {expected:?} level, not {found:?}")]
    WrongLevel {
        role: Role,
        expected: ScopeKind,
        found: ScopeKind,
    },
}

impl Scope {
    pub fn kind(&self) -> ScopeKind {
        match self {
            Scope::Platform => ScopeKind::Platform,
            Scope::District(_) => ScopeKind::District,
            Scope::Street(_) => ScopeKind::Street,
            Scope::Community(_) => ScopeKind::Community,
            Scope::Grid(_) => ScopeKind::Grid,
            Scope::Organisation(_) => ScopeKind::Organisation,
        }
    }

    /// The code (or organisation id) stored beside the kind; empty for the platform.
    pub fn key(&self) -> String {
        match self {
            Scope::Platform => String::new(),
            Scope::District(c) => c.to_string(),
            Scope::Street(c) => c.to_string(),
            Scope::Community(c) => c.to_string(),
            Scope::Grid(c) => c.to_string(),
            Scope::Organisation(id) => id.to_string(),
        }
    }

    pub fn parse(kind: &str, key: &str) -> Result<Scope, ScopeError> {
        Ok(match kind {
            "platform" => Scope::Platform,
            "district" => Scope::District(DistrictCode::parse(key)?),
            "street" => Scope::Street(StreetCode::parse(key)?),
            "community" => Scope::Community(CommunityCode::parse(key)?),
            "grid" => Scope::Grid(GridCode::parse(key)?),
            "organisation" => {
                Scope::Organisation(key.parse().map_err(|_| ScopeError::BadOrganisation)?)
            }
            other => return Err(ScopeError::UnknownKind(other.to_owned())),
        })
    }

    /// Whether `other` lies inside this scope (a scope contains itself).
    pub fn contains(&self, other: &Scope) -> bool {
        match (self, other) {
            (Scope::Platform, _) => true,
            (Scope::Organisation(a), Scope::Organisation(b)) => a == b,
            (Scope::Organisation(_), _) | (_, Scope::Organisation(_)) | (_, Scope::Platform) => {
                false
            }
            (outer, inner) => inner.key().starts_with(&outer.key()),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Platform => f.write_str("platform"),
            other => write!(f, "{}:{}", other.kind().as_str(), other.key()),
        }
    }
}

/// A role in a scope of the right level; built only by `new`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Grant {
    role: Role,
    scope: Scope,
}

impl Grant {
    /// A grant as a form or an API call states it: a role's name and the
    /// code of the place it applies to (empty for the platform).
    pub fn from_input(role: &str, scope_code: &str) -> Option<Self> {
        let role = Role::parse(role)?;
        let scope = Scope::parse(role.scope_kind().as_str(), scope_code.trim()).ok()?;
        Grant::new(role, scope).ok()
    }

    pub fn new(role: Role, scope: Scope) -> Result<Self, ScopeError> {
        if role.scope_kind() != scope.kind() {
            return Err(ScopeError::WrongLevel {
                role,
                expected: role.scope_kind(),
                found: scope.kind(),
            });
        }
        Ok(Self { role, scope })
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn community() -> CommunityCode {
        CommunityCode::parse("33020310100112101").expect("valid")
    }

    #[test]
    fn scopes_nest_by_code_prefix() {
        let c = community();
        let grid = Scope::Grid(c.grid(3).expect("valid"));
        let street = Scope::Street(c.street());
        let district = Scope::District(c.district());
        let other_street = Scope::Street(StreetCode::parse("330203102").expect("valid"));
        assert!(Scope::Platform.contains(&grid));
        assert!(district.contains(&street));
        assert!(street.contains(&Scope::Community(c.clone())));
        assert!(street.contains(&grid));
        assert!(street.contains(&street));
        assert!(!other_street.contains(&grid));
        assert!(!grid.contains(&street), "inner never contains outer");
        assert!(!street.contains(&Scope::Platform));
        assert!(Scope::Organisation(7).contains(&Scope::Organisation(7)));
        assert!(!Scope::Organisation(7).contains(&Scope::Organisation(8)));
        assert!(!district.contains(&Scope::Organisation(7)));
    }

    #[test]
    fn scopes_round_trip_through_kind_and_key() {
        let c = community();
        for scope in [
            Scope::Platform,
            Scope::District(c.district()),
            Scope::Street(c.street()),
            Scope::Community(c.clone()),
            Scope::Grid(c.grid(12).expect("valid")),
            Scope::Organisation(42),
        ] {
            assert_eq!(
                Scope::parse(scope.kind().as_str(), &scope.key()),
                Ok(scope.clone())
            );
        }
        assert!(Scope::parse("galaxy", "1").is_err());
        assert!(Scope::parse("community", "123").is_err());
    }

    #[test]
    fn a_grant_needs_the_scope_of_its_role() {
        assert!(Grant::new(Role::CommunityStaff, Scope::Community(community())).is_ok());
        assert!(Grant::new(Role::GridWorker, Scope::Community(community())).is_err());
        assert!(Grant::new(Role::PlatformAdmin, Scope::Platform).is_ok());
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }
}

/// One audit-log entry as staff see it: who (by account id), what, where
/// and when; never personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditRecord {
    pub id: i64,
    pub actor: Option<i64>,
    pub action: String,
    pub target: String,
    pub scope_key: String,
    pub outcome: String,
    pub at: i64,
}
