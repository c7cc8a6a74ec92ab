//! The audit trail end to end, with the `cordon` binary as a user runs it
//! on the invented sample list (`data/sample/`, offline): every screened
//! query of a batch is recorded, `cordon audit` queries and exports the
//! records, and a batch killed with SIGKILL midway leaves at least every
//! record it had reported committed. No answer runs ahead of its record:
//! after `kill -9`, every batch output line and every 200 answer of
//! `cordon serve` has its record; `cordon screen` and `cordon shipment`
//! record their screening too.

mod common;
use common::{run_ok, sample};

use serde_json::Value;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn cordon() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cordon"));
    for k in ["CORDON_DATA_DIR", "CORDON_AUDIT", "CORDON_NO_AUDIT"] {
        c.env_remove(k);
    }
    c
}

const NAMES: &[&str] = &[
    "Acme Example Trading Co",
    "John Smith",
    "Zzyzx Qwerty Holdings",
    "Example Shipping Lines",
    "Maria Example",
];

/// `n` JSONL queries; every 1000th line is not JSON (an error record).
fn queries(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i % 1000 == 999 {
            s.push_str("{not json\n");
        } else {
            let line = serde_json::json!({"id": format!("q{i}"), "name": NAMES[i % NAMES.len()]});
            s.push_str(&line.to_string());
            s.push('\n');
        }
    }
    s
}

