//! Name normalisation (`name_forms`) on names of several scripts and shapes.

mod common;

use cordon_engine::normalize::name_forms;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

const NAMES: &[(&str, &str)] = &[
    ("latin_person", "SHAGIVALEEV, Timur Rifovich"),
    (
        "latin_org",
        "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU TORGOVY DOM VEKTOR",
    ),
    (
        "chinese_org",
        "SHENZHEN HUAXIN ELECTRONIC TECHNOLOGY CO., LTD.",
    ),
    ("accented", "Juan Carlos García López"),
    ("cyrillic", "Шагивалеев Тимур Рифович"),
    ("arabic", "أحمد علي حسن التميمي"),
    ("han", "深圳华信电子科技有限公司"),
    ("hangul", "김정은"),
];

fn normalize(c: &mut Criterion) {
    let mut g = c.benchmark_group("normalize/name_forms");
    for (label, name) in NAMES {
        g.bench_function(*label, |b| b.iter(|| name_forms(black_box(name))));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::quick();
    targets = normalize
}
criterion_main!(benches);
