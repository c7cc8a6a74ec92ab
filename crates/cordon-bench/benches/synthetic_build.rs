//! The synthetic corpus at 100,000 entities: generating it, and building the
//! index from it.

mod common;

use cordon_bench::synthetic_corpus;
use cordon_engine::Index;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const N: usize = 100_000;

fn synthetic_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic_build");
    g.bench_function("generate/100000", |b| {
        b.iter(|| synthetic_corpus(N, common::SEED))
    });
    let corpus = synthetic_corpus(N, common::SEED);
    g.bench_function("index_build/100000", |b| {
        b.iter_batched(|| corpus.clone(), Index::build, BatchSize::LargeInput)
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = synthetic_build
}
criterion_main!(benches);
