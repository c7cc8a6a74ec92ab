//! A deterministic generator of realistic synthetic list entries.
//!
//! [`synthetic_corpus`] builds `n` entities with ids `synth:0` … `synth:{n-1}`.
//! Entity `i` depends only on `(seed, i)` (each index has its own splitmix64
//! stream), so the corpus is identical on every machine, whatever the number
//! of threads, and a prefix of a larger corpus equals the smaller corpus.
//!
//! Mix (by construction, per entity): ~55% persons, ~38% organisations, ~5%
//! vessels, ~2% aircraft. Persons and organisations come from thirteen naming
//! cultures (Russian, Arabic, Persian, Chinese, Korean, Turkish, Spanish /
//! Latin American, English, German, French, Indian, Indonesian, Malay) with
//! list-like weights; names are drawn Zipf-distributed from the tables in
//! [`crate::names`] so common names recur a lot, and a share of surnames is
//! built from roots and suffixes so the vocabulary keeps growing with `n`.
//! About 15% of Russian, Arabic, Persian, Chinese and Korean persons (and
//! about 20% of such organisations) carry their name in the original script
//! as an alias.

use crate::names::*;
use crate::queries::{self, BenchQuery, Category};
use crate::rng::{Rng, Zipf};
use crate::translit::*;
use cordon_engine::{
    Country, CountryRole, CraftDetails, DateOfBirth, Entity, EntityKind, Gender, Identifier,
    IdentifierType, Name, NameType, PartialDate, Provenance,
};
use rayon::prelude::*;
use std::sync::OnceLock;

/// Id prefix (list name) of synthetic entities.
pub const LIST: &str = "synth";

/// Generates `n` synthetic entities deterministically from `seed`.
///
/// Uses all rayon threads; the output does not depend on their number.
pub fn synthetic_corpus(n: usize, seed: u64) -> Vec<Entity> {
    (0..n)
        .into_par_iter()
        .with_min_len(1024)
        .map(|i| synthetic_entity(i, seed))
        .collect()
}

/// The shape of a synthetic corpus's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// The name tables alone (the corpus of every earlier figure): a small
    /// vocabulary (about 70,000 distinct tokens for a million entities)
    /// where most tokens are shared by many names.
    #[default]
    Lists,
    /// As an aggregate of many lists and PEP sources (one to four million
    /// entities): the same entities, but in about [`TAIL_SHARE`] percent of
    /// them the longest word of the primary name is replaced, in every name
    /// that holds it, by a word drawn Zipf-distributed (s = 1) from a space
    /// of `n` coined words. The head of that distribution is as common as
    /// the commonest surnames; most of the tail occurs once or twice: many
    /// rare tokens and a heavy head of common ones, as aggregated lists have.
    Aggregate,
}

/// Percentage of entities given a word of the long tail ([`Profile::Aggregate`]).
pub const TAIL_SHARE: u32 = 60;

/// Generates `n` synthetic entities of the given vocabulary profile.
/// [`Profile::Lists`] is [`synthetic_corpus`]; [`Profile::Aggregate`]
/// draws from a separate random stream per entity, so the entities are
/// those of [`synthetic_corpus`] with the tail words put in.
pub fn synthetic_corpus_with(n: usize, seed: u64, profile: Profile) -> Vec<Entity> {
    let mut corpus = synthetic_corpus(n, seed);
    if profile == Profile::Aggregate {
        let zipf = Zipf::new(n.max(1), 1.0);
        corpus
            .par_iter_mut()
            .with_min_len(1024)
            .enumerate()
            .for_each(|(i, e)| add_tail_word(e, i, seed, &zipf));
    }
    corpus
}

/// Syllables of coined words: 64 of them, so that a rank is written in
/// base 64, one syllable a digit.
const SYLLABLES: [&str; 64] = [
    "ba", "be", "bi", "bo", "bu", "da", "de", "di", "do", "du", "ka", "ke", "ki", "ko", "ku", "la",
    "le", "li", "lo", "lu", "ma", "me", "mi", "mo", "mu", "na", "ne", "ni", "no", "nu", "ra", "re",
    "ri", "ro", "ru", "sa", "se", "si", "so", "su", "ta", "te", "ti", "to", "tu", "va", "ve", "vi",
    "vo", "vu", "za", "ze", "zi", "zo", "zu", "gor", "lan", "mir", "dov", "sek", "tin", "vas",
    "hal", "rek",
];

/// The coined word of rank `r`: at least three syllables, distinct for
/// every rank.
pub fn coined_word(r: usize) -> String {
    let mut out = String::new();
    let mut x = r;
    for k in 0.. {
        out.push_str(SYLLABLES[x % 64]);
        x /= 64;
        if x == 0 && k >= 2 {
            break;
        }
    }
    let mut c = out.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn add_tail_word(e: &mut Entity, i: usize, seed: u64, zipf: &Zipf) {
    let mut rng = Rng::for_item(seed ^ 0x7A11_7A11_7A11_7A11, i as u64);
    if !rng.percent(TAIL_SHARE) {
        return;
    }
    let word = coined_word(zipf.sample(&mut rng));
    let Some(longest) = e
        .primary_name()
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        .max_by_key(|w| w.len())
        .map(str::to_string)
    else {
        return;
    };
    for n in &mut e.names {
        let replaced = replace_word(&n.name, &longest, &word);
        if let Some(r) = replaced {
            n.name = r;
        }
    }
}

/// `text` with every whole-word, case-insensitive occurrence of `word`
/// replaced by `by` written in the same case (upper or as is), or `None`.
fn replace_word(text: &str, word: &str, by: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + by.len());
    let mut changed = false;
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let w = &rest[..end];
        if !w.is_empty() && w.eq_ignore_ascii_case(word) {
            if w.chars().all(|c| c.is_ascii_uppercase()) {
                out.push_str(&by.to_ascii_uppercase());
            } else {
                out.push_str(by);
            }
            changed = true;
        } else {
            out.push_str(w);
        }
        rest = &rest[end..];
    }
    changed.then_some(out)
}

/// Entity `i` of the corpus for `seed` (what [`synthetic_corpus`] puts at
/// index `i`).
pub fn synthetic_entity(i: usize, seed: u64) -> Entity {
    let mut rng = Rng::for_item(seed, i as u64);
    let kind = match rng.below(1000) {
        0..=549 => EntityKind::Person,
        550..=929 => EntityKind::Organization,
        930..=979 => EntityKind::Vessel,
        _ => EntityKind::Aircraft,
    };
    let id = i.to_string();
    let mut e = Entity::new(
        LIST,
        &id,
        kind,
        "",
        Provenance {
            list: LIST.to_string(),
            file: "synthetic".to_string(),
            line: Some(i as u64 + 1),
        },
    );
    match kind {
        EntityKind::Person => person(&mut rng, &mut e),
        EntityKind::Organization => organization(&mut rng, &mut e),
        EntityKind::Vessel => vessel(&mut rng, &mut e),
        EntityKind::Aircraft => aircraft(&mut rng, &mut e),
    }
    compact(&mut e);
    e
}

/// Gives back the growth slack of vectors and formatted strings: with a
/// million entities the slack is a few hundred megabytes.
fn compact(e: &mut Entity) {
    for n in &mut e.names {
        n.name.shrink_to_fit();
    }
    e.names.shrink_to_fit();
    e.countries.shrink_to_fit();
    e.identifiers.shrink_to_fit();
    e.programs.shrink_to_fit();
    e.dates_of_birth.shrink_to_fit();
    e.places_of_birth.shrink_to_fit();
}

// ------------------------------------------------------------------ helpers

fn zipf_for(len: usize) -> &'static Zipf {
    static Z: OnceLock<Vec<Zipf>> = OnceLock::new();
    let all = Z.get_or_init(|| (0..=256).map(|n| Zipf::new(n.max(1), 1.0)).collect());
    &all[len.min(256)]
}

/// A Zipf-distributed element: the first entries of a table recur most.
fn zpick<'a, T>(rng: &mut Rng, table: &'a [T]) -> &'a T {
    let z = zipf_for(table.len());
    &table[z.sample(rng).min(table.len() - 1)]
}

fn cap(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(f) => f.to_uppercase().chain(it).collect(),
        None => String::new(),
    }
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect()
}

fn letters(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'A' + rng.below(26) as u8))
        .collect()
}

/// The usual spelling most of the time, another one otherwise.
fn spelling<'a>(rng: &mut Rng, variants: &[&'a str]) -> &'a str {
    if variants.len() == 1 || rng.percent(75) {
        variants[0]
    } else {
        variants[rng.below(variants.len())]
    }
}

/// A different spelling when there is one.
fn other_spelling<'a>(rng: &mut Rng, variants: &[&'a str], not: &str) -> &'a str {
    let others: Vec<&&str> = variants.iter().filter(|v| **v != not).collect();
    if others.is_empty() {
        variants[0]
    } else {
        others[rng.below(others.len())]
    }
}

/// Alias counts 0..=4 with list-like weights (mean ≈ 1.3).
fn alias_count(rng: &mut Rng) -> usize {
    rng.weighted(&[35, 25, 20, 12, 8])
}

/// Sets the primary name and up to `k` aliases chosen among `variants`
/// (the original-script alias, when given, counts as one of them).
fn set_names(
    rng: &mut Rng,
    e: &mut Entity,
    primary: String,
    mut variants: Vec<(String, NameType)>,
    script: Option<String>,
    k: usize,
) {
    e.names[0].name = primary;
    let mut k = k;
    if let Some(s) = script {
        e.names.push(Name::new(s, NameType::Aka));
        k = k.saturating_sub(1);
    }
    let mut j = 0;
    while k > 0 && j < variants.len() {
        let r = j + rng.below(variants.len() - j);
        variants.swap(j, r);
        let (v, t) = std::mem::replace(&mut variants[j], (String::new(), NameType::Aka));
        j += 1;
        if v.is_empty() || e.names.iter().any(|n| n.name == v) {
            continue;
        }
        e.names.push(Name::new(v, t));
        k -= 1;
    }
}

