//! Server functions: thin calls from pages into the service layer.

pub mod account;
pub mod tree;

#[cfg(feature = "ssr")]
fn store() -> Result<linli_service::Store, crate::AppError> {
    leptos::prelude::use_context::<linli_service::Store>().ok_or_else(|| {
        tracing::error!("no store in the server function context");
        crate::AppError::Internal
    })
}

/// The actor the session middleware found for this request.
#[cfg(feature = "ssr")]
fn actor() -> linli_service::policy::Actor {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<linli_service::policy::Actor>()
                .cloned()
        })
        .unwrap_or(linli_service::policy::Actor::Anonymous)
}
