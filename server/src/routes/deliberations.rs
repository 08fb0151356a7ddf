//! Deliberations through plain forms, so every step works without
//! JavaScript. Each form posts to the thing it acts on and names the
//! action; the answer is a redirect back to the deliberation, carrying what
//! was typed and what needs fixing, or why the step cannot be taken yet.

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_model::{
    account::FieldError,
    channel::TallyForm,
    deliberation::{
        ArrangementForm, BallotForm, DeliberationForm, Disposition, MinutesForm, PollForm, Step,
        TopicForm, Vote,
    },
    tree::CommunityCode,
};
use linli_service::{Error, policy::Actor};
use serde::Deserialize;

use crate::{
    routes::account::{back_to, sign_in_first},
    startup::AppState,
};

/// Every field any deliberation form sends; each action reads its own.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Fields {
    title: String,
    summary: String,
    collect_until: String,
    description: String,
    why: String,
    matter: String,
    disposition: String,
    into: String,
    reason: String,
    form: String,
    starts_at: String,
    ends_at: String,
    place: String,
    participants: String,
    stakeholders: String,
    materials: String,
    body: String,
    answer: String,
    vote: String,
    question: String,
    options: String,
    quorum: String,
    rule: String,
    closes_at: String,
    method: String,
    threshold: String,
    attendance: String,
    arguments: String,
    result: String,
    decision: String,
    step: String,
    project: String,
    notice_days: String,
}

impl Fields {
    /// The typed text worth sending back to a form that failed (never
    /// anything secret: these forms hold none).
    fn typed(&self) -> Vec<(&'static str, &str)> {
        [
            ("title", &self.title),
            ("summary", &self.summary),
            ("collect_until", &self.collect_until),
            ("description", &self.description),
            ("why", &self.why),
            ("matter", &self.matter),
            ("disposition", &self.disposition),
            ("into", &self.into),
            ("reason", &self.reason),
            ("form", &self.form),
            ("starts_at", &self.starts_at),
            ("ends_at", &self.ends_at),
            ("place", &self.place),
            ("participants", &self.participants),
            ("stakeholders", &self.stakeholders),
            ("materials", &self.materials),
            ("body", &self.body),
            ("answer", &self.answer),
            ("question", &self.question),
            ("options", &self.options),
            ("quorum", &self.quorum),
            ("rule", &self.rule),
            ("closes_at", &self.closes_at),
            ("method", &self.method),
            ("threshold", &self.threshold),
            ("attendance", &self.attendance),
            ("arguments", &self.arguments),
            ("result", &self.result),
            ("decision", &self.decision),
            ("project", &self.project),
            ("notice_days", &self.notice_days),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect()
    }

    fn topic(&self) -> TopicForm {
        TopicForm {
            title: self.title.clone(),
            description: self.description.clone(),
            why: self.why.clone(),
        }
    }

    fn arrangement(&self) -> ArrangementForm {
        ArrangementForm {
            form: self.form.clone(),
            starts_at: self.starts_at.clone(),
            ends_at: self.ends_at.clone(),
            place: self.place.clone(),
            participants: self.participants.clone(),
            stakeholders: self.stakeholders.clone(),
            materials: self.materials.clone(),
        }
    }

    fn poll(&self) -> PollForm {
        PollForm {
            question: self.question.clone(),
            options: self.options.clone(),
            quorum: self.quorum.clone(),
            rule: self.rule.clone(),
            closes_at: self.closes_at.clone(),
            method: self.method.clone(),
            threshold: self.threshold.clone(),
        }
    }

    fn minutes(&self) -> MinutesForm {
        MinutesForm {
            attendance: self.attendance.clone(),
            arguments: self.arguments.clone(),
            result: self.result.clone(),
            decision: self.decision.clone(),
        }
    }
}

fn number(field: &str, value: &str) -> Result<i64, Error> {
    value
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .map_err(|_| Error::invalid(field, FieldError::NotAChoice))
}

/// A form's answer; success notices are named after the form.
fn answer(page: &str, which: &str, fields: &Fields, outcome: Result<(), Error>) -> Response {
    super::answer_form(
        page,
        which,
        &format!("d_{which}"),
        "d_",
        fields.typed(),
        outcome,
    )
}

/// `POST /communities/{code}/deliberations`: opens a deliberation.
pub async fn start(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/deliberations").into_response();
    };
    let page = format!("/communities/{community}/deliberations/new");
    let form = DeliberationForm {
        title: fields.title.clone(),
        summary: fields.summary.clone(),
        collect_until: fields.collect_until.clone(),
    };
    match state.deliberations().start(&actor, &community, &form).await {
        Ok(id) => Redirect::to(&format!("/deliberations/{id}?notice=d_started")).into_response(),
        Err(e) => answer(&page, "start", &fields, Err(e)),
    }
}

