//! The server against bad input and hostile clients: unknown fields, key
//! roles, request bodies that are too large or too slow, timed-out work
//! that must stop, and (on real loopback sockets) connections that are
//! silent, idle, slow or too many.

use super::{call, get, post, sample, state_with, Recorder};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use cordon_server::{app, hash_key, ApiKeys, AppState, ServerConfig};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[tokio::test]
async fn unknown_fields_are_refused_naming_the_field() {
    let recorder = Recorder::default();
    let st = state_with(ServerConfig::default(), None, Some(recorder.clone()));
    let cases = [
        post(
            "/screen",
            &json!({"name": "Johnny Sampleman", "countrys": ["RU"]}),
        ),
        post(
            "/compare",
            &json!({"a": {"name": "A B", "dobb": "1970"}, "b": {"name": "A B"}}),
        ),
        post(
            "/compare",
            &json!({"a": {"name": "A B"}, "b": {"name": "A B"}, "treshold": 0.9}),
        ),
        get("/search?q=Acme&countrys=RU"),
        post(
            "/shipments/screen?treshold=0.9",
            &json!({"items": [{"hs_code": "0901.21"}]}),
        ),
        post(
            "/shipments/screen",
            &json!({"items": [{"hs_code": "0901.21", "hscode": "8542.31"}]}),
        ),
    ];
    for (req, field) in cases.into_iter().zip([
        "countrys", "dobb", "treshold", "countrys", "treshold", "hscode",
    ]) {
        let uri = req.uri().to_string();
        let (status, v) = call(&st, req).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert_eq!(v["code"], "invalid_request", "{uri}: {v}");
        assert!(
            v["detail"].as_str().unwrap_or_default().contains(field),
            "{uri}: the error names {field}: {v}"
        );
    }
    assert!(
        recorder.0.lock().unwrap().is_empty(),
        "nothing refused was screened"
    );
    // The known fields still work.
    let (status, v) = call(
        &st,
        post(
            "/screen",
            &json!({"name": "Johnny Sampleman", "countries": ["RU"], "limit": 2, "matches_only": false}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
}

/// `Query::validate` runs on every native route: an unknown country or a
/// future date of birth is a 400 naming the field as the client sent it.
#[tokio::test]
async fn native_queries_are_validated_naming_the_field() {
    let recorder = Recorder::default();
    let st = state_with(ServerConfig::default(), None, Some(recorder.clone()));
    let cases = [
        (
            post(
                "/screen",
                &json!({"name": "Johnny Sampleman", "countries": ["Narnia"]}),
            ),
            "field countries",
        ),
        (
            post(
                "/screen",
                &json!({"name": "Johnny Sampleman", "dob": "2999-01-01"}),
            ),
            "field dob",
        ),
        (
            post("/screen", &json!({"name": "x".repeat(5000)})),
            "field name",
        ),
        (
            post(
                "/compare",
                &json!({"a": {"name": "A B"}, "b": {"name": "A B", "countries": ["Narnia"]}}),
            ),
            "field b.countries",
        ),
        (get("/search?q=Acme&country=Narnia"), "parameter country"),
        (get("/search?q=Acme&dob=2999"), "parameter dob"),
    ];
    for (req, named) in cases {
        let uri = req.uri().to_string();
        let (status, v) = call(&st, req).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {v}");
        let detail = v["detail"].as_str().unwrap_or_default();
        assert!(detail.starts_with(named), "{uri}: {detail}");
    }
    assert!(
        recorder.0.lock().unwrap().is_empty(),
        "nothing refused was screened"
    );
}

const SCREENER: &str = "k-screening-0123456789";
const OPERATOR: &str = "k-admin-0123456789";

fn keyed(method: &str, uri: &str, key: Option<&str>) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    if let Some(k) = key {
        b = b.header("x-api-key", k);
    }
    let body = if method == "POST" && uri == "/screen" {
        json!({"name": "Acme"}).to_string()
    } else {
        String::new()
    };
    b.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn admin_routes_need_the_admin_role() {
    let keys = ApiKeys::parse(
        &format!(
            "payments {}\nops {} admin\n",
            hash_key(SCREENER),
            hash_key(OPERATOR)
        ),
        "test",
    )
    .unwrap();
    let reloads = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let r = reloads.clone();
    let st = AppState::new(
        sample(),
        Some(Box::new(move || {
            r.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(sample())
        })),
        ServerConfig::default(),
        Some(keys),
        None,
    )
    .unwrap();

    let (status, v) = call(&st, keyed("POST", "/admin/reload", Some(SCREENER))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(v["code"], "forbidden");
    let detail = v["detail"].as_str().unwrap();
    assert!(
        detail.contains("payments") && detail.contains("admin") && detail.contains("/admin/reload"),
        "{detail}"
    );
    assert_eq!(
        call(&st, keyed("POST", "/admin/reload", None)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        reloads.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "a refused reload does not reload"
    );
    let (status, v) = call(&st, keyed("POST", "/admin/reload", Some(OPERATOR))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(reloads.load(std::sync::atomic::Ordering::SeqCst), 1);

    // Roles are separate: the admin key does not screen.
    let (status, v) = call(&st, keyed("POST", "/screen", Some(OPERATOR))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(
        call(&st, keyed("POST", "/screen", Some(SCREENER))).await.0,
        StatusCode::OK
    );
    assert_eq!(
        call(&st, keyed("GET", "/metrics", None)).await.0,
        StatusCode::OK,
        "public routes stay public"
    );
}

/// The route table is the one list: the router serves it, and the OpenAPI
/// document describes exactly its documented routes with their access.
#[tokio::test]
async fn the_route_table_drives_router_and_openapi() {
    let doc = serde_json::to_value(cordon_server::openapi::document()).unwrap();
    let documented: Vec<&str> = cordon_server::routes()
        .iter()
        .filter(|r| r.documented())
        .map(|r| r.path.as_str())
        .collect();
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut a = documented.clone();
    a.sort();
    let mut b = paths.clone();
    b.sort();
    assert_eq!(a, b, "documented routes and OpenAPI paths");
    let st = state_with(ServerConfig::default(), None, None);
    for r in cordon_server::routes() {
        let uri = r
            .path
            .replace("{dataset}", "default")
            .replace("{id}", "x")
            .replace("{file}", "app.js");
        let resp = app(st.clone()).oneshot(get(&uri)).await.unwrap();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap();
        assert!(
            !String::from_utf8_lossy(&body).contains("no such route"),
            "{uri} is routed"
        );
        for op in doc["paths"][r.path.as_str()]
            .as_object()
            .into_iter()
            .flat_map(|o| o.values())
        {
            match r.access {
                cordon_server::Access::Public => assert_eq!(op["security"], json!([]), "{uri}"),
                cordon_server::Access::Role(role) => {
                    assert_eq!(op["x-cordon-role"], role.name(), "{uri}");
                    assert!(op["responses"]["403"].is_object(), "{uri}");
                }
            }
        }
    }
}

/// A body that never sends a byte.
struct Stalled;

impl hyper::body::Body for Stalled {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        Poll::Pending
    }
}

#[tokio::test]
async fn oversized_and_slow_bodies_are_answered_without_waiting() {
    let config = ServerConfig {
        max_body_bytes: 4096,
        body_timeout: Duration::from_millis(300),
        timeout: Duration::from_secs(600),
        ..ServerConfig::default()
    };
    let st = state_with(config, None, None);
    // A declared length over the limit: 413 before any byte of the body.
    let req = Request::post("/screen")
        .header("content-type", "application/json")
        .header("content-length", "1000000000000")
        .body(Body::new(Stalled))
        .unwrap();
    let answer = tokio::time::timeout(Duration::from_secs(60), call(&st, req))
        .await
        .expect("answered without the body");
    assert_eq!(answer.0, StatusCode::PAYLOAD_TOO_LARGE, "{}", answer.1);
    assert_eq!(answer.1["code"], "payload_too_large");

    // A body that does not come: 408 at the body deadline, not the
    // (ten-minute) request timeout.
    let req = Request::post("/screen")
        .header("content-type", "application/json")
        .body(Body::new(Stalled))
        .unwrap();
    let answer = tokio::time::timeout(Duration::from_secs(60), call(&st, req))
        .await
        .expect("answered at the body deadline");
    assert_eq!(answer.0, StatusCode::REQUEST_TIMEOUT, "{}", answer.1);
    assert_eq!(answer.1["code"], "body_timeout");
}

fn many_queries(n: usize) -> Value {
    let queries: serde_json::Map<String, Value> = (0..n)
        .map(|i| {
            (
                format!("q{i}"),
                json!({"schema": "Company", "properties": {"name": [format!("Acme Example Trading {i}")]}}),
            )
        })
        .collect();
    json!({ "queries": queries })
}

/// The metric `name`'s value in the `/metrics` text.
async fn metric(st: &AppState, name: &str) -> f64 {
    let (_, v) = call(st, get("/metrics")).await;
    v.as_str()
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

/// Waits (bounded) until no matching job is running and `cancelled` jobs
/// were counted.
async fn jobs_settled(st: &AppState, cancelled: f64) {
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(120) {
        if metric(st, "cordon_matching_jobs_cancelled_total").await >= cancelled
            && metric(st, "cordon_matching_jobs_running").await == 0.0
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the matching job did not stop");
}

/// Queries in the long `/match` requests below.
const N: usize = 20_000;

/// A server that takes `/match` requests of [`N`] queries, and its audit.
fn big_batch_server(timeout: Duration) -> (AppState, Recorder) {
    let config = ServerConfig {
        max_batch: N,
        max_body_bytes: 8 * 1024 * 1024,
        timeout,
        ..ServerConfig::default()
    };
    let recorder = Recorder::default();
    (state_with(config, None, Some(recorder.clone())), recorder)
}

/// A request whose client goes away stops its matching job at the next
/// query instead of screening all of them for nobody.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_dropped_mid_job_stops_screening() {
    let (st, recorder) = big_batch_server(Duration::from_secs(600));
    let task = {
        let st = st.clone();
        let req = post("/match/default", &many_queries(N));
        tokio::spawn(async move { app(st).oneshot(req).await })
    };
    let t = Instant::now();
    while recorder.0.lock().unwrap().is_empty() {
        assert!(t.elapsed() < Duration::from_secs(120), "the job started");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    task.abort();
    jobs_settled(&st, 1.0).await;
    let screened = recorder.0.lock().unwrap().len();
    assert!(
        screened < N,
        "the job stopped after {screened} of {N} queries"
    );
}

/// The same through the request timeout: 503, and the job stops.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_request_stops_its_job() {
    let (st, recorder) = big_batch_server(Duration::from_millis(200));
    let (status, v) = call(&st, post("/match/default", &many_queries(N))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["code"], "timeout");
    jobs_settled(&st, 0.0).await;
    let screened = recorder.0.lock().unwrap().len();
    assert!(
        screened < N,
        "{screened} of {N} queries screened after the 503"
    );
}

// ---- real sockets

/// A server on a loopback port, run on its own thread; stopped on drop.
struct Live {
    addr: SocketAddr,
    state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Live {
    fn start(config: ServerConfig) -> Live {
        let state = state_with(config, None, None);
        let st = state.clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                cordon_server::serve(listener, st, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        Live {
            addr,
            state,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s
    }

    fn metric(&self, name: &str) -> f64 {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(metric(&self.state, name))
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Reads until the peer closes (or resets): true when it did within the
/// read timeout.
fn closed_by_peer(s: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

/// One HTTP/1.1 response: status and body (the server always sends
/// Content-Length).
fn read_response(s: &mut TcpStream) -> (u16, String) {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_string();
            let len: usize = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse().ok())?
                })
                .unwrap_or(0);
            if data.len() >= end + 4 + len {
                let status = head[9..12].parse().unwrap();
                let body = String::from_utf8_lossy(&data[end + 4..end + 4 + len]).to_string();
                return (status, body);
            }
        }
        let n = s.read(&mut buf).expect("a response");
        assert!(
            n > 0,
            "the connection closed before a response: {:?}",
            String::from_utf8_lossy(&data)
        );
        data.extend_from_slice(&buf[..n]);
    }
}

const HEALTH: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";

#[test]
fn silent_and_idle_connections_are_closed_and_capped() {
    let live = Live::start(ServerConfig {
        max_connections: 4,
        header_timeout: Duration::from_millis(400),
        idle_timeout: Duration::from_millis(600),
        ..ServerConfig::default()
    });
    // Four silent sockets take every slot.
    let mut silent: Vec<TcpStream> = (0..4).map(|_| live.connect()).collect();
    std::thread::sleep(Duration::from_millis(100));
    // A fifth client waits in the listen queue: no answer while they hold
    // the slots...
    let mut fifth = live.connect();
    fifth.write_all(HEALTH).unwrap();
    fifth
        .set_read_timeout(Some(Duration::from_millis(150)))
        .unwrap();
    let mut one = [0u8; 1];
    assert!(
        fifth.read(&mut one).is_err(),
        "the fifth connection is not served while four are open"
    );
    // ...and is served once the header deadline has closed them.
    fifth
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    assert_eq!(read_response(&mut fifth).0, 200);
    for s in &mut silent {
        assert!(closed_by_peer(s), "a silent connection is closed");
    }
    assert!(
        live.metric("cordon_http_connections_timed_out_total{reason=\"header_timeout\"}") >= 4.0
    );

    // The fifth is kept alive after its answer, then closed when idle.
    let t = Instant::now();
    assert!(
        closed_by_peer(&mut fifth),
        "an idle kept-alive connection is closed"
    );
    assert!(t.elapsed() < Duration::from_secs(30));
    assert!(live.metric("cordon_http_connections_timed_out_total{reason=\"idle_timeout\"}") >= 1.0);
    // A connection that keeps asking is not idle.
    let mut busy = live.connect();
    for _ in 0..4 {
        busy.write_all(HEALTH).unwrap();
        assert_eq!(read_response(&mut busy).0, 200);
        std::thread::sleep(Duration::from_millis(250));
    }
    let t = Instant::now();
    while live.metric("cordon_http_connections_open") > 1.0 {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "connections are released"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_header_sent_a_byte_at_a_time_is_cut_off() {
    let live = Live::start(ServerConfig {
        header_timeout: Duration::from_millis(500),
        idle_timeout: Duration::from_secs(600),
        ..ServerConfig::default()
    });
    let mut s = live.connect();
    let t = Instant::now();
    let mut cut = false;
    // Well-formed header lines, slowly, for up to a minute.
    s.write_all(b"GET /healthz HTTP/1.1\r\n").unwrap();
    while t.elapsed() < Duration::from_secs(60) {
        if s.write_all(b"x-slow: 1\r\n").is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        if live.metric("cordon_http_connections_timed_out_total{reason=\"header_timeout\"}") >= 1.0
        {
            cut = closed_by_peer(&mut s);
            break;
        }
    }
    assert!(cut, "the slow header was cut off");
}

#[test]
fn huge_declared_bodies_get_413_at_once_and_slow_bodies_408() {
    let live = Live::start(ServerConfig {
        body_timeout: Duration::from_millis(500),
        timeout: Duration::from_secs(600),
        ..ServerConfig::default()
    });
    let mut s = live.connect();
    s.write_all(
        b"POST /screen HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n",
    )
    .unwrap();
    let (status, body) = read_response(&mut s);
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("payload_too_large"), "{body}");
    assert!(closed_by_peer(&mut s), "the unread body is not waited for");

    let mut s = live.connect();
    s.write_all(
        b"POST /screen HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":",
    )
    .unwrap();
    let (status, body) = read_response(&mut s);
    assert_eq!(status, 408, "{body}");
    assert!(body.contains("body_timeout"), "{body}");
    assert!(closed_by_peer(&mut s));
}
