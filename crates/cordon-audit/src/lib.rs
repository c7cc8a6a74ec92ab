//! The audit trail of cordon: every screening decision — when, who asked,
//! the query, the list version, the candidates with their scores, and the
//! decision — kept so that a regulator's "what did you screen, against
//! which list, and what did you decide?" has an answer months later.
//!
//! # Writing
//!
//! [`AuditLog::open`] opens an [`AuditTarget`] (an SQLite file by default;
//! a `postgres://` URL with the `postgres` feature) and starts **one**
//! writer thread. Screening threads hand [`AuditRecord`]s to an
//! [`AuditSender`] ([`AuditLog::sender`]); `record` only enqueues, so the
//! matching path never waits on disk, except when the bounded queue
//! ([`AuditOptions::capacity`]) is full: then it waits for room
//! (back-pressure) rather than lose a record. The writer commits batches
//! of up to [`AuditOptions::batch_size`] records, or whatever arrived
//! within [`AuditOptions::max_delay`] of the first.
//!
//! A caller that must not act before its record is durable — a server
//! about to answer, a batch about to print a result — uses
//! [`AuditSender::submit`] (or [`AuditSender::submit_all`] for a group):
//! the [`Commit`] ticket resolves once the transaction holding the record
//! has committed; `.await` it in async code or [`Commit::wait`] on a
//! thread ([`AuditSender::record_committed`] does both steps). A waited-for
//! record does not wait for [`AuditOptions::max_delay`]: the writer commits
//! what is queued at once, and every record that arrives during that
//! commit goes into the next transaction (group commit), so many waiters
//! share one commit.
//!
//! Durability is reported, not assumed: [`AuditLog::committed`] and the
//! [`AuditOptions::on_commit`] observer count the records whose transaction
//! has committed (SQLite in WAL mode with `synchronous=FULL`: on disk when
//! the COMMIT returns, through `kill -9` and power loss). A program that
//! reports only that count never claims a record that is not there.
//! [`AuditLog::close`] commits the rest and stops the writer. If the
//! writer fails, every later `record` returns its error
//! ([`AuditError::WriterFailed`]).
//!
//! ```no_run
//! use cordon_audit::*;
//! # fn main() -> Result<()> {
//! let log = AuditLog::open(&AuditTarget::parse("audit.sqlite"), AuditOptions::default())?;
//! let tx = log.sender();
//! tx.record_committed(AuditRecord {
//!     time: String::new(), // now
//!     source: "batch".into(),
//!     caller: "alice".into(),
//!     request_id: "run-1:1".into(),
//!     query: serde_json::json!({"name": "Acme Example Trading Co"}),
//!     snapshot: "8e5804ea5b2f46ce".into(),
//!     results: vec![],
//!     decision: Decision::NoMatch,
//! })?; // returns once the record is on disk
//! assert_eq!(log.committed(), 1);
//! assert_eq!(log.close()?, 1);
//! # Ok(()) }
//! ```
//!
//! # Reading
//!
//! [`AuditReader`] selects records by an [`AuditFilter`] (time range,
//! caller, candidate entity, decision, source), oldest first:
//! [`AuditReader::query`], [`AuditReader::for_each`] (streaming) and
//! [`AuditReader::count`]. Times are stored as fixed-width RFC 3339 UTC
//! with milliseconds; [`parse_time`] turns user input into that form.
//!
//! # Schema
//!
//! Versioned (`PRAGMA user_version` in SQLite, table `audit_schema` in
//! PostgreSQL) and migrated on open by the writer; a database from a newer
//! cordon is refused ([`AuditError::Schema`]). See `sqlite.rs` for the
//! tables and indexes.
//!
//! # Modules
//!
//! `target` (where the trail is kept) and `backend` (what a database does
//! for the writer and the reader, with the SQL both backends share) are
//! leaves; `sqlite` and `pg` implement `backend`; `connect` picks one for
//! a target; `log` (writing) and `reader` (reading) use `connect`. No
//! module imports one above it.

mod backend;
mod connect;
mod error;
mod log;
#[cfg(feature = "postgres")]
mod pg;
mod reader;
mod record;
mod sqlite;
mod target;
mod time;

pub use error::{AuditError, Result};
pub use log::{AuditLog, AuditOptions, AuditSender, Commit, CommitObserver};
pub use reader::AuditReader;
pub use record::{AuditFilter, AuditRecord, AuditResult, Decision};
pub use target::AuditTarget;
pub use time::{format_ms, now, parse_time};
