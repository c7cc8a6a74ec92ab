//! Benchmark queries: the fixed query set derived from a loaded list, the
//! query transformations shared with the synthetic query generator, and the
//! measurement helpers (percentiles, resident set size).

use crate::names;
use crate::rng::{fnv1a, Rng};
use crate::translit::{latin_to_arabic, latin_to_cyrillic, strip_diacritics, title_case};
use cordon_engine::{Entity, EntityKind};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What a benchmark query tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A listed name exactly as the list writes it.
    Exact,
    /// A listed name with one deterministic edit in its longest token.
    Typo,
    /// A listed name with its tokens in another order.
    Reordered,
    /// A listed Latin name written in another script (Cyrillic, Arabic, ...).
    CrossScript,
    /// An invented name that is on no list.
    NonMatch,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Exact,
        Category::Typo,
        Category::Reordered,
        Category::CrossScript,
        Category::NonMatch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Exact => "exact",
            Category::Typo => "typo",
            Category::Reordered => "reordered",
            Category::CrossScript => "cross_script",
            Category::NonMatch => "non_match",
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One benchmark query: a name (and optionally a kind) to screen, and the
/// entity it should find (`None` for non-matches).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchQuery {
    pub category: Category,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EntityKind>,
    /// Id of the entity the query is derived from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
}

/// Queries per category in [`fixed_query_set`].
pub const FIXED_PER_CATEGORY: usize = 400;

/// The fixed benchmark query set derived from a loaded list (meant for the
/// 2024-05-03 OFAC SDN file): [`FIXED_PER_CATEGORY`] queries in each
/// [`Category`], 2,000 in all when the list is large enough.
///
/// Deterministic: entities are chosen by a stable hash of their id (FNV-1a,
/// salted per category), so the set depends only on the ids and names the
/// loader produces, not on their order or on the platform.
///
/// * Exact: primary names.
/// * Typo: one edit in the longest token of the primary name ([`typo`]).
/// * Reordered: 3/4 persons (`SURNAME, Given` → `Given Surname`), 1/4
///   organisations (first word moved to the end) ([`reorder`]).
/// * CrossScript: up to 1/4 Arabic script (persons all of whose name words
///   are in the Arabic name table), the rest Cyrillic (persons with a Russian,
///   Ukrainian, Belarusian... context and a Slavic surname), via
///   [`crate::translit`].
/// * NonMatch: common Western given names and surnames combined (3/4) and
///   invented small businesses (1/4), none of which equals (as a set of
///   folded words) any name on the list.
///
/// Within each category every other query carries the entity's kind; the
/// others carry no kind, as many screening requests do.
pub fn fixed_query_set(entities: &[Entity]) -> Vec<BenchQuery> {
    let mut out = Vec::with_capacity(FIXED_PER_CATEGORY * 5);
    let n = FIXED_PER_CATEGORY;

    // Exact.
    let exact: Vec<BenchQuery> = ordered(entities, "exact")
        .filter(|e| !e.primary_name().trim().is_empty())
        .take(n)
        .map(|e| query(Category::Exact, e.primary_name().to_string(), e))
        .collect();
    out.extend(with_alternating_kind(exact));

    // Typo.
    let typos: Vec<BenchQuery> = ordered(entities, "typo")
        .filter_map(|e| typo(e.primary_name()).map(|t| query(Category::Typo, t, e)))
        .take(n)
        .collect();
    out.extend(with_alternating_kind(typos));

    // Reordered: persons and organisations.
    let persons = n * 3 / 4;
    let mut reordered: Vec<BenchQuery> = ordered(entities, "reorder")
        .filter(|e| e.kind == EntityKind::Person)
        .filter_map(|e| reorder(e.primary_name(), e.kind).map(|r| query(Category::Reordered, r, e)))
        .take(persons)
        .collect();
    let rest = n - reordered.len();
    reordered.extend(
        ordered(entities, "reorder")
            .filter(|e| e.kind != EntityKind::Person)
            .filter_map(|e| {
                reorder(e.primary_name(), e.kind).map(|r| query(Category::Reordered, r, e))
            })
            .take(rest),
    );
    out.extend(with_alternating_kind(reordered));

    // Cross-script: some Arabic, the rest Cyrillic.
    let mut cross: Vec<BenchQuery> = ordered(entities, "arabic")
        .filter(|e| e.kind == EntityKind::Person && e.primary_name().is_ascii())
        .filter_map(|e| {
            latin_to_arabic(&natural_order(e.primary_name()), false)
                .map(|a| query(Category::CrossScript, a, e))
        })
        .take(n / 4)
        .collect();
    let rest = n - cross.len();
    cross.extend(
        ordered(entities, "cyrillic")
            .filter(|e| is_slavic_person(e))
            .map(|e| {
                query(
                    Category::CrossScript,
                    latin_to_cyrillic(&natural_order(e.primary_name())),
                    e,
                )
            })
            .take(rest),
    );
    out.extend(with_alternating_kind(cross));

    // Non-matches.
    let listed: HashSet<String> = entities
        .iter()
        .flat_map(|e| e.names.iter().map(|n| word_set_key(&n.name)))
        .collect();
    let mut rng = Rng::new(0x5EED_2024_0503);
    let mut non = Vec::with_capacity(n);
    let mut seen = HashSet::new();
    let mut tries = 0;
    while non.len() < n && tries < n * 100 {
        tries += 1;
        let q = if non.len() < n * 3 / 4 {
            western_person(&mut rng)
        } else {
            nonmatch_org(&mut rng)
        };
        let key = word_set_key(&q.name);
        if listed.contains(&key) || !seen.insert(key) {
            continue;
        }
        non.push(q);
    }
    out.extend(with_alternating_kind(non));
    out
}

