//! Resident matters for pages: lists, one matter, the report form's data
//! and suggestions of similar matters.

use leptos::prelude::*;
use linli_model::{
    LocalName, Page,
    matter::{Category, MatterDetail, MatterSettings, MatterSummary, YourPart},
    tree::CommunityDetail,
};
use serde::{Deserialize, Serialize};

use crate::AppError;

/// Matters per page of the public list: the first is the default (short
/// enough for a phone); the others are offered beside the filters.
pub const MATTERS_PAGE_SIZES: [usize; 2] = [20, 50];

#[cfg(feature = "ssr")]
pub(super) fn matters(s: &super::Services) -> linli_service::matters::Matters<'_> {
    linli_service::matters::Matters {
        store: &s.store,
        clock: s.clock.as_ref(),
        site: &s.public_url,
    }
}

/// How many matters wait in the signed-in worker's queue, found by the
/// server's middleware before a page renders (a page render cannot wait on
/// the database inside the header).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitingWork(pub u32);

/// The figure for the header's work link, if the person has a queue.
#[cfg(feature = "ssr")]
pub fn waiting_now() -> Option<u32> {
    crate::request_extension::<WaitingWork>().map(|w| w.0)
}

/// The list's filters as the query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatterQuery {
    pub place: Option<String>,
    pub category: Option<String>,
    pub state: Option<String>,
    pub severity: Option<String>,
    pub overdue: bool,
    pub q: Option<String>,
    pub before: Option<i64>,
    /// Rows per page; only [`MATTERS_PAGE_SIZES`] are taken.
    pub per: Option<usize>,
}

impl MatterQuery {
    /// The rows asked for when they are one of the offered sizes, else the
    /// default, so a hand-made `per=100000` cannot ask for a huge page.
    pub fn page_size(&self) -> usize {
        self.per
            .filter(|n| MATTERS_PAGE_SIZES.contains(n))
            .unwrap_or(MATTERS_PAGE_SIZES[0])
    }
}

/// The public list: parses the filters on the server, since what the
/// browser sent is input like any other.
#[server(endpoint = "matters/list")]
pub async fn list_matters(
    #[server(default)] query: MatterQuery,
) -> Result<Page<MatterSummary>, AppError> {
    use linli_model::matter::{MatterFilter, MatterState, Severity, place_prefix};
    let s = super::services()?;
    let size = query.page_size();
    let place = match query.place.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(place_prefix(code)?),
    };
    let filter = MatterFilter {
        place,
        category: query.category.filter(|c| !c.is_empty()),
        state: query.state.as_deref().and_then(MatterState::parse),
        severity: query.severity.as_deref().and_then(Severity::parse),
        overdue: query.overdue,
        open_only: false,
        text: query
            .q
            .map(|q| q.trim().chars().take(40).collect::<String>())
            .filter(|q| !q.is_empty()),
        ..MatterFilter::default()
    };
    Ok(matters(&s).list(&filter, query.before, size).await?)
}

/// One matter, and what the person looking may do with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterView {
    pub detail: MatterDetail,
    pub part: YourPart,
    /// The viewer's account id, for "dispatch to me".
    pub me: Option<i64>,
    /// Deliberation topics made from this matter: (deliberation, topic, title).
    pub topics: Vec<(i64, i64, String)>,
    pub needs: super::lists::NeedsFrom,
    /// The council's promise to its supporters, once enough supported it.
    pub promise: Option<linli_model::promise::Promise>,
}

#[server(endpoint = "matters/get")]
pub async fn get_matter(id: i64) -> Result<MatterView, AppError> {
    let s = super::services()?;
    let actor = super::actor();
    let (detail, part) = matters(&s).detail(&actor, id).await?;
    let source = linli_model::need::NeedSource::Matter(id);
    let needs = super::lists::needs_from(&s, source, detail.summary.community.as_str()).await?;
    Ok(MatterView {
        needs,
        detail,
        part,
        me: actor.viewer().map(|v| v.id.0),
        topics: super::deliberations::deliberations(&s)
            .topics_of_matter(id)
            .await?,
        promise: linli_service::promises::Promises {
            store: &s.store,
            clock: s.clock.as_ref(),
        }
        .of(linli_model::promise::Subject::Matter, id)
        .await?,
    })
}

