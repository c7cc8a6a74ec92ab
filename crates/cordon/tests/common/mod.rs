//! Helpers shared by the CLI test binaries (`tests/*.rs`). Each binary uses
//! a subset.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

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

/// The key file line `cordon api-key NAME --stdin [--role ...]` prints.
pub fn key_line(name: &str, key: &str, roles: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cordon"));
    cmd.args(["api-key", name, "--stdin"]);
    for r in roles {
        cmd.args(["--role", r]);
    }
    let out = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().expect("stdin").write_all(key.as_bytes())?;
            c.wait_with_output()
        })
        .expect("cordon api-key runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("text")
        .trim()
        .to_string()
}

/// Requests to the server (JSON in and out).
impl Server {
    pub fn call(
        &self,
        method: &str,
        path: &str,
        key: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut req = ureq::request(method, &format!("{}{path}", self.base));
        if let Some(k) = key {
            req = req.set("x-api-key", k);
        }
        let res = match body {
            Some(b) => req
                .set("content-type", "application/json")
                .send_string(&b.to_string()),
            None => req.call(),
        };
        let (status, r) = match res {
            Ok(r) => (r.status(), r),
            Err(ureq::Error::Status(status, r)) => (status, r),
            Err(e) => panic!("{method} {path}: {e}"),
        };
        let text = r.into_string().expect("a body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub fn ok(&self, method: &str, path: &str, key: &str, body: Option<&Value>) -> Value {
        let (s, v) = self.call(method, path, Some(key), body);
        assert_eq!(s, 200, "{method} {path}: {v}");
        v
    }

    /// Waits until `/readyz` says `done`.
    pub fn wait_for(&self, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        let t = Instant::now();
        loop {
            let (_, h) = self.call("GET", "/readyz", None, None);
            if done(&h) {
                return h;
            }
            assert!(
                t.elapsed() < Duration::from_secs(300),
                "waited 300 s for {what}: {h}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A database of its own on the test server, dropped at the end.
#[cfg(feature = "postgres")]
pub struct PgDatabase {
    base: String,
    name: String,
    /// The database's URL.
    pub url: String,
}

#[cfg(feature = "postgres")]
impl PgDatabase {
    /// `cordon_TAG_PID` on the server of `base` (a URL with a database).
    pub fn new(base: &str, tag: &str) -> PgDatabase {
        let name = format!("cordon_{tag}_{}", std::process::id());
        let mut c = postgres::Client::connect(base, postgres::NoTls)
            .expect("connecting to CORDON_TEST_POSTGRES_URL");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let (head, _) = base.rsplit_once('/').expect("a URL with a database");
        PgDatabase {
            base: base.to_string(),
            url: format!("{head}/{name}"),
            name,
        }
    }
}

#[cfg(feature = "postgres")]
impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
