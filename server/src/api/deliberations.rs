//! Deliberations through the API: the list, one deliberation with its
//! topics, notices, objections, statements, polls and minutes, the
//! published decision records, and the statements and anonymised votes as
//! open data; the resident's part (topics, support, objections,
//! statements, votes and ballots) and the council's (decisions on topics,
//! steps, polls, minutes, answers), through the same service operations as
//! the page's forms.

use axum::{
    extract::{RawQuery, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use linli_model::{
    Page,
    account::FieldError,
    deliberation::{
        AnonymousVote, BallotForm, DeliberationDetail, DeliberationSummary, Disposition,
        MinutesForm, OpinionMap, PollForm, RecordView, Stage, StatementView, Step, TopicForm, Vote,
    },
    open_data,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    error::{ApiError, ErrorBody},
    extract::{Caller, Json, Path, Query},
};
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A district, street or community code: everything under it.
    place: Option<String>,
    /// `collecting`, `deciding`, `notice`, `consultation`, `decided` or
    /// `cancelled`.
    stage: Option<String>,
    /// The `next` of the previous page.
    cursor: Option<i64>,
}

/// Deliberations, newest first, a page at a time. Public.
#[utoipa::path(get, path = "/deliberations", tag = "deliberations", params(ListQuery),
    responses((status = 200, body = Page<DeliberationSummary>), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Page<DeliberationSummary>>, ApiError> {
    let place = match q.place.as_deref() {
        None | Some("") => String::new(),
        Some(p) => {
            linli_service::accountability::parse_place(p).map_err(ApiError::code("place"))?
        }
    };
    let stage = match q.stage.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            Stage::parse(s)
                .ok_or_else(|| linli_service::Error::invalid("stage", FieldError::NotAChoice))?,
        ),
    };
    Ok(Json(
        state.deliberations().list(&place, stage, q.cursor).await?,
    ))
}

/// One deliberation as the caller sees it: topics, the notice and its
/// objections, statements with the caller's votes, polls (counts only once
/// closed), minutes and the latest decision record.
#[utoipa::path(get, path = "/deliberations/{id}", tag = "deliberations", params(("id" = i64, Path)),
    responses((status = 200, body = DeliberationDetail), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<DeliberationDetail>, ApiError> {
    Ok(Json(state.deliberations().detail(&actor, id).await?))
}

/// The opinion groups of the consultation as the page draws them: each
/// placed participant's point and group (nobody named), what sets each
/// group apart, the common ground, every statement's group-informed
/// consensus and bridging score with disagreements flagged, and the
/// groups' stability. Public; recomputed only after new votes.
#[utoipa::path(get, path = "/deliberations/{id}/opinion", tag = "deliberations",
    params(("id" = i64, Path)),
    responses((status = 200, body = OpinionMap), (status = 404, body = ErrorBody)))]
