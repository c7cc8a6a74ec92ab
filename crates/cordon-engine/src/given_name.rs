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
//! in the same order, and every token of that given name aligned. And
//! since the readings of a CJK name already are its spellings in every
//! scheme, each aligned syllable must equal one (or two written together):
//! Zheng is not Zhang, Yong is not Yonghao. The family name must be
//! matched too (a given name alone is not the person), with the other
//! side's family name when both sides are CJK names. When any of this
//! fails, the name score is scaled by [`CJK_PARTIAL_GIVEN_NAME_FACTOR`].

use crate::align::NameScore;
use crate::similarity::SimilarityKind;
use crate::weights::{CJK_PARTIAL_GIVEN_NAME_FACTOR, JOINED_SIMILARITY};

/// Which side of a comparison is the romanised reading of a short CJK name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CjkSide {
    Query,
    List,
}

/// Whether the given names match as units. `q_len` and `l_len` are the
/// token counts of the query and the list name; `both`: the other side is
/// a romanised CJK name too, whose family name is its first token.
pub(crate) fn given_names_match(
    ns: &NameScore,
    side: CjkSide,
    q_len: usize,
    l_len: usize,
    both: bool,
) -> bool {
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
    // The readings of a CJK name are its spellings (every scheme, every
    // family-name variant): a syllable that only resembles one of them
    // (zheng/zhang, yong/yonghao) is another syllable.
    // A token written as two of the other side counts only when both
    // parts are exact: a split whose second part is merely alike (sangchol
    // / song chol) scores below JOINED_SIMILARITY.
    if ns.pairs.iter().any(|p| match p.kind {
        SimilarityKind::Exact => false,
        SimilarityKind::Joined => p.sim < JOINED_SIMILARITY - 1e-9,
        _ => true,
    }) {
        return false;
    }
    if cjk_len < 2 {
        return true;
    }
    let Some((_, family)) = spans.iter().find(|(c, _)| c.contains(&0)) else {
        // The family name is not matched: the given name alone, however
        // well it matches (김선민 against SON Min), is not this person.
        return false;
    };
    if both && family.start != 0 {
        return false;
    }
    let mut cjk_given = vec![false; cjk_len];
    let mut other_given = vec![false; other_len];
    // The given-name pairs in the CJK side's order: the other side's must
    // follow the same order (민은 is not 은민). A token written as two of
    // the other side is two pairs on it: the part it begins with (length
    // 1), then the part it ends with (length 0), so the parts' order
    // counts too (MINGDONG is not DONG MING).
    let mut order: Vec<((usize, bool), (usize, bool))> = Vec::with_capacity(spans.len());
    for (c, o) in &spans {
        if c.contains(&0) || o.clone().any(|i| family.contains(&i)) {
            continue;
        }
        c.clone().for_each(|i| cjk_given[i] = true);
        o.clone().for_each(|i| other_given[i] = true);
        order.push(((c.start, c.is_empty()), (o.start, o.is_empty())));
    }
    order.sort_unstable();
    if order.windows(2).any(|w| w[1].1 < w[0].1) {
        return false;
    }
    let cjk_whole = cjk_given[1..].iter().all(|&b| b);
    let other_whole = other_given
        .iter()
        .enumerate()
        .all(|(i, &b)| b || family.contains(&i));
    cjk_whole && other_whole
}

