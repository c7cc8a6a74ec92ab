//! yente's other routes, for clients that switch by changing a URL:
//! `GET /search/{dataset}` (text search), `GET /catalog` (the loaded
//! datasets) and `GET /algorithms` (the scoring algorithms). Shapes follow
//! yente's `SearchResponse`, `DataCatalogModel` and `AlgorithmResponse`; a
//! test validates them against those models from the `yente` package.
//!
//! `/search/{dataset}` screens `q` as a name with cordon's matcher (an
//! empty `q` lists every entity in scope, as yente does) and applies
//! yente's filters: `schema`, `include_dataset`, `exclude_dataset`,
//! `exclude_schema`, `countries`, `topics`, `datasets` (with `filter_op`
//! `OR`/`AND`) and `target`; `facets` counts `countries`, `topics`,
//! `datasets`, `schema`, `identifiers` and `genders` over the results in
//! scope. `changed_since`, `fuzzy` and `simple` are accepted and ignored
//! (they could only narrow the results). `filter` and `sort` cannot be
//! honoured and are refused (400) rather than ignored. `limit` is 1 to the
//! server's limit (default 10), `offset` at most [`MAX_SEARCH_OFFSET`].

use crate::audit::ScreeningEvent;
use crate::error::ApiError;
use crate::extract::{Caller, RequestId};
use crate::routes::datasets;
use crate::routes::ftm_entity::{entity_response, EntityResponse};
use crate::routes::yente::{audited, kind_of_schema, schema_of_kind, today, TotalSpec};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use cordon_engine::{weights, Entity, EntityKind, Gender, Match, ScreenOptions};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Largest `offset` of `GET /search/{dataset}`.
pub const MAX_SEARCH_OFFSET: usize = 500;

/// Candidates screened beyond `offset + limit` when filters may drop some.
const FILTER_HEADROOM: usize = 200;

/// One facet value (yente's `SearchFacetItem`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchFacetItem {
    pub name: String,
    pub label: String,
    pub count: usize,
}

/// Counts of one facet (yente's `SearchFacet`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchFacet {
    pub label: String,
    pub values: Vec<SearchFacetItem>,
}

/// Response of `GET /search/{dataset}` (yente's `SearchResponse`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResponse {
    pub limit: usize,
    pub offset: usize,
    /// Results in scope. `relation` is `gte` when `q` was screened and the
    /// screening window was full (more may exist further down).
    pub total: TotalSpec,
    pub results: Vec<EntityResponse>,
    #[schema(value_type = Object)]
    pub facets: BTreeMap<String, SearchFacet>,
}

/// Query parameters of `/search/{dataset}` as parsed.
#[derive(Debug, Clone, Serialize)]
struct SearchParams {
    q: String,
    schema: String,
    include_dataset: Vec<String>,
    exclude_dataset: Vec<String>,
    exclude_schema: Vec<String>,
    countries: Vec<String>,
    topics: Vec<String>,
    datasets: Vec<String>,
    limit: usize,
    offset: usize,
    target: Option<bool>,
    facets: Vec<String>,
    and: bool,
}

const FACETS: &[(&str, &str)] = &[
    ("countries", "Countries"),
    ("topics", "Topics"),
    ("datasets", "Data sources"),
    ("schema", "Entity types"),
    ("identifiers", "Identifiers"),
    ("genders", "Genders"),
];

