//! The working-day calendar's plain forms: a district's officers set a day
//! or take one back; a failure returns to the page with what was typed.

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_model::{calendar::DayForm, tree::DistrictCode};
use linli_service::{policy::Actor, store::CalendarPlace};
use serde::Deserialize;

use crate::startup::AppState;

/// The district's calendar, or `None` (to the directory) for a bad code.
fn place(code: &str) -> Option<(String, CalendarPlace)> {
    let district = DistrictCode::parse(code).ok()?;
    Some((
        format!("/districts/{district}/calendar"),
        CalendarPlace::District(district),
    ))
}

/// `POST /districts/{code}/calendar`: sets one day.
pub async fn set_day(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(form): Form<DayForm>,
) -> Response {
    let Some((page, place)) = place(&code) else {
        return Redirect::to("/communities").into_response();
    };
    let outcome = state
        .calendar()
        .set_day(&actor, &place, &form)
        .await
        .map(drop);
    let typed = [
        ("day", form.day.as_str()),
        ("kind", form.kind.as_str()),
        ("festival", form.festival.as_str()),
    ];
    super::answer_form(&page, "set-day", "saved", "", typed.to_vec(), outcome)
}

#[derive(Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    day: String,
}

/// `POST /districts/{code}/calendar/remove`: takes the district's own day
/// back; the national arrangement holds again.
pub async fn remove_day(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(form): Form<RemoveForm>,
) -> Response {
    let Some((page, place)) = place(&code) else {
        return Redirect::to("/communities").into_response();
    };
    let outcome = state.calendar().remove_day(&actor, &place, &form.day).await;
    super::answer_form(&page, "local", "removed", "", Vec::new(), outcome)
}
