//! Name score: align query tokens with list tokens one-to-one and measure how
//! much of each side the alignment covers, weighted by rarity and role.
//!
//! Alignment is greedy on similarity (names are short, a handful of tokens,
//! and greedy on a sorted pair list is what an analyst would do by eye),
//! then leftover tokens may pair with two adjacent tokens of the other side
//! written together ("abubakr" / "abu bakr"). Token order is ignored:
//! `LAST, First` and `First LAST` score alike.

use crate::similarity::{token_similarity_with, SimilarityKind};
use crate::weights::*;
use smallvec::SmallVec;

mod split_tokens;

/// A token as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub phon: &'a str,
    /// Rarity weight times role factor.
    pub weight: f64,
    /// [`crate::similarity::letter_set`] of `text`.
    pub letters: u64,
    /// [`crate::normalize::nicknames::Nicknames::id`] of `text` (0: not a
    /// given name the nickname data knows).
    pub nick: u16,
    /// [`crate::acronyms::letters_given`] of `text`: the letters it may
    /// give an acronym of the other side.
    pub gives: u32,
    /// [`crate::normalize::name_groups::NameGroups::id`] of `text` in a
    /// person's name (0: not a form the name-group data knows, or not a
    /// person).
    pub group: u32,
    /// A kanji word's spelling from the name-group data
    /// ([`crate::normalize::Token::dictionary`]): alike only exactly or as
    /// the same name.
    pub dictionary: bool,
}

/// Whether scoring treats both sides alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Query against a list name: missing query words cost more than
    /// missing list words.
    Screen,
    /// Two names of equal standing (`cordon compare`): symmetric.
    Symmetric,
}

/// One aligned unit: `q_len` query tokens from `q` with `l_len` list tokens
/// from `l` (one of the lengths is 1; the other 1 or 2 for joined tokens,
/// or 0 for the second part of a split token: see [`split_first`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pair {
    pub q: u16,
    pub q_len: u16,
    pub l: u16,
    pub l_len: u16,
    pub sim: f64,
    pub kind: SimilarityKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NameScore {
    pub score: f64,
    pub query_coverage: f64,
    pub list_coverage: f64,
    /// Summed rarity of what matched, after role factors.
    pub info: f64,
    pub damp: f64,
    /// Set when the score was scaled down because the query's only
    /// distinctive word is a generic one ("Emma", "Trading").
    pub generic_cap: bool,
    /// Set when the score was scaled down because a Korean or Chinese
    /// given name matched only in part (see `given_name.rs`).
    pub partial_given_name: bool,
    /// Set when the score was scaled down because no distinctive query
    /// word is aligned closely (see `anchor.rs`).
    pub no_anchor: bool,
    pub pairs: SmallVec<[Pair; 8]>,
}

pub(crate) use crate::patronymics::is_patronymic;

/// Whether `whole` is `a` and `b` written together. The letter sets
/// ([`Tok::letters`]) must agree first: a mask test, no text compared.
fn joined_equals(whole: &Tok<'_>, a: &Tok<'_>, b: &Tok<'_>) -> bool {
    let (w, x, y) = (whole.text, a.text, b.text);
    whole.letters == a.letters | b.letters
        && w.len() == x.len() + y.len()
        && w.starts_with(x)
        && w.ends_with(y)
}

