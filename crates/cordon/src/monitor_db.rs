//! The monitoring database of the CLI: the global `--monitor-db` option,
//! its default (`monitor.sqlite` beside the audit database), opening the
//! store through [`cordon_monitor::StoreTarget`], and writing a monitoring
//! event to the audit trail. Used by `cordon monitor` and `cordon alerts`.

use crate::audit::AuditArgs;
use crate::ListArgs;
use anyhow::{Context, Result};
use clap::Args;
use cordon_audit::{AuditLog, AuditRecord, AuditTarget};
use cordon_monitor::{BoxStore, StoreTarget};

/// Where the monitoring register and alerts are kept (global option).
#[derive(Debug, Args)]
pub struct MonitorDbArgs {
    /// Monitoring database (customer register, runs, alerts, decisions):
    /// an SQLite file, or a `postgres://` URL (builds with the `postgres`
    /// feature). Default: `monitor.sqlite` beside the audit database (see
    /// --audit).
    #[arg(
        long,
        global = true,
        env = "CORDON_MONITOR_DB",
        value_name = "PATH|URL"
    )]
    pub monitor_db: Option<String>,
}

/// Where the monitoring database is.
pub fn target(lists: &ListArgs, audit: &AuditArgs, m: &MonitorDbArgs) -> Result<StoreTarget> {
    if let Some(p) = &m.monitor_db {
        return Ok(StoreTarget::parse(p));
    }
    Ok(StoreTarget::Sqlite(
        match crate::audit::default_target(lists, audit)? {
            AuditTarget::Sqlite(p) => p.with_file_name("monitor.sqlite"),
            AuditTarget::Postgres(_) => dirs::data_dir()
                .map(|d| d.join("cordon").join("monitor.sqlite"))
                .context("no platform data directory: name the database with --monitor-db PATH")?,
        },
    ))
}

/// An open store and where it is (for messages).
pub struct Opened {
    pub store: BoxStore,
    pub target: StoreTarget,
}

/// Opens the store, creating it if needed.
pub fn open(lists: &ListArgs, audit: &AuditArgs, m: &MonitorDbArgs) -> Result<Opened> {
    let target = target(lists, audit, m)?;
    let store = target.open()?;
    Ok(Opened { store, target })
}

/// Opens an existing store.
pub fn open_existing(lists: &ListArgs, audit: &AuditArgs, m: &MonitorDbArgs) -> Result<Opened> {
    let target = target(lists, audit, m)?;
    let store = target.open_existing()?;
    Ok(Opened { store, target })
}

/// Writes one record to the audit trail and waits for its commit.
pub fn write_audit(log: AuditLog, rec: AuditRecord) -> Result<()> {
    log.sender().record(rec)?;
    log.close()?;
    Ok(())
}