/// `POST /communities/{code}/deliberation-settings`: the notice period.
pub async fn settings(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/deliberations").into_response();
    };
    let page = format!("/communities/{community}/settings");
    let outcome = state
        .deliberations()
        .set_notice_days(&actor, &community, &fields.notice_days)
        .await
        .map(drop);
    answer(&page, "notice_days", &fields, outcome)
}

/// `POST /deliberations/{id}/{action}`: what is done to the deliberation
/// itself.
pub async fn act(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path((id, action)): Path<(i64, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let page = format!("/deliberations/{id}");
    let d = state.deliberations();
    let outcome = match action.as_str() {
        "topics" => d.propose(&actor, id, &fields.topic()).await.map(drop),
        "promote" => match number("matter", &fields.matter) {
            Ok(matter) => d.promote_matter(&actor, id, matter).await.map(drop),
            Err(e) => Err(e),
        },
        "arrange" => d.arrange(&actor, id, &fields.arrangement()).await,
        "window" => d.change_window(&actor, id, &fields.collect_until).await,
        "step" => match Step::from_form(&fields.step, &fields.reason) {
            Ok(step) => d.step(&actor, id, &step).await.map(drop),
            Err((field, e)) => Err(Error::invalid(field, e)),
        },
        "objections" => d.object(&actor, id, &fields.body).await.map(drop),
        "statements" => d.add_statement(&actor, id, &fields.body).await.map(drop),
        "polls" => d.put_poll(&actor, id, &fields.poll()).await.map(drop),
        "minutes" => d.record_minutes(&actor, id, &fields.minutes()).await,
        "amend" => d
            .amend(&actor, id, &fields.minutes(), &fields.reason)
            .await
            .map(drop),
        "implementation" => d.mark_for_implementation(&actor, id, &fields.project).await,
        "follow" => d.follow(&actor, id, true).await,
        "unfollow" => d.follow(&actor, id, false).await,
        _ => return Redirect::to(&page).into_response(),
    };
    let which = if action == "step" {
        fields.step.as_str()
    } else {
        action.as_str()
    };
    answer(&page, which, &fields, outcome)
}

/// `POST /deliberations/{kind}/{id}/{action}`: what is done to a topic,
/// an objection, a statement or a poll. The deliberation to return to is
/// given by the form (`back`), checked to be a number.
pub async fn act_on(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path((kind, id, action)): Path<(String, i64, String)>,
    axum::extract::Query(back): axum::extract::Query<Back>,
    Form(fields): Form<Fields>,
) -> Response {
    let page = back.page();
    let d = state.deliberations();
    let outcome = match (kind.as_str(), action.as_str()) {
        ("topics", "support") => d.support(&actor, id).await.map(drop),
        ("topics", "decide") => {
            match Disposition::parse(&fields.disposition, &fields.into, &fields.reason) {
                Ok(disposition) => d.decide_topic(&actor, id, &disposition).await,
                Err(errors) => Err(Error::Invalid(errors)),
            }
        }
        ("objections", "answer") => d.answer(&actor, id, &fields.answer).await,
        ("statements", "vote") => match Vote::parse(&fields.vote) {
            Some(vote) => d.vote(&actor, id, vote).await,
            None => Err(Error::invalid("vote", FieldError::NotAChoice)),
        },
        ("statements", "hide") => {
            let statement = linli_model::moderation::Content::Statement(id);
            state
                .moderation()
                .hide(&actor, &statement, &fields.reason)
                .await
        }
        ("ballots", "answer") => d.answer_block(&actor, id, &fields.answer).await,
        _ => return Redirect::to(&page).into_response(),
    };
    answer(&page, &back.which(&kind, id), &fields, outcome)
}

/// `POST /deliberations/polls/{id}/cast`: a ballot of any method. Its
/// fields depend on the method and the options (`rank_0`, repeated
/// `approve`, ...), so the form is read as it came; a ballot that fails
/// comes back with every mark as it was made.
pub async fn cast(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    axum::extract::Query(back): axum::extract::Query<Back>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let page = format!("/deliberations/{}", back.back);
    let which = format!("polls-{id}");
    let form = BallotForm { fields };
    let outcome = state.deliberations().cast(&actor, id, &form).await;
    let typed: Vec<(&str, &str)> = form
        .fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    super::answer_form(&page, &which, &format!("d_{which}"), "d_", typed, outcome)
}

/// `POST /deliberations/polls/{id}/tally`: a sheet of paper ballots, one
/// count per option (`count_0`…) and the spoiled ones.
pub async fn tally(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    axum::extract::Query(back): axum::extract::Query<Back>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let which = format!("tally-{id}");
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let form = TallyForm {
        counts: (0..linli_model::deliberation::NewPoll::OPTIONS_MAX)
            .map(|i| get(&format!("count_{i}")))
            .collect(),
        spoiled: get("spoiled"),
    };
    let outcome = state
        .assist()
        .enter_tally(&actor, id, &form)
        .await
        .map(|_| ());
    let typed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    super::answer_form(
        &back.page(),
        &which,
        &format!("d_{which}"),
        "d_",
        typed,
        outcome,
    )
}

/// `POST /deliberations/polls/{poll}/tally/{sheet}/confirm`: a second
/// staff member checks a sheet against the paper.
pub async fn confirm_tally(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path((poll, sheet)): Path<(i64, i64)>,
    axum::extract::Query(back): axum::extract::Query<Back>,
) -> Response {
    let which = format!("tally-{poll}");
    let outcome = state.assist().confirm_tally(&actor, poll, sheet).await;
    super::answer_form(
        &back.page(),
        &which,
        &format!("d_{which}"),
        "d_",
        Vec::new(),
        outcome,
    )
}

/// The inbox's setting: an unticked box sends nothing, so absent is off.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DigestFields {
    daily_digest: Option<String>,
    /// `email` or `sms`; absent (an older form) keeps email.
    channel: Option<String>,
}

