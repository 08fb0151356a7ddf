//! Signing in and up, and the account page.

mod join;
mod overview;
mod reset;
mod sign_in;
mod sign_up;

pub use join::JoinPage;
pub use overview::AccountPage;
pub use reset::{ForgotPage, ResetPage};
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;

use leptos::prelude::*;

use crate::i18n::{Catalogue, use_t};

/// A message a redirect carried back in `?notice=` or `?error=`.
#[component]
pub(crate) fn FormMessages() -> impl IntoView {
    let t: &'static Catalogue = use_t();
    let query = crate::url::query();
    let (notice, error, retry) =
        query.with_untracked(|q| (q.get("notice"), q.get("error"), q.get("retry")));
    let notice = notice.and_then(|n| match n.as_str() {
        "welcome" => Some(t.notice_welcome),
        "password_changed" => Some(t.notice_password_changed),
        "signed_out_everywhere" => Some(t.notice_signed_out_everywhere),
        "joined_pending" => Some(t.notice_joined_pending),
        "joined_verified" => Some(t.notice_joined_verified),
        "decided" => Some(t.notice_decided),
        "role_granted" => Some(t.notice_role_granted),
        "role_revoked" => Some(t.notice_role_revoked),
        "reset_sent" => Some(t.notice_reset_sent),
        "password_reset" => Some(t.notice_password_reset),
        "token_revoked" => Some(t.notice_token_revoked),
        "reported" => Some(t.notice_reported),
        "supported" => Some(t.notice_supported),
        "bulk_dispatched" => Some(t.notice_bulk_dispatched),
        "placed" => Some(t.notice_placed),
        "saved" => Some(t.notice_settings_saved),
        "added" => Some(t.notice_added),
        "removed" => Some(t.notice_removed),
        s if s.starts_with("step_") => Some(t.notice_step_done),
        _ => None,
    });
    let error = error.and_then(|e| match e.as_str() {
        "bad_credentials" => Some(t.bad_credentials.to_owned()),
        "locked" => Some((t.locked)(
            retry.and_then(|r| r.parse().ok()).unwrap_or(900),
        )),
        "unavailable" => Some(t.unavailable.to_owned()),
        "denied" => Some(t.denied_here.to_owned()),
        "moved_on" => Some(t.error_moved_on.to_owned()),
        _ => None,
    });
    view! {
        {notice.map(|n| view! { <p class="notice-ok" role="status">{n}</p> })}
        {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
    }
}
