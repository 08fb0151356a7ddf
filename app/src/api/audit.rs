//! The audit log, for staff.

use leptos::prelude::*;
use linli_model::{Page, role::AuditRecord};

use crate::AppError;

/// Newest entries of the widest area the person staffs, before `before`.
#[server(endpoint = "audit/entries")]
pub async fn audit_entries(before: Option<i64>) -> Result<Page<AuditRecord>, AppError> {
    let s = super::services()?;
    let actor = super::actor();
    let viewer = actor.viewer().ok_or(AppError::Unauthenticated)?;
    let scope = linli_service::audit::audit_scope(viewer)
        .ok_or(AppError::Denied(linli_model::role::Denied::NotPermitted))?;
    Ok(linli_service::audit::visible_entries(&s.store, &actor, &scope, before).await?)
}
