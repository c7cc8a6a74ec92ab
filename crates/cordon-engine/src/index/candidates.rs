//! Candidate generation: the names that share (expanded) query tokens,
//! ranked by the rarity they share.
//!
//! # How
//!
//! Each generating query token becomes a **term**: its weight and the list
//! tokens it may stand for ([`Index::expand`]); two adjacent query tokens
//! written as one list token ("abu bakr" / "abubakr"), and the first or
//! last words of a query (not a person's) whose acronym is a list token
//! ("islamic revolutionary guard corps" / "irgc", `crate::acronyms`), are
//! terms of their own. A query token also reaches the names holding it
//! as two adjacent tokens written together, or (names of organisations,
//! vessels and aircraft) as the acronym of their first or last words. A name's **shared weight** `a` is the summed weight of the terms it
//! holds, each counted once. It is computed from the name's own tokens (a
//! forward look-up: a name has a handful of tokens), never by adding up
//! posting lists, so a name is looked at once however many lists hold it.
//!
//! Posting lists are **impact-ordered**: by the name's summed token weight,
//! lightest first (then by id). Terms are walked shortest lists first.
//! A name first met in the list of a term holds none of the terms walked
//! before it (else it was met there; or it was left in such a list because
//! its ranking could not enter the kept ones, and the bar only rises), so it
//! shares at most `R`, the weight of the terms not yet walked, this one
//! included. Its candidate ranking `a · (1 + ½ · cover)` (`cover` = `a` over
//! the name's weight) is then at most `R · (1 + ½ · min(1, R / weight))`;
//! that bound falls along a list, so a list is left as soon as it is below
//! the `max`-th best ranking kept, and skipped when even its lightest name
//! could not enter (**early termination**). Each entry also carries the
//! name's token count: a name of `k` tokens holds at most the `k` heaviest
//! of those terms (times the most terms one token stands for, plus the
//! terms held as joined tokens), and is passed over unread when that
//! cannot enter either.
//!
//! Only the **essential** terms are walked (MaxScore): sorted by weight,
//! the lightest terms whose summed weight stays below `need` (the least
//! shared weight a name needs to reach the decision threshold, see below)
//! cannot, even all together, make a name reach it, so a name holding only
//! those is never a match and their posting lists (the longest: light means
//! common) are not walked. Their weight still counts for every name found
//! through an essential term. When the essential terms find fewer than
//! `limit` names reaching `need`, the other terms are walked too, so that a
//! query with no match still gets its closest names.
//!
//! Lists of at most [`SHORT_LIST`] entries (all of them on lists of tens of
//! thousands of entities) are walked whole, and in both passes: they cost
//! little, and a name they hold may owe its score to similarities the
//! expansion tables do not reach, which no bound on the shared weight sees.
//! Walking whole still passes over a name that can change nothing: one
//! that could neither enter the kept names nor share `need` (the bounds
//! above say so); looking at it would leave the kept names and the count
//! of names reaching `need` as they are.
//!
//! A hard **work budget** ([`WORK_BUDGET`] names looked at and
//! [`POSTINGS_BUDGET`] entries walked per query) stops walking; when it
//! binds, [`ScreenWork::budget_exhausted`] says so.
//!
//! # Guarantee
//!
//! Let `need = W_min · (T − B − PRUNE_SLACK)^(1 / QUERY_COVERAGE_EXP) − U`
//! (`W_min` the query's weight with unmatched patronymics discounted, `T`
//! the threshold, `B` the most evidence can add, `U` the weight of query
//! tokens that generate no candidates or reach no list token). A name whose
//! exact screening score reaches `T` has query coverage `q_cov / q_total ≥
//! (T − B)^(1/0.65)` (list coverage and damping are at most 1), and `q_cov`
//! is at most its shared weight `a` plus `U` when every similarity the
//! aligner finds is one the expansion tables reach (equal, phonetic key,
//! one deletion on each side, prefix, sound deletion, joined, an acronym
//! of a name's first or last words). So it has
//! `a ≥ need` and holds an essential term: it is found, unless `max` other
//! names rank above it (then it is not among the candidates scored, as
//! without pruning) or the work budget binds (reported).
//!
//! What it can miss: a name whose similarity to the query rests on tokens
//! the expansion tables do not reach (two edits in one word of fewer than
//! eight letters, an initial for a word): as before this module existed,
//! such a name is not a candidate unless it shares another term. The
//! `PRUNE_SLACK` in `need` keeps names that owe up to that much of their
//! score to such similarities. The property test `candidate_generation_
//! finds_what_exhaustive_scoring_flags` checks the guarantee against
//! scoring every name of random small corpora.
//!
//! [`SHORT_LIST`]: crate::weights::SHORT_LIST
//! [`WORK_BUDGET`]: crate::weights::WORK_BUDGET
//! [`POSTINGS_BUDGET`]: crate::weights::POSTINGS_BUDGET
//! [`ScreenWork::budget_exhausted`]: super::ScreenWork::budget_exhausted

