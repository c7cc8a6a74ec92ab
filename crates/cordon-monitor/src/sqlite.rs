//! The SQLite backend (the default).
//!
//! WAL journal with `synchronous=FULL`, as the audit trail: a transaction
//! is on disk when its COMMIT returns, so it survives `kill -9` and power
//! loss; readers (`cordon alerts`) see committed data while a run writes.
//!
//! Schema (version 2, in `PRAGMA user_version`; a newer one is refused):
//! - `meta(key, value)`: the policy (`four_eyes`) and the customer change
//!   counter (`customer_seq`);
//! - `customers(id, version, seq, status, record, last_import, updated)`:
//!   the register, `record` the screened fields as JSON, `seq` the change
//!   counter value of the last change, `status` `active` or `removed`;
//! - `customer_versions(customer_id, version, record, created)`: every
//!   version, so a re-opened alert can say what changed;
//! - `imports`, `runs`: one row each, with status and counts;
//! - `entity_prints(entity_id, fp, data)`: every screening fingerprint
//!   seen, `list_state(entity_id, list, fp, run_id)`: the fingerprints of
//!   the last completed run;
//! - (version 2) `customer_keys(key, customer_id)`: every customer's
//!   search keys ([`CustomerRecord::search_keys`]), `register_words(word)`
//!   every word of the register, `word_keys(key, word)` each word's fuzzy
//!   keys ([`cordon_engine::keys::fuzzy_keys`]): a run finds the customers
//!   a changed list entity may match by these, without reading the
//!   register;
//! - `alerts`: one row per (customer, entity), re-opened in place;
//!   `decisions`: every decision; `events`: every import, run, policy
//!   change and decision.
//!
//! Every column is plain text, integer or real, so the same migrations
//! make the PostgreSQL tables (see `pg`).

use crate::alert::{self, Alert, Pending, Verdict};
use crate::backend::*;
use crate::customer::{Customer, CustomerRecord};
use crate::error::{MonitorError, Result};
use crate::store::*;
use cordon_engine::Entity;
use rayon::prelude::*;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::path::Path;

/// The schema version this code writes and reads.
pub const SCHEMA_VERSION: i64 = 2;

/// The schema's migrations (PostgreSQL runs the same ones in its types).
pub(crate) const MIGRATIONS: &[&str] = &[
    // 0 → 1
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        status TEXT NOT NULL,
        record TEXT NOT NULL,
        last_import INTEGER NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX customers_seq ON customers(seq);
    CREATE TABLE customer_versions (
        customer_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        record TEXT NOT NULL,
        created TEXT NOT NULL,
        PRIMARY KEY (customer_id, version)
    );
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        replace INTEGER NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        counts TEXT
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        status TEXT NOT NULL,
        mode TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        previous_snapshot TEXT,
        matcher TEXT NOT NULL,
        threshold REAL NOT NULL,
        lists TEXT NOT NULL,
        customer_seq INTEGER NOT NULL,
        customers_screened INTEGER,
        list_entities_screened INTEGER,
        seconds REAL
    );
    CREATE TABLE entity_prints (
        entity_id TEXT NOT NULL,
        fp TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (entity_id, fp)
    );
    CREATE TABLE list_state (
        entity_id TEXT PRIMARY KEY,
        list TEXT NOT NULL,
        fp TEXT NOT NULL,
        run_id INTEGER NOT NULL
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        customer_id TEXT NOT NULL,
        customer_version INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        entity_fp TEXT NOT NULL,
        list TEXT NOT NULL,
        score REAL NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        run_id INTEGER NOT NULL,
        round INTEGER NOT NULL,
        pending_decision TEXT,
        pending_by TEXT,
        explanation TEXT NOT NULL,
        UNIQUE (customer_id, entity_id)
    );
    CREATE INDEX alerts_status ON alerts(status, score);
    CREATE INDEX alerts_entity ON alerts(entity_id);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES alerts(id),
        round INTEGER NOT NULL,
        decision TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        reason TEXT NOT NULL,
        time TEXT NOT NULL,
        outcome TEXT NOT NULL
    );
    CREATE INDEX decisions_alert ON decisions(alert_id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        run_id INTEGER,
        alert_id INTEGER,
        detail TEXT NOT NULL
    );",
    // 1 → 2: the register's search keys (filled from the customers by
    // `backfill_keys`).
    "CREATE TABLE customer_keys (
        key TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        PRIMARY KEY (key, customer_id)
    ) WITHOUT ROWID;
    CREATE TABLE register_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE word_keys (
        key INTEGER NOT NULL,
        word TEXT NOT NULL,
        PRIMARY KEY (key, word)
    ) WITHOUT ROWID;",
];

