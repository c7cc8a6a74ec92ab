//! Cyrillic romanisation: four schemes per word, in this order (the column
//! order of the name forms):
//!
//! 0. ICAO 9303 (machine-readable passports): е ё → e, й → i, х → kh,
//!    ц → ts, щ → shch, ъ → ie, ю → iu, я → ia; `-ий` → `ii`.
//! 1. BGN/PCGN (without diacritics): е → ye at word start and after a
//!    vowel, ё → yo there and e elsewhere, й → y, ю → yu, я → ya;
//!    `-ий` → `iy`, `-ый` → `yy`.
//! 2. Common anglicised forms: like BGN but е → e, ё → yo, `-ий`/`-ый` → y,
//!    and a few given names in their English spelling (Александр →
//!    alexander, Юрий → yuri, ...).
//! 3. GOST 7.79 system B (without its apostrophes): й → j, х → x, ц → c,
//!    щ → shh, ё → yo, ю → yu, я → ya.
//!
//! Ukrainian (і ї є ґ present): и → y, г → h, є → ie/ye, ї → i/yi.
//! Belarusian (ў present): г → h, ў → u/w. Kazakh letters (ә ғ қ ң ө ұ ү һ)
//! and Serbian/Macedonian letters (ђ ј љ њ ћ џ ѓ ќ ѕ) have fixed readings.

/// Scheme count (columns).
pub const SCHEMES: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Russian,
    Ukrainian,
    Belarusian,
}

/// Letters read the same way in all four schemes (or with a fixed
/// per-scheme reading), before context rules. `[icao, bgn, anglo, gost]`.
pub const LETTERS: &[(char, [&str; 4])] = &[
    ('а', ["a", "a", "a", "a"]),
    ('б', ["b", "b", "b", "b"]),
    ('в', ["v", "v", "v", "v"]),
    ('г', ["g", "g", "g", "g"]),
    ('д', ["d", "d", "d", "d"]),
    ('е', ["e", "e", "e", "e"]),
    ('ё', ["e", "e", "yo", "yo"]),
    ('ж', ["zh", "zh", "zh", "zh"]),
    ('з', ["z", "z", "z", "z"]),
    ('и', ["i", "i", "i", "i"]),
    ('й', ["i", "y", "y", "j"]),
    ('к', ["k", "k", "k", "k"]),
    ('л', ["l", "l", "l", "l"]),
    ('м', ["m", "m", "m", "m"]),
    ('н', ["n", "n", "n", "n"]),
    ('о', ["o", "o", "o", "o"]),
    ('п', ["p", "p", "p", "p"]),
    ('р', ["r", "r", "r", "r"]),
    ('с', ["s", "s", "s", "s"]),
    ('т', ["t", "t", "t", "t"]),
    ('у', ["u", "u", "u", "u"]),
    ('ф', ["f", "f", "f", "f"]),
    ('х', ["kh", "kh", "kh", "x"]),
    ('ц', ["ts", "ts", "ts", "c"]),
    ('ч', ["ch", "ch", "ch", "ch"]),
    ('ш', ["sh", "sh", "sh", "sh"]),
    ('щ', ["shch", "shch", "shch", "shh"]),
    ('ъ', ["ie", "", "", ""]),
    ('ы', ["y", "y", "y", "y"]),
    ('ь', ["", "", "", ""]),
    ('э', ["e", "e", "e", "e"]),
    ('ю', ["iu", "yu", "yu", "yu"]),
    ('я', ["ia", "ya", "ya", "ya"]),
    // Ukrainian / Belarusian
    ('і', ["i", "i", "i", "i"]),
    ('ї', ["i", "yi", "yi", "yi"]),
    ('є', ["ie", "ye", "ye", "ye"]),
    ('ґ', ["g", "g", "g", "g"]),
    ('ў', ["u", "w", "u", "u"]),
    // Kazakh and other Turkic
    ('ә', ["a", "a", "a", "a"]),
    ('ғ', ["g", "gh", "g", "g"]),
    ('қ', ["k", "q", "k", "q"]),
    ('ң', ["n", "ng", "ng", "ng"]),
    ('ө', ["o", "o", "o", "o"]),
    ('ұ', ["u", "u", "u", "u"]),
    ('ү', ["u", "u", "u", "u"]),
    ('һ', ["h", "h", "h", "h"]),
    ('җ', ["zh", "zh", "zh", "zh"]),
    ('ҳ', ["kh", "kh", "kh", "x"]),
    ('ҷ', ["j", "ch", "j", "ch"]),
    ('ӣ', ["i", "i", "i", "i"]),
    ('ӯ', ["u", "u", "u", "u"]),
    // Serbian / Macedonian
    ('ђ', ["dj", "dj", "dj", "dj"]),
    ('ј', ["j", "j", "j", "j"]),
    ('љ', ["lj", "lj", "lj", "lj"]),
    ('њ', ["nj", "nj", "nj", "nj"]),
    ('ћ', ["c", "c", "c", "c"]),
    ('џ', ["dz", "dzh", "dzh", "dz"]),
    ('ѓ', ["gj", "gj", "gj", "gj"]),
    ('ќ', ["kj", "kj", "kj", "kj"]),
    ('ѕ', ["dz", "dz", "dz", "dz"]),
];

