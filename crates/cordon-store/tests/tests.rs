//! Integration tests of cordon-store, in one test binary.

mod choose;
mod diff;
mod handle;
mod snapshot;
mod store;
mod validation;

use std::path::PathBuf;

/// The invented sample list shipped in `data/sample/`.
pub fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")
}

/// A path under `$CORDON_DATA`, or `None` (with a message) when it is not
/// set; a set variable with the path missing is a failure.
pub fn data(rel: &str) -> Option<PathBuf> {
    let Ok(root) = std::env::var("CORDON_DATA") else {
        println!("skipping: CORDON_DATA not set");
        return None;
    };
    let p = PathBuf::from(root).join(rel);
    assert!(
        p.exists(),
        "CORDON_DATA is set but {} does not exist",
        p.display()
    );
    Some(p)
}
