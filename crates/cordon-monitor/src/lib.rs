//! # cordon-monitor
//!
//! Ongoing monitoring: a register of customers screened again every time
//! the lists change, with alerts that analysts review and decisions that
//! are remembered.
//!
//! * [`input`]: the party input formats (CSV and JSON lines) shared with
//!   `cordon batch`, read in chunks with errors per line.
//! * [`customer`]: a customer's screened fields and version; its queries
//!   (forward screening) and search keys (reverse screening).
//! * [`print`]: the screening fingerprint of a list entity, stored per
//!   run so the next run knows what changed without the old list files.
//! * [`run()`]: a monitoring run, full or delta (see the module).
//! * [`alert`]: alerts, decisions, the four-eyes rule.
//! * [`MonitorStore`]: what a backend keeps; [`SqliteStore`] keeps it in
//!   SQLite (WAL, `synchronous=FULL`, versioned schema), `PgStore` in
//!   PostgreSQL (cargo feature `postgres`; same tables and versioning);
//!   every operation one transaction, so a killed run or import leaves it
//!   consistent. [`open_store`] / [`StoreTarget`] open either from a path
//!   or a `postgres://` URL.
//!
//! The engine stays free of I/O: this crate reads files and databases and
//! hands the engine entities and queries.

pub mod alert;
mod backend;
pub mod customer;
mod error;
mod import;
pub mod input;
mod matcher;
mod pause;
#[cfg(feature = "postgres")]
mod pg;
pub mod print;
mod run;
mod sqlite;
mod store;
mod target;

pub use alert::{Alert, DecisionRecord, Status, Verdict};
pub use customer::{Customer, CustomerRecord};
pub use error::{MonitorError, Result};
pub use import::{import, ImportFile, ImportReport};
pub use matcher::{matcher_version, MONITOR_LIMIT};
#[cfg(feature = "postgres")]
pub use pg::{PgStore, PG_SCHEMA};
pub use run::{run, RunOptions, RunReport};
pub use sqlite::{now, SqliteStore, SCHEMA_VERSION};
pub use store::{
    AlertFilter, Hit, ImportStats, Mode, MonitorStore, RunAlerts, RunCommit, RunRow, RunStart,
    StoredPrint,
};
pub use target::{open_store, BoxStore, StoreTarget};
