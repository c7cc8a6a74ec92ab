//! OFAC's `sdn.xml`: `<sdnList>` with `<publshInformation>` and one
//! `<sdnEntry>` per party. Ids are `ofac-sdn:UID`, the same `ent_num` as
//! `sdn.csv`, so lists loaded from either format line up in diffs.
//!
//! Names follow the CSV: an individual is `LAST, First`, anything else
//! its `lastName`. `akaList/aka` gives a.k.a./f.k.a./n.k.a. names
//! (`category` weak → weak a.k.a.); `idList/id` identifiers by `idType`
//! (`Gender`, `Nationality of Registration`, directives and dates become
//! the gender, a country, a remark); `addressList`, `nationalityList`,
//! `citizenshipList`, `dateOfBirthList` (circa and ranges), `placeOfBirthList`,
//! `vesselInfo`, `programList`, `title`, `remarks` (kept verbatim).
//! `published` is `Publish_Date` as `YYYY-MM-DD`. Malformed XML, a
//! missing or non-numeric `uid`, a missing `lastName`, an unknown
//! `sdnType` or a repeated `uid` are errors naming the line and the
//! element path.

use crate::common::{self, classify_id_label, IdLabel};
use crate::countries::{country, push_country};
use crate::dates::parse_date_statement;
use crate::xml::{read_records, Node};
use crate::{ListError, ListFormat, LoadedList, Result};
use cordon_engine::{
    Address, CountryRole, CraftDetails, Entity, EntityKind, Gender, Identifier, Name, NameType,
    Provenance,
};
use std::collections::HashMap;
use std::path::Path;

const LIST: &str = "ofac-sdn";

/// Loads `sdn.xml`.
pub fn load(path: &Path) -> Result<LoadedList> {
    let bytes = common::read(path)?;
    parse(path, &bytes)
}

/// Parses `sdn.xml` bytes; `name` is the file name for provenance and
/// messages. Entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    parse(Path::new(name), bytes)
}

/// `MM/DD/YYYY` → `YYYY-MM-DD`.
pub(crate) fn us_date(s: &str) -> Option<String> {
    let p: Vec<&str> = s.trim().split('/').collect();
    if let [m, d, y] = p.as_slice() {
        let (m, d, y) = (
            m.parse::<u8>().ok()?,
            d.parse::<u8>().ok()?,
            y.parse::<i32>().ok()?,
        );
        return Some(cordon_engine::PartialDate::ymd(y, m, d).to_string());
    }
    None
}

fn parse(path: &Path, bytes: &[u8]) -> Result<LoadedList> {
    let file = crate::file_name(path);
    let mut entities: Vec<Entity> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut published = None;
    let doc = read_records(
        &file,
        bytes,
        |p| p == "sdnEntry" || p == "publshInformation",
        |node| {
            if node.name == "publshInformation" {
                published = node.text_of("Publish_Date").and_then(us_date);
                return Ok(());
            }
            let e = entry(&file, &node)?;
            if let Some(first) = seen.insert(e.source_id.clone(), node.line) {
                return Err(ListError::DuplicateEntity {
                    file: file.clone(),
                    line: node.line,
                    ent_num: e.source_id.clone(),
                    first_line: first,
                });
            }
            entities.push(e);
            Ok(())
        },
    )?;
    if doc.root != "sdnList" {
        return Err(ListError::Xml {
            file,
            line: 1,
            path: format!("/{}", doc.root),
            message: "root element is not sdnList: not an OFAC sdn.xml file".to_string(),
        });
    }
    let n = entities.len();
    common::loaded(
        ListFormat::OfacSdnXml,
        path,
        bytes,
        n,
        entities,
        Vec::new(),
        published,
    )
}

fn person_name(last: &str, first: Option<&str>) -> String {
    match first {
        Some(f) => format!("{last}, {f}"),
        None => last.to_string(),
    }
}

