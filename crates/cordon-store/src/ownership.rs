//! Ownership data in a snapshot: the files read, the owners linked to list
//! entities, the rules assessed, and the *derived entities* that carry the
//! findings into the index.
//!
//! The flow, run once per snapshot (so the CLI and the server, whose
//! reloads build snapshots the same way, get the same result):
//!
//! 1. [`load_ownership`] reads the ownership files (`--ownership`, the
//!    files discovery names by [`is_ownership_file`], and the OpenSanctions
//!    list files that hold Ownership or Directorship records) into one
//!    [`Graph`]; a file that fails fails the load, naming file and line.
//! 2. The lists are indexed as always; then [`resolve`] links every party
//!    that holds an interest to list entities: by the same record (an
//!    OpenSanctions party that is an entity of a loaded OpenSanctions
//!    list), by identifier (its identifiers screened alone), else by its
//!    name screened with its evidence (kind, countries, birth date) at the
//!    default threshold. Each link keeps its score and how it was made.
//! 3. [`cordon_ownership::assess`] applies the rules on the day assessed.
//! 4. Every party with a finding that involves listed owners becomes an
//!    entity of the list `ownership` ([`cordon_engine::OWNERSHIP_LIST`])
//!    with its names, countries, identifiers and the findings; the index
//!    is built again over the list entities and these. Every entry point
//!    (screen, batch, `/match`, `/screen`, monitoring) then screens them
//!    like any entity, and a result on one carries the findings.
//!
//! Without ownership data none of this runs: no second index, no cost.

use cordon_engine::{
    Country, CountryRole, DateOfBirth, Entity, EntityKind, Identifier, IdentifierType, Index, Name,
    NameType, OwnershipFinding, OwnershipFindings, OwnershipLink, OwnershipOwner, OwnershipVerdict,
    PartialDate, Provenance, Query, ScreenOptions, DEFAULT_THRESHOLD, OWNERSHIP_LIST,
};
pub use cordon_ownership::{
    assess, Assessment, Basis, Date, Finding, Graph, LinkMethod, Listed, ListedParty, Party,
    PartyId, PartyKind, RuleSet, Verdict,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::{Result, StoreError};

/// Whether discovery takes a file as ownership data by its name:
/// `*.bods.json`, `*.bods.jsonl` and `ownership*.csv`, in any case.
/// (OpenSanctions list files are offered too, see [`OwnershipSpec`].)
pub fn is_ownership_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    name.ends_with(".bods.json")
        || name.ends_with(".bods.jsonl")
        || (name.starts_with("ownership") && name.ends_with(".csv"))
}

/// Whether a list file is an OpenSanctions FollowTheMoney file that may
/// hold Ownership and Directorship records (`*.ftm.json`; delta files are
/// changes, not a whole dataset).
pub fn is_ftm_list_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".ftm.json"))
}

/// Which ownership data to read and how to assess it.
#[derive(Debug, Clone, Default)]
pub struct OwnershipSpec {
    /// Ownership files: given with `--ownership`, or found by
    /// [`is_ownership_file`]. Each must load.
    pub files: Vec<PathBuf>,
    /// OpenSanctions list files, also read as ownership data when they
    /// hold Ownership or Directorship records (a file with none adds
    /// nothing).
    pub list_files: Vec<PathBuf>,
    /// A rules file instead of the built-in rules.
    pub rules: Option<PathBuf>,
    /// The day assessed (default: today, UTC).
    pub as_of: Option<Date>,
}

impl OwnershipSpec {
    /// Whether there is anything to read at all.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.list_files.is_empty()
    }
}

/// One ownership file read.
#[derive(Debug, Clone, Serialize)]
pub struct OwnershipFile {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub parties: usize,
    pub interests: usize,
    /// `ownership` (a file of ownership data) or `list` (an OpenSanctions
    /// list file that also holds ownership records).
    pub role: &'static str,
}

/// Ownership data read, before the lists are known.
#[derive(Debug, Clone)]
pub struct LoadedOwnership {
    pub graph: Graph,
    pub files: Vec<OwnershipFile>,
    pub rules: RuleSet,
    /// Where the rules come from: `built-in` or the file.
    pub rules_source: String,
    /// SHA-256 of the rules text.
    pub rules_sha256: String,
    pub as_of: Date,
    pub load_time: Duration,
}

