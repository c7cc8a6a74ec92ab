//! Operations: `GET /lists`, `/healthz`, `/readyz`, `/metrics`,
//! `POST /admin/reload`, `/openapi.json`.

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
    pub lists: Vec<ListInfo>,
}

/// The lists in service.
#[utoipa::path(get, path = "/lists", tag = "lists",
    responses((status = 200, description = "Loaded lists", body = ListsResponse)))]
pub async fn lists(State(state): State<AppState>) -> Json<ListsResponse> {
    let s = state.snapshot();
    Json(ListsResponse {
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
    })
}

/// Liveness and readiness answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub snapshot: String,
    pub entities: usize,
    pub uptime_seconds: u64,
}

fn health(state: &AppState) -> Health {
    let s = state.snapshot();
    Health {
        status: "ok",
        snapshot: s.version().to_string(),
        entities: s.index().len(),
        uptime_seconds: state.inner.started.elapsed().as_secs(),
    }
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Up", body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Json<Health> {
    Json(health(&state))
}

/// The server can screen: a snapshot with entities is in service.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
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
    let st = state.clone();
    let r = tokio::task::spawn_blocking(move || st.reload())
        .await
        .map_err(|e| ApiError::Internal(format!("reload task: {e}")))?;
    r.map(Json).map_err(ApiError::ReloadFailed)
}

/// This document.
pub async fn openapi() -> impl IntoResponse {
    Json(crate::openapi::document())
}
