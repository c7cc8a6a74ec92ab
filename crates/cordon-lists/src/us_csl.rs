//! The US Consolidated Screening List (trade.gov), as CSV or as JSON.
//!
//! **CSV.** Columns are found by header name, so the 29-column file (with
//! `_id`) and the older 28-column file (without) both load. A row equal to
//! the header (the full snapshot repeats its header line) is skipped with a
//! warning. A row with the wrong number of fields is an error naming the
//! line — except the very last record of a file cut off inside a quoted
//! field (no line end after it): that record is kept, with a warning saying
//! which fields are missing, because dropping a listed name would be worse
//! than a partial record.
//!
//! **JSON.** The shape of the trade.gov API and bulk download:
//! `{"total": N, "results": [{...}]}` (a bare array of results is accepted
//! too). Fields are those of the CSV with arrays instead of `;`-separated
//! text: `alt_names`, `dates_of_birth`, `nationalities`, `citizenships`,
//! `places_of_birth`, `programs` are arrays of strings, `addresses` is an
//! array of `{address, city, state, postal_code, country}` and `ids` of
//! `{type, number, country, issue_date, expiration_date}`; the record id is
//! `id` (or `_id`). Provenance `line` is the record's 1-based position in
//! `results`. `published` is the latest `sources_used[].last_imported`
//! date when present.
//!
//! **Sub-list.** Every entity's first program is the sub-list's short code
//! taken from the `source` column ([`sub_list_code`]: `SDN`, `EL` (Entity
//! List), `MEU`, `UVL`, `DPL`, `ISN`, `DTC`, `SSI`, `CAP`, `CMIC`,
//! `NS-MBS`, `FSE`, `PLC`), followed by the row's own `programs`; the full
//! source name is kept as the remark `Source list: ...`.
//!
//! **Ids.** `us-csl:` + `_id` when present, else `entity_number`, else a
//! stable hash (16 hex digits of SHA-256) of `source` and `name`. Treasury
//! rows use the OFAC entity number as `_id`, so one party on two Treasury
//! sub-lists (SDN and PLC, SSI and NS-MBS) shares an id: the first row keeps
//! `us-csl:ID`, later rows get `us-csl:ID/CODE` (the sub-list code), then
//! `/2`, `/3`... if still taken.
//!
//! **Kind.** `type` Individual/Entity/Vessel/Aircraft; rows without a type
//! (most BIS and State rows) are persons when they give a date of birth,
//! nationality or citizenship, organisations otherwise.

use crate::common::{self, classify_id_label, push_unique, warning, IdLabel};
use crate::countries::{country, push_country};
use crate::dates::parse_date_statement;
use crate::{ListError, ListFormat, LoadWarning, LoadedList, Result};
use cordon_engine::{
    Address, CountryRole, CraftDetails, Entity, EntityKind, Gender, Identifier, Name, NameType,
    Provenance,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

const LIST: &str = "us-csl";

/// Loads a CSL file, CSV or JSON (recognised by its first non-blank byte).
pub fn load(path: &Path) -> Result<LoadedList> {
    let bytes = common::read(path)?;
    parse(path, &bytes)
}

/// Parses CSL bytes (CSV or JSON); `name` is the file name used in
/// provenance and messages. Entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    parse(Path::new(name), bytes)
}

fn parse(path: &Path, bytes: &[u8]) -> Result<LoadedList> {
    let first = bytes
        .iter()
        .find(|b| !(b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF));
    if matches!(first, Some(b'{') | Some(b'[')) {
        parse_json(path, bytes)
    } else {
        parse_csv(path, bytes)
    }
}

