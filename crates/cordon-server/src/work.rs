//! Running the CPU-bound matching off the async workers: each job goes to
//! the rayon pool (one thread per core) and the handler awaits its result,
//! so the async workers only parse, route and write.
//!
//! A job stops when its answer can no longer be sent. Every job gets a
//! [`Cancel`]: it reports cancelled once the request's future has been
//! dropped (the request timed out, or the client went away) or the
//! request's deadline has passed. A job that is still queued when that
//! happens never starts; a job that screens several queries checks
//! [`Cancel::check`] between them. A single query is bounded by the
//! engine's length caps, not here.

use crate::error::ApiError;
use crate::AppState;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

tokio::task_local! {
    static DEADLINE: Deadline;
}

/// When the request being served must have its answer.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    at: Instant,
    limit: Duration,
}

/// Runs `fut` (a request's handler) with a deadline `limit` from now:
/// `None` when it did not finish in time, in which case `fut` has been
/// dropped and the matching jobs it started stop.
pub(crate) async fn with_deadline<F: Future>(limit: Duration, fut: F) -> Option<F::Output> {
    let deadline = Deadline {
        at: Instant::now() + limit,
        limit,
    };
    DEADLINE
        .scope(deadline, tokio::time::timeout(limit, fut))
        .await
        .ok()
}

/// A job's view of its request: whether the answer is still wanted.
#[derive(Debug, Clone)]
pub struct Cancel {
    dropped: Arc<AtomicBool>,
    deadline: Option<Deadline>,
}

impl Cancel {
    fn new() -> Cancel {
        Cancel {
            dropped: Arc::new(AtomicBool::new(false)),
            deadline: DEADLINE.try_with(|d| *d).ok(),
        }
    }

    /// True once the request has been dropped or its deadline passed.
    pub fn is_cancelled(&self) -> bool {
        self.dropped.load(Ordering::Relaxed)
            || self.deadline.is_some_and(|d| Instant::now() >= d.at)
    }

    /// `Err(timeout)` once cancelled: call it between queries and return
    /// the error.
    pub fn check(&self) -> Result<(), ApiError> {
        if self.is_cancelled() {
            Err(self.error())
        } else {
            Ok(())
        }
    }

    fn error(&self) -> ApiError {
        ApiError::Timeout(self.deadline.map_or(0, |d| d.limit.as_millis() as u64))
    }
}

/// Sets the flag when the awaiting future is dropped.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

enum Outcome<T> {
    Done(T),
    Panicked,
    NotStarted,
}

