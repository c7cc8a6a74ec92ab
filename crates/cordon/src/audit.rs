//! The audit trail from the command line: where the database lives, how
//! `cordon batch` reports what it has committed, how `cordon screen` and
//! `cordon shipment` record their one screening before printing it, the
//! server's sink, and `cordon audit`, which queries and exports it.
//! Storage is `cordon-audit`.
//!
//! Every entry point that screens against the lists writes the trail:
//! `screen` (source `cli-screen`), `shipment` (`cli-shipment`), `batch`
//! (`batch`) and the server (`api`, `shipment`). `compare` is not a
//! screening (two names against each other, no list decision) and is not
//! recorded. In each, the answer is shown only after its record is
//! committed.

use crate::load::data_dir;
use crate::ListArgs;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use cordon_audit::{
    parse_time, AuditFilter, AuditLog, AuditOptions, AuditReader, AuditRecord, AuditResult,
    AuditSender, AuditTarget, Decision,
};
use cordon_engine::{Match, Query};
use cordon_server::audit::{AuditCommit, AuditSink, ScreeningEvent};
use serde_json::Value;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where screening decisions are recorded (global options).
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Audit database: an SQLite file or a `postgres://` URL. Default:
    /// `audit.sqlite` in the data folder when it is a snapshot store kept
    /// by `cordon update`, else in the platform data directory
    /// (e.g. ~/.local/share/cordon/audit.sqlite); never inside a folder of
    /// list files.
    #[arg(long, global = true, env = "CORDON_AUDIT", value_name = "PATH|URL")]
    pub audit: Option<String>,
    /// Do not record screenings. Regulators expect an audit trail of every
    /// decision: turn it off only for tests and experiments.
    #[arg(
        long,
        global = true,
        env = "CORDON_NO_AUDIT",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub no_audit: bool,
}

/// The audit database to write, or `None` with `--no-audit`.
pub fn target(lists: &ListArgs, args: &AuditArgs) -> Result<Option<AuditTarget>> {
    if args.no_audit {
        return Ok(None);
    }
    default_target(lists, args).map(Some)
}

/// `--audit`, else `audit.sqlite` in a snapshot store, else in the
/// platform data directory.
pub fn default_target(lists: &ListArgs, args: &AuditArgs) -> Result<AuditTarget> {
    if let Some(t) = &args.audit {
        return Ok(AuditTarget::parse(t));
    }
    if let Some(dir) = data_dir(lists).filter(|d| cordon_store::is_store(d)) {
        return Ok(AuditTarget::Sqlite(dir.join("audit.sqlite")));
    }
    // Not CORDON_DATA_DIR: that may be a (read-only) folder of list files.
    let dir = dirs::data_dir()
        .map(|d| d.join("cordon"))
        .context("no platform data directory: name the audit database with --audit PATH")?;
    Ok(AuditTarget::Sqlite(dir.join("audit.sqlite")))
}

/// The user running the command, the default caller of a batch.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// Opens the audit log of a command that prints its progress: after a
/// commit, at most every 200 ms, `cordon: audit: N records committed` on
/// stderr. N only ever counts committed records.
pub fn open_reporting(target: &AuditTarget) -> Result<AuditLog> {
    let last: Mutex<Option<Instant>> = Mutex::new(None);
    let report = move |n: u64| {
        if let Ok(mut last) = last.lock() {
            let due = match *last {
                Some(t) => t.elapsed() >= Duration::from_millis(200),
                None => true,
            };
            if due {
                *last = Some(Instant::now());
                eprintln!("cordon: audit: {n} records committed");
            }
        }
    };
    let opts = AuditOptions {
        on_commit: Some(Arc::new(report)),
        ..AuditOptions::default()
    };
    AuditLog::open(target, opts).with_context(|| format!("opening audit database {target}"))
}

/// The audit form of screening results.
pub fn results_of(matches: &[Match]) -> Vec<AuditResult> {
    matches
        .iter()
        .map(|m| AuditResult {
            entity_id: m.entity_id.clone(),
            caption: m.name.clone(),
            score: m.score,
            is_match: m.is_match,
        })
        .collect()
}

/// A query as the trail keeps it: only the fields it has.
pub fn query_json(q: &Query) -> Value {
    let mut v = serde_json::to_value(q).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.retain(|_, x| !(x.is_null() || x.as_array().is_some_and(Vec::is_empty)));
    }
    v
}

/// `<kind>-<start ms>-<pid>`: the id of one run of a command (`batch`
/// adds `:<record number>`; `cli` is the request id of a command's one
/// screening).
pub fn run_id(kind: &str) -> String {
    format!(
        "{kind}-{}-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0),
        std::process::id()
    )
}