pub async fn opinion(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<OpinionMap>, ApiError> {
    Ok(Json(
        state.deliberations().opinion_map(id).await?.map.clone(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Records {
    /// Every published version, oldest first; each names the fingerprint
    /// of the one before.
    versions: Vec<RecordView>,
    /// Whether every text matches its fingerprint and the chain is whole.
    intact: bool,
    /// What is wrong when it is not.
    problem: Option<String>,
}

/// The published decision records with their SHA-256 fingerprints, and
/// whether they check out. Public.
#[utoipa::path(get, path = "/deliberations/{id}/records", tag = "deliberations",
    params(("id" = i64, Path)),
    responses((status = 200, body = Records), (status = 404, body = ErrorBody)))]
pub async fn records(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Records>, ApiError> {
    let (versions, check) = state.deliberations().records(id).await?;
    Ok(Json(Records {
        versions,
        intact: check.is_ok(),
        problem: check.err().map(|e| e.to_string()),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
    /// Votes only: the `next` of the previous page.
    cursor: Option<String>,
}

/// The statements with their agree, disagree and pass counts; a hidden
/// one keeps its line, not its text. Public.
#[utoipa::path(get, path = "/deliberations/{id}/statements", tag = "deliberations",
    params(("id" = i64, Path), ExportQuery),
    responses((status = 200, body = Vec<StatementView>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn statements(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let list = state.deliberations().statements(id).await?;
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(list).into_response()),
        Some("csv") => {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        if s.hidden {
                            String::new()
                        } else {
                            s.body.clone()
                        },
                        s.hidden.to_string(),
                        s.agree.to_string(),
                        s.disagree.to_string(),
                        s.pass.to_string(),
                        linli_model::time::w3c(s.at),
                    ]
                })
                .collect();
            let d = &open_data::STATEMENTS;
            Ok(super::csv::response(d.key, &d.columns(), &rows, None))
        }
        Some(_) => Err(linli_service::Error::invalid("format", FieldError::NotAChoice).into()),
    }
}

/// Votes in one page of the matrix.
const VOTES_PAGE: usize = 10_000;

/// The vote matrix, one vote per row, each participant under an id that
/// is random and stable for this deliberation alone; ordered by statement
/// and id, never by time; pages of 10,000. Votes on hidden statements are
/// left out. Public.
#[utoipa::path(get, path = "/deliberations/{id}/votes", tag = "deliberations",
    params(("id" = i64, Path), ExportQuery),
    responses((status = 200, body = Page<AnonymousVote>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn votes(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<ExportQuery>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let from = match q.cursor.as_deref() {
        None => 0,
        Some(c) => c
            .parse::<usize>()
            .map_err(|_| linli_service::Error::invalid("cursor", FieldError::NotAChoice))?,
    };
    let all = state.deliberations().vote_matrix(id).await?;
    let items: Vec<AnonymousVote> = all.iter().skip(from).take(VOTES_PAGE).cloned().collect();
    let next = (from + VOTES_PAGE < all.len()).then(|| (from + VOTES_PAGE).to_string());
    super::csv::page_as(
        &open_data::VOTES,
        &open_data::VOTES.path.replace("{id}", &id.to_string()),
        q.format.as_deref(),
        raw.as_deref(),
        Page { items, next },
        |v| {
            vec![
                v.participant.clone(),
                v.statement.to_string(),
                v.vote.to_string(),
            ]
        },
    )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    id: i64,
}

/// Proposes a topic while topics are collected: verified residents of the
/// participants' area.
#[utoipa::path(post, path = "/deliberations/{id}/topics", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = TopicForm,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn propose(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(form): Json<TopicForm>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = state.deliberations().propose(&actor, id, &form).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Supported {
    /// False when the caller supported it already.
    added: bool,
}

/// Supports a topic once, while topics are collected.
#[utoipa::path(post, path = "/topics/{id}/support", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Supported), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn support(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<Supported>, ApiError> {
    let added = state.deliberations().support(&actor, id).await?;
    Ok(Json(Supported { added }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Text {
    body: String,
}

/// Objects to (or asks about) the public notice while it runs; the
/// council must answer before the consultation opens.
#[utoipa::path(post, path = "/deliberations/{id}/objections", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = Text,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn object(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(text): Json<Text>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = state.deliberations().object(&actor, id, &text.body).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Makes a short statement in the consultation for others to vote on.
#[utoipa::path(post, path = "/deliberations/{id}/statements", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = Text,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn state_(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(text): Json<Text>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = state
        .deliberations()
        .add_statement(&actor, id, &text.body)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct VoteBody {
    /// `agree`, `disagree` or `pass`; a second vote replaces the first.
    vote: String,
}

/// Votes on a statement, or changes the vote.
#[utoipa::path(post, path = "/statements/{id}/vote", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = VoteBody,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn vote(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(body): Json<VoteBody>,
) -> Result<StatusCode, ApiError> {
    let vote = Vote::parse(&body.vote)
        .ok_or_else(|| linli_service::Error::invalid("vote", FieldError::NotAChoice))?;
    state.deliberations().vote(&actor, id, vote).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A ballot of any method; send the part the poll's method reads.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BallotBody {
    /// One choice: the option's position (from 0).
    choice: Option<u32>,
    /// Consent: `consent`, `concern`, `stand_aside` or `block`.
    stance: Option<String>,
    /// Consent: required for a concern or a block.
    reason: Option<String>,
    /// Ranked: option positions, most preferred first.
    ranking: Vec<u32>,
    /// Score: 0–5 for every option, in order.
    scores: Vec<u8>,
    /// Dots: dots per option, in order.
    dots: Vec<u8>,
    /// Budget: the positions of the approved options.
    approve: Vec<u32>,
    /// Meeting time: `yes`, `if_need_be` or `no` for every option.
    times: Vec<String>,
}

impl BallotBody {
    /// The same fields the page's ballot form sends, so one parser checks
    /// both.
    fn form(&self) -> BallotForm {
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut push = |k: String, v: String| fields.push((k, v));
        if let Some(c) = self.choice {
            push("choice".into(), c.to_string());
        }
        if let Some(s) = &self.stance {
            push("stance".into(), s.clone());
        }
        if let Some(r) = &self.reason {
            push("reason".into(), r.clone());
        }
        for (rank, option) in self.ranking.iter().enumerate() {
            push(format!("rank_{option}"), (rank + 1).to_string());
        }
        for (i, s) in self.scores.iter().enumerate() {
            push(format!("score_{i}"), s.to_string());
        }
        for (i, d) in self.dots.iter().enumerate() {
            push(format!("dots_{i}"), d.to_string());
        }
        for a in &self.approve {
            push("approve".into(), a.to_string());
        }
        for (i, t) in self.times.iter().enumerate() {
            push(format!("time_{i}"), t.clone());
        }
        BallotForm { fields }
    }
}

/// Casts or changes a ballot until the poll closes. The count stays
/// hidden from everyone until then.
#[utoipa::path(post, path = "/polls/{id}/ballot", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = BallotBody,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn ballot(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(body): Json<BallotBody>,
) -> Result<StatusCode, ApiError> {
    state.deliberations().cast(&actor, id, &body.form()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Decides a proposed topic (select, merge or decline) with the reason
/// everyone sees: the council or staff over the community.
#[utoipa::path(post, path = "/topics/{id}/decision", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = Disposition,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn decide_topic(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(disposition): Json<Disposition>,
) -> Result<StatusCode, ApiError> {
    state
        .deliberations()
        .decide_topic(&actor, id, &disposition)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageNow {
    stage: Stage,
}

/// Takes the next step (close collection, publish the notice, open the
/// consultation, record the decision, cancel); 409 names what is missing.
#[utoipa::path(post, path = "/deliberations/{id}/steps", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = Step,
    responses((status = 200, body = StageNow), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn step(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(step): Json<Step>,
) -> Result<Json<StageNow>, ApiError> {
    let stage = state.deliberations().step(&actor, id, &step).await?;
    Ok(Json(StageNow { stage }))
}

/// Puts a decision poll of any method, its quorum and threshold stated
/// from the start.
#[utoipa::path(post, path = "/deliberations/{id}/polls", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = PollForm,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn put_poll(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(form): Json<PollForm>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = state.deliberations().put_poll(&actor, id, &form).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Records or replaces the minutes during the consultation.
#[utoipa::path(post, path = "/deliberations/{id}/minutes", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = MinutesForm,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn minutes(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(form): Json<MinutesForm>,
) -> Result<StatusCode, ApiError> {
    state
        .deliberations()
        .record_minutes(&actor, id, &form)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Answers an objection to the notice in writing, once.
#[utoipa::path(post, path = "/objections/{id}/answer", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = Text,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn answer_objection(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(text): Json<Text>,
) -> Result<StatusCode, ApiError> {
    state.deliberations().answer(&actor, id, &text.body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Answers a block of a consent poll in writing, once; the decision
/// waits for every answer.
#[utoipa::path(post, path = "/blocks/{id}/answer", tag = "deliberations",
    security(("token" = [])), params(("id" = i64, Path)), request_body = Text,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn answer_block(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(text): Json<Text>,
) -> Result<StatusCode, ApiError> {
    state
        .deliberations()
        .answer_block(&actor, id, &text.body)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
