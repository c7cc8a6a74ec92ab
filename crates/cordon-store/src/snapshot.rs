//! [`Snapshot`]: loaded lists, their index, and what they were built from.

use crate::{Result, StoreError};
use cordon_engine::{Index, OWNERSHIP_LIST};
use cordon_lists::version::{collapsed, days_from_civil, utc_date};
use cordon_lists::{
    date_in_name, date_of, discover, load, modified_date, ListSource, LoadedList, NameDate,
    Superseded,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// An immutable set of loaded lists with their screening index.
///
/// Build one with [`Snapshot::from_dir`], [`Snapshot::from_sources`] or
/// [`Snapshot::build`]; share it behind an `Arc` (see
/// [`crate::SnapshotHandle`]).
pub struct Snapshot {
    index: Index,
    info: SnapshotInfo,
    /// The ownership graph, its links and assessment, when ownership data
    /// was loaded ([`crate::ownership`]).
    ownership: Option<std::sync::Arc<crate::ownership::OwnershipState>>,
}

/// Everything about a snapshot except its index: what `cordon lists`
/// prints.
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotInfo {
    /// Content version: 16 hex digits of a SHA-256 over every list's id,
    /// publication date and files' SHA-256 ([`list_version`]), in load
    /// order. The same files always give the same version.
    pub version: String,
    pub entities: usize,
    pub lists: Vec<ListSummary>,
    /// Older versions of loaded lists found beside them, not loaded.
    pub superseded: Vec<SupersededFile>,
    /// Files found that are not list files.
    pub ignored: Vec<PathBuf>,
    /// A list older than this many days is stale ([`SnapshotInfo::stale`]).
    pub max_age_days: u32,
    /// The ownership data, when any was loaded: files, counts, links,
    /// derived entities, the rules in force, problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ownership: Option<crate::ownership::OwnershipSummary>,
    #[serde(skip)]
    pub load_time: Duration,
    #[serde(skip)]
    pub build_time: Duration,
}

/// One loaded list, without its entities.
#[derive(Debug, Clone, Serialize)]
pub struct ListSummary {
    pub list: String,
    pub format: String,
    /// The list's own content version ([`list_version`]).
    pub version: String,
    pub files: Vec<FileSummary>,
    /// Publication date stated in the file, when the format has one.
    pub published: Option<String>,
    /// Date read from the file's or its folder's name, when any.
    pub name_date: Option<String>,
    /// The day (UTC) the primary file was last modified.
    pub modified: Option<String>,
    /// The list's date (`YYYY-MM-DD`, or `YYYY`/`YYYY-MM` from a name):
    /// the publication date, else the name date, else the modification
    /// day — what its age is counted from.
    pub as_of: Option<String>,
    /// Where `as_of` comes from: `published`, `file name` or
    /// `file modified`.
    pub as_of_source: Option<&'static str>,
    pub entities: usize,
    /// Entities by kind: persons, organizations, vessels, aircraft.
    pub by_kind: KindCounts,
    pub names: usize,
    pub warnings: Vec<String>,
}

/// Entity counts by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub persons: usize,
    pub organizations: usize,
    pub vessels: usize,
    pub aircraft: usize,
}

impl KindCounts {
    /// Counts the kinds of `entities`.
    pub fn of(entities: &[cordon_engine::Entity]) -> KindCounts {
        use cordon_engine::EntityKind as K;
        let mut c = KindCounts::default();
        for e in entities {
            match e.kind {
                K::Person => c.persons += 1,
                K::Organization => c.organizations += 1,
                K::Vessel => c.vessels += 1,
                K::Aircraft => c.aircraft += 1,
            }
        }
        c
    }
}

impl ListSummary {
    /// The list's date: the publication date, else the date in its name.
    pub fn date(&self) -> Option<&str> {
        self.published.as_deref().or(self.name_date.as_deref())
    }

    /// The primary file the list was read from.
    pub fn source_file(&self) -> &str {
        self.files.first().map_or("", |f| f.path.as_str())
    }

    /// Whole days from [`ListSummary::as_of`] to `today` (0 for a date in
    /// the future); `None` when the list has no date at all.
    pub fn age_days(&self, today: NameDate) -> Option<i64> {
        let as_of = date_in_name(self.as_of.as_deref()?)?;
        Some((days_from_civil(today) - days_from_civil(as_of)).max(0))
    }

