use crate::fixture;
use cordon_lists::{discover, ListFormat};

#[test]
fn finds_official_names_case_insensitively_and_reports_the_rest() {
    let d = discover(&fixture("cons_upper")).unwrap();
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].format, ListFormat::OfacCons);
    assert!(d.sources[0].path.ends_with("CONS_PRIM.CSV"));
    assert_eq!(d.ignored.len(), 1);
    assert!(d.ignored[0].ends_with("notes.txt"));
}

#[test]
fn companions_are_not_sources() {
    let d = discover(&fixture("basic")).unwrap();
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].format, ListFormat::OfacSdn);
    assert!(d.ignored.is_empty(), "{:?}", d.ignored);
}

#[test]
fn both_lists_subfolders_and_orphan_companions() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "SDN.CSV",
        "add.csv",
        "cons_prim.csv",
        "cons_alt.csv",
        "other.xml",
    ] {
        std::fs::write(dir.path().join(f), "").unwrap();
    }
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let d = discover(dir.path()).unwrap();
    let formats: Vec<_> = d.sources.iter().map(|s| s.format).collect();
    assert_eq!(formats, [ListFormat::OfacSdn, ListFormat::OfacCons]);
    let ignored: Vec<_> = d
        .ignored
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(ignored, ["other.xml", "sub"]);

    // A companion without its primary file is not loaded, so it is reported.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("alt.csv"), "").unwrap();
    let d = discover(dir.path()).unwrap();
    assert!(d.sources.is_empty());
    assert_eq!(d.ignored.len(), 1);
}

#[test]
fn missing_folder_is_an_error() {
    assert!(discover(std::path::Path::new("/nonexistent/cordon")).is_err());
}
