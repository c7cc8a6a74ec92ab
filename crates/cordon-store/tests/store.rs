use crate::sample_dir;
use cordon_store::{is_store, Snapshot, Store};

#[test]
fn staging_commit_and_atomic_switch() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    assert!(!is_store(dir.path()));
    assert_eq!(store.current().unwrap(), None);

    let staging = store.begin().unwrap();
    let sub = staging.join("ofac-sdn");
    std::fs::create_dir(&sub).unwrap();
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        std::fs::copy(sample_dir().join(f), sub.join(f)).unwrap();
    }
    let snap = Snapshot::from_dir(&staging).unwrap();
    let name = store.commit(&staging, snap.version()).unwrap();
    assert!(name.ends_with(snap.version()));
    // Committed but not current yet.
    assert!(is_store(dir.path()));
    assert!(Snapshot::from_dir(dir.path()).is_err());
    store.switch(&name).unwrap();
    assert_eq!(
        store.current_name().unwrap().as_deref(),
        Some(name.as_str())
    );
    // `--data DATA_DIR` reads the current snapshot.
    let loaded = Snapshot::from_dir(dir.path()).unwrap();
    assert_eq!(loaded.version(), snap.version());
    assert_eq!(store.snapshots().unwrap(), std::slice::from_ref(&name));

    // A failed staging leaves nothing behind and the pointer unchanged.
    let staging = store.begin().unwrap();
    store.discard(&staging);
    assert!(!staging.exists());
    assert_eq!(
        store.current_name().unwrap().as_deref(),
        Some(name.as_str())
    );
    assert!(store.switch("no-such-snapshot").is_err());
    assert!(store.switch("../etc").is_err());
}

#[test]
fn corrupt_pointer_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("current"), "../../etc\n").unwrap();
    assert!(Store::open(dir.path()).current().is_err());
    std::fs::write(dir.path().join("current"), "20240101T000000Z-x\n").unwrap();
    assert!(Store::open(dir.path()).current().is_err());
}
