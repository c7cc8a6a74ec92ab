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
//! Bounded in time and in where it goes: each download attempt has an
//! overall deadline (`--download-timeout`, besides the connect and read
//! timeouts, so a server trickling a byte a second cannot hold it), and the
//! whole run has one (`--deadline`, retries and backoff included). A
//! redirect is followed only to the same host and port and never from
//! https to plain http; anything else is a download error naming both
//! addresses. One update runs at a time per data directory (an exclusive
//! lock on `.update.lock` there, released by the OS when the process ends,
//! even by `kill -9`); holding it, the update removes `.staging-*` folders
//! left by a crashed run, which no running update can still be using.
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
use std::sync::mpsc::{sync_channel, RecvTimeoutError, SyncSender};
use std::sync::LazyLock;
use std::time::{Duration, Instant, SystemTime};

/// Exit status when a download failed.
pub const EXIT_DOWNLOAD: u8 = 3;
/// Exit status when a downloaded list failed validation.
pub const EXIT_INVALID: u8 = 4;

/// One downloadable list: its format and its official download (from
/// the format table, [`cordon_lists::FormatInfo::download`]).
#[derive(Debug, Clone, Copy)]
pub struct SourceSpec {
    /// The source's name (`--only`, `--source NAME=URL`), also its folder in
    /// the snapshot: the format's name.
    pub name: &'static str,
    pub format: ListFormat,
    /// `(file name, official URL)`, the primary file first.
    pub files: &'static [(&'static str, &'static str)],
    /// Downloaded without `--only`.
    pub default: bool,
    pub note: &'static str,
}

