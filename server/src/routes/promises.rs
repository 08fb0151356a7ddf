//! A promise's plain forms: the council records the agenda entry and its
//! written answer; a failure returns to the page with what was typed.

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::Response,
};
use linli_service::policy::Actor;
use serde::Deserialize;

use crate::startup::AppState;

#[derive(Deserialize)]
pub struct AgendaForm {
    #[serde(default)]
    note: String,
}

/// `POST /promises/{id}/agenda`.
pub async fn agenda(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    Form(form): Form<AgendaForm>,
) -> Response {
    let outcome = state.promises().put_on_agenda(&actor, id, &form.note).await;
    let page = format!("/promises/{id}");
    super::answer_form(
        &page,
        "agenda",
        "saved",
        "",
        vec![("note", form.note.as_str())],
        outcome,
    )
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// `POST /promises/{id}/answer`.
pub async fn answer(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Response {
    let outcome = state.promises().answer(&actor, id, &form.answer).await;
    let page = format!("/promises/{id}");
    super::answer_form(
        &page,
        "answer",
        "saved",
        "",
        vec![("answer", form.answer.as_str())],
        outcome,
    )
}