fn query(category: Category, name: String, e: &Entity) -> BenchQuery {
    BenchQuery {
        category,
        name,
        kind: Some(e.kind),
        expected: Some(e.id.clone()),
    }
}

fn with_alternating_kind(mut qs: Vec<BenchQuery>) -> Vec<BenchQuery> {
    for (i, q) in qs.iter_mut().enumerate() {
        if i % 2 == 1 {
            q.kind = None;
        }
    }
    qs
}

/// Entities in a stable pseudo-random order given by `salt`.
fn ordered<'a>(entities: &'a [Entity], salt: &str) -> impl Iterator<Item = &'a Entity> {
    let mut keyed: Vec<(u64, &Entity)> = entities
        .iter()
        .map(|e| {
            let mut b = Vec::with_capacity(salt.len() + e.id.len() + 1);
            b.extend_from_slice(salt.as_bytes());
            b.push(b'/');
            b.extend_from_slice(e.id.as_bytes());
            (fnv1a(&b), e)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    keyed.into_iter().map(|(_, e)| e)
}

/// Folded words of a name, sorted and joined: equal for two names made of
/// the same words in any order, case or accents.
pub(crate) fn word_set_key(name: &str) -> String {
    let folded = strip_diacritics(name).to_lowercase();
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

const SLAVIC_ENDINGS: &[&str] = &[
    "ov", "ev", "in", "ova", "eva", "ina", "sky", "skiy", "skii", "skaya", "enko", "uk", "yuk",
    "ich", "ko", "ikh", "ykh", "yn", "yna", "aya", "iy", "oy", "kin", "shin",
];

fn is_slavic_person(e: &Entity) -> bool {
    if e.kind != EntityKind::Person || !e.primary_name().is_ascii() {
        return false;
    }
    let ctx_country = e.countries.iter().any(|c| {
        matches!(
            c.code.as_deref(),
            Some("RU" | "UA" | "BY" | "KZ" | "KG" | "MD" | "GE" | "AM" | "AZ" | "UZ" | "TJ")
        ) || c.name.contains("Russia")
            || c.name.contains("Ukraine")
            || c.name.contains("Belarus")
    });
    let ctx_program = e.programs.iter().any(|p| {
        let p = p.to_ascii_uppercase();
        p.contains("RUSSIA")
            || p.contains("UKRAINE")
            || p.contains("BELARUS")
            || p.contains("CYBER")
    });
    if !(ctx_country || ctx_program) {
        return false;
    }
    let surname = e
        .primary_name()
        .split(',')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_ascii_lowercase();
    surname.len() >= 4 && SLAVIC_ENDINGS.iter().any(|s| surname.ends_with(s))
}

/// `"SHAGIVALEEV, Timur"` → `"Timur Shagivaleev"`: the list's
/// `SURNAME, Given` form in natural order, the upper-case surname in title
/// case. Names without a comma are returned unchanged.
pub fn natural_order(name: &str) -> String {
    match name.split_once(',') {
        Some((sur, given)) if !given.trim().is_empty() && !sur.trim().is_empty() => {
            let sur = sur.trim();
            let sur = if sur.chars().any(|c| c.is_lowercase()) {
                sur.to_string()
            } else {
                title_case(sur)
            };
            format!("{} {sur}", given.trim().replace(',', ""))
        }
        _ => name.to_string(),
    }
}

/// The name with its tokens reordered, as a user might type it: a person's
/// `SURNAME, Given` becomes `Given Surname`; a person without a comma has
/// its last word moved to the front; anything else has its first word moved
/// to the end. `None` for single-word names.
pub fn reorder(name: &str, kind: EntityKind) -> Option<String> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return None;
    }
    let out = if kind == EntityKind::Person {
        if name.contains(',') {
            natural_order(name)
        } else {
            let mut w = words.clone();
            w.rotate_right(1);
            w.join(" ")
        }
    } else {
        let mut w = words.clone();
        w.rotate_left(1);
        w.join(" ")
    };
    (out != name).then_some(out)
}

