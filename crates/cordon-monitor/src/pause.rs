//! A test hook for crash tests: in debug builds, with
//! `CORDON_MONITOR_PAUSE_AT=POINT` in the environment, the process stops
//! for good at POINT after saying so on stderr
//! (`cordon: paused at POINT`), so a test can kill it there with SIGKILL
//! instead of hoping a timer lands mid-run. The points:
//!
//! * `import-chunk`: an import has committed its first chunk;
//! * `run-screened`: a run is recorded as `running` and has screened, and
//!   has written none of its outcome;
//! * `run-commit`: a run has written its whole outcome inside its
//!   transaction, which is not committed yet.
//!
//! Release builds ignore the variable.

/// Stops here for good when `CORDON_MONITOR_PAUSE_AT` names `point`
/// (debug builds only).
pub(crate) fn point(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("CORDON_MONITOR_PAUSE_AT").is_ok_and(|p| p == point) {
        eprintln!("cordon: paused at {point} (CORDON_MONITOR_PAUSE_AT)");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}
