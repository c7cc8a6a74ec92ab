//! Loading the lists the user chose into one snapshot (see `cordon-store`):
//! the index, and what it was built from, with a content version.

use crate::ListArgs;
use anyhow::{bail, Context, Result};
use cordon_engine::Index;
use cordon_lists::{discover, load, ListFormat, ListSource, LoadedList};
use cordon_store::ownership::{is_ftm_list_file, is_ownership_file, load_ownership, OwnershipSpec};
pub use cordon_store::ListSummary;
use cordon_store::{check_not_empty, is_store, Snapshot, SnapshotInfo, Store, SupersededFile};
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
    /// The ownership data: `--ownership` files, those found under
    /// `--data`, and the OpenSanctions list files (read for ownership
    /// records too).
    pub ownership: OwnershipSpec,
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
/// snapshot. A `--list` replaces the versions of the same list found in the
/// folder (they are reported as superseded by it); a list whose versions in
/// the folder conflict ([`cordon_lists::Conflict`]) and is not given with
/// `--list` is an error naming its files; two `--list` giving the same list
/// are an error.
pub fn sources(args: &ListArgs) -> Result<Chosen> {
    let mut chosen = Chosen {
        sources: Vec::new(),
        superseded: Vec::new(),
        ignored: Vec::new(),
        ownership: ownership_spec(args)?,
    };
    let mut explicit: Vec<ListSource> = Vec::new();
    for spec in &args.lists {
        let s = ListSource::parse_explicit(spec)?;
        if let Some(other) = explicit.iter().find(|o| o.list_id() == s.list_id()) {
            bail!(
                "--list {} and --list {}={} both give list {}: give one version of each list",
                spec,
                other.format,
                other.path.display(),
                s.list_id()
            );
        }
        explicit.push(s);
    }
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
            let picked = |list: &str| explicit.iter().find(|e| e.list_id() == list);
            let conflicts: Vec<String> = d
                .conflicts
                .iter()
                .filter(|c| picked(&c.list).is_none())
                .map(ToString::to_string)
                .collect();
            if !conflicts.is_empty() {
                bail!("{}: {}", lists_dir.display(), conflicts.join("\n"));
            }
            // The versions of a conflicting list picked with --list are
            // reported as superseded by the file picked.
            for c in &d.conflicts {
                if let Some(e) = picked(&c.list) {
                    for v in c
                        .versions
                        .iter()
                        .filter(|v| !same_file(&v.source.path, &e.path))
                    {
                        chosen.superseded.push(SupersededFile {
                            format: v.source.format.as_str().to_string(),
                            path: v.source.path.clone(),
                            companions: Vec::new(),
                            date: v.date.map(|d| d.to_string()),
                            dated_by: v.dated_by.map(|b| b.to_string()),
                            by: e.path.clone(),
                        });
                    }
                }
            }
            for s in d.sources {
                match picked(&s.list_id()) {
                    Some(e) => chosen.superseded.push(SupersededFile {
                        format: s.format.as_str().to_string(),
                        path: s.path,
                        companions: Vec::new(),
                        date: None,
                        dated_by: None,
                        by: e.path.clone(),
                    }),
                    None => chosen.sources.push(s),
                }
            }
            chosen
                .superseded
                .extend(d.superseded.into_iter().map(Into::into));
            // Ownership files are recognised by name among the files that
            // are not list files.
            for p in d.ignored {
                if is_ownership_file(&p) {
                    chosen.ownership.files.push(p);
                } else {
                    chosen.ignored.push(p);
                }
            }
        } else if explicit_dir || std::env::var_os("CORDON_DATA_DIR").is_some() {
            bail!("list folder {} does not exist", dir.display());
        }
    }
    chosen.sources.extend(explicit);
    chosen.ownership.list_files = chosen
        .sources
        .iter()
        .filter(|s| s.format == ListFormat::OpenSanctions && is_ftm_list_file(&s.path))
        .map(|s| s.path.clone())
        .collect();
    if chosen.sources.is_empty() {
        bail!(
            "no lists to screen against: give --data DIR (a folder with sdn.csv, cons_prim.csv, ...) \
             or --list FORMAT=PATH, set CORDON_DATA_DIR, or run `cordon update`. The repository \
             ships invented sample data in data/sample/."
        );
    }
    Ok(chosen)
}

