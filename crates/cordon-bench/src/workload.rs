//! The whole-program workload: a query set screened against a built
//! [`Index`], single-threaded for latency and quality, then in parallel for
//! batch throughput. `cordon bench` prints [`WorkloadReport::to_table`] or
//! the report as JSON.

use crate::eval;
use crate::queries::{
    current_rss_bytes, peak_rss_bytes, percentile, word_set_key, BenchQuery, Category,
};
use cordon_engine::{Index, Match, Query, ScreenOptions, DEFAULT_THRESHOLD};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::time::Instant;

/// How to run the workload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadOptions {
    /// Results asked per query. Recall@5 needs at least 5, so a smaller
    /// value is raised to 5.
    pub limit: usize,
    /// Match threshold passed to the engine.
    pub threshold: f64,
    /// Queries screened (untimed) before measuring, to warm caches.
    pub warmup: usize,
    /// Timed single-threaded passes over the query set (latencies of all
    /// passes are pooled; quality is taken from the first).
    pub latency_rounds: usize,
    /// Threads for the batch run; 0 means all cores (rayon's default).
    pub batch_threads: usize,
    /// The batch run repeats passes over the query set until at least this
    /// long has been measured (and always makes at least one pass).
    pub batch_min_seconds: f64,
    /// Skip the batch run.
    pub skip_batch: bool,
}

impl Default for WorkloadOptions {
    fn default() -> Self {
        WorkloadOptions {
            limit: 5,
            threshold: DEFAULT_THRESHOLD,
            warmup: 200,
            latency_rounds: 1,
            batch_threads: 0,
            batch_min_seconds: 1.0,
            skip_batch: false,
        }
    }
}

/// Latency distribution of single queries, in nanoseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LatencyStats {
    pub count: usize,
    pub mean_ns: u64,
    pub p50_ns: u64,
    pub p90_ns: u64,
    pub p99_ns: u64,
    pub max_ns: u64,
}

impl LatencyStats {
    /// Statistics of unsorted samples.
    pub fn from_samples(mut ns: Vec<u64>) -> LatencyStats {
        if ns.is_empty() {
            return LatencyStats::default();
        }
        ns.sort_unstable();
        let sum: u128 = ns.iter().map(|&x| x as u128).sum();
        LatencyStats {
            count: ns.len(),
            mean_ns: (sum / ns.len() as u128) as u64,
            p50_ns: percentile(&ns, 50.0),
            p90_ns: percentile(&ns, 90.0),
            p99_ns: percentile(&ns, 99.0),
            max_ns: *ns.last().unwrap_or(&0),
        }
    }
}

/// Speed and quality of one category of queries (or of all of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryReport {
    /// The category; `None` for the overall row.
    pub category: Option<Category>,
    pub queries: usize,
    pub latency: LatencyStats,
    /// Queries that name an expected entity.
    pub with_expected: usize,
    /// Share of `with_expected` queries whose first result is the expected
    /// entity (`None` when there are none).
    pub recall_at_1: Option<f64>,
    /// Share of `with_expected` queries with the expected entity among the
    /// first five results.
    pub recall_at_5: Option<f64>,
    /// Share of `with_expected` queries with the expected entity among the
    /// results *and* at or above the threshold (found and alerted).
    pub hit_rate: Option<f64>,
    /// Like `recall_at_1`, but a first result that shares a name with the
    /// expected entity (same folded words, any order) also counts: a
    /// name-only query cannot tell such entities apart, and the synthetic
    /// corpus, like real lists, has many of them.
    pub equivalent_at_1: Option<f64>,
    /// Like `recall_at_5`, with the same equivalence.
    pub equivalent_at_5: Option<f64>,
    /// Share of queries with at least one result at or above the threshold.
    /// For [`Category::NonMatch`] this is the false-alert rate.
    pub flagged_share: f64,
    /// Mean number of results returned.
    pub mean_results: f64,
}

/// Parallel batch throughput.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThroughputReport {
    pub threads: usize,
    pub passes: usize,
    pub queries: usize,
    pub seconds: f64,
    pub queries_per_second: f64,
}

