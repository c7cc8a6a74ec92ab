//! cordon's own routes: `POST /screen`, `POST /compare` and `GET /search`,
//! in the shapes of the CLI's JSON (`cordon screen --json`,
//! `cordon compare --json`).
//!
//! Requests are strict: a field (or query parameter) these routes do not
//! know is refused with a 400 naming it, never ignored, since a typo like
//! `countrys` would otherwise drop evidence without a word.

use crate::audit::ScreeningEvent;
use crate::error::ApiError;
use crate::extract::{ApiJson, Caller, RequestId};
use crate::routes::yente::{audited, today};
use crate::AppState;
use axum::extract::{Query, State};
use axum::Json;
use cordon_engine::{Comparison, EntityKind, Gender, Match, PartialDate, ScreenOptions};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// A party to screen: the CLI's `screen` flags as JSON.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyRequest {
    /// The name, in any script and word order. May be left out when
    /// identifiers are given (an IMO number alone finds a renamed vessel).
    #[serde(default)]
    pub name: String,
    /// `person`, `organization`, `vessel` or `aircraft`; absent = any.
    #[serde(default)]
    pub kind: Option<EntityKind>,
    /// Date of birth: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `DD.MM.YYYY`.
    #[serde(default)]
    pub dob: Option<String>,
    /// Countries: ISO codes or names.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Identifiers, `TYPE:VALUE` (imo, mmsi, bic, lei, inn, ogrn,
    /// passport, national_id, tax_id, registration) or plain values.
    #[serde(default)]
    pub identifiers: Vec<String>,
    #[serde(default)]
    pub gender: Option<Gender>,
}

impl PartyRequest {
    /// The engine query, or an error naming the bad field.
    /// The engine query, checked with [`cordon_engine::Query::validate`]
    /// (lengths, known countries, a date of birth not in the future, ...),
    /// or a 400 naming the field as the route's client calls it:
    /// `name_of("countries")` is `countries` in `/screen`, `a.countries`
    /// in `/compare`, the parameter `country` in `/search`.
    pub fn query(
        &self,
        name_of: &dyn Fn(&'static str) -> String,
    ) -> Result<cordon_engine::Query, ApiError> {
        let invalid = |field: &'static str, detail: &str| {
            ApiError::InvalidRequest(format!("{}: {detail}", name_of(field)))
        };
        let dob = match self.dob.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(PartialDate::parse(d).ok_or_else(|| {
                invalid(
                    "dob",
                    &format!("{d:?} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
                )
            })?),
        };
        let query = cordon_engine::Query {
            name: self.name.clone(),
            kind: self.kind,
            dob,
            countries: self.countries.clone(),
            identifiers: self.identifiers.clone(),
            gender: self.gender,
        };
        query.validate(today()).map_err(|e| {
            let text = e.to_string();
            let field = e.field();
            let detail = text
                .strip_prefix(&format!("field {field}: "))
                .unwrap_or(&text);
            invalid(field, detail)
        })?;
        Ok(query)
    }
}

/// A field of a JSON body, named as is: `field countries`.
fn body_field(field: &'static str) -> String {
    format!("field {field}")
}

/// A field of `/search`'s query string, by its parameter name.
fn search_param(field: &'static str) -> String {
    let param = match field {
        "name" => "q",
        "countries" => "country",
        "identifiers" => "id",
        other => other,
    };
    format!("parameter {param}")
}

/// Body of `POST /screen`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ScreenRequest {
    #[serde(flatten)]
    pub party: PartyRequest,
    /// Whatever the fields above did not take: refused by
    /// [`refuse_unknown`]. (serde's `deny_unknown_fields` does not work
    /// with `flatten`.)
    #[serde(flatten)]
    #[schema(ignore)]
    pub unknown: BTreeMap<String, serde_json::Value>,
    /// Results to return (default 5).
    #[serde(default)]
    pub limit: Option<usize>,
    /// Match threshold in [0, 1] (default 0.76).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Return only results at or above the threshold.
    #[serde(default)]
    pub matches_only: bool,
}

/// Response of `POST /screen` (the shape of `cordon screen --json`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScreenResponse {
    pub query: cordon_engine::Query,
    /// Snapshot version screened against.
    pub snapshot: String,
    /// The threshold the `match` flags were decided with.
    pub threshold: f64,
    pub matches: Vec<Match>,
}

/// A 400 naming the fields of `unknown`, if there are any.
pub(crate) fn refuse_unknown(
    unknown: &BTreeMap<String, serde_json::Value>,
) -> Result<(), ApiError> {
    if unknown.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = unknown.keys().map(|k| format!("`{k}`")).collect();
    Err(ApiError::InvalidRequest(format!(
        "unknown field{} {}: see the request schema in /openapi.json",
        if names.len() > 1 { "s" } else { "" },
        names.join(", ")
    )))
}

pub(crate) fn options(
    state: &AppState,
    limit: Option<usize>,
    threshold: Option<f64>,
) -> Result<ScreenOptions, ApiError> {
    let max = state.config().max_limit;
    let limit = limit.unwrap_or(cordon_engine::DEFAULT_LIMIT);
    if limit == 0 || limit > max {
        return Err(ApiError::InvalidRequest(format!(
            "limit must be between 1 and {max}, got {limit}"
        )));
    }
    let threshold = threshold.unwrap_or(cordon_engine::DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::InvalidRequest(format!(
            "threshold must be between 0 and 1, got {threshold}"
        )));
    }
    Ok(ScreenOptions { limit, threshold })
}