// ------------------------------------------------------------------ cultures

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Culture {
    Ru,
    Ar,
    Fa,
    Zh,
    Ko,
    Tr,
    Es,
    En,
    De,
    Fr,
    In,
    Id,
    My,
}

const CULTURES: [Culture; 13] = [
    Culture::Ru,
    Culture::Ar,
    Culture::Fa,
    Culture::Zh,
    Culture::Ko,
    Culture::Tr,
    Culture::Es,
    Culture::En,
    Culture::De,
    Culture::Fr,
    Culture::In,
    Culture::Id,
    Culture::My,
];
/// Per mille, in the order of [`CULTURES`].
const PERSON_WEIGHTS: [u32; 13] = [220, 160, 90, 90, 45, 45, 120, 70, 30, 30, 45, 25, 30];
const ORG_WEIGHTS: [u32; 13] = [230, 120, 100, 150, 25, 60, 70, 120, 35, 25, 35, 15, 15];

fn countries_of(c: Culture) -> &'static [(&'static str, u32)] {
    match c {
        Culture::Ru => &[("RU", 85), ("UA", 7), ("BY", 5), ("KZ", 3)],
        Culture::Ar => &[
            ("SY", 25),
            ("IQ", 18),
            ("LB", 14),
            ("YE", 10),
            ("AE", 9),
            ("SA", 7),
            ("EG", 6),
            ("JO", 4),
            ("KW", 4),
            ("QA", 3),
        ],
        Culture::Fa => &[("IR", 92), ("AE", 4), ("IQ", 4)],
        Culture::Zh => &[("CN", 82), ("HK", 15), ("SG", 3)],
        Culture::Ko => &[("KP", 90), ("KR", 10)],
        Culture::Tr => &[("TR", 95), ("CY", 5)],
        Culture::Es => &[
            ("MX", 35),
            ("CO", 18),
            ("VE", 18),
            ("ES", 5),
            ("NI", 5),
            ("CU", 5),
            ("PA", 5),
            ("EC", 4),
            ("PE", 5),
        ],
        Culture::En => &[
            ("US", 50),
            ("GB", 30),
            ("CY", 5),
            ("VG", 5),
            ("CA", 5),
            ("AU", 5),
        ],
        Culture::De => &[("DE", 80), ("AT", 10), ("CH", 10)],
        Culture::Fr => &[("FR", 75), ("BE", 10), ("CH", 10), ("LU", 5)],
        Culture::In => &[("IN", 90), ("AE", 6), ("GB", 4)],
        Culture::Id => &[("ID", 100)],
        Culture::My => &[("MY", 85), ("SG", 15)],
    }
}

/// ISO code → the country name as OFAC writes it.
pub fn country_name(code: &str) -> &'static str {
    match code {
        "RU" => "Russia",
        "UA" => "Ukraine",
        "BY" => "Belarus",
        "KZ" => "Kazakhstan",
        "SY" => "Syria",
        "IQ" => "Iraq",
        "LB" => "Lebanon",
        "YE" => "Yemen",
        "AE" => "United Arab Emirates",
        "SA" => "Saudi Arabia",
        "EG" => "Egypt",
        "JO" => "Jordan",
        "KW" => "Kuwait",
        "QA" => "Qatar",
        "IR" => "Iran",
        "CN" => "China",
        "HK" => "Hong Kong",
        "SG" => "Singapore",
        "KP" => "Korea, North",
        "KR" => "Korea, South",
        "TR" => "Turkey",
        "CY" => "Cyprus",
        "MX" => "Mexico",
        "CO" => "Colombia",
        "VE" => "Venezuela",
        "ES" => "Spain",
        "NI" => "Nicaragua",
        "CU" => "Cuba",
        "PA" => "Panama",
        "EC" => "Ecuador",
        "PE" => "Peru",
        "US" => "United States",
        "GB" => "United Kingdom",
        "VG" => "Virgin Islands, British",
        "CA" => "Canada",
        "AU" => "Australia",
        "DE" => "Germany",
        "AT" => "Austria",
        "CH" => "Switzerland",
        "FR" => "France",
        "BE" => "Belgium",
        "LU" => "Luxembourg",
        "IN" => "India",
        "ID" => "Indonesia",
        "MY" => "Malaysia",
        "LR" => "Liberia",
        "MH" => "Marshall Islands",
        "KM" => "Comoros",
        "CM" => "Cameroon",
        "TG" => "Togo",
        "SL" => "Sierra Leone",
        "GA" => "Gabon",
        "PW" => "Palau",
        "CK" => "Cook Islands",
        "TZ" => "Tanzania",
        "KG" => "Kyrgyzstan",
        "GE" => "Georgia",
        _ => "Unknown",
    }
}

fn pick_country(rng: &mut Rng, c: Culture) -> &'static str {
    let table = countries_of(c);
    let w: Vec<u32> = table.iter().map(|x| x.1).collect();
    table[rng.weighted(&w)].0
}

fn country(code: &str, role: CountryRole) -> Country {
    Country {
        name: country_name(code).to_string(),
        code: Some(code.to_string()),
        role,
    }
}

fn programs_of(c: Culture) -> &'static [&'static str] {
    match c {
        Culture::Ru => &[
            "RUSSIA-EO14024",
            "UKRAINE-EO13662",
            "UKRAINE-EO13661",
            "CYBER2",
            "BELARUS-EO14038",
        ],
        Culture::Ar => &["SDGT", "SYRIA", "IRAQ2", "YEMEN", "SYRIA-EO13894"],
        Culture::Fa => &["IRAN", "IRGC", "IFSR", "NPWMD", "IRAN-EO13846", "IRAN-HR"],
        Culture::Zh => &[
            "CHINA-EO13959",
            "NPWMD",
            "SDNTK",
            "HK-EO13936",
            "IRAN-EO13846",
        ],
        Culture::Ko => &["DPRK", "DPRK2", "DPRK3", "DPRK4", "NPWMD"],
        Culture::Tr => &["SDGT", "IRAN-EO13846", "RUSSIA-EO14024"],
        Culture::Es => &[
            "SDNTK",
            "ILLICIT-DRUGS-EO14059",
            "VENEZUELA-EO13850",
            "TCO",
            "NICARAGUA",
        ],
        Culture::En => &["CYBER2", "TCO", "SDGT", "GLOMAG", "RUSSIA-EO14024"],
        Culture::De | Culture::Fr => &["RUSSIA-EO14024", "NPWMD", "SDGT"],
        Culture::In => &["NPWMD", "SDNTK", "RUSSIA-EO14024"],
        Culture::Id | Culture::My => &["SDGT", "TCO"],
    }
}

fn programs(rng: &mut Rng, c: Culture) -> Vec<String> {
    let p = programs_of(c);
    let first = zpick(rng, p);
    let mut v = vec![first.to_string()];
    if rng.percent(20) {
        let second = rng.pick(p);
        if second != first {
            v.push(second.to_string());
        }
    }
    v
}

fn cities_of(code: &str) -> &'static [&'static str] {
    match code {
        "RU" => &[
            "Moscow",
            "Saint Petersburg",
            "Kazan",
            "Novosibirsk",
            "Yekaterinburg",
            "Ufa",
            "Grozny",
        ],
        "UA" => &["Kyiv", "Donetsk", "Kharkiv", "Luhansk"],
        "SY" => &["Damascus", "Aleppo", "Homs", "Latakia"],
        "IQ" => &["Baghdad", "Mosul", "Basra"],
        "LB" => &["Beirut", "Tyre", "Sidon"],
        "IR" => &["Tehran", "Isfahan", "Mashhad", "Tabriz", "Shiraz", "Qom"],
        "CN" => &["Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Dalian"],
        "KP" => &["Pyongyang", "Hamhung", "Chongjin", "Wonsan"],
        "TR" => &["Istanbul", "Ankara", "Izmir", "Konya"],
        "MX" => &["Culiacan", "Guadalajara", "Tijuana", "Mexico City"],
        "CO" => &["Bogota", "Medellin", "Cali"],
        "VE" => &["Caracas", "Maracaibo", "Valencia"],
        "US" => &["New York", "Los Angeles", "Miami"],
        "GB" => &["London", "Manchester"],
        "DE" => &["Berlin", "Hamburg", "Munich"],
        "FR" => &["Paris", "Lyon", "Marseille"],
        "IN" => &["Mumbai", "Delhi", "Chennai", "Kolkata"],
        "ID" => &["Jakarta", "Surabaya", "Bandung"],
        "MY" => &["Kuala Lumpur", "Johor Bahru"],
        _ => &[],
    }
}

fn dates_of_birth(rng: &mut Rng) -> Vec<DateOfBirth> {
    let year = 1940 + (rng.below(21) + rng.below(21) + rng.below(21)) as i32;
    let month = 1 + rng.below(12) as u8;
    let day = 1 + rng.below(28) as u8;
    let first = match rng.below(100) {
        0..=61 => DateOfBirth::Exact {
            date: PartialDate::ymd(year, month, day),
        },
        62..=69 => DateOfBirth::Exact {
            date: PartialDate {
                year,
                month: Some(month),
                day: None,
            },
        },
        70..=87 => DateOfBirth::Exact {
            date: PartialDate::year(year),
        },
        88..=94 => DateOfBirth::Circa {
            date: PartialDate::year(year),
        },
        _ => DateOfBirth::Range {
            from: PartialDate::year(year),
            to: PartialDate::year(year + 1 + rng.below(3) as i32),
        },
    };
    let mut v = vec![first];
    if rng.percent(12) {
        v.push(DateOfBirth::Exact {
            date: PartialDate::year(year + if rng.percent(50) { 1 } else { -1 }),
        });
    }
    v
}

