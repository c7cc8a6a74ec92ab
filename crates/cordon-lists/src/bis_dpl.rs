//! The BIS Denied Persons List as BIS publishes it: a tab-separated text
//! file with quoted fields and a header line (`Name`, `Street_Address`,
//! `City`, `State`, `Country`, `Postal_Code`, `Effective_Date`,
//! `Expiration_Date`, `Standard_Order`, `Last_Update`, `Action`,
//! `FR_Citation`). Columns are found by header name.
//!
//! One denial often spans several lines, one per address. Lines with the
//! same name and effective date are one entity with several addresses; its
//! provenance is its first line. The id is `bis-dpl:` + a stable hash (16
//! hex digits of SHA-256) of the upper-cased name and the effective date,
//! so it survives reordering and address changes.
//!
//! The file names no party type: a name containing a company word (INC,
//! LLC, LTD, CORP, COMPANY, TRADING, ...) is an organisation, otherwise a
//! person. Dates become remarks (`Effective date: 2003-06-19`,
//! `Expiration date: ...`), as do the action, the standard-order flag and
//! the Federal Register citations (all distinct ones across the lines).
//! `published` is the latest `Last_Update` in the file.

use crate::common::{self, push_unique};
use crate::countries::{country, push_country};
use crate::{ListError, ListFormat, LoadedList, Result};
use cordon_engine::{Address, CountryRole, Entity, EntityKind, Provenance};
use std::collections::HashMap;
use std::path::Path;

const LIST: &str = "bis-dpl";

const COLUMNS: [&str; 12] = [
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
];

/// Loads a DPL text file.
pub fn load(path: &Path) -> Result<LoadedList> {
    let bytes = common::read(path)?;
    parse(path, &bytes)
}

/// Parses DPL bytes; `name` is the file name for provenance and messages.
/// Entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    parse(Path::new(name), bytes)
}

/// `MM/DD/YYYY` → `YYYY-MM-DD` (other text kept), by the one date grammar.
fn iso_date(s: &str) -> String {
    crate::dates::iso_text(s, crate::dates::Order::MonthDay)
}

const COMPANY_WORDS: [&str; 24] = [
    "INC",
    "LLC",
    "LTD",
    "LIMITED",
    "CORP",
    "CORPORATION",
    "COMPANY",
    "CO",
    "GMBH",
    "S.A.",
    "SA",
    "TRADING",
    "ENTERPRISES",
    "ENTERPRISE",
    "INTERNATIONAL",
    "INDUSTRIES",
    "GROUP",
    "SERVICES",
    "TECHNOLOGY",
    "TECHNOLOGIES",
    "LLP",
    "PLC",
    "AG",
    "FZE",
];

fn looks_like_company(name: &str) -> bool {
    name.to_ascii_uppercase()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .map(|w| w.trim_end_matches('.'))
        .any(|w| COMPANY_WORDS.iter().any(|c| c.trim_end_matches('.') == w))
}

