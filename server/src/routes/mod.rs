//! HTTP routes that are not pages.

pub mod health;
pub mod lang;
