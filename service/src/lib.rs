//! Linli's server-side core. Pages and the REST API call these operations;
//! neither talks to the database directly, so every rule lives here once.

pub mod accountability;
pub mod admission;
pub mod api_token;
pub mod assist;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod clock;
pub mod database_url;
pub mod deliberations;
pub mod digest;
pub mod error;
pub mod intake;
pub mod items;
pub mod limits;
pub mod lists;
pub mod matters;
pub mod membership;
pub mod moderation;
pub mod opinion;
pub mod organisations;
pub mod outbox;
pub mod photos;
pub mod policy;
pub mod projects;
pub mod promises;
pub mod record;
pub mod recurring;
pub mod roles;
pub mod search;
pub mod seed;
pub mod standards;
pub mod store;
pub mod tracker;

pub use database_url::{DatabaseUrl, DatabaseUrlError};
pub use error::{Error, Result};
pub use store::{Engine, Store, StoreOptions};

#[cfg(feature = "testing")]
pub mod testing;
