//! Loading the lists the user chose into one index, with a snapshot
//! version derived from the content of every file loaded.

use crate::ListArgs;
use anyhow::{bail, Context, Result};
use cordon_engine::Index;
use cordon_lists::{discover, load, ListSource, LoadedList};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Everything loaded: the index and what it was built from.
pub struct Loaded {
    pub index: Index,
    pub lists: Vec<ListSummary>,
    /// Content version of the snapshot: a hash over every loaded file's
    /// SHA-256, so the same files always give the same version.
    pub snapshot: String,
    pub ignored: Vec<PathBuf>,
    pub load_time: Duration,
    pub build_time: Duration,
}

/// One loaded list, without its entities.
#[derive(Debug, serde::Serialize)]
pub struct ListSummary {
    pub list: String,
    pub format: String,
    pub files: Vec<FileSummary>,
    pub published: Option<String>,
    pub entities: usize,
    pub names: usize,
    pub warnings: Vec<String>,
}

#[derive(Debug, serde::Serialize)]
pub struct FileSummary {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub records: usize,
}

/// The folder `--data` defaults to.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CORDON_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    dirs::data_dir().map(|d| d.join("cordon"))
}

/// The list sources chosen by `--data` and `--list`.
pub fn sources(args: &ListArgs) -> Result<(Vec<ListSource>, Vec<PathBuf>)> {
    let mut sources = Vec::new();
    let mut ignored = Vec::new();
    let explicit_dir = args.data.is_some();
    let dir = args.data.clone().or_else(default_data_dir);
    if let Some(dir) = dir {
        if dir.is_dir() {
            let d =
                discover(&dir).with_context(|| format!("reading list folder {}", dir.display()))?;
            sources.extend(d.sources);
            ignored.extend(d.ignored);
        } else if explicit_dir || std::env::var_os("CORDON_DATA_DIR").is_some() {
            bail!("list folder {} does not exist", dir.display());
        }
    }
    for spec in &args.lists {
        sources.push(ListSource::parse_explicit(spec)?);
    }
    if sources.is_empty() {
        bail!(
            "no lists to screen against: give --data DIR (a folder with sdn.csv, cons_prim.csv, ...) \
             or --list FORMAT=PATH, or set CORDON_DATA_DIR. The repository ships invented sample \
             data in data/sample/."
        );
    }
    Ok((sources, ignored))
}

/// Loads and indexes the chosen lists. Any list that fails to load fails the
/// whole load: screening against a silently partial snapshot is worse than
/// not screening.
pub fn load_all(args: &ListArgs) -> Result<Loaded> {
    let (sources, ignored) = sources(args)?;
    for p in &ignored {
        eprintln!(
            "cordon: ignored {} (not an official list file name)",
            p.display()
        );
    }
    let t0 = Instant::now();
    let mut loaded: Vec<LoadedList> = Vec::new();
    for s in &sources {
        let l = load(s).with_context(|| format!("loading {}", s.path.display()))?;
        if !l.warnings.is_empty() {
            eprintln!(
                "cordon: {} load warnings for {} (`cordon lists` shows them)",
                l.warnings.len(),
                l.list
            );
        }
        loaded.push(l);
    }
    let load_time = t0.elapsed();
    Ok(build(loaded, ignored, load_time))
}

/// Builds the index over loaded lists.
pub fn build(loaded: Vec<LoadedList>, ignored: Vec<PathBuf>, load_time: Duration) -> Loaded {
    let mut hasher = Sha256::new();
    let mut summaries = Vec::new();
    let mut entities = Vec::new();
    for l in loaded {
        for f in &l.files {
            hasher.update(f.sha256.as_bytes());
        }
        summaries.push(ListSummary {
            list: l.list.clone(),
            format: l.format.as_str().to_string(),
            files: l
                .files
                .iter()
                .map(|f| FileSummary {
                    path: f.path.display().to_string(),
                    sha256: f.sha256.clone(),
                    bytes: f.bytes,
                    records: f.records,
                })
                .collect(),
            published: l.published.clone(),
            entities: l.entities.len(),
            names: l.entities.iter().map(|e| e.names.len()).sum(),
            warnings: l
                .warnings
                .iter()
                .map(|w| {
                    format!(
                        "{}{}: {}",
                        w.file,
                        w.line.map(|n| format!(":{n}")).unwrap_or_default(),
                        w.message
                    )
                })
                .collect(),
        });
        entities.extend(l.entities);
    }
    let digest = hasher.finalize();
    let snapshot: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let t1 = Instant::now();
    let index = Index::build(entities);
    Loaded {
        index,
        lists: summaries,
        snapshot,
        ignored,
        load_time,
        build_time: t1.elapsed(),
    }
}
