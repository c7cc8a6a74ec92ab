//! `POST /match/{dataset}`: the yente (OpenSanctions) matching API, so a
//! client of yente can switch to cordon by changing its base URL.
//!
//! Request and response follow yente's `EntityMatchQuery` and
//! `EntityMatchResponse` models; a test validates real responses against
//! those models from the `yente` package. What cordon does with yente's
//! knobs:
//! - `algorithm`: `cordon` and yente's names (`best`, `logic-v1`,
//!   `logic-v2`, `name-based`, `name-qualified`, `regression-v1`, `ofac`,
//!   `er-unstable`) are accepted and recorded in the audit trail; cordon
//!   always scores with its own matcher (`GET /algorithms` says so). Other
//!   names are a 400, as in yente.
//! - `threshold` (default: cordon's calibrated 0.76, not yente's 0.70),
//!   `cutoff` (results below it are not returned; defaults to 0),
//!   `limit` (default 5, as yente).
//! - `weights` and `config` in the body are accepted and ignored.
//! - `include_dataset`, `exclude_dataset` (yente dataset names or cordon
//!   list ids; an unknown one is a 400), `exclude_schema`,
//!   `exclude_entity_ids` (cordon ids or OpenSanctions referents) filter
//!   results; `topics` and `changed_since` are accepted and ignored (every
//!   cordon entity is a sanctions target).
//! - `{dataset}`: `default` or `sanctions` (every loaded list), a yente
//!   dataset name (`us_ofac_sdn`, `un_sc_sanctions`, ...) or a cordon list
//!   id from `GET /lists` (e.g. `ofac-sdn`); see [`super::datasets`].
//!
//! **Names.** Every name of a query is screened (`name`, `alias`,
//! `previousName`, `weakAlias`, else `firstName` … `lastName` joined) and
//! each entity keeps its best score. A query with more than
//! [`MAX_NAMES_PER_QUERY`] distinct names is refused (400, naming the
//! query), never cut short.
//!
//! **Invalid queries.** A query that cannot be screened (no name and no
//! identifier, too many names, a `birthDate` that is not a date or lies in
//! the future, an unknown country, a name over the engine's limits) refuses
//! the whole request with a 400 naming the query key and the property, as
//! yente refuses a batch with an unparsable example: a client that reads
//! only `results` must never take an unscreened query for a clear.
//!
//! **Identifiers.** `imoNumber`, `mmsi`, `swiftBic`, `leiCode`,
//! `innCode`, `ogrnCode`, `passportNumber`, `idNumber`, `taxNumber`,
//! `registrationNumber`, `vatCode`, `okpoCode` become typed query
//! identifiers. A query with identifiers and no name (a Vessel with only
//! `imoNumber`) is screened by its identifiers alone.

use crate::audit::{AuditedResult, ScreeningEvent};
use crate::error::ApiError;
use crate::extract::{ApiJson, Caller, RequestId};
use crate::routes::datasets;
use crate::routes::ftm_entity::{entity_response, EntityResponse};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use cordon_engine::{EntityKind, Gender, Match, PartialDate, ScreenOptions};
use cordon_lists::ftm;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// Most distinct names (`name`, `alias`, `previousName`, `weakAlias`) one
/// `/match` query may carry; each is screened. More is a 400. (Entities
/// copied from OpenSanctions carry up to ~60 names in many scripts.)
pub const MAX_NAMES_PER_QUERY: usize = 64;

/// Algorithm names accepted by `/match` (`cordon` and yente's names); all
/// are served by cordon's matcher.
pub const YENTE_ALGORITHMS: &[&str] = &[
    "cordon",
    "best",
    "default",
    "logic-v1",
    "logic-v2",
    "name-based",
    "name-qualified",
    "regression-v1",
    "ofac",
    "er-unstable",
];

/// Body of `POST /match/{dataset}` (yente's `EntityMatchQuery`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct MatchRequest {
    /// Accepted for compatibility; ignored.
    #[serde(default)]
    pub weights: HashMap<String, f64>,
    /// Accepted for compatibility; ignored.
    #[serde(default)]
    pub config: HashMap<String, Value>,
    /// Queries by a key of the caller's choice.
    pub queries: BTreeMap<String, EntityExample>,
}