/// Records the one screening of a command (`source`: `cli-screen`,
/// `cli-shipment`) and returns once it is committed, so the command prints
/// its answer only when the trail has it. Does nothing with `--no-audit`;
/// an audit database that cannot be opened or written is an error and the
/// answer is not printed.
pub fn record_one(
    lists: &ListArgs,
    args: &AuditArgs,
    source: &str,
    query: Value,
    snapshot: &str,
    results: Vec<AuditResult>,
    decision: Decision,
) -> Result<()> {
    let Some(target) = target(lists, args)? else {
        return Ok(());
    };
    let log = AuditLog::open(&target, AuditOptions::default())
        .with_context(|| format!("opening audit database {target}"))?;
    log.sender()
        .record_committed(AuditRecord {
            time: String::new(),
            source: source.to_string(),
            caller: os_user(),
            request_id: run_id("cli"),
            query,
            snapshot: snapshot.to_string(),
            results,
            decision,
        })
        .with_context(|| format!("recording the screening in audit database {target}"))?;
    log.close().context("audit trail")?;
    Ok(())
}

/// `cordon screen`: records `query` and every candidate screened (before
/// `--matches-only`), committed before anything is printed.
pub fn record_screen(
    lists: &ListArgs,
    args: &AuditArgs,
    query: &Query,
    snapshot: &str,
    matches: &[Match],
) -> Result<()> {
    let results = results_of(matches);
    let decision = Decision::of(&results);
    record_one(
        lists,
        args,
        "cli-screen",
        query_json(query),
        snapshot,
        results,
        decision,
    )
}

/// The audit trail as the server's sink: each event is queued and its
/// [`AuditCommit`] resolves when the transaction holding it commits.
pub fn server_sink(log: &AuditLog) -> Box<dyn AuditSink> {
    Box::new(ServerSink(log.sender()))
}

struct ServerSink(AuditSender);

/// The audit record of a server event (also what `cordon monitor run` and
/// `cordon alerts decide` write: see `cordon_server::monitor`).
pub fn record_of(e: ScreeningEvent) -> AuditRecord {
    AuditRecord {
        time: String::new(),
        source: e.source.to_string(),
        caller: e.caller,
        request_id: e.request_id,
        query: e.query,
        snapshot: e.snapshot,
        results: e
            .results
            .into_iter()
            .map(|r| AuditResult {
                entity_id: r.entity_id,
                caption: r.caption,
                score: r.score,
                is_match: r.is_match,
            })
            .collect(),
        decision: match e.matched {
            Some(true) => Decision::Match,
            Some(false) => Decision::NoMatch,
            None => Decision::Error,
        },
    }
}

