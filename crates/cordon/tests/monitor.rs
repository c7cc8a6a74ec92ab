//! Ongoing monitoring end to end, with the `cordon` binary as a user runs
//! it on the real daily SDN files (`$CORDON_DATA/lists/ofac_sdn/history/`):
//! a register of 10,000 persons from `eval/candgen_negatives_us.csv` plus a
//! few real parties, screened on 2024-04-26, then delta runs on 2024-05-01
//! and 2024-05-02; four-eyes decisions, a remembered false positive that
//! re-opens when the customer's DOB changes, and a run killed with SIGKILL
//! that loses nothing decided. One register is built and reused across the
//! steps, which run in order in one test.

mod common;
use common::{cordon, daily_sdn, run_ok};

use serde_json::Value;
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Env {
    dir: tempfile::TempDir,
    hist: PathBuf,
    /// `--monitor-db`: `None` for `monitor.sqlite` in `dir`.
    store: Option<String>,
}

impl Env {
    fn new(hist: PathBuf) -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            hist,
            store: None,
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("monitor.sqlite")
    }

    fn store_spec(&self) -> String {
        self.store
            .clone()
            .unwrap_or_else(|| self.db().display().to_string())
    }

    fn cmd(&self) -> Command {
        let mut c = cordon();
        c.arg("--monitor-db")
            .arg(self.store_spec())
            .arg("--audit")
            .arg(self.dir.path().join("audit.sqlite"));
        c
    }

    fn sdn(&self, day: &str) -> String {
        format!(
            "ofac-sdn={}",
            self.hist.join(format!("sdn_{day}.csv")).display()
        )
    }

    fn run(&self, day: &str, extra: &[&str]) -> Value {
        let out = run_ok(
            self.cmd()
                .args(["--list", &self.sdn(day), "monitor", "run", "--json"])
                .args(extra),
        );
        serde_json::from_slice(&out.stdout).expect("one JSON object")
    }

    fn decide(&self, id: i64, decision: &str, by: &str) -> Output {
        self.cmd()
            .args(["alerts", "decide", &id.to_string(), "--decision", decision])
            .args([
                "--by",
                by,
                "--reason",
                "different person: DOB and nationality differ",
            ])
            .output()
            .expect("running cordon")
    }

    fn alert(&self, id: i64) -> Value {
        let out = run_ok(
            self.cmd()
                .args(["alerts", "show", &id.to_string(), "--json"]),
        );
        serde_json::from_slice(&out.stdout).expect("one ALERT object")
    }
}

/// The register: 10,000 persons from the negatives set (names, DOB,
/// nationality), a few real parties, and one bad line.
fn register(neg: &Path, fp_dob: &str) -> String {
    let mut rdr = csv::Reader::from_path(neg).expect("negatives CSV");
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "name", "kind", "dob", "country", "id_number"])
        .unwrap();
    for (i, r) in rdr.records().take(10_000).enumerate() {
        let r = r.expect("a negatives row");
        w.write_record([&format!("n{i}"), &r[0], "person", &r[5], &r[7], ""])
            .unwrap();
    }
    for (id, name, kind, dob) in [
        ("p-qods", "Qods Aviation Industries", "organization", ""),
        ("p-labin", "Viktor Gennadyevich Labin", "person", ""),
        ("p-smt", "Severomuyskiy Tonnel 2 LLC", "organization", ""),
        ("p-moukalled", "Firas Hasan Moukalled", "person", ""),
        ("p-teleport", "Teleport Company SAL", "organization", ""),
        ("p-fp", "Reza Khaki", "person", fp_dob),
    ] {
        w.write_record([id, name, kind, dob, "", ""]).unwrap();
    }
    w.write_record(["bad-1", "Somebody", "person", "not a date", "", ""])
        .unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn alerts_of(v: &Value, key: &str) -> Vec<Value> {
    v[key].as_array().cloned().unwrap_or_default()
}

fn find<'a>(alerts: &'a [Value], customer: &str) -> Option<&'a Value> {
    alerts.iter().find(|a| a["customer_id"] == customer)
}