fn entry(file: &str, n: &Node) -> Result<Entity> {
    let uid = n.required(file, "uid")?;
    if uid.parse::<u64>().is_err() {
        return Err(n.error(file, Some("uid"), format!("not a whole number: {uid:?}")));
    }
    let sdn_type = n.required(file, "sdnType")?;
    let kind = EntityKind::parse(sdn_type)
        .ok_or_else(|| n.error(file, Some("sdnType"), format!("unknown type {sdn_type:?}")))?;
    let last = n.required(file, "lastName")?;
    let name = person_name(last, n.text_of("firstName"));
    let mut e = Entity::new(
        LIST,
        uid,
        kind,
        &name,
        Provenance {
            list: LIST.to_string(),
            file: file.to_string(),
            line: Some(n.line),
        },
    );
    e.title = n.text_of("title").map(str::to_string);
    if let Some(r) = n.text_of("remarks") {
        e.remarks.push(r.to_string());
    }
    for p in n
        .child("programList")
        .iter()
        .flat_map(|l| l.children("program"))
    {
        if let Some(v) = p.value() {
            common::push_unique(&mut e.programs, v);
        }
    }
    for a in n.child("akaList").iter().flat_map(|l| l.children("aka")) {
        let Some(last) = a.text_of("lastName") else {
            continue;
        };
        let weak = a
            .text_of("category")
            .is_some_and(|c| c.eq_ignore_ascii_case("weak"));
        let t = if weak {
            NameType::WeakAka
        } else {
            a.text_of("type")
                .and_then(NameType::parse)
                .unwrap_or(NameType::Aka)
        };
        let mut name = Name::new(person_name(last, a.text_of("firstName")), t);
        name.script = crate::xml::script_of(&name.name).map(str::to_string);
        e.names.push(name);
    }
    for a in n
        .child("addressList")
        .iter()
        .flat_map(|l| l.children("address"))
    {
        let street = ["address1", "address2", "address3"]
            .iter()
            .filter_map(|f| a.text_of(f))
            .collect::<Vec<_>>()
            .join(", ");
        let city = ["city", "stateOrProvince", "postalCode"]
            .iter()
            .filter_map(|f| a.text_of(f))
            .collect::<Vec<_>>()
            .join(", ");
        let ctry = a.text_of("country");
        if let Some(c) = ctry {
            push_country(&mut e.countries, country(c, CountryRole::Address));
        }
        let addr = Address {
            street: Some(street).filter(|s| !s.is_empty()),
            city: Some(city).filter(|s| !s.is_empty()),
            country: ctry.map(str::to_string),
            remark: None,
        };
        if addr != Address::default() {
            e.addresses.push(addr);
        }
    }
    for (list, item, role) in [
        ("nationalityList", "nationality", CountryRole::Nationality),
        ("citizenshipList", "citizenship", CountryRole::Citizenship),
    ] {
        for c in n.child(list).iter().flat_map(|l| l.children(item)) {
            if let Some(v) = c.text_of("country") {
                push_country(&mut e.countries, country(v, role));
            }
        }
    }
    for d in n
        .child("dateOfBirthList")
        .iter()
        .flat_map(|l| l.children("dateOfBirthItem"))
    {
        if let Some(v) = d.text_of("dateOfBirth") {
            match parse_date_statement(v) {
                Some(dob) => e.dates_of_birth.push(dob),
                None => e.remarks.push(format!("DOB {v}")),
            }
        }
    }
    for p in n
        .child("placeOfBirthList")
        .iter()
        .flat_map(|l| l.children("placeOfBirthItem"))
    {
        if let Some(v) = p.text_of("placeOfBirth") {
            common::push_unique(&mut e.places_of_birth, v);
        }
    }
    for i in n.child("idList").iter().flat_map(|l| l.children("id")) {
        let label = i.text_of("idType").unwrap_or("").to_string();
        let Some(value) = i.text_of("idNumber") else {
            continue;
        };
        match classify_id_label(&label) {
            IdLabel::Id(id_type) => {
                let note = [
                    i.text_of("issueDate").map(|d| format!("issued {d}")),
                    i.text_of("expirationDate").map(|d| format!("expires {d}")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ");
                e.identifiers.push(Identifier {
                    id_type,
                    label,
                    value: value.to_string(),
                    country: i.text_of("idCountry").map(str::to_string),
                    note: Some(note).filter(|s| !s.is_empty()),
                })
            }
            IdLabel::Gender => e.gender = Gender::parse(value),
            IdLabel::Country(role) => push_country(&mut e.countries, country(value, role)),
            IdLabel::Established => match parse_date_statement(value) {
                Some(d) => e
                    .organization
                    .get_or_insert_with(Box::default)
                    .established
                    .push(d),
                None => e.remarks.push(format!("{label} {value}")),
            },
            IdLabel::Remark => e.remarks.push(format!("{label} {value}")),
        }
    }
    if let Some(v) = n.child("vesselInfo") {
        let craft = CraftDetails {
            call_sign: v.text_of("callSign").map(str::to_string),
            vessel_type: v.text_of("vesselType").map(str::to_string),
            tonnage: v.text_of("tonnage").map(str::to_string),
            gross_registered_tonnage: v.text_of("grossRegisteredTonnage").map(str::to_string),
            flag: v.text_of("vesselFlag").map(str::to_string),
            owner: v.text_of("vesselOwner").map(str::to_string),
            other: Vec::new(),
        };
        if let Some(f) = &craft.flag {
            push_country(&mut e.countries, country(f, CountryRole::Flag));
        }
        if craft != CraftDetails::default() {
            e.craft = Some(Box::new(craft));
        }
    }
    Ok(e)
}