/// Given names whose common English spelling is not a letter-by-letter
/// reading (scheme 2 only).
pub const ANGLO_NAMES: &[(&str, &str)] = &[
    ("александр", "alexander"),
    ("алексей", "alexei"),
    ("алексеевич", "alexeyevich"),
    ("александрович", "alexandrovich"),
    ("юрий", "yuri"),
    ("пётр", "pyotr"),
    ("петр", "pyotr"),
    ("фёдор", "fyodor"),
    ("федор", "fyodor"),
    ("сергей", "sergei"),
    ("андрей", "andrei"),
    ("николай", "nikolai"),
    ("алексеи", "alexei"),
    ("максим", "maxim"),
    ("ксения", "xenia"),
    ("наталья", "natalia"),
    ("татьяна", "tatiana"),
    ("юлия", "yulia"),
    ("мария", "maria"),
    ("виктория", "victoria"),
    ("феликс", "felix"),
    ("евгений", "evgeny"),
    ("ильич", "ilyich"),
];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е'
            | 'ё'
            | 'и'
            | 'о'
            | 'у'
            | 'ы'
            | 'э'
            | 'ю'
            | 'я'
            | 'і'
            | 'ї'
            | 'є'
            | 'ә'
            | 'ө'
            | 'ұ'
            | 'ү'
    )
}

fn letter(c: char) -> Option<&'static [&'static str; 4]> {
    use std::sync::OnceLock;
    static MAP: OnceLock<rustc_hash::FxHashMap<char, [&'static str; 4]>> = OnceLock::new();
    MAP.get_or_init(|| LETTERS.iter().copied().collect())
        .get(&c)
}

fn anglo(word: &str) -> Option<&'static str> {
    ANGLO_NAMES
        .iter()
        .find(|(k, _)| *k == word)
        .map(|(_, v)| *v)
}

/// Language guess from the letters of the whole name.
pub(crate) fn detect_lang<'a>(words: impl Iterator<Item = &'a str>) -> Lang {
    let mut lang = Lang::Russian;
    for w in words {
        for c in w.chars() {
            match c {
                'ї' | 'є' | 'ґ' => return Lang::Ukrainian,
                'ў' => lang = Lang::Belarusian,
                'і' if lang == Lang::Russian => lang = Lang::Ukrainian,
                _ => {}
            }
        }
    }
    lang
}

