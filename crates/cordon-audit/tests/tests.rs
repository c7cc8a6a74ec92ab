//! Integration tests of the audit trail: writing through the queue,
//! back-pressure, reading with filters, schema versions, PostgreSQL (only
//! with `CORDON_TEST_POSTGRES_URL` and the `postgres` feature).

use cordon_audit::*;
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn rec(i: u64, caller: &str, entity: Option<&str>) -> AuditRecord {
    let results: Vec<AuditResult> = entity
        .map(|e| AuditResult {
            entity_id: e.to_string(),
            caption: format!("Caption of {e}"),
            score: 0.5 + (i % 50) as f64 / 100.0,
            is_match: i % 50 >= 26,
        })
        .into_iter()
        .collect();
    AuditRecord {
        time: String::new(),
        source: if matches!(i % 3, 0) { "api" } else { "batch" }.into(),
        caller: caller.into(),
        request_id: format!("req-{i}"),
        query: json!({"name": format!("Name {i}"), "id": i}),
        snapshot: "0123456789abcdef".into(),
        decision: Decision::of(&results),
        results,
    }
}

fn sqlite_target(dir: &tempfile::TempDir) -> AuditTarget {
    AuditTarget::parse(dir.path().join("sub/audit.sqlite").to_str().unwrap())
}

#[test]
fn writes_from_many_threads_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let target = sqlite_target(&dir);
    let seen = Arc::new(AtomicU64::new(0));
    let s2 = Arc::clone(&seen);
    let opts = AuditOptions {
        on_commit: Some(Arc::new(move |n| {
            // Monotonic and never above what was sent.
            assert!(n >= s2.swap(n, Ordering::SeqCst));
        })),
        ..AuditOptions::default()
    };
    let log = AuditLog::open(&target, opts).unwrap();
    std::thread::scope(|s| {
        for t in 0..4u64 {
            let tx = log.sender();
            s.spawn(move || {
                for i in 0..2500 {
                    let n = t * 2500 + i;
                    tx.record(rec(
                        n,
                        &format!("caller{t}"),
                        Some(&format!("e:{}", n % 10)),
                    ))
                    .unwrap();
                }
            });
        }
    });
    assert_eq!(log.close().unwrap(), 10_000);
    assert_eq!(seen.load(Ordering::SeqCst), 10_000);

    let mut r = AuditReader::open(&target).unwrap();
    let all = AuditFilter::default();
    assert_eq!(r.count(&all).unwrap(), 10_000);
    let recs = r.query(&all).unwrap();
    assert_eq!(recs.len(), 10_000);
    assert!(recs.windows(2).all(|w| w[0].time <= w[1].time));
    assert!(recs
        .iter()
        .all(|x| x.time.ends_with('Z') && x.time.len() == 24));
    let by = |f: AuditFilter| AuditReader::open(&target).unwrap().count(&f).unwrap();
    assert_eq!(
        by(AuditFilter {
            caller: Some("caller2".into()),
            ..Default::default()
        }),
        2500
    );
    assert_eq!(
        by(AuditFilter {
            entity_id: Some("e:7".into()),
            ..Default::default()
        }),
        1000
    );
    let matches = recs
        .iter()
        .filter(|x| x.decision == Decision::Match)
        .count() as u64;
    assert_eq!(
        by(AuditFilter {
            decision: Some(Decision::Match),
            ..Default::default()
        }),
        matches
    );
    let api = recs.iter().filter(|x| x.source == "api").count() as u64;
    assert_eq!(
        by(AuditFilter {
            source: Some("api".into()),
            ..Default::default()
        }),
        api
    );
    assert_eq!(
        by(AuditFilter {
            caller: Some("caller1".into()),
            entity_id: Some("e:3".into()),
            limit: Some(7),
            ..Default::default()
        }),
        7
    );
    // Round trip of one record, every field.
    let one = r
        .query(&AuditFilter {
            entity_id: Some("e:5".into()),
            caller: Some("caller0".into()),
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(one.len(), 1);
    let n = one[0].query["id"].as_u64().unwrap();
    let mut want = rec(n, "caller0", Some("e:5"));
    want.time = one[0].time.clone();
    assert_eq!(one[0], want);
}

#[test]
fn time_filters_and_given_times() {
    let dir = tempfile::tempdir().unwrap();
    let target = sqlite_target(&dir);
    let log = AuditLog::open(&target, AuditOptions::default()).unwrap();
    let tx = log.sender();
    for (i, t) in [
        "2026-01-01T00:00:00Z",
        "2026-01-01T23:59:59.999Z",
        "2026-01-02T01:00:00+02:00", // 2026-01-01T23:00Z
        "2026-01-02T00:00:00Z",
    ]
    .iter()
    .enumerate()
    {
        let mut r = rec(i as u64, "x", None);
        r.time = t.to_string();
        tx.record(r).unwrap();
    }
    let mut bad = rec(9, "x", None);
    bad.time = "yesterday".into();
    assert!(matches!(tx.record(bad), Err(AuditError::BadTime(_))));
    assert_eq!(log.close().unwrap(), 4);
    let mut r = AuditReader::open(&target).unwrap();
    let day = AuditFilter {
        from: Some(parse_time("2026-01-01", false).unwrap()),
        to: Some(parse_time("2026-01-01", true).unwrap()),
        ..Default::default()
    };
    let got = r.query(&day).unwrap();
    let times: Vec<&str> = got.iter().map(|x| x.time.as_str()).collect();
    assert_eq!(
        times,
        [
            "2026-01-01T00:00:00.000Z",
            "2026-01-01T23:00:00.000Z",
            "2026-01-01T23:59:59.999Z"
        ]
    );
}

#[test]
fn tiny_queue_back_pressure_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = sqlite_target(&dir);
    let opts = AuditOptions {
        capacity: 1,
        batch_size: 3,
        max_delay: Duration::from_millis(1),
        on_commit: None,
    };
    let log = AuditLog::open(&target, opts).unwrap();
    std::thread::scope(|s| {
        for t in 0..8u64 {
            let tx = log.sender();
            s.spawn(move || {
                for i in 0..250 {
                    tx.record(rec(t * 1000 + i, "bp", Some("e:1"))).unwrap();
                }
            });
        }
    });
    assert_eq!(log.close().unwrap(), 2000);
    let mut r = AuditReader::open(&target).unwrap();
    let recs = r.query(&AuditFilter::default()).unwrap();
    let mut ids: Vec<u64> = recs
        .iter()
        .map(|x| x.query["id"].as_u64().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 2000);
}

