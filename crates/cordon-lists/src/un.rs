//! The UN Security Council consolidated list XML (`consolidated.xml`,
//! schema `sc-sanctions.xsd`).
//!
//! One `INDIVIDUAL` or `ENTITY` element is one entity, id
//! `un-sc:REFERENCE_NUMBER` (e.g. `un-sc:IQi.001`). Fields:
//!
//! | XML | entity |
//! |---|---|
//! | `FIRST_NAME` .. `FOURTH_NAME` | primary name, parts joined by spaces |
//! | `*_ALIAS` `QUALITY` Good / a.k.a. / empty, f.k.a., Low | `Aka`, `Fka`, `WeakAka`; the alias's `NOTE`, `DATE_OF_BIRTH`, `CITY_OF_BIRTH`, `COUNTRY_OF_BIRTH` as the name's remark |
//! | `NAME_ORIGINAL_SCRIPT` | an `Aka` with [`Name::script`] set ("Arabic", "Cyrillic", ..., "Latin") |
//! | `INDIVIDUAL_DATE_OF_BIRTH` | `TYPE_OF_DATE` EXACT → `Exact`, APPROXIMATELY → `Circa`, BETWEEN (`FROM_YEAR`/`TO_YEAR`) → `Range`; `DATE` or `YEAR`; a date given only in `NOTE` ("Nov. 1973") is parsed when it can be, else kept as a remark |
//! | `INDIVIDUAL_PLACE_OF_BIRTH` | place of birth (city, state, country) and a `Birth` country |
//! | `NATIONALITY/VALUE` | `Nationality` countries, ISO code via [`cordon_engine::country::code_for`] |
//! | `INDIVIDUAL_DOCUMENT` | identifiers: passport, national ID, other (label kept), issuing country, issue date/city and note as the note |
//! | `*_ADDRESS` | addresses and `Address` countries |
//! | `UN_LIST_TYPE` | program |
//! | `GENDER`, `TITLE`, `DESIGNATION`, `LISTED_ON`, `COMMENTS1`, `DELISTED_ON` | gender, title; the others as remarks |
//!
//! The root's `dateGenerated` is [`LoadedList::published`].

use crate::alias_text::split_alias;
use crate::error::Result;
use crate::xml::{self, Node};
use crate::{ListFormat, LoadWarning, LoadedList};
use cordon_engine::country::code_for;
use cordon_engine::{
    Address, CountryRole, DateOfBirth, Entity, EntityKind, Gender, Identifier, IdentifierType,
    Name, NameType, PartialDate, Provenance,
};
use std::path::Path;

const LIST: &str = "un-sc";

/// Loads a UN consolidated list XML file.
pub fn load(path: &Path) -> Result<LoadedList> {
    crate::common::load_file(path, parse_bytes)
}

/// Parses a UN consolidated list from memory; `name` is the file name used
/// in provenance and errors. The entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    let mut warnings = Vec::new();
    let (mut entities, doc) = xml::read_entities(
        name,
        bytes,
        &xml::RecordSpec {
            root: "CONSOLIDATED_LIST",
            what: "a UN consolidated list",
            id_field: "REFERENCE_NUMBER",
        },
        |p| p == "INDIVIDUALS/INDIVIDUAL" || p == "ENTITIES/ENTITY",
        |node| record(name, node, &mut warnings),
    )?;
    let published = doc
        .root_attrs
        .iter()
        .find(|(k, _)| k == "dateGenerated")
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty());
    crate::common::settle_identifier_types(&mut entities);
    Ok(LoadedList {
        list: ListFormat::UnSc.list_id().to_string(),
        format: ListFormat::UnSc,
        files: vec![xml::source_file(Path::new(name), bytes, entities.len())],
        entities,
        warnings,
        published,
    })
}

