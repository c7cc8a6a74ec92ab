//! The PostgreSQL backend (cargo feature `postgres`), chosen by a
//! `postgres://` URL.
//!
//! The same tables and columns as the SQLite backend (its migrations, in
//! PostgreSQL types: see `pg_migration`; JSON kept as text, times as the
//! same fixed-width RFC 3339 text), in the schema `cordon_monitor` of the
//! database, so they share a database with the audit trail or anything
//! else without clashing. The schema version lives in
//! `cordon_monitor.monitor_schema`; a newer one is refused, an older one
//! migrated under a lock.
//!
//! Crash safety is the database's: every operation is one transaction,
//! committed with the server's durable commit (`synchronous_commit` on, its
//! default), and a client killed mid-transaction has it rolled back by the
//! server. Writers take one transaction-scoped advisory lock, so writes are
//! serialised as SQLite serialises them (the customer change counter, a
//! run's merge and a four-eyes confirmation never interleave); readers
//! are not blocked. Runs from several processes on one database (the
//! replicas of `cordon serve`) take turns on a second, session-level
//! advisory lock held for a whole run ([`MonitorStore::claim_runs`]).
//!
//! Bulk work is set-based: an import chunk is one `SELECT … = ANY` of the
//! stored rows and one `INSERT … SELECT FROM unnest(…) ON CONFLICT` per
//! table; a run writes its list state, new alerts, updated alerts and
//! delisted alerts the same way, in slices of [`SLICE`] rows.
//!
//! The client is the synchronous `postgres` crate (it runs a small runtime
//! of its own): use the store from a plain thread or `spawn_blocking`,
//! never from inside an async task.

use crate::alert::{self, Alert, Pending, Verdict};
use crate::backend::*;
use crate::customer::{Customer, CustomerRecord};
use crate::error::{MonitorError, Result};
use crate::sqlite::{now, MIGRATIONS};
use crate::store::*;
use crate::SCHEMA_VERSION;
use cordon_engine::Entity;
use postgres::types::ToSql;
use postgres::{Client, GenericClient, IsolationLevel, NoTls, Transaction};
use rayon::prelude::*;
use std::cell::{RefCell, RefMut};
use std::collections::HashMap;

/// The PostgreSQL schema (namespace) the tables live in.
pub const PG_SCHEMA: &str = "cordon_monitor";

/// The advisory lock every write transaction takes (any fixed number; the
/// bytes spell "cordonmn").
const WRITE_LOCK: i64 = 0x636f_7264_6f6e_6d6e;

/// The session-level advisory lock a run holds from before it reads the
/// last run until it has committed ([`MonitorStore::claim_runs`]): the
/// bytes spell "cordonrn".
const RUN_LOCK: i64 = 0x636f_7264_6f6e_726e;

/// Rows per bulk statement.
const SLICE: usize = 5_000;

/// Rows fetched at a time when streaming the register.
const FETCH: i32 = 5_000;

/// A migration of the SQLite schema ([`crate::sqlite::MIGRATIONS`]) in
/// PostgreSQL types, so both backends keep one schema: row ids
/// `BIGSERIAL`, integers `BIGINT`, reals `DOUBLE PRECISION`, no `WITHOUT
/// ROWID`; text stays text, and the register's words compare bytewise
/// (`COLLATE "C"`, as SQLite does), so a prefix is a range of the index.
fn pg_migration(sqlite: &str) -> String {
    sqlite
        .replace("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY")
        .replace("INTEGER", "BIGINT")
        .replace("REAL", "DOUBLE PRECISION")
        .replace(" WITHOUT ROWID", "")
        .replace("word TEXT", "word TEXT COLLATE \"C\"")
}

/// The monitoring store in a PostgreSQL database.
pub struct PgStore {
    /// The trait reads through `&self`; the client needs `&mut`.
    client: RefCell<Client>,
    /// The URL without its password, for messages.
    shown: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.shown)
            .finish()
    }
}

impl PgStore {
    /// Connects, creating the schema if needed.
    pub fn open(url: &str) -> Result<PgStore> {
        Self::open_with(url, true)
    }

    /// Connects to an existing store: a database without the schema is
    /// [`MonitorError::Missing`].
    pub fn open_existing(url: &str) -> Result<PgStore> {
        Self::open_with(url, false)
    }

    pub(crate) fn open_with(url: &str, create: bool) -> Result<PgStore> {
        let shown = crate::StoreTarget::Postgres(url.to_string()).to_string();
        let mut client = Client::connect(url, NoTls).map_err(|source| MonitorError::PgOpen {
            target: shown.clone(),
            source,
        })?;
        migrate(&mut client, &shown, create)?;
        // A writer waits for another as long as SQLite's busy timeout.
        client.batch_execute(&format!(
            "SET search_path TO {PG_SCHEMA}; SET lock_timeout = '30s'"
        ))?;
        Ok(PgStore {
            client: RefCell::new(client),
            shown,
        })
    }

    /// The URL, without its password.
    pub fn target(&self) -> &str {
        &self.shown
    }

    fn db(&self) -> Result<RefMut<'_, Client>> {
        self.client
            .try_borrow_mut()
            .map_err(|_| MonitorError::Reentrant)
    }
}

