//! The accountability figures of a place and month (public).

use leptos::prelude::*;
use linli_model::accountability::AccountabilityReport;

use crate::AppError;

/// `place`: empty for the whole city, or a district, street, community or
/// grid code; `month`: `YYYY-MM`, empty for this month.
#[server(endpoint = "accountability")]
pub async fn accountability(
    place: String,
    month: String,
) -> Result<AccountabilityReport, AppError> {
    use linli_model::accountability::Month;
    use linli_service::accountability::{Accountability, parse_place};
    let place = parse_place(&place)?;
    let month =
        Month::optional(&month).map_err(|e| AppError::Invalid(vec![("month".to_owned(), e)]))?;
    let s = super::services()?;
    let figures = Accountability {
        store: &s.store,
        clock: s.clock.as_ref(),
    };
    Ok(figures.report(&place, month).await?)
}
