//! Same-script comparison of short Korean and Chinese names.
//!
//! Romanising Hangul or Han loses information: 박정호 and 박종호 both read
//! "pak jong ho" in the DPRK scheme; 王建国 and 王建军 differ in one
//! syllable of three. Through romanisation two different names written in
//! the same script score near 1.0. So a short CJK name also gets a *native
//! reading*: its family name and its whole given name as two tokens in the
//! script itself (Han folded to simplified characters, so 王建國 = 王建国),
//! and two names written in the same script are compared on those readings
//! only ([`comparable`]); romanisation is kept for crossing scripts.
//!
//! A native token only ever equals another (see
//! [`crate::similarity`]): the given name is a unit — 정호 and 종호 are two
//! names, not two spellings of one — so sharing the family name alone is
//! far from a match.
//!
//! The native reading is the one form whose tokens are not ASCII; which
//! script it is, and whether a name has one, is read from the forms
//! themselves ([`tags`]).

use super::script::{RawWord, Script};
use super::{han, hangul, unihan, NameForm, Token, TokenRole};

/// A script whose names are compared in that script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NativeScript {
    Hangul,
    Han,
}

/// What a reading of a name is, for [`comparable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NativeTag {
    /// A name with no native reading.
    #[default]
    Plain,
    /// The native reading of a name written in this script.
    Native(NativeScript),
    /// A romanised reading of a name written in this script.
    Romanised(NativeScript),
}

/// At most this many characters make a name short enough to be a personal
/// name (family name of one or two characters, given name of one to three).
pub const MAX_NATIVE_CHARS: usize = 5;
/// At most this many words (family name, given name, a spaced given name).
const MAX_NATIVE_WORDS: usize = 3;

/// The native reading of `words`, when they are a short name wholly in
/// Hangul or wholly in Han: `[family name, given name]` (one token for a
/// one-character name). `None` for anything else (organisation names,
/// mixed scripts, long runs).
pub(crate) fn native_form(words: &[RawWord]) -> Option<NameForm> {
    let first = words.first()?;
    let script = match first.script {
        Script::Hangul => NativeScript::Hangul,
        Script::Han => NativeScript::Han,
        _ => return None,
    };
    if words.len() > MAX_NATIVE_WORDS || words.iter().any(|w| w.script != first.script) {
        return None;
    }
    let fold = |s: &str| -> String {
        match script {
            NativeScript::Han => s.chars().map(unihan::simplified).collect(),
            NativeScript::Hangul => s.to_string(),
        }
    };
    let all: String = words.iter().map(|w| fold(&w.text)).collect();
    let n = all.chars().count();
    if !(2..=MAX_NATIVE_CHARS).contains(&n) {
        return None;
    }
    if words
        .iter()
        .any(|w| w.script == Script::Han && han::is_legal_form(&w.text))
    {
        return None;
    }
    let family_chars = if words.len() >= 2 && words[0].text.chars().count() == 1 {
        // Written apart: the first word is the family name.
        1
    } else {
        let two: String = all.chars().take(2).collect();
        if n >= 3 && is_compound_family_name(script, &two) {
            2
        } else {
            1
        }
    };
    let split = all
        .char_indices()
        .nth(family_chars)
        .map_or(all.len(), |(i, _)| i);
    let tokens = [&all[..split], &all[split..]]
        .into_iter()
        .filter(|t| !t.is_empty())
        .map(|t| Token {
            text: t.to_string(),
            role: TokenRole::Word,
            dictionary: false,
        })
        .collect();
    Some(NameForm { tokens })
}

fn is_compound_family_name(script: NativeScript, two: &str) -> bool {
    match script {
        NativeScript::Hangul => hangul::is_compound_surname(two),
        NativeScript::Han => han::COMPOUND_SURNAMES
            .iter()
            .any(|s| s.chars().map(unihan::simplified).eq(two.chars())),
    }
}

