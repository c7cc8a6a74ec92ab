//! `cordon update`: download the official lists into a new snapshot,
//! validate every file, and only then make it current.
//!
//! The data directory (`--data`, else `$CORDON_DATA_DIR`, else the platform
//! data directory) becomes a snapshot store (see `cordon_store::Store`):
//! `snapshots/<time>-<version>/<source>/<file>` plus a `current` pointer
//! switched by an atomic rename. Every file is downloaded into a staging
//! folder; the new snapshot is validated (each list parses with its loader,
//! is not empty, is not an HTML page, and its entity count did not fall by
//! more than `--max-drop` against the current snapshot); any failure removes
//! the staging folder and leaves the current snapshot as it was.
//!
//! Exit status: 0 updated (or already up to date); 1 usage or store error
//! (bad option, unwritable data directory); 3 a download failed (network,
//! timeout, HTTP status, size cap); 4 a downloaded list failed validation.

use crate::ListArgs;
use anyhow::{anyhow, bail, Context, Result};
use clap::Args;
use cordon_lists::{load, ListFormat, ListSource, LoadedList};
use cordon_store::{utc_iso, Manifest, ManifestFile, ManifestList, Snapshot, Store};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

/// Exit status when a download failed.
pub const EXIT_DOWNLOAD: u8 = 3;
/// Exit status when a downloaded list failed validation.
pub const EXIT_INVALID: u8 = 4;

/// One downloadable list: its files under their official names and the
/// official addresses they are published at.
#[derive(Debug, Clone, Copy)]
pub struct SourceSpec {
    /// The source's name (`--only`, `--source NAME=URL`), also its folder in
    /// the snapshot.
    pub name: &'static str,
    pub format: ListFormat,
    /// `(file name, official URL)`, the primary file first.
    pub files: &'static [(&'static str, &'static str)],
    /// Downloaded without `--only`.
    pub default: bool,
    pub note: &'static str,
}

/// The official sources. OFAC's Sanctions List Service serves the legacy CSV
/// files; the others are the publishers' own download addresses.
pub const SOURCES: &[SourceSpec] = &[
    SourceSpec {
        name: "ofac-sdn",
        format: ListFormat::OfacSdn,
        files: &[
            ("sdn.csv", concat!("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports", "/SDN.CSV")),
            ("add.csv", concat!("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports", "/ADD.CSV")),
            ("alt.csv", concat!("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports", "/ALT.CSV")),
            ("sdn_comments.csv", concat!("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports", "/SDN_COMMENTS.CSV")),
        ],
        default: true,
        note: "OFAC SDN list, legacy CSV set (Sanctions List Service)",
    },
    SourceSpec {
        name: "ofac-cons",
        format: ListFormat::OfacCons,
        files: &[
            ("cons_prim.csv", concat!("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports", "/CONS_PRIM.CSV")),
            ("cons_add.csv", concat!("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports", "/CONS_ADD.CSV")),
            ("cons_alt.csv", concat!("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports", "/CONS_ALT.CSV")),
            ("cons_comments.csv", concat!("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports", "/CONS_COMMENTS.CSV")),
        ],
        default: true,
        note: "OFAC consolidated non-SDN list, legacy CSV set",
    },
    SourceSpec {
        name: "un-sc",
        format: ListFormat::UnSc,
        files: &[("consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml")],
        default: true,
        note: "UN Security Council consolidated list",
    },
    SourceSpec {
        name: "us-csl",
        format: ListFormat::UsCsl,
        files: &[(
            "consolidated.csv",
            "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
        )],
        default: true,
        note: "US Consolidated Screening List (trade.gov)",
    },
    SourceSpec {
        name: "bis-dpl",
        format: ListFormat::BisDpl,
        files: &[("dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt")],
        default: true,
        note: "BIS Denied Persons List, tab-separated",
    },
    SourceSpec {
        name: "eu-fsf",
        format: ListFormat::EuFsf,
        files: &[(
            "eu_fsf.xml",
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
        )],
        default: true,
        note: "EU Financial Sanctions Files, full list XML 1.1 (public token of the FSF site)",
    },
    SourceSpec {
        name: "uk-fcdo",
        format: ListFormat::UkFcdo,
        files: &[(
            "uk_sanctions_list.xml",
            "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
        )],
        default: true,
        note: "UK Sanctions List (FCDO) XML",
    },
    SourceSpec {
        name: "uk-ofsi",
        format: ListFormat::UkOfsi,
        files: &[(
            "conlist.csv",
            "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
        )],
        default: false,
        note: "UK OFSI Consolidated List CSV (being retired by OFSI in favour of the FCDO list; opt in with --only)",
    },
    SourceSpec {
        name: "opensanctions",
        format: ListFormat::OpenSanctions,
        files: &[(
            "entities.ftm.json",
            "https://data.opensanctions.org/datasets/latest/default/entities.ftm.json",
        )],
        default: false,
        note: "OpenSanctions default collection, FtM entities (large; CC BY-NC: opt in with --only)",
    },
];

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Only these sources, comma-separated (default: every source marked
    /// default in `cordon update --list-sources`). Lists of the current
    /// snapshot that are not updated are carried over unchanged.
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub only: Vec<String>,
    /// Download NAME from URL instead of its official address. NAME is a
    /// source (its primary file) or SOURCE/FILE (e.g. ofac-sdn/add.csv).
    /// Repeatable.
    #[arg(long = "source", value_name = "NAME=URL")]
    pub sources: Vec<String>,
    /// Download every file from BASE/FILE (e.g. BASE/sdn.csv) instead of the
    /// official addresses: a mirror, or a test server.
    #[arg(long, value_name = "BASE")]
    pub base_url: Option<String>,
    /// Refuse a list whose entity count fell by more than this share
    /// against the current snapshot (0.5 = half).
    #[arg(long, default_value_t = 0.5, value_name = "SHARE")]
    pub max_drop: f64,
    /// Connect timeout, seconds.
    #[arg(long, default_value_t = 15.0, value_name = "SECS")]
    pub connect_timeout: f64,
    /// Read timeout (no byte received for this long), seconds.
    #[arg(long, default_value_t = 60.0, value_name = "SECS")]
    pub timeout: f64,
    /// Attempts per file (network errors, HTTP 5xx and 429 are retried with
    /// exponential backoff).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub attempts: u32,
    /// First backoff between attempts, seconds (doubles each time).
    #[arg(long, default_value_t = 2.0, value_name = "SECS")]
    pub backoff: f64,
    /// Largest file accepted, MiB.
    #[arg(long, default_value_t = 1024, value_name = "MIB")]
    pub max_size: u64,
    /// Print the sources table and exit.
    #[arg(long)]
    pub list_sources: bool,
}

