//! `cordon batch INPUT`: screen a CSV or JSONL file of parties on all cores,
//! one output record per input record, in input order.
//!
//! Three stages overlap, each on its own thread(s), joined by bounded
//! queues so memory stays flat for files of millions of lines: a reader
//! thread parses chunks of the input a chunk or two ahead; the chunk is
//! screened and **encoded** in parallel on the rayon pool (the output
//! bytes and the audit records are made on the workers); an output thread
//! writes each chunk once its audit records are committed. A line that
//! cannot be read or parsed becomes an error record for that line; the run
//! goes on. `--explain` says which results carry their explanation (by
//! default the matches only): the engine builds no explanation it is not
//! asked for, and explanations are most of the output.
//!
//! Every screened record (error records too) is also sent to the audit
//! trail (see `crate::audit`) after its chunk is screened, and the chunk's
//! output is written only once the transaction holding its last record has
//! committed: a run killed midway (even by `kill -9`) has an audit record
//! for every output line it wrote. The waiting happens on an output thread
//! while the next chunk is screened, so it costs no throughput; the audit
//! writer still commits thousands of records per transaction. stderr
//! reports how many records are committed.

use crate::audit::AuditArgs;
use crate::load::load_all;
use crate::screen::{today, MatchOpts};
use crate::ListArgs;
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use cordon_audit::{AuditRecord, Commit, Decision};
use cordon_engine::{Explain, Index, Match, Query, ScreenOptions};
use cordon_monitor::input::{self, InputFormat};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, SyncSender};

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
}

/// `--explain`: which results of a batch carry their explanation.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExplainArg {
    None,
    Matches,
    All,
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
    /// Which results carry their explanation in JSONL output: `none`,
    /// `matches` (those at or above the threshold) or `all`. Explanations
    /// are most of the output's size and a good part of its cost.
    #[arg(long, value_enum, default_value = "matches", value_name = "WHICH")]
    pub explain: ExplainArg,
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

/// Chunks read ahead of the one being screened.
const READ_AHEAD: usize = 2;

/// One input record, parsed or not.
struct Item {
    id: Value,
    query: Result<Query, String>,
}

/// One output record.
#[derive(Serialize)]
struct OutRec {
    id: Value,
    matches: Vec<OutMatch>,
    error: Option<String>,
}

/// A result as the batch writes it: a [`Match`] whose `explanation` is
/// left out when `--explain` does not ask for it. Every other field of
/// `Match`, in its order (a test compares the keys with `cordon screen
/// --json`'s).
#[derive(Serialize)]
struct OutMatch {
    entity_id: String,
    list: String,
    kind: cordon_engine::EntityKind,
    name: String,
    matched_name: String,
    score: f64,
    #[serde(rename = "match")]
    is_match: bool,
    programs: Vec<String>,
    dates_of_birth: Vec<String>,
    countries: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<cordon_engine::Explanation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ownership: Option<Box<cordon_engine::OwnershipFindings>>,
}

impl OutMatch {
    fn new(m: Match, explained: bool) -> OutMatch {
        OutMatch {
            explanation: explained.then_some(m.explanation),
            entity_id: m.entity_id,
            list: m.list,
            kind: m.kind,
            name: m.name,
            matched_name: m.matched_name,
            score: m.score,
            is_match: m.is_match,
            programs: m.programs,
            dates_of_birth: m.dates_of_birth,
            countries: m.countries,
            ownership: m.ownership,
        }
    }
}

impl ExplainArg {
    fn engine(self) -> Explain {
        match self {
            ExplainArg::None => Explain::None,
            ExplainArg::Matches => Explain::Matches,
            ExplainArg::All => Explain::All,
        }
    }

