//! Two evaluation sets for names written in Chinese, Korean and Japanese,
//! generated deterministically from the family-name and given-name
//! frequency data in `data/cjk_names.tsv` (ranked lists, weights 1/rank):
//!
//! - **CJK negatives** ([`cjk_negative_cases`]): realistic full names in
//!   their own script (Han, Hangul, kanji and kana) that are on no list:
//!   every name one of whose readings is the same name as a listed one (same
//!   words) is left out. Many share a family name and a given-name syllable
//!   with a listed name, which is the point: each alert is a false one.
//! - **Hangul/Han near misses** ([`near_miss_set`]): a "listed" name and
//!   another that differs from it in one syllable or character: one whose
//!   romanisation is the same (정/종, homophones 建/剑) or any other one.
//!   Each near miss scored as a match is a false alert. Controls of the
//!   same names (spaced differently, or romanised) must still match.
//!
//! Each case falls in the tune or the holdout half by its id
//! ([`super::split_of`]). These sets measure; no rule may exist to pass a row.

use super::{split_of, EvalCase, Split};
use crate::rng::Rng;
use cordon_engine::normalize::{hangul::romanise_hangul, name_forms, native::native_script};
use cordon_engine::{Entity, EntityKind, Provenance, Query};
use std::collections::HashSet;

const NAMES: &str = include_str!("../../data/cjk_names.tsv");

/// A line of `cjk_names.tsv` that is not `SET<TAB>items`, or a set missing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamesError {
    #[error("cjk_names.tsv: line {line} is not SET<TAB>ITEMS: {text:?}")]
    Line { line: usize, text: String },
    #[error("cjk_names.tsv: set {0} is missing or empty")]
    Missing(&'static str),
}

/// The frequency data: each set's items, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CjkNames {
    pub zh_family: Vec<String>,
    pub zh_given: Vec<String>,
    pub ko_family: Vec<String>,
    pub ko_given: Vec<String>,
    pub ja_family: Vec<String>,
    pub ja_given: Vec<String>,
}

/// Parses the frequency data (duplicates keep their first rank).
pub fn parse_names(text: &str) -> Result<CjkNames, NamesError> {
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((set, items)) = line.split_once('\t') else {
            return Err(NamesError::Line {
                line: i + 1,
                text: line.to_string(),
            });
        };
        let mut v: Vec<String> = Vec::new();
        for it in items.split_whitespace() {
            if !v.iter().any(|x| x == it) {
                v.push(it.to_string());
            }
        }
        sets.push((set.to_string(), v));
    }
    let take = |name: &'static str| -> Result<Vec<String>, NamesError> {
        sets.iter()
            .find(|(s, v)| s == name && !v.is_empty())
            .map(|(_, v)| v.clone())
            .ok_or(NamesError::Missing(name))
    };
    Ok(CjkNames {
        zh_family: take("zh_family")?,
        zh_given: take("zh_given")?,
        ko_family: take("ko_family")?,
        ko_given: take("ko_given")?,
        ja_family: take("ja_family")?,
        ja_given: take("ja_given")?,
    })
}

/// The embedded frequency data.
pub fn names() -> Result<CjkNames, NamesError> {
    parse_names(NAMES)
}

/// An item drawn with weight 1/rank.
fn zipf<'a>(rng: &mut Rng, items: &'a [String]) -> &'a str {
    let total: f64 = (1..=items.len()).map(|r| 1.0 / r as f64).sum();
    let mut x = rng.next_u64() as f64 / u64::MAX as f64 * total;
    for (r, it) in items.iter().enumerate() {
        x -= 1.0 / (r + 1) as f64;
        if x <= 0.0 {
            return it;
        }
    }
    &items[items.len() - 1]
}

/// A family name and a given name of one or two syllables (two in
/// `two_in_ten` of ten), written together or, one time in five, apart.
fn chinese_or_korean(
    rng: &mut Rng,
    family: &[String],
    given: &[String],
    two_in_ten: usize,
) -> String {
    let family = zipf(rng, family);
    let mut g = zipf(rng, given).to_string();
    if rng.below(10) < two_in_ten {
        g.push_str(zipf(rng, given));
    }
    let sep = if rng.below(5) == 0 { " " } else { "" };
    format!("{family}{sep}{g}")
}

/// One generated name in its own script and its language.
fn generate(rng: &mut Rng, n: &CjkNames, lang: usize) -> (String, &'static str) {
    match lang {
        0 => (
            chinese_or_korean(rng, &n.zh_family, &n.zh_given, 7),
            "chinese",
        ),
        1 => (
            chinese_or_korean(rng, &n.ko_family, &n.ko_given, 9),
            "korean",
        ),
        _ => {
            let family = zipf(rng, &n.ja_family);
            let given = zipf(rng, &n.ja_given);
            let sep = if rng.below(2) == 0 { " " } else { "" };
            (format!("{family}{sep}{given}"), "japanese")
        }
    }
}

