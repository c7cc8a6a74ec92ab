//! The writing side: [`AuditLog`] owns one writer thread; [`AuditSender`]s
//! hand it records through a bounded queue; a [`Commit`] ticket says when
//! the transaction holding a record has committed.

use crate::backend::Backend;
use crate::error::{AuditError, Result};
use crate::record::AuditRecord;
use crate::target::AuditTarget;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

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

/// Told when the transaction holding its record has committed.
type Notify = oneshot::Sender<()>;

enum Msg {
    Record(Box<AuditRecord>, Option<Notify>),
    Close,
}

/// What the writer thread shares with the senders.
struct Shared {
    committed: AtomicU64,
    /// The writer's error, once it has failed.
    failure: Mutex<Option<String>>,
}

impl Shared {
    fn fail(&self, e: &AuditError) {
        if let Ok(mut f) = self.failure.lock() {
            f.get_or_insert_with(|| e.to_string());
        }
    }

    /// Why the writer no longer takes records.
    fn stopped(&self) -> AuditError {
        match self.failure.lock().ok().and_then(|f| f.clone()) {
            Some(msg) => AuditError::WriterFailed(msg),
            None => AuditError::Closed,
        }
    }
}

/// A ticket for records handed to the writer by [`AuditSender::submit`] or
/// [`AuditSender::submit_all`]: it resolves to `Ok(())` once the
/// transaction holding them (and so every record queued before them) has
/// committed, or to the writer's error ([`AuditError::WriterFailed`]) if
/// that transaction failed. Wait for it with [`Commit::wait`] (blocking)
/// or `.await` it (it is a `Future`, usable from any async runtime).
/// Dropping it does not cancel the record.
#[must_use = "a Commit says when the record is durable: wait for it, or use AuditSender::record"]
pub struct Commit {
    /// `None`: nothing to wait for (an empty `submit_all`).
    rx: Option<oneshot::Receiver<()>>,
    shared: Arc<Shared>,
}

impl Commit {
    /// Blocks until the records are committed. Must not be called from an
    /// async task (it would block the runtime's worker): `.await` there.
    pub fn wait(self) -> Result<()> {
        match self.rx {
            None => Ok(()),
            Some(rx) => rx.blocking_recv().map_err(|_| self.shared.stopped()),
        }
    }

    /// Without waiting: `None` while the transaction is still open, else
    /// its outcome.
    pub fn try_done(&mut self) -> Option<Result<()>> {
        let Some(rx) = &mut self.rx else {
            return Some(Ok(()));
        };
        match rx.try_recv() {
            Ok(()) => Some(Ok(())),
            Err(oneshot::error::TryRecvError::Empty) => None,
            Err(oneshot::error::TryRecvError::Closed) => Some(Err(self.shared.stopped())),
        }
    }
}

impl Future for Commit {
    type Output = Result<()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<()>> {
        let this = &mut *self;
        let Some(rx) = &mut this.rx else {
            return Poll::Ready(Ok(()));
        };
        match Pin::new(rx).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Ok(())) => Poll::Ready(Ok(())),
            Poll::Ready(Err(_)) => Poll::Ready(Err(this.shared.stopped())),
        }
    }
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
        let backend = crate::connect::writer(target)?;
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
                    sh.fail(e);
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
    /// Queues one record for the writer, without waiting for its commit
    /// (see [`AuditSender::submit`] for that). Never does I/O on this
    /// thread; when the queue is full it **waits** for room
    /// (back-pressure): a record is never dropped. An empty `time` is set
    /// to now; a time that is not RFC 3339 is refused. Fails once the
    /// writer has stopped, with the writer's error.
    pub fn record(&self, rec: AuditRecord) -> Result<()> {
        self.send(rec, None)
    }

    /// Like [`AuditSender::record`], and returns a [`Commit`] that resolves
    /// when the transaction holding the record has committed. The writer
    /// still commits many records per transaction (group commit): waiting
    /// costs the caller latency, not the trail throughput.
    pub fn submit(&self, rec: AuditRecord) -> Result<Commit> {
        let (tx, rx) = oneshot::channel();
        self.send(rec, Some(tx))?;
        Ok(Commit {
            rx: Some(rx),
            shared: Arc::clone(&self.shared),
        })
    }

    /// Queues `recs` in order and returns one [`Commit`] for all of them:
    /// records are committed in queue order, so it resolves when the last
    /// one's transaction has committed. Nothing queued (an empty `recs`)
    /// resolves at once.
    pub fn submit_all(&self, recs: impl IntoIterator<Item = AuditRecord>) -> Result<Commit> {
        let mut recs = recs.into_iter().peekable();
        let mut rx = None;
        while let Some(rec) = recs.next() {
            if recs.peek().is_some() {
                self.send(rec, None)?;
            } else {
                let (tx, r) = oneshot::channel();
                self.send(rec, Some(tx))?;
                rx = Some(r);
            }
        }
        Ok(Commit {
            rx,
            shared: Arc::clone(&self.shared),
        })
    }

    /// Queues `rec` and blocks until it is committed: `submit(rec)?.wait()`.
    pub fn record_committed(&self, rec: AuditRecord) -> Result<()> {
        self.submit(rec)?.wait()
    }

    fn send(&self, mut rec: AuditRecord, notify: Option<Notify>) -> Result<()> {
        rec.time = if rec.time.is_empty() {
            crate::time::now()
        } else {
            crate::time::parse_time(&rec.time, false)?
        };
        self.tx
            .send(Msg::Record(Box::new(rec), notify))
            .map_err(|_| self.shared.stopped())
    }

    /// Records durably committed so far.
    pub fn committed(&self) -> u64 {
        self.shared.committed.load(Ordering::Acquire)
    }
}

