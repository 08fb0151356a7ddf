//! Admission review for pages: a community's public history, and the desk
//! of department members and street officers. Changes go through plain
//! forms (see the server's routes).

use leptos::prelude::*;
use linli_model::{
    LocalName,
    admission::{Department, ProposalView},
};
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
fn admissions(s: &super::Services) -> linli_service::admission::Admissions<'_> {
    linli_service::admission::Admissions {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    pub code: String,
    pub name: LocalName,
    pub proposals: Vec<ProposalView>,
}

#[server(endpoint = "admission/history")]
pub async fn admission_history(code: String) -> Result<HistoryView, AppError> {
    let code = linli_model::tree::CommunityCode::parse(&code)?;
    let s = super::services()?;
    let community = s.store.community(&code).await?.summary;
    Ok(HistoryView {
        code: code.to_string(),
        name: community.name,
        proposals: admissions(&s).history(&code).await?,
    })
}

/// A street an officer sets up, with its departments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreetSetup {
    pub code: String,
    pub name: LocalName,
    pub departments: Vec<Department>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskData {
    /// The member's departments: (id, street, name, reviews).
    pub departments: Vec<(i64, String, String, bool)>,
    pub awaiting: Vec<(ProposalView, Vec<(i64, String)>)>,
    pub streets: Vec<StreetSetup>,
}

#[server(endpoint = "admission/desk")]
pub async fn admission_desk() -> Result<DeskData, AppError> {
    use linli_model::role::{Role, Scope};
    let s = super::services()?;
    let actor = super::actor();
    let Some(viewer) = actor.viewer() else {
        return Err(AppError::Unauthenticated);
    };
    let desk = admissions(&s).desk(&actor).await?;
    let mut streets = Vec::new();
    for grant in &viewer.grants {
        if let (Role::StreetOfficer, Scope::Street(code)) = (grant.role(), grant.scope()) {
            let name = s
                .store
                .streets(&code.district())
                .await?
                .into_iter()
                .find(|st| st.code.as_str() == code.as_str())
                .map(|st| st.name)
                .unwrap_or_else(|| LocalName::new(code.to_string(), code.to_string()));
            streets.push(StreetSetup {
                code: code.to_string(),
                name,
                departments: admissions(&s).departments(code).await?,
            });
        }
    }
    Ok(DeskData {
        departments: desk.departments,
        awaiting: desk.awaiting,
        streets,
    })
}
