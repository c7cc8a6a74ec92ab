//! FollowTheMoney entities (OpenSanctions' JSON lines, or a JSON array of
//! entities): ownership, directorships and the parties they join.
//!
//! * **Parties**: entities of the schemata `Person`, `Company`,
//!   `Organization`, `LegalEntity` and `PublicBody` (and any other entity an
//!   interest refers to, by id). Names: `caption` (the name OpenSanctions
//!   shows) first, then `name`, `alias`, `previousName`, `weakAlias` (else
//!   the name parts);
//!   countries from the country properties of
//!   [`cordon_lists::ftm::COUNTRY_PROPERTIES`]; identifiers from the
//!   properties of [`cordon_lists::ftm::IDENTIFIER_PROPERTIES`]
//!   (`registrationNumber`, `innCode`, `ogrnCode`, `leiCode`,
//!   `taxNumber`...), the property name as the scheme; `birthDate`.
//! * **`Ownership`**: `owner` holds shares of `asset`; `percentage` is read
//!   by [`Share::parse`] (`50`, `50%`, `more than 25%`, `25-50`); missing
//!   is unknown, and text that is no percentage is unknown too, reported
//!   as a [`Problem::Skipped`] naming it. `startDate` and `endDate` are
//!   kept (OpenSanctions keeps ended ownerships: they count for no rule).
//! * **`Directorship`**: `director` holds an office in `organization` (an
//!   indication of control: see the assessment).
//! * Other schemata (addresses, sanctions, family ties...) are not read.
//! * A record that is not an entity (no `id` or `schema`) is refused with
//!   the file and line; an `Ownership` or `Directorship` without both
//!   parties is reported and left out.

use serde_json::{Map, Value};

use cordon_lists::ftm::{
    COUNTRY_PROPERTIES, IDENTIFIER_PROPERTIES, NAME_PART_PROPERTIES, NAME_PROPERTIES,
};

use crate::error::{OwnershipError, Result};
use crate::graph::Problem;
use crate::graph::{Graph, Interest, InterestKind, Party, PartyId, PartyKind, SourceRef};
use crate::limits::{check_name, MAX_INTERESTS, MAX_PARTIES, MAX_VALUES_PER_RECORD};
use crate::share::Share;

/// The schemata read as parties, and their kind.
const PARTY_SCHEMATA: &[(&str, PartyKind)] = &[
    ("Person", PartyKind::Person),
    ("Company", PartyKind::Company),
    ("Organization", PartyKind::Company),
    ("LegalEntity", PartyKind::Company),
    ("PublicBody", PartyKind::PublicBody),
];

pub(crate) fn load(text: &str, file: &str) -> Result<Graph> {
    let mut graph = Graph::new();
    let mut interests = 0usize;
    // Record by record: JSON lines are never all held as JSON values.
    super::for_each_json_record(text, file, |pos, v| {
        record(&mut graph, &mut interests, pos, &v, file)
    })?;
    Ok(graph)
}

/// Reads one entity into the graph.
fn record(
    graph: &mut Graph,
    interests: &mut usize,
    pos: usize,
    v: &Value,
    file: &str,
) -> Result<()> {
    let invalid = |m: &str| OwnershipError::invalid(file, Some(pos), m.to_string());
    let obj = v
        .as_object()
        .ok_or_else(|| invalid("a FollowTheMoney entity is a JSON object"))?;
    let id = obj
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| invalid("the entity has no id"))?;
    let schema = obj
        .get("schema")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("the entity has no schema"))?;
    let empty = Map::new();
    let props = obj
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let source = SourceRef {
        file: file.to_string(),
        line: Some(pos),
    };
    let values = |p: &str| -> Result<Vec<&str>> { values(props, p, file, pos) };
    if let Some(&(_, kind)) = PARTY_SCHEMATA.iter().find(|(s, _)| *s == schema) {
        let mut party = Party::new(PartyId::new(id), "", kind, source);
        // The caption is the name OpenSanctions shows: first.
        if let Some(c) = obj.get("caption").and_then(Value::as_str) {
            check_name(c, file, pos)?;
            party.add_name(c);
        }
        for (p, _) in NAME_PROPERTIES {
            for n in values(p)? {
                check_name(n, file, pos)?;
                party.add_name(n);
            }
        }
        if party.name.is_empty() {
            let parts: Vec<&str> = NAME_PART_PROPERTIES
                .iter()
                .filter_map(|p| values(p).ok().and_then(|v| v.first().copied()))
                .collect();
            let joined = parts.join(" ");
            check_name(&joined, file, pos)?;
            party.add_name(&joined);
        }
        for (p, _) in COUNTRY_PROPERTIES {
            for c in values(p)? {
                party.add_country(c);
            }
        }
        for ip in IDENTIFIER_PROPERTIES {
            for value in values(ip.property)? {
                party.add_identifier(ip.property, value);
            }
        }
        party.birth_date = values("birthDate")?.first().map(|s| s.to_string());
        graph.add_party(party);
        if graph.stats().parties > MAX_PARTIES {
            return Err(crate::limits::exceeded(
                file,
                Some(pos),
                "the number of parties",
                MAX_PARTIES,
            ));
        }
        return Ok(());
    }
    let (holder_prop, held_prop, kind) = match schema {
        "Ownership" => ("owner", "asset", InterestKind::Shareholding),
        "Directorship" => ("director", "organization", InterestKind::Directorship),
        _ => return Ok(()),
    };
    let (holder, held) = (values(holder_prop)?, values(held_prop)?);
    let (Some(holder), Some(held)) = (holder.first(), held.first()) else {
        graph.add_note(Problem::Skipped {
            source,
            reason: format!("{schema} {id} lacks its {holder_prop} or its {held_prop}"),
        });
        return Ok(());
    };
    let share = if kind == InterestKind::Shareholding {
        let texts = values("percentage")?;
        match texts.first() {
            None => Share::Unknown,
            Some(t) => match Share::parse(t) {
                Ok(s) => s,
                Err(e) => {
                    graph.add_note(Problem::Skipped {
                        source: source.clone(),
                        reason: format!(
                            "percentage of {schema} {id} not read ({e}): counted as unknown"
                        ),
                    });
                    Share::Unknown
                }
            },
        }
    } else {
        Share::Unknown
    };
    let mut interest = Interest::new(
        PartyId::new(*holder),
        PartyId::new(*held),
        share,
        kind,
        source,
    );
    interest.start_date = values("startDate")?.first().map(|s| s.to_string());
    interest.end_date = values("endDate")?.first().map(|s| s.to_string());
    *interests += 1;
    if *interests > MAX_INTERESTS {
        return Err(crate::limits::exceeded(
            file,
            Some(pos),
            "the number of interests",
            MAX_INTERESTS,
        ));
    }
    graph.add_interest(interest);
    Ok(())
}

/// The string values of a property (an FtM property is a list of strings;
/// a single string is accepted too), bounded.
fn values<'a>(
    props: &'a Map<String, Value>,
    p: &str,
    file: &str,
    pos: usize,
) -> Result<Vec<&'a str>> {
    match props.get(p) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.as_str()]),
        Some(Value::Array(items)) => {
            if items.len() > MAX_VALUES_PER_RECORD {
                return Err(crate::limits::exceeded(
                    file,
                    Some(pos),
                    format!("the number of values of {p}"),
                    MAX_VALUES_PER_RECORD,
                ));
            }
            Ok(items
                .iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect())
        }
        Some(_) => Err(OwnershipError::invalid(
            file,
            Some(pos),
            format!("property {p} is not a list of strings"),
        )),
    }
}
