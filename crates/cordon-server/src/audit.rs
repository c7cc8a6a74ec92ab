//! What the server hands to the audit trail, and the rule that **no answer
//! leaves before its audit record is committed**.
//!
//! The server does not know where the trail is kept: the binary plugs in
//! a sink (SQLite or PostgreSQL via `cordon-audit`). Handlers call
//! [`AppState::audit`](crate::AppState) on a matching worker, inside
//! [`crate::AppState::on_pool`]; the sink only queues the record and returns
//! an [`AuditCommit`] that resolves when the transaction holding it has
//! committed. `on_pool` collects the commits of its job (see [`collect`])
//! and, back on the async side, awaits them ([`Pending::committed`])
//! before handing the job's result to the handler. So the response is
//! built only from committed screenings, no worker thread (async or
//! matching) is blocked while the commit runs, and the trail keeps
//! committing many records per transaction.
//!
//! A record the trail cannot take (its writer died, the commit failed)
//! fails the request with **503 `audit_unavailable`** rather than give an
//! unaudited answer: for a screening service a decision without a record
//! is worse than no decision, and 503 tells a client to retry later or
//! elsewhere. Such failures are also counted in
//! `cordon_audit_errors_total` and logged.

use crate::error::ApiError;
use serde::Serialize;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

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

/// Resolves when the record is committed, or with the reason it is not.
pub type AuditCommit = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'static>>;

/// Where screening events go.
pub trait AuditSink: Send + Sync {
    /// Queues one event, without I/O on this thread, and returns what
    /// resolves once it is committed. An error means the trail cannot take
    /// it (its writer died).
    fn record(&self, event: ScreeningEvent) -> Result<AuditCommit, String>;
}

thread_local! {
    /// The commits of the pool job running on this thread (see [`collect`]).
    static PENDING: RefCell<Option<Vec<AuditCommit>>> = const { RefCell::new(None) };
}

/// The audit commits a pool job is waiting for.
#[must_use = "await `committed` before answering"]
pub(crate) struct Pending(Vec<AuditCommit>);

impl Pending {
    /// Waits for every commit; the first failure becomes 503
    /// `audit_unavailable`.
    pub(crate) async fn committed(self) -> Result<(), ApiError> {
        for c in self.0 {
            c.await.map_err(ApiError::AuditUnavailable)?;
        }
        Ok(())
    }
}

/// Runs `f` (a pool job), gathering the commits of the records it audits.
pub(crate) fn collect<T>(f: impl FnOnce() -> T) -> (T, Pending) {
    /// Restores the outer scope even if `f` panics.
    struct Scope(Option<Vec<AuditCommit>>);
    impl Drop for Scope {
        fn drop(&mut self) {
            let outer = self.0.take();
            PENDING.with(|p| *p.borrow_mut() = outer);
        }
    }
    let scope = Scope(PENDING.with(|p| p.borrow_mut().replace(Vec::new())));
    let out = f();
    let mine = PENDING.with(|p| p.borrow_mut().take()).unwrap_or_default();
    drop(scope);
    (out, Pending(mine))
}

impl crate::AppState {
    /// Whether screenings are recorded: a route builds its
    /// [`ScreeningEvent`] only then.
    pub(crate) fn audits(&self) -> bool {
        self.inner.audit.is_some()
    }

    /// Hands `event` to the audit sink, if there is one. Call it inside an
    /// [`crate::AppState::on_pool`] job: the job's result is released only
    /// once the record is committed, and a failure turns it into 503
    /// `audit_unavailable`.
    pub(crate) fn audit(&self, event: ScreeningEvent) {
        let Some(sink) = &self.inner.audit else {
            return;
        };
        let errors = self.inner.metrics.audit_errors.clone();
        let commit: AuditCommit = match sink.record(event) {
            Ok(c) => Box::pin(async move {
                c.await.inspect_err(|e| {
                    errors.inc();
                    tracing::error!(error = %e, "audit record not committed");
                })
            }),
            Err(e) => {
                errors.inc();
                tracing::error!(error = %e, "audit trail refused a record");
                Box::pin(std::future::ready(Err(e)))
            }
        };
        PENDING.with(|p| match p.borrow_mut().as_mut() {
            Some(pending) => pending.push(commit),
            None => {
                // A call outside a pool job: nobody would wait for the
                // commit. No route does this; a new one must not.
                debug_assert!(false, "AppState::audit called outside on_pool");
                tracing::error!("audit record queued outside a pool job: the answer does not wait for its commit");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready(r: Result<(), String>) -> AuditCommit {
        Box::pin(std::future::ready(r))
    }

    #[test]
    fn collect_gathers_only_its_own_job_and_restores_the_outer_scope() {
        let push = |r| PENDING.with(|p| p.borrow_mut().as_mut().map(|v| v.push(ready(r))));
        let ((), outer) = collect(|| {
            push(Ok(()));
            let ((), inner) = collect(|| {
                push(Err("x".into()));
            });
            assert_eq!(inner.0.len(), 1);
            push(Ok(()));
        });
        assert_eq!(outer.0.len(), 2);
        assert!(PENDING.with(|p| p.borrow().is_none()));
        // A panicking job leaves no scope behind.
        let r = std::panic::catch_unwind(|| collect(|| panic!("job")));
        assert!(r.is_err());
        assert!(PENDING.with(|p| p.borrow().is_none()));
    }

    #[test]
    fn a_failed_commit_is_503_audit_unavailable() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let p = Pending(vec![ready(Ok(())), ready(Err("disk full".into()))]);
        let e = rt.block_on(p.committed()).unwrap_err();
        assert_eq!(e.status(), axum::http::StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(e.code(), "audit_unavailable");
        assert!(rt
            .block_on(Pending(vec![ready(Ok(()))]).committed())
            .is_ok());
    }
}
