//! Where the monitoring store lives, and opening it: an SQLite file (the
//! default) or a PostgreSQL database named by a `postgres://` URL (cargo
//! feature `postgres`). The CLI (`--monitor-db`, `CORDON_MONITOR_DB`) and
//! the server open the store through [`open_store`] or [`StoreTarget`], so
//! both accept the same spellings.

#[cfg(not(feature = "postgres"))]
use crate::error::MonitorError;
use crate::error::Result;
use crate::sqlite::SqliteStore;
use crate::store::MonitorStore;
use std::path::PathBuf;

/// A monitoring store, whichever backend keeps it. `Send`, so a server can
/// hand it to a blocking thread; the PostgreSQL client must not be used
/// from inside an async task (it runs its own small runtime): call it from
/// `spawn_blocking` or a thread of its own.
pub type BoxStore = Box<dyn MonitorStore + Send>;

/// A store's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreTarget {
    /// An SQLite database file (created with its folder if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@host/db`); needs the
    /// `postgres` feature. The tables live in the schema `cordon_monitor`
    /// of that database.
    Postgres(String),
}

impl StoreTarget {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else is
    /// the path of an SQLite file (an optional `sqlite:` prefix is
    /// dropped).
    pub fn parse(spec: &str) -> StoreTarget {
        let head = spec.get(..13).unwrap_or(spec).to_ascii_lowercase();
        if head.starts_with("postgres://") || head.starts_with("postgresql://") {
            StoreTarget::Postgres(spec.to_string())
        } else {
            StoreTarget::Sqlite(PathBuf::from(spec.strip_prefix("sqlite:").unwrap_or(spec)))
        }
    }

    /// Opens the store, creating it (file, folder, schema) if needed.
    pub fn open(&self) -> Result<BoxStore> {
        self.open_with(true)
    }

    /// Opens an existing store, for commands that only read or decide: a
    /// missing SQLite file, or a PostgreSQL database without the schema,
    /// is [`MonitorError::Missing`] rather than an empty register.
    pub fn open_existing(&self) -> Result<BoxStore> {
        self.open_with(false)
    }

    fn open_with(&self, create: bool) -> Result<BoxStore> {
        match self {
            StoreTarget::Sqlite(p) if create => Ok(Box::new(SqliteStore::open(p)?)),
            StoreTarget::Sqlite(p) => Ok(Box::new(SqliteStore::open_existing(p)?)),
            #[cfg(feature = "postgres")]
            StoreTarget::Postgres(url) => Ok(Box::new(crate::pg::PgStore::open_with(url, create)?)),
            #[cfg(not(feature = "postgres"))]
            StoreTarget::Postgres(_) => Err(MonitorError::PostgresNotBuilt(self.to_string())),
        }
    }
}

impl std::fmt::Display for StoreTarget {
    /// The path, or the URL with its password replaced by `***`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreTarget::Sqlite(p) => write!(f, "{}", p.display()),
            StoreTarget::Postgres(u) => match url::Url::parse(u) {
                Ok(mut parsed) if parsed.password().is_some() => {
                    // Cannot fail on a URL that already has a password.
                    let _ = parsed.set_password(Some("***"));
                    f.write_str(parsed.as_str())
                }
                Ok(_) => f.write_str(u),
                Err(_) => f.write_str("postgres://(unreadable URL)"),
            },
        }
    }
}

/// Opens (creating if needed) the store named by `spec`: an SQLite path,
/// optionally prefixed `sqlite:`, or a `postgres://` URL.
pub fn open_store(spec: &str) -> Result<BoxStore> {
    StoreTarget::parse(spec).open()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_show() {
        assert_eq!(
            StoreTarget::parse("sqlite:/x/m.sqlite"),
            StoreTarget::Sqlite("/x/m.sqlite".into())
        );
        assert_eq!(
            StoreTarget::parse("m.sqlite"),
            StoreTarget::Sqlite("m.sqlite".into())
        );
        let t = StoreTarget::parse("PostgreSQL://ann:s3cret@db.example/reg");
        assert!(matches!(t, StoreTarget::Postgres(_)));
        assert_eq!(t.to_string(), "postgresql://ann:***@db.example/reg");
        assert_eq!(
            StoreTarget::parse("postgres://ann@db/reg").to_string(),
            "postgres://ann@db/reg"
        );
    }

    #[cfg(not(feature = "postgres"))]
    #[test]
    fn postgres_without_the_feature_is_a_clear_error() {
        let e = open_store("postgres://u:pw@127.0.0.1:1/x")
            .err()
            .map(|e| e.to_string());
        let e = e.unwrap_or_default();
        assert!(e.contains("no PostgreSQL support"), "{e}");
        assert!(!e.contains("pw"), "{e}");
    }
}