/// The writer loop: wait for a record, gather more until `batch_size` or
/// `max_delay`, commit, tell the waiting [`Commit`]s, repeat. Once a record
/// with a waiting ticket is in the batch, it gathers only what is already
/// queued: a waiter never pays `max_delay`. While a commit is running, new
/// records queue up and go into the next transaction (group commit). On a failed commit the failure is stored
/// before the waiting tickets are dropped, so they report it.
fn run_writer(
    mut backend: Box<dyn Backend>,
    rx: &Receiver<Msg>,
    shared: &Shared,
    opts: &AuditOptions,
) -> Result<()> {
    let batch_size = opts.batch_size.max(1);
    let mut batch: Vec<AuditRecord> = Vec::with_capacity(batch_size);
    // Parallel to `batch`: who waits for each record.
    let mut notify: Vec<Option<Notify>> = Vec::with_capacity(batch_size);
    let mut closing = false;
    let push = |r: Box<AuditRecord>,
                n: Option<Notify>,
                b: &mut Vec<AuditRecord>,
                w: &mut Vec<Option<Notify>>| {
        b.push(*r);
        w.push(n);
    };
    while !closing {
        match rx.recv() {
            Ok(Msg::Record(r, n)) => push(r, n, &mut batch, &mut notify),
            Ok(Msg::Close) | Err(_) => closing = true,
        }
        let deadline = Instant::now() + opts.max_delay;
        while !closing && batch.len() < batch_size {
            // Someone waits for this transaction: take what is queued and
            // commit now; only unwatched records wait for company.
            if notify.iter().any(Option::is_some) {
                match rx.try_recv() {
                    Ok(Msg::Record(r, n)) => push(r, n, &mut batch, &mut notify),
                    Ok(Msg::Close) | Err(TryRecvError::Disconnected) => closing = true,
                    Err(TryRecvError::Empty) => break,
                }
                continue;
            }
            let wait = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(Msg::Record(r, n)) => push(r, n, &mut batch, &mut notify),
                Ok(Msg::Close) | Err(RecvTimeoutError::Disconnected) => closing = true,
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        if closing {
            // Records that raced with close(): keep them too.
            loop {
                match rx.try_recv() {
                    Ok(Msg::Record(r, n)) => push(r, n, &mut batch, &mut notify),
                    Ok(Msg::Close) => {}
                    Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
                }
            }
        }
        let mut waiting = std::mem::take(&mut notify).into_iter();
        for part in batch.chunks(batch_size) {
            if let Err(e) = backend.write(part) {
                shared.fail(&e);
                return Err(e);
            }
            let total = shared
                .committed
                .fetch_add(part.len() as u64, Ordering::AcqRel)
                + part.len() as u64;
            for n in waiting.by_ref().take(part.len()).flatten() {
                // The ticket may have been dropped: nobody to tell.
                let _ = n.send(());
            }
            if let Some(f) = &opts.on_commit {
                f(total);
            }
        }
        batch.clear();
    }
    Ok(())
}
