//! OpenSanctions FtM loader and deltas.

use crate::fixture;
use cordon_engine::{EntityKind, IdentifierType};
use cordon_lists::opensanctions::{apply_delta, parse_bytes};
use cordon_lists::{load, ListError, ListFormat, ListSource, LoadedList};
use std::path::PathBuf;

use crate::shared_data as data;

fn load_os(path: PathBuf) -> LoadedList {
    load(&ListSource {
        format: ListFormat::OpenSanctions,
        path,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn malformed_line_is_an_error_with_its_line() {
    let e = load(&ListSource {
        format: ListFormat::OpenSanctions,
        path: fixture("bad.ftm.json"),
    })
    .unwrap_err();
    assert!(matches!(e, ListError::Json { line: 2, .. }), "{e}");
}

#[test]
fn sanctions_and_relations_attach() {
    let text = r#"{"id": "p1", "schema": "Person", "properties": {"name": ["Ivan Petrov", "Иван Петров"], "birthDate": ["1960-05"], "nationality": ["ru"], "innCode": ["7701"]}, "datasets": ["eu_fsf"]}
{"id": "c1", "schema": "Company", "properties": {"name": ["Acme"]}, "datasets": ["eu_fsf"]}
{"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"], "program": ["EU Russia"], "authority": ["Council"], "reason": ["Because"]}, "datasets": ["eu_fsf"]}
{"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["c1"]}, "datasets": ["eu_fsf"]}
"#;
    let l = parse_bytes("t.ftm.json", text.as_bytes()).unwrap();
    assert_eq!(l.entities.len(), 2);
    let p = &l.entities[0];
    // The file's dataset (`t`) is the list: `opensanctions-t`.
    assert_eq!(l.list, "opensanctions-t");
    assert_eq!(p.id, "opensanctions-t:p1");
    assert_eq!(p.provenance.list, "opensanctions-t");
    assert_eq!(p.names[1].script.as_deref(), Some("Cyrillic"));
    assert_eq!(p.programs, vec!["EU Russia"]);
    // `innCode` is an INN.
    assert_eq!(p.identifiers[0].id_type, IdentifierType::Inn);
    assert_eq!(p.links[0].relation, "ownership:asset");
    assert_eq!(l.entities[1].links[0].relation, "ownership:owner");
    assert_eq!(
        l.entities[1].links[0].entity_id.as_deref(),
        Some("opensanctions-t:p1")
    );
    assert!(p
        .remarks
        .iter()
        .any(|r| r == "OpenSanctions datasets: eu_fsf"));
}

#[test]
fn real_files() {
    let Some(path) = data("lists/opensanctions/zala.entities.ftm.json") else {
        return;
    };
    let zala = load_os(path);
    assert_eq!(zala.files[0].records, 91);
    assert_eq!(zala.entities.len(), 17, "11 companies + 6 persons");
    assert!(zala
        .entities
        .iter()
        .any(|e| e.kind == EntityKind::Person && !e.links.is_empty()));
    assert!(
        zala.entities
            .iter()
            .filter(|e| !e.programs.is_empty())
            .count()
            >= 10
    );
    let Some(path) = data("lists/opensanctions/t1.entities.ftm.json") else {
        return;
    };
    let t1 = load_os(path);
    // Two files, two lists: each entity names the file it came from, so a
    // decision traces to that file's version.
    assert_eq!(zala.list, "opensanctions-zala");
    assert_eq!(t1.list, "opensanctions-t1");
    assert!(zala
        .entities
        .iter()
        .all(|e| e.list == "opensanctions-zala" && e.id.starts_with("opensanctions-zala:")));
    assert!(t1.entities.iter().all(|e| e.list == "opensanctions-t1"));
    assert_eq!(t1.files[0].records, 7);
    assert_eq!(t1.entities.len(), 6);
    let Some(delta) = data("lists/opensanctions/entities.delta.json") else {
        return;
    };
    let alone = load_os(delta.clone());
    assert_eq!(alone.files[0].records, 1700);
    println!("delta alone: {} entities", alone.entities.len());
    let mut base = t1.clone();
    let report = apply_delta(&mut base, &delta).unwrap();
    println!("{report:?}");
    assert_eq!((report.adds, report.mods, report.dels), (90, 1039, 571));
}

/// What the loader reads from FtM properties, `ftm::properties` writes
/// back to the same properties: one mapping, both ways.
#[test]
fn loaded_properties_are_written_back() {
    let line = br#"{"id": "c1", "schema": "Company", "properties": {"name": ["Severnaya LLC"], "alias": ["Severnaya"], "innCode": ["7707083893"], "ogrnCode": ["1027700132195"], "imoNumber": ["9161003"], "jurisdiction": ["ru"]}, "datasets": ["t"]}
"#;
    let list = cordon_lists::opensanctions::parse_bytes("t.ftm.json", line).unwrap();
    let p = cordon_lists::ftm::properties(&list.entities[0]);
    for (k, v) in [
        ("name", "Severnaya LLC"),
        ("alias", "Severnaya"),
        ("innCode", "7707083893"),
        ("ogrnCode", "1027700132195"),
        ("imoNumber", "9161003"),
    ] {
        assert_eq!(
            p.get(k).map(Vec::as_slice),
            Some(&[v.to_string()][..]),
            "{k}: {p:?}"
        );
    }
    assert!(p.contains_key("jurisdiction"), "{p:?}");
    assert_eq!(p["topics"], ["sanction"]);
}
