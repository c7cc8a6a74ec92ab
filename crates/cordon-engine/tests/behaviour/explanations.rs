//! What the explanation of a result says, snapshot-tested.

use crate::*;
use cordon_engine::{IdentifierType, PartialDate, Query};

#[test]
fn explanation_of_a_fuzzy_person_match_with_evidence() {
    let index = index(vec![national_of(
        born(
            person("1", "AL-RASHIDI, Mohammed"),
            PartialDate::ymd(1970, 5, 1),
        ),
        "Iraq",
        "IQ",
    )]);
    let q = Query {
        dob: Some(PartialDate::ymd(1970, 5, 1)),
        countries: vec!["IQ".into()],
        ..Query::new("Mohamad Al Rashidi")
    };
    let r = screen(&index, &q);
    insta::assert_snapshot!("fuzzy_person", r[0].explanation.to_text());
}

#[test]
fn explanation_of_an_acronym() {
    let index = index(vec![org("1", "ISLAMIC REVOLUTIONARY GUARD CORPS")]);
    let r = screen(&index, &Query::new("I.R.G.C."));
    insta::assert_snapshot!("acronym", r[0].explanation.to_text());
}

#[test]
fn explanation_of_an_organisation_with_a_legal_form_and_an_identifier() {
    let index = index(vec![with_id(
        org("1", "SEVERNAYA TRADING LLC"),
        IdentifierType::Inn,
        "INN",
        "7707083893",
    )]);
    let q = Query {
        identifiers: vec!["inn:7707083893".into()],
        ..Query::new("ООО Северная Трейдинг")
    };
    let r = screen(&index, &q);
    insta::assert_json_snapshot!("organisation_with_identifier", r[0].explanation);
}
