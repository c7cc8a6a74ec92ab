//! Finding lists in a folder by their official file names.
//!
//! ## The rule
//!
//! [`discover`] walks a folder **recursively** (sub-folders to a depth of
//! [`MAX_DEPTH`]; hidden entries, whose name starts with `.`, are skipped)
//! and recognises each file by its name, case-insensitive, with `-` and
//! spaces read as `_`:
//!
//! ```text
//! [DATE_]STEM[_ANYTHING].EXT
//! ```
//!
//! where `STEM.EXT` is one of the format's official names
//! ([`FormatInfo::official_names`], plus a few names the authorities use
//! for the same file: `csl.csv` for the CSL, `bis_dpl.txt` for the DPL) and
//! `DATE` a date (`20240501`, `2024-05-01`). So `sdn.csv`, `SDN.CSV`,
//! `sdn_2024-05-01.csv`, `consolidated_2026-02-27.xml`, `bis_dpl_2022.txt`,
//! `csl_full_snapshot.csv` and the EU's `20240501-FULL-1_1(xsd).xml` are all
//! recognised. OpenSanctions files are any `*.ftm.json`; each distinct
//! dataset name (`zala.entities.ftm.json` → `zala`, `entities.ftm.json` →
//! `default`) is a list of its own. When several official names fit, the
//! longest stem wins (`sdn_advanced.xml` is the advanced XML, not `sdn.xml`
//! with a suffix; `sdn_comments.csv` is a companion, not a dated `sdn.csv`).
//!
//! ## Versions
//!
//! Files that publish the same list (same list id, [`ListSource::list_id`]:
//! e.g. `sdn.csv` and `sdn.xml`, or `2022-09-07/sdn.csv` and
//! `2024-05-03/sdn.csv`) are versions of it: only the newest is loaded, the
//! others are reported in [`Discovery::superseded`]. Each version is dated
//! by the first of ([`DatedBy`]):
//!
//! 1. the publication date **inside the file**, read from its first
//!    [`crate::version::PEEK_BYTES`] (UN `dateGenerated`, EU
//!    `generationDate`, OFAC `Publish_Date` / `DateOfIssue`, UK
//!    `DateGenerated`, OFSI `Last Updated`);
//! 2. the `manifest.json` of a `cordon update` snapshot folder holding it:
//!    the list's publication date recorded there, else the snapshot's
//!    download time;
//! 3. the first date in the file's own name, else in the name of the
//!    nearest folder (below the discovered folder) that holds one
//!    ([`date_in_name`]);
//! 4. for a file under its **exact official name** (`sdn.csv`,
//!    `consolidated.xml`, `dpl.txt`, ...), undated so far: it is the
//!    current download, dated by its modification time — when it was
//!    downloaded, which is never before it was published. So a fresh
//!    `sdn.csv` beats an archive `history/sdn_2024-04-26.csv`, and beats a
//!    file whose inside date is older than the download.
//!
//! Versions are ordered by that date (a year alone before its months); on
//! the same date a date read from inside wins over a manifest, a download
//! time and a name, in that order. A file with no date at all
//! (`csl_full_snapshot.csv`) is older than every dated one. Remaining ties
//! go to the format listed first in [`ListFormat::ALL`], then to the
//! shallower path, then to the smaller path.
//!
//! **A newest version that holds far fewer records than another version
//! found is not chosen.** When a list has several versions, each is
//! counted ([`crate::version::count_records`]); if the newest holds fewer
//! than half the records of another ([`crate::version::collapsed`] with
//! [`crate::version::DEFAULT_MAX_DROP`]: 13 lines against 4,232), the list
//! goes into [`Discovery::conflicts`] instead of [`Discovery::sources`]
//! and the caller must say which version to load (`--list FORMAT=PATH`).
//!
//! Companion files (`add.csv`, ...) belong to a primary file in the same
//! folder; everything neither a list file nor a companion of one is reported
//! in [`Discovery::ignored`]. Nothing is skipped silently.

use crate::version::{collapsed, count_records, published_in_head, RecordUnit, DEFAULT_MAX_DROP};
use crate::{ListError, ListFormat, ListSource, Result};
use std::fmt;
use std::path::{Path, PathBuf};

