//! The EU Financial Sanctions Files XML 1.1 (`export` of `sanctionEntity`,
//! namespace `http://eu.europa.ec/fpi/fsd/export`).
//!
//! One `sanctionEntity` is one entity, id `eu-fsf:LOGICAL_ID`. Fields:
//!
//! | XML | entity |
//! |---|---|
//! | `subjectType/@code` person / enterprise (or `@classificationCode` P / E) | kind |
//! | `nameAlias` `@wholeName` (else first, middle, last name) | names: the first strong alias is primary, other strong ones `Aka`, `strong="false"` `WeakAka`; `@nameLanguage` as [`Name::lang`], a non-Latin script as [`Name::script`]; `@gender`, `@title`, `@function` to gender, title, remarks |
//! | `birthdate` `@birthdate`, or `@year` / `@monthOfYear` / `@dayOfMonth` (unknown parts left out), `@yearRangeFrom`/`@yearRangeTo`, `@circa` | `Exact` / `Circa` / `Range`; `@city`, `@place`, `@region`, country as place of birth and a `Birth` country |
//! | `identification` `@identificationTypeCode`, `@number`, `@countryIso2Code` | identifiers (passport, id, tax, registration, SWIFT/BIC, IMO, other), label from `@identificationTypeDescription`, note from issue/validity dates and the known-false/expired flags |
//! | `citizenship` | `Citizenship` countries |
//! | `address` (+ `contactInfo` phone/email/web) | addresses, `Address` countries; phone, email, website identifiers |
//! | `regulation/@programme` | programs |
//! | `remark`, `@designationDetails`, `@euReferenceNumber`, `@unitedNationId` | remarks |
//!
//! The root's `generationDate` is [`LoadedList::published`].

use crate::error::{ListError, Result};
use crate::un::collapse;
use crate::xml::{self, Node};
use crate::{ListFormat, LoadWarning, LoadedList};
use cordon_engine::country::{code_for, name_for};
use cordon_engine::{
    Address, Country, CountryRole, DateOfBirth, Entity, EntityKind, Gender, Identifier,
    IdentifierType, Name, NameType, PartialDate, Provenance,
};
use std::path::Path;

const LIST: &str = "eu-fsf";

/// Loads an EU FSF XML 1.1 file.
pub fn load(path: &Path) -> Result<LoadedList> {
    crate::common::load_file(path, parse_bytes)
}

/// Parses an EU FSF XML file from memory; `name` is the file name used in
/// provenance and errors. The entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    let mut warnings = Vec::new();
    let (mut entities, doc) = xml::read_entities(
        name,
        bytes,
        &xml::RecordSpec {
            root: "export",
            what: "an EU Financial Sanctions File",
            id_field: "logicalId",
        },
        |p| p == "sanctionEntity",
        |node| record(name, node, &mut warnings),
    )?;
    let published = doc
        .root_attrs
        .iter()
        .find(|(k, _)| k == "generationDate")
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty());
    crate::common::settle_identifier_types(&mut entities);
    Ok(LoadedList {
        list: ListFormat::EuFsf.list_id().to_string(),
        format: ListFormat::EuFsf,
        files: vec![xml::source_file(Path::new(name), bytes, entities.len())],
        entities,
        warnings,
        published,
    })
}

fn attr_error(file: &str, node: &Node, attr: &str, message: impl Into<String>) -> ListError {
    ListError::Xml {
        file: file.to_string(),
        line: node.line,
        path: format!("{}/@{attr}", node.path),
        message: message.into(),
    }
}