/// Reads the ownership data of `spec`; `None` when there is none (no
/// files, and no list file holds ownership records). Any file that fails
/// fails the whole load.
pub fn load_ownership(spec: &OwnershipSpec) -> Result<Option<LoadedOwnership>> {
    if spec.is_empty() {
        return Ok(None);
    }
    let t0 = Instant::now();
    let (rules, rules_source, rules_text) = match &spec.rules {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| StoreError::io(p, e))?;
            let rules = RuleSet::parse(&text, &p.display().to_string())?;
            (rules, p.display().to_string(), text)
        }
        None => (
            RuleSet::builtin(),
            "built-in".to_string(),
            cordon_ownership::rules::BUILTIN_RULES.to_string(),
        ),
    };
    let mut graph = Graph::new();
    let mut files = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let all = spec
        .files
        .iter()
        .map(|p| (p, "ownership"))
        .chain(spec.list_files.iter().map(|p| (p, "list")));
    for (path, role) in all {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if !seen.insert(key) {
            continue;
        }
        let g = cordon_ownership::load_path(path)?;
        let stats = g.stats();
        if role == "list" && stats.interests == 0 {
            // A list file without ownership records: a list only.
            continue;
        }
        let (sha256, bytes) = file_hash(path)?;
        files.push(OwnershipFile {
            path: path.display().to_string(),
            sha256,
            bytes,
            parties: stats.parties,
            interests: stats.interests,
            role,
        });
        graph.merge(g);
    }
    if files.is_empty() {
        return Ok(None);
    }
    Ok(Some(LoadedOwnership {
        graph,
        files,
        rules,
        rules_source,
        rules_sha256: hex(&Sha256::digest(rules_text.as_bytes()), 32),
        as_of: spec.as_of.unwrap_or_else(Date::today),
        load_time: t0.elapsed(),
    }))
}

fn file_hash(path: &Path) -> Result<(String, u64)> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::io(path, e))?;
    Ok((hex(&Sha256::digest(&bytes), 32), bytes.len() as u64))
}

fn hex(digest: &[u8], n: usize) -> String {
    digest.iter().take(n).map(|b| format!("{b:02x}")).collect()
}

/// What `cordon lists`, `/lists` and the page show of the ownership data.
#[derive(Debug, Clone, Serialize)]
pub struct OwnershipSummary {
    /// 16 hex digits over the files, the rules, which rules are in force
    /// and the versions of the lists the owners were linked to.
    pub version: String,
    /// The day the rules were assessed on.
    pub as_of: String,
    pub rules_source: String,
    pub files: Vec<OwnershipFile>,
    pub parties: usize,
    pub interests: usize,
    /// Parties holding an interest (the owners screened).
    pub owners: usize,
    /// Owners linked to at least one list entity.
    pub owners_linked: usize,
    /// Links made (an owner may be linked to several entities).
    pub links: usize,
    /// Entities derived (parties with a finding involving listed owners).
    pub derived: usize,
    /// Of them, those a rule in force captures (or may).
    pub captured: usize,
    pub rules: Vec<RuleState>,
    /// Cycles, shares over 100% and other problems of the data, in words.
    pub problems: Vec<String>,
    #[serde(skip)]
    pub load_time: Duration,
    #[serde(skip)]
    pub resolve_time: Duration,
}

/// A rule and whether it is in force on the day assessed.
#[derive(Debug, Clone, Serialize)]
pub struct RuleState {
    pub id: String,
    pub name: String,
    pub citation: String,
    pub in_force: bool,
    pub windows: String,
}

/// The ownership part of a snapshot: the graph, the links, the
/// assessment (for `cordon ownership`) and the summary.
#[derive(Debug)]
pub struct OwnershipState {
    pub graph: Graph,
    pub listed: Listed,
    pub assessment: Assessment,
    pub rules: RuleSet,
    pub as_of: Date,
    pub summary: OwnershipSummary,
}