/// The entities `cordon diff` reports added, or changed in a field the
/// monitor screens (names, kind, dates of birth, countries, identifiers,
/// programs), between two files.
fn screened_changes(env: &Env, old: &str, new: &str) -> HashSet<String> {
    let out = run_ok(
        env.cmd()
            .arg("diff")
            .arg(env.hist.join(format!("sdn_{old}.csv")))
            .arg(env.hist.join(format!("sdn_{new}.csv")))
            .arg("--json"),
    );
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    let screened = [
        "names",
        "kind",
        "dates_of_birth",
        "countries",
        "identifiers",
        "programs",
    ];
    let mut ids: HashSet<String> = d["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    for c in d["changed"].as_array().unwrap() {
        if c["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| screened.contains(&f.as_str().unwrap()))
        {
            ids.insert(c["id"].as_str().unwrap().to_string());
        }
    }
    ids
}

#[test]
fn monitoring_on_the_daily_sdn_files() {
    let Some((hist, neg)) = daily_sdn() else {
        return;
    };
    let env = Env::new(hist);
    let reg = env.dir.path().join("register.csv");
    std::fs::write(&reg, register(&neg, "")).unwrap();

    // Import: every good line, the bad one named with file and line.
    let out = run_ok(env.cmd().arg("monitor").arg("import").arg(&reg));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("register.csv:10008: field dob"),
        "the bad line is reported with its line: {err}"
    );
    assert!(err.contains("10006 added"), "{err}");

    // 2024-04-26: the first run is full; parties listed then give alerts.
    let r1 = env.run("2024-04-26", &[]);
    assert_eq!(r1["mode"], "full");
    assert_eq!(r1["previous_snapshot"], Value::Null);
    assert_eq!(r1["customers_screened"], 10_006);
    let keys: Vec<&String> = r1.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "customers_screened",
            "delisted_alerts",
            "list_entities_screened",
            "mode",
            "new_alerts",
            "previous_snapshot",
            "reopened_alerts",
            "run_id",
            "seconds",
            "snapshot"
        ]
    );
    let new1 = alerts_of(&r1, "new_alerts");
    let qods = find(&new1, "p-qods").expect("Qods Aviation Industries is alerted");
    assert_eq!(qods["entity_id"], "ofac-sdn:16418");
    assert_eq!(qods["status"], "open");
    for k in [
        "id",
        "customer_id",
        "customer_version",
        "entity_id",
        "list",
        "score",
        "status",
        "reason",
        "snapshot",
        "created",
        "explanation",
        "decisions",
    ] {
        assert!(qods.get(k).is_some(), "ALERT has {k}: {qods}");
    }
    assert_eq!(qods.as_object().unwrap().len(), 12, "{qods}");
    assert!(find(&new1, "p-labin").is_none(), "not listed on 2024-04-26");
    assert!(find(&new1, "p-smt").is_none(), "not listed on 2024-04-26");
    let fp = find(&new1, "p-fp").expect("Reza Khaki matches KHAKI, Reza");
    let fp_id = fp["id"].as_i64().unwrap();

    // The same lists again: nothing to screen, nothing new.
    let r2 = env.run("2024-04-26", &[]);
    assert_eq!(r2["mode"], "delta");
    assert_eq!(r2["customers_screened"], 0);
    assert_eq!(r2["list_entities_screened"], 0);
    assert_eq!(alerts_of(&r2, "new_alerts").len(), 0);

    // Four eyes: alice's false positive waits for a second reviewer; she
    // cannot confirm it herself; bob does.
    run_ok(env.cmd().args(["monitor", "policy", "--four-eyes", "on"]));
    let d1 = env.decide(fp_id, "false-positive", "alice");
    assert!(
        d1.status.success(),
        "{}",
        String::from_utf8_lossy(&d1.stderr)
    );
    assert_eq!(env.alert(fp_id)["status"], "pending_review");
    let d2 = env.decide(fp_id, "false-positive", "alice");
    assert!(!d2.status.success());
    let e2 = String::from_utf8_lossy(&d2.stderr);
    assert!(e2.contains("different reviewer must confirm"), "{e2}");
    let d3 = env.decide(fp_id, "false-positive", "bob");
    assert!(
        d3.status.success(),
        "{}",
        String::from_utf8_lossy(&d3.stderr)
    );
    let closed = env.alert(fp_id);
    assert_eq!(closed["status"], "false_positive");
    assert_eq!(closed["decisions"].as_array().unwrap().len(), 2);

    // 2024-05-01: a delta run searches only the changed list entities and
    // raises the parties listed that day.
    let changed = screened_changes(&env, "2024-04-26", "2024-05-01");
    let r3 = env.run("2024-05-01", &[]);
    assert_eq!(r3["mode"], "delta");
    assert_eq!(r3["previous_snapshot"], r1["snapshot"]);
    assert_eq!(r3["customers_screened"], 0, "no customer changed");
    assert_eq!(
        r3["list_entities_screened"].as_u64().unwrap() as usize,
        changed.len(),
        "the entities the diff reports added or changed in a screened field"
    );
    let new3 = alerts_of(&r3, "new_alerts");
    let labin = find(&new3, "p-labin").expect("Viktor Gennadyevich Labin is alerted");
    assert_eq!(labin["entity_id"], "ofac-sdn:48705");
    assert_eq!(labin["reason"], "list entry added");
    let smt = find(&new3, "p-smt").expect("Severomuyskiy Tonnel 2 LLC is alerted");
    assert_eq!(smt["entity_id"], "ofac-sdn:48889");
    for a in &new3 {
        assert!(changed.contains(a["entity_id"].as_str().unwrap()), "{a}");
    }
    // The closed false positive does not come back.
    assert!(find(&alerts_of(&r3, "reopened_alerts"), "p-fp").is_none());
    assert_eq!(env.alert(fp_id)["status"], "false_positive");

    // A full run on the same lists finds nothing new on the changed
    // entities: the delta run found everything a full run finds there.
    let r4 = env.run("2024-05-01", &["--full"]);
    assert_eq!(r4["mode"], "full");
    for a in alerts_of(&r4, "new_alerts") {
        assert!(
            !changed.contains(a["entity_id"].as_str().unwrap()),
            "missed by the delta run: {a}"
        );
    }
    assert_eq!(env.alert(fp_id)["status"], "false_positive");

    // The customer's DOB changes: the false positive re-opens, saying why.
    std::fs::write(&reg, register(&neg, "1970-08-01")).unwrap();
    let out = run_ok(env.cmd().arg("monitor").arg("import").arg(&reg));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 changed"));
    let r5 = env.run("2024-05-01", &[]);
    assert_eq!(r5["customers_screened"], 1);
    let re = find(&alerts_of(&r5, "reopened_alerts"), "p-fp")
        .expect("the false positive re-opens")
        .clone();
    assert_eq!(re["id"].as_i64(), Some(fp_id));
    assert_eq!(re["status"], "open");
    assert_eq!(re["customer_version"], 2);
    assert!(
        re["reason"]
            .as_str()
            .unwrap()
            .contains("customer changed: dob"),
        "{re}"
    );

    // A decision in flight when a run is killed: alice decides the Labin
    // alert, then a 2024-05-02 run is killed with SIGKILL after it has
    // screened and before it writes.
    let labin_id = labin["id"].as_i64().unwrap();
    assert!(env.decide(labin_id, "true-match", "alice").status.success());
    env.kill_at(
        "run-screened",
        &["--list", &env.sdn("2024-05-02"), "monitor", "run", "--full"],
    );
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        let ok: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let running: i64 = c
            .query_row(
                "SELECT count(*) FROM runs WHERE status = 'running'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            running, 1,
            "the killed run is left running, its work unwritten"
        );
    }
    let kept = env.alert(labin_id);
    assert_eq!(kept["status"], "pending_review");
    assert_eq!(kept["decisions"][0]["by"], "alice");
    assert_eq!(env.alert(fp_id)["decisions"].as_array().unwrap().len(), 2);

    // The next run completes the work: 2024-05-02 raises that day's parties.
    let r6 = env.run("2024-05-02", &[]);
    assert_eq!(r6["mode"], "delta");
    assert_eq!(r6["previous_snapshot"], r5["snapshot"]);
    let new6 = alerts_of(&r6, "new_alerts");
    let changed6 = screened_changes(&env, "2024-05-01", "2024-05-02");
    assert_eq!(
        r6["list_entities_screened"].as_u64().unwrap() as usize,
        changed6.len()
    );
    assert_eq!(
        find(&new6, "p-moukalled").map(|a| a["entity_id"].clone()),
        Some(Value::from("ofac-sdn:48325"))
    );
    assert_eq!(
        find(&new6, "p-teleport").map(|a| a["entity_id"].clone()),
        Some(Value::from("ofac-sdn:48329"))
    );
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let abandoned: i64 = c
        .query_row(
            "SELECT count(*) FROM runs WHERE status = 'abandoned'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(abandoned, 1);

    // Filters, and the audit trail of runs and decisions.
    let out = run_ok(
        env.cmd()
            .args(["alerts", "--status", "false_positive", "--json"]),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 0);
    let out = run_ok(
        env.cmd()
            .args(["alerts", "--customer", "p-labin", "--json"]),
    );
    let ls: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(ls.iter().any(|a| a["entity_id"] == "ofac-sdn:48705"));
    let out = run_ok(
        env.cmd()
            .args(["audit", "--format", "jsonl", "--db"])
            .arg(env.dir.path().join("audit.sqlite")),
    );
    let recs: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let runs = recs.iter().filter(|r| r["source"] == "monitor").count();
    let decisions = recs
        .iter()
        .filter(|r| r["source"] == "monitor-decision")
        .count();
    assert_eq!(runs, 6, "every completed run is in the audit trail");
    assert_eq!(
        decisions, 3,
        "every recorded decision is in the audit trail"
    );
}

