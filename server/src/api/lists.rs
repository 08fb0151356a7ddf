//! The needs, resources and responsibilities lists as open data: JSON
//! pages, or with `format=csv` the same page as a spreadsheet. A resource's
//! contact is in `/resources/{id}` only for staff over its community.

use axum::{
    extract::State,
    response::{IntoResponse, Response},
};
use linli_model::{
    Page,
    account::FieldError,
    need::{NeedDetail, NeedSummary},
    open_data,
    resource::{ResourceDetail, ResourceSummary},
    responsibility::{ResponsibilityView, SubjectView},
    time::w3c,
};
use linli_service::lists::RawFilter;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

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
    /// Needs: `elderly`, `children`, `disability`, `environment`,
    /// `facilities`, `safety`, `culture`, `employment`, `other`.
    /// Resources: `venue`, `service`, `volunteers`, `organisation`, `fund`.
    /// Responsibilities: `grid_leader`, `grid_worker`, `police`,
    /// `building_head`, `item_lead`.
    kind: Option<String>,
    /// Needs only: `open`, `in_hand` or `met`.
    status: Option<String>,
    /// Words in the title or description (resources and needs), or in the
    /// name (responsibilities).
    q: Option<String>,
    /// Resources only: `on` for step-free venues alone.
    accessible: Option<String>,
    /// The `next` of the previous page.
    cursor: Option<i64>,
    /// `json` (the default) or `csv`, for spreadsheets.
    format: Option<String>,
}

impl ListQuery {
    fn raw(&self) -> RawFilter<'_> {
        RawFilter {
            place: self.place.as_deref(),
            kind: self.kind.as_deref(),
            status: self.status.as_deref(),
            text: self.q.as_deref(),
            accessible: self.accessible.as_deref().is_some_and(|a| !a.is_empty()),
        }
    }

    /// This query for the page after `next`, as CSV.
    fn next_csv(&self, list: &str, next: &str) -> String {
        let mut link = format!("/api/v1/{list}?format=csv&cursor={next}");
        for (k, v) in [
            ("place", &self.place),
            ("kind", &self.kind),
            ("status", &self.status),
            ("q", &self.q),
            ("accessible", &self.accessible),
        ] {
            if let Some(v) = v {
                link.push_str(&format!("&{k}={}", linli_app::url::encode(v)));
            }
        }
        link
    }
}

/// A page as JSON, or as CSV with `columns` and a row per item.
fn answer<T: Serialize>(
    list: &str,
    q: &ListQuery,
    page: Page<T>,
    columns: &[&str],
    row: fn(&T) -> Vec<String>,
) -> Result<Response, ApiError> {
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(page).into_response()),
        Some("csv") => {
            let rows: Vec<Vec<String>> = page.items.iter().map(row).collect();
            let next = page.next.as_deref().map(|n| q.next_csv(list, n));
            Ok(super::csv::response(list, columns, &rows, next))
        }
        Some(_) => Err(linli_service::Error::invalid("format", FieldError::NotAChoice).into()),
    }
}

fn need_row(n: &NeedSummary) -> Vec<String> {
    vec![
        n.id.to_string(),
        n.community.to_string(),
        n.community_name.zh.clone(),
        n.title.clone(),
        n.category.as_str().to_owned(),
        n.affected.to_string(),
        n.status.as_str().to_owned(),
        n.source.kind().to_owned(),
        n.source.id().map(|i| i.to_string()).unwrap_or_default(),
        w3c(n.created_at),
    ]
}

/// Needs, newest first, a page at a time.
#[utoipa::path(get, path = "/needs", tag = "lists", params(ListQuery),
    responses((status = 200, body = Page<NeedSummary>), (status = 422, body = ErrorBody)))]
pub async fn needs(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let filter = q.raw().needs()?;
    let page = state.lists().needs(&filter, q.cursor).await?;
    answer("needs", &q, page, &open_data::NEEDS.columns(), need_row)
}

/// One need, with where it came from and the projects meeting it.
#[utoipa::path(get, path = "/needs/{id}", tag = "lists", params(("id" = i64, Path)),
    responses((status = 200, body = NeedDetail), (status = 404, body = ErrorBody)))]
pub async fn need(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<NeedDetail>, ApiError> {
    Ok(Json(state.lists().need(id).await?))
}

fn resource_row(r: &ResourceSummary) -> Vec<String> {
    let c = r.facts.columns();
    let text = |v: Option<String>| v.unwrap_or_default();
    vec![
        r.id.to_string(),
        r.community.to_string(),
        r.community_name.zh.clone(),
        r.facts.kind().as_str().to_owned(),
        r.name.clone(),
        r.owner.clone(),
        text(c.area_m2.map(|a| a.to_string())),
        text(c.opening_hours.map(str::to_owned)),
        text(c.accessible.map(|a| a.to_string())),
        text(c.bookable.map(|b| b.to_string())),
        text(c.members.map(|m| m.to_string())),
        text(c.organisation.map(|o| o.to_string())),
        text(c.amount.map(|a| a.to_input())),
    ]
}

/// Resources, newest first, a page at a time; never their contacts.
#[utoipa::path(get, path = "/resources", tag = "lists", params(ListQuery),
    responses((status = 200, body = Page<ResourceSummary>), (status = 422, body = ErrorBody)))]
pub async fn resources(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let filter = q.raw().resources()?;
    let page = state.lists().resources(&filter, q.cursor).await?;
    answer(
        "resources",
        &q,
        page,
        &open_data::RESOURCES.columns(),
        resource_row,
    )
}

/// One resource and the projects using it; the contact only for staff.
#[utoipa::path(get, path = "/resources/{id}", tag = "lists", params(("id" = i64, Path)),
    responses((status = 200, body = ResourceDetail), (status = 404, body = ErrorBody)))]
pub async fn resource(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Json<ResourceDetail>, ApiError> {
    Ok(Json(state.lists().resource(&actor, id).await?))
}

fn responsibility_row(r: &ResponsibilityView) -> Vec<String> {
    let (kind, key, subject) = match &r.subject {
        SubjectView::Grid { code, name } => ("grid", code.to_string(), name.zh.clone()),
        SubjectView::Item { id, title, .. } => ("item", id.to_string(), title.zh.clone()),
    };
    vec![
        r.id.to_string(),
        r.community.to_string(),
        r.community_name.zh.clone(),
        kind.to_owned(),
        key,
        subject,
        r.duty.as_str().to_owned(),
        r.name.clone(),
        r.phone.clone(),
    ]
}

/// Who answers for each grid and list item, in the order posted.
#[utoipa::path(get, path = "/responsibilities", tag = "lists", params(ListQuery),
    responses((status = 200, body = Page<ResponsibilityView>), (status = 422, body = ErrorBody)))]
pub async fn responsibilities(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let filter = q.raw().responsibilities()?;
    let page = state.lists().responsibilities(&filter, q.cursor).await?;
    answer(
        "responsibilities",
        &q,
        page,
        &open_data::RESPONSIBILITIES.columns(),
        responsibility_row,
    )
}
