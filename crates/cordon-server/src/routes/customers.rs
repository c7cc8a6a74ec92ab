//! The customer register of the monitoring store: `POST /customers`
//! (batch upsert, as `cordon monitor import` does from a file) and
//! `GET /customers/{id}`.
//!
//! The records are the objects of the import's JSON lines, read by the
//! same code ([`cordon_monitor::import`]), so the API and the CLI accept
//! and refuse the same things: a record with a bad value (a date of birth
//! that is not a date, an unknown country, no name) is reported by its
//! index with the field and skipped, the others are stored. A field the
//! register does not know refuses the whole request (400), as every other
//! route does: a typo such as `countrys` would otherwise drop evidence
//! from every record without a word.

use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::monitor::store_error;
use crate::routes::yente::today;
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use cordon_monitor::input::InputFormat;
use cordon_monitor::{Alert, AlertFilter, Customer, CustomerRecord, ImportStats};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The fields of a customer record (the JSONL import's).
pub const CUSTOMER_FIELDS: [&str; 9] = [
    "id",
    "name",
    "kind",
    "dob",
    "country",
    "identifiers",
    "id_number",
    "aliases",
    "gender",
];

/// How import messages name the request's records: `POST /customers:3:`
/// is the record at index 2.
const SOURCE: &str = "POST /customers";

/// Most alerts `GET /customers/{id}` lists (highest score first);
/// `GET /alerts?customer=ID` pages through all of them.
const CUSTOMER_ALERTS: u64 = 200;

/// Body of `POST /customers`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomersRequest {
    /// Customers to add or update, by `id` (at most what fits in the body
    /// size limit, `--max-body`).
    #[schema(value_type = Vec<CustomerInput>)]
    pub customers: Vec<serde_json::Value>,
    /// Mark every active customer absent from `customers` as removed
    /// (`cordon monitor import --replace`): only for a request that holds
    /// the whole register. Nothing is removed when a refused record has no
    /// readable id (it may name a customer still there).
    #[serde(default)]
    pub replace: bool,
}

/// One customer, as a line of `cordon monitor import`'s JSON lines.
/// Changing a screened field (names, kind, dob, countries, identifiers,
/// gender) makes a new version of the customer; its next monitoring run
/// screens it again.
#[derive(ToSchema)]
#[allow(dead_code)] // Describes the JSON the import reads; never built.
pub struct CustomerInput {
    /// The customer's id in your systems (a string or a number).
    id: String,
    /// The customer's name, in any script.
    name: String,
    /// `person`, `organization`, `vessel`, `aircraft` or `any` (default).
    kind: Option<String>,
    /// Date of birth: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    dob: Option<String>,
    /// Countries (ISO codes or names): an array, or one string with `;`
    /// or `|` between them.
    country: Option<Vec<String>>,
    /// Identifiers (`TYPE:VALUE` or plain): an array or a `;`-separated
    /// string.
    identifiers: Option<Vec<String>>,
    /// Read as identifiers too (the CSV column's name).
    id_number: Option<String>,
    /// Other names of the customer.
    aliases: Option<Vec<String>>,
    /// `male` or `female`.
    gender: Option<String>,
}

/// A record that was not stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RejectedCustomer {
    /// Its index in `customers`.
    pub index: usize,
    /// Its `id`, when it has a readable one.
    pub id: Option<String>,
    /// Why, naming the field.
    pub error: String,
}

/// Response of `POST /customers`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomersResponse {
    /// Counts: `added`, `changed` (a new version each), `unchanged`,
    /// `removed` (with `replace`), `errors` (records refused).
    #[serde(flatten)]
    pub stats: ImportStats,
    /// The refused records, in order.
    pub rejected: Vec<RejectedCustomer>,
    /// `replace` was asked, but nothing was removed because a refused
    /// record had no readable id.
    pub replace_skipped: bool,
    /// Active customers in the register now.
    pub active_customers: u64,
}

