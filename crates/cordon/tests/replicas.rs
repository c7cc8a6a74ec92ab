//! Several `cordon serve` replicas behind a load balancer, sharing one
//! PostgreSQL database for the audit trail and the monitoring store, as
//! the README's "Several replicas" section runs them: two real processes
//! on loopback ports, on one data folder (a copy of `data/sample`), started
//! together on an empty database. Both screen at once and every screening
//! is in the audit trail exactly once; full runs asked of both at once take
//! turns and both complete; the register posted to one, and alerts raised
//! by a run on one, are seen on the other; a four-eyes review starts on one
//! and is confirmed on the other, and the same reviewer cannot confirm
//! their own decision through the other replica.
//!
//! Needs the `postgres` feature and `CORDON_TEST_POSTGRES_URL` (set by
//! `tests/postgres/run.sh`); skipped, saying why, otherwise.

mod common;

#[test]
fn two_replicas_share_the_audit_trail_and_the_monitoring_store() {
    let Ok(base) = std::env::var("CORDON_TEST_POSTGRES_URL") else {
        eprintln!("skipping: CORDON_TEST_POSTGRES_URL not set (tests/postgres/run.sh sets it)");
        return;
    };
    #[cfg(feature = "postgres")]
    replicas::run(&base);
    #[cfg(not(feature = "postgres"))]
    {
        let _ = base;
        eprintln!(
            "skipping: built without the `postgres` feature \
             (cargo test -p cordon --features postgres --test replicas)"
        );
    }
}

#[cfg(feature = "postgres")]
mod replicas {
    use super::common::{cordon, key_line, run_ok, sample, PgDatabase, Server};
    use serde_json::{json, Value};
    use std::collections::HashMap;
    use std::path::Path;

    const ALICE: &str = "replicas-alice-0123456789abcdef";
    const BOB: &str = "replicas-bob-0123456789abcdef01";
    const OPS: &str = "replicas-ops-0123456789abcdef01";

    /// Screening threads per replica, and requests per thread.
    const THREADS: usize = 4;
    const EACH: usize = 60;

    fn replica(data: &Path, url: &str, keys: &str) -> Server {
        Server::spawn(
            cordon()
                .env("CORDON_API_KEYS", keys)
                .env("RUST_LOG", "warn")
                .arg("--data")
                .arg(data)
                .arg("--audit")
                .arg(url)
                .arg("--monitor-db")
                .arg(url)
                .args([
                    "serve",
                    "--monitor",
                    "--listen",
                    "127.0.0.1:0",
                    "--watch-interval",
                    "0",
                ]),
        )
    }

    /// 3,000 invented persons (sixty given names by fifty family names,
    /// none near a sample entry) and four customers who are sample entries.
    fn register() -> Value {
        const GIVEN: &str = "Anna Boris Clara Dario Elena Fabio Greta Hugo Ines Jonas Karla Luca \
            Marta Nils Olga Pavel Quinn Rosa Sven Tanja Ugo Vera Walter Xenia Yusuf Zora Albert \
            Bianca Cyril Dora Emil Flora Gustav Hanna Igor Julia Kurt Lena Milan Nora Oskar Pia \
            Rudolf Sara Tomas Ulla Viktor Wanda Yvonne Zeno Agnes Bruno Cecil Diana Edgar Frida \
            Georg Helga Ivo Jana";
        const FAMILY: &str = "Abbott Brandt Castell Delgado Eriksen Fontaine Gallo Hartley \
            Ilves Jansen Kowalski Lindqvist Moreau Nowak Olsen Pellegrini Quist Rasmussen \
            Schuster Tamm Ulrich Varga Weber Yilmaz Zeller Achterberg Bauer Conti Dvorak Engel \
            Falk Gruber Horvat Ivanova Jovanovic Keller Lange Marino Novak Orban Pauls Richter \
            Sorensen Toth Urban Vogel Winter Young Ziegler Berg";
        let mut customers: Vec<Value> = Vec::new();
        for (i, g) in GIVEN.split_whitespace().enumerate() {
            for (j, f) in FAMILY.split_whitespace().enumerate() {
                customers.push(json!({
                    "id": format!("n{i}-{j}"),
                    "name": format!("{g} {f}"),
                    "kind": "person",
                }));
            }
        }
        for (id, name, kind) in [
            ("m-acme", "Acme Example Trading", "organization"),
            ("m-johnny", "Johnny Example Sampleman", "person"),
            ("m-jane", "Jane Fictitia Placeholder", "person"),
            ("m-carlos", "Carlos Ejemplo Dummy", "person"),
        ] {
            customers.push(json!({"id": id, "name": name, "kind": kind}));
        }
        json!({ "customers": customers })
    }

