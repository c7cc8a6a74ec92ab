//! Generates a synthetic corpus and reports its size, speed and memory;
//! prints sample entities with `--show N`.
//!
//! `cargo run -p cordon-bench --release --example synth -- [N] [SEED] [--show K]`

use cordon_bench::{current_rss_bytes, peak_rss_bytes, synthetic_corpus, synthetic_queries};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = args.iter().filter(|a| !a.starts_with("--"));
    let n: usize = pos.next().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = pos.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);

    let rss0 = current_rss_bytes().unwrap_or(0);
    let t = Instant::now();
    let corpus = synthetic_corpus(n, seed);
    let gen = t.elapsed();
    let rss1 = current_rss_bytes().unwrap_or(0);
    let names: usize = corpus.iter().map(|e| e.names.len()).sum();
    println!(
        "{n} entities, {names} names in {:.2} s on {} threads; RSS +{} MiB (peak {} MiB)",
        gen.as_secs_f64(),
        rayon::current_num_threads(),
        (rss1.saturating_sub(rss0)) >> 20,
        peak_rss_bytes().unwrap_or(0) >> 20
    );
    let t = Instant::now();
    let qs = synthetic_queries(&corpus, 10_000, seed);
    println!("{} queries in {:.3} s", qs.len(), t.elapsed().as_secs_f64());
    for e in corpus.iter().take(show) {
        let names: Vec<&str> = e.names.iter().map(|n| n.name.as_str()).collect();
        println!("{} {:?} {}", e.id, e.kind, names.join(" | "));
    }
    for q in qs
        .iter()
        .step_by(qs.len().max(1) / 40 + 1)
        .take(if show > 0 { 40 } else { 0 })
    {
        println!("{:?} {:?} -> {:?}", q.category, q.name, q.expected);
    }
}
