//! Vocabulary: token rarity, query tokens, list tokens of a name, and the
//! expansion of a query token to the list tokens it may stand for (exact,
//! phonetic, one-letter deletions, one-sound deletions, prefixes).

use super::storage::{hash_deletion, hash_str, NameRec};
use super::Index;
use crate::align::Tok;
use crate::model::EntityKind;
use crate::normalize::name_groups::name_groups;
use crate::normalize::nicknames::nicknames;
use crate::normalize::{phonetic_key, NameForm, TokenRole};
use crate::similarity::{allowed_edits, bounded_osa, letter_set};
use crate::weights::*;
use smallvec::SmallVec;

/// A query token with everything screening needs about it.
#[derive(Debug, Clone)]
pub(super) struct QTok {
    pub(super) text: String,
    pub(super) phon: String,
    pub(super) role: TokenRole,
    pub(super) weight: f64,
    /// How many names hold it (0: none).
    pub(super) df: u32,
    pub(super) letters: u64,
    pub(super) nick: u16,
    pub(super) gives: u32,
    pub(super) group: u32,
    pub(super) dictionary: bool,
}

impl Index {
    pub(super) fn intern(&mut self, text: &str, lists: &mut Vec<Vec<u32>>) -> u32 {
        if let Some(&id) = self.vocab.get(text) {
            return id;
        }
        let id = self.tok_text.len() as u32;
        self.vocab.insert(text.into(), id);
        self.tok_text.push(text.into());
        self.tok_phon.push(phonetic_key(text).into());
        self.tok_letters.push(letter_set(text));
        self.tok_nick.push(nicknames().id(text));
        self.tok_gives.push(crate::acronyms::letters_given(text));
        let group = name_groups().id(text);
        self.tok_group.push(group);
        for g in name_groups().groups_of(group) {
            self.group_members.entry(g).or_default().push(id);
        }
        lists.push(Vec::new());
        id
    }

    /// Rarity weight of a token with document frequency `df`.
    pub(super) fn idf(&self, df: u32) -> f64 {
        if self.names.is_empty() {
            return NEUTRAL_IDF;
        }
        let n = self.names.len().max(1) as f64;
        ((n + 1.0) / (df as f64 + 0.5))
            .ln()
            .clamp(IDF_FLOOR, IDF_CEIL)
    }

    /// The query tokens of one reading of a name of a party of this kind
    /// (name-group forms only for persons and parties of unknown kind).
    pub(super) fn prepare(&self, form: &NameForm, kind: Option<EntityKind>) -> Vec<QTok> {
        let person = kind.is_none_or(|k| k == EntityKind::Person);
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
                    nick: nicknames().id(&t.text),
                    gives: crate::acronyms::letters_given(&t.text),
                    group: if person { name_groups().id(&t.text) } else { 0 },
                    weight: self.idf(df) * role_factor(t.role),
                    df,
                    dictionary: t.dictionary,
                    text: t.text.clone(),
                    role: t.role,
                }
            })
            .collect()
    }

    pub(super) fn list_toks(&self, rec: &NameRec) -> SmallVec<[Tok<'_>; 8]> {
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
                nick: self.tok_nick[tid as usize],
                gives: self.tok_gives[tid as usize],
                group: if rec.kind == EntityKind::Person {
                    self.tok_group[tid as usize]
                } else {
                    0
                },
                dictionary: false,
            })
            .collect()
    }

    /// Token ids a query token may stand for, with an estimated similarity.
    pub(super) fn expand(&self, t: &QTok, out: &mut Vec<(u32, f32)>) {
        out.clear();
        if let Some(&id) = self.vocab.get(t.text.as_str()) {
            out.push((id, 1.0));
        }
        // A kanji word's spelling from the name data meets only its own
        // spellings.
        if t.dictionary {
            self.push_same_name(t, out);
            out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            out.dedup_by_key(|x| x.0);
            return;
        }
        // Numbers, initials and native-script tokens (see
        // `normalize::native`) only ever equal.
        if t.role == TokenRole::Number || t.role == TokenRole::Initial || !t.text.is_ascii() {
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
                    out.push((id, DELETION_SIMILARITY));
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
        self.push_split_parts(&t.text, out);
        // Given names the nickname data relates ("bill" → "william").
        if t.nick != 0 {
            for name in nicknames().related_to(&t.text) {
                if let Some(&id) = self.vocab.get(name) {
                    out.push((id, NICKNAME_SIMILARITY as f32));
                }
            }
        }
        // Other forms of the same person name ("georgios" → "george"), for
        // a word the lists do not hold as written.
        if out.first().is_none_or(|&(_, s)| s < 1.0) {
            self.push_same_name(t, out);
        }
        // Keep the best estimate per token id, exact first.
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        out.dedup_by_key(|x| x.0);
    }
}

impl Index {
    /// The vocabulary's forms of the same person name as `t` ("georgios"
    /// → "george"), from the name-group data.
    fn push_same_name(&self, t: &QTok, out: &mut Vec<(u32, f32)>) {
        for g in name_groups().groups_of(t.group) {
            for &id in self.group_members.get(&g).map_or(&[][..], |v| &v[..]) {
                out.push((id, NAME_GROUP_SIMILARITY as f32));
            }
        }
    }
}

pub(super) fn qtok_view(t: &QTok) -> Tok<'_> {
    Tok {
        text: &t.text,
        phon: &t.phon,
        weight: t.weight,
        letters: t.letters,
        nick: t.nick,
        gives: t.gives,
        group: t.group,
        dictionary: t.dictionary,
    }
}
