//! What the server hands to the audit trail. The server does not know where
//! the trail is kept: the binary plugs in a sink (SQLite or PostgreSQL via
//! `cordon-audit`). `record` is called on a matching worker thread after
//! the query is screened, never on the async workers, and must not do I/O
//! itself (the sink queues).

use serde::Serialize;

/// One result as the audit trail keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct AuditedResult {
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    pub is_match: bool,
}

/// One screened query.
#[derive(Debug, Clone, Serialize)]
pub struct ScreeningEvent {
    /// `api` (the `/match`, `/screen`, `/search` routes) or `shipment`.
    pub source: &'static str,
    /// Name of the API key, or `anonymous` when no keys are configured.
    pub caller: String,
    pub request_id: String,
    /// The query as received (route, dataset and parameters included).
    pub query: serde_json::Value,
    /// Snapshot version the query was screened against.
    pub snapshot: String,
    pub results: Vec<AuditedResult>,
    /// `Some(true)` when any result is a match; `None` when screening the
    /// query failed.
    pub matched: Option<bool>,
}

/// Where screening events go.
pub trait AuditSink: Send + Sync {
    /// Queues one event. An error means the trail cannot take it (its
    /// writer died); the request still gets its answer and the failure is
    /// counted in `cordon_audit_errors_total`.
    fn record(&self, event: ScreeningEvent) -> Result<(), String>;
}

impl crate::AppState {
    /// Hands `event` to the audit sink, if there is one.
    pub(crate) fn audit(&self, event: ScreeningEvent) {
        if let Some(sink) = &self.inner.audit {
            if let Err(e) = sink.record(event) {
                self.inner.metrics.audit_errors.inc();
                tracing::error!(error = %e, "audit trail refused a record");
            }
        }
    }
}