fn passport(rng: &mut Rng, code: &str) -> String {
    match code {
        "RU" | "BY" | "UA" => format!("{} {}", digits(rng, 2), digits(rng, 7)),
        "IR" => format!("{}{}", letters(rng, 1), digits(rng, 8)),
        "CN" => format!("E{}", digits(rng, 8)),
        "KP" => digits(rng, 9),
        "TR" => format!("U{}", digits(rng, 8)),
        "IN" => format!("{}{}", letters(rng, 1), digits(rng, 7)),
        "MX" | "CO" | "VE" => format!("{}{}", letters(rng, 1), digits(rng, 8)),
        _ => format!("{}{}", letters(rng, 2), digits(rng, 7)),
    }
}

/// Identifiers typed as a loader types them (a Russian tax number is an
/// INN): see `cordon_engine::identifiers::specific_type`.
fn settled(mut ids: Vec<Identifier>) -> Vec<Identifier> {
    for id in &mut ids {
        id.settle_type();
    }
    ids
}

fn person_identifiers(rng: &mut Rng, code: &str) -> Vec<Identifier> {
    let mut ids = Vec::new();
    if rng.percent(35) {
        ids.push(Identifier {
            id_type: IdentifierType::Passport,
            label: "Passport".into(),
            value: passport(rng, code),
            country: Some(country_name(code).to_string()),
            note: None,
        });
    }
    if rng.percent(15) {
        let (t, label, value) = match code {
            "RU" => (IdentifierType::TaxId, "Tax ID No.", digits(rng, 12)),
            "TR" => (
                IdentifierType::NationalId,
                "National ID No.",
                digits(rng, 11),
            ),
            "IN" => (
                IdentifierType::TaxId,
                "Permanent Account Number",
                format!("{}{}{}", letters(rng, 5), digits(rng, 4), letters(rng, 1)),
            ),
            "MX" => (
                IdentifierType::NationalId,
                "C.U.R.P.",
                format!(
                    "{}{}{}{}",
                    letters(rng, 4),
                    digits(rng, 6),
                    letters(rng, 6),
                    digits(rng, 2)
                ),
            ),
            "IR" => (
                IdentifierType::NationalId,
                "National ID No.",
                digits(rng, 10),
            ),
            _ => (
                IdentifierType::NationalId,
                "National ID No.",
                digits(rng, 9),
            ),
        };
        ids.push(Identifier {
            id_type: t,
            label: label.into(),
            value,
            country: Some(country_name(code).to_string()),
            note: None,
        });
    }
    settled(ids)
}

fn org_identifiers(rng: &mut Rng, code: &str) -> Vec<Identifier> {
    let mut ids = Vec::new();
    if !rng.percent(50) {
        return ids;
    }
    let mut push = |t, label: &str, value: String| {
        ids.push(Identifier {
            id_type: t,
            label: label.to_string(),
            value,
            country: Some(country_name(code).to_string()),
            note: None,
        })
    };
    match code {
        "RU" => {
            push(IdentifierType::TaxId, "Tax ID No.", digits(rng, 10));
            if rng.percent(60) {
                push(
                    IdentifierType::Registration,
                    "Registration Number",
                    digits(rng, 13),
                );
            }
        }
        "CN" | "HK" => push(
            IdentifierType::Registration,
            "Unified Social Credit Code (USCC)",
            format!("91{}{}", digits(rng, 6), letters(rng, 10)),
        ),
        "TR" => push(IdentifierType::TaxId, "Tax ID No.", digits(rng, 10)),
        "AE" => push(
            IdentifierType::Registration,
            "Commercial Registry Number",
            format!("CN-{}", digits(rng, 7)),
        ),
        "IN" => push(
            IdentifierType::Registration,
            "Company Number",
            format!(
                "U{}DL{}PTC{}",
                digits(rng, 5),
                digits(rng, 4),
                digits(rng, 6)
            ),
        ),
        "IR" => push(
            IdentifierType::Registration,
            "Registration ID",
            digits(rng, 6),
        ),
        _ => push(
            IdentifierType::Registration,
            "Registration ID",
            digits(rng, 8),
        ),
    }
    settled(ids)
}

// ------------------------------------------------------------------ persons

struct Parts {
    primary: String,
    variants: Vec<(String, NameType)>,
    script: Option<String>,
    female: bool,
}

fn aka(s: String) -> (String, NameType) {
    (s, NameType::Aka)
}

fn person(rng: &mut Rng, e: &mut Entity) {
    let culture = CULTURES[rng.weighted(&PERSON_WEIGHTS)];
    let k = alias_count(rng);
    let want = k > 0;
    let p = match culture {
        Culture::Ru => ru_person(rng, want),
        Culture::Ar => ar_person(rng, want),
        Culture::Fa => fa_person(rng, want),
        Culture::Zh => zh_person(rng, want),
        Culture::Ko => ko_person(rng, want),
        Culture::Tr => tr_person(rng, want),
        Culture::Es => es_person(rng, want),
        Culture::En => en_person(rng, want),
        Culture::De => de_person(rng, want),
        Culture::Fr => fr_person(rng, want),
        Culture::In => in_person(rng, want),
        Culture::Id => id_person(rng, want),
        Culture::My => my_person(rng, want),
    };
    set_names(rng, e, p.primary, p.variants, p.script, k);
    if rng.percent(90) {
        e.gender = Some(if p.female {
            Gender::Female
        } else {
            Gender::Male
        });
    }
    if rng.percent(88) {
        e.dates_of_birth = dates_of_birth(rng);
    }
    let code = pick_country(rng, culture);
    if rng.percent(72) {
        e.countries.push(country(code, CountryRole::Nationality));
    }
    if rng.percent(8) {
        e.countries.push(country(code, CountryRole::Citizenship));
    }
    if rng.percent(20) {
        e.countries.push(country(code, CountryRole::Address));
    }
    let cities = cities_of(code);
    if !cities.is_empty() && rng.percent(25) {
        e.places_of_birth
            .push(format!("{}, {}", rng.pick(cities), country_name(code)));
    }
    e.identifiers = person_identifiers(rng, code);
    e.programs = programs(rng, culture);
}

fn ru_surname(rng: &mut Rng) -> String {
    if rng.percent(78) {
        zpick(rng, RU_SURNAMES).to_string()
    } else {
        format!("{}{}", rng.pick(RU_ROOTS), rng.pick(RU_SUFFIXES))
    }
}

fn ru_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(20);
    let given = if female {
        *zpick(rng, RU_FEMALE)
    } else {
        *zpick(rng, RU_MALE)
    };
    let father = *zpick(rng, RU_MALE);
    let patronymic = rng.percent(85).then(|| ru_patronymic(father, female));
    let surname = ru_surname(rng);
    let surname = if female {
        ru_feminine(&surname)
    } else {
        surname
    };
    let lat = |s: &str, sys| ru_to_latin(s, sys);
    let (g, s) = (lat(given, RuSystem::Bgn), lat(&surname, RuSystem::Bgn));
    let p = patronymic.as_deref().map(|p| lat(p, RuSystem::Bgn));
    let primary = match &p {
        Some(p) => format!("{}, {g} {p}", upper(&s)),
        None => format!("{}, {g}", upper(&s)),
    };
    let mut variants = Vec::new();
    if want {
        for sys in [
            RuSystem::Icao,
            RuSystem::Popular,
            RuSystem::German,
            RuSystem::French,
        ] {
            let (g2, s2) = (lat(given, sys), lat(&surname, sys));
            variants.push(aka(match (&patronymic, sys) {
                (Some(pp), RuSystem::Icao) => format!("{g2} {} {s2}", lat(pp, sys)),
                _ => format!("{g2} {s2}"),
            }));
        }
        if let Some(p) = &p {
            variants.push(aka(format!("{g} {p} {s}")));
        }
        variants.push(aka(format!(
            "{} {}",
            upper(&lat(&surname, RuSystem::Popular)),
            lat(given, RuSystem::Popular)
        )));
    }
    let script = rng.percent(15).then(|| match &patronymic {
        Some(pp) => format!("{surname} {given} {pp}"),
        None => format!("{surname} {given}"),
    });
    Parts {
        primary,
        variants,
        script,
        female,
    }
}

/// An Arabic family name: `(Arabic, Latin, takes the article)`.
fn ar_family(rng: &mut Rng) -> (String, String, bool) {
    if rng.percent(75) {
        let (ar, lats, art) = zpick(rng, AR_FAMILY);
        (ar.to_string(), spelling(rng, lats).to_string(), *art)
    } else {
        // Long tail: a triliteral root in a nisba pattern.
        let mut c = || {
            let i = rng.below(AR_CONSONANTS.len());
            AR_CONSONANTS[i]
        };
        let (a1, l1) = c();
        let (a2, l2) = c();
        let (a3, l3) = c();
        let l1 = if l1 == "'" { "a" } else { l1 };
        let pattern = rng.below(4);
        let (ar, lat) = match pattern {
            0 => (format!("{a1}{a2}{a3}ي"), format!("{l1}a{l2}{l3}i")),
            1 => (format!("{a1}{a2}{a3}ي"), format!("{l1}a{l2}a{l3}i")),
            2 => (format!("{a1}{a2}ي{a3}ي"), format!("{l1}u{l2}ay{l3}i")),
            _ => (format!("{a1}{a2}{a3}اني"), format!("{l1}a{l2}{l3}ani")),
        };
        (ar, cap(&lat.replace('\'', "")), true)
    }
}

