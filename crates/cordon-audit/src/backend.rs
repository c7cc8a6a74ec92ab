//! What a database backend does for the audit trail: the writer's
//! [`Backend`] and the reader's [`Store`], with the SQL both backends
//! share (the WHERE clause of a filter, a stored row decoded). The
//! backends (`sqlite`, `pg`) depend on this module; [`crate::connect`]
//! picks one for an [`crate::AuditTarget`].

use crate::error::{AuditError, Result};
use crate::record::{AuditFilter, AuditRecord, Decision};

/// A store the writer thread commits batches to.
pub(crate) trait Backend: Send {
    /// Writes `recs` in one transaction; returns once it is committed.
    fn write(&mut self, recs: &[AuditRecord]) -> Result<()>;
}

/// A store the reader queries.
pub(crate) trait Store: Send {
    fn count(&mut self, f: &AuditFilter) -> Result<u64>;
    fn for_each(
        &mut self,
        f: &AuditFilter,
        each: &mut dyn FnMut(AuditRecord) -> Result<()>,
    ) -> Result<()>;
}

/// The WHERE clause (empty, or starting with a space) selecting a filter's
/// records, with its text parameters in order; `placeholder(n)` writes the
/// n-th (from 1) parameter marker of the database (`?` or `$n`).
pub(crate) fn where_clause(
    f: &AuditFilter,
    placeholder: impl Fn(usize) -> String,
) -> (String, Vec<String>) {
    let decision = f.decision.map(|d| d.as_str().to_string());
    let mut conds = Vec::new();
    let mut args = Vec::new();
    for (column, v) in [
        ("time >=", &f.from),
        ("time <", &f.to),
        ("caller =", &f.caller),
        ("source =", &f.source),
        ("entity", &f.entity_id),
        ("decision =", &decision),
    ] {
        let Some(v) = v else { continue };
        args.push(v.clone());
        let p = placeholder(args.len());
        conds.push(if column == "entity" {
            format!("id IN (SELECT record_id FROM audit_entity WHERE entity_id = {p})")
        } else {
            format!("{column} {p}")
        });
    }
    if conds.is_empty() {
        (String::new(), args)
    } else {
        (format!(" WHERE {}", conds.join(" AND ")), args)
    }
}

/// One stored row, before decoding.
pub(crate) struct Row {
    pub id: i64,
    pub time: String,
    pub source: String,
    pub caller: String,
    pub request_id: String,
    pub query: String,
    pub snapshot: String,
    pub decision: String,
    pub results: String,
}

pub(crate) fn row_to_record(r: Row) -> Result<AuditRecord> {
    let bad = |reason: String| AuditError::Malformed { id: r.id, reason };
    Ok(AuditRecord {
        query: serde_json::from_str(&r.query).map_err(|e| bad(format!("query: {e}")))?,
        results: serde_json::from_str(&r.results).map_err(|e| bad(format!("results: {e}")))?,
        decision: Decision::parse(&r.decision)
            .ok_or_else(|| bad(format!("unknown decision {:?}", r.decision)))?,
        time: r.time,
        source: r.source,
        caller: r.caller,
        request_id: r.request_id,
        snapshot: r.snapshot,
    })
}
