//! The server in-process: every route through the real router and
//! middleware, on the invented sample lists in `data/sample/`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cordon_server::audit::AuditCommit;
use cordon_server::{app, hash_key, ApiKeys, AppState, AuditSink, ScreeningEvent, ServerConfig};
use cordon_store::Snapshot;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

mod hardening;
mod monitor;
mod ownership;

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")
}

fn sample() -> Snapshot {
    Snapshot::from_dir(&sample_dir()).expect("the sample lists load")
}

#[derive(Default, Clone)]
struct Recorder(Arc<Mutex<Vec<ScreeningEvent>>>);

impl AuditSink for Recorder {
    fn record(&self, e: ScreeningEvent) -> Result<AuditCommit, String> {
        self.0.lock().map_err(|e| e.to_string())?.push(e);
        Ok(Box::pin(std::future::ready(Ok(()))))
    }
}

fn state_with(config: ServerConfig, keys: Option<ApiKeys>, audit: Option<Recorder>) -> AppState {
    state_with_sink(
        config,
        keys,
        audit.map(|r| Box::new(r) as Box<dyn AuditSink>),
    )
}

fn state_with_sink(
    config: ServerConfig,
    keys: Option<ApiKeys>,
    audit: Option<Box<dyn AuditSink>>,
) -> AppState {
    AppState::new(
        sample(),
        Some(Box::new(|| {
            Snapshot::from_dir(&sample_dir()).map_err(|e| e.to_string())
        })),
        config,
        keys,
        audit,
    )
    .expect("metrics register")
}

fn state() -> AppState {
    state_with(ServerConfig::default(), None, None)
}

async fn call(state: &AppState, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app(state.clone())
        .oneshot(req)
        .await
        .expect("router answers");
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    let v = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, v)
}

fn post(uri: &str, body: &Value) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn acme_query() -> Value {
    json!({"queries": {
        "q1": {"schema": "Company", "properties": {"name": ["Acme Example Trading LLC"], "country": ["ae"]}},
        "q2": {"schema": "Person", "properties": {"firstName": ["Emma"], "lastName": ["Nobody"]}},
    }})
}

