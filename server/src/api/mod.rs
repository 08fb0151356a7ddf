//! `/api/v1`: the REST API for integrations. Handlers are thin: they parse
//! input, call the same service operations the pages use (so the same
//! policy decides), and answer JSON. The OpenAPI document is generated from
//! these handlers and served at `/api/v1/openapi.json`.

mod accountability;
mod calendar;
mod csv;
mod datasets;
mod deliberations;
pub mod error;
mod extract;
mod lists;
mod matters;
mod me;
mod membership;
mod moderation;
mod projects;
mod results;
mod staff;
mod standards;
mod tree;

use axum::{
    Router,
    extract::Request,
    http::header,
    middleware::{Next, from_fn},
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use linli_service::{api_token::ApiToken, limits::Limit, policy::Actor};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use self::error::{ApiError, caller_lang};
use crate::startup::AppState;

/// Where the API lives.
pub const BASE: &str = "/api/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Linli API",
        version = "1",
        description = "The residents' portal's REST API. Lists are paged with an opaque \
            `cursor`: pass the `next` of one page to get the following one. Errors are \
            `{\"error\": {\"code\", \"message\", \"fields\"}}` with a stable `code`; messages \
            follow `Accept-Language` (zh-CN or en). Authenticate with a personal token from \
            the account page: `Authorization: Bearer linli_…`."
    ),
    servers((url = "/api/v1")),
    paths(
        tree::city, tree::districts, tree::streets, tree::communities, tree::community,
        tree::items, calendar::days,
        me::me, me::memberships, me::tokens, me::create_token, me::revoke_token,
        membership::join, membership::pending, membership::decide, membership::invitations,
        staff::grant, staff::revoke, staff::audit,
        matters::categories, matters::list, matters::get, matters::report, matters::support,
        matters::step,
        projects::list, projects::get, projects::bids, projects::bid, projects::organisations,
        projects::organisation,
        lists::needs, lists::need, lists::resources, lists::resource, lists::responsibilities,
        accountability::figures, standards::flags, results::promises, results::results,
        results::result, datasets::catalogue,
        deliberations::list, deliberations::get, deliberations::records, deliberations::opinion,
        deliberations::statements, deliberations::votes, deliberations::propose,
        deliberations::support, deliberations::object, deliberations::state_,
        deliberations::vote, deliberations::ballot, deliberations::decide_topic,
        deliberations::step, deliberations::put_poll, deliberations::minutes,
        deliberations::answer_objection, deliberations::answer_block,
        moderation::log, moderation::item, moderation::report, moderation::decide,
        moderation::dismiss, moderation::desk,
    ),
    modifiers(&TokenAuth),
    tags(
        (name = "tree", description = "Districts, streets, communities and grids; public."),
        (name = "account", description = "The caller's own account."),
        (name = "membership", description = "Joining a community; verification by staff."),
        (name = "staff", description = "Roles and the audit log, inside the caller's area."),
        (name = "matters", description = "Resident matters: report, support, handle, rate."),
        (name = "projects", description = "Community projects, calls for bids and social organisations."),
        (name = "lists", description = "The needs, resources and responsibilities lists; public open data, CSV on request."),
        (name = "deliberations", description = "Deliberations: topics, the public notice, the consultation's statements and polls, decision records; statements and anonymised votes as open data."),
        (name = "moderation", description = "Reports, hide and restore decisions with public reasons, each community's public log, and the moderators' desk."),
        (name = "accountability", description = "Response, resolution and satisfaction rates per place and month, the governance standards board, promises and results; public open data, CSV on request."),
        (name = "open data", description = "The catalogue of every downloadable list and figure, with what each column means. Figures over fewer than 5 people are never published."),
    )
)]
pub struct ApiDoc;

struct TokenAuth;

impl Modify for TokenAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token made on the account page."))
                    .build(),
            ),
        );
    }
}

