//! # cordon-server
//!
//! cordon's HTTP API: the yente-compatible `POST /match/{dataset}`,
//! cordon's own `POST /screen`, `POST /compare`, `GET /search`, entity and
//! list look-ups, `POST /shipments/screen` (parties, goods and route, with
//! `cordon-goods`), health, Prometheus metrics, hot reload, the OpenAPI
//! document and the analyst web page; with a [`Monitor`] (`cordon serve
//! --monitor`), the customer register, monitoring runs after every reload
//! and the review of their alerts ([`monitor`]).
//!
//! The crate knows HTTP, not files: the binary (`cordon serve`) loads the
//! lists into a [`cordon_store::Snapshot`], builds an [`AppState`] with a
//! reload function, API keys ([`ApiKeys`]) and an audit sink
//! ([`AuditSink`]), and calls [`serve`]. Tests build the [`app`] in-process.
//!
//! A connection is accepted while fewer than
//! [`ServerConfig::max_connections`] are open, and closed when its request
//! headers are late or it sits idle (`conn.rs`). A request flows: request
//! id → key and role check (when keys are configured; [`routes`] says who
//! may call what) → body, read whole within its deadline and size limit →
//! timeout → route handler, which parses with [`error::ApiError`]s and
//! runs the matching on the rayon pool ([`work`]), never on the async
//! workers, cancelled when the request times out → audit sink → JSON.
//! Metrics wrap it all, labelled by route.
//!
//! Screened names are not logged unless [`ServerConfig::log_queries`] is
//! set; the audit trail is where queries are kept.

pub mod audit;
pub mod auth;
pub mod config;
mod conn;
pub mod error;
pub mod extract;
pub mod ftm_cache;
pub mod metrics;
pub mod monitor;
pub mod openapi;
pub mod routes;
pub mod state;
pub mod work;

pub use audit::{AuditSink, AuditedResult, ScreeningEvent};
pub use auth::{hash_key, key_line, ApiKey, ApiKeys, KeyError, Role};
pub use config::ServerConfig;
pub use error::ApiError;
pub use monitor::{Monitor, MonitorSetupError, Trigger};
pub use state::{AppState, ReloadFn, Reloaded};
pub use work::Cancel;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::handler::Handler;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodFilter, MethodRouter};
use axum::Router;
use extract::{Caller, RequestId};
use http_body_util::BodyExt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;
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

/// Who may call a route when the server has API keys (without keys,
/// everyone may call everything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No key needed: the page, health, metrics, the API description.
    Public,
    /// A key holding this role.
    Role(Role),
}

/// One route of the server. [`routes`] is the one list the router, the key
/// and role check and the OpenAPI document are built from: a documented
/// route takes its path, its methods and its operation from the handler's
/// `#[utoipa::path]` annotation, and adds who may call it.
pub struct Route {
    /// The path as axum matches it and the OpenAPI document names it.
    pub path: String,
    pub access: Access,
    /// Whether the request timeout (`--timeout-ms`) holds it. A reload is
    /// not: it loads and indexes every list (tens of seconds on large
    /// lists under load), and a 503 would tell the caller it failed while
    /// it goes on and succeeds. Its own work is bounded by the readers'
    /// limits instead.
    pub timed: bool,
    router: MethodRouter<AppState>,
    /// Writes the route's operation, with its access, and the schemas it
    /// names into the OpenAPI document; `None` for the routes outside the
    /// API (the page, its assets, the document itself).
    describe: Option<fn(&mut utoipa::openapi::OpenApi, Access)>,
}

impl Route {
    /// Whether the OpenAPI document describes it.
    pub fn documented(&self) -> bool {
        self.describe.is_some()
    }

    /// Writes this route into `doc` (nothing for an undocumented route).
    pub(crate) fn describe(&self, doc: &mut utoipa::openapi::OpenApi) {
        if let Some(describe) = self.describe {
            describe(doc, self.access);
        }
    }
}

use routes::{
    alerts, customers, entities, monitor as monitoring, native, ops, shipments, web, yente,
    yente_data,
};
use utoipa::__dev::{SchemaReferences, Tags};

const PUBLIC: Access = Access::Public;
const SCREENING: Access = Access::Role(Role::Screening);
const REVIEWER: Access = Access::Role(Role::Reviewer);
const ADMIN: Access = Access::Role(Role::Admin);

