//! The acronym set derived from the lists, with the tune/holdout split of
//! [`super::split_of`]: organisations (and vessels) listed under an
//! acronym ("IRGC") and under the name it abbreviates ("ISLAMIC
//! REVOLUTIONARY GUARD CORPS").
//!
//! An acronym alias is a name of three to ten capital letters, written
//! solid ("IRGC"), dotted ("I.R.G.C.") or spaced ("I R G C"); it is taken
//! when it equals the initials of every word of another of the entity's
//! names, or of every word but the function words [`FUNCTION_WORDS`]
//! (words split at any character that is not a letter or digit, so "S.A."
//! gives two). This rule is the set's own, simpler than the engine's.
//!
//! Half of the entities (by id) lose their acronym aliases from the index
//! and are asked for by the acronym, solid (`acronym`) and dotted or
//! spaced (`dotted`); the other half keep only their acronym aliases and
//! are asked for by the spelled-out name (`spelled-out`). Each list is
//! screened against an index of its own, built once per half with those
//! names removed. The right answers are the entity and every entity the
//! name alone does not tell apart from it: for an acronym, those with a
//! name holding the spelled-out name's words, the acronym as a word, or a
//! name that spells it (by this set's rule: "AAB" is Abdallah Azzam
//! Brigades and another group); for a spelled-out name, those with a name
//! holding its words or listed under the acronym they spell.

use super::{combine, evaluate, name_key, split_of, EvalCase, EvalReport, Split};
use cordon_engine::{Entity, EntityKind, Index, Name, Query};
use std::collections::{HashMap, HashSet};

/// The report names' prefix, before the half (`acronyms-holdout/…`).
pub const SET_PREFIX: &str = "acronyms-";

/// Words an acronym may leave out ("IRISL": Islamic Republic of Iran
/// Shipping Lines; "ISIS": Islamic State of Iraq and al-Sham).
pub const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "de", "del", "la", "le", "des", "du", "et", "y", "al",
    "el",
];

/// The letters of an acronym alias, lower-case, if `name` is one.
fn acronym_of(name: &str) -> Option<String> {
    let t = name.trim().trim_end_matches('.');
    let pieces: Vec<&str> = t
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let letters: String = pieces.concat();
    let solid = pieces.len() == 1 || pieces.iter().all(|p| p.len() == 1);
    (solid && (3..=10).contains(&letters.len()) && letters.bytes().all(|b| b.is_ascii_uppercase()))
        .then(|| letters.to_ascii_lowercase())
}

/// The words of a name, lower-case, split at anything not a letter or
/// digit.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `acr` is the initials of every word of `name` (at least three
/// words), or of every word but the function words.
fn spells(acr: &str, name: &str) -> bool {
    initials(name).iter().any(|i| i == acr)
}