fn parse_search(pairs: &[(String, String)], max_limit: usize) -> Result<SearchParams, ApiError> {
    let mut p = SearchParams {
        q: String::new(),
        schema: "Thing".into(),
        include_dataset: Vec::new(),
        exclude_dataset: Vec::new(),
        exclude_schema: Vec::new(),
        countries: Vec::new(),
        topics: Vec::new(),
        datasets: Vec::new(),
        limit: 10.min(max_limit),
        offset: 0,
        target: None,
        facets: Vec::new(),
        and: false,
    };
    let mut facets_given = false;
    let bad = |k: &str, v: &str, what: &str| {
        ApiError::InvalidRequest(format!("query parameter {k} must be {what}, got {v:?}"))
    };
    for (k, v) in pairs {
        match k.as_str() {
            "q" => p.q = v.trim().to_string(),
            "schema" => p.schema = v.trim().to_string(),
            "include_dataset" => p.include_dataset.push(v.clone()),
            "exclude_dataset" => p.exclude_dataset.push(v.clone()),
            "exclude_schema" => p.exclude_schema.push(v.clone()),
            "countries" => p.countries.push(v.trim().to_ascii_lowercase()),
            "topics" => p.topics.push(v.trim().to_string()),
            "datasets" => p.datasets.push(v.trim().to_string()),
            "limit" => {
                p.limit = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=max_limit).contains(n))
                    .ok_or_else(|| bad(k, v, &format!("between 1 and {max_limit}")))?
            }
            "offset" => {
                p.offset = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n <= MAX_SEARCH_OFFSET)
                    .ok_or_else(|| bad(k, v, &format!("between 0 and {MAX_SEARCH_OFFSET}")))?
            }
            "target" => {
                p.target = Some(match v.as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(bad(k, v, "true or false")),
                })
            }
            "facets" => {
                facets_given = true;
                if !FACETS.iter().any(|(f, _)| f == v) {
                    return Err(bad(k, v, "one of countries, topics, datasets, schema, identifiers, genders"));
                }
                p.facets.push(v.clone());
            }
            "filter_op" => {
                p.and = match v.to_ascii_uppercase().as_str() {
                    "AND" => true,
                    "OR" => false,
                    _ => return Err(bad(k, v, "AND or OR")),
                }
            }
            "filter" | "sort" if !v.is_empty() => {
                return Err(ApiError::InvalidRequest(format!(
                    "query parameter {k} is not supported by cordon (results are ordered by score; filter with countries, topics, datasets, schema)"
                )))
            }
            // Accepted and ignored: changed_since, fuzzy, simple, ...
            _ => {}
        }
    }
    if !facets_given {
        p.facets = vec!["countries".into(), "topics".into(), "datasets".into()];
    }
    Ok(p)
}

/// Whether an entity of `kind` is of FollowTheMoney schema `schema` or one
/// of its descendants.
fn is_schema(schema: &str, kind: EntityKind) -> bool {
    match schema {
        "Thing" => true,
        "LegalEntity" => matches!(kind, EntityKind::Person | EntityKind::Organization),
        other => kind_of_schema(other).ok().flatten() == Some(kind),
    }
}

