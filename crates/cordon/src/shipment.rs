//! `cordon shipment FILE`: a whole shipment (parties, goods, route) into a
//! risk report (see `cordon_goods::screen_shipment`). Recorded in the audit
//! trail (source `cli-shipment`, as the server's `shipment` record: the
//! shipment, every party candidate, `match` when flagged) before the
//! report is printed.

use crate::audit::AuditArgs;
use crate::goods::GoodsDataArgs;
use crate::load::load_all;
use crate::ListArgs;
use anyhow::{bail, Context, Result};
use clap::Args;
use cordon_audit::{AuditResult, Decision};
use cordon_engine::{ScreenOptions, DEFAULT_LIMIT, DEFAULT_THRESHOLD};
use cordon_goods::{screen_shipment, Finding, Shipment, ShipmentReport, Verdict};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit status of a flagged shipment.
const FLAGGED: u8 = 3;

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 clear, 3 flagged (a party matches a list, an item is \
    on a control list, or a country of the route or of a party is under a route rule), \
    1 an error (unreadable file, unknown role, country or field, invalid HS code), 2 a usage error."
)]
pub struct ShipmentArgs {
    /// The shipment, JSON or YAML (by extension .json/.yaml/.yml, else by
    /// content): {"parties": [{"role", "name", "country", "kind"}], "items":
    /// [{"hs_code", "description", "quantity", "value", "currency"}],
    /// "route": {"origin", "transit": [], "destination"}, "reference"}.
    /// Roles: exporter, consignee, end_user, freight_forwarder, bank,
    /// notify_party. Countries: ISO codes or English names.
    pub file: PathBuf,
    /// Print the report as one JSON object (`verdict`, `reasons`, `notes`,
    /// `parties`, `items`, `route`, `goods_lists`, `snapshot`).
    #[arg(long)]
    pub json: bool,
    /// Score at or above which a party matches a list entry, in [0, 1].
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
    #[command(flatten)]
    pub data: GoodsDataArgs,
}

#[derive(Serialize)]
struct Output<'a> {
    /// Content version of the sanctions lists screened against.
    snapshot: &'a str,
    #[serde(flatten)]
    report: &'a ShipmentReport,
}

pub fn run(lists: &ListArgs, audit: &AuditArgs, a: ShipmentArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1, got {}", a.threshold);
    }
    let shipment = read_shipment(&a.file)?;
    check_parties(&shipment, &a.file)?;
    let goods = a.data.catalog()?;
    let loaded = load_all(lists)?;
    let opts = ScreenOptions {
        limit: DEFAULT_LIMIT,
        threshold: a.threshold,
    };
    let report = screen_shipment(&loaded.index, &shipment, &goods, &opts)
        .with_context(|| format!("screening {}", a.file.display()))?;
    record(
        lists,
        audit,
        &shipment,
        &report,
        &loaded.snapshot,
        a.threshold,
    )?;
    if a.json {
        let out = Output {
            snapshot: &loaded.snapshot,
            report: &report,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_report(&report, &loaded.snapshot);
    }
    Ok(match report.verdict {
        Verdict::Clear => ExitCode::SUCCESS,
        Verdict::Flagged => ExitCode::from(FLAGGED),
    })
}

/// The engine's query checks on every party's name (sizes within
/// `cordon_engine::limits`, letters to match); countries are resolved,
/// and refused when unknown, by `screen_shipment`.
fn check_parties(shipment: &Shipment, path: &Path) -> Result<()> {
    let today = crate::screen::today();
    for (i, p) in shipment.parties.iter().enumerate() {
        let query = cordon_engine::Query {
            kind: p.kind,
            ..cordon_engine::Query::new(p.name.as_str())
        };
        query
            .validate(today)
            .with_context(|| format!("shipment {}: parties[{i}]", path.display()))?;
    }
    Ok(())
}

