//! Korean names written in Latin letters by different romanisation
//! schemes: "Kim Jong Un" (the DPRK style lists use), "Kim Chong-un"
//! (McCune–Reischauer without its apostrophes and breves), "Kim Jeong Eun"
//! (Revised Romanisation). The schemes differ only in how they spell the
//! same sounds (g/k, d/t, b/p, j/ch, eo/o, eu/u), so a name written in one
//! of them reads, as one more form, with every syllable in a single key
//! spelling: the DPRK spelling with ㅈ written `ch`, as McCune–Reischauer
//! writes it. Two spellings of a syllable meet on their key; syllables the
//! DPRK style already merges (ㄱ and ㅋ are both `k`) merge no further.
//!
//! The key form is made only for a name that reads as Korean as a whole:
//! two to four words, the first or the last a Korean family name as lists
//! spell it ([`super::hangul::SURNAMES`]), every other word one Korean
//! syllable in one of the schemes. A Western name rarely passes ("Ann
//! Lee": `ann` is no syllable), and a Hangul name already has readings in
//! every scheme.

use super::hangul::{syllable, SURNAMES};
use super::{NameForm, Token, TokenRole};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Latin syllable (any scheme) → its key spelling.
static SYLLABLE_KEYS: LazyLock<FxHashMap<String, String>> = LazyLock::new(|| {
    let mut keys: FxHashMap<String, String> = FxHashMap::default();
    for c in '\u{AC00}'..='\u{D7A3}' {
        let Some(key) = syllable(c, 0).map(|s| key_of_dprk(&s)) else {
            continue;
        };
        for scheme in 0..3 {
            if let Some(latin) = syllable(c, scheme) {
                keys.entry(latin).or_insert_with(|| key.clone());
            }
        }
    }
    keys
});

/// A family name's spelling → the key of the first family name that lists
/// it: the syllable key of its first spelling, so that a family name read
/// as a given-name syllable keys alike (Chong, Jeong → chong), or the
/// first spelling itself when that is no syllable (Pak, Bak → park).
static SURNAME_KEYS: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut keys = FxHashMap::default();
    for (_, spellings) in SURNAMES {
        if let Some(first) = spellings.first() {
            let key = syllable_key(first).unwrap_or(first);
            for s in *spellings {
                keys.entry(*s).or_insert(key);
            }
        }
    }
    keys
});

/// The key of a DPRK-style syllable: ㅈ and ㅉ written as
/// McCune–Reischauer writes them (`ch`, `tch`), so that they meet its
/// spelling; the rest is already merged.
fn key_of_dprk(s: &str) -> String {
    if let Some(rest) = s.strip_prefix("jj") {
        format!("tch{rest}")
    } else if let Some(rest) = s.strip_prefix('j') {
        format!("ch{rest}")
    } else {
        s.to_string()
    }
}

/// The key spelling of one Latin syllable, if it is a Korean syllable in
/// one of the schemes.
pub(crate) fn syllable_key(s: &str) -> Option<&'static str> {
    SYLLABLE_KEYS.get(s).map(String::as_str)
}

/// The form of `form` with every syllable in its key spelling, when the
/// name reads as a Korean name ([module docs](self)) and the key form
/// differs from it. A name whose every word is also a Pinyin syllable
/// ("Jun Su", "Ping Yi") is more likely Chinese and gets none.
pub(super) fn key_form(form: &NameForm) -> Option<NameForm> {
    let t = &form.tokens;
    if !(2..=4).contains(&t.len()) || t.iter().any(|t| t.role != TokenRole::Word) {
        return None;
    }
    if t.iter().all(|t| super::wade_giles::is_pinyin(&t.text)) {
        return None;
    }
    let family = if SURNAME_KEYS.contains_key(t[0].text.as_str()) {
        0
    } else if SURNAME_KEYS.contains_key(t[t.len() - 1].text.as_str()) {
        t.len() - 1
    } else {
        return None;
    };
    let mut tokens = Vec::with_capacity(t.len());
    for (i, tok) in t.iter().enumerate() {
        let key = if i == family {
            SURNAME_KEYS.get(tok.text.as_str()).copied()
        } else {
            syllable_key(&tok.text)
        }?;
        tokens.push(Token {
            text: key.to_string(),
            role: TokenRole::Word,
            dictionary: false,
        });
    }
    let keyed = NameForm { tokens };
    (keyed != *form).then_some(keyed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(s: &str) -> NameForm {
        NameForm::of_words(s)
    }

    fn key(s: &str) -> Option<String> {
        key_form(&form(s)).map(|f| f.text())
    }

    /// The key form, or the name itself when it already is one.
    fn canon(s: &str) -> String {
        key(s).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn the_schemes_meet_on_one_key() {
        // DPRK, McCune–Reischauer, Revised Romanisation of 김정은.
        assert_eq!(key("kim jong un"), Some("kim chong un".into()));
        assert_eq!(key("kim chong un"), None, "already the key");
        assert_eq!(key("gim jeong eun"), Some("kim chong un".into()));
        assert_eq!(canon("pak il gyu"), canon("pak il kyu"));
        assert_eq!(canon("kim jung jong"), canon("kim chung chong"));
        assert_eq!(canon("ri yong ho"), canon("lee yong ho"));
        assert_ne!(canon("kim jong un"), canon("kim jong il"));
        // The family name may come last.
        assert_eq!(key("jeong eun kim"), Some("chong un kim".into()));
    }

    #[test]
    fn syllables_the_schemes_tell_apart_stay_apart() {
        assert_ne!(syllable_key("min"), syllable_key("nim"));
        assert_ne!(syllable_key("su"), syllable_key("so"));
        assert_ne!(syllable_key("chol"), syllable_key("chon"));
        assert_ne!(syllable_key("ho"), syllable_key("hwa"));
    }

    #[test]
    fn only_names_that_read_as_korean() {
        for name in [
            "ann lee",
            "john park",
            "kim",
            "young kim",
            "maria kim lopez",
            "kim jong un ho min",
            "jun su",
            "ping yi",
        ] {
            assert_eq!(key(name), None, "{name}");
        }
        let mut f = form("kim jong un");
        f.tokens[1].role = TokenRole::Particle;
        assert_eq!(key_form(&f), None, "every word a name word");
    }
}