    /// The list as `cordon lists --json` (and the Python package's
    /// `Screener.lists()`) shows it: the summary's fields plus
    /// `source_file`, `age_days` on `today` and whether it is `stale`.
    pub fn to_json(&self, today: NameDate, stale: &[StaleList]) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("source_file".into(), self.source_file().into());
            o.insert("age_days".into(), self.age_days(today).into());
            o.insert(
                "stale".into(),
                stale.iter().any(|s| s.list == self.list).into(),
            );
        }
        v
    }
}

/// The default of `--max-age`: a list older than this many days is
/// reported as stale. OFAC publishes several times a week and the UN and EU
/// files are regenerated daily, so two weeks without a new version means
/// the data is not being updated.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 14;

/// A list older than the snapshot's maximum age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleList {
    pub list: String,
    /// The primary file.
    pub file: String,
    /// [`ListSummary::as_of`] and its source.
    pub as_of: Option<String>,
    pub as_of_source: Option<&'static str>,
    /// `None` when the list has no date at all (also stale: its age cannot
    /// be shown).
    pub age_days: Option<i64>,
    pub max_age_days: u32,
}

impl std::fmt::Display for StaleList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.age_days, &self.as_of) {
            (Some(age), Some(date)) => write!(
                f,
                "list {} is {age} days old ({} {date}; {}), older than the maximum age of {} days",
                self.list,
                self.as_of_source.unwrap_or("dated"),
                self.file,
                self.max_age_days
            ),
            _ => write!(
                f,
                "list {} has no date, so its age is unknown ({})",
                self.list, self.file
            ),
        }
    }
}

impl SnapshotInfo {
    /// The lists older than `max_age_days` on `today` (UTC), or without
    /// any date.
    pub fn stale(&self, today: NameDate) -> Vec<StaleList> {
        self.lists
            .iter()
            // The derived list is as old as the lists and the ownership
            // data it comes from, which are checked themselves.
            .filter(|l| l.list != OWNERSHIP_LIST)
            .filter_map(|l| {
                let age = l.age_days(today);
                age.is_none_or(|a| a > i64::from(self.max_age_days))
                    .then(|| StaleList {
                        list: l.list.clone(),
                        file: l.source_file().to_string(),
                        as_of: l.as_of.clone(),
                        as_of_source: l.as_of_source,
                        age_days: age,
                        max_age_days: self.max_age_days,
                    })
            })
            .collect()
    }

    /// [`SnapshotInfo::stale`] today.
    pub fn stale_now(&self) -> Vec<StaleList> {
        self.stale(utc_date(std::time::SystemTime::now()))
    }
}

/// Checks that `next` may replace `prev` in service: every list of `prev`
/// is still there, and none lost more than `max_drop` of its entities
/// ([`cordon_lists::version::collapsed`], the rule of `cordon update
/// --max-drop`).
pub fn check_successor(prev: &SnapshotInfo, next: &SnapshotInfo, max_drop: f64) -> Result<()> {
    let mut problems = Vec::new();
    for p in &prev.lists {
        match next.lists.iter().find(|n| n.list == p.list) {
            None => problems.push(format!(
                "list {} ({} entities, {}) is missing from it",
                p.list,
                p.entities,
                p.source_file()
            )),
            // Derived entities come and go with the owners' listings: fewer
            // of them is news, not a broken file.
            Some(n)
                if p.list != OWNERSHIP_LIST
                    && collapsed(p.entities as u64, n.entities as u64, max_drop) =>
            {
                problems.push(format!(
                    "list {} fell from {} to {} entities (more than {:.0}% fewer; {})",
                    p.list,
                    p.entities,
                    n.entities,
                    max_drop * 100.0,
                    n.source_file()
                ))
            }
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Shrunk { problems })
    }
}

/// Refuses a list without entities: an empty or header-only file is not a
/// list to screen against.
pub fn check_not_empty(l: &LoadedList) -> Result<()> {
    if l.entities.is_empty() {
        return Err(StoreError::EmptyList {
            list: l.list.clone(),
            path: l.files.first().map(|f| f.path.clone()).unwrap_or_default(),
        });
    }
    Ok(())
}

/// A file that went into a list.
#[derive(Debug, Clone, Serialize)]
pub struct FileSummary {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub records: usize,
}

