//! The staff forms that add to a community's lists, as plain forms. A
//! success goes to what was added; a failure back to the form with what
//! was typed and what needs fixing.

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_model::{
    need::NeedForm, resource::ResourceForm, responsibility::ResponsibilityForm, tree::CommunityCode,
};
use linli_service::{Error, lists::Lists, policy::Actor};
use serde::Serialize;

use crate::startup::AppState;

/// A form's typed fields, to send back when it fails (these forms hold
/// nothing secret).
fn typed<T: Serialize>(form: &T) -> Vec<(String, String)> {
    match serde_json::to_value(form) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .filter_map(|(k, v)| match v {
                serde_json::Value::String(s) if !s.is_empty() => Some((k, s)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Where a form for `code` answers: to `done` on success, back to its page
/// (`/communities/{code}/{page}`) otherwise.
fn answer<T: Serialize>(
    code: &CommunityCode,
    page: &str,
    which: &str,
    form: &T,
    outcome: Result<String, Error>,
) -> Response {
    match outcome {
        Ok(done) => Redirect::to(&done).into_response(),
        Err(e) => {
            let typed = typed(form);
            let borrowed: Vec<(&str, &str)> = typed
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let page = format!("/communities/{code}/{page}");
            super::answer_form(&page, which, "", "", borrowed, Err(e))
        }
    }
}

/// `POST /communities/{code}/needs`
pub async fn add_need(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(form): Form<NeedForm>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/needs").into_response();
    };
    let outcome = state
        .lists()
        .add_need(&actor, &community, &form)
        .await
        .map(|id| format!("/needs/{id}?notice=added"));
    answer(&community, "needs/new", "need", &form, outcome)
}

/// `POST /communities/{code}/resources`
pub async fn add_resource(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(form): Form<ResourceForm>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/needs").into_response();
    };
    let outcome = state
        .lists()
        .add_resource(&actor, &community, &form)
        .await
        .map(|id| format!("/resources/{id}?notice=added"));
    answer(&community, "resources/new", "resource", &form, outcome)
}

/// `POST /communities/{code}/responsibilities`
pub async fn add_responsibility(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(form): Form<ResponsibilityForm>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/needs").into_response();
    };
    let outcome = state
        .lists()
        .add_responsibility(&actor, &community, &form)
        .await
        .map(|_| format!("/responsibilities?place={community}&notice=added"));
    answer(
        &community,
        "responsibilities/new",
        "responsibility",
        &form,
        outcome,
    )
}

/// `POST /responsibilities/{id}/remove`
pub async fn remove_responsibility(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
) -> Response {
    let lists: Lists<'_> = state.lists();
    match lists.remove_responsibility(&actor, id).await {
        Ok(()) => Redirect::to("/responsibilities?notice=removed").into_response(),
        Err(e) => super::answer_form("/responsibilities", "list", "", "", Vec::new(), Err(e)),
    }
}
