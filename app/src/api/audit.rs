//! The audit log, for staff.

use leptos::prelude::*;
use linli_model::{LocalName, Page, role::AuditRecord};
use serde::{Deserialize, Serialize};

use crate::AppError;

/// A page of the audit log, with the names of the areas its entries are in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub page: Page<AuditRecord>,
    pub places: Vec<(String, LocalName)>,
}

/// Newest entries of the widest area the person staffs, before `before`.
#[server(endpoint = "audit/entries")]
pub async fn audit_entries(before: Option<i64>) -> Result<AuditView, AppError> {
    let s = super::services()?;
    let actor = super::actor();
    let viewer = actor.viewer().ok_or(AppError::Unauthenticated)?;
    let scope = linli_service::audit::audit_scope(viewer)
        .ok_or(AppError::Denied(linli_model::role::Denied::NotPermitted))?;
    let page =
        linli_service::audit::visible_entries(&s.store, &actor, &scope, before, s.clock.now())
            .await?;
    let codes = page.items.iter().map(|e| e.scope_key.clone()).collect();
    let places = super::place_names(&s, codes).await?;
    Ok(AuditView { page, places })
}
