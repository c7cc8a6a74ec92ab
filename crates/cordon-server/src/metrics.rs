//! Prometheus metrics: request counts and latency histograms by route and
//! status, queries screened, the snapshot in service and its entity counts,
//! reloads, matching jobs running and cancelled, open connections and
//! connections closed for a timeout. Served in the text exposition format at `GET /metrics`.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

/// The server's metrics, registered in their own registry.
pub struct Metrics {
    registry: Registry,
    pub requests: IntCounterVec,
    pub latency: HistogramVec,
    pub queries: IntCounterVec,
    pub snapshot_info: IntGaugeVec,
    pub entities: IntGaugeVec,
    pub reloads: IntCounterVec,
    pub snapshot_loaded_at: IntGauge,
    pub audit_errors: IntCounter,
    pub jobs_running: IntGauge,
    pub jobs_cancelled: IntCounter,
    pub connections_open: IntGauge,
    pub connections_closed: IntCounterVec,
    pub monitor_runs: IntCounterVec,
    pub monitor_last_run: IntGauge,
}

/// A metric that cannot be registered (a bug: the names are constants).
#[derive(Debug, thiserror::Error)]
#[error("metrics: {0}")]
pub struct MetricsError(#[from] prometheus::Error);

impl Metrics {
    pub fn new() -> Result<Metrics, MetricsError> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "cordon_http_requests_total",
                "HTTP requests by route and status",
            ),
            &["route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "cordon_http_request_duration_seconds",
                "HTTP request latency by route",
            )
            .buckets(vec![
                0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                1.0, 2.5, 5.0, 10.0,
            ]),
            &["route"],
        )?;
        let queries = IntCounterVec::new(
            Opts::new(
                "cordon_queries_total",
                "Queries screened, by route and decision (match or no_match)",
            ),
            &["route", "decision"],
        )?;
        let snapshot_info = IntGaugeVec::new(
            Opts::new(
                "cordon_snapshot_info",
                "The snapshot in service (value 1, version as a label)",
            ),
            &["version"],
        )?;
        let entities = IntGaugeVec::new(
            Opts::new(
                "cordon_entities",
                "Entities in the snapshot in service, by list and kind",
            ),
            &["list", "kind"],
        )?;
        let reloads = IntCounterVec::new(
            Opts::new("cordon_reloads_total", "Snapshot reloads by outcome"),
            &["outcome"],
        )?;
        let snapshot_loaded_at = IntGauge::new(
            "cordon_snapshot_loaded_timestamp_seconds",
            "When the snapshot in service was installed (Unix time)",
        )?;
        let audit_errors = IntCounter::new(
            "cordon_audit_errors_total",
            "Screenings that could not be handed to the audit trail",
        )?;
        let jobs_running = IntGauge::new(
            "cordon_matching_jobs_running",
            "Jobs running: matching on the pool, and monitoring-store work on the blocking threads",
        )?;
        let jobs_cancelled = IntCounter::new(
            "cordon_matching_jobs_cancelled_total",
            "Matching jobs whose request timed out or went away before they finished (they stop at the next query, or never start)",
        )?;
        let connections_open =
            IntGauge::new("cordon_http_connections_open", "HTTP connections open")?;
        let connections_closed = IntCounterVec::new(
            Opts::new(
                "cordon_http_connections_timed_out_total",
                "HTTP connections closed by the server for a timeout, by reason (header_timeout, idle_timeout)",
            ),
            &["reason"],
        )?;
        let monitor_runs = IntCounterVec::new(
            Opts::new(
                "cordon_monitor_runs_total",
                "Monitoring runs (cordon serve --monitor) by trigger (start, reload, api) and outcome (completed, failed)",
            ),
            &["trigger", "outcome"],
        )?;
        let monitor_last_run = IntGauge::new(
            "cordon_monitor_last_completed_run_timestamp_seconds",
            "When the last monitoring run completed (Unix time; 0: none since the server started)",
        )?;
        registry.register(Box::new(monitor_runs.clone()))?;
        registry.register(Box::new(monitor_last_run.clone()))?;
        registry.register(Box::new(jobs_running.clone()))?;
        registry.register(Box::new(jobs_cancelled.clone()))?;
        registry.register(Box::new(connections_open.clone()))?;
        registry.register(Box::new(connections_closed.clone()))?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(queries.clone()))?;
        registry.register(Box::new(snapshot_info.clone()))?;
        registry.register(Box::new(entities.clone()))?;
        registry.register(Box::new(reloads.clone()))?;
        registry.register(Box::new(snapshot_loaded_at.clone()))?;
        registry.register(Box::new(audit_errors.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            queries,
            snapshot_info,
            entities,
            reloads,
            snapshot_loaded_at,
            audit_errors,
            jobs_running,
            jobs_cancelled,
            connections_open,
            connections_closed,
            monitor_runs,
            monitor_last_run,
        })
    }

    /// Sets the snapshot gauges to `snapshot`.
    pub fn set_snapshot(&self, snapshot: &cordon_store::Snapshot) {
        self.snapshot_info.reset();
        self.snapshot_info
            .with_label_values(&[snapshot.version()])
            .set(1);
        self.entities.reset();
        for l in snapshot.lists() {
            let k = &l.by_kind;
            for (kind, n) in [
                ("person", k.persons),
                ("organization", k.organizations),
                ("vessel", k.vessels),
                ("aircraft", k.aircraft),
            ] {
                self.entities
                    .with_label_values(&[l.list.as_str(), kind])
                    .set(n as i64);
            }
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        self.snapshot_loaded_at.set(now);
    }

    /// The text exposition of every metric.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        let encoder = TextEncoder::new();
        if let Err(e) = encoder.encode(&self.registry.gather(), &mut buf) {
            tracing::error!("encoding metrics: {e}");
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}
