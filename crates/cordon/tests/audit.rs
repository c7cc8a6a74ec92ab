//! The audit trail end to end, with the `cordon` binary as a user runs it
//! on the invented sample list (`data/sample/`, offline): every screened
//! query of a batch is recorded, `cordon audit` queries and exports the
//! records, and a batch killed with SIGKILL midway leaves at least every
//! record it had reported committed.

mod common;
use common::{run_ok, sample};

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

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

#[test]
fn kill_9_midway_keeps_every_reported_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("audit.sqlite");
    let mut child = cordon()
        .arg("--data")
        .arg(sample())
        .arg("--audit")
        .arg(&db)
        .args(["batch", "--caller", "crash", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting cordon");
    // Feed queries without end: the batch is always midway when killed.
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let block = queries(1000);
        while stdin.write_all(block.as_bytes()).is_ok() {}
    });
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