/// Everything one workload run measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadReport {
    /// Entities in the index.
    pub entities: usize,
    pub queries: usize,
    pub limit: usize,
    pub threshold: f64,
    /// One row per category present in the query set, in [`Category::ALL`]
    /// order.
    pub categories: Vec<CategoryReport>,
    pub overall: CategoryReport,
    /// `None` when the batch run was skipped.
    pub throughput: Option<ThroughputReport>,
    /// Queries of the first round whose candidate generation stopped at
    /// the engine's work budget (`ScreenWork::budget_exhausted`).
    #[serde(default)]
    pub budget_exhausted: usize,
    /// Posting-list entries walked per query, mean over the first round.
    #[serde(default)]
    pub mean_postings_walked: f64,
    /// Candidates scored exactly per query, mean over the first round.
    #[serde(default)]
    pub mean_candidates_scored: f64,
    /// Resident set size after the run (bytes), where measurable.
    pub rss_bytes: Option<u64>,
    /// Peak resident set size of the process so far (bytes).
    pub peak_rss_bytes: Option<u64>,
}

impl BenchQuery {
    /// The engine query for this benchmark query (name and kind only).
    pub fn to_query(&self) -> Query {
        Query {
            kind: self.kind,
            ..Query::new(self.name.clone())
        }
    }
}

#[derive(Default)]
struct Outcome {
    results: usize,
    top1: bool,
    top5: bool,
    hit: bool,
    flagged: bool,
    eq1: bool,
    eq5: bool,
}

fn outcome(index: &Index, q: &BenchQuery, results: &[Match]) -> Outcome {
    let rank = q
        .expected
        .as_deref()
        .and_then(|id| eval::rank_of(results, |m| m == id));
    let expected_keys: Vec<String> = q
        .expected
        .as_deref()
        .and_then(|id| index.get(id))
        .map(|e| e.names.iter().map(|n| word_set_key(&n.name)).collect())
        .unwrap_or_default();
    let equivalent = |m: &Match| -> bool {
        Some(m.entity_id.as_str()) == q.expected.as_deref()
            || (!expected_keys.is_empty()
                && index.get(&m.entity_id).is_some_and(|e| {
                    e.names
                        .iter()
                        .any(|n| expected_keys.contains(&word_set_key(&n.name)))
                }))
    };
    Outcome {
        results: results.len(),
        top1: eval::within(rank, 1),
        top5: eval::within(rank, 5),
        hit: rank.is_some_and(|r| results[r - 1].is_match),
        flagged: results.iter().any(|m| m.is_match),
        eq1: results.first().is_some_and(equivalent),
        eq5: results.iter().take(5).any(equivalent),
    }
}

fn summarize(
    category: Option<Category>,
    queries: &[&BenchQuery],
    outcomes: &[&Outcome],
    ns: Vec<u64>,
) -> CategoryReport {
    let n = queries.len();
    let with_expected = queries.iter().filter(|q| q.expected.is_some()).count();
    let share = |f: &dyn Fn(&Outcome) -> bool| -> Option<f64> {
        let k = queries
            .iter()
            .zip(outcomes)
            .filter(|(q, o)| q.expected.is_some() && f(o))
            .count();
        eval::ratio(k, with_expected)
    };
    CategoryReport {
        category,
        queries: n,
        latency: LatencyStats::from_samples(ns),
        with_expected,
        recall_at_1: share(&|o| o.top1),
        recall_at_5: share(&|o| o.top5),
        hit_rate: share(&|o| o.hit),
        equivalent_at_1: share(&|o| o.eq1),
        equivalent_at_5: share(&|o| o.eq5),
        flagged_share: if n == 0 {
            0.0
        } else {
            outcomes.iter().filter(|o| o.flagged).count() as f64 / n as f64
        },
        mean_results: if n == 0 {
            0.0
        } else {
            outcomes.iter().map(|o| o.results).sum::<usize>() as f64 / n as f64
        },
    }
}