fn ar_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(10);
    let given = if female {
        zpick(rng, AR_FEMALE)
    } else {
        zpick(rng, AR_MALE)
    };
    let father = zpick(rng, AR_MALE);
    let grand = rng.percent(40).then(|| zpick(rng, AR_MALE));
    let family = rng.percent(70).then(|| ar_family(rng));
    let g = spelling(rng, given.1);
    let f = spelling(rng, father.1);
    let gf = grand.map(|x| spelling(rng, x.1));
    let chain = match gf {
        Some(gf) => format!("{g} {f} {gf}"),
        None => format!("{g} {f}"),
    };
    let primary = match &family {
        Some((_, lat, true)) => format!("AL-{}, {chain}", upper(lat)),
        Some((_, lat, false)) => format!("{}, {chain}", upper(lat)),
        None => {
            let last = gf.unwrap_or(f);
            let first = match gf {
                Some(_) => format!("{g} {f}"),
                None => g.to_string(),
            };
            format!("{}, {first}", upper(last))
        }
    };
    let mut variants = Vec::new();
    if want {
        let fam = |style: usize| -> String {
            match &family {
                Some((_, lat, true)) => match style {
                    0 => format!(" al-{lat}"),
                    1 => format!(" Al {lat}"),
                    2 => format!(" El-{lat}"),
                    _ => format!(" Al{}", lat.to_lowercase()),
                },
                Some((_, lat, false)) => format!(" {lat}"),
                None => String::new(),
            }
        };
        let g2 = other_spelling(rng, given.1, g);
        let f2 = other_spelling(rng, father.1, f);
        variants.push(aka(format!("{g} {f}{}", fam(0))));
        variants.push(aka(format!("{g2} {f2}{}", fam(1))));
        let bin = if female { "bint" } else { "bin" };
        variants.push(aka(format!("{g} {bin} {f}{}", fam(2))));
        variants.push(aka(format!("{chain}{}", fam(3))));
        if family.is_some() {
            variants.push(aka(format!("{g2} {}", fam(0).trim_start())));
        }
        if !female && rng.percent(40) {
            let son_name = zpick(rng, AR_MALE).1;
            let son = spelling(rng, son_name);
            variants.push((format!("Abu {son}"), NameType::WeakAka));
        }
    }
    let script = rng.percent(15).then(|| {
        let mut s = format!("{} {}", given.0, father.0);
        if let Some(x) = grand {
            s.push(' ');
            s.push_str(x.0);
        }
        if let Some((ar, _, art)) = &family {
            s.push(' ');
            if *art {
                s.push_str("ال");
            }
            s.push_str(ar);
        }
        s
    });
    Parts {
        primary,
        variants,
        script,
        female,
    }
}

fn fa_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(12);
    let given = if female {
        zpick(rng, FA_FEMALE)
    } else {
        zpick(rng, FA_MALE)
    };
    let (sur_fa, sur_lats): (String, Vec<String>) = if rng.percent(75) {
        let (fa, lats) = zpick(rng, FA_SURNAMES);
        (fa.to_string(), lats.iter().map(|s| s.to_string()).collect())
    } else {
        let (pf, pl) = rng.pick(FA_PIECES);
        let (sf, sl) = rng.pick(FA_SUFFIXES);
        (format!("{pf}{sf}"), vec![format!("{pl}{sl}")])
    };
    let g = spelling(rng, given.1);
    let s = if rng.percent(75) {
        sur_lats[0].as_str()
    } else {
        sur_lats[rng.below(sur_lats.len())].as_str()
    };
    let primary = format!("{}, {g}", upper(s));
    let mut variants = Vec::new();
    if want {
        let g2 = other_spelling(rng, given.1, g);
        let s2 = sur_lats
            .iter()
            .find(|x| x.as_str() != s)
            .map(|x| x.as_str())
            .unwrap_or(s);
        variants.push(aka(format!("{g} {s}")));
        variants.push(aka(format!("{g2} {s2}")));
        variants.push(aka(format!("{} {g2}", upper(s2))));
        if !female {
            let father_name = zpick(rng, FA_MALE).1;
            let father = spelling(rng, father_name);
            variants.push(aka(format!("{g} {father} {s}")));
            variants.push((format!("Haj {g}"), NameType::WeakAka));
        }
    }
    let script = rng.percent(15).then(|| format!("{} {sur_fa}", given.0));
    Parts {
        primary,
        variants,
        script,
        female,
    }
}

fn zh_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(25);
    let (sp, sh, salt) = *zpick(rng, ZH_SURNAMES);
    let (p1, h1) = *zpick(rng, ZH_GIVEN);
    let second = rng.percent(75).then(|| *zpick(rng, ZH_GIVEN));
    let (joined, spaced, hyphen, han) = match second {
        Some((p2, h2)) => (
            format!("{}{p2}", cap(p1)),
            format!("{} {}", cap(p1), cap(p2)),
            format!("{}-{p2}", cap(p1)),
            format!("{sh}{h1}{h2}"),
        ),
        None => (cap(p1), cap(p1), cap(p1), format!("{sh}{h1}")),
    };
    let primary = format!("{}, {joined}", upper(sp));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{sp} {joined}")));
        variants.push(aka(format!("{joined} {sp}")));
        variants.push(aka(format!("{} {spaced}", upper(sp))));
        variants.push(aka(format!("{sp} {hyphen}")));
        if !salt.is_empty() {
            variants.push(aka(format!("{salt} {hyphen}")));
        }
    }
    let script = rng.percent(15).then_some(han);
    Parts {
        primary,
        variants,
        script,
        female,
    }
}

fn ko_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(15);
    let (s_rr, s_alt, s_h) = *zpick(rng, KO_SURNAMES);
    let (a_rr, a_alt, a_h) = *zpick(rng, KO_SYLLABLES);
    let second = rng.percent(90).then(|| *zpick(rng, KO_SYLLABLES));
    let (spaced, hyph, joined, alt, hangul) = match second {
        Some((b_rr, b_alt, b_h)) => (
            format!("{a_rr} {b_rr}"),
            format!("{a_rr}-{}", b_rr.to_lowercase()),
            format!("{a_rr}{}", b_rr.to_lowercase()),
            format!("{a_alt}-{}", b_alt.to_lowercase()),
            format!("{s_h}{a_h}{b_h}"),
        ),
        None => (
            a_rr.to_string(),
            a_rr.to_string(),
            a_rr.to_string(),
            a_alt.to_string(),
            format!("{s_h}{a_h}"),
        ),
    };
    let primary = format!("{}, {spaced}", upper(s_rr));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{s_rr} {hyph}")));
        variants.push(aka(format!("{s_rr} {joined}")));
        variants.push(aka(format!("{s_alt} {alt}")));
        variants.push(aka(format!("{spaced} {s_rr}")));
        variants.push(aka(format!("{} {spaced}", upper(s_rr))));
    }
    let script = rng.percent(15).then_some(hangul);
    Parts {
        primary,
        variants,
        script,
        female,
    }
}

fn tr_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(15);
    let mut given = if female {
        zpick(rng, TR_FEMALE).to_string()
    } else {
        zpick(rng, TR_MALE).to_string()
    };
    if !female && rng.percent(10) {
        given = format!("{given} {}", zpick(rng, TR_MALE));
    }
    let surname = if rng.percent(75) {
        zpick(rng, TR_SURNAMES).to_string()
    } else {
        format!("{}{}", rng.pick(TR_ROOTS), rng.pick(TR_SUFFIXES))
    };
    let primary = format!(
        "{}, {}",
        upper(&strip_diacritics(&surname)),
        strip_diacritics(&given)
    );
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{given} {surname}")));
        variants.push(aka(strip_diacritics(&format!("{given} {surname}"))));
        variants.push(aka(german_fold(&format!("{given} {surname}"))));
        variants.push(aka(format!("{} {given}", upper(&surname))));
    }
    Parts {
        primary,
        variants,
        script: None,
        female,
    }
}

fn es_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(18);
    let given = if female {
        *zpick(rng, ES_FEMALE)
    } else {
        *zpick(rng, ES_MALE)
    };
    let paternal = *zpick(rng, ES_SURNAMES);
    let maternal = rng
        .percent(85)
        .then(|| *zpick(rng, ES_SURNAMES))
        .filter(|m| *m != paternal);
    let surnames = match maternal {
        Some(m) => format!("{paternal} {m}"),
        None => paternal.to_string(),
    };
    let primary = format!(
        "{}, {}",
        upper(&strip_diacritics(&surnames)),
        strip_diacritics(given)
    );
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{given} {surnames}")));
        variants.push(aka(strip_diacritics(&format!("{given} {surnames}"))));
        variants.push(aka(format!("{given} {paternal}")));
        if let Some(m) = maternal {
            variants.push(aka(format!("{given} {paternal}-{m}")));
            variants.push(aka(format!(
                "{} {}",
                strip_diacritics(given),
                strip_diacritics(m)
            )));
        }
        if rng.percent(30) {
            let nick = *zpick(rng, ES_NICKNAMES);
            variants.push((upper(&strip_diacritics(nick)), NameType::WeakAka));
        }
    }
    Parts {
        primary,
        variants,
        script: None,
        female,
    }
}

fn en_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(22);
    let table = if female { EN_FEMALE } else { EN_MALE };
    let given = *zpick(rng, table);
    let middle = rng
        .percent(40)
        .then(|| *zpick(rng, table))
        .filter(|m| *m != given);
    let surname = if rng.percent(80) {
        zpick(rng, EN_SURNAMES).to_string()
    } else {
        format!("{}{}", rng.pick(EN_SYLLABLES), rng.pick(EN_ENDINGS))
    };
    let primary = match middle {
        Some(m) => format!("{}, {given} {m}", upper(&surname)),
        None => format!("{}, {given}", upper(&surname)),
    };
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{given} {surname}")));
        if let Some(m) = middle {
            variants.push(aka(format!("{given} {}. {surname}", &m[..1])));
            variants.push(aka(format!("{}. {m} {surname}", &given[..1])));
        }
        if let Some((_, nick)) = EN_NICK.iter().find(|(f, _)| *f == given) {
            variants.push(aka(format!("{nick} {surname}")));
        }
        variants.push(aka(format!("{} {given}", upper(&surname))));
    }
    Parts {
        primary,
        variants,
        script: None,
        female,
    }
}

