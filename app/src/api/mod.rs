//! Server functions: thin calls from pages into the service layer.

pub mod account;
pub mod accountability;
pub mod admission;
pub mod assist;
pub mod audit;
pub mod calendar;
pub mod deliberations;
pub mod docs;
pub mod home;
pub mod inbox;
pub mod items;
pub mod lists;
pub mod matters;
pub mod membership;
pub mod moderation;
pub mod projects;
pub mod promises;
pub mod results;
pub mod standards;
pub mod tree;

/// What server functions work with, handed to them as context by the server.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct Services {
    pub store: linli_service::Store,
    pub clock: std::sync::Arc<dyn linli_service::clock::Clock>,
    /// The REST API's operations, from its OpenAPI document.
    pub api_endpoints: std::sync::Arc<Vec<docs::Endpoint>>,
    /// How people reach the site, for links in messages.
    pub public_url: std::sync::Arc<str>,
    /// Community workers due per 10,000 residents (the standards board).
    pub staff_per_10k: u32,
}

#[cfg(feature = "ssr")]
fn services() -> Result<Services, crate::AppError> {
    leptos::prelude::use_context::<Services>().ok_or_else(|| {
        tracing::error!("no services in the server function context");
        crate::AppError::Internal
    })
}

#[cfg(feature = "ssr")]
fn store() -> Result<linli_service::Store, crate::AppError> {
    services().map(|s| s.store)
}

/// The actor the session middleware found for this request.
#[cfg(feature = "ssr")]
fn actor() -> linli_service::policy::Actor {
    crate::request_extension::<linli_service::policy::Actor>()
        .unwrap_or(linli_service::policy::Actor::Anonymous)
}

/// Communities where the viewer holds one of `roles` at community level,
/// with their names: where pages offer to start something.
/// The signed-in actor and the community a staff form is for, with its
/// name: what every page with such a form reads first.
#[cfg(feature = "ssr")]
async fn form_community(
    s: &Services,
    community: &str,
) -> Result<
    (
        linli_service::policy::Actor,
        linli_model::tree::CommunityCode,
        linli_model::LocalName,
    ),
    crate::AppError,
> {
    let actor = actor();
    if actor.viewer().is_none() {
        return Err(crate::AppError::Unauthenticated);
    }
    let code = linli_model::tree::CommunityCode::parse(community)?;
    let name = s.store.community(&code).await?.summary.name;
    Ok((actor, code, name))
}

#[cfg(feature = "ssr")]
async fn communities_where(
    s: &Services,
    actor: &linli_service::policy::Actor,
    roles: &[linli_model::role::Role],
) -> Result<Vec<(String, linli_model::LocalName)>, crate::AppError> {
    use linli_model::role::Scope;
    let mut out = Vec::new();
    for grant in actor.viewer().map(|v| v.grants.clone()).unwrap_or_default() {
        if let Scope::Community(code) = grant.scope()
            && roles.contains(&grant.role())
        {
            let name = s.store.community(code).await?.summary.name;
            out.push((code.to_string(), name));
        }
    }
    Ok(out)
}

/// The names of the places `codes` name (districts to grids), once each;
/// codes naming nothing are left out.
#[cfg(feature = "ssr")]
async fn place_names(
    s: &Services,
    codes: Vec<String>,
) -> Result<Vec<(String, linli_model::LocalName)>, crate::AppError> {
    let mut names: Vec<(String, linli_model::LocalName)> = Vec::new();
    for code in codes {
        if code.is_empty() || names.iter().any(|(k, _)| *k == code) {
            continue;
        }
        if let Some(name) = s.store.place_name(&code).await? {
            names.push((code, name));
        }
    }
    Ok(names)
}