/// A list file not loaded because a newer version was found.
#[derive(Debug, Clone, Serialize)]
pub struct SupersededFile {
    pub format: String,
    pub path: PathBuf,
    pub companions: Vec<PathBuf>,
    pub date: Option<String>,
    /// Where `date` comes from (see `cordon_lists::DatedBy`).
    pub dated_by: Option<String>,
    /// The primary file loaded instead.
    pub by: PathBuf,
}

impl From<Superseded> for SupersededFile {
    fn from(s: Superseded) -> Self {
        SupersededFile {
            format: s.source.format.as_str().to_string(),
            path: s.source.path,
            companions: s.companions,
            date: s.date.map(|d| d.to_string()),
            dated_by: s.dated_by.map(|d| d.as_str().to_string()),
            by: s.by,
        }
    }
}

/// A list's content version: 16 hex digits of a SHA-256 over its list id,
/// publication date and the SHA-256 of each of its files.
pub fn list_version(list: &LoadedList) -> String {
    let mut h = Sha256::new();
    h.update(list.list.as_bytes());
    h.update([0]);
    h.update(list.published.as_deref().unwrap_or("").as_bytes());
    h.update([0]);
    for f in &list.files {
        h.update(f.sha256.as_bytes());
        h.update([0]);
    }
    hex16(&h.finalize())
}