/// One query (yente's `EntityExample`): a FollowTheMoney schema and
/// properties.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EntityExample {
    #[serde(default)]
    pub id: Option<String>,
    /// `Person`, `Company`, `Organization`, `LegalEntity`, `Vessel`,
    /// `Airplane` (also `Thing`).
    pub schema: String,
    /// Property values, each a string or a list of strings: `name`,
    /// `alias`, `firstName`, `lastName`, `birthDate`, `nationality`,
    /// `citizenship`, `country`, `jurisdiction`, `gender`, `idNumber`,
    /// `passportNumber`, `registrationNumber`, `taxNumber`, `innCode`,
    /// `ogrnCode`, `imoNumber`, `mmsi`, `swiftBic`, `leiCode`, ...
    #[schema(value_type = Object)]
    pub properties: BTreeMap<String, Value>,
}

/// `{"value", "relation"}` as yente's `TotalSpec`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TotalSpec {
    pub value: usize,
    pub relation: &'static str,
}

/// One feature of a score (nomenklatura's `FeatureResult`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeatureResult {
    pub detail: Option<String>,
    pub score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
}

/// One scored result (yente's `ScoredEntityResponse`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScoredEntityResponse {
    #[serde(flatten)]
    pub entity: EntityResponse,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Sub-scores: `name` (the name score with the compared forms),
    /// `name_tokens` (the token alignment), and one entry per piece of
    /// evidence (`dob`, `country`, `gender`, `identifier`, ...), whose
    /// score is its effect on the final score.
    pub explanations: BTreeMap<String, FeatureResult>,
    /// On a party derived from the ownership data (dataset `ownership`):
    /// the ownership rules' findings, with the path (also the
    /// `ownership` feature of `explanations`). A cordon extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ownership: Option<Box<cordon_engine::OwnershipFindings>>,
}

/// Results of one query (yente's `EntityMatches`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityMatches {
    pub status: u16,
    pub results: Vec<ScoredEntityResponse>,
    pub total: TotalSpec,
    pub query: EntityExample,
}

/// Response of `POST /match/{dataset}` (yente's `EntityMatchResponse`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchResponse {
    pub responses: BTreeMap<String, EntityMatches>,
    pub limit: usize,
}

/// Query parameters of `/match` as parsed.
#[derive(Debug, Clone, Serialize)]
struct MatchParams {
    threshold: f64,
    cutoff: f64,
    limit: usize,
    algorithm: String,
    include_dataset: Vec<String>,
    exclude_dataset: Vec<String>,
    exclude_schema: Vec<String>,
    exclude_entity_ids: Vec<String>,
}

fn parse_params(pairs: &[(String, String)], max_limit: usize) -> Result<MatchParams, ApiError> {
    let mut p = MatchParams {
        threshold: cordon_engine::DEFAULT_THRESHOLD,
        cutoff: 0.0,
        limit: 5,
        algorithm: "best".into(),
        include_dataset: Vec::new(),
        exclude_dataset: Vec::new(),
        exclude_schema: Vec::new(),
        exclude_entity_ids: Vec::new(),
    };
    let unit = |k: &str, v: &str| -> Result<f64, ApiError> {
        match v.parse::<f64>() {
            Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
            _ => Err(ApiError::InvalidRequest(format!(
                "query parameter {k} must be a number between 0 and 1, got {v:?}"
            ))),
        }
    };
    for (k, v) in pairs {
        match k.as_str() {
            "threshold" => p.threshold = unit(k, v)?,
            "cutoff" => p.cutoff = unit(k, v)?,
            "limit" => {
                p.limit = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=max_limit).contains(n))
                    .ok_or_else(|| {
                        ApiError::InvalidRequest(format!(
                            "query parameter limit must be between 1 and {max_limit}, got {v:?}"
                        ))
                    })?
            }
            "algorithm" => {
                let a = v.trim().to_ascii_lowercase();
                if !YENTE_ALGORITHMS.contains(&a.as_str()) {
                    return Err(ApiError::InvalidRequest(format!("Invalid algorithm: {v}")));
                }
                p.algorithm = a;
            }
            "include_dataset" => p.include_dataset.push(v.clone()),
            "exclude_dataset" => p.exclude_dataset.push(v.clone()),
            "exclude_schema" => p.exclude_schema.push(v.clone()),
            "exclude_entity_ids" => p.exclude_entity_ids.push(v.clone()),
            // Accepted and ignored: topics, changed_since, fuzzy, ...
            _ => {}
        }
    }
    p.cutoff = p.cutoff.min(p.threshold);
    Ok(p)
}