impl Env {
    /// Runs cordon with `args`, stopped at `point` (the debug builds' test
    /// hook `CORDON_MONITOR_PAUSE_AT`), runs `meanwhile` while it waits
    /// there, and kills it with SIGKILL: the kill lands at that point,
    /// every time.
    fn kill_at_then(&self, point: &str, args: &[&str], meanwhile: impl FnOnce()) {
        use std::os::unix::process::ExitStatusExt;
        let mut child = self
            .cmd()
            .args(args)
            .env("CORDON_MONITOR_PAUSE_AT", point)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("running cordon");
        let mut said = Vec::new();
        let mut paused = false;
        for line in BufReader::new(child.stderr.take().unwrap()).lines() {
            let line = line.unwrap();
            if line.contains(&format!("cordon: paused at {point}")) {
                paused = true;
                break;
            }
            said.push(line);
        }
        if !paused {
            let _ = child.kill();
            let _ = child.wait();
            panic!("cordon {args:?} ended without pausing at {point} (only debug builds honour CORDON_MONITOR_PAUSE_AT): {said:#?}");
        }
        meanwhile();
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "{status}");
    }

    fn kill_at(&self, point: &str, args: &[&str]) {
        self.kill_at_then(point, args, || {});
    }

    /// Every alert with what a run and the reviewers made of it (not ids
    /// or times): customer, entity, status, customer version, reason,
    /// snapshot and the decisions (verdict, reviewer, round, outcome).
    fn alert_table(&self) -> Vec<String> {
        let out = run_ok(self.cmd().args(["alerts", "--json"]));
        let mut v: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let a: Value = serde_json::from_str(l).unwrap();
                let d: Vec<String> = a["decisions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| {
                        format!(
                            "{}/{}/{}/{}",
                            d["decision"], d["by"], d["round"], d["outcome"]
                        )
                    })
                    .collect();
                format!(
                    "{} {} {} v{} {:?} {} [{}]",
                    a["customer_id"],
                    a["entity_id"],
                    a["status"],
                    a["customer_version"],
                    a["reason"],
                    a["snapshot"],
                    d.join(", ")
                )
            })
            .collect();
        v.sort();
        v
    }

    /// The statuses of the runs, in order, read from the database itself.
    fn run_statuses(&self) -> Vec<String> {
        match &self.store {
            None => {
                let c = rusqlite::Connection::open(self.db()).unwrap();
                let ok: String = c
                    .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(ok, "ok");
                let bad: i64 = c
                    .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })
                    .unwrap();
                assert_eq!(bad, 0, "foreign keys hold");
                let mut st = c.prepare("SELECT status FROM runs ORDER BY id").unwrap();
                let rows = st.query_map([], |r| r.get(0)).unwrap();
                rows.map(Result::unwrap).collect()
            }
            #[cfg(feature = "postgres")]
            Some(url) => {
                let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
                c.query("SELECT status FROM cordon_monitor.runs ORDER BY id", &[])
                    .unwrap()
                    .iter()
                    .map(|r| r.get(0))
                    .collect()
            }
            #[cfg(not(feature = "postgres"))]
            Some(_) => unreachable!("postgres stores need the postgres feature"),
        }
    }
}

