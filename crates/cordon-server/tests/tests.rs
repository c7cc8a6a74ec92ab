//! The server in-process: every route through the real router and
//! middleware, on the invented sample lists in `data/sample/`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cordon_server::{app, hash_key, ApiKeys, AppState, AuditSink, ScreeningEvent, ServerConfig};
use cordon_store::Snapshot;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

mod hardening;

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")
}

fn sample() -> Snapshot {
    Snapshot::from_dir(&sample_dir()).expect("the sample lists load")
}

#[derive(Default, Clone)]
struct Recorder(Arc<Mutex<Vec<ScreeningEvent>>>);

impl AuditSink for Recorder {
    fn record(&self, e: ScreeningEvent) -> Result<(), String> {
        self.0.lock().map_err(|e| e.to_string())?.push(e);
        Ok(())
    }
}

fn state_with(config: ServerConfig, keys: Option<ApiKeys>, audit: Option<Recorder>) -> AppState {
    AppState::new(
        sample(),
        Some(Box::new(|| {
            Snapshot::from_dir(&sample_dir()).map_err(|e| e.to_string())
        })),
        config,
        keys,
        audit.map(|r| Box::new(r) as Box<dyn AuditSink>),
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
    assert_eq!(top["datasets"], json!(["ofac-sdn"]));
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
    // A query without a name is answered per query, the others still run.
    let body = json!({"queries": {
        "bad": {"schema": "Person", "properties": {"birthDate": ["1978"]}},
        "ok": {"schema": "Company", "properties": {"name": "Acme Example Trading"}},
    }});
    let (status, v) = call(&st, post("/match/default", &body)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["responses"]["bad"]["status"], 400);
    assert_eq!(v["responses"]["ok"]["results"][0]["id"], "ofac-sdn:90001");
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
    let dir = tempfile_dir();
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
    .unwrap();
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

/// A list folder with one entity: the sample's first SDN line.
fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cordon-server-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sdn = std::fs::read_to_string(sample_dir().join("sdn.csv")).unwrap();
    std::fs::write(dir.join("sdn.csv"), sdn.lines().next().unwrap()).unwrap();
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
