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
//! ([`ListFormat::official_names`], plus a few names the authorities use
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
//! Files that publish the same list (same [`ListFormat::list_id`], e.g.
//! `sdn.csv` and `sdn.xml`, or `2022-09-07/sdn.csv` and
//! `2024-05-03/sdn.csv`) are versions of it: only the newest is loaded, the
//! others are reported in [`Discovery::superseded`]. A file's date is the
//! first date in its own name, else in the name of the nearest folder (below
//! the discovered folder) that holds one ([`date_in_name`]); an undated file
//! is older than any dated one. Ties go to the format listed first in
//! [`ListFormat::ALL`], then to the smaller path.
//!
//! Companion files (`add.csv`, ...) belong to a primary file in the same
//! folder; everything neither a list file nor a companion of one is reported
//! in [`Discovery::ignored`]. Nothing is skipped silently.

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
}

/// A list file not loaded because a newer version of the same list was
/// found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub source: ListSource,
    /// Its companion files, not loaded either.
    pub companions: Vec<PathBuf>,
    /// The date read from its name or folder, if any.
    pub date: Option<NameDate>,
    /// The primary file of the version loaded instead.
    pub by: PathBuf,
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

impl ListFormat {
    /// The official file names of the format's primary file (lower-case),
    /// the first being [`ListFormat::primary_file`] unless the official
    /// name carries a date (the EU's `YYYYMMDD-FULL-1_1(xsd).xml`, given here
    /// without its date prefix).
    pub fn official_names(self) -> &'static [&'static str] {
        match self {
            ListFormat::OfacSdn => &["sdn.csv"],
            ListFormat::OfacCons => &["cons_prim.csv"],
            ListFormat::OfacSdnXml => &["sdn.xml"],
            ListFormat::OfacAdvanced => &["sdn_advanced.xml"],
            ListFormat::UnSc => &["consolidated.xml"],
            ListFormat::UsCsl => &["consolidated.csv", "consolidated.json"],
            ListFormat::BisDpl => &["dpl.txt"],
            ListFormat::EuFsf => &["eu_fsf.xml", "full-1_1(xsd).xml"],
            ListFormat::UkFcdo => &["uk_sanctions_list.xml", "uk-sanctions-list.xml"],
            ListFormat::UkOfsi => &["conlist.csv"],
            ListFormat::OpenSanctions => &["entities.ftm.json"],
        }
    }

    /// Other names the publishers use for the same file.
    fn alias_names(self) -> &'static [&'static str] {
        match self {
            ListFormat::UsCsl => &["csl.csv", "csl.json"],
            ListFormat::BisDpl => &["bis_dpl.txt"],
            _ => &[],
        }
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
            .official_names()
            .iter()
            .chain(format.alias_names())
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
            Some(Role::Primary(format)) => candidates.push(Candidate {
                group: group_key(format, &name),
                date: date_of(&path, dir),
                format,
                path,
            }),
            Some(Role::Companion(format)) => companions.push((path, format)),
            None => ignored.push(path),
        }
    }

    // Newest first within each group.
    candidates.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.format.cmp(&b.format))
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
        let newest = &candidates[i];
        claim(&newest.path, newest.format);
        found.sources.push(ListSource {
            format: newest.format,
            path: newest.path.clone(),
        });
        let mut j = i + 1;
        while j < candidates.len() && candidates[j].group == newest.group {
            let old = &candidates[j];
            found.superseded.push(Superseded {
                source: ListSource {
                    format: old.format,
                    path: old.path.clone(),
                },
                companions: claim(&old.path, old.format),
                date: old.date,
                by: newest.path.clone(),
            });
            j += 1;
        }
        i = j;
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

/// Files holding versions of the same list share a key: the list id, and
/// for OpenSanctions the dataset name.
fn group_key(format: ListFormat, name: &str) -> String {
    if format != ListFormat::OpenSanctions {
        return format.list_id().to_string();
    }
    let lower = name.to_ascii_lowercase();
    let body = lower.strip_suffix(".ftm.json").unwrap_or(&lower);
    let body = body.strip_suffix(".entities").unwrap_or(body);
    let dataset = if body == "entities" { "default" } else { body };
    format!("{}:{dataset}", format.list_id())
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
