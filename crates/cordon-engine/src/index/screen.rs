//! Scoring orchestration: a query's readings, its candidates, exact scoring
//! with pruning, identifier hits, and the final explained results.

use super::pruning::{Best, Scored, COVERAGE_POW};
use super::results::{apply_evidence, explain as explain_result, round4, IdOutcome};
use super::vocabulary::{qtok_view, QTok};
use super::{Index, ScreenWork};
use crate::align::{score_names, Mode, Tok};
use crate::evidence;
use crate::given_name::{self, CjkSide};
use crate::limits::{MAX_IDENTIFIERS, MAX_IDENTIFIER_HITS};
use crate::model::{Entity, EntityKind, NameType};
use crate::normalize::native::{self, NativeTag};
use crate::normalize::{name_forms, party_forms, person_forms, NameForm, TokenRole};
use crate::query::{Explain, Match, Query, ScreenOptions};
use crate::weights::*;

impl Index {
    /// The query's readings prepared against this index (readings with no
    /// token the index knows left out), and per reading whether its only
    /// distinctive word is a generic one and whether it is the native or a
    /// romanised reading of a CJK name. Vessels and aircraft are named
    /// with single common words ("STAR", "DELTA"): a query restricted to
    /// them is exempt.
    pub(super) fn readings(&self, query: &Query) -> (Vec<Vec<QTok>>, Vec<Reading>) {
        let raw = forms_for(&query.name, query.kind);
        let tags = native::tags(&raw);
        let craft = matches!(query.kind, Some(EntityKind::Vessel | EntityKind::Aircraft));
        raw.iter()
            .zip(tags)
            .map(|(f, native)| (self.prepare(f, query.kind), native))
            .filter(|(f, _)| !f.is_empty())
            .map(|(f, native)| {
                let generic_only = !craft && only_generic(&f);
                let distinctive =
                    crate::anchor::distinctive_mask(f.iter().map(|t| (t.text.as_str(), t.role)));
                (
                    f,
                    Reading {
                        generic_only,
                        native,
                        distinctive,
                    },
                )
            })
            .unzip()
    }

