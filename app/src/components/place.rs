//! A district, street, community or grid as people read it.

use leptos::prelude::*;
use linli_model::LocalName;

use crate::i18n::{use_lang, use_t};

/// The place's name, with its code on hover and for screen readers'
/// descriptions; the bare code only where no name is known.
#[component]
pub fn PlaceLabel(code: String, name: Option<LocalName>) -> impl IntoView {
    let lang = use_lang();
    let t = use_t();
    match name {
        Some(name) => view! {
            <span class="place" title=(t.code_of_place)(&code)>
                {name.get(lang).to_owned()}
            </span>
        }
        .into_any(),
        None if code.is_empty() => view! { <span class="place">{t.whole_city}</span> }.into_any(),
        None => view! { <span class="code">{code}</span> }.into_any(),
    }
}