fn id_text(v: &serde_json::Value) -> Option<String> {
    match v.get("id")? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Add or update customers of the monitoring register.
#[utoipa::path(
    post,
    path = "/customers",
    tag = "monitoring",
    request_body = CustomersRequest,
    responses(
        (status = 200, description = "Stored; refused records are listed in `rejected` with their index and the field", body = CustomersResponse),
        (status = 400, description = "Not JSON, an unknown field (in the body or a record), or no customers", body = crate::error::ErrorBody),
        (status = 404, description = "Monitoring is off on this server (code `monitoring_off`)", body = crate::error::ErrorBody),
    )
)]
pub async fn upsert(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<CustomersRequest>,
) -> Result<Json<CustomersResponse>, ApiError> {
    if state.monitor().is_none() {
        return Err(ApiError::MonitoringOff);
    }
    if req.customers.is_empty() {
        return Err(ApiError::InvalidRequest(
            "field customers: no customers given".into(),
        ));
    }
    let mut lines = String::new();
    for (i, rec) in req.customers.iter().enumerate() {
        if let Some(obj) = rec.as_object() {
            let unknown: Vec<String> = obj
                .keys()
                .filter(|k| !CUSTOMER_FIELDS.contains(&k.as_str()))
                .map(|k| format!("`{k}`"))
                .collect();
            if !unknown.is_empty() {
                return Err(ApiError::InvalidRequest(format!(
                    "customers[{i}]: unknown field{} {} (a customer has {}); nothing was stored",
                    if unknown.len() > 1 { "s" } else { "" },
                    unknown.join(", "),
                    CUSTOMER_FIELDS.join(", ")
                )));
            }
        }
        // One record per line: serde_json writes no newline inside one.
        lines.push_str(&rec.to_string());
        lines.push('\n');
    }
    let ids: Vec<Option<String>> = req.customers.iter().map(id_text).collect();
    let replace = req.replace;
    let (report, messages, active) = state
        .with_store(move |store, _| {
            let mut messages: Vec<String> = Vec::new();
            let report = cordon_monitor::import(
                store,
                lines.as_bytes(),
                &cordon_monitor::ImportFile {
                    format: InputFormat::Jsonl,
                    name: SOURCE,
                    today: today(),
                },
                replace,
                &mut |e| messages.push(e.to_string()),
                &mut |_| {},
            )
            .map_err(store_error)?;
            let active = store.customer_count().map_err(store_error)?;
            Ok((report, messages, active))
        })
        .await?;
    let rejected = messages
        .into_iter()
        .map(|m| {
            // `POST /customers:LINE: reason`, LINE counting from 1.
            let rest = m.strip_prefix(SOURCE).and_then(|r| r.strip_prefix(':'));
            let parsed = rest.and_then(|r| {
                let (line, reason) = r.split_once(':')?;
                Some((line.parse::<usize>().ok()?, reason.trim().to_string()))
            });
            match parsed {
                Some((line, error)) if line >= 1 => RejectedCustomer {
                    index: line - 1,
                    id: ids.get(line - 1).cloned().flatten(),
                    error,
                },
                _ => RejectedCustomer {
                    index: 0,
                    id: None,
                    error: m,
                },
            }
        })
        .collect();
    Ok(Json(CustomersResponse {
        stats: report.stats,
        rejected,
        replace_skipped: report.replace_skipped,
        active_customers: active,
    }))
}

/// One version of a customer's screened fields.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerVersion {
    pub version: i64,
    #[serde(flatten)]
    pub record: CustomerRecord,
}

/// Response of `GET /customers/{id}`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerDetail {
    /// The current version.
    #[serde(flatten)]
    pub customer: Customer,
    /// Every version, oldest first.
    pub versions: Vec<CustomerVersion>,
    /// The customer's alerts, highest score first (at most 200; `GET
    /// /alerts?customer=ID` pages through all).
    pub alerts: Vec<Alert>,
}

/// A customer of the register: its current version, every version, and
/// its alerts.
#[utoipa::path(
    get,
    path = "/customers/{id}",
    tag = "monitoring",
    params(("id" = String, Path, description = "The customer's id")),
    responses(
        (status = 200, description = "The customer", body = CustomerDetail),
        (status = 404, description = "No active customer with this id, or monitoring is off (code `monitoring_off`)", body = crate::error::ErrorBody),
    )
)]
pub async fn customer(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<CustomerDetail>, ApiError> {
    let detail = state
        .with_store(move |store, _| {
            let customer = store
                .customer(&id)
                .map_err(store_error)?
                .ok_or_else(|| ApiError::NotFound(format!("no active customer {id:?}")))?;
            let mut versions = Vec::new();
            for v in 1..=customer.version {
                if let Some(record) = store.customer_version(&id, v).map_err(store_error)? {
                    versions.push(CustomerVersion { version: v, record });
                }
            }
            let alerts = store
                .alerts(&AlertFilter {
                    customer_id: Some(id.clone()),
                    limit: Some(CUSTOMER_ALERTS),
                    ..AlertFilter::default()
                })
                .map_err(store_error)?;
            Ok(CustomerDetail {
                customer,
                versions,
                alerts,
            })
        })
        .await?;
    Ok(Json(detail))
}
