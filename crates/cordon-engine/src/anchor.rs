//! A match needs an anchor: a distinctive word of the query matched closely.
//!
//! A query's words are not equally telling. Common given names (Mohammad,
//! Ali, Hossein, Reza) and generic business words (`generic_words`) are
//! shared by thousands of parties, and a word matched only by its sound
//! (the phonetic key: "Yazdi" / "Assad", "Ruhani" / "Reyhani") or by a
//! loose spelling (two edits of six letters: "Hashmi" / "Ashami") is a
//! hint, not an identification. A Persian name whose given name equals the
//! Arabic given name of a listed person and whose family name only sounds
//! like the listed one ("حسین هاشمی" against ASHAMI, Husayn) scores 0.8 and
//! more token by token, yet names another person; so do names in any
//! script whose every word only sounds like a listed name's.
//!
//! So a comparison is *anchored* when at least one distinctive query word
//! (a word or number that is not a common given name or generic word) is
//! aligned exactly, as two words written together, or by a spelling at
//! least [`ANCHOR_MIN_SIMILARITY`] alike (one edit in seven letters, the
//! difference of a transliteration); a query with no distinctive word is
//! left to `generic_words`' cap. Spelling variants of one name often have
//! no such word ("HAMEIAH, Jamil" / "HAMIEH, Jamiel"), but their letters
//! mostly agree, where words that only share a sound key mostly differ
//! ("Zara" / "Sayyari"): an unanchored name score is scaled by
//! [`NO_ANCHOR_FACTOR`] when the distinctive words' average letter
//! likeness ([`letter_likeness`]) is below [`LOOSE_LETTER_LIKENESS`]. The
//! factor keeps the score below the default threshold; the result is still
//! shown, and its explanation says why it was cut. Name scores below
//! [`NO_ANCHOR_MIN_SCORE`] are left as they are: no evidence lifts them to
//! the default threshold, and most candidates of a query without a match
//! are such, so the letters are compared only where it can matter.

use crate::align::{NameScore, Tok};
use crate::generic_words::is_generic;
use crate::normalize::TokenRole;
use crate::similarity::{bounded_osa, SimilarityKind};
use crate::weights::{
    ANCHOR_MIN_SIMILARITY, LOOSE_LETTER_LIKENESS, NO_ANCHOR_FACTOR, NO_ANCHOR_MIN_SCORE,
};

/// The query tokens (by position, the first 64) that can anchor a match:
/// words and numbers that are not common given names or generic words.
pub(crate) fn distinctive_mask<'a>(tokens: impl Iterator<Item = (&'a str, TokenRole)>) -> u64 {
    tokens
        .take(64)
        .enumerate()
        .filter(|(_, (text, role))| {
            matches!(role, TokenRole::Word | TokenRole::Number) && !is_generic(text)
        })
        .fold(0, |m, (i, _)| m | (1 << i))
}

/// Whether a distinctive query token (a bit of `distinctive`) is aligned
/// closely enough to identify the party.
pub(crate) fn anchored(ns: &NameScore, distinctive: u64) -> bool {
    ns.pairs.iter().any(|p| {
        let close = match p.kind {
            // An acronym stands for its words as written.
            SimilarityKind::Exact | SimilarityKind::Joined | SimilarityKind::Acronym => true,
            SimilarityKind::Fuzzy | SimilarityKind::Prefix => p.sim >= ANCHOR_MIN_SIMILARITY,
            _ => false,
        };
        // A token written as two of the other side is one pair per part,
        // the second with length 0 on its side.
        let q = p.q as u32..(p.q as u32 + p.q_len.max(1) as u32).min(64);
        close && q.into_iter().any(|i| distinctive & (1 << i) != 0)
    })
}