fn migrate(c: &mut Client, shown: &str, create: bool) -> Result<()> {
    let mut tx = c.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    let exists: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables
             WHERE table_schema = $1 AND table_name = 'monitor_schema')",
            &[&PG_SCHEMA],
        )?
        .get(0);
    let version: i64 = if exists {
        tx.query_opt(
            &format!("SELECT version FROM {PG_SCHEMA}.monitor_schema"),
            &[],
        )?
        .map(|r| r.get::<_, i32>(0).into())
        .unwrap_or(0)
    } else {
        0
    };
    if version > SCHEMA_VERSION {
        return Err(MonitorError::Schema {
            path: shown.to_string(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version == 0 && !create {
        return Err(MonitorError::Missing(shown.to_string()));
    }
    if version < SCHEMA_VERSION {
        tx.batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA};
             CREATE TABLE IF NOT EXISTS {PG_SCHEMA}.monitor_schema (version INTEGER NOT NULL);
             SET LOCAL search_path TO {PG_SCHEMA};"
        ))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.batch_execute(&pg_migration(sql))?;
            if i == 1 {
                backfill_keys(&mut tx)?;
            }
        }
        let v = SCHEMA_VERSION as i32;
        tx.execute("DELETE FROM monitor_schema", &[])?;
        tx.execute("INSERT INTO monitor_schema (version) VALUES ($1)", &[&v])?;
    }
    tx.commit()?;
    Ok(())
}

/// Fills the search keys of a register made before schema version 2,
/// reading the customers a chunk at a time (memory stays bounded).
fn backfill_keys(tx: &mut Transaction<'_>) -> Result<()> {
    let portal = tx.bind("SELECT id, record FROM customers", &[])?;
    loop {
        let rows = tx.query_portal(&portal, crate::input::CHUNK as i32)?;
        if rows.is_empty() {
            return Ok(());
        }
        let chunk: Vec<(String, String)> = rows
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<_>>()?;
        let keyed: Vec<Keyed> = chunk
            .par_iter()
            .map(|(_, text)| parse_record(text).map(|r| keyed(&r)))
            .collect::<Result<_>>()?;
        let ids: Vec<&str> = chunk.iter().map(|(id, _)| id.as_str()).collect();
        put_keys(tx, &ids, &keyed.iter().collect::<Vec<_>>())?;
    }
}

/// Adds customers' search keys, and the words not seen before with their
/// fuzzy keys (`ids[i]` holds `keys[i]`).
fn put_keys(tx: &mut Transaction<'_>, ids: &[&str], keys: &[&Keyed]) -> Result<()> {
    let mut ks: Vec<&str> = Vec::new();
    let mut cs: Vec<&str> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for (id, k) in ids.iter().zip(keys) {
        for key in &k.keys {
            ks.push(key);
            cs.push(id);
        }
        words.extend(k.words.iter().map(String::as_str));
    }
    for (ks, cs) in ks.chunks(SLICE * 4).zip(cs.chunks(SLICE * 4)) {
        tx.execute(
            "INSERT INTO customer_keys(key, customer_id)
             SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
            &[&ks, &cs],
        )?;
    }
    words.sort_unstable();
    words.dedup();
    for slice in words.chunks(SLICE * 4) {
        let fresh: Vec<String> = tx
            .query(
                "INSERT INTO register_words(word) SELECT unnest($1::text[])
                 ON CONFLICT DO NOTHING RETURNING word",
                &[&slice],
            )?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        let (mut fk, mut fw): (Vec<i64>, Vec<&str>) = (Vec::new(), Vec::new());
        for w in &fresh {
            for f in cordon_engine::keys::fuzzy_keys(w) {
                fk.push(f as i64);
                fw.push(w);
            }
        }
        tx.execute(
            "INSERT INTO word_keys(key, word)
             SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING",
            &[&fk, &fw],
        )?;
    }
    Ok(())
}

/// Removes the search keys of customers' previous versions (`ids[i]` held
/// `old[i]`).
fn drop_keys(tx: &mut Transaction<'_>, ids: &[&str], old: &[CustomerRecord]) -> Result<()> {
    let mut ks: Vec<String> = Vec::new();
    let mut cs: Vec<&str> = Vec::new();
    for (id, o) in ids.iter().zip(old) {
        for k in o.search_keys(&o.search_words()) {
            ks.push(k);
            cs.push(id);
        }
    }
    for (ks, cs) in ks.chunks(SLICE * 4).zip(cs.chunks(SLICE * 4)) {
        tx.execute(
            "DELETE FROM customer_keys c USING unnest($1::text[], $2::text[]) AS d(key, id)
             WHERE c.key = d.key AND c.customer_id = d.id",
            &[&ks, &cs],
        )?;
    }
    Ok(())
}

/// A write transaction: holds the store's write lock until it ends.
fn write_tx(c: &mut Client) -> Result<Transaction<'_>> {
    let mut tx = c.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    Ok(tx)
}

fn meta_get(c: &mut impl GenericClient, key: &str) -> Result<Option<String>> {
    Ok(
        c.query_opt("SELECT value FROM meta WHERE key = $1", &[&key])?
            .map(|r| r.get(0)),
    )
}

fn meta_set(c: &mut impl GenericClient, key: &str, value: &str) -> Result<()> {
    c.execute(
        "INSERT INTO meta(key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&key, &value],
    )?;
    Ok(())
}

fn seq_of(c: &mut impl GenericClient) -> Result<i64> {
    Ok(meta_get(c, "customer_seq")?
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}

fn event(
    c: &mut impl GenericClient,
    kind: &str,
    actor: &str,
    run_id: Option<i64>,
    alert_id: Option<i64>,
    detail: &serde_json::Value,
) -> Result<()> {
    c.execute(
        "INSERT INTO events(time, kind, actor, run_id, alert_id, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &now(),
            &kind,
            &actor,
            &run_id,
            &alert_id,
            &detail.to_string(),
        ],
    )?;
    Ok(())
}

