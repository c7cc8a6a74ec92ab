//! The matcher version a run records. A run screens only what changed
//! since the previous one; that is sound only while the matcher scores
//! as it did. The version is the engine's package version plus a hash of
//! the scores of a fixed probe (a few entities and queries covering
//! names, scripts, legal forms, dates, countries and identifiers), so a
//! change of weights or normalisation changes it even without a version
//! bump, and the next run screens everything again.

use crate::print::hex;
use cordon_engine::{
    DateOfBirth, Entity, EntityKind, Identifier, IdentifierType, Index, Name, NameType,
    PartialDate, Provenance, Query, ScreenOptions,
};
use sha2::{Digest, Sha256};

/// Results kept per customer and query: a customer matching more listed
/// entities than this at once is rare, and the same limit in delta and
/// full runs keeps their results identical.
pub const MONITOR_LIMIT: usize = 10;

fn probe_entities() -> Vec<Entity> {
    let prov = Provenance {
        list: "probe".into(),
        file: String::new(),
        line: None,
    };
    let mut a = Entity::new(
        "probe",
        "1",
        EntityKind::Person,
        "IVANOV, Ivan Petrovich",
        prov.clone(),
    );
    a.names
        .push(Name::new("Иван Петрович Иванов", NameType::Aka));
    a.dates_of_birth.push(DateOfBirth::Exact {
        date: PartialDate::ymd(1961, 3, 11),
    });
    let mut b = Entity::new(
        "probe",
        "2",
        EntityKind::Organization,
        "LIMITED LIABILITY COMPANY SEVERNAYA TRADING",
        prov.clone(),
    );
    b.identifiers.push(Identifier {
        id_type: IdentifierType::Inn,
        label: "Tax ID No.".into(),
        value: "7707083893".into(),
        country: Some("Russia".into()),
        note: None,
    });
    let mut c = Entity::new(
        "probe",
        "3",
        EntityKind::Person,
        "AL-HASHIMI, Abu Bakr",
        prov.clone(),
    );
    c.names.push(Name::new("ABU BAKR", NameType::WeakAka));
    let d = Entity::new("probe", "4", EntityKind::Vessel, "OCEAN STAR", prov);
    vec![a, b, c, d]
}

/// `cordon-engine X.Y.Z probe:HASH limit:N`.
pub fn matcher_version() -> String {
    let index = Index::build(probe_entities());
    let opts = ScreenOptions {
        limit: MONITOR_LIMIT,
        threshold: 0.5,
    };
    let q = |name: &str| Query::new(name);
    let mut queries = vec![
        q("Ivan Ivanov"),
        q("Ivanov Ivan Petrovitch"),
        q("Severnaya Trading LLC"),
        q("Abu Bakr"),
        q("Ocean Star"),
        q("Иванов Иван"),
        q("Abubakar Al Hashimi"),
    ];
    queries.push(Query {
        dob: Some(PartialDate::ymd(1961, 3, 11)),
        countries: vec!["RU".into()],
        ..q("Ivan Ivanov")
    });
    queries.push(Query {
        identifiers: vec!["7707083893".into()],
        ..q("Severnaya")
    });
    let mut h = Sha256::new();
    for query in &queries {
        for m in index.screen(query, &opts) {
            h.update(format!("{}={:.4};", m.entity_id, m.score).as_bytes());
        }
        h.update(b"|");
    }
    format!(
        "cordon-engine {} probe:{} limit:{MONITOR_LIMIT}",
        env!("CARGO_PKG_VERSION"),
        &hex(&h.finalize())[..12]
    )
}
