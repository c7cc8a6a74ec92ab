//! Errors of the list loaders. Every variant names the file it concerns and,
//! where it applies, the line and the field.

use std::path::PathBuf;

/// Crate-wide result type.
pub type Result<T, E = ListError> = std::result::Result<T, E>;

/// Why a list could not be found, recognised or loaded.
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    /// The file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The path given does not exist.
    #[error("{}: no such file or folder", path.display())]
    NotFound { path: PathBuf },

    /// A folder was given for a format but holds no primary file of it.
    #[error("{}: no {expected} in this folder (looked for the official file name, case-insensitive)", dir.display())]
    MissingPrimary {
        dir: PathBuf,
        expected: &'static str,
    },

    /// `--list FORMAT=PATH` was malformed.
    #[error("list spec '{spec}': {message}")]
    BadSpec { spec: String, message: String },

    /// A known format whose loader is not available in this build.
    #[error("{}: the {format} loader is not available yet", path.display())]
    Unsupported { format: &'static str, path: PathBuf },

    /// A format name that no loader handles.
    #[error("unknown list format '{name}' (known: ofac-sdn, ofac-cons, ofac-sdn-xml, ofac-advanced, un-sc, us-csl, bis-dpl, eu-fsf, uk-fcdo, uk-ofsi, opensanctions)")]
    UnknownFormat { name: String },

    /// The CSV reader could not read a record (for example an unterminated
    /// quote).
    #[error("{file}:{line}: malformed CSV: {message}")]
    Csv {
        file: String,
        line: u64,
        message: String,
    },

    /// A row with the wrong number of columns.
    #[error("{file}:{line}: expected {expected} columns, found {found}")]
    ColumnCount {
        file: String,
        line: u64,
        expected: usize,
        found: usize,
    },

    /// A field whose value is not what the format allows (for example an
    /// `ent_num` that is not a number, or an empty primary name).
    #[error("{file}:{line}: field {field}: {message} (value {value:?})")]
    BadField {
        file: String,
        line: u64,
        field: &'static str,
        value: String,
        message: String,
    },

    /// The same record id twice in one file (XML and grouped CSV formats).
    #[error("{file}:{line}: {id_field} {id} already defined on line {first_line}")]
    DuplicateId {
        file: String,
        line: u64,
        id_field: &'static str,
        id: String,
        first_line: u64,
    },

    /// The same `ent_num` twice in a primary file.
    #[error("{file}:{line}: ent_num {ent_num} already defined on line {first_line}")]
    DuplicateEntity {
        file: String,
        line: u64,
        ent_num: String,
        first_line: u64,
    },

    /// A JSON document or JSON-lines record that cannot be read, or a
    /// record that lacks what the format requires.
    #[error("{file}:{line}: malformed JSON: {message}")]
    Json {
        file: String,
        /// 1-based line (the record's line in JSON-lines files).
        line: u64,
        message: String,
    },

    /// An XML document that cannot be read, or an element that lacks what
    /// the format requires. `path` is the element path, e.g.
    /// `/sdnList/sdnEntry[3]/uid`.
    #[error("{file}:{line}: {path}: {message}")]
    Xml {
        file: String,
        line: u64,
        path: String,
        message: String,
    },

    /// A file beyond one of the reading limits of [`crate::limits`]: too
    /// deep, too long, too many. `at` is the XML path, field or entity id
    /// where it was met (may be empty); `limit` is the constant's name.
    #[error("{file}:{line}: {}{what} is over the limit of {max} ({limit}); the file is refused as malformed", if at.is_empty() { String::new() } else { format!("{at}: ") })]
    Limit {
        file: String,
        line: u64,
        at: String,
        what: String,
        limit: &'static str,
        max: u64,
    },

    /// A file that does not end as its format ends (cut short inside a
    /// quoted field, a row or an element): refused, since a load would
    /// silently miss everything after the cut.
    #[error("{file}:{line}: {message}; the file ends early (cut short?) and is refused")]
    Truncated {
        file: String,
        /// The line where the unfinished part (quote, row, element) starts.
        line: u64,
        message: String,
    },
}

impl ListError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> ListError {
        let path = path.into();
        if source.kind() == std::io::ErrorKind::NotFound {
            ListError::NotFound { path }
        } else {
            ListError::Io { path, source }
        }
    }
}
