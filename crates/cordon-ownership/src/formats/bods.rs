//! Beneficial Ownership Data Standard (BODS) 0.4: entity, person and
//! relationship statements, as a JSON array or JSON lines.
//!
//! * **Records.** Statements are read in file order; a statement replaces
//!   the earlier one of the same `recordId` (`recordStatus` `updated`), and
//!   a `closed` record is dropped, so a file holding a record's history
//!   gives its latest state. A party's id is its `recordId`.
//! * **Parties.** Entities: `name`, `alternateNames`, `identifiers`
//!   (`scheme` or `schemeName`, and `id`), countries from `jurisdiction`
//!   and `addresses`; `entityType.type` gives the kind (`state`,
//!   `stateBody`: public body; `arrangement`: arrangement; others:
//!   company). Persons: `names` (`fullName`, else given and family names),
//!   `identifiers`, `nationalities`, `taxResidencies`, `addresses`,
//!   `birthDate`.
//! * **Interests.** Each of a relationship's `interests` is one
//!   [`Interest`] of `interestedParty` in `subject`: `shareholding`,
//!   `votingRights`; control (`appointmentOfBoard`,
//!   `otherInfluenceOrControl`, `controlViaCompanyRulesOrArticles`,
//!   `controlByLegalFramework`); an office (`boardMember`, `boardChair`,
//!   `seniorManagingOfficial`); an unknown interest (`unknownInterest`,
//!   `unpublishedInterest`, or no `type`: possibly ownership, share
//!   unknown); anything else is kept by name and counts for no rule.
//!   `share` gives `exact`, or `minimum`/`exclusiveMinimum` and
//!   `maximum`/`exclusiveMaximum`; no share is unknown. `directOrIndirect`
//!   `indirect` marks a summary of a chain (see the assessment);
//!   `unknown` is read as direct. `startDate` and `endDate` are kept.
//! * **Joint ownership** in BODS 0.4 is an `arrangement` entity holding
//!   the share, its holders holding the arrangement: an ordinary party of
//!   the graph.
//! * **Unspecified parties.** An `interestedParty` given as an
//!   unspecified record (a reason instead of a `recordId`) is reported as
//!   a [`Problem::UnspecifiedOwner`]; an unspecified `subject` as skipped.
//! * **Errors.** A statement that is not an object, lacks `recordId` or
//!   `recordType`, has an unknown `recordType`, or a share that is not a
//!   percentage is refused with the file and its line (JSON lines) or
//!   1-based record index (JSON array).

use rustc_hash::FxHashMap as HashMap;

use serde_json::{Map, Value};

use crate::error::{OwnershipError, Result};
use crate::graph::Problem;
use crate::graph::{Graph, Interest, InterestKind, Party, PartyId, PartyKind, SourceRef};
use crate::limits::{check_name, MAX_INTERESTS, MAX_PARTIES, MAX_VALUES_PER_RECORD};
use crate::share::Share;

pub(crate) fn load(records: &[(usize, Value)], file: &str) -> Result<Graph> {
    // The latest statement of each record, in first-seen order.
    let mut latest: HashMap<&str, usize> = HashMap::default();
    let mut order: Vec<&str> = Vec::new();
    let mut closed: HashMap<&str, bool> = HashMap::default();
    for (k, (pos, v)) in records.iter().enumerate() {
        let invalid = |m: &str| OwnershipError::invalid(file, Some(*pos), m.to_string());
        let obj = v
            .as_object()
            .ok_or_else(|| invalid("a BODS statement is a JSON object"))?;
        let id =
            str_field(obj, "recordId").ok_or_else(|| invalid("the statement has no recordId"))?;
        match str_field(obj, "recordType") {
            Some("entity" | "person" | "relationship") => {}
            Some(t) => {
                return Err(invalid(&format!(
                    "recordType {t:?} is not entity, person or relationship"
                )))
            }
            None => return Err(invalid("the statement has no recordType")),
        }
        if latest.insert(id, k).is_none() {
            order.push(id);
        }
        closed.insert(id, str_field(obj, "recordStatus") == Some("closed"));
    }
    if order.len() > MAX_PARTIES {
        return Err(crate::limits::exceeded(
            file,
            None,
            "the number of records",
            MAX_PARTIES,
        ));
    }
    let mut graph = Graph::new();
    let mut interests = 0usize;
    for id in order {
        if closed.get(id) == Some(&true) {
            continue;
        }
        let (pos, v) = &records[latest[id]];
        let pos = *pos;
        let source = SourceRef {
            file: file.to_string(),
            line: Some(pos),
        };
        let Some(obj) = v.as_object() else { continue };
        let details = obj.get("recordDetails").and_then(Value::as_object);
        let empty = Map::new();
        let d = details.unwrap_or(&empty);
        match str_field(obj, "recordType") {
            Some("entity") => graph.add_party(entity(id, d, source, file, pos)?),
            Some("person") => graph.add_party(person(id, d, source, file, pos)?),
            Some("relationship") => {
                for i in relationship(d, &source, file, pos, &mut graph)? {
                    interests += 1;
                    if interests > MAX_INTERESTS {
                        return Err(crate::limits::exceeded(
                            file,
                            Some(pos),
                            "the number of interests",
                            MAX_INTERESTS,
                        ));
                    }
                    graph.add_interest(i);
                }
            }
            _ => {}
        }
    }
    Ok(graph)
}

