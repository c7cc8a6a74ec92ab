//! Identifier-only and identifier-first screening: an identical strong
//! identifier finds its holder whatever the name says (a renamed vessel),
//! and the explanation says that the name differs.

use cordon_engine::{
    compare, Entity, EntityKind, Identifier, IdentifierType, Index, NameType, Party, Provenance,
    Query, ScreenOptions, DEFAULT_THRESHOLD,
};

fn entity(
    id: &str,
    kind: EntityKind,
    names: &[&str],
    ids: &[(IdentifierType, &str, &str)],
) -> Entity {
    let mut e = Entity::new(
        "t",
        id,
        kind,
        names[0],
        Provenance {
            list: "t".into(),
            file: "f".into(),
            line: None,
        },
    );
    for n in &names[1..] {
        e.names.push(cordon_engine::Name::new(*n, NameType::Aka));
    }
    for (t, label, value) in ids {
        e.identifiers.push(Identifier {
            id_type: *t,
            label: (*label).into(),
            value: (*value).into(),
            country: None,
            note: None,
        });
    }
    e
}

/// LADY R as the 2024 SDN lists it (entity 37095), a vessel really named
/// SEA STAR with another IMO number, and neighbours whose names must not
/// be mistaken for LADY R's.
fn fleet() -> Index {
    use EntityKind::*;
    use IdentifierType::*;
    Index::build(vec![
        entity("1", Organization, &["TRANSMORFLOT LLC"], &[]),
        entity(
            "37095",
            Vessel,
            &["LADY R"],
            &[(Imo, "Vessel Registration Identification IMO", "9161003")],
        ),
        entity(
            "2",
            Vessel,
            &["SEA STAR", "STAR OF THE SEA"],
            &[(Imo, "Vessel Registration Identification IMO", "9184691")],
        ),
        entity(
            "3",
            Vessel,
            &["OCEAN PEARL", "NEPTUNE"],
            &[(Mmsi, "MMSI", "273000001")],
        ),
        entity(
            "4",
            Person,
            &["SEA STAR"],
            &[(NationalId, "National ID No.", "AB123456")],
        ),
    ])
}

fn opts() -> ScreenOptions {
    ScreenOptions::default()
}

#[test]
fn a_renamed_vessel_is_found_by_its_imo_number() {
    let ix = fleet();
    let q = Query {
        name: "Sea Star".into(),
        kind: Some(EntityKind::Vessel),
        identifiers: vec!["IMO9161003".into()],
        ..Query::default()
    };
    let r = ix.screen(&q, &opts());
    let lady = r
        .iter()
        .find(|m| m.entity_id == "t:37095")
        .unwrap_or_else(|| panic!("LADY R missing: {r:#?}"));
    assert!(lady.is_match, "{lady:#?}");
    assert!(lady.score >= 0.95, "{}", lady.score);
    assert_eq!(r[0].entity_id, "t:37095", "the identical IMO ranks first");
    let ex = &lady.explanation;
    assert!(
        ex.summary.contains("name differs, identifier identical"),
        "{}",
        ex.summary
    );
    let id = ex
        .evidence
        .iter()
        .find(|e| e.kind == cordon_engine::EvidenceKind::Identifier && e.effect > 0.0)
        .expect("identifier evidence");
    assert!(id.detail.contains("the name differs"), "{}", id.detail);
    assert!(id.detail.contains("IMO"), "{}", id.detail);
    // The vessel really named SEA STAR holds another IMO number: still
    // shown (exact name), with the conflict counted against it.
    let star = r.iter().find(|m| m.entity_id == "t:2").expect("SEA STAR");
    assert!(star.score < lady.score);
    assert!(star
        .explanation
        .evidence
        .iter()
        .any(|e| e.kind == cordon_engine::EvidenceKind::Identifier && e.effect < 0.0));
}

#[test]
fn an_identifier_alone_finds_its_holder() {
    let ix = fleet();
    for id in ["IMO9161003", "imo:9161003", "IMO 9161003", "9161003"] {
        let q = Query {
            identifiers: vec![id.into()],
            ..Query::default()
        };
        let r = ix.screen(&q, &opts());
        assert_eq!(r.len(), 1, "{id}: {r:#?}");
        let m = &r[0];
        assert_eq!(m.entity_id, "t:37095", "{id}");
        assert!(m.is_match && m.score >= 0.95, "{id}: {}", m.score);
        assert_eq!(m.matched_name, "LADY R");
        assert!(
            m.explanation
                .summary
                .starts_with("identifier only, listed as \"LADY R\""),
            "{}",
            m.explanation.summary
        );
    }
    // An identifier nobody holds finds nothing, and so does the wrong kind.
    let none = Query {
        identifiers: vec!["imo:9184692".into()],
        ..Query::default()
    };
    assert!(ix.screen(&none, &opts()).is_empty());
    let person = Query {
        kind: Some(EntityKind::Person),
        identifiers: vec!["imo:9161003".into()],
        ..Query::default()
    };
    assert!(ix.screen(&person, &opts()).is_empty());
}

