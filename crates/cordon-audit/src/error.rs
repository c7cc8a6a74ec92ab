//! Errors of the audit trail.
//!
//! Every failure is a typed [`AuditError`]; nothing in this crate unwraps
//! data read from a file, a database or a caller. Once the writer thread has
//! failed, every later [`crate::AuditSender::record`] returns
//! [`AuditError::WriterFailed`] with the writer's own error, so a screening
//! run never continues silently without its audit trail.

use thiserror::Error;

/// The crate-wide result.
pub type Result<T, E = AuditError> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum AuditError {
    /// Opening or creating the SQLite database failed.
    #[error("opening audit database {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    /// A reader was pointed at a database that does not exist.
    #[error("no audit database at {0}")]
    Missing(String),
    /// Reading or writing SQLite failed.
    #[error("audit database (SQLite): {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Reading or writing PostgreSQL failed.
    #[cfg(feature = "postgres")]
    #[error("audit database (PostgreSQL): {0}")]
    Postgres(#[from] postgres::Error),
    /// A `postgres://` target, but this build has no PostgreSQL client.
    #[error("audit database {0}: this build of cordon has no PostgreSQL support (cargo feature `postgres` of cordon-audit)")]
    PostgresNotBuilt(String),
    /// The database was written by a newer cordon.
    #[error("audit database {target} has schema version {found}; this cordon knows versions up to {known}")]
    Schema {
        target: String,
        found: i64,
        known: i64,
    },
    /// A time that is neither RFC 3339 nor `YYYY-MM-DD`.
    #[error("invalid time {0:?}: expected RFC 3339 (2026-11-24T09:30:00Z, 2026-11-24T10:30:00.250+01:00) or a date (2026-11-24)")]
    BadTime(String),
    /// A stored row that does not decode into an [`crate::AuditRecord`].
    #[error("audit record {id} is malformed: {reason}")]
    Malformed { id: i64, reason: String },
    /// The writer thread stopped on an error; the message is its error.
    #[error("audit writer failed: {0}")]
    WriterFailed(String),
    /// A record was sent after [`crate::AuditLog::close`].
    #[error("the audit log is closed")]
    Closed,
    #[error("audit record encoding: {0}")]
    Json(#[from] serde_json::Error),
    #[error("audit database: {0}")]
    Io(#[from] std::io::Error),
}
