//! `cordon serve` run as a user runs it: a real process on a loopback port,
//! with API keys and an audit database, on the real 2024-05-03 SDN file.
//!
//! Needs `$CORDON_DATA` (skipped with a message when unset, fails when set
//! and the files are missing). When `$CORDON_YENTE_PYTHON` names a Python
//! with the `yente` package (`.ci/run` makes one), the `/match` response is
//! also validated against yente's own response models
//! (`tests/yente/validate.py`).

mod common;
use common::{key_line, repo_root, sdn_2024, Server};

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Starts `cordon serve` on `data` with `audit`, `keys` (none when empty)
/// and more `serve` options.
fn start_with(data: &Path, audit: &Path, keys: &str, serve_args: &[&str]) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cordon"));
    if keys.is_empty() {
        cmd.env_remove("CORDON_API_KEYS");
    } else {
        cmd.env("CORDON_API_KEYS", keys);
    }
    Server::spawn(
        cmd.env_remove("CORDON_DATA_DIR")
            .env("RUST_LOG", "warn")
            .arg("--data")
            .arg(data)
            .arg("--audit")
            .arg(audit)
            .args(["serve", "--listen", "127.0.0.1:0", "--watch-interval", "0"])
            .args(serve_args),
    )
}

fn start(data: &Path, audit: &Path, keys: &str) -> Server {
    start_with(data, audit, keys, &[])
}

fn post(url: &str, key: Option<&str>, body: &Value) -> (u16, Value) {
    let mut req = ureq::post(url).set("content-type", "application/json");
    if let Some(k) = key {
        req = req.set("authorization", &format!("ApiKey {k}"));
    }
    match req.send_string(&body.to_string()) {
        Ok(r) => {
            let status = r.status();
            let text = r.into_string().expect("body");
            (status, serde_json::from_str(&text).expect("JSON body"))
        }
        Err(ureq::Error::Status(status, r)) => {
            let text = r.into_string().unwrap_or_default();
            (status, serde_json::from_str(&text).unwrap_or(Value::Null))
        }
        Err(e) => panic!("request failed: {e}"),
    }
}

const KEY: &str = "cordon-test-key-0123456789abcdef";

#[test]
fn yente_match_over_http_with_keys_and_audit() {
    let Some(data) = sdn_2024() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    let audit = tmp.path().join("audit.sqlite");
    let key_line = key_line("payments", KEY, &[]);
    assert!(key_line.starts_with("payments sha256:"), "{key_line}");
    assert!(!key_line.contains(KEY), "the key file never holds the key");

    let server = start(&data, &audit, key_line.trim());
    let url = format!("{}/match/default", server.base);
    let body = json!({"queries": {
        "qods": {"schema": "Company", "properties": {"name": ["Qods Aviation Industries"]}},
        "nobody": {"schema": "Person", "properties": {"name": ["Emma Nobody"], "birthDate": ["1990-01-01"]}},
    }});

    let (status, v) = post(&url, None, &body);
    assert_eq!(status, 401, "{v}");
    assert_eq!(v["code"], "unauthorized");
    let (status, _) = post(&url, Some("wrong-key-0123456789abcdef"), &body);
    assert_eq!(status, 401);

    let (status, v) = post(&url, Some(KEY), &body);
    assert_eq!(status, 200, "{v}");
    let top = &v["responses"]["qods"]["results"][0];
    assert_eq!(top["id"], "ofac-sdn:16418");
    assert_eq!(top["match"], true);
    assert!(v["responses"]["nobody"]["results"]
        .as_array()
        .expect("results")
        .iter()
        .all(|r| r["match"] == false));

    let response_file = tmp.path().join("match_response.json");
    std::fs::write(&response_file, v.to_string()).expect("write response");
    match std::env::var_os("CORDON_YENTE_PYTHON") {
        Some(python) => {
            let out = Command::new(python)
                .arg(repo_root().join("tests/yente/validate.py"))
                .arg(&response_file)
                .output()
                .expect("python runs");
            assert!(
                out.status.success(),
                "the response does not pass yente's models:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        None => eprintln!(
            "skipping yente model validation: CORDON_YENTE_PYTHON not set (.ci/run sets it)"
        ),
    }

    server.terminate();
    // Both queries are in the audit trail under the key's name.
    let out = Command::new(env!("CARGO_BIN_EXE_cordon"))
        .args(["audit", "--db"])
        .arg(&audit)
        .args(["--caller", "payments", "--format", "jsonl"])
        .output()
        .expect("cordon audit runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSONL"))
        .collect();
    assert_eq!(records.len(), 2, "one record per screened query");
    let qods = records
        .iter()
        .find(|r| r["query"]["key"] == "qods")
        .expect("the Qods query is recorded");
    assert_eq!(qods["decision"], "match");
    assert_eq!(qods["source"], "api");
    assert_eq!(qods["results"][0]["entity_id"], "ofac-sdn:16418");
}

