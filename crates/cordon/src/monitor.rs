//! `cordon monitor`: the customer register (`import`), monitoring runs
//! (`run`) and the review policy (`policy`). The register, runs and
//! alerts live in `cordon-monitor`; the database is found and opened by
//! `monitor_db`; this module prints and writes runs to the audit trail.

use crate::audit::AuditArgs;
use crate::load::load_all;
use crate::monitor_db::{open, write_audit, MonitorDbArgs, Opened};
use crate::ListArgs;
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use cordon_audit::{AuditLog, AuditOptions};
use cordon_engine::DEFAULT_THRESHOLD;
use cordon_monitor::input::InputFormat;
use cordon_monitor::RunOptions;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct MonitorArgs {
    #[command(subcommand)]
    cmd: MonitorCmd,
}

#[derive(Debug, Subcommand)]
enum MonitorCmd {
    /// Import customers (the `cordon batch` input formats, plus `aliases`
    /// and `gender` in JSONL), upserted by id. A customer whose screened
    /// fields change gets a new version; a bad line is reported with its
    /// file and line and skipped.
    Import(ImportArgs),
    /// Screen what changed since the previous run: new and changed
    /// customers against the lists, and list entities added or changed
    /// since then against the register; a full re-screen with --full, on
    /// the first run, or when the matcher or threshold changed.
    Run(RunArgs),
    /// Show or set the review policy (four-eyes: a decision closes an
    /// alert only when a second, different reviewer confirms it).
    Policy(PolicyArgs),
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// CSV with header `id,name,kind,dob,country,id_number`, or JSONL
    /// `{"id","name","kind","dob","country","identifiers","aliases","gender"}`;
    /// chosen by extension (.csv, else JSONL). `-` reads JSONL from stdin.
    file: PathBuf,
    /// Mark every customer the file does not name as removed.
    #[arg(long)]
    replace: bool,
    /// Override the format detected from the extension.
    #[arg(long, value_enum)]
    input_format: Option<crate::batch::Format>,
}

#[derive(Debug, Args)]
struct RunArgs {
    /// Print one JSON object: run_id, snapshot, previous_snapshot, mode,
    /// customers_screened, list_entities_screened, new_alerts,
    /// reopened_alerts, delisted_alerts, seconds.
    #[arg(long)]
    json: bool,
    /// Screen every customer against every list entity.
    #[arg(long)]
    full: bool,
    /// Score at which a match raises an alert (a change of threshold makes
    /// the next run full).
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// Caller named in the audit trail. Default: the OS user.
    #[arg(long, value_name = "NAME")]
    caller: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

#[derive(Debug, Args)]
struct PolicyArgs {
    /// Require a second, different reviewer to confirm each decision.
    #[arg(long, value_enum)]
    four_eyes: Option<OnOff>,
    /// Who changes the policy (recorded). Default: the OS user.
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(
    lists: &ListArgs,
    audit: &AuditArgs,
    m: &MonitorDbArgs,
    a: MonitorArgs,
) -> Result<ExitCode> {
    match a.cmd {
        MonitorCmd::Import(a) => import(lists, audit, m, a),
        MonitorCmd::Run(a) => monitor_run(lists, audit, m, a),
        MonitorCmd::Policy(a) => policy(lists, audit, m, a),
    }
}

fn import(
    lists: &ListArgs,
    audit: &AuditArgs,
    m: &MonitorDbArgs,
    a: ImportArgs,
) -> Result<ExitCode> {
    let Opened { mut store, target } = open(lists, audit, m)?;
    let format = match a.input_format {
        Some(crate::batch::Format::Csv) => InputFormat::Csv,
        Some(crate::batch::Format::Jsonl) => InputFormat::Jsonl,
        None => InputFormat::of_path(&a.file),
    };
    let reader: Box<dyn std::io::Read> = if a.file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&a.file)
                .with_context(|| format!("opening {}", a.file.display()))?,
        )
    };
    let progress = std::io::stderr().is_terminal().then(|| {
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template("{spinner} {pos} lines imported ({per_sec}) {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        pb
    });
    let name = a.file.display().to_string();
    let mut shown = 0u64;
    let report = cordon_monitor::import(
        store.as_mut(),
        reader,
        &cordon_monitor::ImportFile {
            format,
            name: &name,
            today: crate::screen::today(),
        },
        a.replace,
        &mut |e| {
            shown += 1;
            if shown <= 100 {
                match &progress {
                    Some(pb) => pb.println(format!("cordon: skipped: {e}")),
                    None => eprintln!("cordon: skipped: {e}"),
                }
            }
        },
        &mut |n| {
            if let Some(pb) = &progress {
                pb.set_position(n);
            }
        },
    )
    .with_context(|| format!("importing {name} into {target}"))?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    let s = &report.stats;
    if s.errors > 100 {
        eprintln!("cordon: ... {} more lines skipped", s.errors - 100);
    }
    if report.replace_skipped {
        eprintln!(
            "cordon: --replace: no customer removed, because a skipped line had no readable id \
             (it may name a customer still there); fix the lines and import again"
        );
    }
    eprintln!(
        "cordon: imported {name} into {}: {} added, {} changed, {} unchanged, {} removed, {} lines skipped; {} active customers",
        target,
        s.added,
        s.changed,
        s.unchanged,
        s.removed,
        s.errors,
        store.customer_count()?
    );
    Ok(ExitCode::SUCCESS)
}

