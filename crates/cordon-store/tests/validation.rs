//! What every load and reload must pass: no empty list, no list lost or
//! collapsed against the snapshot in service, and stale lists reported.

use crate::sample_dir;
use cordon_store::{check_successor, NameDate, Snapshot, StoreError, DEFAULT_MAX_DROP};
use std::path::Path;

/// The sample SDN set copied into a fresh folder.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        std::fs::copy(sample_dir().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// The sample's `sdn.csv` rows, the first `keep` of them.
fn keep_rows(dir: &Path, keep: usize) {
    let text = std::fs::read_to_string(dir.join("sdn.csv")).unwrap();
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .take(keep)
        .collect();
    std::fs::write(dir.join("sdn.csv"), rows.join("\r\n") + "\r\n").unwrap();
}

#[test]
fn an_empty_list_is_refused() {
    let dir = sample_copy();
    std::fs::write(dir.path().join("sdn.csv"), "").unwrap();
    let e = Snapshot::from_dir(dir.path()).err().expect("refused");
    assert!(matches!(e, StoreError::EmptyList { .. }), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("sdn.csv") && msg.contains("no entities"),
        "{msg}"
    );
}

#[test]
fn a_successor_that_loses_a_list_or_most_of_one_is_refused() {
    let dir = sample_copy();
    let full = Snapshot::from_dir(dir.path()).unwrap();
    let n = full.index().len();
    assert!(n >= 6, "{n}");

    // A few entities fewer: fine.
    keep_rows(dir.path(), n - 1);
    let smaller = Snapshot::from_dir(dir.path()).unwrap();
    check_successor(full.info(), smaller.info(), DEFAULT_MAX_DROP).unwrap();

    // Two entities left: more than half gone.
    keep_rows(dir.path(), 2);
    let collapsed = Snapshot::from_dir(dir.path()).unwrap();
    let e = check_successor(full.info(), collapsed.info(), DEFAULT_MAX_DROP).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains(&format!("list ofac-sdn fell from {n} to 2 entities")),
        "{msg}"
    );
    // With --max-drop 1 any shrinking is accepted.
    check_successor(full.info(), collapsed.info(), 1.0).unwrap();

    // The list gone altogether (another list in its place).
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(
        sample_dir().join("../../crates/cordon-lists/tests/data/un/consolidated.xml"),
        other.path().join("consolidated.xml"),
    )
    .unwrap();
    let without = Snapshot::from_dir(other.path()).unwrap();
    let msg = check_successor(full.info(), without.info(), DEFAULT_MAX_DROP)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("list ofac-sdn") && msg.contains("missing"),
        "{msg}"
    );
}

#[test]
fn lists_older_than_the_maximum_age_are_stale() {
    let dir = tempfile::tempdir().unwrap();
    let dated = dir.path().join("2024-05-03");
    std::fs::create_dir(&dated).unwrap();
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        std::fs::copy(sample_dir().join(f), dated.join(f)).unwrap();
    }
    let mut snap = Snapshot::from_dir(dir.path()).unwrap();
    let l = &snap.lists()[0];
    assert_eq!(l.as_of.as_deref(), Some("2024-05-03"));
    assert_eq!(l.as_of_source, Some("file name"));
    assert!(l.source_file().ends_with("2024-05-03/sdn.csv"));
    let day = |year, month, day| NameDate { year, month, day };
    assert_eq!(l.age_days(day(2024, 5, 17)), Some(14));
    assert_eq!(
        l.age_days(day(2024, 5, 1)),
        Some(0),
        "a future date is age 0"
    );

    // Default maximum age: 14 days.
    assert!(snap.info().stale(day(2024, 5, 17)).is_empty());
    let stale = snap.info().stale(day(2024, 5, 18));
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].age_days, Some(15));
    let msg = stale[0].to_string();
    assert!(
        msg.contains("list ofac-sdn is 15 days old (file name 2024-05-03;")
            && msg.contains("maximum age of 14 days"),
        "{msg}"
    );
    snap.set_max_age_days(30);
    assert!(snap.info().stale(day(2024, 5, 18)).is_empty());

    // Without a date in its name, a list is as old as its file.
    let plain = sample_copy();
    let snap = Snapshot::from_dir(plain.path()).unwrap();
    assert_eq!(snap.lists()[0].as_of_source, Some("file modified"));
    assert!(snap.info().stale_now().is_empty());
}