/// A failed update: the exit status and the message.
#[derive(Debug)]
pub struct UpdateError {
    pub code: u8,
    pub message: String,
}

impl std::fmt::Display for UpdateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What a successful update did.
#[derive(Debug)]
pub struct Updated {
    /// The current snapshot's name afterwards.
    pub name: String,
    pub version: String,
    /// False when the downloaded lists were identical to the current ones.
    pub changed: bool,
}

/// `cordon update`.
pub fn run(lists: &ListArgs, a: UpdateArgs) -> Result<ExitCode> {
    if a.list_sources {
        for s in SOURCES {
            println!(
                "{:<14} {:<8} {}",
                s.name,
                if s.default { "default" } else { "opt-in" },
                s.note
            );
            for (file, url) in s.files {
                println!("{:<14} {:<8}   {file:<20} {url}", "", "");
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let dir = crate::load::data_dir(lists)
        .context("no data directory: give --data DIR or set CORDON_DATA_DIR")?;
    match update(&dir, &a) {
        Ok(u) => {
            if u.changed {
                println!(
                    "cordon update: snapshot {} ({}) is now current",
                    u.name, u.version
                );
            } else {
                println!(
                    "cordon update: lists unchanged, snapshot {} stays current",
                    u.name
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("cordon update: error: {e}");
            Ok(ExitCode::from(e.code))
        }
    }
}

fn fail(code: u8, message: impl Into<String>) -> UpdateError {
    UpdateError {
        code,
        message: message.into(),
    }
}

/// The whole update into the store at `dir`.
pub fn update(dir: &Path, a: &UpdateArgs) -> Result<Updated, UpdateError> {
    let plan = plan(a).map_err(|e| fail(1, format!("{e:#}")))?;
    if !(0.0..=1.0).contains(&a.max_drop) {
        return Err(fail(1, "--max-drop must be between 0 and 1"));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(1, format!("cannot create {}: {e}", dir.display())))?;
    let store = Store::open(dir);
    let previous = store
        .current()
        .map_err(|e| fail(1, format!("reading the current snapshot: {e}")))?;
    let previous_name = store.current_name().ok().flatten();
    let keep = match &previous_name {
        Some(n) => format!("; snapshot {n} stays current"),
        None => String::new(),
    };
    let staging = store
        .begin()
        .map_err(|e| fail(1, format!("creating a staging folder: {e}")))?;
    let result = stage(&staging, previous.as_deref(), &plan, a);
    match result {
        Ok(Staged::Unchanged) => {
            store.discard(&staging);
            Ok(Updated {
                name: previous_name.unwrap_or_default(),
                version: String::new(),
                changed: false,
            })
        }
        Ok(Staged::Ready { version }) => {
            let name = store
                .commit(&staging, &version)
                .map_err(|e| fail(1, format!("{e}{keep}")))
                .inspect_err(|_| store.discard(&staging))?;
            store
                .switch(&name)
                .map_err(|e| fail(1, format!("{e}{keep}")))?;
            Ok(Updated {
                name,
                version,
                changed: true,
            })
        }
        Err(e) => {
            store.discard(&staging);
            Err(UpdateError {
                code: e.code,
                message: format!("{}{keep}", e.message),
            })
        }
    }
}

/// One file to download.
struct Fetch {
    source: &'static SourceSpec,
    file: &'static str,
    url: String,
}

/// The files to download, with `--source` and `--base-url` applied.
fn plan(a: &UpdateArgs) -> Result<Vec<Fetch>> {
    let chosen: Vec<&'static SourceSpec> = if a.only.is_empty() {
        SOURCES.iter().filter(|s| s.default).collect()
    } else {
        let mut v = Vec::new();
        for name in &a.only {
            let name = name.trim();
            let s = SOURCES.iter().find(|s| s.name == name).ok_or_else(|| {
                anyhow!(
                    "unknown source '{name}' (known: {})",
                    SOURCES
                        .iter()
                        .map(|s| s.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            v.push(s);
        }
        v
    };
    let mut overrides: HashMap<String, String> = HashMap::new();
    for spec in &a.sources {
        let (name, url) = spec
            .split_once('=')
            .ok_or_else(|| anyhow!("--source '{spec}': expected NAME=URL"))?;
        let name = name.trim().to_ascii_lowercase();
        let (source, file) = match name.split_once('/') {
            Some((s, f)) => (s.to_string(), Some(f.to_string())),
            None => (name.clone(), None),
        };
        let Some(s) = SOURCES.iter().find(|s| s.name == source) else {
            bail!("--source '{spec}': unknown source '{source}'");
        };
        let file = match file {
            Some(f) => {
                if !s.files.iter().any(|(n, _)| *n == f) {
                    bail!("--source '{spec}': {source} has no file '{f}'");
                }
                f
            }
            None => s.files[0].0.to_string(),
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("--source '{spec}': the URL must start with http:// or https://");
        }
        overrides.insert(format!("{source}/{file}"), url.to_string());
    }
    let mut out = Vec::new();
    for s in chosen {
        for (file, official) in s.files {
            let key = format!("{}/{file}", s.name);
            let url = if let Some(u) = overrides.get(&key) {
                u.clone()
            } else if let Some(base) = &a.base_url {
                format!("{}/{file}", base.trim_end_matches('/'))
            } else {
                official.to_string()
            };
            out.push(Fetch {
                source: s,
                file,
                url,
            });
        }
    }
    Ok(out)
}

enum Staged {
    Ready { version: String },
    Unchanged,
}

/// Downloads and validates into `staging`.
fn stage(
    staging: &Path,
    previous: Option<&Path>,
    plan: &[Fetch],
    a: &UpdateArgs,
) -> Result<Staged, UpdateError> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(secs(a.connect_timeout))
        .timeout_read(secs(a.timeout))
        .timeout_write(secs(a.timeout))
        .user_agent(concat!("cordon/", env!("CARGO_PKG_VERSION")))
        .build();
    let progress = indicatif::MultiProgress::new();
    if !std::io::stderr().is_terminal() {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let max_bytes = a.max_size.saturating_mul(1024 * 1024);
    let mut files: Vec<ManifestFile> = Vec::new();
    for f in plan {
        let folder = staging.join(f.source.name);
        std::fs::create_dir_all(&folder)
            .map_err(|e| fail(1, format!("creating {}: {e}", folder.display())))?;
        let path = folder.join(f.file);
        let (sha256, bytes) = download(&agent, &progress, f, &path, max_bytes, a)?;
        files.push(ManifestFile {
            source: f.source.name.to_string(),
            url: f.url.clone(),
            path: format!("{}/{}", f.source.name, f.file),
            sha256,
            bytes,
        });
    }

    // Validate each downloaded list.
    let prev_manifest = previous
        .map(Store::read_manifest)
        .transpose()
        .map_err(|e| fail(1, format!("reading the current snapshot's manifest: {e}")))?
        .flatten();
    let mut lists: Vec<LoadedList> = Vec::new();
    let mut updated: Vec<&str> = Vec::new();
    for f in plan {
        if updated.contains(&f.source.name) {
            continue;
        }
        updated.push(f.source.name);
        let list = validate(staging, f.source, prev_manifest.as_ref(), a.max_drop)?;
        lists.push(list);
    }

    // Carry over the current snapshot's other lists.
    if let Some(prev) = previous {
        carry_over(
            prev,
            staging,
            &updated,
            prev_manifest.as_ref(),
            &mut files,
            &mut lists,
        )?;
    }

    let snapshot = Snapshot::build(lists, Vec::new(), Vec::new(), Duration::ZERO);
    let version = snapshot.version().to_string();
    if prev_manifest.as_ref().is_some_and(|m| m.version == version) {
        return Ok(Staged::Unchanged);
    }
    let manifest = Manifest {
        name: String::new(),
        version: version.clone(),
        created: utc_iso(SystemTime::now()),
        files,
        entities: snapshot.index().len(),
        lists: snapshot.lists().iter().map(ManifestList::from).collect(),
    };
    Store::write_manifest(staging, &manifest).map_err(|e| fail(1, e.to_string()))?;
    Ok(Staged::Ready { version })
}

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s.clamp(0.001, 86_400.0))
}

/// Downloads one file with retries; returns its SHA-256 and size.
fn download(
    agent: &ureq::Agent,
    progress: &indicatif::MultiProgress,
    f: &Fetch,
    path: &Path,
    max_bytes: u64,
    a: &UpdateArgs,
) -> Result<(String, u64), UpdateError> {
    let what = format!("{} ({})", f.source.name, f.file);
    let attempts = a.attempts.max(1);
    let mut last = String::new();
    for attempt in 1..=attempts {
        if attempt > 1 {
            let wait = a.backoff * f64::from(2u32.saturating_pow(attempt - 2));
            std::thread::sleep(secs(wait));
        }
        match fetch_once(agent, progress, f, path, max_bytes) {
            Ok(done) => return Ok(done),
            Err(Attempt::Fatal(msg)) => {
                return Err(fail(EXIT_DOWNLOAD, format!("{what}: {msg} ({})", f.url)))
            }
            Err(Attempt::Retry(msg)) => last = msg,
        }
    }
    Err(fail(
        EXIT_DOWNLOAD,
        format!("{what}: {last} ({}; {attempts} attempts)", f.url),
    ))
}

enum Attempt {
    /// Worth another try: network errors, timeouts, 5xx, 429.
    Retry(String),
    /// Not: other HTTP statuses, too large, local I/O.
    Fatal(String),
}

fn fetch_once(
    agent: &ureq::Agent,
    progress: &indicatif::MultiProgress,
    f: &Fetch,
    path: &Path,
    max_bytes: u64,
) -> Result<(String, u64), Attempt> {
    let resp = match agent.get(&f.url).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(code, _)) if code >= 500 || code == 429 => {
            return Err(Attempt::Retry(format!("HTTP {code}")))
        }
        Err(ureq::Error::Status(code, _)) => return Err(Attempt::Fatal(format!("HTTP {code}"))),
        Err(ureq::Error::Transport(t)) => return Err(Attempt::Retry(t.to_string())),
    };
    let length: Option<u64> = resp
        .header("Content-Length")
        .and_then(|v| v.trim().parse().ok());
    if let Some(n) = length {
        if n > max_bytes {
            return Err(Attempt::Fatal(format!(
                "{n} bytes announced, above the size cap of {max_bytes}"
            )));
        }
    }
    let bar = progress.add(match length {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    });
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg:<28} {bar:30} {bytes:>10}/{total_bytes:<10} {bytes_per_sec:>12}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(format!("{}/{}", f.source.name, f.file));
    let mut out = std::fs::File::create(path)
        .map_err(|e| Attempt::Fatal(format!("writing {}: {e}", path.display())))?;
    let mut reader = resp.into_reader().take(max_bytes + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total: u64 = 0;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                bar.abandon();
                return Err(Attempt::Retry(format!(
                    "reading the response after {total} bytes: {e}"
                )));
            }
        };
        total += n as u64;
        if total > max_bytes {
            bar.abandon();
            return Err(Attempt::Fatal(format!(
                "larger than the size cap of {max_bytes} bytes"
            )));
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])
            .map_err(|e| Attempt::Fatal(format!("writing {}: {e}", path.display())))?;
        bar.set_position(total);
    }
    if let Some(n) = length {
        if total != n {
            bar.abandon();
            return Err(Attempt::Retry(format!(
                "truncated: {total} of {n} announced bytes"
            )));
        }
    }
    out.sync_all()
        .map_err(|e| Attempt::Fatal(format!("writing {}: {e}", path.display())))?;
    bar.finish();
    let sha: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((sha, total))
}

