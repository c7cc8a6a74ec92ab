//! Name-knowledge sets derived from the lists, each with the tune/holdout
//! split of [`super::split_of`]:
//!
//! - **joined names**: a listed person's given and family name written as
//!   one word ("PETROV, Ivan" → `IvanPetrov`, or `IVANPETROV` glued with no
//!   case to split on), an organisation's first two words run together
//!   (`ToyotaTsusho Corporation`);
//! - **nicknames**: a listed person's given name replaced by a nickname or
//!   hypocorism from the engine's nickname data (`Bill` for William) that
//!   is not a spelling of it (those are the alias sets' business);
//! - **number words**: a number in a listed non-person's name written in
//!   English words (`15` → `Fifteen`, `13th` → `Thirteenth`), and an
//!   English number word written in digits (`Second` → `2`).
//!
//! Each query is screened against an index of its own list (all names);
//! the right answers are the entities with a name holding every word the
//! query was made from (a list does not tell "Kim Chol" apart by name).
//! The writer of English number words here is independent of the
//! engine's number table.

use super::{combine, evaluate, name_key, split_of, EvalCase, EvalReport, Split, PARTICLES};
use cordon_engine::normalize::{fold, nicknames};
use cordon_engine::{Entity, EntityKind, Index, Query};
use std::collections::{HashMap, HashSet};

/// The report names' prefixes, before the half (`joined-names-holdout/…`).
pub const SET_PREFIXES: [&str; 3] = ["joined-names-", "nicknames-", "number-words-"];

/// The three derived sets of one half.
#[derive(Debug, Default)]
pub struct NameKnowledge {
    pub joined: Vec<EvalCase>,
    pub nicknames: Vec<EvalCase>,
    pub numbers: Vec<EvalCase>,
}

/// The shortest word the sets take (shorter ones are initials and
/// particles).
const MIN_WORD: usize = 3;

/// Every entity with a name holding all of `words` (folded).
struct WordIndex {
    names: Vec<(usize, HashSet<String>)>,
    by_word: HashMap<String, Vec<usize>>,
}

impl WordIndex {
    fn new(entities: &[Entity]) -> WordIndex {
        let mut names = Vec::new();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (ei, e) in entities.iter().enumerate() {
            for n in &e.names {
                let words: HashSet<String> = name_key(&n.name).into_iter().collect();
                let ni = names.len();
                for w in &words {
                    by_word.entry(w.clone()).or_default().push(ni);
                }
                names.push((ei, words));
            }
        }
        WordIndex { names, by_word }
    }