#[test]
fn committed_count_is_durable_before_close() {
    let dir = tempfile::tempdir().unwrap();
    let target = sqlite_target(&dir);
    let log = AuditLog::open(&target, AuditOptions::default()).unwrap();
    let tx = log.sender();
    for i in 0..100 {
        tx.record(rec(i, "c", None)).unwrap();
    }
    let start = std::time::Instant::now();
    while log.committed() < 100 {
        assert!(start.elapsed() < Duration::from_secs(10), "not committed");
        std::thread::sleep(Duration::from_millis(1));
    }
    // A second connection sees them while the writer is still open.
    let mut r = AuditReader::open(&target).unwrap();
    assert_eq!(r.count(&AuditFilter::default()).unwrap(), 100);
    drop(log);
    // After close, the sender reports the log closed.
    assert!(matches!(
        tx.record(rec(1, "c", None)),
        Err(AuditError::Closed)
    ));
}

#[test]
fn reader_errors_and_schema_versions() {
    let dir = tempfile::tempdir().unwrap();
    let missing = AuditTarget::parse(dir.path().join("none.sqlite").to_str().unwrap());
    let e = AuditReader::open(&missing).err().unwrap();
    assert!(matches!(e, AuditError::Missing(_)), "{e}");
    assert!(!dir.path().join("none.sqlite").exists());

    // A database from a newer cordon is refused, by writer and reader.
    let newer = dir.path().join("newer.sqlite");
    let c = rusqlite::Connection::open(&newer).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);
    let t = AuditTarget::Sqlite(newer);
    let e = AuditLog::open(&t, AuditOptions::default()).err().unwrap();
    assert!(matches!(e, AuditError::Schema { found: 99, .. }), "{e}");
    let e = AuditReader::open(&t).err().unwrap();
    assert!(matches!(e, AuditError::Schema { found: 99, .. }), "{e}");

    // Reopening an existing database keeps its records.
    let t = sqlite_target(&dir);
    for _ in 0..2 {
        let log = AuditLog::open(&t, AuditOptions::default()).unwrap();
        log.sender().record(rec(1, "c", None)).unwrap();
        log.close().unwrap();
    }
    assert_eq!(
        AuditReader::open(&t)
            .unwrap()
            .count(&AuditFilter::default())
            .unwrap(),
        2
    );
}