/// The acronyms a name of at least three words spells by the set's rule:
/// the initials of every word, and of every word but the function words.
fn initials(name: &str) -> Vec<String> {
    let ws = words(name);
    if ws.len() < 3 {
        return Vec::new();
    }
    let of = |keep: &dyn Fn(&str) -> bool| -> String {
        ws.iter()
            .filter(|w| keep(w))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let mut out = vec![of(&|_| true), of(&|w| !FUNCTION_WORDS.contains(&w))];
    out.dedup();
    out
}

/// `acr` written dotted ("I.R.G.C.") or spaced ("I R G C").
fn dotted(acr: &str, spaced: bool) -> String {
    let up = acr.to_ascii_uppercase();
    if spaced {
        up.chars().map(String::from).collect::<Vec<_>>().join(" ")
    } else {
        up.chars().map(|c| format!("{c}.")).collect()
    }
}

/// Bits of the entity id's hash apart from the lowest, which [`split_of`]
/// reads (FNV-1a's lowest bit is the parity of the bytes whatever is
/// added to them): which way an entity is asked for, and how its acronym
/// is written.
fn way_of(id: &str) -> u64 {
    crate::rng::fnv1a(id.as_bytes()) >> 32
}

/// The set's cases of one list and half, and the list as its index must
/// hold it (the asked-for names removed).
#[derive(Debug, Default)]
pub struct AcronymSet {
    pub cases: Vec<EvalCase>,
    pub entities: Vec<Entity>,
}

/// The acronym set of `entities` (one list) in `split`.
pub fn acronym_cases(entities: &[Entity], split: Split) -> AcronymSet {
    let mut out = AcronymSet::default();
    // (entity, acronym, spelled-out name, asked by the acronym)
    let mut picked: Vec<(usize, String, String, bool)> = Vec::new();
    let mut kept: Vec<Entity> = Vec::with_capacity(entities.len());
    for (ei, e) in entities.iter().enumerate() {
        let mut e = e.clone();
        if e.kind != EntityKind::Person && e.ownership.is_none() && split_of(&e.id) == split {
            let found = e.names.iter().find_map(|n| {
                let acr = acronym_of(&n.name)?;
                let full = e
                    .names
                    .iter()
                    .find(|m| m.name.is_ascii() && spells(&acr, &m.name))?;
                Some((acr, full.name.clone()))
            });
            if let Some((acr, full)) = found {
                // Apart from the half (`split_of` reads the id's hash).
                let by_acronym = way_of(&e.id).is_multiple_of(2);
                let is_acr = |n: &Name| acronym_of(&n.name).is_some_and(|a| a == acr);
                if by_acronym {
                    e.names.retain(|n| !is_acr(n));
                } else {
                    e.names.retain(is_acr);
                }
                picked.push((ei, acr, full, by_acronym));
            }
        }
        kept.push(e);
    }
    // Right answers, from the names the index holds.
    let keys: Vec<(usize, HashSet<String>)> = kept
        .iter()
        .enumerate()
        .flat_map(|(ei, e)| {
            e.names
                .iter()
                .map(move |n| (ei, name_key(&n.name).into_iter().collect()))
        })
        .collect();
    // Entities by the acronyms their names spell, and by their acronym
    // aliases.
    let mut spelling: HashMap<String, Vec<usize>> = HashMap::new();
    let mut named: HashMap<String, Vec<usize>> = HashMap::new();
    for (ei, e) in kept.iter().enumerate() {
        for n in &e.names {
            for i in initials(&n.name) {
                spelling.entry(i).or_default().push(ei);
            }
            if let Some(a) = acronym_of(&n.name) {
                named.entry(a).or_default().push(ei);
            }
        }
    }
    let holding = |ws: &[String], also: usize, by: Option<&Vec<usize>>| -> Vec<String> {
        let mut ids: Vec<String> = keys
            .iter()
            .filter(|(_, k)| ws.iter().all(|w| k.contains(w)))
            .map(|(ei, _)| *ei)
            .chain(by.into_iter().flatten().copied())
            .chain(std::iter::once(also))
            .map(|ei| kept[ei].id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    for (ei, acr, full, by_acronym) in picked {
        let e = &kept[ei];
        let case = |kind: &str, query: String, expected: Vec<String>, n: usize| EvalCase {
            id: format!("{}#acronym{n}", e.id),
            category: format!("{}/{kind}", e.list),
            query: Query {
                name: query,
                kind: Some(e.kind),
                ..Query::default()
            },
            expected,
        };
        let n = out.cases.len();
        if by_acronym {
            // The entities the spelled-out name's words name, those with
            // the acronym as a word, and those whose names spell it.
            let expected = holding(&name_key(&full), ei, spelling.get(&acr));
            let also = holding(std::slice::from_ref(&acr), ei, None);
            let mut expected: Vec<String> = expected.into_iter().chain(also).collect();
            expected.sort();
            expected.dedup();
            out.cases.push(case(
                "acronym",
                acr.to_ascii_uppercase(),
                expected.clone(),
                n,
            ));
            let spaced = way_of(&e.id) % 4 >= 2;
            out.cases
                .push(case("dotted", dotted(&acr, spaced), expected, n + 1));
        } else {
            // The entities the words name, and those listed under the
            // acronym the words spell.
            let expected = holding(&name_key(&full), ei, named.get(&acr));
            out.cases.push(case("spelled-out", full, expected, n));
        }
    }
    out.entities = kept;
    out
}

/// Screens the set of `split` per list (each against an index of its own
/// list, with the asked-for names removed) and adds one report over every
/// list (`acronyms-holdout/all`).
pub fn acronym_reports(
    entities: &[Entity],
    split: Split,
    threshold: f64,
    worst: usize,
) -> Vec<EvalReport> {
    let half = split.name();
    let mut reports: Vec<EvalReport> = Vec::new();
    for (list, of_list) in super::by_list(entities) {
        let set = acronym_cases(&of_list, split);
        if set.cases.is_empty() {
            continue;
        }
        let index = Index::build(set.entities);
        let name = format!("{SET_PREFIX}{half}/{list}");
        reports.push(evaluate(&name, &index, &set.cases, threshold, worst));
    }
    if !reports.is_empty() {
        let parts: Vec<&EvalReport> = reports.iter().collect();
        let all = combine(&format!("{SET_PREFIX}{half}/all"), &parts, worst);
        reports.push(all);
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{NameType, Provenance};

    fn org(id: &str, names: &[&str]) -> Entity {
        let prov = Provenance {
            list: "t".into(),
            file: String::new(),
            line: None,
        };
        let mut e = Entity::new("t", id, EntityKind::Organization, names[0], prov);
        for n in &names[1..] {
            e.names.push(Name::new(*n, NameType::Aka));
        }
        e
    }

    #[test]
    fn acronym_aliases_and_the_names_they_spell() {
        assert_eq!(acronym_of("IRGC").as_deref(), Some("irgc"));
        assert_eq!(acronym_of("I.R.G.C.").as_deref(), Some("irgc"));
        assert_eq!(acronym_of("I R G C").as_deref(), Some("irgc"));
        assert_eq!(acronym_of("SL"), None);
        assert_eq!(acronym_of("Irgc"), None);
        assert_eq!(acronym_of("AB CD"), None);
        assert!(spells("irgc", "ISLAMIC REVOLUTIONARY GUARD CORPS"));
        assert!(spells("irisl", "ISLAMIC REPUBLIC OF IRAN SHIPPING LINES"));
        assert!(spells("pdvsa", "PETROLEOS DE VENEZUELA S.A."));
        assert!(!spells("irgc", "ISLAMIC REVOLUTIONARY GUARD CORPS NAVY"));
        assert_eq!(dotted("irgc", false), "I.R.G.C.");
        assert_eq!(dotted("irgc", true), "I R G C");
    }

    #[test]
    fn each_half_asks_one_way_and_the_index_lacks_the_asked_name() {
        let letter = |i: usize| (b'A' + (i % 26) as u8) as char;
        let es: Vec<Entity> = (0..40)
            .map(|i| {
                let name = format!("ALPHA BRAVO{i} CHARLIE");
                org(&format!("e{i}"), &[name.as_str()])
            })
            .chain((0..40).map(|i| {
                let full = format!("QUEBEC {}RAY SIERRA{i}", letter(i));
                let acr = format!("Q{}S", letter(i));
                org(&format!("o{i}"), &[full.as_str(), acr.as_str()])
            }))
            .collect();
        let mut by_acronym = 0;
        let mut spelled = 0;
        for split in [Split::Tune, Split::Holdout] {
            let set = acronym_cases(&es, split);
            for c in &set.cases {
                let id = c.id.split('#').next().unwrap();
                let e = set.entities.iter().find(|e| e.id == id).unwrap();
                assert!(c.expected.contains(&e.id));
                if c.category.ends_with("/spelled-out") {
                    spelled += 1;
                    assert!(e.names.iter().all(|n| acronym_of(&n.name).is_some()));
                } else {
                    by_acronym += 1;
                    assert!(e.names.iter().all(|n| acronym_of(&n.name).is_none()));
                }
            }
        }
        assert!(by_acronym > 10 && spelled > 5, "{by_acronym} {spelled}");
    }

    #[test]
    fn every_entity_the_name_stands_for_is_a_right_answer() {
        let es = vec![
            org("o1", &["ALPHA ALPHA BRAVO", "AAB"]),
            org("o2", &["ABDALLAH AZZAM BRIGADES"]),
            org("o3", &["AAB"]),
            org("o4", &["ALPHA CHARLIE DELTA"]),
        ];
        let cases: Vec<EvalCase> = [Split::Tune, Split::Holdout]
            .into_iter()
            .flat_map(|s| acronym_cases(&es, s).cases)
            .filter(|c| c.id.starts_with("t:o1#"))
            .collect();
        assert!(!cases.is_empty());
        for c in cases {
            let want: &[&str] = if c.category.ends_with("/spelled-out") {
                &["t:o1", "t:o3"]
            } else {
                &["t:o1", "t:o2", "t:o3"]
            };
            assert_eq!(c.expected, want, "{c:?}");
        }
    }
}
