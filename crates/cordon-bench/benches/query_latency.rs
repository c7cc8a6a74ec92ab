//! Single-query latency per query category, one core: the fixed query set
//! against the 2024 SDN index (target p50 ≤ 20 µs, p99 ≤ 200 µs; criterion
//! reports means, `cordon bench` reports percentiles), and synthetic queries
//! against a 100,000-entity synthetic index.

mod common;

use cordon_bench::{fixed_query_set, synthetic_corpus, synthetic_queries, BenchQuery, Category};
use cordon_engine::{Index, Query, ScreenOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn per_category(c: &mut Criterion, group: &str, index: &Index, queries: &[BenchQuery]) {
    let opts = ScreenOptions {
        limit: 5,
        ..ScreenOptions::default()
    };
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(1));
    for cat in Category::ALL {
        let qs: Vec<Query> = queries
            .iter()
            .filter(|q| q.category == cat)
            .map(BenchQuery::to_query)
            .collect();
        if qs.is_empty() {
            continue;
        }
        g.bench_function(cat.as_str(), |b| {
            let mut i = 0;
            b.iter(|| {
                let q = &qs[i % qs.len()];
                i += 1;
                black_box(index.screen(q, &opts))
            })
        });
    }
    g.finish();
}

fn query_latency(c: &mut Criterion) {
    if let Some(entities) = common::sdn_2024("query_latency") {
        let queries = fixed_query_set(&entities);
        let index = Index::build(entities);
        per_category(c, "query_latency/sdn_2024", &index, &queries);
    }
    let corpus = synthetic_corpus(100_000, common::SEED);
    let queries = synthetic_queries(&corpus, 2_000, common::SEED);
    let index = Index::build(corpus);
    per_category(c, "query_latency/synthetic_100k", &index, &queries);
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = query_latency
}
criterion_main!(benches);
