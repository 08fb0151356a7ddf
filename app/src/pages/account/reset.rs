use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::FormMessages;
use crate::{
    components::{FormField, NewPasswordFields, error_for, errors_from_query},
    i18n::use_t,
};

/// `/forgot`: asks for the login to send a reset link to.
#[component]
pub fn ForgotPage() -> impl IntoView {
    let t = use_t();
    let query = crate::url::query();
    let (login, errors) =
        query.with_untracked(|q| (q.get("login").unwrap_or_default(), q.get("errors")));
    let errors = errors_from_query(errors);
    view! {
        <crate::components::PageHead title=t.forgot_title />
        <div class="wrap section narrow">
            <h1>{t.forgot_title}</h1>
            <p class="lead">{t.forgot_lead}</p>
            <FormMessages />
            <form class="stack-form" method="post" action="/account/forgot">
                <FormField
                    name="login"
                    label=t.login_label
                    value=login
                    hint=t.login_hint
                    error=error_for(&errors, "login")
                    autocomplete="username"
                />
                <button type="submit" class="button button-large">
                    {t.forgot_button}
                </button>
            </form>
        </div>
    }
}

/// `/reset/:token`: the page a reset link opens.
#[component]
pub fn ResetPage() -> impl IntoView {
    let t = use_t();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let errors = errors_from_query(crate::url::query().with_untracked(|q| q.get("errors")));
    let link_error = error_for(&errors, "token");
    view! {
        <crate::components::PageHead title=t.reset_title />
        <div class="wrap section narrow">
            <h1>{t.reset_title}</h1>
            <p class="lead">{t.reset_lead}</p>
            <FormMessages />
            {link_error
                .map(|e| {
                    view! {
                        <p class="form-error" role="alert">
                            {(t.field_error)(&e)}
                            " "
                            <a href="/forgot">{t.forgot_title}</a>
                        </p>
                    }
                })}
            <form class="stack-form" method="post" action="/account/reset">
                <input type="hidden" name="token" value=token />
                <NewPasswordFields label=t.new_password_label errors=errors.clone() />
                <button type="submit" class="button button-large">
                    {t.reset_button}
                </button>
            </form>
        </div>
    }
}
