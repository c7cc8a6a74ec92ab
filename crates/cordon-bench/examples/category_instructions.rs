//! Screens each category of the fixed 2024 SDN query set once, each in a
//! function of its own, so that callgrind counts the instructions of every
//! category apart (the speed check of a matching change: instructions are
//! stable where wall-clock time on a shared machine is not):
//!
//! ```sh
//! cargo build --release -p cordon-bench --example category_instructions
//! CORDON_DATA=... valgrind --tool=callgrind target/release/examples/category_instructions
//! callgrind_annotate --inclusive=yes callgrind.out.PID | grep screen_category_
//! ```
//!
//! Divide each `screen_category_*` figure by its number of queries (printed).

use cordon_bench::{fixed_query_set, BenchQuery, Category};
use cordon_engine::{Index, ScreenOptions};

/// Screens `queries`; `tag` (a different one per category) keeps the
/// compiler from folding the category functions into one.
#[inline(always)]
fn screen_all(index: &Index, queries: &[&BenchQuery], tag: usize) -> usize {
    let opts = ScreenOptions {
        limit: 5,
        ..Default::default()
    };
    let n: usize = queries
        .iter()
        .map(|q| index.screen(&q.to_query(), &opts).len())
        .sum();
    if std::hint::black_box(tag) == usize::MAX {
        0
    } else {
        n
    }
}

#[inline(never)]
fn screen_category_exact(index: &Index, q: &[&BenchQuery]) -> usize {
    screen_all(index, q, 1)
}
#[inline(never)]
fn screen_category_typo(index: &Index, q: &[&BenchQuery]) -> usize {
    screen_all(index, q, 2)
}
#[inline(never)]
fn screen_category_reordered(index: &Index, q: &[&BenchQuery]) -> usize {
    screen_all(index, q, 3)
}
#[inline(never)]
fn screen_category_cross_script(index: &Index, q: &[&BenchQuery]) -> usize {
    screen_all(index, q, 4)
}
#[inline(never)]
fn screen_category_non_match(index: &Index, q: &[&BenchQuery]) -> usize {
    screen_all(index, q, 5)
}

fn main() {
    let root = std::env::var("CORDON_DATA").expect("set CORDON_DATA to the shared data folder");
    let path = std::path::Path::new(&root).join("lists/ofac_sdn/2024-05-03/sdn.csv");
    let list = cordon_lists::load(&cordon_lists::ListSource {
        format: cordon_lists::ListFormat::OfacSdn,
        path,
    })
    .expect("load SDN");
    let queries = fixed_query_set(&list.entities);
    let index = Index::build(list.entities);
    for cat in Category::ALL {
        let qs: Vec<&BenchQuery> = queries.iter().filter(|q| q.category == cat).collect();
        let results = match cat {
            Category::Exact => screen_category_exact(&index, &qs),
            Category::Typo => screen_category_typo(&index, &qs),
            Category::Reordered => screen_category_reordered(&index, &qs),
            Category::CrossScript => screen_category_cross_script(&index, &qs),
            Category::NonMatch => screen_category_non_match(&index, &qs),
        };
        println!("{cat}: {} queries, {results} results", qs.len());
    }
}
