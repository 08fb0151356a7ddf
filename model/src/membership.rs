//! Residents joining their community.

use serde::{Deserialize, Serialize};

use crate::{
    account::{FieldError, FieldErrors},
    tree::{CommunityCode, GridCode},
};

/// Where a membership request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MembershipStatus {
    Pending,
    Verified,
    Rejected,
}

impl MembershipStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MembershipStatus::Pending => "pending",
            MembershipStatus::Verified => "verified",
            MembershipStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Verified, Self::Rejected]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// A one-time invitation code as printed on a notice board: eight letters
/// and digits without the easily confused 0, O, 1, I and L, shown in two
/// groups of four. Typing is forgiving: case, spaces and dashes are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InvitationCode(String);

impl InvitationCode {
    pub const ALPHABET: &'static [u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    pub const LEN: usize = 8;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        if s.len() != Self::LEN || !s.bytes().all(|b| Self::ALPHABET.contains(&b)) {
            return Err(FieldError::BadInvitation);
        }
        Ok(Self(s))
    }

    /// Builds a code from random bytes, one character per byte.
    pub fn from_random(bytes: [u8; Self::LEN]) -> Self {
        Self(
            bytes
                .iter()
                .map(|b| char::from(Self::ALPHABET[usize::from(*b) % Self::ALPHABET.len()]))
                .collect(),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `ABCD-EFGH`, as printed.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..4], &self.0[4..])
    }
}

/// A join request as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinForm {
    pub grid: String,
    pub building: String,
    pub unit: String,
    pub room: String,
    pub invitation: String,
}

/// A join request that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    pub community: CommunityCode,
    pub grid: GridCode,
    pub building: String,
    pub unit: String,
    pub room: String,
    pub invitation: Option<InvitationCode>,
}

const ADDRESS_PART_MAX: usize = 20;

fn address_part(value: &str, required: bool) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() && required {
        return Err(FieldError::Required);
    }
    if v.chars().count() > ADDRESS_PART_MAX {
        return Err(FieldError::TooLong(ADDRESS_PART_MAX));
    }
    if v.chars().any(char::is_control) {
        return Err(FieldError::ControlCharacters);
    }
    Ok(v.to_owned())
}

impl JoinForm {
    pub fn parse(&self, community: &CommunityCode) -> Result<JoinRequest, FieldErrors> {
        let mut errors = FieldErrors::new();
        let grid = match GridCode::parse(&self.grid) {
            Ok(g) if &g.community() == community => Some(g),
            Ok(_) | Err(_) if self.grid.trim().is_empty() => {
                errors.push(("grid".into(), FieldError::Required));
                None
            }
            _ => {
                errors.push(("grid".into(), FieldError::NotInCommunity));
                None
            }
        };
        let mut part = |name: &str, value: &str, required: bool| {
            address_part(value, required)
                .map_err(|e| errors.push((name.into(), e)))
                .unwrap_or_default()
        };
        let building = part("building", &self.building, true);
        let unit = part("unit", &self.unit, false);
        let room = part("room", &self.room, true);
        let invitation = if self.invitation.trim().is_empty() {
            None
        } else {
            InvitationCode::parse(&self.invitation)
                .map_err(|e| errors.push(("invitation".into(), e)))
                .ok()
        };
        match grid {
            Some(grid) if errors.is_empty() => Ok(JoinRequest {
                community: community.clone(),
                grid,
                building,
                unit,
                room,
                invitation,
            }),
            _ => Err(errors),
        }
    }
}

/// A request waiting for staff, as the verification queue shows it. The
/// address is shown to staff of the community only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingMembership {
    pub id: i64,
    pub display_name: String,
    pub community: CommunityCode,
    pub grid: GridCode,
    pub building: String,
    pub unit: String,
    pub room: String,
    pub requested_at: i64,
}

/// One of a person's memberships, for their account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyMembership {
    pub community: CommunityCode,
    pub community_name: crate::LocalName,
    pub status: MembershipStatus,
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn community() -> CommunityCode {
        CommunityCode::parse("33020310100112101").expect("valid")
    }

    #[test]
    fn invitation_codes_forgive_how_they_are_typed() {
        let code = InvitationCode::parse(" k7m3-q9tx ").expect("valid");
        assert_eq!(code.as_str(), "K7M3Q9TX");
        assert_eq!(code.display(), "K7M3-Q9TX");
        assert_eq!(
            InvitationCode::parse("K7M3-Q9T0"),
            Err(FieldError::BadInvitation),
            "no zero"
        );
        assert_eq!(
            InvitationCode::parse("K7M3"),
            Err(FieldError::BadInvitation)
        );
        assert_eq!(InvitationCode::parse(""), Err(FieldError::Required));
        let random = InvitationCode::from_random([0, 1, 2, 30, 31, 200, 255, 7]);
        assert!(InvitationCode::parse(random.as_str()).is_ok());
    }

    #[test]
    fn a_join_form_needs_a_grid_of_this_community_and_an_address() {
        let c = community();
        let ok = JoinForm {
            grid: c.grid(2).expect("valid").to_string(),
            building: " 3幢 ".into(),
            unit: "".into(),
            room: "502".into(),
            invitation: "k7m3 q9tx".into(),
        };
        let request = ok.parse(&c).expect("valid");
        assert_eq!(request.building, "3幢");
        assert_eq!(
            request.invitation.map(|i| i.display()),
            Some("K7M3-Q9TX".into())
        );

        let other = CommunityCode::parse("33020310100112102").expect("valid");
        let wrong = JoinForm {
            grid: other.grid(1).expect("valid").to_string(),
            building: "".into(),
            room: "x".repeat(21),
            invitation: "nope".into(),
            ..JoinForm::default()
        };
        assert_eq!(
            wrong.parse(&c).expect_err("invalid"),
            vec![
                ("grid".into(), FieldError::NotInCommunity),
                ("building".into(), FieldError::Required),
                ("room".into(), FieldError::TooLong(20)),
                ("invitation".into(), FieldError::BadInvitation),
            ]
        );
        let empty = JoinForm::default().parse(&c).expect_err("invalid");
        assert_eq!(empty[0], ("grid".into(), FieldError::Required));
    }
}