fn get(url: &str) -> Value {
    let text = ureq::get(url)
        .call()
        .expect("GET succeeds")
        .into_string()
        .expect("body");
    serde_json::from_str(&text).expect("JSON body")
}

/// A copy of the invented sample SDN set in `dir/lists`.
fn sample_copy(dir: &Path) -> std::path::PathBuf {
    let lists = dir.join("lists");
    std::fs::create_dir(&lists).expect("mkdir");
    let sample = repo_root().join("data/sample");
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        std::fs::copy(sample.join(f), lists.join(f)).expect("copy sample");
    }
    lists
}

/// SIGHUP makes a running server load the changed list folder and swap the
/// new snapshot in; a folder that no longer loads keeps the old snapshot
/// in service. Runs offline on a copy of the invented sample.
#[test]
fn sighup_reloads_and_a_broken_list_keeps_the_snapshot() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let lists = sample_copy(tmp.path());
    let server = start(&lists, &tmp.path().join("audit.sqlite"), "");
    let before = get(&format!("{}/lists", server.base));
    let entities = before["entities"].as_u64().expect("entities");
    let hup = |pid: u32| {
        let ok = Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(ok.success());
    };
    let wait_for = |pred: &dyn Fn(&Value) -> bool| -> Value {
        for _ in 0..100 {
            let v = get(&format!("{}/lists", server.base));
            if pred(&v) {
                return v;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server did not reload");
    };

    // Drop the first entity from sdn.csv.
    let sdn = std::fs::read_to_string(lists.join("sdn.csv")).expect("read");
    let rest: Vec<&str> = sdn.lines().skip(1).collect();
    std::fs::write(lists.join("sdn.csv"), rest.join("\n") + "\n").expect("write");
    hup(server.child.id());
    let after = wait_for(&|v| v["snapshot"] != before["snapshot"]);
    assert_eq!(after["entities"].as_u64(), Some(entities - 1));

    // A list that no longer parses: the reload fails, the snapshot stays.
    std::fs::write(lists.join("sdn.csv"), "90001,\"BROKEN\n").expect("write");
    hup(server.child.id());
    let metrics_url = format!("{}/metrics", server.base);
    let failed = (0..100).any(|_| {
        let text = ureq::get(&metrics_url)
            .call()
            .expect("metrics")
            .into_string()
            .expect("text");
        let seen = text.contains(r#"cordon_reloads_total{outcome="failed"} 1"#);
        if !seen {
            std::thread::sleep(Duration::from_millis(100));
        }
        seen
    });
    assert!(failed, "the broken list's reload is counted as failed");
    let still = get(&format!("{}/lists", server.base));
    assert_eq!(still["snapshot"], after["snapshot"]);
    assert_eq!(still["entities"], after["entities"]);
    server.terminate();
}

/// Hardening as a process: key roles (a screening key may not reload),
/// silent sockets closed at the header deadline under the connection cap,
/// and a huge declared body refused before it is sent.
#[test]
fn serve_closes_silent_sockets_and_checks_roles() {
    use std::io::{Read, Write};
    let tmp = tempfile::tempdir().expect("temp dir");
    let lists = repo_root().join("data/sample");
    let screener = "screening-key-0123456789abcdef";
    let operator = "operator-key-0123456789abcdef";
    let keys = format!(
        "{},{}",
        key_line("payments", screener, &[]),
        key_line("ops", operator, &["admin"])
    );
    assert!(keys.contains(" admin"), "{keys}");
    let bad = Command::new(env!("CARGO_BIN_EXE_cordon"))
        .args(["api-key", "x", "--role", "root"])
        .output()
        .expect("cordon api-key runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("screening, reviewer, admin"));

    let server = start_with(
        &lists,
        &tmp.path().join("audit.sqlite"),
        &keys,
        &[
            "--max-connections",
            "8",
            "--header-timeout-ms",
            "300",
            "--idle-timeout-ms",
            "300",
        ],
    );
    let reload = format!("{}/admin/reload", server.base);
    let (status, v) = post(&reload, Some(screener), &json!({}));
    assert_eq!(status, 403, "{v}");
    assert_eq!(v["code"], "forbidden");
    let (status, v) = post(&reload, Some(operator), &json!({}));
    assert_eq!(status, 200, "{v}");

    let addr = server.base.trim_start_matches("http://").to_string();
    let connect = || {
        let s = std::net::TcpStream::connect(&addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        s
    };
    // Three times the cap of silent sockets: every one is closed by the
    // server (the later ones once earlier ones made room).
    let mut silent: Vec<_> = (0..24).map(|_| connect()).collect();
    for s in &mut silent {
        let mut buf = [0u8; 64];
        let closed = match s.read(&mut buf) {
            Ok(0) => true,
            Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
            Ok(_) => false,
        };
        assert!(closed, "a silent socket is closed by the server");
    }
    let (status, _) = post(
        &format!("{}/screen", server.base),
        Some(screener),
        &json!({"name": "Acme Example Trading"}),
    );
    assert_eq!(status, 200, "the server still serves");

    let mut s = connect();
    write!(
        s,
        "POST /screen HTTP/1.1\r\nHost: t\r\nX-API-Key: {screener}\r\nContent-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n"
    )
    .expect("write");
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    server.terminate();
}

/// Reloads are validated like `cordon update`: a list that becomes empty,
/// disappears from the folder, or loses most of its entities is refused,
/// the snapshot in service stays and each refusal counts as a failed
/// reload. `/readyz` lists stale lists (the UN fixture is from January
/// 2026) and stays 200. Offline: the invented sample plus a UN fixture.
#[test]
fn reloads_refuse_empty_lost_and_collapsed_lists() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let lists = sample_copy(tmp.path());
    std::fs::copy(
        repo_root().join("crates/cordon-lists/tests/data/un/consolidated.xml"),
        lists.join("consolidated.xml"),
    )
    .expect("copy UN fixture");
    let sdn = std::fs::read_to_string(lists.join("sdn.csv")).expect("read");
    let server = start(&lists, &tmp.path().join("audit.sqlite"), "");
    let before = get(&format!("{}/lists", server.base));
    let ids: Vec<&str> = before["lists"]
        .as_array()
        .expect("lists")
        .iter()
        .filter_map(|l| l["list"].as_str())
        .collect();
    assert_eq!(ids, ["ofac-sdn", "un-sc"]);

    let ready = get(&format!("{}/readyz", server.base));
    assert_eq!(ready["status"], "stale lists", "{ready}");
    assert_eq!(ready["stale_lists"][0]["list"], "un-sc", "{ready}");
    assert!(ready["stale_lists"][0]["age_days"].as_i64().unwrap_or(0) > 14);

    let metrics_url = format!("{}/metrics", server.base);
    let reload_fails = |n: u32, what: &str| {
        let ok = Command::new("kill")
            .args(["-HUP", &server.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(ok.success());
        let want = format!(r#"cordon_reloads_total{{outcome="failed"}} {n}"#);
        let seen = (0..100).any(|_| {
            let text = ureq::get(&metrics_url)
                .call()
                .expect("metrics")
                .into_string()
                .expect("text");
            let seen = text.contains(&want);
            if !seen {
                std::thread::sleep(Duration::from_millis(100));
            }
            seen
        });
        assert!(seen, "{what}: not counted as a failed reload");
        let now = get(&format!("{}/lists", server.base));
        assert_eq!(now["snapshot"], before["snapshot"], "{what}");
        assert_eq!(now["entities"], before["entities"], "{what}");
    };

    std::fs::write(lists.join("sdn.csv"), "").expect("write");
    reload_fails(1, "an empty sdn.csv");
    std::fs::remove_file(lists.join("sdn.csv")).expect("rm");
    reload_fails(2, "sdn.csv removed");
    let first: Vec<&str> = sdn.lines().take(1).collect();
    std::fs::write(lists.join("sdn.csv"), first.join("\n") + "\n").expect("write");
    reload_fails(3, "sdn.csv down to one entity");
    server.terminate();
}
