//! Control lists keyed by HS code (the Common High Priority List, and any
//! other list written the same way), one CSV file per list version.
//!
//! Columns (header names, any order): `list_id`, `list_name`, `version`
//! (ISO date), `source` (citation), `hs6` (or `hs_code`: a 4- or 6-digit HS
//! code, dotted or not) and optionally `tier`, `tier_label`,
//! `tier_description`, `item`. Every row of a file must carry the same
//! `list_id` and `version`: a file is one version of one list.

use crate::error::{Error, Result};
use crate::hs::{HsCode, Level};
use crate::table::{field, Table};
use serde::Serialize;

/// One listed code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlEntry {
    /// HS digits as listed (4 or 6), no separators.
    pub hs: String,
    pub tier: Option<String>,
    pub tier_label: Option<String>,
    pub tier_description: Option<String>,
    /// What the list says the entry covers.
    pub item: Option<String>,
}

/// One version of one control list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlList {
    pub id: String,
    pub name: String,
    /// ISO date of the version; the newest version of a list wins.
    pub version: String,
    pub source: String,
    /// The file it was read from.
    pub file: String,
    pub entries: Vec<ControlEntry>,
}

impl ControlList {
    /// Parses one control-list file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<ControlList> {
        let table = Table::parse(file, text)?;
        let c_id = table.column(&["list_id"])?;
        let c_name = table.column(&["list_name"])?;
        let c_version = table.column(&["version"])?;
        let c_source = table.column(&["source"])?;
        let c_hs = table.column(&["hs6", "hs_code"])?;
        let (c_tier, c_label, c_desc, c_item) = (
            table.find(&["tier"]),
            table.find(&["tier_label"]),
            table.find(&["tier_description"]),
            table.find(&["item"]),
        );
        let mut list: Option<ControlList> = None;
        for (line, rec) in &table.rows {
            let line = *line;
            let field = |i: usize| field(rec, i).to_string();
            let opt = |i: Option<usize>| i.map(field).filter(|s| !s.is_empty());
            let (id, version) = (field(c_id), field(c_version));
            if id.is_empty() || version.is_empty() {
                return Err(Error::data(
                    file,
                    line,
                    "list_id and version must not be empty",
                ));
            }
            let raw = field(c_hs);
            let code = HsCode::parse(&raw).map_err(|e| Error::data(file, line, e.to_string()))?;
            if code.level() == Level::Chapter || code.national().is_some() {
                return Err(Error::data(
                    file,
                    line,
                    format!("{raw:?}: a control-list code has 4 or 6 digits"),
                ));
            }
            let list = list.get_or_insert_with(|| ControlList {
                id: id.clone(),
                name: field(c_name),
                version: version.clone(),
                source: field(c_source),
                file: file.to_string(),
                entries: Vec::new(),
            });
            if list.id != id || list.version != version {
                return Err(Error::data(
                    file,
                    line,
                    format!(
                        "list {id} version {version} in a file of list {} version {}: one file holds one version of one list",
                        list.id, list.version
                    ),
                ));
            }
            list.entries.push(ControlEntry {
                hs: code.digits().to_string(),
                tier: opt(c_tier),
                tier_label: opt(c_label),
                tier_description: opt(c_desc),
                item: opt(c_item),
            });
        }
        list.ok_or_else(|| Error::data(file, 1, "no entries"))
    }
}

/// Keeps the newest version of each list (by `version`, an ISO date) and
/// returns (current, superseded).
pub fn newest_versions(mut lists: Vec<ControlList>) -> (Vec<ControlList>, Vec<ControlList>) {
    lists.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| b.version.cmp(&a.version)));
    let mut current: Vec<ControlList> = Vec::new();
    let mut superseded = Vec::new();
    for l in lists {
        if current.last().is_some_and(|c| c.id == l.id) {
            superseded.push(l);
        } else {
            current.push(l);
        }
    }
    (current, superseded)
}