/// A route the OpenAPI document describes: path, methods and operation
/// are those of the handler's annotation `P` (the `__path_*` type that
/// `#[utoipa::path]` writes beside the handler).
fn api<P, H, T>(access: Access, handler: H) -> Route
where
    P: utoipa::Path + SchemaReferences + for<'t> Tags<'t>,
    H: Handler<T, AppState>,
    T: 'static,
{
    let router = P::methods()
        .into_iter()
        .fold(MethodRouter::new(), |router, method| {
            router.on(method_filter(&method), handler.clone())
        });
    Route {
        path: P::path(),
        access,
        timed: true,
        router,
        describe: Some(describe::<P>),
    }
}

fn method_filter(method: &utoipa::openapi::HttpMethod) -> MethodFilter {
    use utoipa::openapi::HttpMethod as M;
    match method {
        M::Get => MethodFilter::GET,
        M::Post => MethodFilter::POST,
        M::Put => MethodFilter::PUT,
        M::Delete => MethodFilter::DELETE,
        M::Options => MethodFilter::OPTIONS,
        M::Head => MethodFilter::HEAD,
        M::Patch => MethodFilter::PATCH,
        M::Trace => MethodFilter::TRACE,
    }
}

/// A documented route that the request timeout does not hold.
fn untimed(route: Route) -> Route {
    Route {
        timed: false,
        ..route
    }
}

/// A public route outside the API: the page, its assets, the document.
fn undocumented(path: &str, router: MethodRouter<AppState>) -> Route {
    Route {
        path: path.to_string(),
        access: Access::Public,
        timed: true,
        router,
        describe: None,
    }
}

static ROUTES: LazyLock<Vec<Route>> = LazyLock::new(|| {
    vec![
        undocumented("/", get(web::index)),
        undocumented("/assets/{file}", get(web::asset)),
        undocumented("/favicon.ico", get(web::favicon)),
        api::<yente::__path_match_entities, _, _>(SCREENING, yente::match_entities),
        api::<yente_data::__path_search, _, _>(SCREENING, yente_data::search),
        api::<yente_data::__path_catalog, _, _>(SCREENING, yente_data::catalog),
        api::<yente_data::__path_algorithms, _, _>(SCREENING, yente_data::algorithms),
        api::<native::__path_screen, _, _>(SCREENING, native::screen),
        api::<native::__path_compare, _, _>(SCREENING, native::compare),
        api::<native::__path_search, _, _>(SCREENING, native::search),
        api::<entities::__path_entity, _, _>(SCREENING, entities::entity),
        api::<shipments::__path_screen, _, _>(SCREENING, shipments::screen),
        api::<ops::__path_lists, _, _>(SCREENING, ops::lists),
        api::<ops::__path_healthz, _, _>(PUBLIC, ops::healthz),
        api::<ops::__path_readyz, _, _>(PUBLIC, ops::readyz),
        api::<ops::__path_metrics, _, _>(PUBLIC, ops::metrics),
        untimed(api::<ops::__path_reload, _, _>(ADMIN, ops::reload)),
        api::<customers::__path_upsert, _, _>(SCREENING, customers::upsert),
        api::<customers::__path_customer, _, _>(REVIEWER, customers::customer),
        untimed(api::<monitoring::__path_run, _, _>(ADMIN, monitoring::run)),
        api::<alerts::__path_alerts, _, _>(REVIEWER, alerts::alerts),
        api::<alerts::__path_alert, _, _>(REVIEWER, alerts::alert),
        api::<alerts::__path_decide, _, _>(REVIEWER, alerts::decide),
        undocumented("/openapi.json", get(openapi::serve)),
    ]
});

/// Every route with who may call it.
pub fn routes() -> &'static [Route] {
    &ROUTES
}

fn route_of(path: Option<&str>) -> Option<&'static Route> {
    path.and_then(|p| ROUTES.iter().find(|r| r.path == p))
}