fn substitute(c: char) -> Option<char> {
    let lower = c.to_ascii_lowercase();
    let s = match lower {
        'a' => 'e',
        'e' => 'i',
        'i' => 'o',
        'o' => 'u',
        'u' => 'a',
        'y' => 'i',
        'b' => 'v',
        'c' => 'x',
        'd' => 's',
        'f' => 'g',
        'g' => 'h',
        'h' => 'j',
        'j' => 'k',
        'k' => 'l',
        'l' => 'k',
        'm' => 'n',
        'n' => 'm',
        'p' => 'b',
        'q' => 'w',
        'r' => 't',
        's' => 'd',
        't' => 'r',
        'v' => 'b',
        'w' => 'q',
        'x' => 'z',
        'z' => 'x',
        _ => return None,
    };
    Some(if c.is_ascii_uppercase() {
        s.to_ascii_uppercase()
    } else {
        s
    })
}

/// The name with one deterministic edit (substitution, deletion, doubled
/// letter or transposition, chosen by a hash of the name) inside its longest
/// word, never on the word's first letter. `None` when no word has at least
/// four letters.
pub fn typo(name: &str) -> Option<String> {
    // Longest alphabetic word (first on ties), as a char range in the name.
    let chars: Vec<char> = name.chars().collect();
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            if best.is_none_or(|(s, e)| i - start > e - s) {
                best = Some((start, i));
            }
        } else {
            i += 1;
        }
    }
    let (start, end) = best?;
    let len = end - start;
    if len < 4 {
        return None;
    }
    let h = fnv1a(name.as_bytes());
    let pos = start + 1 + ((h >> 8) % (len as u64 - 2)) as usize;
    let mut out = chars.clone();
    let op = h % 4;
    let substituted = substitute(chars[pos]);
    match op {
        0 if substituted.is_some() => out[pos] = substituted.unwrap(),
        2 => out.insert(pos, chars[pos]),
        3 if chars[pos] != chars[pos + 1] => out.swap(pos, pos + 1),
        _ => {
            out.remove(pos);
        }
    }
    let s: String = out.into_iter().collect();
    (s != name).then_some(s)
}

