//! The reading side: [`AuditReader`] queries a database while writers run.

use crate::backend::Store;
use crate::error::Result;
use crate::record::{AuditFilter, AuditRecord};
use crate::target::AuditTarget;

/// Reads an audit database (never creates one). Safe to use while a
/// writer is running: it sees every committed record.
pub struct AuditReader {
    store: Box<dyn Store>,
}

impl AuditReader {
    /// Opens an existing database; [`AuditError::Missing`] if there is
    /// none at that path.
    pub fn open(target: &AuditTarget) -> Result<AuditReader> {
        let store = crate::connect::store(target)?;
        Ok(AuditReader { store })
    }

    /// The records the filter selects, oldest first.
    pub fn query(&mut self, filter: &AuditFilter) -> Result<Vec<AuditRecord>> {
        let mut out = Vec::new();
        self.for_each(filter, |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// Streams the records the filter selects, oldest first, without
    /// holding them all in memory (for exports). An error from `each`
    /// stops the scan and is returned.
    pub fn for_each(
        &mut self,
        filter: &AuditFilter,
        mut each: impl FnMut(AuditRecord) -> Result<()>,
    ) -> Result<()> {
        self.store.for_each(filter, &mut each)
    }

    /// How many records the filter selects (at most `limit`).
    pub fn count(&mut self, filter: &AuditFilter) -> Result<u64> {
        self.store.count(filter)
    }
}
