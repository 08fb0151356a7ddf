//! HTTP routes that are not pages.

pub mod account;
pub mod deliberations;
pub mod health;
pub mod lang;
pub mod matters;
pub mod membership;
pub mod photos;
pub mod projects;