fn record(file: &str, node: &Node, warnings: &mut Vec<LoadWarning>) -> Result<Entity> {
    let Some(id) = node.attr("logicalId") else {
        return Err(attr_error(file, node, "logicalId", "missing"));
    };
    if !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(attr_error(
            file,
            node,
            "logicalId",
            format!("not a number: {id:?}"),
        ));
    }
    let Some(subject) = node.child("subjectType") else {
        return Err(node.error(file, Some("subjectType"), "missing"));
    };
    let code = subject.attr("code").unwrap_or("").to_ascii_lowercase();
    let class = subject.attr("classificationCode").unwrap_or("");
    let kind = match (code.as_str(), class) {
        ("person", _) | (_, "P") => EntityKind::Person,
        ("enterprise", _) | (_, "E") => EntityKind::Organization,
        _ => {
            return Err(attr_error(
                file,
                subject,
                "code",
                format!("unknown subject type {code:?} (expected person or enterprise)"),
            ))
        }
    };

    // Names: the first strong one is primary.
    let mut names: Vec<(Name, bool)> = Vec::new();
    let mut gender = None;
    let mut titles: Vec<String> = Vec::new();
    let mut functions: Vec<String> = Vec::new();
    // What is taken already, as sets: a record may hold very many aliases.
    let mut seen_names = std::collections::HashSet::new();
    let mut seen_titles = std::collections::HashSet::new();
    let mut seen_functions = std::collections::HashSet::new();
    for a in node.children("nameAlias") {
        let whole = a.attr("wholeName").map(collapse);
        let parts: Vec<String> = ["firstName", "middleName", "lastName"]
            .iter()
            .filter_map(|k| a.attr(k))
            .map(collapse)
            .collect();
        let Some(text) = whole.or(Some(parts.join(" ")).filter(|p| !p.is_empty())) else {
            continue;
        };
        let strong = !a
            .attr("strong")
            .is_some_and(|s| s.eq_ignore_ascii_case("false"));
        let mut n = Name::new(
            text.clone(),
            if strong {
                NameType::Aka
            } else {
                NameType::WeakAka
            },
        );
        n.lang = a.attr("nameLanguage").map(|l| l.to_ascii_lowercase());
        n.script = xml::script_of(&text).map(str::to_string);
        if let Some(g) = a.attr("gender").and_then(Gender::parse) {
            gender.get_or_insert(g);
        }
        if let Some(t) = a.attr("title").map(collapse) {
            if seen_titles.insert(t.clone()) {
                titles.push(t);
            }
        }
        if let Some(f) = a.attr("function").map(collapse) {
            if seen_functions.insert(f.clone()) {
                functions.push(f);
            }
        }
        if seen_names.insert(n.name.clone()) {
            names.push((n, strong));
        }
    }
    let Some(primary_at) = names
        .iter()
        .position(|(n, strong)| *strong && n.script.is_none())
        .or_else(|| names.iter().position(|(_, strong)| *strong))
        .or(if names.is_empty() { None } else { Some(0) })
    else {
        return Err(node.error(file, Some("nameAlias"), "no name"));
    };
    let (mut primary, _) = names.remove(primary_at);
    primary.name_type = NameType::Primary;
    let mut e = Entity::new(
        LIST,
        id,
        kind,
        &primary.name,
        Provenance {
            list: LIST.to_string(),
            file: file.to_string(),
            line: Some(node.line),
        },
    );
    e.names = vec![primary];
    e.names.extend(names.into_iter().map(|(n, _)| n));
    e.gender = gender;
    if !titles.is_empty() {
        e.title = Some(titles.join("; "));
    }

    for r in node.children("regulation") {
        if let Some(p) = r.attr("programme") {
            if !e.programs.iter().any(|x| x == p) {
                e.programs.push(p.to_string());
            }
        }
    }

    for b in node.children("birthdate") {
        birthdate(file, b, &mut e, warnings)?;
    }
    for c in node.children("citizenship") {
        if let Some(country) = country_of(c) {
            push_country(&mut e, country, CountryRole::Citizenship);
        }
    }
    for i in node.children("identification") {
        identification(i, &mut e);
    }
    for a in node.children("address") {
        address(a, &mut e);
    }

    for f in functions {
        e.remarks.push(format!("Function: {f}"));
    }
    for r in node.children("remark").filter_map(Node::value) {
        e.remarks.push(r.to_string());
    }
    if let Some(d) = node.attr("designationDetails") {
        e.remarks
            .push(format!("Designation details: {}", collapse(d)));
    }
    if let Some(d) = node.attr("designationDate") {
        e.remarks.push(format!("Designated on: {d}"));
    }
    if let Some(r) = node.attr("euReferenceNumber") {
        e.remarks.push(format!("EU reference number: {r}"));
    }
    if let Some(r) = node.attr("unitedNationId") {
        e.remarks.push(format!("UN id: {r}"));
    }
    Ok(e)
}

