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
//!   "abubakr" reaches "ABU BAKR".
//!
//! Screening a query: the query is normalised the same way; each token is
//! expanded through the tables and the names in the posting lists collect the
//! rarity weight of the query tokens they share (rarest first; tokens so
//! common that they would touch a large share of the index only add to
//! names already found). The best candidates are then scored exactly
//! ([`crate::align`]), evidence is applied ([`crate::evidence`]) and the
//! top results are explained. A query never scans the whole list unless it
//! has no token in common with any name, and then it finds nothing.

use crate::align::{score_names, Mode, NameScore, Tok};
use crate::evidence;
use crate::explain::{Evidence, Explanation, TokenAlignment};
use crate::limits::{MAX_IDENTIFIERS, MAX_IDENTIFIER_HITS};
use crate::model::{Entity, EntityKind, NameType};
use crate::normalize::{name_forms, party_forms, person_forms, phonetic_key, NameForm, TokenRole};
use crate::query::{Comparison, Match, Party, Query, ScreenOptions};
use crate::similarity::{allowed_edits, bounded_osa, letter_set};
use crate::weights::*;
use rustc_hash::{FxHashMap, FxHasher};
use smallvec::SmallVec;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};

/// One indexed reading of one name of one entity.
#[derive(Debug, Clone, Copy)]
struct NameRec {
    entity: u32,
    /// Position of the name in `Entity::names`.
    name_idx: u16,
    kind: EntityKind,
    name_type: NameType,
    tok_start: u32,
    tok_len: u16,
}