/// Links each party that holds an interest to the list entities of
/// `index` (see the module documentation). Proportional to the number of
/// owners: one identifier look-up and at most one screening each.
pub fn resolve(graph: &Graph, index: &Index) -> Listed {
    let holders: HashSet<&PartyId> = graph.interests().flat_map(|i| i.holders()).collect();
    let os_lists: Vec<&str> = {
        let mut v: Vec<&str> = index
            .entities()
            .iter()
            .map(|e| e.list.as_str())
            .filter(|l| l.starts_with("opensanctions"))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut out: Listed = HashMap::new();
    for party in graph.parties().filter(|p| holders.contains(&p.id)) {
        let links = resolve_party(party, index, &os_lists);
        if !links.is_empty() {
            out.insert(party.id.clone(), links);
        }
    }
    out
}

fn resolve_party(party: &Party, index: &Index, os_lists: &[&str]) -> Vec<ListedParty> {
    let mut links: Vec<ListedParty> = Vec::new();
    // The same record: an OpenSanctions party that is an entity of a
    // loaded OpenSanctions list.
    for l in os_lists {
        if let Some(e) = index.get(&format!("{l}:{}", party.id)) {
            links.push(listed(
                e,
                1.0,
                LinkMethod::Identifier {
                    scheme: e.list.clone(),
                    value: party.id.to_string(),
                },
            ));
        }
    }
    let kind = entity_kind(party.kind);
    // Identifiers first: screened alone, so the name plays no part.
    let mut by_identifier = 0;
    for id in &party.identifiers {
        let Some(q) = query_identifier(id) else {
            continue;
        };
        let query = Query {
            kind,
            identifiers: vec![q],
            ..Query::default()
        };
        by_identifier += link_matches(index, &query, &mut links, |_| LinkMethod::Identifier {
            scheme: id.scheme.clone(),
            value: id.value.clone(),
        });
    }
    if by_identifier > 0 {
        return links;
    }
    // Else the names, with the party's evidence.
    let dob = party.birth_date.as_deref().and_then(PartialDate::parse);
    for name in party.names() {
        let query = Query {
            name: name.to_string(),
            kind,
            dob,
            countries: party.countries.clone(),
            ..Query::default()
        };
        if query.validate(PartialDate::ymd(2999, 12, 31)).is_err() {
            continue;
        }
        link_matches(index, &query, &mut links, |m| LinkMethod::Name {
            explanation: format!("name \"{name}\": {}", m.explanation.summary),
        });
    }
    links
}

/// Screens `query` at the default threshold and links every match not
/// linked yet; returns how many were added.
fn link_matches(
    index: &Index,
    query: &Query,
    links: &mut Vec<ListedParty>,
    method: impl Fn(&cordon_engine::Match) -> LinkMethod,
) -> usize {
    let opts = ScreenOptions {
        limit: 5,
        threshold: DEFAULT_THRESHOLD,
    };
    let before = links.len();
    for m in index
        .screen(query, &opts)
        .into_iter()
        .filter(|m| m.is_match)
    {
        if links.iter().any(|l| l.entity_id == m.entity_id) {
            continue;
        }
        if let Some(e) = index.get(&m.entity_id) {
            links.push(listed(e, m.score, method(&m)));
        }
    }
    links.len() - before
}

fn listed(e: &Entity, score: f64, method: LinkMethod) -> ListedParty {
    ListedParty {
        entity_id: e.id.clone(),
        list: e.list.clone(),
        programs: e.programs.clone(),
        name: e.primary_name().to_string(),
        score,
        method,
    }
}

/// The engine's kind for a party's.
fn entity_kind(k: PartyKind) -> Option<EntityKind> {
    match k {
        PartyKind::Person => Some(EntityKind::Person),
        PartyKind::Company | PartyKind::PublicBody => Some(EntityKind::Organization),
        _ => None,
    }
}

/// A party identifier as a query identifier (`TYPE:VALUE`, the type by
/// [`cordon_ownership::PartyIdentifier::id_type`]; a scheme it does not
/// know is compared with every identifier). `None` for an empty value.
fn query_identifier(id: &cordon_ownership::PartyIdentifier) -> Option<String> {
    let value = id.value.trim();
    if value.is_empty() {
        return None;
    }
    let prefix = id
        .id_type()
        .and_then(|t| {
            cordon_lists::ftm::IDENTIFIER_PROPERTIES
                .iter()
                .find(|p| p.id_type == t && !p.query_prefix.is_empty())
        })
        .map_or("", |p| p.query_prefix);
    Some(format!("{prefix}{value}"))
}

/// The strongest in-force verdict of a party's findings.
fn overall(findings: &[OwnershipFinding]) -> OwnershipVerdict {
    let mut best: Option<OwnershipVerdict> = None;
    for f in findings {
        let v = if f.in_force {
            f.verdict
        } else if f.verdict.makes_match() {
            OwnershipVerdict::OutOfForce
        } else {
            continue;
        };
        best = Some(best.map_or(v, |b| b.min(v)));
    }
    best.unwrap_or(OwnershipVerdict::Below)
}

fn verdict(v: &Verdict) -> OwnershipVerdict {
    match v {
        Verdict::Captured => OwnershipVerdict::Captured,
        Verdict::MayReach => OwnershipVerdict::MayReach,
        Verdict::Undetermined => OwnershipVerdict::Undetermined,
        Verdict::Below => OwnershipVerdict::Below,
    }
}

fn link(l: &ListedParty) -> OwnershipLink {
    OwnershipLink {
        entity_id: l.entity_id.clone(),
        list: l.list.clone(),
        name: l.name.clone(),
        programs: l.programs.clone(),
        score: (l.score * 10_000.0).round() / 10_000.0,
        method: match &l.method {
            LinkMethod::Identifier { scheme, value } => {
                if l.list.starts_with("opensanctions") && *scheme == l.list {
                    format!("same record ({scheme} {value})")
                } else {
                    format!("identifier {scheme} {value}")
                }
            }
            LinkMethod::Name { explanation } => explanation.clone(),
        },
    }
}

/// A finding in the engine's terms, its text with the path.
fn convert(
    graph: &Graph,
    assessment: &Assessment,
    rules: &RuleSet,
    f: &Finding,
) -> OwnershipFinding {
    OwnershipFinding {
        rule_id: f.rule_id.clone(),
        rule_name: f.rule_name.clone(),
        citation: f.citation.clone(),
        url: (!f.url.is_empty()).then(|| f.url.clone()),
        verdict: verdict(&f.verdict),
        in_force: f.in_force,
        windows: f.windows_text.clone(),
        threshold_percent: rules.get(&f.rule_id).map_or(50.0, |r| r.threshold_percent),
        share_min: f.share_min,
        share_max: f.share_max,
        summary: crate::ownership_text::finding_text(assessment, f),
        owners: f
            .contributions
            .iter()
            .map(|c| OwnershipOwner {
                party_id: c.owner.to_string(),
                name: c.owner_name.clone(),
                share: c.share.describe(),
                path: c.path.iter().map(|p| graph.label(p).to_string()).collect(),
                basis: basis_name(&c.basis).to_string(),
                listed: match &c.basis {
                    Basis::Listed { listed } => vec![link(listed)],
                    _ => Vec::new(),
                },
            })
            .collect(),
    }
}

fn basis_name(b: &Basis) -> &'static str {
    match b {
        Basis::Listed { .. } => "listed",
        Basis::Captured { .. } => "captured",
        Basis::MayBeCaptured { .. } => "may_be_captured",
        Basis::Controls { .. } => "controls",
    }
}

