//! Ongoing monitoring in the server (`cordon serve --monitor`): the
//! monitoring store of `cordon-monitor`, runs after every reload, and what
//! runs and decisions write to the audit trail.
//!
//! **Connections.** The store is synchronous (SQLite, or PostgreSQL through
//! a blocking client), so every use of it runs on tokio's blocking threads
//! ([`AppState::on_blocking`]), never on the async workers or the matching
//! pool. A [`Monitor`] keeps a few idle connections and opens another when
//! all are busy: each request gets a connection of its own for as long as
//! it needs it. A single connection behind a mutex would make every
//! reviewer wait for a whole monitoring run (seconds, minutes on a large
//! register); with a connection each, SQLite's WAL lets them read and
//! decide while a run screens, and only the run's final transaction
//! serialises with their writes. A connection whose operation failed is
//! dropped rather than reused.
//!
//! **Runs** are serialised by an async lock: two runs on one store at once
//! would mark each other `abandoned`. A run screens on a rayon pool of its
//! own (half the cores), so that a long run does not queue screening
//! requests behind its work on the matching pool.
//!
//! **Audit.** A run and a decision become one [`ScreeningEvent`] each
//! ([`run_event`], [`decision_event`]); the CLI (`cordon monitor run`,
//! `cordon alerts decide`) writes the same events, so both leave the same
//! records (sources `monitor` and `monitor-decision`).

use crate::audit::{AuditedResult, ScreeningEvent};
use crate::error::ApiError;
use crate::AppState;
use cordon_monitor::{Alert, Mode, MonitorError, MonitorStore, RunOptions, RunReport, Verdict};
use serde::Serialize;
use std::sync::Mutex;
use utoipa::ToSchema;

pub use cordon_monitor::BoxStore;

/// Opens a connection to the monitoring store (creating it if needed).
pub type OpenStore = dyn Fn() -> Result<BoxStore, MonitorError> + Send + Sync;

/// Idle connections kept for the next request.
const IDLE_MAX: usize = 4;

/// Setting up monitoring failed.
#[derive(Debug, thiserror::Error)]
pub enum MonitorSetupError {
    #[error("opening the monitoring store {location}: {source}")]
    Open {
        location: String,
        #[source]
        source: MonitorError,
    },
    #[error("the monitoring threshold must be between 0 and 1, got {0}")]
    Threshold(f64),
    #[error("starting the monitoring thread pool: {0}")]
    Pool(#[from] rayon::ThreadPoolBuildError),
}

/// What started a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Trigger {
    /// The server started and the register had not been screened against
    /// the snapshot in service.
    Start,
    /// A successful reload (SIGHUP, `POST /admin/reload`, a new `cordon
    /// update` snapshot).
    Reload,
    /// `POST /monitor/run`.
    Api,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Start => "start",
            Trigger::Reload => "reload",
            Trigger::Api => "api",
        }
    }
}

/// A completed run, in short.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunSummary {
    pub run_id: i64,
    pub trigger: Trigger,
    pub snapshot: String,
    pub mode: Mode,
    pub customers_screened: u64,
    pub list_entities_screened: u64,
    pub new_alerts: usize,
    pub reopened_alerts: usize,
    pub delisted_alerts: usize,
    pub seconds: f64,
    /// When it finished (UTC).
    pub finished: String,
}

impl RunSummary {
    pub(crate) fn of(r: &RunReport, trigger: Trigger) -> RunSummary {
        RunSummary {
            run_id: r.run_id,
            trigger,
            snapshot: r.snapshot.clone(),
            mode: r.mode,
            customers_screened: r.customers_screened,
            list_entities_screened: r.list_entities_screened,
            new_alerts: r.new_alerts.len(),
            reopened_alerts: r.reopened_alerts.len(),
            delisted_alerts: r.delisted_alerts.len(),
            seconds: r.seconds,
            finished: cordon_monitor::now(),
        }
    }
}

/// A run that failed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunFailure {
    pub trigger: Trigger,
    /// The snapshot it was to screen against.
    pub snapshot: String,
    pub error: String,
    pub time: String,
}

