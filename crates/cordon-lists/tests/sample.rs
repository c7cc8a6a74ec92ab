use cordon_engine::{EntityKind, IdentifierType};
use cordon_lists::{discover, load, ListFormat};
use std::path::PathBuf;

/// The hand-written sample list in `data/sample/` loads completely.
#[test]
fn sample_list_loads() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let d = discover(&dir).unwrap();
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].format, ListFormat::OfacSdn);
    let ignored: Vec<_> = d
        .ignored
        .iter()
        .map(|p| p.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(ignored, ["README.md"]);
    let list = load(&d.sources[0]).unwrap();
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    assert_eq!(list.files.len(), 4);
    assert!(list.entities.len() >= 20);
    for kind in [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Vessel,
        EntityKind::Aircraft,
    ] {
        assert!(list.entities.iter().any(|e| e.kind == kind), "no {kind}");
    }
    let all_ids: Vec<_> = list.entities.iter().flat_map(|e| &e.identifiers).collect();
    assert!(all_ids.iter().any(|i| i.id_type == IdentifierType::Imo));
    assert!(all_ids
        .iter()
        .any(|i| i.id_type == IdentifierType::Passport));
    assert!(list
        .entities
        .iter()
        .any(|e| e.links.iter().any(|l| l.entity_id.is_some())));
    assert!(list.entities.iter().any(|e| e.dates_of_birth.len() > 1));
    assert!(list.entities.iter().any(|e| e.addresses.len() > 1));
    // The comment row completes a cut-off "Linked To:".
    let e = list
        .entities
        .iter()
        .find(|e| e.source_id == "90024")
        .unwrap();
    assert_eq!(e.links[0].entity_id.as_deref(), Some("ofac-sdn:90002"));
    assert!(list
        .entities
        .iter()
        .all(|e| e.names.len() < 2 || e.names[1].name != e.names[0].name));
    crate::real_data::assert_no_unparsed_handled_labels(&list);
}