/// The document, built once.
pub fn openapi_json() -> &'static str {
    static DOC: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|_| "{}".to_owned())
    });
    &DOC
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json()).into_response()
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/city", get(tree::city))
        .route("/districts", get(tree::districts))
        .route("/districts/{code}/streets", get(tree::streets))
        .route("/districts/{code}/calendar", get(calendar::days))
        .route("/communities", get(tree::communities))
        .route("/communities/{code}", get(tree::community))
        .route("/communities/{code}/items", get(tree::items))
        .route("/me", get(me::me))
        .route("/me/memberships", get(me::memberships))
        .route("/me/tokens", get(me::tokens).post(me::create_token))
        .route("/me/tokens/{id}", delete(me::revoke_token))
        .route(
            "/communities/{code}/membership-requests",
            get(membership::pending).post(membership::join),
        )
        .route(
            "/membership-requests/{id}/decision",
            post(membership::decide),
        )
        .route(
            "/communities/{code}/invitations",
            post(membership::invitations),
        )
        .route("/role-grants", post(staff::grant))
        .route("/role-grants/revocations", post(staff::revoke))
        .route("/audit", get(staff::audit))
        .route("/matter-categories", get(matters::categories))
        .route("/matters", get(matters::list))
        .route("/matters/{id}", get(matters::get))
        .route("/communities/{code}/matters", post(matters::report))
        .route("/matters/{id}/support", post(matters::support))
        .route("/matters/{id}/steps", post(matters::step))
        .route("/projects", get(projects::list))
        .route("/projects/{id}", get(projects::get))
        .route(
            "/projects/{id}/bids",
            get(projects::bids).post(projects::bid),
        )
        .route("/organisations", get(projects::organisations))
        .route("/organisations/{id}", get(projects::organisation))
        .route("/needs", get(lists::needs))
        .route("/needs/{id}", get(lists::need))
        .route("/resources", get(lists::resources))
        .route("/resources/{id}", get(lists::resource))
        .route("/responsibilities", get(lists::responsibilities))
        .route("/accountability", get(accountability::figures))
        .route("/standards", get(standards::flags))
        .route("/promises", get(results::promises))
        .route("/results", get(results::results))
        .route("/results/{id}", get(results::result))
        .route("/datasets", get(datasets::catalogue))
        .route("/communities/{code}/moderation", get(moderation::log))
        .route("/moderation/item", get(moderation::item))
        .route("/moderation/reports", post(moderation::report))
        .route("/moderation/decisions", post(moderation::decide))
        .route("/moderation/dismissals", post(moderation::dismiss))
        .route("/moderation/desk", get(moderation::desk))
        .route("/deliberations", get(deliberations::list))
        .route("/deliberations/{id}", get(deliberations::get))
        .route("/deliberations/{id}/records", get(deliberations::records))
        .route("/deliberations/{id}/opinion", get(deliberations::opinion))
        .route(
            "/deliberations/{id}/statements",
            get(deliberations::statements).post(deliberations::state_),
        )
        .route("/deliberations/{id}/votes", get(deliberations::votes))
        .route("/deliberations/{id}/topics", post(deliberations::propose))
        .route(
            "/deliberations/{id}/objections",
            post(deliberations::object),
        )
        .route("/topics/{id}/support", post(deliberations::support))
        .route("/statements/{id}/vote", post(deliberations::vote))
        .route("/polls/{id}/ballot", post(deliberations::ballot))
        .route("/topics/{id}/decision", post(deliberations::decide_topic))
        .route("/deliberations/{id}/steps", post(deliberations::step))
        .route("/deliberations/{id}/polls", post(deliberations::put_poll))
        .route("/deliberations/{id}/minutes", post(deliberations::minutes))
        .route(
            "/objections/{id}/answer",
            post(deliberations::answer_objection),
        )
        .route("/blocks/{id}/answer", post(deliberations::answer_block))
        .fallback(|| async { ApiError::NoSuchRoute })
        .layer(from_fn(error::localize))
}

/// The API token of a request, if it carries `Authorization: Bearer`.
/// `Some(None)` means a header that is not a well-formed token.
pub fn bearer(req: &Request) -> Option<Option<ApiToken>> {
    let value = req.headers().get(header::AUTHORIZATION)?;
    Some(value.to_str().ok().and_then(ApiToken::from_bearer))
}

/// Whether a request is an API call authenticated by a token: such calls
/// ignore cookies, so a cross-site page cannot make them for a person.
pub fn is_token_call(req: &Request) -> bool {
    req.uri().path().starts_with(BASE) && req.headers().contains_key(header::AUTHORIZATION)
}

/// Identifies an API-token call: the token's owner becomes the actor, and
/// each token gets its own requests-per-minute budget. A bad or revoked
/// token is refused outright rather than treated as anonymous, so that a
/// script notices.
pub async fn identify_token(state: &AppState, mut req: Request, next: Next) -> Response {
    let lang = caller_lang(req.headers());
    let Some(Some(token)) = bearer(&req) else {
        return ApiError::InvalidToken.into_response_in(lang);
    };
    let found = match state.api_tokens().actor(&token).await {
        Ok(found) => found,
        Err(e) => return ApiError::from(e).into_response_in(lang),
    };
    let Some(found) = found else {
        return ApiError::InvalidToken.into_response_in(lang);
    };
    match state
        .limiter()
        .hit(Limit::Token(found.token_id, state.limits.api_per_minute))
        .await
    {
        Ok(Ok(())) => {}
        Ok(Err(retry_after_secs)) => {
            return ApiError::RateLimited { retry_after_secs }.into_response_in(lang);
        }
        Err(e) => return ApiError::from(e).into_response_in(lang),
    }
    req.extensions_mut().insert::<Actor>(found.actor);
    next.run(req).await
}

/// The document's operations as the API page lists them.
pub fn endpoint_list() -> Vec<linli_app::api::docs::Endpoint> {
    let doc = ApiDoc::openapi();
    let mut endpoints = Vec::new();
    for (path, item) in &doc.paths.paths {
        let methods = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("DELETE", &item.delete),
        ];
        for (method, operation) in methods {
            let Some(op) = operation else { continue };
            endpoints.push(linli_app::api::docs::Endpoint {
                method: method.to_owned(),
                path: format!("{BASE}{path}"),
                summary: op.summary.clone().unwrap_or_default(),
                tag: op
                    .tags
                    .as_ref()
                    .and_then(|t| t.first().cloned())
                    .unwrap_or_default(),
                needs_token: op.security.as_ref().is_some_and(|s| !s.is_empty()),
            });
        }
    }
    endpoints
}
