//! Small transliteration tables used by the generator (Cyrillic → Latin in
//! five real-world systems, which produce the spelling variants found on
//! lists) and by the query sets (Latin → Cyrillic, Arabic, Han and Hangul,
//! to build cross-script queries).
//!
//! These are deliberately simple, self-contained tables: they make realistic
//! test data, they are not the engine's romaniser.

use crate::names;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A Cyrillic → Latin romanisation system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuSystem {
    /// BGN/PCGN as OFAC writes it (no apostrophes; `ё` as `e`).
    Bgn,
    /// ICAO Doc 9303 (Russian passports since 2013): `й`→`i`, `я`→`ia`.
    Icao,
    /// The everyday English spelling: `ё`→`yo`, final `-ий`→`-y`.
    Popular,
    /// German (Duden): `ж`/`ш`→`sch`, `в`→`w`, `й`→`j`.
    German,
    /// French: `у`→`ou`, `ш`→`ch`, `ч`→`tch`.
    French,
}

pub const RU_SYSTEMS: [RuSystem; 5] = [
    RuSystem::Bgn,
    RuSystem::Icao,
    RuSystem::Popular,
    RuSystem::German,
    RuSystem::French,
];

fn is_ru_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'ь' | 'ъ' | 'й'
    )
}

/// Romanises Cyrillic text word by word; an upper-case source letter gives a
/// capitalised Latin rendering. Non-Cyrillic characters pass through.
pub fn ru_to_latin(text: &str, sys: RuSystem) -> String {
    use RuSystem::*;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let orig = chars[i];
        let c = lower_cyr(orig);
        let upper = orig != c;
        let prev = if i > 0 {
            Some(lower_cyr(chars[i - 1]))
        } else {
            None
        };
        let next = chars.get(i + 1).map(|&n| lower_cyr(n));
        let after = chars.get(i + 2).map(|&n| lower_cyr(n));
        let word_start = prev.is_none_or(|p| !is_cyr(p));
        let word_end_after_next = after.is_none_or(|a| !is_cyr(a));
        let soft_context = word_start || prev.is_some_and(is_ru_vowel);
        let vowel_around = prev.is_some_and(is_ru_vowel) && next.is_some_and(is_ru_vowel);
        let mut skip = 0;
        let s: &str = match c {
            'и' if next == Some('й') && word_end_after_next => {
                skip = 1;
                match sys {
                    Bgn => "iy",
                    Icao => "ii",
                    Popular => "y",
                    German => "ij",
                    French => "i",
                }
            }
            'ы' if next == Some('й') && word_end_after_next => {
                skip = 1;
                match sys {
                    Bgn => "yy",
                    Icao => "yi",
                    Popular | French => "y",
                    German => "yj",
                }
            }
            'а' => "a",
            'б' => "b",
            'в' => {
                if sys == German {
                    "w"
                } else {
                    "v"
                }
            }
            'г' => {
                if sys == French && matches!(next, Some('е' | 'и' | 'ё' | 'ю' | 'я' | 'ы')) {
                    "gu"
                } else {
                    "g"
                }
            }
            'д' => "d",
            'е' => match sys {
                Bgn | Popular if soft_context => "ye",
                German if soft_context => "je",
                French if prev == Some('ь') => "ie",
                _ => "e",
            },
            'ё' => match sys {
                Bgn | Icao => "e",
                Popular if matches!(prev, Some('ж' | 'ч' | 'ш' | 'щ')) => "o",
                Popular => "yo",
                German => "jo",
                French => "io",
            },
            'ж' => match sys {
                German => "sch",
                French => "j",
                _ => "zh",
            },
            'з' => {
                if sys == German {
                    "s"
                } else {
                    "z"
                }
            }
            'и' => "i",
            'й' => match sys {
                Bgn | Popular => "y",
                Icao => "i",
                German => "j",
                French => "ï",
            },
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => {
                if matches!(sys, German | French) && vowel_around {
                    "ss"
                } else {
                    "s"
                }
            }
            'т' => "t",
            'у' => {
                if sys == French {
                    "ou"
                } else {
                    "u"
                }
            }
            'ф' => "f",
            'х' => {
                if sys == German {
                    "ch"
                } else {
                    "kh"
                }
            }
            'ц' => {
                if sys == German {
                    "z"
                } else {
                    "ts"
                }
            }
            'ч' => match sys {
                German => "tsch",
                French => "tch",
                _ => "ch",
            },
            'ш' => match sys {
                German => "sch",
                French => "ch",
                _ => "sh",
            },
            'щ' => match sys {
                German => "schtsch",
                French => "chtch",
                _ => "shch",
            },
            'ъ' => {
                if sys == Icao {
                    "ie"
                } else {
                    ""
                }
            }
            'ы' => "y",
            'ь' => "",
            'э' => "e",
            'ю' => match sys {
                Icao => "iu",
                German => "ju",
                French => "iou",
                _ => "yu",
            },
            'я' => match sys {
                Icao | French => "ia",
                German => "ja",
                _ => "ya",
            },
            _ => {
                out.push(orig);
                i += 1;
                continue;
            }
        };
        if upper {
            let mut it = s.chars();
            if let Some(f) = it.next() {
                out.extend(f.to_uppercase());
                out.push_str(it.as_str());
            }
        } else {
            out.push_str(s);
        }
        i += 1 + skip;
    }
    out
}

