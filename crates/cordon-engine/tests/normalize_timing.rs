//! Rough timings of `fold` and `name_forms` (ignored by default; run with
//! `cargo test -p cordon-engine --release --test normalize_timing -- --ignored --nocapture`).

use cordon_engine::normalize::{fold, name_forms};
use std::time::Instant;

fn time(label: &str, input: &str, f: impl Fn(&str) -> usize) {
    let _ = f(input);
    let mut samples = Vec::with_capacity(50);
    for _ in 0..50 {
        let n = 2000;
        let t = Instant::now();
        let mut acc = 0;
        for _ in 0..n {
            acc += f(std::hint::black_box(input));
        }
        std::hint::black_box(acc);
        samples.push(t.elapsed().as_nanos() as f64 / n as f64);
    }
    samples.sort_by(f64::total_cmp);
    println!(
        "{label:<28} p50 {:>8.0} ns  p90 {:>8.0} ns  {input}",
        samples[25], samples[45]
    );
}

#[test]
#[ignore]
fn timings() {
    let names = [
        "Vladimir Vladimirovich Putin",
        "PUTIN, Vladimir Vladimirovich",
        "Türkiye Halk Bankası A.Ş.",
        "ACME INTL TRADING CO., LTD.",
        "Шагивалеев Тимур Наилевич",
        "صدام حسين التكريتي",
        "عبد العزيز بن محمد أبو بكر",
        "김정은",
        "习近平",
    ];
    for n in names {
        time("fold", n, |s| fold(s).len());
        time("name_forms", n, |s| name_forms(s).len());
    }
}