/// Values of a property: a string or number, or those of a list (yente
/// accepts any JSON value in a list and reads it as text).
fn values(props: &BTreeMap<String, Value>, key: &str) -> Vec<String> {
    fn text(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
    match props.get(key) {
        Some(Value::Array(a)) => a.iter().filter_map(text).collect(),
        Some(v) => text(v).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Maps a FollowTheMoney schema to cordon's kind (`None`: any kind), by
/// the FtM mapping of [`cordon_lists::ftm`].
pub(crate) fn kind_of_schema(schema: &str) -> Result<Option<EntityKind>, ApiError> {
    ftm::query_kind(schema).map_err(ApiError::InvalidRequest)
}

/// The FollowTheMoney schema cordon reports for a kind.
pub(crate) fn schema_of_kind(kind: EntityKind) -> &'static str {
    ftm::schema_of_kind(kind)
}

/// The distinct names of a query: `name`, `alias`, `previousName`,
/// `weakAlias`; without any, `firstName` … `lastName` joined. Names with no
/// letters or digits are dropped; duplicates (ignoring case and outer
/// spaces) count once. A name and its transliteration both stay: each is
/// screened.
fn names_of_example(ex: &EntityExample) -> Vec<String> {
    let p = &ex.properties;
    let mut names: Vec<String> = ftm::NAME_PROPERTIES
        .iter()
        .flat_map(|(k, _)| values(p, k))
        .collect();
    if names.iter().all(|n| n.trim().is_empty()) {
        let parts: Vec<String> = ftm::NAME_PART_PROPERTIES
            .iter()
            .flat_map(|k| values(p, k))
            .collect();
        names = vec![parts.join(" ")];
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| {
        !cordon_engine::normalize::fold(n).is_empty() && seen.insert(n.trim().to_lowercase())
    });
    names
}

/// The typed identifiers of a query (`imo:9161003`, ...).
fn identifiers_of_example(p: &BTreeMap<String, Value>) -> Vec<String> {
    ftm::IDENTIFIER_PROPERTIES
        .iter()
        .flat_map(|id| {
            values(p, id.property)
                .into_iter()
                .filter(|v| !v.trim().is_empty())
                .map(move |v| format!("{}{}", id.query_prefix, v.trim()))
        })
        .collect()
}

/// The cordon queries of one yente query: one per name, sharing the
/// evidence; one nameless query when it has identifiers and no name.
pub(crate) fn queries_of_example(
    ex: &EntityExample,
) -> Result<Vec<cordon_engine::Query>, ApiError> {
    let kind = kind_of_schema(&ex.schema)?;
    let p = &ex.properties;
    let mut names = names_of_example(ex);
    if names.len() > MAX_NAMES_PER_QUERY {
        return Err(too_many_names(names.len()));
    }
    let identifiers = identifiers_of_example(p);
    if names.is_empty() {
        if identifiers.is_empty() {
            return Err(ApiError::InvalidRequest(
                "the query has no name and no identifier: give properties.name (or firstName/lastName) or an identifier such as imoNumber, leiCode or passportNumber".into(),
            ));
        }
        names.push(String::new());
    }
    let mut dob = None;
    for d in values(p, "birthDate") {
        let d = d.trim();
        if d.is_empty() {
            continue;
        }
        match PartialDate::parse(d) {
            Some(parsed) => {
                dob = Some(parsed);
                break;
            }
            None => {
                return Err(ApiError::InvalidRequest(format!(
                    "properties.birthDate {d:?} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
                )))
            }
        }
    }
    let countries: Vec<String> = ftm::query_country_properties()
        .flat_map(|k| values(p, k))
        .filter(|c| !c.trim().is_empty())
        .collect();
    let gender = values(p, "gender").into_iter().find_map(|g| {
        match g.trim().to_ascii_lowercase().as_str() {
            "male" | "m" => Some(Gender::Male),
            "female" | "f" => Some(Gender::Female),
            _ => None,
        }
    });
    let today = today();
    names
        .into_iter()
        .map(|name| {
            let q = cordon_engine::Query {
                name,
                kind,
                dob,
                countries: countries.clone(),
                identifiers: identifiers.clone(),
                gender,
            };
            q.validate(today).map_err(|e| query_error(&e))?;
            Ok(q)
        })
        .collect()
}

/// Today (UTC), for [`cordon_engine::Query::validate`].
pub(crate) fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    PartialDate::from_unix_seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// A refused query, naming the yente properties behind the engine's field.
pub(crate) fn query_error(e: &cordon_engine::QueryError) -> ApiError {
    let props = match e.field() {
        "dob" => "properties.birthDate",
        "countries" => "properties.nationality/citizenship/country/jurisdiction/mainCountry/flag",
        "identifiers" => "the identifier properties (imoNumber, mmsi, swiftBic, leiCode, innCode, ogrnCode, passportNumber, taxNumber, registrationNumber, idNumber, vatCode, okpoCode)",
        _ => "properties.name (or alias, previousName, weakAlias, firstName ... lastName)",
    };
    ApiError::InvalidRequest(format!("{props}: {e}"))
}

/// Screens every name of a query and keeps each entity's best result.
pub(crate) fn screen_all(
    index: &cordon_engine::Index,
    queries: &[cordon_engine::Query],
    opts: &ScreenOptions,
    keep: impl Fn(&Match) -> bool,
) -> Vec<Match> {
    let order = |a: &Match, b: &Match| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.entity_id.cmp(&b.entity_id))
    };
    if let [q] = queries {
        // One name (most requests): each entity is there once already.
        let mut out = index.screen(q, opts);
        out.retain(|m| keep(m));
        out.sort_by(order);
        return out;
    }
    let mut best: HashMap<String, Match> = HashMap::new();
    for q in queries {
        for m in index.screen(q, opts) {
            if !keep(&m) {
                continue;
            }
            match best.get(&m.entity_id) {
                Some(b) if b.score >= m.score => {}
                _ => {
                    best.insert(m.entity_id.clone(), m);
                }
            }
        }
    }
    let mut out: Vec<Match> = best.into_values().collect();
    out.sort_by(order);
    out
}

