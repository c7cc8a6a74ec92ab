//! Property tests of `fold` and `name_forms`.

use cordon_engine::normalize::native::native_script;
use cordon_engine::normalize::{
    fold, name_forms, party_forms, person_forms, phonetic_key, MAX_FORMS,
};
use proptest::prelude::*;

fn name_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z'., /&-]{0,40}",
        "[\\u{0400}-\\u{04FF} ,.-]{0,30}",
        "[\\u{0600}-\\u{06FF}\\u{FB50}-\\u{FDFF}\\u{FE70}-\\u{FEFF} ]{0,30}",
        "[\\u{AC00}-\\u{D7A3}\\u{4E00}-\\u{9FFF} ]{0,12}",
        "[\\u{00C0}-\\u{024F}\\u{0370}-\\u{03FF}\\u{10A0}-\\u{10FF}\\u{0590}-\\u{05FF} ]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn fold_is_idempotent(s in name_like()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
    }

    #[test]
    fn fold_is_lower_ascii_words(s in name_like()) {
        let f = fold(&s);
        prop_assert!(f.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '));
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
    }

    #[test]
    fn party_forms_are_company_then_person_readings(
        s in prop_oneof![name_like(), "(ooo|llc|pjsc|comp|intl|ltd|co|the|bank|ivan|[a-z]{2,8})( (ooo|llc|pjsc|comp|intl|ltd|co|the|bank|ivan|[a-z]{2,8})){0,4}"]
    ) {
        let mut want = name_forms(&s);
        for f in person_forms(&s) {
            if !want.contains(&f) {
                want.push(f);
            }
        }
        prop_assert_eq!(party_forms(&s), want);
    }

    #[test]
    fn name_forms_bounded_and_nonempty(s in name_like()) {
        let forms = name_forms(&s);
        prop_assert!(forms.len() <= MAX_FORMS);
        if s.chars().any(char::is_alphanumeric) {
            prop_assert!(!forms.is_empty(), "no forms for {:?}", s);
        }
        for (i, f) in forms.iter().enumerate() {
            prop_assert!(!f.tokens.is_empty());
            // Every form is lower-case ASCII but the native reading of a
            // short CJK name, which is in its own script and comes last.
            let native = native_script(f).is_some();
            prop_assert!(!native || i + 1 == forms.len());
            for t in &f.tokens {
                prop_assert!(!t.text.is_empty());
                if native {
                    prop_assert!(t.text.chars().all(|c| !c.is_ascii() && c.is_alphabetic()));
                } else {
                    prop_assert!(t.text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
                }
                let _ = phonetic_key(&t.text);
            }
            for g in &forms[..i] {
                prop_assert_ne!(f, g);
            }
        }
    }

    /// A Latin name reads first as written, one token a word; second
    /// readings (a joined compound or article read apart, one whole-name
    /// reading in another romanisation) add at most one form per word and
    /// one more.
    #[test]
    fn latin_reads_as_written_first(s in "[A-Za-z][a-z]{1,9}( [A-Za-z][a-z]{1,9}){0,3}") {
        let words = s.split(' ').count();
        let forms = name_forms(&s);
        prop_assert_eq!(forms[0].tokens.len(), words);
        prop_assert!(forms.len() <= words + 2, "{:?}", forms);
    }
}