fn de_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(20);
    let given = if female {
        *zpick(rng, DE_FEMALE)
    } else {
        *zpick(rng, DE_MALE)
    };
    let surname = if rng.percent(75) {
        zpick(rng, DE_SURNAMES).to_string()
    } else {
        format!("{}{}", rng.pick(DE_ROOTS), rng.pick(DE_SUFFIXES))
    };
    let folded = if rng.percent(50) {
        german_fold(&surname)
    } else {
        strip_diacritics(&surname)
    };
    let primary = format!("{}, {}", upper(&folded), german_fold(given));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{given} {surname}")));
        variants.push(aka(german_fold(&format!("{given} {surname}"))));
        variants.push(aka(strip_diacritics(&format!("{given} {surname}"))));
        variants.push(aka(format!("Dr. {given} {surname}")));
    }
    Parts {
        primary,
        variants,
        script: None,
        female,
    }
}

fn fr_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(22);
    let given = if female {
        *zpick(rng, FR_FEMALE)
    } else {
        *zpick(rng, FR_MALE)
    };
    let surname = *zpick(rng, FR_SURNAMES);
    let primary = format!(
        "{}, {}",
        upper(&strip_diacritics(surname)),
        strip_diacritics(given)
    );
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{given} {surname}")));
        variants.push(aka(format!("{} {surname}", given.replace('-', " "))));
        variants.push(aka(strip_diacritics(&format!("{given} {surname}"))));
        variants.push(aka(format!("{} {given}", upper(surname))));
    }
    Parts {
        primary,
        variants,
        script: None,
        female,
    }
}

fn in_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(18);
    let given = if female {
        *zpick(rng, IN_FEMALE)
    } else {
        *zpick(rng, IN_MALE)
    };
    let sur = *zpick(rng, IN_SURNAMES);
    let s = sur[0];
    let middle = (!female && rng.percent(25)).then_some("Kumar");
    let g_full = match middle {
        Some(m) if s != m => format!("{given} {m}"),
        _ => given.to_string(),
    };
    let primary = format!("{}, {g_full}", upper(s));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{g_full} {s}")));
        for alt in &sur[1..] {
            variants.push(aka(format!("{given} {alt}")));
        }
        variants.push((format!("{}. {s}", &given[..1]), NameType::WeakAka));
        variants.push(aka(format!("{} {given}", upper(s))));
    }
    Parts {
        primary,
        variants,
        script: None,
        female,
    }
}

/// Indonesian spelling before the 1972 reform (`Suharto` → `Soeharto`).
fn old_indonesian(s: &str) -> String {
    s.replace('u', "oe")
        .replace("J", "Dj")
        .replace('j', "dj")
        .replace('Y', "J")
        .replace('y', "j")
        .replace('c', "tj")
}

fn id_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(20);
    let mut variants = Vec::new();
    if rng.percent(20) {
        let mono = *zpick(rng, ID_SURNAMES);
        if want {
            variants.push(aka(mono.to_string()));
            variants.push(aka(old_indonesian(mono)));
        }
        return Parts {
            primary: upper(mono),
            variants,
            script: None,
            female,
        };
    }
    let given = *zpick(rng, ID_GIVEN);
    let surname = *zpick(rng, ID_SURNAMES);
    if want {
        variants.push(aka(format!("{given} {surname}")));
        variants.push(aka(old_indonesian(&format!("{given} {surname}"))));
        variants.push(aka(format!("{} {given}", upper(surname))));
    }
    Parts {
        primary: format!("{}, {given}", upper(surname)),
        variants,
        script: None,
        female,
    }
}

fn my_person(rng: &mut Rng, want: bool) -> Parts {
    let female = rng.percent(20);
    let given = if female {
        *zpick(rng, MY_FEMALE)
    } else {
        *zpick(rng, MY_GIVEN)
    };
    let father = *zpick(rng, MY_GIVEN);
    let bin = if female { "binti" } else { "bin" };
    let primary = upper(&format!("{given} {bin} {father}"));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{given} {bin} {father}")));
        variants.push(aka(format!("{given} {father}")));
        variants.push(aka(format!(
            "{given} {}. {father}",
            &bin[..1].to_uppercase()
        )));
        for (a, b) in [
            ("Mohd", "Muhammad"),
            ("Muhammad", "Mohamad"),
            ("Ahmad", "Ahmed"),
        ] {
            if given == a {
                variants.push(aka(format!("{b} {bin} {father}")));
            }
        }
    }
    Parts {
        primary,
        variants,
        script: None,
        female,
    }
}

// ------------------------------------------------------------ organisations

fn organization(rng: &mut Rng, e: &mut Entity) {
    let culture = CULTURES[rng.weighted(&ORG_WEIGHTS)];
    let k = alias_count(rng);
    let want = k > 0;
    let p = match culture {
        Culture::Ru => ru_org(rng, want),
        Culture::Ar => ar_org(rng, want),
        Culture::Fa => fa_org(rng, want),
        Culture::Zh => zh_org(rng, want),
        Culture::Ko => ko_org(rng, want),
        Culture::Tr => tr_org(rng, want),
        Culture::Es => es_org(rng, want),
        Culture::En => en_org(rng, want),
        Culture::De => de_org(rng, want),
        Culture::Fr => fr_org(rng, want),
        Culture::In => in_org(rng, want),
        Culture::Id => id_org(rng, want),
        Culture::My => my_org(rng, want),
    };
    set_names(rng, e, p.primary, p.variants, p.script, k);
    let code = pick_country(rng, culture);
    let role = if rng.percent(70) {
        CountryRole::Address
    } else {
        CountryRole::Registration
    };
    e.countries.push(country(code, role));
    e.identifiers = org_identifiers(rng, code);
    e.programs = programs(rng, culture);
}

fn org_parts(primary: String, variants: Vec<(String, NameType)>, script: Option<String>) -> Parts {
    Parts {
        primary,
        variants,
        script,
        female: false,
    }
}

fn fka(s: String) -> (String, NameType) {
    (s, NameType::Fka)
}

fn ru_org(rng: &mut Rng, want: bool) -> Parts {
    let brand = if rng.percent(65) {
        zpick(rng, RU_COMPANY_WORDS).to_string()
    } else {
        let a = rng.pick(RU_COMPANY_ROOTS);
        let b = rng.pick(RU_COMPANY_ROOTS);
        format!("{a}{}", b.to_lowercase())
    };
    // (Cyrillic abbreviation, Latin abbreviation, English, transliterated long form)
    let forms: [(&str, &str, &str, &str); 4] = [
        (
            "ООО",
            "OOO",
            "LIMITED LIABILITY COMPANY",
            "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU",
        ),
        (
            "АО",
            "AO",
            "JOINT STOCK COMPANY",
            "AKTSIONERNOE OBSHCHESTVO",
        ),
        (
            "ПАО",
            "PAO",
            "PUBLIC JOINT STOCK COMPANY",
            "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO",
        ),
        (
            "ЗАО",
            "ZAO",
            "CLOSED JOINT STOCK COMPANY",
            "ZAKRYTOE AKTSIONERNOE OBSHCHESTVO",
        ),
    ];
    let (cyr, abbr, en, long) = forms[rng.weighted(&[55, 25, 10, 10])];
    let prefix = match rng.below(10) {
        0 => Some(("Торговый Дом", "TORGOVY DOM", "TRADING HOUSE")),
        1 => Some((
            "НПО",
            "NAUCHNO PROIZVODSTVENNOE OBEDINENIE",
            "SCIENTIFIC PRODUCTION ASSOCIATION",
        )),
        2 => Some(("Завод", "ZAVOD", "PLANT")),
        _ => None,
    };
    let b_lat = upper(&ru_to_latin(&brand, RuSystem::Bgn));
    let core_lat = match prefix {
        Some((_, l, _)) => format!("{l} {b_lat}"),
        None => b_lat.clone(),
    };
    let primary = match rng.below(3) {
        0 => format!("{en} {core_lat}"),
        1 => format!("{long} {core_lat}"),
        _ => format!("{abbr} {core_lat}"),
    };
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{abbr} {core_lat}")));
        variants.push(aka(format!(
            "{core_lat} {}",
            if abbr == "OOO" { "LLC" } else { "JSC" }
        )));
        variants.push(aka(format!("{en} {core_lat}")));
        variants.push(aka(format!("{abbr} '{core_lat}'")));
        let alt = upper(&ru_to_latin(&brand, RuSystem::German));
        if alt != b_lat {
            variants.push(aka(format!("{abbr} {alt}")));
        }
        if let Some((_, _, en_p)) = prefix {
            variants.push(aka(format!("{en_p} {b_lat}")));
        }
    }
    let script = rng.percent(20).then(|| match prefix {
        Some((c, _, _)) => format!("{cyr} «{c} {brand}»"),
        None => format!("{cyr} «{brand}»"),
    });
    org_parts(primary, variants, script)
}

fn ar_org(rng: &mut Rng, want: bool) -> Parts {
    let (b_lat, b_ar): (String, String) = if rng.percent(60) {
        let (l, a) = zpick(rng, AR_BRANDS);
        (l.to_string(), a.to_string())
    } else {
        let (ar, lat, art) = ar_family(rng);
        if art {
            (format!("Al {lat}"), format!("ال{ar}"))
        } else {
            (lat, ar)
        }
    };
    let (ind, ind_ar) = *zpick(rng, AR_INDUSTRY);
    let legal = *rng.pick(&[
        "LLC", "FZE", "FZCO", "DMCC", "L.L.C.", "CO.", "W.L.L.", "S.A.L.",
    ]);
    let core = upper(&format!("{b_lat} {ind}"));
    let primary = format!("{core} {legal}");
    let mut variants = Vec::new();
    if want {
        variants.push(aka(core.clone()));
        variants.push(aka(format!("{} {legal}", core.replacen("AL ", "AL-", 1))));
        variants.push(aka(format!("{} {legal}", core.replacen("AL ", "AL", 1))));
        variants.push(fka(format!("{core} FZE")));
        variants.push(aka(format!("{b_lat} {ind} Company")));
    }
    let script = rng.percent(20).then(|| {
        if legal.contains("L.L.C") || legal == "LLC" {
            format!("شركة {b_ar} {ind_ar} ذ.م.م")
        } else {
            format!("شركة {b_ar} {ind_ar}")
        }
    });
    org_parts(primary, variants, script)
}

