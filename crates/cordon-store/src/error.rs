//! Errors of the snapshot store.

use std::path::PathBuf;

/// Crate-wide result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Why a snapshot could not be built, stored or compared.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A list could not be found or loaded.
    #[error(transparent)]
    List(#[from] cordon_lists::ListError),

    /// Ownership data could not be read (the message names the file and
    /// line), or a rules file is invalid.
    #[error(transparent)]
    Ownership(#[from] cordon_ownership::OwnershipError),

    /// A file or folder of the store could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A manifest or pointer file holds something unexpected.
    #[error("{}: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },

    /// Nothing to load.
    #[error("{}: no list files found (looked for official file names)", path.display())]
    Empty { path: PathBuf },

    /// A list has several versions and the newest would drop most of it:
    /// the user must pick one.
    #[error("{}", conflicts.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Conflict {
        conflicts: Vec<cordon_lists::Conflict>,
    },

    /// A list loaded without a single entity.
    #[error("{}: list {list} holds no entities; refusing to screen against it", path.display())]
    EmptyList { list: String, path: PathBuf },

    /// A new snapshot that would lose a list, or most of one, against the
    /// snapshot it replaces.
    #[error("the new snapshot is refused: {}", problems.join("; "))]
    Shrunk { problems: Vec<String> },

    /// A file given without a format whose name tells none.
    #[error("{}: cannot tell the list format from the file name; give the format explicitly", path.display())]
    UnknownFormat { path: PathBuf },
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}
