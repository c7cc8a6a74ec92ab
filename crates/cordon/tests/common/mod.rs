//! Helpers shared by the CLI test binaries (`tests/*.rs`). Each binary uses
//! a subset.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The invented sample lists in `data/sample/` (offline).
pub fn sample() -> PathBuf {
    repo_root().join("data/sample")
}

/// The 2024-05-03 SDN folder, or `None` (with a message) without
/// `CORDON_DATA`; set but missing, the test fails.
pub fn sdn_2024() -> Option<PathBuf> {
    let Some(root) = std::env::var_os("CORDON_DATA") else {
        eprintln!("skipping: CORDON_DATA not set");
        return None;
    };
    let dir = PathBuf::from(root).join("lists/ofac_sdn/2024-05-03");
    assert!(
        dir.join("sdn.csv").is_file(),
        "CORDON_DATA is set but {} is missing",
        dir.join("sdn.csv").display()
    );
    Some(dir)
}

/// Runs `cmd` and fails the test, with its stderr, unless it succeeds.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("running cordon");
    assert!(
        out.status.success(),
        "cordon failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