/// Compressed posting lists: `ids[offsets[t]..offsets[t + 1]]`.
#[derive(Debug, Default)]
struct Postings {
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl Postings {
    fn from_lists(lists: Vec<Vec<u32>>) -> Postings {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        let total: usize = lists.iter().map(Vec::len).sum();
        let mut ids = Vec::with_capacity(total);
        offsets.push(0);
        for l in lists {
            ids.extend_from_slice(&l);
            offsets.push(ids.len() as u32);
        }
        Postings { offsets, ids }
    }

    fn get(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.ids[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// A sorted multimap from a 64-bit key hash to token or name ids: compact
/// and cache-friendly for millions of entries. A bucket directory on the top
/// 16 bits of the hash narrows each lookup to a few neighbouring entries.
#[derive(Debug, Default)]
struct KeyTable {
    entries: Vec<(u64, u32)>,
    buckets: Vec<u32>,
}

impl KeyTable {
    const BITS: u32 = 16;

    fn finish(&mut self) {
        self.entries.sort_unstable();
        self.entries.dedup();
        self.entries.shrink_to_fit();
        let n = 1usize << Self::BITS;
        self.buckets = Vec::with_capacity(n + 1);
        let mut i = 0usize;
        for b in 0..n as u64 {
            while i < self.entries.len() && (self.entries[i].0 >> (64 - Self::BITS)) < b {
                i += 1;
            }
            self.buckets.push(i as u32);
        }
        self.buckets.push(self.entries.len() as u32);
    }

    fn get(&self, key: u64) -> &[(u64, u32)] {
        let b = (key >> (64 - Self::BITS)) as usize;
        let (Some(&lo), Some(&hi)) = (self.buckets.get(b), self.buckets.get(b + 1)) else {
            return &[];
        };
        let bucket = &self.entries[lo as usize..hi as usize];
        let start = bucket.partition_point(|e| e.0 < key);
        let end = start + bucket[start..].partition_point(|e| e.0 == key);
        &bucket[start..end]
    }
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

fn hash_deletion(s: &[u8], skip: usize) -> u64 {
    let mut h = FxHasher::default();
    for (i, b) in s.iter().enumerate() {
        if i != skip {
            b.hash(&mut h);
        }
    }
    // Distinguish "no deletion" from deleting a non-existent position.
    (s.len() - usize::from(skip < s.len())).hash(&mut h);
    h.finish()
}

/// Most longer tokens a query token may reach as their prefix.
const MAX_PREFIX_EXPANSIONS: usize = 16;

/// Shortest token that takes part in deletion (typo) lookup.
const MIN_DELETION_LEN: usize = 4;

/// Shortest token, and sound key, that take part in sound-deletion lookup:
/// short keys differ by one sound from too many others. The index keeps keys
/// of `MIN_SOUND_DELETION_KEY` sounds and more; a query key needs one sound
/// more, so that a list key one sound shorter is still reached.
const MIN_SOUND_DELETION_LEN: usize = 6;
const MIN_SOUND_DELETION_KEY: usize = 4;

/// Estimated similarity of a token reached by a sound deletion.
const SOUND_DELETION_SIMILARITY: f32 = 0.7;

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
    /// Entity ids by identifier key ([`crate::identifiers::index_keys`]).
    identifiers: FxHashMap<String, Vec<u32>>,
    /// The names of entity `e` are `entity_names[e]..entity_names[e + 1]`
    /// (names are indexed entity by entity): an identifier hit scores the
    /// entity's own names, never a walk over all names.
    entity_names: Vec<u32>,
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

/// A query token with everything screening needs about it.
#[derive(Debug, Clone)]
struct QTok {
    text: String,
    phon: String,
    role: TokenRole,
    weight: f64,
    letters: u64,
}

/// Reusable per-thread buffers for candidate accumulation.
#[derive(Default)]
struct Scratch {
    acc: Vec<f32>,
    stamp: Vec<u32>,
    touched: Vec<u32>,
}

impl Scratch {
    /// Credit without the once-per-query-token check.
    const NO_STAMP: u32 = 0;

    /// Adds `w` to a name's shared weight, once per query token (`stamp`).
    fn credit(&mut self, nid: u32, w: f32, stamp: u32) {
        let n = nid as usize;
        if stamp != Self::NO_STAMP && self.stamp[n] == stamp {
            return;
        }
        if self.acc[n] == 0.0 {
            self.touched.push(nid);
        }
        self.acc[n] += w;
        if stamp != Self::NO_STAMP {
            self.stamp[n] = stamp;
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
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
            by_text: Vec::new(),
            tok_df: Vec::new(),
            tok_idf: Vec::new(),
            postings: Postings::default(),
            phonetic: KeyTable::default(),
            deletions: KeyTable::default(),
            sound_deletions: KeyTable::default(),
            joined: KeyTable::default(),
            identifiers: FxHashMap::default(),
            entity_names: Vec::with_capacity(entities.len() + 1),
            entities: Vec::new(),
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
                for form in forms_for(&name.name, Some(e.kind)) {
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
                    ix.names.push(NameRec {
                        entity: ei,
                        name_idx: ni.min(u16::MAX as usize) as u16,
                        kind: e.kind,
                        name_type: name.name_type,
                        tok_start,
                        tok_len: form.tokens.len().min(u16::MAX as usize) as u16,
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
        ix.postings = Postings::from_lists(lists);
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
        ix.entities = entities;
        ix
    }

    fn intern(&mut self, text: &str, lists: &mut Vec<Vec<u32>>) -> u32 {
        if let Some(&id) = self.vocab.get(text) {
            return id;
        }
        let id = self.tok_text.len() as u32;
        self.vocab.insert(text.into(), id);
        self.tok_text.push(text.into());
        self.tok_phon.push(phonetic_key(text).into());
        self.tok_letters.push(letter_set(text));
        lists.push(Vec::new());
        id
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

    /// The entity with this id (`ofac-sdn:16418`).
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    /// Rarity weight of a token with document frequency `df`.
    fn idf(&self, df: u32) -> f64 {
        if self.names.is_empty() {
            return NEUTRAL_IDF;
        }
        let n = self.names.len().max(1) as f64;
        ((n + 1.0) / (df as f64 + 0.5))
            .ln()
            .clamp(IDF_FLOOR, IDF_CEIL)
    }

    fn prepare(&self, form: &NameForm) -> Vec<QTok> {
        form.tokens
            .iter()
            .map(|t| {
                let df = self
                    .vocab
                    .get(t.text.as_str())
                    .map(|&id| self.tok_df[id as usize])
                    .unwrap_or(0);
                QTok {
                    phon: phonetic_key(&t.text),
                    letters: letter_set(&t.text),
                    weight: self.idf(df) * role_factor(t.role),
                    text: t.text.clone(),
                    role: t.role,
                }
            })
            .collect()
    }

    fn list_toks(&self, rec: &NameRec) -> SmallVec<[Tok<'_>; 8]> {
        let s = rec.tok_start as usize;
        let e = s + rec.tok_len as usize;
        self.name_tokens[s..e]
            .iter()
            .zip(&self.name_roles[s..e])
            .map(|(&tid, &role)| Tok {
                text: &self.tok_text[tid as usize],
                phon: &self.tok_phon[tid as usize],
                weight: self.tok_idf[tid as usize] * role_factor(role),
                letters: self.tok_letters[tid as usize],
            })
            .collect()
    }

    /// Whether a name belongs to an entity of the wanted kind.
    fn kind_ok(&self, nid: u32, kind: Option<EntityKind>) -> bool {
        kind.is_none_or(|k| self.names[nid as usize].kind == k)
    }

    /// Token ids a query token may stand for, with an estimated similarity.
    fn expand(&self, t: &QTok, out: &mut Vec<(u32, f32)>) {
        out.clear();
        if let Some(&id) = self.vocab.get(t.text.as_str()) {
            out.push((id, 1.0));
        }
        if t.role == TokenRole::Number || t.role == TokenRole::Initial {
            return;
        }
        if t.phon.len() >= 2 {
            for &(_, id) in self.phonetic.get(hash_str(&t.phon)) {
                if self.tok_phon[id as usize].as_ref() == t.phon.as_str() {
                    out.push((id, PHONETIC_SIMILARITY as f32));
                }
            }
        }
        let b = t.text.as_bytes();
        if b.len() >= MIN_DELETION_LEN {
            for skip in 0..=b.len() {
                for &(_, id) in self.deletions.get(hash_deletion(b, skip)) {
                    out.push((id, 0.85));
                }
            }
        }
        // A long word the list does not hold, and nothing one letter or
        // one sound key away: look one sound further.
        let p = t.phon.as_bytes();
        // Only words within the edits alignment allows are kept: the rest
        // would be scored for nothing.
        if out.is_empty() && b.len() >= MIN_SOUND_DELETION_LEN && p.len() > MIN_SOUND_DELETION_KEY {
            for skip in 0..=p.len() {
                for &(_, id) in self.sound_deletions.get(hash_deletion(p, skip)) {
                    let text = self.tok_text[id as usize].as_bytes();
                    let allowed = allowed_edits(text.len().max(b.len()));
                    if bounded_osa(b, text, allowed).is_some() {
                        out.push((id, SOUND_DELETION_SIMILARITY));
                    }
                }
            }
        }
        // Longer tokens this one begins ("siraj" → "sirajuddin"), at most a
        // few, and shorter tokens that begin this one.
        if b.len() >= MIN_PREFIX_LEN {
            let start = self
                .by_text
                .partition_point(|&id| self.tok_text[id as usize].as_ref() < t.text.as_str());
            for &id in self.by_text[start..].iter().take(MAX_PREFIX_EXPANSIONS + 1) {
                let text = &self.tok_text[id as usize];
                if !text.starts_with(t.text.as_str()) {
                    break;
                }
                out.push((id, PREFIX_SIMILARITY_BASE as f32));
            }
            for len in MIN_PREFIX_LEN..b.len() {
                if let Some(&id) = t.text.get(..len).and_then(|p| self.vocab.get(p)) {
                    out.push((id, PREFIX_SIMILARITY_BASE as f32));
                }
            }
        }
        // Keep the best estimate per token id, exact first.
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        out.dedup_by_key(|x| x.0);
    }

    /// Candidate name ids for a prepared query form, best first.
    fn candidates(&self, q: &[QTok], kind: Option<EntityKind>, max: usize) -> Vec<(u32, f32)> {
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let s = &mut *guard;
            if s.acc.len() < self.names.len() {
                s.acc.resize(self.names.len(), 0.0);
                s.stamp.resize(self.names.len(), 0);
            }
            s.touched.clear();
            // Rarest (heaviest) tokens first; stopwords and honorifics never
            // generate candidates; legal forms only when nothing else can.
            let mut order: Vec<usize> = (0..q.len())
                .filter(|&i| !matches!(q[i].role, TokenRole::Stopword | TokenRole::Honorific))
                .collect();
            if order.iter().any(|&i| q[i].role != TokenRole::LegalForm) {
                order.retain(|&i| q[i].role != TokenRole::LegalForm);
            }
            order.sort_by(|&a, &b| q[b].weight.total_cmp(&q[a].weight));
            let big = (self.names.len() / 64).max(5_000);
            let mut exp = Vec::new();
            for (rank, &qi) in order.iter().enumerate() {
                let t = &q[qi];
                let stamp = qi as u32 + 1;
                self.expand(t, &mut exp);
                let w = t.weight as f32;
                for &(tid, _) in &exp {
                    let pl = self.postings.get(tid);
                    // A very common token only reinforces names already
                    // found: look each of them up in the (sorted) posting
                    // list instead of walking it.
                    let only_existing = rank > 0 && pl.len() > big && !s.touched.is_empty();
                    if only_existing && s.touched.len() * 8 < pl.len() {
                        for ti in 0..s.touched.len() {
                            let nid = s.touched[ti];
                            if pl.binary_search(&nid).is_ok() {
                                s.credit(nid, w, stamp);
                            }
                        }
                        continue;
                    }
                    for &nid in pl {
                        if !(only_existing && s.acc[nid as usize] == 0.0) && self.kind_ok(nid, kind)
                        {
                            s.credit(nid, w, stamp);
                        }
                    }
                }
                // This token written as two list tokens ("abubakr").
                for &(_, nid) in self.joined.get(hash_str(&t.text)) {
                    if self.kind_ok(nid, kind) {
                        s.credit(nid, w, stamp);
                    }
                }
            }
            // Two adjacent query tokens written as one list token.
            for i in 0..q.len().saturating_sub(1) {
                let joined = format!("{}{}", q[i].text, q[i + 1].text);
                if let Some(&tid) = self.vocab.get(joined.as_str()) {
                    let w = (q[i].weight + q[i + 1].weight) as f32;
                    for &nid in self.postings.get(tid) {
                        if self.kind_ok(nid, kind) {
                            s.credit(nid, w, Scratch::NO_STAMP);
                        }
                    }
                }
            }
            // Rank by shared weight, then by how much of the name it covers:
            // among the many names holding "alfa", "ALFA LLC" comes before
            // "ALFA-INVEST HOLDING BANK".
            // One integer key per name, best first when ascending: the
            // inverted bits of the (non-negative) rank value, then the id.
            let mut found: Vec<u64> = s
                .touched
                .iter()
                .map(|&n| {
                    let a = s.acc[n as usize];
                    let cover = (a / self.name_weight[n as usize].max(1e-6)).min(1.0);
                    let rank = (a * (1.0 + 0.5 * cover)).max(0.0);
                    (u64::from(!rank.to_bits()) << 32) | u64::from(n)
                })
                .collect();
            if found.len() > max {
                found.select_nth_unstable(max);
                found.truncate(max);
            }
            found.sort_unstable();
            let out = found
                .into_iter()
                .map(|k| {
                    let n = k as u32;
                    (n, s.acc[n as usize])
                })
                .collect();
            for &n in &s.touched {
                s.acc[n as usize] = 0.0;
                s.stamp[n as usize] = 0;
            }
            s.touched.clear();
            out
        })
    }

    /// Entities of the query's kind holding one of its identifiers (by
    /// [`crate::identifiers::lookup_keys`]; the evidence rules confirm
    /// each), in index order, at most [`MAX_IDENTIFIER_HITS`].
    fn identifier_hits(&self, query: &Query) -> Vec<u32> {
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
        let query = &with_country_codes(query);
        let forms: Vec<Vec<QTok>> = forms_for(&query.name, query.kind)
            .iter()
            .map(|f| self.prepare(f))
            .filter(|f| !f.is_empty())
            .collect();
        // Per reading: is its only distinctive word a generic one?
        // Vessels and aircraft are named with single common words ("STAR",
        // "DELTA"): a query restricted to them is exempt.
        let craft = matches!(query.kind, Some(EntityKind::Vessel | EntityKind::Aircraft));
        let generic_only: Vec<bool> = forms.iter().map(|f| !craft && only_generic(f)).collect();
        let limit = opts.limit.max(1);
        let max_cands = 48 + limit * 4;
        // Most any evidence can add; identifiers are handled apart.
        let bonus = query.dob.map_or(0.0, |_| DOB_SAME_DAY)
            + if query.countries.is_empty() {
                0.0
            } else {
                COUNTRY_MATCH
            }
            + query.gender.map_or(0.0, |_| GENDER_MATCH);
        let mut best = Best::default();
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
            let cands = self.candidates(f, query.kind, max_cands);
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
                if rank >= limit && acc < top_acc * CANDIDATE_SHARE {
                    continue;
                }
                if best.len() >= limit {
                    if dirty {
                        kth = best.kth(limit);
                        dirty = false;
                    }
                    if estimate + PRUNE_SLACK + bonus < kth {
                        break;
                    }
                }
                dirty |= self.consider(query, &qt, fi, nid, &mut best, generic_only[fi]);
            }
        }
        // Entities holding one of the query's identifiers are always scored,
        // on each of their own names; for a query without a name, on their
        // primary name (what the result shows).
        for ei in self.identifier_hits(query) {
            let names = self.entity_names[ei as usize]..self.entity_names[ei as usize + 1];
            if forms.is_empty() {
                if !names.is_empty() {
                    self.consider(query, &[], 0, names.start, &mut best, false);
                }
                continue;
            }
            for nid in names {
                for (fi, f) in forms.iter().enumerate() {
                    let qt: Vec<Tok<'_>> = f.iter().map(qtok_view).collect();
                    self.consider(query, &qt, fi, nid, &mut best, generic_only[fi]);
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
        ranked
            .into_iter()
            .map(|(ei, sc)| {
                let e = &self.entities[ei as usize];
                let rec = &self.names[sc.nid as usize];
                let lt = self.list_toks(rec);
                let qt: Vec<Tok<'_>> = forms
                    .get(sc.fi)
                    .map(|f| f.iter().map(qtok_view).collect())
                    .unwrap_or_default();
                let (score, ev, id) = apply_evidence(query, e, &sc.ns, true);
                let matched_name = e
                    .names
                    .get(rec.name_idx as usize)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                let explanation = explain(
                    &qt,
                    &lt,
                    &sc.ns,
                    (ev, id),
                    score,
                    &matched_name,
                    rec.name_type,
                );
                Match {
                    entity_id: e.id.clone(),
                    list: e.list.clone(),
                    kind: e.kind,
                    name: e.primary_name().to_string(),
                    matched_name,
                    score: round4(score),
                    is_match: score >= opts.threshold,
                    programs: e.programs.clone(),
                    dates_of_birth: e.dates_of_birth.iter().map(|d| d.to_string()).collect(),
                    countries: country_names(e),
                    explanation,
                }
            })
            .collect()
    }

    /// Scores one candidate name; keeps it if it is its entity's best.
    /// Returns whether the entity's best score changed.
    fn consider(
        &self,
        query: &Query,
        qt: &[Tok<'_>],
        fi: usize,
        nid: u32,
        best: &mut Best,
        generic_only: bool,
    ) -> bool {
        let rec = &self.names[nid as usize];
        let lt = self.list_toks(rec);
        let mut ns = score_names(qt, &lt, Mode::Screen);
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

    /// Compares two parties symmetrically, using this index's token
    /// rarities as weights (an empty index weighs every token alike).
    pub fn compare(&self, a: &Party, b: &Party, threshold: f64) -> Comparison {
        let a = &with_country_codes(a);
        let fa: Vec<Vec<QTok>> = forms_for(&a.name, a.kind)
            .iter()
            .map(|f| self.prepare(f))
            .collect();
        let fb: Vec<Vec<QTok>> = forms_for(&b.name, b.kind)
            .iter()
            .map(|f| self.prepare(f))
            .collect();
        let mut best: Option<(NameScore, usize, usize)> = None;
        for (i, x) in fa.iter().enumerate() {
            for (j, y) in fb.iter().enumerate() {
                let xt: Vec<Tok<'_>> = x.iter().map(qtok_view).collect();
                let yt: Vec<Tok<'_>> = y.iter().map(qtok_view).collect();
                let ns = score_names(&xt, &yt, Mode::Symmetric);
                if best.as_ref().is_none_or(|(b, _, _)| ns.score > b.score) {
                    best = Some((ns, i, j));
                }
            }
        }
        // Without comparable names, identifiers on both sides still decide.
        let (ns, i, j) = match best {
            Some(b) => b,
            None if !a.identifiers.is_empty() && !b.identifiers.is_empty() => (
                score_names(&[], &[], Mode::Symmetric),
                usize::MAX,
                usize::MAX,
            ),
            None => {
                return Comparison {
                    score: 0.0,
                    is_match: false,
                    explanation: empty_explanation(&a.name, &b.name),
                }
            }
        };
        // Evidence: b is treated as the listed party, a as the query, with
        // symmetric checks only (dates, countries, gender, identifiers).
        let eb = party_entity(b);
        let (score, ev, id) = apply_evidence(a, &eb, &ns, true);
        let toks = |forms: &[Vec<QTok>], k: usize| -> Vec<QTok> {
            forms.get(k).cloned().unwrap_or_default()
        };
        let (fa, fb) = (toks(&fa, i), toks(&fb, j));
        let xt: Vec<Tok<'_>> = fa.iter().map(qtok_view).collect();
        let yt: Vec<Tok<'_>> = fb.iter().map(qtok_view).collect();
        let explanation = explain(&xt, &yt, &ns, (ev, id), score, &b.name, NameType::Primary);
        Comparison {
            score: round4(score),
            is_match: score >= threshold,
            explanation,
        }
    }
}

/// The query with its countries as ISO codes where known, so that evidence
/// compares codes without looking them up per candidate.
fn with_country_codes(q: &Query) -> Query {
    let mut q = q.clone();
    for c in &mut q.countries {
        *c = evidence::country_key(c);
    }
    q
}

/// The readings of a name of a party of this kind: persons never have legal
/// forms; organisations, vessels and aircraft do; a query of unknown kind
/// gets both readings.
fn forms_for(name: &str, kind: Option<EntityKind>) -> Vec<NameForm> {
    match kind {
        Some(EntityKind::Person) => person_forms(name),
        Some(_) => name_forms(name),
        None => party_forms(name),
    }
}

/// Whether the query's only distinctive word (ignoring legal forms,
/// stopwords, particles, honorifics and initials) is a generic one.
fn only_generic(form: &[QTok]) -> bool {
    let mut distinctive = form
        .iter()
        .filter(|t| matches!(t.role, TokenRole::Word | TokenRole::Number));
    match (distinctive.next(), distinctive.next()) {
        (Some(t), None) => t.role == TokenRole::Word && crate::generic_words::is_generic(&t.text),
        _ => false,
    }
}

/// The best scoring so far for one entity.
struct Scored {
    score: f64,
    fi: usize,
    nid: u32,
    ns: NameScore,
    /// What an identical identifier did.
    id: IdOutcome,
}

/// The best scoring of each entity scored so far. A query scores a few
/// dozen entities, so a linear scan of their ids beats hashing the large
/// [`Scored`] values.
#[derive(Default)]
struct Best {
    ids: Vec<u32>,
    items: Vec<Scored>,
}

impl Best {
    fn len(&self) -> usize {
        self.ids.len()
    }

    /// Keeps `s` if it is the entity's best; returns whether it was.
    fn offer(&mut self, entity: u32, s: Scored) -> bool {
        match self.ids.iter().position(|&e| e == entity) {
            Some(i) if self.items[i].score >= s.score => false,
            Some(i) => {
                self.items[i] = s;
                true
            }
            None => {
                self.ids.push(entity);
                self.items.push(s);
                true
            }
        }
    }

    /// The `k`-th best entity score.
    fn kth(&self, k: usize) -> f64 {
        if k == 0 || self.items.len() < k {
            return f64::NEG_INFINITY;
        }
        let mut v: SmallVec<[f64; 64]> = self.items.iter().map(|s| s.score).collect();
        let (_, kth, _) = v.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
        *kth
    }
}

/// `cq^Q · cl^L` of the screening name score from a table: the pruning
/// estimate is computed for every candidate, and `powf` would be most of
/// its cost. Never below the exact value and less than 5e-3 above it (unit
/// test), far inside [`PRUNE_SLACK`]; the steep first steps use `powf`.
struct CoveragePow {
    q: [f32; COVERAGE_STEPS + 1],
    l: [f32; COVERAGE_STEPS + 1],
}

const COVERAGE_STEPS: usize = 256;

impl CoveragePow {
    fn new() -> CoveragePow {
        let mut t = CoveragePow {
            q: [0.0; COVERAGE_STEPS + 1],
            l: [0.0; COVERAGE_STEPS + 1],
        };
        for i in 0..=COVERAGE_STEPS {
            let x = i as f64 / COVERAGE_STEPS as f64;
            t.q[i] = x.powf(QUERY_COVERAGE_EXP) as f32;
            t.l[i] = x.powf(LIST_COVERAGE_EXP) as f32;
        }
        t
    }

    fn lookup(table: &[f32; COVERAGE_STEPS + 1], x: f64, exp: f64) -> f64 {
        let pos = x.clamp(0.0, 1.0) * COVERAGE_STEPS as f64;
        // The first steps are too steep to interpolate.
        if pos < 8.0 {
            return x.max(0.0).powf(exp);
        }
        let i = (pos as usize).min(COVERAGE_STEPS - 1);
        let frac = pos - i as f64;
        f64::from(table[i]) + frac * f64::from(table[i + 1] - table[i])
    }

    /// Slightly above the exact value where the curve bends (interpolation
    /// of a concave function runs below it): add a small margin so the
    /// estimate stays an upper bound.
    fn estimate(&self, cq: f64, cl: f64) -> f64 {
        Self::lookup(&self.q, cq, QUERY_COVERAGE_EXP) * Self::lookup(&self.l, cl, LIST_COVERAGE_EXP)
            + 2e-3
    }
}

static COVERAGE_POW: std::sync::LazyLock<CoveragePow> = std::sync::LazyLock::new(CoveragePow::new);

/// Slack added to the coverage bound when pruning candidates: alignment can
/// find similarities (initials, edits beyond the deletion keys) that
/// candidate generation did not count. Measured: 0.05 saves about 5% of
/// the work per query but loses one UN original-script pair at rank 1, and
/// a candidate share of 0.6 or 0.7 saves 15–25% but loses script pairs and
/// cross-script bench queries; both stay where recall is whole.
const PRUNE_SLACK: f64 = 0.1;

/// Share of the best candidate's shared rarity a candidate needs to be
/// scored exactly once `limit` candidates have been.
const CANDIDATE_SHARE: f32 = 0.5;

fn qtok_view(t: &QTok) -> Tok<'_> {
    Tok {
        text: &t.text,
        phon: &t.phon,
        weight: t.weight,
        letters: t.letters,
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn country_names(e: &Entity) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &e.countries {
        let s = c.code.clone().unwrap_or_else(|| c.name.clone());
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// What an identical identifier did to a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdOutcome {
    /// No query identifier equals one of the entity's.
    None,
    /// Identical, and the name agrees (or at least shares words with a
    /// weak identifier): near-certain.
    Match,
    /// Identical strong identifier (IMO, LEI, passport, ...), the name's
    /// words agreeing below the default threshold: near-certain all the
    /// same.
    NameDiffers,
    /// Identical identifier of a type that is not unique to one party
    /// (national ID, phone, website, ...), name sharing nothing: for review.
    WeakNameDiffers,
    /// The query has no name: the identifier alone decides.
    NoName,
}

/// Applies DOB, country, gender and identifier evidence to a name score.
fn apply_evidence(
    query: &Query,
    e: &Entity,
    ns: &NameScore,
    detail: bool,
) -> (f64, Vec<Evidence>, IdOutcome) {
    let mut ev = Vec::new();
    if detail && ns.generic_cap {
        ev.push(Evidence {
            kind: "information",
            effect: 0.0,
            detail: format!(
                "the query's only distinctive word is a common name or generic word: name score scaled by {GENERIC_QUERY_FACTOR}, below the default threshold"
            ),
        });
    }
    if detail && ns.damp < 0.999 {
        ev.push(Evidence {
            kind: "information",
            effect: 0.0,
            detail: format!(
                "the matched words carry little information (rarity {:.1} of {:.1}); name score damped ×{:.2}",
                ns.info, INFO_FULL, ns.damp
            ),
        });
    }
    let mut score = ns.score;
    if let Some(d) = &query.dob {
        if let Some(x) = evidence::dob(d, e, detail) {
            score += x.effect;
            ev.push(x);
        }
    }
    if let Some(x) = evidence::countries(&query.countries, e, detail) {
        score += x.effect;
        ev.push(x);
    }
    if let Some(x) = evidence::gender(query, e) {
        score += x.effect;
        ev.push(x);
    }
    let ids = evidence::identifiers(&query.identifiers, e, detail);
    for x in ids.evidence {
        score += x.effect;
        ev.push(x);
    }
    let mut score = score.clamp(0.0, 1.0);
    let mut outcome = IdOutcome::None;
    if let Some(m) = ids.matched {
        let near_certain = ID_MATCH_BASE + ID_MATCH_NAME_SHARE * ns.score;
        let (floor, o) = if query.name.trim().is_empty() {
            (near_certain, IdOutcome::NoName)
        } else if m.strong() {
            // Whether the words agree, before the damping for little
            // information: an exact one-word alias is not "a name that
            // differs".
            let words = ns.query_coverage.powf(QUERY_COVERAGE_EXP)
                * ns.list_coverage.powf(LIST_COVERAGE_EXP);
            let o = if words < DEFAULT_THRESHOLD {
                IdOutcome::NameDiffers
            } else {
                IdOutcome::Match
            };
            (near_certain, o)
        } else if ns.score > 0.0 {
            (near_certain, IdOutcome::Match)
        } else {
            (ID_MATCH_WEAK_NAME_DIFFERS, IdOutcome::WeakNameDiffers)
        };
        outcome = o;
        let lift = (floor - score).max(0.0);
        score = score.max(floor);
        let (q, l, t) = (&m.query, &m.list, m.id_type.name());
        ev.push(Evidence {
            kind: "identifier",
            effect: round4(lift),
            detail: match o {
                IdOutcome::NoName => format!(
                    "query identifier {q} = list {l}: no name in the query, the identifier alone decides: near-certain match"
                ),
                IdOutcome::NameDiffers => format!(
                    "query identifier {q} = list {l}: the name differs (name score {:.2}) but the identifier is identical, and a {t} belongs to one party only (a renamed vessel, a new name): near-certain match",
                    ns.score
                ),
                IdOutcome::WeakNameDiffers => format!(
                    "query identifier {q} = list {l}, but the name differs (name score {:.2}) and a {t} is not unique to one party: shown for review, not a match by itself",
                    ns.score
                ),
                IdOutcome::Match | IdOutcome::None => {
                    format!("query identifier {q} = list {l}: near-certain match")
                }
            },
        });
    }
    (score.clamp(0.0, 1.0), ev, outcome)
}

/// A bare entity from a comparison party, to reuse the evidence checks.
fn party_entity(p: &Party) -> Entity {
    use crate::model::{Country, CountryRole, DateOfBirth, Identifier, IdentifierType, Provenance};
    let mut e = Entity::new(
        "compare",
        "b",
        p.kind.unwrap_or(EntityKind::Person),
        &p.name,
        Provenance {
            list: "compare".into(),
            file: String::new(),
            line: None,
        },
    );
    if let Some(d) = p.dob {
        e.dates_of_birth.push(DateOfBirth::Exact { date: d });
    }
    for c in &p.countries {
        e.countries.push(Country {
            name: c.clone(),
            code: crate::country::code_for(c).map(str::to_string),
            role: CountryRole::Nationality,
        });
    }
    for v in &p.identifiers {
        e.identifiers.push(Identifier {
            id_type: IdentifierType::Other,
            label: "id".into(),
            value: v.clone(),
            country: None,
            note: None,
        });
    }
    e.gender = p.gender;
    e
}

fn empty_explanation(a: &str, b: &str) -> Explanation {
    Explanation {
        summary: format!("no comparable words in \"{a}\" and \"{b}\""),
        query_form: String::new(),
        list_form: String::new(),
        name_score: 0.0,
        query_coverage: 0.0,
        list_coverage: 0.0,
        alignments: Vec::new(),
        unmatched_query: Vec::new(),
        unmatched_list: Vec::new(),
        evidence: Vec::new(),
    }
}

fn explain(
    q: &[Tok<'_>],
    l: &[Tok<'_>],
    ns: &NameScore,
    (evidence, id): (Vec<Evidence>, IdOutcome),
    score: f64,
    matched_name: &str,
    name_type: NameType,
) -> Explanation {
    let mut q_used: SmallVec<[bool; 16]> = smallvec::smallvec![false; q.len()];
    let mut l_used: SmallVec<[bool; 16]> = smallvec::smallvec![false; l.len()];
    let alignments: Vec<TokenAlignment> = ns
        .pairs
        .iter()
        .map(|p| {
            let qs = p.q as usize..(p.q + p.q_len) as usize;
            let ls = p.l as usize..(p.l + p.l_len) as usize;
            q_used[qs.clone()].iter_mut().for_each(|u| *u = true);
            l_used[ls.clone()].iter_mut().for_each(|u| *u = true);
            TokenAlignment {
                query: join_texts(&q[qs.clone()]),
                list: join_texts(&l[ls]),
                similarity: round4(p.sim),
                kind: p.kind,
                weight: round4(q[qs].iter().map(|t| t.weight).sum()),
            }
        })
        .collect();
    let unmatched = |ts: &[Tok<'_>], used: &[bool]| {
        ts.iter()
            .zip(used)
            .filter(|(_, &u)| !u)
            .map(|(t, _)| t.text.to_string())
            .collect::<Vec<_>>()
    };
    let name_kind = match name_type {
        NameType::Primary => "primary name",
        NameType::Aka => "alias",
        NameType::Fka => "former name",
        NameType::Nka => "new name",
        NameType::WeakAka => "weak alias",
    };
    // "2 of 3 query words matched the alias "X" (name score 0.67); final 0.67"
    let mut summary = String::with_capacity(96 + matched_name.len());
    if id == IdOutcome::NoName {
        // "identifier only, listed as "LADY R"; identifier +0.95; final 0.95"
        summary.push_str("identifier only, listed as \"");
        summary.push_str(matched_name);
        summary.push('"');
    } else {
        push_count(&mut summary, q_used.iter().filter(|&&u| u).count());
        summary.push_str(" of ");
        push_count(&mut summary, q.len());
        summary.push_str(" query words matched the ");
        summary.push_str(name_kind);
        summary.push_str(" \"");
        summary.push_str(matched_name);
        summary.push_str("\" (name score ");
        push_hundredths(&mut summary, ns.score, false);
        summary.push(')');
    }
    if matches!(id, IdOutcome::NameDiffers | IdOutcome::WeakNameDiffers) {
        summary.push_str("; name differs, identifier identical");
    }
    for e in &evidence {
        if e.effect != 0.0 {
            summary.push_str("; ");
            summary.push_str(e.kind);
            summary.push(' ');
            push_hundredths(&mut summary, e.effect, true);
        }
    }
    summary.push_str("; final ");
    push_hundredths(&mut summary, score, false);
    let mut evidence = evidence;
    if name_type == NameType::WeakAka {
        evidence.push(Evidence {
            kind: "name_type",
            effect: 0.0,
            detail: format!("weak alias: name score capped at {WEAK_ALIAS_CAP}"),
        });
    }
    Explanation {
        summary,
        query_form: join_texts(q),
        list_form: join_texts(l),
        name_score: round4(ns.score),
        query_coverage: round4(ns.query_coverage),
        list_coverage: round4(ns.list_coverage),
        alignments,
        unmatched_query: unmatched(q, &q_used),
        unmatched_list: unmatched(l, &l_used),
        evidence,
    }
}

/// Token texts joined by single spaces.
fn join_texts(ts: &[Tok<'_>]) -> String {
    let mut out = String::with_capacity(ts.iter().map(|t| t.text.len() + 1).sum());
    for (i, t) in ts.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(t.text);
    }
    out
}

fn push_count(out: &mut String, n: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, "{n}");
}

/// Writes `x` with two decimals (`{:.2}`, or `{:+.2}` with `sign`) through
/// integer formatting, which costs far less than float formatting. Halves
/// round away from zero.
fn push_hundredths(out: &mut String, x: f64, sign: bool) {
    use std::fmt::Write as _;
    let h = (x * 100.0).round();
    if !h.is_finite() || h.abs() > 1e15 {
        let _ = if sign {
            write!(out, "{x:+.2}")
        } else {
            write!(out, "{x:.2}")
        };
        return;
    }
    let h = h as i64;
    if h < 0 {
        out.push('-');
    } else if sign {
        out.push('+');
    }
    let a = h.unsigned_abs();
    let _ = write!(out, "{}.{:02}", a / 100, a % 100);
}

/// Compares two parties without an index: every token weighs alike.
pub fn compare(a: &Party, b: &Party, threshold: f64) -> Comparison {
    Index::build(Vec::new()).compare(a, b, threshold)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;

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

    #[test]
    fn hundredths_read_like_float_formatting() {
        for (x, sign, want) in [
            (0.0, false, "0.00"),
            (1.0, false, "1.00"),
            (0.6667, false, "0.67"),
            (0.955, false, "0.96"),
            (0.06, true, "+0.06"),
            (-0.25, true, "-0.25"),
            (-0.004, true, "+0.00"),
            (0.0, true, "+0.00"),
        ] {
            let mut s = String::new();
            push_hundredths(&mut s, x, sign);
            assert_eq!(s, want, "{x}");
        }
    }

    #[test]
    fn coverage_table_stays_close_to_and_above_the_exact_power() {
        for i in 0..=1000 {
            for j in 0..=1000 {
                let (cq, cl) = (f64::from(i) / 1000.0, f64::from(j) / 1000.0);
                let exact = cq.powf(QUERY_COVERAGE_EXP) * cl.powf(LIST_COVERAGE_EXP);
                let est = COVERAGE_POW.estimate(cq, cl);
                assert!(
                    est >= exact && est - exact < 5e-3,
                    "{cq} {cl}: {est} vs {exact}"
                );
            }
        }
    }
}
