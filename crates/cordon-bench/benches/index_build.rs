//! Building the index: from the 2024 OFAC SDN file (target < 300 ms), and
//! loading that file; falls back to a synthetic corpus of the same size.

mod common;

use cordon_bench::synthetic_corpus;
use cordon_engine::Index;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

fn index_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("index_build");
    if let Some(entities) = common::sdn_2024("index_build") {
        g.bench_function(format!("sdn_2024/{}", entities.len()), |b| {
            b.iter_batched(|| entities.clone(), Index::build, BatchSize::LargeInput)
        });
        if let Some(path) = common::sdn_2024_path() {
            g.bench_function("load_sdn_2024", |b| {
                b.iter(|| {
                    cordon_lists::load(&cordon_lists::ListSource {
                        format: cordon_lists::ListFormat::OfacSdn,
                        path: path.clone(),
                    })
                    .map(|l| l.entities.len())
                })
            });
        }
    }
    let synthetic = synthetic_corpus(15_000, common::SEED);
    g.bench_function("synthetic/15000", |b| {
        b.iter_batched(|| synthetic.clone(), Index::build, BatchSize::LargeInput)
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = index_build
}
criterion_main!(benches);
