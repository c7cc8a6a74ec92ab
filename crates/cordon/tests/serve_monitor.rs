//! Ongoing monitoring through the API, as a user runs it: `cordon serve
//! --monitor` on the real daily SDN files (`$CORDON_DATA/lists/ofac_sdn/
//! history/`), the list file swapped day by day and the server told with
//! SIGHUP. A register of 2,000 persons from `eval/candgen_negatives_us.csv`
//! and a few real parties is posted to `POST /customers`; the parties
//! listed on 2024-04-26 are raised by `POST /monitor/run`; the reload to
//! 2024-05-01 runs a delta run by itself that searches only the changed
//! entities and raises that day's parties; a false positive closed by two
//! reviewer keys stays closed and re-opens when the customer's DOB
//! changes; 2024-05-02 raises that day's parties; runs and decisions are
//! in the audit trail under the keys' names. (`tests/monitor.rs` covers
//! the same with the CLI on 10,000 persons, and a run killed midway.)

mod common;
use common::{cordon, daily_sdn, key_line, run_ok, Server};

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

const ALICE: &str = "serve-monitor-alice-0123456789";
const BOB: &str = "serve-monitor-bob-0123456789ab";
const OPS: &str = "serve-monitor-ops-0123456789ab";

/// The register as `POST /customers` takes it: 2,000 persons from the
/// negatives set, the real parties, and one record with a bad DOB.
fn register(neg: &Path, fp_dob: &str) -> Value {
    let mut rdr = csv::Reader::from_path(neg).expect("negatives CSV");
    let mut customers: Vec<Value> = rdr
        .records()
        .take(2_000)
        .enumerate()
        .map(|(i, r)| {
            let r = r.expect("a negatives row");
            json!({"id": format!("n{i}"), "name": &r[0], "kind": "person", "dob": &r[5], "country": &r[7]})
        })
        .collect();
    for (id, name, kind) in [
        ("p-qods", "Qods Aviation Industries", "organization"),
        ("p-labin", "Viktor Gennadyevich Labin", "person"),
        ("p-smt", "Severomuyskiy Tonnel 2 LLC", "organization"),
        ("p-moukalled", "Firas Hasan Moukalled", "person"),
        ("p-teleport", "Teleport Company SAL", "organization"),
    ] {
        customers.push(json!({"id": id, "name": name, "kind": kind}));
    }
    customers.push(json!({"id": "p-fp", "name": "Reza Khaki", "kind": "person", "dob": fp_dob}));
    customers.push(json!({"id": "bad-1", "name": "Somebody", "dob": "not a date"}));
    json!({ "customers": customers })
}

/// Puts the day's SDN file in place (whole, by rename) for the next load.
fn use_day(hist: &Path, list: &Path, day: &str) {
    let tmp = list.with_extension("tmp");
    std::fs::copy(hist.join(format!("sdn_{day}.csv")), &tmp).expect("copy the day's file");
    std::fs::rename(&tmp, list).expect("swap the list file");
}

fn alerts_of<'a>(run: &'a Value, key: &str) -> &'a [Value] {
    run[key].as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn find<'a>(alerts: &'a [Value], customer: &str) -> Option<&'a Value> {
    alerts.iter().find(|a| a["customer_id"] == customer)
}

