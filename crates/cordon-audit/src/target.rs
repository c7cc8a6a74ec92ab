//! Where the audit trail is kept: an SQLite file or a PostgreSQL URL.

use std::path::PathBuf;

/// Where the audit trail is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditTarget {
    /// An SQLite database file (created with its folder if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@host/db`); needs the
    /// `postgres` feature.
    Postgres(String),
}

impl AuditTarget {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else a
    /// path to an SQLite file (an optional `sqlite:` prefix is dropped).
    pub fn parse(s: &str) -> AuditTarget {
        let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            AuditTarget::Postgres(s.to_string())
        } else {
            AuditTarget::Sqlite(PathBuf::from(s.strip_prefix("sqlite:").unwrap_or(s)))
        }
    }
}

impl std::fmt::Display for AuditTarget {
    /// The path, or the URL without its password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuditTarget::Sqlite(p) => write!(f, "{}", p.display()),
            AuditTarget::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some(x) => x,
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}
