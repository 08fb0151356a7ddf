//! The server: configuration, command line, start-up, the REST API and the
//! HTTP routes that are not pages (forms, health, language switch). Pages and server functions
//! come from `linli-app`; rules and data from `linli-service`.

// Leptos views are deeply nested types; release builds need the headroom.
#![recursion_limit = "256"]

pub mod allocator;
pub mod api;
pub mod assets;
pub mod cli;
pub mod client;
pub mod middleware;
pub mod open311;
pub mod page_cache;
pub mod routes;
pub mod session_cache;
pub mod startup;
pub mod streams;
pub mod telemetry;
pub mod typed_back;

pub use startup::{Application, ServeOptions};