/// Scales `ns` when the given names do not match as units.
pub(crate) fn apply(ns: &mut NameScore, side: CjkSide, q_len: usize, l_len: usize, both: bool) {
    if !given_names_match(ns, side, q_len, l_len, both) {
        ns.score *= CJK_PARTIAL_GIVEN_NAME_FACTOR;
        ns.partial_given_name = true;
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
                nick: crate::normalize::nicknames::nicknames().id(t),
                gives: 0,
                group: 0,
                dictionary: false,
            }
        }
        let qt: Vec<Tok<'_>> = keys[..q.len()].iter().map(tok).collect();
        let lt: Vec<Tok<'_>> = keys[q.len()..].iter().map(tok).collect();
        score_names(&qt, &lt, Mode::Screen, false)
    }

    fn score(q: &[&str], l: &[&str], side: CjkSide) -> NameScore {
        let mut ns = plain(q, l);
        apply(&mut ns, side, q.len(), l.len(), false);
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
    fn syllables_that_only_resemble_each_other_are_different() {
        // 郑健 "zheng jian" against ZHANG Jian; 吴荣 read "wu yong" against
        // WU Yonghao.
        let family = score(&["zheng", "jian"], &["zhang", "jian"], CjkSide::Query);
        assert!(family.score < 0.7, "{family:?}");
        let prefix = score(&["wu", "yong"], &["wu", "yonghao"], CjkSide::Query);
        assert!(prefix.score < 0.7, "{prefix:?}");
    }

    #[test]
    fn given_name_syllables_keep_their_order() {
        // 김민은 against KIM Eun Min: the family name may move, the given
        // name's syllables may not.
        let swapped = score(&["kim", "min", "un"], &["kim", "un", "min"], CjkSide::Query);
        assert!(swapped.score < 0.75, "{swapped:?}");
        let moved = score(&["kim", "min", "un"], &["min", "un", "kim"], CjkSide::Query);
        assert!((moved.score - 1.0).abs() < 1e-9, "{moved:?}");
    }

    #[test]
    fn a_joined_given_name_keeps_its_parts_order() {
        // 王明东 read "wang ming dong" against WANG Dongming: the aligner
        // may read DONGMING as DONG + MING in either order, the given name
        // may not; in order it is the same name.
        let swapped = score(
            &["wang", "ming", "dong"],
            &["wang", "dongming"],
            CjkSide::Query,
        );
        assert!(swapped.score < 0.75, "{swapped:?}");
        let joined = score(
            &["wang", "ming", "dong"],
            &["wang", "mingdong"],
            CjkSide::Query,
        );
        assert!(joined.score >= 0.76, "{joined:?}");
        // And the other way round: the list's CJK name against a query
        // written joined.
        let listed = score(
            &["wang", "dongming"],
            &["wang", "ming", "dong"],
            CjkSide::List,
        );
        assert!(listed.score < 0.75, "{listed:?}");
    }

    #[test]
    fn a_joined_given_name_must_split_into_exact_syllables() {
        // 이상철 read "lee sangchol" against RI (LEE) Song Chol: SANGCHOL
        // splits into CHOL, exact, and SANG, only alike to SONG.
        let near = score(
            &["lee", "sangchol"],
            &["lee", "song", "chol"],
            CjkSide::Query,
        );
        assert!(near.score < 0.75, "{near:?}");
        let same = score(
            &["lee", "songchol"],
            &["lee", "song", "chol"],
            CjkSide::Query,
        );
        assert!(same.score >= 0.76, "{same:?}");
    }

    #[test]
    fn two_cjk_names_align_family_with_family() {
        // 王宁荣 read "wang yong yong" against 조영완 "jo yong wan".
        let mut ns = plain(&["wang", "yong", "yong"], &["jo", "yong", "wan"]);
        let before = ns.score;
        apply(&mut ns, CjkSide::Query, 3, 3, true);
        assert!(ns.score < before);
        let mut same = plain(&["jo", "yong", "wan"], &["jo", "yong", "wan"]);
        apply(&mut same, CjkSide::Query, 3, 3, true);
        assert!((same.score - 1.0).abs() < 1e-9);
    }

    #[test]
    fn whole_given_names_match_in_any_spelling() {
        // 김정은 read "kim jong un" against KIM Jong Un, family name last.
        let split = score(
            &["kim", "jong", "un"],
            &["jong", "un", "kim"],
            CjkSide::Query,
        );
        assert!((split.score - 1.0).abs() < 1e-9, "{split:?}");
        // Without the family name matched, the given name alone is not
        // the person (김선민 against SON Min).
        let other = score(&["kim", "son", "min"], &["son", "min"], CjkSide::Query);
        let plain = plain(&["kim", "son", "min"], &["son", "min"]);
        assert!(other.score < plain.score);
        assert!(other.score < 0.6, "{other:?}");
    }
}
