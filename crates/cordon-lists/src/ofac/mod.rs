//! OFAC's legacy CSV lists: the SDN list (`sdn.csv`, `add.csv`, `alt.csv`,
//! `sdn_comments.csv`) and the consolidated non-SDN list (`cons_prim.csv`,
//! `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv`), which share one
//! layout (OFAC's `dat_spec.txt`).
//!
//! * primary file, 12 columns: `ent_num, SDN_Name, SDN_Type, Program, Title,
//!   Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks`.
//!   `SDN_Type` is `individual`, `vessel`, `aircraft` or null (an
//!   organisation); `Program` holds several programs as `"A] [B] [C"`.
//! * addresses, 6 columns: `ent_num, add_num, Address, City/State/Postal
//!   Code, Country, Add_remarks`.
//! * aliases, 5 columns: `ent_num, alt_num, alt_type (aka|fka|nka),
//!   alt_name, alt_remarks`.
//! * comments, 2 columns: `ent_num, text`: the part of the Remarks beyond
//!   the primary file's 1000-character limit, appended as is.
//!
//! No header row; null is `-0-` (written `-0- `, with a space); lines end in
//! CRLF; the file may end with a 0x1A byte. Companions are optional. They are
//! looked up beside the primary file only when it carries its official name,
//! since a renamed primary file (`sdn_2024-05-01.csv`) may sit beside
//! companions of another day; a warning says when they are not used.

pub mod advanced;
pub(crate) mod csv;
pub mod programs;
pub mod remarks;
pub mod xml;

use self::csv::{RawFile, Row};
use crate::countries::{named, push_country};
use crate::discover::find_official;
use crate::{file_name, ListError, ListFormat, LoadWarning, LoadedList, Result};
use cordon_engine::country::code_for;
use cordon_engine::{
    Address, CountryRole, CraftDetails, Entity, EntityKind, Name, NameType, Provenance,
};
use std::collections::HashMap;
use std::path::Path;

/// OFAC's limit on the primary file's Remarks field; text beyond it goes to
/// the comments file.
pub const REMARKS_LIMIT: usize = 1000;

