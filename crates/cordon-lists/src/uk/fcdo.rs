//! The FCDO's UK Sanctions List XML (`UK_Sanctions_List.xml`): a
//! `Designations` root of `Designation` records, id `uk-fcdo:UNIQUE_ID`
//! (e.g. `uk-fcdo:RUS0251`).
//!
//! | XML | entity |
//! |---|---|
//! | `UniqueID`, `IndividualEntityShip` (Individual / Entity / Ship) | id, kind (required) |
//! | `Names/Name`: `Name1`..`Name5`, `Name6`, `NameType`, `AliasStrength` | the `Primary Name` is primary; variations and aliases `Aka`, low-strength aliases `WeakAka` |
//! | `NonLatinNames/NonLatinName/NameNonLatinScript` (`NonLatinScriptType`, `NonLatinScriptLanguage`) | `Aka` with [`cordon_engine::Name::script`] / `lang` |
//! | `RegimeName` | program |
//! | `IndividualDetails/Individual`: `DOBs/DOB`, `Nationalities/Nationality`, `BirthDetails/Location`, `Genders/Gender`, `PassportDetails/Passport`, `NationalIdentifierDetails/NationalIdentifier`, `Positions/Position` | dates of birth (`dd/mm/yyyy`, unknown parts `00`/`dd`/`mm`), nationalities, places and countries of birth, gender, identifiers, positions (remarks) |
//! | `EntityDetails/Entity`: `BusinessRegistrationNumbers`, `TypeOfEntities` | registration identifiers, organisation types |
//! | `ShipDetails/Ship`: `IMONumbers`, `CurrentBelievedFlagOfShips`, `TypeOfShipDetails` | IMO identifiers, flag |
//! | `Addresses/Address` (`AddressLine1`..`6`, `AddressPostalCode`, `AddressCountry`), `PhoneNumbers`, `EmailAddresses` | addresses, phone and e-mail identifiers |
//! | `OtherInformation`, `UKStatementofReasons`, `DateDesignated`, `UNReferenceNumber`, `OFSIGroupID` | remarks |
//!
//! The root's `DateGenerated` (child element or attribute) is
//! [`LoadedList::published`].

use super::{dob, join_name, kind, name_type};
use crate::error::Result;
use crate::un::{add_country, collapse};
use crate::xml::{self, Node};
use crate::{ListFormat, LoadedList};
use cordon_engine::{
    Address, CountryRole, CraftDetails, Entity, EntityKind, Gender, Identifier, IdentifierType,
    Name, NameType, OrganizationDetails, Provenance,
};
use std::path::Path;

const LIST: &str = "uk-fcdo";

/// Loads a UK Sanctions List XML file.
pub fn load(path: &Path) -> Result<LoadedList> {
    crate::common::load_file(path, parse_bytes)
}

/// Parses a UK Sanctions List XML file from memory; `name` is the file
/// name used in provenance and errors. The entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    let (mut entities, doc) = xml::read_entities(
        name,
        bytes,
        &xml::RecordSpec {
            root: "Designations",
            what: "a UK Sanctions List",
            id_field: "UniqueID",
        },
        |p| p == "Designation",
        |node| record(name, node),
    )?;
    let published = doc
        .root_texts
        .iter()
        .chain(doc.root_attrs.iter())
        .find(|(k, _)| k == "DateGenerated" || k == "dateGenerated")
        .map(|(_, v)| iso_date(v.trim()));
    crate::common::settle_identifier_types(&mut entities);
    Ok(LoadedList {
        list: ListFormat::UkFcdo.list_id().to_string(),
        format: ListFormat::UkFcdo,
        files: vec![xml::source_file(Path::new(name), bytes, entities.len())],
        entities,
        warnings: Vec::new(),
        published,
    })
}

/// `dd/mm/yyyy` → `yyyy-mm-dd`; anything else unchanged.
pub(crate) fn iso_date(s: &str) -> String {
    crate::dates::iso_text(s, crate::dates::Order::DayMonth)
}

