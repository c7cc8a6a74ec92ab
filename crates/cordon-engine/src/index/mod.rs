//! The in-memory index and the screening pipeline.
//!
//! Building: every name of every entity is normalised into one or more
//! token sequences ([`crate::normalize::name_forms`]); each distinct token
//! gets an id in a vocabulary with its document frequency (how many names
//! hold it) and a posting list of the names that hold it. Three side tables
//! let a query token reach list tokens it does not equal:
//! - a **phonetic** table (sound key → tokens): mohammad → muhammad;
//! - a **deletion** table (every token and its one-letter deletions →
//!   tokens, the SymSpell idea): a typo of one or two edits shares a key;
//! - a **sound-deletion** table (every long token's sound key and its
//!   one-sound deletions → tokens), used only for a query word that
//!   reaches nothing else: "auktsion" → "auction";
//! - a **joined** table (two adjacent tokens written together → names):
//!   "abubakr" reaches "ABU BAKR";
//! - an **acronym** table (the acronyms of an organisation's first and
//!   last words → names, [`crate::acronyms`]): "irgc" reaches "ISLAMIC
//!   REVOLUTIONARY GUARD CORPS".
//!
//! Screening a query: the query is normalised the same way; each token is
//! expanded through the tables and the names in the posting lists collect the
//! rarity weight of the query tokens they share (rarest first; tokens so
//! common that they would touch a large share of the index only add to
//! names already found). The best candidates are then scored exactly
//! ([`crate::align`]), evidence is applied ([`crate::evidence`]) and the
//! top results are explained. A query never scans the whole list unless it
//! has no token in common with any name, and then it finds nothing.

mod candidates;
mod compare;
mod pair;
mod pruning;
mod results;
mod screen;
mod split_terms;
mod storage;
mod vocabulary;

pub use compare::compare;

use crate::acronyms::{self, Part};
use crate::model::{Entity, EntityKind};
use crate::normalize::{NameForm, TokenRole};
use crate::weights::*;
use rustc_hash::FxHashMap;
use screen::forms_for;
use storage::{hash_deletion, hash_str, KeyTable, NameRec, Postings};

/// The work one screening took ([`Index::screen_with_work`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScreenWork {
    /// Posting-list entries walked by candidate generation.
    pub postings_walked: u64,
    /// Distinct names whose shared weight was computed.
    pub names_looked_at: u64,
    /// Candidates scored exactly (token alignment), identifier hits aside.
    pub candidates_scored: u64,
    /// Candidate generation stopped at the work budget
    /// ([`crate::weights::WORK_BUDGET`]): a name sharing only words held by
    /// very many names may have been missed.
    pub budget_exhausted: bool,
}

/// The screening index over a set of entities.
pub struct Index {
    entities: Vec<Entity>,
    by_id: FxHashMap<String, u32>,
    names: Vec<NameRec>,
    /// Summed token weight of each name: lets candidate ranking prefer,
    /// among names sharing the same query words, those with least else.
    name_weight: Vec<f32>,
    name_tokens: Vec<u32>,
    name_roles: Vec<TokenRole>,
    vocab: FxHashMap<Box<str>, u32>,
    tok_text: Vec<Box<str>>,
    tok_phon: Vec<Box<str>>,
    /// Letter set of each token (see [`letter_set`]).
    tok_letters: Vec<u64>,
    /// Per token: its id in the nickname data (0: none).
    tok_nick: Vec<u16>,
    /// Per token: the letters it may give an acronym
    /// ([`crate::acronyms::letters_given`]).
    tok_gives: Vec<u32>,
    /// Per token: its form id in the name-group data (0: none).
    tok_group: Vec<u32>,
    /// Name-group id → the tokens of the vocabulary in that group.
    group_members: FxHashMap<u32, Vec<u32>>,
    /// Token ids in the byte order of their text, for prefix lookups.
    by_text: Vec<u32>,
    /// Number of names holding each token.
    tok_df: Vec<u32>,
    /// Rarity weight of each token (from `tok_df`), computed once.
    tok_idf: Vec<f64>,
    postings: Postings,
    phonetic: KeyTable,
    deletions: KeyTable,
    /// Sound keys and their one-sound deletions, for long tokens: reaches
    /// spellings two letters apart that differ by one sound
    /// ("auktsion" / "auction", "protsessing" / "processing").
    sound_deletions: KeyTable,
    joined: KeyTable,
    /// Acronyms of organisations' names (their first and last words,
    /// [`crate::acronyms::for_each_key`]) → names: "irgc" reaches
    /// "ISLAMIC REVOLUTIONARY GUARD CORPS".
    acronyms: KeyTable,
    /// Entity ids by identifier key ([`crate::identifiers::index_keys`]).
    identifiers: FxHashMap<String, Vec<u32>>,
    /// The names of entity `e` are `entity_names[e]..entity_names[e + 1]`
    /// (names are indexed entity by entity): an identifier hit scores the
    /// entity's own names, never a walk over all names.
    entity_names: Vec<u32>,
    /// [`SHORT_LIST`], kept here so that tests can lower it to exercise
    /// the bounds on small corpora.
    short_list: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("entities", &self.entities.len())
            .field("names", &self.names.len())
            .field("tokens", &self.tok_text.len())
            .finish()
    }
}

