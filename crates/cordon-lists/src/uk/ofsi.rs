//! OFSI's Consolidated List of Financial Sanctions Targets as CSV
//! (`ConList.csv`, "2022 format").
//!
//! The first line is `Last Updated,DD/MM/YYYY` (→ [`LoadedList::published`]
//! as `YYYY-MM-DD`), the second the header. Each row is one name variant;
//! rows sharing a `Group ID` are one entity, id `uk-ofsi:GROUP_ID`, with
//! the provenance line of its first row. Columns are found by their header
//! name, so their order does not matter and unknown columns are ignored;
//! `Group ID`, `Name 6` and `Group Type` are required.
//!
//! | column | entity |
//! |---|---|
//! | `Name 1`..`Name 5`, `Name 6` with `Alias Type` (Primary name / Primary name variation / AKA / Prime Alias) and `Alias Quality` | names: the first `Primary name` row is primary, the others `Aka`, low-quality aliases `WeakAka` |
//! | `Name Non-Latin Script` (`Non-Latin Script Type`, `Non-Latin Script Language`) | `Aka` with script and language |
//! | `Group Type` Individual / Entity / Ship | kind |
//! | `DOB` (`dd/mm/yyyy`, `00` for unknown parts), `Town of Birth`, `Country of Birth`, `Nationality` | dates and places of birth, `Birth` and `Nationality` countries |
//! | `Passport Number` / `Passport Details`, `National Identification Number` / `Details` | identifiers with their details as note |
//! | `Address 1`..`6`, `Post/Zip Code`, `Country` | addresses, `Address` countries |
//! | `Title` | title |
//! | `Regime` | program |
//! | `Position`, `Other Information`, `Listed On`, `UK Sanctions List Ref`, `UK Sanctions List Date Designated` | remarks |

use super::{dob, join_name, kind, name_type};
use crate::error::{ListError, Result};
use crate::un::{add_country, collapse};
use crate::{xml, ListFormat, LoadWarning, LoadedList};
use cordon_engine::{Address, CountryRole, Entity, Identifier, Name, NameType, Provenance};
use std::collections::HashMap;
use std::path::Path;

const LIST: &str = "uk-ofsi";

/// Loads an OFSI ConList CSV file.
pub fn load(path: &Path) -> Result<LoadedList> {
    crate::common::load_file(path, parse_bytes)
}

/// The columns read, by header name.
struct Columns {
    index: HashMap<String, usize>,
}

impl Columns {
    fn get<'r>(&self, row: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        let i = *self.index.get(&name.to_ascii_lowercase())?;
        row.get(i).map(str::trim).filter(|v| !v.is_empty())
    }
}