/// Alerts by id, in the order asked; a missing one is
/// [`MonitorError::NoAlert`].
fn load_alerts(c: &mut impl GenericClient, ids: &[i64]) -> Result<Vec<Alert>> {
    let mut by_id: HashMap<i64, Alert> = HashMap::with_capacity(ids.len());
    for slice in ids.chunks(SLICE) {
        let rows = c.query(
            "SELECT id, customer_id, customer_version, entity_id, list, score, status, reason,
                    snapshot, created, explanation FROM alerts WHERE id = ANY($1)",
            &[&slice],
        )?;
        for r in rows {
            let id: i64 = r.try_get(0)?;
            let status: String = r.try_get(6)?;
            let explanation: String = r.try_get(10)?;
            by_id.insert(
                id,
                Alert {
                    id,
                    customer_id: r.try_get(1)?,
                    customer_version: r.try_get(2)?,
                    entity_id: r.try_get(3)?,
                    list: r.try_get(4)?,
                    score: r.try_get(5)?,
                    status: status_of(&status)?,
                    reason: r.try_get(7)?,
                    snapshot: r.try_get(8)?,
                    created: r.try_get(9)?,
                    explanation: serde_json::from_str(&explanation)
                        .map_err(corrupt("alert explanation"))?,
                    decisions: Vec::new(),
                },
            );
        }
        let rows = c.query(
            "SELECT alert_id, decision, reviewer, reason, time, round, outcome FROM decisions
             WHERE alert_id = ANY($1) ORDER BY id",
            &[&slice],
        )?;
        for r in rows {
            let id: i64 = r.try_get(0)?;
            let d: String = r.try_get(1)?;
            let o: String = r.try_get(6)?;
            let rec = decision_of(
                &d,
                r.try_get(2)?,
                r.try_get(3)?,
                r.try_get(4)?,
                r.try_get(5)?,
                &o,
            )?;
            if let Some(a) = by_id.get_mut(&id) {
                a.decisions.push(rec);
            }
        }
    }
    ids.iter()
        .map(|id| by_id.get(id).cloned().ok_or(MonitorError::NoAlert(*id)))
        .collect()
}

fn version_record(
    c: &mut impl GenericClient,
    id: &str,
    version: i64,
) -> Result<Option<CustomerRecord>> {
    let row = c.query_opt(
        "SELECT record FROM customer_versions WHERE customer_id = $1 AND version = $2",
        &[&id, &version],
    )?;
    row.map(|r| parse_record(r.try_get(0)?)).transpose()
}

fn customer_of(r: &postgres::Row) -> Result<Customer> {
    Ok(Customer {
        id: r.try_get(0)?,
        version: r.try_get(1)?,
        record: parse_record(r.try_get(2)?)?,
    })
}

/// Re-open reasons read from the transaction a run commits in.
struct TxHistory<'a, 'b>(&'a mut Transaction<'b>);

impl History for TxHistory<'_, '_> {
    fn version(&mut self, customer_id: &str, version: i64) -> Result<Option<CustomerRecord>> {
        version_record(self.0, customer_id, version)
    }

    fn print(&mut self, entity_id: &str, fp: &str) -> Result<Option<Entity>> {
        let row = self.0.query_opt(
            "SELECT data FROM entity_prints WHERE entity_id = $1 AND fp = $2",
            &[&entity_id, &fp],
        )?;
        row.map(|r| parse_print(r.try_get(0)?)).transpose()
    }
}

/// An alert update a run writes.
struct Update {
    id: i64,
    hit: usize,
    status: &'static str,
    round: i64,
    reason: String,
}

impl MonitorStore for PgStore {
    fn begin_import(&mut self, file: &str, replace: bool) -> Result<i64> {
        let mut c = self.db()?;
        let mut tx = write_tx(&mut c)?;
        let id: i64 = tx
            .query_one(
                "INSERT INTO imports(file, replace, started) VALUES ($1, $2, $3) RETURNING id",
                &[&file, &i64::from(replace), &now()],
            )?
            .try_get(0)?;
        tx.commit()?;
        Ok(id)
    }