    /// Whether a result of this flag carries its explanation.
    fn explains(self, m: &Match) -> bool {
        match self {
            ExplainArg::None => false,
            ExplainArg::Matches => m.is_match,
            ExplainArg::All => true,
        }
    }
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
        run_id: crate::audit::run_id("batch"),
    };
    let reader: Box<dyn Read + Send> = if a.input.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(&a.input)
                .with_context(|| format!("opening {}", a.input.display()))?,
        )
    };
    let writer: Box<dyn Write + Send> = match &a.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout()),
    };
    let output = Output::start(Sink::new(writer, out_format)?);
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
        let recs = screen_chunk(
            &loaded.index,
            chunk,
            &opts,
            a.opts.matches_only,
            a.explain,
            out_format,
            audit,
        );
        let n = recs.len();
        let mut bytes = Vec::with_capacity(recs.iter().map(|r| r.bytes.len()).sum());
        let mut trail = Vec::with_capacity(if audit_tx.is_some() { n } else { 0 });
        for r in recs {
            total += 1;
            flagged += u64::from(r.flagged);
            errors += u64::from(r.error);
            bytes.extend_from_slice(&r.bytes);
            trail.extend(r.audit);
        }
        // The chunk's output waits for the commit of its audit records.
        let commit = match &audit_tx {
            Some(tx) => Some(tx.submit_all(trail).context("audit trail")?),
            None => None,
        };
        output.send(commit, bytes)?;
        if let Some(pb) = &progress {
            pb.inc(n as u64);
        }
        Ok(())
    };
    // The party formats and their checks are the customer register's
    // (`cordon_monitor::input`): one reader for both. It runs on a thread
    // of its own, a chunk or two ahead of the screening.
    let in_format = match in_format {
        Format::Csv => InputFormat::Csv,
        Format::Jsonl => InputFormat::Jsonl,
    };
    let (chunks_tx, chunks) = sync_channel::<Vec<Item>>(READ_AHEAD);
    let reading = std::thread::Builder::new()
        .name("cordon-read".into())
        .spawn(move || {
            input::read::<anyhow::Error>(reader, in_format, &name, today(), &mut |chunk| {
                let items = chunk
                    .into_iter()
                    .map(|r| Item {
                        id: r.id,
                        query: r.party.map(|p| p.query()),
                    })
                    .collect();
                // The screening stopped: its own error is reported.
                chunks_tx
                    .send(items)
                    .map_err(|_| anyhow::anyhow!("screening stopped"))
            })
        })
        .context("starting the input reader")?;
    let screened = chunks.iter().try_for_each(&mut process);
    // Stops the reader if the screening stopped first.
    drop(chunks);
    let read = match reading.join() {
        Ok(r) => r,
        Err(_) => Err(anyhow::anyhow!("the input reader panicked")),
    };
    // The output's own error (a closed pipe, a full disk) explains a failed
    // send better than the send does.
    output.finish()?;
    screened?;
    read?;
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
    explain: ExplainArg,
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
                    // CSV output shows no explanation.
                    let which = match format {
                        Format::Jsonl => explain,
                        Format::Csv => ExplainArg::None,
                    };
                    let mut matches = index.screen_explaining(&q, opts, which.engine());
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
                        matches: matches
                            .into_iter()
                            .map(|m| {
                                let explained = which.explains(&m);
                                OutMatch::new(m, explained)
                            })
                            .collect(),
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
            // Only what the query had: the trail is written for every line
            // of every batch.
            let mut v = crate::audit::query_json(q);
            if let Value::Object(m) = &mut v {
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
        results: crate::audit::results_of(matches),
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
                &ownership_column(&r.matches),
            ])?;
            w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
        }
    }
}

/// The CSV `ownership` column: the first candidate carrying ownership
/// findings (a party on no list, owned by listed parties), as
/// `ENTITY_ID VERDICT: SUMMARY`; empty when none does.
fn ownership_column(matches: &[OutMatch]) -> String {
    matches
        .iter()
        .find_map(|m| {
            m.ownership
                .as_ref()
                .map(|o| format!("{} {}: {}", m.entity_id, o.verdict, o.summary))
        })
        .unwrap_or_default()
}

/// The output thread: writes each chunk's encoded records, in order, once
/// its audit commit (if any) has resolved.
struct Output {
    tx: Option<SyncSender<(Option<Commit>, Vec<u8>)>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Output {
    fn start(mut sink: Sink) -> Output {
        // Two chunks in flight: the next is screened while one waits.
        let (tx, rx) = sync_channel::<(Option<Commit>, Vec<u8>)>(2);
        let thread = std::thread::spawn(move || -> Result<()> {
            for (commit, bytes) in rx {
                if let Some(c) = commit {
                    c.wait().context("audit trail")?;
                }
                sink.write_encoded(&bytes)?;
            }
            sink.finish()
        });
        Output {
            tx: Some(tx),
            thread: Some(thread),
        }
    }

    /// Queues one chunk; fails if the output thread stopped (its error is
    /// returned by [`Output::finish`]).
    fn send(&self, commit: Option<Commit>, bytes: Vec<u8>) -> Result<()> {
        match &self.tx {
            Some(tx) if tx.send((commit, bytes)).is_ok() => Ok(()),
            _ => bail!("the output stopped"),
        }
    }

    /// Writes what is queued and flushes; the output thread's error, if any.
    fn finish(mut self) -> Result<()> {
        drop(self.tx.take());
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(r)) => r,
            Some(Err(_)) => bail!("the output thread panicked"),
            None => Ok(()),
        }
    }
}

/// Where output records go: encoded records, in input order, buffered.
struct Sink(BufWriter<Box<dyn Write + Send>>);

impl Sink {
    fn new(w: Box<dyn Write + Send>, f: Format) -> Result<Sink> {
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
                "ownership",
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
