//! Loading the lists the user chose into one snapshot (see `cordon-store`):
//! the index, and what it was built from, with a content version.

use crate::ListArgs;
use anyhow::{bail, Context, Result};
use cordon_engine::Index;
use cordon_lists::{discover, load, ListSource, LoadedList};
pub use cordon_store::ListSummary;
use cordon_store::{is_store, Snapshot, Store, SupersededFile};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Everything loaded: the index and what it was built from.
pub struct Loaded {
    pub index: Index,
    pub lists: Vec<ListSummary>,
    /// Content version of the snapshot (see `cordon_store::SnapshotInfo`).
    pub snapshot: String,
    pub ignored: Vec<PathBuf>,
    pub superseded: Vec<SupersededFile>,
    pub load_time: Duration,
    pub build_time: Duration,
}

/// The lists chosen by `--data` and `--list`, before loading.
pub struct Chosen {
    pub sources: Vec<ListSource>,
    pub superseded: Vec<SupersededFile>,
    pub ignored: Vec<PathBuf>,
}

/// The folder `--data` defaults to.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CORDON_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    dirs::data_dir().map(|d| d.join("cordon"))
}

/// The folder `--data` names (or its default), if any.
pub fn data_dir(args: &ListArgs) -> Option<PathBuf> {
    args.data.clone().or_else(default_data_dir)
}

/// The list sources chosen by `--data` and `--list`. A data folder that is
/// a snapshot store (written by `cordon update`) gives its current
/// snapshot.
pub fn sources(args: &ListArgs) -> Result<Chosen> {
    let mut chosen = Chosen {
        sources: Vec::new(),
        superseded: Vec::new(),
        ignored: Vec::new(),
    };
    let explicit_dir = args.data.is_some();
    if let Some(dir) = data_dir(args) {
        if dir.is_dir() {
            let lists_dir = if is_store(&dir) {
                Store::open(&dir)
                    .current()
                    .with_context(|| format!("reading snapshot store {}", dir.display()))?
                    .with_context(|| {
                        format!(
                            "{} is a snapshot store without a current snapshot: run `cordon update`",
                            dir.display()
                        )
                    })?
            } else {
                dir.clone()
            };
            let d = discover(&lists_dir)
                .with_context(|| format!("reading list folder {}", lists_dir.display()))?;
            chosen.sources.extend(d.sources);
            chosen
                .superseded
                .extend(d.superseded.into_iter().map(Into::into));
            chosen.ignored.extend(d.ignored);
        } else if explicit_dir || std::env::var_os("CORDON_DATA_DIR").is_some() {
            bail!("list folder {} does not exist", dir.display());
        }
    }
    for spec in &args.lists {
        chosen.sources.push(ListSource::parse_explicit(spec)?);
    }
    if chosen.sources.is_empty() {
        bail!(
            "no lists to screen against: give --data DIR (a folder with sdn.csv, cons_prim.csv, ...) \
             or --list FORMAT=PATH, set CORDON_DATA_DIR, or run `cordon update`. The repository \
             ships invented sample data in data/sample/."
        );
    }
    Ok(chosen)
}

/// Loads and indexes the chosen lists. Any list that fails to load fails the
/// whole load: screening against a silently partial snapshot is worse than
/// not screening.
pub fn load_all(args: &ListArgs) -> Result<Loaded> {
    Ok(from_snapshot(snapshot(args)?))
}

/// Loads and indexes the chosen lists into a [`Snapshot`] (what the
/// server keeps in service and reloads).
pub fn snapshot(args: &ListArgs) -> Result<Snapshot> {
    let chosen = sources(args)?;
    for s in &chosen.superseded {
        eprintln!(
            "cordon: superseded {} (a newer {} was found: {})",
            s.path.display(),
            s.format,
            s.by.display()
        );
    }
    for p in &chosen.ignored {
        eprintln!(
            "cordon: ignored {} (not an official list file name)",
            p.display()
        );
    }
    let t0 = Instant::now();
    let mut loaded: Vec<LoadedList> = Vec::new();
    for s in &chosen.sources {
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
    Ok(Snapshot::build(
        loaded,
        chosen.superseded,
        chosen.ignored,
        t0.elapsed(),
    ))
}

/// Builds the snapshot over loaded lists.
pub fn build(
    loaded: Vec<LoadedList>,
    superseded: Vec<SupersededFile>,
    ignored: Vec<PathBuf>,
    load_time: Duration,
) -> Loaded {
    from_snapshot(Snapshot::build(loaded, superseded, ignored, load_time))
}

/// The CLI's view of a snapshot.
pub fn from_snapshot(s: Snapshot) -> Loaded {
    let (index, info) = s.into_parts();
    Loaded {
        index,
        lists: info.lists,
        snapshot: info.version,
        ignored: info.ignored,
        superseded: info.superseded,
        load_time: info.load_time,
        build_time: info.build_time,
    }
}
