//! Deliberations for pages: the list, the calendar, one deliberation with
//! its opinion map, the decision record, and the start form's data.

use leptos::prelude::*;
use linli_model::{
    LocalName, Page,
    deliberation::{DeliberationDetail, DeliberationSummary, OpinionMap, RecordView},
};
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
pub(super) fn deliberations(
    s: &super::Services,
) -> linli_service::deliberations::Deliberations<'_> {
    linli_service::deliberations::Deliberations {
        store: &s.store,
        clock: s.clock.as_ref(),
        site: &s.public_url,
    }
}

/// The list's filters as the query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliberationQuery {
    pub place: Option<String>,
    pub stage: Option<String>,
    pub before: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliberationList {
    pub page: Page<DeliberationSummary>,
    /// Where the viewer may start one.
    pub may_start: Vec<(String, LocalName)>,
}

#[server(endpoint = "deliberations/list")]
pub async fn list_deliberations(
    #[server(default)] query: DeliberationQuery,
) -> Result<DeliberationList, AppError> {
    use linli_model::{matter::place_prefix, role::Role};
    let s = super::services()?;
    let place = match query.place.as_deref().map(str::trim) {
        None | Some("") => String::new(),
        Some(code) => place_prefix(code)?,
    };
    let stage = query
        .stage
        .as_deref()
        .and_then(linli_model::deliberation::Stage::parse);
    Ok(DeliberationList {
        page: deliberations(&s).list(&place, stage, query.before).await?,
        may_start: super::communities_where(
            &s,
            &super::actor(),
            &[Role::CouncilMember, Role::CommunityStaff],
        )
        .await?,
    })
}

#[server(endpoint = "deliberations/upcoming")]
pub async fn upcoming_consultations(
    place: Option<String>,
) -> Result<Vec<DeliberationSummary>, AppError> {
    use linli_model::matter::place_prefix;
    let s = super::services()?;
    let place = match place.as_deref().map(str::trim) {
        None | Some("") => String::new(),
        Some(code) => place_prefix(code)?,
    };
    Ok(deliberations(&s).upcoming(&place).await?)
}

/// One deliberation as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliberationView {
    pub detail: DeliberationDetail,
    /// Opinion groups once statements are voted on.
    pub opinion: Option<OpinionMap>,
    /// Where the reader stands among them, once placed.
    pub stand: Option<linli_model::deliberation::YourStand>,
    /// The community's grids, for the council's arrangement form.
    pub grids: Vec<(String, LocalName)>,
    pub needs: super::lists::NeedsFrom,
}

#[server(endpoint = "deliberations/get")]
pub async fn get_deliberation(id: i64) -> Result<DeliberationView, AppError> {
    let s = super::services()?;
    let actor = super::actor();
    let d = deliberations(&s);
    let detail = d.detail(&actor, id).await?;
    let (opinion, stand) = if detail.statements.is_empty() {
        (None, None)
    } else {
        (
            Some(d.opinion_map(id).await?.map.clone()),
            d.stand(&actor, id).await?,
        )
    };
    let grids = if detail.you.runs_it {
        let code = linli_model::tree::CommunityCode::parse(&detail.summary.community)?;
        s.store
            .community(&code)
            .await?
            .grids
            .into_iter()
            .map(|g| (g.code.to_string(), g.name))
            .collect()
    } else {
        Vec::new()
    };
    let source = linli_model::need::NeedSource::Deliberation(id);
    let needs = super::lists::needs_from(&s, source, &detail.summary.community).await?;
    Ok(DeliberationView {
        needs,
        detail,
        opinion,
        stand,
        grids,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordsView {
    pub summary: DeliberationSummary,
    pub versions: Vec<RecordView>,
    /// The first version that fails verification, if any.
    pub broken: Option<u32>,
}

#[server(endpoint = "deliberations/records")]
pub async fn deliberation_records(id: i64) -> Result<RecordsView, AppError> {
    use linli_service::record::Broken;
    let s = super::services()?;
    let (versions, check) = deliberations(&s).records(id).await?;
    Ok(RecordsView {
        summary: s.store.deliberation_summary(id).await?,
        versions,
        broken: check.err().map(|b| match b {
            Broken::Altered(v) | Broken::Unlinked(v) => v,
        }),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartFormData {
    pub community: String,
    pub name: LocalName,
    pub notice_days: u32,
    pub may_start: bool,
}

#[server(endpoint = "deliberations/start-form")]
pub async fn start_form(community: String) -> Result<StartFormData, AppError> {
    use linli_service::policy::{Action, may};
    let s = super::services()?;
    let (actor, code, name) = super::form_community(&s, &community).await?;
    Ok(StartFormData {
        community: code.to_string(),
        name,
        notice_days: deliberations(&s).notice_days(&code).await?,
        may_start: may(&actor, &Action::RunDeliberation(&code)).is_ok(),
    })
}
