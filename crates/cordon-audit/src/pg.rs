//! The PostgreSQL store (cargo feature `postgres`), chosen by a
//! `postgres://` target. The synchronous `postgres` client runs on the
//! writer thread like SQLite does; `query` and `results` are `jsonb`, so
//! they can be searched in SQL, and `time` keeps the same fixed-width
//! RFC 3339 text as SQLite, so filters behave identically.
//! Schema version lives in table `audit_schema`.

use crate::backend::{row_to_record, where_clause, Backend, Row, Store};
use crate::error::{AuditError, Result};
use crate::record::{AuditFilter, AuditRecord};
use postgres::types::ToSql;
use postgres::{Client, NoTls};

const SCHEMA_VERSION: i32 = 1;

/// The transaction-scoped advisory lock a connection takes before it looks
/// at or migrates the schema (any fixed number; the bytes spell
/// "cordonau"). Several writers share one database — the replicas of
/// `cordon serve` behind a load balancer — and may open it at the same
/// moment: without the lock two of them would both `CREATE TABLE` on an
/// empty database, and the second fails with a duplicate-key error from
/// PostgreSQL's catalog instead of waiting for the first.
const SCHEMA_LOCK: i64 = 0x636f_7264_6f6e_6175;

const MIGRATIONS: &[&str] = &[
    // 0 → 1
    "CREATE TABLE audit_record (
        id BIGSERIAL PRIMARY KEY,
        time TEXT NOT NULL,
        source TEXT NOT NULL,
        caller TEXT NOT NULL,
        request_id TEXT NOT NULL,
        query JSONB NOT NULL,
        snapshot TEXT NOT NULL,
        decision TEXT NOT NULL,
        results JSONB NOT NULL
    );
    CREATE INDEX audit_record_time ON audit_record(time);
    CREATE INDEX audit_record_caller ON audit_record(caller, time);
    CREATE TABLE audit_entity (
        entity_id TEXT NOT NULL,
        record_id BIGINT NOT NULL REFERENCES audit_record(id),
        PRIMARY KEY (entity_id, record_id)
    );",
];

fn connect(url: &str, write: bool) -> Result<Client> {
    let mut c = Client::connect(url, NoTls)?;
    let mut tx = c.transaction()?;
    // One migrator at a time, taken before anything is created (a lock
    // on the table itself cannot guard the table's creation).
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS audit_schema (version INTEGER NOT NULL)")?;
    let version: i32 = match tx.query_opt("SELECT version FROM audit_schema", &[])? {
        Some(r) => r.get(0),
        None => 0,
    };
    if version > SCHEMA_VERSION {
        return Err(AuditError::Schema {
            target: crate::target::AuditTarget::Postgres(url.to_string()).to_string(),
            found: version.into(),
            known: SCHEMA_VERSION.into(),
        });
    }
    if write && version < SCHEMA_VERSION {
        for sql in MIGRATIONS.iter().skip(version.max(0) as usize) {
            tx.batch_execute(sql)?;
        }
        tx.execute("DELETE FROM audit_schema", &[])?;
        tx.execute(
            "INSERT INTO audit_schema (version) VALUES ($1)",
            &[&SCHEMA_VERSION],
        )?;
    }
    tx.commit()?;
    Ok(c)
}

pub(crate) struct PgWriter {
    client: Client,
}

impl PgWriter {
    pub(crate) fn open(url: &str) -> Result<PgWriter> {
        Ok(PgWriter {
            client: connect(url, true)?,
        })
    }
}

