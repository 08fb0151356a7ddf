//! Projects and organisations through plain forms, so every step works
//! without JavaScript. Each form posts to what it acts on; the answer is a
//! redirect back, carrying a notice, the conflict's code, or what was typed
//! and what needs fixing.

use axum::{
    Extension, Form,
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use linli_model::{
    account::FieldError,
    matter::PhotoId,
    organisation::OrganisationForm,
    project::{BidForm, CallForm},
    tree::CommunityCode,
};
use linli_service::{Error, policy::Actor};
use serde::Deserialize;

use crate::startup::AppState;

/// Every field any project or organisation form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Fields {
    title: String,
    summary: String,
    requirements: String,
    eligibility: String,
    budget_cap: String,
    deadline: String,
    criteria: String,
    evaluators: String,
    deliberation: String,
    need: String,
    resources: String,
    plan_only: String,
    organisation: String,
    proposal: String,
    budget: String,
    milestones: String,
    team: String,
    reason: String,
    comment: String,
    body: String,
    milestone: String,
    stars: String,
    score_0: String,
    score_1: String,
    score_2: String,
    score_3: String,
    score_4: String,
    score_5: String,
    score_6: String,
    score_7: String,
    name: String,
    credit_code: String,
    legal_rep: String,
    phone: String,
    areas: String,
    description: String,
    documents: String,
}

impl Fields {
    /// The typed text worth sending back to a form that failed (these
    /// forms hold nothing secret).
    fn typed(&self) -> Vec<(&'static str, &str)> {
        [
            ("title", &self.title),
            ("summary", &self.summary),
            ("requirements", &self.requirements),
            ("eligibility", &self.eligibility),
            ("budget_cap", &self.budget_cap),
            ("deadline", &self.deadline),
            ("criteria", &self.criteria),
            ("evaluators", &self.evaluators),
            ("deliberation", &self.deliberation),
            ("need", &self.need),
            ("resources", &self.resources),
            ("plan_only", &self.plan_only),
            ("proposal", &self.proposal),
            ("budget", &self.budget),
            ("milestones", &self.milestones),
            ("team", &self.team),
            ("reason", &self.reason),
            ("comment", &self.comment),
            ("body", &self.body),
            ("milestone", &self.milestone),
            ("score_0", &self.score_0),
            ("score_1", &self.score_1),
            ("score_2", &self.score_2),
            ("score_3", &self.score_3),
            ("score_4", &self.score_4),
            ("score_5", &self.score_5),
            ("score_6", &self.score_6),
            ("score_7", &self.score_7),
            ("name", &self.name),
            ("credit_code", &self.credit_code),
            ("legal_rep", &self.legal_rep),
            ("phone", &self.phone),
            ("areas", &self.areas),
            ("description", &self.description),
            ("documents", &self.documents),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect()
    }

    fn call(&self) -> CallForm {
        CallForm {
            title: self.title.clone(),
            summary: self.summary.clone(),
            requirements: self.requirements.clone(),
            eligibility: self.eligibility.clone(),
            budget_cap: self.budget_cap.clone(),
            deadline: self.deadline.clone(),
            criteria: self.criteria.clone(),
            evaluators: self.evaluators.clone(),
            deliberation: self.deliberation.clone(),
            need: self.need.clone(),
            resources: self.resources.clone(),
            plan_only: (!self.plan_only.is_empty()).then(|| self.plan_only.clone()),
        }
    }

    fn bid(&self) -> BidForm {
        BidForm {
            proposal: self.proposal.clone(),
            budget: self.budget.clone(),
            milestones: self.milestones.clone(),
            team: self.team.clone(),
        }
    }

    fn organisation(&self) -> OrganisationForm {
        OrganisationForm {
            name: self.name.clone(),
            credit_code: self.credit_code.clone(),
            legal_rep: self.legal_rep.clone(),
            phone: self.phone.clone(),
            areas: self.areas.clone(),
            description: self.description.clone(),
            documents: self.documents.clone(),
        }
    }

    fn scores(&self) -> Vec<String> {
        [
            &self.score_0,
            &self.score_1,
            &self.score_2,
            &self.score_3,
            &self.score_4,
            &self.score_5,
            &self.score_6,
            &self.score_7,
        ]
        .into_iter()
        .cloned()
        .collect()
    }
}

fn number(field: &str, value: &str) -> Result<i64, Error> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::invalid(field, FieldError::NotAChoice))
}

fn answer(
    page: &str,
    which: &str,
    notice: &str,
    fields: &Fields,
    outcome: Result<(), Error>,
) -> Response {
    super::answer_form(page, which, notice, "p_", fields.typed(), outcome)
}

/// `POST /communities/{code}/projects`: publishes a project's call.
pub async fn publish(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let Ok(community) = CommunityCode::parse(&code) else {
        return Redirect::to("/projects").into_response();
    };
    let page = format!("/communities/{community}/projects/new");
    match state
        .projects()
        .publish(&actor, &community, &fields.call())
        .await
    {
        Ok(id) => Redirect::to(&format!("/projects/{id}?notice=p_published")).into_response(),
        Err(e) => answer(&page, "publish", "", &fields, Err(e)),
    }
}

