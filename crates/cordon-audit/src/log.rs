//! The writing side: [`AuditLog`] owns one writer thread; [`AuditSender`]s
//! hand it records through a bounded queue.

use crate::error::{AuditError, Result};
use crate::record::AuditRecord;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Where the audit trail is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditTarget {
    /// An SQLite database file (created with its folder if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@host/db`); needs the
    /// `postgres` feature.
    Postgres(String),
}

impl AuditTarget {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else a
    /// path to an SQLite file (an optional `sqlite:` prefix is dropped).
    pub fn parse(s: &str) -> AuditTarget {
        let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            AuditTarget::Postgres(s.to_string())
        } else {
            AuditTarget::Sqlite(PathBuf::from(s.strip_prefix("sqlite:").unwrap_or(s)))
        }
    }
}

impl std::fmt::Display for AuditTarget {
    /// The path, or the URL without its password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuditTarget::Sqlite(p) => write!(f, "{}", p.display()),
            AuditTarget::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some(x) => x,
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// Called on the writer thread after each commit with the total number of
/// records committed so far.
pub type CommitObserver = Arc<dyn Fn(u64) + Send + Sync>;

/// How the writer queues and batches.
#[derive(Clone)]
pub struct AuditOptions {
    /// Records the queue holds before [`AuditSender::record`] waits.
    pub capacity: usize,
    /// Most records written in one transaction.
    pub batch_size: usize,
    /// Longest time the first record of a transaction waits for more.
    pub max_delay: Duration,
    /// Called after each commit (see [`CommitObserver`]).
    pub on_commit: Option<CommitObserver>,
}

impl Default for AuditOptions {
    fn default() -> AuditOptions {
        AuditOptions {
            capacity: 65_536,
            batch_size: 4096,
            max_delay: Duration::from_millis(5),
            on_commit: None,
        }
    }
}

impl std::fmt::Debug for AuditOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditOptions")
            .field("capacity", &self.capacity)
            .field("batch_size", &self.batch_size)
            .field("max_delay", &self.max_delay)
            .field("on_commit", &self.on_commit.is_some())
            .finish()
    }
}

/// A store the writer thread commits batches to.
pub(crate) trait Backend: Send {
    /// Writes `recs` in one transaction; returns once it is committed.
    fn write(&mut self, recs: &[AuditRecord]) -> Result<()>;
}

enum Msg {
    Record(Box<AuditRecord>),
    Close,
}

/// What the writer thread shares with the senders.
struct Shared {
    committed: AtomicU64,
    /// The writer's error, once it has failed.
    failure: Mutex<Option<String>>,
}

/// The audit trail, open for writing. Created by [`AuditLog::open`];
/// records go in through [`AuditLog::sender`]; [`AuditLog::close`] waits
/// until every record sent before it is committed.
pub struct AuditLog {
    sender: AuditSender,
    target: AuditTarget,
    writer: Option<JoinHandle<Result<()>>>,
}

/// Hands records to the writer thread. Cheap to clone; share it across
/// threads.
#[derive(Clone)]
pub struct AuditSender {
    tx: SyncSender<Msg>,
    shared: Arc<Shared>,
}

impl AuditLog {
    /// Opens (creating if needed, and migrating to the current schema) the
    /// audit database and starts its writer thread. Errors opening the
    /// database are reported here, not on the first record.
    pub fn open(target: &AuditTarget, opts: AuditOptions) -> Result<AuditLog> {
        let backend: Box<dyn Backend> = match target {
            AuditTarget::Sqlite(path) => Box::new(crate::sqlite::SqliteWriter::open(path)?),
            #[cfg(feature = "postgres")]
            AuditTarget::Postgres(url) => Box::new(crate::pg::PgWriter::open(url)?),
            #[cfg(not(feature = "postgres"))]
            AuditTarget::Postgres(_) => {
                return Err(AuditError::PostgresNotBuilt(target.to_string()))
            }
        };
        let (tx, rx) = sync_channel(opts.capacity.max(1));
        let shared = Arc::new(Shared {
            committed: AtomicU64::new(0),
            failure: Mutex::new(None),
        });
        let sh = Arc::clone(&shared);
        let writer = std::thread::Builder::new()
            .name("cordon-audit".into())
            .spawn(move || {
                let r = run_writer(backend, &rx, &sh, &opts);
                if let Err(e) = &r {
                    if let Ok(mut f) = sh.failure.lock() {
                        *f = Some(e.to_string());
                    }
                }
                // Only now may senders see the queue closed: the failure
                // they report is set.
                drop(rx);
                r
            })?;
        Ok(AuditLog {
            sender: AuditSender { tx, shared },
            target: target.clone(),
            writer: Some(writer),
        })
    }

