use crate::sample_dir;
use cordon_engine::{Query, ScreenOptions};
use cordon_lists::{discover, load};
use cordon_store::{Snapshot, SnapshotHandle};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Two snapshots of the sample list: the whole list, and the list without
/// its first entity.
fn two_snapshots() -> (Snapshot, Snapshot) {
    let d = discover(&sample_dir()).unwrap();
    let full = load(&d.sources[0]).unwrap();
    let mut partial = full.clone();
    partial.entities.remove(0);
    partial.files[0].sha256 = "0".repeat(64);
    let a = Snapshot::build(vec![full], Vec::new(), Vec::new(), Duration::ZERO);
    let b = Snapshot::build(vec![partial], Vec::new(), Vec::new(), Duration::ZERO);
    (a, b)
}

#[test]
fn queries_keep_running_during_swaps() {
    let (a, b) = two_snapshots();
    let name = a.index().entities()[1].names[0].name.clone();
    let (va, vb) = (a.version().to_string(), b.version().to_string());
    let (la, lb) = (a.index().len(), b.index().len());
    assert_ne!(va, vb);
    let handle = Arc::new(SnapshotHandle::new(a));
    let stop = Arc::new(AtomicBool::new(false));
    let queries = Arc::new(AtomicUsize::new(0));
    let mut readers = Vec::new();
    for _ in 0..3 {
        let (handle, stop, queries) = (handle.clone(), stop.clone(), queries.clone());
        let (va, vb, name) = (va.clone(), vb.clone(), name.clone());
        readers.push(std::thread::spawn(move || {
            let mut seen = [0usize; 2];
            while !stop.load(Ordering::Relaxed) {
                let snap = handle.current();
                // One query sees one whole snapshot: its version and its
                // entity count agree.
                let which = if snap.version() == va { 0 } else { 1 };
                assert!(snap.version() == va || snap.version() == vb);
                assert_eq!(snap.index().len(), if which == 0 { la } else { lb });
                let m = snap
                    .index()
                    .screen(&Query::new(name.as_str()), &ScreenOptions::default());
                assert!(m.first().is_some_and(|m| m.is_match), "{name}");
                seen[which] += 1;
                queries.fetch_add(1, Ordering::Relaxed);
            }
            seen
        }));
    }
    let mut next = Some(b);
    let mut swaps = 0;
    let deadline = std::time::Instant::now() + Duration::from_millis(600);
    while std::time::Instant::now() < deadline {
        if let Some(s) = next.take() {
            let old = handle.swap(s);
            swaps += 1;
            // The previous snapshot goes back in on the next round, once
            // every reader has let go of it.
            next = Arc::try_unwrap(old).ok();
        } else {
            std::thread::sleep(Duration::from_millis(1));
            let cur = handle.current();
            drop(cur);
        }
        std::thread::sleep(Duration::from_millis(5));
        if next.is_none() {
            // Readers still hold the old one: rebuild it.
            let (a2, b2) = two_snapshots();
            next = Some(if handle.current().version() == va {
                b2
            } else {
                a2
            });
        }
    }
    stop.store(true, Ordering::Relaxed);
    let mut total = [0usize; 2];
    for r in readers {
        let seen = r.join().unwrap();
        total[0] += seen[0];
        total[1] += seen[1];
    }
    assert!(swaps >= 10, "{swaps} swaps");
    assert!(total[0] > 0 && total[1] > 0, "{total:?}");
    assert!(queries.load(Ordering::Relaxed) > 20);
}

#[test]
fn swap_if_current_refuses_a_stale_update() {
    let (a, b) = two_snapshots();
    let handle = SnapshotHandle::new(a);
    let seen = handle.current();
    let (a2, _) = two_snapshots();
    assert!(handle.swap_if_current(&seen, b));
    assert!(!handle.swap_if_current(&seen, a2));
}
