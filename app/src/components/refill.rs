//! A page with several forms: the one that came back from a failed post is
//! refilled with what was typed and shows its errors; the others stay empty.

use leptos::prelude::*;
use linli_model::account::FieldError;

use super::{Input, error_for, errors_from_query, inline_field};

/// What a form that came back carries: which form it was, what was typed
/// and the errors, so only that form is refilled.
#[derive(Clone)]
pub struct Refill {
    which: String,
    typed: std::collections::HashMap<String, String>,
    errors: Vec<(String, FieldError)>,
}

impl Refill {
    /// Reads the query string; `fields` are the names worth refilling.
    pub fn read(fields: &[&str]) -> Self {
        let query = crate::url::query();
        query.with_untracked(|q| Refill {
            which: q.get("which").unwrap_or_default(),
            typed: fields
                .iter()
                .filter_map(|k| q.get(k).map(|v| ((*k).to_owned(), v)))
                .collect(),
            errors: errors_from_query(q.get("errors")),
        })
    }

    /// Whether form `which` is the one that came back.
    pub fn is(&self, which: &str) -> bool {
        self.which == which
    }

    /// Form `which` filled with what is saved, unless it came back with
    /// what was typed and its errors; a link that names the form (`which`)
    /// without errors fills in what it carries over the saved values.
    pub fn or_saved(&self, which: &str, saved: &[(&str, &str)]) -> Refill {
        if self.is(which) && !self.errors.is_empty() {
            return self.clone();
        }
        let mut typed: std::collections::HashMap<String, String> = saved
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        if self.is(which) {
            typed.extend(self.typed.clone());
        }
        Refill {
            which: which.to_owned(),
            typed,
            errors: Vec::new(),
        }
    }

    /// What was typed into `name` of form `which`, if that form came back.
    pub fn typed(&self, which: &str, name: &str) -> Option<String> {
        (self.which == which)
            .then(|| self.typed.get(name).cloned())
            .flatten()
    }

    /// A field of form `which`, with what was typed into it and its error.
    pub fn field(
        &self,
        which: &str,
        name: &'static str,
        label: &'static str,
        input: Input,
        hint: Option<&'static str>,
    ) -> impl IntoView + use<> {
        let value = self.typed(which, name).unwrap_or_default();
        inline_field(
            which,
            name.to_owned(),
            label.to_owned(),
            input,
            value,
            self.error(which, name),
            hint,
        )
    }

    /// The error of field `name` in form `which`.
    pub fn error(&self, which: &str, name: &str) -> Option<FieldError> {
        (self.which == which)
            .then(|| error_for(&self.errors, name))
            .flatten()
    }
}

/// A form posting to `action`, with an anchor so the redirect lands on it.
pub fn post_form(
    anchor: String,
    action: String,
    button: &'static str,
    fields: AnyView,
) -> impl IntoView {
    view! {
        <form id=anchor class="stack-form" method="post" action=action>
            {fields}
            <button type="submit" class="button">{button}</button>
        </form>
    }
}
