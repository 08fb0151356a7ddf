//! Open311 GeoReport v2 at `/open311/v2/`, so that existing Open311
//! clients and city systems can use Linli. Categories are services,
//! matters are requests, timeline entries are `servicerequestupdates`.
//! Every resource answers in `.json` and `.xml` with the element names,
//! W3C dates and error lists of the specification.
//!
//! Mapping: a request may name the grid it is in (the attribute `grid`,
//! or as `address_id` the grid code Linli's requests carry); without one
//! it goes in the grid nearest `lat`/`long`, or waits for staff over the
//! place its `address_string` names, and the client is given a `token`.
//! Its title is the start of the description; the detailed Linli state
//! goes in `status_notes`. `api_key` is a personal API token.

mod doc;

use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::Response,
    routing::get,
};
use linli_model::{
    matter::{Category, MatterFilter, MatterForm, MatterState, StepKind},
    time::{parse_w3c, w3c},
    tree::GridCode,
};
use linli_service::{
    Error, api_token::ApiToken, clock::DAY, intake::Filed, limits::Limit, store::MatterRow,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

use self::doc::{Doc, Format, error, errors, respond, split_format};
use crate::startup::AppState;

/// Requests a list answers with at most, and the default window, as the
/// specification suggests.
const MAX_REQUESTS: usize = 1000;
const DEFAULT_WINDOW: i64 = 90 * DAY;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{resource}", get(resource).post(post_request))
        .route("/services/{code}", get(service_definition))
        .route("/requests/{id}", get(one_request))
        .route("/tokens/{token}", get(token))
}

/// The 404 the specification wants for a resource without `.json` or
/// `.xml`.
fn no_format() -> Response {
    error(
        StatusCode::NOT_FOUND,
        Format::Json,
        "resources end in .json or .xml",
    )
}

/// 429 with the seconds to wait, as Open311 clients read errors.
fn too_many(format: Format, retry_after_secs: i64) -> Response {
    let mut response = error(
        StatusCode::TOO_MANY_REQUESTS,
        format,
        &format!("too many requests with this api_key; retry in {retry_after_secs} s"),
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string()) {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, v);
    }
    response
}

fn internal(format: Format, e: &Error) -> Response {
    tracing::error!(error = %e, "Open311 request failed");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        format,
        "the service is unavailable",
    )
}

async fn resource(
    State(state): State<AppState>,
    Path(segment): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some((name, format)) = split_format(&segment) else {
        return no_format();
    };
    match name {
        "discovery" => discovery(&state, format),
        "services" => services(&state, format).await,
        "requests" => requests(&state, format, &params).await,
        "servicerequestupdates" => updates(&state, format, &params).await,
        _ => error(StatusCode::NOT_FOUND, format, "no such resource"),
    }
}

fn discovery(state: &AppState, format: Format) -> Response {
    let url = format!("{}/open311/v2/", state.public_url.trim_end_matches('/'));
    let formats = Doc::List {
        item: "format",
        items: vec![Doc::text("application/json"), Doc::text("text/xml")],
    };
    let doc = Doc::Object(vec![
        ("changeset", Doc::text("2026-11-24T00:00:00+08:00")),
        ("contact", Doc::text("Linli community portal")),
        (
            "key_service",
            Doc::text("A personal API token from the account page is the api_key."),
        ),
        (
            "endpoints",
            Doc::List {
                item: "endpoint",
                items: vec![Doc::Object(vec![
                    (
                        "specification",
                        Doc::text("http://wiki.open311.org/GeoReport_v2"),
                    ),
                    ("url", Doc::text(url)),
                    ("changeset", Doc::text("2026-11-24T00:00:00+08:00")),
                    ("type", Doc::text("production")),
                    ("formats", formats),
                ])],
            },
        ),
    ]);
    respond(StatusCode::OK, format, "discovery", &doc)
}

