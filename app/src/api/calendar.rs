//! The working-day calendar of a district (public; its officers change it).

use leptos::prelude::*;
use linli_model::{
    LocalName,
    calendar::{SpecialDay, Stretch},
};
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarData {
    pub district: String,
    pub name: LocalName,
    /// This year's and next year's holidays as in force in the district.
    pub stretches: Vec<Stretch>,
    /// The days the district set itself, which its officers may take back.
    pub local: Vec<SpecialDay>,
    pub may_edit: bool,
}

#[server(endpoint = "calendar/district")]
pub async fn district_calendar(code: String) -> Result<CalendarData, AppError> {
    use linli_model::calendar::stretches;
    use linli_service::{calendar::Calendar, store::CalendarPlace};
    let code = linli_model::tree::DistrictCode::parse(&code)?;
    let s = super::services()?;
    let name = s
        .store
        .place_name(code.as_str())
        .await?
        .ok_or(linli_service::Error::NotFound)?;
    let calendar = Calendar {
        store: &s.store,
        clock: s.clock.as_ref(),
    };
    let shown = calendar.this_and_next_year(&code).await?;
    Ok(CalendarData {
        district: code.to_string(),
        name,
        stretches: stretches(&shown),
        local: shown.iter().filter(|d| d.local).map(|d| d.day).collect(),
        may_edit: Calendar::may_keep(&super::actor(), &CalendarPlace::District(code)),
    })
}
