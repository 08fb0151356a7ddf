use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use linli_model::{account::Viewer, role::Scope};

use super::FormMessages;
use crate::{
    AppError,
    api::{account::current_viewer, membership::my_memberships},
    components::{
        ErrorNotice, FormField, Loading, NewPasswordFields, error_for, errors_from_query,
    },
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

/// The communities a person belongs to or asked to join.
#[component]
fn MyCommunities() -> impl IntoView {
    let t = use_t();
    let lang = crate::i18n::use_lang();
    let mine = Resource::new(|| (), |_| my_memberships());
    view! {
        <section aria-labelledby="memberships-heading" class="panel">
            <h2 id="memberships-heading">{t.memberships_heading}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let mine = mine.await.unwrap_or_default();
                    if mine.is_empty() {
                        return view! {
                            <p class="empty">{t.no_memberships}</p>
                            <p>
                                <a class="button" href="/communities">{t.home_browse}</a>
                            </p>
                        }
                            .into_any();
                    }
                    let items = mine
                        .into_iter()
                        .map(|m| {
                            view! {
                                <li>
                                    <a href=format!("/communities/{}", m.community)>
                                        {m.community_name.get(lang).to_owned()}
                                    </a>
                                    " · "
                                    <span class=format!("status status-{}", m.status.as_str())>
                                        {(t.membership_status)(m.status)}
                                    </span>
                                    {m.reason.map(|r| view! { <p class="hint">{t.reason_prefix}{r}</p> })}
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="role-list">{items}</ul> }.into_any()
                })}
            </Suspense>
        </section>
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
            <MyCommunities />
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
                    <NewPasswordFields label=t.new_password_label errors=errors.clone() />
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