    pub fn run(base: &str) {
        let db = PgDatabase::new(base, "replicas");
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("lists");
        std::fs::create_dir(&data).expect("the data folder");
        for f in std::fs::read_dir(sample()).expect("data/sample") {
            let f = f.expect("a sample file").path();
            std::fs::copy(&f, data.join(f.file_name().expect("a file name")))
                .expect("copy a sample file");
        }
        let keys = [
            key_line("alice", ALICE, &["reviewer"]),
            key_line("bob", BOB, &["reviewer"]),
            key_line("ops", OPS, &["screening", "admin"]),
        ]
        .join("\n");

        // Started together on an empty database: both create the schemas
        // if nobody has yet, and both run at start.
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| replica(&data, &db.url, &keys));
            let b = s.spawn(|| replica(&data, &db.url, &keys));
            (a.join().expect("replica a"), b.join().expect("replica b"))
        });
        for srv in [&a, &b] {
            let h = srv.wait_for("the start run", |h| {
                h["monitor"]["completed_runs"].as_u64().unwrap_or(0)
                    + h["monitor"]["failed_runs"].as_u64().unwrap_or(0)
                    >= 1
            });
            assert_eq!(h["monitor"]["failed_runs"], 0, "{h}");
        }
        let snapshot = a.ok("GET", "/readyz", OPS, None)["snapshot"].clone();
        assert_eq!(b.ok("GET", "/readyz", OPS, None)["snapshot"], snapshot);

        // Screening on both at once: every answer's record is there once.
        let sent: Vec<String> = std::thread::scope(|s| {
            let mut handles = Vec::new();
            for (r, srv) in [&a, &b].into_iter().enumerate() {
                for t in 0..THREADS {
                    handles.push(s.spawn(move || {
                        (0..EACH)
                            .map(|i| {
                                let id = format!("rep{r}-t{t}-{i}");
                                let name = if i % 2 == 0 {
                                    "Acme Example Trading"
                                } else {
                                    "Nobody In Particular"
                                };
                                let res = ureq::post(&format!("{}/screen", srv.base))
                                    .set("x-api-key", OPS)
                                    .set("x-request-id", &id)
                                    .set("content-type", "application/json")
                                    .send_string(&json!({ "name": name }).to_string());
                                assert!(res.is_ok(), "POST /screen {id}: {res:?}");
                                id
                            })
                            .collect::<Vec<_>>()
                    }));
                }
            }
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a screening thread"))
                .collect()
        });
        assert_eq!(sent.len(), 2 * THREADS * EACH);

        // The register through one replica, full runs asked of both at
        // once: they take turns, and both complete.
        let up = a.ok("POST", "/customers", OPS, Some(&register()));
        assert_eq!(up["added"], 3_004, "{up}");
        let full = json!({"full": true});
        let (ra, rb) = std::thread::scope(|s| {
            let ra = s.spawn(|| a.call("POST", "/monitor/run", Some(OPS), Some(&full)));
            let rb = s.spawn(|| b.call("POST", "/monitor/run", Some(OPS), Some(&full)));
            (ra.join().expect("run on a"), rb.join().expect("run on b"))
        });
        assert_eq!(ra.0, 200, "the run on replica a: {}", ra.1);
        assert_eq!(rb.0, 200, "the run on replica b: {}", rb.1);
        let raised: usize = [&ra.1, &rb.1]
            .iter()
            .map(|r| r["new_alerts"].as_array().map_or(0, Vec::len))
            .sum();
        assert!(raised >= 3, "the sample parties alert: {} {}", ra.1, rb.1);

        // Alerts raised on either replica are seen on both, the same.
        let all = |srv: &Server| -> Vec<Value> {
            let page = srv.ok("GET", "/alerts", ALICE, None);
            page["alerts"].as_array().cloned().unwrap_or_default()
        };
        let (on_a, on_b) = (all(&a), all(&b));
        assert_eq!(on_a, on_b);
        assert_eq!(on_a.len(), raised, "no alert raised twice: {on_a:?}");
        let acme = on_a
            .iter()
            .find(|x| x["customer_id"] == "m-acme")
            .expect("Acme Example Trading is alerted")["id"]
            .as_i64()
            .expect("an alert id");

        // Four eyes across replicas: alice decides on a, cannot confirm
        // herself on b, bob confirms on b, and a shows the outcome.
        let decide = |srv: &Server, key: &str, reason: &str| {
            srv.call(
                "POST",
                &format!("/alerts/{acme}/decisions"),
                Some(key),
                Some(&json!({"decision": "true-match", "reason": reason})),
            )
        };
        let (s, x) = decide(&a, ALICE, "the listed company");
        assert_eq!(
            (s, x["status"].as_str()),
            (200, Some("pending_review")),
            "{x}"
        );
        let seen = b.ok("GET", &format!("/alerts/{acme}"), BOB, None);
        assert_eq!(seen["status"], "pending_review", "{seen}");
        let (s, x) = decide(&b, ALICE, "confirming myself elsewhere");
        assert_eq!((s, x["code"].as_str()), (409, Some("conflict")), "{x}");
        let (s, x) = decide(&b, BOB, "agreed");
        assert_eq!((s, x["status"].as_str()), (200, Some("true_match")), "{x}");
        assert_eq!(
            a.ok("GET", &format!("/alerts/{acme}"), ALICE, None)["status"],
            "true_match"
        );
        a.terminate();
        b.terminate();

        // The shared audit trail: each screening once, both replicas' runs,
        // and the decisions from both under the reviewers' names.
        let out = run_ok(
            cordon()
                .arg("--audit")
                .arg(&db.url)
                .args(["audit", "--format", "jsonl"]),
        );
        let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        let mut screens: HashMap<&str, usize> = HashMap::new();
        for r in records.iter().filter(|r| r["source"] == "api") {
            *screens
                .entry(r["request_id"].as_str().unwrap_or_default())
                .or_default() += 1;
        }
        assert_eq!(screens.len(), sent.len(), "one record per screening");
        for id in &sent {
            assert_eq!(screens.get(id.as_str()), Some(&1), "{id}");
        }
        let of = |source: &str| -> Vec<&str> {
            records
                .iter()
                .filter(|r| r["source"] == source)
                .map(|r| r["caller"].as_str().unwrap_or_default())
                .collect()
        };
        assert_eq!(of("monitor-decision"), ["alice", "bob"]);
        let runs = of("monitor");
        assert_eq!(runs.iter().filter(|c| **c == "ops").count(), 2, "{runs:?}");
    }
}