/// Who may call the route matched as `path`. An unknown path is public:
/// it only ever gets a 404.
fn access_of(path: Option<&str>) -> Access {
    route_of(path).map_or(Access::Public, |r| r.access)
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

/// Request id, key and role check, body, timeout and metrics around every
/// route.
async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let route = matched.clone().unwrap_or_else(|| "unmatched".to_string());
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128)
        .map(str::to_string)
        .unwrap_or_else(new_request_id);
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let timed = route_of(matched.as_deref()).is_none_or(|r| r.timed);
    let admitted = admit(&state, access_of(matched.as_deref()), &route, &mut req);
    let mut response = match admitted {
        Err(e) => e.into_response(),
        Ok(()) => match read_body(&state, req).await {
            Err(e) => e.into_response(),
            Ok(req) if timed => run_with_timeout(&state, next.run(req)).await,
            Ok(req) => next.run(req).await,
        },
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

/// The key check: with keys configured, a route that is not public needs
/// a configured key (else 401) holding the route's role (else 403). The
/// key's name becomes the [`Caller`].
fn admit(state: &AppState, access: Access, route: &str, req: &mut Request) -> Result<(), ApiError> {
    let (Some(keys), Access::Role(role)) = (&state.inner.keys, access) else {
        return Ok(());
    };
    let key = keys.identify(req.headers()).ok_or(ApiError::Unauthorized)?;
    if !key.has(role) {
        return Err(ApiError::Forbidden {
            key: key.name().to_string(),
            role,
            route: format!("{} {route}", req.method()),
        });
    }
    let caller = Caller(key.name().to_string());
    req.extensions_mut().insert(caller);
    Ok(())
}

/// Reads the whole body before the route runs, so that a slow client is
/// held to the body deadline (`408 body_timeout`) and not to the request
/// timeout, and a declared `Content-Length` over the limit is answered 413
/// at once, before any of the body is read.
async fn read_body(state: &AppState, req: Request) -> Result<Request, ApiError> {
    let cfg = state.config();
    let limit = cfg.max_body_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::PayloadTooLarge(limit));
    }
    let (parts, body) = req.into_parts();
    let collected = tokio::time::timeout(
        cfg.body_timeout,
        http_body_util::Limited::new(body, limit).collect(),
    )
    .await
    .map_err(|_| ApiError::BodyTimeout(cfg.body_timeout.as_millis() as u64))?;
    match collected {
        Ok(c) => Ok(Request::from_parts(parts, Body::from(c.to_bytes()))),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            Err(ApiError::PayloadTooLarge(limit))
        }
        Err(e) => Err(ApiError::InvalidRequest(format!(
            "the request body could not be read: {e}"
        ))),
    }
}

async fn run_with_timeout(state: &AppState, fut: impl Future<Output = Response>) -> Response {
    let limit = state.config().timeout;
    match work::with_deadline(limit, fut).await {
        Some(r) => r,
        None => ApiError::Timeout(limit.as_millis() as u64).into_response(),
    }
}

async fn not_found() -> Response {
    ApiError::NotFound("no such route; see /openapi.json".into()).into_response()
}

/// The router with every route and the middleware.
pub fn app(state: AppState) -> Router {
    let body_limit = state.config().max_body_bytes;
    let mut router = Router::new();
    for r in ROUTES.iter() {
        router = router.route(&r.path, r.router.clone());
    }
    router
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes, then finishes
/// the requests in flight. Connections are capped and timed as
/// [`ServerConfig`] says (see `conn.rs`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    conn::serve(listener, state, shutdown).await
}

/// Writes the operation of the handler annotation `P` into `doc` with
/// `access`, and the schemas it names: public operations get an empty
/// `security`, the others an `x-cordon-role` naming the role their key
/// needs and the 401 and 403 answers.
fn describe<P>(doc: &mut utoipa::openapi::OpenApi, access: Access)
where
    P: utoipa::Path + SchemaReferences + for<'t> Tags<'t>,
{
    use utoipa::openapi::extensions::ExtensionsBuilder;
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let error = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build()
    };
    let mut op = P::operation();
    op.tags
        .get_or_insert_with(Vec::new)
        .extend(P::tags().into_iter().map(str::to_string));
    match access {
        Access::Public => op.security = Some(Vec::new()),
        Access::Role(role) => {
            let ext = ExtensionsBuilder::new()
                .add("x-cordon-role", role.name())
                .build();
            match &mut op.extensions {
                Some(e) => e.merge(ext),
                None => op.extensions = Some(ext),
            }
            let responses = &mut op.responses.responses;
            responses
                .entry("401".into())
                .or_insert_with(|| error("Missing or invalid API key").into());
            responses.entry("403".into()).or_insert_with(|| {
                error(&format!(
                    "The API key lacks the `{role}` role (code `forbidden`)"
                ))
                .into()
            });
        }
    }
    doc.paths.add_path_operation(P::path(), P::methods(), op);
    let mut schemas = Vec::new();
    P::schemas(&mut schemas);
    doc.components
        .get_or_insert_with(Default::default)
        .schemas
        .extend(schemas);
}