/// The derived entity of a party with findings.
fn derive_entity(party: &Party, findings: OwnershipFindings) -> Entity {
    let kind = entity_kind(party.kind).unwrap_or(EntityKind::Organization);
    let mut e = Entity::new(
        OWNERSHIP_LIST,
        party.id.as_str(),
        kind,
        party.label(),
        Provenance {
            list: OWNERSHIP_LIST.to_string(),
            file: party.source.file.clone(),
            line: party.source.line.map(|l| l as u64),
        },
    );
    for n in &party.other_names {
        e.names.push(Name::new(n.clone(), NameType::Aka));
    }
    for c in &party.countries {
        e.countries.push(Country {
            name: c.clone(),
            code: Some(c.clone()),
            role: if kind == EntityKind::Person {
                CountryRole::Nationality
            } else {
                CountryRole::Registration
            },
        });
    }
    for i in &party.identifiers {
        e.identifiers.push(Identifier {
            id_type: i.id_type().unwrap_or(IdentifierType::Registration),
            label: i.scheme.clone(),
            value: i.value.clone(),
            country: None,
            note: None,
        });
    }
    if let Some(d) = party.birth_date.as_deref().and_then(PartialDate::parse) {
        e.dates_of_birth.push(DateOfBirth::Exact { date: d });
    }
    e.programs = findings
        .findings
        .iter()
        .filter(|f| f.in_force && f.verdict.makes_match())
        .map(|f| f.rule_id.clone())
        .collect();
    e.ownership = Some(Box::new(findings));
    e
}

