//! The API's one error type and its JSON envelope:
//! `{"error": {"code": "...", "message": "...", "fields": [...]}}`.
//! Codes are stable; messages follow `Accept-Language` (zh-CN or English).

use std::sync::{Arc, Mutex};

use axum::{
    Json,
    extract::{
        Request,
        rejection::{JsonRejection, PathRejection, QueryRejection},
    },
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use linli_app::i18n::catalogue;
use linli_model::{Lang, account::FieldErrors, role::Denied, tree::CodeError};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, for programs: `not_found`, `invalid`, `bad_request`,
    /// `unauthenticated`, `invalid_token`, `forbidden`, `out_of_scope`,
    /// `conflict`, `rate_limited`, `internal`.
    pub code: &'static str,
    /// For people, in the language asked for.
    pub message: String,
    /// With `invalid`: each field's problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// A failure on its way to becoming a response.
#[derive(Debug)]
pub enum ApiError {
    Service(linli_service::Error),
    InvalidCode(String, CodeError),
    BadRequest(String),
    InvalidToken,
    NoSuchRoute,
    RateLimited {
        retry_after_secs: i64,
    },
    /// What a layer below the handlers answered without a body: a wrong
    /// method, a body too large, a request too slow.
    Http(StatusCode),
}

impl From<linli_service::Error> for ApiError {
    fn from(e: linli_service::Error) -> Self {
        ApiError::Service(e)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(e: PathRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

impl ApiError {
    /// A malformed tree code in `field`.
    pub fn code(field: &str) -> impl FnOnce(CodeError) -> Self + '_ {
        move |e| ApiError::InvalidCode(field.to_owned(), e)
    }

    /// The response, with messages in `lang`.
    pub fn into_response_in(self, lang: Lang) -> Response {
        use linli_service::Error as E;
        let t = catalogue(lang);
        let zh = lang == Lang::ZhCn;
        let say = |zh_text: &str, en_text: &str| if zh { zh_text } else { en_text }.to_owned();
        let mut retry_after = None;
        let (status, code, message, fields) = match self {
            ApiError::Service(E::NotFound) => (
                StatusCode::NOT_FOUND,
                "not_found",
                say("没有找到。", "Not found."),
                Vec::new(),
            ),
            ApiError::Http(status) => (
                status,
                match status {
                    StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
                    StatusCode::PAYLOAD_TOO_LARGE => "too_large",
                    StatusCode::REQUEST_TIMEOUT => "timeout",
                    StatusCode::FORBIDDEN => "forbidden",
                    s if s.is_server_error() => "internal",
                    _ => "bad_request",
                },
                match status {
                    StatusCode::METHOD_NOT_ALLOWED => say(
                        "这个接口不接受这种请求方法，请看 /api/v1/openapi.json。",
                        "This endpoint does not take that method; see /api/v1/openapi.json.",
                    ),
                    StatusCode::PAYLOAD_TOO_LARGE => say(
                        "请求内容太大（上限 1 MB）。",
                        "The request body is too large (1 MB at most).",
                    ),
                    StatusCode::REQUEST_TIMEOUT => say(
                        "请求用时太长，请重试。",
                        "The request took too long; try again.",
                    ),
                    StatusCode::FORBIDDEN => say(
                        "这个请求不是从本站页面发出的，已拒绝。",
                        "This request did not come from this site's pages, so it was refused.",
                    ),
                    _ => say("请求有误。", "The request could not be handled."),
                },
                Vec::new(),
            ),
            ApiError::NoSuchRoute => (
                StatusCode::NOT_FOUND,
                "not_found",
                say(
                    "没有这个接口，请看 /api/v1/openapi.json。",
                    "No such endpoint; see /api/v1/openapi.json.",
                ),
                Vec::new(),
            ),
            ApiError::Service(E::Invalid(fields)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                say("有内容需要修改。", "Some fields need changing."),
                field_problems(&fields, lang),
            ),
            ApiError::InvalidCode(field, e) => {
                let message = (t.code_error)(&e);
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid",
                    message.clone(),
                    vec![FieldProblem {
                        field,
                        code: "invalid_code".into(),
                        message,
                    }],
                )
            }
            ApiError::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("{}{detail}", say("请求格式有误：", "Malformed request: ")),
                Vec::new(),
            ),
            ApiError::Service(E::Unauthenticated | E::BadCredentials)
            | ApiError::Service(E::Denied(Denied::SignInRequired)) => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                say(
                    "需要登录，或在 Authorization 头中提供 API 令牌。",
                    "Sign in, or send an API token in the Authorization header.",
                ),
                Vec::new(),
            ),
            ApiError::InvalidToken => (
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                say(
                    "API 令牌无效或已撤销。",
                    "The API token is unknown or revoked.",
                ),
                Vec::new(),
            ),
            ApiError::Service(E::Denied(Denied::NotPermitted)) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                say("您的身份无权进行此操作。", "Your roles do not allow this."),
                Vec::new(),
            ),
            ApiError::Service(E::Denied(Denied::NotVerified)) => (
                StatusCode::FORBIDDEN,
                "not_verified",
                say(
                    "只有本社区已核实的居民才能这样做。",
                    "Only verified residents of this community may do this.",
                ),
                Vec::new(),
            ),
            ApiError::Service(E::Denied(Denied::OutOfScope)) => (
                StatusCode::FORBIDDEN,
                "out_of_scope",
                say("这超出了您负责的范围。", "This is outside your area."),
                Vec::new(),
            ),
            ApiError::Service(E::Conflict("key_reused")) => (
                StatusCode::CONFLICT,
                "key_reused",
                say(
                    "这个 key 已用于另一份内容不同的反映；新的反映请换一个 key。",
                    "This key was used for a different report; send a new report with a new key.",
                ),
                Vec::new(),
            ),
            ApiError::Service(E::Conflict(what)) => (
                StatusCode::CONFLICT,
                "conflict",
                format!(
                    "{}{what}",
                    say("与现有数据冲突：", "Conflicts with existing data: ")
                ),
                Vec::new(),
            ),
            ApiError::Service(E::RateLimited { retry_after_secs })
            | ApiError::RateLimited { retry_after_secs } => {
                retry_after = Some(retry_after_secs.max(1));
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    say(
                        "请求太频繁，请稍后再试。",
                        "Too many requests; try again later.",
                    ),
                    Vec::new(),
                )
            }
            ApiError::Service(E::Internal(e)) => {
                tracing::error!(error = format!("{e:#}"), "API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    say(
                        "服务暂时出错，请稍后再试。",
                        "Something went wrong on our side; try again later.",
                    ),
                    Vec::new(),
                )
            }
        };
        let mut response = (
            status,
            Json(ErrorBody {
                error: ErrorDetail {
                    code,
                    message,
                    fields,
                },
            }),
        )
            .into_response();
        if let Some(secs) = retry_after
            && let Ok(value) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

