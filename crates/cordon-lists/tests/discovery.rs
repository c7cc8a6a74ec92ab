use crate::fixture;
use cordon_lists::{
    date_in_name, discover, format_of_name, DatedBy, ListFormat, ListSource, NameDate,
};
use std::path::Path;
use std::time::{Duration, SystemTime};

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
    write(root, rel, "");
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Sets a file's modification time to `days` after 1970-01-01.
fn set_modified(root: &Path, rel: &str, days: u64) {
    let f = std::fs::File::options()
        .write(true)
        .open(root.join(rel))
        .unwrap();
    f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(days * 86_400))
        .unwrap();
}

/// `n` lines, each standing for a record.
fn lines(n: usize) -> String {
    (0..n).map(|i| format!("{i},\"NAME {i}\"\n")).collect()
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
        assert!(!format.info().official_names.is_empty());
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
    // An undated official name counts as of its modification (download)
    // day: this one was downloaded in 2020.
    set_modified(root, "ofac/old/sdn.csv", 18_300);
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
    assert_eq!(d.superseded[2].dated_by, Some(DatedBy::Modified));
    assert_eq!(d.superseded[2].date.unwrap().to_string(), "2020-02-08");
    assert_eq!(names(&d.ignored, root), ["os/entities.delta.json"]);
}

#[test]
fn missing_folder_is_an_error() {
    assert!(discover(std::path::Path::new("/nonexistent/cordon")).is_err());
}

/// The shared data folder: one source per list, the older versions
/// superseded, nothing dropped silently, and the CSL — whose newest file by
/// name is a 13-line sample beside a 4,232-line snapshot — not loaded but a
/// conflict naming its files.
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
        ]
    );
    assert_eq!(d.superseded[0].companions.len(), 3);
    // The UN files are ordered by the dateGenerated inside them.
    let un = d
        .superseded
        .iter()
        .find(|s| s.source.format == ListFormat::UnSc)
        .unwrap();
    assert_eq!(un.dated_by, Some(DatedBy::Published));
    assert_eq!(un.date.unwrap().to_string(), "2018-10-29");
    assert_eq!(
        names(&d.ignored, &root),
        ["opensanctions/entities.delta.json"]
    );

    assert_eq!(d.conflicts.len(), 1, "{:?}", d.conflicts);
    let c = &d.conflicts[0];
    assert_eq!(c.list, "us-csl");
    let files: Vec<_> = c.versions.iter().map(|v| v.source.path.clone()).collect();
    assert_eq!(
        names(&files, &root),
        [
            "us_csl/consolidated_sample_2025.csv",
            "us_csl/csl_2019_excerpt.csv",
            "us_csl/csl_full_snapshot.csv",
        ]
    );
    let records: Vec<_> = c.versions.iter().map(|v| v.records).collect();
    // Lines, header included.
    assert_eq!(records, [Some(14), Some(116), Some(4_233)]);
    let message = c.to_string();
    for needle in [
        "consolidated_sample_2025.csv (2025, file or folder name; 14 lines)",
        "csl_full_snapshot.csv (undated; 4233 lines)",
        "--list us-csl=PATH",
    ] {
        assert!(message.contains(needle), "{needle:?} not in {message}");
    }
}

/// The issue's case: OFAC's fresh download `sdn.csv` (undated) beside
/// archive copies dated by name is the version loaded.
#[test]
fn a_fresh_undated_official_file_beats_dated_archive_copies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "sdn.csv", &lines(100));
    write(root, "history/sdn_2024-04-26.csv", &lines(100));
    write(root, "2024-05-03/sdn.csv", &lines(100));
    let d = discover(root).unwrap();
    let sources: Vec<_> = d.sources.iter().map(|s| s.path.clone()).collect();
    assert_eq!(names(&sources, root), ["sdn.csv"]);
    assert_eq!(d.superseded.len(), 2);
    assert!(d.superseded.iter().all(|s| s.by == root.join("sdn.csv")));
    assert!(d.conflicts.is_empty());
}