    fn holding(&self, entities: &[Entity], words: &[String]) -> Vec<String> {
        let Some(first) = words.first().and_then(|w| self.by_word.get(w)) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = first
            .iter()
            .filter(|&&ni| words.iter().all(|w| self.names[ni].1.contains(w)))
            .map(|&ni| entities[self.names[ni].0].id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

/// A word the sets may use: ASCII letters only, at least [`MIN_WORD`],
/// not a particle.
fn plain(w: &str) -> bool {
    w.len() >= MIN_WORD
        && w.bytes().all(|b| b.is_ascii_alphabetic())
        && !PARTICLES.contains(&w.to_ascii_lowercase().as_str())
}

/// `w` with its first letter upper-case and the rest lower-case.
fn capital(w: &str) -> String {
    let lower = w.to_ascii_lowercase();
    let mut c = lower.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// `new` written in the case of `like` (all upper, or capitalised).
fn in_case_of(new: &str, like: &str) -> String {
    if like.bytes().any(|b| b.is_ascii_lowercase()) {
        capital(new)
    } else {
        new.to_ascii_uppercase()
    }
}

/// A person's given and family name: `FAMILY, Given ...` or `Given ...
/// Family`.
fn given_family(name: &str) -> Option<(&str, &str)> {
    let (given, family) = match name.split_once(',') {
        Some((fam, giv)) => (
            giv.split_whitespace().next()?,
            fam.split_whitespace().last()?,
        ),
        None => {
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.len() < 2 {
                return None;
            }
            (words[0], words[words.len() - 1])
        }
    };
    (plain(given) && plain(family) && !given.eq_ignore_ascii_case(family))
        .then_some((given, family))
}

/// `name` with the first whole word equal to `old` replaced by `new`.
fn replace_word(name: &str, old: &str, new: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len() + new.len());
    let mut done = false;
    for piece in name.split_inclusive([' ', ',']) {
        let word = piece.trim_end_matches([' ', ',']);
        if !done && word == old {
            out.push_str(new);
            out.push_str(&piece[word.len()..]);
            done = true;
        } else {
            out.push_str(piece);
        }
    }
    done.then_some(out)
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// `n` (0–100) in English words: `21` → `twenty-one`.
fn english(n: u32) -> Option<String> {
    match n {
        0..=19 => Some(ONES[n as usize].to_string()),
        20..=99 if n.is_multiple_of(10) => Some(TENS[(n / 10) as usize].to_string()),
        20..=99 => Some(format!(
            "{}-{}",
            TENS[(n / 10) as usize],
            ONES[(n % 10) as usize]
        )),
        100 => Some("one hundred".to_string()),
        _ => None,
    }
}

/// `n` (1–100) as an English ordinal: `13` → `thirteenth`.
fn english_ordinal(n: u32) -> Option<String> {
    let words = english(n)?;
    let (head, last) = match words.rsplit_once(['-', ' ']) {
        Some((h, l)) => (&words[..h.len() + 1], l),
        None => ("", words.as_str()),
    };
    let last = match last {
        "one" => "first".to_string(),
        "two" => "second".to_string(),
        "three" => "third".to_string(),
        "five" => "fifth".to_string(),
        "eight" => "eighth".to_string(),
        "nine" => "ninth".to_string(),
        "twelve" => "twelfth".to_string(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    Some(format!("{head}{last}"))
}

/// A number in a name word, and whether it is a digit ordinal (`13th`).
fn number_in(word: &str) -> Option<(u32, bool)> {
    let lower = word.to_ascii_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &lower[digits.len()..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 3 {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    match suffix {
        "" => Some((n, false)),
        "st" | "nd" | "rd" | "th" => Some((n, true)),
        _ => None,
    }
}

/// The value of an English number word of one word (`second`, `fifteen`).
fn english_value(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    (1..=100)
        .find(|&n| english(n).as_deref() == Some(&w) || english_ordinal(n).as_deref() == Some(&w))
}

/// The name-knowledge sets of `entities` (one list) in `split`.
pub fn name_knowledge_cases(entities: &[Entity], split: Split) -> NameKnowledge {
    let words = WordIndex::new(entities);
    let mut out = NameKnowledge::default();
    for e in entities {
        if split_of(&e.id) != split || e.ownership.is_some() {
            continue;
        }
        let Some(primary) = e.names.first() else {
            continue;
        };
        let name = primary.name.as_str();
        if primary.script.is_some() || !name.is_ascii() {
            continue;
        }
        let list = e.list.as_str();
        let case = |set: &str, kind: &str, query: String, from: &[String], n: usize| EvalCase {
            id: format!("{}#{set}{n}", e.id),
            category: format!("{list}/{kind}"),
            query: Query {
                name: query,
                kind: Some(e.kind),
                ..Query::default()
            },
            expected: words.holding(entities, from),
        };
        if e.kind == EntityKind::Person {
            let Some((given, family)) = given_family(name) else {
                continue;
            };
            let from = vec![fold(given), fold(family)];
            // Half camelCase, half glued in capitals (no case to split on).
            let (kind, joined) = if crate::rng::fnv1a(e.id.as_bytes()) % 4 < 2 {
                ("camel", format!("{}{}", capital(given), capital(family)))
            } else {
                ("glued", format!("{given}{family}").to_ascii_uppercase())
            };
            out.joined
                .push(case("joined", kind, joined, &from, out.joined.len()));
            let g = fold(given);
            let mut nicks: Vec<&str> = nicknames::related(&g)
                .filter(|n| plain(n) && !super::alike(n, &g))
                .collect();
            nicks.sort_unstable();
            nicks.dedup();
            if !nicks.is_empty() {
                let pick =
                    nicks[(crate::rng::fnv1a(e.id.as_bytes()) % nicks.len() as u64) as usize];
                if let Some(q) = replace_word(name, given, &in_case_of(pick, given)) {
                    let from = name_key(name);
                    out.nicknames
                        .push(case("nickname", "person", q, &from, out.nicknames.len()));
                }
            }
            continue;
        }
        let ws: Vec<&str> = name.split_whitespace().collect();
        if ws.len() >= 2 && plain(ws[0]) && plain(ws[1]) {
            let key = name_key(name);
            // Only words the name is made of, not legal forms alone.
            if key.len() >= 2 {
                let q = format!("{}{} {}", capital(ws[0]), capital(ws[1]), ws[2..].join(" "));
                let from = vec![fold(ws[0]), fold(ws[1])];
                out.joined.push(case(
                    "joined",
                    e.kind.as_str(),
                    q.trim_end().to_string(),
                    &from,
                    out.joined.len(),
                ));
            }
        }
        for w in &ws {
            let word = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            let replaced = if let Some((n, ordinal)) = number_in(word) {
                let spelt = if ordinal {
                    english_ordinal(n)
                } else {
                    english(n)
                };
                spelt.map(|s| {
                    (
                        if ordinal {
                            "ordinal-as-words"
                        } else {
                            "digits-as-words"
                        },
                        in_case_of(&s, word),
                    )
                })
            } else {
                english_value(word).map(|n| ("words-as-digits", n.to_string()))
            };
            let Some((kind, new)) = replaced else {
                continue;
            };
            if let Some(q) = replace_word(name, word, &new) {
                let from = name_key(name);
                out.numbers
                    .push(case("number", kind, q, &from, out.numbers.len()));
                break;
            }
        }
    }
    // A word the engine reads as two ("McCarthy" → mc carthy) names no
    // entity by the folded words: such a case has no right answer to
    // measure and is left out rather than counted as a negative.
    for set in [&mut out.joined, &mut out.nicknames, &mut out.numbers] {
        set.retain(|c| !c.expected.is_empty());
    }
    out
}

/// Screens the three sets of `split` per list (each against an index of
/// its own list) and adds one report per set over every list
/// (`joined-names-holdout/all`, ...).
pub fn name_knowledge_reports(
    entities: &[Entity],
    split: Split,
    threshold: f64,
    worst: usize,
) -> Vec<EvalReport> {
    let half = split.name();
    let mut reports: Vec<EvalReport> = Vec::new();
    for (list, of_list) in super::by_list(entities) {
        let sets = name_knowledge_cases(&of_list, split);
        if sets.joined.is_empty() && sets.nicknames.is_empty() && sets.numbers.is_empty() {
            continue;
        }
        let index = Index::build(of_list);
        for (set, cases) in SET_PREFIXES
            .iter()
            .zip([&sets.joined, &sets.nicknames, &sets.numbers])
        {
            if !cases.is_empty() {
                let name = format!("{set}{half}/{list}");
                reports.push(evaluate(&name, &index, cases, threshold, worst));
            }
        }
    }
    let mut all = Vec::new();
    for set in SET_PREFIXES {
        let prefix = format!("{set}{half}/");
        let parts: Vec<&EvalReport> = reports
            .iter()
            .filter(|r| r.set.starts_with(&prefix))
            .collect();
        if !parts.is_empty() {
            all.push(combine(&format!("{prefix}all"), &parts, worst));
        }
    }
    reports.extend(all);
    reports
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{Name, NameType, Provenance};

    fn entity(id: &str, kind: EntityKind, names: &[&str]) -> Entity {
        let prov = Provenance {
            list: "t".into(),
            file: String::new(),
            line: None,
        };
        let mut e = Entity::new("t", id, kind, names[0], prov);
        for n in &names[1..] {
            e.names.push(Name::new(*n, NameType::Aka));
        }
        e
    }

    #[test]
    fn english_numbers() {
        assert_eq!(english(15).as_deref(), Some("fifteen"));
        assert_eq!(english(21).as_deref(), Some("twenty-one"));
        assert_eq!(english_ordinal(13).as_deref(), Some("thirteenth"));
        assert_eq!(english_ordinal(2).as_deref(), Some("second"));
        assert_eq!(english_ordinal(20).as_deref(), Some("twentieth"));
        assert_eq!(english_ordinal(42).as_deref(), Some("forty-second"));
        assert_eq!(english_value("Second"), Some(2));
        assert_eq!(english_value("acme"), None);
        assert_eq!(number_in("13th"), Some((13, true)));
        assert_eq!(number_in("15"), Some((15, false)));
        assert_eq!(number_in("3M"), None);
    }

    #[test]
    fn sets_are_derived_from_names() {
        let es = vec![
            entity("1", EntityKind::Person, &["PETROV, Ivan Sergeyevich"]),
            entity("2", EntityKind::Person, &["William Henry CARTER"]),
            entity("3", EntityKind::Organization, &["13TH RESEARCH INSTITUTE"]),
            entity(
                "4",
                EntityKind::Organization,
                &["SECOND ECONOMIC COMMITTEE"],
            ),
            entity(
                "5",
                EntityKind::Organization,
                &["TOYOTA TSUSHO CORPORATION"],
            ),
            entity("6", EntityKind::Person, &["Ivan PETROV"]),
        ];
        let mut all = NameKnowledge::default();
        for split in [Split::Tune, Split::Holdout] {
            let s = name_knowledge_cases(&es, split);
            all.joined.extend(s.joined);
            all.nicknames.extend(s.nicknames);
            all.numbers.extend(s.numbers);
        }
        let q: Vec<&str> = all.joined.iter().map(|c| c.query.name.as_str()).collect();
        assert!(
            q.iter().any(|q| q.eq_ignore_ascii_case("ivanpetrov")),
            "{q:?}"
        );
        assert!(q.contains(&"ToyotaTsusho CORPORATION"), "{q:?}");
        let petrov = all
            .joined
            .iter()
            .find(|c| c.id.starts_with("t:1#"))
            .expect("a joined query for Ivan Petrov");
        assert_eq!(petrov.expected, vec!["t:1".to_string(), "t:6".to_string()]);
        let carter = all
            .nicknames
            .iter()
            .find(|c| c.id.starts_with("t:2#"))
            .expect("a nickname query for William Henry Carter");
        let q = &carter.query.name;
        assert!(
            q.ends_with(" Henry CARTER") && !q.starts_with("William"),
            "{q}"
        );
        assert_eq!(carter.expected, vec!["t:2".to_string()]);
        let num: Vec<&str> = all.numbers.iter().map(|c| c.query.name.as_str()).collect();
        assert!(num.contains(&"THIRTEENTH RESEARCH INSTITUTE"), "{num:?}");
        assert!(num.contains(&"2 ECONOMIC COMMITTEE"), "{num:?}");
    }
}