/// Scores `q` against `l`. `acronyms`: a token of one side may stand for
/// the initials of consecutive tokens of the other (names of
/// organisations, vessels and aircraft; [`crate::acronyms`]).
pub(crate) fn score_names(q: &[Tok<'_>], l: &[Tok<'_>], mode: Mode, acronyms: bool) -> NameScore {
    let (n, m) = (q.len(), l.len());
    let mut pairs: SmallVec<[Pair; 8]> = SmallVec::new();
    if n == 0 || m == 0 {
        return NameScore {
            score: 0.0,
            query_coverage: 0.0,
            list_coverage: 0.0,
            info: 0.0,
            damp: 1.0,
            generic_cap: false,
            partial_given_name: false,
            no_anchor: false,
            pairs,
        };
    }
    // All pairs worth aligning, best first.
    let mut cands: SmallVec<[(f64, usize, usize, SimilarityKind); 32]> = SmallVec::new();
    for (i, a) in q.iter().enumerate() {
        for (j, b) in l.iter().enumerate() {
            let (s, kind) =
                token_similarity_with(a.text, b.text, a.phon, b.phon, a.letters, b.letters);
            let (s, kind) = nickname_similarity(a, b, s, kind);
            if (a.dictionary || b.dictionary)
                && !matches!(kind, SimilarityKind::Exact | SimilarityKind::SameName)
            {
                continue;
            }
            if s >= MIN_TOKEN_SIMILARITY || (kind == SimilarityKind::Initial && s > 0.0) {
                cands.push((s, i, j, kind));
            }
        }
    }
    // Deterministic and symmetric order: similarity, then the combined
    // weight, then the token texts themselves.
    cands.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| {
                let wx = q[x.1].weight + l[x.2].weight;
                let wy = q[y.1].weight + l[y.2].weight;
                wy.total_cmp(&wx)
            })
            .then_with(|| {
                let kx = ordered(q[x.1].text, l[x.2].text);
                let ky = ordered(q[y.1].text, l[y.2].text);
                kx.cmp(&ky)
            })
            .then_with(|| (x.1, x.2).cmp(&(y.1, y.2)))
    });
    let mut q_used: SmallVec<[bool; 16]> = smallvec::smallvec![false; n];
    let mut l_used: SmallVec<[bool; 16]> = smallvec::smallvec![false; m];
    split_first(q, l, &cands, &mut q_used, &mut l_used, &mut pairs);
    if acronyms {
        acronym_first(q, l, &cands, &mut q_used, &mut l_used, &mut pairs);
    }
    for (s, i, j, kind) in cands {
        if q_used[i] || l_used[j] {
            continue;
        }
        q_used[i] = true;
        l_used[j] = true;
        pairs.push(Pair {
            q: i as u16,
            q_len: 1,
            l: j as u16,
            l_len: 1,
            sim: s,
            kind,
        });
    }
    // Joined tokens: a leftover token equal to two adjacent leftovers of the
    // other side written together, in either direction.
    join_leftovers(q, l, &mut q_used, &mut l_used, &mut pairs, false);
    join_leftovers(l, q, &mut l_used, &mut q_used, &mut pairs, true);
    same_name_leftovers(q, l, &mut q_used, &mut l_used, &mut pairs);

    // Coverage on each side. An unmatched patronymic weighs little, unless
    // both names have one (crate::patronymics).
    let conflict = crate::patronymics::conflict(
        q.iter().map(|t| t.text).zip(q_used.iter().copied()),
        l.iter().map(|t| t.text).zip(l_used.iter().copied()),
    );
    // The family name of an Arab name left out of the chain the query
    // gives ("Mohammed bin Salman" / "... Al Saud") weighs little too
    // (crate::nasab); the cheap tests first, as this runs per candidate.
    let family_omitted = l_used.iter().any(|&u| !u) && q.iter().any(|t| t.text == "bin") && {
        let qs: SmallVec<[(&str, bool); 16]> = q
            .iter()
            .map(|t| t.text)
            .zip(q_used.iter().copied())
            .collect();
        let ls: SmallVec<[(&str, bool); 16]> = l
            .iter()
            .map(|t| t.text)
            .zip(l_used.iter().copied())
            .collect();
        crate::nasab::family_name_omitted(&qs, &ls, |i, j| {
            pairs
                .iter()
                .any(|p| p.q as usize == i && p.l as usize == j && p.q_len == 1 && p.l_len == 1)
        })
    };
    let side_weight = |t: &Tok<'_>, used: bool| {
        if !used && family_omitted {
            t.weight * FAMILY_NAME_OMITTED_FACTOR
        } else if !used && !conflict && is_patronymic(t.text) {
            t.weight * PATRONYMIC_FACTOR
        } else {
            t.weight
        }
    };
    let q_total: f64 = q.iter().zip(&q_used).map(|(t, &u)| side_weight(t, u)).sum();
    let l_total: f64 = l.iter().zip(&l_used).map(|(t, &u)| side_weight(t, u)).sum();
    let mut q_cov = 0.0;
    let mut l_cov = 0.0;
    for p in &pairs {
        let qs = p.q as usize..(p.q + p.q_len) as usize;
        let ls = p.l as usize..(p.l + p.l_len) as usize;
        q_cov += p.sim * q[qs].iter().map(|t| t.weight).sum::<f64>();
        l_cov += p.sim * l[ls].iter().map(|t| t.weight).sum::<f64>();
    }
    let cq = if q_total > 0.0 {
        (q_cov / q_total).min(1.0)
    } else {
        0.0
    };
    let cl = if l_total > 0.0 {
        (l_cov / l_total).min(1.0)
    } else {
        0.0
    };
    let (raw, info) = match mode {
        Mode::Screen => (
            cq.powf(QUERY_COVERAGE_EXP) * cl.powf(LIST_COVERAGE_EXP),
            q_cov,
        ),
        Mode::Symmetric => ((cq * cl).sqrt(), q_cov.min(l_cov)),
    };
    let damp = DAMP_BASE + (1.0 - DAMP_BASE) * (info / INFO_FULL).min(1.0);
    pairs.sort_by_key(|p| (p.q, p.l));
    NameScore {
        score: (raw * damp).clamp(0.0, 1.0),
        query_coverage: cq,
        list_coverage: cl,
        info,
        damp,
        generic_cap: false,
        partial_given_name: false,
        no_anchor: false,
        pairs,
    }
}

