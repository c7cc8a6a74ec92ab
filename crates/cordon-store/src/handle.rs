//! [`SnapshotHandle`]: the current snapshot, swappable while in use.

use crate::Snapshot;
use arc_swap::ArcSwap;
use std::sync::Arc;

/// Holds the current [`Snapshot`]. Readers take an `Arc` to it with
/// [`SnapshotHandle::current`] and keep screening against that snapshot
/// until they drop it, even if [`SnapshotHandle::swap`] installs a new one
/// meanwhile; the swap itself is one atomic pointer store, so a reader sees
/// either the old snapshot or the new one, never a mix. The old snapshot is
/// freed when its last reader drops it.
pub struct SnapshotHandle {
    current: ArcSwap<Snapshot>,
}

impl SnapshotHandle {
    pub fn new(snapshot: Snapshot) -> SnapshotHandle {
        SnapshotHandle {
            current: ArcSwap::from_pointee(snapshot),
        }
    }

    /// The current snapshot.
    pub fn current(&self) -> Arc<Snapshot> {
        self.current.load_full()
    }

    /// Installs `next` as the current snapshot and returns the previous one.
    pub fn swap(&self, next: Snapshot) -> Arc<Snapshot> {
        self.current.swap(Arc::new(next))
    }

    /// Installs `next` only if the current snapshot is still `expected`
    /// (by pointer): an update built from an older snapshot does not
    /// overwrite a newer one. Returns whether it was installed.
    pub fn swap_if_current(&self, expected: &Arc<Snapshot>, next: Snapshot) -> bool {
        let next = Arc::new(next);
        let prev = self.current.compare_and_swap(expected, next);
        Arc::ptr_eq(&prev, expected)
    }
}