impl AppState {
    /// Runs `f` on the matching pool and returns its result once the
    /// audit records `f` queued are committed (see [`crate::audit`]; a
    /// failed commit is 503 `audit_unavailable`). A panic in `f` becomes an
    /// internal error for this request only. `f` gets the
    /// request's [`Cancel`]; a job whose request is gone before it starts
    /// is not run.
    pub async fn on_pool<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Cancel) -> T + Send + 'static,
    {
        self.dispatch(rayon::spawn, f).await
    }

    /// As [`AppState::on_pool`], on tokio's blocking threads instead of the
    /// matching pool: for work that waits on I/O (the monitoring store),
    /// which must not hold one of the few matching threads while it waits
    /// for a lock or a disk.
    pub async fn on_blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Cancel) -> T + Send + 'static,
    {
        self.dispatch(
            |job| {
                tokio::task::spawn_blocking(job);
            },
            f,
        )
        .await
    }

    async fn dispatch<T, F>(
        &self,
        spawn: impl FnOnce(Box<dyn FnOnce() + Send + 'static>),
        f: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Cancel) -> T + Send + 'static,
    {
        let cancel = Cancel::new();
        let job_cancel = cancel.clone();
        let running = self.inner.metrics.jobs_running.clone();
        let cancelled = self.inner.metrics.jobs_cancelled.clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let _on_drop = CancelOnDrop(cancel.dropped.clone());
        spawn(Box::new(move || {
            if job_cancel.is_cancelled() {
                cancelled.inc();
                let _ = tx.send(Outcome::NotStarted);
                return;
            }
            running.inc();
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| {
                crate::audit::collect(|| f(&job_cancel))
            }));
            running.dec();
            if job_cancel.is_cancelled() {
                cancelled.inc();
            }
            let _ = tx.send(match out {
                Ok(v) => Outcome::Done(v),
                Err(_) => Outcome::Panicked,
            });
        }));
        match rx.await {
            Ok(Outcome::Done((v, audits))) => audits.committed().await.map(|()| v),
            Ok(Outcome::Panicked) => Err(ApiError::Internal("a matching job panicked".into())),
            Ok(Outcome::NotStarted) => Err(cancel.error()),
            Err(_) => Err(ApiError::Internal("the matching pool dropped a job".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn state() -> AppState {
        let snapshot =
            cordon_store::Snapshot::build(Vec::new(), Vec::new(), Vec::new(), Duration::ZERO);
        AppState::new(snapshot, None, crate::ServerConfig::default(), None, None).unwrap()
    }

    /// Dropping the awaiting future (what a timeout or a client that goes
    /// away does) is seen by the running job.
    #[tokio::test]
    async fn a_dropped_request_cancels_its_running_job() {
        let st = state();
        let (started_tx, started_rx) = mpsc::channel();
        let (seen_tx, seen_rx) = mpsc::channel();
        let fut = async move {
            st.on_pool(move |cancel: &Cancel| {
                let _ = started_tx.send(());
                let t = Instant::now();
                // Wait (bounded) for the request to be dropped.
                while !cancel.is_cancelled() && t.elapsed() < Duration::from_secs(30) {
                    std::thread::sleep(Duration::from_millis(1));
                }
                let _ = seen_tx.send(cancel.check().is_err());
            })
            .await
        };
        let waiter = tokio::spawn(fut);
        tokio::task::spawn_blocking(move || started_rx.recv_timeout(Duration::from_secs(30)))
            .await
            .unwrap()
            .expect("the job started");
        waiter.abort();
        let seen =
            tokio::task::spawn_blocking(move || seen_rx.recv_timeout(Duration::from_secs(30)))
                .await
                .unwrap()
                .expect("the job ended");
        assert!(seen, "the job saw its request dropped");
    }

    /// The request's deadline cancels the job even while its future is
    /// still awaited, and the handler gets `timeout`.
    #[tokio::test]
    async fn the_deadline_cancels_a_job_and_a_late_job_never_starts() {
        let st = state();
        let st2 = st.clone();
        let out = DEADLINE
            .scope(
                Deadline {
                    at: Instant::now() + Duration::from_millis(20),
                    limit: Duration::from_millis(20),
                },
                async move {
                    st2.on_pool(|cancel: &Cancel| {
                        let t = Instant::now();
                        while cancel.check().is_ok() && t.elapsed() < Duration::from_secs(30) {
                            std::thread::sleep(Duration::from_millis(1));
                        }
                        cancel.check()
                    })
                    .await
                },
            )
            .await;
        assert!(matches!(out, Ok(Err(ApiError::Timeout(20)))), "{out:?}");

        let ran = Arc::new(AtomicBool::new(false));
        let r = ran.clone();
        let out = DEADLINE
            .scope(
                Deadline {
                    at: Instant::now(),
                    limit: Duration::from_millis(5),
                },
                st.on_pool(move |_: &Cancel| r.store(true, Ordering::Relaxed)),
            )
            .await;
        assert!(matches!(out, Err(ApiError::Timeout(5))), "{out:?}");
        assert!(
            !ran.load(Ordering::Relaxed),
            "a job past its deadline is not run"
        );
        assert!(st.inner.metrics.jobs_cancelled.get() >= 2);
        assert_eq!(st.inner.metrics.jobs_running.get(), 0);
    }
}
