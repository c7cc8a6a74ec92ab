//! The monitoring store: what a backend keeps and the operations a run, an
//! import and a decision need. [`MonitorStore`] is the seam between the
//! run logic and the backends: [`crate::SqliteStore`] and, with the
//! `postgres` feature, `PgStore` (the rules they share are in `backend`).
//!
//! Each operation is one transaction, so a process killed at any point
//! leaves the store as it was before or after that operation:
//! * an import commits in chunks: a killed import has upserted some
//!   customers, and importing the same file again completes it;
//!   customers absent from a `--replace` import are removed only after the
//!   whole file was read, in the last transaction;
//! * a run records itself as `running`, screens in memory, and writes its
//!   alerts, the list state it screened and its `completed` status in one
//!   transaction; a run killed before that leaves a `running` row that the
//!   next run marks `abandoned`, and the next run computes its delta from
//!   the last *completed* run, so it redoes the lost work;
//! * a decision is checked and recorded in one transaction.

use crate::alert::{Alert, Status, Verdict};
use crate::customer::{Customer, CustomerRecord};
use crate::error::Result;
use cordon_engine::Entity;
use serde::Serialize;
use std::collections::HashMap;

/// Counts of one import.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportStats {
    /// Customers seen for the first time (or back after a removal).
    pub added: u64,
    /// Customers whose screened fields changed: a new version each.
    pub changed: u64,
    pub unchanged: u64,
    /// Customers marked removed by `--replace`.
    pub removed: u64,
    /// Lines skipped as unreadable.
    pub errors: u64,
}

impl std::ops::AddAssign for ImportStats {
    fn add_assign(&mut self, o: ImportStats) {
        self.added += o.added;
        self.changed += o.changed;
        self.unchanged += o.unchanged;
        self.removed += o.removed;
        self.errors += o.errors;
    }
}

/// Full or delta.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Full,
    Delta,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Full => "full",
            Mode::Delta => "delta",
        }
    }
}

/// A completed run, as the next run starts from it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRow {
    pub id: i64,
    pub snapshot: String,
    pub matcher: String,
    pub threshold: f64,
    /// The customer change counter the run had screened up to.
    pub customer_seq: i64,
    pub lists: Vec<String>,
}

/// What a run records when it starts.
#[derive(Debug, Clone)]
pub struct RunStart {
    pub snapshot: String,
    pub previous_snapshot: Option<String>,
    pub mode: Mode,
    pub matcher: String,
    pub threshold: f64,
    pub lists: Vec<String>,
    pub customer_seq: i64,
}

/// One match of a customer with a list entity at or above the threshold.
#[derive(Debug, Clone)]
pub struct Hit {
    pub customer_id: String,
    pub customer_version: i64,
    pub entity_id: String,
    pub list: String,
    /// Fingerprint of the entity's screened fields (see [`crate::print`]).
    pub entity_fp: String,
    pub score: f64,
    pub explanation: serde_json::Value,
    /// Why it is raised when it is a new alert.
    pub why: String,
}

/// The list state of one entity after a run.
#[derive(Debug, Clone)]
pub struct StoredPrint {
    pub entity_id: String,
    pub list: String,
    pub fp: String,
    pub data: String,
}

/// Everything a run writes, in one transaction.
#[derive(Debug, Clone)]
pub struct RunCommit {
    pub run_id: i64,
    pub snapshot: String,
    /// Entities added or changed since the previous list state (all of
    /// them on a full run).
    pub prints: Vec<StoredPrint>,
    /// Entities gone from their list.
    pub removed: Vec<String>,
    pub hits: Vec<Hit>,
    pub customers_screened: u64,
    pub list_entities_screened: u64,
    pub seconds: f64,
}

/// The alerts a run raised, re-opened and marked delisted.
#[derive(Debug, Clone, Default)]
pub struct RunAlerts {
    pub new: Vec<Alert>,
    pub reopened: Vec<Alert>,
    pub delisted: Vec<Alert>,
    /// Matches not raised again: a decision on the same data stands.
    pub remembered: u64,
}

/// Which alerts `cordon alerts` lists.
#[derive(Debug, Clone, Default)]
pub struct AlertFilter {
    pub status: Option<Status>,
    pub customer_id: Option<String>,
    pub entity_id: Option<String>,
    pub limit: Option<u64>,
    /// Skip this many (paging).
    pub offset: u64,
}

