//! Runs the workload runner without the CLI: on the 2024 SDN file (fixed
//! query set) when `CORDON_DATA` is set, or on a synthetic corpus.
//!
//! `cargo run -p cordon-bench --release --example workload -- [sdn | synthetic N] [--json] [--show K] [--misses]`

use cordon_bench::{
    fixed_query_set, run_workload, synthetic_corpus, synthetic_queries, WorkloadOptions,
};
use cordon_engine::Index;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let t = Instant::now();
    let (entities, queries) = if args.first().map(String::as_str) == Some("synthetic") {
        let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
        let corpus = synthetic_corpus(n, 1);
        let queries = synthetic_queries(&corpus, 2_000, 1);
        (corpus, queries)
    } else {
        let root = std::env::var("CORDON_DATA").expect("set CORDON_DATA or pass `synthetic N`");
        let path = std::path::Path::new(&root).join("lists/ofac_sdn/2024-05-03/sdn.csv");
        let list = cordon_lists::load(&cordon_lists::ListSource {
            format: cordon_lists::ListFormat::OfacSdn,
            path,
        })
        .expect("load SDN");
        let queries = fixed_query_set(&list.entities);
        (list.entities, queries)
    };
    eprintln!(
        "{} entities, {} queries prepared in {:.2} s",
        entities.len(),
        queries.len(),
        t.elapsed().as_secs_f64()
    );
    for cat in cordon_bench::Category::ALL {
        for q in queries.iter().filter(|q| q.category == cat).take(show) {
            eprintln!("{cat}: {:?} -> {:?}", q.name, q.expected);
        }
    }
    let t = Instant::now();
    let index = Index::build(entities);
    eprintln!("index built in {:.3} s", t.elapsed().as_secs_f64());
    if args.iter().any(|a| a == "--misses") {
        // Positive queries whose expected entity is not among the top 5.
        let opts = cordon_engine::ScreenOptions {
            limit: 5,
            ..Default::default()
        };
        for q in queries.iter().filter(|q| q.expected.is_some()) {
            let r = index.screen(&q.to_query(), &opts);
            if !r.iter().any(|m| Some(&m.entity_id) == q.expected.as_ref()) {
                let expected = q.expected.as_deref().and_then(|id| index.get(id));
                eprintln!(
                    "miss {}: {:?} expected {:?}, got {:?}",
                    q.category,
                    q.name,
                    expected.map(|e| e.primary_name()),
                    r.first().map(|m| (&m.name, m.score))
                );
            }
        }
    }
    let report = run_workload(&index, &queries, &WorkloadOptions::default());
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&report).unwrap());
    } else {
        print!("{}", report.to_table());
    }
}