fn audit(db: &Path, args: &[&str]) -> String {
    let out = run_ok(cordon().arg("audit").arg("--db").arg(db).args(args));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn count(db: &Path, args: &[&str]) -> u64 {
    let mut a = vec!["--count"];
    a.extend_from_slice(args);
    audit(db, &a).trim().parse().expect("a number")
}

fn jsonl(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["--format", "jsonl"];
    a.extend_from_slice(args);
    audit(db, &a)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON record per line"))
        .collect()
}

/// Asserts `r` is a complete batch record.
fn well_formed(r: &Value) {
    assert_eq!(r["source"], "batch");
    assert!(
        r["time"]
            .as_str()
            .is_some_and(|t| t.len() == 24 && t.ends_with('Z')),
        "{r}"
    );
    assert!(r["snapshot"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
    assert!(
        r["request_id"]
            .as_str()
            .is_some_and(|s| s.starts_with("batch-")),
        "{r}"
    );
    let results = r["results"].as_array().expect("results");
    let any_match = results.iter().any(|x| x["is_match"] == true);
    match r["decision"].as_str() {
        Some("error") => assert!(r["query"]["error"].is_string(), "{r}"),
        Some("match") => assert!(any_match, "{r}"),
        Some("no_match") => assert!(!any_match, "{r}"),
        d => panic!("decision {d:?}"),
    }
    for x in results {
        assert!(x["entity_id"]
            .as_str()
            .is_some_and(|e| e.starts_with("ofac-sdn:")));
        assert!(x["score"]
            .as_f64()
            .is_some_and(|s| (0.0..=1.0).contains(&s)));
    }
}

#[test]
fn batch_of_10000_is_recorded_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("audit.sqlite");
    let input = dir.path().join("q.jsonl");
    std::fs::write(&input, queries(10_000)).unwrap();
    let out = run_ok(
        cordon()
            .arg("--data")
            .arg(sample())
            .arg("--audit")
            .arg(&db)
            .args(["batch", "--caller", "alice", "-o"])
            .arg(dir.path().join("out.jsonl"))
            .arg(&input),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cordon: audit: 10000 records committed to"),
        "{err}"
    );
    let snapshot = err
        .split("against snapshot ")
        .nth(1)
        .and_then(|s| s.split(':').next())
        .expect("snapshot in the summary")
        .to_string();
    // A second caller, a few records.
    std::fs::write(dir.path().join("b.jsonl"), queries(10)).unwrap();
    run_ok(
        cordon()
            .arg("--data")
            .arg(sample())
            .arg("--audit")
            .arg(&db)
            .args(["batch", "--caller", "bob"])
            .arg(dir.path().join("b.jsonl"))
            .stdout(Stdio::null()),
    );

    assert_eq!(count(&db, &["--caller", "alice"]), 10_000);
    assert_eq!(count(&db, &["--caller", "bob"]), 10);
    assert_eq!(count(&db, &[]), 10_010);
    assert_eq!(
        count(&db, &["--caller", "alice", "--decision", "error"]),
        10
    );
    assert_eq!(count(&db, &["--source", "api"]), 0);
    assert_eq!(count(&db, &["--to", "2000-01-01"]), 0);
    assert_eq!(
        count(&db, &["--from", "2000-01-01", "--caller", "alice"]),
        10_000
    );

    let recs = jsonl(&db, &["--caller", "alice"]);
    assert_eq!(recs.len(), 10_000);
    for (i, r) in recs.iter().enumerate() {
        well_formed(r);
        assert_eq!(r["caller"], "alice");
        assert_eq!(r["snapshot"], snapshot.as_str());
        assert!(r["request_id"]
            .as_str()
            .unwrap()
            .ends_with(&format!(":{}", i + 1)));
        if i % 1000 == 999 {
            assert_eq!(r["decision"], "error");
        } else {
            assert_eq!(r["query"]["id"], format!("q{i}"));
            assert_eq!(r["query"]["name"], NAMES[i % NAMES.len()]);
        }
    }
    // The time range of the records selects all of them; past the last,
    // none.
    let first = recs[0]["time"].as_str().unwrap();
    let last = recs[9_999]["time"].as_str().unwrap();
    assert_eq!(
        count(&db, &["--caller", "alice", "--from", first, "--to", last])
            + count(&db, &["--caller", "alice", "--from", last]),
        10_000
    );
    assert_eq!(count(&db, &["--from", "2999-01-01T00:00:00+05:00"]), 0);

    // By entity: the records where the sample's Acme entity was a candidate.
    let acme = recs[0]["results"][0]["entity_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(recs[0]["decision"], "match");
    let by_entity = jsonl(&db, &["--entity", &acme, "--caller", "alice"]);
    let want = recs
        .iter()
        .filter(|r| {
            r["results"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["entity_id"] == acme.as_str())
        })
        .count();
    assert!(want >= 1_900, "{want}");
    assert_eq!(by_entity.len(), want);

    // CSV export, filtered by entity and decision.
    let csv_text = audit(
        &db,
        &[
            "--format",
            "csv",
            "--entity",
            &acme,
            "--decision",
            "match",
            "--caller",
            "alice",
        ],
    );
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "time");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    for row in &rows {
        assert_eq!(&row[col("caller")], "alice");
        assert_eq!(&row[col("decision")], "match");
        assert_eq!(&row[col("snapshot")], snapshot.as_str());
        let q: Value = serde_json::from_str(&row[col("query")]).unwrap();
        assert!(q["name"].is_string());
    }
    assert_eq!(
        rows.len() as u64,
        count(
            &db,
            &[
                "--entity",
                &acme,
                "--decision",
                "match",
                "--caller",
                "alice"
            ]
        )
    );

    // The readable table and --limit.
    let table = audit(&db, &["--limit", "3"]);
    assert_eq!(table.lines().count(), 4, "{table}");
}

/// `cordon batch -` recording into `db`, fed queries without end (so it
/// is always midway when killed) by the returned thread.
fn endless_batch(
    db: &Path,
    stdout: Stdio,
    stderr: Stdio,
) -> (std::process::Child, std::thread::JoinHandle<()>) {
    let mut child = cordon()
        .arg("--data")
        .arg(sample())
        .arg("--audit")
        .arg(db)
        .args(["batch", "--caller", "crash", "-"])
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("starting cordon");
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let block = queries(1000);
        while stdin.write_all(block.as_bytes()).is_ok() {}
    });
    (child, feeder)
}

#[test]
fn kill_9_midway_keeps_every_reported_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("audit.sqlite");
    let (mut child, feeder) = endless_batch(&db, Stdio::null(), Stdio::piped());
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut reported = 0u64;
    let mut reports = 0;
    for line in stderr.lines() {
        let line = line.unwrap();
        if let Some(n) = line
            .strip_prefix("cordon: audit: ")
            .and_then(|s| s.strip_suffix(" records committed"))
        {
            let n: u64 = n.parse().unwrap();
            assert!(n >= reported, "the committed count went back: {line}");
            reported = n;
            reports += 1;
            if reported > 0 && reports >= 3 {
                break;
            }
        }
    }
    assert!(
        reported > 0,
        "no `records committed` line before the end of stderr"
    );
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success());
    feeder.join().unwrap();

    // The database opens cleanly and holds every reported record.
    let c = rusqlite::Connection::open(&db).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(c);
    let n = count(&db, &[]);
    assert!(
        n >= reported,
        "{n} records in the database, {reported} reported"
    );
    let recs = jsonl(&db, &[]);
    assert_eq!(recs.len() as u64, n);
    for (i, r) in recs.iter().enumerate() {
        well_formed(r);
        assert!(r["request_id"]
            .as_str()
            .unwrap()
            .ends_with(&format!(":{}", i + 1)));
    }
    eprintln!("killed after {reported} reported records; {n} in the database");
}