/// Country codes (lower case) or names of an entity.
fn countries_of(e: &Entity) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &e.countries {
        let v = c
            .code
            .as_deref()
            .map(str::to_ascii_lowercase)
            .unwrap_or_else(|| c.name.clone());
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Every cordon entity is a sanctions target.
const TOPICS: &[&str] = &["sanction"];

/// yente's filter rule: with `and`, every wanted value is present; else any.
fn wanted(want: &[String], have: &[String], and: bool) -> bool {
    if want.is_empty() {
        return true;
    }
    if and {
        want.iter().all(|w| have.contains(w))
    } else {
        want.iter().any(|w| have.contains(w))
    }
}

/// The facet values of one entity.
fn facet_values(facet: &str, e: &Entity) -> Vec<(String, String)> {
    match facet {
        "countries" => countries_of(e)
            .into_iter()
            .map(|c| {
                let label = cordon_engine::country::name_for(&c)
                    .unwrap_or(&c)
                    .to_string();
                (c, label)
            })
            .collect(),
        "topics" => TOPICS
            .iter()
            .map(|t| (t.to_string(), "Sanctioned entity".to_string()))
            .collect(),
        "datasets" => vec![(
            datasets::yente_name(&e.list).into_owned(),
            datasets::title(&e.list),
        )],
        "schema" => {
            let s = schema_of_kind(e.kind).to_string();
            vec![(s.clone(), s)]
        }
        "identifiers" => e
            .identifiers
            .iter()
            .map(|i| (i.value.clone(), i.value.clone()))
            .collect(),
        "genders" => e
            .gender
            .map(|g| {
                let s = match g {
                    Gender::Male => "male",
                    Gender::Female => "female",
                };
                vec![(s.to_string(), s.to_string())]
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Facet counts over `entities`, most frequent first.
fn facets(names: &[String], entities: &[&Entity]) -> BTreeMap<String, SearchFacet> {
    let mut out = BTreeMap::new();
    for name in names {
        let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for e in entities {
            for (value, label) in facet_values(name, e) {
                counts.entry(value).or_insert((label, 0)).1 += 1;
            }
        }
        let mut values: Vec<SearchFacetItem> = counts
            .into_iter()
            .map(|(name, (label, count))| SearchFacetItem { name, label, count })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        let label = FACETS
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, l)| l.to_string())
            .unwrap_or_default();
        out.insert(name.clone(), SearchFacet { label, values });
    }
    out
}

/// Search entities by text (yente-compatible).
#[utoipa::path(
    get,
    path = "/search/{dataset}",
    tag = "yente",
    params(
        ("dataset" = String, Path, description = "`default`, `sanctions`, a yente dataset name from GET /catalog or a list id"),
        ("q" = Option<String>, Query, description = "Text, screened as a name; empty lists every entity in scope"),
        ("schema" = Option<String>, Query, description = "Thing (default), LegalEntity, Person, Organization, Company, Vessel, Airplane"),
        ("include_dataset" = Option<Vec<String>>, Query, description = "Only these datasets"),
        ("exclude_dataset" = Option<Vec<String>>, Query, description = "Not these datasets"),
        ("exclude_schema" = Option<Vec<String>>, Query, description = "Not these schemata"),
        ("countries" = Option<Vec<String>>, Query, description = "ISO codes; see filter_op"),
        ("topics" = Option<Vec<String>>, Query, description = "Every cordon entity has the topic `sanction`"),
        ("datasets" = Option<Vec<String>>, Query, description = "Dataset names; see filter_op"),
        ("filter_op" = Option<String>, Query, description = "OR (default) or AND, for countries, topics and datasets"),
        ("limit" = Option<usize>, Query, description = "Results (default 10)"),
        ("offset" = Option<usize>, Query, description = "Skip this many results (at most 500)"),
        ("facets" = Option<Vec<String>>, Query, description = "countries, topics, datasets (default), schema, identifiers, genders"),
    ),
    responses(
        (status = 200, description = "Results", body = SearchResponse),
        (status = 400, description = "Invalid request (also `filter` and `sort`, which cordon cannot honour)", body = crate::error::ErrorBody),
        (status = 404, description = "Unknown dataset", body = crate::error::ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    Path(dataset): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
    caller: Caller,
    request_id: RequestId,
) -> Result<Json<SearchResponse>, ApiError> {
    let p = parse_search(&pairs, state.config().max_limit)?;
    if p.schema != "Thing" && p.schema != "LegalEntity" {
        kind_of_schema(&p.schema)?;
    }
    if !p.q.is_empty() {
        cordon_engine::Query::new(p.q.clone())
            .validate(today())
            .map_err(|e| ApiError::InvalidRequest(format!("q: {e}")))?;
    }
    let snapshot = state.snapshot();
    let only = datasets::lists_of(&dataset, &snapshot)?;
    let include = datasets::lists_of_all("include_dataset", &p.include_dataset, &snapshot)?;
    let exclude = datasets::lists_of_all("exclude_dataset", &p.exclude_dataset, &snapshot)?
        .unwrap_or_default();
    let st = state.clone();
    let response = state
        .on_pool(move |_| {
            let in_scope = |e: &Entity| {
                only.as_ref().is_none_or(|l| l.contains(&e.list))
                    && include.as_ref().is_none_or(|l| l.contains(&e.list))
                    && !exclude.contains(&e.list)
                    && is_schema(&p.schema, e.kind)
                    && !p.exclude_schema.iter().any(|s| s == schema_of_kind(e.kind))
                    && p.target != Some(false)
                    && wanted(&p.countries, &countries_of(e), p.and)
                    && wanted(
                        &p.topics,
                        &TOPICS.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
                        p.and,
                    )
                    && wanted(
                        &p.datasets,
                        &[datasets::yente_name(&e.list).into_owned()],
                        p.and,
                    )
            };
            let index = snapshot.index();
            let (found, relation, matches): (Vec<&Entity>, &str, Vec<Match>) = if p.q.is_empty() {
                let all: Vec<&Entity> = index.entities().iter().filter(|e| in_scope(e)).collect();
                (all, "eq", Vec::new())
            } else {
                let window = p.offset + p.limit + FILTER_HEADROOM;
                let query = cordon_engine::Query {
                    kind: kind_of_schema(&p.schema).ok().flatten(),
                    ..cordon_engine::Query::new(p.q.clone())
                };
                let screened = index.screen(
                    &query,
                    &ScreenOptions {
                        limit: window,
                        threshold: weights::DEFAULT_THRESHOLD,
                    },
                );
                let full = screened.len() >= window;
                let matches: Vec<Match> = screened
                    .into_iter()
                    .filter(|m| index.get(&m.entity_id).is_some_and(in_scope))
                    .collect();
                let found = matches
                    .iter()
                    .filter_map(|m| index.get(&m.entity_id))
                    .collect();
                (found, if full { "gte" } else { "eq" }, matches)
            };
            let page: Vec<&Entity> = found.iter().skip(p.offset).take(p.limit).copied().collect();
            if !p.q.is_empty() {
                let shown: Vec<Match> = matches
                    .iter()
                    .skip(p.offset)
                    .take(p.limit)
                    .cloned()
                    .collect();
                let matched = shown.iter().any(|m| m.is_match);
                st.count_query("/search/{dataset}", matched);
                st.audit(ScreeningEvent {
                    source: "api",
                    caller: caller.0,
                    request_id: request_id.0,
                    query: serde_json::json!({
                        "route": "/search/{dataset}",
                        "dataset": dataset,
                        "params": p,
                    }),
                    snapshot: snapshot.version().to_string(),
                    results: audited(&shown),
                    matched: Some(matched),
                });
            }
            SearchResponse {
                limit: p.limit,
                offset: p.offset,
                total: TotalSpec {
                    value: found.len(),
                    relation: if relation == "gte" { "gte" } else { "eq" },
                },
                results: page
                    .into_iter()
                    .map(|e| entity_response(e, st.ftm_properties(&snapshot, e)))
                    .collect(),
                facets: facets(&p.facets, &found),
            }
        })
        .await?;
    Ok(Json(response))
}

/// One dataset of `/catalog` (the fields of yente's `YenteDatasetModel`
/// that cordon can fill, plus `cordon_list`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogDataset {
    /// yente's name, e.g. `us_ofac_sdn`; collections `default`, `sanctions`.
    pub name: String,
    pub title: String,
    pub summary: String,
    /// The list's content version (as in `GET /lists`); the snapshot
    /// version for a collection.
    pub version: String,
    /// The list's publication date (else the date in its file name), when
    /// known.
    pub updated_at: Option<String>,
    pub entity_count: usize,
    /// The datasets a collection holds; empty for a list.
    pub children: Vec<String>,
    /// True for a list, false for a collection (as yente).
    pub load: bool,
    pub namespace: bool,
    /// Same as `version`: what is served is what was loaded.
    pub index_version: String,
    pub index_current: bool,
    /// The cordon list id (`ofac-sdn`); null for a collection.
    pub cordon_list: Option<String>,
}

/// Response of `GET /catalog` (yente's `DataCatalogModel`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogResponse {
    pub datasets: Vec<CatalogDataset>,
    /// The loaded lists' dataset names.
    pub current: Vec<String>,
    /// Always empty: cordon serves the snapshot it loaded.
    pub outdated: Vec<String>,
    pub index_stale: bool,
}

/// `YYYY-MM-DD` as an ISO date-time; other forms are not a yente date.
fn iso_datetime(date: &str) -> Option<String> {
    let b = date.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    ok.then(|| format!("{date}T00:00:00"))
}

/// The loaded lists as yente datasets (yente-compatible).
#[utoipa::path(
    get,
    path = "/catalog",
    tag = "yente",
    responses((status = 200, description = "Datasets", body = CatalogResponse))
)]
pub async fn catalog(State(state): State<AppState>) -> Json<CatalogResponse> {
    let snapshot = state.snapshot();
    let mut lists = Vec::new();
    for l in snapshot.lists() {
        let files: Vec<&str> = l
            .files
            .iter()
            .map(|f| {
                std::path::Path::new(&f.path)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(&f.path)
            })
            .collect();
        lists.push(CatalogDataset {
            name: datasets::yente_name(&l.list).into_owned(),
            title: datasets::title(&l.list),
            summary: format!(
                "cordon list {} ({} format), from {}",
                l.list,
                l.format,
                files.join(", ")
            ),
            version: l.version.clone(),
            updated_at: l.date().and_then(iso_datetime),
            entity_count: l.entities,
            children: Vec::new(),
            load: true,
            namespace: false,
            index_version: l.version.clone(),
            index_current: true,
            cordon_list: Some(l.list.clone()),
        });
    }
    let current: Vec<String> = lists.iter().map(|d| d.name.clone()).collect();
    let mut all: Vec<CatalogDataset> = datasets::COLLECTIONS
        .iter()
        .map(|(name, title)| CatalogDataset {
            name: name.to_string(),
            title: title.to_string(),
            summary: format!("{title}: {}", current.join(", ")),
            version: snapshot.version().to_string(),
            updated_at: None,
            entity_count: snapshot.index().len(),
            children: current.clone(),
            load: false,
            namespace: false,
            index_version: snapshot.version().to_string(),
            index_current: true,
            cordon_list: None,
        })
        .collect();
    all.extend(lists);
    Json(CatalogResponse {
        datasets: all,
        current,
        outdated: Vec::new(),
        index_stale: false,
    })
}

