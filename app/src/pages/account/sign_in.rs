use leptos::prelude::*;

use super::FormMessages;
use crate::{
    components::{FormField, error_for, errors_from_query},
    i18n::use_t,
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_t();
    let query = crate::url::query();
    let (login, next, errors) = query.with_untracked(|q| {
        (
            q.get("login").unwrap_or_default(),
            q.get("next"),
            q.get("errors"),
        )
    });
    let errors = errors_from_query(errors);
    view! {
        <crate::components::PageHead title=t.sign_in_title />
        <div class="wrap section narrow">
            <h1>{t.sign_in_title}</h1>
            <p class="lead">{t.sign_in_lead}</p>
            <FormMessages />
            <form class="stack-form" method="post" action="/account/sign-in">
                <input type="hidden" name="next" value=next.unwrap_or_else(|| "/account".into()) />
                <FormField
                    name="login"
                    label=t.login_label
                    value=login
                    hint=t.login_hint
                    error=error_for(&errors, "login")
                    autocomplete="username"
                />
                <FormField
                    name="password"
                    label=t.password_label
                    input_type="password"
                    error=error_for(&errors, "password")
                    autocomplete="current-password"
                />
                <button type="submit" class="button button-large">
                    {t.sign_in_button}
                </button>
            </form>
            <p>
                <a href="/forgot">{t.forgot_link}</a>
            </p>
            <p>
                <a href="/sign-up">{t.no_account}</a>
            </p>
            <p class="hint">{t.demo_accounts_hint}</p>
        </div>
    }
}
