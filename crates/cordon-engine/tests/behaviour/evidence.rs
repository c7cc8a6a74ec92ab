//! Evidence beside the name: date of birth, country, identifiers.

use crate::*;
use cordon_engine::{EvidenceKind, IdentifierType, Index, PartialDate, Query};

fn two_namesakes() -> Index {
    index(vec![
        national_of(
            born(person("1", "ALI HASSAN"), PartialDate::ymd(1970, 5, 1)),
            "Iraq",
            "IQ",
        ),
        national_of(
            born(person("2", "ALI HASSAN"), PartialDate::ymd(1985, 2, 3)),
            "Lebanon",
            "LB",
        ),
    ])
}

#[test]
fn a_matching_date_of_birth_lifts_and_a_conflicting_one_lowers() {
    let index = two_namesakes();
    let q = Query {
        dob: Some(PartialDate::ymd(1970, 5, 1)),
        ..Query::new("Ali Hassan")
    };
    let r = screen(&index, &q);
    assert_eq!(ids(&r)[0], "t:1");
    let (same, other) = (result(&r, "t:1"), result(&r, "t:2"));
    assert!(same.score > other.score);
    let effect = |m: &cordon_engine::Match| -> f64 {
        m.explanation
            .evidence
            .iter()
            .filter(|e| e.kind == EvidenceKind::Dob)
            .map(|e| e.effect)
            .sum()
    };
    assert!(effect(same) > 0.0 && effect(other) < 0.0);
}

#[test]
fn a_matching_country_ranks_its_namesake_first() {
    let index = two_namesakes();
    let q = Query {
        countries: vec!["LB".into()],
        ..Query::new("Ali Hassan")
    };
    let r = screen(&index, &q);
    assert_eq!(ids(&r)[0], "t:2");
    assert!(r[0]
        .explanation
        .evidence
        .iter()
        .any(|e| e.kind == EvidenceKind::Country));
}

#[test]
fn an_identical_identifier_makes_a_match_and_a_different_one_conflicts() {
    let index = index(vec![
        with_id(
            entity("1", cordon_engine::EntityKind::Vessel, "LADY R", &[]),
            IdentifierType::Imo,
            "IMO",
            "9161003",
        ),
        with_id(
            entity("2", cordon_engine::EntityKind::Vessel, "LADY ROSE", &[]),
            IdentifierType::Imo,
            "IMO",
            "9184691",
        ),
    ]);
    let q = Query {
        identifiers: vec!["imo:9161003".into()],
        ..Query::new("Lady Rose")
    };
    let r = screen(&index, &q);
    assert_eq!(ids(&r)[0], "t:1", "the identifier outweighs the name");
    assert!(r[0].is_match);
    let conflicting = result(&r, "t:2");
    assert!(conflicting
        .explanation
        .evidence
        .iter()
        .any(|e| e.kind == EvidenceKind::Identifier && e.effect < 0.0));
}
