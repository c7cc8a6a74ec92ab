//! Engine behaviour, in one test binary: small in-memory corpora built in
//! code, screened through the public API (`Index::build`, `Index::screen`),
//! no files and no CLI. Ranking, evidence, thresholds, and the
//! explanations (snapshot-tested, so a change of what a user reads shows
//! up in review).

mod evidence;
mod explanations;
mod ranking;
mod scripts;
mod thresholds;

use cordon_engine::{
    Country, CountryRole, DateOfBirth, Entity, EntityKind, Identifier, IdentifierType, Index,
    Match, Name, NameType, PartialDate, Provenance, Query, ScreenOptions,
};

/// An entity of the test list `t` with a primary name and other names.
pub fn entity(id: &str, kind: EntityKind, primary: &str, others: &[(&str, NameType)]) -> Entity {
    let mut e = Entity::new(
        "t",
        id,
        kind,
        primary,
        Provenance {
            list: "t".into(),
            file: "t.csv".into(),
            line: None,
        },
    );
    for (n, t) in others {
        e.names.push(Name::new(*n, *t));
    }
    e
}

pub fn person(id: &str, primary: &str) -> Entity {
    entity(id, EntityKind::Person, primary, &[])
}

pub fn org(id: &str, primary: &str) -> Entity {
    entity(id, EntityKind::Organization, primary, &[])
}

pub fn born(mut e: Entity, date: PartialDate) -> Entity {
    e.dates_of_birth.push(DateOfBirth::Exact { date });
    e
}

pub fn national_of(mut e: Entity, name: &str, code: &str) -> Entity {
    e.countries.push(Country {
        name: name.into(),
        code: Some(code.into()),
        role: CountryRole::Nationality,
    });
    e
}

pub fn with_id(mut e: Entity, t: IdentifierType, label: &str, value: &str) -> Entity {
    e.identifiers.push(Identifier {
        id_type: t,
        label: label.into(),
        value: value.into(),
        country: None,
        note: None,
    });
    e
}

/// `n` unrelated list entities (made-up two- and three-word names, half
/// organisations), so that word rarity is what it is on a real list: in
/// an index of a handful of names every word is common and no exact name
/// reaches the threshold.
pub fn background(n: usize) -> Vec<Entity> {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ne", "su", "ta", "ro", "vi", "de", "ga", "pu", "zo", "be", "fi", "ha",
        "ju",
    ];
    let word = |i: usize| -> String {
        let s = [SYL[i % 16], SYL[(i / 16) % 16], SYL[(i / 256) % 16]].concat();
        s.to_uppercase()
    };
    (0..n)
        .map(|i| {
            let name = format!("{} {}", word(i * 7 + 3), word(i * 13 + 5));
            if i % 2 == 0 {
                person(&format!("bg{i}"), &name)
            } else {
                org(&format!("bg{i}"), &format!("{name} {}", word(i * 3 + 11)))
            }
        })
        .collect()
}

/// Builds an index of `entities` over [`background`].
pub fn index(entities: Vec<Entity>) -> Index {
    let mut all = background(300);
    all.extend(entities);
    Index::build(all)
}

/// Screens `q` with the default threshold and a limit of 10.
pub fn screen(index: &Index, q: &Query) -> Vec<Match> {
    index.screen(
        q,
        &ScreenOptions {
            limit: 10,
            ..ScreenOptions::default()
        },
    )
}

/// The entity ids of the results, best first.
pub fn ids(results: &[Match]) -> Vec<&str> {
    results.iter().map(|m| m.entity_id.as_str()).collect()
}

/// The result for entity `id`; panics naming it when missing.
pub fn result<'a>(results: &'a [Match], id: &str) -> &'a Match {
    results
        .iter()
        .find(|m| m.entity_id == id)
        .unwrap_or_else(|| panic!("{id} not among {:?}", ids(results)))
}