fn is_cyr(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn lower_cyr(c: char) -> char {
    match c {
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        _ => c,
    }
}

/// The feminine form of a Russian surname (`Иванов` → `Иванова`,
/// `Жуковский` → `Жуковская`); indeclinable ones are returned unchanged.
pub fn ru_feminine(surname: &str) -> String {
    if let Some(stem) = surname.strip_suffix("ий") {
        return format!("{stem}ая");
    }
    if let Some(stem) = surname.strip_suffix("ой") {
        return format!("{stem}ая");
    }
    if ["ов", "ев", "ёв", "ин", "ын"]
        .iter()
        .any(|s| surname.ends_with(s))
    {
        return format!("{surname}а");
    }
    surname.to_string()
}

/// The patronymic derived from a father's given name.
pub fn ru_patronymic(father: &str, female: bool) -> String {
    let (m, f) = match father {
        "Илья" => {
            return if female {
                "Ильинична"
            } else {
                "Ильич"
            }
            .to_string()
        }
        "Никита" => {
            return if female {
                "Никитична"
            } else {
                "Никитич"
            }
            .to_string()
        }
        "Лев" => ("Львович", "Львовна"),
        "Пётр" => ("Петрович", "Петровна"),
        "Павел" => ("Павлович", "Павловна"),
        "Дмитрий" | "Георгий" | "Арсений" => {
            let stem = &father[..father.len() - "й".len()];
            return format!("{stem}{}", if female { "евна" } else { "евич" });
        }
        _ => ("", ""),
    };
    if !m.is_empty() {
        return if female { f } else { m }.to_string();
    }
    let (stem, suffix_m, suffix_f) = if let Some(s) = father.strip_suffix("ий") {
        (s.to_string() + "ь", "евич", "евна")
    } else if let Some(s) = father.strip_suffix('й') {
        (s.to_string(), "евич", "евна")
    } else if let Some(s) = father.strip_suffix('ь') {
        (s.to_string(), "евич", "евна")
    } else if let Some(s) = father.strip_suffix('а') {
        (s.to_string(), "ович", "овна")
    } else {
        (father.replace('ё', "е"), "ович", "овна")
    };
    format!("{stem}{}", if female { suffix_f } else { suffix_m })
}

/// Latin (any common romanisation) → Cyrillic, greedy by longest cluster.
/// Approximate by design: it is what a person typing a Russian name in
/// Cyrillic from a Latin document would produce.
pub fn latin_to_cyrillic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for word in split_keep(text) {
        match word {
            Piece::Sep(s) => out.push_str(s),
            Piece::Word(w) => out.push_str(&word_to_cyrillic(w)),
        }
    }
    out
}

enum Piece<'a> {
    Word(&'a str),
    Sep(&'a str),
}

fn split_keep(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_word = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphabetic() || c == '\'';
        match in_word {
            None => in_word = Some(w),
            Some(prev) if prev != w => {
                let s = &text[start..i];
                pieces.push(if prev { Piece::Word(s) } else { Piece::Sep(s) });
                start = i;
                in_word = Some(w);
            }
            _ => {}
        }
    }
    if let Some(w) = in_word {
        let s = &text[start..];
        pieces.push(if w { Piece::Word(s) } else { Piece::Sep(s) });
    }
    pieces
}

