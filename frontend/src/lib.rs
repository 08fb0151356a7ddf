//! The browser entry. Pages are rendered on the server and work without
//! JavaScript; this wakes only the islands (`linli_app::islands`), which the
//! page's loader finds and hands to their exported functions.

// Leptos views are deeply nested types; release builds need the headroom.
#![recursion_limit = "256"]

// The islands' exported functions live in the app crate; linking it is
// what brings them into this module.
pub use linli_app::islands;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Readable panics cost kilobytes; only debug builds carry them.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