impl Index {
    /// Builds the index. Entities keep their order; ids must be unique (a
    /// later duplicate id is still indexed but `get` returns the first).
    pub fn build(entities: Vec<Entity>) -> Index {
        let mut ix = Index {
            by_id: FxHashMap::default(),
            names: Vec::new(),
            name_weight: Vec::new(),
            name_tokens: Vec::new(),
            name_roles: Vec::new(),
            vocab: FxHashMap::default(),
            tok_text: Vec::new(),
            tok_phon: Vec::new(),
            tok_letters: Vec::new(),
            tok_nick: Vec::new(),
            tok_gives: Vec::new(),
            tok_group: Vec::new(),
            group_members: FxHashMap::default(),
            by_text: Vec::new(),
            tok_df: Vec::new(),
            tok_idf: Vec::new(),
            postings: Postings::default(),
            phonetic: KeyTable::default(),
            deletions: KeyTable::default(),
            sound_deletions: KeyTable::default(),
            joined: KeyTable::default(),
            acronyms: KeyTable::default(),
            identifiers: FxHashMap::default(),
            entity_names: Vec::with_capacity(entities.len() + 1),
            entities: Vec::new(),
            short_list: SHORT_LIST,
        };
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for (ei, e) in entities.iter().enumerate() {
            let ei = ei as u32;
            ix.by_id.entry(e.id.clone()).or_insert(ei);
            ix.entity_names.push(ix.names.len() as u32);
            for id in &e.identifiers {
                for key in crate::identifiers::index_keys(id) {
                    let ent = ix.identifiers.entry(key).or_default();
                    if ent.last() != Some(&ei) {
                        ent.push(ei);
                    }
                }
            }
            let mut seen_forms: Vec<NameForm> = Vec::new();
            for (ni, name) in e.names.iter().enumerate() {
                let forms = forms_for(&name.name, Some(e.kind));
                let tags = crate::normalize::native::tags(&forms);
                for (form, native) in forms.into_iter().zip(tags) {
                    if form.tokens.is_empty() || seen_forms.contains(&form) {
                        continue;
                    }
                    let name_id = ix.names.len() as u32;
                    let tok_start = ix.name_tokens.len() as u32;
                    for t in &form.tokens {
                        let tid = ix.intern(&t.text, &mut lists);
                        ix.name_tokens.push(tid);
                        ix.name_roles.push(t.role);
                        let pl = &mut lists[tid as usize];
                        if pl.last() != Some(&name_id) {
                            pl.push(name_id);
                        }
                    }
                    for w in form.tokens.windows(2) {
                        let joined = format!("{}{}", w[0].text, w[1].text);
                        ix.joined.entries.push((hash_str(&joined), name_id));
                    }
                    // An organisation's name is also written as its
                    // acronym ("IRGC").
                    if e.kind != EntityKind::Person {
                        let parts: Vec<Part> = form
                            .tokens
                            .iter()
                            .map(|t| Part::of(&t.text, t.role))
                            .collect();
                        acronyms::for_each_key(&parts, |key, _, _| {
                            ix.acronyms.entries.push((hash_str(key), name_id));
                        });
                    }
                    ix.names.push(NameRec {
                        entity: ei,
                        name_idx: ni.min(u16::MAX as usize) as u16,
                        kind: e.kind,
                        name_type: name.name_type,
                        tok_start,
                        tok_len: form.tokens.len().min(u16::MAX as usize) as u16,
                        native,
                    });
                    seen_forms.push(form);
                }
            }
        }
        ix.entity_names.push(ix.names.len() as u32);
        ix.tok_df = lists.iter().map(|l| l.len() as u32).collect();
        ix.tok_idf = ix.tok_df.iter().map(|&df| ix.idf(df)).collect();
        ix.name_weight = ix
            .names
            .iter()
            .map(|rec| {
                let s = rec.tok_start as usize;
                let e = s + rec.tok_len as usize;
                ix.name_tokens[s..e]
                    .iter()
                    .zip(&ix.name_roles[s..e])
                    .map(|(&t, &r)| (ix.tok_idf[t as usize] * role_factor(r)) as f32)
                    .sum()
            })
            .collect();
        // Impact order: lightest names first (see `candidates`).
        let names = &ix.names;
        ix.postings = Postings::from_lists(lists, &ix.name_weight, |n| {
            usize::from(names[n as usize].tok_len)
        });
        for (tid, text) in ix.tok_text.iter().enumerate() {
            let tid = tid as u32;
            let phon = &ix.tok_phon[tid as usize];
            if phon.len() >= 2 {
                ix.phonetic.entries.push((hash_str(phon), tid));
            }
            let b = text.as_bytes();
            if b.len() >= MIN_DELETION_LEN {
                for skip in 0..=b.len() {
                    ix.deletions.entries.push((hash_deletion(b, skip), tid));
                }
            }
            if b.len() >= MIN_SOUND_DELETION_LEN && phon.len() >= MIN_SOUND_DELETION_KEY {
                let p = phon.as_bytes();
                for skip in 0..=p.len() {
                    ix.sound_deletions
                        .entries
                        .push((hash_deletion(p, skip), tid));
                }
            }
        }
        let mut by_text: Vec<u32> = (0..ix.tok_text.len() as u32).collect();
        by_text.sort_unstable_by(|&a, &b| ix.tok_text[a as usize].cmp(&ix.tok_text[b as usize]));
        ix.by_text = by_text;
        ix.phonetic.finish();
        ix.deletions.finish();
        ix.sound_deletions.finish();
        ix.joined.finish();
        ix.acronyms.finish();
        ix.entities = entities;
        ix
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Number of indexed name readings.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Number of distinct tokens.
    pub fn token_count(&self) -> usize {
        self.tok_text.len()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entities, in their order, without the index: to build a new
    /// index over them and more (the snapshot adds the entities derived
    /// from the ownership graph after screening its owners against this
    /// one) without copying them.
    pub fn into_entities(self) -> Vec<Entity> {
        self.entities
    }

    /// The entity with this id (`ofac-sdn:16418`).
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, Provenance};
    use crate::query::{Query, ScreenOptions};

    fn org(id: &str, name: &str) -> Entity {
        Entity::new(
            "t",
            id,
            EntityKind::Organization,
            name,
            Provenance {
                list: "t".into(),
                file: "f".into(),
                line: None,
            },
        )
    }

    fn top(ix: &Index, name: &str) -> Option<String> {
        let q = Query {
            name: name.into(),
            ..Query::default()
        };
        let opts = ScreenOptions {
            limit: 5,
            threshold: 0.76,
        };
        ix.screen(&q, &opts).first().map(|m| m.entity_id.clone())
    }

    #[test]
    fn a_word_two_letters_but_one_sound_away_is_reached() {
        let ix = Index::build(vec![
            org("1", "AUCTION LIMITED LIABILITY COMPANY"),
            org("2", "LESPROMPROCESSING ZAO"),
            org("3", "BALTIC TRADE LLC"),
        ]);
        // Two edits: beyond the one-letter deletion table.
        assert_eq!(top(&ix, "AUKTSION OOO").as_deref(), Some("t:1"));
        assert_eq!(top(&ix, "Lespromprotsessing").as_deref(), Some("t:2"));
        // A word that is far in sound too reaches nothing.
        assert_eq!(top(&ix, "Amsterdam"), None);
    }

    /// Every name scored exactly, as `screen` scores a candidate: the
    /// reference for candidate generation and pruning. Returns each
    /// entity's best score (not rounded), best first, and whether that
    /// score is within the guarantee of `candidates`: every query token
    /// that generates candidates is aligned, if at all, with a list token
    /// its expansion reaches (`Index::expand`), as joined tokens, or as an
    /// acronym the other side is filed under.
    fn exhaustive(ix: &Index, query: &Query) -> Vec<(String, f64, bool)> {
        let query = &screen::with_country_codes(query);
        let (forms, reading) = ix.readings(query);
        let mut best = pruning::Best::default();
        for (fi, f) in forms.iter().enumerate() {
            let qt: Vec<_> = f.iter().map(vocabulary::qtok_view).collect();
            for nid in 0..ix.names.len() as u32 {
                if query.kind.is_none_or(|k| ix.names[nid as usize].kind == k) {
                    ix.consider(query, &qt, fi, nid, &mut best, reading[fi]);
                }
            }
        }
        let in_reach = |sc: &pruning::Scored| {
            let f = &forms[sc.fi];
            let words = f.iter().any(|t| {
                !matches!(
                    t.role,
                    TokenRole::Stopword | TokenRole::Honorific | TokenRole::LegalForm
                )
            });
            let legal = f.iter().any(|t| t.role == TokenRole::LegalForm);
            let rec = &ix.names[sc.nid as usize];
            let mut exp = Vec::new();
            sc.ns.pairs.iter().all(|p| {
                // An acronym is reached when the other side is filed
                // under it (a name's first or last words).
                if p.kind == crate::similarity::SimilarityKind::Acronym {
                    let (acronym, parts): (&str, Vec<Part>) = if p.q_len == 1 {
                        let s = rec.tok_start as usize;
                        let e = s + rec.tok_len as usize;
                        let parts = (s..e)
                            .map(|k| {
                                let t = &ix.tok_text[ix.name_tokens[k] as usize];
                                Part::of(t, ix.name_roles[k])
                            })
                            .collect();
                        (f[p.q as usize].text.as_str(), parts)
                    } else {
                        let parts = f.iter().map(|t| Part::of(&t.text, t.role)).collect();
                        let k = rec.tok_start as usize + p.l as usize;
                        (&*ix.tok_text[ix.name_tokens[k] as usize], parts)
                    };
                    // ... and the acronym is a rare word.
                    let df = ix
                        .vocab
                        .get(acronym)
                        .map_or(0, |&id| ix.tok_df[id as usize]);
                    let mut filed = false;
                    acronyms::for_each_key(&parts, |k, _, _| filed |= k == acronym);
                    return filed && df <= ACRONYM_MAX_DF;
                }
                let t = &f[p.q as usize];
                let generating = match t.role {
                    TokenRole::Stopword | TokenRole::Honorific => !words && !legal,
                    TokenRole::LegalForm => !words,
                    _ => true,
                };
                if !generating || p.q_len != 1 || p.l_len != 1 {
                    return true;
                }
                let tid = ix.name_tokens[rec.tok_start as usize + p.l as usize];
                ix.expand(t, &mut exp);
                exp.iter().any(|e| e.0 == tid)
            })
        };
        let mut out: Vec<(String, f64, bool)> = best
            .ids
            .iter()
            .zip(&best.items)
            .filter(|(_, sc)| sc.ns.score > 0.0)
            .map(|(&e, sc)| (ix.entities[e as usize].id.clone(), sc.score, in_reach(sc)))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// A small corpus: names of one to four words from a vocabulary of
    /// `words`, some with a one-letter typo; queries from an entity's
    /// words (some dropped, reordered, misspelt, or a foreign word added).
    fn corpus_and_query(
    ) -> impl proptest::strategy::Strategy<Value = (Vec<Entity>, String, Option<EntityKind>, f64)>
    {
        use proptest::prelude::*;
        let words = proptest::collection::vec("[a-z]{3,9}", 6..14);
        let names = proptest::collection::vec(
            (
                proptest::collection::vec((0usize..64, 0usize..12, any::<bool>()), 1..5),
                0u8..3,
            ),
            2..40,
        );
        let query = (
            0usize..64,
            proptest::collection::vec((any::<bool>(), 0usize..12), 0..3),
            "[a-z]{4,8}",
            any::<bool>(),
            prop::sample::select(vec![0.5, 0.6, 0.7, 0.76, 0.85]),
            0u8..3,
        );
        (words, names, query).prop_map(|(words, names, query)| {
            let typo = |w: &str, at: usize| -> String {
                let mut b = w.as_bytes().to_vec();
                let i = 1 + at % (b.len() - 1);
                b[i] = if b[i] == b'z' { b'a' } else { b[i] + 1 };
                String::from_utf8(b).unwrap_or_default()
            };
            let mut entities: Vec<Entity> = Vec::new();
            let mut texts: Vec<Vec<String>> = Vec::new();
            for (i, (ws, k)) in names.iter().enumerate() {
                let toks: Vec<String> = ws
                    .iter()
                    .map(|&(wi, at, t)| {
                        let w = &words[wi % words.len()];
                        if t && at < 3 && w.len() > 4 {
                            typo(w, at)
                        } else {
                            w.clone()
                        }
                    })
                    .collect();
                let text = toks.join(" ");
                let kind = match k {
                    0 => EntityKind::Person,
                    1 => EntityKind::Organization,
                    _ => EntityKind::Vessel,
                };
                // Every third name is an alias of the previous entity.
                if i % 3 == 2 {
                    if let Some(e) = entities.last_mut() {
                        e.names
                            .push(crate::model::Name::new(text, crate::model::NameType::Aka));
                        continue;
                    }
                }
                let mut e = org(&i.to_string(), &text);
                e.kind = kind;
                entities.push(e);
                texts.push(toks);
            }
            let (pick, edits, foreign, with_kind, threshold, kind) = query;
            let mut q: Vec<String> = texts[pick % texts.len()].clone();
            for (drop, at) in edits {
                if q.len() > 1 && drop {
                    q.remove(at % q.len());
                } else if let Some(w) = {
                    let i = at % q.len().max(1);
                    q.get_mut(i)
                } {
                    if w.len() > 4 {
                        *w = typo(w, at);
                    }
                }
            }
            if kind == 2 {
                q.push(foreign);
            }
            q.reverse();
            let kind = with_kind.then(|| entities[pick % entities.len()].kind);
            (entities, q.join(" "), kind, threshold)
        })
    }

    /// Every name of the kind with the weight it shares with a query form,
    /// computed without posting lists: for each candidate-generating query
    /// token, whether one of the name's tokens is in its expansion (or the
    /// name holds it as two joined tokens); for each two adjacent query
    /// tokens, whether the name holds them written as one.
    fn shared_weights(
        ix: &Index,
        f: &[vocabulary::QTok],
        kind: Option<EntityKind>,
    ) -> Vec<(u32, f32)> {
        let words = f.iter().any(|t| {
            !matches!(
                t.role,
                TokenRole::Stopword | TokenRole::Honorific | TokenRole::LegalForm
            )
        });
        let legal = f.iter().any(|t| t.role == TokenRole::LegalForm);
        let mut exp = Vec::new();
        let mut terms: Vec<(f32, Vec<u32>, Option<String>)> = Vec::new();
        for t in f {
            let generating = match t.role {
                TokenRole::Stopword | TokenRole::Honorific => !words && !legal,
                TokenRole::LegalForm => !words,
                _ => true,
            };
            if generating {
                ix.expand(t, &mut exp);
                terms.push((
                    t.weight as f32,
                    exp.iter().map(|e| e.0).collect(),
                    Some(t.text.clone()),
                ));
            }
        }
        for w in f.windows(2) {
            if let Some(&tid) = ix.vocab.get(format!("{}{}", w[0].text, w[1].text).as_str()) {
                terms.push(((w[0].weight + w[1].weight) as f32, vec![tid], None));
            }
        }
        // The acronym of the query's words as one rare list token, for any
        // party but a person, as `candidates` adds it.
        if kind != Some(EntityKind::Person) && f.len() >= crate::weights::MIN_ACRONYM_WORDS {
            let parts: Vec<Part> = f.iter().map(|t| Part::of(&t.text, t.role)).collect();
            let mut keys: Vec<(String, usize, usize)> = Vec::new();
            acronyms::for_each_key(&parts, |key, start, len| {
                keys.push((key.to_string(), start, len));
            });
            for (key, start, len) in keys {
                let Some(&tid) = ix.vocab.get(key.as_str()) else {
                    continue;
                };
                if ix.tok_df[tid as usize] > ACRONYM_MAX_DF
                    || terms
                        .iter()
                        .any(|(_, tids, text)| text.is_none() && tids == &[tid])
                {
                    continue;
                }
                let w: f64 = f[start..start + len].iter().map(|t| t.weight).sum();
                terms.push((w as f32, vec![tid], None));
            }
        }
        let mut out = Vec::new();
        for nid in 0..ix.names.len() as u32 {
            let rec = &ix.names[nid as usize];
            if kind.is_some_and(|k| rec.kind != k) {
                continue;
            }
            let s = rec.tok_start as usize;
            let toks = &ix.name_tokens[s..s + rec.tok_len as usize];
            let mut a = 0.0f32;
            let mut any = false;
            for (w, tids, text) in &terms {
                let joined = text.as_ref().is_some_and(|x| {
                    toks.windows(2).any(|p| {
                        format!(
                            "{}{}",
                            ix.tok_text[p[0] as usize], ix.tok_text[p[1] as usize]
                        ) == *x
                    })
                });
                if joined || toks.iter().any(|t| tids.contains(t)) {
                    a += w;
                    any = true;
                }
            }
            if any {
                out.push((nid, a));
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// The guarantee of `candidates`: every entity that scoring every
        /// name would put among the first `limit` and at or above the
        /// threshold, by a score within the reach of the expansion tables,
        /// is returned with that score; no result scores more than scoring
        /// every name gives it.
        #[test]
        fn candidate_generation_finds_what_exhaustive_scoring_flags(
            (entities, name, kind, threshold) in corpus_and_query(),
            bounded in proptest::bool::ANY,
        ) {
            let mut ix = Index::build(entities);
            // Bounds on every list, or (as on lists of tens of thousands
            // of entities) every list walked whole but for the names that
            // can change nothing.
            if bounded {
                ix.short_list = 0;
            }
            let q = Query { name, kind, ..Query::default() };
            let limit = 3;
            let opts = ScreenOptions { limit, threshold };
            let got = ix.screen(&q, &opts);
            let all = exhaustive(&ix, &q);
            for m in &got {
                let best = all.iter().find(|e| e.0 == m.entity_id).map(|e| results::round4(e.1));
                proptest::prop_assert!(
                    best.is_some_and(|b| m.score <= b),
                    "{} scored {} by screen, {:?} by scoring every name ({:?})",
                    m.entity_id, m.score, best, q.name
                );
            }
            for (pos, (id, score, guaranteed)) in all.iter().enumerate() {
                if pos < limit && *guaranteed && *score >= threshold {
                    let found = got.iter().find(|m| &m.entity_id == id).map(|m| m.score);
                    proptest::prop_assert_eq!(
                        found,
                        Some(results::round4(*score)),
                        "{} missed for {:?}: {:?}",
                        id, q.name, all
                    );
                }
            }
        }

        /// Explaining only some results (or none) changes nothing else:
        /// the same entities, scores, match flags and order; the results
        /// left unexplained carry the empty explanation, the others the
        /// one `screen` gives.
        #[test]
        fn explaining_fewer_results_changes_nothing_else(
            (entities, name, kind, threshold) in corpus_and_query(),
            country in proptest::option::of(proptest::sample::select(vec!["RU", "IR", "Germany"])),
        ) {
            let ix = Index::build(entities);
            let q = Query {
                name,
                kind,
                countries: country.into_iter().map(str::to_string).collect(),
                ..Query::default()
            };
            let opts = ScreenOptions { limit: 5, threshold };
            let full = ix.screen(&q, &opts);
            for which in [crate::Explain::None, crate::Explain::Matches, crate::Explain::All] {
                let got = ix.screen_explaining(&q, &opts, which);
                proptest::prop_assert_eq!(got.len(), full.len());
                for (g, f) in got.iter().zip(&full) {
                    let explained = match which {
                        crate::Explain::None => false,
                        crate::Explain::Matches => f.is_match,
                        crate::Explain::All => true,
                    };
                    let mut expect = f.clone();
                    if !explained {
                        expect.explanation = crate::Explanation::default();
                    }
                    proptest::prop_assert_eq!(g, &expect);
                }
            }
        }

        /// Early termination and MaxScore lose nothing that could be kept:
        /// with a pool of only `max` names, every name among the `max` best
        /// by ranking (of all names sharing a term) whose shared weight
        /// reaches `need` is returned, with its shared weight.
        #[test]
        fn candidate_pool_keeps_the_best_names_that_can_reach_the_threshold(
            (entities, name, kind, threshold) in corpus_and_query(),
            max in 1usize..8,
            bounded in proptest::bool::ANY,
        ) {
            let mut ix = Index::build(entities);
            if bounded {
                ix.short_list = 0;
            }
            for form in forms_for(&name, kind) {
                let f = ix.prepare(&form, kind);
                if f.is_empty() {
                    continue;
                }
                let wmin: f64 = f
                    .iter()
                    .map(|t| if crate::align::is_patronymic(&t.text) { t.weight * PATRONYMIC_FACTOR } else { t.weight })
                    .sum();
                let need = wmin * (threshold - PRUNE_SLACK).max(0.0).powf(1.0 / QUERY_COVERAGE_EXP);
                let mut work = ScreenWork::default();
                let got = ix.candidates(&f, kind, max, 3, need, &mut work);
                let mut all = shared_weights(&ix, &f, kind);
                all.sort_by(|a, b| {
                    candidates::ranking(b.1, ix.name_weight[b.0 as usize])
                        .total_cmp(&candidates::ranking(a.1, ix.name_weight[a.0 as usize]))
                        .then(a.0.cmp(&b.0))
                });
                // `candidates` lowers `need` by the weight of tokens that
                // credit nothing: a name reaching this one reaches that.
                // Names tied in ranking with the last place of the pool
                // may be kept in any order: for them only their number is
                // checked (the pool holds as many names of that ranking).
                let rank = |nid: u32, a: f32| candidates::ranking(a, ix.name_weight[nid as usize]);
                let last = all.get(max.min(all.len()).saturating_sub(1)).map(|(n, a)| rank(*n, *a));
                let mut tied_expected = 0usize;
                for (nid, a) in all.iter().take(max) {
                    if f64::from(*a) < need * (1.0 + 1e-3) {
                        continue;
                    }
                    if Some(rank(*nid, *a)) == last && all.len() > max {
                        tied_expected += 1;
                        continue;
                    }
                    let found = got.iter().find(|g| g.0 == *nid).map(|g| g.1);
                    proptest::prop_assert!(
                        found.is_some_and(|x| (x - a).abs() < 1e-3),
                        "name {} sharing {} of need {}: got {:?}, all {:?}",
                        nid, a, need, got, all
                    );
                }
                let tied_got = got
                    .iter()
                    .filter(|g| Some(rank(g.0, g.1)) == last && f64::from(g.1) >= need * (1.0 + 1e-3))
                    .count();
                proptest::prop_assert!(
                    tied_got >= tied_expected,
                    "{} names tied at the pool's last ranking kept, {} expected: got {:?}, all {:?}",
                    tied_got, tied_expected, got, all
                );
            }
        }
    }
}