fn str_field<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The objects of an array field, bounded.
fn objects<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    file: &str,
    pos: usize,
) -> Result<Vec<&'a Map<String, Value>>> {
    let Some(items) = obj.get(key).and_then(Value::as_array) else {
        return Ok(Vec::new());
    };
    if items.len() > MAX_VALUES_PER_RECORD {
        return Err(crate::limits::exceeded(
            file,
            Some(pos),
            format!("the number of {key}"),
            MAX_VALUES_PER_RECORD,
        ));
    }
    Ok(items.iter().filter_map(Value::as_object).collect())
}

/// Identifiers and countries shared by entities and persons.
fn common(party: &mut Party, d: &Map<String, Value>, file: &str, pos: usize) -> Result<()> {
    for i in objects(d, "identifiers", file, pos)? {
        if let Some(value) = str_field(i, "id") {
            let scheme = str_field(i, "scheme")
                .or_else(|| str_field(i, "schemeName"))
                .unwrap_or("");
            party.add_identifier(scheme, value);
        }
    }
    let code = |o: Option<&Value>| {
        o.and_then(Value::as_object)
            .and_then(|c| str_field(c, "code"))
            .map(str::to_string)
    };
    if let Some(c) = code(d.get("jurisdiction")) {
        party.add_country(&c);
    }
    for key in ["nationalities", "taxResidencies"] {
        for c in objects(d, key, file, pos)? {
            if let Some(c) = str_field(c, "code") {
                party.add_country(c);
            }
        }
    }
    for a in objects(d, "addresses", file, pos)? {
        if let Some(c) = code(a.get("country")) {
            party.add_country(&c);
        }
    }
    Ok(())
}

fn entity(
    id: &str,
    d: &Map<String, Value>,
    source: SourceRef,
    file: &str,
    pos: usize,
) -> Result<Party> {
    let kind = match d
        .get("entityType")
        .and_then(Value::as_object)
        .and_then(|t| str_field(t, "type"))
    {
        Some("state" | "stateBody") => PartyKind::PublicBody,
        Some("arrangement") => PartyKind::Arrangement,
        _ => PartyKind::Company,
    };
    let name = str_field(d, "name").unwrap_or("");
    check_name(name, file, pos)?;
    let mut p = Party::new(PartyId::new(id), name, kind, source);
    if let Some(alts) = d.get("alternateNames").and_then(Value::as_array) {
        for a in alts
            .iter()
            .take(MAX_VALUES_PER_RECORD)
            .filter_map(Value::as_str)
        {
            check_name(a, file, pos)?;
            p.add_name(a);
        }
    }
    common(&mut p, d, file, pos)?;
    Ok(p)
}