fn record(file: &str, node: &Node, warnings: &mut Vec<LoadWarning>) -> Result<Entity> {
    let person = node.name == "INDIVIDUAL";
    let dataid = node.required(file, "DATAID")?;
    if !dataid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(node.error(file, Some("DATAID"), format!("not a number: {dataid:?}")));
    }
    let reference = node.required(file, "REFERENCE_NUMBER")?.trim();
    let primary = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|f| node.text_of(f))
        .map(collapse)
        .collect::<Vec<_>>()
        .join(" ");
    if primary.is_empty() {
        return Err(node.error(file, Some("FIRST_NAME"), "no name"));
    }
    let kind = if person {
        EntityKind::Person
    } else {
        EntityKind::Organization
    };
    let mut e = Entity::new(
        LIST,
        reference,
        kind,
        &primary,
        Provenance {
            list: LIST.to_string(),
            file: file.to_string(),
            line: Some(node.line),
        },
    );

    if let Some(p) = node.text_of("UN_LIST_TYPE") {
        e.programs.push(p.to_string());
    }
    if let Some(g) = node.text_of("GENDER") {
        e.gender = Gender::parse(g);
    }
    let titles: Vec<String> = values(node, "TITLE").map(collapse).collect();
    if !titles.is_empty() {
        e.title = Some(titles.join("; "));
    }

    // Names.
    let alias_el = if person {
        "INDIVIDUAL_ALIAS"
    } else {
        "ENTITY_ALIAS"
    };
    for a in node.children(alias_el) {
        let Some(alias) = a.text_of("ALIAS_NAME").map(collapse) else {
            continue;
        };
        let quality = a.text_of("QUALITY").unwrap_or("");
        let name_type = match quality.to_ascii_lowercase().as_str() {
            "low" => NameType::WeakAka,
            "f.k.a." | "fka" => NameType::Fka,
            "good" | "a.k.a." | "aka" | "" => NameType::Aka,
            other => {
                warnings.push(LoadWarning {
                    file: file.to_string(),
                    line: Some(a.line),
                    message: format!(
                        "{}: unknown alias QUALITY {other:?}, read as a.k.a.",
                        a.path
                    ),
                });
                NameType::Aka
            }
        };
        let field = split_alias(&alias);
        let mut remark = Vec::new();
        if field.was_split() {
            remark.push(format!("list entry: {alias}"));
        }
        if let Some(d) = a.text_of("DATE_OF_BIRTH") {
            remark.push(format!("date of birth {}", collapse(d)));
        }
        let pob: Vec<String> = ["CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"]
            .iter()
            .filter_map(|f| a.text_of(f))
            .map(collapse)
            .collect();
        if !pob.is_empty() {
            remark.push(format!("place of birth {}", pob.join(", ")));
        }
        if let Some(note) = a.text_of("NOTE") {
            remark.push(collapse(note));
        }
        for part in field.names {
            let mut n = Name::new(part.name, name_type);
            n.script = part.script.map(str::to_string);
            if !remark.is_empty() {
                n.remark = Some(remark.join("; "));
            }
            push_name(&mut e, n);
        }
    }
    for o in node.children("NAME_ORIGINAL_SCRIPT") {
        let Some(text) = o.value().map(collapse) else {
            continue;
        };
        let mut n = Name::new(text.clone(), NameType::Aka);
        n.script = Some(xml::script_of(&text).unwrap_or("Latin").to_string());
        push_name(&mut e, n);
    }

    // Dates and places of birth.
    for d in node.children("INDIVIDUAL_DATE_OF_BIRTH") {
        if let Some(dob) = date_of_birth(file, d, &mut e.remarks, warnings)? {
            if !e.dates_of_birth.contains(&dob) {
                e.dates_of_birth.push(dob);
            }
        }
    }
    for p in node.children("INDIVIDUAL_PLACE_OF_BIRTH") {
        let parts: Vec<String> = ["CITY", "STATE_PROVINCE", "COUNTRY"]
            .iter()
            .filter_map(|f| p.text_of(f))
            .map(collapse)
            .collect();
        if let Some(c) = p.text_of("COUNTRY") {
            add_country(&mut e, c, CountryRole::Birth);
        }
        let mut place = parts.join(", ");
        if let Some(note) = p.text_of("NOTE") {
            if place.is_empty() {
                place = collapse(note);
            } else {
                place = format!("{place} ({})", collapse(note));
            }
        }
        if !place.is_empty() && !e.places_of_birth.contains(&place) {
            e.places_of_birth.push(place);
        }
    }

    for v in values(node, "NATIONALITY") {
        add_country(&mut e, v, CountryRole::Nationality);
    }

    for d in node.children("INDIVIDUAL_DOCUMENT") {
        document(d, &mut e);
    }

    let address_el = if person {
        "INDIVIDUAL_ADDRESS"
    } else {
        "ENTITY_ADDRESS"
    };
    for a in node.children(address_el) {
        let city: Vec<String> = ["CITY", "STATE_PROVINCE", "ZIP_CODE"]
            .iter()
            .filter_map(|f| a.text_of(f))
            .map(collapse)
            .collect();
        let addr = Address {
            street: a.text_of("STREET").map(collapse),
            city: Some(city.join(", ")).filter(|c| !c.is_empty()),
            country: a.text_of("COUNTRY").map(collapse),
            remark: a.text_of("NOTE").map(collapse),
        };
        if addr == Address::default() {
            continue;
        }
        if let Some(c) = &addr.country {
            add_country(&mut e, &c.clone(), CountryRole::Address);
        }
        if !e.addresses.contains(&addr) {
            e.addresses.push(addr);
        }
    }

    for v in values(node, "DESIGNATION") {
        e.remarks.push(format!("Designation: {}", collapse(v)));
    }
    if let Some(d) = node.text_of("LISTED_ON") {
        e.remarks.push(format!("Listed on: {d}"));
    }
    if let Some(d) = node.text_of("DELISTED_ON") {
        e.remarks.push(format!("Delisted on: {d}"));
    }
    if let Some(c) = node.text_of("COMMENTS1") {
        e.remarks.push(c.to_string());
    }
    Ok(e)
}

