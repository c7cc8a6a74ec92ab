//! `cordon diff OLD NEW`: entities added, removed and changed between two
//! versions of the lists.

use crate::output::clip;
use anyhow::{Context, Result};
use clap::Args;
use cordon_engine::Entity;
use cordon_lists::ListFormat;
use cordon_store::{diff, load_entities};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older version: a list file (format from its name, e.g.
    /// sdn_2024-05-01.csv, or --format) or a data folder.
    pub old: PathBuf,
    /// The newer version, likewise.
    pub new: PathBuf,
    /// The format of OLD and NEW when their names do not tell it (ofac-sdn,
    /// ofac-cons, un-sc, us-csl, bis-dpl, eu-fsf, uk-fcdo, uk-ofsi,
    /// opensanctions, ...). With folders, compares only that format's list.
    #[arg(long)]
    pub format: Option<String>,
    /// Print `{"added": [ids], "removed": [ids], "changed": [{"id",
    /// "fields"}]}` instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `cordon diff`. Exit status 0 whether or not the versions differ; 1 when
/// either cannot be loaded.
pub fn run(a: DiffArgs) -> Result<ExitCode> {
    let format: Option<ListFormat> = a.format.as_deref().map(str::parse).transpose()?;
    let old =
        load_entities(&a.old, format).with_context(|| format!("loading {}", a.old.display()))?;
    let new =
        load_entities(&a.new, format).with_context(|| format!("loading {}", a.new.display()))?;
    let d = diff(&old, &new);
    if a.json {
        println!("{}", serde_json::to_string(&d)?);
        return Ok(ExitCode::SUCCESS);
    }
    let names = |v: &[Entity]| -> HashMap<String, String> {
        v.iter()
            .map(|e| {
                let name = e.names.first().map(|n| n.name.clone()).unwrap_or_default();
                (e.id.clone(), name)
            })
            .collect()
    };
    let (old_names, new_names) = (names(&old), names(&new));
    println!(
        "{} -> {}: {} → {} entities; {} added, {} removed, {} changed",
        a.old.display(),
        a.new.display(),
        old.len(),
        new.len(),
        d.added.len(),
        d.removed.len(),
        d.changed.len()
    );
    if d.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    println!("{:<8}  {:<22}  {:<44}  fields", "change", "entity", "name");
    let name_of = |id: &str, m: &HashMap<String, String>| {
        clip(m.get(id).map(String::as_str).unwrap_or(""), 44)
    };
    for id in &d.added {
        println!(
            "{:<8}  {:<22}  {:<44}",
            "added",
            id,
            name_of(id, &new_names)
        );
    }
    for id in &d.removed {
        println!(
            "{:<8}  {:<22}  {:<44}",
            "removed",
            id,
            name_of(id, &old_names)
        );
    }
    for c in &d.changed {
        println!(
            "{:<8}  {:<22}  {:<44}  {}",
            "changed",
            c.id,
            name_of(&c.id, &new_names),
            c.fields.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