/// Checks one downloaded list: not an HTML page, non-empty, parses, and
/// its entity count did not collapse against the current snapshot.
fn validate(
    staging: &Path,
    s: &SourceSpec,
    prev: Option<&Manifest>,
    max_drop: f64,
) -> Result<LoadedList, UpdateError> {
    let primary = staging.join(s.name).join(s.files[0].0);
    let invalid = |m: String| fail(EXIT_INVALID, format!("{}: {m}", s.name));
    for (file, _) in s.files {
        let p = staging.join(s.name).join(file);
        let head = read_head(&p).map_err(|e| invalid(format!("{file}: {e}")))?;
        if head.is_empty() && p == primary {
            return Err(invalid(format!("{file} is empty")));
        }
        if looks_like_html(&head) {
            return Err(invalid(format!(
                "{file} is an HTML page, not the list (an error or login page served with status 200?)"
            )));
        }
    }
    let list = load(&ListSource {
        format: s.format,
        path: primary.clone(),
    })
    .map_err(|e| invalid(format!("does not parse: {e}")))?;
    if list.entities.is_empty() {
        return Err(invalid("no entities".to_string()));
    }
    let before = previous_count(s, prev);
    if let Some(before) = before {
        let after = list.entities.len();
        if cordon_store::collapsed(before as u64, after as u64, max_drop) {
            return Err(invalid(format!(
                "entity count collapsed from {before} to {after} (more than {:.0}% fewer; --max-drop {max_drop})",
                max_drop * 100.0
            )));
        }
    }
    Ok(list)
}

