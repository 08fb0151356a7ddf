//! Loading and error states, and the HTTP status a page answers with.

use leptos::prelude::*;

use crate::{AppError, i18n::use_t};

/// Sets the response status while rendering on the server; pages that show
/// an error must answer with the matching status, not 200.
pub fn set_status(status: http::StatusCode) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

#[component]
pub fn Loading() -> impl IntoView {
    let t = use_t();
    view! {
        <p class="loading" role="status">
            {t.loading}
        </p>
    }
}

/// A whole-page error explained in plain words, with a way onwards.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let t = use_t();
    set_status(error.status());
    let error_for_actions = error.clone();
    let sign_in =
        crate::url::sign_in_from(&crate::url::here(&leptos_router::hooks::use_location()));
    let (title, body) = match &error {
        AppError::NotFound => (t.not_found_title, t.not_found_body.to_owned()),
        AppError::InvalidCode(e) => (t.bad_code_title, (t.code_error)(e)),
        AppError::Unauthenticated | AppError::Denied(_) => {
            (t.denied_title, t.denied_body.to_owned())
        }
        AppError::Internal
        | AppError::Request(_)
        | AppError::BadRequest(_)
        | AppError::Invalid(_)
        | AppError::RateLimited { .. } => (t.error_title, t.error_body.to_owned()),
    };
    view! {
        <crate::components::PageHead title=title />
        <section class="notice notice-error wrap" aria-labelledby="notice-title">
            <h1 id="notice-title">{title}</h1>
            <p>{body}</p>
            <p class="actions">
                {(error_for_actions == AppError::Unauthenticated)
                    .then(|| view! { <a class="button" href=sign_in>{t.nav_sign_in}</a> })}
                <a class="button" href="/communities">
                    {t.go_directory}
                </a>
                <a class="button button-quiet" href="/">
                    {t.go_home}
                </a>
            </p>
        </section>
    }
}
