//! Joined words: one token on one side written as two tokens of the other
//! side run together, in either order and wherever they stand in the name
//! ("IVANPETROV" against "PETROV, Ivan"; "AHMEDMANSOUR" against "MANSOUR,
//! Ahmad").
//!
//! The aligner ([`crate::align`]) takes such a split before its
//! one-to-one pairing when it is better than any single pairing of the
//! three tokens (otherwise "ivanpetrov" would pair with "ivan" as a
//! prefix and leave "petrov" unmatched). One part must be exactly a token
//! of the other side and at least [`MIN_SPLIT_PART`] letters; the rest must
//! be alike another token (the usual token similarity). Adjacent tokens
//! written together in their own order are the aligner's simpler
//! `join_leftovers` case. CamelCase in the query ("IvanPetrov") is split
//! by the lexer already.

use super::Tok;
use crate::normalize::phonetic_key;
use crate::similarity::{letter_set, token_similarity_with};
use crate::weights::{JOINED_SIMILARITY, MIN_SPLIT_PART, MIN_TOKEN_SIMILARITY};

/// A token of one side aligned with two tokens of the other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Split {
    /// The joined token.
    pub whole: usize,
    /// The token it begins with and the one it ends with (indices into
    /// the other side).
    pub first: usize,
    pub second: usize,
    pub sim: f64,
}

/// Whether a token of either side begins or ends with a token of the
/// other at least [`MIN_SPLIT_PART`] letters shorter: the cheap test that
/// lets the aligner skip looking for splits in almost every name.
///
/// A part's letters are a subset of its whole's ([`Tok::letters`]): one
/// mask test rejects almost every pair before any text is compared.
pub(crate) fn may_split(q: &[Tok<'_>], l: &[Tok<'_>]) -> bool {
    let holds = |w: &Tok<'_>, p: &Tok<'_>| {
        p.letters & !w.letters == 0
            && p.text.len() >= MIN_SPLIT_PART
            && w.text.len() >= p.text.len() + MIN_SPLIT_PART
            && (w.text.starts_with(p.text) || w.text.ends_with(p.text))
    };
    q.iter()
        .any(|a| l.iter().any(|b| holds(a, b) || holds(b, a)))
}

/// The best split of `whole` into two unused tokens of `parts`, if any:
/// one part exact, the other alike; the similarity is
/// [`JOINED_SIMILARITY`] times the length-weighted similarity of the
/// parts.
pub(crate) fn best_split(whole: &Tok<'_>, parts: &[Tok<'_>], used: &[bool]) -> Option<Split> {
    let w = whole.text;
    if w.len() < 2 * MIN_SPLIT_PART || parts.len() < 2 {
        return None;
    }
    let mut best: Option<(f64, usize, usize)> = None;
    for (j, p) in parts.iter().enumerate() {
        let t = p.text;
        if used[j] || t.len() < MIN_SPLIT_PART || t.len() + MIN_SPLIT_PART > w.len() {
            continue;
        }
        // The exact part at the start, the rest after it; or at the end.
        for at_start in [true, false] {
            let rest = if at_start {
                w.strip_prefix(t)
            } else {
                w.strip_suffix(t)
            };
            let Some(rest) = rest else { continue };
            if let Some((s, k)) = best_part(rest, parts, used, j) {
                let s = (t.len() as f64 + s * rest.len() as f64) / w.len() as f64;
                let (first, second) = if at_start { (j, k) } else { (k, j) };
                if best.is_none_or(|b| s > b.0) {
                    best = Some((s, first, second));
                }
            }
        }
    }
    best.map(|(s, first, second)| Split {
        whole: 0,
        first,
        second,
        sim: JOINED_SIMILARITY * s,
    })
}

/// The unused token (other than `skip`) most alike `rest`.
fn best_part(rest: &str, parts: &[Tok<'_>], used: &[bool], skip: usize) -> Option<(f64, usize)> {
    if let Some(k) = (0..parts.len()).find(|&k| k != skip && !used[k] && parts[k].text == rest) {
        return Some((1.0, k));
    }
    let phon = phonetic_key(rest);
    let letters = letter_set(rest);
    let mut best: Option<(f64, usize)> = None;
    for (k, p) in parts.iter().enumerate() {
        if k == skip || used[k] {
            continue;
        }
        let (s, _) = token_similarity_with(rest, p.text, &phon, p.phon, letters, p.letters);
        if s >= MIN_TOKEN_SIMILARITY && best.is_none_or(|b| s > b.0) {
            best = Some((s, k));
        }
    }
    best
}

/// Every split of a token of `ones` into two tokens of `twos` that beats
/// every single pairing of the three tokens. `single_best(side, index)`
/// gives the best single-pair similarity of a token (0 when it has none).
pub(crate) fn splits(
    ones: &[Tok<'_>],
    twos: &[Tok<'_>],
    one_best: &[f64],
    two_best: &[f64],
) -> smallvec::SmallVec<[Split; 2]> {
    let mut out = smallvec::SmallVec::new();
    let mut used: smallvec::SmallVec<[bool; 16]> = smallvec::smallvec![false; twos.len()];
    for (i, t) in ones.iter().enumerate() {
        if let Some(mut s) = best_split(t, twos, &used) {
            if s.sim > one_best[i] && s.sim > two_best[s.first] && s.sim > two_best[s.second] {
                s.whole = i;
                used[s.first] = true;
                used[s.second] = true;
                out.push(s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks<'a>(words: &'a [&'a str], keys: &'a [String]) -> Vec<Tok<'a>> {
        words
            .iter()
            .zip(keys)
            .map(|(w, k)| Tok {
                text: w,
                phon: k,
                weight: 1.0,
                letters: letter_set(w),
                nick: 0,
                gives: 0,
                group: 0,
                dictionary: false,
            })
            .collect()
    }

    fn split_of(whole: &str, parts: &[&str]) -> Option<(usize, usize, f64)> {
        let wk = [phonetic_key(whole)];
        let w = [whole];
        let wt = toks(&w, &wk);
        let keys: Vec<String> = parts.iter().map(|p| phonetic_key(p)).collect();
        let pt = toks(parts, &keys);
        best_split(&wt[0], &pt, &vec![false; parts.len()]).map(|s| (s.first, s.second, s.sim))
    }

    #[test]
    fn a_joined_name_splits_in_either_order() {
        let (a, b, s) = split_of("ivanpetrov", &["ivan", "petrov"]).unwrap();
        assert_eq!((a, b), (0, 1));
        assert!((s - JOINED_SIMILARITY).abs() < 1e-9);
        let (a, b, _) = split_of("ivanpetrov", &["petrov", "ivan", "sergeyevich"]).unwrap();
        assert_eq!((a, b), (1, 0));
    }

    #[test]
    fn one_part_exact_the_other_alike() {
        let (a, b, s) = split_of("ahmedmansour", &["mansour", "ahmad"]).unwrap();
        assert_eq!((a, b), (1, 0));
        assert!(s > 0.8 && s < JOINED_SIMILARITY, "{s}");
    }

    #[test]
    fn no_split_without_an_exact_part_or_with_short_parts() {
        assert_eq!(split_of("ahmedmansur", &["mansour", "ahmad"]), None);
        assert_eq!(split_of("ivanov", &["iv", "anov"]), None);
        assert_eq!(split_of("ivanpetrov", &["ivan"]), None);
        assert_eq!(split_of("ivanpetrov", &["ivan", "smith"]), None);
    }
}