fn person(
    id: &str,
    d: &Map<String, Value>,
    source: SourceRef,
    file: &str,
    pos: usize,
) -> Result<Party> {
    let mut p = Party::new(PartyId::new(id), "", PartyKind::Person, source);
    for n in objects(d, "names", file, pos)? {
        let full = match str_field(n, "fullName") {
            Some(f) => f.to_string(),
            None => [str_field(n, "givenName"), str_field(n, "familyName")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        };
        check_name(&full, file, pos)?;
        p.add_name(&full);
    }
    common(&mut p, d, file, pos)?;
    p.birth_date = str_field(d, "birthDate").map(str::to_string);
    Ok(p)
}

fn relationship(
    d: &Map<String, Value>,
    source: &SourceRef,
    file: &str,
    pos: usize,
    graph: &mut Graph,
) -> Result<Vec<Interest>> {
    let invalid = |m: String| OwnershipError::invalid(file, Some(pos), m);
    let subject = match d.get("subject") {
        Some(Value::String(s)) if !s.trim().is_empty() => PartyId::new(s.trim()),
        Some(Value::Object(_)) => {
            graph.add_note(Problem::Skipped {
                source: source.clone(),
                reason: "the relationship's subject is unspecified".into(),
            });
            return Ok(Vec::new());
        }
        _ => return Err(invalid("the relationship has no subject".into())),
    };
    let owner = match d.get("interestedParty") {
        Some(Value::String(s)) if !s.trim().is_empty() => PartyId::new(s.trim()),
        Some(Value::Object(u)) => {
            let reason = str_field(u, "reason").unwrap_or("no reason given");
            let description = str_field(u, "description")
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            graph.add_note(Problem::UnspecifiedOwner {
                owned: subject,
                reason: format!("{reason}{description}"),
                source: source.clone(),
            });
            return Ok(Vec::new());
        }
        _ => return Err(invalid("the relationship has no interestedParty".into())),
    };
    let mut out = Vec::new();
    for (n, i) in objects(d, "interests", file, pos)?.into_iter().enumerate() {
        let at = |m: String| invalid(format!("interests[{n}]: {m}"));
        let kind = match str_field(i, "type") {
            Some("shareholding") => InterestKind::Shareholding,
            Some("votingRights") => InterestKind::VotingRights,
            Some(
                "appointmentOfBoard"
                | "otherInfluenceOrControl"
                | "controlViaCompanyRulesOrArticles"
                | "controlByLegalFramework",
            ) => InterestKind::Control,
            Some("boardMember" | "boardChair" | "seniorManagingOfficial") => {
                InterestKind::Directorship
            }
            None | Some("unknownInterest" | "unpublishedInterest") => InterestKind::Unknown,
            Some(other) => InterestKind::Other(other.to_string()),
        };
        let share = match i.get("share") {
            None | Some(Value::Null) => Share::Unknown,
            Some(Value::Object(s)) => share(s).map_err(at)?,
            Some(_) => return Err(at("share is not an object".into())),
        };
        let mut interest =
            Interest::new(owner.clone(), subject.clone(), share, kind, source.clone());
        interest.direct = str_field(i, "directOrIndirect") != Some("indirect");
        interest.start_date = str_field(i, "startDate").map(str::to_string);
        interest.end_date = str_field(i, "endDate").map(str::to_string);
        out.push(interest);
    }
    if out.is_empty() {
        // A relationship with no interests says the party has some
        // interest, of unknown nature.
        out.push(Interest::new(
            owner,
            subject,
            Share::Unknown,
            InterestKind::Unknown,
            source.clone(),
        ));
    }
    Ok(out)
}

fn share(s: &Map<String, Value>) -> Result<Share, String> {
    let num = |k: &str| -> Result<Option<f64>, String> {
        match s.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_f64()
                .map(Some)
                .ok_or_else(|| format!("share.{k} is not a number")),
        }
    };
    if let Some(e) = num("exact")? {
        return crate::share::check_percent(e)
            .map(Share::Exact)
            .map_err(|e| format!("share.exact: {e}"));
    }
    let (min, xmin) = match (num("minimum")?, num("exclusiveMinimum")?) {
        (Some(m), _) => (Some(m), false),
        (None, Some(m)) => (Some(m), true),
        (None, None) => (None, false),
    };
    let (max, xmax) = match (num("maximum")?, num("exclusiveMaximum")?) {
        (Some(m), _) => (Some(m), false),
        (None, Some(m)) => (Some(m), true),
        (None, None) => (None, false),
    };
    Share::range(min, max, xmin, xmax).map_err(|e| format!("share: {e}"))
}
