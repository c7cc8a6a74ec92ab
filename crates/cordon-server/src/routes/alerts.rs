//! Alerts of the monitoring runs and their review: `GET /alerts`,
//! `GET /alerts/{id}` and `POST /alerts/{id}/decisions`.
//!
//! The reviewer of a decision is the name of the API key that sends it,
//! never a name in the body. A server without API keys has nobody to
//! record, so it refuses decisions (403 `no_reviewer`). The four-eyes rule
//! of the register (`cordon monitor policy`) applies as in `cordon alerts
//! decide`: a first false-positive or true-match puts the alert in
//! `pending_review`, a different key's same decision closes it, and the
//! same key confirming its own decision is refused with 409 `conflict`.

use crate::error::ApiError;
use crate::extract::{ApiJson, Caller, RequestId};
use crate::monitor::{decision_event, store_error};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use cordon_engine::Entity;
use cordon_monitor::{Alert, AlertFilter, CustomerRecord, Status, Verdict};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Alerts a page holds when `limit` is not given.
const DEFAULT_PAGE: u64 = 50;

/// Parameters of `GET /alerts`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AlertsParams {
    /// Only alerts in this status: `open`, `pending_review`,
    /// `false_positive`, `true_match`, `escalated`, `delisted`.
    #[serde(default)]
    pub status: Option<String>,
    /// Only this customer's alerts.
    #[serde(default)]
    pub customer: Option<String>,
    /// Only alerts on this list entity (e.g. `ofac-sdn:16418`).
    #[serde(default)]
    pub entity: Option<String>,
    /// Alerts per page (default 50, at most the server's `--max-limit`).
    #[serde(default)]
    pub limit: Option<u64>,
    /// Skip this many (the previous page's `next_offset`).
    #[serde(default)]
    pub offset: Option<u64>,
}

/// Response of `GET /alerts`: one page, highest score first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertsPage {
    pub alerts: Vec<Alert>,
    pub offset: u64,
    pub limit: u64,
    /// The `offset` of the next page; `null` on the last page.
    pub next_offset: Option<u64>,
}

/// The alerts of the monitoring runs, highest score first, filtered and
/// paged.
#[utoipa::path(
    get,
    path = "/alerts",
    tag = "monitoring",
    params(AlertsParams),
    responses(
        (status = 200, description = "One page of alerts", body = AlertsPage),
        (status = 400, description = "An unknown parameter or status, or a bad limit", body = crate::error::ErrorBody),
        (status = 404, description = "Monitoring is off on this server (code `monitoring_off`)", body = crate::error::ErrorBody),
    )
)]
pub async fn alerts(
    State(state): State<AppState>,
    params: Result<Query<AlertsParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<AlertsPage>, ApiError> {
    let Query(p) = params?;
    let status = match p.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            ApiError::InvalidRequest(format!(
                "parameter status: unknown status {s:?} (one of {})",
                Status::ALL.map(Status::as_str).join(", ")
            ))
        })?),
    };
    let max = state.config().max_limit as u64;
    let limit = p.limit.unwrap_or(DEFAULT_PAGE.min(max));
    if limit == 0 || limit > max {
        return Err(ApiError::InvalidRequest(format!(
            "parameter limit: must be between 1 and {max}, got {limit}"
        )));
    }
    let offset = p.offset.unwrap_or(0);
    let nonempty = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
    let filter = AlertFilter {
        status,
        customer_id: nonempty(p.customer),
        entity_id: nonempty(p.entity),
        // One more than the page, to know whether there is a next one.
        limit: Some(limit + 1),
        offset,
    };
    let mut alerts = state
        .with_store(move |store, _| store.alerts(&filter).map_err(store_error))
        .await?;
    let more = alerts.len() as u64 > limit;
    alerts.truncate(limit as usize);
    Ok(Json(AlertsPage {
        next_offset: more.then_some(offset + limit),
        alerts,
        offset,
        limit,
    }))
}

/// The customer of an alert, at the version the alert was raised on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertCustomer {
    pub id: String,
    /// The version the alert was raised on.
    pub version: i64,
    /// The customer's version now; `null` when it has been removed from
    /// the register.
    pub current_version: Option<i64>,
    #[serde(flatten)]
    pub record: CustomerRecord,
}