/// The refusal of a query with more than [`MAX_NAMES_PER_QUERY`] names.
fn too_many_names(got: usize) -> ApiError {
    ApiError::InvalidRequest(format!(
        "{got} distinct names (name, alias, previousName, weakAlias); the limit is {MAX_NAMES_PER_QUERY} per query: split the names over several queries"
    ))
}

/// A cordon explanation as nomenklatura-style features.
fn explanations(m: &Match) -> BTreeMap<String, FeatureResult> {
    let x = &m.explanation;
    let mut out = BTreeMap::new();
    out.insert(
        "name".to_string(),
        FeatureResult {
            detail: Some(x.summary.clone()),
            score: x.name_score,
            query: Some(x.query_form.clone()),
            candidate: Some(x.list_form.clone()),
        },
    );
    let tokens: Vec<String> = x
        .alignments
        .iter()
        .map(|a| format!("{} ~ {} ({:.2})", a.query, a.list, a.similarity))
        .collect();
    out.insert(
        "name_tokens".to_string(),
        FeatureResult {
            detail: Some(tokens.join("; ")),
            score: x.query_coverage,
            query: None,
            candidate: None,
        },
    );
    for e in &x.evidence {
        let entry = out.entry(e.kind.to_string()).or_insert(FeatureResult {
            detail: None,
            score: 0.0,
            query: None,
            candidate: None,
        });
        entry.score += e.effect;
        entry.detail = Some(match entry.detail.take() {
            Some(d) => format!("{d}; {}", e.detail),
            None => e.detail.clone(),
        });
    }
    out
}

/// The audit form of a result list.
pub(crate) fn audited(results: &[Match]) -> Vec<AuditedResult> {
    results
        .iter()
        .map(|m| AuditedResult {
            entity_id: m.entity_id.clone(),
            caption: m.name.clone(),
            score: m.score,
            is_match: m.is_match,
        })
        .collect()
}

