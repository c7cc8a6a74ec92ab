//! Hebrew romanisation. Hebrew is an abjad: names are written without
//! vowels (niqqud are dropped by the lexer with the other combining
//! marks), ו and י stand for vowels or for v and y, and ב כ פ read b/v,
//! k/kh, p/f by position. So, as for Arabic's unknown words, a word is
//! read as its consonant skeleton with vowel letters as vowels and a vowel
//! guessed between two consonants, in two styles ([`STYLES`]); the
//! phonetic key (which drops vowels) then pairs the skeleton with the
//! vowelled Latin spelling: נתניהו "netanyahu", בנימין "binyamin".
//!
//! The letter table is [`LETTERS`]: per letter its reading at the start of
//! a word and elsewhere, per style.

/// Reading styles: `[biblical/English, modern Israeli]`.
pub const STYLES: usize = 2;

/// A Hebrew letter (final forms included) and its readings as
/// `[start of word, elsewhere]` per style. Vowel letters (א ה ו י ע) are
/// handled by [`reading`] around this table.
pub const LETTERS: &[(char, [[&str; 2]; STYLES])] = &[
    ('ב', [["b", "b"], ["b", "v"]]),
    ('ג', [["g", "g"], ["g", "g"]]),
    ('ד', [["d", "d"], ["d", "d"]]),
    ('ז', [["z", "z"], ["z", "z"]]),
    ('ח', [["ch", "ch"], ["kh", "kh"]]),
    ('ט', [["t", "t"], ["t", "t"]]),
    ('כ', [["k", "k"], ["k", "kh"]]),
    ('ך', [["k", "k"], ["kh", "kh"]]),
    ('ל', [["l", "l"], ["l", "l"]]),
    ('מ', [["m", "m"], ["m", "m"]]),
    ('ם', [["m", "m"], ["m", "m"]]),
    ('נ', [["n", "n"], ["n", "n"]]),
    ('ן', [["n", "n"], ["n", "n"]]),
    ('ס', [["s", "s"], ["s", "s"]]),
    ('פ', [["p", "p"], ["p", "f"]]),
    ('ף', [["f", "f"], ["f", "f"]]),
    ('צ', [["tz", "tz"], ["tz", "tz"]]),
    ('ץ', [["tz", "tz"], ["tz", "tz"]]),
    ('ק', [["k", "k"], ["k", "k"]]),
    ('ר', [["r", "r"], ["r", "r"]]),
    ('ש', [["sh", "sh"], ["sh", "sh"]]),
    ('ת', [["t", "t"], ["t", "t"]]),
];

/// The vowel guessed between two consonants, per style.
const GUESSED: [&str; STYLES] = ["a", "e"];

/// Whether `c` is a Hebrew letter.
pub(crate) fn is_hebrew(c: char) -> bool {
    matches!(c as u32, 0x05D0..=0x05EA | 0x05F0..=0x05F2 | 0xFB1D..=0xFB4F)
}

/// Whether `c` is a Hebrew point (niqqud, cantillation) or geresh: part of
/// a word, not a letter of its skeleton.
pub(crate) fn is_point(c: char) -> bool {
    matches!(c as u32, 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7 | 0x05F3..=0x05F4)
}

fn consonant(c: char, start: bool, style: usize) -> Option<&'static str> {
    LETTERS
        .iter()
        .find(|(k, _)| *k == c)
        .map(|(_, r)| r[style][usize::from(!start)])
}

/// One reading of a Hebrew word in `style`.
fn reading(word: &[char], style: usize) -> String {
    let mut out = String::with_capacity(word.len() * 2);
    // Whether the last thing written was a consonant (a vowel may follow).
    let mut after_consonant = false;
    let n = word.len();
    let mut i = 0;
    while i < n {
        let c = word[i];
        let start = i == 0;
        let last = i + 1 == n;
        let next_is_vowel_letter = word
            .get(i + 1)
            .is_some_and(|&d| matches!(d, 'ו' | 'י' | 'א' | 'ע'));
        let (text, is_consonant, adv): (&str, bool, usize) = match c {
            // A doubled ו or י is the consonant.
            'ו' if word.get(i + 1) == Some(&'ו') => ("v", true, 2),
            'י' if word.get(i + 1) == Some(&'י') => ("y", true, 2),
            'ו' if start => ("v", true, 1),
            'ו' => (if style == 0 { "o" } else { "u" }, false, 1),
            'י' if start || next_is_vowel_letter => ("y", true, 1),
            'י' => ("i", false, 1),
            'א' | 'ע' if after_consonant || start => ("a", false, 1),
            'א' | 'ע' => ("", false, 1),
            'ה' if last && after_consonant => ("a", false, 1),
            'ה' => ("h", true, 1),
            _ => match consonant(c, start, style) {
                Some(t) => (t, true, 1),
                None => ("", false, 1),
            },
        };
        if is_consonant && after_consonant {
            out.push_str(GUESSED[style]);
        }
        out.push_str(text);
        after_consonant = is_consonant;
        i += adv;
    }
    out
}

/// The readings of a Hebrew word, one per style, deduplicated.
pub(crate) fn readings(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().filter(|&c| is_hebrew(c)).collect();
    let mut out: Vec<String> = Vec::with_capacity(STYLES);
    for style in 0..STYLES {
        let r = reading(&chars, style);
        if !r.is_empty() && !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::phonetic_key;

    fn sounds_like(hebrew: &str, latin: &str) -> bool {
        readings(hebrew)
            .iter()
            .any(|r| phonetic_key(r) == phonetic_key(latin))
    }

    #[test]
    fn skeletons_pair_with_vowelled_spellings() {
        assert!(
            sounds_like("נתניהו", "netanyahu"),
            "{:?}",
            readings("נתניהו")
        );
        assert!(
            sounds_like("בנימין", "binyamin"),
            "{:?}",
            readings("בנימין")
        );
        assert!(sounds_like("משה", "moshe"), "{:?}", readings("משה"));
        assert!(sounds_like("דב", "dov"), "{:?}", readings("דב"));
        assert!(sounds_like("יצחק", "yitzhak"), "{:?}", readings("יצחק"));
        assert!(sounds_like("אברהם", "avraham"), "{:?}", readings("אברהם"));
        assert!(sounds_like("כהן", "cohen"), "{:?}", readings("כהן"));
        // A medial ו read as a vowel misses a v: לוי is not paired with
        // "levi" (a known limit of reading without niqqud).
        assert!(!sounds_like("לוי", "levi"));
    }

    #[test]
    fn points_are_dropped() {
        // משֶׁה with niqqud reads as משה.
        assert_eq!(readings("מֹשֶׁה"), readings("משה"));
        assert!(crate::normalize::name_forms("מֹשֶׁה כֹּהֵן")
            .iter()
            .any(|f| f.tokens.len() == 2));
    }

    #[test]
    fn letter_table() {
        let table: Vec<String> = LETTERS
            .iter()
            .map(|(c, r)| format!("{c} {:?}", r))
            .collect();
        insta::assert_snapshot!(table.join("\n"));
    }
}