    /// A sender for this log (clone it freely).
    pub fn sender(&self) -> AuditSender {
        self.sender.clone()
    }

    /// Records durably committed so far (updated after each COMMIT).
    pub fn committed(&self) -> u64 {
        self.sender.committed()
    }

    /// Where this log writes.
    pub fn target(&self) -> &AuditTarget {
        &self.target
    }

    /// Commits everything sent before this call, stops the writer and
    /// returns the number of records committed. Records sent afterwards
    /// through a remaining [`AuditSender`] fail with [`AuditError::Closed`].
    pub fn close(mut self) -> Result<u64> {
        self.shutdown()?;
        Ok(self.committed())
    }

    fn shutdown(&mut self) -> Result<()> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        // Fails only if the writer already stopped; its error is below.
        let _ = self.sender.tx.send(Msg::Close);
        match writer.join() {
            Ok(r) => r,
            Err(_) => Err(AuditError::WriterFailed(
                "the writer thread panicked".into(),
            )),
        }
    }
}

impl Drop for AuditLog {
    /// Like [`AuditLog::close`], errors ignored: call `close` to see them.
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

impl AuditSender {
    /// Queues one record for the writer. Never does I/O on this thread;
    /// when the queue is full it **waits** for room (back-pressure): a
    /// record is never dropped. An empty `time` is set to now; a time that
    /// is not RFC 3339 is refused. Fails once the writer has stopped, with
    /// the writer's error.
    pub fn record(&self, mut rec: AuditRecord) -> Result<()> {
        rec.time = if rec.time.is_empty() {
            crate::time::now()
        } else {
            crate::time::parse_time(&rec.time, false)?
        };
        self.tx
            .send(Msg::Record(Box::new(rec)))
            .map_err(|_| self.stopped())
    }

    /// Records durably committed so far.
    pub fn committed(&self) -> u64 {
        self.shared.committed.load(Ordering::Acquire)
    }

    fn stopped(&self) -> AuditError {
        match self.shared.failure.lock().ok().and_then(|f| f.clone()) {
            Some(msg) => AuditError::WriterFailed(msg),
            None => AuditError::Closed,
        }
    }
}

/// The writer loop: wait for a record, gather more until `batch_size` or
/// `max_delay`, commit, repeat. While a commit is running, new records
/// queue up and go into the next transaction (group commit).
fn run_writer(
    mut backend: Box<dyn Backend>,
    rx: &Receiver<Msg>,
    shared: &Shared,
    opts: &AuditOptions,
) -> Result<()> {
    let batch_size = opts.batch_size.max(1);
    let mut batch: Vec<AuditRecord> = Vec::with_capacity(batch_size);
    let mut closing = false;
    while !closing {
        match rx.recv() {
            Ok(Msg::Record(r)) => batch.push(*r),
            Ok(Msg::Close) | Err(_) => closing = true,
        }
        let deadline = Instant::now() + opts.max_delay;
        while !closing && batch.len() < batch_size {
            let wait = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(Msg::Record(r)) => batch.push(*r),
                Ok(Msg::Close) | Err(RecvTimeoutError::Disconnected) => closing = true,
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        if closing {
            // Records that raced with close(): keep them too.
            loop {
                match rx.try_recv() {
                    Ok(Msg::Record(r)) => batch.push(*r),
                    Ok(Msg::Close) => {}
                    Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
                }
            }
        }
        for part in batch.chunks(batch_size) {
            backend.write(part)?;
            let total = shared
                .committed
                .fetch_add(part.len() as u64, Ordering::AcqRel)
                + part.len() as u64;
            if let Some(f) = &opts.on_commit {
                f(total);
            }
        }
        batch.clear();
    }
    Ok(())
}