/// The romanised readings of a name as sorted word lists: two names are the
/// same name when one of these is equal.
fn romanised_keys(name: &str) -> Vec<Vec<String>> {
    name_forms(name)
        .iter()
        .filter(|f| native_script(f).is_none())
        .map(|f| {
            let mut v: Vec<String> = f.tokens.iter().map(|t| t.text.clone()).collect();
            v.sort();
            v
        })
        .collect()
}

/// A case screening `name` as a person.
fn person_case(id: String, category: &str, name: String, expected: Vec<String>) -> EvalCase {
    EvalCase {
        id,
        category: category.to_string(),
        query: Query {
            name,
            kind: Some(EntityKind::Person),
            ..Query::default()
        },
        expected,
    }
}

/// The CJK negatives of one half, and how they were drawn.
#[derive(Debug, Default)]
pub struct CjkNegatives {
    pub cases: Vec<EvalCase>,
    /// Names left out because one of their readings is a listed name.
    pub listed: usize,
    /// Cases (of both halves) with a reading sharing two words with a
    /// listed name (family name and a given-name syllable, typically).
    pub sharing: usize,
    /// Cases of both halves.
    pub total: usize,
}

/// `per_language` distinct names per language (Chinese, Korean,
/// Japanese) that are on none of `entities`' names, in half `split`.
pub fn cjk_negative_cases(
    entities: &[Entity],
    names: &CjkNames,
    per_language: usize,
    split: Split,
) -> CjkNegatives {
    let mut listed: HashSet<Vec<String>> = HashSet::new();
    let mut pairs: HashSet<(String, String)> = HashSet::new();
    for e in entities {
        for n in &e.names {
            for key in romanised_keys(&n.name) {
                for a in &key {
                    for b in &key {
                        if a < b {
                            pairs.insert((a.clone(), b.clone()));
                        }
                    }
                }
                listed.insert(key);
            }
        }
    }
    let mut out = CjkNegatives::default();
    let mut seen: HashSet<String> = HashSet::new();
    for lang in 0..3 {
        let mut rng = Rng::for_item(0xC1C_2026, lang as u64);
        let mut made = 0;
        let mut tries = 0;
        while made < per_language && tries < per_language * 50 {
            tries += 1;
            let (name, language) = generate(&mut rng, names, lang);
            let compact: String = name.split_whitespace().collect();
            if !seen.insert(compact) {
                continue;
            }
            let keys = romanised_keys(&name);
            if keys.iter().any(|k| listed.contains(k)) {
                out.listed += 1;
                continue;
            }
            made += 1;
            out.total += 1;
            let shares = keys.iter().any(|k| {
                k.iter().any(|a| {
                    k.iter()
                        .any(|b| a < b && pairs.contains(&(a.clone(), b.clone())))
                })
            });
            out.sharing += usize::from(shares);
            let id = format!("cjk-neg-{language}-{made}");
            if split_of(&id) != split {
                continue;
            }
            out.cases.push(person_case(id, language, name, Vec::new()));
        }
    }
    out
}

/// The near-miss set of one half: the listed names to index, and the
/// queries (near misses, negatives; controls, positives).
#[derive(Debug, Default)]
pub struct NearMisses {
    pub listed: Vec<Entity>,
    pub cases: Vec<EvalCase>,
}

/// Swaps the vowels romanisation conflates (ㅓ/ㅗ, ㅕ/ㅛ, ㅡ/ㅜ: 정/종,
/// 현/횬, 은/운) in a Hangul syllable; `None` for other vowels.
fn conflated_vowel(c: char) -> Option<char> {
    let s = (c as u32).checked_sub(0xAC00)?;
    if s >= 11172 {
        return None;
    }
    let (l, v, t) = (s / 588, (s % 588) / 28, s % 28);
    let v2 = match v {
        4 => 8,
        8 => 4,
        6 => 12,
        12 => 6,
        18 => 13,
        13 => 18,
        _ => return None,
    };
    char::from_u32(0xAC00 + (l * 21 + v2) * 28 + t)
}

