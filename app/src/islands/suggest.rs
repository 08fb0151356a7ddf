//! Similar open matters, suggested while someone types a report.

use leptos::prelude::*;

/// How long typing must pause before similar matters are looked up.
#[cfg(feature = "hydrate")]
const SUGGEST_AFTER_MS: u64 = 400;

/// Watches the report form's fields (element id, query name) and, once
/// typing in `watch` pauses or a choice changes, asks the page again with
/// them in its query and puts the region `region` in place: the same
/// suggestions the server shows for "look for similar" without JavaScript.
#[island]
pub fn SimilarAsYouType(
    fields: Vec<(String, String)>,
    watch: String,
    region: String,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| follow(fields.clone(), watch.clone(), region.clone()));
    #[cfg(not(feature = "hydrate"))]
    let _ = (fields, watch, region);
}

#[cfg(feature = "hydrate")]
fn follow(fields: Vec<(String, String)>, watch: String, region: String) {
    use std::{cell::RefCell, rc::Rc};

    use super::dom;

    // The query last asked for: leaving the field (to press 我也遇到,
    // say) must not look the same words up again under the pointer.
    let ids: Vec<String> = fields.iter().map(|(id, _)| id.clone()).collect();
    let asked = Rc::new(RefCell::new(query_of(&fields)));
    let look = {
        let asked = asked.clone();
        Rc::new(move || {
            let query = query_of(&fields);
            if *asked.borrow() == query {
                return;
            }
            asked.replace(query.clone());
            let region = vec![region.clone()];
            leptos::task::spawn_local(async move {
                let path = web_sys::window()
                    .and_then(|w| w.location().pathname().ok())
                    .unwrap_or_default();
                dom::refresh_regions(&format!("{path}?{query}"), &region).await;
            });
        })
    };
    let pending = Rc::new(RefCell::new(None::<TimeoutHandle>));
    let typing = {
        let look = look.clone();
        move |_| {
            if let Some(handle) = pending.borrow_mut().take() {
                handle.clear();
            }
            let look = look.clone();
            let handle = set_timeout_with_handle(
                move || look(),
                std::time::Duration::from_millis(SUGGEST_AFTER_MS),
            );
            pending.replace(handle.ok());
        }
    };
    dom::listen(&watch, "input", typing);
    for id in ids {
        let look = look.clone();
        dom::listen(&id, "change", move |_| look());
    }
}

/// The form's watched fields as a query string.
#[cfg(feature = "hydrate")]
fn query_of(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(id, name)| {
            format!(
                "{name}={}",
                super::dom::encode(&super::dom::field_value(id))
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}