fn texts<'a>(node: &'a Node, name: &str) -> Vec<&'a str> {
    node.descendants(name)
        .into_iter()
        .filter_map(Node::value)
        .collect()
}

fn record(file: &str, node: &Node) -> Result<Entity> {
    let id = node.required(file, "UniqueID")?.trim();
    let kind_text = node.required(file, "IndividualEntityShip")?;
    let Some(kind) = kind(kind_text) else {
        return Err(node.error(
            file,
            Some("IndividualEntityShip"),
            format!("unknown type {kind_text:?} (expected Individual, Entity or Ship)"),
        ));
    };

    let mut primary: Option<Name> = None;
    let mut others: Vec<Name> = Vec::new();
    for n in node.descendants("Name") {
        let parts: Vec<Option<&str>> = ["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"]
            .iter()
            .map(|f| n.text_of(f))
            .collect();
        let text = join_name(&parts);
        if text.is_empty() {
            continue;
        }
        let nt = name_type(
            n.text_of("NameType").unwrap_or(""),
            n.text_of("AliasStrength").unwrap_or(""),
        );
        match nt {
            None if primary.is_none() => primary = Some(Name::new(text, NameType::Primary)),
            None => others.push(Name::new(text, NameType::Aka)),
            Some(t) => others.push(Name::new(text, t)),
        }
    }
    for n in node.descendants("NonLatinName") {
        let Some(text) = n.text_of("NameNonLatinScript").map(collapse) else {
            continue;
        };
        let mut name = Name::new(text.clone(), NameType::Aka);
        name.script = n
            .text_of("NonLatinScriptType")
            .map(collapse)
            .or_else(|| xml::script_of(&text).map(str::to_string))
            .or(Some("Latin".to_string()));
        name.lang = n.text_of("NonLatinScriptLanguage").map(collapse);
        others.push(name);
    }
    let primary = match primary {
        Some(p) => p,
        None if !others.is_empty() => {
            let mut p = others.remove(0);
            p.name_type = NameType::Primary;
            p
        }
        None => return Err(node.error(file, Some("Names"), "no name")),
    };
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
    let mut seen: std::collections::HashSet<String> =
        e.names.iter().map(|n| n.name.clone()).collect();
    for n in others {
        if seen.insert(n.name.clone()) {
            e.names.push(n);
        }
    }

    for r in texts(node, "RegimeName") {
        if !e.programs.iter().any(|p| p == r) {
            e.programs.push(r.to_string());
        }
    }

    // Individuals.
    for d in texts(node, "DOB") {
        match dob(d) {
            Some(dob) if !e.dates_of_birth.contains(&dob) => e.dates_of_birth.push(dob),
            Some(_) => {}
            None => e.remarks.push(format!("Date of birth: {d}")),
        }
    }
    for n in texts(node, "Nationality") {
        add_country(&mut e, n, CountryRole::Nationality);
    }
    for loc in node.descendants("Location") {
        let town = loc.text_of("TownOfBirth").map(collapse);
        let country = loc.text_of("CountryOfBirth").map(collapse);
        let place: Vec<String> = town.iter().chain(country.iter()).cloned().collect();
        let place = place.join(", ");
        if !place.is_empty() && !e.places_of_birth.contains(&place) {
            e.places_of_birth.push(place);
        }
        if let Some(c) = country {
            add_country(&mut e, &c, CountryRole::Birth);
        }
    }
    if let Some(g) = texts(node, "Gender").into_iter().find_map(Gender::parse) {
        e.gender = Some(g);
    }
    for (item, number, info, passport) in [
        (
            "Passport",
            "PassportNumber",
            "PassportAdditionalInformation",
            true,
        ),
        (
            "NationalIdentifier",
            "NationalIdentifierNumber",
            "NationalIdentifierAdditionalInformation",
            false,
        ),
    ] {
        for p in node.descendants(item) {
            let note = p.text_of(info).map(collapse);
            match p.text_of(number).map(collapse) {
                Some(value) => e.identifiers.push(Identifier {
                    id_type: super::passport_or_id(passport),
                    label: if passport {
                        "Passport".to_string()
                    } else {
                        "National Identifier".to_string()
                    },
                    value,
                    country: None,
                    note,
                }),
                None => {
                    if let Some(n) = note {
                        e.remarks.push(format!("{item}: {n}"));
                    }
                }
            }
        }
    }
    for p in texts(node, "Position") {
        e.remarks.push(format!("Position: {}", collapse(p)));
    }

    // Entities.
    for r in texts(node, "BusinessRegistrationNumber") {
        e.identifiers.push(Identifier {
            id_type: IdentifierType::Registration,
            label: "Business Registration Number".to_string(),
            value: collapse(r),
            country: None,
            note: None,
        });
    }
    let types: Vec<String> = texts(node, "TypeOfEntity")
        .into_iter()
        .map(collapse)
        .collect();
    if !types.is_empty() {
        e.organization = Some(Box::new(OrganizationDetails {
            established: Vec::new(),
            types,
        }));
    }
    for p in texts(node, "ParentCompany") {
        e.remarks.push(format!("Parent company: {}", collapse(p)));
    }
    for p in texts(node, "Subsidiary") {
        e.remarks.push(format!("Subsidiary: {}", collapse(p)));
    }

    // Ships.
    for imo in texts(node, "IMONumber") {
        let value = collapse(imo.trim_start_matches("IMO").trim_start_matches("imo"));
        e.identifiers.push(Identifier {
            id_type: IdentifierType::Imo,
            label: "IMO Number".to_string(),
            value,
            country: None,
            note: None,
        });
    }
    let flags = texts(node, "CurrentBelievedFlagOfShip");
    let ship_types = texts(node, "TypeOfShip");
    if kind == EntityKind::Vessel || !flags.is_empty() || !ship_types.is_empty() {
        let craft = CraftDetails {
            flag: flags.first().map(|f| collapse(f)),
            vessel_type: ship_types.first().map(|t| collapse(t)),
            ..CraftDetails::default()
        };
        for f in &flags {
            add_country(&mut e, f, CountryRole::Flag);
        }
        e.craft = Some(Box::new(craft));
    }

    // Contacts and addresses.
    for a in node.descendants("Address") {
        let lines: Vec<String> = ["AddressLine1", "AddressLine2", "AddressLine3"]
            .iter()
            .filter_map(|f| a.text_of(f))
            .map(collapse)
            .collect();
        let city: Vec<String> = [
            "AddressLine4",
            "AddressLine5",
            "AddressLine6",
            "AddressPostalCode",
        ]
        .iter()
        .filter_map(|f| a.text_of(f))
        .map(collapse)
        .collect();
        let country = a.text_of("AddressCountry").map(collapse);
        let addr = Address {
            street: Some(lines.join(", ")).filter(|s| !s.is_empty()),
            city: Some(city.join(", ")).filter(|s| !s.is_empty()),
            country: country.clone(),
            remark: None,
        };
        if addr != Address::default() && !e.addresses.contains(&addr) {
            e.addresses.push(addr);
        }
        if let Some(c) = country {
            add_country(&mut e, &c, CountryRole::Address);
        }
    }
    for (el, id_type, label) in [
        ("PhoneNumber", IdentifierType::Phone, "Phone"),
        ("EmailAddress", IdentifierType::Email, "Email"),
        ("Website", IdentifierType::Website, "Website"),
    ] {
        for v in texts(node, el) {
            e.identifiers.push(Identifier {
                id_type,
                label: label.to_string(),
                value: collapse(v),
                country: None,
                note: None,
            });
        }
    }

    for (el, label) in [
        ("OtherInformation", ""),
        ("UKStatementofReasons", "UK Statement of Reasons: "),
        ("DateDesignated", "Designated on: "),
        ("UNReferenceNumber", "UN reference number: "),
        ("OFSIGroupID", "OFSI Group ID: "),
    ] {
        if let Some(v) = node.text_of(el) {
            e.remarks.push(format!("{label}{}", collapse(v)));
        }
    }
    Ok(e)
}
