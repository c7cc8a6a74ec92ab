//! Japanese kana (hiragana and katakana) to romaji, via the `wana_kana`
//! crate (Hepburn: し → shi, つ → tsu, きょ → kyo, っ doubles the next
//! consonant, ー lengthens the vowel).
//!
//! Lists write Japanese names without long vowels (佐藤 さとう is "Sato",
//! 大野 おおの "Ono", ゆうこ "Yuko"): the first reading drops the second
//! vowel of a long one (ou, oo, uu, ee after a consonant's vowel), the
//! second keeps the romaji as written ("satou"), the third writes long
//! o as "oh" ("satoh", the spelling of Japanese passports).
//!
//! Kanji are read by [`super::han`] (pinyin, Korean): their Japanese
//! readings depend on the word and, for names, on the person, which no
//! character table can tell.

use wana_kana::ConvertJapanese;

/// Whether `c` is a kana letter (hiragana, katakana, the prolonged sound
/// mark, katakana phonetic extensions). Half-width katakana are folded to
/// full width by NFKC before.
pub(crate) fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF)
}

/// The readings of a kana word as token strings, most likely first.
pub(crate) fn readings(word: &str) -> Vec<String> {
    let romaji: String = word
        .to_romaji()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if romaji.is_empty() {
        return Vec::new();
    }
    let mut out = vec![short_vowels(&romaji)];
    for r in [
        romaji.clone(),
        romaji.replace("ou", "oh").replace("oo", "oh"),
    ] {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// `romaji` with long vowels written once: ou, oo, uu → o, o, u; ee, ii,
/// aa kept (they are rare in names and often two syllables).
fn short_vowels(romaji: &str) -> String {
    let b = romaji.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        out.push(c as char);
        if i + 1 < b.len() && matches!((c, b[i + 1]), (b'o', b'u') | (b'o', b'o') | (b'u', b'u')) {
            i += 2;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_names() {
        assert_eq!(readings("さとう"), vec!["sato", "satou", "satoh"]);
        assert_eq!(readings("サトウ")[0], "sato");
        assert_eq!(readings("きょうこ")[0], "kyoko");
        assert_eq!(readings("はっとり")[0], "hattori");
        assert_eq!(readings("ゆうこ")[0], "yuko");
        assert_eq!(readings("しんじ")[0], "shinji");
        assert_eq!(readings("つよし")[0], "tsuyoshi");
        assert_eq!(readings("おおの")[0], "ono");
        assert!(is_kana('ー') && is_kana('ア') && is_kana('あ') && !is_kana('亜'));
    }
}