use super::storage::hash_str;
use super::vocabulary::QTok;
use super::{Index, ScreenWork};
use crate::acronyms::{self, Part};
use crate::model::EntityKind;
use crate::normalize::TokenRole;
use crate::weights::*;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One candidate-generating unit of the query.
struct Term {
    weight: f32,
    /// List tokens it stands for.
    tids: Vec<u32>,
    /// Names holding it as two adjacent tokens written together, or (a
    /// rare word) as the acronym of their first or last words.
    joined: Vec<u32>,
    /// Two adjacent query tokens written as one list token (their weight
    /// is already that of the two single-token terms).
    pair: bool,
}

/// Reusable per-thread buffers.
#[derive(Default)]
struct Scratch {
    /// `seen[n] == epoch`: name `n` was looked at in this call.
    seen: Vec<u32>,
    epoch: u32,
    /// Expanded list token → the terms it stands for (bit set).
    /// Indexed by token id (an array, not a hash: looked up for every
    /// token of every name looked at); `masked` lists the ids set.
    masks: Vec<u64>,
    masked: Vec<u32>,
    /// Name → terms it holds as two joined tokens.
    joined: FxHashMap<u32, u64>,
    exp: Vec<(u32, f32)>,
}

impl Scratch {
    /// Starts a call: names seen by earlier calls count as unseen.
    fn begin(&mut self, names: usize, tokens: usize) {
        if self.seen.len() < names {
            self.seen.resize(names, 0);
        }
        if self.masks.len() < tokens {
            self.masks.resize(tokens, 0);
        }
        for &t in &self.masked {
            if let Some(m) = self.masks.get_mut(t as usize) {
                *m = 0;
            }
        }
        self.masked.clear();
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.epoch = 1;
        }
        self.joined.clear();
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The best `max` names by ranking: a min-heap on (ranking bits, !id), so
/// that the worst kept name is on top and, among equal rankings, the lower
/// id wins (as a sort by ranking then id would keep).
struct Top {
    heap: BinaryHeap<Reverse<u64>>,
    max: usize,
    /// Names kept or not whose shared weight reached `need`.
    strong: usize,
}

impl Top {
    fn key(rank: f32, nid: u32) -> u64 {
        (u64::from(rank.max(0.0).to_bits()) << 32) | u64::from(!nid)
    }

    fn offer(&mut self, rank: f32, nid: u32) {
        let k = Self::key(rank, nid);
        if self.heap.len() < self.max {
            self.heap.push(Reverse(k));
        } else if self.heap.peek().is_some_and(|w| k > w.0) {
            self.heap.pop();
            self.heap.push(Reverse(k));
        }
    }