fn service_doc(c: &Category) -> Doc {
    Doc::Object(vec![
        ("service_code", Doc::text(c.code.clone())),
        (
            "service_name",
            Doc::text(format!("{} {}", c.name.zh, c.name.en)),
        ),
        ("description", Doc::text(c.name.en.clone())),
        ("metadata", Doc::Bool(true)),
        ("type", Doc::text("realtime")),
        ("keywords", Doc::text(c.name.zh.clone())),
        ("group", Doc::text(c.group.clone())),
    ])
}

async fn services(state: &AppState, format: Format) -> Response {
    match state.matters().categories().await {
        Ok(categories) => {
            let doc = Doc::List {
                item: "service",
                items: categories.iter().map(service_doc).collect(),
            };
            respond(StatusCode::OK, format, "services", &doc)
        }
        Err(e) => internal(format, &e),
    }
}

async fn service_definition(
    State(state): State<AppState>,
    Path(segment): Path<String>,
) -> Response {
    let Some((code, format)) = split_format(&segment) else {
        return no_format();
    };
    let categories = match state.matters().categories().await {
        Ok(c) => c,
        Err(e) => return internal(format, &e),
    };
    if !categories.iter().any(|c| c.code == code) {
        return error(StatusCode::NOT_FOUND, format, "no such service_code");
    }
    let attribute = |order: i64, code: &str, required: bool, description: &str| {
        Doc::Object(vec![
            ("variable", Doc::Bool(true)),
            ("code", Doc::text(code)),
            ("datatype", Doc::text("string")),
            ("required", Doc::Bool(required)),
            ("datatype_description", Doc::text(description)),
            ("order", Doc::Int(order)),
            ("description", Doc::text(description)),
        ])
    };
    let doc = Doc::Object(vec![
        ("service_code", Doc::text(code)),
        (
            "attributes",
            Doc::List {
                item: "attribute",
                items: vec![
                    attribute(
                        1,
                        "grid",
                        false,
                        "The 20-digit code of the grid the problem is in, if known; \
                         without it the request is placed by lat/long or address_string.",
                    ),
                    attribute(
                        2,
                        "title",
                        false,
                        "A short title; the start of the description otherwise.",
                    ),
                ],
            },
        ),
    ]);
    respond(StatusCode::OK, format, "service_definition", &doc)
}

/// Open311's two states; the Linli state is in `status_notes`.
fn status(state: MatterState) -> &'static str {
    if state.is_open() { "open" } else { "closed" }
}

/// One request; `media` is the URL of its first photo.
fn request_doc(row: &MatterRow, categories: &[Category], media: Option<String>) -> Doc {
    let name = categories
        .iter()
        .find(|c| c.code == row.category_code)
        .map(|c| format!("{} {}", c.name.zh, c.name.en));
    let state = MatterState::parse(&row.state).unwrap_or(MatterState::Submitted);
    let notes = match (&row.referred_to, row.merged_into) {
        (Some(to), _) => format!("{}: {to}", state.as_str()),
        (None, Some(into)) => format!("{}: {into}", state.as_str()),
        _ => state.as_str().to_owned(),
    };
    Doc::Object(vec![
        ("service_request_id", Doc::text(row.matter_id.to_string())),
        ("status", Doc::text(status(state))),
        ("status_notes", Doc::text(notes)),
        ("service_name", Doc::opt_text(name)),
        ("service_code", Doc::text(row.category_code.clone())),
        ("description", Doc::text(row.description.clone())),
        ("agency_responsible", Doc::text(row.level.clone())),
        ("service_notice", Doc::Null),
        ("requested_datetime", Doc::text(w3c(row.created_at))),
        ("updated_datetime", Doc::text(w3c(row.updated_at))),
        ("expected_datetime", Doc::opt_text(row.deadline_at.map(w3c))),
        ("address", Doc::opt_text(row.address.clone())),
        ("address_id", Doc::text(row.grid_code.clone())),
        ("zipcode", Doc::Null),
        ("lat", row.latitude.map_or(Doc::Null, Doc::Number)),
        ("long", row.longitude.map_or(Doc::Null, Doc::Number)),
        ("media_url", Doc::opt_text(media)),
    ])
}