/// The script of a native reading (a form with a token that is not
/// ASCII), or `None` for a romanised one.
pub fn native_script(form: &NameForm) -> Option<NativeScript> {
    let c = form
        .tokens
        .iter()
        .flat_map(|t| t.text.chars())
        .find(|c| !c.is_ascii())?;
    Some(if (0xAC00..=0xD7A3).contains(&(c as u32)) {
        NativeScript::Hangul
    } else {
        NativeScript::Han
    })
}

/// The tag of each of a name's readings.
pub fn tags(forms: &[NameForm]) -> Vec<NativeTag> {
    let script = forms.iter().find_map(native_script);
    forms
        .iter()
        .map(|f| match (native_script(f), script) {
            (Some(s), _) => NativeTag::Native(s),
            (None, Some(s)) => NativeTag::Romanised(s),
            (None, None) => NativeTag::Plain,
        })
        .collect()
}

/// Whether a query reading and a list reading are compared at all: two
/// names written in the same script only on their native readings; a
/// native reading with nothing else; everything else as before.
pub fn comparable(q: NativeTag, l: NativeTag) -> bool {
    use NativeTag::*;
    match (q, l) {
        (Native(a), Native(b)) => a == b,
        (Native(_), _) | (_, Native(_)) => false,
        (Romanised(a), Romanised(b)) => a != b,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::name_forms;

    fn native(raw: &str) -> Option<String> {
        name_forms(raw)
            .iter()
            .find(|f| native_script(f).is_some())
            .map(NameForm::text)
    }

    #[test]
    fn family_name_and_given_name_as_units() {
        assert_eq!(native("박정호").as_deref(), Some("박 정호"));
        assert_eq!(native("박 정호").as_deref(), Some("박 정호"));
        assert_eq!(native("박 정 호").as_deref(), Some("박 정호"));
        assert_eq!(native("남궁민수").as_deref(), Some("남궁 민수"));
        assert_eq!(native("王建國").as_deref(), Some("王 建国"));
        assert_eq!(native("欧阳修").as_deref(), Some("欧阳 修"));
        assert_eq!(native("歐陽修").as_deref(), Some("欧阳 修"));
        assert_eq!(native("王军").as_deref(), Some("王 军"));
    }

    #[test]
    fn only_short_names_in_one_script() {
        assert_eq!(native("김"), None);
        assert_eq!(native("Kim Jong Un"), None);
        assert_eq!(native("김 Jong Un"), None);
        assert_eq!(native("中国石油天然气集团"), None);
        assert_eq!(native("朴槿惠 박근혜"), None);
    }

    #[test]
    fn native_reading_is_one_of_the_forms_within_the_bound() {
        let f = name_forms("김정은");
        assert!(f.len() <= crate::normalize::MAX_FORMS);
        let t = tags(&f);
        assert_eq!(
            t.iter()
                .filter(|t| matches!(t, NativeTag::Native(_)))
                .count(),
            1
        );
        assert!(t.contains(&NativeTag::Romanised(NativeScript::Hangul)));
        assert!(tags(&name_forms("Kim Jong Un"))
            .iter()
            .all(|t| *t == NativeTag::Plain));
    }

    #[test]
    fn same_script_compares_only_natively() {
        use NativeScript::*;
        use NativeTag::*;
        assert!(comparable(Native(Hangul), Native(Hangul)));
        assert!(!comparable(Native(Hangul), Native(Han)));
        assert!(!comparable(Romanised(Hangul), Romanised(Hangul)));
        assert!(!comparable(Romanised(Hangul), Native(Hangul)));
        assert!(!comparable(Native(Hangul), Plain));
        assert!(comparable(Romanised(Hangul), Plain));
        assert!(comparable(Plain, Romanised(Han)));
        assert!(comparable(Romanised(Han), Romanised(Hangul)));
        assert!(comparable(Plain, Plain));
    }
}