#[test]
fn writer_failure_reaches_senders() {
    let dir = tempfile::tempdir().unwrap();
    let t = sqlite_target(&dir);
    let log = AuditLog::open(&t, AuditOptions::default()).unwrap();
    let tx = log.sender();
    tx.record(rec(1, "c", None)).unwrap();
    while log.committed() < 1 {
        std::thread::sleep(Duration::from_millis(1));
    }
    // Break the schema under the writer.
    let AuditTarget::Sqlite(path) = &t else {
        unreachable!()
    };
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("DROP TABLE audit_entity; DROP TABLE audit_record;")
        .unwrap();
    drop(c);
    let mut err = None;
    for i in 0..100_000 {
        if let Err(e) = tx.record(rec(i, "c", None)) {
            err = Some(e);
            break;
        }
        std::thread::sleep(Duration::from_micros(50));
    }
    let err = err.expect("the writer's failure reaches the sender");
    assert!(matches!(err, AuditError::WriterFailed(_)), "{err}");
    assert!(log.close().is_err());
}

#[test]
fn targets() {
    assert_eq!(
        AuditTarget::parse("postgres://u:secret@db/audit").to_string(),
        "postgres://u:***@db/audit"
    );
    assert!(matches!(
        AuditTarget::parse("PostgreSQL://db/audit"),
        AuditTarget::Postgres(_)
    ));
    assert_eq!(
        AuditTarget::parse("sqlite:/tmp/a.sqlite"),
        AuditTarget::Sqlite("/tmp/a.sqlite".into())
    );
    #[cfg(not(feature = "postgres"))]
    assert!(matches!(
        AuditLog::open(
            &AuditTarget::parse("postgres://db/x"),
            AuditOptions::default()
        ),
        Err(AuditError::PostgresNotBuilt(_))
    ));
}

#[test]
fn postgres_round_trip() {
    let Ok(url) = std::env::var("CORDON_TEST_POSTGRES_URL") else {
        eprintln!("skipping: CORDON_TEST_POSTGRES_URL not set");
        return;
    };
    if !cfg!(feature = "postgres") {
        eprintln!("skipping: built without the `postgres` feature (cargo test -p cordon-audit --features postgres)");
        return;
    }
    let t = AuditTarget::parse(&url);
    let caller = format!("pg-test-{}", std::process::id());
    let opts = AuditOptions {
        capacity: 16,
        ..AuditOptions::default()
    };
    let log = AuditLog::open(&t, opts).unwrap();
    let tx = log.sender();
    for i in 0..500 {
        tx.record(rec(i, &caller, Some(&format!("pg:{}", i % 5))))
            .unwrap();
    }
    assert_eq!(log.close().unwrap(), 500);
    let mut r = AuditReader::open(&t).unwrap();
    let f = AuditFilter {
        caller: Some(caller.clone()),
        ..Default::default()
    };
    assert_eq!(r.count(&f).unwrap(), 500);
    let got = r
        .query(&AuditFilter {
            entity_id: Some("pg:3".into()),
            ..f.clone()
        })
        .unwrap();
    assert_eq!(got.len(), 100);
    let n = got[0].query["id"].as_u64().unwrap();
    let mut want = rec(n, &caller, Some("pg:3"));
    want.time = got[0].time.clone();
    assert_eq!(got[0], want);
}

