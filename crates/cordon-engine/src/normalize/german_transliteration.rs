//! Russian, Ukrainian and Belarusian names in German transliteration
//! (Duden style, as German-language lists and registers write them:
//! "Jewgeni Prigoschin", "Wiktor Janukowytsch", "Jurij Kowaltschuk") read
//! also in the English spelling most lists use ("Yevgeny Prigozhin",
//! "Viktor Yanukovych"). German writes ч as `tsch`, ш and ж as `sch`, щ as
//! `schtsch`, х as `ch`, в as `w` and й, я, ю, е as `j`, `ja`, `ju`, `je`;
//! each becomes its English spelling (`ch`, `sh`, `shch`, `kh`, `v`, `y`).
//! Where German merges two letters (ш and ж are both `sch`) the reading
//! takes the first, and spelling similarity meets the other.
//!
//! The reading is made only for a name that carries a mark of German
//! transliteration from Cyrillic in one of its words: `tsch`, or a Slavic
//! ending as German writes it (`-ow`, `-ew`, `-owa`, `-ewa`, `-owitsch`,
//! `-ewitsch`, `-owna`, `-ewna`, `-skij`, `-skaja`, `-schin`, `-schkin`,
//! `-enko`). German and other names without such a mark keep their
//! spelling alone ("Schneider", "Wagner").

use super::{NameForm, Token, TokenRole};

/// Word endings that mark a Slavic name written the German way.
const SLAVIC_ENDINGS: &[&str] = &[
    "owitsch", "ewitsch", "owna", "ewna", "skij", "skaja", "schin", "schkin", "enko", "owa", "ewa",
    "ow", "ew",
];

/// Whether a word bears a mark of German transliteration from Cyrillic.
fn marked(w: &str) -> bool {
    w.len() >= 4 && (w.contains("tsch") || SLAVIC_ENDINGS.iter().any(|e| w.ends_with(e)))
}

/// The English spelling of one word written the German way.
fn english(w: &str) -> String {
    let b = w.as_bytes();
    let mut out = String::with_capacity(w.len() + 2);
    let mut i = 0;
    while i < b.len() {
        let rest = &w[i..];
        let (eng, used) = if rest.starts_with("schtsch") {
            ("shch", 7)
        } else if rest.starts_with("tsch") {
            ("ch", 4)
        } else if rest.starts_with("sch") {
            ("sh", 3)
        } else if rest.starts_with("ch") {
            ("kh", 2)
        } else {
            match b[i] {
                b'w' => ("v", 1),
                b'j' => ("y", 1),
                _ => (&rest[..1], 1),
            }
        };
        out.push_str(eng);
        i += used;
    }
    out
}

/// The English reading of a name written the German way ([module
/// docs](self)), or `None`.
pub(super) fn english_form(form: &NameForm) -> Option<NameForm> {
    let t = &form.tokens;
    if t.len() < 2 || !t.iter().all(|t| t.text.is_ascii()) || !t.iter().any(|t| marked(&t.text)) {
        return None;
    }
    let tokens: Vec<Token> = t
        .iter()
        .map(|tok| Token {
            text: if tok.role == TokenRole::Word {
                english(&tok.text)
            } else {
                tok.text.clone()
            },
            role: tok.role,
            dictionary: tok.dictionary,
        })
        .collect();
    let read = NameForm { tokens };
    (read != *form).then_some(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<String> {
        english_form(&NameForm::of_words(s)).map(|f| f.text())
    }

    #[test]
    fn german_spellings_read_in_english() {
        assert_eq!(
            read("wiktor janukowytsch"),
            Some("viktor yanukovych".into())
        );
        assert_eq!(read("jewgeni prigoschin"), Some("yevgeni prigoshin".into()));
        assert_eq!(read("jurij kowaltschuk"), Some("yuriy kovalchuk".into()));
        assert_eq!(
            read("michail chodorkowski"),
            None,
            "no German mark: -ski is English too"
        );
        assert_eq!(
            read("michail chodorkowskij"),
            Some("mikhail khodorkovskiy".into())
        );
        assert_eq!(read("sergej lawrow"), Some("sergey lavrov".into()));
        assert_eq!(
            read("nikita chruschtschow"),
            Some("nikita khrushchov".into())
        );
    }

    #[test]
    fn names_without_the_mark_keep_their_spelling() {
        for name in [
            "wolfgang schneider",
            "richard wagner",
            "joachim schmidt",
            "putin",
        ] {
            assert_eq!(read(name), None, "{name}");
        }
    }
}