fn is_lat_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn word_to_cyrillic(word: &str) -> String {
    let folded = strip_diacritics(word).to_lowercase();
    let b = folded.as_bytes();
    let capital = word.chars().next().is_some_and(|c| c.is_uppercase());
    let all_caps = word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word.chars().all(|c| !c.is_lowercase());
    let mut out = String::new();
    let mut i = 0;
    let n = b.len();
    while i < n {
        let rest = &b[i..];
        let at_start = i == 0;
        let prev_vowel = i > 0 && is_lat_vowel(b[i - 1]);
        let prev_cons = i > 0 && b[i - 1].is_ascii_alphabetic() && !is_lat_vowel(b[i - 1]);
        let (s, len): (&str, usize) = if rest.starts_with(b"shch") {
            ("щ", 4)
        } else if rest.starts_with(b"zh") {
            ("ж", 2)
        } else if rest.starts_with(b"kh") {
            ("х", 2)
        } else if rest.starts_with(b"ts") {
            ("ц", 2)
        } else if rest.starts_with(b"ch") {
            ("ч", 2)
        } else if rest.starts_with(b"sh") {
            ("ш", 2)
        } else if rest == b"iy" || rest == b"ii" || (rest == b"y" && prev_cons) {
            ("ий", rest.len())
        } else if rest == b"yy" {
            ("ый", 2)
        } else if rest.starts_with(b"yu") || rest.starts_with(b"iu") {
            ("ю", 2)
        } else if rest.starts_with(b"ya") {
            ("я", 2)
        } else if rest.starts_with(b"yo") {
            ("ё", 2)
        } else if rest.starts_with(b"ye") {
            if at_start || prev_vowel {
                ("е", 2)
            } else {
                ("ье", 2)
            }
        } else if rest.starts_with(b"ia") {
            ("ия", 2)
        } else {
            let c = rest[0];
            let s = match c {
                b'a' => "а",
                b'b' => "б",
                b'v' | b'w' => "в",
                b'g' => "г",
                b'd' => "д",
                b'e' => {
                    if at_start {
                        "э"
                    } else {
                        "е"
                    }
                }
                b'z' => "з",
                b'i' => "и",
                b'k' | b'c' | b'q' => "к",
                b'l' => "л",
                b'm' => "м",
                b'n' => "н",
                b'o' => "о",
                b'p' => "п",
                b'r' => "р",
                b's' => "с",
                b't' => "т",
                b'u' => "у",
                b'f' => "ф",
                b'h' => "х",
                b'x' => "кс",
                b'j' => "дж",
                b'\'' => "ь",
                b'y' => {
                    if prev_vowel || at_start {
                        "й"
                    } else {
                        "ы"
                    }
                }
                _ => "",
            };
            (s, 1)
        };
        out.push_str(s);
        i += len;
    }
    if all_caps {
        return out.to_uppercase();
    }
    if capital {
        let mut it = out.chars();
        if let Some(f) = it.next() {
            return f.to_uppercase().chain(it).collect();
        }
    }
    out
}

/// Removes the diacritics of the Latin letters found on lists (and expands
/// `ß` to `ss`); other characters pass through.
pub fn strip_diacritics(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let r: &str = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => "a",
            'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ą' => "A",
            'é' | 'è' | 'ê' | 'ë' | 'ę' => "e",
            'É' | 'È' | 'Ê' | 'Ë' | 'Ę' => "E",
            'í' | 'ì' | 'î' | 'ï' | 'ı' => "i",
            'Í' | 'Ì' | 'Î' | 'Ï' | 'İ' => "I",
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
            'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => "O",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'Ú' | 'Ù' | 'Û' | 'Ü' => "U",
            'ñ' | 'ń' => "n",
            'Ñ' | 'Ń' => "N",
            'ç' | 'ć' => "c",
            'Ç' | 'Ć' => "C",
            'ş' | 'ś' => "s",
            'Ş' | 'Ś' => "S",
            'ğ' => "g",
            'Ğ' => "G",
            'ł' => "l",
            'Ł' => "L",
            'ź' | 'ż' => "z",
            'Ź' | 'Ż' => "Z",
            'ß' => "ss",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(r);
    }
    out
}