/// Parses an OFSI ConList CSV file from memory; `name` is the file name
/// used in provenance and errors. The entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.trim_start_matches('\u{feff}').to_string(),
        // Older files were Windows-1252: read bytes as Latin-1.
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let all = crate::common::csv_records(
        name,
        &text,
        b',',
        crate::common::OpenQuoteAtEnd::Refuse,
        &crate::limits::Limits::DEFAULT,
    )?;
    let mut records = all.into_iter();
    let mut published = None;
    let mut header: Option<(csv::StringRecord, u64)> = None;
    for (line, rec) in records.by_ref() {
        let first = rec.get(0).unwrap_or("").trim();
        if first.to_ascii_lowercase().starts_with("last updated") {
            published = rec
                .iter()
                .skip(1)
                .map(str::trim)
                .find(|v| !v.is_empty())
                .map(super::fcdo::iso_date);
            continue;
        }
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        header = Some((rec, line));
        break;
    }
    let Some((header, header_line)) = header else {
        return Err(ListError::Csv {
            file: name.to_string(),
            line: 1,
            message: "no header line".to_string(),
        });
    };
    let cols = Columns {
        index: header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
            .collect(),
    };
    for required in ["Group ID", "Name 6", "Group Type"] {
        if !cols.index.contains_key(&required.to_ascii_lowercase()) {
            return Err(ListError::BadField {
                file: name.to_string(),
                line: header_line,
                field: "header",
                value: header.iter().collect::<Vec<_>>().join(","),
                message: format!("no {required:?} column"),
            });
        }
    }

    let mut entities: Vec<Entity> = Vec::new();
    let mut by_group: HashMap<String, usize> = HashMap::new();
    let mut warnings = Vec::new();
    let mut rows = 0usize;
    for (line, rec) in records {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != header.len() {
            return Err(ListError::ColumnCount {
                file: name.to_string(),
                line,
                expected: header.len(),
                found: rec.len(),
            });
        }
        rows += 1;
        let Some(group) = cols.get(&rec, "Group ID") else {
            return Err(ListError::BadField {
                file: name.to_string(),
                line,
                field: "Group ID",
                value: String::new(),
                message: "empty".to_string(),
            });
        };
        let type_text = cols.get(&rec, "Group Type").unwrap_or("");
        let Some(row_kind) = kind(type_text) else {
            return Err(ListError::BadField {
                file: name.to_string(),
                line,
                field: "Group Type",
                value: type_text.to_string(),
                message: "expected Individual, Entity or Ship".to_string(),
            });
        };
        let parts: Vec<Option<&str>> = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"]
            .iter()
            .map(|c| cols.get(&rec, c))
            .collect();
        let full = join_name(&parts);
        let idx = match by_group.get(group) {
            Some(&i) => i,
            None => {
                if full.is_empty() {
                    return Err(ListError::BadField {
                        file: name.to_string(),
                        line,
                        field: "Name 6",
                        value: String::new(),
                        message: "no name in Name 1..Name 6".to_string(),
                    });
                }
                let mut e = Entity::new(
                    LIST,
                    group,
                    row_kind,
                    &full,
                    Provenance {
                        list: LIST.to_string(),
                        file: name.to_string(),
                        line: Some(line),
                    },
                );
                // The primary name is set from the first "Primary name" row.
                e.names.clear();
                by_group.insert(group.to_string(), entities.len());
                entities.push(e);
                entities.len() - 1
            }
        };
        let e = &mut entities[idx];
        if e.kind != row_kind {
            warnings.push(LoadWarning {
                file: name.to_string(),
                line: Some(line),
                message: format!(
                    "Group ID {group}: Group Type {type_text:?} differs from the group's first row; kept {}",
                    e.kind
                ),
            });
        }
        // Every row of a group adds to one entity (and is compared with
        // its names so far): the group's size is bounded.
        if e.names.len() >= crate::limits::MAX_NAMES_PER_ENTITY {
            return Err(crate::limits::exceeded(
                name,
                line,
                &format!("Group ID {group}"),
                format!(
                    "more than {} names in one group",
                    crate::limits::MAX_NAMES_PER_ENTITY
                ),
                "MAX_NAMES_PER_ENTITY",
                crate::limits::MAX_NAMES_PER_ENTITY,
            ));
        }
        row(e, &cols, &rec, full);
    }
    for e in &mut entities {
        // A group with no "Primary name" row: its first name is primary.
        if let Some(first) = e.names.first_mut() {
            first.name_type = NameType::Primary;
        }
    }
    crate::limits::check_all_names(name, &entities, &crate::limits::Limits::DEFAULT)?;
    crate::common::settle_identifier_types(&mut entities);
    Ok(LoadedList {
        list: ListFormat::UkOfsi.list_id().to_string(),
        format: ListFormat::UkOfsi,
        files: vec![xml::source_file(Path::new(name), bytes, rows)],
        entities,
        warnings,
        published,
    })
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

