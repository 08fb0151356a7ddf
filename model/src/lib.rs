//! Linli's shared vocabulary: value types that are valid by construction,
//! read models and enums. Everything here compiles for the browser (wasm32)
//! as well as the server, so it must never depend on the database or I/O.

pub mod account;
pub mod accountability;
pub mod admission;
pub mod api_token;
pub mod calendar;
pub mod channel;
pub mod deliberation;
pub(crate) mod form;
pub mod item;
pub mod lang;
pub mod local_path;
pub mod matter;
pub mod membership;
pub mod moderation;
pub mod money;
pub mod need;
pub mod open_data;
pub mod organisation;
pub mod page;
pub mod project;
pub mod promise;
pub mod recurring;
pub mod resource;
pub mod responsibility;
pub mod role;
pub mod standards;
pub mod text;
pub mod time;
pub mod tracker;
pub mod tree;

pub use lang::{Lang, LocalName};
pub use local_path::LocalPath;
pub use page::Page;
