//! OpenSanctions FollowTheMoney entities, JSON lines (`*.ftm.json`), and
//! OpenSanctions delta files (`{"op": "ADD"|"MOD"|"DEL", "entity": {...}}`
//! per line).
//!
//! **List id.** Each file is a list of its own, named after its dataset
//! ([`list_id`]): `entities.ftm.json` (the default collection) is
//! `opensanctions`, `zala.entities.ftm.json` is `opensanctions-zala`. Two
//! datasets loaded together therefore keep their own versions, and the same
//! OpenSanctions entity in both stays two entities, each traced to its file.
//!
//! **Entities.** Matchable schemata become entities with id
//! `LIST:ENTITY_ID` (`opensanctions:NK-…`, `opensanctions-zala:…`): `Person` (person), `Company`,
//! `Organization`, `LegalEntity`, `PublicBody` (organisation), `Vessel`,
//! `Airplane` (aircraft). Names: the first `name` is primary, other
//! `name`s and `alias` are a.k.a., `previousName` f.k.a., `weakAlias` weak
//! a.k.a.; non-Latin names get their script. `birthDate` keeps its
//! precision; `nationality`, `citizenship`, `country`, `jurisdiction`,
//! `birthCountry`, `flag` are countries with their role; `idNumber`,
//! `passportNumber`, `taxNumber`, `innCode`, `ogrnCode`,
//! `registrationNumber`, `imoNumber`, `mmsi`, `swiftBic`, `leiCode`,
//! `vatCode` are identifiers; `address` (and the `full` text of linked
//! `Address` entities), `gender`, `notes` (remarks), `programId`
//! (programs), `topics` and `datasets` (one remark each:
//! `OpenSanctions topics: a, b`, `OpenSanctions datasets: a, b`).
//!
//! **Other records.** A `Sanction` adds to its `entity` one program (its
//! `program`, else `programId`, else `authority`) and one remark
//! `Sanction: authority; program; reason`. Relations (`Ownership`,
//! `Directorship`, `Family`, `Associate`, `UnknownLink`, `Representation`,
//! `Employment`, `Membership`) become a [`Link`] on both ends, relation
//! `schema:role-of-the-other-party` in lower case (`ownership:owner`,
//! `ownership:asset`, `family:relative`). `Passport`/`Identification`
//! records add an identifier to their `holder`. A record pointing at an
//! id not in the file is a warning.
//!
//! **Deltas.** [`apply_delta`] applies a delta file to a loaded list, in
//! file order: ADD/MOD of a matchable entity inserts or replaces it by id
//! (programs and links attached to the old version from other records are
//! carried over); ADD/MOD of a `Sanction`, relation or identity document
//! attaches to the entities it names; DEL removes the entity with that id.
//! A MOD or DEL of an id the list does not hold, and an ADD of one it
//! does, is a warning; DEL of a non-matchable record (a sanction, a
//! relation) cannot be undone on the loaded list and is counted as
//! unknown. Loading a delta on its own ([`load`] recognises one by its
//! first line) gives the ADD and MOD entities as the list and counts the
//! DELs in a warning.

use crate::common::{self, push_unique, warning};
use crate::countries::{country, push_country};
use crate::ftm;
use crate::xml::script_of;
use crate::{ListError, ListFormat, LoadWarning, LoadedList, Result};
use cordon_engine::{
    Address, CraftDetails, DateOfBirth, Entity, EntityKind, Gender, Identifier, IdentifierType,
    Link, Name, NameType, PartialDate, Provenance,
};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

const LIST: &str = "opensanctions";

/// The list id of an OpenSanctions file: `opensanctions` for the default
/// collection (`entities.ftm.json`, or its delta `entities.delta.json`),
/// else `opensanctions-DATASET` with the dataset the file name starts with
/// (`zala.entities.ftm.json` → `opensanctions-zala`), in lower case with
/// anything but letters, digits, `_` and `-` as `_`.
pub fn list_id(path: &Path) -> String {
    let name = crate::file_name(path).to_ascii_lowercase();
    let mut body = name.as_str();
    for suffix in [".json", ".ftm", ".delta", ".entities"] {
        body = body.strip_suffix(suffix).unwrap_or(body);
    }
    if body.is_empty() || body == "entities" || body == "default" {
        return LIST.to_string();
    }
    let dataset: String = body
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '_' | '-' => c,
            _ => '_',
        })
        .collect();
    format!("{LIST}-{dataset}")
}

/// One FtM record as read.
#[derive(Debug, Clone)]
struct Record {
    line: u64,
    id: String,
    schema: String,
    caption: Option<String>,
    props: Map<String, Value>,
    datasets: Vec<String>,
}