/// Records the screened shipment, committed before the report is shown.
fn record(
    lists: &ListArgs,
    audit: &AuditArgs,
    shipment: &Shipment,
    report: &ShipmentReport,
    snapshot: &str,
    threshold: f64,
) -> Result<()> {
    let results = report
        .parties
        .iter()
        .flat_map(|p| &p.matches)
        .map(|m| AuditResult {
            entity_id: m.entity_id.clone(),
            caption: m.name.clone(),
            score: m.score,
            is_match: m.is_match,
        })
        .collect();
    let decision = match report.verdict {
        Verdict::Flagged => Decision::Match,
        Verdict::Clear => Decision::NoMatch,
    };
    let query = serde_json::json!({
        "shipment": shipment,
        "threshold": threshold,
        "verdict": report.verdict,
        "reasons": report.reasons.len(),
    });
    crate::audit::record_one(
        lists,
        audit,
        "cli-shipment",
        query,
        snapshot,
        results,
        decision,
    )
}

/// Reads a shipment from JSON or YAML.
fn read_shipment(path: &Path) -> Result<Shipment> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading shipment {}", path.display()))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let yaml = match ext.as_deref() {
        Some("yaml" | "yml") => true,
        Some("json") => false,
        _ => !text.trim_start().starts_with(['{', '[']),
    };
    let parsed = if yaml {
        serde_norway::from_str(&text).map_err(anyhow::Error::from)
    } else {
        serde_json::from_str(&text).map_err(anyhow::Error::from)
    };
    parsed.with_context(|| {
        format!(
            "shipment {} is not a valid {} shipment",
            path.display(),
            if yaml { "YAML" } else { "JSON" }
        )
    })
}

fn print_report(r: &ShipmentReport, snapshot: &str) {
    let verdict = match r.verdict {
        Verdict::Clear => "CLEAR",
        Verdict::Flagged => "FLAGGED",
    };
    match &r.reference {
        Some(id) => println!("shipment {id}: {verdict}"),
        None => println!("shipment: {verdict}"),
    }
    let lists: Vec<String> = r
        .goods_lists
        .iter()
        .map(|l| format!("{} {}", l.id.to_uppercase(), l.version))
        .collect();
    println!(
        "  screened against lists snapshot {snapshot}; goods against {}",
        lists.join(", ")
    );
    print_findings("reasons", &r.reasons);
    print_findings("notes", &r.notes);

    println!("\nparties");
    for p in &r.parties {
        let country = p
            .country
            .as_ref()
            .map(|c| format!(" ({})", c.code))
            .unwrap_or_default();
        let verdict = if p.matches.is_empty() {
            "no match".to_string()
        } else {
            format!("{} match(es)", p.matches.len())
        };
        println!("  {:<18} {}{country}: {verdict}", p.role.as_str(), p.name);
        for m in &p.matches {
            println!(
                "    {:.2}  {}  {} [{}]",
                m.score,
                m.entity_id,
                m.name,
                m.programs.join(", ")
            );
        }
    }
    println!("\nitems");
    for (i, it) in r.items.iter().enumerate() {
        let code = match (&it.hs_code, &it.code) {
            (Some(given), Some(code)) => format!("HS {} → {code}", given.trim()),
            _ => "no HS code".to_string(),
        };
        let desc = it.description.as_deref().unwrap_or("");
        println!(
            "  [{i}] {code}  {desc}: {}",
            if it.hits.is_empty() {
                "not listed"
            } else {
                "LISTED"
            }
        );
    }
    let route = &r.route;
    let mut legs: Vec<String> = Vec::new();
    legs.extend(route.origin.iter().map(|c| c.code.clone()));
    legs.extend(route.transit.iter().map(|c| c.code.clone()));
    legs.extend(route.destination.iter().map(|c| c.code.clone()));
    if !legs.is_empty() {
        println!("\nroute  {}", legs.join(" → "));
    }
}

fn print_findings(title: &str, findings: &[Finding]) {
    if findings.is_empty() {
        return;
    }
    println!("\n{title}");
    for f in findings {
        println!("  - {}: {}", f.subject, f.message);
        if let Some(s) = &f.source {
            println!("      source: {s}");
        }
    }
}