/// The country of an element with `countryIso2Code` / `countryDescription`:
/// (name, ISO code). `00` and `UNKNOWN` mean none.
fn country_of(n: &Node) -> Option<(String, Option<String>)> {
    let iso = n
        .attr("countryIso2Code")
        .filter(|c| *c != "00")
        .and_then(|c| code_for(c).filter(|k| k.eq_ignore_ascii_case(c)));
    let desc = n
        .attr("countryDescription")
        .filter(|d| !d.eq_ignore_ascii_case("unknown"))
        .map(collapse);
    match (desc, iso) {
        (Some(d), Some(c)) => Some((d, Some(c.to_string()))),
        (Some(d), None) => {
            let code = code_for(&d).map(str::to_string);
            Some((d, code))
        }
        (None, Some(c)) => Some((name_for(c).unwrap_or(c).to_string(), Some(c.to_string()))),
        (None, None) => None,
    }
}

fn push_country(e: &mut Entity, (name, code): (String, Option<String>), role: CountryRole) {
    crate::countries::push_country(&mut e.countries, Some(Country { name, code, role }));
}

fn int_attr(file: &str, n: &Node, attr: &str) -> Result<Option<i64>> {
    match n.attr(attr) {
        None => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| attr_error(file, n, attr, format!("not a number: {v:?}"))),
    }
}