/// Monitoring's part of `/healthz` and `/readyz`. A failed run does not
/// make the server unready (screening goes on); it shows here, in
/// `cordon_monitor_runs_total{outcome="failed"}` and in the log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonitorHealth {
    /// The monitoring store: a path, or a URL without its password.
    pub store: String,
    /// A run is in progress.
    pub running: bool,
    /// The last completed run since the server started.
    pub last_run: Option<RunSummary>,
    /// The last run that failed, if no run has completed since.
    pub last_error: Option<RunFailure>,
    pub completed_runs: u64,
    pub failed_runs: u64,
}

/// The monitoring store of a server and its runs.
pub struct Monitor {
    open: Box<OpenStore>,
    location: String,
    threshold: f64,
    idle: Mutex<Vec<BoxStore>>,
    run_lock: tokio::sync::Mutex<()>,
    pool: rayon::ThreadPool,
    health: Mutex<MonitorHealth>,
}

impl Monitor {
    /// Monitoring with the store `open` opens (`location` names it in
    /// messages; give a URL without its password), raising alerts at
    /// `threshold`. Opens one connection now, so a store that cannot be
    /// opened stops the server's start rather than its first request.
    pub fn new(
        open: Box<OpenStore>,
        location: impl Into<String>,
        threshold: f64,
    ) -> Result<Monitor, MonitorSetupError> {
        let location = location.into();
        if !(0.0..=1.0).contains(&threshold) {
            return Err(MonitorSetupError::Threshold(threshold));
        }
        let first = open().map_err(|source| MonitorSetupError::Open {
            location: location.clone(),
            source,
        })?;
        let threads = std::thread::available_parallelism()
            .map(|n| (n.get() / 2).max(1))
            .unwrap_or(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("cordon-monitor-{i}"))
            .build()?;
        Ok(Monitor {
            open,
            threshold,
            idle: Mutex::new(vec![first]),
            run_lock: tokio::sync::Mutex::new(()),
            pool,
            health: Mutex::new(MonitorHealth {
                store: location.clone(),
                running: false,
                last_run: None,
                last_error: None,
                completed_runs: 0,
                failed_runs: 0,
            }),
            location,
        })
    }

    /// The store's location, as given.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The score at which a match raises an alert.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// An idle connection, or a new one.
    fn take(&self) -> Result<BoxStore, ApiError> {
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match idle {
            Some(s) => Ok(s),
            None => (self.open)().map_err(|e| {
                ApiError::Internal(format!(
                    "opening the monitoring store {}: {e}",
                    self.location
                ))
            }),
        }
    }

    /// Keeps a connection for the next request (up to [`IDLE_MAX`]).
    fn give(&self, store: BoxStore) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < IDLE_MAX {
            idle.push(store);
        }
    }

    pub fn health(&self) -> MonitorHealth {
        self.health
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn update(&self, f: impl FnOnce(&mut MonitorHealth)) {
        f(&mut self.health.lock().unwrap_or_else(|p| p.into_inner()));
    }
}

impl Drop for Monitor {
    /// Closes the idle connections on a thread of their own: a PostgreSQL
    /// client runs a small runtime of its own, which must not be dropped
    /// inside an async task — where the server's last state may well go.
    fn drop(&mut self) {
        let idle = std::mem::take(self.idle.get_mut().unwrap_or_else(|p| p.into_inner()));
        if !idle.is_empty() {
            let _ = std::thread::spawn(move || drop(idle)).join();
        }
    }
}

/// A store error as an API error: a missing alert is 404, a decision the
/// alert's state or the four-eyes rule refuses is 409, anything else is
/// internal.
pub(crate) fn store_error(e: MonitorError) -> ApiError {
    match e {
        MonitorError::NoAlert(id) => ApiError::NotFound(format!("no alert {id}")),
        MonitorError::Refused(m) => ApiError::Conflict(m),
        other => ApiError::Internal(format!("monitoring store: {other}")),
    }
}

