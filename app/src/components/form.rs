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

/// What kind of control an [`inline_field`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    /// Several lines.
    Textarea,
    DateTime,
    Date,
    Number,
    /// One of `(value, label)` choices.
    Select(crate::i18n::lists::Choices),
    /// A box to tick; any value sent means ticked.
    Check,
}

/// A labelled control inside one of several forms on a page: its id is
/// prefixed by the form's, so ids stay unique, and the value and error are
/// those the form came back with (empty for the other forms).
pub fn inline_field(
    form: &str,
    name: String,
    label: String,
    input: Input,
    value: String,
    error: Option<FieldError>,
    hint: Option<&'static str>,
) -> impl IntoView + use<> {
    let t = use_t();
    let id = format!("{form}-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let invalid = if error.is_some() { "true" } else { "false" };
    let described = [
        hint.map(|_| hint_id.clone()),
        error.map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let control = match input {
        Input::Textarea => view! {
            <textarea id=id.clone() name=name rows="3" maxlength="4000" aria-invalid=invalid aria-describedby=described>{crate::raw_text::raw_text(&value)}</textarea>
        }
        .into_any(),
        Input::Select(choices) => view! {
            <select id=id.clone() name=name aria-invalid=invalid aria-describedby=described>
                <option value="" selected=value.is_empty()>{t.choose}</option>
                {choices.iter().map(|(v, l)| view! { <option value=*v selected=value == *v>{*l}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Input::Check => {
            return view! {
                <div class="field check-field">
                    <input id=id.clone() name=name type="checkbox" value="on" checked=!value.is_empty() aria-describedby=described />
                    <label for=id>{label}</label>
                    {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
                </div>
            }
            .into_any();
        }
        Input::Text | Input::DateTime | Input::Date | Input::Number => {
            let (kind, max) = match input {
                Input::DateTime => ("datetime-local", "20"),
                Input::Date => ("date", "10"),
                Input::Number => ("number", "10"),
                _ => ("text", "200"),
            };
            view! {
                <input id=id.clone() name=name type=kind maxlength=max value=value aria-invalid=invalid aria-describedby=described />
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
            {error.map(|e| view! { <p id=error_id class="field-error">{(t.field_error)(&e)}</p> })}
        </div>
    }
    .into_any()
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
