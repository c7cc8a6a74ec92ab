//! The crate's error type. Every error names what was wrong and where: the
//! code and why it is not an HS code, the data file and line, or the field
//! of a shipment. Nothing here panics on input data.

use std::path::PathBuf;

/// What can go wrong when reading goods data, parsing a code or screening a
/// shipment.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The text is not a valid HS code (syntax, or not in the nomenclature).
    #[error("{input:?} is not a valid HS code: {reason}")]
    InvalidCode { input: String, reason: String },
    /// A data file (nomenclature, control list, route rules) is malformed.
    #[error("{file}:{line}: {message}")]
    Data {
        file: String,
        line: u64,
        message: String,
    },
    /// A data file or folder could not be read.
    #[error("reading {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A shipment field is invalid; `field` is its path, e.g. `items[0].hs_code`.
    #[error("{field}: {message}")]
    Shipment { field: String, message: String },
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn data(file: &str, line: u64, message: impl Into<String>) -> Error {
        Error::Data {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }

    pub(crate) fn shipment(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Shipment {
            field: field.into(),
            message: message.into(),
        }
    }
}
