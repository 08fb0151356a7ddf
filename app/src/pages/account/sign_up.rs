use leptos::prelude::*;

use super::FormMessages;
use crate::{
    components::{FormField, NewPasswordFields, error_for, errors_from_query},
    i18n::use_t,
};

#[component]
pub fn SignUpPage() -> impl IntoView {
    let t = use_t();
    let query = crate::url::query();
    let (display_name, login, errors) = query.with_untracked(|q| {
        (
            q.get("display_name").unwrap_or_default(),
            q.get("login").unwrap_or_default(),
            q.get("errors"),
        )
    });
    let errors = errors_from_query(errors);
    let summary = (!errors.is_empty()).then(|| {
        view! {
            <p class="form-error" role="alert">
                {t.errors_summary}
            </p>
        }
    });
    view! {
        <crate::components::PageHead title=t.sign_up_title />
        <div class="wrap section narrow">
            <h1>{t.sign_up_title}</h1>
            <p class="lead">{t.sign_up_lead}</p>
            <FormMessages />
            {summary}
            <form class="stack-form" method="post" action="/account/sign-up">
                <FormField
                    name="display_name"
                    label=t.display_name_label
                    value=display_name
                    hint=t.display_name_hint
                    error=error_for(&errors, "display_name")
                    autocomplete="nickname"
                />
                <FormField
                    name="login"
                    label=t.login_label
                    value=login
                    hint=t.login_hint
                    error=error_for(&errors, "login")
                    autocomplete="username"
                />
                <NewPasswordFields label=t.password_label errors=errors.clone() />
                <button type="submit" class="button button-large">
                    {t.sign_up_button}
                </button>
            </form>
            <p>
                <a href="/sign-in">{t.have_account}</a>
            </p>
        </div>
    }
}