fn field_problems(fields: &FieldErrors, lang: Lang) -> Vec<FieldProblem> {
    let t = catalogue(lang);
    fields
        .iter()
        .map(|(field, e)| FieldProblem {
            field: field.clone(),
            code: e.code(),
            message: (t.field_error)(e),
        })
        .collect()
}

/// An error waiting in a response's extensions for [`localize`], which
/// knows the request's language; handlers need not.
#[derive(Clone)]
struct Deferred(Arc<Mutex<Option<ApiError>>>);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        response
            .extensions_mut()
            .insert(Deferred(Arc::new(Mutex::new(Some(self)))));
        response
    }
}

/// The language an API caller reads: the first tag of `Accept-Language`,
/// then the site's language cookie, then Chinese.
pub fn caller_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';']).next())
        .and_then(Lang::from_tag)
        .or_else(|| {
            linli_app::cookies::find(headers, linli_app::LANG_COOKIE)
                .and_then(|tag| Lang::from_tag(&tag))
        })
        .unwrap_or_default()
}

/// Middleware around everything, so that it also sees what the body-limit
/// and timeout layers answer: under `/api/v1` every error is the JSON
/// envelope, never plain text or an empty body.
pub async fn envelope_every_error(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with(super::BASE) {
        return next.run(req).await;
    }
    let lang = caller_lang(req.headers());
    let response = next.run(req).await;
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !json {
        return ApiError::Http(status).into_response_in(lang);
    }
    response
}

/// Middleware: renders a deferred [`ApiError`] in the caller's language.
pub async fn localize(req: Request, next: Next) -> Response {
    let lang = caller_lang(req.headers());
    let mut response = next.run(req).await;
    let deferred = response.extensions_mut().remove::<Deferred>();
    match deferred.and_then(|d| d.0.lock().ok().and_then(|mut e| e.take())) {
        Some(error) => error.into_response_in(lang),
        None => response,
    }
}