    fn upsert_customers(
        &mut self,
        import_id: i64,
        batch: &[(String, CustomerRecord)],
    ) -> Result<ImportStats> {
        let mut c = self.db()?;
        let mut tx = write_tx(&mut c)?;
        let mut stats = ImportStats::default();
        let mut seq = seq_of(&mut tx)?;
        let time = now();
        let ids: Vec<&str> = batch.iter().map(|(id, _)| id.as_str()).collect();
        let keys: Vec<Keyed> = batch.par_iter().map(|(_, rec)| keyed(rec)).collect();
        // The stored rows, updated as the batch writes (an id may come
        // twice in one file).
        let mut cur: HashMap<String, (i64, String, String)> = HashMap::new();
        for r in tx.query(
            "SELECT id, version, status, record FROM customers WHERE id = ANY($1)",
            &[&ids],
        )? {
            cur.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?, r.try_get(3)?));
        }
        // The records whose search keys go, as stored before the batch.
        let stored: HashMap<String, String> = cur
            .iter()
            .map(|(id, (_, _, t))| (id.clone(), t.clone()))
            .collect();
        // Per id, the keys of its last write.
        let mut key_of: HashMap<&str, &Keyed> = HashMap::new();
        let mut seen: Vec<&str> = Vec::new();
        // Per id, the last write: (id, version, seq, record).
        let mut put: Vec<(&str, i64, i64, String)> = Vec::new();
        let mut put_at: HashMap<&str, usize> = HashMap::new();
        // Per (id, version), the last record.
        let mut hist: Vec<(&str, i64, String)> = Vec::new();
        let mut hist_at: HashMap<(&str, i64), usize> = HashMap::new();
        for ((id, rec), k) in batch.iter().zip(&keys) {
            let text = serde_json::to_string(rec).map_err(corrupt("customer record"))?;
            let old = cur.get(id).map(|(v, s, t)| (*v, s.as_str(), t.as_str()));
            match upsert_rule(old, rec) {
                Upsert::Unchanged => {
                    stats.unchanged += 1;
                    seen.push(id);
                }
                Upsert::Write { version, added } => {
                    if added {
                        stats.added += 1;
                    } else {
                        stats.changed += 1;
                    }
                    key_of.insert(id, k);
                    seq += 1;
                    let row = (id.as_str(), version, seq, text.clone());
                    match put_at.get(id.as_str()) {
                        Some(&i) => put[i] = row,
                        None => {
                            put_at.insert(id, put.len());
                            put.push(row);
                        }
                    }
                    match hist_at.get(&(id.as_str(), version)) {
                        Some(&i) => hist[i].2 = text.clone(),
                        None => {
                            hist_at.insert((id, version), hist.len());
                            hist.push((id, version, text.clone()));
                        }
                    }
                    cur.insert(id.clone(), (version, "active".into(), text));
                }
            }
        }
        if !put.is_empty() {
            let (ids, versions, seqs, records) = unzip4(&put);
            tx.execute(
                "INSERT INTO customers(id, version, seq, status, record, last_import, updated)
                 SELECT u.id, u.version, u.seq, 'active', u.record, $5, $6
                 FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[])
                   AS u(id, version, seq, record)
                 ON CONFLICT (id) DO UPDATE SET version = excluded.version, seq = excluded.seq,
                   status = 'active', record = excluded.record,
                   last_import = excluded.last_import, updated = excluded.updated",
                &[&ids, &versions, &seqs, &records, &import_id, &time],
            )?;
            let ids: Vec<&str> = hist.iter().map(|h| h.0).collect();
            let versions: Vec<i64> = hist.iter().map(|h| h.1).collect();
            let records: Vec<&str> = hist.iter().map(|h| h.2.as_str()).collect();
            tx.execute(
                "INSERT INTO customer_versions(customer_id, version, record, created)
                 SELECT u.id, u.version, u.record, $4
                 FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(id, version, record)
                 ON CONFLICT (customer_id, version)
                   DO UPDATE SET record = excluded.record, created = excluded.created",
                &[&ids, &versions, &records, &time],
            )?;
        }
        if !seen.is_empty() {
            tx.execute(
                "UPDATE customers SET last_import = $1 WHERE id = ANY($2)",
                &[&import_id, &seen],
            )?;
        }
        // Search keys: the stored version's go, the last write's come.
        let written: Vec<&str> = put.iter().map(|p| p.0).collect();
        let (mut gone_ids, mut gone) = (Vec::new(), Vec::new());
        for id in &written {
            if let Some(o) = stored.get(*id).and_then(|t| parse_record(t).ok()) {
                gone_ids.push(*id);
                gone.push(o);
            }
        }
        drop_keys(&mut tx, &gone_ids, &gone)?;
        let new_keys: Vec<&Keyed> = written
            .iter()
            .filter_map(|id| key_of.get(id).copied())
            .collect();
        put_keys(&mut tx, &written, &new_keys)?;
        meta_set(&mut tx, "customer_seq", &seq.to_string())?;
        tx.commit()?;
        Ok(stats)
    }

    fn mark_seen(&mut self, import_id: i64, ids: &[String]) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut c = self.db()?;
        let mut tx = write_tx(&mut c)?;
        tx.execute(
            "UPDATE customers SET last_import = $1 WHERE id = ANY($2)",
            &[&import_id, &ids],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn finish_import(&mut self, import_id: i64, replace: bool, stats: &ImportStats) -> Result<u64> {
        let mut c = self.db()?;
        let mut tx = write_tx(&mut c)?;
        let mut removed = 0u64;
        if replace {
            let seq = seq_of(&mut tx)?;
            // Each removed customer takes the next value of the change
            // counter, in id order.
            removed = tx.execute(
                "WITH gone AS (
                   SELECT id, row_number() OVER (ORDER BY id) AS n FROM customers
                   WHERE status = 'active' AND last_import <> $1)
                 UPDATE customers c SET status = 'removed', seq = $2 + gone.n, updated = $3
                 FROM gone WHERE c.id = gone.id",
                &[&import_id, &seq, &now()],
            )?;
            meta_set(&mut tx, "customer_seq", &(seq + removed as i64).to_string())?;
        }
        let mut counts = stats.clone();
        counts.removed = removed;
        let detail = serde_json::to_value(&counts).map_err(corrupt("import counts"))?;
        let file: String = tx
            .query_one(
                "UPDATE imports SET finished = $2, counts = $3 WHERE id = $1 RETURNING file",
                &[&import_id, &now(), &detail.to_string()],
            )?
            .try_get(0)?;
        event(
            &mut tx,
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
        let row = self.db()?.query_opt(
            "SELECT id, version, record FROM customers WHERE id = $1 AND status = 'active'",
            &[&id],
        )?;
        row.as_ref().map(customer_of).transpose()
    }

    fn customer_version(&self, id: &str, version: i64) -> Result<Option<CustomerRecord>> {
        version_record(&mut *self.db()?, id, version)
    }

    fn customer_seq(&self) -> Result<i64> {
        seq_of(&mut *self.db()?)
    }

    fn customers_changed(&self, after: i64, upto: i64) -> Result<Vec<Customer>> {
        let rows = self.db()?.query(
            "SELECT id, version, record FROM customers
             WHERE seq > $1 AND seq <= $2 AND status = 'active' ORDER BY seq",
            &[&after, &upto],
        )?;
        rows.iter().map(customer_of).collect()
    }

    fn for_each_customer(&self, f: &mut dyn FnMut(Customer) -> Result<()>) -> Result<()> {
        let mut c = self.db()?;
        // One consistent view of the register, fetched a slice at a time.
        let mut tx = c
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let portal = tx.bind(
            "SELECT id, version, record FROM customers WHERE status = 'active'",
            &[],
        )?;
        loop {
            let rows = tx.query_portal(&portal, FETCH)?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                f(customer_of(r)?)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn customer_count(&self) -> Result<u64> {
        let n: i64 = self
            .db()?
            .query_one(
                "SELECT count(*) FROM customers WHERE status = 'active'",
                &[],
            )?
            .try_get(0)?;
        Ok(n.max(0) as u64)
    }

    fn words_with_fuzzy_keys(&self, keys: &[i64]) -> Result<Vec<String>> {
        let mut out: Vec<String> = self
            .db()?
            .query(
                "SELECT DISTINCT word FROM word_keys WHERE key = ANY($1)",
                &[&keys],
            )?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        out.sort_unstable();
        Ok(out)
    }

    fn words_starting_with(&self, prefix: &str) -> Result<Vec<String>> {
        // Bytewise order (the column's collation): the range stops before
        // the first word that does not begin with the prefix.
        let rows = self.db()?.query(
            "SELECT word FROM register_words WHERE word > $1 AND word < $1 || chr(1114111)
             ORDER BY word",
            &[&prefix],
        )?;
        let mut out = Vec::new();
        for r in &rows {
            let w: String = r.try_get(0)?;
            if w.starts_with(prefix) {
                out.push(w);
            }
        }
        Ok(out)
    }

    fn customers_with_keys(&self, keys: &[String]) -> Result<Vec<String>> {
        let rows = self.db()?.query(
            "SELECT c.customer_id FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n)
             JOIN customer_keys c ON c.key = k.key
             ORDER BY k.n, c.customer_id COLLATE \"C\"",
            &[&keys],
        )?;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for r in &rows {
            let id: String = r.try_get(0)?;
            if seen.insert(id.clone()) {
                out.push(id);
            }
        }
        Ok(out)
    }

    fn customers_by_id(&self, ids: &[String]) -> Result<Vec<Customer>> {
        let mut found: HashMap<String, Customer> = HashMap::new();
        let mut c = self.db()?;
        for slice in ids.chunks(SLICE) {
            for r in &c.query(
                "SELECT id, version, record FROM customers
                 WHERE id = ANY($1) AND status = 'active'",
                &[&slice],
            )? {
                let cu = customer_of(r)?;
                found.insert(cu.id.clone(), cu);
            }
        }
        Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
    }

    fn four_eyes(&self) -> Result<bool> {
        Ok(meta_get(&mut *self.db()?, "four_eyes")?.as_deref() != Some("off"))
    }

    fn set_four_eyes(&mut self, on: bool, by: &str) -> Result<()> {
        let mut c = self.db()?;
        let mut tx = write_tx(&mut c)?;
        meta_set(&mut tx, "four_eyes", if on { "on" } else { "off" })?;
        event(
            &mut tx,
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
        let row = self.db()?.query_opt(
            "SELECT id, snapshot, matcher, threshold, customer_seq, lists FROM runs
             WHERE status = 'completed' ORDER BY id DESC LIMIT 1",
            &[],
        )?;
        row.map(|r| {
            let lists: String = r.try_get(5)?;
            Ok(RunRow {
                id: r.try_get(0)?,
                snapshot: r.try_get(1)?,
                matcher: r.try_get(2)?,
                threshold: r.try_get(3)?,
                customer_seq: r.try_get(4)?,
                lists: serde_json::from_str(&lists).map_err(corrupt("run lists"))?,
            })
        })
        .transpose()
    }

    fn claim_runs(&mut self) -> Result<()> {
        let mut c = self.db()?;
        let mut tx = c.transaction()?;
        // Another replica's run takes as long as it takes: wait for it
        // without the store's lock timeout. The lock outlives this
        // transaction (session level) and dies with the session.
        tx.batch_execute("SET LOCAL lock_timeout = 0")?;
        tx.execute("SELECT pg_advisory_lock($1)", &[&RUN_LOCK])?;
        tx.commit()?;
        Ok(())
    }

    fn release_runs(&mut self) -> Result<()> {
        self.db()?
            .execute("SELECT pg_advisory_unlock($1)", &[&RUN_LOCK])?;
        Ok(())
    }

    fn begin_run(&mut self, s: &RunStart) -> Result<i64> {
        let mut c = self.db()?;
        let mut tx = write_tx(&mut c)?;
        let stale = tx.execute(
            "UPDATE runs SET status = 'abandoned', finished = $1 WHERE status = 'running'",
            &[&now()],
        )?;
        if stale > 0 {
            event(
                &mut tx,
                "run_abandoned",
                "",
                None,
                None,
                &serde_json::json!({"runs": stale}),
            )?;
        }
        let lists = serde_json::to_string(&s.lists).map_err(corrupt("run lists"))?;
        let id: i64 = tx
            .query_one(
                "INSERT INTO runs(started, status, mode, snapshot, previous_snapshot, matcher,
                    threshold, lists, customer_seq)
                 VALUES ($1, 'running', $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                &[
                    &now(),
                    &s.mode.as_str(),
                    &s.snapshot,
                    &s.previous_snapshot,
                    &s.matcher,
                    &s.threshold,
                    &lists,
                    &s.customer_seq,
                ],
            )?
            .try_get(0)?;
        tx.commit()?;
        Ok(id)
    }

    fn list_state(&self) -> Result<HashMap<String, (String, String)>> {
        let rows = self
            .db()?
            .query("SELECT entity_id, list, fp FROM list_state", &[])?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?))))
            .collect()
    }

    fn prints(&self, keys: &[(String, String)]) -> Result<Vec<Entity>> {
        let mut c = self.db()?;
        let mut found: HashMap<(String, String), String> = HashMap::new();
        for slice in keys.chunks(SLICE) {
            let ids: Vec<&str> = slice.iter().map(|k| k.0.as_str()).collect();
            let fps: Vec<&str> = slice.iter().map(|k| k.1.as_str()).collect();
            for r in c.query(
                "SELECT p.entity_id, p.fp, p.data FROM entity_prints p
                 JOIN unnest($1::text[], $2::text[]) AS k(id, fp)
                   ON p.entity_id = k.id AND p.fp = k.fp",
                &[&ids, &fps],
            )? {
                found.insert((r.try_get(0)?, r.try_get(1)?), r.try_get(2)?);
            }
        }
        keys.iter()
            .filter_map(|k| found.get(k))
            .map(|t| parse_print(t))
            .collect()
    }

    fn commit_run(&mut self, c: RunCommit) -> Result<RunAlerts> {
        let mut client = self.db()?;
        let mut tx = write_tx(&mut client)?;
        let status: Option<String> = tx
            .query_opt("SELECT status FROM runs WHERE id = $1", &[&c.run_id])?
            .map(|r| r.try_get(0))
            .transpose()?;
        if status.as_deref() != Some("running") {
            return Err(MonitorError::Refused(format!(
                "run {} was taken over by a later run (status {}): nothing written",
                c.run_id,
                status.unwrap_or_else(|| "missing".into())
            )));
        }
        let time = now();

        // The list state.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, p) in c.prints.iter().enumerate() {
            last.insert(p.entity_id.as_str(), i);
        }
        let prints: Vec<&StoredPrint> = c
            .prints
            .iter()
            .enumerate()
            .filter(|(i, p)| last.get(p.entity_id.as_str()) == Some(i))
            .map(|(_, p)| p)
            .collect();
        for slice in prints.chunks(SLICE) {
            let ids: Vec<&str> = slice.iter().map(|p| p.entity_id.as_str()).collect();
            let fps: Vec<&str> = slice.iter().map(|p| p.fp.as_str()).collect();
            let data: Vec<&str> = slice.iter().map(|p| p.data.as_str()).collect();
            let lists: Vec<&str> = slice.iter().map(|p| p.list.as_str()).collect();
            tx.execute(
                "INSERT INTO entity_prints(entity_id, fp, data)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
                 ON CONFLICT DO NOTHING",
                &[&ids, &fps, &data],
            )?;
            tx.execute(
                "INSERT INTO list_state(entity_id, list, fp, run_id)
                 SELECT u.id, u.list, u.fp, $4 FROM unnest($1::text[], $2::text[], $3::text[])
                   AS u(id, list, fp)
                 ON CONFLICT (entity_id) DO UPDATE SET list = excluded.list, fp = excluded.fp,
                   run_id = excluded.run_id",
                &[&ids, &lists, &fps, &c.run_id],
            )?;
        }

        // The alerts the matches already have (the first match of a pair
        // counts, as it would when merged one at a time).
        let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, h) in c.hits.iter().enumerate() {
            pairs
                .entry((h.customer_id.as_str(), h.entity_id.as_str()))
                .or_insert(i);
        }
        let hits: Vec<usize> = {
            let mut v: Vec<usize> = pairs.values().copied().collect();
            v.sort_unstable();
            v
        };
        let mut existing: HashMap<(String, String), AlertState> = HashMap::new();
        for slice in hits.chunks(SLICE) {
            let cs: Vec<&str> = slice
                .iter()
                .map(|&i| c.hits[i].customer_id.as_str())
                .collect();
            let es: Vec<&str> = slice
                .iter()
                .map(|&i| c.hits[i].entity_id.as_str())
                .collect();
            for r in tx.query(
                "SELECT a.id, a.customer_id, a.entity_id, a.status, a.customer_version,
                        a.entity_fp, a.round
                 FROM alerts a JOIN unnest($1::text[], $2::text[]) AS k(c, e)
                   ON a.customer_id = k.c AND a.entity_id = k.e",
                &[&cs, &es],
            )? {
                let status: String = r.try_get(3)?;
                existing.insert(
                    (r.try_get(1)?, r.try_get(2)?),
                    AlertState {
                        id: r.try_get(0)?,
                        status: status_of(&status)?,
                        customer_version: r.try_get(4)?,
                        entity_fp: r.try_get(5)?,
                        round: r.try_get(6)?,
                    },
                );
            }
        }
        let mut out = RunAlerts::default();
        let mut inserts: Vec<usize> = Vec::new();
        let mut updates: Vec<Update> = Vec::new();
        let mut reopened_ids = Vec::new();
        for &i in &hits {
            let h = &c.hits[i];
            let key = (h.customer_id.clone(), h.entity_id.clone());
            let Some(a) = existing.get(&key) else {
                inserts.push(i);
                continue;
            };
            match merge(a, h, &mut TxHistory(&mut tx))? {
                Merge::Keep { remembered } => out.remembered += u64::from(remembered),
                Merge::Update {
                    status,
                    round,
                    reason,
                    reopened,
                } => {
                    if reopened {
                        reopened_ids.push(a.id);
                    }
                    updates.push(Update {
                        id: a.id,
                        hit: i,
                        status: status.as_str(),
                        round,
                        reason,
                    });
                }
            }
        }
        let mut new_at: HashMap<(String, String), i64> = HashMap::new();
        for slice in inserts.chunks(SLICE) {
            let hs: Vec<&Hit> = slice.iter().map(|&i| &c.hits[i]).collect();
            let cs: Vec<&str> = hs.iter().map(|h| h.customer_id.as_str()).collect();
            let cvs: Vec<i64> = hs.iter().map(|h| h.customer_version).collect();
            let es: Vec<&str> = hs.iter().map(|h| h.entity_id.as_str()).collect();
            let fps: Vec<&str> = hs.iter().map(|h| h.entity_fp.as_str()).collect();
            let ls: Vec<&str> = hs.iter().map(|h| h.list.as_str()).collect();
            let scores: Vec<f64> = hs.iter().map(|h| h.score).collect();
            let whys: Vec<&str> = hs.iter().map(|h| h.why.as_str()).collect();
            let xs: Vec<String> = hs.iter().map(|h| h.explanation.to_string()).collect();
            let params: [&(dyn ToSql + Sync); 12] = [
                &cs,
                &cvs,
                &es,
                &fps,
                &ls,
                &scores,
                &whys,
                &xs,
                &c.snapshot,
                &time,
                &c.run_id,
                &1i64,
            ];
            for r in tx.query(
                "INSERT INTO alerts(customer_id, customer_version, entity_id, entity_fp, list,
                    score, status, reason, snapshot, created, updated, run_id, round, explanation)
                 SELECT u.c, u.cv, u.e, u.fp, u.l, u.s, 'open', u.why, $9, $10, $10, $11, $12, u.x
                 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[],
                             $6::float8[], $7::text[], $8::text[])
                   WITH ORDINALITY AS u(c, cv, e, fp, l, s, why, x, n)
                 ORDER BY u.n
                 RETURNING id, customer_id, entity_id",
                &params,
            )? {
                new_at.insert((r.try_get(1)?, r.try_get(2)?), r.try_get(0)?);
            }
        }
        let new_ids: Vec<i64> = inserts
            .iter()
            .filter_map(|&i| {
                let h = &c.hits[i];
                new_at
                    .get(&(h.customer_id.clone(), h.entity_id.clone()))
                    .copied()
            })
            .collect();
        for slice in updates.chunks(SLICE) {
            let ids: Vec<i64> = slice.iter().map(|u| u.id).collect();
            let cvs: Vec<i64> = slice
                .iter()
                .map(|u| c.hits[u.hit].customer_version)
                .collect();
            let fps: Vec<&str> = slice
                .iter()
                .map(|u| c.hits[u.hit].entity_fp.as_str())
                .collect();
            let scores: Vec<f64> = slice.iter().map(|u| c.hits[u.hit].score).collect();
            let sts: Vec<&str> = slice.iter().map(|u| u.status).collect();
            let reasons: Vec<&str> = slice.iter().map(|u| u.reason.as_str()).collect();
            let rounds: Vec<i64> = slice.iter().map(|u| u.round).collect();
            let xs: Vec<String> = slice
                .iter()
                .map(|u| c.hits[u.hit].explanation.to_string())
                .collect();
            let params: [&(dyn ToSql + Sync); 11] = [
                &ids,
                &cvs,
                &fps,
                &scores,
                &sts,
                &reasons,
                &rounds,
                &xs,
                &c.snapshot,
                &time,
                &c.run_id,
            ];
            tx.execute(
                "UPDATE alerts a SET customer_version = u.cv, entity_fp = u.fp, score = u.s,
                    status = u.st, reason = u.r, snapshot = $9, updated = $10, run_id = $11,
                    round = u.round, pending_decision = NULL, pending_by = NULL,
                    explanation = u.x
                 FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::float8[], $5::text[],
                             $6::text[], $7::bigint[], $8::text[])
                   AS u(id, cv, fp, s, st, r, round, x)
                 WHERE a.id = u.id",
                &params,
            )?;
        }

        // Entities gone from their lists: their open alerts are delisted.
        let mut delisted_ids = Vec::new();
        for slice in c.removed.chunks(SLICE) {
            let mut ids = Vec::new();
            let mut reasons = Vec::new();
            for r in tx.query(
                &format!(
                    "SELECT a.id, COALESCE(ls.list, '') FROM alerts a
                     LEFT JOIN list_state ls ON ls.entity_id = a.entity_id
                     WHERE a.entity_id = ANY($1) AND a.status IN {ALERT_OPEN}
                     ORDER BY array_position($1, a.entity_id), a.id"
                ),
                &[&slice],
            )? {
                let list: String = r.try_get(1)?;
                ids.push(r.try_get::<_, i64>(0)?);
                reasons.push(delisted_reason(&list, &c.snapshot));
            }
            tx.execute(
                "UPDATE alerts a SET status = 'delisted', reason = u.r, updated = $3,
                    run_id = $4, pending_decision = NULL, pending_by = NULL
                 FROM unnest($1::bigint[], $2::text[]) AS u(id, r) WHERE a.id = u.id",
                &[&ids, &reasons, &time, &c.run_id],
            )?;
            tx.execute(
                "DELETE FROM list_state WHERE entity_id = ANY($1)",
                &[&slice],
            )?;
            delisted_ids.extend(ids);
        }
        tx.execute(
            "UPDATE runs SET status = 'completed', finished = $2, customers_screened = $3,
                list_entities_screened = $4, seconds = $5 WHERE id = $1",
            &[
                &c.run_id,
                &time,
                &(c.customers_screened as i64),
                &(c.list_entities_screened as i64),
                &c.seconds,
            ],
        )?;
        event(
            &mut tx,
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
        out.new = load_alerts(&mut tx, &new_ids)?;
        out.reopened = load_alerts(&mut tx, &reopened_ids)?;
        out.delisted = load_alerts(&mut tx, &delisted_ids)?;
        crate::pause::point("run-commit");
        tx.commit()?;
        Ok(out)
    }

    fn alerts(&self, f: &AlertFilter) -> Result<Vec<Alert>> {
        let mut sql = "SELECT id FROM alerts WHERE TRUE".to_string();
        let mut args: Vec<String> = Vec::new();
        for (col, v) in [
            ("status", f.status.map(|s| s.as_str().to_string())),
            ("customer_id", f.customer_id.clone()),
            ("entity_id", f.entity_id.clone()),
        ] {
            if let Some(v) = v {
                args.push(v);
                sql.push_str(&format!(" AND {col} = ${}", args.len()));
            }
        }
        sql.push_str(" ORDER BY score DESC, id");
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {}", l.min(i64::MAX as u64)));
        }
        sql.push_str(&format!(" OFFSET {}", f.offset.min(i64::MAX as u64)));
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
        let mut c = self.db()?;
        let ids: Vec<i64> = c
            .query(&sql, &params)?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        load_alerts(&mut *c, &ids)
    }

    fn alert(&self, id: i64) -> Result<Alert> {
        let mut v = load_alerts(&mut *self.db()?, &[id])?;
        v.pop().ok_or(MonitorError::NoAlert(id))
    }

    fn decide(&mut self, id: i64, verdict: Verdict, by: &str, reason: &str) -> Result<Alert> {
        let mut c = self.db()?;
        let mut tx = write_tx(&mut c)?;
        let four_eyes = meta_get(&mut tx, "four_eyes")?.as_deref() != Some("off");
        let row = tx
            .query_opt(
                "SELECT status, round, pending_decision, pending_by FROM alerts WHERE id = $1",
                &[&id],
            )?
            .ok_or(MonitorError::NoAlert(id))?;
        let status: String = row.try_get(0)?;
        let round: i64 = row.try_get(1)?;
        let pd: Option<String> = row.try_get(2)?;
        let pb: Option<String> = row.try_get(3)?;
        let cur = Pending {
            status: status_of(&status)?,
            round,
            pending: match (pd.as_deref().and_then(Verdict::parse), pb) {
                (Some(v), Some(b)) => Some((v, b)),
                _ => None,
            },
        };
        check_reason(reason, by)?;
        let d = alert::decide(id, &cur, verdict, by, four_eyes)?;
        let time = now();
        tx.execute(
            "INSERT INTO decisions(alert_id, round, decision, reviewer, reason, time, outcome)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &id,
                &round,
                &verdict.as_str(),
                &by.trim(),
                &reason,
                &time,
                &d.status.as_str(),
            ],
        )?;
        tx.execute(
            "UPDATE alerts SET status = $2, pending_decision = $3, pending_by = $4, updated = $5
             WHERE id = $1",
            &[
                &id,
                &d.status.as_str(),
                &d.pending.as_ref().map(|p| p.0.as_str()),
                &d.pending.as_ref().map(|p| p.1.as_str()),
                &time,
            ],
        )?;
        event(
            &mut tx,
            "decision",
            by.trim(),
            None,
            Some(id),
            &serde_json::json!({"decision": verdict.as_str(), "reason": reason,
                "outcome": d.status.as_str(), "four_eyes": four_eyes, "round": round}),
        )?;
        let mut a = load_alerts(&mut tx, &[id])?;
        tx.commit()?;
        a.pop().ok_or(MonitorError::NoAlert(id))
    }
}

/// The columns of the rows an import chunk writes.
#[allow(clippy::type_complexity)]
fn unzip4<'a>(
    rows: &'a [(&'a str, i64, i64, String)],
) -> (Vec<&'a str>, Vec<i64>, Vec<i64>, Vec<&'a str>) {
    (
        rows.iter().map(|r| r.0).collect(),
        rows.iter().map(|r| r.1).collect(),
        rows.iter().map(|r| r.2).collect(),
        rows.iter().map(|r| r.3.as_str()).collect(),
    )
}