/// The list's entity count in the current snapshot, from its manifest.
fn previous_count(s: &SourceSpec, prev: Option<&Manifest>) -> Option<usize> {
    prev?
        .lists
        .iter()
        .find(|l| l.format == s.format.as_str())
        .map(|l| l.entities)
}

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1024];
    let mut n = 0;
    while n < buf.len() {
        let k = f.read(&mut buf[n..])?;
        if k == 0 {
            break;
        }
        n += k;
    }
    buf.truncate(n);
    Ok(buf)
}

/// An HTML document: starts (after a BOM and white space) with `<!doctype
/// html` or `<html`, or has `<html` near its top.
pub fn looks_like_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<!doctype html") || t.starts_with("<html") || t.contains("<html")
}

/// Copies the current snapshot's lists that this update does not touch into
/// the new snapshot, and loads them so the snapshot version covers them.
fn carry_over(
    prev: &Path,
    staging: &Path,
    updated: &[&str],
    manifest: Option<&Manifest>,
    files: &mut Vec<ManifestFile>,
    lists: &mut Vec<LoadedList>,
) -> Result<(), UpdateError> {
    for s in SOURCES {
        if updated.contains(&s.name) {
            continue;
        }
        let from = prev.join(s.name);
        if !from.is_dir() {
            continue;
        }
        let to = staging.join(s.name);
        copy_dir(&from, &to).map_err(|e| fail(1, format!("copying {}: {e}", from.display())))?;
        let list = load(&ListSource {
            format: s.format,
            path: to.join(s.files[0].0),
        })
        .map_err(|e| {
            fail(
                EXIT_INVALID,
                format!("{} (kept from the current snapshot): {e}", s.name),
            )
        })?;
        lists.push(list);
        if let Some(m) = manifest {
            files.extend(m.files.iter().filter(|f| f.source == s.name).cloned());
        }
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.path().is_file() {
            // A hard link when the file system allows it: snapshots never
            // modify their files.
            if std::fs::hard_link(entry.path(), &target).is_err() {
                std::fs::copy(entry.path(), &target)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