/// How deep [`discover`] descends into sub-folders.
pub const MAX_DEPTH: usize = 8;

/// What [`discover`] found in a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// One source per list, the newest version found, in
    /// [`ListFormat::ALL`] order then by path.
    pub sources: Vec<ListSource>,
    /// Older versions of a loaded list, not loaded. Sorted by path.
    pub superseded: Vec<Superseded>,
    /// Every file that is not part of a list: other files, and companion
    /// files whose primary file is missing. Sorted by path.
    pub ignored: Vec<PathBuf>,
    /// Lists whose newest version holds far fewer records than another
    /// version found: none of their versions is in `sources`; the user
    /// must pick one. Sorted by list id.
    pub conflicts: Vec<Conflict>,
}

/// A list file not loaded because a newer version of the same list was
/// found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub source: ListSource,
    /// Its companion files, not loaded either.
    pub companions: Vec<PathBuf>,
    /// The date it was ordered by, if any.
    pub date: Option<NameDate>,
    /// Where that date comes from.
    pub dated_by: Option<DatedBy>,
    /// The primary file of the version loaded instead.
    pub by: PathBuf,
}

/// Where the date a version is ordered by comes from (see the module
/// documentation), strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatedBy {
    /// A name date (file or folder).
    Name,
    /// The modification time of a file under its exact official name.
    Modified,
    /// The download time in a `cordon update` manifest.
    Downloaded,
    /// The publication date in a `cordon update` manifest.
    Manifest,
    /// The publication date inside the file.
    Published,
}

impl DatedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            DatedBy::Published => "published (inside the file)",
            DatedBy::Manifest => "published (update manifest)",
            DatedBy::Downloaded => "downloaded (update manifest)",
            DatedBy::Name => "file or folder name",
            DatedBy::Modified => "file modified",
        }
    }
}

impl fmt::Display for DatedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One version of a list in a [`Conflict`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub source: ListSource,
    pub date: Option<NameDate>,
    pub dated_by: Option<DatedBy>,
    /// [`count_records`]; `None` when the file could not be read.
    pub records: Option<u64>,
    /// What `records` counts: `lines` or `records` (record elements).
    pub unit: &'static str,
}

/// A list whose newest version would drop most of it against another
/// version found beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub list: String,
    /// Newest first: the version the date rule would pick, then the others.
    pub versions: Vec<Version>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "list {}: the newest version holds far fewer records than an older one, so none is \
             loaded until you pick one:",
            self.list
        )?;
        for (i, v) in self.versions.iter().enumerate() {
            let date = match (v.date, v.dated_by) {
                (Some(d), Some(by)) => format!("{d}, {by}"),
                _ => "undated".to_string(),
            };
            let records = v
                .records
                .map_or_else(|| "unreadable".to_string(), |n| format!("{n} {}", v.unit));
            write!(
                f,
                "\n  {} {} ({date}; {records})",
                if i == 0 { "newest:" } else { "also:  " },
                v.source.path.display()
            )?;
        }
        let format = self
            .versions
            .first()
            .map_or("FORMAT", |v| v.source.format.as_str());
        write!(
            f,
            "\n  pick one with --list {format}=PATH (it replaces the versions found in the folder)"
        )
    }
}

/// A date read from a file or folder name: a year, optionally with month
/// and day. Orders chronologically, a year alone before its months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NameDate {
    pub year: u16,
    /// 0 when the name gives only the year.
    pub month: u8,
    /// 0 when the name gives no day.
    pub day: u8,
}

impl fmt::Display for NameDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month > 0 {
            write!(f, "-{:02}", self.month)?;
            if self.day > 0 {
                write!(f, "-{:02}", self.day)?;
            }
        }
        Ok(())
    }
}

/// The role a file name gives a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Primary(ListFormat),
    Companion(ListFormat),
}

