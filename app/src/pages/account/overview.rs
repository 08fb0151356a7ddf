use leptos::prelude::*;
use linli_model::{account::Viewer, role::Scope};

use super::FormMessages;
use crate::{
    AppError,
    api::{
        account::{current_viewer, my_api_tokens, my_places},
        membership::my_memberships,
    },
    components::{
        ErrorNotice, FormField, Loading, NewPasswordFields, PlaceLabel, error_for,
        errors_from_query,
    },
    i18n::{beijing_time, use_t},
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
    let errors = errors_from_query(crate::url::query().with_untracked(|q| q.get("errors")));
    let roles = if viewer.grants.is_empty() {
        view! { <p class="empty">{t.no_roles}</p> }.into_any()
    } else {
        let grants = viewer.grants.clone();
        let places = Resource::new(|| (), |_| my_places());
        view! {
            <Suspense fallback=Loading>
                {move || {
                    let grants = grants.clone();
                    Suspend::new(async move {
                        let places = places.await.unwrap_or_default();
                        let items = grants
                            .iter()
                            .map(|g| {
                                let code = scope_label(g.scope());
                                let name = places
                                    .iter()
                                    .find(|(k, _)| *k == code)
                                    .map(|(_, n)| n.clone());
                                view! {
                                    <li>
                                        <span class="badge">{(t.role)(g.role())}</span>
                                        " "
                                        {(!code.is_empty())
                                            .then(|| view! { <PlaceLabel code name /> })}
                                    </li>
                                }
                            })
                            .collect_view();
                        view! { <ul class="role-list">{items}</ul> }
                    })
                }}
            </Suspense>
        }
        .into_any()
    };
    view! {
        <crate::components::PageHead title=t.account_title />
        <div class="wrap section narrow">
            <h1>{viewer.display_name.clone()}</h1>
            <FormMessages />
            <p class="button-row">
                <a class="button" href="/inbox">{t.inbox_title}</a>
            </p>
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
            <ApiTokens />
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

/// Personal API tokens, made and revoked with plain forms. The new
/// token's secret is shown in the answer to the form that made it, once.
#[component]
fn ApiTokens() -> impl IntoView {
    let t = use_t();
    let query = crate::url::query();
    let ours = query.with_untracked(|q| q.get("which").as_deref() == Some("token"));
    let typed = ours
        .then(|| query.with_untracked(|q| q.get("name")))
        .flatten()
        .unwrap_or_default();
    let name_error = ours
        .then(|| {
            error_for(
                &errors_from_query(query.with_untracked(|q| q.get("errors"))),
                "name",
            )
        })
        .flatten();
    let created = match crate::shown_once::ShownOnce::of_request() {
        Some(crate::shown_once::ShownOnce::ApiToken(secret)) => Some(secret),
        _ => None,
    };
    let tokens = Resource::new(|| (), |_| my_api_tokens());
    view! {
        <section aria-labelledby="tokens-heading" class="panel">
            <h2 id="tokens-heading">{t.tokens_heading}</h2>
            <p>{t.tokens_hint} " " <a href="/api">{t.footer_api}</a></p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let tokens = tokens.await.unwrap_or_default();
                    if tokens.is_empty() {
                        return view! { <p class="empty">{t.tokens_empty}</p> }.into_any();
                    }
                    let rows = tokens
                        .into_iter()
                        .map(|token| {
                            let used = token.last_used_at.map_or_else(
                                || t.token_never_used.to_owned(),
                                |at| format!("{} {}", t.token_last_used, beijing_time(at)),
                            );
                            view! {
                                <li class="token-row">
                                    <div>
                                        <strong>{token.name}</strong>
                                        <p class="hint">
                                            {t.token_created_at} " " {beijing_time(token.created_at)}
                                            " · " {used}
                                        </p>
                                    </div>
                                    <form method="post" action=format!("/account/tokens/{}/revoke", token.id)>
                                        <button type="submit" class="button button-quiet">
                                            {t.token_revoke_button}
                                        </button>
                                    </form>
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="token-list">{rows}</ul> }.into_any()
                })}
            </Suspense>
            {created.map(|secret| view! {
                <div class="notice-ok" role="status">
                    <p>{t.token_created}</p>
                    <p><code class="secret" id="new-token">{secret}</code></p>
                </div>
            })}
            <form method="post" action="/account/tokens" class="stack-form">
                <div class="field">
                    <label for="token-name">{t.token_name_label}</label>
                    <input
                        id="token-name"
                        name="name"
                        type="text"
                        maxlength="40"
                        autocomplete="off"
                        value=typed
                        aria-invalid=if name_error.is_some() { "true" } else { "false" }
                        aria-describedby=name_error.map(|_| "token-name-error")
                    />
                    {name_error.map(|e| view! { <p id="token-name-error" class="field-error">{(t.field_error)(&e)}</p> })}
                </div>
                <button type="submit" class="button">{t.token_create_button}</button>
            </form>
        </section>
    }
}