/// The current time, RFC 3339 UTC with milliseconds.
pub fn now() -> String {
    let t = std::time::SystemTime::now();
    let ms = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_millis())
        .unwrap_or(0);
    let s = cordon_store::utc_iso(t);
    format!("{}.{ms:03}Z", s.trim_end_matches('Z'))
}

/// The monitoring store in an SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: String,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteStore {
    /// Opens the store, creating the file (and its folder) and the schema
    /// if needed.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        Self::open_with(path, true)
    }

    /// Opens an existing store (for commands that only read or decide):
    /// a missing file is an error rather than an empty register.
    pub fn open_existing(path: &Path) -> Result<SqliteStore> {
        Self::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<SqliteStore> {
        let shown = path.display().to_string();
        if !create && !path.is_file() {
            return Err(MonitorError::Missing(shown));
        }
        if create {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| MonitorError::Io {
                    path: dir.display().to_string(),
                    source,
                })?;
            }
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let setup = || -> rusqlite::Result<Connection> {
            let c = Connection::open_with_flags(path, flags)?;
            c.busy_timeout(std::time::Duration::from_secs(30))?;
            c.pragma_update(None, "journal_mode", "WAL")?;
            c.pragma_update(None, "synchronous", "FULL")?;
            c.pragma_update(None, "foreign_keys", "ON")?;
            // 64 MiB of page cache (the default is 2 MiB): an import
            // inserts search keys all over their B-tree.
            c.pragma_update(None, "cache_size", -65536)?;
            Ok(c)
        };
        let conn = setup().map_err(|source| MonitorError::Open {
            path: shown.clone(),
            source,
        })?;
        let mut s = SqliteStore { conn, path: shown };
        s.migrate()?;
        Ok(s)
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(MonitorError::Schema {
                path: self.path.clone(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        if version < SCHEMA_VERSION {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // Read again under the write lock: another process may have
            // migrated in between.
            let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
                tx.execute_batch(sql)?;
                if i == 1 {
                    backfill_keys(&tx)?;
                }
                tx.pragma_update(None, "user_version", i as i64 + 1)?;
            }
            tx.commit()?;
        }
        Ok(())
    }
}

/// Adds customers' search keys, and the words not seen before with
/// their fuzzy keys. Rows go in key order: the inserts then walk each
/// B-tree once instead of jumping around it.
fn put_keys(tx: &Connection, customers: &[(&str, &Keyed)]) -> Result<()> {
    let mut key =
        tx.prepare_cached("INSERT OR IGNORE INTO customer_keys(key, customer_id) VALUES (?1, ?2)")?;
    let mut word = tx.prepare_cached("INSERT OR IGNORE INTO register_words(word) VALUES (?1)")?;
    let mut fuzzy =
        tx.prepare_cached("INSERT OR IGNORE INTO word_keys(key, word) VALUES (?1, ?2)")?;
    let mut rows: Vec<(&str, &str)> = customers
        .iter()
        .flat_map(|(id, k)| k.keys.iter().map(move |key| (key.as_str(), *id)))
        .collect();
    rows.sort_unstable();
    for (k, id) in rows {
        key.execute(params![k, id])?;
    }
    let mut words: Vec<&str> = customers
        .iter()
        .flat_map(|(_, k)| k.words.iter().map(String::as_str))
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut fresh: Vec<(i64, &str)> = Vec::new();
    for w in words {
        if word.execute([w])? > 0 {
            fresh.extend(
                cordon_engine::keys::fuzzy_keys(w)
                    .into_iter()
                    .map(|f| (f as i64, w)),
            );
        }
    }
    fresh.sort_unstable();
    for (f, w) in fresh {
        fuzzy.execute(params![f, w])?;
    }
    Ok(())
}

/// Removes the search keys of a customer's previous version.
fn drop_keys(tx: &Connection, id: &str, old: &CustomerRecord) -> Result<()> {
    let mut del =
        tx.prepare_cached("DELETE FROM customer_keys WHERE key = ?1 AND customer_id = ?2")?;
    for k in old.search_keys(&old.search_words()) {
        del.execute(params![k, id])?;
    }
    Ok(())
}

/// Fills the search keys of a register made before schema version 2,
/// reading the customers in chunks (memory stays bounded).
fn backfill_keys(tx: &Transaction<'_>) -> Result<()> {
    let mut st = tx.prepare("SELECT id, record FROM customers")?;
    let mut rows = st.query([])?;
    let mut chunk: Vec<(String, String)> = Vec::with_capacity(8192);
    let flush = |chunk: &mut Vec<(String, String)>| -> Result<()> {
        let keyed: Vec<Keyed> = chunk
            .par_iter()
            .map(|(_, text)| parse_record(text).map(|r| keyed(&r)))
            .collect::<Result<_>>()?;
        let ids: Vec<(&str, &Keyed)> = chunk
            .iter()
            .map(|(id, _)| id.as_str())
            .zip(&keyed)
            .collect();
        put_keys(tx, &ids)?;
        chunk.clear();
        Ok(())
    };
    while let Some(r) = rows.next()? {
        chunk.push((r.get(0)?, r.get(1)?));
        if chunk.len() == 8192 {
            flush(&mut chunk)?;
        }
    }
    flush(&mut chunk)
}

fn meta_get(c: &Connection, key: &str) -> Result<Option<String>> {
    Ok(
        c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?,
    )
}

fn meta_set(c: &Connection, key: &str, value: &str) -> Result<()> {
    c.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn event(
    c: &Connection,
    kind: &str,
    actor: &str,
    run_id: Option<i64>,
    alert_id: Option<i64>,
    detail: &serde_json::Value,
) -> Result<()> {
    c.execute(
        "INSERT INTO events(time, kind, actor, run_id, alert_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![now(), kind, actor, run_id, alert_id, detail.to_string()],
    )?;
    Ok(())
}

fn load_alert(c: &Connection, id: i64) -> Result<Alert> {
    let row = c
        .query_row(
            "SELECT customer_id, customer_version, entity_id, list, score, status, reason,
                    snapshot, created, explanation FROM alerts WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, f64>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                ))
            },
        )
        .optional()?
        .ok_or(MonitorError::NoAlert(id))?;
    let mut st = c.prepare_cached(
        "SELECT decision, reviewer, reason, time, round, outcome FROM decisions
         WHERE alert_id = ?1 ORDER BY id",
    )?;
    let mut decisions = Vec::new();
    let mut rows = st.query([id])?;
    while let Some(r) = rows.next()? {
        let d: String = r.get(0)?;
        let o: String = r.get(5)?;
        decisions.push(decision_of(
            &d,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            &o,
        )?);
    }
    Ok(Alert {
        id,
        customer_id: row.0,
        customer_version: row.1,
        entity_id: row.2,
        list: row.3,
        score: row.4,
        status: status_of(&row.5)?,
        reason: row.6,
        snapshot: row.7,
        created: row.8,
        explanation: serde_json::from_str(&row.9).map_err(corrupt("alert explanation"))?,
        decisions,
    })
}

