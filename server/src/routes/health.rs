//! Liveness and readiness for load balancers and orchestrators.

use axum::{extract::State, http::StatusCode};
use linli_service::Store;

/// The process is up and answering.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The instance can serve requests: its database answers.
pub async fn readyz(State(store): State<Store>) -> (StatusCode, &'static str) {
    match store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
