//! The monitoring routes (`cordon serve --monitor`) in-process, on the
//! sample lists and an SQLite store in a temporary folder: the customer
//! register, runs (on demand, after a reload, failing), alerts with
//! filters and paging, decisions under four-eyes with the key's name as
//! the reviewer, roles, unknown fields and the audit records.

use super::{call, state_with, Recorder};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use cordon_monitor::SqliteStore;
use cordon_server::monitor::BoxStore;
use cordon_server::{key_line, ApiKeys, AppState, Monitor, Role, ServerConfig};
use serde_json::{json, Value};
use std::path::PathBuf;

const ALICE: &str = "k-alice-reviewer";
const BOB: &str = "k-bob-reviewer";
const FEEDER: &str = "k-feeder-screening";
const OPS: &str = "k-ops-admin";

fn keys() -> ApiKeys {
    let lines = [
        key_line("alice", ALICE, &[Role::Reviewer]),
        key_line("bob", BOB, &[Role::Reviewer]),
        key_line("feeder", FEEDER, &[Role::Screening]),
        key_line("ops", OPS, &[Role::Admin]),
    ];
    ApiKeys::parse(&lines.join("\n"), "test keys").expect("keys parse")
}

struct Monitored {
    state: AppState,
    audit: Recorder,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

fn monitored(keys: Option<ApiKeys>) -> Monitored {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("monitor.sqlite");
    let path = db.clone();
    let monitor = Monitor::new(
        Box::new(move || Ok(Box::new(SqliteStore::open(&path)?) as BoxStore)),
        db.display().to_string(),
        cordon_engine::DEFAULT_THRESHOLD,
    )
    .expect("the store opens");
    let audit = Recorder::default();
    let state =
        state_with(ServerConfig::default(), keys, Some(audit.clone())).with_monitor(monitor);
    Monitored {
        state,
        audit,
        db,
        _dir: dir,
    }
}

impl Monitored {
    async fn send(
        &self,
        method: &str,
        uri: &str,
        key: Option<&str>,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        call(&self.state, req(method, uri, key, body)).await
    }
}

fn req(method: &str, uri: &str, key: Option<&str>, body: Option<&Value>) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    if let Some(k) = key {
        b = b.header("x-api-key", k);
    }
    match body {
        Some(v) => b
            .header("content-type", "application/json")
            .body(Body::from(v.to_string())),
        None => b.body(Body::empty()),
    }
    .expect("request")
}

/// Three customers that the sample lists list (SAMPLEMAN, ACME, FICTIONAL
/// HOLDINGS), one stranger, and one with a date of birth in the future.
fn customers() -> Value {
    json!({"customers": [
        {"id": "c1", "name": "Johnny Example Sampleman", "kind": "person", "dob": "1978-01-28", "country": ["RU"]},
        {"id": "c2", "name": "Jane Roe", "dob": "2999"},
        {"id": "c3", "name": "Acme Example Trading", "kind": "organization"},
        {"id": 4, "name": "Fictional Holdings Group"},
        {"id": "c5", "name": "Olga Unrelated Person", "aliases": ["O. Unrelated"]},
    ]})
}

/// Imports [`customers`] and runs (with the feeder's and the operator's
/// keys, which a server without keys ignores).
async fn import_and_run(m: &Monitored) -> Value {
    let (s, v) = m
        .send("POST", "/customers", Some(FEEDER), Some(&customers()))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, run) = m.send("POST", "/monitor/run", Some(OPS), None).await;
    assert_eq!(s, StatusCode::OK, "{run}");
    run
}

fn alert_for(run: &Value, customer: &str) -> Value {
    run["new_alerts"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["customer_id"] == customer))
        .cloned()
        .unwrap_or_else(|| panic!("no new alert for {customer} in {run}"))
}

#[tokio::test]
async fn without_monitoring_the_routes_say_it_is_off() {
    let st = state_with(ServerConfig::default(), None, None);
    for (method, uri, body) in [
        ("POST", "/customers", Some(customers())),
        ("GET", "/customers/c1", None),
        ("POST", "/monitor/run", None),
        ("GET", "/alerts", None),
        ("GET", "/alerts/1", None),
        (
            "POST",
            "/alerts/1/decisions",
            Some(json!({"decision": "escalate", "reason": "x"})),
        ),
    ] {
        let (s, v) = call(&st, req(method, uri, None, body.as_ref())).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{method} {uri}: {v}");
        assert_eq!(v["code"], "monitoring_off", "{method} {uri}: {v}");
        assert!(
            v["detail"].as_str().unwrap().contains("--monitor"),
            "{method} {uri}: {v}"
        );
    }
    // Health says nothing about monitoring then.
    let (_, h) = call(&st, req("GET", "/readyz", None, None)).await;
    assert!(h.get("monitor").is_none(), "{h}");
}