fn fa_org(rng: &mut Rng, want: bool) -> Parts {
    let (l1, a1) = *zpick(rng, FA_BRANDS);
    let second = rng
        .percent(50)
        .then(|| *rng.pick(FA_BRANDS))
        .filter(|x| x.0 != l1);
    let (b_lat, b_fa) = match second {
        Some((l2, a2)) => (format!("{l1} {l2}"), format!("{a1} {a2}")),
        None => (l1.to_string(), a1.to_string()),
    };
    let ind = *rng.pick(&[
        "Industrial Group",
        "Trading Company",
        "Petrochemical Company",
        "Shipping Lines",
        "Aviation Industries",
        "Engineering Company",
        "Electronics Industries",
        "Commercial Company",
    ]);
    let primary = match rng.below(3) {
        0 => upper(&format!("{b_lat} {ind}")),
        1 => upper(&format!("Sherkat-e {b_lat}")),
        _ => upper(&format!("{b_lat} Company (PJS)")),
    };
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{b_lat} {ind}")));
        variants.push(aka(format!("{b_lat} Co.")));
        variants.push(aka(upper(&format!("{} {ind}", b_lat.replace(' ', "")))));
        variants.push(aka(format!("{b_lat} Private Joint Stock Company")));
        variants.push(aka(format!("Sherkat-e Sahami Khass-e {b_lat}")));
    }
    let script = rng.percent(20).then(|| format!("شرکت {b_fa}"));
    org_parts(primary, variants, script)
}

fn zh_org(rng: &mut Rng, want: bool) -> Parts {
    let place = rng.percent(70).then(|| *zpick(rng, ZH_PLACES));
    let (p1, h1) = *zpick(rng, ZH_GIVEN);
    let (p2, h2) = *zpick(rng, ZH_GIVEN);
    let brand = format!("{}{p2}", cap(p1));
    let (ind, ind_h) = *zpick(rng, ZH_INDUSTRY);
    let hk = rng.percent(20);
    let core = match place {
        Some((pl, _)) => format!("{pl} {brand} {ind}"),
        None => format!("{brand} {ind}"),
    };
    let primary = if hk {
        upper(&format!("{brand} {ind} (HK) Limited"))
    } else {
        upper(&format!("{core} Co., Ltd."))
    };
    let mut variants = Vec::new();
    if want {
        variants.push(aka(upper(&format!("{core} Co Ltd"))));
        variants.push(aka(format!("{core} Company Limited")));
        variants.push(aka(upper(&format!("{brand} {ind} Co., Ltd."))));
        variants.push(fka(upper(&format!("{brand} {ind} Hong Kong Limited"))));
        variants.push(aka(format!("{} {} {ind} Co., Ltd.", cap(p1), cap(p2))));
    }
    let script = rng.percent(20).then(|| match place {
        Some((_, ph)) => format!("{ph}{h1}{h2}{ind_h}有限公司"),
        None => format!("{h1}{h2}{ind_h}有限公司"),
    });
    org_parts(primary, variants, script)
}

fn ko_org(rng: &mut Rng, want: bool) -> Parts {
    let (w, wh) = *zpick(rng, KO_ORG_WORDS);
    let (en, hk, korea) = *rng.pick(&[
        ("Trading Corporation", "무역회사", true),
        ("General Corporation", "총회사", true),
        ("Bank", "은행", false),
        (
            "Mining Development Trading Corporation",
            "광업개발무역회사",
            true,
        ),
        ("Shipping Company", "해운회사", true),
        ("Technology Corporation", "기술회사", false),
    ]);
    let primary = if korea {
        upper(&format!("Korea {w} {en}"))
    } else {
        upper(&format!("{w} {en}"))
    };
    let mut variants = Vec::new();
    if want {
        variants.push(aka(upper(&format!("Choson {w} {en}"))));
        variants.push(aka(format!("{w} {en}")));
        variants.push(aka(upper(&format!("Korea {w} Corporation"))));
        variants.push(aka(upper(&format!("{w} Trading Co."))));
    }
    let script = rng.percent(20).then(|| format!("조선{wh}{hk}"));
    org_parts(primary, variants, script)
}

fn tr_org(rng: &mut Rng, want: bool) -> Parts {
    let brand = if rng.percent(50) {
        zpick(rng, TR_BRANDS).to_string()
    } else {
        zpick(rng, TR_SURNAMES).to_string()
    };
    let (ind, ind_en) = *zpick(rng, TR_INDUSTRY);
    let (legal, legal_short) = *rng.pick(&[
        ("Limited Şirketi", "Ltd. Şti."),
        ("Anonim Şirketi", "A.Ş."),
        (
            "Sanayi ve Ticaret Limited Şirketi",
            "San. ve Tic. Ltd. Şti.",
        ),
    ]);
    let full = format!("{brand} {ind} {legal}");
    let primary = upper(&strip_diacritics(&full));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{brand} {ind} {legal_short}")));
        variants.push(aka(full.clone()));
        variants.push(aka(upper(&strip_diacritics(&format!(
            "{brand} {ind} {legal_short}"
        )))));
        variants.push(aka(format!("{} {ind_en} Ltd", strip_diacritics(&brand))));
    }
    org_parts(primary, variants, None)
}

fn es_org(rng: &mut Rng, want: bool) -> Parts {
    let ind = *zpick(rng, ES_INDUSTRY);
    let brand = if rng.percent(60) {
        zpick(rng, ES_BRANDS).to_string()
    } else {
        format!("{} {}", zpick(rng, ES_SURNAMES), zpick(rng, ES_SURNAMES))
    };
    let legal = *rng.pick(&["S.A. de C.V.", "S.A.", "S.A.S.", "C.A.", "S.R.L.", "Ltda."]);
    let full = format!("{ind} {brand} {legal}");
    let primary = upper(&strip_diacritics(&full));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("{ind} {brand}, {legal}")));
        variants.push(aka(upper(&strip_diacritics(&format!(
            "{ind} {brand} {}",
            legal.replace('.', "")
        )))));
        variants.push(aka(upper(&strip_diacritics(&format!("{ind} {brand}")))));
        variants.push(fka(upper(&strip_diacritics(&format!(
            "{} {brand} {legal}",
            rng.pick(ES_INDUSTRY)
        )))));
    }
    org_parts(primary, variants, None)
}

fn en_org(rng: &mut Rng, want: bool) -> Parts {
    let brand = if rng.percent(65) {
        zpick(rng, EN_BRANDS).to_string()
    } else {
        let s = zpick(rng, EN_SURNAMES);
        if rng.percent(30) {
            format!("{s} & Sons")
        } else {
            s.to_string()
        }
    };
    let ind = *zpick(rng, INDUSTRY);
    let (legal, long) = *rng.pick(&[
        ("Ltd", "Limited"),
        ("LLC", "Limited Liability Company"),
        ("Inc.", "Incorporated"),
        ("Corp.", "Corporation"),
        ("PLC", "Public Limited Company"),
        ("LLP", "Limited Liability Partnership"),
        ("Pte. Ltd.", "Private Limited"),
        ("S.A.", "Sociedad Anonima"),
    ]);
    let primary = upper(&format!("{brand} {ind} {legal}"));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(upper(&format!("{brand} {ind} {long}"))));
        variants.push(aka(format!("{brand} {ind}")));
        variants.push(aka(upper(&format!("{brand} {ind} Co."))));
        variants.push(fka(upper(&format!(
            "{brand} {} {legal}",
            rng.pick(INDUSTRY)
        ))));
        variants.push(aka(upper(&format!(
            "{brand} {ind} {}",
            legal.replace('.', "")
        ))));
    }
    org_parts(primary, variants, None)
}

fn de_org(rng: &mut Rng, want: bool) -> Parts {
    let brand = if rng.percent(50) {
        zpick(rng, DE_SURNAMES).to_string()
    } else {
        format!("{}{}", rng.pick(DE_ROOTS), rng.pick(DE_SUFFIXES))
    };
    let ind = *zpick(rng, DE_INDUSTRY);
    let legal = *rng.pick(&[
        "GmbH",
        "AG",
        "GmbH & Co. KG",
        "Handelsgesellschaft mbH",
        "KG",
    ]);
    let full = format!("{brand} {ind} {legal}");
    let primary = upper(&german_fold(&full));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(full.clone()));
        variants.push(aka(upper(&strip_diacritics(&full))));
        variants.push(aka(format!("{brand} {ind}")));
        variants.push(fka(format!("{brand} {legal}")));
    }
    org_parts(primary, variants, None)
}

fn fr_org(rng: &mut Rng, want: bool) -> Parts {
    let brand = zpick(rng, FR_SURNAMES).to_string();
    let ind = *zpick(rng, FR_INDUSTRY);
    let legal = *rng.pick(&["SARL", "SA", "SAS"]);
    let societe = rng.percent(40);
    let full = if societe {
        format!("Société {brand} {ind}")
    } else {
        format!("{brand} {ind} {legal}")
    };
    let primary = upper(&strip_diacritics(&full));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(full.clone()));
        variants.push(aka(format!("{brand} {ind}")));
        variants.push(aka(upper(&strip_diacritics(&format!(
            "Ste {brand} {ind} {legal}"
        )))));
        variants.push(aka(format!("Compagnie {brand} {ind}")));
    }
    org_parts(primary, variants, None)
}

fn in_org(rng: &mut Rng, want: bool) -> Parts {
    let brand = if rng.percent(50) {
        zpick(rng, IN_SURNAMES)[0].to_string()
    } else {
        format!(
            "{} {}",
            rng.pick(&["Shree", "Sri", "Om", "Jai", "New"]),
            zpick(rng, IN_MALE)
        )
    };
    let ind = *zpick(rng, INDUSTRY);
    let (legal, short) = *rng.pick(&[
        ("Private Limited", "Pvt. Ltd."),
        ("Limited", "Ltd."),
        ("LLP", "LLP"),
    ]);
    let primary = upper(&format!("{brand} {ind} {legal}"));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(upper(&format!("{brand} {ind} {short}"))));
        variants.push(aka(format!("{brand} {ind} {}", short.replace('.', ""))));
        variants.push(aka(format!("{brand} {ind}")));
        variants.push(fka(upper(&format!("{brand} Exports {legal}"))));
    }
    org_parts(primary, variants, None)
}