/// The `VALUE` children of a child element (`NATIONALITY/VALUE`).
fn values<'a>(node: &'a Node, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    node.children(name)
        .flat_map(|c| c.children("VALUE"))
        .filter_map(Node::value)
}

fn push_name(e: &mut Entity, n: Name) {
    if !e
        .names
        .iter()
        .any(|m| m.name == n.name && m.name_type == n.name_type)
    {
        e.names.push(n);
    }
}

/// Adds a country with its role once; the ISO code when recognised.
pub(crate) fn add_country(e: &mut Entity, name: &str, role: CountryRole) {
    let name = collapse(name);
    let c = crate::countries::named(&name, code_for(&name), role);
    crate::countries::push_country(&mut e.countries, c);
}

/// Collapses runs of whitespace (the UN file wraps long values) and trims.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn year(file: &str, d: &Node, field: &str) -> Result<Option<i32>> {
    let Some(t) = d.text_of(field) else {
        return Ok(None);
    };
    match t.parse::<i32>() {
        Ok(y) if (1000..=2999).contains(&y) => Ok(Some(y)),
        _ => Err(d.error(file, Some(field), format!("not a year: {t:?}"))),
    }
}

fn date_of_birth(
    file: &str,
    d: &Node,
    remarks: &mut Vec<String>,
    warnings: &mut Vec<LoadWarning>,
) -> Result<Option<DateOfBirth>> {
    let kind = d.text_of("TYPE_OF_DATE").unwrap_or("").to_ascii_uppercase();
    let note = d.text_of("NOTE").map(collapse);
    let date = match d.text_of("DATE") {
        Some(t) => {
            // xs:date may carry a zone: "1960-01-01-05:00".
            let day = t.get(..10).unwrap_or(t);
            match PartialDate::parse(day) {
                Some(p) if p.day.is_some() && day.as_bytes().get(4) == Some(&b'-') => Some(p),
                _ => return Err(d.error(file, Some("DATE"), format!("not a date: {t:?}"))),
            }
        }
        None => year(file, d, "YEAR")?.map(PartialDate::year),
    };
    let from = year(file, d, "FROM_YEAR")?;
    let to = year(file, d, "TO_YEAR")?;
    let circa_note = note
        .as_deref()
        .is_some_and(|n| n.eq_ignore_ascii_case("approximately"));
    let dob = match (kind.as_str(), date, from, to) {
        (_, None, Some(f), Some(t)) => Some(DateOfBirth::Range {
            from: PartialDate::year(f),
            to: PartialDate::year(t),
        }),
        ("BETWEEN", _, _, _) => {
            return Err(d.error(
                file,
                Some("FROM_YEAR"),
                "BETWEEN without FROM_YEAR and TO_YEAR",
            ))
        }
        ("APPROXIMATELY", Some(date), _, _) => Some(DateOfBirth::Circa { date }),
        (k, Some(date), _, _) => {
            if !matches!(k, "EXACT" | "") {
                warnings.push(LoadWarning {
                    file: file.to_string(),
                    line: Some(d.line),
                    message: format!("{}: unknown TYPE_OF_DATE {k:?}, read as EXACT", d.path),
                });
            }
            Some(DateOfBirth::Exact { date })
        }
        (k, None, _, _) => {
            // Only a note: "Nov. 1973", "August 1961".
            match note.as_deref().and_then(PartialDate::parse) {
                Some(date) if k == "APPROXIMATELY" => Some(DateOfBirth::Circa { date }),
                Some(date) => Some(DateOfBirth::Exact { date }),
                None => None,
            }
        }
    };
    let note_used = dob.is_some()
        && d.text_of("DATE").is_none()
        && d.text_of("YEAR").is_none()
        && from.is_none();
    if let Some(n) = note {
        if !note_used && !circa_note {
            remarks.push(format!("Date of birth: {n}"));
        }
    }
    Ok(dob)
}