fn western_person(rng: &mut Rng) -> BenchQuery {
    let given_tables: [&[&str]; 3] = [names::EN_MALE, names::EN_FEMALE, names::NONLIST_GIVEN];
    let sur_tables: [&[&str]; 2] = [names::EN_SURNAMES, names::NONLIST_SURNAMES];
    let gt = given_tables[rng.below(3)];
    let given = rng.pick(gt);
    let st = sur_tables[rng.below(2)];
    let surname = rng.pick(st);
    let name = if rng.percent(20) {
        let mt = given_tables[rng.below(3)];
        let middle = rng.pick(mt);
        format!("{given} {middle} {surname}")
    } else {
        format!("{given} {surname}")
    };
    BenchQuery {
        category: Category::NonMatch,
        name,
        kind: Some(EntityKind::Person),
        expected: None,
    }
}

fn nonmatch_org(rng: &mut Rng) -> BenchQuery {
    let name = format!(
        "{} {} {}",
        rng.pick(names::NONLIST_ORG_BRANDS),
        rng.pick(names::NONLIST_ORG_INDUSTRY),
        rng.pick(names::NONLIST_LEGAL)
    );
    BenchQuery {
        category: Category::NonMatch,
        name,
        kind: Some(EntityKind::Organization),
        expected: None,
    }
}

/// A name on no list, from naming cultures the synthetic generator never
/// uses (3/4 persons, 1/4 small businesses).
pub fn nonmatch_query(rng: &mut Rng) -> BenchQuery {
    if rng.percent(75) {
        let given = rng.pick(names::NONLIST_GIVEN);
        let surname = rng.pick(names::NONLIST_SURNAMES);
        let name = if rng.percent(20) {
            format!("{given} {} {surname}", rng.pick(names::NONLIST_GIVEN))
        } else {
            format!("{given} {surname}")
        };
        BenchQuery {
            category: Category::NonMatch,
            name,
            kind: Some(EntityKind::Person),
            expected: None,
        }
    } else {
        nonmatch_org(rng)
    }
}

/// The value at percentile `p` (in percent, `0.0..=100.0`, e.g. `99.0`) of
/// ascending `sorted_ns`, by the nearest-rank method; 0 for an empty slice.
pub fn percentile(sorted_ns: &[u64], p: f64) -> u64 {
    if sorted_ns.is_empty() {
        return 0;
    }
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 100.0) };
    let rank = ((p / 100.0) * sorted_ns.len() as f64).ceil() as usize;
    sorted_ns[rank.clamp(1, sorted_ns.len()) - 1]
}

fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        let kb: u64 = rest.trim().trim_end_matches("kB").trim().parse().ok()?;
        Some(kb * 1024)
    })
}

/// Peak resident set size of this process in bytes (`VmHWM`), where
/// `/proc/self/status` exists (Linux).
pub fn peak_rss_bytes() -> Option<u64> {
    proc_status_kb("VmHWM")
}