#[test]
fn audit_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("audit.sqlite");
    for bad in ["yesterday", "2026-02-30", "2026-11-24T10:00"] {
        let out = cordon()
            .args(["audit", "--db"])
            .arg(&db)
            .args(["--from", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--from") && err.contains("invalid time") && err.contains(bad),
            "{err}"
        );
    }
    let out = cordon().args(["audit", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no audit database at"), "{err}");
    assert!(!db.exists(), "reading must not create a database");
}

#[test]
fn default_location_and_no_audit() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("q.jsonl");
    std::fs::write(&input, queries(5)).unwrap();
    let xdg = dir.path().join("xdg");

    // A batch over `data` with the platform data directory in `xdg`.
    let batch = |data: &Path, env: &[(&str, &str)], args: &[&str]| {
        let mut c = cordon();
        c.env("XDG_DATA_HOME", &xdg).envs(env.iter().copied());
        c.arg("--data")
            .arg(data)
            .args(args)
            .arg("batch")
            .arg(&input);
        run_ok(c.stdout(Stdio::null()));
    };

    // A folder of list files: the platform data directory, never the lists.
    batch(&sample(), &[], &[]);
    let platform_db = xdg.join("cordon/audit.sqlite");
    assert_eq!(count(&platform_db, &[]), 5);
    assert!(!sample().join("audit.sqlite").exists());

    // A snapshot store (as `cordon update` writes it): inside the store.
    let store = dir.path().join("store");
    let snap = store.join("snapshots/20261124T000000Z-test");
    std::fs::create_dir_all(&snap).unwrap();
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        std::fs::copy(sample().join(f), snap.join(f)).unwrap();
    }
    std::fs::write(store.join("current"), "20261124T000000Z-test\n").unwrap();
    batch(&store, &[], &[]);
    assert_eq!(count(&store.join("audit.sqlite"), &[]), 5);
    // `cordon audit` finds it the same way.
    let out = run_ok(
        cordon()
            .arg("--data")
            .arg(&store)
            .args(["audit", "--count"]),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "5");

    // --no-audit (and CORDON_NO_AUDIT) writes nothing.
    batch(&store, &[], &["--no-audit"]);
    batch(&store, &[("CORDON_NO_AUDIT", "1")], &[]);
    assert_eq!(count(&store.join("audit.sqlite"), &[]), 5);
    assert_eq!(count(&platform_db, &[]), 5);
}

/// Kills a batch with SIGKILL while it streams output: every output line
/// that reached stdout has its committed audit record (same position, same
/// id). Output waits for the commit of its chunk's records.
#[test]
fn kill_9_batch_every_output_line_has_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("audit.sqlite");
    let (mut child, feeder) = endless_batch(&db, Stdio::piped(), Stdio::null());
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Kill as soon as output is flowing, then read what reached the pipe.
    while lines.len() < 3_000 {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "output ended");
        lines.push(line.clone());
    }
    child.kill().unwrap();
    child.wait().unwrap();
    loop {
        line.clear();
        if stdout.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        // A line cut by the kill is not an answer.
        if line.ends_with('\n') {
            lines.push(line.clone());
        }
    }
    feeder.join().unwrap();

    let recs = jsonl(&db, &[]);
    assert!(
        recs.len() >= lines.len(),
        "{} output lines, {} audit records",
        lines.len(),
        recs.len()
    );
    for (i, (out, rec)) in lines.iter().zip(&recs).enumerate() {
        let out: Value = serde_json::from_str(out).expect("an output line is JSON");
        well_formed(rec);
        assert!(rec["request_id"]
            .as_str()
            .unwrap()
            .ends_with(&format!(":{}", i + 1)));
        if !out["id"].is_null() {
            assert_eq!(out["id"], rec["query"]["id"], "line {}", i + 1);
        }
    }
    eprintln!(
        "killed with {} output lines, {} records",
        lines.len(),
        recs.len()
    );
}

/// Starts `cordon serve` on the sample lists; returns it and its address.
fn serve(db: &Path) -> (std::process::Child, String) {
    let mut child = cordon()
        .env_remove("CORDON_API_KEYS")
        .env("RUST_LOG", "error")
        .arg("--data")
        .arg(sample())
        .arg("--audit")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0", "--watch-interval", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cordon serve starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let base = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.strip_prefix("cordon: listening on ")
                .map(|a| a.trim().to_string())
        })
        .expect("the server printed its address");
    std::thread::spawn(move || for _ in lines {});
    (child, base)
}