fn document(d: &Node, e: &mut Entity) {
    let kind = d.text_of("TYPE_OF_DOCUMENT").map(collapse);
    let kind2 = d.text_of("TYPE_OF_DOCUMENT2").map(collapse);
    let label = match (&kind, &kind2) {
        (Some(k), Some(k2)) => format!("{k} ({k2})"),
        (Some(k), None) => k.clone(),
        (None, Some(k2)) => k2.clone(),
        (None, None) => String::new(),
    };
    let id_type = document_type(&label);
    let country = d
        .text_of("ISSUING_COUNTRY")
        .or(d.text_of("COUNTRY_OF_ISSUE"))
        .map(collapse);
    let mut note = Vec::new();
    if let Some(v) = d.text_of("DATE_OF_ISSUE") {
        note.push(format!("issued {}", collapse(v)));
    }
    if let Some(v) = d.text_of("CITY_OF_ISSUE") {
        note.push(format!("in {}", collapse(v)));
    }
    if let (Some(a), Some(b)) = (d.text_of("ISSUING_COUNTRY"), d.text_of("COUNTRY_OF_ISSUE")) {
        if !a.eq_ignore_ascii_case(b) {
            note.push(format!("country of issue {}", collapse(b)));
        }
    }
    if let Some(v) = d.text_of("NOTE") {
        note.push(collapse(v));
    }
    match d.text_of("NUMBER").map(collapse) {
        Some(value) => {
            let id = Identifier {
                id_type,
                label: if label.is_empty() {
                    "Document".to_string()
                } else {
                    label
                },
                value,
                country,
                note: Some(note.join("; ")).filter(|n| !n.is_empty()),
            };
            if !e.identifiers.contains(&id) {
                e.identifiers.push(id);
            }
        }
        None => {
            // A document without a number: keep what it says.
            let mut parts: Vec<String> = Vec::new();
            if !label.is_empty() {
                parts.push(label);
            }
            if let Some(c) = country {
                parts.push(c);
            }
            parts.extend(note);
            if !parts.is_empty() {
                e.remarks.push(format!("Document: {}", parts.join("; ")));
            }
        }
    }
}

