//! The front page: what a signed-in resident follows, at a glance.

use leptos::prelude::*;
use linli_model::{
    LocalName, deliberation::DeliberationSummary, matter::MatterSummary, project::ProjectSummary,
    tree::CommunityCode,
};
use serde::{Deserialize, Serialize};

use crate::AppError;

/// How many of each kind the front page shows; each list links to the rest.
pub const FRONT_ITEMS: usize = 3;

/// What the front page shows a signed-in person; empty for visitors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrontPage {
    pub signed_in: bool,
    /// Their (first verified) community: where reports and lists start.
    pub community: Option<(CommunityCode, LocalName)>,
    /// Matters they reported or support, open ones first.
    pub matters: Vec<MatterSummary>,
    /// Consultations in their community, coming or under way.
    pub consultations: Vec<DeliberationSummary>,
    /// Calls for bids open in their street (the city, without a community).
    pub calls: Vec<ProjectSummary>,
}

#[server(endpoint = "home")]
pub async fn front_door() -> Result<FrontPage, AppError> {
    use linli_model::{membership::MembershipStatus, project::ProjectStatus};
    let s = super::services()?;
    let actor = super::actor();
    if actor.viewer().is_none() {
        return Ok(FrontPage::default());
    }
    let community = linli_service::membership::Memberships {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
    .mine(&actor)
    .await?
    .into_iter()
    .find(|m| m.status == MembershipStatus::Verified)
    .map(|m| (m.community, m.community_name));
    let matters = super::matters::matters(&s)
        .mine(&actor, FRONT_ITEMS as i64)
        .await?;
    let consultations = match &community {
        Some((code, _)) => {
            let mut coming = super::deliberations::deliberations(&s)
                .upcoming(code.as_str())
                .await?;
            coming.truncate(FRONT_ITEMS);
            coming
        }
        None => Vec::new(),
    };
    let area = community
        .as_ref()
        .map(|(code, _)| code.street().to_string())
        .unwrap_or_default();
    let mut calls = super::projects::projects(&s)
        .list(&area, Some(ProjectStatus::CallOpen), None, None)
        .await?
        .items;
    calls.truncate(FRONT_ITEMS);
    Ok(FrontPage {
        signed_in: true,
        community,
        matters,
        consultations,
        calls,
    })
}