/// The official sources: every format of the format table with a
/// download, in its order.
pub static SOURCES: LazyLock<Vec<SourceSpec>> = LazyLock::new(|| {
    ListFormat::ALL
        .into_iter()
        .filter_map(|format| {
            let d = format.info().download?;
            Some(SourceSpec {
                name: format.as_str(),
                format,
                files: d.files,
                default: d.default,
                note: d.note,
            })
        })
        .collect()
});

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
    /// Longest time one download attempt may take from request to last
    /// byte, seconds (a slow but never silent server is cut off here).
    #[arg(long, default_value_t = 900.0, value_name = "SECS")]
    pub download_timeout: f64,
    /// Longest time the whole update may take, downloads, retries and
    /// validation included, seconds.
    #[arg(long, default_value_t = 3600.0, value_name = "SECS")]
    pub deadline: f64,
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
        for s in SOURCES.iter() {
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
    let deadline = Instant::now() + secs(a.deadline);
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(1, format!("cannot create {}: {e}", dir.display())))?;
    let _lock = lock_store(dir)?;
    let store = Store::open(dir);
    remove_stale_staging(&store);
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
    let result = stage(&staging, previous.as_deref(), &plan, a, deadline);
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
    deadline: Instant,
) -> Result<Staged, UpdateError> {
    let agent = ureq::AgentBuilder::new()
        // Redirects are followed by `fetch_once`, which checks each one.
        .redirects(0)
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
        let (sha256, bytes) = download(&agent, &progress, f, &path, max_bytes, a, deadline)?;
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
    deadline: Instant,
) -> Result<(String, u64), UpdateError> {
    let what = format!("{} ({})", f.source.name, f.file);
    let past_deadline = |last: &str| {
        fail(
            EXIT_DOWNLOAD,
            format!(
                "{what}: the update ran past its deadline of {} s (--deadline){}{last} ({})",
                a.deadline,
                if last.is_empty() {
                    ""
                } else {
                    "; last error: "
                },
                f.url
            ),
        )
    };
    let attempts = a.attempts.max(1);
    let mut last = String::new();
    for attempt in 1..=attempts {
        if attempt > 1 {
            let wait = secs(a.backoff * f64::from(2u32.saturating_pow(attempt - 2)));
            if Instant::now() + wait >= deadline {
                return Err(past_deadline(&last));
            }
            std::thread::sleep(wait);
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(past_deadline(&last));
        }
        let limit = Limit {
            at: deadline.min(now + secs(a.download_timeout)),
            whole_run: now + secs(a.download_timeout) > deadline,
            download_timeout: a.download_timeout,
            deadline: a.deadline,
        };
        match fetch_once(agent, progress, f, path, max_bytes, &limit) {
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

/// When one download attempt must be over.
struct Limit {
    at: Instant,
    /// The whole run's deadline comes first (else `--download-timeout`).
    whole_run: bool,
    download_timeout: f64,
    deadline: f64,
}

impl Limit {
    fn remaining(&self) -> Option<Duration> {
        Some(self.at.saturating_duration_since(Instant::now())).filter(|d| !d.is_zero())
    }

    fn exceeded(&self, total: u64) -> Attempt {
        let msg = if self.whole_run {
            format!(
                "the update ran past its deadline of {} s (--deadline) after {total} bytes",
                self.deadline
            )
        } else {
            format!(
                "not complete within {} s (--download-timeout) after {total} bytes",
                self.download_timeout
            )
        };
        Attempt::Retry(msg)
    }
}

/// Most redirects followed for one file.
const MAX_REDIRECTS: usize = 5;

/// The address a redirect from `from` to `location` (absolute or relative)
/// leads to, if a download may follow it: the same host and port, and
/// never from https down to http (a plain-http address is only ever used
/// when the user gave one).
pub(crate) fn redirect_target(from: &str, location: &str) -> Result<String, String> {
    let base = url::Url::parse(from).map_err(|e| format!("bad address {from}: {e}"))?;
    let to = base
        .join(location.trim())
        .map_err(|e| format!("redirect to a bad address {location:?}: {e}"))?;
    if !matches!(to.scheme(), "http" | "https") {
        return Err(format!("redirect to {to} refused: not http(s)"));
    }
    if base.scheme() == "https" && to.scheme() != "https" {
        return Err(format!("redirect from {from} to plain http {to} refused"));
    }
    if to.host_str() != base.host_str()
        || to.port_or_known_default() != base.port_or_known_default()
    {
        return Err(format!(
            "redirect from {from} to another host {to} refused (only same-host redirects are followed)"
        ));
    }
    Ok(to.to_string())
}

/// What the network thread of one attempt ([`network`]) reports.
enum Net {
    /// The response is in; its announced length.
    Length(Option<u64>),
    Chunk(Vec<u8>),
    End,
    Failed(Attempt),
}

/// One download attempt. The request and the reading of the body run on a
/// thread of their own ([`network`]), where the connect and read timeouts
/// apply to each network operation; this thread enforces the attempt's
/// overall deadline (which the per-read timeout cannot: a byte a second
/// never trips it), writes the file and hashes it. At the deadline the
/// network thread is left to stop at its next read (within the read
/// timeout); it holds nothing but the channel.
fn fetch_once(
    agent: &ureq::Agent,
    progress: &indicatif::MultiProgress,
    f: &Fetch,
    path: &Path,
    max_bytes: u64,
    limit: &Limit,
) -> Result<(String, u64), Attempt> {
    let (tx, rx) = sync_channel::<Net>(4);
    {
        let (agent, url) = (agent.clone(), f.url.clone());
        std::thread::Builder::new()
            .name("cordon-update-download".into())
            .spawn(move || network(&agent, url, max_bytes, &tx))
            .map_err(|e| Attempt::Fatal(format!("starting a download thread: {e}")))?;
    }
    let next = |total: u64| -> Result<Net, Attempt> {
        let Some(left) = limit.remaining() else {
            return Err(limit.exceeded(total));
        };
        match rx.recv_timeout(left) {
            Ok(Net::Failed(a)) => Err(a),
            Ok(m) => Ok(m),
            Err(RecvTimeoutError::Timeout) => Err(limit.exceeded(total)),
            Err(RecvTimeoutError::Disconnected) => Err(Attempt::Retry(
                "the download stopped without a reason".into(),
            )),
        }
    };
    let length = match next(0)? {
        Net::Length(l) => l,
        _ => return Err(Attempt::Retry("no response".into())),
    };
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
    let mut hasher = Sha256::new();
    let mut total: u64 = 0;
    loop {
        let chunk = match next(total) {
            Ok(Net::Chunk(c)) => c,
            Ok(Net::End) => break,
            Ok(_) => continue,
            Err(a) => {
                bar.abandon();
                return Err(a);
            }
        };
        total += chunk.len() as u64;
        if total > max_bytes {
            bar.abandon();
            return Err(Attempt::Fatal(format!(
                "larger than the size cap of {max_bytes} bytes"
            )));
        }
        hasher.update(&chunk);
        out.write_all(&chunk)
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

/// The network side of one attempt: the request (following checked
/// redirects), then the body in chunks, each sent to `tx`; stops when the
/// receiver is gone.
fn network(agent: &ureq::Agent, url: String, max_bytes: u64, tx: &SyncSender<Net>) {
    let resp = match request(agent, url) {
        Ok(r) => r,
        Err(a) => {
            let _ = tx.send(Net::Failed(a));
            return;
        }
    };
    let length: Option<u64> = resp
        .header("Content-Length")
        .and_then(|v| v.trim().parse().ok());
    if tx.send(Net::Length(length)).is_err() {
        return;
    }
    let mut reader = resp.into_reader().take(max_bytes.saturating_add(1));
    let mut total: u64 = 0;
    loop {
        let mut buf = vec![0u8; 64 * 1024];
        let msg = match reader.read(&mut buf) {
            Ok(0) => Net::End,
            Ok(n) => {
                total += n as u64;
                buf.truncate(n);
                Net::Chunk(buf)
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => Net::Failed(Attempt::Retry(format!(
                "reading the response after {total} bytes: {e}"
            ))),
        };
        let last = matches!(msg, Net::End | Net::Failed(_));
        if tx.send(msg).is_err() || last {
            return;
        }
    }
}

/// GET `url`, following at most [`MAX_REDIRECTS`] redirects that
/// [`redirect_target`] allows.
fn request(agent: &ureq::Agent, mut url: String) -> Result<ureq::Response, Attempt> {
    let mut hops = 0;
    loop {
        let resp = match agent.get(&url).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(code, _)) if code >= 500 || code == 429 => {
                return Err(Attempt::Retry(format!("HTTP {code}")))
            }
            Err(ureq::Error::Status(code, _)) => {
                return Err(Attempt::Fatal(format!("HTTP {code}")))
            }
            Err(ureq::Error::Transport(t)) => return Err(Attempt::Retry(t.to_string())),
        };
        if !(300..400).contains(&resp.status()) {
            return Ok(resp);
        }
        let code = resp.status();
        let Some(location) = resp.header("Location") else {
            return Err(Attempt::Fatal(format!("HTTP {code} without a Location")));
        };
        hops += 1;
        if hops > MAX_REDIRECTS {
            return Err(Attempt::Fatal(format!(
                "more than {MAX_REDIRECTS} redirects"
            )));
        }
        url = redirect_target(&url, location).map_err(Attempt::Fatal)?;
    }
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
    for s in SOURCES.iter() {
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

/// The name of the lock file in the data directory.
const LOCK_FILE: &str = ".update.lock";

/// Holds the data directory's update lock while alive.
pub(crate) struct StoreLock(#[allow(dead_code)] std::fs::File);

/// Takes the exclusive update lock of `dir`, or fails at once (exit 1) if
/// another update holds it. The OS releases it when the process ends,
/// however it ends.
pub(crate) fn lock_store(dir: &Path) -> Result<StoreLock, UpdateError> {
    let path = dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| fail(1, format!("opening {}: {e}", path.display())))?;
    #[cfg(unix)]
    {
        use rustix::fs::{flock, FlockOperation};
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(rustix::io::Errno::WOULDBLOCK) => {
                return Err(fail(
                    1,
                    format!(
                        "another cordon update is running on {} (it holds {})",
                        dir.display(),
                        path.display()
                    ),
                ))
            }
            Err(e) => return Err(fail(1, format!("locking {}: {e}", path.display()))),
        }
    }
    Ok(StoreLock(file))
}

/// Whether `name` is a staging folder name of `Store::begin`:
/// `.staging-<pid>-<nanoseconds>`.
fn is_staging_name(name: &str) -> bool {
    name.strip_prefix(".staging-")
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(pid, ns)| {
            !pid.is_empty()
                && !ns.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && ns.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Removes the staging folders a crashed update left. Call it holding the
/// store lock ([`lock_store`]): every staging folder was made by an update
/// that held it, so none is in use. Only real folders named as
/// `Store::begin` names them are touched (not symlinks, not other files).
/// Without file locks (not unix) nothing is removed.
fn remove_stale_staging(store: &Store) {
    if !cfg!(unix) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(store.snapshots_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && is_staging_name(&name.to_string_lossy()) {
            match std::fs::remove_dir_all(e.path()) {
                Ok(()) => eprintln!(
                    "cordon update: removed {} left by an interrupted update",
                    e.path().display()
                ),
                Err(err) => eprintln!(
                    "cordon update: warning: cannot remove {}: {err}",
                    e.path().display()
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests;
