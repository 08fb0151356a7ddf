//! The REST API's endpoints, for the readable API page. The server builds
//! the list from its OpenAPI document, so the page cannot drift from it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub tag: String,
    pub needs_token: bool,
}

#[server(endpoint = "docs/endpoints")]
pub async fn api_endpoints() -> Result<Vec<Endpoint>, AppError> {
    Ok(super::services()?.api_endpoints.as_ref().clone())
}