/// How alike in their letters the distinctive query words are to the list
/// words they are aligned with, on average: 1 for an exact or joined
/// pair, the edit similarity (whatever the allowed edits) for a word
/// aligned by sound, spelling or prefix, the similarity of a nickname;
/// initials do not count. 0 when no distinctive word is aligned.
pub(crate) fn letter_likeness(
    ns: &NameScore,
    distinctive: u64,
    q: &[Tok<'_>],
    l: &[Tok<'_>],
) -> f64 {
    let (mut sum, mut n) = (0.0, 0u32);
    for p in &ns.pairs {
        let qi = p.q as usize;
        if qi >= 64 || distinctive & (1 << qi) == 0 {
            continue;
        }
        let s = match p.kind {
            SimilarityKind::Exact | SimilarityKind::Joined | SimilarityKind::Acronym => 1.0,
            SimilarityKind::Fuzzy | SimilarityKind::Phonetic | SimilarityKind::Prefix => {
                match (q.get(qi), l.get(p.l as usize)) {
                    (Some(a), Some(b)) => {
                        let (a, b) = (a.text.as_bytes(), b.text.as_bytes());
                        let long = a.len().max(b.len()).max(1);
                        let d = bounded_osa(a, b, long).unwrap_or(long);
                        1.0 - d as f64 / long as f64
                    }
                    _ => continue,
                }
            }
            SimilarityKind::Nickname | SimilarityKind::SameName => p.sim,
            SimilarityKind::Initial | SimilarityKind::None => continue,
        };
        sum += s;
        n += 1;
    }
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Scales `ns` when the query has a distinctive word, none of them is
/// aligned closely and their letters are mostly not the list words' (see
/// the module documentation).
pub(crate) fn apply(ns: &mut NameScore, distinctive: u64, q: &[Tok<'_>], l: &[Tok<'_>]) {
    if distinctive != 0
        && ns.score >= NO_ANCHOR_MIN_SCORE
        && !anchored(ns, distinctive)
        && letter_likeness(ns, distinctive, q, l) < LOOSE_LETTER_LIKENESS
    {
        ns.score *= NO_ANCHOR_FACTOR;
        ns.no_anchor = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{score_names, Mode};
    use crate::normalize::phonetic_key;

    /// The name score of `q` against `l` (every word of weight 5), before
    /// and after [`apply`].
    fn scored(q: &[&str], l: &[&str]) -> (f64, NameScore) {
        let keys = |ws: &[&str]| -> Vec<(String, String)> {
            ws.iter()
                .map(|w| (w.to_string(), phonetic_key(w)))
                .collect()
        };
        let (qp, lp) = (keys(q), keys(l));
        fn tok((t, p): &(String, String)) -> Tok<'_> {
            Tok {
                text: t.as_str(),
                phon: p.as_str(),
                weight: 5.0,
                letters: crate::similarity::letter_set(t),
                nick: 0,
                gives: 0,
                group: 0,
                dictionary: false,
            }
        }
        let qt: Vec<Tok<'_>> = qp.iter().map(tok).collect();
        let lt: Vec<Tok<'_>> = lp.iter().map(tok).collect();
        let mask = distinctive_mask(q.iter().map(|w| (*w, TokenRole::Word)));
        let mut ns = score_names(&qt, &lt, Mode::Screen, false);
        let before = ns.score;
        apply(&mut ns, mask, &qt, &lt);
        (before, ns)
    }

    #[test]
    fn common_given_names_and_generic_words_are_not_distinctive() {
        let mask = distinctive_mask(
            [
                ("hossein", TokenRole::Word),
                ("hashemi", TokenRole::Word),
                ("al", TokenRole::Particle),
                ("trading", TokenRole::Word),
                ("13", TokenRole::Number),
            ]
            .into_iter(),
        );
        assert_eq!(mask, 0b10010);
    }

    #[test]
    fn a_common_given_name_and_a_sound_alike_family_name_are_cut() {
        // "مهدي زارع" read as "mehdi zara" against SAYYARI, Mohammad Mehdi:
        // the given name equal, the family name alike by its sound key only.
        let (before, ns) = scored(&["mehdi", "zara"], &["sayyari", "mohammad", "mehdi"]);
        assert!(before > 0.76, "{before}");
        assert!(ns.no_anchor);
        assert!(ns.score < 0.76, "{ns:?}");
        assert!((ns.score - before * NO_ANCHOR_FACTOR).abs() < 1e-12);
        // Every word only alike by its sound key.
        let (_, ns) = scored(&["yazdi", "ylda"], &["assad", "old"]);
        assert!(ns.no_anchor, "{ns:?}");
    }

    #[test]
    fn a_distinctive_word_matched_closely_anchors() {
        // The family name exact.
        let (before, ns) = scored(&["husayn", "hashemi"], &["hashemi", "hossein"]);
        assert!(!ns.no_anchor);
        assert_eq!(ns.score, before);
        // A transliteration one letter off ("haniyya" / "haniya").
        let (_, ns) = scored(&["ismaeel", "haniyya"], &["haniya", "ismail"]);
        assert!(!ns.no_anchor, "{ns:?}");
        // Two words written together.
        let (_, ns) = scored(&["abubakr", "baghdadi"], &["abu", "bakr", "bagdadi"]);
        assert!(!ns.no_anchor, "{ns:?}");
    }

    #[test]
    fn spelling_variants_alike_in_their_letters_keep_their_score() {
        // No word exact, but the letters mostly agree: one name spelled
        // two ways.
        let (before, ns) = scored(&["hameiah", "jamil"], &["hamieh", "jamiel"]);
        assert!(!ns.no_anchor, "{ns:?}");
        assert_eq!(ns.score, before);
        let (_, ns) = scored(&["salami", "hossein"], &["salimi", "hosein"]);
        assert!(!ns.no_anchor, "{ns:?}");
    }

    #[test]
    fn a_query_of_common_words_only_is_left_alone() {
        // "Mohammad Ali": no distinctive word; an exact full name is a match.
        let (_, ns) = scored(&["mohammad", "ali"], &["ali", "mohammad"]);
        assert!(!ns.no_anchor);
        assert!(ns.score > 0.99);
    }
}
