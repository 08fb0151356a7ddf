//! The results tracker's plain forms (an update, following) and the
//! recurring list's one action (propose a cluster as a topic); a failure
//! returns to the page with what was typed.

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_model::{account::FieldError, tracker::EntryForm};
use linli_service::{Error, policy::Actor};
use serde::Deserialize;

use crate::startup::AppState;

/// `POST /results/{id}/update`: the council's dated entry.
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    Form(form): Form<EntryForm>,
) -> Response {
    let outcome = state.tracker().update(&actor, id, &form).await;
    super::answer_form(
        &format!("/results/{id}"),
        "update",
        "saved",
        "",
        vec![
            ("progress", form.progress.as_str()),
            ("status", form.status.as_str()),
            ("planned", form.planned.as_str()),
            ("body", form.body.as_str()),
        ],
        outcome,
    )
}

/// `POST /results/{id}/follow` and `/unfollow`.
pub async fn follow(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path((id, which)): Path<(i64, String)>,
) -> Response {
    let on = match which.as_str() {
        "follow" => true,
        "unfollow" => false,
        _ => return Redirect::to(&format!("/results/{id}")).into_response(),
    };
    let outcome = state.tracker().follow(&actor, id, on).await;
    super::answer_form(
        &format!("/results/{id}"),
        &which,
        "saved",
        "",
        vec![],
        outcome,
    )
}

#[derive(Deserialize)]
pub struct ProposeForm {
    #[serde(default)]
    deliberation: String,
    /// The cluster's matter numbers, comma-separated.
    #[serde(default)]
    matters: String,
}

/// `POST /recurring/propose`: a cluster of recurring matters becomes one
/// topic; the deliberation's page opens at it.
pub async fn propose(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(form): Form<ProposeForm>,
) -> Response {
    let Ok(id) = form.deliberation.trim().parse::<i64>() else {
        return Redirect::to("/deliberations").into_response();
    };
    let matters: Result<Vec<i64>, Error> = form
        .matters
        .split(',')
        .map(|m| {
            m.trim()
                .parse::<i64>()
                .map_err(|_| Error::invalid("matters", FieldError::NotAChoice))
        })
        .collect();
    let outcome = match matters {
        Ok(matters) => {
            state
                .deliberations()
                .propose_cluster(&actor, id, &matters)
                .await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(topic) => Redirect::to(&format!("/deliberations/{id}?notice=saved#topics-{topic}"))
            .into_response(),
        Err(e) => super::answer_form(
            &format!("/deliberations/{id}"),
            "promote",
            "saved",
            "",
            vec![],
            Err(e),
        ),
    }
}