/// Resolves, assesses and derives: the derived entities and the state.
/// `list_versions` are the versions of the loaded lists, in load order.
pub fn derive(
    loaded: LoadedOwnership,
    index: &Index,
    list_versions: &[String],
) -> (Vec<Entity>, OwnershipState) {
    let t0 = Instant::now();
    let LoadedOwnership {
        graph,
        files,
        rules,
        rules_source,
        rules_sha256,
        as_of,
        load_time,
    } = loaded;
    let listed = resolve(&graph, index);
    let assessment = assess(&graph, &listed, &rules, as_of);
    let as_of_text = as_of.to_string();
    let mut derived = Vec::new();
    for party in graph.parties() {
        let found = assessment.findings(&party.id);
        let findings: Vec<OwnershipFinding> = found
            .iter()
            .filter(|f| !f.contributions.is_empty())
            .map(|f| convert(&graph, &assessment, &rules, f))
            .collect();
        if findings.is_empty() {
            continue;
        }
        let v = overall(&findings);
        let lead = findings
            .iter()
            .find(|f| {
                let fv = if f.in_force {
                    f.verdict
                } else {
                    OwnershipVerdict::OutOfForce
                };
                fv == v || (v == OwnershipVerdict::OutOfForce && !f.in_force)
            })
            .unwrap_or(&findings[0]);
        let summary = format!(
            "{}{}: {}",
            lead.rule_name,
            if lead.in_force { "" } else { " (not in force)" },
            lead.summary
        );
        derived.push(derive_entity(
            party,
            OwnershipFindings {
                party_id: party.id.to_string(),
                verdict: v,
                summary,
                as_of: as_of_text.clone(),
                findings,
            },
        ));
    }
    let rule_states: Vec<RuleState> = rules
        .rules
        .iter()
        .map(|r| RuleState {
            id: r.id.clone(),
            name: r.name.clone(),
            citation: r.citation.clone(),
            in_force: r.in_force(as_of),
            windows: r.windows_text(),
        })
        .collect();
    let mut h = Sha256::new();
    for f in &files {
        h.update(f.sha256.as_bytes());
        h.update([0]);
    }
    h.update(rules_sha256.as_bytes());
    for r in &rule_states {
        h.update([u8::from(r.in_force)]);
    }
    for v in list_versions {
        h.update(v.as_bytes());
        h.update([0]);
    }
    let stats = graph.stats();
    let owners: HashSet<&PartyId> = graph.interests().flat_map(|i| i.holders()).collect();
    let summary = OwnershipSummary {
        version: hex(&h.finalize(), 8),
        as_of: as_of_text,
        rules_source,
        files,
        parties: stats.parties,
        interests: stats.interests,
        owners: owners.len(),
        owners_linked: listed.len(),
        links: listed.values().map(Vec::len).sum(),
        derived: derived.len(),
        captured: derived
            .iter()
            .filter(|e| e.ownership.as_ref().is_some_and(|o| o.makes_match()))
            .count(),
        rules: rule_states,
        problems: graph
            .problems_on(as_of)
            .iter()
            .map(|p| p.describe(&graph))
            .collect(),
        load_time,
        resolve_time: t0.elapsed(),
    };
    (
        derived,
        OwnershipState {
            graph,
            listed,
            assessment,
            rules,
            as_of,
            summary,
        },
    )
}

/// One party of the tree `cordon ownership` prints: its interest in (or
/// from) the party above, its links to list entities, and its own owners
/// or subsidiaries.
#[derive(Debug, Clone, Serialize)]
pub struct TreeNode {
    pub party_id: String,
    pub name: String,
    pub kind: PartyKind,
    /// The share held ("30%", "40–60%", "unknown").
    pub share: String,
    /// `shareholding`, `voting_rights`, `control`, `directorship`, ...
    pub interest: String,
    pub direct: bool,
    /// Where the interest was read (`owners.csv:3`).
    pub source: String,
    /// When the interest began and ended, as the data gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Whether it is held on the day assessed (an ended interest is shown
    /// but counts for no rule).
    pub current: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub listed: Vec<OwnershipLink>,
    /// Set when the party was already shown higher up this branch (a
    /// cycle) or the depth limit was reached: its branch is not repeated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<TreeNode>,
}

/// How many levels `cordon ownership` shows above and below a party.
pub const TREE_DEPTH: usize = 12;