/// Runs `queries` against `index`: warm-up, single-threaded timed passes
/// (latency per category and overall, recall@1/@5, hit rate, flagged share),
/// then a parallel batch run for throughput.
pub fn run_workload(
    index: &Index,
    queries: &[BenchQuery],
    opts: &WorkloadOptions,
) -> WorkloadReport {
    let limit = opts.limit.max(5);
    let screen_opts = ScreenOptions {
        limit,
        threshold: opts.threshold,
    };
    let built: Vec<Query> = queries.iter().map(BenchQuery::to_query).collect();

    // Warm-up.
    for q in built.iter().cycle().take(opts.warmup.min(built.len() * 4)) {
        std::hint::black_box(index.screen(q, &screen_opts));
    }

    // Single-threaded latency and quality.
    let rounds = opts.latency_rounds.max(1);
    let mut ns: Vec<Vec<u64>> = vec![Vec::with_capacity(rounds); built.len()];
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(built.len());
    let (mut exhausted, mut walked, mut scored) = (0usize, 0u64, 0u64);
    for round in 0..rounds {
        for (i, q) in built.iter().enumerate() {
            let t = Instant::now();
            let (results, work) = index.screen_with_work(q, &screen_opts);
            let elapsed = t.elapsed().as_nanos() as u64;
            ns[i].push(elapsed);
            if round == 0 {
                outcomes.push(outcome(index, &queries[i], &results));
                exhausted += usize::from(work.budget_exhausted);
                walked += work.postings_walked;
                scored += work.candidates_scored;
            }
            drop(std::hint::black_box(results));
        }
    }

    let mut categories = Vec::new();
    for cat in Category::ALL {
        let idx: Vec<usize> = (0..queries.len())
            .filter(|&i| queries[i].category == cat)
            .collect();
        if idx.is_empty() {
            continue;
        }
        let qs: Vec<&BenchQuery> = idx.iter().map(|&i| &queries[i]).collect();
        let os: Vec<&Outcome> = idx.iter().map(|&i| &outcomes[i]).collect();
        let samples: Vec<u64> = idx.iter().flat_map(|&i| ns[i].iter().copied()).collect();
        categories.push(summarize(Some(cat), &qs, &os, samples));
    }
    let all_q: Vec<&BenchQuery> = queries.iter().collect();
    let all_o: Vec<&Outcome> = outcomes.iter().collect();
    let overall = summarize(None, &all_q, &all_o, ns.into_iter().flatten().collect());

    let throughput = (!opts.skip_batch && !built.is_empty()).then(|| {
        let run = || batch(index, &built, &screen_opts, opts.batch_min_seconds);
        if opts.batch_threads > 0 {
            match rayon::ThreadPoolBuilder::new()
                .num_threads(opts.batch_threads)
                .build()
            {
                Ok(pool) => pool.install(run),
                Err(_) => run(),
            }
        } else {
            run()
        }
    });

    WorkloadReport {
        entities: index.len(),
        queries: queries.len(),
        limit,
        threshold: opts.threshold,
        categories,
        overall,
        throughput,
        budget_exhausted: exhausted,
        mean_postings_walked: walked as f64 / built.len().max(1) as f64,
        mean_candidates_scored: scored as f64 / built.len().max(1) as f64,
        rss_bytes: current_rss_bytes(),
        peak_rss_bytes: peak_rss_bytes(),
    }
}