impl Backend for PgWriter {
    /// One transaction: the records' ids drawn from the table's sequence
    /// in one statement, then both tables filled with `COPY ... FROM
    /// STDIN` (text format) instead of a round trip per row.
    fn write(&mut self, recs: &[AuditRecord]) -> Result<()> {
        if recs.is_empty() {
            return Ok(());
        }
        let mut tx = self.client.transaction()?;
        let n = i64::try_from(recs.len()).unwrap_or(i64::MAX);
        let mut ids: Vec<i64> = tx
            .query(
                "SELECT nextval(pg_get_serial_sequence('audit_record', 'id')) FROM generate_series(1, $1::bigint)",
                &[&n],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        // Queue order is id order (the reader sorts by time, then id).
        ids.sort_unstable();
        let (records, entities) = copy_rows(recs, &ids)?;
        copy_in(
            &mut tx,
            "COPY audit_record (id, time, source, caller, request_id, query, snapshot, decision, results) FROM STDIN",
            &records,
        )?;
        if !entities.is_empty() {
            copy_in(
                &mut tx,
                "COPY audit_entity (entity_id, record_id) FROM STDIN",
                &entities,
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn copy_in(tx: &mut postgres::Transaction<'_>, sql: &str, data: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut w = tx.copy_in(sql)?;
    w.write_all(data)?;
    w.finish()?;
    Ok(())
}

/// The COPY text of `recs` with their `ids`: the `audit_record` rows and
/// the `audit_entity` rows (each candidate entity once per record).
fn copy_rows(recs: &[AuditRecord], ids: &[i64]) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut records = Vec::with_capacity(recs.len() * 512);
    let mut entities = Vec::with_capacity(recs.len() * 64);
    let mut seen: Vec<&str> = Vec::new();
    for (r, id) in recs.iter().zip(ids) {
        let id = id.to_string();
        let fields = [
            id.as_str(),
            &r.time,
            &r.source,
            &r.caller,
            &r.request_id,
            &serde_json::to_string(&r.query)?,
            &r.snapshot,
            r.decision.as_str(),
            &serde_json::to_string(&r.results)?,
        ];
        copy_line(&mut records, &fields);
        seen.clear();
        for res in &r.results {
            if !seen.contains(&res.entity_id.as_str()) {
                seen.push(&res.entity_id);
                copy_line(&mut entities, &[&res.entity_id, &id]);
            }
        }
    }
    Ok((records, entities))
}

/// One row of COPY's text format: fields separated by tabs, with
/// backslash, tab, newline and carriage return escaped.
fn copy_line(out: &mut Vec<u8>, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        for b in f.bytes() {
            match b {
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\t' => out.extend_from_slice(b"\\t"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                _ => out.push(b),
            }
        }
    }
    out.push(b'\n');
}

pub(crate) struct PgReader {
    client: Client,
    has_schema: bool,
}

impl PgReader {
    pub(crate) fn open(url: &str) -> Result<PgReader> {
        let mut client = connect(url, false)?;
        let has_schema = client
            .query_opt("SELECT version FROM audit_schema", &[])?
            .is_some();
        Ok(PgReader { client, has_schema })
    }
}

impl Store for PgReader {
    fn count(&mut self, f: &AuditFilter) -> Result<u64> {
        if !self.has_schema {
            return Ok(0);
        }
        let (w, args) = where_clause(f, |n| format!("${n}"));
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
        let n: i64 = self
            .client
            .query_one(&format!("SELECT count(*) FROM audit_record{w}"), &params)?
            .get(0);
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
        let (w, args) = where_clause(f, |n| format!("${n}"));
        let limit = f
            .limit
            .map(|l| format!(" LIMIT {}", l.min(i64::MAX as u64)))
            .unwrap_or_default();
        let mut params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
        let sql = format!(
            "SELECT id, time, source, caller, request_id, query::text, snapshot, decision, results::text
             FROM audit_record{w} ORDER BY time, id{limit}"
        );
        params.truncate(args.len());
        let mut rows = self.client.query_raw(&sql, params)?;
        use postgres::fallible_iterator::FallibleIterator;
        while let Some(r) = rows.next()? {
            let row = Row {
                id: r.try_get(0)?,
                time: r.try_get(1)?,
                source: r.try_get(2)?,
                caller: r.try_get(3)?,
                request_id: r.try_get(4)?,
                query: r.try_get(5)?,
                snapshot: r.try_get(6)?,
                decision: r.try_get(7)?,
                results: r.try_get(8)?,
            };
            each(row_to_record(row)?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_would_split_a_row() {
        let mut out = Vec::new();
        copy_line(&mut out, &["a\tb", "c\\d\ne\rf", ""]);
        assert_eq!(out, b"a\\tb\tc\\\\d\\ne\\rf\t\n".to_vec());
    }
}
