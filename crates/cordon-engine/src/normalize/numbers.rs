//! Numbers in names: a number is a number however it is written, and it
//! matches only itself.
//!
//! - **Ordinals written with digits** lose their suffix: `13th`, `1st`,
//!   `2nd`, `3rd` (English), `2e`, `2eme`, `1er`, `1re` (French), `1o`
//!   (Spanish, Italian, Portuguese `1º` after NFKC) all become the bare
//!   number, so "13th Research Institute" is `13 research institute` and
//!   its `13` never meets `10` (numbers match only exactly, see
//!   [`crate::similarity`]).
//! - **Numbers written as words** in organisation names become digits:
//!   cardinals 0–100 and ordinals 1–100 in English, French, Spanish,
//!   German, Italian, Portuguese and Dutch (`Fifteen` / `15`, `Second` /
//!   `2nd`, `Tres` / `3`, `twenty-one`, `vingt et un`), and a round
//!   hundred joined with what follows (`one hundred fifteen` = `115`). The
//!   words are data: `data/numbers/number_words.tsv`, written by
//!   `scripts/gen_number_words.py` from the `num2words` package, folded
//!   here with [`super::fold`] so they are read exactly as names are.
//!
//! Number words are read only where legal forms are (`name_forms`, not
//! `person_forms`): "Otto", "Segundo" and "Tres" are also given names and
//! surnames. Words that are also articles ("un", "une", "ein", "een",
//! "um") or particles ("dos") are never numbers.

use super::script::{RawWord, Script};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// The number words, as shipped.
const NUMBER_WORDS: &str = include_str!("../../data/numbers/number_words.tsv");

/// Number words that are also articles or particles: never read as
/// numbers ("Banco dos Santos", "Un Ponte").
const NOT_NUMBERS: &[&str] = &[
    "un", "une", "uno", "una", "um", "uma", "ein", "eine", "eins", "een", "dos",
];

/// Digit-ordinal suffixes, folded (`1º` is `1o` after NFKC).
const ORDINAL_SUFFIXES: &[&str] = &[
    "st", "nd", "rd", "th", "e", "eme", "ieme", "er", "re", "o", "te", "ste", "de",
];

/// A malformed line of the number-word data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("number words, line {line}: {reason}")]
pub struct NumberDataError {
    pub line: usize,
    pub reason: &'static str,
}

/// The number words: folded phrases (words joined by one space) to values.
#[derive(Debug, Default)]
pub struct NumberWords {
    phrases: FxHashMap<String, u32>,
    /// The first word of every phrase: most words are not one, and are
    /// passed over with one look-up.
    first_words: FxHashSet<String>,
    /// The most words a phrase has.
    longest: usize,
}

impl NumberWords {
    /// Reads `lang<TAB>kind<TAB>value<TAB>words` lines (`#` starts a
    /// comment line).
    pub fn parse(text: &str) -> Result<NumberWords, NumberDataError> {
        let mut t = NumberWords::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |reason| NumberDataError {
                line: i + 1,
                reason,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let [_lang, kind, value, words] = cols[..] else {
                return Err(err("expected 4 tab-separated columns"));
            };
            if kind != "cardinal" && kind != "ordinal" {
                return Err(err("kind is neither cardinal nor ordinal"));
            }
            let value: u32 = value.parse().map_err(|_| err("value is not a number"))?;
            // "twenty-one" is read as one word joined ("Twenty-One") and
            // as two ("twenty one").
            for spelling in [words.to_string(), words.replace('-', " ")] {
                let folded = super::fold(&spelling);
                if folded.is_empty() {
                    return Err(err("no words"));
                }
                if NOT_NUMBERS.contains(&folded.as_str()) {
                    continue;
                }
                let n = folded.split(' ').count();
                t.longest = t.longest.max(n);
                if let Some(first) = folded.split(' ').next() {
                    t.first_words.insert(first.to_string());
                }
                t.phrases.entry(folded).or_insert(value);
            }
        }
        Ok(t)
    }