/// `POST /inbox/settings`: one daily digest or a message at every step,
/// by email or SMS.
pub async fn inbox_settings(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(fields): Form<DigestFields>,
) -> Response {
    let on = fields.daily_digest.is_some();
    let channel = match fields.channel.as_deref() {
        None | Some("") => Some(linli_model::account::NoticeChannel::Email),
        Some(c) => linli_model::account::NoticeChannel::parse(c),
    };
    let outcome = match channel {
        Some(channel) => {
            state
                .deliberations()
                .set_notice_settings(&actor, on, channel)
                .await
        }
        None => Err(Error::invalid("channel", FieldError::NotAChoice)),
    };
    match outcome {
        Ok(()) => Redirect::to("/inbox?notice=d_digest").into_response(),
        Err(Error::Unauthenticated) => sign_in_first("/inbox"),
        Err(e) => back_to("/inbox", &[], &e),
    }
}

/// `GET /decision-records/{id}/{version}`: one version of a decision
/// record as the exact bytes its fingerprint is taken over, to download and
/// check with `sha256sum`.
pub async fn record_file(
    State(state): State<AppState>,
    Path((id, version)): Path<(i64, u32)>,
) -> Response {
    use axum::http::{StatusCode, header};
    match state.deliberations().records(id).await {
        Ok((versions, _)) => match versions.into_iter().find(|v| v.version == version) {
            Some(v) => (
                [
                    (
                        header::CONTENT_TYPE,
                        "application/json; charset=utf-8".to_owned(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"linli-decision-{id}-v{version}.json\""),
                    ),
                ],
                v.content,
            )
                .into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        Err(Error::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "decision record");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Where a form on a part of a deliberation returns to: the
/// deliberation, the page of its statement list (`sp`), and `at=next` for
/// the statement put to the reader next.
#[derive(Debug, Deserialize)]
pub struct Back {
    back: i64,
    #[serde(default)]
    sp: Option<u32>,
    #[serde(default)]
    at: Option<String>,
}

impl Back {
    fn page(&self) -> String {
        match self.sp {
            Some(sp) if sp > 1 => format!("/deliberations/{}?sp={sp}", self.back),
            _ => format!("/deliberations/{}", self.back),
        }
    }

    /// The anchor to return to: the next statement, or the part acted on.
    fn which(&self, kind: &str, id: i64) -> String {
        match self.at.as_deref() {
            Some("next") => "next-statement".into(),
            _ => format!("{kind}-{id}"),
        }
    }
}