/// A monitoring backend.
pub trait MonitorStore {
    /// Starts an import; returns its id.
    fn begin_import(&mut self, file: &str, replace: bool) -> Result<i64>;
    /// Upserts customers by id in one transaction: a new customer gets
    /// version 1, a changed one its next version; each is marked as seen
    /// by the import.
    ///
    /// The store also keeps the register's search keys up to date in the
    /// same transaction, for [`Self::customers_with_keys`] and the word
    /// lookups: a new or changed customer's
    /// [`CustomerRecord::search_keys`] replace those of its previous
    /// version, and each word of its [`CustomerRecord::search_words`] not
    /// seen before is kept with its [`cordon_engine::keys::fuzzy_keys`].
    /// (Keys of removed customers may stay: lookups may return them.)
    fn upsert_customers(
        &mut self,
        import_id: i64,
        batch: &[(String, CustomerRecord)],
    ) -> Result<ImportStats>;
    /// Marks customers as seen by the import without changing them (the
    /// ids of lines that could not be parsed, so `--replace` keeps them).
    fn mark_seen(&mut self, import_id: i64, ids: &[String]) -> Result<()>;
    /// Ends an import; with `replace`, marks every active customer it did
    /// not see as removed. Returns how many were removed.
    fn finish_import(&mut self, import_id: i64, replace: bool, stats: &ImportStats) -> Result<u64>;

    fn customer(&self, id: &str) -> Result<Option<Customer>>;
    /// A customer's screened fields at a given version.
    fn customer_version(&self, id: &str, version: i64) -> Result<Option<CustomerRecord>>;
    /// The customer change counter: every added, changed or removed
    /// customer takes the next value.
    fn customer_seq(&self) -> Result<i64>;
    /// Active customers changed after `after` and up to `upto`.
    fn customers_changed(&self, after: i64, upto: i64) -> Result<Vec<Customer>>;
    /// Every active customer.
    fn for_each_customer(&self, f: &mut dyn FnMut(Customer) -> Result<()>) -> Result<()>;
    fn customer_count(&self) -> Result<u64>;

    /// Words of the register (see [`Self::upsert_customers`]) having one
    /// of these fuzzy keys (as `i64`, the bits of
    /// [`cordon_engine::keys::fuzzy_keys`]).
    fn words_with_fuzzy_keys(&self, keys: &[i64]) -> Result<Vec<String>>;
    /// Words of the register that begin with `prefix` and are longer.
    fn words_starting_with(&self, prefix: &str) -> Result<Vec<String>>;
    /// Ids of the customers holding one of these search keys
    /// ([`CustomerRecord::search_keys`]), each once; removed customers
    /// may be among them.
    fn customers_with_keys(&self, keys: &[String]) -> Result<Vec<String>>;
    /// Active customers by id, in the order given (unknown and removed
    /// ids are skipped).
    fn customers_by_id(&self, ids: &[String]) -> Result<Vec<Customer>>;

    fn four_eyes(&self) -> Result<bool>;
    fn set_four_eyes(&mut self, on: bool, by: &str) -> Result<()>;

    /// Waits until no other connection is running a run on this store,
    /// then keeps any other [`crate::run`] waiting here until
    /// [`Self::release_runs`] — or until this connection closes, as it
    /// does when its process is killed. Processes sharing one store (the
    /// replicas of `cordon serve` on one PostgreSQL database, a `cordon
    /// monitor run` beside them) so take turns: a later run starts from
    /// the earlier one's outcome instead of taking it over
    /// ([`Self::begin_run`]) and having its commit refused. PostgreSQL
    /// holds a session-level advisory lock; the default does nothing (an
    /// SQLite store is one machine's, and a run that takes another over
    /// still writes nothing twice).
    fn claim_runs(&mut self) -> Result<()> {
        Ok(())
    }
    /// Lets the next run in ([`Self::claim_runs`]).
    fn release_runs(&mut self) -> Result<()> {
        Ok(())
    }
    /// The last completed run.
    fn last_run(&self) -> Result<Option<RunRow>>;
    /// Records a run as started (and any run left `running` by a killed
    /// process as `abandoned`); returns its id.
    fn begin_run(&mut self, start: &RunStart) -> Result<i64>;
    /// The list state after the last completed run: entity id → (list,
    /// fingerprint).
    fn list_state(&self) -> Result<HashMap<String, (String, String)>>;
    /// Stored prints by (entity id, fingerprint).
    fn prints(&self, keys: &[(String, String)]) -> Result<Vec<Entity>>;
    /// Writes a run's outcome and marks it completed, in one transaction.
    fn commit_run(&mut self, c: RunCommit) -> Result<RunAlerts>;

    fn alerts(&self, f: &AlertFilter) -> Result<Vec<Alert>>;
    fn alert(&self, id: i64) -> Result<Alert>;
    /// Records a reviewer's decision under the current four-eyes policy.
    fn decide(&mut self, id: i64, verdict: Verdict, by: &str, reason: &str) -> Result<Alert>;
}
