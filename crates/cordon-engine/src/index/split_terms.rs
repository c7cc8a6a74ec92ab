//! Candidate generation for glued words: a query token that is two list
//! tokens run together ("ivanpetrov", "ahmedmansour") reaches the names
//! holding them in any order. The aligner pairs them
//! ([`crate::align::split_tokens`]); this only makes sure such names are among the
//! candidates.

use super::Index;
use crate::weights::{JOINED_SIMILARITY, MIN_PREFIX_LEN, MIN_SPLIT_PART, PREFIX_SIMILARITY_BASE};

impl Index {
    /// Pushes the list tokens `text` ends with (at least
    /// [`MIN_PREFIX_LEN`] letters, after at least [`MIN_SPLIT_PART`]), and
    /// both halves of every split into two list tokens. Tokens it begins
    /// with are already prefix expansions.
    pub(super) fn push_split_parts(&self, text: &str, out: &mut Vec<(u32, f32)>) {
        if text.len() < 2 * MIN_SPLIT_PART {
            return;
        }
        for k in MIN_SPLIT_PART..=text.len() - MIN_SPLIT_PART {
            let (Some(head), Some(tail)) = (text.get(..k), text.get(k..)) else {
                continue;
            };
            let Some(&t) = self.vocab.get(tail) else {
                continue;
            };
            match self.vocab.get(head) {
                Some(&h) => {
                    out.push((h, JOINED_SIMILARITY as f32));
                    out.push((t, JOINED_SIMILARITY as f32));
                }
                None if tail.len() >= MIN_PREFIX_LEN => {
                    out.push((t, PREFIX_SIMILARITY_BASE as f32))
                }
                None => {}
            }
        }
    }
}