/// `POST /projects/{id}/{action}`: what is done to a project.
pub async fn act(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path((id, action)): Path<(i64, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let page = format!("/projects/{id}");
    let p = state.projects();
    let organisation = number("proposal", &fields.organisation);
    let (which, outcome) = match action.as_str() {
        "bid" => (
            format!("bid-{}", fields.organisation.trim()),
            match organisation {
                Ok(org) => p.bid(&actor, id, org, &fields.bid()).await.map(drop),
                Err(e) => Err(e),
            },
        ),
        "withdraw" => (
            "bids".to_owned(),
            match organisation {
                Ok(org) => p.withdraw(&actor, id, org).await,
                Err(e) => Err(e),
            },
        ),
        "award" => ("results".to_owned(), p.award(&actor, id).await.map(drop)),
        "open-call" => (
            "open-call".to_owned(),
            p.open_call(&actor, id, &fields.call()).await,
        ),
        "cancel" => (
            "cancel".to_owned(),
            p.cancel(&actor, id, &fields.reason).await,
        ),
        "close" => ("ratings".to_owned(), p.close_evaluation(&actor, id).await),
        "rate" => (
            "rate".to_owned(),
            p.rate(&actor, id, &fields.stars, &fields.comment).await,
        ),
        _ => return Redirect::to(&page).into_response(),
    };
    answer(&page, &which, &format!("p_{action}"), &fields, outcome)
}

/// `POST /projects/{id}/report`: the awarded organisation reports a
/// milestone, with up to five photos as evidence.
pub async fn report(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    request: axum::extract::Request,
) -> Response {
    let page = format!("/projects/{id}");
    let read = match super::photo_form::read(&state, &actor, request).await {
        Ok(read) => read,
        Err(e) => return answer(&page, "report", "", &Fields::default(), Err(e)),
    };
    let text = |name: &str| read.fields.get(name).cloned().unwrap_or_default();
    let fields = Fields {
        milestone: text("milestone"),
        body: text("body"),
        ..Fields::default()
    };
    let photos: Vec<PhotoId> = read
        .photos
        .iter()
        .filter_map(|p| PhotoId::parse(p))
        .collect();
    let outcome = if !read.errors.is_empty() {
        Err(Error::Invalid(read.errors))
    } else {
        match fields.milestone.trim().parse::<u32>() {
            Ok(m) => {
                state
                    .projects()
                    .report(&actor, id, m, &fields.body, &photos)
                    .await
            }
            Err(_) => Err(Error::invalid("milestone", FieldError::NotAChoice)),
        }
    };
    let mut typed = fields.typed();
    let carried = read.photos.join(",");
    if !carried.is_empty() {
        typed.push(("photos", &carried));
    }
    super::answer_form(&page, "report", "p_report", "p_", typed, outcome)
}

/// Where a form on a bid returns to.
#[derive(Debug, Deserialize)]
pub struct Back {
    back: i64,
}

/// `POST /bids/{id}/{action}`: an evaluator scores a bid or declares a
/// conflict with it.
pub async fn act_on_bid(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path((bid, action)): Path<(i64, String)>,
    Query(back): Query<Back>,
    Form(fields): Form<Fields>,
) -> Response {
    let page = format!("/projects/{}", back.back);
    let p = state.projects();
    let (which, outcome) = match action.as_str() {
        "score" => (
            format!("sheet-{bid}"),
            p.score(&actor, bid, &fields.scores(), &fields.comment)
                .await
                .map(drop),
        ),
        "conflict" => (
            format!("conflict-{bid}"),
            p.declare_conflict(&actor, bid, &fields.reason).await,
        ),
        _ => return Redirect::to(&page).into_response(),
    };
    answer(&page, &which, &format!("p_{action}"), &fields, outcome)
}

/// `POST /organisations`: registers an organisation.
pub async fn register(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(fields): Form<Fields>,
) -> Response {
    let page = "/organisations/register";
    match state
        .organisations()
        .register(&actor, &fields.organisation())
        .await
    {
        Ok(id) => Redirect::to(&format!("/organisations/{id}?notice=o_registered")).into_response(),
        Err(e) => answer(page, "register", "", &fields, Err(e)),
    }
}

/// `POST /organisations/{id}/{verify|reject}`: staff decide a registration.
pub async fn decide(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path((id, action)): Path<(i64, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    let page = "/organisations/desk";
    let verify = match action.as_str() {
        "verify" => true,
        "reject" => false,
        _ => return Redirect::to(page).into_response(),
    };
    let outcome = state
        .organisations()
        .decide(&actor, id, verify, &fields.reason)
        .await;
    let which = if verify {
        format!("org-{id}")
    } else {
        format!("reject-{id}")
    };
    answer(page, &which, &format!("o_{action}"), &fields, outcome)
}
