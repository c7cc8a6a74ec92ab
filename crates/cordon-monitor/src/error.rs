//! The errors of the monitoring store and runs.

use crate::input::InputError;

/// What can go wrong in the register, a run or a decision.
#[derive(Debug, thiserror::Error)]
pub enum MonitorError {
    #[error("opening monitoring database {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("no monitoring database at {0}: import a customer register first (`cordon monitor import FILE`)")]
    Missing(String),
    #[error("monitoring database {path} has schema version {found}, newer than this cordon knows ({known}): use a newer cordon")]
    Schema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("monitoring database: {0}")]
    Db(#[from] rusqlite::Error),
    /// Connecting to PostgreSQL failed.
    #[cfg(feature = "postgres")]
    #[error("opening monitoring database {target}: {source}")]
    PgOpen {
        target: String,
        #[source]
        source: postgres::Error,
    },
    /// Reading or writing PostgreSQL failed.
    #[cfg(feature = "postgres")]
    #[error("monitoring database (PostgreSQL): {0}")]
    Postgres(#[from] postgres::Error),
    /// The store was called from inside its own `for_each_customer`
    /// callback (the PostgreSQL client is busy streaming the register).
    #[error("monitoring database: called again while streaming the register")]
    Reentrant,
    /// A `postgres://` target, but this build has no PostgreSQL client.
    #[error("monitoring database {0}: this build of cordon has no PostgreSQL support (cargo feature `postgres` of cordon-monitor; build cordon with `--features postgres`)")]
    PostgresNotBuilt(String),
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("stored {what} is not readable: {source}")]
    Corrupt {
        what: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("no alert {0}")]
    NoAlert(i64),
    /// A decision that the alert's state or the four-eyes policy refuses.
    #[error("{0}")]
    Refused(String),
}

pub type Result<T, E = MonitorError> = std::result::Result<T, E>;
