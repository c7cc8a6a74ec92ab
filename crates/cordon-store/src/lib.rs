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
//! * [`check_not_empty`] and [`check_successor`]: what every load and
//!   every reload must pass — no empty list; no list lost, and none
//!   shrunk by more than `--max-drop` ([`collapsed`]), against the
//!   snapshot in service.
//! * [`SnapshotInfo::stale`]: lists older than the maximum age.
//! * [`ownership`]: ownership data read with the lists, its owners linked
//!   to list entities, the ownership rules assessed, and the parties they
//!   capture added to the index as entities of the list `ownership`.
//! * [`choose`]: which lists a user chose (a data folder, explicit
//!   `FORMAT=PATH` files, ownership data) and loading them into a
//!   snapshot, shared by the CLI and the Python package.
//! * [`diff()`]: entities added, removed and changed between two versions of
//!   the lists.

pub mod choose;
mod diff;
mod error;
mod handle;
pub mod ownership;
mod ownership_text;
mod snapshot;
mod store;

/// The one rule for "this version lost most of the list" (`cordon update
/// --max-drop`, reloads, versions found side by side).
pub use cordon_lists::version::{collapsed, utc_date, DEFAULT_MAX_DROP};
pub use cordon_lists::NameDate;
pub use diff::{diff, load_entities, Changed, Diff};
pub use error::{Result, StoreError};
pub use handle::SnapshotHandle;
pub use snapshot::{
    check_not_empty, check_successor, list_version, FileSummary, ListSummary, Snapshot,
    SnapshotInfo, StaleList, SupersededFile, DEFAULT_MAX_AGE_DAYS,
};
pub use store::{is_store, utc_compact, utc_iso, Manifest, ManifestFile, ManifestList, Store};