/// Match entities against the loaded lists (yente-compatible).
#[utoipa::path(
    post,
    path = "/match/{dataset}",
    tag = "yente",
    params(
        ("dataset" = String, Path, description = "`default`, `sanctions`, a yente dataset name from GET /catalog (`us_ofac_sdn`) or a list id from GET /lists (`ofac-sdn`)"),
        ("threshold" = Option<f64>, Query, description = "Score at or above which a result is a match (default 0.76)"),
        ("cutoff" = Option<f64>, Query, description = "Results scoring below this are not returned (default 0)"),
        ("limit" = Option<usize>, Query, description = "Results per query (default 5)"),
        ("algorithm" = Option<String>, Query, description = "`cordon` or a yente algorithm name (GET /algorithms); accepted and recorded, cordon's matcher is always used"),
        ("include_dataset" = Option<Vec<String>>, Query, description = "Only results from these datasets (yente names or list ids)"),
        ("exclude_dataset" = Option<Vec<String>>, Query, description = "No results from these datasets"),
        ("exclude_schema" = Option<Vec<String>>, Query, description = "No results of these schemata"),
        ("exclude_entity_ids" = Option<Vec<String>>, Query, description = "No results with these ids (cordon ids or OpenSanctions referents)"),
    ),
    request_body = MatchRequest,
    responses(
        (status = 200, description = "Results by query key", body = MatchResponse),
        (status = 400, description = "Invalid request, naming the query and property: no name and no identifier, more than 64 distinct names, a bad or future birthDate, an unknown country, a name over the engine's limits", body = crate::error::ErrorBody),
        (status = 401, description = "Missing or invalid API key", body = crate::error::ErrorBody),
        (status = 404, description = "Unknown dataset", body = crate::error::ErrorBody),
    )
)]
pub async fn match_entities(
    State(state): State<AppState>,
    Path(dataset): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
    caller: Caller,
    request_id: RequestId,
    ApiJson(body): ApiJson<MatchRequest>,
) -> Result<Json<MatchResponse>, ApiError> {
    let cfg = state.config();
    let params = parse_params(&pairs, cfg.max_limit)?;
    if body.queries.len() > cfg.max_batch {
        return Err(ApiError::TooManyQueries {
            got: body.queries.len(),
            limit: cfg.max_batch,
        });
    }
    // Any invalid query refuses the whole request, as in yente: a client
    // that reads only `results` must not take an unscreened query (or one
    // with some of its names screened) for a clear.
    let mut parsed = Vec::with_capacity(body.queries.len());
    for (key, example) in body.queries {
        let queries = queries_of_example(&example)
            .map_err(|e| ApiError::InvalidRequest(format!("query {key:?}: {e}")))?;
        parsed.push((key, example, queries));
    }
    let snapshot = state.snapshot();
    let only = datasets::lists_of(&dataset, &snapshot)?;
    let include = datasets::lists_of_all("include_dataset", &params.include_dataset, &snapshot)?;
    let exclude = datasets::lists_of_all("exclude_dataset", &params.exclude_dataset, &snapshot)?
        .unwrap_or_default();
    let log_queries = cfg.log_queries;
    let st = state.clone();
    let response = state.on_pool(move |cancel| -> Result<MatchResponse, ApiError> {
        let filtering = only.is_some()
            || !params.include_dataset.is_empty()
            || !params.exclude_dataset.is_empty()
            || !params.exclude_schema.is_empty()
            || !params.exclude_entity_ids.is_empty();
        // Filters drop results after scoring: look further when filtering.
        let opts = ScreenOptions {
            limit: if filtering {
                params.limit + 50
            } else {
                params.limit
            },
            threshold: params.threshold,
        };
        let excluded_id = |m: &Match| {
            params.exclude_entity_ids.contains(&m.entity_id)
                || snapshot.index().get(&m.entity_id).is_some_and(|e| {
                    datasets::referents(e)
                        .iter()
                        .any(|r| params.exclude_entity_ids.contains(r))
                })
        };
        let keep = |m: &Match| {
            only.as_ref().is_none_or(|l| l.contains(&m.list))
                && include.as_ref().is_none_or(|l| l.contains(&m.list))
                && !exclude.contains(&m.list)
                && !params
                    .exclude_schema
                    .iter()
                    .any(|s| s == schema_of_kind(m.kind))
                && !excluded_id(m)
                && m.score >= params.cutoff
        };
        let mut responses = BTreeMap::new();
        for (key, example, qs) in parsed {
            // The request timed out or went away: stop here.
            cancel.check()?;
            let mut results = screen_all(snapshot.index(), &qs, &opts, keep);
            results.truncate(params.limit);
            if log_queries {
                tracing::debug!(key, names = ?qs.iter().map(|q| &q.name).collect::<Vec<_>>(), "match query");
            }
            let matched = results.iter().any(|m| m.is_match);
            st.count_query("/match/{dataset}", matched);
            // The record is built only when there is a trail to take it.
            if st.audits() {
                st.audit(ScreeningEvent {
                    source: "api",
                    caller: caller.0.clone(),
                    request_id: format!("{}/{}", request_id.0, key),
                    query: serde_json::json!({
                        "route": "/match",
                        "dataset": dataset,
                        "key": key,
                        "params": params,
                        "query": example,
                    }),
                    snapshot: snapshot.version().to_string(),
                    results: audited(&results),
                    matched: Some(matched),
                });
            }
            let results: Vec<ScoredEntityResponse> = results
                .iter()
                .filter_map(|m| {
                    let e = snapshot.index().get(&m.entity_id)?;
                    Some(ScoredEntityResponse {
                        entity: entity_response(e, st.ftm_properties(&snapshot, e)),
                        score: m.score,
                        is_match: m.is_match,
                        explanations: explanations(m),
                        ownership: m.ownership.clone(),
                    })
                })
                .collect();
            let entry = EntityMatches {
                status: 200,
                total: TotalSpec {
                    value: results.len(),
                    relation: "eq",
                },
                results,
                query: example,
            };
            responses.insert(key, entry);
        }
        Ok(MatchResponse {
            responses,
            limit: params.limit,
        })
    })
    .await??;
    Ok(Json(response))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(schema: &str, props: Value) -> EntityExample {
        EntityExample {
            id: None,
            schema: schema.into(),
            properties: serde_json::from_value(props).unwrap(),
        }
    }

    #[test]
    fn yente_properties_become_cordon_evidence() {
        let qs = queries_of_example(&example(
            "Person",
            serde_json::json!({
                "name": ["Timur Shagivaleev", "Тимур Шагивалеев"],
                "birthDate": "1978-08-21",
                "nationality": ["ru"],
                "passportNumber": ["753129173"],
                "gender": ["male"],
            }),
        ))
        .unwrap();
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].kind, Some(EntityKind::Person));
        assert_eq!(qs[1].name, "Тимур Шагивалеев");
        assert_eq!(qs[0].dob.map(|d| d.year), Some(1978));
        assert_eq!(qs[0].countries, vec!["ru"]);
        assert_eq!(qs[0].identifiers, vec!["passport:753129173"]);
        assert_eq!(qs[0].gender, Some(Gender::Male));
    }

    #[test]
    fn name_parts_are_joined_and_unknown_schemata_refused() {
        let qs = queries_of_example(&example(
            "LegalEntity",
            serde_json::json!({"firstName": "Timur", "lastName": ["Shagivaleev"]}),
        ))
        .unwrap();
        assert_eq!(qs[0].name, "Timur Shagivaleev");
        assert_eq!(qs[0].kind, None);
        assert!(queries_of_example(&example("Person", serde_json::json!({}))).is_err());
        assert!(queries_of_example(&example("Address", serde_json::json!({"name": "x"}))).is_err());
    }

    #[test]
    fn parameters_are_checked() {
        let p = |s: &[(&str, &str)]| {
            parse_params(
                &s.iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect::<Vec<_>>(),
                100,
            )
        };
        assert!(p(&[("algorithm", "logic-v2"), ("threshold", "0.9")]).is_ok());
        assert!(p(&[("algorithm", "magic")]).is_err());
        assert!(p(&[("threshold", "1.5")]).is_err());
        assert!(p(&[("limit", "0")]).is_err());
        assert!(p(&[("limit", "500")]).is_err());
        let q = p(&[("cutoff", "0.9"), ("threshold", "0.5")]).unwrap();
        assert_eq!(q.cutoff, 0.5);
    }
}
