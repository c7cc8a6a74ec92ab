//! `cordon batch INPUT`: screen a CSV or JSONL file of parties on all cores,
//! one output record per input record, in input order.
//!
//! Input is read in chunks (`cordon_monitor::input`, the party formats
//! shared with the customer register); each chunk is screened in parallel with rayon and
//! written before the next is read, so memory stays flat for files of
//! millions of lines. A line that cannot be read or parsed becomes an error
//! record for that line; the run goes on.
//!
//! Every screened record (error records too) is also sent to the audit
//! trail (see `crate::audit`) after its chunk is screened; the writer
//! thread commits in the background and stderr reports how many records
//! are committed, so a run killed midway has at least the records it
//! reported.

use crate::audit::AuditArgs;
use crate::load::load_all;
use crate::screen::MatchOpts;
use crate::ListArgs;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use cordon_audit::{AuditRecord, AuditResult, Decision};
use cordon_engine::{Index, Match, Query, ScreenOptions};
use cordon_monitor::input::{self, InputFormat};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Input file: CSV with header `id,name,kind,dob,country,id_number`
    /// (only id and name are required) or JSONL with
    /// `{"id","name","kind","dob","country","identifiers"}`; chosen by
    /// extension (.csv, else JSONL). `-` reads JSONL from stdin.
    pub input: PathBuf,
    /// Output file; .csv writes CSV, anything else JSONL. Default: JSONL on
    /// stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Override the input format detected from the extension.
    #[arg(long, value_enum)]
    pub input_format: Option<Format>,
    /// Caller named in the audit trail. Default: the OS user ($USER).
    #[arg(long, value_name = "NAME")]
    pub caller: Option<String>,
    #[command(flatten)]
    pub opts: MatchOpts,
}

/// What every audit record of one run shares.
struct AuditCtx {
    caller: String,
    snapshot: String,
    /// `batch-<start ms>-<pid>`: with the record number, the request id.
    run_id: String,
}

/// One input record, parsed or not.
struct Item {
    id: Value,
    query: Result<Query, String>,
}

/// One output record.
#[derive(Serialize)]
struct OutRec {
    id: Value,
    matches: Vec<Match>,
    error: Option<String>,
}

pub fn run(lists: &ListArgs, audit: &AuditArgs, a: BatchArgs) -> Result<ExitCode> {
    let opts = a.opts.screen_options()?;
    let in_format = a.input_format.unwrap_or_else(|| format_of(&a.input));
    let out_format = a.output.as_deref().map(format_of).unwrap_or(Format::Jsonl);
    let loaded = load_all(lists)?;
    // Opened before any screening: a batch that cannot be audited fails
    // before it starts.
    let audit_log = match crate::audit::target(lists, audit)? {
        Some(t) => Some(crate::audit::open_reporting(&t)?),
        None => None,
    };
    let audit_tx = audit_log.as_ref().map(|l| l.sender());
    let audit_ctx = AuditCtx {
        caller: a.caller.clone().unwrap_or_else(crate::audit::os_user),
        snapshot: loaded.snapshot.clone(),
        run_id: format!(
            "batch-{}-{}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or(0),
            std::process::id()
        ),
    };
    let reader: Box<dyn Read> = if a.input.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&a.input)
                .with_context(|| format!("opening {}", a.input.display()))?,
        )
    };
    let writer: Box<dyn Write> = match &a.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = Sink::new(writer, out_format)?;
    let progress = if std::io::stderr().is_terminal() {
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template("{spinner} {pos} records screened ({per_sec}) {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Some(pb)
    } else {
        None
    };
    let name = a.input.display().to_string();
    let mut total = 0u64;
    let mut flagged = 0u64;
    let mut errors = 0u64;
    let mut process = |chunk: Vec<Item>| -> Result<()> {
        let audit = audit_tx.as_ref().map(|_| (&audit_ctx, total));
        let mut recs = screen_chunk(
            &loaded.index,
            chunk,
            &opts,
            a.opts.matches_only,
            out_format,
            audit,
        );
        for r in &recs {
            total += 1;
            flagged += u64::from(r.flagged);
            errors += u64::from(r.error);
            sink.write_encoded(&r.bytes)?;
        }
        if let Some(tx) = &audit_tx {
            // Enqueue only: the writer thread commits in the background.
            for r in &mut recs {
                if let Some(rec) = r.audit.take() {
                    tx.record(rec).context("audit trail")?;
                }
            }
        }
        if let Some(pb) = &progress {
            pb.inc(recs.len() as u64);
        }
        Ok(())
    };
    let in_format = match in_format {
        Format::Csv => InputFormat::Csv,
        Format::Jsonl => InputFormat::Jsonl,
    };
    input::read::<anyhow::Error>(reader, in_format, &name, &mut |chunk| {
        process(
            chunk
                .into_iter()
                .map(|r| Item {
                    id: r.id,
                    query: r.party.map(|p| p.query()),
                })
                .collect(),
        )
    })?;
    sink.finish()?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    if let Some(log) = audit_log {
        let target = log.target().to_string();
        let n = log.close().context("audit trail")?;
        eprintln!("cordon: audit: {n} records committed to {target}");
    }
    eprintln!(
        "cordon: {total} records screened against snapshot {}: {flagged} with a match, {errors} errors",
        loaded.snapshot
    );
    Ok(ExitCode::SUCCESS)
}