/// Throughput and commit latency on this machine's disk (not a test:
/// `cargo test --release -p cordon-audit -- --ignored --nocapture`).
#[test]
#[ignore]
fn throughput_report() {
    let dir = tempfile::tempdir().unwrap();
    let target = sqlite_target(&dir);
    let log = AuditLog::open(&target, AuditOptions::default()).unwrap();
    let tx = log.sender();
    // Latency: one record at a time, send → committed.
    let mut lat = Vec::new();
    for i in 0..200 {
        let t = std::time::Instant::now();
        tx.record(rec(i, "lat", Some("e:1"))).unwrap();
        while log.committed() < i + 1 {
            std::hint::spin_loop();
        }
        lat.push(t.elapsed());
    }
    lat.sort();
    // Throughput: 100,000 records of five candidates each, as fast as sent.
    let n = 100_000u64;
    let t = std::time::Instant::now();
    for i in 0..n {
        let mut r = rec(i, "tp", Some("e:1"));
        for k in 2..6 {
            let mut c = r.results[0].clone();
            c.entity_id = format!("e:{}", (i + k) % 1000);
            r.results.push(c);
        }
        tx.record(r).unwrap();
    }
    let sent = t.elapsed();
    log.close().unwrap();
    let all = t.elapsed();
    eprintln!(
        "commit latency (1 record, send to committed): p50 {:?}, p99 {:?}; {n} records of 5 candidates: sent in {:?}, committed in {:?} = {:.0} records/s",
        lat[lat.len() / 2],
        lat[lat.len() * 99 / 100],
        sent,
        all,
        n as f64 / all.as_secs_f64()
    );
}

fn count(t: &AuditTarget) -> u64 {
    AuditReader::open(t)
        .unwrap()
        .count(&AuditFilter::default())
        .unwrap()
}

#[test]
fn a_commit_ticket_resolves_only_once_the_record_is_readable() {
    let dir = tempfile::tempdir().unwrap();
    let t = sqlite_target(&dir);
    // A long gathering window for records nobody waits for.
    let opts = AuditOptions {
        max_delay: Duration::from_secs(30),
        ..AuditOptions::default()
    };
    let log = AuditLog::open(&t, opts).unwrap();
    let tx = log.sender();
    // Unwatched: still gathering, not readable; a ticket for it is pending.
    tx.record(rec(0, "c", None)).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(count(&t), 0);
    // A waited record is committed at once, with the one queued before it,
    // and is readable by another connection when its ticket resolves.
    let t0 = std::time::Instant::now();
    let c = tx.submit(rec(1, "c", None)).unwrap();
    c.wait().unwrap();
    assert!(
        t0.elapsed() < Duration::from_secs(10),
        "a waiter paid max_delay"
    );
    assert_eq!(count(&t), 2);
    tx.record_committed(rec(2, "c", None)).unwrap();
    assert_eq!(count(&t), 3);

    // One ticket for a group; an empty group resolves at once.
    let group = tx.submit_all((3..1003).map(|i| rec(i, "g", None))).unwrap();
    group.wait().unwrap();
    assert_eq!(count(&t), 1003);
    let mut none = tx.submit_all(Vec::new()).unwrap();
    assert!(matches!(none.try_done(), Some(Ok(()))));

    // A ticket is a Future: awaited on a runtime, it does not block it.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let tickets: Vec<Commit> = (0..50)
        .map(|i| tx.submit(rec(2000 + i, "a", None)).unwrap())
        .collect();
    rt.block_on(async {
        for c in tickets {
            c.await.unwrap();
        }
    });
    assert_eq!(count(&t), 1053);
    assert_eq!(log.close().unwrap(), 1053);
}

#[test]
fn a_failed_commit_fails_its_tickets() {
    let dir = tempfile::tempdir().unwrap();
    let t = sqlite_target(&dir);
    let log = AuditLog::open(&t, AuditOptions::default()).unwrap();
    let tx = log.sender();
    tx.record_committed(rec(1, "c", None)).unwrap();
    let AuditTarget::Sqlite(path) = &t else {
        unreachable!()
    };
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("DROP TABLE audit_entity; DROP TABLE audit_record;")
        .unwrap();
    drop(c);
    let err = tx
        .submit(rec(2, "c", None))
        .and_then(Commit::wait)
        .expect_err("the commit fails");
    assert!(matches!(err, AuditError::WriterFailed(_)), "{err}");
    // Later records are refused with the same error.
    let err = tx.record_committed(rec(3, "c", None)).unwrap_err();
    assert!(matches!(err, AuditError::WriterFailed(_)), "{err}");
    assert!(log.close().is_err());
}

