//! Storage: the flat arrays the index keeps (name records, posting lists,
//! hashed key tables) and the hashes of the key tables.

use crate::model::{EntityKind, NameType};
use crate::normalize::native::NativeTag;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// One indexed reading of one name of one entity.
#[derive(Debug, Clone, Copy)]
pub(super) struct NameRec {
    pub(super) entity: u32,
    /// Position of the name in `Entity::names`.
    pub(super) name_idx: u16,
    pub(super) kind: EntityKind,
    pub(super) name_type: NameType,
    pub(super) tok_start: u32,
    pub(super) tok_len: u16,
    /// Native or romanised reading of a CJK name, or neither (see
    /// [`crate::normalize::native`]).
    pub(super) native: NativeTag,
}

/// Impact-ordered posting lists: the names holding token `t` are
/// `ids[offsets[t]..offsets[t + 1]]`, lightest name first (by the summed
/// weight of its tokens, then by id); `weights` and `lens` hold each
/// entry's name weight and token count (at most 255) beside it, so that
/// walking a list reads memory in order and bounds a name before looking
/// at it.
#[derive(Debug, Default)]
pub(super) struct Postings {
    pub(super) offsets: Vec<u32>,
    pub(super) ids: Vec<u32>,
    pub(super) weights: Vec<f32>,
    pub(super) lens: Vec<u8>,
}

/// One posting list: names, their weights and token counts.
pub(super) struct PostingList<'a> {
    pub(super) ids: &'a [u32],
    pub(super) weights: &'a [f32],
    pub(super) lens: &'a [u8],
}

impl Postings {
    /// From one list of name ids per token, and the weight and token count
    /// of each name.
    pub(super) fn from_lists(
        lists: Vec<Vec<u32>>,
        name_weight: &[f32],
        name_len: impl Fn(u32) -> usize,
    ) -> Postings {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        let total: usize = lists.iter().map(Vec::len).sum();
        let mut ids = Vec::with_capacity(total);
        offsets.push(0);
        for mut l in lists {
            l.sort_unstable_by(|&a, &b| {
                name_weight[a as usize]
                    .total_cmp(&name_weight[b as usize])
                    .then(a.cmp(&b))
            });
            ids.extend_from_slice(&l);
            offsets.push(ids.len() as u32);
        }
        let weights = ids.iter().map(|&n| name_weight[n as usize]).collect();
        let lens = ids.iter().map(|&n| name_len(n).min(255) as u8).collect();
        Postings {
            offsets,
            ids,
            weights,
            lens,
        }
    }

    /// How many names hold token `i`.
    pub(super) fn len(&self, i: u32) -> usize {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => (b - a) as usize,
            _ => 0,
        }
    }

    /// The names holding token `i`.
    pub(super) fn get(&self, i: u32) -> PostingList<'_> {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => {
                let r = a as usize..b as usize;
                PostingList {
                    ids: &self.ids[r.clone()],
                    weights: &self.weights[r.clone()],
                    lens: &self.lens[r],
                }
            }
            _ => PostingList {
                ids: &[],
                weights: &[],
                lens: &[],
            },
        }
    }
}

/// A sorted multimap from a 64-bit key hash to token or name ids: compact
/// and cache-friendly for millions of entries. A bucket directory on the top
/// 16 bits of the hash narrows each lookup to a few neighbouring entries.
#[derive(Debug, Default)]
pub(super) struct KeyTable {
    pub(super) entries: Vec<(u64, u32)>,
    pub(super) buckets: Vec<u32>,
}

impl KeyTable {
    const BITS: u32 = 16;

    pub(super) fn finish(&mut self) {
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

    pub(super) fn get(&self, key: u64) -> &[(u64, u32)] {
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

pub(super) fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

pub(super) fn hash_deletion(s: &[u8], skip: usize) -> u64 {
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
