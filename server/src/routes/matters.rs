//! Matters through plain forms: report, support, and each handling step,
//! answered with a redirect (back to the form with what was typed when
//! something needs fixing).

use axum::{
    Extension, Form,
    extract::{Path, Request, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_model::{
    account::{AccountId, FieldError, FieldErrors},
    matter::{Handler, MatterForm, RatingForm, Severity, Step},
    text::{Line, Text},
    tree::{CommunityCode, GridCode},
};
use linli_service::{Error, policy::Actor};
use serde::Deserialize;

use crate::{
    client::ClientIp,
    routes::account::{back_to, sign_in_first},
    startup::AppState,
};

/// `POST /communities/{code}/report`: the report form, as
/// `multipart/form-data` with up to five `photo` files, or urlencoded
/// without. Photos that were accepted stay with the form if something else
/// needs fixing, so nobody picks them again.
pub async fn report(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    request: Request,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/matters").into_response();
    };
    let form_path = format!("/communities/{community}/report");
    if actor.viewer().is_none() {
        super::photo_form::discard(request).await;
        return sign_in_first(&form_path);
    }
    let (form, photo_errors) = match read_report(&state, &actor, request).await {
        Ok(read) => read,
        Err(e) => return back_to(&form_path, &[], &e),
    };
    let outcome = if photo_errors.is_empty() {
        state.matters().report(&actor, &community, &form).await
    } else {
        Err(Error::Invalid(photo_errors))
    };
    match outcome {
        Ok((id, _)) => Redirect::to(&format!("/matters/{id}?notice=reported")).into_response(),
        Err(e) => {
            // This form was sent before (the back button brought it back)
            // and now says something else: it comes back with what was
            // typed and a fresh key, so sending it again files a new report.
            let (e, key) = match e {
                Error::Conflict("key_reused") => {
                    (Error::invalid("key", FieldError::SentAlready), "")
                }
                e => (e, form.key.as_str()),
            };
            let typed = [
                ("grid", form.grid.as_str()),
                ("category", form.category.as_str()),
                ("title", form.title.as_str()),
                ("description", form.description.as_str()),
                ("address", form.address.as_str()),
                ("latitude", form.latitude.as_str()),
                ("longitude", form.longitude.as_str()),
                ("show_name", form.show_name.as_str()),
                ("key", key),
                ("photos", form.photos.as_str()),
            ];
            back_to(&form_path, &typed, &e)
        }
    }
}

/// The report's fields and its photos, stored. Problems with photos come
/// back as field errors beside the form that was read.
async fn read_report(
    state: &AppState,
    actor: &Actor,
    request: Request,
) -> Result<(MatterForm, FieldErrors), Error> {
    let mut read = super::photo_form::read(state, actor, request).await?;
    let mut take = |name: &str| read.fields.remove(name).unwrap_or_default();
    let form = MatterForm {
        grid: take("grid"),
        category: take("category"),
        title: take("title"),
        description: take("description"),
        address: take("address"),
        latitude: take("latitude"),
        longitude: take("longitude"),
        show_name: take("show_name"),
        key: take("key"),
        photos: read.photos.join(","),
    };
    Ok((form, read.errors))
}

/// `POST /communities/{code}/settings`: the community's deadlines and
/// categories (`offer` repeats, one per category kept).
pub async fn settings(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/communities").into_response();
    };
    let page = format!("/communities/{community}/settings");
    if actor.viewer().is_none() {
        return sign_in_first(&page);
    }
    match state
        .matters()
        .save_settings(&actor, &community, &pairs)
        .await
    {
        Ok(_) => Redirect::to(&format!("{page}?notice=saved")).into_response(),
        Err(e) => {
            let typed: Vec<(&str, &str)> = pairs
                .iter()
                .filter(|(k, _)| {
                    k.starts_with("days_")
                        || k == "offer"
                        || k == "response_days"
                        || k == "promise_supporters"
                })
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            back_to(&page, &typed, &e)
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
    /// A negative-list item's id, or empty.
    #[serde(default)]
    item: String,
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
        let typed =
            |field: &str, value: &str| Text::parse(value).map_err(|e| Error::invalid(field, e));
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
                reason: typed("reason", &self.reason)?,
            },
            "merge" => Step::Merge {
                into: number("into", &self.into)?,
            },
            "refer" => Step::Refer {
                to: Line::optional(&self.to).map_err(|e| Error::invalid("to", e))?,
                reason: typed("reason", &self.reason)?,
                item: match self.item.trim() {
                    "" => None,
                    id => Some(number("item", id)?),
                },
            },
            "dispatch" => Step::Dispatch {
                handler: if self.team.trim().is_empty() {
                    Handler::Person(AccountId(number("handler", &self.handler)?))
                } else {
                    Handler::Team(Line::parse(&self.team).map_err(|e| Error::invalid("team", e))?)
                },
            },
            "start" => Step::Start,
            "resolve" => Step::Resolve {
                done: typed("done", &self.done)?,
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
                reason: typed("reason", &self.reason)?,
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

/// `POST /staff/matters/place`: staff put a report that came without a
/// grid in one; it becomes a matter, whose page opens.
pub async fn place(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    body: axum::body::Bytes,
) -> Response {
    let back = "/staff/matters";
    let (mut id, mut grid) = (None, String::new());
    for (key, value) in url::form_urlencoded::parse(&body) {
        match key.as_ref() {
            "id" => id = value.parse::<i64>().ok(),
            "grid" => grid = value.trim().to_owned(),
            _ => {}
        }
    }
    let Some(id) = id else {
        return back_to(back, &[], &Error::invalid("id", FieldError::Required));
    };
    let which = format!("place-{id}");
    let typed = [("which", which.as_str()), ("grid", grid.as_str())];
    let placed = match GridCode::parse(&grid) {
        Ok(code) => state.intake().place(&actor, id, &code).await,
        Err(_) => Err(Error::invalid("grid", FieldError::NotInCommunity)),
    };
    match placed {
        Ok(matter) => Redirect::to(&format!("/matters/{matter}?notice=placed")).into_response(),
        Err(Error::Conflict(_)) => Redirect::to(&format!("{back}?error=moved_on")).into_response(),
        Err(e) => back_to(back, &typed, &e),
    }
}

/// `GET /matters/{id}/events`: server-sent events, one `changed` each time
/// the matter changes (on any instance), so an open page can refresh
/// itself. Comments every 15 s keep proxies from closing the stream.
pub async fn events(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Response {
    use axum::response::sse::{Event, KeepAlive};
    use tokio::sync::broadcast::error::RecvError;
    let Some(slot) = state.streams.take(ip) else {
        return (
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            [(axum::http::header::RETRY_AFTER, "60")],
            "too many open live updates",
        )
            .into_response();
    };
    let changes = state.store.matter_changes();
    let closing = state.closing.clone();
    let stream = futures_util::stream::unfold(
        (changes, closing, slot),
        move |(mut changes, mut closing, slot)| async move {
            let idle = tokio::time::sleep(crate::streams::IDLE);
            tokio::pin!(idle);
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
                    // Nothing to say for long: end it, freeing its slot.
                    () = &mut idle => return None,
                }
            }
            let event: Result<Event, std::convert::Infallible> =
                Ok(Event::default().event("changed").data(id.to_string()));
            Some((event, (changes, closing, slot)))
        },
    );
    axum::response::Sse::new(stream)
        .keep_alive(
            KeepAlive::new()
                .interval(std::time::Duration::from_secs(15))
                .text("keep-alive"),
        )
        .into_response()
}
