//! Human-readable output: result tables and `cordon lists`.

use crate::load::{build, from_snapshot, sources};
use crate::ListArgs;
use anyhow::Result;
use clap::Args;
use cordon_engine::Match;
use std::process::ExitCode;

/// Shortens `s` to at most `n` characters, marking the cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Prints screening results as a table, each followed by its explanation
/// summary (or the full explanation with `explain`).
pub fn print_matches(query: &str, snapshot: &str, matches: &[Match], explain: bool) {
    println!("query: {query}   snapshot: {snapshot}");
    if matches.is_empty() {
        println!("no candidates");
        return;
    }
    println!(
        "{:>2}  {:>5}  {:<5}  {:<18}  {:<12}  {:<40}  programs",
        "#", "score", "match", "entity", "kind", "name"
    );
    for (i, m) in matches.iter().enumerate() {
        println!(
            "{:>2}  {:>5.3}  {:<5}  {:<18}  {:<12}  {:<40}  {}",
            i + 1,
            m.score,
            if m.is_match { "YES" } else { "no" },
            m.entity_id,
            m.kind.as_str(),
            clip(&m.name, 40),
            clip(&m.programs.join(", "), 40)
        );
        if m.matched_name != m.name {
            println!("{:>42}matched as: {}", "", m.matched_name);
        }
        if let Some(o) = &m.ownership {
            for f in &o.findings {
                println!(
                    "      ownership: {} under the {}{}: {}",
                    f.verdict,
                    f.rule_name,
                    if f.in_force {
                        String::new()
                    } else {
                        format!(" (NOT IN FORCE on {}: {})", o.as_of, f.windows)
                    },
                    f.summary
                );
            }
        }
        if explain {
            for line in m.explanation.to_text().lines() {
                println!("      {line}");
            }
        } else {
            println!("      {}", m.explanation.summary);
        }
    }
}

/// The ownership part of `cordon lists`.
fn print_ownership(o: &cordon_store::ownership::OwnershipSummary) {
    println!(
        "ownership {}: {} files, {} parties, {} interests; {} owners, {} linked to list entities ({} links); {} parties derived, {} captured (as of {}, rules {}; resolve {:.0} ms)",
        o.version,
        o.files.len(),
        o.parties,
        o.interests,
        o.owners,
        o.owners_linked,
        o.links,
        o.derived,
        o.captured,
        o.as_of,
        o.rules_source,
        o.resolve_time.as_secs_f64() * 1e3
    );
    for f in &o.files {
        println!(
            "  {:<9}  {:>7} parties  {:>7} interests  {}  {}",
            f.role,
            f.parties,
            f.interests,
            f.sha256.chars().take(16).collect::<String>(),
            f.path
        );
    }
    for r in &o.rules {
        println!(
            "  rule {:<22}  {:<13}  {} ({})",
            r.id,
            if r.in_force {
                "in force"
            } else {
                "NOT IN FORCE"
            },
            r.name,
            r.windows
        );
    }
    for p in &o.problems {
        println!("  problem: {p}");
    }
}

#[derive(Debug, Args)]
pub struct ListsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `cordon lists`: every list found, with the file it came from, its date
/// and age, version, counts, files and warnings, then the superseded and
/// ignored files. Each list is loaded on its own, so one that fails (or
/// holds no entities) is shown with its error beside the others; the
/// command then exits with status 1. Lists older than `--max-age` are
/// marked STALE and warned about on stderr (exit status unchanged).
pub fn lists(lists: &ListArgs, a: ListsArgs) -> Result<ExitCode> {
    let chosen = sources(lists)?;
    let t0 = std::time::Instant::now();
    let mut loaded = Vec::new();
    let mut errors: Vec<(String, String)> = Vec::new();
    for s in &chosen.sources {
        match cordon_lists::load(s) {
            Ok(l) => match cordon_store::check_not_empty(&l) {
                Ok(()) => loaded.push(l),
                Err(e) => errors.push((s.path.display().to_string(), format!("{e}"))),
            },
            Err(e) => errors.push((s.path.display().to_string(), format!("{e}"))),
        }
    }
    let ownership = match cordon_store::ownership::load_ownership(&chosen.ownership) {
        Ok(o) => o,
        Err(e) => {
            errors.push(("ownership data".to_string(), format!("{e}")));
            None
        }
    };
    let snap = build(loaded, chosen, t0.elapsed(), ownership, lists.max_age);
    let ownership = snap.info().ownership.clone();
    let stale = snap.info().stale_now();
    let today = cordon_lists::version::utc_date(std::time::SystemTime::now());
    let loaded = from_snapshot(snap);
    let code = if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    if a.json {
        let out = serde_json::json!({
            "snapshot": loaded.snapshot,
            "entities": loaded.index.len(),
            "max_age_days": lists.max_age,
            "lists": loaded.lists.iter().map(|l| l.to_json(today, &stale)).collect::<Vec<_>>(),
            "stale": stale,
            "ownership": ownership,
            "superseded": loaded.superseded,
            "ignored": loaded.ignored,
            "errors": errors
                .iter()
                .map(|(path, error)| serde_json::json!({"path": path, "error": error}))
                .collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(code);
    }
    println!(
        "snapshot {}: {} entities, {} indexed name forms, {} distinct tokens (load {:.0} ms, index {:.0} ms)",
        loaded.snapshot,
        loaded.index.len(),
        loaded.index.name_count(),
        loaded.index.token_count(),
        loaded.load_time.as_secs_f64() * 1e3,
        loaded.build_time.as_secs_f64() * 1e3
    );
    println!(
        "{:<20}  {:<13}  {:<10}  {:<13}  {:>9}  {:<16}  {:>8}  {:<22}  {:>8}  {:>8}  file",
        "list",
        "format",
        "date",
        "dated by",
        "age",
        "version",
        "entities",
        "pers/org/vessel/air",
        "names",
        "warnings"
    );
    for l in &loaded.lists {
        let k = &l.by_kind;
        let is_stale = stale.iter().any(|s| s.list == l.list);
        println!(
            "{:<20}  {:<13}  {:<10}  {:<13}  {:>9}  {:<16}  {:>8}  {:<22}  {:>8}  {:>8}  {}",
            l.list,
            l.format,
            l.as_of.as_deref().unwrap_or("-"),
            l.as_of_source.unwrap_or("undated"),
            match (l.age_days(today), is_stale) {
                (Some(d), true) => format!("{d}d STALE"),
                (Some(d), false) => format!("{d}d"),
                (None, _) => "? STALE".to_string(),
            },
            l.version,
            l.entities,
            format!(
                "{}/{}/{}/{}",
                k.persons, k.organizations, k.vessels, k.aircraft
            ),
            l.names,
            l.warnings.len(),
            l.source_file()
        );
        for f in &l.files {
            println!(
                "{:<20}  {}  {}",
                "",
                f.sha256.chars().take(16).collect::<String>(),
                f.path
            );
        }
    }
    for l in &loaded.lists {
        for w in &l.warnings {
            println!("warning ({}): {w}", l.list);
        }
    }
    for s in &stale {
        println!("STALE: {s}");
    }
    if let Some(o) = &ownership {
        print_ownership(o);
    }
    for s in &loaded.superseded {
        println!(
            "superseded: {} ({}, {}{}) by {}",
            s.path.display(),
            s.format,
            s.date.as_deref().unwrap_or("undated"),
            s.dated_by
                .as_deref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default(),
            s.by.display()
        );
    }
    for p in &loaded.ignored {
        println!("ignored: {}", p.display());
    }
    for (path, e) in &errors {
        println!("error: {path}: {e}");
    }
    Ok(code)
}
