//! Reporting and moderating through plain forms: each names the item
//! (`what`) and returns to its report page with the outcome, or with what
//! was typed and what needs fixing.

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_model::moderation::{Content, ReportForm};
use linli_service::policy::Actor;
use serde::Deserialize;

use crate::startup::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Fields {
    what: String,
    reason: String,
    note: String,
}

/// `POST /moderation/{report|hide|restore|dismiss}`.
pub async fn act(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(action): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let Some(content) = Content::parse(&fields.what) else {
        return Redirect::to("/").into_response();
    };
    let m = state.moderation();
    let (outcome, notice) = match action.as_str() {
        "report" => {
            let form = ReportForm {
                reason: fields.reason.clone(),
                note: fields.note.clone(),
            };
            (m.report(&actor, &content, &form).await, "m_reported")
        }
        "hide" => (m.hide(&actor, &content, &fields.reason).await, "m_hidden"),
        "restore" => (
            m.restore(&actor, &content, &fields.reason).await,
            "m_restored",
        ),
        "dismiss" => (m.dismiss(&actor, &content).await, "m_dismissed"),
        _ => return Redirect::to(&content.moderation_url()).into_response(),
    };
    super::answer_form(
        &content.moderation_url(),
        &action,
        notice,
        "m_",
        vec![
            ("reason", fields.reason.as_str()),
            ("note", fields.note.as_str()),
        ],
        outcome,
    )
}
