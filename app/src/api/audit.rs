//! The audit log, for staff.

use leptos::prelude::*;
use linli_model::role::AuditRecord;

use crate::AppError;

/// Newest entries of the widest area the person staffs, before `before`.
#[server(endpoint = "audit/entries")]
pub async fn audit_entries(before: Option<i64>) -> Result<Vec<AuditRecord>, AppError> {
    let s = super::services()?;
    let actor = super::actor();
    let viewer = actor.viewer().ok_or(AppError::Unauthenticated)?;
    let scope = viewer
        .grants
        .iter()
        .filter(|g| g.role().staff_rank().is_some_and(|r| r >= 2))
        .max_by_key(|g| g.role().staff_rank())
        .map(|g| g.scope().clone())
        .ok_or(AppError::Denied(linli_model::role::Denied::NotPermitted))?;
    Ok(linli_service::audit::visible_entries(&s.store, &actor, &scope, before).await?)
}
