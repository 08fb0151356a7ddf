//! Pieces shared by several pages.

mod chart;
mod filter;
mod form;
mod head;
mod layout;
mod photos;
mod place;
mod refill;
mod status;
mod table;

pub use chart::BarChart;
pub use filter::{PlaceFilter, place_error};
pub use form::{FormField, Input, NewPasswordFields, error_for, errors_from_query, inline_field};
pub use head::PageHead;
#[cfg(feature = "ssr")]
pub use layout::account_links_html;
pub use layout::{SiteFooter, SiteHeader};
pub use photos::{PhotoFields, PhotoStrip};
pub use place::PlaceLabel;
pub use refill::{Refill, post_form};
pub use status::{ErrorNotice, Loading, set_status};
pub use table::ScrollTable;