impl Record {
    fn values(&self, prop: &str) -> Vec<&str> {
        match self.props.get(prop) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
            Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim()],
            _ => Vec::new(),
        }
    }
}

/// What a delta did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeltaReport {
    /// Operations read, by kind.
    pub adds: usize,
    pub mods: usize,
    pub dels: usize,
    /// Entities inserted, replaced and removed.
    pub inserted: usize,
    pub replaced: usize,
    pub removed: usize,
    /// Non-matchable records (sanctions, relations, documents) applied to
    /// the entities they name.
    pub attached: usize,
    /// Operations on ids the list does not hold (each also a warning).
    pub unknown: usize,
    /// Non-matchable records with no effect on entities (addresses not
    /// referenced, other schemata).
    pub ignored: usize,
}

/// The two ends of a relation schema: (property, property).
fn relation_ends(schema: &str) -> Option<(&'static str, &'static str)> {
    Some(match schema {
        "Ownership" => ("owner", "asset"),
        "Directorship" => ("director", "organization"),
        "Family" => ("person", "relative"),
        "Associate" => ("person", "associate"),
        "UnknownLink" => ("subject", "object"),
        "Representation" => ("agent", "client"),
        "Employment" => ("employee", "employer"),
        "Membership" => ("member", "organization"),
        _ => return None,
    })
}

/// Loads an `*.ftm.json` file or a delta file.
pub fn load(path: &Path) -> Result<LoadedList> {
    let bytes = common::read(path)?;
    parse(path, &bytes)
}

/// Parses FtM JSON lines (or a delta) from bytes; `name` is the file name
/// for provenance and messages. Entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    parse(Path::new(name), bytes)
}

fn json_err(file: &str, line: u64, message: impl Into<String>) -> ListError {
    ListError::Json {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// (line, object) for every non-blank line, within the
/// [`crate::limits`] (line length, records; serde_json refuses nesting
/// deeper than 128). A last line without a line end that is not a whole
/// JSON value was cut short: a [`ListError::Truncated`].
fn json_lines(file: &str, bytes: &[u8]) -> Result<Vec<(u64, Map<String, Value>)>> {
    let limits = crate::limits::Limits::DEFAULT;
    let text =
        std::str::from_utf8(bytes).map_err(|e| json_err(file, 1, format!("not UTF-8: {e}")))?;
    let unterminated = !text.is_empty() && !text.ends_with('\n');
    let count = text.lines().count();
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let line = i as u64 + 1;
        if l.len() > limits.line_bytes {
            return Err(crate::limits::exceeded(
                file,
                line,
                "",
                format!("a line longer than {} bytes", limits.line_bytes),
                "MAX_LINE_BYTES",
                limits.line_bytes,
            ));
        }
        if l.trim().is_empty() {
            continue;
        }
        crate::limits::check_records(file, line, out.len() + 1, &limits)?;
        let v: Value = serde_json::from_str(l).map_err(|e| {
            if unterminated && i + 1 == count && e.is_eof() {
                ListError::Truncated {
                    file: file.to_string(),
                    line,
                    message: format!("the last line is not a whole JSON object ({e})"),
                }
            } else {
                json_err(file, line, e.to_string())
            }
        })?;
        match v {
            Value::Object(o) => out.push((line, o)),
            _ => return Err(json_err(file, line, "expected a JSON object")),
        }
    }
    Ok(out)
}

fn record(file: &str, line: u64, o: &Map<String, Value>, need_schema: bool) -> Result<Record> {
    let id = o
        .get("id")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| json_err(file, line, "entity without an `id`"))?;
    let schema = o.get("schema").and_then(Value::as_str).unwrap_or("");
    if need_schema && schema.is_empty() {
        return Err(json_err(
            file,
            line,
            format!("entity {id} without a `schema`"),
        ));
    }
    let props = match o.get("properties") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(p)) => p.clone(),
        Some(_) => {
            return Err(json_err(
                file,
                line,
                format!("entity {id}: `properties` is not an object"),
            ))
        }
    };
    let datasets = o
        .get("datasets")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(Record {
        line,
        id: id.to_string(),
        schema: schema.to_string(),
        caption: o.get("caption").and_then(Value::as_str).map(str::to_string),
        props,
        datasets,
    })
}

fn is_delta(objects: &[(u64, Map<String, Value>)]) -> bool {
    objects
        .first()
        .is_some_and(|(_, o)| o.contains_key("op") && o.contains_key("entity"))
}

