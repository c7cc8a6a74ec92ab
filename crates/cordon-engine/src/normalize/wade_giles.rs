//! Chinese names written in Wade–Giles ("Hsu Chih-ming", "Chiang
//! Ching-kuo", lists and passports of Taiwan and of older records) read
//! also in Hanyu Pinyin ("Xu Zhiming"), the spelling most lists use.
//!
//! The syllable table is data (`data/wade_giles`, from PyPI `pypinyin`).
//! Lists and queries drop Wade–Giles' apostrophes and umlauts, so `chih`
//! stands for both 知 zhi and 赤 chi (ch'ih); the spelling without an
//! apostrophe is taken (the unaspirated syllable). Only a syllable that is
//! not also a Pinyin syllable is rewritten (`hsu` → `xu`, `chih` → `zhi`);
//! one that is (`chang`, Wade–Giles for zhang) stays as written, where
//! spelling similarity still meets the other.
//!
//! The Pinyin form is made only for a name that reads as Chinese as a
//! whole: two to four words, each a syllable of either scheme or two
//! written together (`chihming`), at least one of them Wade–Giles only.

use super::{NameForm, Token, TokenRole};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../data/wade_giles/pinyin_wade_giles.tsv");

struct Syllables {
    /// Pinyin syllables as lists write them (ü as u).
    pinyin: FxHashSet<&'static str>,
    /// Wade–Giles without apostrophes or umlauts → its Pinyin, for the
    /// spellings that are not Pinyin too.
    to_pinyin: FxHashMap<String, String>,
}

/// The folded spelling of a table entry: no apostrophes, `v` (ü) as `u`.
fn folded(s: &str) -> String {
    s.chars()
        .filter(|&c| c != '\'')
        .map(|c| if c == 'v' { 'u' } else { c })
        .collect()
}

static SYLLABLES: LazyLock<Syllables> = LazyLock::new(|| {
    let rows: Vec<(&str, &str)> = TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("pinyin\t"))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let mut pinyin = FxHashSet::default();
    for (p, _) in &rows {
        pinyin.insert(*p);
    }
    let plain: FxHashSet<String> = rows.iter().map(|(p, _)| folded(p)).collect();
    let mut to_pinyin: FxHashMap<String, String> = FxHashMap::default();
    // Unaspirated spellings (no apostrophe) first, so that they win.
    let mut ordered = rows.clone();
    ordered.sort_by_key(|(_, wg)| wg.contains('\''));
    for (p, wg) in ordered {
        let key = folded(wg);
        if !plain.contains(&key) {
            to_pinyin.entry(key).or_insert_with(|| folded(p));
        }
    }
    let pinyin = pinyin
        .into_iter()
        .filter(|p| !p.contains('v'))
        .collect::<FxHashSet<_>>();
    Syllables { pinyin, to_pinyin }
});

/// Whether `s` is a Pinyin syllable (as lists write it: ü as u).
pub(super) fn is_pinyin(s: &str) -> bool {
    SYLLABLES.pinyin.contains(s)
}

/// One syllable: its Pinyin and whether it was Wade–Giles only.
fn syllable(s: &str) -> Option<(String, bool)> {
    let t = &*SYLLABLES;
    if t.pinyin.contains(s) {
        Some((s.to_string(), false))
    } else {
        t.to_pinyin.get(s).map(|p| (p.clone(), true))
    }
}

/// A word of one syllable or two written together: its Pinyin and
/// whether any part was Wade–Giles only. Of two ways to cut a word the
/// first (shortest first syllable) is taken.
fn word(w: &str) -> Option<(String, bool)> {
    if let Some(s) = syllable(w) {
        return Some(s);
    }
    (1..w.len())
        .filter(|&i| w.is_char_boundary(i))
        .find_map(|i| {
            let (a, b) = (syllable(&w[..i])?, syllable(&w[i..])?);
            Some((format!("{}{}", a.0, b.0), a.1 || b.1))
        })
}

/// The Pinyin form of a name written in Wade–Giles ([module docs](self)),
/// or `None`.
pub(super) fn pinyin_form(form: &NameForm) -> Option<NameForm> {
    let t = &form.tokens;
    if !(2..=4).contains(&t.len()) || t.iter().any(|t| t.role != TokenRole::Word) {
        return None;
    }
    let mut any_wade_giles = false;
    let mut tokens = Vec::with_capacity(t.len());
    for tok in t {
        let (p, wade_giles) = word(&tok.text)?;
        any_wade_giles |= wade_giles;
        tokens.push(Token {
            text: p,
            role: TokenRole::Word,
            dictionary: false,
        });
    }
    any_wade_giles.then_some(NameForm { tokens })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinyin(s: &str) -> Option<String> {
        pinyin_form(&NameForm::of_words(s)).map(|f| f.text())
    }

    #[test]
    fn wade_giles_names_read_in_pinyin() {
        assert_eq!(pinyin("hsu chih ming"), Some("xu zhi ming".into()));
        assert_eq!(pinyin("hsu chihming"), Some("xu zhiming".into()));
        // `kuo` is Pinyin too (扩): it stays.
        assert_eq!(pinyin("chiang ching kuo"), Some("jiang jing kuo".into()));
        assert_eq!(pinyin("teng hsiaoping"), Some("teng xiaoping".into()));
        assert_eq!(pinyin("mao tsetung"), Some("mao zedong".into()));
    }

    #[test]
    fn pinyin_and_other_names_get_no_second_form() {
        for name in [
            "xu zhiming",
            "zhang wei",
            "wang jun hui",
            "john smith",
            "hsu",
            "li hsu ming chen wang",
        ] {
            assert_eq!(pinyin(name), None, "{name}");
        }
    }

    #[test]
    fn snapshot_of_the_table() {
        let t = &*SYLLABLES;
        let mut sample: Vec<String> = [
            "hsu", "chih", "tzu", "ssu", "jih", "erh", "hsueh", "kuo", "ching", "tsai",
        ]
        .iter()
        .map(|s| format!("{s} -> {:?}", t.to_pinyin.get(*s)))
        .collect();
        sample.push(format!("pinyin syllables: {}", t.pinyin.len()));
        sample.push(format!("Wade-Giles only: {}", t.to_pinyin.len()));
        insta::assert_snapshot!(sample.join("\n"));
    }
}
