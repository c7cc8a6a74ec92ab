//! Helpers shared by the CLI test binaries (`tests/*.rs`). Each binary uses
//! a subset.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

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

/// The shared `lists/` folder, or `None` (with a message) without
/// `CORDON_DATA`; set but missing, the test fails.
pub fn shared_lists() -> Option<PathBuf> {
    let Some(root) = std::env::var_os("CORDON_DATA") else {
        eprintln!("skipping: CORDON_DATA not set");
        return None;
    };
    let dir = PathBuf::from(root).join("lists");
    assert!(
        dir.is_dir(),
        "CORDON_DATA is set but {} is missing",
        dir.display()
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

/// The `cordon` binary, without the user's data folder, audit and
/// monitoring databases from the environment.
pub fn cordon() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cordon"));
    for k in [
        "CORDON_DATA_DIR",
        "CORDON_AUDIT",
        "CORDON_NO_AUDIT",
        "CORDON_MONITOR_DB",
    ] {
        c.env_remove(k);
    }
    c
}

/// The real daily SDN files (`$CORDON_DATA/lists/ofac_sdn/history/`, with
/// `sdn_2024-04-26.csv`, `-05-01` and `-05-02`) and the negatives set
/// (`eval/candgen_negatives_us.csv`), or `None` (with a message) without
/// `CORDON_DATA`; set but missing, the test fails.
pub fn daily_sdn() -> Option<(PathBuf, PathBuf)> {
    let Some(root) = std::env::var_os("CORDON_DATA") else {
        eprintln!("skipping: CORDON_DATA not set");
        return None;
    };
    let root = PathBuf::from(root);
    let hist = root.join("lists/ofac_sdn/history");
    let neg = root.join("eval/candgen_negatives_us.csv");
    let days = ["2024-04-26", "2024-05-01", "2024-05-02"];
    for f in days
        .iter()
        .map(|d| hist.join(format!("sdn_{d}.csv")))
        .chain([neg.clone()])
    {
        assert!(
            f.is_file(),
            "CORDON_DATA is set but {} is missing",
            f.display()
        );
    }
    Some((hist, neg))
}

/// A running `cordon serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `cmd` (a `cordon … serve --listen 127.0.0.1:0 …`) and waits
    /// for the line that names its address; stderr is drained after it.
    pub fn spawn(cmd: &mut Command) -> Server {
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cordon serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let mut lines = BufReader::new(stderr).lines();
        let mut base = None;
        for line in lines.by_ref() {
            let line = line.expect("stderr is text");
            if let Some(addr) = line.strip_prefix("cordon: listening on ") {
                base = Some(addr.trim().to_string());
                break;
            }
        }
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        let base = base.expect("the server printed its address");
        Server { child, base }
    }

    /// Sends `sig` (e.g. `-HUP`) to the server.
    pub fn signal(&self, sig: &str) {
        let pid = self.child.id().to_string();
        let ok = Command::new("kill").args([sig, &pid]).status();
        assert!(ok.is_ok_and(|s| s.success()), "kill {sig} {pid}");
    }

    /// SIGTERM, and waits (at most 5 s) for the server to stop.
    pub fn terminate(mut self) {
        self.signal("-TERM");
        for _ in 0..100 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("cordon serve did not stop on SIGTERM");
    }
}
