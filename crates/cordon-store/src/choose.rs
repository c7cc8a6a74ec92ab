//! Which lists to load, and loading them into a [`Snapshot`]: the one
//! implementation behind the CLI's `--data`/`--list`/`--ownership` flags
//! and the Python package's `Screener(data=..., lists=...)`, so both find
//! the same files, refuse the same choices with the same messages, and
//! build the same snapshot version.
//!
//! A data folder is searched recursively for official list file names
//! ([`cordon_lists::discover`]); a folder kept by `cordon update` gives
//! its current snapshot. An explicit `FORMAT=PATH` replaces the versions
//! of the same list found in the folder (they are reported as superseded
//! by it). What a user should know but that does not stop the load
//! (superseded and ignored files, load warnings, stale lists, problems of
//! the ownership data) is handed to a `note` callback, one line each; the
//! CLI prints them on stderr.

use crate::ownership::{
    is_ftm_list_file, is_ownership_file, load_ownership, LoadedOwnership, OwnershipSpec,
};
use crate::{check_not_empty, is_store, Snapshot, Store, SupersededFile};
use cordon_lists::{discover, load, ListFormat, ListSource, LoadedList};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why the chosen lists could not be found or loaded. Every message names
/// the flag, file or folder at fault (the CLI's flag names: the Python
/// package's arguments map one to one onto them).
#[derive(Debug, thiserror::Error)]
pub enum ChoiceError {
    /// A `FORMAT=PATH` that does not parse.
    #[error(transparent)]
    Spec(Box<cordon_lists::ListError>),
    /// Two explicit files of the same list.
    #[error("--list {spec} and --list {other_format}={} both give list {list}: give one version of each list", other_path.display())]
    TwiceTheSameList {
        spec: String,
        other_format: String,
        other_path: PathBuf,
        list: String,
    },
    /// A snapshot store whose manifest or pointer cannot be read.
    #[error("reading snapshot store {}", path.display())]
    ReadStore {
        path: PathBuf,
        #[source]
        source: Box<crate::StoreError>,
    },
    /// A snapshot store that `cordon update` never completed.
    #[error("{} is a snapshot store without a current snapshot: run `cordon update`", path.display())]
    NoCurrentSnapshot { path: PathBuf },
    /// A list folder that cannot be searched.
    #[error("reading list folder {}", path.display())]
    ReadFolder {
        path: PathBuf,
        #[source]
        source: Box<cordon_lists::ListError>,
    },
    /// Versions of a list that disagree too much for the newest to be
    /// taken silently.
    #[error("{}: {conflicts}", path.display())]
    Conflicts { path: PathBuf, conflicts: String },
    /// A data folder given (or set in `CORDON_DATA_DIR`) that is not there.
    #[error("list folder {} does not exist", path.display())]
    NoFolder { path: PathBuf },
    /// Nothing to screen against.
    #[error(
        "no lists to screen against: give --data DIR (a folder with sdn.csv, cons_prim.csv, ...) \
         or --list FORMAT=PATH, set CORDON_DATA_DIR, or run `cordon update`. The repository \
         ships invented sample data in data/sample/."
    )]
    NoLists,
    /// An `--ownership` file that is not there.
    #[error("--ownership {}: no such file", path.display())]
    NoOwnershipFile { path: PathBuf },
    /// An `--ownership-date` that is not a date.
    #[error("--ownership-date {value:?}: {message}")]
    OwnershipDate { value: String, message: String },
    /// A list file that failed to load.
    #[error("loading {}", path.display())]
    Load {
        path: PathBuf,
        #[source]
        source: Box<cordon_lists::ListError>,
    },
    /// A list with no entities, or ownership data that failed to load.
    #[error(transparent)]
    Store(Box<crate::StoreError>),
}

impl From<crate::StoreError> for ChoiceError {
    fn from(e: crate::StoreError) -> ChoiceError {
        ChoiceError::Store(Box::new(e))
    }
}

