//! [`AppState`]: what every handler shares — the snapshot in service, how
//! to reload it, keys, limits, metrics and the audit sink.

use crate::audit::AuditSink;
use crate::auth::ApiKeys;
use crate::config::ServerConfig;
use crate::metrics::Metrics;
use cordon_store::{Snapshot, SnapshotHandle};
use std::sync::{Arc, Mutex};

/// Builds a fresh snapshot (from the data folder the server was started
/// with). Returns a message on failure; the server keeps the snapshot it
/// has.
pub type ReloadFn = dyn Fn() -> Result<Snapshot, String> + Send + Sync;

/// Shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub snapshot: SnapshotHandle,
    pub reload: Option<Box<ReloadFn>>,
    pub reload_lock: Mutex<()>,
    pub config: ServerConfig,
    pub keys: Option<ApiKeys>,
    pub metrics: Metrics,
    pub audit: Option<Box<dyn AuditSink>>,
    /// HS nomenclature, control lists and route rules for
    /// `POST /shipments/screen`.
    pub goods: Option<cordon_goods::GoodsCatalog>,
    pub started: std::time::Instant,
    /// A reload whose snapshot loses a list, or more than this share of
    /// one's entities, is refused ([`cordon_store::check_successor`]).
    pub reload_max_drop: f64,
    /// The monitoring store and its runs (`cordon serve --monitor`).
    pub monitor: Option<crate::monitor::Monitor>,
    /// The FtM properties of the entities results show, encoded once per
    /// snapshot version.
    pub ftm: crate::ftm_cache::FtmCache,
}

/// The outcome of a reload.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Reloaded {
    /// Version in service before the reload.
    pub previous: String,
    /// Version in service now (the same when nothing changed).
    pub current: String,
    /// Whether a different snapshot was installed.
    pub changed: bool,
    pub entities: usize,
    /// On a server with monitoring: the run that followed the reload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitor_run: Option<crate::monitor::RunSummary>,
    /// On a server with monitoring: why the run that followed the reload
    /// failed (the reload itself succeeded; the next reload or
    /// `POST /monitor/run` runs again).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitor_error: Option<String>,
}

impl AppState {
    /// State serving `snapshot`. `reload` is how `POST /admin/reload`,
    /// SIGHUP and the watcher build a new snapshot; `None` disables
    /// reloading.
    pub fn new(
        snapshot: Snapshot,
        reload: Option<Box<ReloadFn>>,
        config: ServerConfig,
        keys: Option<ApiKeys>,
        audit: Option<Box<dyn AuditSink>>,
    ) -> Result<AppState, crate::metrics::MetricsError> {
        let metrics = Metrics::new()?;
        metrics.set_snapshot(&snapshot);
        Ok(AppState {
            inner: Arc::new(Inner {
                snapshot: SnapshotHandle::new(snapshot),
                reload,
                reload_lock: Mutex::new(()),
                config,
                keys,
                metrics,
                audit,
                goods: match cordon_goods::GoodsCatalog::embedded() {
                    Ok(g) => Some(g),
                    Err(e) => {
                        tracing::error!(error = %e, "the embedded goods data does not load: /shipments/screen is off");
                        None
                    }
                },
                started: std::time::Instant::now(),
                reload_max_drop: cordon_store::DEFAULT_MAX_DROP,
                monitor: None,
                ftm: crate::ftm_cache::FtmCache::default(),
            }),
        })
    }

    /// Uses `goods` (e.g. from `--goods-data DIR`) instead of the goods
    /// data compiled into the binary. Call before the state is shared.
    pub fn with_goods(mut self, goods: cordon_goods::GoodsCatalog) -> AppState {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.goods = Some(goods);
        }
        self
    }

    /// Sets the share of a list's entities a reload may lose (default
    /// [`cordon_store::DEFAULT_MAX_DROP`], the default of `cordon
    /// update --max-drop`). Call before the state is shared.
    pub fn with_reload_max_drop(mut self, max_drop: f64) -> AppState {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.reload_max_drop = max_drop;
        }
        self
    }

    /// `e`'s FtM properties as JSON, encoded once per snapshot version
    /// ([`crate::ftm_cache`]).
    pub fn ftm_properties(
        &self,
        snapshot: &Snapshot,
        e: &cordon_engine::Entity,
    ) -> Box<serde_json::value::RawValue> {
        self.inner.ftm.properties(snapshot.version(), e)
    }

    /// The snapshot in service.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.inner.snapshot.current()
    }

    pub fn config(&self) -> &ServerConfig {
        &self.inner.config
    }

    /// Builds a new snapshot and swaps it in (off the async workers), then,
    /// on a server with monitoring, runs a monitoring run against the
    /// snapshot in service (see [`AppState::monitor_run`]): its summary or
    /// its error is in the answer, and a failed run leaves the reload done.
    /// Requests in flight finish on the snapshot they started with. A
    /// failed build, or a snapshot that loses a list or most of one against
    /// the snapshot in service ([`cordon_store::check_successor`]), leaves
    /// the current snapshot in service and counts as a failed reload.
    pub async fn reload(&self) -> Result<Reloaded, String> {
        let st = self.clone();
        let mut reloaded = tokio::task::spawn_blocking(move || st.reload_snapshot())
            .await
            .map_err(|e| format!("reload task: {e}"))??;
        if self.monitor().is_some() {
            match self
                .monitor_run(
                    false,
                    crate::monitor::Trigger::Reload,
                    crate::monitor::SERVER_CALLER.into(),
                    None,
                )
                .await
            {
                Ok(r) => {
                    reloaded.monitor_run = Some(crate::monitor::RunSummary::of(
                        &r,
                        crate::monitor::Trigger::Reload,
                    ))
                }
                Err(e) => {
                    reloaded.monitor_error = Some(
                        self.monitor()
                            .and_then(|m| m.health().last_error)
                            .map_or_else(|| e.to_string(), |f| f.error),
                    )
                }
            }
        }
        Ok(reloaded)
    }

    /// The reload without the monitoring run. Blocking.
    fn reload_snapshot(&self) -> Result<Reloaded, String> {
        let Some(reload) = &self.inner.reload else {
            return Err("this server was started without a reloadable data folder".into());
        };
        // One reload at a time; a second caller waits and then reloads
        // again (cheap when nothing changed).
        let _guard = self
            .inner
            .reload_lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let before = self.inner.snapshot.current();
        let result = reload().and_then(|next| {
            cordon_store::check_successor(before.info(), next.info(), self.inner.reload_max_drop)
                .map_err(|e| e.to_string())?;
            Ok(next)
        });
        let metrics = &self.inner.metrics;
        match result {
            Ok(next) => {
                let previous = before.version().to_string();
                let current = next.version().to_string();
                let entities = next.index().len();
                let changed = previous != current;
                if changed {
                    metrics.set_snapshot(&next);
                    self.inner.snapshot.swap(next);
                    metrics.reloads.with_label_values(&["changed"]).inc();
                    tracing::info!(previous, current, entities, "snapshot reloaded");
                } else {
                    metrics.reloads.with_label_values(&["unchanged"]).inc();
                }
                Ok(Reloaded {
                    previous,
                    current,
                    changed,
                    entities,
                    monitor_run: None,
                    monitor_error: None,
                })
            }
            Err(e) => {
                metrics.reloads.with_label_values(&["failed"]).inc();
                tracing::error!(error = %e, "reload failed; keeping the snapshot in service");
                Err(e)
            }
        }
    }
}
