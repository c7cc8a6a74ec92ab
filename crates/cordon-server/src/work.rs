//! Running the CPU-bound matching off the async workers: each job goes to
//! the rayon pool (one thread per core) and the handler awaits its result,
//! so the async workers only parse, route and write.

use crate::error::ApiError;
use std::panic::AssertUnwindSafe;

/// Runs `f` on the matching pool and returns its result once the audit
/// records `f` queued are committed (see [`crate::audit`]; a failed commit
/// is 503 `audit_unavailable`). A panic in `f` becomes an internal error
/// for this request only.
pub async fn on_pool<T, F>(f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let out = std::panic::catch_unwind(AssertUnwindSafe(|| crate::audit::collect(f)));
        let _ = tx.send(out);
    });
    match rx.await {
        Ok(Ok((v, audits))) => audits.committed().await.map(|()| v),
        Ok(Err(_)) => Err(ApiError::Internal("a matching job panicked".into())),
        Err(_) => Err(ApiError::Internal("the matching pool dropped a job".into())),
    }
}