/// A date read from inside a file orders versions before the date in their
/// names, and an undated official file counts as of its download.
#[test]
fn dates_inside_files_come_before_names() {
    let un = |date: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"{date}\">\n<INDIVIDUALS>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // The name says 2026, the file says 2018; the other says 2024 inside.
    write(
        root,
        "a/consolidated_2026-01-01.xml",
        &un("2018-10-29T19:09:49"),
    );
    write(root, "b/consolidated_2020.xml", &un("2024-03-01T00:00:00Z"));
    let d = discover(root).unwrap();
    assert_eq!(
        names(&[d.sources[0].path.clone()], root),
        ["b/consolidated_2020.xml"]
    );
    assert_eq!(d.superseded[0].dated_by, Some(DatedBy::Published));
    assert_eq!(d.superseded[0].date.unwrap().to_string(), "2018-10-29");

    // sdn.csv states no date: downloaded (modified) in 2020, it is older
    // than an sdn.xml published in 2024; downloaded today, it is newer.
    let sdn_xml = "<sdnList><publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>1</Record_Count></publshInformation>\n<sdnEntry><uid>1</uid></sdnEntry>\n</sdnList>\n";
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "sdn.xml", sdn_xml);
    write(root, "csv/sdn.csv", &lines(1));
    set_modified(root, "csv/sdn.csv", 18_300);
    let d = discover(root).unwrap();
    assert_eq!(d.sources[0].format, ListFormat::OfacSdnXml);
    assert_eq!(d.superseded[0].dated_by, Some(DatedBy::Modified));
    set_modified(root, "csv/sdn.csv", 20_000);
    let d = discover(root).unwrap();
    assert_eq!(d.sources[0].format, ListFormat::OfacSdn);
    assert_eq!(d.superseded[0].dated_by, Some(DatedBy::Published));
}

/// A `cordon update` manifest dates the files of its snapshot folder.
#[test]
fn an_update_manifest_dates_its_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "a/un-sc/consolidated.xml",
        "<CONSOLIDATED_LIST>\n</CONSOLIDATED_LIST>\n",
    );
    write(
        root,
        "a/manifest.json",
        r#"{"created": "2026-01-05T00:00:00Z", "lists": [{"format": "un-sc", "date": "2026-01-04T10:00:00Z"}]}"#,
    );
    write(
        root,
        "b/un-sc/consolidated.xml",
        "<CONSOLIDATED_LIST>\n</CONSOLIDATED_LIST>\n",
    );
    write(
        root,
        "b/manifest.json",
        r#"{"created": "2025-06-01T00:00:00Z", "lists": []}"#,
    );
    let d = discover(root).unwrap();
    assert_eq!(
        names(&[d.sources[0].path.clone()], root),
        ["a/un-sc/consolidated.xml"]
    );
    assert_eq!(d.superseded[0].dated_by, Some(DatedBy::Downloaded));
    assert_eq!(d.superseded[0].date.unwrap().to_string(), "2025-06-01");
}

/// A newest version that drops most of the list against another version
/// found is never chosen: the list is a conflict, not a source, whatever
/// the formats; a newest version that is merely a little smaller is fine.
#[test]
fn a_newest_version_with_far_fewer_records_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "csl_full_snapshot.csv", &lines(4_000));
    write(root, "consolidated_sample_2025.csv", &lines(13));
    write(root, "sdn_2024-05-01.csv", &lines(1_000));
    write(root, "sdn_2024-05-02.csv", &lines(900));
    let d = discover(root).unwrap();
    let sources: Vec<_> = d.sources.iter().map(|s| s.path.clone()).collect();
    assert_eq!(names(&sources, root), ["sdn_2024-05-02.csv"]);
    assert_eq!(d.conflicts.len(), 1);
    let c = &d.conflicts[0];
    assert_eq!(c.list, "us-csl");
    assert_eq!(c.versions[0].records, Some(13));
    assert_eq!(c.versions[1].records, Some(4_000));
    // Neither CSL file is reported as superseded or ignored: both are named
    // by the conflict.
    assert!(d
        .superseded
        .iter()
        .all(|s| s.source.format != ListFormat::UsCsl));
    assert!(d.ignored.is_empty());
    let text = c.to_string();
    assert!(text.contains("consolidated_sample_2025.csv"), "{text}");
    assert!(text.contains("csl_full_snapshot.csv"), "{text}");
}

/// Each OpenSanctions dataset is a list of its own, with its own id.
#[test]
fn each_opensanctions_dataset_has_its_own_list_id() {
    let id = |name: &str| {
        ListSource {
            format: ListFormat::OpenSanctions,
            path: Path::new("x").join(name),
        }
        .list_id()
    };
    assert_eq!(id("entities.ftm.json"), "opensanctions");
    assert_eq!(id("entities.delta.json"), "opensanctions");
    assert_eq!(id("zala.entities.ftm.json"), "opensanctions-zala");
    assert_eq!(id("T1.entities.ftm.json"), "opensanctions-t1");
    assert_eq!(id("us ofac.ftm.json"), "opensanctions-us_ofac");
    assert_eq!(
        ListSource {
            format: ListFormat::OfacSdnXml,
            path: "sdn.xml".into()
        }
        .list_id(),
        "ofac-sdn"
    );
}