fn id_org(rng: &mut Rng, want: bool) -> Parts {
    let a = *zpick(rng, ID_BUSINESS);
    let b = *rng.pick(ID_BUSINESS);
    let brand = if a == b {
        format!("{a} {}", rng.pick(ID_SURNAMES))
    } else {
        format!("{a} {b}")
    };
    let primary = upper(&format!("PT {brand}"));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(format!("P.T. {brand}")));
        variants.push(aka(format!("{brand}, PT")));
        variants.push(aka(upper(&format!("PT {brand} Tbk"))));
        variants.push(aka(format!("Perseroan Terbatas {brand}")));
    }
    org_parts(primary, variants, None)
}

fn my_org(rng: &mut Rng, want: bool) -> Parts {
    let brand = format!("{} {}", zpick(rng, ID_BUSINESS), rng.pick(INDUSTRY));
    let primary = upper(&format!("{brand} Sdn Bhd"));
    let mut variants = Vec::new();
    if want {
        variants.push(aka(upper(&format!("{brand} Sdn. Bhd."))));
        variants.push(aka(format!("{brand} Sendirian Berhad")));
        variants.push(aka(brand.clone()));
        variants.push(fka(upper(&format!("{brand} Berhad"))));
    }
    org_parts(primary, variants, None)
}

// ------------------------------------------------------------------ vessels

const FLAGS: &[(&str, u32, &str)] = &[
    ("IR", 20, "422"),
    ("PA", 18, "352"),
    ("LR", 8, "636"),
    ("MH", 8, "538"),
    ("KM", 6, "616"),
    ("CM", 5, "613"),
    ("TG", 5, "671"),
    ("SL", 4, "667"),
    ("RU", 8, "273"),
    ("KP", 7, "445"),
    ("HK", 4, "477"),
    ("CN", 3, "413"),
    ("GA", 2, "626"),
    ("PW", 1, "511"),
    ("CK", 1, "518"),
];

fn vessel_name(rng: &mut Rng) -> String {
    match rng.weighted(&[35, 15, 15, 10, 15, 10]) {
        0 => upper(&format!(
            "{} {}",
            zpick(rng, VESSEL_WORDS),
            rng.pick(VESSEL_WORDS)
        )),
        1 => upper(&format!(
            "{} {}",
            zpick(rng, VESSEL_WORDS),
            1 + rng.below(99)
        )),
        2 => {
            let w = *zpick(rng, VESSEL_PERSIAN);
            let w = upper(w);
            if rng.percent(30) {
                format!("{w} {}", 1 + rng.below(9))
            } else {
                w
            }
        }
        3 => {
            let title = *rng.pick(VESSEL_RU_TITLES);
            let surname = *zpick(rng, RU_SURNAMES);
            format!(
                "{} {}",
                upper(title),
                upper(&ru_to_latin(surname, RuSystem::Bgn))
            )
        }
        4 => {
            let a = upper(zpick(rng, ZH_GIVEN).0);
            let b = upper(rng.pick(ZH_GIVEN).0);
            if rng.percent(50) {
                format!("{a} {b} {}", 1 + rng.below(99))
            } else {
                format!("{a} {b}")
            }
        }
        _ => {
            let a = upper(zpick(rng, KO_SYLLABLES).0);
            let b = upper(rng.pick(KO_SYLLABLES).0);
            let suffix = rng.pick(&["SAN", "GANG", "HO", "BONG"]);
            if rng.percent(50) {
                format!("{a} {b} {suffix} {}", 1 + rng.below(9))
            } else {
                format!("{a} {b} {suffix}")
            }
        }
    }
}

fn imo(rng: &mut Rng) -> String {
    let mut d = [0u32; 6];
    d[0] = 7 + rng.below(3) as u32;
    for x in d.iter_mut().skip(1) {
        *x = rng.below(10) as u32;
    }
    let check: u32 = d
        .iter()
        .zip([7, 6, 5, 4, 3, 2])
        .map(|(a, b)| a * b)
        .sum::<u32>()
        % 10;
    let mut s = String::from("IMO ");
    for x in d {
        s.push(char::from(b'0' + x as u8));
    }
    s.push(char::from(b'0' + check as u8));
    s
}

fn vessel(rng: &mut Rng, e: &mut Entity) {
    e.names[0].name = vessel_name(rng);
    let former = rng.weighted(&[45, 35, 15, 5]);
    for _ in 0..former {
        let n = vessel_name(rng);
        if !e.names.iter().any(|x| x.name == n) {
            e.names.push(Name::new(n, NameType::Fka));
        }
    }
    if e.names.len() < 5 && rng.percent(10) {
        let n = format!("M/T {}", e.names[0].name);
        e.names.push(Name::new(n, NameType::Aka));
    }
    let w: Vec<u32> = FLAGS.iter().map(|f| f.1).collect();
    let (flag, _, mid) = FLAGS[rng.weighted(&w)];
    e.countries.push(country(flag, CountryRole::Flag));
    if rng.percent(97) {
        e.identifiers.push(Identifier {
            id_type: IdentifierType::Imo,
            label: "Vessel Registration Identification".into(),
            value: imo(rng),
            country: None,
            note: None,
        });
    }
    if rng.percent(60) {
        e.identifiers.push(Identifier {
            id_type: IdentifierType::Mmsi,
            label: "MMSI".into(),
            value: format!("{mid}{}", digits(rng, 6)),
            country: None,
            note: None,
        });
    }
    let grt = 2_000 + rng.below(160_000);
    e.craft = Some(Box::new(CraftDetails {
        call_sign: Some(letters(rng, 4)),
        vessel_type: Some(rng.pick(VESSEL_TYPES).to_string()),
        tonnage: None,
        gross_registered_tonnage: Some(grt.to_string()),
        flag: Some(country_name(flag).to_string()),
        owner: None,
        other: Vec::new(),
    }));
    let c = match flag {
        "IR" => Culture::Fa,
        "RU" => Culture::Ru,
        "KP" => Culture::Ko,
        "HK" | "CN" => Culture::Zh,
        _ => *rng.pick(&[Culture::Fa, Culture::Ru, Culture::Ko, Culture::Ar]),
    };
    e.programs = programs(rng, c);
}

// ----------------------------------------------------------------- aircraft

fn tail_mark(rng: &mut Rng, code: &str) -> String {
    match code {
        "IR" => format!("EP-{}", letters(rng, 3)),
        "RU" => format!("RA-{}", digits(rng, 5)),
        "SY" => format!("YK-A{}", letters(rng, 2)),
        "KZ" => format!("UP-{}{}", letters(rng, 2), digits(rng, 3)),
        "KG" => format!("EX-{}", digits(rng, 5)),
        "KP" => format!("P-{}", 500 + rng.below(400)),
        "AE" => format!("A6-{}", letters(rng, 3)),
        "BY" => format!("EW-{}", digits(rng, 5)),
        _ => format!("4L-{}", letters(rng, 3)),
    }
}

fn aircraft(rng: &mut Rng, e: &mut Entity) {
    let (code, c) = [
        ("IR", Culture::Fa),
        ("RU", Culture::Ru),
        ("SY", Culture::Ar),
        ("KZ", Culture::Ru),
        ("KG", Culture::Ru),
        ("KP", Culture::Ko),
        ("AE", Culture::Ar),
        ("BY", Culture::Ru),
        ("GE", Culture::Ru),
    ][rng.weighted(&[35, 30, 5, 5, 5, 5, 5, 5, 5])];
    e.names[0].name = tail_mark(rng, code);
    if rng.percent(30) {
        let old = tail_mark(rng, code);
        if old != e.names[0].name {
            e.names.push(Name::new(old, NameType::Fka));
        }
    }
    let msn = digits(rng, 5);
    let model = rng.pick(AIRCRAFT_MODELS);
    e.craft = Some(Box::new(CraftDetails {
        other: vec![
            format!("Aircraft Model {model}"),
            format!("Aircraft Manufacture Date {}", 1975 + rng.below(45)),
            format!("Aircraft Manufacturer's Serial Number (MSN) {msn}"),
        ],
        ..CraftDetails::default()
    }));
    e.identifiers.push(Identifier {
        id_type: IdentifierType::AircraftId,
        label: "Aircraft Manufacturer's Serial Number (MSN)".into(),
        value: msn,
        country: None,
        note: None,
    });
    e.countries.push(country(code, CountryRole::Registration));
    e.programs = programs(rng, c);
}

// ------------------------------------------------------------------ queries

/// `n` screening queries against a synthetic (or any) corpus, in equal
/// shares of the five [`Category`] values, deterministic in `(corpus, n,
/// seed)`.
///
/// * Exact: a name of a random entity (the primary name or, one time in
///   four, an alias).
/// * Typo: one deterministic edit in the longest token of a name.
/// * Reordered: `SURNAME, Given` as `Given Surname`, other names rotated.
/// * CrossScript: a person's Latin primary name written in the script of its
///   country (Cyrillic, Arabic, Persian, Han, Hangul) by the tables of
///   [`crate::translit`]; entities whose name cannot be converted are skipped.
/// * NonMatch: invented persons and companies from naming cultures the
///   generator never uses (Nordic, Italian, Dutch, Japanese, Polish, Greek,
///   Portuguese, Irish, Finnish).
///
/// Half of the queries carry the expected entity's kind, half carry none.
pub fn synthetic_queries(corpus: &[Entity], n: usize, seed: u64) -> Vec<BenchQuery> {
    let mut out = Vec::with_capacity(n);
    if corpus.is_empty() {
        return out;
    }
    let cats = Category::ALL;
    for (ci, &cat) in cats.iter().enumerate() {
        let share = n / cats.len() + usize::from(ci < n % cats.len());
        let mut rng = Rng::for_item(seed, 0xC0FFEE + ci as u64);
        let mut made = 0;
        let mut tries = 0;
        while made < share && tries < share * 50 + 1000 {
            tries += 1;
            let q = match cat {
                Category::NonMatch => Some(queries::nonmatch_query(&mut rng)),
                _ => {
                    let e = &corpus[rng.below(corpus.len())];
                    let name = match cat {
                        Category::Exact => {
                            if e.names.len() > 1 && rng.percent(25) {
                                Some(e.names[1 + rng.below(e.names.len() - 1)].name.clone())
                            } else {
                                Some(e.primary_name().to_string())
                            }
                        }
                        Category::Typo => queries::typo(e.primary_name()),
                        Category::Reordered => queries::reorder(e.primary_name(), e.kind),
                        Category::CrossScript => cross_script(e),
                        Category::NonMatch => unreachable!(),
                    };
                    name.map(|name| BenchQuery {
                        category: cat,
                        name,
                        kind: Some(e.kind),
                        expected: Some(e.id.clone()),
                    })
                }
            };
            if let Some(mut q) = q {
                if made % 2 == 1 {
                    q.kind = None;
                }
                out.push(q);
                made += 1;
            }
        }
    }
    out
}

