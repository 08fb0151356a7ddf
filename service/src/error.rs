//! The service layer's one error type.

use linli_model::account::FieldErrors;

use crate::policy::Denied;

/// What went wrong in a service operation. The boundary (pages, REST) maps
/// each variant to one response; only `Internal` carries detail, and that
/// detail is logged there, never shown.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Input broke a rule; each field says which.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The operation needs a signed-in person.
    #[error("sign-in required")]
    Unauthenticated,
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Wrong login or password; deliberately not saying which.
    #[error("wrong login or password")]
    BadCredentials,
    /// Too many attempts; try again after this many seconds.
    #[error("too many attempts; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: i64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => Error::NotFound,
            other => Error::Internal(anyhow::Error::new(other).context("database")),
        }
    }
}

impl Error {
    /// One field's problem.
    pub fn invalid(field: &str, error: linli_model::account::FieldError) -> Self {
        Error::Invalid(vec![(field.to_owned(), error)])
    }

    /// Whether a database error is a unique-constraint violation, the sign of
    /// a race that another writer won.
    pub(crate) fn is_unique_violation(&self) -> bool {
        match self {
            Error::Internal(e) => e.chain().any(|cause| {
                cause
                    .downcast_ref::<sqlx::Error>()
                    .and_then(sqlx::Error::as_database_error)
                    .is_some_and(|db| db.is_unique_violation())
            }),
            _ => false,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Free text typed into one field of a form, trimmed and checked, or that
/// field's error.
pub(crate) fn field_text(
    field: &str,
    input: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String> {
    linli_model::account::text(input, min, max, multiline).map_err(|e| Error::invalid(field, e))
}
