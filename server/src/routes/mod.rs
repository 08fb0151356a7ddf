//! HTTP routes that are not pages.

pub mod account;
pub mod admission;
pub mod assist;
pub mod calendar;
pub mod deliberations;
pub mod health;
pub mod lang;
pub mod lists;
pub mod matters;
pub mod membership;
pub mod moderation;
mod photo_form;
pub mod photos;
pub mod projects;
pub mod promises;
pub mod results;
pub mod shown_once;

use axum::response::{IntoResponse, Redirect, Response};
use linli_service::Error;

/// The redirect that answers a plain form on a page with several: a notice
/// on success, the conflict's code (behind `prefix`) when the step cannot
/// be taken now, or the form back with what was typed; `which` names the
/// form, so only it is refilled, and is the anchor the page scrolls to.
pub(crate) fn answer_form(
    page: &str,
    which: &str,
    notice: &str,
    prefix: &str,
    typed: Vec<(&str, &str)>,
    outcome: Result<(), Error>,
) -> Response {
    let join = if page.contains('?') { '&' } else { '?' };
    match outcome {
        Ok(()) => Redirect::to(&format!("{page}{join}notice={notice}#{which}")).into_response(),
        Err(Error::Conflict(code)) => {
            Redirect::to(&format!("{page}{join}error={prefix}{code}#{which}")).into_response()
        }
        Err(Error::Unauthenticated | Error::Denied(linli_model::role::Denied::SignInRequired)) => {
            account::sign_in_first(page)
        }
        Err(e) => {
            let mut typed = typed;
            typed.push(("which", which));
            account::back_to(page, &typed, &e)
        }
    }
}