fn format_of(p: &Path) -> Format {
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        Format::Csv
    } else {
        Format::Jsonl
    }
}

/// One screened record, already encoded for the output (encoding runs on
/// the worker threads too: it costs about as much as the screening).
struct Encoded {
    flagged: bool,
    error: bool,
    bytes: Vec<u8>,
    audit: Option<AuditRecord>,
}

fn screen_chunk(
    index: &Index,
    chunk: Vec<Item>,
    opts: &ScreenOptions,
    only: bool,
    format: Format,
    audit: Option<(&AuditCtx, u64)>,
) -> Vec<Encoded> {
    chunk
        .into_par_iter()
        .enumerate()
        .map(|(i, it)| {
            let mut audit_rec = None;
            let rec = match it.query {
                Ok(q) => {
                    let mut matches = index.screen(&q, opts);
                    if let Some((ctx, base)) = audit {
                        audit_rec = Some(audit_record(
                            ctx,
                            base + i as u64 + 1,
                            &it.id,
                            Ok(&q),
                            &matches,
                        ));
                    }
                    if only {
                        matches.retain(|m| m.is_match);
                    }
                    OutRec {
                        id: it.id,
                        matches,
                        error: None,
                    }
                }
                Err(e) => {
                    if let Some((ctx, base)) = audit {
                        audit_rec =
                            Some(audit_record(ctx, base + i as u64 + 1, &it.id, Err(&e), &[]));
                    }
                    OutRec {
                        id: it.id,
                        matches: Vec::new(),
                        error: Some(e),
                    }
                }
            };
            let bytes = encode(&rec, format).unwrap_or_else(|e| {
                // Encoding our own structures cannot fail short of a bug;
                // keep one record per input even then.
                format!("{{\"id\":null,\"matches\":[],\"error\":\"encoding failed: {e}\"}}\n")
                    .into_bytes()
            });
            Encoded {
                flagged: rec.matches.iter().any(|m| m.is_match),
                error: rec.error.is_some(),
                bytes,
                audit: audit_rec,
            }
        })
        .collect()
}

/// The audit record of input record number `n` (from 1): the query with
/// the input's `id`, every candidate screened (before `--matches-only`),
/// and the decision.
fn audit_record(
    ctx: &AuditCtx,
    n: u64,
    id: &Value,
    query: Result<&Query, &String>,
    matches: &[Match],
) -> AuditRecord {
    let (query, decision) = match query {
        Ok(q) => {
            let mut v = serde_json::to_value(q).unwrap_or(Value::Null);
            if let Value::Object(m) = &mut v {
                // Only what the query had: the trail is written for every
                // line of every batch.
                m.retain(|_, x| !(x.is_null() || x.as_array().is_some_and(Vec::is_empty)));
                m.insert("id".into(), id.clone());
            }
            let decision = if matches.iter().any(|m| m.is_match) {
                Decision::Match
            } else {
                Decision::NoMatch
            };
            (v, decision)
        }
        Err(e) => (serde_json::json!({"id": id, "error": e}), Decision::Error),
    };
    AuditRecord {
        time: String::new(),
        source: "batch".into(),
        caller: ctx.caller.clone(),
        request_id: format!("{}:{n}", ctx.run_id),
        query,
        snapshot: ctx.snapshot.clone(),
        results: matches
            .iter()
            .map(|m| AuditResult {
                entity_id: m.entity_id.clone(),
                caption: m.name.clone(),
                score: m.score,
                is_match: m.is_match,
            })
            .collect(),
        decision,
    }
}

/// Encodes one output record as a JSONL line or a CSV row.
fn encode(r: &OutRec, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Jsonl => {
            let mut v = serde_json::to_vec(r)?;
            v.push(b'\n');
            Ok(v)
        }
        Format::Csv => {
            let id = match &r.id {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                v => v.to_string(),
            };
            let best = r.matches.first();
            let cands: Vec<String> = r
                .matches
                .iter()
                .map(|m| {
                    format!(
                        "{} {:.3}{}",
                        m.entity_id,
                        m.score,
                        if m.is_match { " match" } else { "" }
                    )
                })
                .collect();
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::with_capacity(256));
            w.write_record([
                id.as_str(),
                if r.matches.iter().any(|m| m.is_match) {
                    "true"
                } else {
                    "false"
                },
                best.map(|m| m.entity_id.as_str()).unwrap_or(""),
                best.map(|m| m.name.as_str()).unwrap_or(""),
                &best.map(|m| format!("{:.4}", m.score)).unwrap_or_default(),
                &cands.join("; "),
                r.error.as_deref().unwrap_or(""),
            ])?;
            w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
        }
    }
}

/// Where output records go: encoded records, in input order, buffered.
struct Sink(BufWriter<Box<dyn Write>>);

impl Sink {
    fn new(w: Box<dyn Write>, f: Format) -> Result<Sink> {
        let mut w = BufWriter::with_capacity(1 << 16, w);
        if f == Format::Csv {
            let mut c = csv::Writer::from_writer(Vec::new());
            c.write_record([
                "id",
                "match",
                "best_entity_id",
                "best_name",
                "best_score",
                "candidates",
                "error",
            ])?;
            w.write_all(&c.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
        }
        Ok(Sink(w))
    }

    fn write_encoded(&mut self, bytes: &[u8]) -> Result<()> {
        self.0.write_all(bytes)?;
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.0.flush()?;
        Ok(())
    }
}
