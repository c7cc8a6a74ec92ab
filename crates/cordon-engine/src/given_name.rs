//! A Korean or Chinese given name is one unit, not a bag of syllables.
//!
//! Korean and Chinese personal names are a family name and a given name of
//! one or two syllables, each syllable very common: sharing the family name
//! and one of two given-name syllables ("이민수" against LEE Min Chol) or a
//! one-syllable given name against a two-syllable one ("王军" against WANG
//! Jun Hui) is a different person, yet covers most of either name token by
//! token. So when one side of a comparison is a romanised reading of a
//! short CJK name (see [`crate::normalize::native`]: its first token is the
//! family name, the rest its given name), the given names must match
//! whole: every syllable of the CJK side's given name aligned with the
//! other side's given name (the tokens not aligned with the family name),
//! and every token of that given name aligned. When they do not, the name
//! score is scaled by [`CJK_PARTIAL_GIVEN_NAME_FACTOR`].

use crate::align::NameScore;
use crate::weights::CJK_PARTIAL_GIVEN_NAME_FACTOR;

/// Which side of a comparison is the romanised reading of a short CJK name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CjkSide {
    Query,
    List,
}

/// Whether the given names match as units. `q_len` and `l_len` are the
/// token counts of the query and the list name.
pub(crate) fn given_names_match(ns: &NameScore, side: CjkSide, q_len: usize, l_len: usize) -> bool {
    let (cjk_len, other_len) = match side {
        CjkSide::Query => (q_len, l_len),
        CjkSide::List => (l_len, q_len),
    };
    // Each pair as (CJK-side range, other-side range).
    let spans = ns.pairs.iter().map(|p| {
        let q = p.q as usize..(p.q + p.q_len) as usize;
        let l = p.l as usize..(p.l + p.l_len) as usize;
        match side {
            CjkSide::Query => (q, l),
            CjkSide::List => (l, q),
        }
    });
    let spans: Vec<_> = spans.collect();
    let Some((_, family)) = spans.iter().find(|(c, _)| c.contains(&0)) else {
        // The family name is not matched: nothing to say about given names.
        return true;
    };
    if cjk_len < 2 {
        return true;
    }
    let mut cjk_given = vec![false; cjk_len];
    let mut other_given = vec![false; other_len];
    for (c, o) in &spans {
        if c.contains(&0) || o.clone().any(|i| family.contains(&i)) {
            continue;
        }
        c.clone().for_each(|i| cjk_given[i] = true);
        o.clone().for_each(|i| other_given[i] = true);
    }
    let cjk_whole = cjk_given[1..].iter().all(|&b| b);
    let other_whole = other_given
        .iter()
        .enumerate()
        .all(|(i, &b)| b || family.contains(&i));
    cjk_whole && other_whole
}

/// Scales `ns` when the given names do not match as units.
pub(crate) fn apply(ns: &mut NameScore, side: CjkSide, q_len: usize, l_len: usize) {
    if !given_names_match(ns, side, q_len, l_len) {
        ns.score *= CJK_PARTIAL_GIVEN_NAME_FACTOR;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{score_names, Mode, Tok};
    use crate::normalize::phonetic_key;

    /// The plain alignment score of two token lists (weights alike).
    fn plain(q: &[&str], l: &[&str]) -> NameScore {
        let keys: Vec<(String, String)> = q
            .iter()
            .chain(l)
            .map(|w| (w.to_string(), phonetic_key(w)))
            .collect();
        fn tok((t, p): &(String, String)) -> Tok<'_> {
            Tok {
                text: t.as_str(),
                phon: p.as_str(),
                weight: 5.0,
                letters: crate::similarity::letter_set(t),
            }
        }
        let qt: Vec<Tok<'_>> = keys[..q.len()].iter().map(tok).collect();
        let lt: Vec<Tok<'_>> = keys[q.len()..].iter().map(tok).collect();
        score_names(&qt, &lt, Mode::Screen)
    }

    fn score(q: &[&str], l: &[&str], side: CjkSide) -> NameScore {
        let mut ns = plain(q, l);
        apply(&mut ns, side, q.len(), l.len());
        ns
    }

    #[test]
    fn one_of_two_given_syllables_is_not_a_match() {
        // 이민수 against LEE Min Chol.
        let s = score(
            &["lee", "min", "su"],
            &["lee", "min", "chol"],
            CjkSide::Query,
        );
        let whole = score(&["lee", "min", "su"], &["lee", "min", "su"], CjkSide::Query);
        assert!((whole.score - 1.0).abs() < 1e-9);
        assert!(s.score < 0.6, "{s:?}");
    }

    #[test]
    fn a_one_syllable_given_name_is_not_half_of_a_two_syllable_one() {
        // 王军 against WANG Jun Hui, either way round.
        let q = score(&["wang", "jun"], &["wang", "jun", "hui"], CjkSide::Query);
        assert!(q.score < 0.7, "{q:?}");
        let l = score(&["wang", "jun", "hui"], &["wang", "jun"], CjkSide::List);
        assert!(l.score < 0.7, "{l:?}");
    }

    #[test]
    fn whole_given_names_match_in_any_spelling() {
        // 김정은 read "kim jong un" against KIM Jong Un, and a spelling of it.
        let split = score(
            &["kim", "jong", "un"],
            &["un", "jong", "kim"],
            CjkSide::Query,
        );
        assert!((split.score - 1.0).abs() < 1e-9, "{split:?}");
        let romanised_alike = score(
            &["kim", "jong", "un"],
            &["kim", "jung", "un"],
            CjkSide::Query,
        );
        assert!(romanised_alike.score > 0.8, "{romanised_alike:?}");
        // Without the family name matched, the rule says nothing.
        let other = score(
            &["kim", "jong", "un"],
            &["pak", "jong", "un"],
            CjkSide::Query,
        );
        let plain = plain(&["kim", "jong", "un"], &["pak", "jong", "un"]);
        assert_eq!(other.score, plain.score);
    }
}
