//! The results tracker and the recurring-matters list.

use leptos::prelude::*;
use linli_model::{
    recurring::RecurringPage,
    tracker::{TrackedList, TrackedPage},
};

use crate::AppError;

#[cfg(feature = "ssr")]
fn tracker(s: &super::Services) -> linli_service::tracker::Tracker<'_> {
    linli_service::tracker::Tracker {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
}

/// `place`: empty for the whole city, or a district, street or community
/// code; `late`: only results past their planned date; `page` from 1.
#[server(endpoint = "results")]
pub async fn results_of_place(
    place: String,
    late: bool,
    page: u32,
) -> Result<TrackedList, AppError> {
    let place = linli_service::accountability::parse_place(&place)?;
    let s = super::services()?;
    Ok(tracker(&s).list(&place, late, page).await?)
}

#[server(endpoint = "result")]
pub async fn one_result(id: i64) -> Result<TrackedPage, AppError> {
    let s = super::services()?;
    Ok(tracker(&s).page(&super::actor(), id).await?)
}

/// A community's recurring matters of `month` (`YYYY-MM`; empty for the
/// current one).
#[server(endpoint = "recurring")]
pub async fn recurring_of(community: String, month: String) -> Result<RecurringPage, AppError> {
    use linli_service::Error;
    let community =
        linli_model::tree::CommunityCode::parse(&community).map_err(|_| Error::NotFound)?;
    let month = linli_model::accountability::Month::optional(&month)
        .map_err(|e| Error::invalid("month", e))?;
    let s = super::services()?;
    Ok(linli_service::recurring::Recurring {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
    .page(&super::actor(), &community, month)
    .await?)
}