/// The primary name of a person in the script of its country, if the
/// tables can write it.
fn cross_script(e: &Entity) -> Option<String> {
    if e.kind != EntityKind::Person {
        return None;
    }
    let code = e.countries.first()?.code.as_deref()?;
    let name = e.primary_name();
    if !name.is_ascii() {
        return None;
    }
    match code {
        "RU" | "UA" | "BY" | "KZ" => Some(latin_to_cyrillic(&queries::natural_order(name))),
        "IR" => latin_to_arabic(&queries::natural_order(name), true),
        "SY" | "IQ" | "LB" | "YE" | "AE" | "SA" | "EG" | "JO" | "KW" | "QA" => {
            latin_to_arabic(&queries::natural_order(name), false)
        }
        "CN" | "HK" | "SG" => latin_to_han(name),
        "KP" | "KR" => latin_to_hangul(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn has_script(corpus: &[Entity], range: std::ops::RangeInclusive<char>) -> bool {
        corpus
            .iter()
            .flat_map(|e| &e.names)
            .any(|n| n.name.chars().any(|c| range.contains(&c)))
    }

    #[test]
    fn deterministic_and_prefix_stable() {
        let a = synthetic_corpus(3_000, 42);
        let b = synthetic_corpus(3_000, 42);
        assert_eq!(a, b);
        let c = synthetic_corpus(1_000, 42);
        assert_eq!(&a[..1_000], &c[..]);
        let d = synthetic_corpus(1_000, 43);
        assert_ne!(c, d);
        assert_eq!(a[7].id, "synth:7");
        assert_eq!(a[7], synthetic_entity(7, 42));
    }

    #[test]
    fn golden_names() {
        // Pins the generator's output: if this changes, the corpus (and every
        // benchmark figure recorded on it) changed. Update deliberately, and
        // say so in BENCHMARKS.md.
        let corpus = synthetic_corpus(2_000, 1);
        let mut text = String::new();
        for e in &corpus {
            text.push_str(e.kind.as_str());
            for n in &e.names {
                text.push('|');
                text.push_str(&n.name);
            }
            text.push('\n');
        }
        let h = crate::rng::fnv1a(text.as_bytes());
        assert_eq!(
            format!("{:?}/{}", corpus[0].kind, corpus[0].primary_name()),
            "Person/ABDULLAH, Muhammad Ahmad"
        );
        assert_eq!(format!("{h:016x}"), GOLDEN_2000);
    }
    const GOLDEN_2000: &str = "3699a736955891c9";

    #[test]
    fn aggregate_profile_has_a_long_tail_and_a_heavy_head() {
        use std::collections::HashMap;
        let n = 20_000;
        let count = |corpus: &[Entity]| {
            let mut df: HashMap<String, u32> = HashMap::new();
            for e in corpus {
                for w in e
                    .primary_name()
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                {
                    *df.entry(w.to_lowercase()).or_default() += 1;
                }
            }
            df
        };
        let lists = count(&synthetic_corpus(n, 3));
        let agg = count(&synthetic_corpus_with(n, 3, Profile::Aggregate));
        let once = |df: &HashMap<String, u32>| df.values().filter(|&&c| c == 1).count();
        // Many more distinct words, most of the new ones seen once.
        assert!(
            agg.len() * 2 > lists.len() * 3,
            "{} vs {}",
            agg.len(),
            lists.len()
        );
        assert!(
            once(&agg) > once(&lists) * 2,
            "{} vs {} seen once",
            once(&agg),
            once(&lists)
        );
        // The head stays heavy: the commonest coined word is held by
        // hundreds of names.
        let head = agg
            .get(&coined_word(0).to_lowercase())
            .copied()
            .unwrap_or(0);
        assert!(head > 300, "{head}");
        // The same entities: ids, kinds and name counts unchanged.
        let a = synthetic_corpus(500, 3);
        let b = synthetic_corpus_with(500, 3, Profile::Aggregate);
        assert!(a
            .iter()
            .zip(&b)
            .all(|(x, y)| x.id == y.id && x.kind == y.kind && x.names.len() == y.names.len()));
    }

    #[test]
    fn coined_words_are_distinct_and_replaced_as_whole_words() {
        let words: std::collections::HashSet<String> = (0..100_000).map(coined_word).collect();
        assert_eq!(words.len(), 100_000);
        assert_eq!(
            replace_word("IVANOV, Ivan Ivanovich", "ivanov", "Bedaka").as_deref(),
            Some("BEDAKA, Ivan Ivanovich")
        );
        assert_eq!(replace_word("Petrov", "ivanov", "Bedaka"), None);
    }

    #[test]
    fn kinds_within_tolerance() {
        let corpus = synthetic_corpus(20_000, 7);
        let count = |k| corpus.iter().filter(|e| e.kind == k).count() as f64 / 20_000.0;
        assert!((count(EntityKind::Person) - 0.55).abs() < 0.02);
        assert!((count(EntityKind::Organization) - 0.38).abs() < 0.02);
        assert!((count(EntityKind::Vessel) - 0.05).abs() < 0.01);
        assert!((count(EntityKind::Aircraft) - 0.02).abs() < 0.006);
        let aliases: usize = corpus.iter().map(|e| e.names.len() - 1).sum();
        let mean = aliases as f64 / corpus.len() as f64;
        assert!((0.8..2.0).contains(&mean), "mean aliases {mean}");
        assert!(corpus
            .iter()
            .all(|e| e.names.len() <= 5 && !e.primary_name().is_empty()));
    }

    #[test]
    fn scripts_and_forms_present() {
        let corpus = synthetic_corpus(20_000, 7);
        assert!(has_script(&corpus, '\u{0400}'..='\u{04FF}'), "Cyrillic");
        assert!(has_script(&corpus, '\u{0600}'..='\u{06FF}'), "Arabic");
        assert!(has_script(&corpus, '\u{4E00}'..='\u{9FFF}'), "Han");
        assert!(has_script(&corpus, '\u{AC00}'..='\u{D7AF}'), "Hangul");
        let all: String = corpus
            .iter()
            .take(5_000)
            .flat_map(|e| e.names.iter().map(|n| n.name.as_str()))
            .collect::<Vec<_>>()
            .join("|");
        for needle in [
            "OOO",
            "ООО",
            "GMBH",
            "CO., LTD.",
            "FZE",
            "SDN BHD",
            "شركة",
            "LLC",
            "JOINT STOCK",
        ] {
            assert!(all.contains(needle), "{needle}");
        }
        assert!(corpus.iter().any(|e| e
            .identifiers
            .iter()
            .any(|i| i.id_type == IdentifierType::Imo)));
        assert!(corpus
            .iter()
            .any(|e| matches!(e.dates_of_birth.first(), Some(DateOfBirth::Circa { .. }))));
    }

    #[test]
    fn vocabulary_grows_with_n() {
        let tokens = |n| {
            synthetic_corpus(n, 3)
                .iter()
                .flat_map(|e| {
                    e.names
                        .iter()
                        .flat_map(|n| n.name.split_whitespace().map(str::to_lowercase))
                        .collect::<Vec<_>>()
                })
                .collect::<HashSet<_>>()
                .len()
        };
        let small = tokens(2_000);
        let large = tokens(20_000);
        assert!(large as f64 > small as f64 * 1.8, "{small} -> {large}");
    }

    #[test]
    fn imo_check_digit() {
        let mut rng = Rng::new(5);
        for _ in 0..100 {
            let v = imo(&mut rng);
            let d: Vec<u32> = v[4..].chars().map(|c| c.to_digit(10).unwrap()).collect();
            let sum: u32 = d[..6]
                .iter()
                .zip([7, 6, 5, 4, 3, 2])
                .map(|(a, b)| a * b)
                .sum();
            assert_eq!(sum % 10, d[6]);
        }
    }

    #[test]
    fn synthetic_query_mix() {
        let corpus = synthetic_corpus(5_000, 11);
        let qs = synthetic_queries(&corpus, 1_000, 5);
        assert_eq!(qs, synthetic_queries(&corpus, 1_000, 5));
        assert_eq!(qs.len(), 1_000);
        for cat in Category::ALL {
            assert_eq!(
                qs.iter().filter(|q| q.category == cat).count(),
                200,
                "{cat:?}"
            );
        }
        let cross = qs.iter().filter(|q| q.category == Category::CrossScript);
        assert!(cross.clone().all(|q| !q.name.is_ascii()));
        assert!(qs
            .iter()
            .filter(|q| q.category == Category::NonMatch)
            .all(|q| q.expected.is_none()));
        let ids: HashSet<&str> = corpus.iter().map(|e| e.id.as_str()).collect();
        assert!(qs
            .iter()
            .filter_map(|q| q.expected.as_deref())
            .all(|id| ids.contains(id)));
    }
}
