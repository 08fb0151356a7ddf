//! Community projects and social organisations: public reading, open data
//! as CSV, and bidding for organisations' own systems. Bids go through the
//! same service operations as the forms, so the seal holds here too.

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use linli_model::{
    Page,
    matter::place_prefix,
    organisation::OrganisationView,
    project::{BidForm, BidView, ProjectDetail, ProjectStatus, ProjectSummary},
    time::w3c,
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
pub struct ProjectQuery {
    /// A district, street or community code: everything under it.
    place: Option<String>,
    /// `planned`, `call_open`, `awarded`, `in_progress`, `delivered`, `evaluated`,
    /// `cancelled`.
    status: Option<String>,
    /// Words in the title or description.
    q: Option<String>,
    /// The `next` of the previous page.
    cursor: Option<i64>,
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

fn project_rows(page: &Page<ProjectSummary>) -> Vec<Vec<String>> {
    page.items
        .iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                p.community.to_string(),
                p.community_name.zh.clone(),
                p.title.clone(),
                p.status.as_str().to_owned(),
                p.budget_cap.to_input(),
                w3c(p.deadline),
                p.awarded_to
                    .as_ref()
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

/// Projects, newest first, a page at a time; `format=csv` gives the same
/// page as a spreadsheet (with a `Link` header to the next page).
#[utoipa::path(get, path = "/projects", tag = "projects", params(ProjectQuery),
    responses((status = 200, body = Page<ProjectSummary>), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ProjectQuery>,
) -> Result<Response, ApiError> {
    use linli_model::account::FieldError;
    let place = q
        .place
        .as_deref()
        .map(place_prefix)
        .transpose()
        .map_err(ApiError::code("place"))?
        .unwrap_or_default();
    let status = match q.status.as_deref() {
        Some(s) => Some(
            ProjectStatus::parse(s)
                .ok_or_else(|| linli_service::Error::invalid("status", FieldError::NotAChoice))?,
        ),
        None => None,
    };
    let page = state
        .projects()
        .list(&place, status, q.q.as_deref(), q.cursor)
        .await?;
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(page).into_response()),
        Some("csv") => {
            let next = page.next.as_ref().map(|n| {
                let mut link = format!("/api/v1/projects?format=csv&cursor={n}");
                if !place.is_empty() {
                    link.push_str(&format!("&place={place}"));
                }
                if let Some(s) = status {
                    link.push_str(&format!("&status={}", s.as_str()));
                }
                if let Some(words) = q.q.as_deref() {
                    link.push_str(&format!("&q={}", linli_app::url::encode(words)));
                }
                link
            });
            Ok(super::csv::response(
                "projects",
                &linli_model::open_data::PROJECTS.columns(),
                &project_rows(&page),
                next,
            ))
        }
        Some(_) => Err(linli_service::Error::invalid("format", FieldError::NotAChoice).into()),
    }
}

/// One project: its call, the bids the caller may read, the published
/// result, milestones, ratings and timeline.
#[utoipa::path(get, path = "/projects/{id}", tag = "projects", params(("id" = i64, Path)),
    responses((status = 200, body = ProjectDetail), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<ProjectDetail>, ApiError> {
    Ok(Json(state.projects().detail(&actor, id).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Bids {
    /// True until the deadline: then only the caller's own organisation's
    /// bids are listed, and nobody learns how many others there are.
    sealed: bool,
    bids: Vec<BidView>,
}

/// The bids the caller may read on a project.
#[utoipa::path(get, path = "/projects/{id}/bids", tag = "projects", params(("id" = i64, Path)),
    responses((status = 200, body = Bids), (status = 404, body = ErrorBody)))]
pub async fn bids(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<Bids>, ApiError> {
    let (sealed, bids) = state.projects().bids(&actor, id).await?;
    Ok(Json(Bids { sealed, bids }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BidRequest {
    /// The organisation bidding; the caller must act for it.
    organisation: i64,
    #[serde(flatten)]
    bid: BidForm,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BidSaved {
    id: i64,
}

/// Submits or replaces the organisation's bid, until the deadline.
#[utoipa::path(post, path = "/projects/{id}/bids", tag = "projects", security(("token" = [])),
    params(("id" = i64, Path)), request_body = BidRequest,
    responses((status = 201, body = BidSaved), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn bid(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Json(request): Json<BidRequest>,
) -> Result<(StatusCode, Json<BidSaved>), ApiError> {
    let saved = state
        .projects()
        .bid(&actor, id, request.organisation, &request.bid)
        .await?;
    Ok((StatusCode::CREATED, Json(BidSaved { id: saved })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationQuery {
    /// The `next` of the previous page.
    cursor: Option<i64>,
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

fn organisation_row(o: &OrganisationView) -> Vec<String> {
    let r = &o.record;
    let mean = r
        .mean_rating
        .map(|m| format!("{:.2}", f64::from(m) / 100.0))
        .unwrap_or_default();
    vec![
        o.id.to_string(),
        o.name.clone(),
        o.credit_code.to_string(),
        o.areas.join(";"),
        o.status.as_str().to_owned(),
        w3c(o.registered_at),
        o.verified_at.map(w3c).unwrap_or_default(),
        r.delivered.to_string(),
        r.ratings.to_string(),
        mean,
    ]
}

/// Verified organisations, newest first, with their track records;
/// `format=csv` as a spreadsheet, without contacts.
#[utoipa::path(get, path = "/organisations", tag = "projects", params(OrganisationQuery),
    responses((status = 200, body = Page<OrganisationView>)))]
pub async fn organisations(
    State(state): State<AppState>,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    Query(q): Query<OrganisationQuery>,
) -> Result<Response, ApiError> {
    let page = state.organisations().list(q.cursor).await?;
    super::csv::page_as(
        &linli_model::open_data::ORGANISATIONS,
        linli_model::open_data::ORGANISATIONS.path,
        q.format.as_deref(),
        raw.as_deref(),
        page,
        organisation_row,
    )
}

/// One organisation; an unverified one only for its members and the staff
/// who may verify it.
#[utoipa::path(get, path = "/organisations/{id}", tag = "projects", params(("id" = i64, Path)),
    responses((status = 200, body = OrganisationView), (status = 404, body = ErrorBody)))]
pub async fn organisation(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<OrganisationView>, ApiError> {
    Ok(Json(state.organisations().view(&actor, id).await?))
}