/// The lists a user chose: the CLI's `--data`, `--list`, `--max-age` and
/// ownership flags.
#[derive(Debug, Clone, Default)]
pub struct ListChoice {
    /// `--data`: a list folder or a data folder kept by `cordon update`.
    /// `None`: `CORDON_DATA_DIR`, else the platform data directory.
    pub data: Option<PathBuf>,
    /// `--list FORMAT=PATH`, each as written.
    pub lists: Vec<String>,
    /// `--max-age`: days after which a list is reported stale.
    pub max_age: u32,
    /// `--ownership` files.
    pub ownership: Vec<PathBuf>,
    /// `--ownership-rules`.
    pub ownership_rules: Option<PathBuf>,
    /// `--ownership-date`, as written (YYYY-MM-DD).
    pub ownership_date: Option<String>,
}

/// The lists chosen, before loading.
pub struct Chosen {
    pub sources: Vec<ListSource>,
    pub superseded: Vec<SupersededFile>,
    pub ignored: Vec<PathBuf>,
    /// The ownership data: `--ownership` files, those found under
    /// `--data`, and the OpenSanctions list files (read for ownership
    /// records too).
    pub ownership: OwnershipSpec,
}

/// The folder `--data` defaults to: `CORDON_DATA_DIR`, else the platform
/// data directory (e.g. `~/.local/share/cordon`).
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CORDON_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    dirs::data_dir().map(|d| d.join("cordon"))
}

