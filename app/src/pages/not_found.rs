use leptos::prelude::*;

use crate::{AppError, components::ErrorNotice};

/// Any path no route matches; answers 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorNotice error=AppError::NotFound /> }
}
