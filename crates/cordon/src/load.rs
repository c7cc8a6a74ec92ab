//! Loading the lists the user chose into one snapshot: the flags mapped
//! onto [`cordon_store::choose`] (discovery, choice and loading live there,
//! shared with the Python package), and the CLI's view of the result.

use crate::ListArgs;
use anyhow::Result;
use cordon_engine::Index;
pub use cordon_store::choose::Chosen;
use cordon_store::choose::ListChoice;
pub use cordon_store::ListSummary;
use cordon_store::{Snapshot, SupersededFile};
use std::path::PathBuf;
use std::time::Duration;

/// Everything loaded: the index and what it was built from.
pub struct Loaded {
    pub index: Index,
    pub lists: Vec<ListSummary>,
    /// Content version of the snapshot (see `cordon_store::SnapshotInfo`).
    pub snapshot: String,
    pub ignored: Vec<PathBuf>,
    pub superseded: Vec<SupersededFile>,
    pub load_time: Duration,
    pub build_time: Duration,
}

/// The flags as a [`ListChoice`].
fn choice(args: &ListArgs) -> ListChoice {
    ListChoice {
        data: args.data.clone(),
        lists: args.lists.clone(),
        max_age: args.max_age,
        ownership: args.ownership.clone(),
        ownership_rules: args.ownership_rules.clone(),
        ownership_date: args.ownership_date.clone(),
    }
}

/// What the user should know about a load, on stderr.
fn note(line: String) {
    eprintln!("cordon: {line}");
}

/// The folder `--data` names (or its default), if any.
pub fn data_dir(args: &ListArgs) -> Option<PathBuf> {
    choice(args).data_dir()
}

/// The list sources chosen by `--data` and `--list` (see
/// [`ListChoice::sources`]).
pub fn sources(args: &ListArgs) -> Result<Chosen> {
    Ok(choice(args).sources()?)
}

/// Loads and indexes the chosen lists. Any list that fails to load fails the
/// whole load: screening against a silently partial snapshot is worse than
/// not screening.
pub fn load_all(args: &ListArgs) -> Result<Loaded> {
    Ok(from_snapshot(snapshot(args)?))
}

/// Loads and indexes the chosen lists into a [`Snapshot`] (what the
/// server keeps in service and reloads); superseded and ignored files,
/// load warnings and stale lists are reported on stderr.
pub fn snapshot(args: &ListArgs) -> Result<Snapshot> {
    Ok(choice(args).snapshot(&mut note)?)
}

/// The snapshot of loaded lists and ownership data, with the stale lists
/// and the problems of the ownership data warned about on stderr.
pub fn build(
    loaded: Vec<cordon_lists::LoadedList>,
    chosen: Chosen,
    load_time: Duration,
    ownership: Option<cordon_store::ownership::LoadedOwnership>,
    max_age: u32,
) -> Snapshot {
    cordon_store::choose::build(loaded, chosen, load_time, ownership, max_age, &mut note)
}

/// The CLI's view of a snapshot.
pub fn from_snapshot(s: Snapshot) -> Loaded {
    let (index, info) = s.into_parts();
    Loaded {
        index,
        lists: info.lists,
        snapshot: info.version,
        ignored: info.ignored,
        superseded: info.superseded,
        load_time: info.load_time,
        build_time: info.build_time,
    }
}
