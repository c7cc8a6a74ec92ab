//! Reading the OFAC legacy CSV files: no header row, `-0- ` for null, CRLF
//! line ends, an optional 0x1A (SUB) byte at the end of the file.

use crate::common::{csv_records, OpenQuoteAtEnd};
use crate::limits::Limits;
use crate::{file_name, ListError, Result, SourceFile};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A file read into memory, with its hash.
pub(crate) struct RawFile {
    pub path: PathBuf,
    /// The file's name, for messages and provenance.
    pub name: String,
    pub text: String,
    pub sha256: String,
    pub bytes: u64,
}

impl RawFile {
    pub fn read(path: &Path) -> Result<RawFile> {
        let bytes = std::fs::read(path).map_err(|e| ListError::io(path, e))?;
        let sha256 = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        let len = bytes.len() as u64;
        let text = decode(bytes);
        Ok(RawFile {
            path: path.to_path_buf(),
            name: file_name(path),
            text,
            sha256,
            bytes: len,
        })
    }

    pub fn source_file(&self, records: usize) -> SourceFile {
        SourceFile {
            path: self.path.clone(),
            sha256: self.sha256.clone(),
            bytes: self.bytes,
            records,
        }
    }

    /// The data rows, each checked to have `columns` fields. The trailing
    /// 0x1A byte and blank lines are skipped. A file that ends inside a
    /// quoted field, or whose last row has no line end (OFAC's files end
    /// every row with CRLF, then optionally 0x1A), was cut short and is
    /// refused; so is anything over the [`crate::limits`].
    pub fn rows(&self, columns: usize) -> Result<Vec<Row>> {
        let without_sub = self.text.trim_end_matches('\u{1a}');
        let body = without_sub.trim_end_matches(['\r', '\n']);
        let records = csv_records(
            &self.name,
            body,
            b',',
            OpenQuoteAtEnd::Refuse,
            &Limits::DEFAULT,
        )?;
        if !body.is_empty()
            && without_sub.len() == self.text.len()
            && !without_sub.ends_with(['\r', '\n'])
        {
            return Err(ListError::Truncated {
                file: self.name.clone(),
                line: records.last().map_or(1, |(line, _)| *line),
                message: "the last row has no line end and the file no end byte (0x1A)".to_string(),
            });
        }
        let mut out = Vec::new();
        for (line, record) in records {
            // A line holding only the SUB byte (or whitespace) is not a row.
            if record.len() == 1
                && record[0]
                    .trim_matches(|c: char| c.is_whitespace() || c == '\u{1a}')
                    .is_empty()
            {
                continue;
            }
            if record.len() != columns {
                return Err(ListError::ColumnCount {
                    file: self.name.clone(),
                    line,
                    expected: columns,
                    found: record.len(),
                });
            }
            out.push(Row {
                line,
                fields: record.iter().map(str::to_string).collect(),
            });
        }
        Ok(out)
    }
}

/// UTF-8 when valid, else Windows-1252/Latin-1 (older OFAC files), so a
/// stray byte never stops a load.
fn decode(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s),
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}

/// One data row: its 1-based line and its fields as written.
pub(crate) struct Row {
    pub line: u64,
    pub fields: Vec<String>,
}

impl Row {
    /// Field `i` trimmed, `None` for OFAC's null `-0-` or an empty field.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.fields.get(i).and_then(|f| value(f))
    }

    /// Field `i` as written (not trimmed), `None` for null.
    pub fn raw(&self, i: usize) -> Option<&str> {
        self.fields
            .get(i)
            .and_then(|f| value(f).map(|_| f.as_str()))
    }

    /// Field `i` parsed as an `ent_num`/record number.
    pub fn number(&self, i: usize, file: &str, field: &'static str) -> Result<u64> {
        let raw = self.fields.get(i).map(String::as_str).unwrap_or("");
        raw.trim().parse::<u64>().map_err(|_| ListError::BadField {
            file: file.to_string(),
            line: self.line,
            field,
            value: raw.to_string(),
            message: "not a whole number".to_string(),
        })
    }
}

/// A field's value: trimmed, `None` for null (`-0-`) or empty.
pub(crate) fn value(field: &str) -> Option<&str> {
    let t = field.trim();
    if t.is_empty() || t == "-0-" {
        None
    } else {
        Some(t)
    }
}
