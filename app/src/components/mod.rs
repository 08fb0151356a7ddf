//! Pieces shared by several pages.

mod chart;
mod layout;
mod status;

pub use chart::BarChart;
pub use layout::{SiteFooter, SiteHeader};
pub use status::{ErrorNotice, Loading, set_status};
