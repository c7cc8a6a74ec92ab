//! # cordon-store
//!
//! Snapshots of the loaded lists and how they are kept current.
//!
//! * [`Snapshot`]: an immutable set of loaded lists with their screening
//!   [`cordon_engine::Index`], per-list summaries (files with SHA-256,
//!   publication dates, counts, load warnings) and a content
//!   [`Snapshot::version`].
//! * [`SnapshotHandle`]: the current snapshot, swapped for a new one
//!   atomically while queries keep running on the old one (they hold an
//!   `Arc` to it until they finish).
//! * [`Store`]: the on-disk layout of downloaded snapshots,
//!   `DATA_DIR/snapshots/<name>/` plus a `current` pointer file switched by
//!   an atomic rename.
//! * [`diff()`]: entities added, removed and changed between two versions of
//!   the lists.

mod diff;
mod error;
mod handle;
mod snapshot;
mod store;

pub use diff::{diff, load_entities, Changed, Diff};
pub use error::{Result, StoreError};
pub use handle::SnapshotHandle;
pub use snapshot::{
    list_version, FileSummary, ListSummary, Snapshot, SnapshotInfo, SupersededFile,
};
pub use store::{is_store, utc_compact, utc_iso, Manifest, ManifestFile, ManifestList, Store};