fn classify(file_name: &str) -> Option<Role> {
    let name = normalise(file_name);
    if name.ends_with(".ftm.json") && name.len() > ".ftm.json".len() {
        return Some(Role::Primary(ListFormat::OpenSanctions));
    }
    let mut best: Option<(usize, Role)> = None;
    for format in ListFormat::ALL {
        let primaries = format
            .info()
            .official_names
            .iter()
            .chain(format.info().alias_names)
            .map(|n| (n, Role::Primary(format)));
        let companions = format
            .companion_files()
            .iter()
            .map(|n| (n, Role::Companion(format)));
        for (official, role) in primaries.chain(companions) {
            let official = normalise(official);
            let Some((stem, ext)) = official.split_once('.') else {
                continue;
            };
            if fits(&name, stem, ext) && !matches!(best, Some((len, _)) if len >= stem.len()) {
                best = Some((stem.len(), role));
            }
        }
    }
    best.map(|(_, r)| r)
}

/// Lower-case, `-` and spaces as `_`.
fn normalise(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// `name` is `[DATE_]STEM[_ANYTHING].EXT` (all normalised).
fn fits(name: &str, stem: &str, ext: &str) -> bool {
    let Some(body) = name.strip_suffix(ext).and_then(|b| b.strip_suffix('.')) else {
        return false;
    };
    if body.contains('.') {
        return false;
    }
    let body = strip_date_prefix(body);
    body == stem
        || body
            .strip_prefix(stem)
            .is_some_and(|rest| rest.starts_with('_'))
}

/// `20240501_rest` or `2024_05_01_rest` → `rest`.
fn strip_date_prefix(body: &str) -> &str {
    let digits = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 8 {
        if let Some(rest) = body[8..].strip_prefix('_') {
            return rest;
        }
    }
    if digits == 4 && body.len() >= 11 {
        let b = body.as_bytes();
        let ok = b[4] == b'_'
            && b[5..7].iter().all(u8::is_ascii_digit)
            && b[7] == b'_'
            && b[8..10].iter().all(u8::is_ascii_digit)
            && b[10] == b'_';
        if ok {
            return &body[11..];
        }
    }
    body
}

/// The first date in a file or folder name: `YYYY-MM-DD`, `YYYY_MM_DD`,
/// `YYYYMMDD`, `YYYY-MM` or `YYYY` (years 1990 to 2099), standing between
/// non-digits.
pub fn date_in_name(name: &str) -> Option<NameDate> {
    // Runs of digits with the separator that follows each.
    let mut runs: Vec<(&str, Option<char>)> = Vec::new();
    let mut start = None;
    for (i, c) in name.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            runs.push((&name[s..i], Some(c)));
        }
    }
    if let Some(s) = start {
        runs.push((&name[s..], None));
    }
    let year = |s: &str| -> Option<u16> {
        let y: u16 = s.parse().ok()?;
        (1990..=2099).contains(&y).then_some(y)
    };
    let month = |s: &str| -> Option<u8> {
        let m: u8 = s.parse().ok()?;
        (1..=12).contains(&m).then_some(m)
    };
    let day = |s: &str| -> Option<u8> {
        let d: u8 = s.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    };
    let is_sep = |c: Option<char>| matches!(c, Some('-' | '_' | '.'));
    for (i, &(run, sep)) in runs.iter().enumerate() {
        if run.len() == 8 {
            if let (Some(y), Some(m), Some(d)) =
                (year(&run[..4]), month(&run[4..6]), day(&run[6..]))
            {
                return Some(NameDate {
                    year: y,
                    month: m,
                    day: d,
                });
            }
            continue;
        }
        if run.len() != 4 {
            continue;
        }
        let Some(y) = year(run) else { continue };
        let mut date = NameDate {
            year: y,
            month: 0,
            day: 0,
        };
        if is_sep(sep) {
            if let Some(&(mrun, msep)) = runs.get(i + 1) {
                if let (2, Some(m)) = (mrun.len(), month(mrun)) {
                    date.month = m;
                    if is_sep(msep) {
                        if let Some(&(drun, _)) = runs.get(i + 2) {
                            if let (2, Some(d)) = (drun.len(), day(drun)) {
                                date.day = d;
                            }
                        }
                    }
                }
            }
        }
        return Some(date);
    }
    None
}

