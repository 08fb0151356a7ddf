//! The governance standards board of a place (public).

use leptos::prelude::*;
use linli_model::standards::Board;

use crate::AppError;

/// `place`: empty for the whole city, or a district, street or community
/// code.
#[server(endpoint = "standards")]
pub async fn standards_board(place: String) -> Result<Board, AppError> {
    use linli_service::{accountability::parse_place, standards::Standards};
    let place = parse_place(&place)?;
    let s = super::services()?;
    let standards = Standards {
        store: &s.store,
        clock: s.clock.as_ref(),
        staff_per_10k: s.staff_per_10k,
    };
    Ok(standards.board(&place).await?)
}
