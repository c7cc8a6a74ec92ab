//! # cordon-server
//!
//! cordon's HTTP API: the yente-compatible `POST /match/{dataset}`,
//! cordon's own `POST /screen`, `POST /compare`, `GET /search`, entity and
//! list look-ups, `POST /shipments/screen` (parties, goods and route, with
//! `cordon-goods`), health, Prometheus metrics, hot reload, the OpenAPI
//! document and the analyst web page.
//!
//! The crate knows HTTP, not files: the binary (`cordon serve`) loads the
//! lists into a [`cordon_store::Snapshot`], builds an [`AppState`] with a
//! reload function, API keys ([`ApiKeys`]) and an audit sink
//! ([`AuditSink`]), and calls [`serve`]. Tests build the [`app`] in-process.
//!
//! A request flows: request id → key check (when keys are configured) →
//! timeout → route handler, which parses with [`error::ApiError`]s and
//! runs the matching on the rayon pool ([`work`]), never on the async
//! workers → audit sink → JSON. Metrics wrap it all, labelled by route.
//!
//! Screened names are not logged unless [`ServerConfig::log_queries`] is
//! set; the audit trail is where queries are kept.

pub mod audit;
pub mod auth;
pub mod config;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod openapi;
pub mod routes;
pub mod state;
pub mod work;

pub use audit::{AuditSink, AuditedResult, ScreeningEvent};
pub use auth::{hash_key, ApiKeys, KeyError};
pub use config::ServerConfig;
pub use error::ApiError;
pub use state::{AppState, ReloadFn, Reloaded};

use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use extract::{Caller, RequestId};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

impl AppState {
    /// Counts one screened query for `/metrics`.
    pub(crate) fn count_query(&self, route: &str, matched: bool) {
        self.inner
            .metrics
            .queries
            .with_label_values(&[route, if matched { "match" } else { "no_match" }])
            .inc();
    }
}

/// Routes that need no key: the page and its assets, health, metrics and
/// the API description.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/" | "/favicon.ico" | "/healthz" | "/readyz" | "/metrics" | "/openapi.json"
    ) || path.starts_with("/assets/")
}

static REQUEST_SEQ: AtomicU64 = AtomicU64::new(0);

fn new_request_id() -> String {
    let n = REQUEST_SEQ.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("{t:x}-{n:x}")
}

/// Request id, key check, timeout and metrics around every route.
async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128)
        .map(str::to_string)
        .unwrap_or_else(new_request_id);
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let mut response = match &state.inner.keys {
        Some(keys) if !is_public(req.uri().path()) => match keys.caller(req.headers()) {
            Some(name) => {
                let caller = Caller(name.to_string());
                req.extensions_mut().insert(caller);
                run_with_timeout(&state, next.run(req)).await
            }
            None => ApiError::Unauthorized.into_response(),
        },
        _ => run_with_timeout(&state, next.run(req)).await,
    };
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", v);
    }
    let status = response.status();
    let m = &state.inner.metrics;
    m.requests
        .with_label_values(&[route.as_str(), status.as_str()])
        .inc();
    m.latency
        .with_label_values(&[route.as_str()])
        .observe(started.elapsed().as_secs_f64());
    tracing::info!(
        route,
        status = status.as_u16(),
        micros = started.elapsed().as_micros() as u64,
        request_id,
        "request"
    );
    response
}

async fn run_with_timeout(state: &AppState, fut: impl Future<Output = Response>) -> Response {
    let limit = state.config().timeout;
    match tokio::time::timeout(limit, fut).await {
        Ok(r) => r,
        Err(_) => ApiError::Timeout(limit.as_millis() as u64).into_response(),
    }
}

async fn not_found() -> Response {
    ApiError::NotFound("no such route; see /openapi.json".into()).into_response()
}

/// The router with every route and the middleware.
pub fn app(state: AppState) -> Router {
    use routes::{entities, native, ops, shipments, web, yente, yente_data};
    let body_limit = state.config().max_body_bytes;
    Router::new()
        .route("/", get(web::index))
        .route("/assets/{file}", get(web::asset))
        .route("/favicon.ico", get(web::favicon))
        .route("/match/{dataset}", post(yente::match_entities))
        .route("/search/{dataset}", get(yente_data::search))
        .route("/catalog", get(yente_data::catalog))
        .route("/algorithms", get(yente_data::algorithms))
        .route("/screen", post(native::screen))
        .route("/compare", post(native::compare))
        .route("/search", get(native::search))
        .route("/entities/{id}", get(entities::entity))
        .route("/shipments/screen", post(shipments::screen))
        .route("/lists", get(ops::lists))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/admin/reload", post(ops::reload))
        .route("/openapi.json", get(ops::openapi))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes, then finishes
/// the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
