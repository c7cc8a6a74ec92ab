//! Human-readable output: result tables and `cordon lists`.

use crate::load::load_all;
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
        if explain {
            for line in m.explanation.to_text().lines() {
                println!("      {line}");
            }
        } else {
            println!("      {}", m.explanation.summary);
        }
    }
}

#[derive(Debug, Args)]
pub struct ListsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `cordon lists`.
pub fn lists(lists: &ListArgs, a: ListsArgs) -> Result<ExitCode> {
    let loaded = load_all(lists)?;
    if a.json {
        let out = serde_json::json!({
            "snapshot": loaded.snapshot,
            "entities": loaded.index.len(),
            "lists": loaded.lists,
            "ignored": loaded.ignored,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
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
        "{:<10}  {:>8}  {:>8}  {:>8}  {:<12}  file",
        "list", "entities", "names", "warnings", "date/sha256"
    );
    for l in &loaded.lists {
        let date_or_hash = l.published.clone().unwrap_or_else(|| {
            l.files
                .first()
                .map(|f| f.sha256.chars().take(12).collect())
                .unwrap_or_default()
        });
        println!(
            "{:<10}  {:>8}  {:>8}  {:>8}  {:<12}  {}",
            l.list,
            l.entities,
            l.names,
            l.warnings.len(),
            date_or_hash,
            l.files.first().map(|f| f.path.as_str()).unwrap_or("")
        );
        for f in l.files.iter().skip(1) {
            println!(
                "{:<10}  {:>8}  {:>8}  {:>8}  {:<12}  {}",
                "",
                "",
                "",
                "",
                f.sha256.chars().take(12).collect::<String>(),
                f.path
            );
        }
    }
    for l in &loaded.lists {
        for w in &l.warnings {
            println!("warning ({}): {w}", l.list);
        }
    }
    for p in &loaded.ignored {
        println!("ignored: {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}
