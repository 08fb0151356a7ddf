//! Server functions: thin calls from pages into the service layer.

pub mod tree;

#[cfg(feature = "ssr")]
fn store() -> Result<linli_service::Store, crate::AppError> {
    leptos::prelude::use_context::<linli_service::Store>().ok_or_else(|| {
        tracing::error!("no store in the server function context");
        crate::AppError::Internal
    })
}
