//! `cordon bench`: the reproducible whole-program workload. Builds the index
//! from the chosen lists (or a deterministic synthetic corpus), then runs the
//! fixed query set for latency, quality and batch throughput.

use crate::load::load_all;
use crate::ListArgs;
use anyhow::{bail, Result};
use clap::Args;
use cordon_bench::queries::{current_rss_bytes, fixed_query_set, peak_rss_bytes};
use cordon_bench::synth::{synthetic_corpus_with, synthetic_queries, Profile};
use cordon_bench::workload::{run_workload, WorkloadOptions};
use cordon_engine::{Index, DEFAULT_THRESHOLD};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Build a deterministic synthetic corpus of N entities instead of
    /// loading lists (e.g. 1000000).
    #[arg(long, value_name = "N")]
    pub synthetic: Option<usize>,
    /// Vocabulary of the synthetic corpus: `lists` (the name tables alone,
    /// as every earlier figure) or `aggregate` (a long tail of rare words
    /// and a heavy head, as aggregated lists of millions of entities have).
    #[arg(long, value_enum, default_value_t = SyntheticProfile::Lists)]
    pub profile: SyntheticProfile,
    /// Seed of the synthetic corpus and its queries.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of synthetic queries (the list workload uses its fixed set).
    #[arg(long, default_value_t = 2000)]
    pub queries: usize,
    /// Timed single-threaded passes over the query set.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Threads for the batch run (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Minimum seconds of batch measurement.
    #[arg(long, default_value_t = 3.0)]
    pub batch_seconds: f64,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--profile` of `cordon bench --synthetic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SyntheticProfile {
    Lists,
    Aggregate,
}

pub fn run(lists: &ListArgs, a: BenchArgs) -> Result<ExitCode> {
    let rss_before = current_rss_bytes();
    let t0 = Instant::now();
    let (index, queries, source, load_secs, build_secs) = match a.synthetic {
        Some(0) => bail!("--synthetic needs a positive number of entities"),
        Some(n) => {
            let profile = match a.profile {
                SyntheticProfile::Lists => Profile::Lists,
                SyntheticProfile::Aggregate => Profile::Aggregate,
            };
            let corpus = synthetic_corpus_with(n, a.seed, profile);
            let gen = t0.elapsed().as_secs_f64();
            let queries = synthetic_queries(&corpus, a.queries, a.seed);
            let t1 = Instant::now();
            let index = Index::build(corpus);
            let build = t1.elapsed().as_secs_f64();
            (
                index,
                queries,
                format!(
                    "synthetic corpus of {n} (seed {}, profile {:?})",
                    a.seed, a.profile
                ),
                gen,
                build,
            )
        }
        None => {
            let loaded = load_all(lists)?;
            let queries = fixed_query_set(loaded.index.entities());
            let src = format!(
                "lists {} (snapshot {})",
                loaded
                    .lists
                    .iter()
                    .map(|l| l.list.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                loaded.snapshot
            );
            (
                loaded.index,
                queries,
                src,
                loaded.load_time.as_secs_f64(),
                loaded.build_time.as_secs_f64(),
            )
        }
    };
    let rss_built = current_rss_bytes();
    let opts = WorkloadOptions {
        limit: 5,
        threshold: DEFAULT_THRESHOLD,
        warmup: 500,
        latency_rounds: a.rounds,
        batch_threads: a.threads,
        batch_min_seconds: a.batch_seconds,
        skip_batch: false,
    };
    let report = run_workload(&index, &queries, &opts);
    if a.json {
        let v = serde_json::json!({
            "source": source,
            "load_or_generate_seconds": load_secs,
            "index_build_seconds": build_secs,
            "entities": index.len(),
            "names": index.name_count(),
            "tokens": index.token_count(),
            "rss_before_bytes": rss_before,
            "rss_after_build_bytes": rss_built,
            "peak_rss_bytes": peak_rss_bytes(),
            "workload": report,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!("source: {source}");
        println!(
            "load/generate {:.3} s, index build {:.3} s: {} entities, {} name forms, {} tokens",
            load_secs,
            build_secs,
            index.len(),
            index.name_count(),
            index.token_count()
        );
        let mb =
            |b: Option<u64>| b.map_or("n/a".to_string(), |b| format!("{:.0} MB", b as f64 / 1e6));
        println!(
            "resident memory: {} before, {} after build, {} peak",
            mb(rss_before),
            mb(rss_built),
            mb(peak_rss_bytes())
        );
        print!("{}", report.to_table());
    }
    Ok(ExitCode::SUCCESS)
}