#[server(endpoint = "matters/categories")]
pub async fn matter_categories() -> Result<Vec<Category>, AppError> {
    let s = super::services()?;
    Ok(matters(&s).categories().await?)
}

/// A community's deadlines and categories, and whether the viewer may
/// change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsData {
    pub community: String,
    pub name: LocalName,
    pub settings: MatterSettings,
    pub may_edit: bool,
    /// Days a deliberation's notice runs in this community.
    pub notice_days: u32,
    /// The holidays and make-up working days of the year ahead, by which
    /// the deadlines above are counted.
    pub calendar: Vec<linli_model::calendar::Stretch>,
    /// Whose calendar that is.
    pub district: String,
    /// Whether the viewer may change that calendar (the link says so).
    pub may_keep_calendar: bool,
}

#[server(endpoint = "matters/settings")]
pub async fn community_matter_settings(community: String) -> Result<SettingsData, AppError> {
    use linli_service::policy::{Action, may};
    let s = super::services()?;
    let code = linli_model::tree::CommunityCode::parse(&community)?;
    let detail = s.store.community(&code).await?;
    Ok(SettingsData {
        community: code.to_string(),
        name: detail.summary.name,
        settings: matters(&s).settings(&code).await?,
        may_edit: may(&super::actor(), &Action::ConfigureCommunity(&code)).is_ok(),
        notice_days: super::deliberations::deliberations(&s)
            .notice_days(&code)
            .await?,
        calendar: linli_service::calendar::Calendar {
            store: &s.store,
            clock: s.clock.as_ref(),
        }
        .year_ahead(&code.district())
        .await?,
        may_keep_calendar: linli_service::calendar::Calendar::may_keep(
            &super::actor(),
            &linli_service::store::CalendarPlace::District(code.district()),
        ),
        district: code.district().to_string(),
    })
}

/// What a report form has typed so far, to look for matters like it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimilarTo {
    pub grid: String,
    pub category: String,
    pub title: String,
}

/// What the report form needs: the community and its grids, the
/// categories, and a fresh key that makes a double submit harmless.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFormData {
    pub community: CommunityDetail,
    pub categories: Vec<Category>,
    pub key: String,
    /// Open matters like the title already typed (the form came back, or
    /// "look for similar" was pressed without JavaScript).
    pub similar: Vec<MatterSummary>,
}

#[server(endpoint = "matters/report-form")]
pub async fn report_form(
    community: String,
    #[server(default)] typed: SimilarTo,
) -> Result<ReportFormData, AppError> {
    let s = super::services()?;
    if super::actor().viewer().is_none() {
        return Err(AppError::Unauthenticated);
    }
    let code = linli_model::tree::CommunityCode::parse(&community)?;
    let similar = similar_to(&s, &code, &typed).await?;
    Ok(ReportFormData {
        similar,
        community: s.store.community(&code).await?,
        categories: matters(&s)
            .settings(&code)
            .await?
            .offered()
            .cloned()
            .collect(),
        key: linli_service::matters::new_form_key(),
    })
}

/// Open matters of `community` like what the form has typed; a grid or
/// category that is not (yet) chosen narrows nothing.
#[cfg(feature = "ssr")]
async fn similar_to(
    s: &super::Services,
    community: &linli_model::tree::CommunityCode,
    typed: &SimilarTo,
) -> Result<Vec<MatterSummary>, AppError> {
    let grid = linli_model::tree::GridCode::parse(&typed.grid).ok();
    let category = Some(typed.category.as_str()).filter(|c| !c.is_empty());
    Ok(matters(s)
        .similar(community, grid.as_ref(), category, &typed.title)
        .await?)
}

/// The signed-in staff member's work queue.
#[server(endpoint = "matters/queue")]
pub async fn work_queue() -> Result<linli_model::matter::WorkQueue, AppError> {
    let s = super::services()?;
    Ok(matters(&s).queue(&super::actor()).await?)
}

/// Figures for a place (a district, street, community or grid code).
#[server(endpoint = "matters/stats")]
pub async fn matter_stats(place: String) -> Result<linli_model::matter::MatterStats, AppError> {
    let s = super::services()?;
    let place = linli_model::matter::place_prefix(&place)?;
    Ok(matters(&s).stats(&place).await?)
}