/// Kills `cordon serve` with SIGKILL under load from 8 clients: every
/// screening answered 200 has its record in the trail (the answer waits
/// for the commit).
#[test]
fn kill_9_serve_every_answered_screening_has_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("audit.sqlite");
    let (mut child, base) = serve(&db);
    let answered: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..8)
        .map(|t| {
            let (base, answered, stop) = (base.clone(), answered.clone(), stop.clone());
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new()
                    .timeout(Duration::from_secs(5))
                    .build();
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    // A unique name per request finds its record.
                    let name = format!("{} {t}x{i}", NAMES[i % NAMES.len()]);
                    let body = serde_json::json!({"name": name}).to_string();
                    match agent
                        .post(&format!("{base}/screen"))
                        .set("content-type", "application/json")
                        .send_string(&body)
                    {
                        Ok(r) if r.status() == 200 => {
                            // The whole answer, as a client acts on it.
                            if r.into_string().is_ok() {
                                answered.lock().unwrap().push(name);
                            }
                        }
                        Ok(_) | Err(ureq::Error::Status(..)) => {}
                        Err(_) => break, // the server is gone
                    }
                }
            })
        })
        .collect();
    // Load until well past the first few hundred answers.
    let t0 = std::time::Instant::now();
    while answered.lock().unwrap().len() < 300 && t0.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    let answered = answered.lock().unwrap().clone();
    assert!(answered.len() >= 300, "only {} answers", answered.len());

    let recorded: HashSet<String> = jsonl(&db, &["--source", "api"])
        .iter()
        .filter_map(|r| r["query"]["query"]["name"].as_str().map(str::to_string))
        .collect();
    let missing: Vec<&String> = answered.iter().filter(|n| !recorded.contains(*n)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} answered screenings have no audit record, e.g. {:?}",
        missing.len(),
        answered.len(),
        missing.iter().take(5).collect::<Vec<_>>()
    );
    eprintln!(
        "killed after {} answers; {} records",
        answered.len(),
        recorded.len()
    );
}

/// `cordon screen` and `cordon shipment` record their screening (sources
/// `cli-screen`, `cli-shipment`) with the same shape as batch and server
/// records; --no-audit records nothing.
#[test]
fn screen_and_shipment_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("audit.sqlite");
    let run = |args: &[&str]| {
        let mut c = cordon();
        c.arg("--data")
            .arg(sample())
            .arg("--audit")
            .arg(&db)
            .args(args);
        c.output().expect("running cordon")
    };
    let out = run(&["screen", "Acme Example Trading Co", "--country", "AE"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = jsonl(&db, &["--source", "cli-screen"]);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r["query"]["name"], "Acme Example Trading Co");
    assert_eq!(r["query"]["countries"][0], "AE");
    assert_eq!(r["decision"], "match");
    assert!(r["request_id"].as_str().unwrap().starts_with("cli-"));
    assert!(r["caller"].as_str().is_some_and(|c| !c.is_empty()));
    let first = &r["results"][0];
    assert!(first["entity_id"]
        .as_str()
        .unwrap()
        .starts_with("ofac-sdn:"));
    assert_eq!(first["is_match"], true);
    // The printed snapshot is the recorded one.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(r["snapshot"].as_str().unwrap()), "{stdout}");

    let ship = dir.path().join("po.json");
    std::fs::write(
        &ship,
        serde_json::json!({
            "reference": "PO-1",
            "parties": [{"role": "consignee", "name": "Acme Example Trading Co"}],
            "items": [],
            "route": {"origin": "DE", "destination": "FR"}
        })
        .to_string(),
    )
    .unwrap();
    let out = run(&["shipment", "--json", ship.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = jsonl(&db, &["--source", "cli-shipment"]);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["query"]["shipment"]["reference"], "PO-1");
    assert_eq!(recs[0]["decision"], "match");
    assert!(recs[0]["results"][0]["entity_id"].is_string());

    let out = run(&["--no-audit", "screen", "John Smith"]);
    assert!(out.status.success());
    assert_eq!(count(&db, &[]), 2);

    // An audit database that cannot be written: an error, no answer.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let out = cordon()
        .arg("--data")
        .arg(sample())
        .arg("--audit")
        .arg(blocked.join("audit.sqlite"))
        .args(["screen", "Acme Example Trading Co"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("audit"));
}
