//! The CJK sets of `cordon eval` (see `cordon_bench::eval::cjk`): CJK
//! negatives against every loaded list, and Hangul/Han near misses against
//! an index of the names they miss, each per half of the split.

use anyhow::{anyhow, Result};
use cordon_bench::eval::cjk::{cjk_negative_cases, names, near_miss_set};
use cordon_bench::eval::{evaluate, EvalReport, Split};
use cordon_engine::Index;

/// Generated names per language (Chinese, Korean, Japanese), both halves.
const NEGATIVES_PER_LANGUAGE: usize = 2000;
/// Listed names with a near miss each (half Korean, half Chinese), both
/// halves.
const NEAR_MISS_PAIRS: usize = 2000;

/// The CJK negatives against `index` (every loaded list), per half in
/// `splits`, with a note on how they were drawn.
pub fn negatives(
    index: &Index,
    splits: &[Split],
    threshold: f64,
    worst: usize,
    reports: &mut Vec<EvalReport>,
    notes: &mut Vec<String>,
) -> Result<()> {
    let data = names().map_err(|e| anyhow!("{e}"))?;
    for &split in splits {
        let neg = cjk_negative_cases(index.entities(), &data, NEGATIVES_PER_LANGUAGE, split);
        let set = format!("cjk-negatives-{}", split.name());
        notes.push(format!(
            "{set}: {} queries; of both halves' {} names, {} share two words with a listed name; {} generated names left out as listed",
            neg.cases.len(),
            neg.total,
            neg.sharing,
            neg.listed
        ));
        reports.push(evaluate(&set, index, &neg.cases, threshold, worst));
    }
    Ok(())
}

/// The Hangul/Han near misses against an index of the names they miss,
/// per half in `splits`.
pub fn near_misses(
    splits: &[Split],
    threshold: f64,
    worst: usize,
    reports: &mut Vec<EvalReport>,
) -> Result<()> {
    let data = names().map_err(|e| anyhow!("{e}"))?;
    for &split in splits {
        let nm = near_miss_set(&data, NEAR_MISS_PAIRS, split);
        let listed = Index::build(nm.listed);
        let set = format!("cjk-near-miss-{}", split.name());
        reports.push(evaluate(&set, &listed, &nm.cases, threshold, worst));
    }
    Ok(())
}
