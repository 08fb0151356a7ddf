//! Admission review through plain forms on the admission desk.

use axum::{
    Extension, Form,
    extract::{Path, State},
    response::Response,
};
use linli_model::{
    account::FieldError,
    admission::{ProposalForm, Verdict},
    tree::StreetCode,
};
use linli_service::{Error, policy::Actor};
use serde::Deserialize;

use crate::startup::AppState;

const DESK: &str = "/staff/admission";

/// Every field an admission form sends.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Fields {
    department: String,
    community: String,
    change: String,
    title: String,
    detail: String,
    title_en: String,
    detail_en: String,
    item: String,
    reason: String,
    verdict: String,
    name: String,
    /// An unticked box sends nothing.
    reviews: Option<String>,
    login: String,
}

impl Fields {
    fn typed(&self) -> Vec<(&'static str, &str)> {
        [
            ("department", &self.department),
            ("community", &self.community),
            ("change", &self.change),
            ("title", &self.title),
            ("detail", &self.detail),
            ("title_en", &self.title_en),
            ("detail_en", &self.detail_en),
            ("item", &self.item),
            ("reason", &self.reason),
            ("name", &self.name),
            ("login", &self.login),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect()
    }
}

fn answer(which: &str, notice: &str, fields: &Fields, outcome: Result<(), Error>) -> Response {
    super::answer_form(DESK, which, notice, "a_", fields.typed(), outcome)
}

/// `POST /staff/admission/proposals`: a department proposes a change.
pub async fn propose(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(fields): Form<Fields>,
) -> Response {
    let form = ProposalForm {
        department: fields.department.clone(),
        community: fields.community.clone(),
        change: fields.change.clone(),
        title: fields.title.clone(),
        detail: fields.detail.clone(),
        title_en: fields.title_en.clone(),
        detail_en: fields.detail_en.clone(),
        item: fields.item.clone(),
        reason: fields.reason.clone(),
    };
    let outcome = state.admissions().propose(&actor, &form).await.map(drop);
    answer("propose", "a_proposed", &fields, outcome)
}

/// `POST /staff/admission/proposals/{id}/review`: a department decides.
pub async fn review(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let which = format!("review-{id}-{}", fields.department.trim());
    let outcome = match (
        fields.department.trim().parse::<i64>(),
        Verdict::parse(&fields.verdict),
    ) {
        (Ok(department), Some(verdict)) => state
            .admissions()
            .review(&actor, id, department, verdict, &fields.reason)
            .await
            .map(drop),
        _ => Err(Error::invalid("reason", FieldError::NotAChoice)),
    };
    answer(&which, "a_reviewed", &fields, outcome)
}

/// `POST /staff/admission/streets/{code}/departments`: a street officer
/// adds a department.
pub async fn add_department(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let which = format!("department-{code}");
    let outcome = match StreetCode::parse(&code) {
        Ok(street) => state
            .admissions()
            .add_department(&actor, &street, &fields.name, fields.reviews.is_some())
            .await
            .map(drop),
        Err(_) => Err(Error::NotFound),
    };
    answer(&which, "a_department", &fields, outcome)
}

/// `POST /staff/admission/departments/{id}/members`: adds a member.
pub async fn add_member(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let outcome = state
        .admissions()
        .add_member(&actor, id, &fields.login)
        .await;
    answer(&format!("member-{id}"), "a_member", &fields, outcome)
}
