//! US CSL (CSV, JSON) and BIS DPL loaders: fixtures and real files.

use crate::fixture;
use cordon_engine::{EntityKind, IdentifierType};
use cordon_lists::{load, ListError, ListFormat, ListSource, LoadedList};
use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::shared_data as data;

fn load_as(format: ListFormat, path: PathBuf) -> LoadedList {
    load(&ListSource { format, path }).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn json_fixture() {
    let l = load_as(ListFormat::UsCsl, fixture("us_csl/csl.json"));
    assert_eq!(l.list, "us-csl");
    assert_eq!(l.published.as_deref(), Some("2025-01-10"));
    assert_eq!(l.entities.len(), 2);
    let el = &l.entities[0];
    assert_eq!(el.id, "us-csl:abc123");
    assert_eq!(el.programs[0], "EL");
    assert_eq!(el.names.len(), 3);
    assert_eq!(el.addresses[0].country.as_deref(), Some("RU"));
    assert!(el
        .remarks
        .iter()
        .any(|r| r == "Federal Register notice: 89 FR 1234"));
    let sdn = &l.entities[1];
    assert_eq!(sdn.kind, EntityKind::Person);
    assert_eq!(sdn.programs, vec!["SDN", "SDGT"]);
    assert_eq!(sdn.identifiers[0].id_type, IdentifierType::Passport);
    assert_eq!(sdn.identifiers[0].country.as_deref(), Some("IR"));
}

#[test]
fn malformed_inputs_are_errors() {
    let e = load(&ListSource {
        format: ListFormat::UsCsl,
        path: fixture("us_csl/bad.json"),
    })
    .unwrap_err();
    assert!(matches!(e, ListError::Json { .. }), "{e}");
    let e = load(&ListSource {
        format: ListFormat::UsCsl,
        path: fixture("us_csl/bad_columns.csv"),
    })
    .unwrap_err();
    assert!(matches!(e, ListError::ColumnCount { line: 3, .. }), "{e}");
    assert!(cordon_lists::bis_dpl::parse_bytes("x.txt", b"\"Foo\"\t\"Bar\"\n").is_err());
    assert!(cordon_lists::bis_dpl::parse_bytes("x.txt", b"").is_err());
}

#[test]
fn real_full_snapshot_sub_lists() {
    let Some(path) = data("lists/us_csl/csl_full_snapshot.csv") else {
        return;
    };
    let l = load_as(ListFormat::UsCsl, path);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in &l.entities {
        *counts.entry(e.programs[0].clone()).or_default() += 1;
    }
    println!("{counts:?}");
    assert_eq!(l.entities.len(), 4227);
    for (code, n) in [
        ("SDN", 1738),
        ("EL", 919),
        ("DPL", 577),
        ("SSI", 288),
        ("UVL", 186),
        ("ISN", 144),
        ("DTC", 142),
        ("PLC", 78),
        ("MEU", 71),
        ("CMIC", 68),
        ("NS-MBS", 14),
        ("FSE", 1),
        ("CAP", 1),
    ] {
        assert_eq!(counts.get(code), Some(&n), "{code}");
    }
    // The repeated header and the record cut off at the end of the file.
    assert_eq!(l.warnings.len(), 2, "{:?}", l.warnings);
    let ids: std::collections::HashSet<&str> = l.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), l.entities.len());
    // A party only on the Entity List, with its fields.
    let el: Vec<_> = l
        .entities
        .iter()
        .filter(|e| e.programs[0] == "EL")
        .collect();
    let e = el
        .iter()
        .find(|e| {
            !e.addresses.is_empty()
                && e.remarks
                    .iter()
                    .any(|r| r.starts_with("Federal Register notice"))
        })
        .expect("EL party");
    assert!(
        l.entities
            .iter()
            .filter(|x| x.primary_name() == e.primary_name())
            .count()
            == 1
    );
    assert_eq!(e.kind, EntityKind::Organization);
    assert!(e
        .remarks
        .iter()
        .any(|r| r.starts_with("Source list: Entity List (EL)")));
}

#[test]
fn real_older_and_sample_files() {
    let Some(path) = data("lists/us_csl/csl_2019_excerpt.csv") else {
        return;
    };
    let l = load_as(ListFormat::UsCsl, path);
    assert_eq!(l.entities.len(), 115);
    let Some(path) = data("lists/us_csl/consolidated_sample_2025.csv") else {
        return;
    };
    let l = load_as(ListFormat::UsCsl, path);
    assert_eq!(l.entities.len(), 13);
}

#[test]
fn real_bis_dpl() {
    let Some(path) = data("lists/us_csl/bis_dpl_2022.txt") else {
        return;
    };
    let l = load_as(ListFormat::BisDpl, path);
    assert_eq!(l.list, "bis-dpl");
    assert_eq!(l.files[0].records, 581);
    println!(
        "DPL: {} entities from 581 lines, published {:?}",
        l.entities.len(),
        l.published
    );
    let e = l
        .entities
        .iter()
        .find(|e| e.primary_name() == "ZIMO SHENG")
        .expect("ZIMO SHENG");
    assert_eq!(e.addresses.len(), 2);
    assert!(e
        .remarks
        .iter()
        .any(|r| r == "Federal Register: 85 F.R. 16054 3/20/2020"));
}
