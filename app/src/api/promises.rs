//! Promises with deadlines: the public list of a place, one promise's page.

use leptos::prelude::*;
use linli_model::promise::{PromiseList, PromisePage};

use crate::AppError;

#[cfg(feature = "ssr")]
fn promises(s: &super::Services) -> linli_service::promises::Promises<'_> {
    linli_service::promises::Promises {
        store: &s.store,
        clock: s.clock.as_ref(),
    }
}

/// `place`: empty for the whole city, or a district, street or community
/// code.
#[server(endpoint = "promises")]
pub async fn promises_of_place(place: String) -> Result<PromiseList, AppError> {
    let place = linli_service::accountability::parse_place(&place)?;
    let s = super::services()?;
    Ok(promises(&s).list(&place).await?)
}

#[server(endpoint = "promise")]
pub async fn one_promise(id: i64) -> Result<PromisePage, AppError> {
    let s = super::services()?;
    Ok(promises(&s).page(&super::actor(), id).await?)
}
