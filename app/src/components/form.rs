//! Form fields with their label, hint and error, wired for screen readers.

use leptos::prelude::*;
use linli_model::account::{FieldError, decode_field_errors};

use crate::i18n::use_t;

/// The errors a form's redirect carried back in `?errors=`.
pub fn errors_from_query(raw: Option<String>) -> Vec<(String, FieldError)> {
    raw.as_deref().map(decode_field_errors).unwrap_or_default()
}

/// One labelled input. The error, when there is one, is announced with the
/// field (`aria-describedby`) and marks it invalid.
#[component]
pub fn FormField(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] value: String,
    /// Shown under the field; empty for none.
    #[prop(default = "")]
    hint: &'static str,
    #[prop(default = None)] error: Option<FieldError>,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let t = use_t();
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let hint = (!hint.is_empty()).then_some(hint);
    let describedby = [
        hint.map(|_| hint_id.clone()),
        error.map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                aria-describedby=(!describedby.is_empty()).then_some(describedby)
                aria-invalid=if error.is_some() { "true" } else { "false" }
            />
            {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
            {error.map(|e| view! { <p id=error_id class="field-error">{(t.field_error)(&e)}</p> })}
        </div>
    }
}

/// The error for `field` among a form's errors.
pub fn error_for(errors: &[(String, FieldError)], field: &str) -> Option<FieldError> {
    errors.iter().find(|(f, _)| f == field).map(|(_, e)| *e)
}

/// A new password and its confirmation, as sign-up, reset and change ask them.
#[component]
pub fn NewPasswordFields(label: &'static str, errors: Vec<(String, FieldError)>) -> impl IntoView {
    let t = use_t();
    view! {
        <FormField
            name="password"
            label=label
            input_type="password"
            hint=t.new_password_hint
            error=error_for(&errors, "password")
            autocomplete="new-password"
        />
        <FormField
            name="confirm"
            label=t.confirm_label
            input_type="password"
            error=error_for(&errors, "confirm")
            autocomplete="new-password"
        />
    }
}