    /// The value of the phrase of the `n` words from `i`, if it is one.
    fn phrase_at(&self, words: &[RawWord], i: usize) -> Option<(usize, u32)> {
        let first = words.get(i)?;
        if first.script != Script::Latin || !self.first_words.contains(first.text.as_str()) {
            return None;
        }
        let mut key = String::new();
        let mut best = None;
        for (n, w) in words[i..].iter().take(self.longest).enumerate() {
            if w.script != Script::Latin {
                break;
            }
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&w.text);
            if let Some(&v) = self.phrases.get(key.as_str()) {
                best = Some((n + 1, v));
            }
        }
        best
    }

    /// The number phrases of `words`: at each word that starts one, its
    /// length in words and its value. A round hundred takes the number
    /// after it (`one hundred fifteen`, `cent quinze`).
    pub(crate) fn spans(&self, words: &[RawWord]) -> Vec<Option<(usize, u32)>> {
        let mut out = vec![None; words.len()];
        let mut i = 0;
        while i < words.len() {
            let Some((mut len, mut value)) = self.phrase_at(words, i) else {
                i += 1;
                continue;
            };
            while let Some((l2, v2)) = self.phrase_at(words, i + len) {
                if !(value % 100 == 0 && (100..1000).contains(&value) && v2 < 100) {
                    break;
                }
                value += v2;
                len += l2;
            }
            out[i] = Some((len, value));
            i += len;
        }
        out
    }
}

/// The number words shipped with cordon, parsed once. A malformed data
/// file (a build defect, caught by the tests) reads as no number words.
pub fn number_words() -> &'static NumberWords {
    static T: OnceLock<NumberWords> = OnceLock::new();
    T.get_or_init(|| NumberWords::parse(NUMBER_WORDS).unwrap_or_default())
}

/// The number of a digit ordinal (`13th` → `13`, `2eme` → `2`, `1o` →
/// `1`), or `None` when `t` is not one.
pub fn ordinal_digits(t: &str) -> Option<&str> {
    let end = t.bytes().take_while(u8::is_ascii_digit).count();
    if end == 0 || end == t.len() {
        return None;
    }
    ORDINAL_SUFFIXES.contains(&&t[end..]).then_some(&t[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(words: &str) -> Vec<RawWord> {
        words
            .split(' ')
            .map(|w| RawWord {
                text: w.to_string(),
                script: Script::Latin,
            })
            .collect()
    }

    fn values(words: &str) -> Vec<Option<(usize, u32)>> {
        number_words().spans(&latin(words))
    }

    #[test]
    fn shipped_data_parses() {
        let t = NumberWords::parse(NUMBER_WORDS).expect("shipped number words parse");
        assert!(t.phrases.len() > 1000, "{}", t.phrases.len());
        assert!(t.longest >= 3);
    }

    #[test]
    fn malformed_data_names_the_line() {
        let e =
            NumberWords::parse("# c\nen\tcardinal\t1\tone\nen\tcardinal\tx\ttwo\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = NumberWords::parse("en\tcardinal\t1\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = NumberWords::parse("en\tplural\t1\tone\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn words_in_several_languages() {
        assert_eq!(values("fifteen"), vec![Some((1, 15))]);
        assert_eq!(values("second"), vec![Some((1, 2))]);
        assert_eq!(values("tres"), vec![Some((1, 3))]);
        assert_eq!(values("thirteenth research"), vec![Some((1, 13)), None]);
        assert_eq!(values("twenty one"), vec![Some((2, 21)), None]);
        assert_eq!(values("fortyfour"), vec![Some((1, 44))]);
        assert_eq!(values("vingt et un"), vec![Some((3, 21)), None, None]);
        assert_eq!(values("einundzwanzig"), vec![Some((1, 21))]);
        assert_eq!(values("one hundred fifteen")[0], Some((3, 115)));
        assert_eq!(values("cent quinze")[0], Some((2, 115)));
    }

    #[test]
    fn articles_and_particles_are_not_numbers() {
        assert_eq!(values("un ponte"), vec![None, None]);
        assert_eq!(values("banco dos santos"), vec![None, None, None]);
        assert_eq!(values("acme"), vec![None]);
    }

    #[test]
    fn digit_ordinals() {
        assert_eq!(ordinal_digits("13th"), Some("13"));
        assert_eq!(ordinal_digits("1st"), Some("1"));
        assert_eq!(ordinal_digits("2eme"), Some("2"));
        assert_eq!(ordinal_digits("1o"), Some("1"));
        assert_eq!(ordinal_digits("13"), None);
        assert_eq!(ordinal_digits("th"), None);
        assert_eq!(ordinal_digits("3m"), None);
        assert_eq!(ordinal_digits("747x"), None);
    }
}