#[test]
fn the_best_of_the_holders_own_names_is_shown() {
    let ix = fleet();
    // NEPTUNE is entity 3's alias; entity 2 and 4 are its neighbours.
    let q = Query {
        name: "Neptune".into(),
        identifiers: vec!["mmsi:273000001".into()],
        ..Query::default()
    };
    let r = ix.screen(&q, &opts());
    assert_eq!(r[0].entity_id, "t:3");
    assert_eq!(r[0].matched_name, "NEPTUNE");
    assert!(!r[0].explanation.summary.contains("name differs"));
}

/// Every strong type: an identical value with an unrelated name is a match.
#[test]
fn every_strong_identifier_type_decides_whatever_the_name() {
    use IdentifierType::*;
    let cases: &[(IdentifierType, &str, &str, &str)] = &[
        (Imo, "IMO", "9161003", "imo:9161003"),
        (Mmsi, "MMSI", "273000001", "mmsi:273000001"),
        (
            Lei,
            "LEI",
            "253400JT3MQWNDKMJE44",
            "lei:253400JT3MQWNDKMJE44",
        ),
        (TaxId, "INN", "7707083893", "inn:7707083893"),
        (Registration, "OGRN", "1027700132195", "ogrn:1027700132195"),
        (SwiftBic, "SWIFT/BIC", "SABRRUMM", "bic:SABRRUMMXXX"),
        (Passport, "Passport", "753129173", "passport:753129173"),
    ];
    for (t, label, value, query_id) in cases {
        let ix = Index::build(vec![
            entity(
                "9",
                EntityKind::Organization,
                &["ALPHA BETA GAMMA"],
                &[(*t, label, value)],
            ),
            entity("8", EntityKind::Organization, &["UNRELATED HOLDINGS"], &[]),
        ]);
        let q = Query {
            name: "Unrelated Holdings".into(),
            identifiers: vec![(*query_id).into()],
            ..Query::default()
        };
        let r = ix.screen(&q, &opts());
        let m = r
            .iter()
            .find(|m| m.entity_id == "t:9")
            .unwrap_or_else(|| panic!("{query_id}: holder missing: {r:#?}"));
        assert!(m.is_match, "{query_id}: {m:#?}");
        assert!(
            m.explanation
                .summary
                .contains("name differs, identifier identical"),
            "{query_id}: {}",
            m.explanation.summary
        );
    }
}

#[test]
fn an_identical_weak_identifier_with_another_name_is_shown_for_review() {
    let ix = fleet();
    let q = Query {
        name: "Ocean Pearl".into(),
        identifiers: vec!["AB123456".into()],
        ..Query::default()
    };
    let r = ix.screen(&q, &opts());
    let m = r
        .iter()
        .find(|m| m.entity_id == "t:4")
        .expect("holder shown");
    assert!(!m.is_match, "{m:#?}");
    assert!(m.score < DEFAULT_THRESHOLD);
    assert!(m
        .explanation
        .summary
        .contains("name differs, identifier identical"));
    assert!(m
        .explanation
        .evidence
        .iter()
        .any(|e| e.detail.contains("not unique to one party")));
    // Alone, the same identifier decides: it is all the query says.
    let alone = Query {
        identifiers: vec!["AB123456".into()],
        ..Query::default()
    };
    let r = ix.screen(&alone, &opts());
    assert_eq!(r[0].entity_id, "t:4");
    assert!(r[0].is_match);
}

#[test]
fn comparing_by_identifiers_alone() {
    let a = Party {
        identifiers: vec!["IMO 9161003".into()],
        ..Party::default()
    };
    let b = Party {
        name: "LADY R".into(),
        identifiers: vec!["imo:9161003".into()],
        ..Party::default()
    };
    let c = compare(&a, &b, DEFAULT_THRESHOLD);
    assert!(c.is_match, "{c:#?}");
    let other = Party {
        identifiers: vec!["imo:9184691".into()],
        ..Party::default()
    };
    assert!(!compare(&a, &other, DEFAULT_THRESHOLD).is_match);
}