/// One feature of an algorithm (nomenklatura's `FeatureDoc`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeatureDoc {
    pub description: Option<String>,
    /// The feature's largest effect on the final score.
    pub coefficient: f64,
    pub url: String,
}

/// nomenklatura's `AlgorithmDocs`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlgorithmDocs {
    pub name: String,
    pub description: Option<String>,
    /// cordon's matcher takes no configuration: always empty.
    #[schema(value_type = Object)]
    pub config: BTreeMap<String, serde_json::Value>,
    #[schema(value_type = Object)]
    pub features: BTreeMap<String, FeatureDoc>,
}

/// One algorithm (yente's `Algorithm`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Algorithm {
    pub name: String,
    pub description: Option<String>,
    /// yente's deprecated copy of `docs.features`.
    #[schema(value_type = Object)]
    pub features: BTreeMap<String, FeatureDoc>,
    pub docs: AlgorithmDocs,
}

/// Response of `GET /algorithms` (yente's `AlgorithmResponse`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlgorithmsResponse {
    pub algorithms: Vec<Algorithm>,
    pub default: &'static str,
    pub best: &'static str,
}

const DOCS_URL: &str = "ARCHITECTURE.md#a-query-step-by-step";

/// The explanation keys of `/match` results and their largest effects.
fn features() -> BTreeMap<String, FeatureDoc> {
    let f = |d: &str, c: f64| FeatureDoc {
        description: Some(d.to_string()),
        coefficient: c,
        url: DOCS_URL.to_string(),
    };
    [
        ("name", f("Name score: the best aligned name forms of query and entity, tokens weighted by rarity; the base of the final score", 1.0)),
        ("name_tokens", f("The token alignment behind the name score (informational; its score is the share of the query covered)", 0.0)),
        ("dob", f("Date of birth: added for the same day, month or year, subtracted for a different one", weights::DOB_SAME_DAY)),
        ("country", f("Nationality, citizenship, jurisdiction or address country: added when shared, subtracted when the list gives others", weights::COUNTRY_MATCH)),
        ("gender", f("Gender: added when equal, subtracted when different", weights::GENDER_MATCH)),
        ("identifier", f("Identifiers (IMO, MMSI, BIC, LEI, INN, OGRN, passport, ...): an equal one makes a near-certain match, a conflicting one of a unique type subtracts", weights::ID_MATCH_BASE)),
        ("name_type", f("The matched name is a weak alias: its score is capped", 0.0)),
        ("information", f("Notes on the score (generic words, short names); no effect of its own", 0.0)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// yente's algorithm names, kept so a client configured with one works.
const ALIASES: &[&str] = &[
    "logic-v2",
    "logic-v1",
    "name-based",
    "name-qualified",
    "regression-v1",
];

/// The scoring algorithms `/match` accepts (yente-compatible).
#[utoipa::path(
    get,
    path = "/algorithms",
    tag = "yente",
    responses((status = 200, description = "Algorithms", body = AlgorithmsResponse))
)]
pub async fn algorithms() -> Json<AlgorithmsResponse> {
    let make = |name: &str, description: String| {
        let features = features();
        Algorithm {
            name: name.to_string(),
            description: Some(description.clone()),
            features: features.clone(),
            docs: AlgorithmDocs {
                name: name.to_string(),
                description: Some(description),
                config: BTreeMap::new(),
                features,
            },
        }
    };
    let mut list = vec![make(
        "cordon",
        format!(
            "cordon's matcher: names in any script and word order, tokens weighted by rarity, then date of birth, country, gender and identifier evidence. A result is a match at {} unless the request sets threshold.",
            weights::DEFAULT_THRESHOLD
        ),
    )];
    for a in ALIASES {
        list.push(make(
            a,
            format!("yente's name, accepted so existing clients work: scored by cordon's matcher, exactly as `cordon`, not by yente's {a}."),
        ));
    }
    Json(AlgorithmsResponse {
        algorithms: list,
        default: "cordon",
        best: "cordon",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(s: &[(&str, &str)]) -> Result<SearchParams, ApiError> {
        parse_search(
            &s.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>(),
            100,
        )
    }

    #[test]
    fn search_parameters_are_checked() {
        let p = params(&[("q", " acme "), ("countries", "RU"), ("filter_op", "and")]).unwrap();
        assert_eq!(p.q, "acme");
        assert_eq!(p.countries, vec!["ru"]);
        assert!(p.and);
        assert_eq!(p.limit, 10);
        assert_eq!(p.facets, vec!["countries", "topics", "datasets"]);
        assert!(params(&[("limit", "0")]).is_err());
        assert!(params(&[("limit", "101")]).is_err());
        assert!(params(&[("offset", "501")]).is_err());
        assert!(params(&[("facets", "colours")]).is_err());
        assert!(params(&[("filter", "properties.birthDate:1985")]).is_err());
        assert!(params(&[("sort", "caption:asc")]).is_err());
        assert!(params(&[("target", "maybe")]).is_err());
        assert!(params(&[("changed_since", "2024-01-01"), ("fuzzy", "true")]).is_ok());
    }

    #[test]
    fn schemata_nest_as_in_followthemoney() {
        assert!(is_schema("Thing", EntityKind::Vessel));
        assert!(is_schema("LegalEntity", EntityKind::Person));
        assert!(!is_schema("LegalEntity", EntityKind::Vessel));
        assert!(is_schema("Company", EntityKind::Organization));
        assert!(!is_schema("Person", EntityKind::Organization));
    }

    #[test]
    fn only_whole_dates_become_datetimes() {
        assert_eq!(
            iso_datetime("2024-05-03").as_deref(),
            Some("2024-05-03T00:00:00")
        );
        assert_eq!(iso_datetime("2024-05"), None);
        assert_eq!(iso_datetime("03.05.2024"), None);
    }
}