/// German-style folding: `ä`→`ae`, `ö`→`oe`, `ü`→`ue`, then
/// [`strip_diacritics`].
pub fn german_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            c => out.push(c),
        }
    }
    strip_diacritics(&out)
}

/// Upper-case as lists print surnames (`İ`/`ı` handled the Turkish way).
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'i' => out.push('I'),
            'ı' => out.push('I'),
            c => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// `"SHAGIVALEEV"` → `"Shagivaleev"`, `"AL-TAMIMI"` → `"Al-Tamimi"`: the first
/// letter of each word (after a space or a hyphen) upper-case, the rest lower.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c == ' ' || c == '-';
        }
    }
    out
}

// ------------------------------------------------ reverse script dictionaries

struct ReverseTables {
    arabic: HashMap<String, &'static str>,
    persian: HashMap<String, &'static str>,
    han: HashMap<String, &'static str>,
    han_surnames: HashMap<String, &'static str>,
    han_max: usize,
    hangul: HashMap<String, &'static str>,
}

/// Latin key for dictionary look-ups: lower-case ASCII letters only.
pub fn latin_key(s: &str) -> String {
    strip_diacritics(s)
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn reverse_tables() -> &'static ReverseTables {
    static T: OnceLock<ReverseTables> = OnceLock::new();
    T.get_or_init(|| {
        let mut arabic = HashMap::new();
        let mut persian = HashMap::new();
        for (ar, lats) in names::AR_MALE.iter().chain(names::AR_FEMALE) {
            for l in *lats {
                arabic.entry(latin_key(l)).or_insert(*ar);
            }
        }
        for (ar, lats, _) in names::AR_FAMILY {
            for l in *lats {
                arabic.entry(latin_key(l)).or_insert(*ar);
            }
        }
        for (ar, lat) in ABD_SUFFIXES.iter().chain(AR_EXTRA) {
            arabic.entry(latin_key(lat)).or_insert(*ar);
        }
        for (fa, lats) in names::FA_MALE
            .iter()
            .chain(names::FA_FEMALE)
            .chain(names::FA_SURNAMES)
        {
            for l in *lats {
                persian.entry(latin_key(l)).or_insert(*fa);
            }
        }
        let mut han = HashMap::new();
        let mut han_surnames = HashMap::new();
        for (py, h) in names::ZH_GIVEN {
            han.entry(latin_key(py)).or_insert(*h);
        }
        for (py, h, _) in names::ZH_SURNAMES {
            han.entry(latin_key(py)).or_insert(*h);
            han_surnames.entry(latin_key(py)).or_insert(*h);
        }
        let han_max = han.keys().map(|k| k.len()).max().unwrap_or(1);
        let mut hangul = HashMap::new();
        for (rr, alt, h) in names::KO_SURNAMES.iter().chain(names::KO_SYLLABLES) {
            hangul.entry(latin_key(rr)).or_insert(*h);
            hangul.entry(latin_key(alt)).or_insert(*h);
        }
        ReverseTables {
            arabic,
            persian,
            han,
            han_surnames,
            han_max,
            hangul,
        }
    })
}

/// Names that follow `Abd` ("servant of") in Arabic compound names.
const ABD_SUFFIXES: &[(&str, &str)] = &[
    ("رحمن", "rahman"),
    ("رحيم", "rahim"),
    ("عزيز", "aziz"),
    ("كريم", "karim"),
    ("حميد", "hamid"),
    ("مجيد", "majid"),
    ("لطيف", "latif"),
    ("قادر", "qadir"),
    ("رزاق", "razzaq"),
    ("سلام", "salam"),
    ("وهاب", "wahab"),
    ("حكيم", "hakim"),
    ("جبار", "jabbar"),
    ("غني", "ghani"),
    ("ملك", "malik"),
    ("ناصر", "nasser"),
    ("واحد", "wahid"),
    ("الله", "allah"),
];

/// Further common Arabic name words seen on lists.
const AR_EXTRA: &[(&str, &str)] = &[
    ("بكر", "bakr"),
    ("حاج", "haj"),
    ("حاج", "hajj"),
    ("دين", "din"),
    ("نصر", "nasr"),
    ("شيخ", "sheikh"),
    ("شيخ", "shaykh"),
    ("زين", "zayn"),
    ("زين", "zein"),
    ("هاشم", "hashim"),
    ("جمعة", "juma"),
    ("جمعة", "jumaa"),
    ("أمين", "amin"),
    ("أمين", "amine"),
    ("نور", "nur"),
    ("حسني", "husni"),
    ("فتحي", "fathi"),
];