/// Response of `GET /alerts/{id}`: the ALERT with the customer and the
/// list entity side by side.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertDetail {
    #[serde(flatten)]
    pub alert: Alert,
    /// `null` only if the store no longer has that version.
    pub customer: Option<AlertCustomer>,
    /// The list entity as the snapshot in service has it (names, dates,
    /// countries, identifiers, programs, provenance); `null` when it is
    /// not in that snapshot (delisted, or its list not loaded).
    pub entity: Option<Entity>,
    /// The snapshot `entity` comes from.
    pub entity_snapshot: String,
}

/// The alert's id from the path: a 400 naming it when it is not a number.
fn alert_id(raw: &str) -> Result<i64, ApiError> {
    raw.trim().parse().map_err(|_| {
        ApiError::InvalidRequest(format!(
            "alert id {raw:?} is not a number (ids are 1, 2, ...)"
        ))
    })
}

/// One alert: explanation, decisions, the customer and the list entity.
#[utoipa::path(
    get,
    path = "/alerts/{id}",
    tag = "monitoring",
    params(("id" = i64, Path, description = "The alert's id")),
    responses(
        (status = 200, description = "The alert", body = AlertDetail),
        (status = 400, description = "The id is not a number", body = crate::error::ErrorBody),
        (status = 404, description = "No such alert, or monitoring is off (code `monitoring_off`)", body = crate::error::ErrorBody),
    )
)]
pub async fn alert(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<AlertDetail>, ApiError> {
    let id = alert_id(&raw)?;
    let (alert, customer) = state
        .with_store(move |store, _| {
            let alert = store.alert(id).map_err(store_error)?;
            let current = store
                .customer(&alert.customer_id)
                .map_err(store_error)?
                .map(|c| c.version);
            let customer = store
                .customer_version(&alert.customer_id, alert.customer_version)
                .map_err(store_error)?
                .map(|record| AlertCustomer {
                    id: alert.customer_id.clone(),
                    version: alert.customer_version,
                    current_version: current,
                    record,
                });
            Ok((alert, customer))
        })
        .await?;
    let snapshot = state.snapshot();
    Ok(Json(AlertDetail {
        entity: snapshot.index().get(&alert.entity_id).cloned(),
        entity_snapshot: snapshot.version().to_string(),
        alert,
        customer,
    }))
}

/// Body of `POST /alerts/{id}/decisions`. The reviewer is the API key's
/// name.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub decision: Verdict,
    /// Why (kept with the decision and in the audit trail).
    pub reason: String,
}

/// Decide an alert as the API key's holder: `false-positive`,
/// `true-match` or `escalate`, under the register's four-eyes policy.
#[utoipa::path(
    post,
    path = "/alerts/{id}/decisions",
    tag = "monitoring",
    params(("id" = i64, Path, description = "The alert's id")),
    request_body = DecisionRequest,
    responses(
        (status = 200, description = "Recorded; the alert as it stands now (`pending_review` until a second reviewer confirms, with four-eyes on)", body = Alert),
        (status = 400, description = "Bad JSON, an unknown field or decision, an empty reason", body = crate::error::ErrorBody),
        (status = 403, description = "The key lacks the `reviewer` role, or the server has no API keys (code `no_reviewer`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such alert, or monitoring is off (code `monitoring_off`)", body = crate::error::ErrorBody),
        (status = 409, description = "Refused by the alert's state or the four-eyes rule, e.g. the same reviewer confirming their own decision (code `conflict`)", body = crate::error::ErrorBody),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    Caller(caller): Caller,
    RequestId(request_id): RequestId,
    Path(raw): Path<String>,
    ApiJson(req): ApiJson<DecisionRequest>,
) -> Result<Json<Alert>, ApiError> {
    if state.monitor().is_none() {
        return Err(ApiError::MonitoringOff);
    }
    if state.inner.keys.is_none() {
        return Err(ApiError::NoReviewer);
    }
    let id = alert_id(&raw)?;
    let reason = req.reason.trim().to_string();
    if reason.is_empty() {
        return Err(ApiError::InvalidRequest(
            "field reason: give the reason for the decision".into(),
        ));
    }
    let verdict = req.decision;
    let alert = state
        .with_store(move |store, st| {
            let alert = store
                .decide(id, verdict, &caller, &reason)
                .map_err(store_error)?;
            st.audit(decision_event(
                &alert, verdict, &reason, &caller, request_id,
            ));
            Ok(alert)
        })
        .await?;
    Ok(Json(alert))
}
