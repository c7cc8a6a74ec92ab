use crate::fixture;
use cordon_lists::{date_in_name, discover, format_of_name, ListFormat, NameDate};
use std::path::Path;

fn names(paths: &[std::path::PathBuf], root: &Path) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

fn touch(root: &Path, rel: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, "").unwrap();
}

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
    assert!(d.superseded.is_empty());
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
        "sub/readme.txt",
    ] {
        touch(dir.path(), f);
    }
    let d = discover(dir.path()).unwrap();
    let formats: Vec<_> = d.sources.iter().map(|s| s.format).collect();
    assert_eq!(formats, [ListFormat::OfacSdn, ListFormat::OfacCons]);
    // Sub-folders are searched, so only their unrecognised files are reported.
    assert_eq!(
        names(&d.ignored, dir.path()),
        ["other.xml", "sub/readme.txt"]
    );

    // A companion without its primary file is not loaded, so it is reported.
    let dir = tempfile::tempdir().unwrap();
    touch(dir.path(), "alt.csv");
    let d = discover(dir.path()).unwrap();
    assert!(d.sources.is_empty());
    assert_eq!(d.ignored.len(), 1);
}

#[test]
fn every_official_name_and_dated_variants_are_recognised() {
    let cases: &[(&str, ListFormat)] = &[
        ("sdn.csv", ListFormat::OfacSdn),
        ("sdn_2024-05-01.csv", ListFormat::OfacSdn),
        ("SDN-20240501.CSV", ListFormat::OfacSdn),
        ("cons_prim.csv", ListFormat::OfacCons),
        ("sdn.xml", ListFormat::OfacSdnXml),
        ("SDN_ADVANCED.XML", ListFormat::OfacAdvanced),
        ("sdn_advanced_2024.xml", ListFormat::OfacAdvanced),
        ("consolidated.xml", ListFormat::UnSc),
        ("consolidated_2026-02-27.xml", ListFormat::UnSc),
        ("consolidated.csv", ListFormat::UsCsl),
        ("consolidated.json", ListFormat::UsCsl),
        ("csl_full_snapshot.csv", ListFormat::UsCsl),
        ("consolidated_sample_2025.csv", ListFormat::UsCsl),
        ("dpl.txt", ListFormat::BisDpl),
        ("bis_dpl_2022.txt", ListFormat::BisDpl),
        ("20240501-FULL-1_1(xsd).xml", ListFormat::EuFsf),
        ("eu_fsf.xml", ListFormat::EuFsf),
        ("UK_Sanctions_List.xml", ListFormat::UkFcdo),
        ("UK-Sanctions-List.xml", ListFormat::UkFcdo),
        ("ConList.csv", ListFormat::UkOfsi),
        ("ConList_2024-01-02.csv", ListFormat::UkOfsi),
        ("entities.ftm.json", ListFormat::OpenSanctions),
        ("zala.entities.ftm.json", ListFormat::OpenSanctions),
    ];
    for (name, format) in cases {
        assert_eq!(format_of_name(name), Some(*format), "{name}");
    }
    for name in [
        "sdn_comments.csv",
        "add.csv",
        "SDN COMMENTS.CSV",
        "notes.txt",
        "sdnlist.csv",
        "entities.delta.json",
        "consolidated.pdf",
        ".ftm.json",
    ] {
        assert_eq!(format_of_name(name), None, "{name}");
    }
    for format in ListFormat::ALL {
        assert!(!format.official_names().is_empty());
        assert_eq!(format_of_name(format.primary_file()), Some(format));
    }
}

#[test]
fn dates_in_names() {
    let d = |y, m, d| {
        Some(NameDate {
            year: y,
            month: m,
            day: d,
        })
    };
    assert_eq!(date_in_name("sdn_2024-05-01.csv"), d(2024, 5, 1));
    assert_eq!(date_in_name("20240501-FULL-1_1(xsd).xml"), d(2024, 5, 1));
    assert_eq!(date_in_name("bis_dpl_2022.txt"), d(2022, 0, 0));
    assert_eq!(date_in_name("2025-12"), d(2025, 12, 0));
    assert_eq!(date_in_name("consolidated.xml"), None);
    assert_eq!(date_in_name("full-1_1(xsd).xml"), None);
    assert_eq!(date_in_name("file_12345.csv"), None);
    assert_eq!(d(2024, 5, 1).unwrap().to_string(), "2024-05-01");
    assert_eq!(d(2022, 0, 0).unwrap().to_string(), "2022");
}