/// The identifier type of a document label ("Passport", "National
/// Identification Number", "Número de pasaporte", ...).
pub(crate) fn document_type(label: &str) -> IdentifierType {
    let l = label.to_lowercase();
    if l.contains("passport") || l.contains("passeport") || l.contains("pasaporte") {
        IdentifierType::Passport
    } else if l.contains("national identi")
        || l.contains("identity card")
        || l.contains("national id")
        || l.contains("identification card")
        || l.contains("identification number")
        || l.contains("identity number")
        || l.contains("civil identification")
        || l.contains("personal identification")
        || l.contains("tazkira")
        || l.contains("personalausweis")
    {
        IdentifierType::NationalId
    } else if l.contains("tax") || l.contains("fiscal") {
        IdentifierType::TaxId
    } else {
        IdentifierType::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>ALI</FIRST_NAME>
      <SECOND_NAME>HASSAN</SECOND_NAME>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE>
      <REFERENCE_NUMBER>IQi.900</REFERENCE_NUMBER>
      <LISTED_ON>2003-06-27</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>علي حسن</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1/>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Ali</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Ali Hasan; Aly Hassan (original script: Али Хасан)</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1973 </NOTE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1970</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"#;

    #[test]
    fn mini_file() {
        let l = parse_bytes("consolidated.xml", MINI.as_bytes()).unwrap();
        assert_eq!(l.published.as_deref(), Some("2026-01-02T00:00:00Z"));
        let e = &l.entities[0];
        assert_eq!(e.id, "un-sc:IQi.900");
        assert_eq!(e.primary_name(), "ALI HASSAN");
        assert_eq!(e.names[1].name_type, NameType::WeakAka);
        // One alias field holding three names is three names, each
        // remarking the list's wording.
        let split: Vec<(&str, Option<&str>)> = e.names[2..5]
            .iter()
            .map(|n| (n.name.as_str(), n.script.as_deref()))
            .collect();
        assert_eq!(
            split,
            [
                ("Ali Hasan", None),
                ("Aly Hassan", None),
                ("Али Хасан", Some("Cyrillic"))
            ]
        );
        assert!(e.names[2..5].iter().all(|n| n.name_type == NameType::Aka
            && n.remark.as_deref()
                == Some("list entry: Ali Hasan; Aly Hassan (original script: Али Хасан)")));
        assert_eq!(e.names[5].script.as_deref(), Some("Arabic"));
        assert_eq!(
            e.dates_of_birth,
            [
                DateOfBirth::Exact {
                    date: PartialDate {
                        year: 1973,
                        month: Some(11),
                        day: None
                    }
                },
                DateOfBirth::Circa {
                    date: PartialDate::year(1970)
                }
            ]
        );
        assert_eq!(e.provenance.line, Some(4));
    }

    #[test]
    fn document_types() {
        assert_eq!(document_type("Passport"), IdentifierType::Passport);
        assert_eq!(
            document_type("Numéro de passeport "),
            IdentifierType::Passport
        );
        assert_eq!(
            document_type("National Identification Number"),
            IdentifierType::NationalId
        );
        assert_eq!(document_type("Birth certificate"), IdentifierType::Other);
    }

    #[test]
    fn missing_reference_is_an_error() {
        let bad = MINI.replace("<REFERENCE_NUMBER>IQi.900</REFERENCE_NUMBER>", "");
        let err = parse_bytes("consolidated.xml", bad.as_bytes())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "consolidated.xml:4: INDIVIDUALS/INDIVIDUAL[1]/REFERENCE_NUMBER: missing"
        );
    }
}