impl ListChoice {
    /// The folder `--data` names (or its default), if any.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.data.clone().or_else(default_data_dir)
    }

    /// The list sources chosen. A data folder that is a snapshot store
    /// gives its current snapshot. An explicit list replaces the versions
    /// of the same list found in the folder (reported as superseded by
    /// it); a list whose versions in the folder conflict
    /// ([`cordon_lists::Conflict`]) and is not given explicitly is an error
    /// naming its files; two explicit files of one list are an error.
    pub fn sources(&self) -> Result<Chosen, ChoiceError> {
        let mut chosen = Chosen {
            sources: Vec::new(),
            superseded: Vec::new(),
            ignored: Vec::new(),
            ownership: self.ownership_spec()?,
        };
        let mut explicit: Vec<ListSource> = Vec::new();
        for spec in &self.lists {
            let s = ListSource::parse_explicit(spec).map_err(|e| ChoiceError::Spec(Box::new(e)))?;
            if let Some(other) = explicit.iter().find(|o| o.list_id() == s.list_id()) {
                return Err(ChoiceError::TwiceTheSameList {
                    spec: spec.clone(),
                    other_format: other.format.to_string(),
                    other_path: other.path.clone(),
                    list: s.list_id(),
                });
            }
            explicit.push(s);
        }
        let explicit_dir = self.data.is_some();
        if let Some(dir) = self.data_dir() {
            if dir.is_dir() {
                self.discover_into(&dir, &explicit, &mut chosen)?;
            } else if explicit_dir || std::env::var_os("CORDON_DATA_DIR").is_some() {
                return Err(ChoiceError::NoFolder { path: dir });
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
            return Err(ChoiceError::NoLists);
        }
        Ok(chosen)
    }

    /// The lists found in `dir`, less those given explicitly.
    fn discover_into(
        &self,
        dir: &Path,
        explicit: &[ListSource],
        chosen: &mut Chosen,
    ) -> Result<(), ChoiceError> {
        let lists_dir = if is_store(dir) {
            Store::open(dir)
                .current()
                .map_err(|source| ChoiceError::ReadStore {
                    path: dir.to_path_buf(),
                    source: Box::new(source),
                })?
                .ok_or_else(|| ChoiceError::NoCurrentSnapshot {
                    path: dir.to_path_buf(),
                })?
        } else {
            dir.to_path_buf()
        };
        let d = discover(&lists_dir).map_err(|source| ChoiceError::ReadFolder {
            path: lists_dir.clone(),
            source: Box::new(source),
        })?;
        let picked = |list: &str| explicit.iter().find(|e| e.list_id() == list);
        let conflicts: Vec<String> = d
            .conflicts
            .iter()
            .filter(|c| picked(&c.list).is_none())
            .map(ToString::to_string)
            .collect();
        if !conflicts.is_empty() {
            return Err(ChoiceError::Conflicts {
                path: lists_dir,
                conflicts: conflicts.join("\n"),
            });
        }
        // The versions of a conflicting list picked explicitly are
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
        // Ownership files are recognised by name among the files that are
        // not list files.
        for p in d.ignored {
            if is_ownership_file(&p) {
                chosen.ownership.files.push(p);
            } else {
                chosen.ignored.push(p);
            }
        }
        Ok(())
    }

    /// The ownership files, rules and date given; the files found under
    /// the data folder are added by [`ListChoice::sources`].
    fn ownership_spec(&self) -> Result<OwnershipSpec, ChoiceError> {
        for p in &self.ownership {
            if !p.is_file() {
                return Err(ChoiceError::NoOwnershipFile { path: p.clone() });
            }
        }
        let as_of = match &self.ownership_date {
            Some(d) => Some(d.parse::<cordon_ownership::Date>().map_err(|e| {
                ChoiceError::OwnershipDate {
                    value: d.clone(),
                    message: e.to_string(),
                }
            })?),
            None => None,
        };
        Ok(OwnershipSpec {
            files: self.ownership.clone(),
            list_files: Vec::new(),
            rules: self.ownership_rules.clone(),
            as_of,
        })
    }

    /// Loads and indexes the chosen lists into a [`Snapshot`]. A list that
    /// fails to load or holds no entities fails the whole snapshot:
    /// screening against a silently partial snapshot is worse than not
    /// screening. What the user should know is passed to `note`.
    pub fn snapshot(&self, note: &mut dyn FnMut(String)) -> Result<Snapshot, ChoiceError> {
        let chosen = self.sources()?;
        for s in &chosen.superseded {
            note(format!(
                "superseded {} ({}{}; loading {} instead)",
                s.path.display(),
                s.format,
                match (&s.date, &s.dated_by) {
                    (Some(d), Some(by)) => format!(", {d} by {by}"),
                    (None, Some(by)) => format!(", {by}"),
                    _ => ", undated".to_string(),
                },
                s.by.display()
            ));
        }
        for p in &chosen.ignored {
            note(format!(
                "ignored {} (not an official list file name)",
                p.display()
            ));
        }
        let t0 = Instant::now();
        let mut loaded: Vec<LoadedList> = Vec::new();
        for s in &chosen.sources {
            let l = load(s).map_err(|source| ChoiceError::Load {
                path: s.path.clone(),
                source: Box::new(source),
            })?;
            check_not_empty(&l)?;
            if !l.warnings.is_empty() {
                note(format!(
                    "{} load warnings for {} (`cordon lists` shows them)",
                    l.warnings.len(),
                    l.list
                ));
            }
            loaded.push(l);
        }
        let ownership = load_ownership(&chosen.ownership)?;
        Ok(build(
            loaded,
            chosen,
            t0.elapsed(),
            ownership,
            self.max_age,
            note,
        ))
    }
}

/// The snapshot of loaded lists and ownership data; the stale lists and
/// the problems of the ownership data are passed to `note`.
pub fn build(
    loaded: Vec<LoadedList>,
    chosen: Chosen,
    load_time: Duration,
    ownership: Option<LoadedOwnership>,
    max_age: u32,
    note: &mut dyn FnMut(String),
) -> Snapshot {
    let mut snap = Snapshot::build_with_ownership(
        loaded,
        chosen.superseded,
        chosen.ignored,
        load_time,
        ownership,
    );
    snap.set_max_age_days(max_age);
    for s in snap.info().stale_now() {
        note(format!(
            "WARNING: STALE LIST: {s} (--max-age / CORDON_MAX_AGE_DAYS)"
        ));
    }
    if let Some(o) = &snap.info().ownership {
        for p in &o.problems {
            note(format!("ownership data: {p}"));
        }
    }
    snap
}

/// Whether two paths name the same file (however they are spelled).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
