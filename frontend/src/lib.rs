//! The browser entry: hydrates the page the server rendered. Nothing else
//! belongs here; the app lives in `linli-app`.

// Leptos views are deeply nested types; release builds need the headroom.
#![recursion_limit = "256"]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(linli_app::App);
}