fn parse(path: &Path, bytes: &[u8]) -> Result<LoadedList> {
    let file = crate::file_name(path);
    let objects = json_lines(&file, bytes)?;
    let mut warnings = Vec::new();
    let (records, dels) = if is_delta(&objects) {
        let ops = delta_ops(&file, &objects)?;
        let dels = ops.iter().filter(|(op, _)| op == "DEL").count();
        let recs = ops
            .into_iter()
            .filter(|(op, _)| op != "DEL")
            .map(|(_, r)| r)
            .collect::<Vec<_>>();
        (recs, Some(dels))
    } else {
        let recs = objects
            .iter()
            .map(|(line, o)| record(&file, *line, o, true))
            .collect::<Result<Vec<_>>>()?;
        (recs, None)
    };
    let count = objects.len();
    let list = list_id(path);
    let entities = build(&list, &file, &records, &mut warnings);
    if let Some(d) = dels {
        warnings.push(warning(
            &file,
            None,
            format!("delta loaded on its own: ADD and MOD entities only; {d} DEL operations not applied"),
        ));
    }
    let mut loaded = common::loaded(
        ListFormat::OpenSanctions,
        path,
        bytes,
        count,
        entities,
        warnings,
        None,
    )?;
    loaded.list = list;
    Ok(loaded)
}

fn delta_ops(file: &str, objects: &[(u64, Map<String, Value>)]) -> Result<Vec<(String, Record)>> {
    objects
        .iter()
        .map(|(line, o)| {
            let op = o
                .get("op")
                .and_then(Value::as_str)
                .ok_or_else(|| json_err(file, *line, "delta line without an `op`"))?;
            if !matches!(op, "ADD" | "MOD" | "DEL") {
                return Err(json_err(
                    file,
                    *line,
                    format!("unknown op {op:?} (expected ADD, MOD or DEL)"),
                ));
            }
            let ent = o
                .get("entity")
                .and_then(Value::as_object)
                .ok_or_else(|| json_err(file, *line, "delta line without an `entity` object"))?;
            Ok((op.to_string(), record(file, *line, ent, op != "DEL")?))
        })
        .collect()
}

fn build(
    list: &str,
    file: &str,
    records: &[Record],
    warnings: &mut Vec<LoadWarning>,
) -> Vec<Entity> {
    let by_id: HashMap<&str, &Record> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut entities: Vec<Entity> = records
        .iter()
        .filter_map(|r| entity(list, file, r, &by_id))
        .collect();
    let mut index: HashMap<String, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.source_id.clone(), i))
        .collect();
    for r in records {
        if ftm::entity_kind(&r.schema).is_none() {
            attach(list, file, r, &mut entities, &mut index, warnings);
        }
    }
    entities
}

fn caption(r: &Record) -> String {
    r.values("name")
        .first()
        .map(|s| s.to_string())
        .or_else(|| r.caption.clone())
        .unwrap_or_else(|| r.id.clone())
}

