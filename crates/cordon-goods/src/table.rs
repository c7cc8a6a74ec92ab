//! Reading the goods data CSV files: header columns by name, rows with
//! their line numbers, errors naming the file and line.

use crate::error::{Error, Result};
use csv::StringRecord;

/// A parsed CSV file.
pub(crate) struct Table {
    file: String,
    headers: StringRecord,
    /// (line, record).
    pub rows: Vec<(u64, StringRecord)>,
}

impl Table {
    pub fn parse(file: &str, text: &str) -> Result<Table> {
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| Error::data(file, 1, e.to_string()))?
            .clone();
        let rows = rdr
            .records()
            .map(|rec| {
                let rec = rec.map_err(|e| {
                    let line = e.position().map(|p| p.line()).unwrap_or_default();
                    Error::data(file, line, e.to_string())
                })?;
                Ok((rec.position().map(|p| p.line()).unwrap_or_default(), rec))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Table {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    /// The index of the first column named one of `names`.
    pub fn find(&self, names: &[&str]) -> Option<usize> {
        self.headers.iter().position(|h| names.contains(&h.trim()))
    }

    /// Like [`Table::find`], an error naming the file when there is none.
    pub fn column(&self, names: &[&str]) -> Result<usize> {
        self.find(names).ok_or_else(|| {
            Error::data(
                &self.file,
                1,
                format!("no {:?} column", names.first().unwrap_or(&"")),
            )
        })
    }
}

/// A field, trimmed; empty when the row is short.
pub(crate) fn field(rec: &StringRecord, i: usize) -> &str {
    rec.get(i).unwrap_or_default().trim()
}