fn monitor_run(
    lists: &ListArgs,
    audit: &AuditArgs,
    m: &MonitorDbArgs,
    a: RunArgs,
) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    let Opened { mut store, target } = open(lists, audit, m)?;
    let loaded = load_all(lists)?;
    // Opened before the run: a run that cannot be audited does not start.
    let audit_log = match crate::audit::target(lists, audit)? {
        Some(t) => Some(
            AuditLog::open(&t, AuditOptions::default())
                .with_context(|| format!("opening audit database {t}"))?,
        ),
        None => None,
    };
    let report = cordon_monitor::run(
        store.as_mut(),
        &loaded.index,
        &loaded.snapshot,
        &RunOptions {
            full: a.full,
            threshold: a.threshold,
        },
        &|line| eprintln!("cordon: monitor: {line}"),
    )
    .with_context(|| format!("monitoring run on {target}"))?;
    if let Some(log) = audit_log {
        let rec = crate::audit::record_of(cordon_server::monitor::run_event(
            &report,
            a.caller.clone().unwrap_or_else(crate::audit::os_user),
            format!("monitor-run-{}", report.run_id),
        ));
        write_audit(log, rec).context(
            "the run is recorded in the monitoring database, but writing it to the audit trail failed",
        )?;
    }
    if a.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!(
            "run {} ({}{}) against snapshot {} (previous: {})",
            report.run_id,
            report.mode.as_str(),
            report
                .full_because
                .as_deref()
                .map(|w| format!(": {w}"))
                .unwrap_or_default(),
            report.snapshot,
            report.previous_snapshot.as_deref().unwrap_or("none")
        );
        println!(
            "{} customers screened, {} list entities searched in the register ({} customers reached by their search keys, {} of them screened), {} removed from their lists",
            report.customers_screened,
            report.list_entities_screened,
            report.reverse_reached,
            report.reverse_candidates,
            report.removed_entities
        );
        println!(
            "{} new alerts, {} re-opened, {} delisted; {} matches kept closed by earlier decisions; {:.1} s",
            report.new_alerts.len(),
            report.reopened_alerts.len(),
            report.delisted_alerts.len(),
            report.remembered,
            report.seconds
        );
        for (what, list) in [
            ("new", &report.new_alerts),
            ("re-opened", &report.reopened_alerts),
            ("delisted", &report.delisted_alerts),
        ] {
            if !list.is_empty() {
                println!("\n{what}:");
                crate::alerts::print_table(list)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn policy(
    lists: &ListArgs,
    audit: &AuditArgs,
    m: &MonitorDbArgs,
    a: PolicyArgs,
) -> Result<ExitCode> {
    let mut store = open(lists, audit, m)?.store;
    if let Some(v) = a.four_eyes {
        let by = a.by.unwrap_or_else(crate::audit::os_user);
        store.set_four_eyes(matches!(v, OnOff::On), &by)?;
    }
    println!(
        "four-eyes: {}",
        if store.four_eyes()? { "on" } else { "off" }
    );
    Ok(ExitCode::SUCCESS)
}
