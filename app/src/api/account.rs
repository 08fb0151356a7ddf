//! Who is signed in, for pages.

use leptos::prelude::*;
use linli_model::{LocalName, account::Viewer, api_token::ApiTokenSummary};

use crate::AppError;

/// The signed-in person, or `None`. The server's session middleware put
/// the actor into the request; this only reads it.
#[server(endpoint = "account/viewer")]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    Ok(super::actor().viewer().cloned())
}

/// The names of the places where the signed-in person holds roles, by
/// code, so the account page shows 翠苑社区 rather than 17 digits.
#[server(endpoint = "account/places")]
pub async fn my_places() -> Result<Vec<(String, LocalName)>, AppError> {
    use linli_model::role::Scope;
    let s = super::services()?;
    let actor = super::actor();
    let viewer = actor.viewer().ok_or(AppError::Unauthenticated)?;
    let codes = viewer
        .grants
        .iter()
        .filter_map(|grant| match grant.scope() {
            Scope::District(_) | Scope::Street(_) | Scope::Community(_) | Scope::Grid(_) => {
                Some(grant.scope().key())
            }
            Scope::Platform | Scope::Organisation(_) => None,
        })
        .collect();
    super::place_names(&s, codes).await
}

/// The signed-in person of the request being rendered, read at once.
#[cfg(feature = "ssr")]
pub fn viewer_now() -> Option<Viewer> {
    super::actor().viewer().cloned()
}

#[cfg(feature = "ssr")]
fn api_tokens(s: &super::Services) -> linli_service::api_token::ApiTokens<'_> {
    linli_service::api_token::ApiTokens {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
}

/// The person's live API tokens.
#[server(endpoint = "account/tokens")]
pub async fn my_api_tokens() -> Result<Vec<ApiTokenSummary>, AppError> {
    let s = super::services()?;
    Ok(api_tokens(&s).list(&super::actor()).await?)
}
