//! Projects and organisations for pages. Everything here reads; changes go
//! through plain forms (see the server's routes), so they work without
//! JavaScript. Bid content reaches a page only through the service's seal.

use leptos::prelude::*;
use linli_model::{
    LocalName, Page,
    organisation::OrganisationView,
    project::{ProjectDetail, ProjectSummary},
};
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
pub(super) fn projects(s: &super::Services) -> linli_service::projects::Projects<'_> {
    linli_service::projects::Projects {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
}

#[cfg(feature = "ssr")]
fn organisations(s: &super::Services) -> linli_service::organisations::Organisations<'_> {
    linli_service::organisations::Organisations {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
}

/// The list's filters as the query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectQuery {
    pub place: Option<String>,
    pub status: Option<String>,
    pub q: Option<String>,
    pub before: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectList {
    pub page: Page<ProjectSummary>,
    pub may_publish: Vec<(String, LocalName)>,
}

#[server(endpoint = "projects/list")]
pub async fn list_projects(
    #[server(default)] query: ProjectQuery,
) -> Result<ProjectList, AppError> {
    use linli_model::{matter::place_prefix, project::ProjectStatus, role::Role};
    let s = super::services()?;
    let place = match query.place.as_deref().map(str::trim) {
        None | Some("") => String::new(),
        Some(code) => place_prefix(code)?,
    };
    let status = query.status.as_deref().and_then(ProjectStatus::parse);
    Ok(ProjectList {
        page: projects(&s)
            .list(&place, status, query.q.as_deref(), query.before)
            .await?,
        may_publish: super::communities_where(&s, &super::actor(), &[Role::CommunityStaff]).await?,
    })
}

#[server(endpoint = "projects/get")]
pub async fn get_project(id: i64) -> Result<ProjectDetail, AppError> {
    let s = super::services()?;
    Ok(projects(&s).detail(&super::actor(), id).await?)
}

#[server(endpoint = "organisations/list")]
pub async fn list_organisations(before: Option<i64>) -> Result<Page<OrganisationView>, AppError> {
    let s = super::services()?;
    Ok(organisations(&s).list(before).await?)
}

#[server(endpoint = "organisations/get")]
pub async fn get_organisation(id: i64) -> Result<OrganisationView, AppError> {
    let s = super::services()?;
    Ok(organisations(&s).view(&super::actor(), id).await?)
}

/// The viewer's organisations, and for staff the registrations waiting
/// for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskView {
    pub mine: Vec<OrganisationView>,
    pub pending: Option<Vec<OrganisationView>>,
}

#[server(endpoint = "organisations/desk")]
pub async fn organisation_desk() -> Result<DeskView, AppError> {
    let s = super::services()?;
    let actor = super::actor();
    if actor.viewer().is_none() {
        return Err(AppError::Unauthenticated);
    }
    let o = organisations(&s);
    let pending = if linli_service::policy::is_staff_member(&actor) {
        Some(o.pending(&actor).await?)
    } else {
        None
    };
    Ok(DeskView {
        mine: o.mine(&actor).await?,
        pending,
    })
}