/// Current resident set size of this process in bytes (`VmRSS`).
pub fn current_rss_bytes() -> Option<u64> {
    proc_status_kb("VmRSS")
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{Country, CountryRole, Provenance};

    fn entity(id: usize, kind: EntityKind, name: &str, country: Option<(&str, &str)>) -> Entity {
        let mut e = Entity::new(
            "test",
            &id.to_string(),
            kind,
            name,
            Provenance {
                list: "test".into(),
                file: "t".into(),
                line: None,
            },
        );
        if let Some((code, n)) = country {
            e.countries.push(Country {
                name: n.into(),
                code: Some(code.into()),
                role: CountryRole::Nationality,
            });
        }
        e
    }

    fn sample_list() -> Vec<Entity> {
        let mut v = Vec::new();
        let ru = [
            "SHAGIVALEEV, Timur",
            "IVANOV, Sergey Petrovich",
            "PETROVA, Yelena",
        ];
        let ar = [
            "AL-TAMIMI, Ahmad Ali",
            "HASSAN, Mohammed Khalid",
            "AL-MASRI, Omar",
        ];
        let orgs = [
            "BANCO NACIONAL DE CUBA",
            "ANGLO-CARIBBEAN CO., LTD.",
            "VEKTOR OOO",
        ];
        for i in 0..3000 {
            let e = match i % 4 {
                0 => entity(i, EntityKind::Person, ru[i % 3], Some(("RU", "Russia"))),
                1 => entity(i, EntityKind::Person, ar[i % 3], Some(("SY", "Syria"))),
                2 => entity(i, EntityKind::Organization, orgs[i % 3], None),
                _ => entity(i, EntityKind::Vessel, "OCEAN PRINCESS", None),
            };
            v.push(e);
        }
        v
    }

    #[test]
    fn fixed_set_is_balanced_and_deterministic() {
        let list = sample_list();
        let qs = fixed_query_set(&list);
        assert_eq!(qs.len(), 5 * FIXED_PER_CATEGORY);
        for cat in Category::ALL {
            assert_eq!(
                qs.iter().filter(|q| q.category == cat).count(),
                FIXED_PER_CATEGORY,
                "{cat}"
            );
        }
        // Same input in another order gives the same set.
        let mut rev = list.clone();
        rev.reverse();
        assert_eq!(qs, fixed_query_set(&rev));
        // Non-matches have no expected entity and are not list names.
        assert!(qs
            .iter()
            .filter(|q| q.category == Category::NonMatch)
            .all(|q| q.expected.is_none()));
        let cross: Vec<&BenchQuery> = qs
            .iter()
            .filter(|q| q.category == Category::CrossScript)
            .collect();
        assert!(cross.iter().any(|q| q.name == "Тимур Шагивалеев"));
        assert!(cross.iter().any(|q| q.name == "أحمد علي التميمي"));
        assert!(cross.iter().all(|q| !q.name.is_ascii()));
        assert!(qs
            .iter()
            .filter(|q| q.category == Category::Reordered)
            .any(|q| q.name == "Timur Shagivaleev"));
        assert_eq!(qs.iter().filter(|q| q.kind.is_none()).count(), 1000);
    }

    #[test]
    fn typo_is_one_edit_in_longest_word() {
        for name in [
            "SHAGIVALEEV, Timur",
            "BANCO NACIONAL DE CUBA",
            "Ahmad Ali",
            "Zhou Enlai",
        ] {
            let t = typo(name).unwrap();
            assert_ne!(t, name);
            assert_eq!(t, typo(name).unwrap());
            let diff = t.chars().count() as i64 - name.chars().count() as i64;
            assert!(diff.abs() <= 1, "{name} -> {t}");
            // The first letter of every word is kept.
            let firsts = |s: &str| -> Vec<char> {
                s.split_whitespace()
                    .filter_map(|w| w.chars().next())
                    .collect()
            };
            assert_eq!(firsts(&t), firsts(name), "{name} -> {t}");
        }
        assert_eq!(typo("LI, Bo"), None);
    }

    #[test]
    fn reorder_forms() {
        assert_eq!(
            reorder("SHAGIVALEEV, Timur", EntityKind::Person).as_deref(),
            Some("Timur Shagivaleev")
        );
        assert_eq!(
            reorder("AL-TAMIMI, Ahmad Ali", EntityKind::Person).as_deref(),
            Some("Ahmad Ali Al-Tamimi")
        );
        assert_eq!(
            reorder("BANCO NACIONAL DE CUBA", EntityKind::Organization).as_deref(),
            Some("NACIONAL DE CUBA BANCO")
        );
        assert_eq!(reorder("SUHARTO", EntityKind::Person), None);
    }

    #[test]
    fn percentiles() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), 50);
        assert_eq!(percentile(&v, 99.0), 99);
        assert_eq!(percentile(&v, 100.0), 100);
        assert_eq!(percentile(&v, 0.0), 1);
        assert_eq!(percentile(&[], 50.0), 0);
        assert_eq!(percentile(&[7], 90.0), 7);
    }

    #[test]
    fn rss_is_readable_on_linux() {
        if cfg!(target_os = "linux") {
            let cur = current_rss_bytes().unwrap();
            let peak = peak_rss_bytes().unwrap();
            assert!(peak >= cur && cur > 0);
        }
    }
}
