//! Operations: `GET /lists`, `/healthz`, `/readyz`, `/metrics`,
//! `POST /admin/reload` (`/openapi.json` is served by [`crate::openapi`]).

use crate::error::ApiError;
use crate::state::Reloaded;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// One loaded list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ListInfo {
    /// List id, e.g. `ofac-sdn`; also a `/match/{dataset}` name.
    pub list: String,
    pub format: String,
    pub version: String,
    /// Publication date, when the list states one.
    pub date: Option<String>,
    /// The primary file the list was read from.
    pub source_file: String,
    /// The date the list's age counts from (`YYYY-MM-DD`; `YYYY` or
    /// `YYYY-MM` when only a name gives it).
    pub as_of: Option<String>,
    /// Where `as_of` comes from: `published` (stated in the file),
    /// `file name` (the file's or its folder's name) or `file modified`.
    pub as_of_source: Option<String>,
    /// Whole days since `as_of` (UTC).
    pub age_days: Option<i64>,
    /// Older than the server's maximum age (`--max-age`), or undated.
    pub stale: bool,
    pub entities: usize,
    pub persons: usize,
    pub organizations: usize,
    pub vessels: usize,
    pub aircraft: usize,
    pub names: usize,
    /// SHA-256 of each file the list was read from.
    pub files: Vec<FileInfo>,
    pub warnings: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FileInfo {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// Response of `GET /lists`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ListsResponse {
    /// Snapshot version in service.
    pub snapshot: String,
    pub entities: usize,
    /// Lists older than this many days are `stale`.
    pub max_age_days: u32,
    pub lists: Vec<ListInfo>,
    /// The ownership data, when the server loaded any (its derived
    /// entities are the list `ownership` above): `version`, `as_of` (the
    /// day the rules were assessed on), `files` (each with `path`,
    /// `sha256`, `bytes`, `parties`, `interests`, `role`), `parties`,
    /// `interests`, `owners`, `owners_linked`, `links`, `derived`,
    /// `captured`, `rules` (each with `id`, `name`, `citation`,
    /// `in_force`, `windows`) and `problems` (cycles, shares over 100%).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub ownership: Option<cordon_store::ownership::OwnershipSummary>,
}

/// Today (UTC), for list ages.
fn today() -> cordon_store::NameDate {
    cordon_store::utc_date(std::time::SystemTime::now())
}

/// The lists in service.
#[utoipa::path(get, path = "/lists", tag = "lists",
    responses((status = 200, description = "Loaded lists", body = ListsResponse)))]
pub async fn lists(State(state): State<AppState>) -> Json<ListsResponse> {
    let s = state.snapshot();
    let today = today();
    let stale = s.info().stale(today);
    Json(ListsResponse {
        max_age_days: s.info().max_age_days,
        snapshot: s.version().to_string(),
        entities: s.index().len(),
        lists: s
            .lists()
            .iter()
            .map(|l| ListInfo {
                list: l.list.clone(),
                format: l.format.clone(),
                version: l.version.clone(),
                date: l.date().map(str::to_string),
                source_file: l.source_file().to_string(),
                as_of: l.as_of.clone(),
                as_of_source: l.as_of_source.map(str::to_string),
                age_days: l.age_days(today),
                stale: stale.iter().any(|x| x.list == l.list),
                entities: l.entities,
                persons: l.by_kind.persons,
                organizations: l.by_kind.organizations,
                vessels: l.by_kind.vessels,
                aircraft: l.by_kind.aircraft,
                names: l.names,
                files: l
                    .files
                    .iter()
                    .map(|f| FileInfo {
                        path: f.path.clone(),
                        sha256: f.sha256.clone(),
                        bytes: f.bytes,
                    })
                    .collect(),
                warnings: l.warnings.len(),
            })
            .collect(),
        ownership: s.info().ownership.clone(),
    })
}

/// Liveness and readiness answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Health {
    /// `ok`; `stale lists` when a list is older than the maximum age
    /// (still ready: see `/readyz`); `no entities loaded`.
    pub status: &'static str,
    pub snapshot: String,
    pub entities: usize,
    pub uptime_seconds: u64,
    /// Lists older than `max_age_days` (or undated). Not empty: screening
    /// runs against old data; update the lists.
    pub stale_lists: Vec<StaleListInfo>,
    pub max_age_days: u32,
    /// On a server with monitoring (`cordon serve --monitor`): the last
    /// run, the last failure and the counts. A failed run does not make
    /// the server unready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitor: Option<crate::monitor::MonitorHealth>,
}

/// A list older than the maximum age.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StaleListInfo {
    pub list: String,
    /// The primary file.
    pub file: String,
    pub as_of: Option<String>,
    pub as_of_source: Option<String>,
    /// `null` when the list has no date at all.
    pub age_days: Option<i64>,
    /// Human-readable: which list, how old, since what.
    pub message: String,
}

fn health(state: &AppState) -> Health {
    let s = state.snapshot();
    let stale_lists: Vec<StaleListInfo> = s
        .info()
        .stale(today())
        .into_iter()
        .map(|x| StaleListInfo {
            message: x.to_string(),
            list: x.list,
            file: x.file,
            as_of: x.as_of,
            as_of_source: x.as_of_source.map(str::to_string),
            age_days: x.age_days,
        })
        .collect();
    Health {
        status: if stale_lists.is_empty() {
            "ok"
        } else {
            "stale lists"
        },
        snapshot: s.version().to_string(),
        entities: s.index().len(),
        uptime_seconds: state.inner.started.elapsed().as_secs(),
        stale_lists,
        max_age_days: s.info().max_age_days,
        monitor: state.monitor().map(crate::monitor::Monitor::health),
    }
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Up", body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Json<Health> {
    Json(health(&state))
}

/// The server can screen: a snapshot with entities is in service. Stale
/// lists do not make it unready (taking every replica out of service would
/// stop screening altogether): they are listed in `stale_lists`, with
/// `status` `stale lists`, for monitoring to alert on.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready (`status` is `stale lists` when `stale_lists` is not empty)", body = Health),
        (status = 503, description = "No entities loaded", body = Health),
    ))]
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let mut h = health(&state);
    if h.entities == 0 {
        h.status = "no entities loaded";
        (StatusCode::SERVICE_UNAVAILABLE, Json(h))
    } else {
        (StatusCode::OK, Json(h))
    }
}

/// Prometheus metrics (text exposition format).
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Metrics", content_type = "text/plain", body = String)))]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.inner.metrics.render(),
    )
}

/// Rebuild the snapshot from the data folder and swap it in without
/// dropping a request; on failure the previous snapshot stays in service.
#[utoipa::path(post, path = "/admin/reload", tag = "operations",
    responses(
        (status = 200, description = "Reloaded (or unchanged)", body = Reloaded),
        (status = 500, description = "Reload failed; previous snapshot kept", body = crate::error::ErrorBody),
    ))]
pub async fn reload(State(state): State<AppState>) -> Result<Json<Reloaded>, ApiError> {
    state
        .reload()
        .await
        .map(Json)
        .map_err(ApiError::ReloadFailed)
}