/// Loads one OFAC four-file set from its primary file.
pub fn load(format: ListFormat, primary: &Path) -> Result<LoadedList> {
    let list = format.as_str();
    let mut warnings = Vec::new();
    let prim = RawFile::read(primary)?;
    let rows = prim.rows(12)?;
    let mut files = vec![prim.source_file(rows.len())];

    let mut entities: Vec<Entity> = Vec::with_capacity(rows.len());
    let mut raw_remarks: Vec<String> = Vec::with_capacity(rows.len());
    let mut continued: Vec<bool> = Vec::with_capacity(rows.len());
    let mut index: HashMap<u64, usize> = HashMap::with_capacity(rows.len());
    for row in &rows {
        let ent_num = row.number(0, &prim.name, "ent_num")?;
        if let Some(&first) = index.get(&ent_num) {
            return Err(ListError::DuplicateEntity {
                file: prim.name.clone(),
                line: row.line,
                ent_num: ent_num.to_string(),
                first_line: entities[first].provenance.line.unwrap_or(0),
            });
        }
        let entity = primary_entity(list, ent_num, row, &prim, &mut warnings)?;
        index.insert(ent_num, entities.len());
        raw_remarks.push(row.raw(11).unwrap_or("").to_string());
        continued.push(false);
        entities.push(entity);
    }

    let &[add_name, alt_name, comments_name] = format.companion_files() else {
        return Err(ListError::Unsupported {
            format: format.as_str(),
            path: primary.to_path_buf(),
        });
    };
    let official = file_name(primary).eq_ignore_ascii_case(format.primary_file());
    let dir = primary.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    let mut companion = |name: &str| -> Result<Option<RawFile>> {
        let Some(path) = find_official(dir, name)? else {
            return Ok(None);
        };
        if official {
            RawFile::read(&path).map(Some)
        } else {
            warnings.push(LoadWarning {
                file: file_name(&path),
                line: None,
                message: format!(
                    "not used: the primary file {} is not named {}, so this companion may belong to another edition",
                    prim.name,
                    format.primary_file()
                ),
            });
            Ok(None)
        }
    };
    let comments = companion(comments_name)?;
    let alt = companion(alt_name)?;
    let add = companion(add_name)?;

    // Comments: the Remarks continue, byte for byte.
    if let Some(file) = comments {
        let rows = file.rows(2)?;
        for row in &rows {
            let ent_num = row.number(0, &file.name, "ent_num")?;
            match index.get(&ent_num) {
                Some(&i) => {
                    let more = row.raw(1).unwrap_or("");
                    // The continued Remarks are one field: the same limit.
                    if raw_remarks[i].len() + more.len() > crate::limits::MAX_FIELD_BYTES {
                        return Err(crate::limits::exceeded(
                            &file.name,
                            row.line,
                            &format!("ent_num {ent_num}"),
                            format!(
                                "Remarks continued beyond {} bytes",
                                crate::limits::MAX_FIELD_BYTES
                            ),
                            "MAX_FIELD_BYTES",
                            crate::limits::MAX_FIELD_BYTES,
                        ));
                    }
                    raw_remarks[i].push_str(more);
                    continued[i] = true;
                }
                None => warnings.push(orphan(&file, row, ent_num, "comment")),
            }
        }
        files.push(file.source_file(rows.len()));
    }

    // Aliases.
    if let Some(file) = alt {
        let rows = file.rows(5)?;
        for row in &rows {
            let ent_num = row.number(0, &file.name, "ent_num")?;
            row.number(1, &file.name, "alt_num")?;
            let Some(&i) = index.get(&ent_num) else {
                warnings.push(orphan(&file, row, ent_num, "alias"));
                continue;
            };
            let Some(name) = row.get(3) else {
                warnings.push(LoadWarning {
                    file: file.name.clone(),
                    line: Some(row.line),
                    message: format!("alias of ent_num {ent_num} has no name; skipped"),
                });
                continue;
            };
            let chars = name.chars().count();
            if chars > crate::limits::MAX_NAME_CHARS {
                return Err(crate::limits::exceeded(
                    &file.name,
                    row.line,
                    "alt_name",
                    format!("a name of {chars} characters"),
                    "MAX_NAME_CHARS",
                    crate::limits::MAX_NAME_CHARS,
                ));
            }
            let name_type = match row.get(2).map(NameType::parse) {
                Some(Some(t)) if t != NameType::Primary => t,
                other => {
                    warnings.push(LoadWarning {
                        file: file.name.clone(),
                        line: Some(row.line),
                        message: format!(
                            "alias type {:?} is not aka/fka/nka; read as aka",
                            row.get(2).unwrap_or("")
                        ),
                    });
                    let _ = other;
                    NameType::Aka
                }
            };
            let mut n = Name::new(name, name_type);
            n.remark = row.get(4).map(str::to_string);
            entities[i].names.push(n);
        }
        files.push(file.source_file(rows.len()));
    }

    // Addresses.
    if let Some(file) = add {
        let rows = file.rows(6)?;
        for row in &rows {
            let ent_num = row.number(0, &file.name, "ent_num")?;
            row.number(1, &file.name, "add_num")?;
            let Some(&i) = index.get(&ent_num) else {
                warnings.push(orphan(&file, row, ent_num, "address"));
                continue;
            };
            let address = Address {
                street: row.get(2).map(str::to_string),
                city: row.get(3).map(str::to_string),
                country: row.get(4).map(str::to_string),
                remark: row.get(5).map(str::to_string),
            };
            let e = &mut entities[i];
            if let Some(country) = &address.country {
                let c = named(country, code_for(country), CountryRole::Address);
                push_country(&mut e.countries, c);
            }
            // An all-null row (OFAC writes one for entries without a known
            // address) carries nothing to keep.
            if address != Address::default() && !e.addresses.contains(&address) {
                e.addresses.push(address);
            }
        }
        files.push(file.source_file(rows.len()));
    }

    // Remarks, now complete.
    for (i, e) in entities.iter_mut().enumerate() {
        let text = raw_remarks[i].trim();
        if text.is_empty() || text == "-0-" {
            continue;
        }
        let truncated = !continued[i]
            && raw_remarks[i].chars().count() >= REMARKS_LIMIT
            && !text.ends_with('.');
        if truncated {
            warnings.push(LoadWarning {
                file: prim.name.clone(),
                line: e.provenance.line,
                message: format!(
                    "Remarks of ent_num {} stop at the {REMARKS_LIMIT}-character limit and no {comments_name} continues them; the cut-off last part is kept verbatim",
                    e.source_id
                ),
            });
        }
        apply_remarks(e, remarks::parse_remarks_with(text, truncated));
    }

    resolve_links(&mut entities);
    // Aliases were checked on their own rows; this names the primary file.
    crate::limits::check_all_names(&prim.name, &entities, &crate::limits::Limits::DEFAULT)?;

    crate::common::settle_identifier_types(&mut entities);
    Ok(LoadedList {
        list: list.to_string(),
        format,
        files,
        entities,
        warnings,
        published: None,
    })
}