/// One CSL record, from either shape.
#[derive(Default)]
struct Record {
    line: u64,
    id: Option<String>,
    source: String,
    entity_number: Option<String>,
    kind: Option<String>,
    programs: Vec<String>,
    name: String,
    title: Option<String>,
    addresses: Vec<Address>,
    /// (name, role) pairs.
    fields: Vec<(&'static str, String)>,
    alt_names: Vec<String>,
    citizenships: Vec<String>,
    dates_of_birth: Vec<String>,
    nationalities: Vec<String>,
    places_of_birth: Vec<String>,
    /// (type, number, country, note)
    ids: Vec<(String, String, Option<String>, Option<String>)>,
    craft: CraftDetails,
}

/// Remark-only columns, with their labels.
const REMARK_FIELDS: [(&str, &str); 8] = [
    ("remarks", "Remarks"),
    ("federal_register_notice", "Federal Register notice"),
    ("start_date", "Start date"),
    ("end_date", "End date"),
    ("standard_order", "Standard order"),
    ("license_requirement", "License requirement"),
    ("license_policy", "License policy"),
    ("source_information_url", "Source information"),
];

/// The short code of a CSL sub-list from its `source` text, e.g.
/// `"Entity List (EL) - Bureau of Industry and Security"` → `"EL"`,
/// `"Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury
/// Department"` → `"NS-MBS"`. Text without a parenthesised code is
/// returned trimmed, without the agency.
pub fn sub_list_code(source: &str) -> String {
    let head = source.split(" - ").next().unwrap_or(source).trim();
    if let (Some(open), Some(close)) = (head.rfind('('), head.rfind(')')) {
        if open < close {
            let code = head[open + 1..close].trim();
            let code = code.strip_suffix(" List").unwrap_or(code).trim();
            if !code.is_empty() {
                return code.to_string();
            }
        }
    }
    head.to_string()
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn nonempty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn is_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// `street, city, ..., CC` → an address with the country split off when the
/// last part is a two-letter code or a country name.
fn parse_address(text: &str) -> Address {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let mut addr = Address::default();
    let mut body = parts.as_slice();
    if let Some((last, rest)) = parts.split_last() {
        let is_country =
            is_code(last) || (last.len() > 3 && cordon_engine::country::code_for(last).is_some());
        if is_country {
            addr.country = Some(last.to_string());
            body = rest;
        }
    }
    let street = body
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    addr.street = nonempty(&street);
    addr
}

/// One `ids` item as the CSV writes it: `type, number[, country[, note]]`;
/// older files also write `number, type` and `country, number, type`.
fn parse_id(text: &str) -> Option<(String, String, Option<String>, Option<String>)> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if parts.len() < 2 {
        return None;
    }
    let looks_value = |s: &str| {
        s.bytes().any(|b| b.is_ascii_digit())
            || s.contains('@')
            || s.starts_with("www")
            || s.starts_with("http")
            || is_code(s)
    };
    let last = parts[parts.len() - 1];
    if looks_value(parts[0]) && !last.bytes().any(|b| b.is_ascii_digit()) && !is_code(last) {
        let rest = &parts[..parts.len() - 1];
        if rest.len() > 1 && is_code(rest[0]) {
            return Some((
                last.to_string(),
                rest[1..].join(", "),
                Some(rest[0].to_string()),
                None,
            ));
        }
        return Some((last.to_string(), rest.join(", "), None, None));
    }
    let id_type = parts[0].to_string();
    let rest = &parts[1..];
    if rest.len() >= 2 && is_code(rest[1]) {
        let note = (rest.len() > 2).then(|| rest[2..].join(", "));
        return Some((
            id_type,
            rest[0].to_string(),
            Some(rest[1].to_string()),
            note,
        ));
    }
    Some((id_type, rest.join(", "), None, None))
}

fn parse_csv(path: &Path, bytes: &[u8]) -> Result<LoadedList> {
    let file = crate::file_name(path);
    let text = common::decode(bytes);
    let cut_off = !text.is_empty() && !text.ends_with('\n');
    // A record cut off at the end of the file is kept with a warning (see
    // the column-count check below), so an open quote at the end is read.
    let mut raw = common::csv_records(
        &file,
        &text,
        b',',
        common::OpenQuoteAtEnd::Allow,
        &crate::limits::Limits::DEFAULT,
    )?;
    raw.retain(|(_, rec)| !(rec.len() == 1 && rec[0].trim().is_empty()));
    let Some((_, header)) = raw.first() else {
        return Err(ListError::Csv {
            file,
            line: 1,
            message: "empty file: no header line".to_string(),
        });
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let col: HashMap<&str, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    for required in ["source", "name"] {
        if !col.contains_key(required) {
            return Err(ListError::BadField {
                file,
                line: 1,
                field: "header",
                value: header.join(","),
                message: format!("no `{required}` column: not a Consolidated Screening List file"),
            });
        }
    }
    let mut warnings = Vec::new();
    let mut records = Vec::new();
    let last_index = raw.len() - 1;
    for (i, (line, rec)) in raw.iter().enumerate().skip(1) {
        let line = *line;
        if rec.len() == header.len() && rec.iter().zip(&header).all(|(a, b)| a.trim() == b) {
            warnings.push(warning(&file, Some(line), "header line repeated; skipped"));
            continue;
        }
        if rec.len() != header.len() {
            let truncated = i == last_index && cut_off && rec.len() < header.len();
            if !truncated {
                return Err(ListError::ColumnCount {
                    file,
                    line,
                    expected: header.len(),
                    found: rec.len(),
                });
            }
            let missing = header[rec.len()..].join(", ");
            warnings.push(warning(
                &file,
                Some(line),
                format!("file ends inside this record (cut off); kept without: {missing}"),
            ));
        }
        let get = |name: &str| -> &str {
            col.get(name)
                .and_then(|&i| rec.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let mut r = Record {
            line,
            id: nonempty(get("_id")).or_else(|| nonempty(get("id"))),
            source: get("source").to_string(),
            entity_number: nonempty(get("entity_number")),
            kind: nonempty(get("type")),
            programs: split_list(get("programs")),
            name: get("name").to_string(),
            title: nonempty(get("title")),
            addresses: split_list(get("addresses"))
                .iter()
                .map(|a| parse_address(a))
                .collect(),
            alt_names: split_list(get("alt_names")),
            citizenships: split_list(get("citizenships")),
            dates_of_birth: split_list(get("dates_of_birth")),
            nationalities: split_list(get("nationalities")),
            places_of_birth: split_list(get("places_of_birth")),
            ids: split_list(get("ids"))
                .iter()
                .filter_map(|s| parse_id(s))
                .collect(),
            ..Record::default()
        };
        for (field, _) in REMARK_FIELDS {
            if let Some(v) = nonempty(get(field)) {
                r.fields.push((field, v));
            }
        }
        r.craft = CraftDetails {
            call_sign: nonempty(get("call_sign")),
            vessel_type: nonempty(get("vessel_type")),
            tonnage: nonempty(get("gross_tonnage")),
            gross_registered_tonnage: nonempty(get("gross_registered_tonnage")),
            flag: nonempty(get("vessel_flag")),
            owner: nonempty(get("vessel_owner")),
            other: Vec::new(),
        };
        records.push(r);
    }
    let count = records.len();
    let entities = build(&file, records, &mut warnings)?;
    common::loaded(
        ListFormat::UsCsl,
        path,
        bytes,
        count,
        entities,
        warnings,
        None,
    )
}

fn json_err(file: &str, line: u64, message: impl Into<String>) -> ListError {
    ListError::Json {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

fn parse_json(path: &Path, bytes: &[u8]) -> Result<LoadedList> {
    let file = crate::file_name(path);
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| json_err(&file, e.line() as u64, e.to_string()))?;
    let (results, published) = match &doc {
        Value::Array(a) => (a, None),
        Value::Object(o) => {
            let results = o
                .get("results")
                .and_then(Value::as_array)
                .ok_or_else(|| json_err(&file, 1, "no `results` array"))?;
            let published = o
                .get("sources_used")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|s| s.get("last_imported").and_then(Value::as_str))
                .filter_map(|d| d.get(..10))
                .max()
                .map(str::to_string);
            (results, published)
        }
        _ => return Err(json_err(&file, 1, "expected an object or an array")),
    };
    let mut records = Vec::new();
    for (i, v) in results.iter().enumerate() {
        let line = i as u64 + 1;
        let o = v
            .as_object()
            .ok_or_else(|| json_err(&file, line, format!("results[{i}] is not an object")))?;
        let text = |k: &str| -> Result<Option<String>> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(nonempty(s)),
                Some(Value::Number(n)) => Ok(Some(n.to_string())),
                Some(Value::Bool(b)) => Ok(Some(b.to_string())),
                Some(_) => Err(json_err(
                    &file,
                    line,
                    format!("results[{i}].{k}: expected text"),
                )),
            }
        };
        let strings = |k: &str| -> Result<Vec<String>> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::String(s)) => Ok(split_list(s)),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|x| match x {
                        Value::String(s) => Ok(s.trim().to_string()),
                        _ => Err(json_err(
                            &file,
                            line,
                            format!("results[{i}].{k}: expected an array of text"),
                        )),
                    })
                    .filter(|r| r.as_ref().map(|s| !s.is_empty()).unwrap_or(true))
                    .collect(),
                Some(_) => Err(json_err(
                    &file,
                    line,
                    format!("results[{i}].{k}: expected an array"),
                )),
            }
        };
        let objects = |k: &str| -> Result<Vec<&serde_json::Map<String, Value>>> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|x| {
                        x.as_object().ok_or_else(|| {
                            json_err(
                                &file,
                                line,
                                format!("results[{i}].{k}: expected an array of objects"),
                            )
                        })
                    })
                    .collect(),
                Some(_) => Err(json_err(
                    &file,
                    line,
                    format!("results[{i}].{k}: expected an array"),
                )),
            }
        };
        let field = |m: &serde_json::Map<String, Value>, k: &str| -> Option<String> {
            m.get(k).and_then(Value::as_str).and_then(nonempty)
        };
        let addresses = objects("addresses")?
            .into_iter()
            .map(|a| {
                let city = [field(a, "city"), field(a, "state"), field(a, "postal_code")]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                Address {
                    street: field(a, "address"),
                    city: nonempty(&city),
                    country: field(a, "country"),
                    remark: None,
                }
            })
            .collect();
        let ids = objects("ids")?
            .into_iter()
            .filter_map(|m| {
                let number = field(m, "number")?;
                let note = [
                    field(m, "issue_date").map(|d| format!("issued {d}")),
                    field(m, "expiration_date").map(|d| format!("expires {d}")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ");
                Some((
                    field(m, "type").unwrap_or_default(),
                    number,
                    field(m, "country"),
                    nonempty(&note),
                ))
            })
            .collect();
        let mut r = Record {
            line,
            id: text("id")?.or(text("_id")?),
            source: text("source")?.unwrap_or_default(),
            entity_number: text("entity_number")?,
            kind: text("type")?,
            programs: strings("programs")?,
            name: text("name")?.unwrap_or_default(),
            title: text("title")?,
            addresses,
            alt_names: strings("alt_names")?,
            citizenships: strings("citizenships")?,
            dates_of_birth: strings("dates_of_birth")?,
            nationalities: strings("nationalities")?,
            places_of_birth: strings("places_of_birth")?,
            ids,
            ..Record::default()
        };
        for (f, _) in REMARK_FIELDS {
            if let Some(v) = text(f)? {
                r.fields.push((f, v));
            }
        }
        r.craft = CraftDetails {
            call_sign: text("call_sign")?,
            vessel_type: text("vessel_type")?,
            tonnage: text("gross_tonnage")?,
            gross_registered_tonnage: text("gross_registered_tonnage")?,
            flag: text("vessel_flag")?,
            owner: text("vessel_owner")?,
            other: Vec::new(),
        };
        records.push(r);
    }
    let count = records.len();
    let mut warnings = Vec::new();
    let entities = build(&file, records, &mut warnings)?;
    common::loaded(
        ListFormat::UsCsl,
        path,
        bytes,
        count,
        entities,
        warnings,
        published,
    )
}