#[test]
fn newest_version_wins_and_others_are_superseded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for f in [
        "ofac/2022-09-07/sdn.csv",
        "ofac/2022-09-07/add.csv",
        "ofac/2024-05-03/sdn.csv",
        "ofac/history/sdn_2024-05-01.csv",
        "ofac/old/sdn.csv",
        "un/consolidated_2018-10-29.xml",
        "un/consolidated_2026-02-27.xml",
        "os/zala.entities.ftm.json",
        "os/t1.entities.ftm.json",
        "os/entities.delta.json",
    ] {
        touch(root, f);
    }
    let d = discover(root).unwrap();
    let sources: Vec<_> = d.sources.iter().map(|s| s.path.clone()).collect();
    assert_eq!(
        names(&sources, root),
        [
            "ofac/2024-05-03/sdn.csv",
            "un/consolidated_2026-02-27.xml",
            "os/t1.entities.ftm.json",
            "os/zala.entities.ftm.json",
        ]
    );
    let superseded: Vec<_> = d.superseded.iter().map(|s| s.source.path.clone()).collect();
    assert_eq!(
        names(&superseded, root),
        [
            "ofac/2022-09-07/sdn.csv",
            "ofac/history/sdn_2024-05-01.csv",
            "ofac/old/sdn.csv",
            "un/consolidated_2018-10-29.xml",
        ]
    );
    let old = &d.superseded[0];
    assert_eq!(names(&old.companions, root), ["ofac/2022-09-07/add.csv"]);
    assert!(old.by.ends_with("2024-05-03/sdn.csv"));
    assert_eq!(old.date.unwrap().to_string(), "2022-09-07");
    // An undated version is older than any dated one.
    assert_eq!(d.superseded[2].date, None);
    assert_eq!(names(&d.ignored, root), ["os/entities.delta.json"]);
}

#[test]
fn missing_folder_is_an_error() {
    assert!(discover(std::path::Path::new("/nonexistent/cordon")).is_err());
}

/// The shared data folder: one source per list, the older versions
/// superseded, nothing dropped silently.
#[test]
fn shared_lists_folder() {
    let Ok(root) = std::env::var("CORDON_DATA") else {
        println!("skipping: CORDON_DATA not set");
        return;
    };
    let root = Path::new(&root).join("lists");
    assert!(
        root.is_dir(),
        "CORDON_DATA is set but {} does not exist",
        root.display()
    );
    let d = discover(&root).unwrap();
    let sources: Vec<_> = d.sources.iter().map(|s| s.path.clone()).collect();
    assert_eq!(
        names(&sources, &root),
        [
            "ofac_sdn/2024-05-03/sdn.csv",
            "ofac_consolidated/2025-12-19/cons_prim.csv",
            "un/consolidated_2026-02-27.xml",
            "us_csl/consolidated_sample_2025.csv",
            "us_csl/bis_dpl_2022.txt",
            "opensanctions/t1.entities.ftm.json",
            "opensanctions/zala.entities.ftm.json",
        ]
    );
    let superseded: Vec<_> = d.superseded.iter().map(|s| s.source.path.clone()).collect();
    assert_eq!(
        names(&superseded, &root),
        [
            "ofac_sdn/2022-09-07/sdn.csv",
            "ofac_sdn/history/sdn_2024-04-26.csv",
            "ofac_sdn/history/sdn_2024-05-01.csv",
            "ofac_sdn/history/sdn_2024-05-02.csv",
            "un/consolidated_2018-10-29.xml",
            "us_csl/csl_2019_excerpt.csv",
            "us_csl/csl_full_snapshot.csv",
        ]
    );
    assert_eq!(d.superseded[0].companions.len(), 3);
    assert_eq!(
        names(&d.ignored, &root),
        ["opensanctions/entities.delta.json"]
    );
}