#[test]
fn monitoring_through_the_api_on_the_daily_sdn_files() {
    let Some((hist, neg)) = daily_sdn() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("sdn.csv");
    let audit = dir.path().join("audit.sqlite");
    use_day(&hist, &list, "2024-04-26");
    let keys = [
        key_line("alice", ALICE, &["reviewer"]),
        key_line("bob", BOB, &["reviewer"]),
        key_line("ops", OPS, &["screening", "admin"]),
    ]
    .join("\n");
    let mut child = cordon();
    let srv = Server::spawn(
        child
            .env("CORDON_API_KEYS", &keys)
            .env("RUST_LOG", "warn")
            .arg("--list")
            .arg(format!("ofac-sdn={}", list.display()))
            .arg("--audit")
            .arg(&audit)
            .arg("--monitor-db")
            .arg(dir.path().join("monitor.sqlite"))
            .args([
                "serve",
                "--monitor",
                "--listen",
                "127.0.0.1:0",
                "--watch-interval",
                "0",
            ]),
    );

    // At start the (empty) register is screened against the lists once.
    let h = srv.wait_for("the start run", |h| h["monitor"]["completed_runs"] == 1);
    assert_eq!(h["monitor"]["last_run"]["trigger"], "start", "{h}");
    let first_snapshot = h["snapshot"].clone();

    // The register through the API: every good record, the bad one by index.
    let up = srv.ok("POST", "/customers", OPS, Some(&register(&neg, "")));
    assert_eq!(up["added"], 2_006, "{}", up["rejected"]);
    assert_eq!(
        up["rejected"].as_array().map(Vec::len),
        Some(1),
        "{}",
        up["rejected"]
    );
    assert_eq!(up["rejected"][0]["index"], 2_006);
    assert_eq!(up["rejected"][0]["id"], "bad-1");
    assert!(
        up["rejected"][0]["error"]
            .as_str()
            .unwrap()
            .starts_with("field dob"),
        "{up}"
    );

    // 2024-04-26: the new customers are screened; those listed then alert.
    let r1 = srv.ok("POST", "/monitor/run", OPS, None);
    assert_eq!(r1["mode"], "delta", "the start run screened this snapshot");
    assert_eq!(r1["customers_screened"], 2_006);
    assert_eq!(r1["snapshot"], first_snapshot);
    let new1 = alerts_of(&r1, "new_alerts");
    assert_eq!(
        find(new1, "p-qods").map(|a| a["entity_id"].clone()),
        Some(json!("ofac-sdn:16418"))
    );
    assert!(find(new1, "p-labin").is_none() && find(new1, "p-smt").is_none());
    let fp_id = find(new1, "p-fp").expect("Reza Khaki matches KHAKI, Reza")["id"]
        .as_i64()
        .unwrap();

    // Four eyes with two keys: alice's false positive waits, she cannot
    // confirm it herself, bob closes it.
    let decide = |key: &str, reason: &str| {
        srv.call(
            "POST",
            &format!("/alerts/{fp_id}/decisions"),
            Some(key),
            Some(&json!({"decision": "false-positive", "reason": reason})),
        )
    };
    let (s, a) = decide(ALICE, "different person: DOB and nationality differ");
    assert_eq!(
        (s, a["status"].as_str()),
        (200, Some("pending_review")),
        "{a}"
    );
    let (s, e) = decide(ALICE, "confirming myself");
    assert_eq!((s, e["code"].as_str()), (409, Some("conflict")), "{e}");
    let (s, a) = decide(BOB, "agreed");
    assert_eq!(
        (s, a["status"].as_str()),
        (200, Some("false_positive")),
        "{a}"
    );

    // 2024-05-01 and SIGHUP: the reload runs a delta run by itself, which
    // searches only the changed entities and raises that day's parties.
    use_day(&hist, &list, "2024-05-01");
    srv.signal("-HUP");
    let h = srv.wait_for("the reload's run", |h| {
        h["monitor"]["last_run"]["trigger"] == "reload" && h["snapshot"] != first_snapshot
    });
    let run = &h["monitor"]["last_run"];
    assert_eq!(run["mode"], "delta", "{h}");
    assert_eq!(run["customers_screened"], 0, "{h}");
    let screened = run["list_entities_screened"].as_u64().unwrap();
    assert!(
        (200..400).contains(&screened),
        "about 298 changed entities, not the register: {h}"
    );
    let alert_of = |customer: &str| {
        let page = srv.ok("GET", &format!("/alerts?customer={customer}"), ALICE, None);
        page["alerts"].as_array().and_then(|a| a.first()).cloned()
    };
    let labin = alert_of("p-labin").expect("Viktor Gennadyevich Labin is alerted");
    assert_eq!(labin["entity_id"], "ofac-sdn:48705");
    assert_eq!(labin["reason"], "list entry added");
    assert_eq!(
        alert_of("p-smt").expect("Severomuyskiy Tonnel 2 LLC is alerted")["entity_id"],
        "ofac-sdn:48889"
    );
    let detail = srv.ok("GET", &format!("/alerts/{}", labin["id"]), BOB, None);
    assert_eq!(detail["customer"]["name"], "Viktor Gennadyevich Labin");
    assert_eq!(detail["entity"]["id"], "ofac-sdn:48705");
    // The closed false positive did not come back.
    assert_eq!(
        srv.ok("GET", &format!("/alerts/{fp_id}"), ALICE, None)["status"],
        "false_positive"
    );
    let r2 = srv.ok("POST", "/monitor/run", OPS, Some(&json!({})));
    assert!(
        find(alerts_of(&r2, "reopened_alerts"), "p-fp").is_none(),
        "{r2}"
    );

    // The customer's DOB changes: the false positive re-opens, saying why.
    let up = srv.ok(
        "POST",
        "/customers",
        OPS,
        Some(&register(&neg, "1970-08-01")),
    );
    assert_eq!(
        (up["changed"].clone(), up["added"].clone()),
        (json!(1), json!(0)),
        "{up}"
    );
    let r3 = srv.ok("POST", "/monitor/run", OPS, None);
    assert_eq!(r3["customers_screened"], 1);
    let re = find(alerts_of(&r3, "reopened_alerts"), "p-fp").expect("the false positive re-opens");
    assert_eq!(re["id"].as_i64(), Some(fp_id));
    assert!(
        re["reason"]
            .as_str()
            .unwrap()
            .contains("customer changed: dob"),
        "{re}"
    );
    let c = srv.ok("GET", "/customers/p-fp", ALICE, None);
    assert_eq!(c["versions"].as_array().map(Vec::len), Some(2), "{c}");

    // 2024-05-02: that day's parties.
    let before = h["snapshot"].clone();
    use_day(&hist, &list, "2024-05-02");
    srv.signal("-HUP");
    srv.wait_for("the second reload's run", |h| {
        h["monitor"]["last_run"]["trigger"] == "reload" && h["snapshot"] != before
    });
    assert_eq!(
        alert_of("p-moukalled").map(|a| a["entity_id"].clone()),
        Some(json!("ofac-sdn:48325"))
    );
    assert_eq!(
        alert_of("p-teleport").map(|a| a["entity_id"].clone()),
        Some(json!("ofac-sdn:48329"))
    );
    srv.terminate();

    // Runs and decisions are in the audit trail, under the keys' names.
    let out = run_ok(
        Command::new(env!("CARGO_BIN_EXE_cordon"))
            .env_remove("CORDON_AUDIT")
            .arg("--audit")
            .arg(&audit)
            .args(["audit", "--format", "jsonl"]),
    );
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let of = |source: &str| -> Vec<String> {
        records
            .iter()
            .filter(|r| r["source"] == source)
            .map(|r| r["caller"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(of("monitor-decision"), ["alice", "bob"]);
    let runs = of("monitor");
    assert_eq!(runs.iter().filter(|c| *c == "ops").count(), 3, "{runs:?}");
    assert_eq!(
        runs.iter().filter(|c| *c == "cordon-serve").count(),
        3,
        "start and two reloads: {runs:?}"
    );
}