/// The four scheme readings of one lower-case Cyrillic word.
pub(crate) fn variants(word: &str, lang: Lang) -> [String; SCHEMES] {
    let mut out: [String; SCHEMES] = Default::default();
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let next = chars.get(i + 1).copied();
        let iotated_ctx = match prev {
            None => true,
            Some(p) => is_vowel(p) || p == 'ъ' || p == 'ь',
        };
        let word_end_after = i + 2 == n; // c is the penultimate letter
        for (s, o) in out.iter_mut().enumerate() {
            // -ий / -ый endings.
            if word_end_after
                && next == Some('й')
                && (c == 'и' || c == 'ы')
                && lang == Lang::Russian
            {
                let e = match (c, s) {
                    ('и', 0) => "ii",
                    ('и', 1) => "iy",
                    ('и', 2) => "y",
                    ('и', _) => "ij",
                    (_, 0) => "yi",
                    (_, 1) => "yy",
                    (_, 2) => "y",
                    _ => "yj",
                };
                o.push_str(e);
                continue;
            }
            if i == n - 1 && c == 'й' && matches!(prev, Some('и' | 'ы')) && lang == Lang::Russian
            {
                continue;
            }
            let r: &str = match c {
                'е' if s == 1 && iotated_ctx => "ye",
                'ё' if s == 1 => {
                    if iotated_ctx {
                        "yo"
                    } else {
                        "e"
                    }
                }
                'ё' if s >= 2 && matches!(prev, Some('ж' | 'ш' | 'ч' | 'щ')) => "o",
                'и' if lang == Lang::Ukrainian => "y",
                'г' if lang != Lang::Russian && s != 3 => "h",
                'й' if lang == Lang::Ukrainian && s == 0 => {
                    if i == 0 {
                        "y"
                    } else {
                        "i"
                    }
                }
                'ю' | 'я' | 'є' | 'ї' if lang == Lang::Ukrainian && s == 0 && i == 0 => match c
                {
                    'ю' => "yu",
                    'я' => "ya",
                    'є' => "ye",
                    _ => "yi",
                },
                _ => match letter(c) {
                    Some(t) => t[s],
                    None => {
                        let a = any_ascii::any_ascii_char(c);
                        o.extend(
                            a.chars()
                                .filter(char::is_ascii_alphanumeric)
                                .map(|x| x.to_ascii_lowercase()),
                        );
                        continue;
                    }
                },
            };
            o.push_str(r);
        }
    }
    if let Some(a) = anglo(word) {
        out[2] = a.to_string();
    } else if let Some(rest) = out[2].strip_prefix("aleks") {
        out[2] = format!("alex{rest}");
    }
    out
}

/// All distinct readings of a Cyrillic word (for tests and callers that
/// want the variants of a single word).
pub fn romanise_cyrillic(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let lang = detect_lang(std::iter::once(w.as_str()));
    let mut v: Vec<String> = Vec::with_capacity(SCHEMES);
    for s in variants(&w, lang) {
        if !v.contains(&s) {
            v.push(s);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert_eq!(
            romanise_cyrillic("Шагивалеев"),
            vec!["shagivaleev", "shagivaleyev"]
        );
        assert_eq!(
            romanise_cyrillic("Дмитрий"),
            vec!["dmitrii", "dmitriy", "dmitry", "dmitrij"]
        );
        assert!(romanise_cyrillic("Александр").contains(&"alexander".to_string()));
        assert!(romanise_cyrillic("Александр").contains(&"aleksandr".to_string()));
        assert!(romanise_cyrillic("Хрущёв").contains(&"khrushchev".to_string()));
        assert!(romanise_cyrillic("Хрущёв").contains(&"khrushchov".to_string()));
        assert!(romanise_cyrillic("Ельцин").contains(&"yeltsin".to_string()));
        assert!(romanise_cyrillic("Ельцин").contains(&"eltsin".to_string()));
        assert!(romanise_cyrillic("Зеленський").contains(&"zelenskii".to_string()));
        assert_eq!(romanise_cyrillic("Ігор")[0], "ihor");
        assert!(romanise_cyrillic("Юлия").contains(&"iuliia".to_string()));
        assert!(romanise_cyrillic("Юлия").contains(&"yuliya".to_string()));
    }
}