/// Eight threads each waiting for every record: their records share
/// transactions (group commit), far fewer commits than records.
#[test]
fn waiters_share_transactions() {
    let dir = tempfile::tempdir().unwrap();
    let t = sqlite_target(&dir);
    let commits = Arc::new(AtomicU64::new(0));
    let c2 = Arc::clone(&commits);
    let opts = AuditOptions {
        on_commit: Some(Arc::new(move |_| {
            c2.fetch_add(1, Ordering::SeqCst);
        })),
        ..AuditOptions::default()
    };
    let log = AuditLog::open(&t, opts).unwrap();
    std::thread::scope(|s| {
        for th in 0..8u64 {
            let tx = log.sender();
            s.spawn(move || {
                for i in 0..200 {
                    tx.record_committed(rec(th * 1000 + i, "w", None)).unwrap();
                }
            });
        }
    });
    assert_eq!(log.close().unwrap(), 1600);
    let n = commits.load(Ordering::SeqCst);
    assert!(n < 1200, "{n} commits for 1600 waited records");
    eprintln!("1600 waited records in {n} transactions");
}

/// A database of its own on the test server (dropped at the end), for the
/// tests that need an empty one.
#[cfg(feature = "postgres")]
struct FreshPg {
    base: String,
    name: String,
    url: String,
}

#[cfg(feature = "postgres")]
impl FreshPg {
    fn new(base: &str, tag: &str) -> FreshPg {
        let name = format!("cordon_audit_{tag}_{}", std::process::id());
        let mut c = postgres::Client::connect(base, postgres::NoTls).unwrap();
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let (head, _) = base.rsplit_once('/').expect("a URL with a database");
        FreshPg {
            base: base.to_string(),
            url: format!("{head}/{name}"),
            name,
        }
    }
}

#[cfg(feature = "postgres")]
impl Drop for FreshPg {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// Several writers on one database, as the replicas of `cordon serve`
/// behind a load balancer are: they open an empty database at the same
/// moment (each creating the schema if nobody has yet), then write at
/// once. Every writer opens, and every record is there exactly once with
/// an id of its own.
#[test]
fn postgres_writers_on_one_empty_database_at_once() {
    let Ok(base) = std::env::var("CORDON_TEST_POSTGRES_URL") else {
        eprintln!("skipping: CORDON_TEST_POSTGRES_URL not set");
        return;
    };
    #[cfg(not(feature = "postgres"))]
    {
        let _ = base;
        eprintln!("skipping: built without the `postgres` feature (cargo test -p cordon-audit --features postgres)");
    }
    #[cfg(feature = "postgres")]
    {
        const WRITERS: u64 = 6;
        const EACH: u64 = 400;
        let db = FreshPg::new(&base, "writers");
        let t = AuditTarget::parse(&db.url);
        let start = Arc::new(std::sync::Barrier::new(WRITERS as usize));
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (t, start) = (t.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    let opts = AuditOptions {
                        batch_size: 7 + w as usize,
                        ..AuditOptions::default()
                    };
                    let log = AuditLog::open(&t, opts).map_err(|e| e.to_string())?;
                    let tx = log.sender();
                    for i in 0..EACH {
                        let r = rec(i, &format!("replica-{w}"), Some("pg:1"));
                        if i % 10 == 0 {
                            tx.record_committed(r).map_err(|e| e.to_string())?;
                        } else {
                            tx.record(r).map_err(|e| e.to_string())?;
                        }
                    }
                    log.close().map_err(|e| e.to_string())
                })
            })
            .collect();
        for h in handles {
            assert_eq!(
                h.join().unwrap(),
                Ok(EACH),
                "every writer opens and commits"
            );
        }
        let mut r = AuditReader::open(&t).unwrap();
        assert_eq!(r.count(&AuditFilter::default()).unwrap(), WRITERS * EACH);
        for w in 0..WRITERS {
            let got = r
                .query(&AuditFilter {
                    caller: Some(format!("replica-{w}")),
                    ..Default::default()
                })
                .unwrap();
            let mut ids: Vec<String> = got.into_iter().map(|x| x.request_id).collect();
            ids.sort();
            let mut want: Vec<String> = (0..EACH).map(|i| format!("req-{i}")).collect();
            want.sort();
            assert_eq!(ids, want, "replica-{w}: each record once");
        }
        let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
        let row = c
            .query_one(
                "SELECT count(*), count(DISTINCT id),
                        (SELECT count(*) FROM audit_entity) FROM audit_record",
                &[],
            )
            .unwrap();
        let (n, distinct, entities): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
        let all = (WRITERS * EACH) as i64;
        assert_eq!((n, distinct), (all, all));
        assert_eq!(entities, n, "each record's candidate entity is indexed");
    }
}