/// Arabic-script form of a Latin name when every word is known (`None`
/// otherwise). `persian` prefers the Persian spellings (`ی`, `ک`).
pub fn latin_to_arabic(name: &str, persian: bool) -> Option<String> {
    let t = reverse_tables();
    let lookup = |k: &str| -> Option<&'static str> {
        if persian {
            t.persian.get(k).or_else(|| t.arabic.get(k)).copied()
        } else {
            t.arabic.get(k).or_else(|| t.persian.get(k)).copied()
        }
    };
    let tokens: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .map(latin_key)
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i].as_str();
        // Two tokens that form one dictionary entry ("abd allah", "mohammad reza").
        if i + 1 < tokens.len() {
            let joined = format!("{tok}{}", tokens[i + 1]);
            if let Some(a) = lookup(&joined) {
                out.push(a.to_string());
                i += 2;
                continue;
            }
        }
        match tok {
            "al" | "el" | "ul" if i + 1 < tokens.len() => {
                let a = lookup(&tokens[i + 1])?;
                out.push(format!("ال{a}"));
                i += 2;
                continue;
            }
            "bin" | "ibn" | "ben" => out.push("بن".into()),
            "bint" | "binti" => out.push("بنت".into()),
            "abu" | "abou" => out.push("أبو".into()),
            "abd" | "abdul" | "abdel" | "abdol" | "abdal" | "abdoul" => {
                let mut j = i + 1;
                if j < tokens.len() && matches!(tokens[j].as_str(), "al" | "el" | "ul") {
                    j += 1;
                }
                let next = tokens.get(j)?;
                let a = lookup(next)?;
                if a == "الله" {
                    out.push("عبد الله".into());
                } else {
                    out.push(format!("عبد ال{a}"));
                }
                i = j + 1;
                continue;
            }
            _ => {
                if let Some(a) = lookup(tok) {
                    out.push(a.to_string());
                } else if let Some(a) = tok
                    .strip_prefix("al")
                    .filter(|r| r.len() > 2)
                    .and_then(lookup)
                {
                    out.push(format!("ال{a}"));
                } else {
                    return None;
                }
            }
        }
        i += 1;
    }
    Some(out.join(" "))
}

fn segment<'a>(
    s: &str,
    dict: &'a HashMap<String, &'static str>,
    max: usize,
) -> Option<Vec<&'a str>> {
    // Longest-match first with backtracking; names are short.
    if s.is_empty() {
        return Some(Vec::new());
    }
    for len in (1..=max.min(s.len())).rev() {
        if !s.is_char_boundary(len) {
            continue;
        }
        if let Some(h) = dict.get(&s[..len]) {
            if let Some(mut rest) = segment(&s[len..], dict, max) {
                rest.insert(0, h);
                return Some(rest);
            }
        }
    }
    None
}

/// Han form of a pinyin name (`"WANG, Xiaoming"` → `"王晓明"`), when every
/// syllable is in the tables.
pub fn latin_to_han(name: &str) -> Option<String> {
    let t = reverse_tables();
    let mut out = String::new();
    let mut first = true;
    for tok in name.split(|c: char| c.is_whitespace() || c == ',' || c == '-') {
        let k = latin_key(tok);
        if k.is_empty() {
            continue;
        }
        // The first word is the surname: prefer the surname character.
        if let Some(h) = first.then(|| t.han_surnames.get(&k)).flatten() {
            out.push_str(h);
        } else {
            for h in segment(&k, &t.han, t.han_max)? {
                out.push_str(h);
            }
        }
        first = false;
    }
    (!out.is_empty()).then_some(out)
}