/// Pairs each leftover token of `one` with two adjacent leftover tokens of
/// `two` when they are the same text written together. `swapped`: `one` is
/// the list side, so the pair is recorded the other way round.
fn join_leftovers(
    one: &[Tok<'_>],
    two: &[Tok<'_>],
    one_used: &mut [bool],
    two_used: &mut [bool],
    pairs: &mut SmallVec<[Pair; 8]>,
    swapped: bool,
) {
    for i in 0..one.len() {
        if one_used[i] {
            continue;
        }
        for j in 0..two.len().saturating_sub(1) {
            if !two_used[j] && !two_used[j + 1] && joined_equals(&one[i], &two[j], &two[j + 1]) {
                one_used[i] = true;
                two_used[j] = true;
                two_used[j + 1] = true;
                let (q, q_len, l, l_len) = if swapped {
                    (j as u16, 2, i as u16, 1)
                } else {
                    (i as u16, 1, j as u16, 2)
                };
                pairs.push(Pair {
                    q,
                    q_len,
                    l,
                    l_len,
                    sim: JOINED_SIMILARITY,
                    kind: SimilarityKind::Joined,
                });
                break;
            }
        }
    }
}

/// Tokens written as two tokens of the other side run together, in any
/// order ([`split_tokens`]), paired before the one-to-one pairs when
/// better than any of them. The second part is recorded as a pair whose
/// joined side has length 0, so the joined token's weight counts once.
fn split_first(
    q: &[Tok<'_>],
    l: &[Tok<'_>],
    cands: &[(f64, usize, usize, SimilarityKind)],
    q_used: &mut [bool],
    l_used: &mut [bool],
    pairs: &mut SmallVec<[Pair; 8]>,
) {
    if !split_tokens::may_split(q, l) {
        return;
    }
    let (q_best, l_best) = bests(q.len(), l.len(), cands);
    let pair = |q: usize, q_len: u16, l: usize, l_len: u16, sim: f64| Pair {
        q: q as u16,
        q_len,
        l: l as u16,
        l_len,
        sim,
        kind: SimilarityKind::Joined,
    };
    for s in split_tokens::splits(q, l, &q_best, &l_best) {
        q_used[s.whole] = true;
        l_used[s.first] = true;
        l_used[s.second] = true;
        pairs.push(pair(s.whole, 1, s.first, 1, s.sim));
        pairs.push(pair(s.whole, 0, s.second, 1, s.sim));
    }
    for s in split_tokens::splits(l, q, &l_best, &q_best) {
        if l_used[s.whole] || q_used[s.first] || q_used[s.second] {
            continue;
        }
        l_used[s.whole] = true;
        q_used[s.first] = true;
        q_used[s.second] = true;
        pairs.push(pair(s.first, 1, s.whole, 1, s.sim));
        pairs.push(pair(s.second, 1, s.whole, 0, s.sim));
    }
}

/// [`crate::acronyms::may_be_acronym`] from the token's letter set: only
/// lower-case letters (bits 0 to 25), three to ten of them.
fn may_be_acronym(t: &Tok<'_>) -> bool {
    t.letters & !((1 << 26) - 1) == 0
        && (MIN_ACRONYM_LETTERS..=MAX_ACRONYM_LETTERS).contains(&t.text.len())
}

/// Per token of one side, its best single-pair similarity.
type Bests = SmallVec<[f64; 16]>;

/// The best single-pair similarity of each query token and each list
/// token (0 when it has none), from the candidate pairs.
fn bests(n: usize, m: usize, cands: &[(f64, usize, usize, SimilarityKind)]) -> (Bests, Bests) {
    let mut q_best: Bests = smallvec::smallvec![0.0; n];
    let mut l_best: Bests = smallvec::smallvec![0.0; m];
    for &(s, i, j, _) in cands {
        q_best[i] = q_best[i].max(s);
        l_best[j] = l_best[j].max(s);
    }
    (q_best, l_best)
}

/// Tokens that are the acronym of consecutive tokens of the other side
/// ([`crate::acronyms`]), either way, paired before the one-to-one pairs
/// when better than any single pairing of the tokens involved.
fn acronym_first(
    q: &[Tok<'_>],
    l: &[Tok<'_>],
    cands: &[(f64, usize, usize, SimilarityKind)],
    q_used: &mut [bool],
    l_used: &mut [bool],
    pairs: &mut SmallVec<[Pair; 8]>,
) {
    // Each token's best single similarity, query side and list side.
    let mut best: Option<(Bests, Bests)> = None;
    for swapped in [false, true] {
        let (ones, twos) = if swapped { (l, q) } else { (q, l) };
        let (ones_used, twos_used) = if swapped {
            (&mut *l_used, &mut *q_used)
        } else {
            (&mut *q_used, &mut *l_used)
        };
        // The cheap test first: the letters an acronym may hold are the
        // first letters of the other side's tokens (and the second of a
        // two-letter one, and those of a particle's other spellings).
        let may_be = |(a, &used): (&Tok<'_>, &bool)| !used && may_be_acronym(a);
        if twos.len() < MIN_ACRONYM_WORDS || !ones.iter().zip(ones_used.iter()).any(may_be) {
            continue;
        }
        let mut parts: Option<SmallVec<[crate::acronyms::Part; 16]>> = None;
        let mut initials = 0u64;
        for (t, _) in twos.iter().zip(twos_used.iter()).filter(|(_, &u)| !u) {
            initials |= u64::from(t.gives);
        }
        for (i, a) in ones.iter().enumerate() {
            if ones_used[i] || a.letters & !initials != 0 || !may_be_acronym(a) {
                continue;
            }
            let (q_best, l_best) = best.get_or_insert_with(|| bests(q.len(), l.len(), cands));
            let (ones_best, twos_best) = if swapped {
                (&*l_best, &*q_best)
            } else {
                (&*q_best, &*l_best)
            };
            let parts = parts.get_or_insert_with(|| {
                twos.iter()
                    .map(|t| crate::acronyms::Part::of_text(t.text))
                    .collect::<SmallVec<[crate::acronyms::Part; 16]>>()
            });
            let Some((start, len)) =
                crate::acronyms::span_of(a.text.as_bytes(), parts, |k| !twos_used[k])
            else {
                continue;
            };
            let sim = if a.text.len() > MIN_ACRONYM_LETTERS {
                ACRONYM_SIMILARITY
            } else {
                SHORT_ACRONYM_SIMILARITY
            };
            if sim <= ones_best[i] || twos_best[start..start + len].iter().any(|&b| b >= sim) {
                continue;
            }
            ones_used[i] = true;
            twos_used[start..start + len]
                .iter_mut()
                .for_each(|u| *u = true);
            let (span, one) = ((start as u16, len as u16), (i as u16, 1));
            let ((q, q_len), (l, l_len)) = if swapped { (span, one) } else { (one, span) };
            pairs.push(Pair {
                q,
                q_len,
                l,
                l_len,
                sim,
                kind: SimilarityKind::Acronym,
            });
        }
    }
}

/// Two given names the nickname data relates (Bill / William) are alike
/// at [`NICKNAME_SIMILARITY`] when their spellings are not more alike.
fn nickname_similarity(
    a: &Tok<'_>,
    b: &Tok<'_>,
    s: f64,
    kind: SimilarityKind,
) -> (f64, SimilarityKind) {
    if a.nick != 0
        && b.nick != 0
        && s < NICKNAME_SIMILARITY
        && crate::normalize::nicknames::nicknames().are_related(a.nick, b.nick)
    {
        (NICKNAME_SIMILARITY, SimilarityKind::Nickname)
    } else {
        (s, kind)
    }
}

/// Pairs each leftover query token with a leftover list token that the
/// name-group data holds as the same person name (Georgios / George,
/// Sasha / Aleksandr), at [`NAME_GROUP_SIMILARITY`]. Only leftovers are
/// asked: a token whose spelling already aligned it is not looked up
/// again, which keeps the look-ups to the few tokens nothing else matched.
fn same_name_leftovers(
    q: &[Tok<'_>],
    l: &[Tok<'_>],
    q_used: &mut [bool],
    l_used: &mut [bool],
    pairs: &mut SmallVec<[Pair; 8]>,
) {
    for (i, a) in q.iter().enumerate() {
        if q_used[i] || a.group == 0 {
            continue;
        }
        for (j, b) in l.iter().enumerate() {
            if !l_used[j]
                && b.group != 0
                && crate::normalize::name_groups::name_groups()
                    .shared(a.group, b.group)
                    .is_some()
            {
                q_used[i] = true;
                l_used[j] = true;
                pairs.push(Pair {
                    q: i as u16,
                    q_len: 1,
                    l: j as u16,
                    l_len: 1,
                    sim: NAME_GROUP_SIMILARITY,
                    kind: SimilarityKind::SameName,
                });
                break;
            }
        }
    }
}

fn ordered<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::phonetic_key;

    fn toks(words: &[&str], keys: &mut Vec<String>) -> Vec<(String, String)> {
        keys.clear();
        words
            .iter()
            .map(|w| (w.to_string(), phonetic_key(w)))
            .collect()
    }

    fn score(q: &[&str], l: &[&str], mode: Mode) -> NameScore {
        let mut k = Vec::new();
        let qs = toks(q, &mut k);
        let ls = toks(l, &mut k);
        let mk = |v: &[(String, String)]| -> Vec<(String, String)> { v.to_vec() };
        let qv = mk(&qs);
        let lv = mk(&ls);
        let qt: Vec<Tok<'_>> = qv
            .iter()
            .map(|(t, p)| Tok {
                text: t,
                phon: p,
                weight: 5.0,
                letters: crate::similarity::letter_set(t),
                nick: crate::normalize::nicknames::nicknames().id(t),
                gives: crate::acronyms::letters_given(t),
                group: crate::normalize::name_groups::name_groups().id(t),
                dictionary: false,
            })
            .collect();
        let lt: Vec<Tok<'_>> = lv
            .iter()
            .map(|(t, p)| Tok {
                text: t,
                phon: p,
                weight: 5.0,
                letters: crate::similarity::letter_set(t),
                nick: crate::normalize::nicknames::nicknames().id(t),
                gives: crate::acronyms::letters_given(t),
                group: crate::normalize::name_groups::name_groups().id(t),
                dictionary: false,
            })
            .collect();
        score_names(&qt, &lt, mode, false)
    }

    #[test]
    fn order_does_not_matter() {
        let a = score(
            &["timur", "shagivaleev"],
            &["shagivaleev", "timur"],
            Mode::Screen,
        );
        assert!((a.score - 1.0).abs() < 1e-9, "{a:?}");
    }

    #[test]
    fn missing_patronymic_costs_little() {
        let a = score(
            &["timur", "shagivaleev"],
            &["shagivaleev", "timur", "nailevich"],
            Mode::Screen,
        );
        assert!(a.score > 0.9, "{a:?}");
        let b = score(
            &["timur", "shagivaleev"],
            &["shagivaleev", "timur", "rustamov"],
            Mode::Screen,
        );
        assert!(b.score < a.score);
    }

    #[test]
    fn same_name_forms_align_and_dictionary_readings_only_so() {
        fn tok<'a>(t: &'a str, phon: &'a str, dictionary: bool) -> Tok<'a> {
            Tok {
                text: t,
                phon,
                weight: 5.0,
                letters: crate::similarity::letter_set(t),
                nick: 0,
                gives: 0,
                group: crate::normalize::name_groups::name_groups().id(t),
                dictionary,
            }
        }
        let (sk, ck) = (phonetic_key("suzuki"), phonetic_key("cesic"));
        let (sk, ck) = (sk.as_str(), ck.as_str());
        // Georgios / George: the same name, below an exact match.
        let a = score_names(
            &[tok("georgios", "", false)],
            &[tok("george", "", false)],
            Mode::Screen,
            false,
        );
        assert_eq!(a.pairs[0].kind, SimilarityKind::SameName, "{a:?}");
        assert!((a.pairs[0].sim - NAME_GROUP_SIMILARITY).abs() < 1e-9);
        // A word only like another: aligned when typed, not when it is a
        // kanji word's spelling from the name data.
        let typed = score_names(
            &[tok("suzuki", sk, false)],
            &[tok("cesic", ck, false)],
            Mode::Screen,
            false,
        );
        assert!(!typed.pairs.is_empty(), "{typed:?}");
        let read = score_names(
            &[tok("suzuki", sk, true)],
            &[tok("cesic", ck, false)],
            Mode::Screen,
            false,
        );
        assert!(read.pairs.is_empty(), "{read:?}");
    }

    #[test]
    fn joined_tokens_align() {
        let a = score(
            &["abubakr", "saleh"],
            &["abu", "bakr", "saleh"],
            Mode::Screen,
        );
        assert!(a.score > 0.9, "{a:?}");
        assert!(a.pairs.iter().any(|p| p.kind == SimilarityKind::Joined));
        let b = score(
            &["abu", "bakr", "saleh"],
            &["abubakr", "saleh"],
            Mode::Screen,
        );
        assert!(b.score > 0.9, "{b:?}");
    }

    #[test]
    fn extra_query_word_costs_more_than_extra_list_word() {
        let extra_query = score(
            &["ivan", "petrov", "sergeev"],
            &["ivan", "petrov"],
            Mode::Screen,
        );
        let extra_list = score(
            &["ivan", "petrov"],
            &["ivan", "petrov", "sergeev"],
            Mode::Screen,
        );
        assert!(extra_query.score < extra_list.score);
    }

    fn score_with(q: &[&str], l: &[&str], acronyms: bool) -> NameScore {
        let own = |ws: &[&str]| -> Vec<(String, String, u64)> {
            ws.iter()
                .map(|w| {
                    (
                        w.to_string(),
                        phonetic_key(w),
                        crate::similarity::letter_set(w),
                    )
                })
                .collect()
        };
        let (qo, lo) = (own(q), own(l));
        fn tok((t, p, letters): &(String, String, u64)) -> Tok<'_> {
            Tok {
                text: t.as_str(),
                phon: p.as_str(),
                weight: 5.0,
                letters: *letters,
                nick: 0,
                gives: crate::acronyms::letters_given(t),
                group: 0,
                dictionary: false,
            }
        }
        let qt: Vec<Tok<'_>> = qo.iter().map(tok).collect();
        let lt: Vec<Tok<'_>> = lo.iter().map(tok).collect();
        score_names(&qt, &lt, Mode::Screen, acronyms)
    }

    #[test]
    fn an_acronym_aligns_with_the_words_it_abbreviates_either_way() {
        let words = ["islamic", "revolutionary", "guard", "corps"];
        let covers = |ns: &NameScore, c: f64| {
            (ns.query_coverage - c).abs() < 1e-9 && (ns.list_coverage - c).abs() < 1e-9
        };
        let a = score_with(&["irgc"], &words, true);
        assert!(covers(&a, ACRONYM_SIMILARITY), "{a:?}");
        assert_eq!(a.pairs.len(), 1);
        assert_eq!((a.pairs[0].l, a.pairs[0].l_len), (0, 4));
        assert_eq!(a.pairs[0].kind, SimilarityKind::Acronym);
        let b = score_with(&words, &["irgc"], true);
        assert!(covers(&b, ACRONYM_SIMILARITY), "{b:?}");
        assert_eq!((b.pairs[0].q, b.pairs[0].q_len), (0, 4));
        // With words besides, and with function words and legal forms.
        let c = score_with(
            &["irgc", "navy"],
            &["islamic", "revolutionary", "guard", "corps", "navy"],
            true,
        );
        assert!(c.query_coverage > 0.9 && c.list_coverage > 0.9, "{c:?}");
        let d = score_with(&["nioc"], &["national", "iranian", "oil", "co"], true);
        assert!(covers(&d, ACRONYM_SIMILARITY), "{d:?}");
        let d = score_with(
            &["irisl"],
            &["islamic", "republic", "of", "iran", "shipping", "lines"],
            true,
        );
        assert!(covers(&d, ACRONYM_SIMILARITY), "{d:?}");
        // Not for persons' names; a three-letter acronym stays below the
        // default threshold on its own.
        assert_eq!(score_with(&["irgc"], &words, false).score, 0.0);
        let e = score_with(&["hac"], &["hesa", "aircraft", "center"], true);
        assert!(covers(&e, SHORT_ACRONYM_SIMILARITY), "{e:?}");
        const { assert!(SHORT_ACRONYM_SIMILARITY < DEFAULT_THRESHOLD) };
        // An exact word beats the acronym.
        let f = score_with(
            &["irgc"],
            &["irgc", "islamic", "revolutionary", "guard", "corps"],
            true,
        );
        assert!(
            f.pairs.iter().all(|p| p.kind == SimilarityKind::Exact),
            "{f:?}"
        );
    }

    #[test]
    fn symmetric_mode_is_symmetric() {
        let a = score(
            &["ivan", "petrov", "sergeev"],
            &["ivan", "petrof"],
            Mode::Symmetric,
        );
        let b = score(
            &["ivan", "petrof"],
            &["ivan", "petrov", "sergeev"],
            Mode::Symmetric,
        );
        assert!((a.score - b.score).abs() < 1e-12);
    }
}
