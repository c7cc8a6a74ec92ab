//! The HS 2022 nomenclature: every chapter, heading and subheading with its
//! description, read from `data/goods/hs_nomenclature_2022.csv` (columns
//! found by name: `hscode`, `section`, `description`; others, such as
//! `level` or `parent`, are ignored). Rows of the `TOTAL` section
//! (`99`, `9999`, `999999`: "commodities not specified according to kind")
//! are a statistical artefact of the source, not HS codes, and are skipped.

use crate::error::{Error, Result};
use crate::hs::{dotted, HsCode, Level};
use crate::table::{field, Table};
use serde::Serialize;
use std::collections::BTreeMap;

/// One chapter, heading or subheading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HsEntry {
    /// Digits, no separators (`854231`).
    pub code: String,
    pub level: Level,
    pub description: String,
    /// Roman numeral of the HS section (`XVI`).
    pub section: String,
}

impl HsEntry {
    /// The code in dotted form (`8542.31`).
    pub fn dotted(&self) -> String {
        dotted(&self.code)
    }
}

/// All codes of one HS edition.
#[derive(Debug, Clone)]
pub struct Nomenclature {
    /// The file it was read from.
    pub source: String,
    entries: BTreeMap<String, HsEntry>,
}

impl Nomenclature {
    /// Parses the nomenclature CSV; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Nomenclature> {
        let table = Table::parse(file, text)?;
        let (c_section, c_code, c_desc) = (
            table.column(&["section"])?,
            table.column(&["hscode"])?,
            table.column(&["description"])?,
        );
        let mut entries = BTreeMap::new();
        for (line, rec) in &table.rows {
            let (line, field) = (*line, |i: usize| field(rec, i));
            let section = field(c_section);
            if section == "TOTAL" {
                continue;
            }
            let code = field(c_code);
            let level = if code.chars().all(|c| c.is_ascii_digit()) {
                match code.len() {
                    2 => Level::Chapter,
                    4 => Level::Heading,
                    6 => Level::Subheading,
                    _ => {
                        return Err(Error::data(
                            file,
                            line,
                            format!("code {code:?}: not 2, 4 or 6 digits"),
                        ))
                    }
                }
            } else {
                return Err(Error::data(
                    file,
                    line,
                    format!("code {code:?} is not digits"),
                ));
            };
            entries.insert(
                code.to_string(),
                HsEntry {
                    code: code.to_string(),
                    level,
                    description: field(c_desc).to_string(),
                    section: section.to_string(),
                },
            );
        }
        if entries.is_empty() {
            return Err(Error::data(file, 1, "no HS codes"));
        }
        Ok(Nomenclature {
            source: file.to_string(),
            entries,
        })
    }

    /// The entry for a code in digits (`854231`), if it exists.
    pub fn get(&self, digits: &str) -> Option<&HsEntry> {
        self.entries.get(digits)
    }

    /// Every entry, in code order.
    pub fn entries(&self) -> impl Iterator<Item = &HsEntry> {
        self.entries.values()
    }

    /// The entry for a parsed code; an error names the first level (chapter,
    /// heading, subheading) that does not exist.
    pub fn validate(&self, code: &HsCode, input: &str) -> Result<&HsEntry> {
        let bad = |reason: String| Error::InvalidCode {
            input: input.to_string(),
            reason,
        };
        let digits = code.digits();
        for len in [2, 4, 6] {
            let Some(part) = digits.get(..len) else { break };
            if self.entries.contains_key(part) {
                continue;
            }
            return Err(bad(match len {
                2 => format!("chapter {part} does not exist in HS 2022"),
                4 => format!(
                    "heading {part} does not exist in HS 2022 chapter {}",
                    &part[..2]
                ),
                _ => format!(
                    "subheading {} does not exist under HS 2022 heading {}",
                    dotted(part),
                    &part[..4]
                ),
            }));
        }
        self.entries
            .get(digits)
            .ok_or_else(|| bad("not in the HS 2022 nomenclature".into()))
    }
}
