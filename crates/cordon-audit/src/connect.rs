//! Opens the backend an [`AuditTarget`] names: SQLite always, PostgreSQL
//! when the crate is built with the `postgres` feature.

use crate::backend::{Backend, Store};
#[cfg(not(feature = "postgres"))]
use crate::error::AuditError;
use crate::error::Result;
use crate::target::AuditTarget;

/// The writer's backend (creating and migrating the database).
pub(crate) fn writer(target: &AuditTarget) -> Result<Box<dyn Backend>> {
    Ok(match target {
        AuditTarget::Sqlite(path) => Box::new(crate::sqlite::SqliteWriter::open(path)?),
        #[cfg(feature = "postgres")]
        AuditTarget::Postgres(url) => Box::new(crate::pg::PgWriter::open(url)?),
        #[cfg(not(feature = "postgres"))]
        AuditTarget::Postgres(_) => return Err(AuditError::PostgresNotBuilt(target.to_string())),
    })
}

/// The reader's store (an existing database only).
pub(crate) fn store(target: &AuditTarget) -> Result<Box<dyn Store>> {
    Ok(match target {
        AuditTarget::Sqlite(path) => Box::new(crate::sqlite::SqliteReader::open(path)?),
        #[cfg(feature = "postgres")]
        AuditTarget::Postgres(url) => Box::new(crate::pg::PgReader::open(url)?),
        #[cfg(not(feature = "postgres"))]
        AuditTarget::Postgres(_) => return Err(AuditError::PostgresNotBuilt(target.to_string())),
    })
}