/// Parallel passes over `built` on the current rayon pool.
fn batch(
    index: &Index,
    built: &[Query],
    opts: &ScreenOptions,
    min_seconds: f64,
) -> ThroughputReport {
    let threads = rayon::current_num_threads();
    let start = Instant::now();
    let mut passes = 0;
    loop {
        let n: usize = built
            .par_iter()
            .map(|q| std::hint::black_box(index.screen(q, opts)).len())
            .sum();
        std::hint::black_box(n);
        passes += 1;
        if start.elapsed().as_secs_f64() >= min_seconds || passes >= 10_000 {
            break;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let queries = passes * built.len();
    ThroughputReport {
        threads,
        passes,
        queries,
        seconds,
        queries_per_second: if seconds > 0.0 {
            queries as f64 / seconds
        } else {
            0.0
        },
    }
}

fn us(ns: u64) -> String {
    format!("{:.1}", ns as f64 / 1000.0)
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}%", v * 100.0))
        .unwrap_or_else(|| "-".to_string())
}

impl WorkloadReport {
    /// A plain-text table of the report.
    pub fn to_table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "workload: {} entities, {} queries, limit {}, threshold {:.2}",
            self.entities, self.queries, self.limit, self.threshold
        );
        let _ = writeln!(
            s,
            "{:<13} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "category",
            "n",
            "p50 µs",
            "p90 µs",
            "p99 µs",
            "max µs",
            "mean µs",
            "recall@1",
            "recall@5",
            "equiv@1",
            "hit",
            "flagged"
        );
        for row in self.categories.iter().chain(std::iter::once(&self.overall)) {
            let name = row.category.map(|c| c.as_str()).unwrap_or("overall");
            let l = &row.latency;
            let _ = writeln!(
                s,
                "{:<13} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
                name,
                row.queries,
                us(l.p50_ns),
                us(l.p90_ns),
                us(l.p99_ns),
                us(l.max_ns),
                us(l.mean_ns),
                pct(row.recall_at_1),
                pct(row.recall_at_5),
                pct(row.equivalent_at_1),
                pct(row.hit_rate),
                pct(Some(row.flagged_share)),
            );
        }
        if let Some(nm) = self
            .categories
            .iter()
            .find(|c| c.category == Some(Category::NonMatch))
        {
            let _ = writeln!(
                s,
                "false alerts on non-matches: {:.1}% ({} of {})",
                nm.flagged_share * 100.0,
                (nm.flagged_share * nm.queries as f64).round() as usize,
                nm.queries
            );
        }
        match &self.throughput {
            Some(t) => {
                let _ = writeln!(
                    s,
                    "batch: {} threads, {} queries ({} passes) in {:.2} s = {:.0} queries/s",
                    t.threads, t.queries, t.passes, t.seconds, t.queries_per_second
                );
            }
            None => {
                let _ = writeln!(s, "batch: skipped");
            }
        }
        let _ = writeln!(
            s,
            "work per query: {:.0} posting entries walked, {:.1} candidates scored; work budget reached by {} of {} queries",
            self.mean_postings_walked, self.mean_candidates_scored, self.budget_exhausted, self.queries
        );
        let mib = |b: Option<u64>| {
            b.map(|b| format!("{} MiB", b >> 20))
                .unwrap_or_else(|| "n/a".into())
        };
        let _ = writeln!(
            s,
            "rss: {} (peak {})",
            mib(self.rss_bytes),
            mib(self.peak_rss_bytes)
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{synthetic_corpus, synthetic_queries};

    #[test]
    fn workload_on_small_synthetic_corpus() {
        let corpus = synthetic_corpus(3_000, 9);
        let queries = synthetic_queries(&corpus, 100, 9);
        let index = Index::build(corpus);
        let opts = WorkloadOptions {
            warmup: 10,
            batch_min_seconds: 0.0,
            batch_threads: 2,
            ..WorkloadOptions::default()
        };
        let r = run_workload(&index, &queries, &opts);
        assert_eq!(r.entities, 3_000);
        assert_eq!(r.queries, 100);
        assert_eq!(r.categories.len(), 5);
        assert_eq!(r.overall.latency.count, 100);
        assert!(r.overall.latency.p50_ns <= r.overall.latency.p99_ns);
        let exact = &r.categories[0];
        assert_eq!(exact.category, Some(Category::Exact));
        assert!(exact.recall_at_5.unwrap() > 0.5, "{}", r.to_table());
        assert!(exact.equivalent_at_1.unwrap() >= exact.recall_at_1.unwrap());
        let non = &r.categories[4];
        assert_eq!(non.recall_at_1, None);
        let t = r.throughput.as_ref().unwrap();
        assert!(t.queries >= 100 && t.threads == 2);
        let table = r.to_table();
        assert!(table.contains("overall") && table.contains("queries/s"));
        let json = serde_json::to_string(&r).unwrap();
        let back: WorkloadReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back.queries, 100);
    }

    #[test]
    fn latency_stats() {
        let s = LatencyStats::from_samples((1..=1000).rev().collect());
        assert_eq!(s.count, 1000);
        assert_eq!(s.p50_ns, 500);
        assert_eq!(s.p99_ns, 990);
        assert_eq!(s.max_ns, 1000);
        assert_eq!(
            LatencyStats::from_samples(Vec::new()),
            LatencyStats::default()
        );
    }
}
