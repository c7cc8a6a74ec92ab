//! `POST /shipments/screen`: a whole shipment (parties with roles, goods by
//! HS code, route) screened into a risk report, the JSON contract of
//! `cordon shipment --json` (see `cordon-goods`). Recorded in the audit
//! trail as one record with source `shipment`: the shipment, every party
//! candidate, and the decision `match` when the verdict is `flagged`.

use crate::audit::{AuditedResult, ScreeningEvent};
use crate::error::ApiError;
use crate::extract::{ApiJson, Caller, RequestId};
use crate::routes::native::options;
use crate::AppState;
use axum::extract::{Query, State};
use axum::Json;
use cordon_goods::{Shipment, ShipmentReport, Verdict};
use serde::Deserialize;
use utoipa::IntoParams;

/// Parameters of `POST /shipments/screen`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ShipmentParams {
    /// Party match threshold (default 0.76).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Candidates per party (default 5).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Screen a shipment: parties against the lists, goods against the control
/// lists (CHPL tiers), route against embargoes and transshipment
/// advisories. `verdict` is `flagged` when any reason was found.
#[utoipa::path(
    post,
    path = "/shipments/screen",
    tag = "shipments",
    params(ShipmentParams),
    request_body(content = Object, description = "A shipment: {\"reference\", \"parties\": [{\"role\": \"exporter|consignee|end_user|freight_forwarder|bank|notify_party\", \"name\", \"country\"}], \"items\": [{\"hs_code\", \"description\", \"quantity\", \"value\", \"currency\"}], \"route\": {\"origin\", \"transit\": [], \"destination\"}} (as `cordon shipment`)"),
    responses(
        (status = 200, description = "The risk report (as `cordon shipment --json`)", body = Object),
        (status = 400, description = "Invalid shipment (the error names the field)", body = crate::error::ErrorBody),
        (status = 401, description = "Missing or invalid API key", body = crate::error::ErrorBody),
    )
)]
pub async fn screen(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    params: Result<Query<ShipmentParams>, axum::extract::rejection::QueryRejection>,
    ApiJson(shipment): ApiJson<Shipment>,
) -> Result<Json<ShipmentReport>, ApiError> {
    let Query(p) = params?;
    let opts = options(&state, p.limit, p.threshold)?;
    let st = state.clone();
    let report = state
        .on_pool(move |cancel| -> Result<ShipmentReport, ApiError> {
            cancel.check()?;
            let Some(goods) = &st.inner.goods else {
                return Err(ApiError::Internal("goods data not loaded".into()));
            };
            let snapshot = st.snapshot();
            let report = cordon_goods::screen_shipment(snapshot.index(), &shipment, goods, &opts)
                .map_err(|e| ApiError::InvalidRequest(e.to_string()))?;
            let flagged = report.verdict == Verdict::Flagged;
            st.count_query("/shipments/screen", flagged);
            let results = report
                .parties
                .iter()
                .flat_map(|p| &p.matches)
                .map(|m| AuditedResult {
                    entity_id: m.entity_id.clone(),
                    caption: m.name.clone(),
                    score: m.score,
                    is_match: m.is_match,
                })
                .collect();
            st.audit(ScreeningEvent {
                source: "shipment",
                caller: caller.0,
                request_id: request_id.0,
                query: serde_json::json!({
                    "route": "/shipments/screen",
                    "shipment": shipment,
                    "threshold": opts.threshold,
                    "verdict": report.verdict,
                    "reasons": report.reasons.len(),
                }),
                snapshot: snapshot.version().to_string(),
                results,
                matched: Some(flagged),
            });
            Ok(report)
        })
        .await??;
    Ok(Json(report))
}
