//! Names in other scripts: a listed person's name written in katakana,
//! kanji, Hebrew, Cyrillic or Greek, as the list itself gives it (Japan's
//! and Israel's lists publish them; OpenSanctions keeps them as aliases),
//! screened against the person's list with every name not wholly in the
//! Latin script left out (`super::without_original_script`), so that only
//! romanisation and name knowledge can bridge the scripts. One case per
//! name, with the tune/holdout split of [`super::split_of`] by entity.
//!
//! The set comes from the lists, not from the engine's name-group data
//! (Wikidata's forms of given and family names): it measures that data,
//! it is not made of it. Arabic script is left to the UN original-script
//! pairs (`script-pairs`); Hangul and Chinese names to the CJK sets.

use super::{combine, evaluate, split_of, without_original_script, EvalCase, EvalReport, Split};
use cordon_engine::{Entity, EntityKind, Index, Query};

/// The report names' prefix, before the half (`other-scripts-holdout/…`).
pub const SET_PREFIX: &str = "other-scripts-";

/// The script of a name wholly in one of the scripts the set takes, by
/// its letters (marks, spaces and punctuation aside): `None` for a name
/// with a Latin letter, mixed scripts, or another script.
pub fn script_of_name(name: &str) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        let s = match c as u32 {
            0x0370..=0x03FF | 0x1F00..=0x1FFF => "greek",
            0x0400..=0x052F => "cyrillic",
            0x05D0..=0x05EA => "hebrew",
            0x3041..=0x30FF | 0x31F0..=0x31FF => "japanese",
            // Kanji next to kana is Japanese; alone, it may be Chinese.
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => "kanji",
            _ => return None,
        };
        found = match (found, s) {
            (None, s) => Some(s),
            (Some(a), b) if a == b => Some(a),
            (Some("japanese"), "kanji") | (Some("kanji"), "japanese") => Some("japanese"),
            _ => return None,
        };
    }
    // Han alone is as likely Chinese as Japanese: the CJK sets' business.
    found.filter(|&s| s != "kanji")
}

/// The cases of one list's persons in one half, and whether any person
/// keeps a Latin name to be found by.
pub fn other_script_cases(entities: &[Entity], split: Split) -> Vec<EvalCase> {
    let latin = without_original_script(entities);
    let has_latin = |id: &str| latin.iter().any(|e| e.id == id);
    let mut cases = Vec::new();
    for e in entities {
        if e.kind != EntityKind::Person || split_of(&e.id) != split || !has_latin(&e.id) {
            continue;
        }
        let mut seen: Vec<&str> = Vec::new();
        for n in &e.names {
            let Some(script) = script_of_name(&n.name) else {
                continue;
            };
            if seen.contains(&n.name.as_str()) {
                continue;
            }
            seen.push(&n.name);
            cases.push(EvalCase {
                id: format!("{}#{}", e.id, seen.len()),
                category: script.to_string(),
                query: Query {
                    name: n.name.clone(),
                    kind: Some(EntityKind::Person),
                    ..Query::default()
                },
                expected: vec![e.id.clone()],
            });
        }
    }
    cases
}

/// Per list with cases, then `…/all`: the set's reports of one half.
pub fn other_script_reports(
    entities: &[Entity],
    split: Split,
    threshold: f64,
    worst: usize,
) -> Vec<EvalReport> {
    let half = split.name();
    let mut reports: Vec<EvalReport> = Vec::new();
    for (list, of_list) in super::by_list(entities) {
        let cases = other_script_cases(&of_list, split);
        if cases.is_empty() {
            continue;
        }
        let index = Index::build(without_original_script(&of_list));
        let name = format!("{SET_PREFIX}{half}/{list}");
        reports.push(evaluate(&name, &index, &cases, threshold, worst));
    }
    if reports.len() > 1 {
        let parts: Vec<&EvalReport> = reports.iter().collect();
        let all = combine(&format!("{SET_PREFIX}{half}/all"), &parts, worst);
        reports.push(all);
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{Name, NameType, Provenance};

    fn person(id: &str, names: &[&str]) -> Entity {
        let prov = Provenance {
            list: "t".into(),
            file: String::new(),
            line: None,
        };
        let mut e = Entity::new("t", id, EntityKind::Person, names[0], prov);
        for n in &names[1..] {
            e.names.push(Name::new(*n, NameType::Aka));
        }
        e
    }

    #[test]
    fn scripts_of_names() {
        assert_eq!(script_of_name("ジョージ・ブッシュ"), Some("japanese"));
        assert_eq!(
            script_of_name("安倍 晋三"),
            None,
            "kanji alone may be Chinese"
        );
        assert_eq!(script_of_name("安倍 しんぞう"), Some("japanese"));
        assert_eq!(script_of_name("Γεώργιος Παπαδόπουλος"), Some("greek"));
        assert_eq!(script_of_name("Александр Петров"), Some("cyrillic"));
        assert_eq!(script_of_name("ג'ורג' בוש"), Some("hebrew"));
        assert_eq!(script_of_name("Александр Petrov"), None);
        assert_eq!(script_of_name("عبد الله"), None);
    }

    #[test]
    fn cases_are_the_other_script_names_of_persons_with_a_latin_name() {
        let es = [
            person("a", &["George Bush", "ジョージ・ブッシュ", "ג'ורג' בוש"]),
            person("b", &["ジョージ"]),
            person("c", &["Sasha Petrov", "Саша Петров"]),
            person("d", &["Ivan Ivanov", "Иван Иванов"]),
        ];
        let both: Vec<EvalCase> = [Split::Tune, Split::Holdout]
            .into_iter()
            .flat_map(|s| other_script_cases(&es, s))
            .collect();
        let queries: Vec<&str> = both.iter().map(|c| c.query.name.as_str()).collect();
        assert_eq!(both.len(), 4, "{queries:?}");
        assert!(!queries.contains(&"ジョージ"), "b has no Latin name");
        assert!(both
            .iter()
            .all(|c| c.expected.len() == 1 && c.id.starts_with(&c.expected[0])));
    }
}