fn version_record(c: &Connection, id: &str, version: i64) -> Result<Option<CustomerRecord>> {
    let text: Option<String> = c
        .query_row(
            "SELECT record FROM customer_versions WHERE customer_id = ?1 AND version = ?2",
            params![id, version],
            |r| r.get(0),
        )
        .optional()?;
    text.as_deref().map(parse_record).transpose()
}

fn print_of(c: &Connection, entity_id: &str, fp: &str) -> Result<Option<Entity>> {
    let text: Option<String> = c
        .query_row(
            "SELECT data FROM entity_prints WHERE entity_id = ?1 AND fp = ?2",
            params![entity_id, fp],
            |r| r.get(0),
        )
        .optional()?;
    text.as_deref().map(parse_print).transpose()
}

/// Re-open reasons read from the transaction a run commits in.
impl History for &Transaction<'_> {
    fn version(&mut self, customer_id: &str, version: i64) -> Result<Option<CustomerRecord>> {
        version_record(self, customer_id, version)
    }

    fn print(&mut self, entity_id: &str, fp: &str) -> Result<Option<Entity>> {
        print_of(self, entity_id, fp)
    }
}

impl MonitorStore for SqliteStore {
    fn begin_import(&mut self, file: &str, replace: bool) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO imports(file, replace, started) VALUES (?1, ?2, ?3)",
            params![file, replace, now()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    fn upsert_customers(
        &mut self,
        import_id: i64,
        batch: &[(String, CustomerRecord)],
    ) -> Result<ImportStats> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut stats = ImportStats::default();
        let mut seq: i64 = meta_get(&tx, "customer_seq")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let time = now();
        let keys: Vec<Keyed> = batch.par_iter().map(|(_, rec)| keyed(rec)).collect();
        // Customers added or changed, whose keys go in at the end.
        let mut fresh: Vec<(&str, &Keyed)> = Vec::new();
        {
            let mut get =
                tx.prepare_cached("SELECT version, status, record FROM customers WHERE id = ?1")?;
            let mut put = tx.prepare_cached(
                "INSERT INTO customers(id, version, seq, status, record, last_import, updated)
                 VALUES (?1, ?2, ?3, 'active', ?4, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET version = excluded.version, seq = excluded.seq,
                   status = 'active', record = excluded.record,
                   last_import = excluded.last_import, updated = excluded.updated",
            )?;
            let mut seen =
                tx.prepare_cached("UPDATE customers SET last_import = ?2 WHERE id = ?1")?;
            let mut hist = tx.prepare_cached(
                "INSERT OR REPLACE INTO customer_versions(customer_id, version, record, created)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for ((id, rec), k) in batch.iter().zip(&keys) {
                let old: Option<(i64, String, String)> = get
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                let text = serde_json::to_string(rec).map_err(corrupt("customer record"))?;
                let old = old.as_ref().map(|(v, s, t)| (*v, s.as_str(), t.as_str()));
                let version = match upsert_rule(old, rec) {
                    Upsert::Unchanged => {
                        stats.unchanged += 1;
                        seen.execute(params![id, import_id])?;
                        continue;
                    }
                    Upsert::Write { version, added } => {
                        if added {
                            stats.added += 1;
                        } else {
                            stats.changed += 1;
                        }
                        if let Some(o) = old.and_then(|(_, _, t)| parse_record(t).ok()) {
                            drop_keys(&tx, id, &o)?;
                        }
                        version
                    }
                };
                fresh.push((id.as_str(), k));
                seq += 1;
                put.execute(params![id, version, seq, text, import_id, time])?;
                hist.execute(params![id, version, text, time])?;
            }
        }
        put_keys(&tx, &fresh)?;
        meta_set(&tx, "customer_seq", &seq.to_string())?;
        tx.commit()?;
        Ok(stats)
    }

    fn mark_seen(&mut self, import_id: i64, ids: &[String]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut seen =
                tx.prepare_cached("UPDATE customers SET last_import = ?2 WHERE id = ?1")?;
            for id in ids {
                seen.execute(params![id, import_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn finish_import(&mut self, import_id: i64, replace: bool, stats: &ImportStats) -> Result<u64> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut removed = 0u64;
        if replace {
            let mut seq: i64 = meta_get(&tx, "customer_seq")?
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let ids: Vec<String> = {
                let mut st = tx.prepare(
                    "SELECT id FROM customers WHERE status = 'active' AND last_import != ?1",
                )?;
                let rows = st.query_map([import_id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let time = now();
            {
                let mut up = tx.prepare_cached(
                    "UPDATE customers SET status = 'removed', seq = ?2, updated = ?3 WHERE id = ?1",
                )?;
                for id in &ids {
                    seq += 1;
                    up.execute(params![id, seq, time])?;
                    removed += 1;
                }
            }
            meta_set(&tx, "customer_seq", &seq.to_string())?;
        }
        let mut counts = stats.clone();
        counts.removed = removed;
        let detail = serde_json::to_value(&counts).map_err(corrupt("import counts"))?;
        tx.execute(
            "UPDATE imports SET finished = ?2, counts = ?3 WHERE id = ?1",
            params![import_id, now(), detail.to_string()],
        )?;
        let file: String =
            tx.query_row("SELECT file FROM imports WHERE id = ?1", [import_id], |r| {
                r.get(0)
            })?;
        event(
            &tx,
            "import",
            "",
            None,
            None,
            &serde_json::json!({"import_id": import_id, "file": file, "replace": replace, "counts": detail}),
        )?;
        tx.commit()?;
        Ok(removed)
    }

    fn customer(&self, id: &str) -> Result<Option<Customer>> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT version, record FROM customers WHERE id = ?1 AND status = 'active'",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(version, text)| {
            Ok(Customer {
                id: id.to_string(),
                version,
                record: parse_record(&text)?,
            })
        })
        .transpose()
    }

    fn customer_version(&self, id: &str, version: i64) -> Result<Option<CustomerRecord>> {
        version_record(&self.conn, id, version)
    }

    fn customer_seq(&self) -> Result<i64> {
        Ok(meta_get(&self.conn, "customer_seq")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0))
    }

    fn customers_changed(&self, after: i64, upto: i64) -> Result<Vec<Customer>> {
        let mut st = self.conn.prepare(
            "SELECT id, version, record FROM customers
             WHERE seq > ?1 AND seq <= ?2 AND status = 'active' ORDER BY seq",
        )?;
        let mut rows = st.query(params![after, upto])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let text: String = r.get(2)?;
            out.push(Customer {
                id: r.get(0)?,
                version: r.get(1)?,
                record: parse_record(&text)?,
            });
        }
        Ok(out)
    }

    fn for_each_customer(&self, f: &mut dyn FnMut(Customer) -> Result<()>) -> Result<()> {
        let mut st = self
            .conn
            .prepare("SELECT id, version, record FROM customers WHERE status = 'active'")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let text: String = r.get(2)?;
            f(Customer {
                id: r.get(0)?,
                version: r.get(1)?,
                record: parse_record(&text)?,
            })?;
        }
        Ok(())
    }

    fn customer_count(&self) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM customers WHERE status = 'active'",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    fn words_with_fuzzy_keys(&self, keys: &[i64]) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT word FROM word_keys WHERE key = ?1")?;
        let mut out = Vec::new();
        for k in keys {
            let rows = st.query_map([k], |r| r.get::<_, String>(0))?;
            for w in rows {
                out.push(w?);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    fn words_starting_with(&self, prefix: &str) -> Result<Vec<String>> {
        // Words are lower-case ASCII; the range stops before the first
        // word that does not begin with the prefix.
        let mut st = self.conn.prepare_cached(
            "SELECT word FROM register_words WHERE word > ?1 AND word < ?1 || char(1114111)",
        )?;
        let rows = st.query_map([prefix], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for w in rows {
            let w = w?;
            if w.starts_with(prefix) {
                out.push(w);
            }
        }
        Ok(out)
    }

    fn customers_with_keys(&self, keys: &[String]) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT customer_id FROM customer_keys WHERE key = ?1")?;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for k in keys {
            let rows = st.query_map([k], |r| r.get::<_, String>(0))?;
            for id in rows {
                let id = id?;
                if seen.insert(id.clone()) {
                    out.push(id);
                }
            }
        }
        Ok(out)
    }

    fn customers_by_id(&self, ids: &[String]) -> Result<Vec<Customer>> {
        let mut st = self.conn.prepare_cached(
            "SELECT version, record FROM customers WHERE id = ?1 AND status = 'active'",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row: Option<(i64, String)> = st
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((version, text)) = row {
                out.push(Customer {
                    id: id.clone(),
                    version,
                    record: parse_record(&text)?,
                });
            }
        }
        Ok(out)
    }

    fn four_eyes(&self) -> Result<bool> {
        Ok(meta_get(&self.conn, "four_eyes")?.as_deref() != Some("off"))
    }

    fn set_four_eyes(&mut self, on: bool, by: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        meta_set(&tx, "four_eyes", if on { "on" } else { "off" })?;
        event(
            &tx,
            "policy",
            by,
            None,
            None,
            &serde_json::json!({"four_eyes": on}),
        )?;
        tx.commit()?;
        Ok(())
    }

    fn last_run(&self) -> Result<Option<RunRow>> {
        let row: Option<(i64, String, String, f64, i64, String)> = self
            .conn
            .query_row(
                "SELECT id, snapshot, matcher, threshold, customer_seq, lists FROM runs
                 WHERE status = 'completed' ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(id, snapshot, matcher, threshold, customer_seq, lists)| {
            Ok(RunRow {
                id,
                snapshot,
                matcher,
                threshold,
                customer_seq,
                lists: serde_json::from_str(&lists).map_err(corrupt("run lists"))?,
            })
        })
        .transpose()
    }

    fn begin_run(&mut self, s: &RunStart) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let stale = tx.execute(
            "UPDATE runs SET status = 'abandoned', finished = ?1 WHERE status = 'running'",
            [now()],
        )?;
        if stale > 0 {
            event(
                &tx,
                "run_abandoned",
                "",
                None,
                None,
                &serde_json::json!({"runs": stale}),
            )?;
        }
        let lists = serde_json::to_string(&s.lists).map_err(corrupt("run lists"))?;
        tx.execute(
            "INSERT INTO runs(started, status, mode, snapshot, previous_snapshot, matcher,
                threshold, lists, customer_seq) VALUES (?1, 'running', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                now(),
                s.mode.as_str(),
                s.snapshot,
                s.previous_snapshot,
                s.matcher,
                s.threshold,
                lists,
                s.customer_seq
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    fn list_state(&self) -> Result<HashMap<String, (String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT entity_id, list, fp FROM list_state")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn prints(&self, keys: &[(String, String)]) -> Result<Vec<Entity>> {
        let mut out = Vec::with_capacity(keys.len());
        for (id, fp) in keys {
            if let Some(e) = print_of(&self.conn, id, fp)? {
                out.push(e);
            }
        }
        Ok(out)
    }

    fn commit_run(&mut self, c: RunCommit) -> Result<RunAlerts> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let status: Option<String> = tx
            .query_row("SELECT status FROM runs WHERE id = ?1", [c.run_id], |r| {
                r.get(0)
            })
            .optional()?;
        if status.as_deref() != Some("running") {
            return Err(MonitorError::Refused(format!(
                "run {} was taken over by a later run (status {}): nothing written",
                c.run_id,
                status.unwrap_or_else(|| "missing".into())
            )));
        }
        let time = now();
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO entity_prints(entity_id, fp, data) VALUES (?1, ?2, ?3)",
            )?;
            let mut state = tx.prepare_cached(
                "INSERT OR REPLACE INTO list_state(entity_id, list, fp, run_id) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for p in &c.prints {
                ins.execute(params![p.entity_id, p.fp, p.data])?;
                state.execute(params![p.entity_id, p.list, p.fp, c.run_id])?;
            }
        }
        let mut out = RunAlerts::default();
        let (mut new_ids, mut reopened_ids, mut delisted_ids) =
            (Vec::new(), Vec::new(), Vec::new());
        for h in &c.hits {
            let existing: Option<AlertState> = tx
                .query_row(
                    "SELECT id, status, customer_version, entity_fp, round FROM alerts
                     WHERE customer_id = ?1 AND entity_id = ?2",
                    params![h.customer_id, h.entity_id],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, i64>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, i64>(4)?,
                        ))
                    },
                )
                .optional()?
                .map(|(id, s, customer_version, entity_fp, round)| {
                    status_of(&s).map(|status| AlertState {
                        id,
                        status,
                        customer_version,
                        entity_fp,
                        round,
                    })
                })
                .transpose()?;
            let explanation = h.explanation.to_string();
            match existing {
                None => {
                    tx.execute(
                        "INSERT INTO alerts(customer_id, customer_version, entity_id, entity_fp, list,
                            score, status, reason, snapshot, created, updated, run_id, round, explanation)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?9, ?9, ?10, 1, ?11)",
                        params![
                            h.customer_id,
                            h.customer_version,
                            h.entity_id,
                            h.entity_fp,
                            h.list,
                            h.score,
                            h.why,
                            c.snapshot,
                            time,
                            c.run_id,
                            explanation
                        ],
                    )?;
                    new_ids.push(tx.last_insert_rowid());
                }
                Some(a) => {
                    let (status, round, reason, reopen) = match merge(&a, h, &mut &tx)? {
                        Merge::Keep { remembered } => {
                            out.remembered += u64::from(remembered);
                            continue;
                        }
                        Merge::Update {
                            status,
                            round,
                            reason,
                            reopened,
                        } => (status, round, reason, reopened),
                    };
                    tx.execute(
                        "UPDATE alerts SET customer_version = ?2, entity_fp = ?3, score = ?4,
                            status = ?5, reason = ?6, snapshot = ?7, updated = ?8, run_id = ?9,
                            round = ?10, pending_decision = NULL, pending_by = NULL, explanation = ?11
                         WHERE id = ?1",
                        params![
                            a.id,
                            h.customer_version,
                            h.entity_fp,
                            h.score,
                            status.as_str(),
                            reason,
                            c.snapshot,
                            time,
                            c.run_id,
                            round,
                            explanation
                        ],
                    )?;
                    if reopen {
                        reopened_ids.push(a.id);
                    }
                }
            }
        }
        for id in &c.removed {
            let list: String = tx
                .query_row(
                    "SELECT list FROM list_state WHERE entity_id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_default();
            let ids: Vec<i64> = {
                let mut st = tx.prepare_cached(&format!(
                    "SELECT id FROM alerts WHERE entity_id = ?1 AND status IN {ALERT_OPEN}"
                ))?;
                let rows = st.query_map([id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for aid in ids {
                tx.execute(
                    "UPDATE alerts SET status = 'delisted', reason = ?2, updated = ?3, run_id = ?4,
                        pending_decision = NULL, pending_by = NULL WHERE id = ?1",
                    params![aid, delisted_reason(&list, &c.snapshot), time, c.run_id],
                )?;
                delisted_ids.push(aid);
            }
            tx.execute("DELETE FROM list_state WHERE entity_id = ?1", [id])?;
        }
        tx.execute(
            "UPDATE runs SET status = 'completed', finished = ?2, customers_screened = ?3,
                list_entities_screened = ?4, seconds = ?5 WHERE id = ?1",
            params![
                c.run_id,
                time,
                c.customers_screened as i64,
                c.list_entities_screened as i64,
                c.seconds
            ],
        )?;
        event(
            &tx,
            "run",
            "",
            Some(c.run_id),
            None,
            &serde_json::json!({
                "snapshot": c.snapshot,
                "customers_screened": c.customers_screened,
                "list_entities_screened": c.list_entities_screened,
                "new_alerts": new_ids,
                "reopened_alerts": reopened_ids,
                "delisted_alerts": delisted_ids,
                "remembered": out.remembered,
            }),
        )?;
        for id in &new_ids {
            out.new.push(load_alert(&tx, *id)?);
        }
        for id in &reopened_ids {
            out.reopened.push(load_alert(&tx, *id)?);
        }
        for id in &delisted_ids {
            out.delisted.push(load_alert(&tx, *id)?);
        }
        crate::pause::point("run-commit");
        tx.commit()?;
        Ok(out)
    }

    fn alerts(&self, f: &AlertFilter) -> Result<Vec<Alert>> {
        let mut sql = "SELECT id FROM alerts WHERE 1 = 1".to_string();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(s) = f.status {
            args.push(s.as_str().to_string().into());
            sql.push_str(&format!(" AND status = ?{}", args.len()));
        }
        if let Some(c) = &f.customer_id {
            args.push(c.clone().into());
            sql.push_str(&format!(" AND customer_id = ?{}", args.len()));
        }
        if let Some(e) = &f.entity_id {
            args.push(e.clone().into());
            sql.push_str(&format!(" AND entity_id = ?{}", args.len()));
        }
        sql.push_str(" ORDER BY score DESC, id");
        let limit = f.limit.map(|l| l.min(i64::MAX as u64) as i64).unwrap_or(-1);
        sql.push_str(&format!(
            " LIMIT {limit} OFFSET {}",
            f.offset.min(i64::MAX as u64)
        ));
        let ids: Vec<i64> = {
            let mut st = self.conn.prepare(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(args), |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter()
            .map(|id| load_alert(&self.conn, id))
            .collect()
    }

    fn alert(&self, id: i64) -> Result<Alert> {
        load_alert(&self.conn, id)
    }

    fn decide(&mut self, id: i64, verdict: Verdict, by: &str, reason: &str) -> Result<Alert> {
        let four_eyes = self.four_eyes()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let row: Option<(String, i64, Option<String>, Option<String>)> = tx
            .query_row(
                "SELECT status, round, pending_decision, pending_by FROM alerts WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (status, round, pd, pb) = row.ok_or(MonitorError::NoAlert(id))?;
        let cur = Pending {
            status: status_of(&status)?,
            round,
            pending: match (pd.as_deref().and_then(Verdict::parse), pb) {
                (Some(v), Some(b)) => Some((v, b)),
                _ => None,
            },
        };
        check_reason(reason)?;
        let d = alert::decide(id, &cur, verdict, by, four_eyes)?;
        let time = now();
        tx.execute(
            "INSERT INTO decisions(alert_id, round, decision, reviewer, reason, time, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                round,
                verdict.as_str(),
                by.trim(),
                reason,
                time,
                d.status.as_str()
            ],
        )?;
        tx.execute(
            "UPDATE alerts SET status = ?2, pending_decision = ?3, pending_by = ?4, updated = ?5
             WHERE id = ?1",
            params![
                id,
                d.status.as_str(),
                d.pending.as_ref().map(|p| p.0.as_str()),
                d.pending.as_ref().map(|p| p.1.clone()),
                time
            ],
        )?;
        event(
            &tx,
            "decision",
            by.trim(),
            None,
            Some(id),
            &serde_json::json!({"decision": verdict.as_str(), "reason": reason,
                "outcome": d.status.as_str(), "four_eyes": four_eyes, "round": round}),
        )?;
        let a = load_alert(&tx, id)?;
        tx.commit()?;
        Ok(a)
    }
}