impl AuditSink for ServerSink {
    fn record(&self, e: ScreeningEvent) -> std::result::Result<AuditCommit, String> {
        let commit = self.0.submit(record_of(e)).map_err(|e| e.to_string())?;
        Ok(Box::pin(
            async move { commit.await.map_err(|e| e.to_string()) },
        ))
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DecisionArg {
    Match,
    NoMatch,
    Error,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SourceArg {
    Api,
    Batch,
    Shipment,
    /// `cordon screen`.
    CliScreen,
    /// `cordon shipment`.
    CliShipment,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutFormat {
    Table,
    Csv,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct AuditCmdArgs {
    /// The audit database to read (SQLite file or `postgres://` URL).
    /// Default: the one screenings write to (see --audit).
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// Records at or after this time: RFC 3339 (2026-11-24T09:30:00Z) or a
    /// date (2026-11-24, from midnight UTC).
    #[arg(long, value_name = "TIME")]
    pub from: Option<String>,
    /// Records before this time: RFC 3339, or a date (up to the end of that
    /// day, UTC).
    #[arg(long, value_name = "TIME")]
    pub to: Option<String>,
    /// Only this caller (API key name or OS user).
    #[arg(long, value_name = "NAME")]
    pub caller: Option<String>,
    /// Only records where this entity was a candidate (e.g. ofac-sdn:16418).
    #[arg(long = "entity", value_name = "ID")]
    pub entity: Option<String>,
    #[arg(long, value_enum)]
    pub decision: Option<DecisionArg>,
    #[arg(long, value_enum)]
    pub source: Option<SourceArg>,
    /// At most N records, oldest first.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// table (readable), csv or jsonl (one AuditRecord per line).
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
    /// Print only the number of records selected.
    #[arg(long)]
    pub count: bool,
}

impl AuditCmdArgs {
    fn filter(&self) -> Result<AuditFilter> {
        let time = |s: &Option<String>, end: bool, flag: &str| -> Result<Option<String>> {
            s.as_deref()
                .map(|s| parse_time(s, end).with_context(|| format!("--{flag}")))
                .transpose()
        };
        Ok(AuditFilter {
            from: time(&self.from, false, "from")?,
            to: time(&self.to, true, "to")?,
            caller: self.caller.clone(),
            entity_id: self.entity.clone(),
            decision: self.decision.map(|d| match d {
                DecisionArg::Match => Decision::Match,
                DecisionArg::NoMatch => Decision::NoMatch,
                DecisionArg::Error => Decision::Error,
            }),
            source: self.source.map(|s| {
                match s {
                    SourceArg::Api => "api",
                    SourceArg::Batch => "batch",
                    SourceArg::Shipment => "shipment",
                    SourceArg::CliScreen => "cli-screen",
                    SourceArg::CliShipment => "cli-shipment",
                }
                .to_string()
            }),
            limit: self.limit,
        })
    }
}

/// `cordon audit`.
pub fn run(lists: &ListArgs, args: &AuditArgs, a: AuditCmdArgs) -> Result<ExitCode> {
    let filter = a.filter()?;
    let target = match &a.db {
        Some(t) => AuditTarget::parse(t),
        None => default_target(lists, args)?,
    };
    let mut reader =
        AuditReader::open(&target).with_context(|| format!("reading audit database {target}"))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if a.count {
        writeln!(out, "{}", reader.count(&filter)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = match a.format {
        OutFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "time",
                "source",
                "caller",
                "request_id",
                "snapshot",
                "decision",
                "name",
                "best_entity_id",
                "best_caption",
                "best_score",
                "candidates",
                "query",
            ])?;
            Out::Csv(Box::new(w))
        }
        OutFormat::Jsonl => Out::Jsonl(out),
        OutFormat::Table => {
            writeln!(
                out,
                "{:<24}  {:<8}  {:<12}  {:<8}  {:<32}  {:<20}  score",
                "time", "source", "caller", "decision", "query", "best candidate"
            )?;
            Out::Table(out)
        }
    };
    let mut n = 0u64;
    // An output error stops the scan; it is kept here and reported.
    let mut out_err: Option<anyhow::Error> = None;
    let scanned = reader.for_each(&filter, |r| {
        n += 1;
        let res = match &mut out {
            Out::Csv(w) => write_csv(w, &r),
            Out::Jsonl(o) => serde_json::to_writer(&mut *o, &r)
                .map_err(anyhow::Error::from)
                .and_then(|()| o.write_all(b"\n").map_err(Into::into)),
            Out::Table(o) => write_table_row(o, &r),
        };
        res.map_err(|e| {
            out_err = Some(e);
            cordon_audit::AuditError::Closed
        })
    });
    if let Some(e) = out_err {
        return Err(e.context("writing the audit records"));
    }
    scanned.with_context(|| format!("reading audit database {target}"))?;
    match out {
        Out::Csv(mut w) => w.flush()?,
        Out::Jsonl(mut o) | Out::Table(mut o) => o.flush()?,
    }
    if a.format == OutFormat::Table {
        eprintln!("cordon: {n} audit records from {target}");
    }
    Ok(ExitCode::SUCCESS)
}

enum Out<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
    Table(W),
}

fn query_name(r: &AuditRecord) -> String {
    match r.query.get("name") {
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn write_csv<W: Write>(w: &mut csv::Writer<W>, r: &AuditRecord) -> Result<()> {
    let best = r.results.first();
    let cands: Vec<String> = r
        .results
        .iter()
        .map(|c| {
            format!(
                "{} {:.3}{}",
                c.entity_id,
                c.score,
                if c.is_match { " match" } else { "" }
            )
        })
        .collect();
    w.write_record([
        r.time.as_str(),
        &r.source,
        &r.caller,
        &r.request_id,
        &r.snapshot,
        r.decision.as_str(),
        &query_name(r),
        best.map(|c| c.entity_id.as_str()).unwrap_or(""),
        best.map(|c| c.caption.as_str()).unwrap_or(""),
        &best.map(|c| format!("{:.4}", c.score)).unwrap_or_default(),
        &cands.join("; "),
        &r.query.to_string(),
    ])?;
    Ok(())
}

fn write_table_row(out: &mut impl Write, r: &AuditRecord) -> Result<()> {
    let clip = |s: &str, n: usize| -> String {
        if s.chars().count() <= n {
            s.to_string()
        } else {
            let mut t: String = s.chars().take(n - 1).collect();
            t.push('…');
            t
        }
    };
    let best = r.results.first();
    writeln!(
        out,
        "{:<24}  {:<8}  {:<12}  {:<8}  {:<32}  {:<20}  {}",
        r.time,
        clip(&r.source, 8),
        clip(&r.caller, 12),
        r.decision.as_str(),
        clip(&query_name(r), 32),
        best.map(|c| clip(&c.entity_id, 20)).unwrap_or_default(),
        best.map(|c| format!("{:.3}", c.score)).unwrap_or_default(),
    )?;
    Ok(())
}