/// Hangul form of a romanised Korean name (`"KIM, Jong Un"` → `"김정은"`).
pub fn latin_to_hangul(name: &str) -> Option<String> {
    let t = reverse_tables();
    let mut out = String::new();
    for tok in name.split(|c: char| c.is_whitespace() || c == ',' || c == '-') {
        let k = latin_key(tok);
        if k.is_empty() {
            continue;
        }
        for h in segment(&k, &t.hangul, 6)? {
            out.push_str(h);
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_systems() {
        assert_eq!(ru_to_latin("Сергей", RuSystem::Bgn), "Sergey");
        assert_eq!(ru_to_latin("Сергей", RuSystem::Icao), "Sergei");
        assert_eq!(ru_to_latin("Сергей", RuSystem::French), "Sergueï");
        assert_eq!(ru_to_latin("Юрий", RuSystem::Bgn), "Yuriy");
        assert_eq!(ru_to_latin("Юрий", RuSystem::Popular), "Yury");
        assert_eq!(ru_to_latin("Елена", RuSystem::Bgn), "Yelena");
        assert_eq!(ru_to_latin("Фёдоров", RuSystem::Popular), "Fyodorov");
        assert_eq!(ru_to_latin("Фёдоров", RuSystem::Bgn), "Fedorov");
        assert_eq!(ru_to_latin("Григорьев", RuSystem::Bgn), "Grigoryev");
        assert_eq!(ru_to_latin("Хрущёв", RuSystem::German), "Chruschtschjow");
        assert_eq!(ru_to_latin("Жуковский", RuSystem::Bgn), "Zhukovskiy");
        assert_eq!(ru_to_latin("ООО «Вектор»", RuSystem::Bgn), "OOO «Vektor»");
    }

    #[test]
    fn russian_morphology() {
        assert_eq!(ru_feminine("Иванов"), "Иванова");
        assert_eq!(ru_feminine("Жуковский"), "Жуковская");
        assert_eq!(ru_feminine("Шевченко"), "Шевченко");
        assert_eq!(ru_patronymic("Сергей", false), "Сергеевич");
        assert_eq!(ru_patronymic("Юрий", true), "Юрьевна");
        assert_eq!(ru_patronymic("Дмитрий", false), "Дмитриевич");
        assert_eq!(ru_patronymic("Игорь", false), "Игоревич");
        assert_eq!(ru_patronymic("Иван", true), "Ивановна");
        assert_eq!(ru_patronymic("Пётр", false), "Петрович");
        assert_eq!(ru_patronymic("Артём", false), "Артемович");
    }

    #[test]
    fn latin_to_cyrillic_round_trips_common_names() {
        assert_eq!(latin_to_cyrillic("Timur Shagivaleev"), "Тимур Шагивалеев");
        assert_eq!(latin_to_cyrillic("Sergey Ivanov"), "Сергей Иванов");
        assert_eq!(latin_to_cyrillic("Dmitry"), "Дмитрий");
        assert_eq!(latin_to_cyrillic("Grigoryev"), "Григорьев");
        assert_eq!(latin_to_cyrillic("Zhukovskiy"), "Жуковский");
        assert_eq!(latin_to_cyrillic("IVANOV"), "ИВАНОВ");
    }

    #[test]
    fn other_scripts() {
        assert_eq!(
            latin_to_arabic("AL-TAMIMI, Ahmad Ali", false).as_deref(),
            Some("التميمي أحمد علي")
        );
        assert_eq!(
            latin_to_arabic("Abd al-Rahman", false).as_deref(),
            Some("عبد الرحمن")
        );
        assert_eq!(
            latin_to_arabic("Abdul Aziz", false).as_deref(),
            Some("عبد العزيز")
        );
        assert_eq!(latin_to_arabic("John Smith", false), None);
        assert_eq!(
            latin_to_arabic("Qasem Soleimani", true).as_deref(),
            Some("قاسم سلیمانی")
        );
        assert_eq!(latin_to_han("WANG, Xiaoming").as_deref(), Some("王晓明"));
        assert_eq!(latin_to_hangul("KIM, Jong Un").as_deref(), Some("김정은"));
        assert_eq!(latin_to_hangul("Kim Jong-un").as_deref(), Some("김정은"));
    }

    #[test]
    fn latin_helpers() {
        assert_eq!(
            strip_diacritics("García Müller Şahin"),
            "Garcia Muller Sahin"
        );
        assert_eq!(german_fold("Müller"), "Mueller");
        assert_eq!(upper("Yılmaz"), "YILMAZ");
        assert_eq!(title_case("AL-TAMIMI"), "Al-Tamimi");
    }
}