/// `--ownership`, `--ownership-rules` and `--ownership-date`; the files
/// found under `--data` are added by [`sources`].
fn ownership_spec(args: &ListArgs) -> Result<OwnershipSpec> {
    for p in &args.ownership {
        if !p.is_file() {
            bail!("--ownership {}: no such file", p.display());
        }
    }
    let as_of = match &args.ownership_date {
        Some(d) => Some(
            d.parse::<cordon_ownership::Date>()
                .map_err(|e| anyhow::anyhow!("--ownership-date {d:?}: {e}"))?,
        ),
        None => None,
    };
    Ok(OwnershipSpec {
        files: args.ownership.clone(),
        list_files: Vec::new(),
        rules: args.ownership_rules.clone(),
        as_of,
    })
}

/// Whether two paths name the same file (however they are spelled).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Loads and indexes the chosen lists. Any list that fails to load fails the
/// whole load: screening against a silently partial snapshot is worse than
/// not screening.
pub fn load_all(args: &ListArgs) -> Result<Loaded> {
    Ok(from_snapshot(snapshot(args)?))
}

/// Loads and indexes the chosen lists into a [`Snapshot`] (what the
/// server keeps in service and reloads). A list that fails to load or
/// holds no entities fails the whole snapshot; a list older than
/// `--max-age` is a warning on stderr.
pub fn snapshot(args: &ListArgs) -> Result<Snapshot> {
    let chosen = sources(args)?;
    for s in &chosen.superseded {
        eprintln!(
            "cordon: superseded {} ({}{}; loading {} instead)",
            s.path.display(),
            s.format,
            match (&s.date, &s.dated_by) {
                (Some(d), Some(by)) => format!(", {d} by {by}"),
                (None, Some(by)) => format!(", {by}"),
                _ => ", undated".to_string(),
            },
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
        check_not_empty(&l)?;
        if !l.warnings.is_empty() {
            eprintln!(
                "cordon: {} load warnings for {} (`cordon lists` shows them)",
                l.warnings.len(),
                l.list
            );
        }
        loaded.push(l);
    }
    let ownership = load_ownership(&chosen.ownership)?;
    Ok(build(loaded, chosen, t0.elapsed(), ownership, args.max_age))
}

/// The snapshot of loaded lists and ownership data, with the stale lists
/// and the problems of the ownership data warned about on stderr.
pub fn build(
    loaded: Vec<LoadedList>,
    chosen: Chosen,
    load_time: Duration,
    ownership: Option<cordon_store::ownership::LoadedOwnership>,
    max_age: u32,
) -> Snapshot {
    let mut snap = Snapshot::build_with_ownership(
        loaded,
        chosen.superseded,
        chosen.ignored,
        load_time,
        ownership,
    );
    snap.set_max_age_days(max_age);
    warn_stale(snap.info());
    warn_ownership(snap.info());
    snap
}

/// Prints the problems of the ownership data (cycles, shares over 100%)
/// on stderr: the assessment goes on, but a reader must know.
pub fn warn_ownership(info: &SnapshotInfo) {
    if let Some(o) = &info.ownership {
        for p in &o.problems {
            eprintln!("cordon: ownership data: {p}");
        }
    }
}

/// Prints a loud warning for every list older than `--max-age`.
pub fn warn_stale(info: &SnapshotInfo) {
    for s in info.stale_now() {
        eprintln!("cordon: WARNING: STALE LIST: {s} (--max-age / CORDON_MAX_AGE_DAYS)");
    }
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