impl OwnershipState {
    /// Every rule's finding about a party (with or without listed owners),
    /// in the engine's terms.
    pub fn findings_of(&self, id: &PartyId) -> Vec<OwnershipFinding> {
        self.assessment
            .findings(id)
            .iter()
            .map(|f| convert(&self.graph, &self.assessment, &self.rules, f))
            .collect()
    }

    /// The list entities a party is linked to.
    pub fn links_of(&self, id: &PartyId) -> Vec<OwnershipLink> {
        self.listed
            .get(id)
            .map(|v| v.iter().map(link).collect())
            .unwrap_or_default()
    }

    /// The parties linked to a list entity.
    pub fn parties_linked_to(&self, entity_id: &str) -> Vec<PartyId> {
        let mut v: Vec<PartyId> = self
            .listed
            .iter()
            .filter(|(_, ls)| ls.iter().any(|l| l.entity_id == entity_id))
            .map(|(p, _)| p.clone())
            .collect();
        v.sort();
        v
    }

    /// The parties whose names match `name` at `threshold`, best first,
    /// with their scores: the graph's parties indexed on demand (so any
    /// party is found, not only those with findings).
    pub fn search_parties(&self, name: &str, threshold: f64) -> Vec<(PartyId, f64)> {
        let entities: Vec<Entity> = self
            .graph
            .parties()
            .filter(|p| !p.label().is_empty())
            .map(|p| {
                let mut e = Entity::new(
                    "party",
                    p.id.as_str(),
                    entity_kind(p.kind).unwrap_or(EntityKind::Organization),
                    p.label(),
                    Provenance {
                        list: "party".into(),
                        file: String::new(),
                        line: None,
                    },
                );
                for n in &p.other_names {
                    e.names.push(Name::new(n.clone(), NameType::Aka));
                }
                e
            })
            .collect();
        let index = Index::build(entities);
        let q = Query {
            name: name.to_string(),
            ..Query::default()
        };
        index
            .screen(
                &q,
                &ScreenOptions {
                    limit: 10,
                    threshold,
                },
            )
            .into_iter()
            .filter(|m| m.is_match)
            .map(|m| {
                (
                    PartyId::new(m.entity_id.trim_start_matches("party:")),
                    m.score,
                )
            })
            .collect()
    }

    /// The owners of a party, upwards (`up`), or its holdings, downwards,
    /// to [`TREE_DEPTH`] levels; a party already on the branch is shown
    /// once more, cut (a cycle).
    pub fn tree(&self, id: &PartyId, up: bool) -> Vec<TreeNode> {
        let mut branch = vec![id.clone()];
        self.branch(id, up, &mut branch)
    }

    fn branch(&self, id: &PartyId, up: bool, branch: &mut Vec<PartyId>) -> Vec<TreeNode> {
        let interests: Vec<&cordon_ownership::Interest> = if up {
            self.graph.owners_of(id).collect()
        } else {
            self.graph.owned_by(id).collect()
        };
        let mut out = Vec::new();
        for i in interests {
            let other = if up { &i.owner } else { &i.owned };
            let party = self.graph.party(other);
            let mut node = TreeNode {
                party_id: other.to_string(),
                name: self.graph.label(other).to_string(),
                kind: party.map_or(PartyKind::Unknown, |p| p.kind),
                share: i.share.describe(),
                interest: interest_name(&i.kind),
                direct: i.direct,
                source: i.source.to_string(),
                start_date: i.start_date.clone(),
                end_date: i.end_date.clone(),
                current: i.current_on(self.as_of),
                listed: self.links_of(other),
                cut: None,
                children: Vec::new(),
            };
            if branch.contains(other) {
                node.cut = Some("cycle: already shown on this branch");
            } else if branch.len() > TREE_DEPTH {
                node.cut = Some("depth limit");
            } else {
                branch.push(other.clone());
                node.children = self.branch(other, up, branch);
                branch.pop();
            }
            out.push(node);
        }
        out
    }
}

fn interest_name(k: &cordon_ownership::InterestKind) -> String {
    use cordon_ownership::InterestKind as K;
    match k {
        K::Shareholding => "shareholding".into(),
        K::VotingRights => "voting_rights".into(),
        K::Control => "control".into(),
        K::Directorship => "directorship".into(),
        K::Unknown => "unknown".into(),
        K::Other(s) => s.clone(),
    }
}
