//! Staff start and stop acting for a resident (`/staff/assist`), through
//! plain forms. Acting is a state of the staff member's session, so both
//! need its token.

use axum::{
    Extension, Form,
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use linli_model::channel::AssistForm;
use linli_service::{auth::SessionToken, policy::Actor};

use crate::startup::AppState;

const PAGE: &str = "/staff/assist";

/// `POST /assist/start`: the resident's login and how they came.
pub async fn start(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    token: Option<Extension<SessionToken>>,
    Form(form): Form<AssistForm>,
) -> Response {
    let Some(Extension(token)) = token else {
        return super::account::sign_in_first(PAGE);
    };
    let outcome = state
        .assist()
        .start(&actor, &token, &form)
        .await
        .map(|_| ());
    super::answer_form(
        PAGE,
        "assist",
        "assist_started",
        "assist_",
        vec![
            ("resident", form.resident.as_str()),
            ("channel", form.channel.as_str()),
        ],
        outcome,
    )
}

/// `POST /assist/stop`: back to one's own name; the resident is sent a
/// list of what was entered for them.
pub async fn stop(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    token: Option<Extension<SessionToken>>,
) -> Response {
    let Some(Extension(token)) = token else {
        return super::account::sign_in_first(PAGE);
    };
    match state.assist().stop(&actor, &token).await {
        Ok(_) => Redirect::to(&format!("{PAGE}?notice=assist_stopped")).into_response(),
        Err(e) => super::answer_form(PAGE, "assist", "", "assist_", Vec::new(), Err(e)),
    }
}