/// The audit record of a monitoring run: the alerts it raised or
/// re-opened as results, `match` when there is any.
pub fn run_event(report: &RunReport, caller: String, request_id: String) -> ScreeningEvent {
    let raised: Vec<&Alert> = report
        .new_alerts
        .iter()
        .chain(&report.reopened_alerts)
        .collect();
    let ids = |v: &[Alert]| v.iter().map(|x| x.id).collect::<Vec<_>>();
    ScreeningEvent {
        source: "monitor",
        caller,
        request_id,
        query: serde_json::json!({
            "monitor_run": report.run_id,
            "mode": report.mode,
            "previous_snapshot": report.previous_snapshot,
            "customers_screened": report.customers_screened,
            "list_entities_screened": report.list_entities_screened,
            "new_alerts": ids(&report.new_alerts),
            "reopened_alerts": ids(&report.reopened_alerts),
            "delisted_alerts": ids(&report.delisted_alerts),
        }),
        snapshot: report.snapshot.clone(),
        results: raised
            .iter()
            .map(|x| AuditedResult {
                entity_id: x.entity_id.clone(),
                caption: format!("customer {}", x.customer_id),
                score: x.score,
                is_match: true,
            })
            .collect(),
        matched: Some(!raised.is_empty()),
    }
}

/// The audit record of a decision on `alert` (as it stands after the
/// decision). A false positive clears the customer (`no_match`); a true
/// match or an escalation keeps it a (possible) match.
pub fn decision_event(
    alert: &Alert,
    verdict: Verdict,
    reason: &str,
    by: &str,
    request_id: String,
) -> ScreeningEvent {
    ScreeningEvent {
        source: "monitor-decision",
        caller: by.trim().to_string(),
        request_id,
        query: serde_json::json!({
            "alert_id": alert.id,
            "customer_id": alert.customer_id,
            "customer_version": alert.customer_version,
            "decision": verdict.as_str(),
            "reason": reason,
            "status": alert.status,
        }),
        snapshot: alert.snapshot.clone(),
        results: vec![AuditedResult {
            entity_id: alert.entity_id.clone(),
            caption: format!("customer {}", alert.customer_id),
            score: alert.score,
            is_match: verdict != Verdict::FalsePositive,
        }],
        matched: Some(verdict != Verdict::FalsePositive),
    }
}

/// The caller named in the audit records of runs the server starts by
/// itself (at start and after a reload).
pub const SERVER_CALLER: &str = "cordon-serve";

impl AppState {
    /// Monitors with `monitor` (`cordon serve --monitor`): the monitoring
    /// routes answer, and a run follows every successful reload. Call
    /// before the state is shared.
    pub fn with_monitor(mut self, monitor: Monitor) -> AppState {
        if let Some(inner) = std::sync::Arc::get_mut(&mut self.inner) {
            inner.monitor = Some(monitor);
        }
        self
    }

    /// The monitoring of this server, if it has one.
    pub fn monitor(&self) -> Option<&Monitor> {
        self.inner.monitor.as_ref()
    }

