//! Sign-up, sign-in, sign-out and password forms. Plain HTML form posts
//! that answer with a redirect (POST, redirect, GET): they work without
//! JavaScript, a refresh never re-submits, and on failure the person lands
//! back on the form with what they typed (never the password) and the
//! errors beside the fields.

use axum::{
    Extension, Form,
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use linli_app::{SESSION_COOKIE, shown_once::ShownOnce};
use linli_model::{
    LocalPath,
    account::{FieldError, Password, SignUpForm, encode_field_errors},
};
use linli_service::{
    Error,
    auth::{SESSION_IDLE, SessionToken, SignedIn},
    policy::Actor,
};
use serde::Deserialize;

use crate::{
    client::ClientIp,
    routes::shown_once::{FormWithParts, page_showing},
    startup::AppState,
    typed_back::KeepTyped,
};

fn query(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", linli_app::url::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn session_cookie(state: &AppState, value: &str, max_age_secs: i64) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("linli_session=; Path=/; Max-Age=0"))
}

fn signed_in(state: &AppState, session: &SignedIn, to: &str) -> Response {
    let cookie = session_cookie(state, session.token.cookie_value(), SESSION_IDLE / 1000);
    ([(header::SET_COOKIE, cookie)], Redirect::to(to)).into_response()
}

/// Where a visitor goes when a form needs them signed in: the sign-in
/// page, which brings them back to the form.
pub(crate) fn sign_in_first(form_path: &str) -> Response {
    Redirect::to(&linli_app::url::sign_in_from(form_path)).into_response()
}

/// Every failure a form can meet, as the redirect back to that form. What
/// was typed, and which fields are wrong, stay on the server
/// ([`KeepTyped`]); the URL carries only codes of ours: the form's name,
/// the error and the `kept` marker.
pub(crate) fn back_to(form: &str, typed: &[(&str, &str)], error: &Error) -> Response {
    let mut kept: Vec<(String, String)> = typed
        .iter()
        .filter(|(k, v)| *k != "which" && !v.is_empty())
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let mut pairs: Vec<(&str, String)> = typed
        .iter()
        .filter(|(k, _)| *k == "which")
        .map(|(k, v)| (*k, (*v).to_owned()))
        .collect();
    pairs.push(("kept", "1".into()));
    match error {
        Error::Invalid(fields) => kept.push(("errors".into(), encode_field_errors(fields))),
        Error::BadCredentials => pairs.push(("error", "bad_credentials".into())),
        Error::RateLimited { retry_after_secs } => {
            pairs.push(("error", "locked".into()));
            pairs.push(("retry", retry_after_secs.to_string()));
        }
        Error::Unauthenticated => return sign_in_first(form),
        Error::Denied(_) => pairs.push(("error", "denied".into())),
        Error::NotFound => pairs.push(("error", "not_found".into())),
        other => {
            tracing::error!(error = %other, form, "form failed");
            pairs.push(("error", "unavailable".into()));
        }
    }
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (path, given) = form.split_once('?').unwrap_or((form, ""));
    let joined = [given, &query(&borrowed)]
        .into_iter()
        .filter(|q| !q.is_empty())
        .collect::<Vec<_>>()
        .join("&");
    let mut response = Redirect::to(&format!("{path}?{joined}")).into_response();
    response.extensions_mut().insert(KeepTyped {
        path: path.to_owned(),
        fields: kept,
    });
    response
}

#[derive(Debug, Deserialize)]
pub struct SignUpFields {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /account/sign-up`
pub async fn sign_up(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Form(f): Form<SignUpFields>,
) -> Response {
    let form = SignUpForm {
        display_name: f.display_name,
        login: f.login,
        password: f.password,
        confirm: f.confirm,
    };
    let typed = [
        ("display_name", form.display_name.as_str()),
        ("login", form.login.as_str()),
    ];
    let new = match form.parse() {
        Ok(new) => new,
        Err(fields) => return back_to("/sign-up", &typed, &Error::Invalid(fields)),
    };
    match state.auth().sign_up(&new, Some(client)).await {
        Ok(session) => signed_in(&state, &session, "/account?notice=welcome"),
        Err(e) => back_to("/sign-up", &typed, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct SignInFields {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

/// `POST /account/sign-in`
pub async fn sign_in(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Form(f): Form<SignInFields>,
) -> Response {
    let next = LocalPath::or_home(f.next.as_deref()).as_str().to_owned();
    let typed = [("login", f.login.as_str()), ("next", next.as_str())];
    if f.login.trim().is_empty() || f.password.is_empty() {
        let mut fields = Vec::new();
        if f.login.trim().is_empty() {
            fields.push(("login".to_owned(), FieldError::Required));
        }
        if f.password.is_empty() {
            fields.push(("password".to_owned(), FieldError::Required));
        }
        return back_to("/sign-in", &typed, &Error::Invalid(fields));
    }
    match state
        .auth()
        .sign_in(&f.login, &f.password, Some(client))
        .await
    {
        Ok(session) => signed_in(&state, &session, &next),
        Err(e) => back_to("/sign-in", &typed, &e),
    }
}

/// `POST /account/sign-out`: ends this session and clears the cookie.
pub async fn sign_out(
    State(state): State<AppState>,
    token: Option<Extension<SessionToken>>,
) -> Response {
    if let Some(Extension(token)) = token
        && let Err(e) = state.auth().sign_out(&token).await
    {
        tracing::error!(error = %e, "sign-out failed");
    }
    (
        [(header::SET_COOKIE, session_cookie(&state, "", 0))],
        Redirect::to("/"),
    )
        .into_response()
}

/// `POST /account/sign-out-everywhere`: ends every session of the account.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> Response {
    match state.auth().sign_out_everywhere(&actor).await {
        Ok(_) => (
            [(header::SET_COOKIE, session_cookie(&state, "", 0))],
            Redirect::to("/sign-in?notice=signed_out_everywhere"),
        )
            .into_response(),
        Err(e) => back_to("/account", &[], &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct PasswordFields {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /account/password`
pub async fn change_password(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(f): Form<PasswordFields>,
) -> Response {
    let password = match Password::parse(&f.password) {
        Ok(p) if f.password == f.confirm => p,
        Ok(_) => {
            return back_to(
                "/account",
                &[],
                &Error::Invalid(vec![("confirm".into(), FieldError::PasswordsDiffer)]),
            );
        }
        Err(e) => {
            return back_to(
                "/account",
                &[],
                &Error::Invalid(vec![("password".into(), e)]),
            );
        }
    };
    match state
        .auth()
        .change_password(&actor, &f.current, &password)
        .await
    {
        Ok(session) => signed_in(&state, &session, "/account?notice=password_changed"),
        Err(e) => back_to("/account", &[], &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct ForgotFields {
    #[serde(default)]
    login: String,
}

/// `POST /account/forgot`: always the same answer, whether or not the
/// login exists.
pub async fn forgot(State(state): State<AppState>, Form(f): Form<ForgotFields>) -> Response {
    if f.login.trim().is_empty() {
        return back_to(
            "/forgot",
            &[],
            &Error::Invalid(vec![("login".into(), FieldError::Required)]),
        );
    }
    match state
        .auth()
        .request_reset(&f.login, &state.public_url)
        .await
    {
        Ok(()) => Redirect::to("/forgot?notice=reset_sent").into_response(),
        Err(e) => back_to("/forgot", &[("login", f.login.as_str())], &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct ResetFields {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /account/reset`
pub async fn reset(State(state): State<AppState>, Form(f): Form<ResetFields>) -> Response {
    // Only a well-formed token goes back into the URL.
    let token = SessionToken::from_cookie(&f.token)
        .map(|t| t.cookie_value().to_owned())
        .unwrap_or_default();
    let form = format!("/reset/{token}");
    let password = match Password::parse(&f.password) {
        Ok(p) if f.password == f.confirm => p,
        Ok(_) => {
            return back_to(
                &form,
                &[],
                &Error::Invalid(vec![("confirm".into(), FieldError::PasswordsDiffer)]),
            );
        }
        Err(e) => return back_to(&form, &[], &Error::Invalid(vec![("password".into(), e)])),
    };
    match state.auth().reset_password(&f.token, &password).await {
        Ok(()) => Redirect::to("/sign-in?notice=password_reset").into_response(),
        Err(e) => back_to(&form, &[], &e),
    }
}

/// `POST /account/tokens/{id}/revoke`. Revoking a token that is already
/// gone answers the same: either way it no longer works.
pub async fn revoke_token(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
) -> Response {
    match state.api_tokens().revoke(&actor, id).await {
        Ok(()) | Err(Error::NotFound) => {
            Redirect::to("/account?notice=token_revoked#tokens-heading").into_response()
        }
        Err(e) => back_to("/account", &[], &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct TokenFields {
    #[serde(default)]
    name: String,
}

/// `POST /account/tokens`: makes a token and answers with the account page
/// showing its secret, the only time it is shown.
pub async fn create_token(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormWithParts(parts, f): FormWithParts<TokenFields>,
) -> Response {
    match state.api_tokens().create(&actor, &f.name).await {
        Ok((_, token)) => {
            let shown = ShownOnce::ApiToken(token.reveal().to_owned());
            page_showing(&state, parts, "/account", shown).await
        }
        Err(e) => back_to("/account", &[("which", "token"), ("name", &f.name)], &e),
    }
}