/// The entity of one primary-file row, without its Remarks.
fn primary_entity(
    list: &str,
    ent_num: u64,
    row: &Row,
    file: &RawFile,
    warnings: &mut Vec<LoadWarning>,
) -> Result<Entity> {
    let name = row.get(1).ok_or_else(|| ListError::BadField {
        file: file.name.clone(),
        line: row.line,
        field: "SDN_Name",
        value: row.fields.get(1).cloned().unwrap_or_default(),
        message: "the name is missing".to_string(),
    })?;
    let kind = match row.get(2) {
        None => EntityKind::Organization,
        Some(t) => {
            match EntityKind::parse(t) {
                Some(k) => k,
                None => {
                    warnings.push(LoadWarning {
                    file: file.name.clone(),
                    line: Some(row.line),
                    message: format!("SDN_Type {t:?} is not individual/vessel/aircraft; read as an organization"),
                });
                    EntityKind::Organization
                }
            }
        }
    };
    let provenance = Provenance {
        list: list.to_string(),
        file: file.name.clone(),
        line: Some(row.line),
    };
    let mut e = Entity::new(list, &ent_num.to_string(), kind, name, provenance);
    e.programs = row.get(3).map(programs::split_programs).unwrap_or_default();
    e.title = row.get(4).map(str::to_string);
    let craft = CraftDetails {
        call_sign: row.get(5).map(str::to_string),
        vessel_type: row.get(6).map(str::to_string),
        tonnage: row.get(7).map(str::to_string),
        gross_registered_tonnage: row.get(8).map(str::to_string),
        flag: row.get(9).map(str::to_string),
        owner: row.get(10).map(str::to_string),
        other: Vec::new(),
    };
    if let Some(flag) = &craft.flag {
        push_country(
            &mut e.countries,
            named(flag, code_for(flag), CountryRole::Flag),
        );
    }
    if craft != CraftDetails::default() {
        e.craft = Some(Box::new(craft));
    }
    Ok(e)
}

fn orphan(file: &RawFile, row: &Row, ent_num: u64, what: &str) -> LoadWarning {
    LoadWarning {
        file: file.name.clone(),
        line: Some(row.line),
        message: format!(
            "{what} for ent_num {ent_num}, which the primary file does not list; not loaded"
        ),
    }
}

/// Merges parsed Remarks into an entity. Weak aliases already present (from
/// the primary name or `alt.csv`) are not added twice.
fn apply_remarks(e: &mut Entity, p: remarks::ParsedRemarks) {
    // A set: long Remarks (continued in the comments file) may name many.
    let mut seen: std::collections::HashSet<String> = e
        .names
        .iter()
        .map(|m| m.name.to_ascii_lowercase())
        .collect();
    for n in p.names {
        if seen.insert(n.name.to_ascii_lowercase()) {
            e.names.push(n);
        }
    }
    e.dates_of_birth.extend(p.dates_of_birth);
    e.places_of_birth.extend(p.places_of_birth);
    for c in p.countries {
        push_country(&mut e.countries, Some(c));
    }
    e.identifiers.extend(p.identifiers);
    e.links.extend(p.links);
    if p.gender.is_some() {
        e.gender = p.gender;
    }
    if !p.craft.is_empty() {
        e.craft
            .get_or_insert_with(Box::default)
            .other
            .extend(p.craft);
    }
    if p.organization != Default::default() {
        e.organization = Some(Box::new(p.organization));
    }
    e.remarks.extend(p.remarks);
}

/// Fills `Link::entity_id` when the linked name is the primary name of
/// exactly one entity of the same list (compared by
/// [`remarks::link_key`]: case and a final period do not count).
fn resolve_links(entities: &mut [Entity]) {
    let mut by_name: HashMap<String, Option<String>> = HashMap::new();
    for e in entities.iter() {
        by_name
            .entry(remarks::link_key(e.primary_name()))
            .and_modify(|v| *v = None)
            .or_insert_with(|| Some(e.id.clone()));
    }
    for e in entities.iter_mut() {
        for link in &mut e.links {
            if let Some(Some(id)) = by_name.get(&remarks::link_key(&link.name)) {
                if *id != e.id {
                    link.entity_id = Some(id.clone());
                }
            }
        }
    }
}
