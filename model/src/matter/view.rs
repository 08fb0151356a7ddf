//! Matters as pages and the API show them.

use serde::{Deserialize, Serialize};

use super::{Level, MatterState, PhotoView, Rating, Severity, StepKind};

use crate::{
    LocalName,
    tree::{CommunityCode, GridCode},
};

/// A category residents choose from; `group` gathers related ones (and is
/// Open311's `group`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub code: String,
    pub group: String,
    pub name: LocalName,
}

/// A matter in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatterSummary {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub category_name: LocalName,
    pub community: CommunityCode,
    pub grid: GridCode,
    pub state: MatterState,
    pub severity: Option<Severity>,
    pub level: Level,
    pub overdue: bool,
    pub deadline_at: Option<i64>,
    pub support_count: u32,
    pub created_at: i64,
}

/// Who took a step, as the public may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "by", content = "name", rename_all = "snake_case")]
pub enum StepBy {
    /// Staff, or a reporter who chose to be shown, by display name.
    Named(String),
    /// The reporter, who chose not to show their name: still the resident,
    /// never "the system".
    Reporter,
    /// The deadline watch (escalation, closing unrated matters).
    System,
}

/// One line of the public timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub kind: StepKind,
    pub by: StepBy,
    pub state_after: MatterState,
    pub note: Option<String>,
    pub at: i64,
}

/// A matter with everything its page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatterDetail {
    pub summary: MatterSummary,
    pub community_name: LocalName,
    pub grid_name: LocalName,
    pub description: String,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The reporter's name: public if they chose so, always for staff.
    pub reporter: Option<String>,
    pub handler: Option<String>,
    pub merged_into: Option<i64>,
    pub referred_to: Option<String>,
    pub rating: Option<Rating>,
    pub rating_comment: Option<String>,
    pub resolved_at: Option<i64>,
    pub timeline: Vec<TimelineEntry>,
    pub photos: Vec<PhotoView>,
    /// How it came in: by the resident online, or entered by staff.
    pub channel: crate::channel::Channel,
}

/// What the person looking may do with a matter, so the page offers only
/// that (the server checks again on every step).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YourPart {
    pub reporter: bool,
    pub supporter: bool,
    /// May register, reject, merge, refer and dispatch.
    pub may_manage: bool,
    /// May start and resolve.
    pub may_work: bool,
    /// Whom the matter can be dispatched to (account id, name); filled
    /// only for those who may manage it.
    pub handlers: Vec<(i64, String)>,
    /// The community's negative-list items a matter can be referred by;
    /// filled only for those who may manage it.
    #[serde(default)]
    pub referral_items: Vec<crate::item::ListItem>,
}

/// Filters of the public list; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatterFilter {
    /// A district, street, community or grid code: everything under it.
    pub place: Option<String>,
    pub category: Option<String>,
    /// Any of these categories (Open311 asks for several at once).
    #[serde(default)]
    pub categories: Vec<String>,
    pub state: Option<MatterState>,
    pub severity: Option<Severity>,
    pub overdue: bool,
    /// Only matters that still need work.
    pub open_only: bool,
    /// Only finished ones (closed, rejected, merged, referred).
    pub closed_only: bool,
    /// Only these matters.
    pub ids: Vec<i64>,
    /// Words in the title (Chinese or English).
    pub text: Option<String>,
    /// Reported on or after / before, epoch milliseconds.
    pub from: Option<i64>,
    pub until: Option<i64>,
}

/// A place to filter by: a district, street, community or grid code,
/// checked at its own level (told apart by length).
pub fn place_prefix(code: &str) -> Result<String, crate::tree::CodeError> {
    use crate::tree::{CommunityCode, DistrictCode, GridCode, StreetCode};
    let code = code.trim();
    Ok(match code.len() {
        DistrictCode::LEN => DistrictCode::parse(code)?.to_string(),
        StreetCode::LEN => StreetCode::parse(code)?.to_string(),
        GridCode::LEN => GridCode::parse(code)?.to_string(),
        _ => CommunityCode::parse(code)?.to_string(),
    })
}

/// One line of a person's inbox: something changed on a matter they
/// reported or support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    pub id: i64,
    pub matter: i64,
    pub title: String,
    pub kind: StepKind,
    pub at: i64,
    pub read: bool,
}

/// A staff member's work queue: what the queue covers, and its matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkQueue {
    /// The code of the grid, community, street or district it covers.
    pub place: String,
    /// Its name, which people read; the code is for hovering and links.
    pub place_name: Option<crate::LocalName>,
    /// The levels shown: everything for grid workers and community staff,
    /// what escalated to them for street and district officers.
    pub levels: Vec<Level>,
    pub items: Vec<MatterSummary>,
    /// Who its matters can be dispatched to, by name (account id, name).
    pub handlers: Vec<(i64, String)>,
    /// Reports that came in without a grid and wait for staff here to
    /// choose one, oldest first: they come before everything else.
    pub waiting: Vec<WaitingReport>,
    /// The grids a waiting report can be put in (code, name, community
    /// name); empty when the area has too many to list, and the code is
    /// typed instead.
    pub grids: Vec<(String, crate::LocalName, crate::LocalName)>,
}

/// A report Linli could not place in a grid by itself (an Open311 client
/// sent only an address, or a position outside every grid).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingReport {
    pub id: i64,
    /// The narrowest place its address named ('' for none).
    pub place: String,
    pub place_name: Option<crate::LocalName>,
    pub category_name: LocalName,
    pub title: String,
    pub description: String,
    pub address: Option<String>,
    pub point: Option<(f64, f64)>,
    pub reported_at: i64,
}

/// Figures residents watch for an area: how much is open, how fast things
/// close, how much stays in the community, how residents rate the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatterStats {
    pub place: String,
    /// The area's name; `None` for the whole city (an empty place).
    pub place_name: Option<crate::LocalName>,
    /// Matters in each state, in `MatterState::ALL` order.
    pub by_state: Vec<(MatterState, u32)>,
    pub open: u32,
    pub closed: u32,
    /// Open matters past their deadline (or escalated), of all open ones.
    pub overdue_share: Option<f64>,
    /// Closed matters that never left the community, of all closed ones.
    pub settled_in_community_share: Option<f64>,
    /// Median hours from report to closure, per severity (recent closures).
    /// Shares and medians over fewer matters than the anonymity floor are
    /// `None`.
    pub median_hours_to_close: Vec<(Severity, Option<u32>)>,
    /// How many ratings of one to five stars; empty when fewer than the
    /// anonymity floor, so no one's rating can be told.
    pub ratings: Vec<u32>,
    pub mean_rating: Option<f64>,
    /// The same matters split by how they came in, every channel listed;
    /// ratings of a channel with fewer than the anonymity floor are left
    /// out.
    pub by_channel: Vec<crate::channel::ChannelRow>,
}
