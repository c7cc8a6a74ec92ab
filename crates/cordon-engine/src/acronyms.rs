//! Acronyms: one word of a name that is the initials of consecutive words
//! of the other ("IRGC" / "Islamic Revolutionary Guard Corps", "NIOC" /
//! "National Iranian Oil Company"), for organisations, vessels and
//! aircraft only (a person's initials are the business of
//! [`crate::similarity`]).
//!
//! Which words make the initials is read from the lists' own acronym
//! aliases (OFAC SDN 2022 and the US Consolidated Screening List, 290
//! organisation aliases equal to the initials of another of the entity's
//! names): every word gives its first letter; a function word, particle or
//! honorific may give its first letter or nothing ("IRISL" = Islamic
//! Republic (of) Iran Shipping Lines, but "PDVSA" = Petróleos De Venezuela
//! S.A.); a legal form may give its first letter ("NIOC": Company), its
//! whole code when that is two letters ("PDVSA": S.A., "IHAG": IFIC
//! Holding AG, "NICO": Naftiran Intertrade Co), or nothing; a number ends
//! the words. A word of the name is never left out ("CETC" for China
//! Electronics Technology Group Corporation is not found: leaving out any
//! word would make every short acronym match far more names). The
//! acronym has [`MIN_ACRONYM_LETTERS`] to [`MAX_ACRONYM_LETTERS`] letters
//! and the words are at least [`MIN_ACRONYM_WORDS`].
//!
//! Three places use it: the aligner pairs an acronym with its words
//! ([`span_of`], `crate::align`); the index files each organisation name
//! under the acronyms of its first and of its last words ([`for_each_key`]),
//! so that a query "IRGC" reaches "Islamic Revolutionary Guard Corps"; and
//! a query's own words look up the acronym they make, so that the spelled
//! out name reaches a list name "IRGC".

use crate::normalize::legal_forms;
use crate::normalize::name_parts::{self, role_of};
use crate::normalize::TokenRole;
use crate::weights::{MAX_ACRONYM_LETTERS, MIN_ACRONYM_LETTERS, MIN_ACRONYM_WORDS};
use std::sync::OnceLock;

/// What one token can give an acronym.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// A word: its first letter, always.
    Word(u8),
    /// A function word, particle or honorific: its first letter or nothing.
    /// A particle written several ways and read as one (`ul`, `el`, `al`
    /// are `al`; `ibn` is `bin`) may give the first letter of any of its
    /// spellings ("HUJI": Harakat ul-Jihad Islami): the set of letters.
    Optional(u8, u32),
    /// A legal form: its first letter, nothing, or, when its code is two
    /// letters, both.
    Legal(u8, Option<u8>),
    /// A number or a word not in ASCII letters: no acronym spans it.
    Stop,
}

impl Part {
    /// The part a token of this text and role plays.
    pub(crate) fn of(text: &str, role: TokenRole) -> Part {
        let b = text.as_bytes();
        let Some(&first) = b.first().filter(|c| c.is_ascii_lowercase()) else {
            return Part::Stop;
        };
        match role {
            TokenRole::Word | TokenRole::Initial => Part::Word(first),
            TokenRole::Stopword | TokenRole::Particle | TokenRole::Honorific => {
                Part::Optional(first, spelling_initials(text, first))
            }
            TokenRole::LegalForm => {
                let second = if b.len() == 2 { Some(b[1]) } else { None };
                Part::Legal(first, second)
            }
            TokenRole::Number => Part::Stop,
        }
    }

    /// [`Part::of`] for a token whose role is not at hand (the aligner's):
    /// read again from its text, as normalisation gave it.
    pub(crate) fn of_text(text: &str) -> Part {
        // A legal form's code is its own canonical form ("sa", "co"), of
        // at most four letters.
        let role = match role_of(text) {
            TokenRole::Word
                if text.len() <= 4 && legal_forms::canonical(text).is_some_and(|c| c == text) =>
            {
                TokenRole::LegalForm
            }
            r => r,
        };
        Part::of(text, role)
    }
}

/// The first letters of every spelling of the particle `text` (see
/// [`name_parts::PARTICLE_SPELLINGS`]), `first` included, as a bit set.
fn spelling_initials(text: &str, first: u8) -> u32 {
    name_parts::PARTICLE_SPELLINGS
        .iter()
        .filter(|(_, to)| *to == text)
        .filter_map(|(from, _)| from.bytes().next())
        .fold(letter(first), |m, c| m | letter(c))
}