#[tokio::test]
async fn yente_match_finds_the_listed_company_and_clears_the_stranger() {
    let st = state();
    let (status, v) = call(
        &st,
        post("/match/default?algorithm=logic-v2", &acme_query()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["limit"], 5);
    let q1 = &v["responses"]["q1"];
    assert_eq!(q1["status"], 200);
    assert_eq!(q1["query"]["schema"], "Company");
    let top = &q1["results"][0];
    assert_eq!(top["id"], "ofac-sdn:90001");
    assert_eq!(top["schema"], "Organization");
    assert_eq!(top["match"], true);
    assert_eq!(top["datasets"], json!(["us_ofac_sdn"]));
    assert!(top["score"].as_f64().unwrap() >= 0.9);
    assert!(top["properties"]["alias"]
        .as_array()
        .unwrap()
        .contains(&json!("ACME EXAMPLE TRADING")));
    assert!(
        top["explanations"]["name"]["score"].as_f64().unwrap() > 0.8,
        "{}",
        top["explanations"]
    );
    assert_eq!(
        q1["total"]["value"],
        q1["results"].as_array().unwrap().len()
    );
    let q2 = &v["responses"]["q2"];
    assert_eq!(q2["status"], 200);
    assert!(q2["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["match"] == false));
}

#[tokio::test]
async fn yente_parameters_and_datasets_are_honoured() {
    let st = state();
    let (status, v) = call(
        &st,
        post("/match/ofac-sdn?limit=1&threshold=0.99", &acme_query()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["limit"], 1);
    assert!(v["responses"]["q1"]["results"].as_array().unwrap().len() <= 1);
    let (status, v) = call(
        &st,
        post(
            "/match/default?exclude_entity_ids=ofac-sdn:90001",
            &acme_query(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["responses"]["q1"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["id"] != "ofac-sdn:90001"));
    let (status, v) = call(&st, post("/match/no-such-list", &acme_query())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["code"], "unknown_dataset");
    let (status, v) = call(&st, post("/match/default?algorithm=magic", &acme_query())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["code"], "invalid_request");
    // A query without a name or identifier refuses the whole request, as
    // in yente: a client reading only `results` must not see a clear.
    let body = json!({"queries": {
        "bad": {"schema": "Person", "properties": {"birthDate": ["1978"]}},
        "ok": {"schema": "Company", "properties": {"name": "Acme Example Trading"}},
    }});
    let (status, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    let detail = v["detail"].as_str().unwrap();
    assert!(
        detail.contains("\"bad\"") && detail.contains("identifier"),
        "{detail}"
    );
}

#[tokio::test]
async fn match_refuses_invalid_evidence_naming_the_property() {
    let recorder = Recorder::default();
    let st = state_with(ServerConfig::default(), None, Some(recorder.clone()));
    for (props, field) in [
        (
            json!({"name": "Johnny Sampleman", "birthDate": "2999-01-01"}),
            "birthDate",
        ),
        (
            json!({"name": "Johnny Sampleman", "birthDate": "someday"}),
            "birthDate",
        ),
        (
            json!({"name": "Johnny Sampleman", "nationality": ["Narnia"]}),
            "nationality",
        ),
        (json!({"name": "x".repeat(2000)}), "properties.name"),
    ] {
        let body = json!({"queries": {
            "ok": {"schema": "Person", "properties": {"name": "Johnny Sampleman"}},
            "odd": {"schema": "Person", "properties": props},
        }});
        let (status, v) = call(&st, post("/match/default", &body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{props}: {v}");
        assert_eq!(v["code"], "invalid_request");
        let detail = v["detail"].as_str().unwrap();
        assert!(
            detail.contains("\"odd\"") && detail.contains(field),
            "{detail}"
        );
    }
    assert!(recorder.0.lock().unwrap().is_empty(), "nothing screened");
    let (status, v) = call(&st, get(&format!("/search/default?q={}", "x".repeat(2000)))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["detail"].as_str().unwrap().starts_with("q: "), "{v}");
}

#[tokio::test]
async fn bad_requests_get_stable_error_codes() {
    let config = ServerConfig {
        max_batch: 2,
        max_body_bytes: 4096,
        ..ServerConfig::default()
    };
    let st = state_with(config, None, None);
    let req = Request::post("/match/default")
        .header("content-type", "application/json")
        .body(Body::from("{\"queries\": {"))
        .unwrap();
    let (status, v) = call(&st, req).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["code"], "invalid_request");
    assert!(v["detail"].as_str().unwrap().contains("line 1"), "{v}");

    let three = json!({"queries": {
        "a": {"schema": "Person", "properties": {"name": "A"}},
        "b": {"schema": "Person", "properties": {"name": "B"}},
        "c": {"schema": "Person", "properties": {"name": "C"}},
    }});
    let (status, v) = call(&st, post("/match/default", &three)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["code"], "too_many_queries");

    let big = json!({"name": "x".repeat(10_000)});
    let (status, v) = call(&st, post("/screen", &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(v["code"], "payload_too_large");

    let (status, v) = call(
        &st,
        post("/screen", &json!({"name": "Acme", "dob": "someday"})),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(v["detail"].as_str().unwrap().contains("dob"), "{v}");

    let (status, v) = call(&st, get("/nowhere")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["code"], "not_found");
}

#[tokio::test]
async fn native_routes_answer_in_the_cli_shapes() {
    let st = state();
    let (status, v) = call(
        &st,
        post(
            "/screen",
            &json!({"name": "Johnny Sampleman", "dob": "1978-01-28", "kind": "person"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["matches"][0]["entity_id"], "ofac-sdn:90003");
    assert_eq!(v["matches"][0]["match"], true);
    assert!(
        v["matches"][0]["explanation"]["alignments"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
    assert_eq!(v["snapshot"], st.snapshot().version());

    let (status, v) = call(&st, get("/search?q=Fictional%20Holdings&limit=3")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["matches"][0]["entity_id"], "ofac-sdn:90002");

    let (status, v) = call(&st, get("/entities/ofac-sdn:90002")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["entity"]["names"][0]["name"], "FICTIONAL HOLDINGS GROUP");
    assert!(v["entity"]["programs"]
        .as_array()
        .unwrap()
        .contains(&json!("NPWMD")));
    assert_eq!(v["source"]["list"], "ofac-sdn");
    let (status, _) = call(&st, get("/entities/ofac-sdn:1")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, v) = call(
        &st,
        post(
            "/compare",
            &json!({"a": {"name": "Johnny Sampleman"}, "b": {"name": "SAMPLEMAN, Johnny"}}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["match"], true);

    let (status, v) = call(&st, get("/lists")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["lists"][0]["list"], "ofac-sdn");
    assert_eq!(v["entities"], st.snapshot().index().len());
}

#[tokio::test]
async fn keys_are_required_when_configured() {
    let keys = ApiKeys::parse(
        &format!("payments {}", hash_key("k-payments-0123456789")),
        "test",
    )
    .unwrap();
    let recorder = Recorder::default();
    let st = state_with(ServerConfig::default(), Some(keys), Some(recorder.clone()));
    let (status, v) = call(&st, post("/match/default", &acme_query())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(v["code"], "unauthorized");
    let wrong = Request::post("/match/default")
        .header("content-type", "application/json")
        .header("authorization", "ApiKey not-the-key")
        .body(Body::from(acme_query().to_string()))
        .unwrap();
    assert_eq!(call(&st, wrong).await.0, StatusCode::UNAUTHORIZED);
    assert!(
        recorder.0.lock().unwrap().is_empty(),
        "refused requests are not screened"
    );

    let ok = Request::post("/match/default")
        .header("content-type", "application/json")
        .header("authorization", "ApiKey k-payments-0123456789")
        .body(Body::from(acme_query().to_string()))
        .unwrap();
    let (status, _) = call(&st, ok).await;
    assert_eq!(status, StatusCode::OK);
    let events = recorder.0.lock().unwrap().clone();
    assert_eq!(events.len(), 2, "one audit event per query");
    assert!(events.iter().all(|e| e.caller == "payments"));
    assert!(events.iter().all(|e| e.snapshot == st.snapshot().version()));
    let q1 = events.iter().find(|e| e.query["key"] == "q1").unwrap();
    assert_eq!(q1.matched, Some(true));
    assert_eq!(q1.results[0].entity_id, "ofac-sdn:90001");

    // Health and the page stay public.
    assert_eq!(call(&st, get("/healthz")).await.0, StatusCode::OK);
    assert_eq!(call(&st, get("/readyz")).await.0, StatusCode::OK);
    assert_eq!(call(&st, get("/openapi.json")).await.0, StatusCode::OK);
    let x = Request::get("/lists")
        .header("x-api-key", "k-payments-0123456789")
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&st, x).await.0, StatusCode::OK);
}

#[tokio::test]
async fn metrics_count_requests_by_route() {
    let st = state();
    call(&st, post("/match/default", &acme_query())).await;
    call(&st, get("/search?q=Acme")).await;
    let resp = app(st.clone()).oneshot(get("/metrics")).await.unwrap();
    let text = String::from_utf8(
        axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(
        text.contains(r#"cordon_http_requests_total{route="/match/{dataset}",status="200"} 1"#),
        "{text}"
    );
    assert!(text.contains(r#"cordon_queries_total{decision="match",route="/match/{dataset}"} 1"#));
    assert!(text.contains("cordon_http_request_duration_seconds_bucket"));
    assert!(text.contains(&format!(
        r#"cordon_snapshot_info{{version="{}"}} 1"#,
        st.snapshot().version()
    )));
    assert!(text.contains(r#"cordon_entities{kind="person",list="ofac-sdn"}"#));
}

#[tokio::test]
async fn reload_swaps_the_snapshot_and_a_failed_one_keeps_it() {
    // A reload that returns a different snapshot on the first call and
    // fails on the second.
    let calls = Arc::new(Mutex::new(0));
    let c = calls.clone();
    let dir = tempfile_dir("reload");
    let st = AppState::new(
        sample(),
        Some(Box::new(move || {
            let mut n = c.lock().map_err(|e| e.to_string())?;
            *n += 1;
            if *n == 1 {
                Snapshot::from_dir(&dir).map_err(|e| e.to_string())
            } else {
                Err("list file truncated".to_string())
            }
        })),
        ServerConfig::default(),
        None,
        None,
    )
    .unwrap()
    // 25 entities down to 1: allowed here, refused by default (below).
    .with_reload_max_drop(1.0);
    let before = st.snapshot().version().to_string();
    let (status, v) = call(&st, post("/admin/reload", &json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["changed"], true);
    assert_eq!(v["previous"], before);
    let after = st.snapshot().version().to_string();
    assert_ne!(after, before);
    assert_eq!(st.snapshot().index().len(), 1);

    let (status, v) = call(&st, post("/admin/reload", &json!({}))).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(v["code"], "reload_failed");
    assert!(v["detail"].as_str().unwrap().contains("truncated"));
    assert_eq!(
        st.snapshot().version(),
        after,
        "the failed reload kept the snapshot"
    );
    let (status, v) = call(&st, get("/search?q=Acme%20Example%20Trading")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["snapshot"], after);
}

/// A reload that takes longer than the request timeout still answers with
/// its outcome: a 503 would tell the caller it failed while it goes on and
/// succeeds (the soak test saw this under load).
#[tokio::test]
async fn a_reload_is_not_cut_off_by_the_request_timeout() {
    let st = AppState::new(
        sample(),
        Some(Box::new(|| {
            std::thread::sleep(std::time::Duration::from_millis(300));
            Ok(sample())
        })),
        ServerConfig {
            timeout: std::time::Duration::from_millis(50),
            ..ServerConfig::default()
        },
        None,
        None,
    )
    .unwrap();
    let (status, v) = call(&st, post("/admin/reload", &json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["changed"], false, "{v}");
    // Screening routes stay held to the timeout: only the reload and a
    // monitoring run (which loads or screens everything) are not.
    let untimed: Vec<&str> = cordon_server::routes()
        .iter()
        .filter(|r| !r.timed)
        .map(|r| r.path.as_str())
        .collect();
    assert_eq!(untimed, ["/admin/reload", "/monitor/run"]);
}

/// By default a reload that loses most of a list is refused like `cordon
/// update` refuses it: the snapshot stays and the reload counts as failed.
#[tokio::test]
async fn a_reload_that_collapses_a_list_is_refused() {
    let dir = tempfile_dir("collapse");
    let st = AppState::new(
        sample(),
        Some(Box::new(move || {
            Snapshot::from_dir(&dir).map_err(|e| e.to_string())
        })),
        ServerConfig::default(),
        None,
        None,
    )
    .unwrap();
    let before = st.snapshot().version().to_string();
    let (status, v) = call(&st, post("/admin/reload", &json!({}))).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{v}");
    assert_eq!(v["code"], "reload_failed");
    let detail = v["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("list ofac-sdn fell from 25 to 1 entities"),
        "{detail}"
    );
    assert_eq!(st.snapshot().version(), before);
    let (_, m) = call(&st, get("/metrics")).await;
    assert!(
        m.as_str()
            .unwrap_or_default()
            .contains(r#"cordon_reloads_total{outcome="failed"} 1"#),
        "{m}"
    );
}

/// A list folder with one entity: the sample's first SDN line.
fn tempfile_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cordon-server-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sdn = std::fs::read_to_string(sample_dir().join("sdn.csv")).unwrap();
    // One whole row: with its line end, as OFAC ends every row.
    std::fs::write(
        dir.join("sdn.csv"),
        format!("{}\r\n", sdn.lines().next().unwrap()),
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn the_web_page_and_its_assets_are_served() {
    let st = state();
    let (status, v) = call(&st, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        v.as_str().unwrap().contains("<form"),
        "the page has the search form"
    );
    assert_eq!(call(&st, get("/assets/app.js")).await.0, StatusCode::OK);
    assert_eq!(
        call(&st, get("/assets/nope.js")).await.0,
        StatusCode::NOT_FOUND
    );
}

#[test]
fn openapi_document_is_stable() {
    let doc = serde_json::to_value(cordon_server::openapi::document()).unwrap();
    for path in [
        "/match/{dataset}",
        "/screen",
        "/search",
        "/compare",
        "/entities/{id}",
        "/lists",
        "/metrics",
        "/admin/reload",
        "/shipments/screen",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is documented");
    }
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn shipments_are_screened_and_audited() {
    let recorder = Recorder::default();
    let st = state_with(ServerConfig::default(), None, Some(recorder.clone()));
    let chips = json!({
        "reference": "PO-1",
        "parties": [
            {"role": "exporter", "name": "Nordic Components AB", "country": "SE"},
            {"role": "freight_forwarder", "name": "Steppe Logistics LLP", "country": "KZ"},
            {"role": "end_user", "name": "Fictional Holdings Group", "country": "RU"}
        ],
        "items": [{"hs_code": "8542.31.0000", "description": "microcontrollers", "quantity": 500, "value": 12000.0}],
        "route": {"origin": "SE", "transit": ["KZ"], "destination": "RU"}
    });
    let (status, v) = call(&st, post("/shipments/screen", &chips)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "flagged");
    let kinds: Vec<&str> = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["kind"].as_str())
        .collect();
    for k in ["party", "goods", "route"] {
        assert!(kinds.contains(&k), "a {k} reason in {v}");
    }

    let coffee = json!({
        "parties": [
            {"role": "exporter", "name": "Kaffeehaus Berlin GmbH", "country": "DE"},
            {"role": "consignee", "name": "Cafe de Lyon SARL", "country": "FR"}
        ],
        "items": [{"hs_code": "0901.21", "description": "roasted coffee"}],
        "route": {"origin": "DE", "destination": "FR"}
    });
    let (status, v) = call(&st, post("/shipments/screen", &coffee)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"], "clear", "{v}");

    let (status, v) = call(
        &st,
        post(
            "/shipments/screen",
            &json!({"items": [{"hs_code": "9999.99"}]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["detail"].as_str().unwrap().contains("9999"), "{v}");

    let events = recorder.0.lock().unwrap().clone();
    assert_eq!(events.len(), 2, "one audit record per screened shipment");
    assert!(events.iter().all(|e| e.source == "shipment"));
    assert_eq!(events[0].matched, Some(true));
    assert_eq!(events[1].matched, Some(false));
    assert_eq!(events[0].query["shipment"]["reference"], "PO-1");
}

/// Resolves one pending audit commit of [`Gate`].
type Release = tokio::sync::oneshot::Sender<Result<(), String>>;

/// An audit sink whose commits resolve only when the test says so.
#[derive(Default, Clone)]
struct Gate(Arc<Mutex<Vec<Release>>>);

impl AuditSink for Gate {
    fn record(&self, _: ScreeningEvent) -> Result<AuditCommit, String> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.0.lock().map_err(|e| e.to_string())?.push(tx);
        Ok(Box::pin(async move {
            rx.await
                .unwrap_or_else(|_| Err("the commit was dropped".into()))
        }))
    }
}

impl Gate {
    /// Resolves every commit so far with `r`; returns how many.
    fn release(&self, r: Result<(), String>) -> usize {
        let pending: Vec<_> = self.0.lock().unwrap().drain(..).collect();
        let n = pending.len();
        for tx in pending {
            let _ = tx.send(r.clone());
        }
        n
    }

    /// Waits until `n` commits are pending.
    async fn wait_for(&self, n: usize) {
        for _ in 0..500 {
            if self.0.lock().unwrap().len() >= n {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("no audit record queued");
    }
}

/// Every screening route answers only once its audit records are
/// committed; a failed commit is 503 `audit_unavailable`, never an
/// unaudited answer.
#[tokio::test]
async fn answers_wait_for_their_audit_commit() {
    let gate = Gate::default();
    let st = state_with_sink(ServerConfig::default(), None, Some(Box::new(gate.clone())));
    let shipment = json!({"reference": "PO-9", "parties": [{"role": "consignee", "name": "Acme Example Trading Co"}]});
    let routes: Vec<(&str, Request<Body>, usize)> = vec![
        ("/match", post("/match/default", &acme_query()), 2),
        (
            "/screen",
            post("/screen", &json!({"name": "Acme Example Trading Co"})),
            1,
        ),
        ("/search", get("/search?q=Acme%20Example"), 1),
        ("/shipments/screen", post("/shipments/screen", &shipment), 1),
    ];
    for (route, req, records) in routes {
        // Committed: 200.
        let st2 = st.clone();
        let answer = tokio::spawn(async move { call(&st2, req).await });
        gate.wait_for(records).await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert!(!answer.is_finished(), "{route} answered before the commit");
        assert_eq!(gate.release(Ok(())), records, "{route}");
        let (status, v) = answer.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{route}: {v}");
    }
    // Not committed: 503 with a stable code.
    let st2 = st.clone();
    let answer = tokio::spawn(async move {
        call(
            &st2,
            post("/screen", &json!({"name": "Acme Example Trading Co"})),
        )
        .await
    });
    gate.wait_for(1).await;
    gate.release(Err("disk I/O error".into()));
    let (status, v) = answer.await.unwrap();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["code"], "audit_unavailable");
    assert!(
        !v["detail"].as_str().unwrap().contains("disk"),
        "internals stay in the log: {v}"
    );
    let (_, metrics) = call(&st, get("/metrics")).await;
    assert!(
        metrics
            .as_str()
            .unwrap()
            .contains("cordon_audit_errors_total 1"),
        "{metrics}"
    );
}

/// A sink that refuses every record (its writer died).
struct Dead;

impl AuditSink for Dead {
    fn record(&self, _: ScreeningEvent) -> Result<AuditCommit, String> {
        Err("audit writer failed: disk full".into())
    }
}

#[tokio::test]
async fn a_dead_audit_trail_gives_503_not_an_unaudited_answer() {
    let st = state_with_sink(ServerConfig::default(), None, Some(Box::new(Dead)));
    for req in [
        post("/match/default", &acme_query()),
        post("/screen", &json!({"name": "John Smith"})),
    ] {
        let (status, v) = call(&st, req).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
        assert_eq!(v["code"], "audit_unavailable");
    }
    // Routes that screen nothing are unaffected.
    let (status, _) = call(&st, get("/lists")).await;
    assert_eq!(status, StatusCode::OK);
}

// ---- yente compatibility: every name, identifiers, datasets, ids, and the
// ---- /search, /entities, /catalog and /algorithms routes.

/// `n` distinct stranger names.
fn stranger_names(n: usize) -> Vec<String> {
    const WORDS: &[&str] = &[
        "Quill",
        "Marrow",
        "Juniper",
        "Bellweather",
        "Tansy",
        "Orrin",
        "Corvid",
        "Lattice",
    ];
    (0..n)
        .map(|i| {
            format!(
                "{} {} {i}",
                WORDS[i % WORDS.len()],
                WORDS[(i / 8) % WORDS.len()]
            )
        })
        .collect()
}

#[tokio::test]
async fn match_screens_every_name_of_a_query() {
    let st = state();
    // The listed name comes ninth: the old `.take(8)` never screened it.
    let mut names = stranger_names(8);
    names.push("Acme Example Trading LLC".into());
    let body = json!({"queries": {"q": {"schema": "Company", "properties": {"name": names}}}});
    let (status, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let top = &v["responses"]["q"]["results"][0];
    assert_eq!(top["id"], "ofac-sdn:90001", "{v}");
    assert_eq!(top["match"], true);
    // Aliases count as names too.
    let body = json!({"queries": {"q": {"schema": "Company", "properties": {
        "name": stranger_names(1), "alias": ["Fictional Holdings Group"],
    }}}});
    let (_, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(
        v["responses"]["q"]["results"][0]["id"], "ofac-sdn:90002",
        "{v}"
    );
}

#[tokio::test]
async fn match_refuses_a_query_with_too_many_names() {
    let recorder = Recorder::default();
    let st = state_with(ServerConfig::default(), None, Some(recorder.clone()));
    let limit = cordon_server::routes::yente::MAX_NAMES_PER_QUERY;
    // Exactly the limit is screened...
    let mut names = stranger_names(limit - 1);
    names.push("Acme Example Trading LLC".into());
    let body = json!({"queries": {"q": {"schema": "Company", "properties": {"name": names}}}});
    let (status, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["responses"]["q"]["results"][0]["id"], "ofac-sdn:90001");
    let screened = recorder.0.lock().unwrap().len();
    // ...one more refuses the whole request, naming the query and the limit,
    // and screens nothing.
    names.push("One Name Too Many".into());
    let body = json!({"queries": {
        "fine": {"schema": "Company", "properties": {"name": "Acme Example Trading"}},
        "crowded": {"schema": "Company", "properties": {"alias": names}},
    }});
    let (status, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["code"], "invalid_request");
    let detail = v["detail"].as_str().unwrap();
    assert!(detail.contains("\"crowded\""), "{detail}");
    assert!(detail.contains(&format!("{}", limit + 1)), "{detail}");
    assert!(detail.contains(&format!("limit is {limit}")), "{detail}");
    assert_eq!(
        recorder.0.lock().unwrap().len(),
        screened,
        "nothing screened"
    );
    // Names equal but for case count once.
    let same: Vec<String> = (0..limit + 5)
        .map(|i| {
            if i % 2 == 0 {
                "ACME Example Trading".into()
            } else {
                "acme example trading".into()
            }
        })
        .collect();
    let body = json!({"queries": {"q": {"schema": "Company", "properties": {"name": same}}}});
    let (status, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
}

#[tokio::test]
async fn match_by_identifier_alone() {
    let st = state();
    // EXAMPLE STAR: "MMSI 422000001" (its sample IMO number has a wrong
    // check digit; the real-data test below queries by IMO).
    let body = json!({"queries": {
        "ship": {"schema": "Vessel", "properties": {"mmsi": ["422000001"]}},
        "bank": {"schema": "Company", "properties": {"swiftBic": "DEMOXX22"}},
    }});
    let (status, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let ship = &v["responses"]["ship"];
    assert_eq!(ship["status"], 200, "{v}");
    assert_eq!(ship["results"][0]["id"], "ofac-sdn:90009", "{v}");
    assert_eq!(ship["results"][0]["match"], true, "{v}");
    let bank = &v["responses"]["bank"];
    assert_eq!(bank["results"][0]["id"], "ofac-sdn:90015", "{v}");
    // Neither a name nor an identifier: refused, naming both.
    let body =
        json!({"queries": {"nothing": {"schema": "Vessel", "properties": {"flag": ["ir"]}}}});
    let (status, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    let detail = v["detail"].as_str().unwrap();
    assert!(
        detail.contains("name") && detail.contains("identifier"),
        "{detail}"
    );
}

/// The native `/screen` takes identifiers without a name, as `/match` and
/// `cordon screen --id` do; nothing at all is still refused.
#[tokio::test]
async fn screen_by_identifier_alone() {
    let st = state();
    let body = json!({"kind": "vessel", "identifiers": ["mmsi:422000001"]});
    let (status, v) = call(&st, post("/screen", &body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["matches"][0]["entity_id"], "ofac-sdn:90009", "{v}");
    assert_eq!(v["matches"][0]["match"], true, "{v}");
    let (status, v) = call(&st, post("/screen", &json!({"kind": "vessel"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
}

#[tokio::test]
async fn match_lady_r_by_imo_number_on_the_2024_sdn() {
    let Some(root) = std::env::var_os("CORDON_DATA") else {
        eprintln!("skipping: CORDON_DATA not set");
        return;
    };
    let dir = PathBuf::from(root).join("lists/ofac_sdn/2024-05-03");
    let snapshot = Snapshot::from_dir(&dir).expect("the 2024 SDN list loads");
    let st = AppState::new(snapshot, None, ServerConfig::default(), None, None).unwrap();
    let body =
        json!({"queries": {"v": {"schema": "Vessel", "properties": {"imoNumber": ["9161003"]}}}});
    let (status, v) = call(&st, post("/match/us_ofac_sdn", &body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let top = &v["responses"]["v"]["results"][0];
    assert_eq!(top["caption"], "LADY R", "{v}");
    assert_eq!(top["match"], true, "{v}");
    assert_eq!(top["schema"], "Vessel");
}

#[tokio::test]
async fn yente_dataset_names_and_referents() {
    let st = state();
    let (status, v) = call(&st, post("/match/us_ofac_sdn", &acme_query())).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let top = &v["responses"]["q1"]["results"][0];
    assert_eq!(top["id"], "ofac-sdn:90001");
    assert_eq!(top["datasets"], json!(["us_ofac_sdn"]));
    assert_eq!(top["referents"], json!(["ofac-90001"]));
    for ds in ["sanctions", "default", "ofac-sdn"] {
        let (status, _) = call(&st, post(&format!("/match/{ds}"), &acme_query())).await;
        assert_eq!(status, StatusCode::OK, "{ds}");
    }
    // A yente name of a list this server has not loaded says so.
    let (status, v) = call(&st, post("/match/un_sc_sanctions", &acme_query())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(v["detail"].as_str().unwrap().contains("un-sc"), "{v}");
    let (status, v) = call(&st, post("/match/us_nowhere", &acme_query())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["code"], "unknown_dataset");
    // include/exclude take yente names; a typo is refused, not an empty answer.
    let (status, v) = call(
        &st,
        post("/match/default?include_dataset=us_ofac_sdn", &acme_query()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["responses"]["q1"]["results"][0]["id"], "ofac-sdn:90001");
    let (_, v) = call(
        &st,
        post("/match/default?exclude_dataset=us_ofac_sdn", &acme_query()),
    )
    .await;
    assert_eq!(v["responses"]["q1"]["results"], json!([]), "{v}");
    let (status, v) = call(
        &st,
        post("/match/default?include_dataset=us_ofac_sdm", &acme_query()),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["detail"].as_str().unwrap().contains("include_dataset"),
        "{v}"
    );
    // exclude_entity_ids takes the OpenSanctions id too.
    let (_, v) = call(
        &st,
        post(
            "/match/default?exclude_entity_ids=ofac-90001",
            &acme_query(),
        ),
    )
    .await;
    assert!(
        v["responses"]["q1"]["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != "ofac-sdn:90001"),
        "{v}"
    );
    // cordon's own algorithm name is accepted.
    let (status, _) = call(&st, post("/match/default?algorithm=cordon", &acme_query())).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn entities_answer_in_yente_shape_and_take_opensanctions_ids() {
    let st = state();
    let (status, v) = call(&st, get("/entities/ofac-sdn:90002")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["id"], "ofac-sdn:90002");
    assert_eq!(v["caption"], "FICTIONAL HOLDINGS GROUP");
    assert_eq!(v["schema"], "Organization");
    assert_eq!(v["datasets"], json!(["us_ofac_sdn"]));
    assert_eq!(v["referents"], json!(["ofac-90002"]));
    assert_eq!(v["target"], true);
    assert_eq!(v["properties"]["swiftBic"], json!(["FICTRUMM"]));
    // cordon's own view stays beside it (the web page reads it).
    assert_eq!(v["entity"]["names"][0]["name"], "FICTIONAL HOLDINGS GROUP");
    assert_eq!(v["source"]["list"], "ofac-sdn");
    // An OpenSanctions id redirects to the cordon id, as yente does for a
    // merged id.
    let resp = app(st.clone())
        .oneshot(get("/entities/ofac-90002"))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(resp.headers()["location"], "/entities/ofac-sdn:90002");
    let (status, v) = call(&st, get("/entities/ofac-1")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{v}");
}

#[tokio::test]
async fn an_opensanctions_entity_keeps_its_original_id() {
    let dir = tempfile::tempdir().unwrap();
    let line = json!({"id": "NK-test1", "schema": "Person", "caption": "Ivana Examplova",
        "properties": {"name": ["Ivana Examplova"], "birthDate": ["1971-02-03"]},
        "datasets": ["us_ofac_sdn"]});
    std::fs::write(dir.path().join("entities.ftm.json"), format!("{line}\n")).unwrap();
    let snapshot = Snapshot::from_dir(dir.path()).expect("the FtM file loads");
    let st = AppState::new(snapshot, None, ServerConfig::default(), None, None).unwrap();
    let body =
        json!({"queries": {"p": {"schema": "Person", "properties": {"name": "Ivana Examplova"}}}});
    let (status, v) = call(
        &st,
        post("/match/default?exclude_entity_ids=NK-other", &body),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let top = &v["responses"]["p"]["results"][0];
    let id = top["id"].as_str().unwrap().to_string();
    assert!(id.ends_with(":NK-test1"), "{v}");
    assert_eq!(top["referents"], json!(["NK-test1"]));
    let resp = app(st.clone())
        .oneshot(get("/entities/NK-test1"))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        resp.headers()["location"],
        format!("/entities/{id}").as_str()
    );
    let (_, v) = call(
        &st,
        post("/match/default?exclude_entity_ids=NK-test1", &body),
    )
    .await;
    assert_eq!(v["responses"]["p"]["results"], json!([]), "{v}");
}

#[tokio::test]
async fn yente_search_screens_text_and_filters() {
    let recorder = Recorder::default();
    let st = state_with(ServerConfig::default(), None, Some(recorder.clone()));
    let (status, v) = call(&st, get("/search/default?q=Fictional%20Holdings")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["results"][0]["id"], "ofac-sdn:90002", "{v}");
    assert_eq!(v["limit"], 10);
    assert_eq!(v["offset"], 0);
    assert!(v["total"]["value"].as_u64().unwrap() >= 1);
    assert_eq!(
        v["facets"]["datasets"]["values"][0]["name"], "us_ofac_sdn",
        "{v}"
    );
    assert_eq!(v["facets"]["topics"]["values"][0]["name"], "sanction");
    assert!(v["facets"].get("countries").is_some());
    // A screening, so it is audited.
    let events = recorder.0.lock().unwrap().clone();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].results[0].entity_id, "ofac-sdn:90002");

    // An empty q lists every entity in scope, with exact totals and paging.
    let snapshot = st.snapshot();
    let all = snapshot.index().entities();
    let vessels = all
        .iter()
        .filter(|e| e.kind == cordon_engine::EntityKind::Vessel)
        .count();
    assert!(vessels >= 2);
    let (status, v) = call(&st, get("/search/us_ofac_sdn?schema=Vessel")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["total"], json!({"value": vessels, "relation": "eq"}));
    assert!(v["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["schema"] == "Vessel"));
    let (_, v) = call(&st, get("/search/default?limit=5&offset=15")).await;
    assert_eq!(v["total"]["value"], all.len());
    assert_eq!(
        v["results"].as_array().unwrap().len(),
        5.min(all.len() - 15)
    );
    assert_eq!(v["results"][0]["id"], all[15].id.as_str());
    let mexican: Vec<&str> = all
        .iter()
        .filter(|e| {
            e.countries.iter().any(|c| {
                c.code
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case("mx"))
            })
        })
        .map(|e| e.id.as_str())
        .collect();
    assert!(mexican.contains(&"ofac-sdn:90005"), "{mexican:?}");
    let (_, v) = call(
        &st,
        get("/search/default?countries=mx&facets=schema&facets=genders"),
    )
    .await;
    assert_eq!(v["total"]["value"], mexican.len(), "{v}");
    assert_eq!(v["results"][0]["id"], mexican[0]);
    assert_eq!(v["facets"]["genders"]["values"][0]["name"], "male");
    assert!(v["facets"].get("countries").is_none());
    let (_, v) = call(
        &st,
        get("/search/default?countries=mx&countries=ru&filter_op=AND"),
    )
    .await;
    assert_eq!(v["total"]["value"], 0, "{v}");
    let (_, v) = call(&st, get("/search/default?topics=role.pep")).await;
    assert_eq!(v["total"]["value"], 0, "{v}");
    let (_, v) = call(
        &st,
        get("/search/default?schema=LegalEntity&exclude_schema=Person"),
    )
    .await;
    assert!(
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["schema"] == "Organization"),
        "{v}"
    );

    // What cordon cannot honour is refused, not ignored.
    for bad in [
        "/search/default?q=x&filter=properties.birthDate:1985",
        "/search/default?q=x&sort=caption:asc",
        "/search/default?q=x&schema=Address",
        "/search/default?q=x&limit=0",
        "/search/default?q=x&offset=100000",
        "/search/default?q=x&include_dataset=nope",
    ] {
        let (status, v) = call(&st, get(bad)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {v}");
    }
    let (status, _) = call(&st, get("/search/nowhere?q=x")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn yente_catalog_and_algorithms() {
    let st = state();
    let (status, v) = call(&st, get("/catalog")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let ds = v["datasets"].as_array().unwrap();
    let by_name = |n: &str| {
        ds.iter()
            .find(|d| d["name"] == n)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let sdn = by_name("us_ofac_sdn");
    let snapshot = st.snapshot();
    let list = &snapshot.lists()[0];
    assert_eq!(sdn["entity_count"], list.entities);
    assert_eq!(sdn["version"], list.version.as_str());
    assert_eq!(sdn["cordon_list"], "ofac-sdn");
    assert_eq!(sdn["load"], true);
    assert!(sdn["title"].as_str().unwrap().contains("OFAC"));
    for c in ["default", "sanctions"] {
        assert_eq!(by_name(c)["children"], json!(["us_ofac_sdn"]), "{c}");
        assert_eq!(by_name(c)["version"], st.snapshot().version());
    }
    assert_eq!(v["current"], json!(["us_ofac_sdn"]));
    assert_eq!(v["index_stale"], false);

    let (status, v) = call(&st, get("/algorithms")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let names: Vec<&str> = v["algorithms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"cordon") && names.contains(&"logic-v2"),
        "{names:?}"
    );
    assert_eq!(v["best"], "cordon");
    // Every listed algorithm is accepted by /match.
    for n in names {
        let (status, _) = call(
            &st,
            post(&format!("/match/default?algorithm={n}"), &acme_query()),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{n}");
    }
    // The features documented are the explanation keys /match returns.
    let features = v["algorithms"][0]["docs"]["features"].as_object().unwrap();
    let (_, m) = call(&st, post("/match/default", &acme_query())).await;
    for key in m["responses"]["q1"]["results"][0]["explanations"]
        .as_object()
        .unwrap()
        .keys()
    {
        assert!(features.contains_key(key), "{key} is documented");
    }
}

/// Every yente-shaped response passes yente's own pydantic models, when
/// `CORDON_YENTE_PYTHON` names a Python with the `yente` package.
#[tokio::test]
async fn yente_shapes_pass_yentes_models() {
    let st = state();
    let vessel =
        json!({"queries": {"v": {"schema": "Vessel", "properties": {"mmsi": "422000001"}}}});
    validate_with_yente(
        &st,
        vec![
            ("match", post("/match/us_ofac_sdn", &acme_query())),
            ("match", post("/match/default", &vessel)),
            ("search", get("/search/default?q=Johnny%20Sampleman&facets=countries&facets=identifiers&facets=genders&facets=schema")),
            ("search", get("/search/default")),
            ("entity", get("/entities/ofac-sdn:90003")),
            ("entity", get("/entities/ofac-sdn:90009")),
            ("catalog", get("/catalog")),
            ("algorithms", get("/algorithms")),
        ],
    )
    .await;
}

/// Sends each request and checks its answer against yente's own response
/// model (`tests/yente/validate.py`, MODEL = `match`, `search`, `entity`,
/// `catalog` or `algorithms`). Skipped without `CORDON_YENTE_PYTHON`.
async fn validate_with_yente(st: &AppState, requests: Vec<(&str, Request<Body>)>) {
    let Some(python) = std::env::var_os("CORDON_YENTE_PYTHON") else {
        eprintln!("skipping yente model validation: CORDON_YENTE_PYTHON not set (.ci/run sets it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut args = Vec::new();
    for (i, (model, req)) in requests.into_iter().enumerate() {
        let (status, v) = call(st, req).await;
        assert_eq!(status, StatusCode::OK, "{model}: {v}");
        let path = dir.path().join(format!("{i}-{model}.json"));
        std::fs::write(&path, v.to_string()).unwrap();
        args.push(format!("{model}={}", path.display()));
    }
    let out = std::process::Command::new(python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/yente/validate.py"))
        .args(&args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "responses do not pass yente's models:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