fn build(file: &str, records: Vec<Record>, warnings: &mut Vec<LoadWarning>) -> Result<Vec<Entity>> {
    let _ = warnings;
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(records.len());
    for r in records {
        if r.source.is_empty() {
            return Err(ListError::BadField {
                file: file.to_string(),
                line: r.line,
                field: "source",
                value: String::new(),
                message: "empty: every CSL row names its sub-list".to_string(),
            });
        }
        let name = r.name.trim();
        if name.is_empty() {
            return Err(ListError::BadField {
                file: file.to_string(),
                line: r.line,
                field: "name",
                value: String::new(),
                message: "empty name".to_string(),
            });
        }
        let code = sub_list_code(&r.source);
        let base =
            r.id.clone()
                .or_else(|| r.entity_number.clone())
                .unwrap_or_else(|| common::stable_hash(&[r.source.trim(), name]));
        let mut source_id = base.clone();
        if used.contains(&source_id) {
            source_id = format!("{base}/{code}");
            let mut n = 2;
            while used.contains(&source_id) {
                source_id = format!("{base}/{code}/{n}");
                n += 1;
            }
        }
        used.insert(source_id.clone());
        let person_hint = !r.dates_of_birth.is_empty()
            || !r.nationalities.is_empty()
            || !r.citizenships.is_empty();
        let kind = r
            .kind
            .as_deref()
            .and_then(EntityKind::parse)
            .unwrap_or(if person_hint {
                EntityKind::Person
            } else {
                EntityKind::Organization
            });
        let mut e = Entity::new(
            LIST,
            &source_id,
            kind,
            name,
            Provenance {
                list: LIST.to_string(),
                file: file.to_string(),
                line: Some(r.line),
            },
        );
        e.programs.push(code);
        for p in &r.programs {
            push_unique(&mut e.programs, p);
        }
        e.remarks.push(format!("Source list: {}", r.source.trim()));
        if let Some(t) = r.kind.as_deref() {
            if EntityKind::parse(t).is_none() {
                e.remarks.push(format!("Type: {t}"));
            }
        }
        // A set: one field may hold very many alternative names.
        let mut seen: std::collections::HashSet<&str> =
            e.names.iter().map(|n| n.name.as_str()).collect();
        let mut alts = Vec::new();
        for alt in &r.alt_names {
            if alt != name && seen.insert(alt.as_str()) {
                alts.push(Name::new(alt.as_str(), NameType::Aka));
            }
        }
        e.names.extend(alts);
        e.title = r.title.clone();
        for d in &r.dates_of_birth {
            match parse_date_statement(d) {
                Some(dob) => e.dates_of_birth.push(dob),
                None => e.remarks.push(format!("Date of birth: {d}")),
            }
        }
        e.places_of_birth = r.places_of_birth.clone();
        for c in &r.nationalities {
            push_country(&mut e.countries, country(c, CountryRole::Nationality));
        }
        for c in &r.citizenships {
            push_country(&mut e.countries, country(c, CountryRole::Citizenship));
        }
        for a in r.addresses {
            if let Some(c) = &a.country {
                push_country(&mut e.countries, country(c, CountryRole::Address));
            }
            e.addresses.push(a);
        }
        for (label, value, ctry, note) in r.ids {
            match classify_id_label(&label) {
                IdLabel::Id(id_type) => e.identifiers.push(Identifier {
                    id_type,
                    label,
                    value,
                    country: ctry,
                    note,
                }),
                IdLabel::Gender => match Gender::parse(&value) {
                    Some(g) => e.gender = Some(g),
                    None => e.remarks.push(format!("{label}: {value}")),
                },
                IdLabel::Country(role) => {
                    push_country(&mut e.countries, country(&value, role));
                }
                IdLabel::Established => match parse_date_statement(&value) {
                    Some(d) => e
                        .organization
                        .get_or_insert_with(Box::default)
                        .established
                        .push(d),
                    None => e.remarks.push(format!("{label}: {value}")),
                },
                IdLabel::Remark => e.remarks.push(format!("{label} {value}")),
            }
        }
        for (field, value) in r.fields {
            let label = REMARK_FIELDS
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, l)| *l)
                .unwrap_or(field);
            e.remarks.push(format!("{label}: {value}"));
        }
        if r.craft != CraftDetails::default() {
            if let Some(f) = &r.craft.flag {
                push_country(&mut e.countries, country(f, CountryRole::Flag));
            }
            e.craft = Some(Box::new(r.craft));
        }
        out.push(e);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_list_codes() {
        assert_eq!(
            sub_list_code("Entity List (EL) - Bureau of Industry and Security"),
            "EL"
        );
        assert_eq!(
            sub_list_code("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"),
            "NS-MBS"
        );
        assert_eq!(
            sub_list_code("Military End User (MEU) List - Bureau of Industry and Security"),
            "MEU"
        );
    }

    #[test]
    fn id_orders() {
        assert_eq!(
            parse_id("Passport, U00242309, TR"),
            Some((
                "Passport".into(),
                "U00242309".into(),
                Some("TR".into()),
                None
            ))
        );
        assert_eq!(
            parse_id("RU, 1137746390572, Registration ID"),
            Some((
                "Registration ID".into(),
                "1137746390572".into(),
                Some("RU".into()),
                None
            ))
        );
        assert_eq!(
            parse_id("5030056754, Tax ID No."),
            Some(("Tax ID No.".into(), "5030056754".into(), None, None))
        );
    }

    #[test]
    fn address_country() {
        let a = parse_address("31 Jinrong Street, Xicheng District, Beijing, 100033, CN");
        assert_eq!(a.country.as_deref(), Some("CN"));
        assert_eq!(
            a.street.as_deref(),
            Some("31 Jinrong Street, Xicheng District, Beijing, 100033")
        );
        let b = parse_address("3037 S. 69TH DRIVE, PHONEIX, AZ, 85043");
        assert_eq!(b.country, None);
    }

    #[test]
    fn csv_with_repeated_header_and_cut_off_end() {
        let csv = "_id,source,name,type\n_id,source,name,type\n1,\"Entity List (EL) - BIS\",ACME,Entity\n2,\"Specially Designated Nationals (SDN) - Treasury Department\",\"DOE, John";
        let list = parse_bytes("t.csv", csv.as_bytes()).unwrap();
        assert_eq!(list.entities.len(), 2);
        assert_eq!(list.warnings.len(), 2);
        assert_eq!(list.entities[1].primary_name(), "DOE, John");
        let bad = "_id,source,name\n1,x\n2,y,z\n";
        assert!(matches!(
            parse_bytes("b.csv", bad.as_bytes()),
            Err(ListError::ColumnCount { line: 2, .. })
        ));
    }
}
