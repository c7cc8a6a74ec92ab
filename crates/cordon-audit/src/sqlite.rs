//! The SQLite store (the default).
//!
//! WAL journal with `synchronous=FULL`: a transaction is on disk when its
//! COMMIT returns, so it survives `kill -9` and power loss; readers (such
//! as `cordon audit`) see committed records while a writer runs.
//!
//! Schema (version 1, in `PRAGMA user_version`):
//! - `audit_record(id, time, source, caller, request_id, query, snapshot,
//!   decision, results)`: `query` and `results` hold JSON text;
//! - `audit_entity(entity_id, record_id)`: every candidate entity of a
//!   record, for look-ups by entity.
//!
//! Indexes: time; caller and time; entity id.

use crate::backend::{row_to_record, where_clause, Backend, Row, Store};
use crate::error::{AuditError, Result};
use crate::record::{AuditFilter, AuditRecord};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OpenFlags};
use std::path::Path;

/// The writer's page cache, in KiB (SQLite's negative `cache_size`): 64
/// MiB instead of SQLite's 2 MiB. Each transaction adds a row to the
/// right-hand edge of the time and caller indexes and one row per
/// candidate to `audit_entity`, whose key starts with the entity id: the
/// pages touched are spread over the whole of that index. With 2 MiB the
/// writer re-read those pages from the file and spilled dirty ones in the
/// middle of a transaction, which was most of its time at 10,000 records
/// a second; 64 MiB holds one index page per entity of a list of 15,000
/// entities (the SDN) with room to spare. Used only as pages are touched.
const WRITER_CACHE_KIB: i64 = -64 * 1024;

/// WAL pages between automatic checkpoints (SQLite's default: 1,000, about
/// 4 MB): a checkpoint every 10,000 pages (about 40 MB) writes each hot
/// index page back to the database once for many transactions. After a
/// checkpoint the WAL is written again from its start, so its file stays
/// about that size.
const WRITER_CHECKPOINT_PAGES: i64 = 10_000;

/// The schema version this code writes and reads.
pub(crate) const SCHEMA_VERSION: i64 = 1;

const MIGRATIONS: &[&str] = &[
    // 0 → 1
    "CREATE TABLE audit_record (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        source TEXT NOT NULL,
        caller TEXT NOT NULL,
        request_id TEXT NOT NULL,
        query TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        decision TEXT NOT NULL,
        results TEXT NOT NULL
    );
    CREATE INDEX audit_record_time ON audit_record(time);
    CREATE INDEX audit_record_caller ON audit_record(caller, time);
    CREATE TABLE audit_entity (
        entity_id TEXT NOT NULL,
        record_id INTEGER NOT NULL REFERENCES audit_record(id),
        PRIMARY KEY (entity_id, record_id)
    ) WITHOUT ROWID;",
];

fn open_conn(path: &Path, create: bool) -> Result<Connection> {
    let shown = path.display().to_string();
    if !create && !path.is_file() {
        return Err(AuditError::Missing(shown));
    }
    if create {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let open = |flags| -> rusqlite::Result<Connection> {
        let c = Connection::open_with_flags(path, flags)?;
        c.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(c)
    };
    let conn = match open(flags) {
        Ok(c) => c,
        // A reader on a read-only copy still works.
        Err(_) if !create => {
            open(OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| AuditError::Open {
                path: shown.clone(),
                source,
            })?
        }
        Err(source) => {
            return Err(AuditError::Open {
                path: shown,
                source,
            })
        }
    };
    let setup = || -> rusqlite::Result<()> {
        if create {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "cache_size", WRITER_CACHE_KIB)?;
            conn.pragma_update(None, "wal_autocheckpoint", WRITER_CHECKPOINT_PAGES)?;
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    };
    setup().map_err(|source| AuditError::Open {
        path: shown.clone(),
        source,
    })?;
    migrate(&conn, &shown, create)?;
    Ok(conn)
}

/// Brings the schema to [`SCHEMA_VERSION`] (only when writing); refuses a
/// newer one.
fn migrate(conn: &Connection, shown: &str, write: bool) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(AuditError::Schema {
            target: shown.to_string(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version < SCHEMA_VERSION && write {
        // Under the write lock, read the version again: another process
        // may have migrated in between.
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let run = || -> Result<()> {
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
                conn.execute_batch(sql)?;
                conn.pragma_update(None, "user_version", i as i64 + 1)?;
            }
            Ok(())
        };
        match run() {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
    }
    Ok(())
}

pub(crate) struct SqliteWriter {
    conn: Connection,
}

impl SqliteWriter {
    pub(crate) fn open(path: &Path) -> Result<SqliteWriter> {
        Ok(SqliteWriter {
            conn: open_conn(path, true)?,
        })
    }
}

impl Backend for SqliteWriter {
    fn write(&mut self, recs: &[AuditRecord]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO audit_record (time, source, caller, request_id, query, snapshot, decision, results)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut ent = tx.prepare_cached(
                "INSERT OR IGNORE INTO audit_entity (entity_id, record_id) VALUES (?1, ?2)",
            )?;
            for r in recs {
                let id = ins.insert(params![
                    r.time,
                    r.source,
                    r.caller,
                    r.request_id,
                    serde_json::to_string(&r.query)?,
                    r.snapshot,
                    r.decision.as_str(),
                    serde_json::to_string(&r.results)?,
                ])?;
                for res in &r.results {
                    ent.execute(params![res.entity_id, id])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }
}

pub(crate) struct SqliteReader {
    conn: Connection,
    /// False for a database not yet written to (no tables).
    has_schema: bool,
}

impl SqliteReader {
    pub(crate) fn open(path: &Path) -> Result<SqliteReader> {
        let conn = open_conn(path, false)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok(SqliteReader {
            conn,
            has_schema: version >= 1,
        })
    }
}

fn where_sql(f: &AuditFilter) -> (String, Vec<SqlValue>) {
    let (w, args) = where_clause(f, |_| "?".to_string());
    (w, args.into_iter().map(SqlValue::Text).collect())
}

impl Store for SqliteReader {
    fn count(&mut self, f: &AuditFilter) -> Result<u64> {
        if !self.has_schema {
            return Ok(0);
        }
        let (w, args) = where_sql(f);
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM audit_record{w}"),
            params_from_iter(args),
            |r| r.get(0),
        )?;
        let n = u64::try_from(n).unwrap_or(0);
        Ok(f.limit.map_or(n, |l| n.min(l)))
    }

    fn for_each(
        &mut self,
        f: &AuditFilter,
        each: &mut dyn FnMut(AuditRecord) -> Result<()>,
    ) -> Result<()> {
        if !self.has_schema {
            return Ok(());
        }
        let (w, mut args) = where_sql(f);
        let limit = match f.limit {
            Some(l) => {
                args.push(SqlValue::Integer(i64::try_from(l).unwrap_or(i64::MAX)));
                " LIMIT ?"
            }
            None => "",
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, time, source, caller, request_id, query, snapshot, decision, results
             FROM audit_record{w} ORDER BY time, id{limit}"
        ))?;
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            let row = Row {
                id: r.get(0)?,
                time: r.get(1)?,
                source: r.get(2)?,
                caller: r.get(3)?,
                request_id: r.get(4)?,
                query: r.get(5)?,
                snapshot: r.get(6)?,
                decision: r.get(7)?,
                results: r.get(8)?,
            };
            each(row_to_record(row)?)?;
        }
        Ok(())
    }
}
