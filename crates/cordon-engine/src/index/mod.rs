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

mod candidates;
mod compare;
mod pruning;
mod results;
mod screen;
mod storage;
mod vocabulary;

pub use compare::compare;

use crate::model::Entity;
use crate::normalize::{NameForm, TokenRole};
use crate::weights::*;
use rustc_hash::FxHashMap;
use screen::forms_for;
use storage::{hash_deletion, hash_str, KeyTable, NameRec, Postings};

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
}
