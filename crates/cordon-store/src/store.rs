//! The on-disk layout of downloaded snapshots.
//!
//! ```text
//! DATA_DIR/
//!   current                  one line: the name of the current snapshot folder
//!   snapshots/
//!     <name>/                one complete snapshot, never modified once named
//!       manifest.json        what was downloaded from where, with SHA-256
//!       <source>/<file>      the list files under their official names,
//!                            one folder per source (ofac-sdn/sdn.csv, ...)
//!     .staging-<pid>-<ns>/   a download in progress; renamed to <name> when
//!                            complete, removed when it fails
//! ```
//!
//! `<name>` is `<UTC time YYYYMMDDTHHMMSSZ>-<snapshot version>`, so names
//! sort by time. A snapshot becomes current only by [`Store::switch`],
//! which writes the new name to a temporary file and renames it over
//! `current`: a reader sees the old pointer or the new one, never a partial
//! file, and a crash at any point leaves the previous snapshot current.
//! `cordon --data DATA_DIR` reads the current snapshot of a store.

use crate::{ListSummary, Result, StoreError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The pointer file's name.
pub const CURRENT: &str = "current";
/// The folder holding the snapshots.
pub const SNAPSHOTS: &str = "snapshots";
/// The manifest's name in a snapshot folder.
pub const MANIFEST: &str = "manifest.json";

/// Whether `dir` is a snapshot store: it has a `current` pointer or a
/// `snapshots/` folder.
pub fn is_store(dir: &Path) -> bool {
    dir.join(CURRENT).is_file() || dir.join(SNAPSHOTS).is_dir()
}

/// A snapshot store rooted at a data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// What a snapshot folder holds, written by `cordon update`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub name: String,
    pub version: String,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: String,
    pub files: Vec<ManifestFile>,
    #[serde(default)]
    pub entities: usize,
    /// Per list: entity count, publication date, version.
    #[serde(default)]
    pub lists: Vec<ManifestList>,
}

/// One downloaded file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestFile {
    /// The source's name in the sources table, e.g. `ofac-sdn`.
    pub source: String,
    pub url: String,
    /// Path inside the snapshot folder.
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// One list of a stored snapshot.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestList {
    pub list: String,
    pub format: String,
    pub version: String,
    pub date: Option<String>,
    pub entities: usize,
}

impl From<&ListSummary> for ManifestList {
    fn from(l: &ListSummary) -> Self {
        ManifestList {
            list: l.list.clone(),
            format: l.format.clone(),
            version: l.version.clone(),
            date: l.date().map(str::to_string),
            entities: l.entities,
        }
    }
}

impl Store {
    pub fn open(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn snapshots_dir(&self) -> PathBuf {
        self.root.join(SNAPSHOTS)
    }

    /// The current snapshot's name, or `None` when there is none yet.
    pub fn current_name(&self) -> Result<Option<String>> {
        let path = self.root.join(CURRENT);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        let name = text.trim();
        if !valid_name(name) {
            return Err(StoreError::Corrupt {
                path,
                message: format!("not a snapshot name: {name:?}"),
            });
        }
        Ok(Some(name.to_string()))
    }

    /// The current snapshot's folder, or `None` when there is none yet.
    pub fn current(&self) -> Result<Option<PathBuf>> {
        let Some(name) = self.current_name()? else {
            return Ok(None);
        };
        let dir = self.snapshots_dir().join(&name);
        if !dir.is_dir() {
            return Err(StoreError::Corrupt {
                path: self.root.join(CURRENT),
                message: format!("points to {name}, which is not in {}", SNAPSHOTS),
            });
        }
        Ok(Some(dir))
    }

    /// The names of the stored snapshots, oldest first.
    pub fn snapshots(&self) -> Result<Vec<String>> {
        let dir = self.snapshots_dir();
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(dir, e)),
        };
        let mut out = Vec::new();
        for entry in rd {
            let entry = entry.map_err(|e| StoreError::io(&dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if valid_name(&name) && entry.path().is_dir() {
                out.push(name);
            }
        }
        out.sort();
        Ok(out)
    }

    /// Creates an empty staging folder for a new snapshot.
    pub fn begin(&self) -> Result<PathBuf> {
        let dir = self.snapshots_dir();
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let staging = dir.join(format!(".staging-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&staging).map_err(|e| StoreError::io(&staging, e))?;
        Ok(staging)
    }

    /// Gives a complete staging folder its final name `<time>-<version>`
    /// (with a numeric suffix if that name is taken) and returns it.
    pub fn commit(&self, staging: &Path, version: &str) -> Result<String> {
        let base = format!("{}-{version}", utc_compact(SystemTime::now()));
        let mut name = base.clone();
        let mut n = 1;
        while self.snapshots_dir().join(&name).exists() {
            n += 1;
            name = format!("{base}-{n}");
        }
        let target = self.snapshots_dir().join(&name);
        std::fs::rename(staging, &target).map_err(|e| StoreError::io(&target, e))?;
        Ok(name)
    }

    /// Removes a staging folder (after a failed update). Best effort.
    pub fn discard(&self, staging: &Path) {
        let _ = std::fs::remove_dir_all(staging);
    }

    /// Makes `name` the current snapshot, atomically (write a temporary
    /// pointer, flush it, rename it over `current`).
    pub fn switch(&self, name: &str) -> Result<()> {
        if !valid_name(name) || !self.snapshots_dir().join(name).is_dir() {
            return Err(StoreError::Corrupt {
                path: self.snapshots_dir().join(name),
                message: "no such snapshot".to_string(),
            });
        }
        let tmp = self
            .root
            .join(format!("{CURRENT}.tmp-{}", std::process::id()));
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
            f.write_all(format!("{name}\n").as_bytes())
                .and_then(|_| f.sync_all())
                .map_err(|e| StoreError::io(&tmp, e))?;
        }
        let current = self.root.join(CURRENT);
        std::fs::rename(&tmp, &current).map_err(|e| StoreError::io(&current, e))?;
        // Make the rename durable where the platform allows it.
        if let Ok(d) = std::fs::File::open(&self.root) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// Writes a snapshot folder's manifest.
    pub fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<()> {
        let path = dir.join(MANIFEST);
        let text = serde_json::to_string_pretty(manifest).map_err(|e| StoreError::Corrupt {
            path: path.clone(),
            message: e.to_string(),
        })?;
        std::fs::write(&path, text).map_err(|e| StoreError::io(&path, e))
    }

    /// Reads a snapshot folder's manifest, if it has one.
    pub fn read_manifest(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StoreError::Corrupt {
                path,
                message: e.to_string(),
            })
    }
}

/// A snapshot name: not hidden, no path separators.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_T".contains(c))
}

/// `YYYYMMDDTHHMMSSZ` in UTC.
pub fn utc_compact(t: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

/// `YYYY-MM-DDTHH:MM:SSZ` in UTC.
pub fn utc_iso(t: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Calendar date and time of a system time, UTC.
fn civil(t: SystemTime) -> (i64, u32, u32, u32, u32, u32) {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (y, m, d) = cordon_lists::version::civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}
