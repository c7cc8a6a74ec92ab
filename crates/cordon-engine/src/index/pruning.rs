//! Pruning: the upper bound on a candidate's name score that lets exact
//! scoring stop early, and the running best score of each entity.

use super::results::IdOutcome;
use crate::align::NameScore;
use crate::weights::*;
use smallvec::SmallVec;

/// The best scoring of each entity scored so far. A query scores a few
/// dozen entities, so a linear scan of their ids beats hashing the large
/// [`Scored`] values.
///
/// It also keeps the `k` best entity scores (`k` is the result limit), so
/// that [`Best::kth`], asked after every candidate that raised an entity's
/// best, reads `k` numbers instead of selecting among every entity's. An
/// entity's best only ever rises, so the kept set stays exact: every entity
/// left out scores at most the lowest kept one (see [`Best::raise`]).
#[derive(Default)]
pub(super) struct Best {
    pub(super) ids: Vec<u32>,
    pub(super) items: Vec<Scored>,
    /// `items[i].score`, side by side.
    scores: Vec<f64>,
    /// How many best entity scores `top` keeps (0: none).
    k: usize,
    /// The `k` best entity scores: index into `items` and score.
    top: SmallVec<[(u32, f64); 8]>,
}

impl Best {
    /// Room for `n` entities, so that scoring does not grow the buffers;
    /// [`Best::kth`] is asked for the `k`-th best score.
    pub(super) fn with_capacity(n: usize, k: usize) -> Best {
        Best {
            ids: Vec::with_capacity(n),
            items: Vec::with_capacity(n),
            scores: Vec::with_capacity(n),
            k,
            top: SmallVec::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Keeps `s` if it is the entity's best; returns whether it was.
    pub(super) fn offer(&mut self, entity: u32, s: Scored) -> bool {
        let score = s.score;
        let i = match self.ids.iter().position(|&e| e == entity) {
            Some(i) if self.scores[i] >= score => return false,
            Some(i) => {
                self.scores[i] = score;
                self.items[i] = s;
                i
            }
            None => {
                self.ids.push(entity);
                self.scores.push(score);
                self.items.push(s);
                self.items.len() - 1
            }
        };
        self.raise(i as u32, score);
        true
    }

    /// Entity `i`'s best rose to `score`: it takes the lowest kept place
    /// if it beats it. An entity outside `top` scores at most its lowest
    /// score: true at the start; a kept score rising only raises the
    /// lowest; an entity let in takes the place of the lowest, which is at
    /// most every kept score.
    fn raise(&mut self, i: u32, score: f64) {
        if self.k == 0 {
            return;
        }
        if let Some(t) = self.top.iter_mut().find(|t| t.0 == i) {
            t.1 = score;
        } else if self.top.len() < self.k {
            self.top.push((i, score));
        } else if let Some(low) = self.top.iter_mut().min_by(|a, b| a.1.total_cmp(&b.1)) {
            if score > low.1 {
                *low = (i, score);
            }
        }
    }

    /// The `k`-th best entity score (`k` as given to
    /// [`Best::with_capacity`]), or minus infinity while fewer than `k`
    /// entities are scored.
    pub(super) fn kth(&self) -> f64 {
        if self.k == 0 || self.top.len() < self.k {
            return f64::NEG_INFINITY;
        }
        self.top.iter().map(|t| t.1).fold(f64::INFINITY, f64::min)
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

    /// The kept `k` best scores give the same `k`-th best as selecting
    /// among every entity's best, whatever order the scorings come in.
    #[test]
    fn kth_equals_selection_over_every_entity() {
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::default();
        let offers = proptest::collection::vec((0u32..12, 0u32..50), 0..80);
        runner
            .run(&(1usize..7, offers), |(k, offers)| {
                let mut best = Best::with_capacity(16, k);
                let mut all = std::collections::HashMap::new();
                for (entity, s) in offers {
                    let score = f64::from(s) / 50.0;
                    best.offer(entity, scored(score));
                    let e = all.entry(entity).or_insert(score);
                    *e = e.max(score);
                    let mut v: Vec<f64> = all.values().copied().collect();
                    v.sort_by(|a, b| b.total_cmp(a));
                    let want = v.get(k - 1).copied().unwrap_or(f64::NEG_INFINITY);
                    prop_assert_eq!(best.kth(), want);
                }
                Ok(())
            })
            .unwrap();
    }

    fn scored(score: f64) -> Scored {
        Scored {
            score,
            fi: 0,
            nid: 0,
            ns: crate::align::score_names(&[], &[], crate::align::Mode::Screen),
            id: IdOutcome::None,
        }
    }
}