    /// Entities of the query's kind holding one of its identifiers (by
    /// [`crate::identifiers::lookup_keys`]; the evidence rules confirm
    /// each), in index order, at most [`MAX_IDENTIFIER_HITS`].
    pub(super) fn identifier_hits(&self, query: &Query) -> Vec<u32> {
        let mut hits: Vec<u32> = Vec::new();
        for qid in query.identifiers.iter().take(MAX_IDENTIFIERS) {
            for key in crate::identifiers::lookup_keys(qid) {
                let Some(ents) = self.identifiers.get(&key) else {
                    continue;
                };
                hits.extend(ents.iter().copied().filter(|&ei| {
                    query
                        .kind
                        .is_none_or(|k| self.entities[ei as usize].kind == k)
                }));
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits.truncate(MAX_IDENTIFIER_HITS);
        hits
    }

    /// Screens a query; returns the best `opts.limit` entities, best first,
    /// each flagged as a match against `opts.threshold`.
    ///
    /// Candidates are scored in order of their shared rarity; scoring stops
    /// once no remaining candidate can beat the current `limit`-th best
    /// (its query coverage bounds its name score from above).
    pub fn screen(&self, query: &Query, opts: &ScreenOptions) -> Vec<Match> {
        self.screen_with_work(query, opts).0
    }

    /// [`Index::screen`], explaining only the results `explain` names; the
    /// others carry an empty [`crate::Explanation`] (its `Default`), and
    /// cost neither the alignment's text nor the evidence's. The same
    /// results, scores and order as [`Index::screen`].
    pub fn screen_explaining(
        &self,
        query: &Query,
        opts: &ScreenOptions,
        explain: Explain,
    ) -> Vec<Match> {
        self.screen_inner(query, opts, explain).0
    }

    /// [`Index::screen`], with the work it took: posting entries walked,
    /// names looked at, candidates scored exactly, and whether the work
    /// budget bound (`crate::weights::WORK_BUDGET`).
    pub fn screen_with_work(
        &self,
        query: &Query,
        opts: &ScreenOptions,
    ) -> (Vec<Match>, ScreenWork) {
        self.screen_inner(query, opts, Explain::All)
    }

    fn screen_inner(
        &self,
        query: &Query,
        opts: &ScreenOptions,
        explain: Explain,
    ) -> (Vec<Match>, ScreenWork) {
        let mut work = ScreenWork::default();
        let query = &with_country_codes(query);
        let (forms, reading) = self.readings(query);
        let limit = opts.limit.max(1);
        let max_cands = CANDIDATE_POOL_BASE + limit * CANDIDATE_POOL_PER_RESULT;
        // Most any evidence can add; identifiers are handled apart.
        let bonus = query.dob.map_or(0.0, |_| DOB_SAME_DAY)
            + if query.countries.is_empty() {
                0.0
            } else {
                COUNTRY_MATCH
            }
            + query.gender.map_or(0.0, |_| GENDER_MATCH);
        let mut best = Best::with_capacity(max_cands + MAX_IDENTIFIER_HITS.min(16), limit);
        let mut kth = f64::NEG_INFINITY;
        let mut dirty = false;
        for (fi, f) in forms.iter().enumerate() {
            let qt: Vec<Tok<'_>> = f.iter().map(qtok_view).collect();
            // Smallest possible query weight: unmatched patronymics count
            // only in part.
            let wmin: f64 = f
                .iter()
                .map(|t| {
                    if crate::align::is_patronymic(&t.text) {
                        t.weight * PATRONYMIC_FACTOR
                    } else {
                        t.weight
                    }
                })
                .sum::<f64>()
                .max(1e-9);
            // Least share of the query a name needs to reach the threshold
            // (see `candidates` for the guarantee).
            let reach = (opts.threshold - bonus - PRUNE_SLACK).max(0.0);
            let need = wmin * reach.powf(1.0 / QUERY_COVERAGE_EXP);
            let cands = self.candidates(f, query.kind, max_cands, limit, need, &mut work);
            let need = need as f32;
            let top_acc = cands.iter().map(|c| c.1).fold(0.0f32, f32::max);
            // Upper estimate of each candidate's name score: query coverage
            // is at most the shared weight over the query's, list coverage
            // at most the shared weight over the name's. Scoring the most
            // promising first lets the `limit`-th best score rise early and
            // stop the rest.
            let mut ranked: Vec<(f64, u32, f32)> = cands
                .into_iter()
                .map(|(nid, acc)| {
                    let cq = (f64::from(acc) / wmin).min(1.0);
                    let nw = f64::from(self.name_weight[nid as usize]).max(1e-9);
                    let cl = (f64::from(acc) / nw).min(1.0);
                    (COVERAGE_POW.estimate(cq, cl), nid, acc)
                })
                .collect();
            ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for (rank, (estimate, nid, acc)) in ranked.into_iter().enumerate() {
                // Candidates sharing far less than the best one are not
                // worth an exact score once `limit` have been scored.
                // Never one that may reach the threshold.
                if rank >= limit && acc < top_acc * CANDIDATE_SHARE && acc < need {
                    continue;
                }
                if best.len() >= limit {
                    if dirty {
                        kth = best.kth();
                        dirty = false;
                    }
                    if estimate + PRUNE_SLACK + bonus < kth {
                        break;
                    }
                }
                work.candidates_scored += 1;
                dirty |= self.consider(query, &qt, fi, nid, &mut best, reading[fi]);
            }
        }
        // Entities holding one of the query's identifiers are always scored,
        // on each of their own names; for a query without a name, on their
        // primary name (what the result shows).
        let hits = self.identifier_hits(query);
        let form_toks: Vec<Vec<Tok<'_>>> = if hits.is_empty() {
            Vec::new()
        } else {
            forms
                .iter()
                .map(|f| f.iter().map(qtok_view).collect())
                .collect()
        };
        for ei in hits {
            let names = self.entity_names[ei as usize]..self.entity_names[ei as usize + 1];
            if forms.is_empty() {
                if !names.is_empty() {
                    self.consider(query, &[], 0, names.start, &mut best, Reading::default());
                }
                continue;
            }
            for nid in names {
                for (fi, qt) in form_toks.iter().enumerate() {
                    self.consider(query, qt, fi, nid, &mut best, reading[fi]);
                }
            }
        }
        // A candidate whose name shares nothing once aligned (candidate
        // generation is looser than alignment) is not a result, unless it
        // holds the query's identifier.
        let mut ranked: Vec<(u32, Scored)> = best
            .ids
            .into_iter()
            .zip(best.items)
            .filter(|(_, sc)| sc.ns.score > 0.0 || sc.id != IdOutcome::None)
            .collect();
        ranked.sort_by(|a, b| {
            b.1.score.total_cmp(&a.1.score).then_with(|| {
                self.entities[a.0 as usize]
                    .id
                    .cmp(&self.entities[b.0 as usize].id)
            })
        });
        ranked.truncate(limit);
        let matches = ranked
            .into_iter()
            .map(|(ei, sc)| {
                let e = &self.entities[ei as usize];
                let rec = &self.names[sc.nid as usize];
                let matched_name = e
                    .names
                    .get(rec.name_idx as usize)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                // `consider` computed the score with the same evidence,
                // without its text.
                let score = sc.score;
                let mut is_match = score >= opts.threshold;
                if let Some(o) = &e.ownership {
                    is_match &= o.makes_match();
                }
                let explained = match explain {
                    Explain::All => true,
                    Explain::Matches => is_match,
                    Explain::None => false,
                };
                let explanation = if explained {
                    let lt = self.list_toks(rec);
                    let qt: Vec<Tok<'_>> = forms
                        .get(sc.fi)
                        .map(|f| f.iter().map(qtok_view).collect())
                        .unwrap_or_default();
                    let (score, ev, id) = apply_evidence(query, e, &sc.ns, true);
                    let explanation = explain_result(
                        &qt,
                        &lt,
                        &sc.ns,
                        (ev, id),
                        score,
                        &matched_name,
                        rec.name_type,
                    );
                    match &e.ownership {
                        Some(o) => o.explain(explanation),
                        None => explanation,
                    }
                } else {
                    crate::Explanation::default()
                };
                Match {
                    entity_id: e.id.clone(),
                    list: e.list.clone(),
                    kind: e.kind,
                    name: e.primary_name().to_string(),
                    matched_name,
                    score: round4(score),
                    is_match,
                    programs: e.programs.clone(),
                    dates_of_birth: e.dates_of_birth.iter().map(|d| d.to_string()).collect(),
                    countries: country_names(e),
                    explanation,
                    ownership: e.ownership.clone(),
                }
            })
            .collect();
        (matches, work)
    }

    /// Scores one candidate name; keeps it if it is its entity's best.
    /// Returns whether the entity's best score changed.
    pub(super) fn consider(
        &self,
        query: &Query,
        qt: &[Tok<'_>],
        fi: usize,
        nid: u32,
        best: &mut Best,
        reading: Reading,
    ) -> bool {
        let rec = &self.names[nid as usize];
        // Two names in the same CJK script meet only on their native
        // readings (see `normalize::native`).
        if !native::comparable(reading.native, rec.native) {
            return false;
        }
        let generic_only = reading.generic_only;
        let lt = self.list_toks(rec);
        // Acronyms are organisations' (and vessels'), never persons'.
        let acronyms = rec.kind != EntityKind::Person;
        let mut ns = score_names(qt, &lt, Mode::Screen, acronyms);
        if let Some((side, both)) = cjk_side(reading.native, rec.native) {
            given_name::apply(&mut ns, side, qt.len(), lt.len(), both);
        }
        crate::anchor::apply(&mut ns, reading.distinctive, qt, &lt);
        if rec.name_type == NameType::WeakAka {
            ns.score = ns.score.min(WEAK_ALIAS_CAP);
        }
        if generic_only {
            // Scaled rather than clipped, so that the closest names still
            // come first.
            ns.score *= GENERIC_QUERY_FACTOR;
            ns.generic_cap = true;
        }
        let (score, _, id) = apply_evidence(query, &self.entities[rec.entity as usize], &ns, false);
        best.offer(
            rec.entity,
            Scored {
                score,
                fi,
                nid,
                ns,
                id,
            },
        )
    }
}

/// Which side, if any, is the romanised reading of a short CJK name whose
/// given name must match as a unit (see `given_name`): the query's first,
/// else the list name's; and whether both are.
pub(super) fn cjk_side(q: NativeTag, l: NativeTag) -> Option<(CjkSide, bool)> {
    match (q, l) {
        (NativeTag::Romanised(_), NativeTag::Romanised(_)) => Some((CjkSide::Query, true)),
        (NativeTag::Romanised(_), _) => Some((CjkSide::Query, false)),
        (_, NativeTag::Romanised(_)) => Some((CjkSide::List, false)),
        _ => None,
    }
}

/// What scoring needs to know of one reading of the query besides its
/// tokens.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Reading {
    /// Its only distinctive word is a generic one.
    pub(super) generic_only: bool,
    /// The native or a romanised reading of a CJK name, or neither.
    pub(super) native: NativeTag,
    /// The tokens that can anchor a match (`anchor::distinctive_mask`).
    pub(super) distinctive: u64,
}

/// The query with its countries as ISO codes where known, so that evidence
/// compares codes without looking them up per candidate.
pub(super) fn with_country_codes(q: &Query) -> Query {
    let mut q = q.clone();
    for c in &mut q.countries {
        *c = evidence::country_key(c);
    }
    q
}

/// The readings of a name of a party of this kind: persons never have legal
/// forms; organisations, vessels and aircraft do; a query of unknown kind
/// gets both readings.
pub(super) fn forms_for(name: &str, kind: Option<EntityKind>) -> Vec<NameForm> {
    match kind {
        Some(EntityKind::Person) => person_forms(name),
        Some(_) => name_forms(name),
        None => party_forms(name),
    }
}

/// Whether the query's only distinctive word (ignoring legal forms,
/// stopwords, particles, honorifics and initials) is a generic one.
pub(super) fn only_generic(form: &[QTok]) -> bool {
    let mut distinctive = form
        .iter()
        .filter(|t| matches!(t.role, TokenRole::Word | TokenRole::Number));
    match (distinctive.next(), distinctive.next()) {
        (Some(t), None) => t.role == TokenRole::Word && crate::generic_words::is_generic(&t.text),
        _ => false,
    }
}

pub(super) fn country_names(e: &Entity) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &e.countries {
        let s = c.code.clone().unwrap_or_else(|| c.name.clone());
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}
