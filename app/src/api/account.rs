//! Who is signed in, for pages.

use leptos::prelude::*;
use linli_model::account::Viewer;

use crate::AppError;

/// The signed-in person, or `None`. The server's session middleware put
/// the actor into the request; this only reads it.
#[server(endpoint = "account/viewer")]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    Ok(super::actor().viewer().cloned())
}