/// The letters a token may give an acronym, as a
/// [`crate::similarity::letter_set`]: its first, the second of a
/// two-letter one (a legal form's code), the first of every spelling of a
/// particle. The aligner's cheap test: an acronym's letters are all among
/// those of the other side's tokens.
pub(crate) fn letters_given(text: &str) -> u32 {
    let b = text.as_bytes();
    let Some(&first) = b.first().filter(|c| c.is_ascii_lowercase()) else {
        return 0;
    };
    let mut m = letter(first);
    if b.len() == 2 && b[1].is_ascii_lowercase() {
        m |= letter(b[1]);
    }
    if b.len() <= 3 {
        if let Some(&(_, letters)) = particle_spellings().iter().find(|(p, _)| *p == text) {
            m |= letters;
        }
    }
    m
}

/// Each particle other spellings are read as, with the first letters of
/// all its spellings ([`spelling_initials`]).
fn particle_spellings() -> &'static [(&'static str, u32)] {
    static T: OnceLock<Vec<(&'static str, u32)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<(&'static str, u32)> = Vec::new();
        for &(_, to) in name_parts::PARTICLE_SPELLINGS {
            if !v.iter().any(|(p, _)| *p == to) {
                let first = to.as_bytes()[0];
                v.push((to, spelling_initials(to, first)));
            }
        }
        v
    })
}

/// The `alt`-th letter a particle may give: its own first letter, then
/// those of its other spellings in alphabetical order (its own again when
/// it has fewer).
fn nth_spelling(own: u8, letters: u32, alt: u32) -> u8 {
    if alt == 0 {
        return own;
    }
    (b'a'..=b'z')
        .filter(|&c| c != own && letters & letter(c) != 0)
        .nth(alt as usize - 1)
        .unwrap_or(own)
}

/// The bit of a lower-case ASCII letter.
fn letter(c: u8) -> u32 {
    1 << (c.wrapping_sub(b'a') & 31)
}

/// Whether `t` can be an acronym: [`MIN_ACRONYM_LETTERS`] to
/// [`MAX_ACRONYM_LETTERS`] lower-case ASCII letters.
pub(crate) fn may_be_acronym(t: &str) -> bool {
    (MIN_ACRONYM_LETTERS..=MAX_ACRONYM_LETTERS).contains(&t.len())
        && t.bytes().all(|b| b.is_ascii_lowercase())
}

/// Bit set of the positions `p` of `acr` where `acr[p..]` starts with `s`.
fn at(acr: &[u8], s: &[u8]) -> u32 {
    (0..acr.len())
        .filter(|&p| acr[p..].starts_with(s))
        .fold(0, |m, p| m | 1 << p)
}

/// Bit set of the positions of `acr` holding one of the `letters`.
fn at_any(acr: &[u8], letters: u32) -> u32 {
    (0..acr.len())
        .filter(|&p| acr[p].is_ascii_lowercase() && letters & letter(acr[p]) != 0)
        .fold(0, |m, p| m | 1 << p)
}

/// The first run of consecutive `parts` (at least [`MIN_ACRONYM_WORDS`],
/// those that can take part, as `usable` says) whose initials spell `acr`,
/// its first and last part giving letters: `(start, length)`.
///
/// The parts are read as an automaton over the positions of `acr` (a bit
/// set: `acr` has at most [`MAX_ACRONYM_LETTERS`] letters), so a run costs
/// a few operations per part, whatever the optional parts.
pub(crate) fn span_of(
    acr: &[u8],
    parts: &[Part],
    usable: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    if !(MIN_ACRONYM_LETTERS..=MAX_ACRONYM_LETTERS).contains(&acr.len()) {
        return None;
    }
    let done = 1u32 << acr.len();
    for start in 0..parts.len() {
        if !usable(start) {
            continue;
        }
        // Positions reachable after the parts so far; the first part must
        // give the first letter.
        let mut live = 1u32;
        for (k, part) in parts.iter().enumerate().skip(start) {
            if k > start && !usable(k) {
                break;
            }
            let (given, skipped) = step(acr, *part, live);
            if k == start {
                live = given;
            } else {
                if given & done != 0 && k + 1 - start >= MIN_ACRONYM_WORDS {
                    return Some((start, k + 1 - start));
                }
                live = given | skipped;
            }
            live &= (done << 1) - 1;
            if live & !done == 0 {
                break;
            }
        }
    }
    None
}