/// Screens `party` on the pool, counts and audits it (as `route`).
pub(crate) async fn screen_party(
    state: &AppState,
    route: &'static str,
    party: PartyRequest,
    opts: ScreenOptions,
    caller: Caller,
    request_id: RequestId,
) -> Result<ScreenResponse, ApiError> {
    let query = party.query(if route == "/search" {
        &search_param
    } else {
        &body_field
    })?;
    let audit_query = serde_json::json!({
        "route": route,
        "query": party,
        "limit": opts.limit,
        "threshold": opts.threshold,
    });
    let st = state.clone();
    state
        .on_pool(move |cancel| -> Result<ScreenResponse, ApiError> {
            cancel.check()?;
            let snapshot = st.snapshot();
            let matches = snapshot.index().screen(&query, &opts);
            let matched = matches.iter().any(|m| m.is_match);
            st.count_query(route, matched);
            if st.config().log_queries {
                tracing::debug!(route, name = %query.name, matched, "screened");
            }
            st.audit(ScreeningEvent {
                source: "api",
                caller: caller.0,
                request_id: request_id.0,
                query: audit_query,
                snapshot: snapshot.version().to_string(),
                results: audited(&matches),
                matched: Some(matched),
            });
            Ok(ScreenResponse {
                query,
                snapshot: snapshot.version().to_string(),
                threshold: opts.threshold,
                matches,
            })
        })
        .await?
}

/// Screen one party (native API).
#[utoipa::path(
    post,
    path = "/screen",
    tag = "screening",
    request_body = ScreenRequest,
    responses(
        (status = 200, description = "Best candidates with scores and explanations", body = ScreenResponse),
        (status = 400, description = "Invalid request", body = crate::error::ErrorBody),
        (status = 401, description = "Missing or invalid API key", body = crate::error::ErrorBody),
    )
)]
pub async fn screen(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    ApiJson(body): ApiJson<ScreenRequest>,
) -> Result<Json<ScreenResponse>, ApiError> {
    refuse_unknown(&body.unknown)?;
    let opts = options(&state, body.limit, body.threshold)?;
    let mut response =
        screen_party(&state, "/screen", body.party, opts, caller, request_id).await?;
    if body.matches_only {
        response.matches.retain(|m| m.is_match);
    }
    Ok(Json(response))
}

/// Parameters of `GET /search`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// The name to look for.
    pub q: String,
    /// `person`, `organization`, `vessel` or `aircraft`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Date of birth (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    #[serde(default)]
    pub dob: Option<String>,
    /// A country (ISO code or name).
    #[serde(default)]
    pub country: Option<String>,
    /// An identifier, `TYPE:VALUE` or plain.
    #[serde(default)]
    pub id: Option<String>,
    /// Results (default 10).
    #[serde(default)]
    pub limit: Option<usize>,
    #[serde(default)]
    pub threshold: Option<f64>,
}

/// Search the lists by name (what the web page calls).
#[utoipa::path(
    get,
    path = "/search",
    tag = "screening",
    params(SearchParams),
    responses(
        (status = 200, description = "Best candidates with scores and explanations", body = ScreenResponse),
        (status = 400, description = "Invalid request", body = crate::error::ErrorBody),
        (status = 401, description = "Missing or invalid API key", body = crate::error::ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ScreenResponse>, ApiError> {
    let Query(p) = params?;
    let kind = match p.kind.as_deref().map(str::trim) {
        None | Some("") | Some("any") => None,
        Some(k) => Some(EntityKind::parse(k).ok_or_else(|| {
            ApiError::InvalidRequest(format!(
                "kind {k:?} is not one of person, organization, vessel, aircraft"
            ))
        })?),
    };
    let nonempty = |s: &Option<String>| s.as_ref().filter(|v| !v.trim().is_empty()).cloned();
    let party = PartyRequest {
        name: p.q.clone(),
        kind,
        dob: nonempty(&p.dob),
        countries: nonempty(&p.country).into_iter().collect(),
        identifiers: nonempty(&p.id).into_iter().collect(),
        gender: None,
    };
    let opts = options(&state, Some(p.limit.unwrap_or(10)), p.threshold)?;
    Ok(Json(
        screen_party(&state, "/search", party, opts, caller, request_id).await?,
    ))
}

/// Body of `POST /compare`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    pub a: PartyRequest,
    pub b: PartyRequest,
    /// Match threshold (default 0.62, the compare threshold calibrated on
    /// labelled name pairs, with or without list weights; not the
    /// screening threshold).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Weigh words by their rarity in the loaded lists (default true; false
    /// weighs every word alike, as `cordon compare` without
    /// `--with-lists`).
    #[serde(default = "yes")]
    pub with_lists: bool,
}

fn yes() -> bool {
    true
}

/// Compare two parties and explain the score.
#[utoipa::path(
    post,
    path = "/compare",
    tag = "screening",
    request_body = CompareRequest,
    responses(
        (status = 200, description = "Score, decision and explanation", body = Comparison),
        (status = 400, description = "Invalid request", body = crate::error::ErrorBody),
        (status = 401, description = "Missing or invalid API key", body = crate::error::ErrorBody),
    )
)]
pub async fn compare(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CompareRequest>,
) -> Result<Json<Comparison>, ApiError> {
    let a = body.a.query(&|f| format!("field a.{f}"))?;
    let b = body.b.query(&|f| format!("field b.{f}"))?;
    let threshold = options(
        &state,
        None,
        Some(
            body.threshold
                .unwrap_or(cordon_engine::DEFAULT_COMPARE_THRESHOLD),
        ),
    )?
    .threshold;
    let st = state.clone();
    let with_lists = body.with_lists;
    let c = state
        .on_pool(move |_| {
            if with_lists {
                st.snapshot().index().compare(&a, &b, threshold)
            } else {
                cordon_engine::compare(&a, &b, threshold)
            }
        })
        .await?;
    Ok(Json(c))
}