/// The pinyin syllable of a Han character (its first reading).
fn pinyin_of(c: char) -> String {
    cordon_engine::normalize::han::romanise_han(&c.to_string())
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// `pairs` listed Korean and Chinese names (half each), each with a near
/// miss and a control, in half `split`.
pub fn near_miss_set(names: &CjkNames, pairs: usize, split: Split) -> NearMisses {
    let prov = Provenance {
        list: "cjk-near-miss".into(),
        file: String::new(),
        line: None,
    };
    let mut out = NearMisses::default();
    let mut listed: HashSet<String> = HashSet::new();
    let mut made: Vec<(String, String, bool)> = Vec::new();
    let mut rng = Rng::new(0x4EA2_2026);
    let mut tries = 0;
    while made.len() < pairs && tries < pairs * 50 {
        tries += 1;
        let korean = made.len().is_multiple_of(2);
        let (family, given_set) = if korean {
            (zipf(&mut rng, &names.ko_family), &names.ko_given)
        } else {
            (zipf(&mut rng, &names.zh_family), &names.zh_given)
        };
        let given: Vec<char> = (0..2)
            .map(|_| zipf(&mut rng, given_set).chars().next().unwrap_or('一'))
            .collect();
        let name: String = std::iter::once(family.to_string())
            .chain(given.iter().map(char::to_string))
            .collect();
        if !listed.insert(name.clone()) {
            continue;
        }
        made.push((name, family.to_string(), korean));
    }
    let all: HashSet<&str> = made.iter().map(|m| m.0.as_str()).collect();
    let zh_chars: Vec<char> = names
        .zh_given
        .iter()
        .filter_map(|g| g.chars().next())
        .collect();
    for (i, (name, family, korean)) in made.iter().enumerate() {
        let id = format!("cjk-nm-{i}");
        if split_of(&id) != split {
            continue;
        }
        out.listed.push(Entity::new(
            "cjk-nm",
            &i.to_string(),
            EntityKind::Person,
            name,
            prov.clone(),
        ));
        let entity = format!("cjk-nm:{i}");
        let given: Vec<char> = name[family.len()..].chars().collect();
        let mut r = Rng::for_item(0x4EA2_2027, i as u64);
        let pos = r.below(given.len());
        let alike = r.below(2) == 0;
        // The near miss: one given-name syllable or character changed.
        let (changed, category) = if *korean {
            match conflated_vowel(given[pos]).filter(|_| alike) {
                Some(c) => (c, "hangul_romanised_alike"),
                None => (
                    zipf(&mut r, &names.ko_given).chars().next().unwrap_or('가'),
                    "hangul_other_syllable",
                ),
            }
        } else {
            let p = pinyin_of(given[pos]);
            let homophones: Vec<char> = zh_chars
                .iter()
                .copied()
                .filter(|&c| c != given[pos] && pinyin_of(c) == p)
                .collect();
            if alike && !homophones.is_empty() {
                (homophones[r.below(homophones.len())], "han_homophone")
            } else {
                (zh_chars[r.below(zh_chars.len())], "han_other_character")
            }
        };
        let mut g2 = given.clone();
        g2[pos] = changed;
        let miss: String = std::iter::once(family.clone())
            .chain(g2.iter().map(char::to_string))
            .collect();
        if changed != given[pos] && !all.contains(miss.as_str()) {
            out.cases.push(person_case(
                format!("{id}-miss"),
                category,
                miss,
                Vec::new(),
            ));
        }
        // The control: the same name spaced, or (Korean) romanised.
        let given_text: String = given.iter().collect();
        let (control, category) = if *korean && r.below(2) == 0 {
            let latin = romanise_hangul(name).into_iter().next().unwrap_or_default();
            (latin.to_uppercase(), "control_romanised")
        } else {
            (format!("{family} {given_text}"), "control_spaced")
        };
        out.cases.push(person_case(
            format!("{id}-control"),
            category,
            control,
            vec![entity],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_names_parse() {
        let n = names().unwrap();
        assert_eq!(n.zh_family[0], "王");
        assert_eq!(n.ko_family[0], "김");
        assert_eq!(n.ja_family[0], "佐藤");
        assert!(n.ko_given.len() > 50);
    }

    #[test]
    fn malformed_names_are_errors() {
        assert_eq!(
            parse_names("zh_family 王\n"),
            Err(NamesError::Line {
                line: 1,
                text: "zh_family 王".into()
            })
        );
        assert_eq!(
            parse_names("zh_family\t王\n"),
            Err(NamesError::Missing("zh_given"))
        );
    }

    #[test]
    fn negatives_are_deterministic_unlisted_and_split() {
        let n = names().unwrap();
        let prov = Provenance {
            list: "t".into(),
            file: String::new(),
            line: None,
        };
        let listed = vec![Entity::new("t", "1", EntityKind::Person, "WANG Wei", prov)];
        let a = cjk_negative_cases(&listed, &n, 200, Split::Tune);
        let b = cjk_negative_cases(&listed, &n, 200, Split::Holdout);
        let again = cjk_negative_cases(&listed, &n, 200, Split::Tune);
        assert_eq!(a.cases, again.cases);
        assert_eq!(a.cases.len() + b.cases.len(), 600);
        assert!(a.listed > 0, "王伟 reads as the listed WANG Wei");
        for c in a.cases.iter().chain(&b.cases) {
            assert!(romanised_keys(&c.query.name)
                .iter()
                .all(|k| k != &["wang".to_string(), "wei".to_string()]));
        }
        for lang in ["chinese", "korean", "japanese"] {
            assert!(a.cases.iter().any(|c| c.category == lang));
        }
    }

    #[test]
    fn near_misses_differ_in_one_syllable() {
        let n = names().unwrap();
        let s = near_miss_set(&n, 200, Split::Holdout);
        assert!(!s.listed.is_empty());
        let misses: Vec<&EvalCase> = s.cases.iter().filter(|c| c.expected.is_empty()).collect();
        assert!(misses.len() > 50);
        for cat in [
            "hangul_romanised_alike",
            "hangul_other_syllable",
            "han_homophone",
            "han_other_character",
        ] {
            assert!(misses.iter().any(|c| c.category == cat), "{cat}");
        }
        assert_eq!(conflated_vowel('정'), Some('종'));
        assert_eq!(conflated_vowel('종'), Some('정'));
        assert_eq!(conflated_vowel('가'), None);
    }
}