fn row(e: &mut Entity, cols: &Columns, rec: &csv::StringRecord, full: String) {
    let get = |c: &str| cols.get(rec, c);
    if !full.is_empty() {
        let nt = name_type(
            get("Alias Type").unwrap_or(""),
            get("Alias Quality").unwrap_or(""),
        );
        let has_primary = e.names.iter().any(|n| n.name_type == NameType::Primary);
        match nt {
            None if !has_primary => e.names.insert(0, Name::new(full, NameType::Primary)),
            _ if e.names.iter().any(|n| n.name == full) => {}
            None => e.names.push(Name::new(full, NameType::Aka)),
            Some(t) => e.names.push(Name::new(full, t)),
        }
    }
    if let Some(nl) = get("Name Non-Latin Script").map(collapse) {
        if !e.names.iter().any(|n| n.name == nl) {
            let mut n = Name::new(nl.clone(), NameType::Aka);
            n.script = get("Non-Latin Script Type")
                .map(collapse)
                .or_else(|| xml::script_of(&nl).map(str::to_string))
                .or(Some("Latin".to_string()));
            n.lang = get("Non-Latin Script Language").map(collapse);
            e.names.push(n);
        }
    }
    if let Some(t) = get("Title").map(collapse) {
        match &e.title {
            None => e.title = Some(t),
            Some(old) if !old.split("; ").any(|x| x == t) => {
                e.title = Some(format!("{old}; {t}"));
            }
            _ => {}
        }
    }
    if let Some(d) = get("DOB") {
        match dob(d) {
            Some(dob) => {
                if !e.dates_of_birth.contains(&dob) {
                    e.dates_of_birth.push(dob);
                }
            }
            None => push_unique(&mut e.remarks, format!("Date of birth: {d}")),
        }
    }
    let town = get("Town of Birth").map(collapse);
    let cob = get("Country of Birth").map(collapse);
    let place: Vec<String> = town.iter().chain(cob.iter()).cloned().collect();
    if !place.is_empty() {
        push_unique(&mut e.places_of_birth, place.join(", "));
    }
    if let Some(c) = cob {
        add_country(e, &c, CountryRole::Birth);
    }
    if let Some(n) = get("Nationality") {
        // "(1) Iran (2) Iraq" lists several.
        for part in split_numbered(n) {
            add_country(e, &part, CountryRole::Nationality);
        }
    }
    for (number, details, passport, label) in [
        ("Passport Number", "Passport Details", true, "Passport"),
        (
            "National Identification Number",
            "National Identification Details",
            false,
            "National Identification Number",
        ),
    ] {
        let note = get(details).map(collapse);
        match get(number).map(collapse) {
            Some(value) => {
                let id = Identifier {
                    id_type: super::passport_or_id(passport),
                    label: label.to_string(),
                    value,
                    country: None,
                    note,
                };
                if !e.identifiers.contains(&id) {
                    e.identifiers.push(id);
                }
            }
            None => {
                if let Some(n) = note {
                    push_unique(&mut e.remarks, format!("{label}: {n}"));
                }
            }
        }
    }
    let street: Vec<String> = ["Address 1", "Address 2", "Address 3"]
        .iter()
        .filter_map(|c| get(c))
        .map(collapse)
        .collect();
    let city: Vec<String> = ["Address 4", "Address 5", "Address 6", "Post/Zip Code"]
        .iter()
        .filter_map(|c| get(c))
        .map(collapse)
        .collect();
    let country = get("Country").map(collapse);
    let addr = Address {
        street: Some(street.join(", ")).filter(|s| !s.is_empty()),
        city: Some(city.join(", ")).filter(|s| !s.is_empty()),
        country: country.clone(),
        remark: None,
    };
    if addr != Address::default() && !e.addresses.contains(&addr) {
        e.addresses.push(addr);
    }
    if let Some(c) = country {
        add_country(e, &c, CountryRole::Address);
    }
    if let Some(r) = get("Regime").map(collapse) {
        push_unique(&mut e.programs, r);
    }
    for (col, label) in [
        ("Position", "Position: "),
        ("UK Sanctions List Ref", "UK Sanctions List Ref: "),
        ("Listed On", "Listed on: "),
        (
            "UK Sanctions List Date Designated",
            "UK Sanctions List date designated: ",
        ),
        ("Other Information", ""),
    ] {
        if let Some(v) = get(col) {
            push_unique(&mut e.remarks, format!("{label}{}", collapse(v)));
        }
    }
}

/// Splits "(1) Iran (2) Iraq" into its parts; other text is one part.
fn split_numbered(s: &str) -> Vec<String> {
    if !s.trim_start().starts_with("(1)") {
        return vec![collapse(s)];
    }
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else { break };
        if !after[..close].bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        let body = &after[close + 1..];
        let end = body.find(" (").map_or(body.len(), |i| i);
        let part = collapse(&body[..end]);
        if !part.is_empty() {
            out.push(part);
        }
        rest = &body[end..];
    }
    if out.is_empty() {
        vec![collapse(s)]
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lists() {
        assert_eq!(split_numbered("(1) Iran (2) Iraq"), ["Iran", "Iraq"]);
        assert_eq!(split_numbered("Russia"), ["Russia"]);
    }
}
