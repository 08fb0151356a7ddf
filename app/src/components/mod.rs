//! Pieces shared by several pages.

mod chart;
mod form;
mod layout;
mod photos;
mod refill;
mod status;

pub use chart::BarChart;
pub use form::{FormField, Input, NewPasswordFields, error_for, errors_from_query, inline_field};
pub use layout::{SiteFooter, SiteHeader};
pub use photos::{PhotoFields, PhotoStrip};
pub use refill::{Refill, post_form};
pub use status::{ErrorNotice, Loading, set_status};
