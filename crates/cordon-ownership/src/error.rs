//! The crate's error: what went wrong reading an ownership file or a rules
//! file, always naming the file and, where there is one, the line (for
//! JSON arrays, the record's 1-based index).
//!
//! Problems in the *content* of a well-formed graph (a cycle, shares that
//! add up to more than 100%, a reference to a party the data never
//! describes) are not errors: they are [`Problem`](crate::Problem)s,
//! reported next to the assessment.

use std::path::PathBuf;

/// An ownership or rules file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OwnershipError {
    /// The file could not be opened or read.
    #[error("{}: {source}", file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file's format could not be told from its name and content.
    #[error("{file}: not an ownership file: {reason}")]
    UnknownFormat { file: String, reason: String },
    /// A record that does not follow its format.
    #[error("{file}{}: {message}", at(*line))]
    Invalid {
        file: String,
        /// 1-based line (CSV, JSON lines) or record index (a JSON array).
        line: Option<usize>,
        message: String,
    },
    /// A reading limit ([`limits`](crate::limits)) was exceeded.
    #[error("{file}{}: {what} exceeds the limit of {limit}", at(*line))]
    Limit {
        file: String,
        line: Option<usize>,
        what: String,
        limit: usize,
    },
    /// A rules file that does not follow the rules format.
    #[error("{file}: {message}")]
    Rules { file: String, message: String },
}

fn at(line: Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

/// The crate's result.
pub type Result<T, E = OwnershipError> = std::result::Result<T, E>;

impl OwnershipError {
    pub(crate) fn invalid(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        OwnershipError::Invalid {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}
