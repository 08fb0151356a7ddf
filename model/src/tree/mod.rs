//! The administrative tree: city → district → street → community → grid →
//! micro-grid, with the codes that identify each level.

mod classification;
mod codes;
mod nodes;
mod search;

pub use classification::{CommunityType, GridKind, MajorType, SizeClass};
pub use codes::{
    CodeError, CodeSegment, CommunityCode, DistrictCode, GridCode, MicroGridCode, StreetCode,
};
pub use nodes::{
    CityOverview, CommunityDetail, CommunitySummary, DistrictSummary, GridSummary, StreetSummary,
};
pub use search::{CommunitySearch, DirectoryFilter};