fn hex16(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl Snapshot {
    /// Loads every list found in `dir` ([`cordon_lists::discover`]). When
    /// `dir` is a snapshot store ([`crate::is_store`]), its current snapshot
    /// is loaded instead. Any list that fails to load, is empty, or whose
    /// versions conflict ([`cordon_lists::Conflict`]) fails the whole
    /// snapshot.
    pub fn from_dir(dir: &Path) -> Result<Snapshot> {
        let dir = resolve_dir(dir)?;
        let found = discover(&dir)?;
        if !found.conflicts.is_empty() {
            return Err(StoreError::Conflict {
                conflicts: found.conflicts,
            });
        }
        if found.sources.is_empty() {
            return Err(StoreError::Empty { path: dir });
        }
        let superseded = found.superseded.into_iter().map(Into::into).collect();
        Snapshot::from_sources(&found.sources, superseded, found.ignored)
    }

    /// Loads the given sources, strictly: the first that fails (or holds no
    /// entities) is the error.
    pub fn from_sources(
        sources: &[ListSource],
        superseded: Vec<SupersededFile>,
        ignored: Vec<PathBuf>,
    ) -> Result<Snapshot> {
        let t0 = Instant::now();
        let mut lists = Vec::with_capacity(sources.len());
        for s in sources {
            let l = load(s)?;
            check_not_empty(&l)?;
            lists.push(l);
        }
        Ok(Snapshot::build(lists, superseded, ignored, t0.elapsed()))
    }

    /// Indexes loaded lists.
    pub fn build(
        lists: Vec<LoadedList>,
        superseded: Vec<SupersededFile>,
        ignored: Vec<PathBuf>,
        load_time: Duration,
    ) -> Snapshot {
        Snapshot::build_with_ownership(lists, superseded, ignored, load_time, None)
    }

    /// Indexes loaded lists and, with ownership data, the entities derived
    /// from it ([`crate::ownership`]): the owners are linked to the list
    /// entities through a first index, the rules assessed, and the index
    /// built again over the list entities and the derived ones, which form
    /// the list `ownership` (its version hashes the ownership files, the
    /// rules in force and the list versions). Without ownership data this
    /// is [`Snapshot::build`].
    pub fn build_with_ownership(
        lists: Vec<LoadedList>,
        superseded: Vec<SupersededFile>,
        ignored: Vec<PathBuf>,
        load_time: Duration,
        ownership: Option<crate::ownership::LoadedOwnership>,
    ) -> Snapshot {
        let mut hasher = Sha256::new();
        let mut summaries = Vec::with_capacity(lists.len());
        let mut entities = Vec::new();
        for l in lists {
            let summary = summarise(&l);
            hasher.update(summary.version.as_bytes());
            summaries.push(summary);
            entities.extend(l.entities);
        }
        let t1 = Instant::now();
        let mut index = Index::build(entities);
        let mut state = None;
        if let Some(o) = ownership {
            let versions: Vec<String> = summaries.iter().map(|s| s.version.clone()).collect();
            let (derived, st) = crate::ownership::derive(o, &index, &versions);
            hasher.update(st.summary.version.as_bytes());
            summaries.push(derived_summary(&st.summary, &derived));
            if !derived.is_empty() {
                let mut all = index.into_entities();
                all.extend(derived);
                index = Index::build(all);
            }
            state = Some(std::sync::Arc::new(st));
        }
        let version = hex16(&hasher.finalize());
        let info = SnapshotInfo {
            version,
            entities: index.len(),
            lists: summaries,
            superseded,
            ignored,
            max_age_days: DEFAULT_MAX_AGE_DAYS,
            ownership: state.as_ref().map(|s| s.summary.clone()),
            load_time,
            build_time: t1.elapsed(),
        };
        Snapshot {
            index,
            info,
            ownership: state,
        }
    }

    /// The ownership graph, links and assessment, when ownership data was
    /// loaded.
    pub fn ownership(&self) -> Option<&crate::ownership::OwnershipState> {
        self.ownership.as_deref()
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn info(&self) -> &SnapshotInfo {
        &self.info
    }

    pub fn version(&self) -> &str {
        &self.info.version
    }

    pub fn lists(&self) -> &[ListSummary] {
        &self.info.lists
    }

    /// Sets the age in days beyond which a list is stale (default
    /// [`DEFAULT_MAX_AGE_DAYS`]).
    pub fn set_max_age_days(&mut self, days: u32) {
        self.info.max_age_days = days;
    }

    /// The index and the description, for callers that take the index by
    /// value.
    pub fn into_parts(self) -> (Index, SnapshotInfo) {
        (self.index, self.info)
    }
}

/// The summary of the derived list `ownership`.
fn derived_summary(
    o: &crate::ownership::OwnershipSummary,
    derived: &[cordon_engine::Entity],
) -> ListSummary {
    ListSummary {
        list: OWNERSHIP_LIST.to_string(),
        format: "ownership".to_string(),
        version: o.version.clone(),
        files: o
            .files
            .iter()
            .map(|f| FileSummary {
                path: f.path.clone(),
                sha256: f.sha256.clone(),
                bytes: f.bytes,
                records: f.interests,
            })
            .collect(),
        published: None,
        name_date: None,
        modified: None,
        as_of: Some(o.as_of.clone()),
        as_of_source: Some("assessed"),
        entities: derived.len(),
        by_kind: KindCounts::of(derived),
        names: derived.iter().map(|e| e.names.len()).sum(),
        warnings: o.problems.clone(),
    }
}

/// A summary of one loaded list.
pub fn summarise(l: &LoadedList) -> ListSummary {
    let primary = l.files.first().map(|f| f.path.as_path());
    let name_date = primary
        .and_then(|p| {
            date_of(
                p,
                p.parent().and_then(Path::parent).unwrap_or(Path::new("")),
            )
        })
        .map(|d| d.to_string());
    let modified = primary.and_then(modified_date);
    let published = l.published.as_deref().and_then(date_in_name);
    let (as_of, as_of_source) = if let Some(d) = published {
        (Some(d.to_string()), Some("published"))
    } else if let Some(d) = &name_date {
        (Some(d.clone()), Some("file name"))
    } else if let Some(d) = modified {
        (Some(d.to_string()), Some("file modified"))
    } else {
        (None, None)
    };
    ListSummary {
        list: l.list.clone(),
        format: l.format.as_str().to_string(),
        version: list_version(l),
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
        as_of,
        as_of_source,
        modified: modified.map(|d| d.to_string()),
        name_date,
        entities: l.entities.len(),
        by_kind: KindCounts::of(&l.entities),
        names: l.entities.iter().map(|e| e.names.len()).sum(),
        warnings: l.warnings.iter().map(|w| w.to_string()).collect(),
    }
}

/// `dir`, or the current snapshot's folder when `dir` is a store.
pub(crate) fn resolve_dir(dir: &Path) -> Result<PathBuf> {
    if crate::is_store(dir) {
        let store = crate::Store::open(dir);
        match store.current()? {
            Some(p) => Ok(p),
            None => Err(StoreError::Corrupt {
                path: dir.to_path_buf(),
                message: "snapshot store without a current snapshot (run `cordon update`)"
                    .to_string(),
            }),
        }
    } else {
        Ok(dir.to_path_buf())
    }
}