fn birthdate(file: &str, b: &Node, e: &mut Entity, warnings: &mut Vec<LoadWarning>) -> Result<()> {
    let circa = b
        .attr("circa")
        .is_some_and(|c| c.eq_ignore_ascii_case("true"));
    let year_ok = |y: i64, attr: &str| -> Result<i32> {
        if (1000..=2999).contains(&y) {
            Ok(y as i32)
        } else {
            Err(attr_error(file, b, attr, format!("not a year: {y}")))
        }
    };
    let date = match b.attr("birthdate") {
        Some(d) => match PartialDate::parse(d.get(..10).unwrap_or(d)) {
            Some(p) if p.day.is_some() => Some(p),
            _ => {
                return Err(attr_error(
                    file,
                    b,
                    "birthdate",
                    format!("not a date: {d:?}"),
                ))
            }
        },
        None => match int_attr(file, b, "year")? {
            Some(y) => {
                let year = year_ok(y, "year")?;
                let month = int_attr(file, b, "monthOfYear")?;
                let day = int_attr(file, b, "dayOfMonth")?;
                let month = match month {
                    Some(m @ 1..=12) => Some(m as u8),
                    None => None,
                    Some(m) => {
                        return Err(attr_error(
                            file,
                            b,
                            "monthOfYear",
                            format!("not a month: {m}"),
                        ))
                    }
                };
                let day = match (month, day) {
                    (Some(_), Some(d @ 1..=31)) => Some(d as u8),
                    (_, None) => None,
                    // A day without a month says little; keep the year.
                    (None, Some(_)) => None,
                    (Some(_), Some(d)) => {
                        return Err(attr_error(file, b, "dayOfMonth", format!("not a day: {d}")))
                    }
                };
                Some(PartialDate { year, month, day })
            }
            None => None,
        },
    };
    let from = int_attr(file, b, "yearRangeFrom")?;
    let to = int_attr(file, b, "yearRangeTo")?;
    let dob = match (date, from, to) {
        (Some(date), _, _) if circa => Some(DateOfBirth::Circa { date }),
        (Some(date), _, _) => Some(DateOfBirth::Exact { date }),
        (None, Some(f), Some(t)) => Some(DateOfBirth::Range {
            from: PartialDate::year(year_ok(f, "yearRangeFrom")?),
            to: PartialDate::year(year_ok(t, "yearRangeTo")?),
        }),
        (None, Some(y), None) | (None, None, Some(y)) => {
            let attr = if from.is_some() {
                "yearRangeFrom"
            } else {
                "yearRangeTo"
            };
            Some(DateOfBirth::Circa {
                date: PartialDate::year(year_ok(y, attr)?),
            })
        }
        (None, None, None) => None,
    };
    if let Some(dob) = dob {
        if let Some(cal) = b
            .attr("calendarType")
            .filter(|c| !c.eq_ignore_ascii_case("GREGORIAN"))
        {
            warnings.push(LoadWarning {
                file: file.to_string(),
                line: Some(b.line),
                message: format!("{}: {cal} calendar date read as Gregorian", b.path),
            });
        }
        if !e.dates_of_birth.contains(&dob) {
            e.dates_of_birth.push(dob);
        }
    }
    let country = country_of(b);
    let mut place: Vec<String> = ["city", "place", "region"]
        .iter()
        .filter_map(|k| b.attr(k))
        .map(collapse)
        .collect();
    if let Some((name, _)) = &country {
        place.push(name.clone());
    }
    let place = place.join(", ");
    if !place.is_empty() && !e.places_of_birth.contains(&place) {
        e.places_of_birth.push(place);
    }
    if let Some(c) = country {
        push_country(e, c, CountryRole::Birth);
    }
    Ok(())
}

fn identification(i: &Node, e: &mut Entity) {
    let Some(number) = i.attr("number").or(i.attr("latinNumber")).map(collapse) else {
        return;
    };
    let code = i
        .attr("identificationTypeCode")
        .unwrap_or("")
        .to_ascii_lowercase();
    let label = i
        .attr("identificationTypeDescription")
        .map(collapse)
        .unwrap_or_else(|| code.clone());
    let id_type = match code.as_str() {
        "passport" => IdentifierType::Passport,
        "id" | "nationalid" | "national id" => IdentifierType::NationalId,
        "tin" | "fiscalcode" | "taxid" => IdentifierType::TaxId,
        "regnumber" | "registration" => IdentifierType::Registration,
        "swiftbic" | "bic" => IdentifierType::SwiftBic,
        "imo" => IdentifierType::Imo,
        _ => match crate::un::document_type(&label) {
            IdentifierType::Other if label.to_ascii_lowercase().contains("swift") => {
                IdentifierType::SwiftBic
            }
            IdentifierType::Other if label.to_ascii_lowercase().contains("imo") => {
                IdentifierType::Imo
            }
            other => other,
        },
    };
    let mut note = Vec::new();
    for (k, text) in [
        ("issuedBy", "issued by"),
        ("issueDate", "issued"),
        ("issuedDate", "issued"),
        ("validFrom", "valid from"),
        ("validTo", "valid to"),
        ("nameOnDocument", "name on document"),
    ] {
        if let Some(v) = i.attr(k) {
            note.push(format!("{text} {}", collapse(v)));
        }
    }
    for (k, text) in [
        ("knownFalse", "known false"),
        ("knownExpired", "known expired"),
        ("reportedLost", "reported lost"),
        ("revokedByIssuer", "revoked by issuer"),
        ("diplomatic", "diplomatic"),
    ] {
        if i.attr(k).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            note.push(text.to_string());
        }
    }
    for r in i.children("remark").filter_map(Node::value) {
        note.push(collapse(r));
    }
    let country = country_of(i).map(|(name, _)| name);
    let id = Identifier {
        id_type,
        label,
        value: number,
        country,
        note: Some(note.join("; ")).filter(|n| !n.is_empty()),
    };
    if !e.identifiers.contains(&id) {
        e.identifiers.push(id);
    }
}

