//! Membership: one's own requests, and the staff verification queue.

use leptos::prelude::*;
use linli_model::{
    LocalName,
    membership::{MyMembership, PendingMembership},
    tree::CommunityCode,
};
use serde::{Deserialize, Serialize};

use crate::AppError;

#[server(endpoint = "membership/mine")]
pub async fn my_memberships() -> Result<Vec<MyMembership>, AppError> {
    let s = super::services()?;
    let m = linli_service::membership::Memberships {
        store: &s.store,
        clock: s.clock.as_ref(),
    };
    Ok(m.mine(&super::actor()).await?)
}

/// A community's verification queue, as its staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationQueue {
    pub community: CommunityCode,
    pub name: LocalName,
    pub pending: Vec<PendingMembership>,
}

/// The queue of `community`, or of the first community the person staffs.
#[server(endpoint = "membership/queue")]
pub async fn staff_queue(community: Option<String>) -> Result<VerificationQueue, AppError> {
    use linli_model::role::Scope;
    let s = super::services()?;
    let actor = super::actor();
    let viewer = actor.viewer().ok_or(AppError::Unauthenticated)?;
    let community = match community.filter(|c| !c.trim().is_empty()) {
        Some(code) => CommunityCode::parse(&code)?,
        None => viewer
            .grants
            .iter()
            .find_map(|g| match g.scope() {
                Scope::Community(c) if g.role().staff_rank().is_some() => Some(c.clone()),
                _ => None,
            })
            .ok_or(AppError::Denied(linli_model::role::Denied::NotPermitted))?,
    };
    let m = linli_service::membership::Memberships {
        store: &s.store,
        clock: s.clock.as_ref(),
    };
    let pending = m.pending(&actor, &community).await?;
    let name = s.store.community(&community).await?.summary.name;
    Ok(VerificationQueue {
        community,
        name,
        pending,
    })
}