/// The date of a file found under `root`: from its own name, else from the
/// nearest folder between it and `root` whose name holds one.
pub fn date_of(path: &Path, root: &Path) -> Option<NameDate> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.reverse();
    parts.iter().find_map(|p| date_in_name(p))
}

/// A file found, with its role.
struct Candidate {
    path: PathBuf,
    format: ListFormat,
    group: String,
    date: Option<NameDate>,
    dated_by: Option<DatedBy>,
    depth: usize,
}

/// Looks in `dir` and its sub-folders for official list files; see the
/// module documentation for the rule.
pub fn discover(dir: &Path) -> Result<Discovery> {
    let mut files = Vec::new();
    walk(dir, 0, &mut files)?;
    files.sort();

    let mut candidates: Vec<Candidate> = Vec::new();
    let mut companions: Vec<(PathBuf, ListFormat)> = Vec::new();
    let mut ignored = Vec::new();
    for path in files {
        let name = crate::file_name(&path);
        match classify(&name) {
            Some(Role::Primary(format)) => {
                let source = ListSource {
                    format,
                    path: path.clone(),
                };
                let (date, dated_by) = version_date(format, &path, dir, &name);
                candidates.push(Candidate {
                    group: source.list_id(),
                    date,
                    dated_by,
                    depth: path.strip_prefix(dir).map_or(0, |r| r.components().count()),
                    format,
                    path,
                })
            }
            Some(Role::Companion(format)) => companions.push((path, format)),
            None => ignored.push(path),
        }
    }

    // Newest first within each group.
    candidates.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| b.dated_by.cmp(&a.dated_by))
            .then_with(|| a.format.cmp(&b.format))
            .then_with(|| a.depth.cmp(&b.depth))
            .then_with(|| a.path.cmp(&b.path))
    });
    let mut found = Discovery::default();
    let mut claimed = vec![false; companions.len()];
    let mut claim = |primary: &Path, format: ListFormat| -> Vec<PathBuf> {
        let mut out = Vec::new();
        for (i, (p, f)) in companions.iter().enumerate() {
            if *f == format && p.parent() == primary.parent() {
                claimed[i] = true;
                out.push(p.clone());
            }
        }
        out
    };
    let mut i = 0;
    while i < candidates.len() {
        let end = i + candidates[i..]
            .iter()
            .take_while(|c| c.group == candidates[i].group)
            .count();
        let group = &candidates[i..end];
        if let Some(conflict) = conflict(group) {
            for c in group {
                claim(&c.path, c.format);
            }
            found.conflicts.push(conflict);
            i = end;
            continue;
        }
        let newest = &group[0];
        claim(&newest.path, newest.format);
        found.sources.push(ListSource {
            format: newest.format,
            path: newest.path.clone(),
        });
        for old in &group[1..] {
            found.superseded.push(Superseded {
                source: ListSource {
                    format: old.format,
                    path: old.path.clone(),
                },
                companions: claim(&old.path, old.format),
                date: old.date,
                dated_by: old.dated_by,
                by: newest.path.clone(),
            });
        }
        i = end;
    }
    found
        .sources
        .sort_by(|a, b| a.format.cmp(&b.format).then_with(|| a.path.cmp(&b.path)));
    found
        .superseded
        .sort_by(|a, b| a.source.path.cmp(&b.source.path));
    ignored.extend(
        companions
            .into_iter()
            .zip(claimed)
            .filter(|(_, c)| !c)
            .map(|((p, _), _)| p),
    );
    ignored.sort();
    found.ignored = ignored;
    Ok(found)
}

/// The date a version is ordered by, and where it comes from.
fn version_date(
    format: ListFormat,
    path: &Path,
    root: &Path,
    name: &str,
) -> (Option<NameDate>, Option<DatedBy>) {
    if let Some(d) = published_in_head(format, path) {
        return (Some(d), Some(DatedBy::Published));
    }
    if let Some((d, by)) = manifest_date(format, path, root) {
        return (Some(d), Some(by));
    }
    if let Some(d) = date_of(path, root) {
        return (Some(d), Some(DatedBy::Name));
    }
    if is_exact_official(format, name) {
        if let Some(d) = modified_date(path) {
            return (Some(d), Some(DatedBy::Modified));
        }
    }
    (None, None)
}