fn address(a: &Node, e: &mut Entity) {
    let street: Vec<String> = ["street", "poBox"]
        .iter()
        .filter_map(|k| a.attr(k))
        .map(collapse)
        .collect();
    let city: Vec<String> = ["zipCode", "city", "place", "region"]
        .iter()
        .filter_map(|k| a.attr(k))
        .map(collapse)
        .collect();
    let country = country_of(a);
    let remark: Vec<String> = a
        .children("remark")
        .filter_map(Node::value)
        .map(collapse)
        .collect();
    let addr = Address {
        street: Some(street.join(", ")).filter(|s| !s.is_empty()),
        city: Some(city.join(" ")).filter(|s| !s.is_empty()),
        country: country.as_ref().map(|(n, _)| n.clone()),
        remark: Some(remark.join("; ")).filter(|s| !s.is_empty()),
    };
    if addr != Address::default() && !e.addresses.contains(&addr) {
        e.addresses.push(addr);
    }
    if let Some(c) = country {
        push_country(e, c, CountryRole::Address);
    }
    for c in a.children("contactInfo") {
        let (Some(key), Some(value)) = (c.attr("key"), c.attr("value")) else {
            continue;
        };
        let id_type = match key.to_ascii_uppercase().as_str() {
            "PHONE" | "FAX" => IdentifierType::Phone,
            "EMAIL" => IdentifierType::Email,
            "WEB" | "WEBSITE" => IdentifierType::Website,
            _ => IdentifierType::Other,
        };
        let id = Identifier {
            id_type,
            label: key.to_string(),
            value: collapse(value),
            country: None,
            note: None,
        };
        if !e.identifiers.contains(&id) {
            e.identifiers.push(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_entity() {
        let x = r#"<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-02T18:01:21.137+02:00" globalFileId="1">
<sanctionEntity logicalId="13" euReferenceNumber="EU.27.28">
<regulation regulationType="regulation" organisationType="council" publicationDate="2003-07-08" entryIntoForceDate="2003-07-07" numberTitle="1210/2003 (OJ L169)" programme="IRQ" logicalId="1"/>
<subjectType code="person" classificationCode="P"/>
<nameAlias firstName="Saddam" lastName="Hussein Al-Tikriti" wholeName="Saddam Hussein Al-Tikriti" gender="M" strong="true" regulationLanguage="en" logicalId="17"/>
<nameAlias wholeName="Abou Ali" strong="false" regulationLanguage="en" logicalId="18"/>
<birthdate circa="false" calendarType="GREGORIAN" city="al-Awja, near Tikrit" birthdate="1937-04-28" dayOfMonth="28" monthOfYear="4" year="1937" countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage="en" logicalId="19"/>
</sanctionEntity>
</export>"#;
        let l = parse_bytes("eu.xml", x.as_bytes()).unwrap();
        assert_eq!(
            l.published.as_deref(),
            Some("2024-05-02T18:01:21.137+02:00")
        );
        let e = &l.entities[0];
        assert_eq!(e.id, "eu-fsf:13");
        assert_eq!(e.primary_name(), "Saddam Hussein Al-Tikriti");
        assert_eq!(e.names[1].name_type, NameType::WeakAka);
        assert_eq!(e.gender, Some(Gender::Male));
        assert_eq!(e.programs, ["IRQ"]);
        assert_eq!(e.places_of_birth, ["al-Awja, near Tikrit, IRAQ"]);
        assert_eq!(e.countries[0].code.as_deref(), Some("IQ"));
        assert_eq!(e.provenance.line, Some(2));
    }
}
