//! Candidate generation: the names that share (expanded) query tokens,
//! ranked by the rarity they share.

use super::storage::hash_str;
use super::vocabulary::QTok;
use super::Index;
use crate::model::EntityKind;
use crate::normalize::TokenRole;
use std::cell::RefCell;

/// Reusable per-thread buffers for candidate accumulation.
#[derive(Default)]
pub(super) struct Scratch {
    acc: Vec<f32>,
    stamp: Vec<u32>,
    touched: Vec<u32>,
}

impl Scratch {
    /// Credit without the once-per-query-token check.
    const NO_STAMP: u32 = 0;

    /// Adds `w` to a name's shared weight, once per query token (`stamp`).
    pub(super) fn credit(&mut self, nid: u32, w: f32, stamp: u32) {
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
    /// Candidate name ids for a prepared query form, best first.
    pub(super) fn candidates(
        &self,
        q: &[QTok],
        kind: Option<EntityKind>,
        max: usize,
    ) -> Vec<(u32, f32)> {
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
}