/// Requests with the URL of each one's first photo.
async fn request_docs(
    state: &AppState,
    rows: &[MatterRow],
    categories: &[Category],
) -> Result<Vec<Doc>, Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.matter_id).collect();
    let photos = state.store.first_photos(&ids).await?;
    let site = state.public_url.trim_end_matches('/');
    Ok(rows
        .iter()
        .map(|row| {
            let media = photos
                .iter()
                .find(|(m, _)| *m == row.matter_id)
                .map(|(_, p)| format!("{site}{}", p.url()));
            request_doc(row, categories, media)
        })
        .collect())
}

fn date_param(params: &HashMap<String, String>, key: &str) -> Result<Option<i64>, String> {
    match params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse_w3c(v)
            .map(Some)
            .ok_or_else(|| format!("{key} is not a W3C date-time")),
    }
}

/// The window of `start_date` and `end_date` as the specification has
/// it: at most 90 days, the most recent 90 when neither is given.
fn window(params: &HashMap<String, String>, now: i64) -> Result<(i64, i64), String> {
    let (from, until) = (
        date_param(params, "start_date")?,
        date_param(params, "end_date")?,
    );
    match (from, until) {
        (Some(from), Some(until)) if until < from => Err("end_date is before start_date".into()),
        (Some(from), Some(until)) if until - from > DEFAULT_WINDOW => {
            Err("start_date and end_date may not span more than 90 days".into())
        }
        (Some(from), Some(until)) => Ok((from, until)),
        (Some(from), None) => Ok((from, (from + DEFAULT_WINDOW).min(now + 1))),
        (None, Some(until)) => Ok((until - DEFAULT_WINDOW, until)),
        (None, None) => Ok((now + 1 - DEFAULT_WINDOW, now + 1)),
    }
}