fn entity(list: &str, file: &str, r: &Record, by_id: &HashMap<&str, &Record>) -> Option<Entity> {
    let kind = ftm::entity_kind(&r.schema)?;
    let primary = caption(r);
    let mut e = Entity::new(
        list,
        &r.id,
        kind,
        &primary,
        Provenance {
            list: list.to_string(),
            file: file.to_string(),
            line: Some(r.line),
        },
    );
    if let Some(n) = e.names.first_mut() {
        n.script = script_of(&primary).map(str::to_string);
    }
    // Names already taken, as a set: a line may hold very many.
    let mut seen: std::collections::HashSet<String> =
        e.names.iter().map(|n| n.name.clone()).collect();
    for (prop, t) in ftm::NAME_PROPERTIES {
        // The first `name` is the primary name; the others are aliases.
        let t = if *t == NameType::Primary {
            NameType::Aka
        } else {
            *t
        };
        for v in r.values(prop) {
            if seen.insert(v.to_string()) {
                let mut n = Name::new(v, t);
                n.script = script_of(v).map(str::to_string);
                e.names.push(n);
            }
        }
    }
    for d in r.values("birthDate") {
        match PartialDate::parse(d) {
            Some(date) => e.dates_of_birth.push(DateOfBirth::Exact { date }),
            None => e.remarks.push(format!("Date of birth: {d}")),
        }
    }
    for p in r.values("birthPlace") {
        push_unique(&mut e.places_of_birth, p);
    }
    for (prop, role) in ftm::COUNTRY_PROPERTIES {
        for c in r.values(prop) {
            push_country(&mut e.countries, country(c, *role));
        }
    }
    for p in ftm::IDENTIFIER_PROPERTIES {
        let t = ftm::loaded_type(p, kind);
        for v in r.values(p.property) {
            let dup = e.identifiers.iter().any(|i| i.id_type == t && i.value == v);
            if !dup {
                e.identifiers.push(Identifier {
                    id_type: t,
                    label: p.label.to_string(),
                    value: v.to_string(),
                    country: None,
                    note: None,
                });
            }
        }
    }
    let mut addresses: Vec<String> = r.values("address").iter().map(|s| s.to_string()).collect();
    for a in r.values("addressEntity") {
        if let Some(rec) = by_id.get(a) {
            let full = rec
                .values("full")
                .first()
                .map(|s| s.to_string())
                .unwrap_or_else(|| {
                    ["street", "city", "postalCode", "region"]
                        .iter()
                        .flat_map(|p| rec.values(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                });
            if !full.is_empty() && !addresses.contains(&full) {
                addresses.push(full);
            }
        }
    }
    for a in addresses {
        e.addresses.push(Address {
            street: Some(a),
            ..Address::default()
        });
    }
    e.gender = r.values("gender").first().and_then(|g| Gender::parse(g));
    e.title = r.values("title").first().map(|s| s.to_string());
    for p in r.values("position") {
        e.remarks.push(format!("Position: {p}"));
    }
    for n in r.values("notes") {
        e.remarks.push(n.to_string());
    }
    for p in r.values("programId") {
        push_unique(&mut e.programs, p);
    }
    let topics = r.values("topics");
    if !topics.is_empty() {
        e.remarks
            .push(format!("OpenSanctions topics: {}", topics.join(", ")));
    }
    if !r.datasets.is_empty() {
        e.remarks
            .push(format!("OpenSanctions datasets: {}", r.datasets.join(", ")));
    }
    if matches!(kind, EntityKind::Vessel | EntityKind::Aircraft) {
        let first = |p: &str| r.values(p).first().map(|s| s.to_string());
        let mut craft = CraftDetails {
            call_sign: first("callSign"),
            vessel_type: first("type"),
            tonnage: first("tonnage"),
            gross_registered_tonnage: first("grossRegisteredTonnage"),
            flag: first("flag"),
            owner: None,
            other: Vec::new(),
        };
        if let Some(m) = first("model") {
            craft.other.push(format!("Model: {m}"));
        }
        if craft != CraftDetails::default() {
            e.craft = Some(Box::new(craft));
        }
    }
    Some(e)
}

/// Applies a non-matchable record to the entities it names. Returns
/// whether it had an effect.
fn attach(
    list: &str,
    file: &str,
    r: &Record,
    entities: &mut [Entity],
    index: &mut HashMap<String, usize>,
    warnings: &mut Vec<LoadWarning>,
) -> bool {
    let missing = |id: &str, what: &str, warnings: &mut Vec<LoadWarning>| {
        warnings.push(warning(
            file,
            Some(r.line),
            format!(
                "{} {} refers to {what} {id}, not in the list",
                r.schema, r.id
            ),
        ));
    };
    if r.schema == "Sanction" {
        let program = r
            .values("program")
            .first()
            .or(r.values("programId").first())
            .or(r.values("authority").first())
            .map(|s| s.to_string());
        let detail = ["authority", "program", "reason"]
            .iter()
            .filter_map(|p| r.values(p).first().map(|s| s.to_string()))
            .collect::<Vec<_>>()
            .join("; ");
        let mut any = false;
        for target in r.values("entity") {
            match index.get(target) {
                Some(&i) => {
                    if let Some(p) = &program {
                        push_unique(&mut entities[i].programs, p);
                    }
                    if !detail.is_empty() {
                        push_unique(&mut entities[i].remarks, &format!("Sanction: {detail}"));
                    }
                    any = true;
                }
                None => missing(target, "entity", warnings),
            }
        }
        return any;
    }
    if r.schema == "Passport" || r.schema == "Identification" {
        let number = r.values("number").first().map(|s| s.to_string());
        let mut any = false;
        for holder in r.values("holder") {
            match (index.get(holder), &number) {
                (Some(&i), Some(n)) => {
                    let t = if r.schema == "Passport" {
                        IdentifierType::Passport
                    } else {
                        IdentifierType::NationalId
                    };
                    let e = &mut entities[i];
                    if !e.identifiers.iter().any(|x| &x.value == n) {
                        e.identifiers.push(Identifier {
                            id_type: t,
                            label: r
                                .values("type")
                                .first()
                                .map(|s| s.to_string())
                                .unwrap_or_else(|| r.schema.clone()),
                            value: n.clone(),
                            country: r.values("country").first().map(|s| s.to_uppercase()),
                            note: None,
                        });
                    }
                    any = true;
                }
                (None, _) => missing(holder, "holder", warnings),
                _ => {}
            }
        }
        return any;
    }
    if let Some((a, b)) = relation_ends(&r.schema) {
        let schema = r.schema.to_ascii_lowercase();
        let ends_a = r.values(a);
        let ends_b = r.values(b);
        let mut any = false;
        for (mine, other, other_role) in ends_a
            .iter()
            .flat_map(|x| ends_b.iter().map(move |y| (*x, *y, b)))
            .chain(
                ends_b
                    .iter()
                    .flat_map(|y| ends_a.iter().map(move |x| (*y, *x, a))),
            )
        {
            let Some(&i) = index.get(mine) else {
                continue;
            };
            let other_name = index
                .get(other)
                .map(|&j| entities[j].primary_name().to_string())
                .unwrap_or_else(|| other.to_string());
            let link = Link {
                name: other_name,
                entity_id: Some(format!("{list}:{other}")),
                relation: format!("{schema}:{}", other_role.to_ascii_lowercase()),
            };
            if !entities[i].links.contains(&link) {
                entities[i].links.push(link);
            }
            any = true;
        }
        if !any {
            missing(&[ends_a, ends_b].concat().join(", "), "parties", warnings);
        }
        return any;
    }
    let _ = index;
    false
}

/// Applies an OpenSanctions delta file to a loaded list (see the module
/// documentation for the semantics). The delta file is added to
/// `base.files` and its warnings to `base.warnings`.
pub fn apply_delta(base: &mut LoadedList, path: &Path) -> Result<DeltaReport> {
    let bytes = common::read(path)?;
    apply_delta_bytes(base, &crate::file_name(path), path, &bytes)
}

/// [`apply_delta`] on bytes; `name` is the file name for messages.
pub fn apply_delta_bytes(
    base: &mut LoadedList,
    name: &str,
    path: &Path,
    bytes: &[u8],
) -> Result<DeltaReport> {
    let objects = json_lines(name, bytes)?;
    if !objects.is_empty() && !is_delta(&objects) {
        return Err(json_err(
            name,
            objects[0].0,
            "not a delta file: lines must be {\"op\": ..., \"entity\": ...}",
        ));
    }
    let ops = delta_ops(name, &objects)?;
    let mut report = DeltaReport::default();
    let mut warnings = Vec::new();
    let all: Vec<Record> = ops.iter().map(|(_, r)| r.clone()).collect();
    let by_id: HashMap<&str, &Record> = all.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut index: HashMap<String, usize> = base
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.source_id.clone(), i))
        .collect();
    for (op, r) in &ops {
        match op.as_str() {
            "ADD" => report.adds += 1,
            "MOD" => report.mods += 1,
            _ => report.dels += 1,
        }
        if op == "DEL" {
            match index.remove(&r.id) {
                Some(i) => {
                    base.entities.remove(i);
                    report.removed += 1;
                    for v in index.values_mut() {
                        if *v > i {
                            *v -= 1;
                        }
                    }
                }
                None => {
                    report.unknown += 1;
                    warnings.push(warning(
                        name,
                        Some(r.line),
                        format!("DEL of {}: not an entity of the list", r.id),
                    ));
                }
            }
            continue;
        }
        if let Some(new) = entity(&base.list, name, r, &by_id) {
            match index.get(&r.id) {
                Some(&i) => {
                    let old = std::mem::replace(&mut base.entities[i], new);
                    let e = &mut base.entities[i];
                    for p in &old.programs {
                        push_unique(&mut e.programs, p);
                    }
                    for l in old.links {
                        if !e.links.contains(&l) {
                            e.links.push(l);
                        }
                    }
                    report.replaced += 1;
                    if op == "ADD" {
                        warnings.push(warning(
                            name,
                            Some(r.line),
                            format!("ADD of {}: already in the list; replaced", r.id),
                        ));
                    }
                }
                None => {
                    base.entities.push(new);
                    index.insert(r.id.clone(), base.entities.len() - 1);
                    report.inserted += 1;
                    if op == "MOD" {
                        report.unknown += 1;
                        warnings.push(warning(
                            name,
                            Some(r.line),
                            format!("MOD of {}: not in the list; inserted", r.id),
                        ));
                    }
                }
            }
        } else if attach(
            &base.list,
            name,
            r,
            &mut base.entities,
            &mut index,
            &mut warnings,
        ) {
            report.attached += 1;
        } else {
            report.ignored += 1;
        }
    }
    base.files
        .push(common::source_file(path, bytes, objects.len()));
    base.warnings.extend(warnings);
    Ok(report)
}