/// One part read from the positions `live`: the positions reached by its
/// giving letters, and those kept when it gives none.
fn step(acr: &[u8], part: Part, live: u32) -> (u32, u32) {
    match part {
        Part::Word(c) => ((live & at(acr, &[c])) << 1, 0),
        Part::Optional(_, letters) => ((live & at_any(acr, letters)) << 1, live),
        Part::Legal(c, second) => {
            let mut given = (live & at(acr, &[c])) << 1;
            if let Some(d) = second {
                given |= (live & at(acr, &[c, d])) << 2;
            }
            (given, live)
        }
        Part::Stop => (0, 0),
    }
}

/// How the optional parts are read when filing a name under its acronyms:
/// function words in or out, legal forms out, by their first letter or
/// by their two-letter code.
const VARIANTS: [(bool, u8); 6] = [
    (false, 0),
    (false, 1),
    (false, 2),
    (true, 0),
    (true, 1),
    (true, 2),
];

/// Calls `f(acronym, start, length)` for the acronyms of the runs of
/// `parts` that begin with its first part or end with its last (at least
/// [`MIN_ACRONYM_WORDS`] parts, [`MIN_ACRONYM_LETTERS`] to
/// [`MAX_ACRONYM_LETTERS`] letters), under each reading of the optional
/// parts ([`VARIANTS`]); the same acronym may come more than once. A name
/// is filed under these in the index, and a query's words look them up:
/// an acronym of words in the middle of a long name is found only by
/// another word of the name.
pub(crate) fn for_each_key(parts: &[Part], mut f: impl FnMut(&str, usize, usize)) {
    let n = parts.len();
    if n < MIN_ACRONYM_WORDS {
        return;
    }
    // Readings that cannot differ are made once.
    let optional = parts.iter().any(|p| matches!(p, Part::Optional(..)));
    let legal_forms = parts.iter().any(|p| matches!(p, Part::Legal(..)));
    let two_letters = parts.iter().any(|p| matches!(p, Part::Legal(_, Some(_))));
    // A particle written several ways gives the letter of each spelling
    // in turn (all such particles of the name the same one).
    let spellings = parts
        .iter()
        .map(|p| match p {
            Part::Optional(_, letters) => letters.count_ones(),
            _ => 1,
        })
        .max()
        .unwrap_or(1);
    let mut key = String::with_capacity(MAX_ACRONYM_LETTERS + 2);
    let variants = VARIANTS
        .iter()
        .flat_map(|&(stops, legal)| (0..spellings).map(move |alt| (stops, legal, alt)));
    for (stops, legal, alt) in variants {
        if (stops && !optional)
            || (legal > 0 && !legal_forms)
            || (legal == 2 && !two_letters)
            || (alt > 0 && !stops)
        {
            continue;
        }
        let give = |p: Part, key: &mut String| match p {
            Part::Word(c) => key.push(c as char),
            Part::Optional(c, letters) if stops => key.push(nth_spelling(c, letters, alt) as char),
            Part::Optional(..) => {}
            Part::Legal(c, second) => match (legal, second) {
                (1, _) => key.push(c as char),
                (2, Some(d)) => {
                    key.push(c as char);
                    key.push(d as char);
                }
                (2, None) => key.push(c as char),
                _ => {}
            },
            Part::Stop => {}
        };
        // Runs from the first part.
        key.clear();
        for (k, &p) in parts.iter().enumerate() {
            if p == Part::Stop {
                break;
            }
            give(p, &mut key);
            if key.len() > MAX_ACRONYM_LETTERS {
                break;
            }
            if k + 1 >= MIN_ACRONYM_WORDS && key.len() >= MIN_ACRONYM_LETTERS {
                f(&key, 0, k + 1);
            }
        }
        // Runs to the last part (the whole name is one of the above).
        for start in (1..=n - MIN_ACRONYM_WORDS).rev() {
            key.clear();
            let mut ok = true;
            for &p in &parts[start..] {
                if p == Part::Stop {
                    ok = false;
                    break;
                }
                give(p, &mut key);
                if key.len() > MAX_ACRONYM_LETTERS {
                    ok = false;
                    break;
                }
            }
            if !ok {
                // A longer run to the end holds the same stop or more letters.
                break;
            }
            if key.len() >= MIN_ACRONYM_LETTERS {
                f(&key, start, n - start);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::name_forms;

    fn parts(name: &str) -> Vec<Part> {
        name_forms(name)[0]
            .tokens
            .iter()
            .map(|t| Part::of(&t.text, t.role))
            .collect()
    }

    fn span(acr: &str, name: &str) -> Option<(usize, usize)> {
        span_of(acr.as_bytes(), &parts(name), |_| true)
    }

    fn keys(name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_key(&parts(name), |k, _, _| out.push(k.to_string()));
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn an_acronym_spells_the_initials_of_consecutive_words() {
        assert_eq!(
            span("irgc", "Islamic Revolutionary Guard Corps"),
            Some((0, 4))
        );
        assert_eq!(
            span("irgc", "Islamic Revolutionary Guard Corps Qods Force"),
            Some((0, 4))
        );
        // Function words may give a letter or none.
        assert_eq!(
            span("irisl", "Islamic Republic of Iran Shipping Lines"),
            Some((0, 6))
        );
        assert_eq!(span("pdvsa", "Petroleos de Venezuela S.A."), Some((0, 4)));
        // Legal forms: the first letter or a two-letter code.
        assert_eq!(span("nioc", "National Iranian Oil Company"), Some((0, 4)));
        assert_eq!(span("ihag", "IFIC Holding AG"), Some((0, 3)));
        assert_eq!(
            span(
                "cpp",
                "New People's Army Communist Party of the Philippines"
            ),
            Some((3, 5))
        );
    }

    #[test]
    fn no_word_is_left_out_and_short_runs_do_not_count() {
        assert_eq!(
            span("cetc", "China Electronics Technology Group Corporation"),
            None
        );
        assert_eq!(span("ab", "Alpha Beta"), None);
        assert_eq!(span("abc", "Alpha Beta"), None);
        assert_eq!(span("irgc", "Islamic Revolutionary Corps"), None);
        // Numbers end a run.
        assert_eq!(span("abc", "Alpha 7 Beta Gamma"), None);
        assert_eq!(span("boc", "Bank of China"), Some((0, 3)));
        // A particle read as one spelling gives the letter of any.
        assert_eq!(span("huji", "Harakat ul-Jihad Islami"), Some((0, 4)));
        assert_eq!(span("haji", "Harakat ul-Jihad Islami"), Some((0, 4)));
        assert_eq!(span("bim", "Bank of Industry and Mine"), Some((0, 5)));
    }

    #[test]
    fn names_are_filed_under_the_acronyms_of_their_first_and_last_words() {
        let k = keys("Islamic Revolutionary Guard Corps Qods Force");
        for want in ["irg", "irgc", "irgcqf", "gcqf", "cqf"] {
            assert!(k.contains(&want.to_string()), "{want} not in {k:?}");
        }
        assert!(!k.contains(&"rgc".to_string()), "{k:?}");
        let k = keys("Petroleos de Venezuela S.A.");
        assert!(k.contains(&"pdvsa".to_string()), "{k:?}");
        assert!(k.contains(&"pvs".to_string()), "{k:?}");
        let k = keys("National Iranian Oil Company");
        assert!(k.contains(&"nioc".to_string()), "{k:?}");
        assert!(k.contains(&"nio".to_string()), "{k:?}");
        assert!(keys("Alpha Beta").is_empty());
        // A particle read as "al" gives the letter of any of its spellings.
        let k = keys("Harakat ul-Jihad Islami");
        for want in ["haji", "huji", "heji", "hji"] {
            assert!(k.contains(&want.to_string()), "{want} not in {k:?}");
        }
    }

    #[test]
    fn roles_read_from_text_agree_with_normalisation() {
        for name in [
            "Islamic Republic of Iran Shipping Lines",
            "Petroleos de Venezuela S.A.",
            "National Iranian Oil Company",
            "IFIC Holding AG",
        ] {
            let f = &name_forms(name)[0];
            for t in &f.tokens {
                assert_eq!(Part::of_text(&t.text), Part::of(&t.text, t.role), "{t:?}");
            }
        }
    }
}