/// A parameter that "can be declared multiple times, comma delimited".
fn listed(params: &HashMap<String, String>, key: &str) -> Vec<String> {
    params
        .get(key)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// `GET requests`: `service_request_id` (comma delimited) overrides every
/// other argument; otherwise `service_code` and `status` (each comma
/// delimited, any of them) and the date window narrow together.
async fn requests(state: &AppState, format: Format, params: &HashMap<String, String>) -> Response {
    let bad = |m: &str| error(StatusCode::BAD_REQUEST, format, m);
    let categories = match state.matters().categories().await {
        Ok(c) => c,
        Err(e) => return internal(format, &e),
    };
    let mut filter = MatterFilter::default();
    let ids = listed(params, "service_request_id");
    if !ids.is_empty() {
        let parsed: Result<Vec<i64>, _> = ids.iter().map(|i| i.parse::<i64>()).collect();
        match parsed {
            Ok(ids) if ids.len() <= MAX_REQUESTS => filter.ids = ids,
            _ => return bad("service_request_id is a comma-delimited list of ids"),
        }
    } else {
        match window(params, state.clock.now()) {
            Ok((from, until)) => (filter.from, filter.until) = (Some(from), Some(until)),
            Err(m) => return bad(&m),
        }
        filter.categories = listed(params, "service_code");
        if let Some(unknown) = filter
            .categories
            .iter()
            .find(|code| !categories.iter().any(|c| c.code == **code))
        {
            return bad(&format!("service_code {unknown} is not a service"));
        }
        let statuses = listed(params, "status");
        match (
            statuses.iter().any(|s| s == "open"),
            statuses.iter().any(|s| s == "closed"),
        ) {
            _ if statuses.iter().any(|s| s != "open" && s != "closed") => {
                return bad("status is open, closed or both, comma delimited");
            }
            (true, false) => filter.open_only = true,
            (false, true) => filter.closed_only = true,
            _ => {}
        }
    }
    let rows = match state
        .store
        .matter_rows(&filter, MAX_REQUESTS, state.clock.now())
        .await
    {
        Ok(r) => r,
        Err(e) => return internal(format, &e),
    };
    let items = match request_docs(state, &rows, &categories).await {
        Ok(items) => items,
        Err(e) => return internal(format, &e),
    };
    let doc = Doc::List {
        item: "request",
        items,
    };
    respond(StatusCode::OK, format, "service_requests", &doc)
}

async fn one_request(State(state): State<AppState>, Path(segment): Path<String>) -> Response {
    let Some((id, format)) = split_format(&segment) else {
        return no_format();
    };
    let Ok(id) = id.parse::<i64>() else {
        return error(StatusCode::NOT_FOUND, format, "no such service_request_id");
    };
    let (row, categories) = match (
        state.store.matter_row(id).await,
        state.matters().categories().await,
    ) {
        (Ok(r), Ok(c)) => (r, c),
        (Err(Error::NotFound), _) => {
            return error(StatusCode::NOT_FOUND, format, "no such service_request_id");
        }
        (Err(e), _) | (_, Err(e)) => return internal(format, &e),
    };
    let items = match request_docs(&state, std::slice::from_ref(&row), &categories).await {
        Ok(items) => items,
        Err(e) => return internal(format, &e),
    };
    let doc = Doc::List {
        item: "request",
        items,
    };
    respond(StatusCode::OK, format, "service_requests", &doc)
}

/// What a token stands for: a request filed at once answers with its id
/// as the token; one waiting for staff to place it has a token of its own
/// and gets its `service_request_id` once placed.
async fn token(State(state): State<AppState>, Path(segment): Path<String>) -> Response {
    let Some((token, format)) = split_format(&segment) else {
        return no_format();
    };
    let found = match token.parse::<i64>() {
        Ok(id) => match state.store.matter_row(id).await {
            Ok(_) => Some(Some(id)),
            Err(Error::NotFound) => None,
            Err(e) => return internal(format, &e),
        },
        Err(_) => match state.intake().token(token).await {
            Ok(found) => found,
            Err(e) => return internal(format, &e),
        },
    };
    let Some(matter) = found else {
        return error(StatusCode::NOT_FOUND, format, "no such token");
    };
    let doc = Doc::List {
        item: "request",
        items: vec![Doc::Object(vec![
            (
                "service_request_id",
                Doc::opt_text(matter.map(|id| id.to_string())),
            ),
            ("token", Doc::text(token)),
        ])],
    };
    respond(StatusCode::OK, format, "service_requests", &doc)
}

/// `POST requests.json|xml`: form-encoded, with `attribute[grid]`.
async fn post_request(
    State(state): State<AppState>,
    Path(segment): Path<String>,
    body: Bytes,
) -> Response {
    let Some((name, format)) = split_format(&segment) else {
        return no_format();
    };
    if name != "requests" {
        return error(StatusCode::NOT_FOUND, format, "no such resource");
    }
    let params: HashMap<String, String> = url::form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let field = |k: &str| {
        params
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let bad = |m: &str| error(StatusCode::BAD_REQUEST, format, m);
    let Some(key) = params.get("api_key").and_then(|k| ApiToken::parse(k)) else {
        return error(
            StatusCode::FORBIDDEN,
            format,
            "api_key is missing or invalid",
        );
    };
    let actor = match state.api_tokens().actor(&key).await {
        Ok(Some(found)) => {
            match state
                .limiter()
                .hit(Limit::Token(found.token_id, state.limits.api_per_minute))
                .await
            {
                Ok(Ok(())) => found.actor,
                Ok(Err(retry_after_secs)) => {
                    return too_many(format, retry_after_secs);
                }
                Err(e) => return internal(format, &e),
            }
        }
        Ok(None) => {
            return error(
                StatusCode::FORBIDDEN,
                format,
                "api_key is missing or invalid",
            );
        }
        Err(e) => return internal(format, &e),
    };
    let service_code = field("service_code");
    if service_code.is_empty() {
        return bad("service_code is required");
    }
    let (lat, long, address) = (field("lat"), field("long"), field("address_string"));
    // Linli's own grid code, or the address_id its requests carry; a
    // client that knows neither is placed by position or address.
    let grid = match field("attribute[grid]") {
        g if g.is_empty() => Some(field("address_id"))
            .filter(|a| GridCode::parse(a).is_ok())
            .unwrap_or_default(),
        g => g,
    };
    if (lat.is_empty() || long.is_empty()) && address.is_empty() && grid.is_empty() {
        return bad("a location is required: lat and long, address_string or address_id");
    }
    let description = field("description");
    let title = match field("attribute[title]") {
        t if !t.is_empty() => t,
        _ => description.chars().take(30).collect(),
    };
    // Open311 clients send no idempotency key: the request's content is
    // one, so a client that retries files one matter.
    let digest = Sha256::digest(format!(
        "{service_code}|{grid}|{lat}|{long}|{address}|{description}"
    ));
    let form = MatterForm {
        grid,
        category: service_code,
        title,
        description,
        address,
        latitude: lat,
        longitude: long,
        show_name: String::new(),
        key: format!("open311-{}", hex_prefix(&digest)),
        photos: String::new(),
    };
    let item = match state.intake().file(&actor, &form).await {
        Ok(Filed::Matter { id, .. }) => vec![
            ("service_request_id", Doc::text(id.to_string())),
            ("service_notice", Doc::Null),
            ("account_id", Doc::Null),
        ],
        Ok(Filed::Waiting { token }) => vec![
            ("token", Doc::text(token)),
            (
                "service_notice",
                Doc::text(
                    "Received; staff will place it in its grid. Ask tokens/{token} for its service_request_id.",
                ),
            ),
            ("account_id", Doc::Null),
        ],
        Err(Error::Invalid(fields)) => {
            let described: Vec<String> = fields
                .iter()
                .map(|(f, e)| format!("{}: {e}", open311_field(f)))
                .collect();
            return errors(StatusCode::BAD_REQUEST, format, &described);
        }
        Err(Error::Denied(_) | Error::Unauthenticated) => {
            return error(StatusCode::FORBIDDEN, format, "this api_key may not report");
        }
        Err(Error::Conflict(why)) => return error(StatusCode::CONFLICT, format, why),
        Err(e) => return internal(format, &e),
    };
    let doc = Doc::List {
        item: "request",
        items: vec![Doc::Object(item)],
    };
    respond(StatusCode::CREATED, format, "service_requests", &doc)
}

/// Linli's field names as an Open311 client knows them.
fn open311_field(field: &str) -> &str {
    match field {
        "category" => "service_code",
        "grid" => "attribute[grid]",
        "title" => "attribute[title]",
        "latitude" => "lat",
        "longitude" => "long",
        "address" => "address_string",
        other => other,
    }
}

fn hex_prefix(bytes: &[u8]) -> String {
    bytes.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

async fn updates(state: &AppState, format: Format, params: &HashMap<String, String>) -> Response {
    let bad = |m: &str| error(StatusCode::BAD_REQUEST, format, m);
    let (from, until) = match window(params, state.clock.now()) {
        Ok(w) => w,
        Err(m) => return bad(&m),
    };
    let matter = match params.get("service_request_id").filter(|v| !v.is_empty()) {
        Some(id) => match id.trim().parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => return bad("service_request_id is an id"),
        },
        None => None,
    };
    let events = match state
        .store
        .matter_events_between(from, until, matter, MAX_REQUESTS as i64)
        .await
    {
        Ok(e) => e,
        Err(e) => return internal(format, &e),
    };
    let items = events
        .into_iter()
        .map(|(event, matter, kind, state_after, note, at)| {
            let state = MatterState::parse(&state_after).unwrap_or(MatterState::Submitted);
            let kind = StepKind::parse(&kind).map_or(kind.clone(), |k| k.as_str().to_owned());
            let description = match note {
                Some(n) => format!("{kind}: {n}"),
                None => kind,
            };
            Doc::Object(vec![
                ("update_id", Doc::text(event.to_string())),
                ("service_request_id", Doc::text(matter.to_string())),
                ("status", Doc::text(status(state))),
                ("updated_datetime", Doc::text(w3c(at))),
                ("description", Doc::text(description)),
                ("media_url", Doc::Null),
            ])
        })
        .collect();
    let doc = Doc::List {
        item: "request_update",
        items,
    };
    respond(StatusCode::OK, format, "service_request_updates", &doc)
}
