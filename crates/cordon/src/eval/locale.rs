//! The locale negatives of `cordon eval` (see
//! `cordon_bench::eval::locale`): generated names of sixteen locales
//! against every loaded list, per half of the split, with the alert rate
//! of each locale.

use anyhow::{anyhow, Result};
use cordon_bench::eval::locale::{alerts_per_locale, locale_names, locale_negative_cases};
use cordon_bench::eval::{evaluate, EvalReport, Split};
use cordon_engine::Index;

/// The locale negatives against `index` (every loaded list), per half in
/// `splits`, with notes on the names left out as listed and the alert
/// rate per locale (every form of it together).
pub fn negatives(
    index: &Index,
    splits: &[Split],
    threshold: f64,
    worst: usize,
    reports: &mut Vec<EvalReport>,
    notes: &mut Vec<String>,
) -> Result<()> {
    let names = locale_names().map_err(|e| anyhow!("{e}"))?;
    for &split in splits {
        let neg = locale_negative_cases(index.entities(), &names, split);
        let set = format!("locale-negatives-{}", split.name());
        let report = evaluate(&set, index, &neg.cases, threshold, worst);
        let per: Vec<String> = alerts_per_locale(&report.outcomes)
            .iter()
            .map(|(locale, queries, alerts)| {
                format!(
                    "{locale} {alerts}/{queries} ({:.1}%)",
                    100.0 * *alerts as f64 / (*queries).max(1) as f64
                )
            })
            .collect();
        notes.push(format!(
            "{set}: {} queries; {} of the {} generated names left out as listed{}",
            neg.cases.len(),
            neg.listed.len(),
            names.len(),
            if neg.listed.is_empty() {
                String::new()
            } else {
                format!(" ({})", neg.listed.join(", "))
            }
        ));
        notes.push(format!("{set}: alerts per locale: {}", per.join(", ")));
        reports.push(report);
    }
    Ok(())
}
