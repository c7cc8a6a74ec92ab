//! `POST /monitor/run`: a monitoring run on demand, answered with the
//! object `cordon monitor run --json` prints.

use crate::error::ApiError;
use crate::extract::{Caller, RequestId};
use crate::monitor::Trigger;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::Json;
use cordon_monitor::RunReport;
use serde::Deserialize;
use utoipa::ToSchema;

/// Body of `POST /monitor/run` (may be left out: a delta run).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    /// Screen every customer against every list entity (`--full`);
    /// default: only what changed since the previous run.
    #[serde(default)]
    pub full: bool,
}

/// Run monitoring now against the snapshot in service: customers new or
/// changed since the previous run, and list entities added or changed
/// since then searched in the register (or everything, with `full`).
/// Waits for a run in progress first; not held by the request timeout.
#[utoipa::path(
    post,
    path = "/monitor/run",
    tag = "monitoring",
    request_body(content = Option<RunRequest>, description = "`{\"full\": true}` for a full re-screen; no body for a delta run"),
    responses(
        (status = 200, description = "The run (the object `cordon monitor run --json` prints)", body = RunReport),
        (status = 400, description = "Bad JSON or an unknown field", body = crate::error::ErrorBody),
        (status = 404, description = "Monitoring is off on this server (code `monitoring_off`)", body = crate::error::ErrorBody),
        (status = 500, description = "The run failed (code `run_failed`); nothing of it is kept", body = crate::error::ErrorBody),
    )
)]
pub async fn run(
    State(state): State<AppState>,
    Caller(caller): Caller,
    RequestId(request_id): RequestId,
    body: Bytes,
) -> Result<Json<RunReport>, ApiError> {
    if state.monitor().is_none() {
        return Err(ApiError::MonitoringOff);
    }
    let req: RunRequest = if body.iter().all(u8::is_ascii_whitespace) {
        RunRequest::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::InvalidRequest(format!("the request body: {e}")))?
    };
    let report = state
        .monitor_run(req.full, Trigger::Api, caller, Some(request_id))
        .await?;
    Ok(Json(report))
}
