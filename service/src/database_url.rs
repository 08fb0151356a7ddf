//! Which database to use, read from one URL.

use std::{fmt, path::PathBuf};

/// A database location whose scheme picked the engine. Parsing happens once
/// at start-up so a typo stops the server with one clear line.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file that the server creates if missing.
    Sqlite(PathBuf),
    /// A PostgreSQL connection string; kept whole, never logged whole.
    Postgres(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatabaseUrlError {
    #[error("is empty; use sqlite:PATH or postgres://USER@HOST/DB")]
    Empty,
    #[error("has the unsupported scheme {0:?}; use sqlite:PATH or postgres://USER@HOST/DB")]
    UnsupportedScheme(String),
    #[error("names no SQLite file; use sqlite:PATH, e.g. sqlite:data/linli.db")]
    MissingPath,
    #[error("is not a valid PostgreSQL URL ({0})")]
    InvalidPostgres(String),
    #[error(
        "uses an in-memory SQLite database, which the server's separate reader and writer pools cannot share; use a file"
    )]
    InMemory,
}

impl DatabaseUrl {
    pub fn parse(input: &str) -> Result<Self, DatabaseUrlError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(DatabaseUrlError::Empty);
        }
        let Some((scheme, rest)) = input.split_once(':') else {
            return Err(DatabaseUrlError::UnsupportedScheme(String::new()));
        };
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => {
                let path = rest.trim_start_matches("//");
                let path = path.split('?').next().unwrap_or_default();
                if path.is_empty() {
                    Err(DatabaseUrlError::MissingPath)
                } else if path == ":memory:" {
                    Err(DatabaseUrlError::InMemory)
                } else {
                    Ok(Self::Sqlite(PathBuf::from(path)))
                }
            }
            "postgres" | "postgresql" => {
                let parsed = url::Url::parse(input)
                    .map_err(|e| DatabaseUrlError::InvalidPostgres(e.to_string()))?;
                if !parsed.has_host() {
                    return Err(DatabaseUrlError::InvalidPostgres("no host".into()));
                }
                Ok(Self::Postgres(input.to_owned()))
            }
            other => Err(DatabaseUrlError::UnsupportedScheme(other.to_owned())),
        }
    }
}

/// Shows where the data lives without the password.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            DatabaseUrl::Postgres(url) => match url::Url::parse(url) {
                Ok(u) => write!(
                    f,
                    "postgres://{}@{}:{}{}",
                    u.username(),
                    u.host_str().unwrap_or_default(),
                    u.port().unwrap_or(5432),
                    u.path()
                ),
                Err(_) => f.write_str("postgres://…"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_picks_the_engine() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:data/linli.db"),
            Ok(DatabaseUrl::Sqlite("data/linli.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db?mode=rwc"),
            Ok(DatabaseUrl::Sqlite("/tmp/x.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://linli:secret@127.0.0.1:5433/linli"),
            Ok(DatabaseUrl::Postgres(_))
        ));
    }

    #[test]
    fn bad_urls_say_what_is_wrong() {
        assert_eq!(DatabaseUrl::parse(""), Err(DatabaseUrlError::Empty));
        assert_eq!(
            DatabaseUrl::parse("mysql://x/y"),
            Err(DatabaseUrlError::UnsupportedScheme("mysql".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("linli.db"),
            Err(DatabaseUrlError::UnsupportedScheme(String::new()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:"),
            Err(DatabaseUrlError::MissingPath)
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite::memory:"),
            Err(DatabaseUrlError::InMemory)
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://"),
            Err(DatabaseUrlError::InvalidPostgres(_))
        ));
    }

    #[test]
    fn the_password_never_shows() {
        let url =
            DatabaseUrl::parse("postgres://linli:hunter2@db.local:5433/linli").expect("valid");
        let shown = format!("{url} {url:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("db.local:5433/linli"));
    }
}