/// The file's name is one of the format's official names, as published
/// (no date, no suffix).
fn is_exact_official(format: ListFormat, name: &str) -> bool {
    let name = normalise(name);
    format
        .info()
        .official_names
        .iter()
        .chain(format.info().alias_names)
        .any(|o| normalise(o) == name)
}

/// The day (UTC) a file was last modified.
pub fn modified_date(path: &Path) -> Option<NameDate> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(crate::version::utc_date(t))
}

/// The date a `cordon update` manifest gives the list of `format` in the
/// snapshot folder holding `path` (a folder between it and `root`, or
/// `root` itself).
fn manifest_date(format: ListFormat, path: &Path, root: &Path) -> Option<(NameDate, DatedBy)> {
    let mut dir = path.parent()?;
    loop {
        let m = dir.join("manifest.json");
        if m.is_file() {
            return read_manifest_date(format, &m);
        }
        if dir == root {
            return None;
        }
        dir = dir.parent()?;
        if !dir.starts_with(root) {
            return None;
        }
    }
}

/// Manifests are small; one larger than this is not read.
const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;

fn read_manifest_date(format: ListFormat, manifest: &Path) -> Option<(NameDate, DatedBy)> {
    if std::fs::metadata(manifest).ok()?.len() > MAX_MANIFEST_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(manifest).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let published = v["lists"].as_array().and_then(|lists| {
        lists
            .iter()
            .find(|l| l["format"].as_str() == Some(format.as_str()))
            .and_then(|l| l["date"].as_str())
            .and_then(date_in_name)
    });
    if let Some(d) = published {
        return Some((d, DatedBy::Manifest));
    }
    v["created"]
        .as_str()
        .and_then(date_in_name)
        .map(|d| (d, DatedBy::Downloaded))
}

/// The conflict of a group of versions (newest first), if the newest holds
/// far fewer records than another.
fn conflict(group: &[Candidate]) -> Option<Conflict> {
    if group.len() < 2 {
        return None;
    }
    let counts: Vec<Option<u64>> = group
        .iter()
        .map(|c| count_records(c.format, &c.path).ok())
        .collect();
    let newest = counts[0]?;
    // Every unit counts about one per record, so counts of different
    // formats of one list compare.
    let dropped = counts[1..]
        .iter()
        .any(|n| n.is_some_and(|n| collapsed(n, newest, DEFAULT_MAX_DROP)));
    dropped.then(|| Conflict {
        list: group[0].group.clone(),
        versions: group
            .iter()
            .zip(counts)
            .map(|(c, records)| Version {
                source: ListSource {
                    format: c.format,
                    path: c.path.clone(),
                },
                date: c.date,
                dated_by: c.dated_by,
                records,
                unit: RecordUnit::of(c.format, &c.path).name(),
            })
            .collect(),
    })
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    for path in list_dir(dir)? {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, out)?;
            } else {
                out.push(path);
            }
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| ListError::io(dir, e))?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| ListError::io(dir, e))?;
        out.push(entry.path());
    }
    Ok(out)
}

fn name_is(path: &Path, official: &str) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case(official))
}

/// Companion names also match the spelling in OFAC's data specification
/// ("SDN COMMENTS.CSV", with a space).
fn is_companion_name(path: &Path, official: &str) -> bool {
    name_is(path, official) || name_is(path, &official.replace('_', " "))
}

/// The file in `dir` whose name is `official` (case-insensitive), if any.
pub(crate) fn find_official(dir: &Path, official: &str) -> Result<Option<PathBuf>> {
    let mut entries = list_dir(dir)?;
    entries.sort();
    Ok(entries
        .into_iter()
        .find(|p| p.is_file() && is_companion_name(p, official)))
}

/// The format whose official (or dated official) primary file name `name`
/// carries, for files given without a format (`cordon diff OLD NEW`).
pub fn format_of_name(name: &str) -> Option<ListFormat> {
    match classify(name)? {
        Role::Primary(f) => Some(f),
        Role::Companion(_) => None,
    }
}