fn parse(path: &Path, bytes: &[u8]) -> Result<LoadedList> {
    let file = crate::file_name(path);
    let text = common::decode(bytes);
    let mut header: Option<HashMap<String, usize>> = None;
    let mut width = 0;
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut records = 0;
    let mut published: Option<String> = None;
    let rows = common::csv_records(
        &file,
        &text,
        b'\t',
        common::OpenQuoteAtEnd::Refuse,
        &crate::limits::Limits::DEFAULT,
    )?;
    for (line, rec) in rows {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(col) = &header else {
            let map: HashMap<String, usize> = rec
                .iter()
                .enumerate()
                .map(|(i, h)| (h.trim().to_string(), i))
                .collect();
            if let Some(missing) = ["Name", "Effective_Date"]
                .iter()
                .find(|c| !map.contains_key(**c))
            {
                return Err(ListError::BadField {
                    file,
                    line,
                    field: "header",
                    value: rec.iter().collect::<Vec<_>>().join("\t"),
                    message: format!(
                        "no `{missing}` column: not a BIS Denied Persons List file (expected {})",
                        COLUMNS.join(", ")
                    ),
                });
            }
            width = rec.len();
            header = Some(map);
            continue;
        };
        if rec.len() != width {
            return Err(ListError::ColumnCount {
                file,
                line,
                expected: width,
                found: rec.len(),
            });
        }
        records += 1;
        let get = |c: &str| -> &str {
            col.get(c)
                .and_then(|&i| rec.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let name = get("Name");
        if name.is_empty() {
            return Err(ListError::BadField {
                file,
                line,
                field: "Name",
                value: String::new(),
                message: "empty name".to_string(),
            });
        }
        let effective = iso_date(get("Effective_Date"));
        let key = format!("{}\u{1f}{}", name.to_uppercase(), effective);
        let idx = match by_key.get(&key) {
            Some(&i) => i,
            None => {
                let id = common::stable_hash(&[&name.to_uppercase(), &effective]);
                let kind = if looks_like_company(name) {
                    EntityKind::Organization
                } else {
                    EntityKind::Person
                };
                let mut e = Entity::new(
                    LIST,
                    &id,
                    kind,
                    name,
                    Provenance {
                        list: LIST.to_string(),
                        file: file.clone(),
                        line: Some(line),
                    },
                );
                e.programs.push("DPL".to_string());
                if !effective.is_empty() {
                    e.remarks.push(format!("Effective date: {effective}"));
                }
                let expiry = iso_date(get("Expiration_Date"));
                if !expiry.is_empty() {
                    e.remarks.push(format!("Expiration date: {expiry}"));
                }
                entities.push(e);
                by_key.insert(key, entities.len() - 1);
                entities.len() - 1
            }
        };
        let e = &mut entities[idx];
        let city = [get("City"), get("State"), get("Postal_Code")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let ctry = get("Country");
        let addr = Address {
            street: Some(get("Street_Address").to_string()).filter(|s| !s.is_empty()),
            city: Some(city).filter(|s| !s.is_empty()),
            country: Some(ctry.to_string()).filter(|s| !s.is_empty()),
            remark: None,
        };
        if addr != Address::default() && !e.addresses.contains(&addr) {
            e.addresses.push(addr);
        }
        push_country(&mut e.countries, country(ctry, CountryRole::Address));
        for (c, label) in [
            ("Action", "Action"),
            ("Standard_Order", "Standard order"),
            ("FR_Citation", "Federal Register"),
        ] {
            let v = get(c);
            if !v.is_empty() {
                push_unique(&mut e.remarks, &format!("{label}: {v}"));
            }
        }
        let updated = get("Last_Update");
        if !updated.is_empty() {
            let d = iso_date(updated);
            // The real file has a typo'd year (3017): ignore impossible dates.
            let plausible = d
                .get(..4)
                .and_then(|y| y.parse::<i32>().ok())
                .is_some_and(|y| (1990..=2100).contains(&y));
            if !plausible {
                continue;
            }
            let newer = match &published {
                Some(p) => d > *p,
                None => true,
            };
            if newer {
                published = Some(d);
            }
        }
    }
    if header.is_none() {
        return Err(ListError::Csv {
            file,
            line: 1,
            message: "empty file: no header line".to_string(),
        });
    }
    common::loaded(
        ListFormat::BisDpl,
        path,
        bytes,
        records,
        entities,
        Vec::new(),
        published,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_lines_of_one_denial() {
        let text = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n\
\"ZIMO SHENG\"\t\"A\"\t\"MILWAUKEE\"\t\"WI\"\t\"\"\t\"53211\"\t\"03/16/2020\"\t\"12/13/2028\"\t\"Y\"\t\"2020-03-20\"\t\"FR NOTICE ADDED\"\t\"85 F.R. 16054 3/20/2020\"\n\
\"ZIMO SHENG\"\t\"B\"\t\"JIANGSU\"\t\"\"\t\"CN\"\t\"215500\"\t\"03/16/2020\"\t\"12/13/2028\"\t\"Y\"\t\"2020-03-20\"\t\"FR NOTICE ADDED\"\t\"85 F.R. 16054 3/20/2020\"\n\
\"ACME TRADING CO.\"\t\"C\"\t\"X\"\t\"\"\t\"AE\"\t\"\"\t\"01/02/2021\"\t\"\"\t\"N\"\t\"2021-01-05\"\t\"ADDED\"\t\"86 F.R. 1\"\n";
        let l = parse_bytes("dpl.txt", text.as_bytes()).unwrap();
        assert_eq!(l.entities.len(), 2);
        assert_eq!(l.entities[0].addresses.len(), 2);
        assert_eq!(l.entities[0].kind, EntityKind::Person);
        assert_eq!(l.entities[1].kind, EntityKind::Organization);
        assert_eq!(l.published.as_deref(), Some("2021-01-05"));
        assert!(l.entities[0]
            .remarks
            .contains(&"Effective date: 2020-03-16".to_string()));
    }
}
