//! Look-alike letters of another script inside a word ("BАNCO" with a
//! Cyrillic А): folded to the word's own script before the text is split
//! into words, so that the look-alike neither splits the word nor changes
//! its reading. Writing a listed name with look-alikes is an evasion, not a
//! typo: "BАNCO NАCIONАL DE CUBА" must score as "BANCO NACIONAL DE CUBA".
//!
//! Which letters look alike is Unicode's data, not a table of ours: the
//! confusable prototypes of UTS #39 (`confusables.txt`) as the
//! `unicode-security` crate ships them, and character scripts from
//! `unicode-script`.
//!
//! Rules, per word (a run of letters, digits, apostrophes and joiners):
//! - a word whose letters are all of one script is left alone: a Cyrillic
//!   word stays Cyrillic and is romanised as such;
//! - in a word mixing Latin with Cyrillic, Greek, Armenian or Cherokee
//!   (the alphabets with Latin look-alikes), the script with more
//!   letters wins (Latin on a tie); each letter of the other scripts whose
//!   UTS #39 prototype is one letter of the winning script becomes that
//!   letter (Cyrillic А → Latin A in "BАNCO"; Latin o → Cyrillic о in a
//!   Cyrillic word with one Latin o). A letter without a look-alike stays.
//!
//! Only words that mix Latin with another script are touched: text in one
//! script (nearly every list name) costs one pass over its characters.

use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_script::{Script, UnicodeScript};

/// The side a letter counts for here: Latin, or an alphabet with Latin
/// look-alikes; anything else (digits, marks, other scripts) for neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Latin,
    Other,
}

fn side(c: char) -> Option<Side> {
    if c.is_ascii_alphabetic() {
        return Some(Side::Latin);
    }
    if c.is_ascii() || !c.is_alphabetic() {
        return None;
    }
    match c.script() {
        Script::Latin => Some(Side::Latin),
        // Alphabets whose letters pass for Latin ones. A Latin word next
        // to Han, Arabic or Hangul ("SAMSUNG电子") is not an evasion.
        Script::Cyrillic | Script::Greek | Script::Armenian | Script::Cherokee => Some(Side::Other),
        _ => None,
    }
}

/// The Latin letter a non-Latin letter looks like: its UTS #39 prototype
/// when that is one ASCII letter.
fn to_latin(c: char) -> Option<char> {
    let mut buf = [0u8; 4];
    let mut proto = unicode_security::skeleton(c.encode_utf8(&mut buf));
    match (proto.next(), proto.next()) {
        (Some(p), None) if p.is_ascii_alphabetic() => Some(p),
        _ => None,
    }
}

/// For each ASCII letter, the letter of each other script that looks like
/// it: the inverse of the UTS #39 prototypes over the Cyrillic and Greek
/// blocks (the scripts whose words are written with Latin look-alikes).
fn from_latin() -> &'static HashMap<(char, Script), char> {
    static TABLE: OnceLock<HashMap<(char, Script), char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        // Basic blocks first, so that a basic letter wins over an extension.
        let ranges = [
            0x0410u32..=0x044F,
            0x0391..=0x03C9,
            0x0400..=0x052F,
            0x0370..=0x03FF,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            if let Some(l) = to_latin(c) {
                t.entry((l, c.script())).or_insert(c);
            }
        }
        t
    })
}

/// Whether a character continues a word for this pass.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || super::continues_word(c)
}

/// `s` with look-alike letters folded (see the module documentation);
/// borrowed unchanged when no word mixes Latin with another script.
pub(crate) fn fold_confusables(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out: Option<String> = None;
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if !in_word(c) {
            chars.next();
            continue;
        }
        // One word: s[i..end].
        let mut end = i;
        let (mut latin, mut other) = (0usize, 0usize);
        let mut other_script = None;
        while let Some(&(j, c)) = chars.peek() {
            if !in_word(c) {
                break;
            }
            match side(c) {
                Some(Side::Latin) => latin += 1,
                Some(Side::Other) => {
                    other += 1;
                    other_script.get_or_insert(c.script());
                }
                None => {}
            }
            end = j + c.len_utf8();
            chars.next();
        }
        if latin == 0 || other == 0 {
            continue;
        }
        let word = &s[i..end];
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[start..i]);
        if latin >= other {
            for c in word.chars() {
                match side(c) {
                    Some(Side::Other) => o.push(to_latin(c).unwrap_or(c)),
                    _ => o.push(c),
                }
            }
        } else {
            let target = other_script.unwrap_or(Script::Cyrillic);
            for c in word.chars() {
                let folded = match side(c) {
                    Some(Side::Latin) if c.is_ascii() => {
                        from_latin().get(&(c, target)).copied().unwrap_or(c)
                    }
                    _ => c,
                };
                o.push(folded);
            }
        }
        start = end;
    }
    match out {
        None => std::borrow::Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[start..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_with_cyrillic_look_alikes_become_latin() {
        // А (U+0410), Е (U+0415), О (U+041E) and lower-case о, с, р, е.
        assert_eq!(
            fold_confusables("B\u{410}NCO N\u{410}CION\u{410}L DE CUB\u{410}"),
            "BANCO NACIONAL DE CUBA"
        );
        assert_eq!(
            fold_confusables("R\u{43e}sneft \u{421}\u{41e}"),
            "Rosneft \u{421}\u{41e}"
        );
        assert_eq!(fold_confusables("G\u{430}zpr\u{43e}m"), "Gazprom");
        // Greek capitals too: Alpha, Rho, Omicron.
        assert_eq!(fold_confusables("\u{3a1}\u{391}NAM\u{39f}"), "PANAMO");
    }

    #[test]
    fn words_in_one_script_are_left_alone() {
        for s in [
            "ГАЗПРОМ",
            "Сбербанк России",
            "Ἀθῆναι",
            "BANCO",
            "Müller",
            "محمد",
            "SAMSUNG电子",
        ] {
            assert_eq!(fold_confusables(s), s);
        }
    }

    #[test]
    fn a_cyrillic_word_with_a_latin_look_alike_becomes_cyrillic() {
        // "Ромашка" with a Latin o and a Latin a.
        assert_eq!(fold_confusables("Рoмaшка"), "Ромашка");
    }

    #[test]
    fn letters_without_a_look_alike_stay() {
        // Ж has no Latin prototype: the word keeps it.
        assert_eq!(fold_confusables("ABЖC"), "ABЖC");
    }
}