/// What the crash scenario produced: the 2024-04-26 and 2024-05-01 runs
/// and the alerts afterwards.
struct Outcome {
    r1: Value,
    r2: Value,
    table: Vec<String>,
}

fn alert_pairs(v: &Value, key: &str) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = alerts_of(v, key)
        .iter()
        .map(|a| {
            (
                a["customer_id"].as_str().unwrap().to_string(),
                a["entity_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    p.sort();
    p
}

/// Import the register, screen on 2024-04-26, decide (Reza Khaki a false
/// positive by alice and bob; Qods a true match by alice, confirmed by bob
/// while the next run is in flight), screen on 2024-05-01. With `kill`,
/// the import is killed after its first chunk and imported again, and the
/// 2024-05-01 run is killed twice (after screening, with bob's decision
/// made while it waited; and inside its commit) before it runs whole; the
/// state after each kill is checked.
fn crash_scenario(env: &Env, neg: &Path, kill: bool) -> Outcome {
    let reg = env.dir.path().join("register.csv");
    std::fs::write(&reg, register(neg, "")).unwrap();
    let reg = reg.display().to_string();
    let target = cordon_monitor::StoreTarget::parse(&env.store_spec());
    if kill {
        env.kill_at("import-chunk", &["monitor", "import", &reg]);
        let s = target
            .open_existing()
            .expect("the store opens after the kill");
        assert_eq!(
            s.customer_count().unwrap(),
            cordon_monitor::input::CHUNK as u64,
            "the first chunk is in, whole"
        );
        drop(s);
        let out = run_ok(env.cmd().args(["monitor", "import", &reg]));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("1814 added, 0 changed, 8192 unchanged"),
            "{err}"
        );
    } else {
        run_ok(env.cmd().args(["monitor", "import", &reg]));
    }
    let r1 = env.run("2024-04-26", &[]);
    let new1 = alerts_of(&r1, "new_alerts");
    let id_of = |c: &str| {
        find(&new1, c).unwrap_or_else(|| panic!("an alert for {c}"))["id"]
            .as_i64()
            .unwrap()
    };
    let (fp, qods) = (id_of("p-fp"), id_of("p-qods"));
    for (id, decision, by) in [
        (fp, "false-positive", "alice"),
        (fp, "false-positive", "bob"),
        (qods, "true-match", "alice"),
    ] {
        let out = env.decide(id, decision, by);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let confirm = || {
        let out = env.decide(qods, "true-match", "bob");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let run_args = ["--list", &env.sdn("2024-05-01"), "monitor", "run"];
    if kill {
        // Nothing decided is lost, nothing of the killed run is written,
        // and the store opens and reads.
        let check = |statuses: &[&str]| {
            assert_eq!(env.run_statuses(), statuses);
            let s = target
                .open_existing()
                .expect("the store opens after the kill");
            assert_eq!(s.last_run().unwrap().map(|r| r.id), r1["run_id"].as_i64());
            assert_eq!(s.customer_count().unwrap(), 10_006);
            drop(s);
            assert_eq!(env.alert(fp)["status"], "false_positive");
            assert_eq!(env.alert(fp)["decisions"].as_array().unwrap().len(), 2);
            let q = env.alert(qods);
            assert_eq!(q["status"], "true_match", "{q}");
            assert_eq!(q["decisions"][1]["by"], "bob");
            for a in env.alert_table() {
                assert!(
                    a.contains(r1["snapshot"].as_str().unwrap()),
                    "only run 1's alerts: {a}"
                );
            }
        };
        env.kill_at_then("run-screened", &run_args, confirm);
        check(&["completed", "running"]);
        env.kill_at("run-commit", &run_args);
        check(&["completed", "abandoned", "running"]);
    } else {
        confirm();
    }
    let out = run_ok(env.cmd().args(run_args).arg("--json"));
    let r2: Value = serde_json::from_slice(&out.stdout).unwrap();
    if kill {
        assert_eq!(
            env.run_statuses(),
            ["completed", "abandoned", "abandoned", "completed"]
        );
    }
    Outcome {
        r1,
        r2,
        table: env.alert_table(),
    }
}

/// The scenario without kills, on SQLite, once for every test here.
fn uninterrupted(hist: &Path, neg: &Path) -> &'static Outcome {
    static ONCE: std::sync::OnceLock<Outcome> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| crash_scenario(&Env::new(hist.to_path_buf()), neg, false))
}

/// `kill -9` of imports and runs at the points that matter: after the run
/// has screened (a decision made meanwhile), inside its commit; the store
/// opens and is consistent each time, nothing decided is lost, and the
/// next run completes the work: the same alerts, with the same statuses
/// and decisions, as the run that was never killed.
fn killed_runs_complete_the_work(env: &Env, hist: &Path, neg: &Path) {
    let killed = crash_scenario(env, neg, true);
    let whole = uninterrupted(hist, neg);
    for (k, w) in [(&killed.r1, &whole.r1), (&killed.r2, &whole.r2)] {
        for key in [
            "mode",
            "snapshot",
            "customers_screened",
            "list_entities_screened",
        ] {
            assert_eq!(k[key], w[key], "{key}");
        }
        for key in ["new_alerts", "reopened_alerts", "delisted_alerts"] {
            assert_eq!(alert_pairs(k, key), alert_pairs(w, key), "{key}");
        }
    }
    assert_eq!(killed.r2["mode"], "delta");
    assert_eq!(killed.r2["previous_snapshot"], killed.r1["snapshot"]);
    let new2 = alerts_of(&killed.r2, "new_alerts");
    assert!(
        find(&new2, "p-labin").is_some(),
        "Labin, listed on 2024-05-01"
    );
    assert!(
        find(&new2, "p-smt").is_some(),
        "Severomuyskiy Tonnel 2, listed on 2024-05-01"
    );
    assert_eq!(killed.table, whole.table);
}

#[test]
fn killed_runs_lose_nothing_on_sqlite() {
    let Some((hist, neg)) = daily_sdn() else {
        return;
    };
    killed_runs_complete_the_work(&Env::new(hist.clone()), &hist, &neg);
}

#[test]
fn killed_runs_lose_nothing_on_postgres() {
    let Some((hist, neg)) = daily_sdn() else {
        return;
    };
    let Ok(base) = std::env::var("CORDON_TEST_POSTGRES_URL") else {
        eprintln!("skipping: CORDON_TEST_POSTGRES_URL not set (tests/postgres/run.sh sets it)");
        return;
    };
    #[cfg(feature = "postgres")]
    {
        let db = common::PgDatabase::new(&base, "crash");
        let mut env = Env::new(hist.clone());
        env.store = Some(db.url.clone());
        killed_runs_complete_the_work(&env, &hist, &neg);
    }
    #[cfg(not(feature = "postgres"))]
    {
        let _ = (base, hist, neg);
        eprintln!(
            "skipping: built without the `postgres` feature \
             (cargo test -p cordon --features postgres --test monitor)"
        );
    }
}