    /// Whether a name ranking at most `bound` can no longer enter.
    fn closed_below(&self, bound: f32) -> bool {
        self.heap.len() >= self.max
            && self
                .heap
                .peek()
                .is_some_and(|w| (w.0 >> 32) as u32 > bound.max(0.0).to_bits())
    }
}

/// Candidate ranking of a name sharing `a` of the query's weight, whose own
/// tokens weigh `nw`: shared weight first, then how much of the name it
/// covers (among the many names holding "alfa", "ALFA LLC" comes before
/// "ALFA-INVEST HOLDING BANK").
pub(super) fn ranking(a: f32, nw: f32) -> f32 {
    let cover = (a / nw.max(1e-6)).min(1.0);
    a * (1.0 + RANK_COVER_BONUS * cover)
}

/// The best ranking a name of weight `nw` sharing at most `a` can have.
fn bound(a: f32, nw: f32) -> f32 {
    a * (1.0 + RANK_COVER_BONUS * (a / nw.max(1e-6)).min(1.0))
}

/// The terms not walked yet: a name first met now holds none of the terms
/// walked before (see the module docs), so it shares at most their weight,
/// and a name of `k` tokens at most that of the heaviest few of them.
struct Rest {
    /// Weights of the terms not walked yet, heaviest first.
    weights: Vec<f32>,
    /// `prefix[k]`: the summed weight of the `k` heaviest.
    prefix: Vec<f32>,
    per_token: usize,
    joined_terms: usize,
}

impl Rest {
    fn set(&mut self, terms: &[Term], walked: u64) {
        self.weights.clear();
        self.weights.extend(
            terms
                .iter()
                .enumerate()
                .filter(|(i, _)| walked & (1u64 << i) == 0)
                .map(|(_, t)| t.weight),
        );
        self.weights.sort_by(|a, b| b.total_cmp(a));
        self.prefix.clear();
        self.prefix.push(0.0);
        let mut acc = 0.0f32;
        for &w in &self.weights {
            acc += w;
            self.prefix.push(acc);
        }
    }

