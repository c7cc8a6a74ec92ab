use crate::sample_dir;
use cordon_store::Snapshot;

#[test]
fn sample_snapshot_has_summaries_hashes_and_a_stable_version() {
    let a = Snapshot::from_dir(&sample_dir()).unwrap();
    let b = Snapshot::from_dir(&sample_dir()).unwrap();
    assert_eq!(a.version(), b.version());
    assert_eq!(a.version().len(), 16);
    let info = a.info();
    assert_eq!(info.lists.len(), 1);
    let l = &info.lists[0];
    assert_eq!(l.list, "ofac-sdn");
    assert_eq!(l.files.len(), 4);
    assert!(l.files.iter().all(|f| f.sha256.len() == 64));
    assert_eq!(l.entities, a.index().len());
    assert!(l.names >= l.entities);
    assert_eq!(info.ignored.len(), 1, "README.md");
    assert!(info.superseded.is_empty());
}

#[test]
fn version_changes_with_content() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        std::fs::copy(sample_dir().join(f), dir.path().join(f)).unwrap();
    }
    let a = Snapshot::from_dir(dir.path()).unwrap();
    // The same list without its last entry.
    let text = std::fs::read_to_string(dir.path().join("sdn.csv")).unwrap();
    let mut lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    lines.pop();
    std::fs::write(dir.path().join("sdn.csv"), lines.join("\r\n") + "\r\n").unwrap();
    let b = Snapshot::from_dir(dir.path()).unwrap();
    assert_ne!(a.version(), b.version());
    assert_eq!(b.index().len(), a.index().len() - 1);
}

#[test]
fn empty_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(Snapshot::from_dir(dir.path()).is_err());
}
