//! Pruning: the upper bound on a candidate's name score that lets exact
//! scoring stop early, and the running best score of each entity.

use super::results::IdOutcome;
use crate::align::NameScore;
use crate::weights::*;
use smallvec::SmallVec;

/// The best scoring of each entity scored so far. A query scores a few
/// dozen entities, so a linear scan of their ids beats hashing the large
/// [`Scored`] values.
#[derive(Default)]
pub(super) struct Best {
    pub(super) ids: Vec<u32>,
    pub(super) items: Vec<Scored>,
    /// `items[i].score`, side by side: [`Best::kth`] reads only these.
    scores: Vec<f64>,
}

impl Best {
    /// Room for `n` entities, so that scoring does not grow the buffers.
    pub(super) fn with_capacity(n: usize) -> Best {
        Best {
            ids: Vec::with_capacity(n),
            items: Vec::with_capacity(n),
            scores: Vec::with_capacity(n),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Keeps `s` if it is the entity's best; returns whether it was.
    pub(super) fn offer(&mut self, entity: u32, s: Scored) -> bool {
        match self.ids.iter().position(|&e| e == entity) {
            Some(i) if self.scores[i] >= s.score => false,
            Some(i) => {
                self.scores[i] = s.score;
                self.items[i] = s;
                true
            }
            None => {
                self.ids.push(entity);
                self.scores.push(s.score);
                self.items.push(s);
                true
            }
        }
    }

    /// The `k`-th best entity score. Asked after every candidate that
    /// raised an entity's best: from the scores alone (a few hundred bytes
    /// copied, not the scorings).
    pub(super) fn kth(&self, k: usize) -> f64 {
        if k == 0 || self.scores.len() < k {
            return f64::NEG_INFINITY;
        }
        let mut v: SmallVec<[f64; 128]> = SmallVec::from_slice(&self.scores);
        let (_, kth, _) = v.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
        *kth
    }
}

/// `cq^Q · cl^L` of the screening name score from a table: the pruning
/// estimate is computed for every candidate, and `powf` would be most of
/// its cost. Never below the exact value and less than 5e-3 above it (unit
/// test), far inside [`PRUNE_SLACK`]; the steep first steps use `powf`.
pub(super) struct CoveragePow {
    pub(super) q: [f32; COVERAGE_STEPS + 1],
    pub(super) l: [f32; COVERAGE_STEPS + 1],
}

pub(super) const COVERAGE_STEPS: usize = 256;

impl CoveragePow {
    pub(super) fn new() -> CoveragePow {
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

    pub(super) fn lookup(table: &[f32; COVERAGE_STEPS + 1], x: f64, exp: f64) -> f64 {
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
    pub(super) fn estimate(&self, cq: f64, cl: f64) -> f64 {
        Self::lookup(&self.q, cq, QUERY_COVERAGE_EXP) * Self::lookup(&self.l, cl, LIST_COVERAGE_EXP)
            + 2e-3
    }
}

pub(super) static COVERAGE_POW: std::sync::LazyLock<CoveragePow> =
    std::sync::LazyLock::new(CoveragePow::new);

/// The best scoring so far for one entity.
pub(super) struct Scored {
    pub(super) score: f64,
    pub(super) fi: usize,
    pub(super) nid: u32,
    pub(super) ns: NameScore,
    /// What an identical identifier did.
    pub(super) id: IdOutcome,
}

#[cfg(test)]
mod tests {
    use super::*;

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
