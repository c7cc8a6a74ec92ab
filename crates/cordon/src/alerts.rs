//! `cordon alerts`: list, show and decide the alerts of the monitoring
//! runs (see `crate::monitor` and `cordon-monitor`). Decisions are written
//! to the monitoring database (with the four-eyes rule) and to the audit
//! trail.

use crate::audit::AuditArgs;
use crate::monitor_db::{open_existing, write_audit, MonitorDbArgs};
use crate::ListArgs;
use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use cordon_audit::{AuditLog, AuditOptions};
use cordon_monitor::{Alert, AlertFilter, Status, Verdict};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    #[command(subcommand)]
    cmd: Option<AlertsCmd>,
    /// Only alerts in this status: open, pending_review, false_positive,
    /// true_match, escalated, delisted.
    #[arg(long, value_name = "S", value_parser = parse_status)]
    status: Option<Status>,
    /// Only this customer's alerts.
    #[arg(long, value_name = "ID")]
    customer: Option<String>,
    /// Only alerts on this list entity (e.g. ofac-sdn:16418).
    #[arg(long = "entity", value_name = "ID")]
    entity: Option<String>,
    /// At most N alerts (highest score first).
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Skip the first N (paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: u64,
    /// One ALERT object per line.
    #[arg(long)]
    json: bool,
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| {
        format!(
            "unknown status {s:?}: one of {}",
            Status::ALL.map(Status::as_str).join(", ")
        )
    })
}

#[derive(Debug, Subcommand)]
enum AlertsCmd {
    /// One alert with its explanation and decisions.
    Show(ShowArgs),
    /// Record a decision. With four-eyes on (`cordon monitor policy`), a
    /// first false-positive or true-match puts the alert in
    /// pending_review and a different reviewer's same decision closes it.
    Decide(DecideArgs),
}

#[derive(Debug, Args)]
struct ShowArgs {
    id: i64,
    /// The ALERT object as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DecisionArg {
    FalsePositive,
    TrueMatch,
    Escalate,
}

#[derive(Debug, Args)]
struct DecideArgs {
    id: i64,
    #[arg(long, value_enum)]
    decision: DecisionArg,
    /// The reviewer's name.
    #[arg(long, value_name = "NAME")]
    by: String,
    /// Why (kept with the decision).
    #[arg(long, value_name = "TEXT")]
    reason: String,
    /// Print the alert as JSON afterwards.
    #[arg(long)]
    json: bool,
}

pub fn run(
    lists: &ListArgs,
    audit: &AuditArgs,
    m: &MonitorDbArgs,
    a: AlertsArgs,
) -> Result<ExitCode> {
    match a.cmd {
        Some(AlertsCmd::Show(s)) => {
            let store = open_existing(lists, audit, m)?.store;
            let alert = store.alert(s.id)?;
            if s.json {
                println!("{}", serde_json::to_string(&alert)?);
            } else {
                print_alert(&alert)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(AlertsCmd::Decide(d)) => decide(lists, audit, m, d),
        None => {
            let store = open_existing(lists, audit, m)?.store;
            let alerts = store.alerts(&AlertFilter {
                status: a.status,
                customer_id: a.customer,
                entity_id: a.entity,
                limit: a.limit,
                offset: a.offset,
            })?;
            if a.json {
                let mut out = BufWriter::new(std::io::stdout().lock());
                for x in &alerts {
                    serde_json::to_writer(&mut out, x)?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
            } else {
                print_table(&alerts)?;
                eprintln!("cordon: {} alerts", alerts.len());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn decide(
    lists: &ListArgs,
    audit: &AuditArgs,
    m: &MonitorDbArgs,
    d: DecideArgs,
) -> Result<ExitCode> {
    let verdict = match d.decision {
        DecisionArg::FalsePositive => Verdict::FalsePositive,
        DecisionArg::TrueMatch => Verdict::TrueMatch,
        DecisionArg::Escalate => Verdict::Escalate,
    };
    let mut store = open_existing(lists, audit, m)?.store;
    let audit_log = match crate::audit::target(lists, audit)? {
        Some(t) => Some(
            AuditLog::open(&t, AuditOptions::default())
                .with_context(|| format!("opening audit database {t}"))?,
        ),
        None => None,
    };
    let alert = store
        .decide(d.id, verdict, &d.by, &d.reason)
        .map_err(|e| anyhow!("{e}"))?;
    if let Some(log) = audit_log {
        let rec = crate::audit::record_of(cordon_server::monitor::decision_event(
            &alert,
            verdict,
            &d.reason,
            &d.by,
            format!("alert-{}", alert.id),
        ));
        write_audit(log, rec).context(
            "the decision is recorded in the monitoring database, but writing it to the audit trail failed",
        )?;
    }
    if d.json {
        println!("{}", serde_json::to_string(&alert)?);
    } else {
        println!(
            "alert {}: {} by {} → {}",
            alert.id,
            verdict.as_str(),
            d.by.trim(),
            alert.status.as_str()
        );
        if alert.status == Status::PendingReview {
            println!("four-eyes: a different reviewer must confirm it");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// Alerts as a readable table.
pub fn print_table(alerts: &[Alert]) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{:>6}  {:<14}  {:>5}  {:<16}  {:<18}  reason",
        "id", "status", "score", "customer", "entity"
    )?;
    for a in alerts {
        writeln!(
            out,
            "{:>6}  {:<14}  {:>5.3}  {:<16}  {:<18}  {}",
            a.id,
            a.status.as_str(),
            a.score,
            clip(&a.customer_id, 16),
            clip(&a.entity_id, 18),
            a.reason
        )?;
    }
    out.flush()?;
    Ok(())
}

fn print_alert(a: &Alert) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let ex = &a.explanation;
    let s = |k: &str| ex.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    writeln!(out, "alert {}: {}", a.id, a.status.as_str())?;
    writeln!(
        out,
        "customer   {} (version {})",
        a.customer_id, a.customer_version
    )?;
    writeln!(out, "entity     {} ({})", a.entity_id, a.list)?;
    writeln!(out, "score      {:.4}", a.score)?;
    writeln!(out, "reason     {}", a.reason)?;
    writeln!(out, "snapshot   {}", a.snapshot)?;
    writeln!(out, "created    {}", a.created)?;
    writeln!(out, "summary    {}", s("summary"))?;
    writeln!(out, "compared   {}  ↔  {}", s("query_form"), s("list_form"))?;
    if let Some(ev) = ex.get("evidence").and_then(|v| v.as_array()) {
        for e in ev {
            writeln!(
                out,
                "evidence   {} {:+.3} {}",
                e.get("kind").and_then(|v| v.as_str()).unwrap_or(""),
                e.get("effect").and_then(|v| v.as_f64()).unwrap_or(0.0),
                e.get("detail").and_then(|v| v.as_str()).unwrap_or("")
            )?;
        }
    }
    for d in &a.decisions {
        writeln!(
            out,
            "decision   {} round {}: {} by {} → {}: {}",
            d.time,
            d.round,
            d.decision.as_str(),
            d.by,
            d.outcome.as_str(),
            d.reason
        )?;
    }
    out.flush()?;
    Ok(())
}