    /// The most a name of `tokens` tokens can share.
    fn most(&self, tokens: usize) -> f32 {
        let k = tokens
            .saturating_mul(self.per_token)
            .saturating_add(self.joined_terms)
            .min(self.weights.len());
        self.prefix[k]
    }
}

impl Index {
    /// Candidate name ids for a prepared query form with their shared
    /// weight, best first: at most `max`. `need` is the least shared weight
    /// a name needs to possibly reach the threshold, before the weight of
    /// tokens that generate nothing is taken off (see the module docs).
    pub(super) fn candidates(
        &self,
        q: &[QTok],
        kind: Option<EntityKind>,
        max: usize,
        limit: usize,
        need: f64,
        work: &mut ScreenWork,
    ) -> Vec<(u32, f32)> {
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let s = &mut *guard;
            s.begin(self.names.len(), self.tok_text.len());
            let terms = self.terms(q, kind, s);
            if terms.is_empty() {
                return Vec::new();
            }
            // Weight no candidate can be credited with: tokens that generate
            // nothing, or reach no list token.
            let credited: f64 = terms
                .iter()
                .filter(|t| !t.pair && (!t.tids.is_empty() || !t.joined.is_empty()))
                .map(|t| f64::from(t.weight))
                .sum();
            let total: f64 = q.iter().map(|t| t.weight).sum();
            let uncredited = (total - credited).max(0.0);
            // A little under, for float sums in another order.
            let need = ((need - uncredited) * (1.0 - 1e-4)).max(0.0) as f32;
            // Essential terms: all but the lightest whose sum stays below `need`.
            let mut order: Vec<usize> = (0..terms.len()).collect();
            order.sort_by(|&a, &b| terms[a].weight.total_cmp(&terms[b].weight));
            let mut light = 0.0f32;
            let mut split = 0;
            while split < order.len() && light + terms[order[split]].weight < need {
                light += terms[order[split]].weight;
                split += 1;
            }
            let mut top = Top {
                heap: BinaryHeap::with_capacity(max + 1),
                max: max.max(1),
                strong: 0,
            };
            // A name first met in a later list holds none of the terms
            // walked before (or it was left in a list because it could not
            // enter `top`): it shares at most what remains (`Rest`).
            // How many terms one name token can stand for (a query word
            // and its misspelling both reach it), and how many terms a name
            // can hold through joined tokens besides.
            let per_token = s
                .masked
                .iter()
                .map(|&t| s.masks[t as usize].count_ones())
                .max()
                .unwrap_or(1) as usize;
            let joined_terms = terms.iter().filter(|t| !t.joined.is_empty()).count();
            let mut rest = Rest {
                weights: Vec::with_capacity(terms.len()),
                prefix: Vec::with_capacity(terms.len() + 1),
                per_token,
                joined_terms,
            };
            let mut walked = 0u64;
            // The essential terms, then the others if they found too little;
            // each set shortest lists first: they are cheap and fill `top`
            // with the names that share the most, which closes the long
            // lists (a misspelt word weighs as a rare one but may stand for
            // a common one).
            let cost = |t: &Term| -> usize {
                t.joined.len()
                    + t.tids
                        .iter()
                        .map(|&id| self.postings.len(id))
                        .sum::<usize>()
            };
            let mut essential: Vec<usize> = order[split..].to_vec();
            let mut other: Vec<usize> = order[..split].to_vec();
            essential.sort_by_key(|&i| cost(&terms[i]));
            other.sort_by_key(|&i| cost(&terms[i]));
            // A short list is walked whole whatever the bounds say: it costs
            // little, and a name it holds may owe its score to similarities
            // the expansion tables do not reach.
            for pass in 0..2 {
                let these: &[usize] = if pass == 0 { &essential } else { &other };
                for &ti in these {
                    let whole = cost(&terms[ti]) <= self.short_list;
                    if pass == 1 && top.strong >= limit && !whole {
                        continue;
                    }
                    rest.set(&terms, walked);
                    self.walk(
                        &terms[ti], s, &terms, kind, &rest, need, whole, &mut top, work,
                    );
                    walked |= 1u64 << ti;
                }
            }
            let mut keys: Vec<u64> = top.heap.into_iter().map(|r| r.0).collect();
            keys.sort_unstable_by(|a, b| b.cmp(a));
            keys.into_iter()
                .map(|k| {
                    let nid = !(k as u32);
                    (nid, self.shared(nid, s, &terms))
                })
                .collect()
        })
    }

    /// The terms of a query form (at most 64: a bit set holds them).
    fn terms(&self, q: &[QTok], kind: Option<EntityKind>, s: &mut Scratch) -> Vec<Term> {
        // Stopwords and honorifics generate candidates only when nothing
        // else can ("Min", a given name that is also Arabic "from"); legal
        // forms only when no other word can.
        let mut gen: Vec<usize> = (0..q.len())
            .filter(|&i| !matches!(q[i].role, TokenRole::Stopword | TokenRole::Honorific))
            .collect();
        if gen.is_empty() {
            gen = (0..q.len()).collect();
        } else if gen.iter().any(|&i| q[i].role != TokenRole::LegalForm) {
            gen.retain(|&i| q[i].role != TokenRole::LegalForm);
        }
        let mut terms: Vec<Term> = Vec::with_capacity(gen.len() + q.len());
        // A query for anything but a person may name an organisation by
        // its acronym: a rare word ("IRGC"), not a common one (a given
        // name, "oil") that happens to be some names' initials.
        let acronyms = kind != Some(EntityKind::Person);
        for &qi in &gen {
            let t = &q[qi];
            self.expand(t, &mut s.exp);
            let h = hash_str(&t.text);
            let mut joined: Vec<u32> = self.joined.get(h).iter().map(|e| e.1).collect();
            if acronyms
                && t.df <= ACRONYM_MAX_DF
                && t.role == TokenRole::Word
                && acronyms::may_be_acronym(&t.text)
            {
                joined.extend(self.acronyms.get(h).iter().map(|e| e.1));
            }
            terms.push(Term {
                weight: t.weight as f32,
                tids: s.exp.iter().map(|e| e.0).collect(),
                joined,
                pair: false,
            });
        }
        // Two adjacent query tokens written as one list token.
        for i in 0..q.len().saturating_sub(1) {
            let joined = format!("{}{}", q[i].text, q[i + 1].text);
            if let Some(&tid) = self.vocab.get(joined.as_str()) {
                terms.push(Term {
                    weight: (q[i].weight + q[i + 1].weight) as f32,
                    tids: vec![tid],
                    joined: Vec::new(),
                    pair: true,
                });
            }
        }
        // The acronym of the query's words written as one list token
        // ("Islamic Revolutionary Guard Corps" / "IRGC"), for any party but
        // a person: a term like two joined tokens.
        if acronyms && q.len() >= MIN_ACRONYM_WORDS {
            let parts: smallvec::SmallVec<[Part; 16]> =
                q.iter().map(|t| Part::of(&t.text, t.role)).collect();
            let mut last = String::new();
            acronyms::for_each_key(&parts, |key, start, len| {
                // Readings of the optional words often make the same key.
                if key == last {
                    return;
                }
                last.clear();
                last.push_str(key);
                // A rare word, as above: not "oil" or "sea".
                let Some(&tid) = self.vocab.get(key) else {
                    return;
                };
                if self.tok_df[tid as usize] > ACRONYM_MAX_DF
                    || terms.iter().any(|t| t.pair && t.tids == [tid])
                {
                    return;
                }
                terms.push(Term {
                    weight: q[start..start + len].iter().map(|t| t.weight).sum::<f64>() as f32,
                    tids: vec![tid],
                    joined: Vec::new(),
                    pair: true,
                });
            });
        }
        // Keep the 64 heaviest.
        if terms.len() > 64 {
            terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            terms.truncate(64);
        }
        for (bit, t) in terms.iter().enumerate() {
            for &tid in &t.tids {
                if let Some(m) = s.masks.get_mut(tid as usize) {
                    if *m == 0 {
                        s.masked.push(tid);
                    }
                    *m |= 1u64 << bit;
                }
            }
            for &nid in &t.joined {
                *s.joined.entry(nid).or_insert(0) |= 1u64 << bit;
            }
        }
        terms
    }

    /// The shared weight of name `nid`: the weight of each term it holds,
    /// once, from its own tokens.
    fn shared(&self, nid: u32, s: &Scratch, terms: &[Term]) -> f32 {
        let rec = &self.names[nid as usize];
        let start = rec.tok_start as usize;
        let mut bits = 0u64;
        for tid in &self.name_tokens[start..start + rec.tok_len as usize] {
            if let Some(m) = s.masks.get(*tid as usize) {
                bits |= m;
            }
        }
        if !s.joined.is_empty() {
            if let Some(m) = s.joined.get(&nid) {
                bits |= m;
            }
        }
        let mut a = 0.0f32;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            a += terms[b].weight;
            bits &= bits - 1;
        }
        a
    }

    /// Walks one term's posting lists (impact order) and its joined names,
    /// offering each name not seen before to `top`.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        term: &Term,
        s: &mut Scratch,
        terms: &[Term],
        kind: Option<EntityKind>,
        rest: &Rest,
        need: f32,
        whole: bool,
        top: &mut Top,
        work: &mut ScreenWork,
    ) {
        let all = rest.most(usize::MAX);
        // A short list is walked whole, but a name in it that can neither
        // enter `top` nor share `need` changes nothing when looked at
        // (`offer` would turn it away and it does not count as strong), so
        // it is passed over as in a long list. A name passed over is not
        // marked seen: if another list brings it back, it is looked at
        // then, against a bar that has only risen.
        let inert = |most: f32| !whole || most < need;
        if inert(all) && top.closed_below(bound(all, 0.0)) {
            return;
        }
        for &nid in &term.joined {
            self.visit(nid, s, terms, kind, need, top, work);
        }
        for &tid in &term.tids {
            let list = self.postings.get(tid);
            for ((&nid, &nw), &len) in list.ids.iter().zip(list.weights).zip(list.lens) {
                if work.postings_walked >= POSTINGS_BUDGET || work.names_looked_at >= WORK_BUDGET {
                    work.budget_exhausted = true;
                    return;
                }
                work.postings_walked += 1;
                // Lists are ordered by name weight: once the best ranking a
                // name this heavy could have is below the kept ones, so is
                // the rest of the list.
                if inert(all) && top.closed_below(bound(all, nw)) {
                    break;
                }
                // A name of few tokens holds few terms.
                let most = rest.most(usize::from(len));
                if inert(most) && top.closed_below(bound(most, nw)) {
                    continue;
                }
                self.visit(nid, s, terms, kind, need, top, work);
            }
        }
    }

    /// Looks at a name once per call: its shared weight and ranking.
    #[allow(clippy::too_many_arguments)]
    fn visit(
        &self,
        nid: u32,
        s: &mut Scratch,
        terms: &[Term],
        kind: Option<EntityKind>,
        need: f32,
        top: &mut Top,
        work: &mut ScreenWork,
    ) {
        let n = nid as usize;
        if s.seen[n] == s.epoch {
            return;
        }
        s.seen[n] = s.epoch;
        if kind.is_some_and(|k| self.names[n].kind != k) {
            return;
        }
        work.names_looked_at += 1;
        let a = self.shared(nid, s, terms);
        if a >= need {
            top.strong += 1;
        }
        top.offer(ranking(a, self.name_weight[n]), nid);
    }
}
