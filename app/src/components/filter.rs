//! The area field every list's filter form shares.

use leptos::prelude::*;

use crate::{AppError, i18n::use_t};

/// What went wrong with the typed area code, when that is what `error`
/// says: lists answer with a field error, the others with a code error.
pub fn place_error(error: &AppError) -> Option<String> {
    let t = use_t();
    match error {
        AppError::InvalidCode(e) => Some((t.code_error)(e)),
        AppError::Invalid(fields) => fields
            .iter()
            .find(|(name, _)| name == "place")
            .map(|(_, e)| (t.field_error)(e)),
        _ => None,
    }
}

/// The area-code field of a filter form: what was typed stays in it, and
/// a code that names no area is explained beside it, so a typo costs one
/// keystroke instead of the page.
#[component]
pub fn PlaceFilter(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: Option<String>,
    /// The page's failure, if any; only an area-code failure shows here.
    #[prop(default = None)]
    error: Option<AppError>,
) -> impl IntoView {
    let message = error.as_ref().and_then(place_error);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let describedby = match &message {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name="place"
                type="text"
                inputmode="numeric"
                maxlength="20"
                value=value.unwrap_or_default()
                aria-describedby=describedby
                aria-invalid=if message.is_some() { "true" } else { "false" }
            />
            <p id=hint_id class="hint">{hint}</p>
            {message.map(|m| view! { <p id=error_id class="field-error" role="alert">{m}</p> })}
        </div>
    }
}
