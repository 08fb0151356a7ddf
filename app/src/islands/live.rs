//! Parts of a page that follow changes made elsewhere, without a reload.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What tells a live page to look again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refresh {
    /// A server-sent event stream at this path: each `changed` event.
    Events(String),
    /// Every this many seconds.
    Every(u32),
}

/// Keeps the elements with these ids current: when `refresh` says so, the
/// page is fetched again and those regions are put in place, except one
/// someone is typing in. A polite status says the page changed. Without
/// JavaScript the page is simply as it was served.
#[island]
pub fn LiveRegions(refresh: Refresh, regions: Vec<String>, updated: String) -> impl IntoView {
    let said = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| watch(refresh.clone(), regions.clone(), updated.clone(), said));
    #[cfg(not(feature = "hydrate"))]
    let _ = (refresh, regions, updated);
    view! {
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || said.get()}
        </p>
    }
}

#[cfg(feature = "hydrate")]
fn watch(refresh: Refresh, regions: Vec<String>, updated: String, said: RwSignal<String>) {
    use wasm_bindgen::{JsCast, closure::Closure};
    let regions = std::rc::Rc::new(regions);
    let look_again = move || {
        let regions = regions.clone();
        let updated = updated.clone();
        leptos::task::spawn_local(async move {
            let Some(path) = web_sys::window().and_then(|w| w.location().pathname().ok()) else {
                return;
            };
            if super::dom::refresh_regions(&path, &regions).await {
                said.set(updated);
            }
        });
    };
    match refresh {
        Refresh::Events(url) => {
            let Ok(source) = web_sys::EventSource::new(&url) else {
                return;
            };
            let on_change = Closure::<dyn Fn(web_sys::Event)>::new(move |_| look_again());
            let _ = source
                .add_event_listener_with_callback("changed", on_change.as_ref().unchecked_ref());
            // Both live as long as the page: a link or a form leaves it.
            on_change.forget();
            std::mem::forget(source);
        }
        Refresh::Every(seconds) => {
            let _ = set_interval_with_handle(
                look_again,
                std::time::Duration::from_secs(u64::from(seconds)),
            );
        }
    }
}