#[tokio::test]
async fn customers_are_upserted_with_bad_records_reported_by_index() {
    let m = monitored(None);
    let (s, v) = m.send("POST", "/customers", None, Some(&customers())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["added"], 4, "{v}");
    assert_eq!(v["errors"], 1, "{v}");
    assert_eq!(v["active_customers"], 4, "{v}");
    let rejected = v["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{v}");
    assert_eq!(rejected[0]["index"], 1);
    assert_eq!(rejected[0]["id"], "c2");
    assert!(
        rejected[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("field dob"),
        "{v}"
    );

    // The same again: unchanged. A changed DOB: a new version.
    let (_, v) = m.send("POST", "/customers", None, Some(&customers())).await;
    assert_eq!(
        (v["added"].clone(), v["unchanged"].clone()),
        (json!(0), json!(4)),
        "{v}"
    );
    let changed = json!({"customers": [{"id": "c1", "name": "Johnny Example Sampleman", "kind": "person", "dob": "1979-02-02", "country": ["RU"]}]});
    let (_, v) = m.send("POST", "/customers", None, Some(&changed)).await;
    assert_eq!(v["changed"], 1, "{v}");
    let (s, c) = m.send("GET", "/customers/c1", None, None).await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(c["id"], "c1");
    assert_eq!(c["version"], 2);
    assert_eq!(c["name"], "Johnny Example Sampleman");
    let versions = c["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2, "{c}");
    assert_eq!(versions[0]["dob"]["year"], 1978, "{c}");
    assert_eq!(versions[1]["dob"]["year"], 1979, "{c}");
    assert_eq!(c["alerts"], json!([]));
    // A number id is read as its text, as in the import.
    let (s, _) = m.send("GET", "/customers/4", None, None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = m.send("GET", "/customers/nobody", None, None).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );

    // An unknown field, in a record or in the body, refuses the whole
    // request and stores nothing.
    let typo = json!({"customers": [
        {"id": "c7", "name": "Seven Person"},
        {"id": "c8", "name": "Eight Person", "countrys": ["RU"]},
    ]});
    let (s, v) = m.send("POST", "/customers", None, Some(&typo)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["code"], "invalid_request");
    let detail = v["detail"].as_str().unwrap();
    assert!(
        detail.contains("customers[1]") && detail.contains("`countrys`"),
        "{v}"
    );
    let (s, _) = m.send("GET", "/customers/c7", None, None).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "nothing of a refused request is stored"
    );
    let (s, v) = m
        .send(
            "POST",
            "/customers",
            None,
            Some(&json!({"customers": [], "replace": false, "mode": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["detail"].as_str().unwrap().contains("mode"), "{v}");
    let (s, v) = m
        .send("POST", "/customers", None, Some(&json!({"customers": []})))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");

    // replace: customers absent from the request are removed.
    let only =
        json!({"customers": [{"id": "c1", "name": "Johnny Example Sampleman"}], "replace": true});
    let (s, v) = m.send("POST", "/customers", None, Some(&only)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["removed"].clone(), v["active_customers"].clone()),
        (json!(3), json!(1)),
        "{v}"
    );
    let (s, _) = m.send("GET", "/customers/c3", None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn roles_guard_the_monitoring_routes() {
    let m = monitored(Some(keys()));
    let body = customers();
    let decision = json!({"decision": "false-positive", "reason": "r"});
    // (method, uri, body, the key that may, a key that may not)
    let routes: [(&str, &str, Option<&Value>, &str, &str); 6] = [
        ("POST", "/customers", Some(&body), FEEDER, ALICE),
        ("POST", "/monitor/run", None, OPS, FEEDER),
        ("GET", "/alerts", None, ALICE, FEEDER),
        ("GET", "/alerts/1", None, BOB, OPS),
        ("GET", "/customers/c1", None, ALICE, FEEDER),
        ("POST", "/alerts/1/decisions", Some(&decision), ALICE, OPS),
    ];
    for (method, uri, body, may, may_not) in routes {
        let (s, v) = m.send(method, uri, None, body).await;
        assert_eq!(
            s,
            StatusCode::UNAUTHORIZED,
            "{method} {uri} without a key: {v}"
        );
        let (s, v) = m.send(method, uri, Some("k-unknown"), body).await;
        assert_eq!(
            s,
            StatusCode::UNAUTHORIZED,
            "{method} {uri} unknown key: {v}"
        );
        let (s, v) = m.send(method, uri, Some(may_not), body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{method} {uri}: {v}");
        assert_eq!(v["code"], "forbidden");
        let (s, v) = m.send(method, uri, Some(may), body).await;
        assert!(
            s == StatusCode::OK || s == StatusCode::NOT_FOUND,
            "{method} {uri} with its role: {s} {v}"
        );
    }
}

#[tokio::test]
async fn a_run_raises_alerts_listed_by_score_with_filters_and_paging() {
    let m = monitored(Some(keys()));
    let run = import_and_run(&m).await;
    assert_eq!(run["mode"], "full", "{run}");
    assert_eq!(run["customers_screened"], 4, "{run}");
    for k in [
        "run_id",
        "snapshot",
        "previous_snapshot",
        "list_entities_screened",
        "reopened_alerts",
        "delisted_alerts",
        "seconds",
    ] {
        assert!(run.get(k).is_some(), "{k} in {run}");
    }
    let c1 = alert_for(&run, "c1");
    assert_eq!(c1["entity_id"], "ofac-sdn:90003");
    assert_eq!(c1["status"], "open");
    assert!(c1["explanation"]["alignments"].is_array(), "{c1}");
    assert_eq!(alert_for(&run, "c3")["entity_id"], "ofac-sdn:90001");
    assert!(run["new_alerts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["customer_id"] != "c5"));
    let total = run["new_alerts"].as_array().unwrap().len();
    assert!(total >= 3, "{run}");

    // A second run has nothing new; an unknown field is refused.
    let (s, again) = m
        .send("POST", "/monitor/run", Some(OPS), Some(&json!({})))
        .await;
    assert_eq!(s, StatusCode::OK, "{again}");
    assert_eq!(again["mode"], "delta");
    assert_eq!(again["new_alerts"], json!([]));
    let (s, v) = m
        .send(
            "POST",
            "/monitor/run",
            Some(OPS),
            Some(&json!({"ful": true})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["detail"].as_str().unwrap().contains("ful"), "{v}");
    let (s, full) = m
        .send(
            "POST",
            "/monitor/run",
            Some(OPS),
            Some(&json!({"full": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{full}");
    assert_eq!(full["mode"], "full");

    // All alerts, highest score first.
    let (s, page) = m
        .send("GET", "/alerts?status=open", Some(ALICE), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let all = page["alerts"].as_array().unwrap().clone();
    assert_eq!(all.len(), total);
    assert_eq!(page["next_offset"], Value::Null);
    let scores: Vec<f64> = all.iter().map(|a| a["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // Paging walks the same order, one at a time.
    let mut offset = Some(0u64);
    let mut walked = Vec::new();
    while let Some(o) = offset {
        let (s, p) = m
            .send(
                "GET",
                &format!("/alerts?limit=1&offset={o}"),
                Some(ALICE),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{p}");
        assert_eq!(p["limit"], 1);
        walked.extend(
            p["alerts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["id"].clone()),
        );
        offset = p["next_offset"].as_u64();
        assert!(walked.len() <= total, "paging ends");
    }
    assert_eq!(
        walked,
        all.iter().map(|a| a["id"].clone()).collect::<Vec<_>>()
    );
    // Filters.
    let (_, p) = m
        .send("GET", "/alerts?customer=c1", Some(ALICE), None)
        .await;
    assert_eq!(p["alerts"].as_array().unwrap().len(), 1, "{p}");
    let (_, p) = m
        .send("GET", "/alerts?entity=ofac-sdn:90001", Some(ALICE), None)
        .await;
    assert!(
        p["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["entity_id"] == "ofac-sdn:90001"),
        "{p}"
    );
    assert!(!p["alerts"].as_array().unwrap().is_empty());
    let (_, p) = m
        .send("GET", "/alerts?status=false_positive", Some(ALICE), None)
        .await;
    assert_eq!(p["alerts"], json!([]));
    // Bad parameters.
    for (q, word) in [
        ("/alerts?status=closed", "status"),
        ("/alerts?limit=0", "limit"),
        ("/alerts?limit=101", "limit"),
        ("/alerts?sort=score", "sort"),
    ] {
        let (s, v) = m.send("GET", q, Some(ALICE), None).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {v}");
        assert!(v["detail"].as_str().unwrap().contains(word), "{q}: {v}");
    }

    // One alert: the customer beside the list entity.
    let id = c1["id"].as_i64().unwrap();
    let (s, a) = m
        .send("GET", &format!("/alerts/{id}"), Some(BOB), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["id"], id);
    assert_eq!(a["entity_id"], "ofac-sdn:90003");
    assert!(a["explanation"]["summary"].is_string(), "{a}");
    assert_eq!(a["decisions"], json!([]));
    assert_eq!(a["customer"]["id"], "c1");
    assert_eq!(a["customer"]["name"], "Johnny Example Sampleman");
    assert_eq!(a["customer"]["version"], 1);
    assert_eq!(a["customer"]["current_version"], 1);
    assert_eq!(a["entity"]["id"], "ofac-sdn:90003");
    assert!(a["entity"]["names"].as_array().unwrap().len() >= 2, "{a}");
    assert!(a["entity_snapshot"].is_string());
    let (s, v) = m.send("GET", "/alerts/99999", Some(BOB), None).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found")),
        "{v}"
    );
    let (s, v) = m.send("GET", "/alerts/abc", Some(BOB), None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    // The customer's own view lists the alert.
    let (_, c) = m.send("GET", "/customers/c1", Some(ALICE), None).await;
    assert_eq!(c["alerts"][0]["id"], id, "{c}");

    // The runs are in the audit trail, as the CLI writes them.
    let events = m.audit.0.lock().unwrap().clone();
    let runs: Vec<_> = events.iter().filter(|e| e.source == "monitor").collect();
    assert_eq!(runs.len(), 3);
    assert_eq!(runs[0].caller, "ops");
    assert_eq!(runs[0].matched, Some(true));
    assert_eq!(runs[0].results.len(), total);
    assert_eq!(runs[0].query["mode"], "full");
}

#[tokio::test]
async fn four_eyes_over_http_the_key_is_the_reviewer() {
    let m = monitored(Some(keys()));
    let run = import_and_run(&m).await;
    let id = alert_for(&run, "c1")["id"].as_i64().unwrap();
    let uri = format!("/alerts/{id}/decisions");
    let fp = json!({"decision": "false-positive", "reason": "different person: DOB differs"});

    // A reviewer's name is never taken from the body; an unknown
    // decision and an empty reason are refused naming the field.
    for (body, word) in [
        (
            json!({"decision": "false-positive", "reason": "x", "by": "bob"}),
            "by",
        ),
        (json!({"decision": "maybe", "reason": "x"}), "decision"),
        (json!({"decision": "escalate", "reason": "  "}), "reason"),
    ] {
        let (s, v) = m.send("POST", &uri, Some(ALICE), Some(&body)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {v}");
        assert!(v["detail"].as_str().unwrap().contains(word), "{body}: {v}");
    }

    let (s, a) = m.send("POST", &uri, Some(ALICE), Some(&fp)).await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["status"], "pending_review");
    assert_eq!(a["decisions"][0]["by"], "alice");
    assert_eq!(a["decisions"][0]["outcome"], "pending_review");

    // The same reviewer cannot confirm their own decision.
    let (s, v) = m.send("POST", &uri, Some(ALICE), Some(&fp)).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["code"], "conflict");
    assert!(
        v["detail"].as_str().unwrap().contains("different reviewer"),
        "{v}"
    );

    let (s, a) = m
        .send(
            "POST",
            &uri,
            Some(BOB),
            Some(&json!({"decision": "false-positive", "reason": "agreed"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["status"], "false_positive");
    let by: Vec<&str> = a["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["by"].as_str().unwrap())
        .collect();
    assert_eq!(by, ["alice", "bob"]);
    // A closed alert takes no more decisions.
    let (s, v) = m.send("POST", &uri, Some(ALICE), Some(&fp)).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let (s, v) = m
        .send("POST", "/alerts/99999/decisions", Some(ALICE), Some(&fp))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");

    // Remembered: the next run does not raise it again.
    let (_, next) = m
        .send(
            "POST",
            "/monitor/run",
            Some(OPS),
            Some(&json!({"full": true})),
        )
        .await;
    assert!(
        next["new_alerts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["customer_id"] != "c1"),
        "{next}"
    );
    assert_eq!(next["reopened_alerts"], json!([]), "{next}");
    let (_, p) = m
        .send("GET", "/alerts?status=false_positive", Some(ALICE), None)
        .await;
    assert_eq!(p["alerts"][0]["id"], id, "{p}");

    // Both decisions are in the audit trail under the keys' names.
    let events = m.audit.0.lock().unwrap().clone();
    let decisions: Vec<_> = events
        .iter()
        .filter(|e| e.source == "monitor-decision")
        .collect();
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0].caller, "alice");
    assert_eq!(decisions[1].caller, "bob");
    assert_eq!(decisions[1].query["status"], "false_positive");
    assert_eq!(decisions[1].matched, Some(false));
}

#[tokio::test]
async fn without_api_keys_decisions_are_refused() {
    let m = monitored(None);
    let run = import_and_run(&m).await;
    let id = alert_for(&run, "c1")["id"].as_i64().unwrap();
    let (s, v) = m
        .send(
            "POST",
            &format!("/alerts/{id}/decisions"),
            None,
            Some(&json!({"decision": "true-match", "reason": "listed"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(v["code"], "no_reviewer");
    let (_, a) = m.send("GET", &format!("/alerts/{id}"), None, None).await;
    assert_eq!(a["status"], "open", "nothing was recorded: {a}");
}

#[tokio::test]
async fn a_reload_runs_monitoring_and_a_failed_run_keeps_the_server_up() {
    let m = monitored(None);
    let (s, v) = m.send("POST", "/customers", None, Some(&customers())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, r) = m.send("POST", "/admin/reload", None, None).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["monitor_run"]["trigger"], "reload", "{r}");
    assert_eq!(r["monitor_run"]["mode"], "full", "{r}");
    assert!(r["monitor_run"]["new_alerts"].as_u64().unwrap() >= 3, "{r}");
    let (_, h) = m.send("GET", "/readyz", None, None).await;
    assert_eq!(
        h["monitor"]["last_run"]["run_id"], r["monitor_run"]["run_id"],
        "{h}"
    );
    assert_eq!(h["monitor"]["completed_runs"], 1);

    // Break the store under the server: the next run fails.
    let conn = rusqlite::Connection::open(&m.db).expect("open the store");
    conn.execute_batch("DROP TABLE list_state;")
        .expect("drop a table");
    drop(conn);
    let (s, r) = m.send("POST", "/admin/reload", None, None).await;
    assert_eq!(s, StatusCode::OK, "the reload itself succeeded: {r}");
    assert!(r.get("monitor_run").is_none(), "{r}");
    assert!(
        r["monitor_error"].as_str().unwrap().contains("list_state"),
        "{r}"
    );
    let (s, v) = m.send("POST", "/monitor/run", None, None).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::INTERNAL_SERVER_ERROR, Some("run_failed")),
        "{v}"
    );
    let (s, h) = m.send("GET", "/readyz", None, None).await;
    assert_eq!(
        s,
        StatusCode::OK,
        "a failed run does not make the server unready: {h}"
    );
    assert_eq!(h["monitor"]["failed_runs"], 2, "{h}");
    assert!(
        h["monitor"]["last_error"]["error"]
            .as_str()
            .unwrap()
            .contains("list_state"),
        "{h}"
    );
    assert_eq!(h["monitor"]["running"], false);
    let (_, metrics) = m.send("GET", "/metrics", None, None).await;
    let text = metrics.as_str().unwrap();
    assert!(
        text.contains(r#"cordon_monitor_runs_total{outcome="failed",trigger="reload"} 1"#),
        "{text}"
    );
    assert!(
        text.contains(r#"cordon_monitor_runs_total{outcome="completed",trigger="reload"} 1"#),
        "{text}"
    );
    // Screening and review go on.
    let (s, _) = m.send("GET", "/search?q=Acme", None, None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = m.send("GET", "/alerts", None, None).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn at_start_a_register_not_screened_against_the_snapshot_is_run_once() {
    let m = monitored(None);
    m.state.monitor_at_start().await;
    let (_, h) = m.send("GET", "/readyz", None, None).await;
    assert_eq!(h["monitor"]["last_run"]["trigger"], "start", "{h}");
    assert_eq!(h["monitor"]["completed_runs"], 1);
    // Screened against this snapshot already: no second run.
    m.state.monitor_at_start().await;
    let (_, h) = m.send("GET", "/readyz", None, None).await;
    assert_eq!(h["monitor"]["completed_runs"], 1, "{h}");
}
