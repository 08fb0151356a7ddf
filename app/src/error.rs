//! The one error type that crosses from server to browser.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use linli_model::{account::FieldErrors, role::Denied, tree::CodeError};
use serde::{Deserialize, Serialize};

/// What a page may learn about a failure: enough to explain it to the
/// person, nothing about the server's insides.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("malformed code: {0}")]
    InvalidCode(CodeError),
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("sign-in required")]
    Unauthenticated,
    #[error("refused: {0}")]
    Denied(Denied),
    #[error("too many attempts")]
    RateLimited { retry_after_secs: i64 },
    #[error("the service is unavailable")]
    Internal,
    /// The call's arguments were missing or malformed: the caller's
    /// mistake, answered 400, never a server failure.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The call itself failed (network, encoding) before reaching a rule.
    #[error("request failed: {0}")]
    Request(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => AppError::BadRequest(value.to_string()),
            other => AppError::Request(other.to_string()),
        }
    }
}

impl AppError {
    /// The HTTP status a page answers with when this error is its content.
    pub fn status(&self) -> http::StatusCode {
        match self {
            AppError::NotFound => http::StatusCode::NOT_FOUND,
            AppError::InvalidCode(_) | AppError::Invalid(_) | AppError::BadRequest(_) => {
                http::StatusCode::BAD_REQUEST
            }
            AppError::Unauthenticated => http::StatusCode::UNAUTHORIZED,
            AppError::Denied(_) => http::StatusCode::FORBIDDEN,
            AppError::RateLimited { .. } => http::StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal | AppError::Request(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<CodeError> for AppError {
    fn from(e: CodeError) -> Self {
        AppError::InvalidCode(e)
    }
}

/// The single place where service failures are logged: their detail stays
/// on the server, the page gets a plain variant.
#[cfg(feature = "ssr")]
impl From<linli_service::Error> for AppError {
    fn from(e: linli_service::Error) -> Self {
        match e {
            linli_service::Error::NotFound => AppError::NotFound,
            linli_service::Error::Invalid(fields) => AppError::Invalid(fields),
            linli_service::Error::Unauthenticated | linli_service::Error::BadCredentials => {
                AppError::Unauthenticated
            }
            linli_service::Error::Denied(reason) => AppError::Denied(reason),
            linli_service::Error::RateLimited { retry_after_secs } => {
                AppError::RateLimited { retry_after_secs }
            }
            linli_service::Error::Conflict(what) => {
                tracing::warn!(conflict = what, "conflict reached a page");
                AppError::Internal
            }
            linli_service::Error::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "service failure");
                AppError::Internal
            }
        }
    }
}
