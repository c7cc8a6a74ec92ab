//! The ownership data formats: one module each, and the detection of a
//! file's format from its name and first bytes.
//!
//! | format | files | detected by |
//! | --- | --- | --- |
//! | [`Format::Csv`] | `*.csv` | extension |
//! | [`Format::Bods`] | `*.json`, `*.jsonl` | a JSON array or JSON lines whose first record has `statementId` or `recordType` |
//! | [`Format::Ftm`] | `*.json`, `*.jsonl`, `*.ftm.json` | a JSON array or JSON lines whose first record has `schema` |

pub mod bods;
pub mod csv;
pub mod ftm;

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{OwnershipError, Result};
use crate::graph::Graph;
use crate::limits::{MAX_FILE_BYTES, MAX_LINE_BYTES};

/// An ownership data format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// `owner_id,owner_name,owner_kind,owned_id,owned_name,owned_kind,share_percent`
    /// (see [`csv`]).
    Csv,
    /// Beneficial Ownership Data Standard 0.4 statements (see [`bods`]).
    Bods,
    /// FollowTheMoney entities (see [`ftm`]).
    Ftm,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Bods => "bods",
            Format::Ftm => "ftm",
        }
    }
}

/// Whether a file name looks like ownership data cordon reads (by
/// extension; the content decides the format): `.csv`, `.json`, `.jsonl`,
/// `.ndjson`.
pub fn has_ownership_extension(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    [".csv", ".json", ".jsonl", ".ndjson"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// Reads an ownership file, telling its format from its name and content.
pub fn load_path(path: &Path) -> Result<Graph> {
    let label = path.display().to_string();
    let io = |source| OwnershipError::Io {
        file: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(crate::limits::exceeded(
            &label,
            None,
            "the file's size in bytes",
            MAX_FILE_BYTES as usize,
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        OwnershipError::invalid(&label, Some(line), "not UTF-8 text")
    })?;
    let format = detect(path, &text)?;
    load_str(&text, format, &label)
}

/// Tells a file's format from its name and content.
pub fn detect(path: &Path, text: &str) -> Result<Format> {
    let label = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".csv") {
        return Ok(Format::Csv);
    }
    let unknown = |reason: &str| OwnershipError::UnknownFormat {
        file: label.clone(),
        reason: reason.to_string(),
    };
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let first: Option<Value> = if let Some(rest) = body.strip_prefix('[') {
        // Only the array's first element is parsed here.
        let rest = rest.trim_start();
        serde_json::Deserializer::from_str(rest)
            .into_iter::<Value>()
            .next()
            .and_then(|r| r.ok())
    } else if body.starts_with('{') {
        body.lines()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| serde_json::from_str(l).ok())
    } else {
        return Err(unknown(
            "neither a .csv file nor JSON (an array or JSON lines)",
        ));
    };
    let Some(Value::Object(first)) = first else {
        return Err(unknown(
            "the JSON holds no object to tell BODS from FollowTheMoney",
        ));
    };
    if first.contains_key("statementId") || first.contains_key("recordType") {
        Ok(Format::Bods)
    } else if first.contains_key("schema") {
        Ok(Format::Ftm)
    } else {
        Err(unknown(
            "the first JSON record has neither `statementId`/`recordType` (BODS) nor `schema` (FollowTheMoney)",
        ))
    }
}

/// Reads ownership data of a known format from text; `file_label` names
/// the file in errors and in every party's and interest's source.
pub fn load_str(text: &str, format: Format, file_label: &str) -> Result<Graph> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut graph = match format {
        Format::Csv => csv::load(text, file_label)?,
        Format::Bods => bods::load(&json_records(text, file_label)?, file_label)?,
        Format::Ftm => ftm::load(text, file_label)?,
    };
    graph.add_file(file_label);
    Ok(graph)
}

/// The JSON records of a file, each with its position: a JSON array (the
/// position is the record's 1-based index) or JSON lines (its line).
pub(crate) fn json_records(text: &str, file: &str) -> Result<Vec<(usize, Value)>> {
    let mut out = Vec::new();
    for_each_json_record(text, file, |pos, v| {
        out.push((pos, v));
        Ok(())
    })?;
    Ok(out)
}

/// Hands each JSON record of a file to `f` with its position (see
/// [`json_records`]); JSON lines are parsed one at a time.
pub(crate) fn for_each_json_record(
    text: &str,
    file: &str,
    mut f: impl FnMut(usize, Value) -> Result<()>,
) -> Result<()> {
    let body = text.trim_start();
    if body.starts_with('[') {
        let items: Vec<Value> = serde_json::from_str(body).map_err(|e| {
            let line = e.line() + text[..text.len() - body.len()].matches('\n').count();
            OwnershipError::invalid(file, Some(line), format!("not a JSON array: {e}"))
        })?;
        for (i, v) in items.into_iter().enumerate() {
            f(i + 1, v)?;
        }
        return Ok(());
    }
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.len() > MAX_LINE_BYTES {
            return Err(crate::limits::exceeded(
                file,
                Some(n),
                "the line's length in bytes",
                MAX_LINE_BYTES,
            ));
        }
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| OwnershipError::invalid(file, Some(n), format!("not JSON: {e}")))?;
        f(n, v)?;
    }
    Ok(())
}
