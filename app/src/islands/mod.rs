//! The only parts of Linli that run in the browser.
//!
//! Every page is rendered on the server and works without JavaScript. An
//! island adds what truly needs the browser, and without JavaScript it
//! leaves the plain page as it is. Islands take their words as props, so
//! the language catalogues stay on the server and out of the wasm. They
//! change the page through the DOM (fetching fresh HTML for a region, hiding
//! rows, filling a field) rather than rendering it again, which keeps the
//! client small. `docs/ARCHITECTURE.md` lists each island and why.

#[cfg(feature = "hydrate")]
mod dom;
mod filter;
mod live;
mod locate;
mod suggest;

pub use filter::{GridFilter, find_text, grid_matches};
pub use live::{LiveRegions, Refresh};
pub use locate::LocateButton;
pub use suggest::SimilarAsYouType;
