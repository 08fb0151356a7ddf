//! Filling in where the phone is.

use leptos::prelude::*;

/// A button that fills the latitude and longitude fields with these ids
/// from the phone's position. It needs the browser, so it appears only
/// once the island runs; without it people type the numbers or leave them.
#[island]
pub fn LocateButton(
    latitude: String,
    longitude: String,
    label: String,
    locating: String,
    failed: String,
) -> impl IntoView {
    let awake = RwSignal::new(false);
    Effect::new(move |_| awake.set(true));
    let status = RwSignal::new(String::new());
    let locate = move |_| {
        status.set(locating.clone());
        #[cfg(feature = "hydrate")]
        {
            let (latitude, longitude, failed) =
                (latitude.clone(), longitude.clone(), failed.clone());
            locate_me(move |found| match found {
                Some((lat, lon)) => {
                    super::dom::set_field_value(&latitude, &fixed(lat));
                    super::dom::set_field_value(&longitude, &fixed(lon));
                    status.set(String::new());
                }
                None => status.set(failed.clone()),
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&latitude, &longitude, &failed);
    };
    view! {
        <Show when=move || awake.get()>
            <button type="button" class="button button-quiet" on:click=locate.clone()>
                {label.clone()}
            </button>
        </Show>
        <p class="hint" role="status" aria-live="polite">
            {move || status.get()}
        </p>
    }
}

/// Six decimals (about 10 cm), formatted by the browser: Rust's float
/// formatting would add some 15 KB to the wasm.
#[cfg(feature = "hydrate")]
fn fixed(degrees: f64) -> String {
    js_sys::Number::from(degrees)
        .to_fixed(6)
        .map(String::from)
        .unwrap_or_default()
}

/// Asks the browser where the phone is; `done` gets the position, or
/// `None` when it is refused or unknown.
#[cfg(feature = "hydrate")]
fn locate_me(done: impl Fn(Option<(f64, f64)>) + Clone + 'static) {
    use wasm_bindgen::{JsCast, closure::Closure};
    let geolocation = web_sys::window().and_then(|w| w.navigator().geolocation().ok());
    let Some(geolocation) = geolocation else {
        done(None);
        return;
    };
    let found = {
        let done = done.clone();
        Closure::once_into_js(move |position: web_sys::Position| {
            let c = position.coords();
            done(Some((c.latitude(), c.longitude())));
        })
    };
    let failed = {
        let done = done.clone();
        Closure::once_into_js(move |_: wasm_bindgen::JsValue| done(None))
    };
    if geolocation
        .get_current_position_with_error_callback(
            found.unchecked_ref(),
            Some(failed.unchecked_ref()),
        )
        .is_err()
    {
        done(None);
    }
}
