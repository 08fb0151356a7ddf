//! Read models of the tree, as pages show them.

use serde::{Deserialize, Serialize};

use super::{
    classification::{CommunityType, GridKind, SizeClass},
    codes::{CommunityCode, DistrictCode, GridCode, StreetCode},
};
use crate::LocalName;

/// The whole city at a glance, for the home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CityOverview {
    pub name: LocalName,
    pub street_count: u32,
    pub community_count: u32,
    pub grid_count: u32,
    pub micro_grid_count: u32,
    pub households: u64,
    /// Communities per subtype, in `CommunityType::ALL` order.
    pub by_type: Vec<(CommunityType, u32)>,
    /// Communities per size class, in `SizeClass::ALL` order.
    pub by_size: Vec<(SizeClass, u32)>,
    pub districts: Vec<DistrictSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistrictSummary {
    pub code: DistrictCode,
    pub name: LocalName,
    pub street_count: u32,
    pub community_count: u32,
    pub households: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreetSummary {
    pub code: StreetCode,
    pub name: LocalName,
    pub community_count: u32,
    pub households: u64,
}

/// A community in a list. Its type and size class live in its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunitySummary {
    pub code: CommunityCode,
    pub name: LocalName,
    pub street: LocalName,
    pub district: LocalName,
    pub households: u32,
    pub grid_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityDetail {
    pub summary: CommunitySummary,
    pub population: u32,
    pub micro_grid_count: u32,
    pub grids: Vec<GridSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GridSummary {
    pub code: GridCode,
    pub name: LocalName,
    pub kind: GridKind,
    pub households: u32,
    pub micro_grid_count: u32,
}
