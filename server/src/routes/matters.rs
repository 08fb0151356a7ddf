//! Matters through plain forms: report, support, and each handling step,
//! answered with a redirect (back to the form with what was typed when
//! something needs fixing).

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_model::{
    account::{AccountId, FieldError},
    matter::{Handler, MatterForm, RatingForm, Severity, Step},
    tree::CommunityCode,
};
use linli_service::{Error, policy::Actor};
use serde::Deserialize;

use crate::{
    routes::account::{back_to, sign_in_first},
    startup::AppState,
};

/// `POST /communities/{code}/report`
pub async fn report(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(form): Form<MatterForm>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/matters").into_response();
    };
    let form_path = format!("/communities/{community}/report");
    if actor.viewer().is_none() {
        return sign_in_first(&form_path);
    }
    match state.matters().report(&actor, &community, &form).await {
        Ok((id, _)) => Redirect::to(&format!("/matters/{id}?notice=reported")).into_response(),
        Err(e) => {
            let typed = [
                ("grid", form.grid.as_str()),
                ("category", form.category.as_str()),
                ("title", form.title.as_str()),
                ("description", form.description.as_str()),
                ("address", form.address.as_str()),
                ("show_name", form.show_name.as_str()),
                ("key", form.key.as_str()),
            ];
            back_to(&form_path, &typed, &e)
        }
    }
}

/// `POST /matters/{id}/support`
pub async fn support(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
) -> Response {
    let page = format!("/matters/{id}");
    match state.matters().support(&actor, id).await {
        Ok(_) => Redirect::to(&format!("{page}?notice=supported")).into_response(),
        Err(e) => back_to(&page, &[], &e),
    }
}

/// Every field any step form sends; each step reads its own.
#[derive(Debug, Default, Deserialize)]
pub struct StepFields {
    #[serde(default)]
    step: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    into: String,
    #[serde(default)]
    handler: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    stars: String,
    #[serde(default)]
    comment: String,
}

impl StepFields {
    /// The step a form asks for; a field that cannot be read is that
    /// field's error.
    fn step(&self) -> Result<Step, Error> {
        let number = |field: &str, value: &str| {
            value
                .trim()
                .trim_start_matches('#')
                .parse::<i64>()
                .map_err(|_| Error::invalid(field, FieldError::NotAChoice))
        };
        Ok(match self.step.as_str() {
            "register" => Step::Register {
                severity: Severity::parse(&self.severity)
                    .ok_or_else(|| Error::invalid("severity", FieldError::Required))?,
            },
            "reject" => Step::Reject {
                reason: self.reason.clone(),
            },
            "merge" => Step::Merge {
                into: number("into", &self.into)?,
            },
            "refer" => Step::Refer {
                to: self.to.clone(),
                reason: self.reason.clone(),
            },
            "dispatch" => Step::Dispatch {
                handler: if self.team.trim().is_empty() {
                    Handler::Person(AccountId(number("handler", &self.handler)?))
                } else {
                    Handler::Team(self.team.clone())
                },
            },
            "start" => Step::Start,
            "resolve" => Step::Resolve {
                done: self.done.clone(),
            },
            "rate" => {
                let (rating, comment) = RatingForm {
                    stars: self.stars.clone(),
                    comment: self.comment.clone(),
                }
                .parse()
                .map_err(Error::Invalid)?;
                Step::Rate { rating, comment }
            }
            "reopen" => Step::Reopen {
                reason: self.reason.clone(),
            },
            _ => return Err(Error::invalid("step", FieldError::NotAChoice)),
        })
    }
}

/// `POST /matters/{id}/step`
pub async fn step(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    Form(fields): Form<StepFields>,
) -> Response {
    let page = format!("/matters/{id}");
    let typed = [
        ("form", fields.step.as_str()),
        ("reason", fields.reason.as_str()),
        ("to", fields.to.as_str()),
        ("into", fields.into.as_str()),
        ("team", fields.team.as_str()),
        ("done", fields.done.as_str()),
        ("comment", fields.comment.as_str()),
    ];
    let outcome = match fields.step() {
        Ok(step) => state.matters().step(&actor, id, &step).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => Redirect::to(&format!("{page}?notice=step_{}", fields.step)).into_response(),
        Err(Error::Conflict(_)) => Redirect::to(&format!("{page}?error=moved_on")).into_response(),
        Err(e) => back_to(&page, &typed, &e),
    }
}

/// `POST /staff/matters/dispatch`: the same dispatch for every matter
/// ticked in the work queue (`id` repeats, which serde's forms cannot
/// read, so the body is parsed here). Stops at the first refusal and says
/// why; the ones before it stay dispatched.
pub async fn bulk_dispatch(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    body: axum::body::Bytes,
) -> Response {
    let back = "/staff/matters";
    let mut fields = StepFields {
        step: "dispatch".into(),
        ..StepFields::default()
    };
    let mut ids = Vec::new();
    for (key, value) in url::form_urlencoded::parse(&body) {
        match key.as_ref() {
            "id" => ids.extend(value.parse::<i64>().ok()),
            "team" => fields.team = value.into_owned(),
            "handler" => fields.handler = value.into_owned(),
            _ => {}
        }
    }
    if ids.is_empty() {
        return back_to(back, &[], &Error::invalid("id", FieldError::Required));
    }
    let step = match fields.step() {
        Ok(step) => step,
        Err(e) => return back_to(back, &[], &e),
    };
    for id in ids {
        if let Err(e) = state.matters().step(&actor, id, &step).await {
            return back_to(back, &[], &e);
        }
    }
    Redirect::to(&format!("{back}?notice=bulk_dispatched")).into_response()
}

/// `GET /matters/{id}/events`: server-sent events, one `changed` each time
/// the matter changes (on any instance), so an open page can refresh
/// itself. Comments every 15 s keep proxies from closing the stream.
pub async fn events(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> axum::response::Sse<
    impl futures_util::Stream<Item = Result<axum::response::sse::Event, std::convert::Infallible>>,
> {
    use axum::response::sse::{Event, KeepAlive};
    use tokio::sync::broadcast::error::RecvError;
    let changes = state.store.matter_changes();
    let closing = state.closing.clone();
    let stream = futures_util::stream::unfold(
        (changes, closing),
        move |(mut changes, mut closing)| async move {
            loop {
                if *closing.borrow() {
                    return None;
                }
                tokio::select! {
                    received = changes.recv() => match received {
                        Ok(changed) if changed == id => break,
                        Ok(_) => {}
                        // Missed some: one of them may have been this matter.
                        Err(RecvError::Lagged(_)) => break,
                        Err(RecvError::Closed) => return None,
                    },
                    // The server is stopping: end the stream.
                    _ = closing.changed() => return None,
                }
            }
            let event = Event::default().event("changed").data(id.to_string());
            Some((Ok(event), (changes, closing)))
        },
    );
    axum::response::Sse::new(stream).keep_alive(
        KeepAlive::new()
            .interval(std::time::Duration::from_secs(15))
            .text("keep-alive"),
    )
}
