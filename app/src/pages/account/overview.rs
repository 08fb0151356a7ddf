use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use linli_model::{account::Viewer, role::Scope};

use super::FormMessages;
use crate::{
    AppError,
    api::account::current_viewer,
    components::{ErrorNotice, FormField, Loading, error_for, errors_from_query},
    i18n::use_t,
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let viewer = Resource::new(|| (), |_| current_viewer());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(viewer)) => view! { <AccountView viewer /> }.into_any(),
                    Ok(None) => view! { <ErrorNotice error=AppError::Unauthenticated /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn scope_label(scope: &Scope) -> String {
    match scope {
        Scope::Platform => String::new(),
        other => other.key(),
    }
}

#[component]
fn AccountView(viewer: Viewer) -> impl IntoView {
    let t = use_t();
    let errors = errors_from_query(use_query_map().with_untracked(|q| q.get("errors")));
    let roles = if viewer.grants.is_empty() {
        view! { <p class="empty">{t.no_roles}</p> }.into_any()
    } else {
        let items = viewer
            .grants
            .iter()
            .map(|g| {
                view! {
                    <li>
                        <span class="badge">{(t.role)(g.role())}</span>
                        " "
                        <span class="code">{scope_label(g.scope())}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="role-list">{items}</ul> }.into_any()
    };
    view! {
        <Title text=t.account_title />
        <div class="wrap section narrow">
            <h1>{viewer.display_name.clone()}</h1>
            <FormMessages />
            <section aria-labelledby="roles-heading" class="panel">
                <h2 id="roles-heading">{t.roles_heading}</h2>
                {roles}
            </section>
            <section aria-labelledby="password-heading" class="panel">
                <h2 id="password-heading">{t.change_password_heading}</h2>
                <form class="stack-form" method="post" action="/account/password">
                    <FormField
                        name="current"
                        label=t.current_password_label
                        input_type="password"
                        error=error_for(&errors, "current")
                        autocomplete="current-password"
                    />
                    <FormField
                        name="password"
                        label=t.new_password_label
                        input_type="password"
                        hint=t.new_password_hint
                        error=error_for(&errors, "password")
                        autocomplete="new-password"
                    />
                    <FormField
                        name="confirm"
                        label=t.confirm_label
                        input_type="password"
                        error=error_for(&errors, "confirm")
                        autocomplete="new-password"
                    />
                    <button type="submit" class="button">
                        {t.change_password_button}
                    </button>
                </form>
            </section>
            <section aria-labelledby="sessions-heading" class="panel">
                <h2 id="sessions-heading">{t.sessions_heading}</h2>
                <p>{t.sign_out_everywhere_hint}</p>
                <form method="post" action="/account/sign-out-everywhere">
                    <button type="submit" class="button button-quiet">
                        {t.sign_out_everywhere_button}
                    </button>
                </form>
            </section>
        </div>
    }
}