    /// Runs `f` with a connection to the monitoring store on a blocking
    /// thread (audit records it queues are committed before the result is
    /// returned, as on the matching pool). `monitoring_off` without
    /// monitoring.
    pub(crate) async fn with_store<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut (dyn MonitorStore + Send), &AppState) -> Result<T, ApiError>
            + Send
            + 'static,
    {
        if self.inner.monitor.is_none() {
            return Err(ApiError::MonitoringOff);
        }
        let st = self.clone();
        self.on_blocking(move |_| {
            let m = st.monitor().ok_or(ApiError::MonitoringOff)?;
            let mut store = m.take()?;
            let out = f(store.as_mut(), &st);
            if out.is_ok() {
                m.give(store);
            }
            out
        })
        .await?
    }

    /// One monitoring run against the snapshot in service (after any run
    /// in progress), written to the audit trail as `caller`. Its outcome
    /// is kept for `/readyz` and counted in `/metrics`.
    pub async fn monitor_run(
        &self,
        full: bool,
        trigger: Trigger,
        caller: String,
        request_id: Option<String>,
    ) -> Result<RunReport, ApiError> {
        let m = self.monitor().ok_or(ApiError::MonitoringOff)?;
        let _one_at_a_time = m.run_lock.lock().await;
        let snapshot = self.snapshot();
        let version = snapshot.version().to_string();
        m.update(|h| h.running = true);
        tracing::info!(
            trigger = trigger.as_str(),
            snapshot = version,
            full,
            "monitoring run"
        );
        let out = self
            .with_store(move |store, st| {
                let m = st.monitor().ok_or(ApiError::MonitoringOff)?;
                let opts = RunOptions {
                    full,
                    threshold: m.threshold,
                };
                let report = m
                    .pool
                    .install(|| {
                        cordon_monitor::run(
                            store,
                            snapshot.index(),
                            snapshot.version(),
                            &opts,
                            &|line| tracing::info!("monitoring: {line}"),
                        )
                    })
                    .map_err(|e| ApiError::RunFailed(e.to_string()))?;
                let request_id =
                    request_id.unwrap_or_else(|| format!("monitor-run-{}", report.run_id));
                st.audit(run_event(&report, caller, request_id));
                Ok(report)
            })
            .await;
        let metrics = &self.inner.metrics;
        match &out {
            Ok(r) => {
                let summary = RunSummary::of(r, trigger);
                tracing::info!(
                    run_id = r.run_id,
                    mode = r.mode.as_str(),
                    customers_screened = r.customers_screened,
                    list_entities_screened = r.list_entities_screened,
                    new_alerts = summary.new_alerts,
                    reopened_alerts = summary.reopened_alerts,
                    delisted_alerts = summary.delisted_alerts,
                    seconds = r.seconds,
                    "monitoring run completed"
                );
                metrics
                    .monitor_runs
                    .with_label_values(&[trigger.as_str(), "completed"])
                    .inc();
                metrics.monitor_last_run.set(unix_now());
                m.update(|h| {
                    h.running = false;
                    h.completed_runs += 1;
                    h.last_run = Some(summary);
                    h.last_error = None;
                });
            }
            Err(e) => {
                tracing::error!(trigger = trigger.as_str(), error = %e, "monitoring run failed");
                metrics
                    .monitor_runs
                    .with_label_values(&[trigger.as_str(), "failed"])
                    .inc();
                let failure = RunFailure {
                    trigger,
                    snapshot: version,
                    error: cause(e),
                    time: cordon_monitor::now(),
                };
                m.update(|h| {
                    h.running = false;
                    h.failed_runs += 1;
                    h.last_error = Some(failure);
                });
            }
        }
        out
    }

    /// At start: a run when the register has never been screened against
    /// the snapshot in service (no completed run, or the last one screened
    /// another snapshot). Failures are logged and kept for `/readyz`.
    pub async fn monitor_at_start(&self) {
        if self.monitor().is_none() {
            return;
        }
        let current = self.snapshot().version().to_string();
        let last = self
            .with_store(|store, _| store.last_run().map_err(store_error))
            .await;
        match last {
            Ok(Some(run)) if run.snapshot == current => {
                tracing::info!(
                    run_id = run.id,
                    "monitoring: the register was last screened against the snapshot in service; no run at start"
                );
            }
            Ok(_) => {
                let _ = self
                    .monitor_run(false, Trigger::Start, SERVER_CALLER.into(), None)
                    .await;
            }
            Err(e) => {
                tracing::error!(error = %e, "monitoring: reading the last run failed; no run at start");
                if let Some(m) = self.monitor() {
                    m.update(|h| {
                        h.failed_runs += 1;
                        h.last_error = Some(RunFailure {
                            trigger: Trigger::Start,
                            snapshot: current,
                            error: cause(&e),
                            time: cordon_monitor::now(),
                        })
                    });
                }
            }
        }
    }
}

/// The full text of an error, internals included (for the log and
/// `/readyz`, which the operator reads; not for a client's error body).
fn cause(e: &ApiError) -> String {
    match e {
        ApiError::Internal(c) | ApiError::RunFailed(c) => c.clone(),
        other => other.to_string(),
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
