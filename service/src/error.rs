//! The service layer's one error type.

/// What went wrong in a service operation. The boundary (pages, REST) maps
/// each variant to one response; only `Internal` carries detail, and that
/// detail is logged there, never shown.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
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

pub type Result<T, E = Error> = std::result::Result<T, E>;
