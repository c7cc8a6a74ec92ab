//! Match-quality evaluation: recall, precision, F1 and false alerts of the
//! engine on labelled query sets.
//!
//! A set is a list of [`EvalCase`]s: a query and the entity ids that count
//! as the right answer (none for a negative). [`evaluate`] screens every case
//! and reports, at the given threshold:
//! - **recall@1** / **recall@5**: a right answer is the first result / among
//!   the first five (ranking, whatever the score);
//! - **hit rate**: the first result is a right answer *and* a match (at or
//!   above the threshold): what an analyst is alerted to;
//! - **precision**: of the queries whose first result is a match, the share
//!   whose first result is right (a negative with a match, or a positive
//!   whose first match is another entity, is a false alert);
//! - **F1** of hit rate and precision, and the **false-positive rate** on
//!   negatives (share with any match);
//! - the same per category, and the worst misses.
//!
//! Every outcome keeps the scores of all its results, so [`curve`] can
//! evaluate any number of thresholds from one screening run (the results
//! and their scores do not depend on the threshold; only the match flag
//! does).
//!
//! It is the one evaluation module: `cordon eval` (the CLI) and the
//! calibration curve use it whole, and the workload runner (`workload.rs`,
//! `cordon bench`) takes its measures from it ([`rank_of`], [`within`],
//! [`ratio`]; [`f1`] for both F1s here).
//!
//! The readers for the shared evaluation files live here too, and
//! [`derived_alias_cases`] builds a set from the lists themselves with a
//! fixed split between what may be tuned on and what is only measured.
//! These sets are for measuring: a rule that exists to pass one row is a
//! defect.

pub mod acronyms;
pub mod cjk;
pub mod locale;
pub mod name_knowledge;
pub mod other_scripts;

use cordon_engine::normalize::{fold, name_forms, person_forms, phonetic_key, TokenRole};
use cordon_engine::{
    Entity, EntityKind, Gender, Index, Match, NameType, PartialDate, Query, ScreenOptions,
};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

pub mod compare_pairs;

/// One labelled query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalCase {
    pub id: String,
    pub category: String,
    pub query: Query,
    /// Entity ids that are right answers; empty for a negative.
    pub expected: Vec<String>,
}

/// What happened to one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseOutcome {
    pub id: String,
    pub category: String,
    pub query: String,
    pub expected: Vec<String>,
    pub top_id: Option<String>,
    pub top_name: Option<String>,
    pub top_score: Option<f64>,
    /// 1-based rank of the first right answer among the results.
    pub rank: Option<usize>,
    /// Score of the first right answer, if returned.
    pub expected_score: Option<f64>,
    /// Any result at or above the threshold.
    pub any_match: bool,
    /// Every result, best first, as (entity id, score): what [`curve`]
    /// re-thresholds. Left out of the JSON report (five per case).
    #[serde(skip)]
    pub results: Vec<(String, f64)>,
}

impl CaseOutcome {
    fn positive(&self) -> bool {
        !self.expected.is_empty()
    }
    fn correct_at_1(&self) -> bool {
        self.rank == Some(1) && self.top_score.is_some() && self.any_match
    }
    fn top_is_false_alert(&self) -> bool {
        self.any_match && self.rank != Some(1)
    }
}

/// Counts and rates for a set or one category of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub queries: usize,
    pub positives: usize,
    pub negatives: usize,
    pub recall_at_1: Option<f64>,
    pub recall_at_5: Option<f64>,
    pub hit_rate: Option<f64>,
    pub precision: Option<f64>,
    pub f1: Option<f64>,
    pub false_positive_rate: Option<f64>,
}

/// `n / d`, `None` when `d` is 0: every rate of the evaluation and of the
/// workload runner is one.
pub fn ratio(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// The F1 of a recall (here the hit rate) and a precision; `None` when
/// either is undefined or both are 0.
pub fn f1(recall: Option<f64>, precision: Option<f64>) -> Option<f64> {
    match (recall, precision) {
        (Some(r), Some(p)) if r + p > 0.0 => Some(2.0 * r * p / (r + p)),
        _ => None,
    }
}

/// The 1-based rank of the first result that is a right answer.
pub fn rank_of(results: &[Match], right: impl Fn(&str) -> bool) -> Option<usize> {
    results
        .iter()
        .position(|m| right(&m.entity_id))
        .map(|p| p + 1)
}

/// Whether a right answer at `rank` counts for recall@`k`.
pub fn within(rank: Option<usize>, k: usize) -> bool {
    rank.is_some_and(|r| r <= k)
}

impl Stats {
    fn of(outcomes: &[&CaseOutcome]) -> Stats {
        let pos: Vec<&&CaseOutcome> = outcomes.iter().filter(|o| o.positive()).collect();
        let neg: Vec<&&CaseOutcome> = outcomes.iter().filter(|o| !o.positive()).collect();
        let tp = pos.iter().filter(|o| o.correct_at_1()).count();
        let at1 = pos.iter().filter(|o| within(o.rank, 1)).count();
        let at5 = pos.iter().filter(|o| within(o.rank, 5)).count();
        let fp = pos.iter().filter(|o| o.top_is_false_alert()).count()
            + neg.iter().filter(|o| o.any_match).count();
        let recall = ratio(tp, pos.len());
        let precision = ratio(tp, tp + fp);
        let f1 = f1(recall, precision);
        Stats {
            queries: outcomes.len(),
            positives: pos.len(),
            negatives: neg.len(),
            recall_at_1: ratio(at1, pos.len()),
            recall_at_5: ratio(at5, pos.len()),
            hit_rate: recall,
            precision,
            f1,
            false_positive_rate: ratio(neg.iter().filter(|o| o.any_match).count(), neg.len()),
        }
    }
}

/// The report of one evaluation set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    pub set: String,
    pub threshold: f64,
    pub overall: Stats,
    pub by_category: BTreeMap<String, Stats>,
    /// Positives not found at rank 1 (lowest expected score first) and
    /// negatives with a match (highest score first), up to `worst`.
    pub worst_misses: Vec<CaseOutcome>,
    pub false_alerts: Vec<CaseOutcome>,
    /// Every case's outcome, for [`curve`]; left out of the JSON report.
    #[serde(skip)]
    pub outcomes: Vec<CaseOutcome>,
}

/// Screens every case (in parallel) and measures.
pub fn evaluate(
    set: &str,
    index: &Index,
    cases: &[EvalCase],
    threshold: f64,
    worst: usize,
) -> EvalReport {
    let opts = ScreenOptions {
        limit: 5,
        threshold,
    };
    let outcomes: Vec<CaseOutcome> = cases
        .par_iter()
        .map(|c| {
            let results = index.screen(&c.query, &opts);
            let rank = rank_of(&results, |id| c.expected.iter().any(|e| e == id));
            let top = results.first();
            CaseOutcome {
                id: c.id.clone(),
                category: c.category.clone(),
                query: c.query.name.clone(),
                expected: c.expected.clone(),
                top_id: top.map(|m| m.entity_id.clone()),
                top_name: top.map(|m| m.matched_name.clone()),
                top_score: top.map(|m| m.score),
                rank,
                expected_score: rank.map(|r| results[r - 1].score),
                any_match: results.iter().any(|m| m.is_match),
                results: results
                    .iter()
                    .map(|m| (m.entity_id.clone(), m.score))
                    .collect(),
            }
        })
        .collect();
    report_of(set, threshold, outcomes, worst)
}

/// One report over the outcomes of several (e.g. the alias sets of every
/// list), each case keeping its category.
pub fn combine(set: &str, reports: &[&EvalReport], worst: usize) -> EvalReport {
    let threshold = reports.first().map_or(0.0, |r| r.threshold);
    let outcomes = reports
        .iter()
        .flat_map(|r| r.outcomes.iter().cloned())
        .collect();
    report_of(set, threshold, outcomes, worst)
}

fn report_of(set: &str, threshold: f64, outcomes: Vec<CaseOutcome>, worst: usize) -> EvalReport {
    let all: Vec<&CaseOutcome> = outcomes.iter().collect();
    let mut cats: BTreeMap<String, Vec<&CaseOutcome>> = BTreeMap::new();
    for o in &outcomes {
        cats.entry(o.category.clone()).or_default().push(o);
    }
    let mut misses: Vec<CaseOutcome> = outcomes
        .iter()
        .filter(|o| o.positive() && !o.correct_at_1())
        .cloned()
        .collect();
    misses.sort_by(|a, b| {
        a.expected_score
            .unwrap_or(-1.0)
            .total_cmp(&b.expected_score.unwrap_or(-1.0))
            .then_with(|| a.id.cmp(&b.id))
    });
    misses.truncate(worst);
    let mut alerts: Vec<CaseOutcome> = outcomes
        .iter()
        .filter(|o| !o.positive() && o.any_match)
        .cloned()
        .collect();
    alerts.sort_by(|a, b| {
        b.top_score
            .unwrap_or(0.0)
            .total_cmp(&a.top_score.unwrap_or(0.0))
            .then_with(|| a.id.cmp(&b.id))
    });
    alerts.truncate(worst);
    let overall = Stats::of(&all);
    let by_category = cats
        .iter()
        .map(|(k, v)| (k.clone(), Stats::of(v)))
        .collect();
    EvalReport {
        set: set.to_string(),
        threshold,
        overall,
        by_category,
        worst_misses: misses,
        false_alerts: alerts,
        outcomes,
    }
}

impl EvalReport {
    /// A readable table.
    pub fn to_table(&self) -> String {
        let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.1}%", v * 100.0));
        let mut out = String::new();
        let _ = writeln!(out, "set {} (threshold {:.2})", self.set, self.threshold);
        let _ = writeln!(
            out,
            "{:<28} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "category", "queries", "recall@1", "recall@5", "hit", "precision", "F1", "FPR"
        );
        let mut row = |name: &str, s: &Stats| {
            let _ = writeln!(
                out,
                "{:<28} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
                name,
                s.queries,
                pct(s.recall_at_1),
                pct(s.recall_at_5),
                pct(s.hit_rate),
                pct(s.precision),
                pct(s.f1),
                pct(s.false_positive_rate)
            );
        };
        for (k, s) in &self.by_category {
            row(k, s);
        }
        row("overall", &self.overall);
        if !self.worst_misses.is_empty() {
            let _ = writeln!(out, "worst misses:");
            for m in &self.worst_misses {
                let _ = writeln!(
                    out,
                    "  {:<40} expected {} (rank {}, score {}); top {} {:?} {}",
                    m.query,
                    m.expected.first().map(String::as_str).unwrap_or("-"),
                    m.rank.map_or("-".to_string(), |r| r.to_string()),
                    m.expected_score
                        .map_or("-".to_string(), |s| format!("{s:.3}")),
                    m.top_id.as_deref().unwrap_or("-"),
                    m.top_name.as_deref().unwrap_or("-"),
                    m.top_score.map_or("-".to_string(), |s| format!("{s:.3}")),
                );
            }
        }
        if !self.false_alerts.is_empty() {
            let _ = writeln!(out, "false alerts:");
            for m in &self.false_alerts {
                let _ = writeln!(
                    out,
                    "  {:<40} → {} {:?} {}",
                    m.query,
                    m.top_id.as_deref().unwrap_or("-"),
                    m.top_name.as_deref().unwrap_or("-"),
                    m.top_score.map_or("-".to_string(), |s| format!("{s:.3}")),
                );
            }
        }
        out
    }
}

/// The measures of a set of outcomes at one threshold (see [`curve`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurvePoint {
    pub threshold: f64,
    pub positives: usize,
    pub negatives: usize,
    /// Positives whose first result is right and at or above the threshold.
    pub hits: usize,
    /// Positives with a right answer among the results at or above the
    /// threshold (at any rank).
    pub recalled: usize,
    /// Positives whose first result is another entity at or above the
    /// threshold.
    pub wrong_top_matches: usize,
    /// Negatives with any result at or above the threshold.
    pub flagged_negatives: usize,
    /// `hits / positives`, as [`Stats::hit_rate`].
    pub hit_rate: Option<f64>,
    /// `recalled / positives`.
    pub recall_any: Option<f64>,
    /// `flagged_negatives / negatives`.
    pub false_positive_rate: Option<f64>,
    /// `hits / (hits + wrong_top_matches + flagged_negatives)`, as
    /// [`Stats::precision`].
    pub precision: Option<f64>,
    /// F1 of hit rate and precision.
    pub f1: Option<f64>,
}

/// The thresholds of the calibration curve: 0.50, 0.51, … 0.99.
pub fn curve_thresholds() -> Vec<f64> {
    (50..=99).map(|i| f64::from(i) / 100.0).collect()
}

/// Evaluates every threshold from the kept result scores of `outcomes`
/// (no re-screening). A result counts at threshold `t` when its score is
/// at or above `t`; scores are those reported (rounded to four decimals),
/// so a score within 0.00005 below `t` may count where the engine's own
/// flag did not.
pub fn curve<'a>(
    outcomes: impl IntoIterator<Item = &'a CaseOutcome>,
    thresholds: &[f64],
) -> Vec<CurvePoint> {
    // Per outcome: positive?, top score, top is right, best right score.
    struct Seen {
        positive: bool,
        top: Option<f64>,
        top_right: bool,
        best_right: Option<f64>,
    }
    let seen: Vec<Seen> = outcomes
        .into_iter()
        .map(|o| {
            let right = |id: &str| o.expected.iter().any(|e| e == id);
            let top = o.results.iter().map(|r| r.1).reduce(f64::max);
            let top_right = o.results.first().is_some_and(|r| right(&r.0));
            let best_right = o
                .results
                .iter()
                .filter(|r| right(&r.0))
                .map(|r| r.1)
                .reduce(f64::max);
            Seen {
                positive: o.positive(),
                top,
                top_right,
                best_right,
            }
        })
        .collect();
    let positives = seen.iter().filter(|s| s.positive).count();
    let negatives = seen.len() - positives;
    thresholds
        .iter()
        .map(|&t| {
            let at = |x: Option<f64>| x.is_some_and(|v| v >= t);
            let (mut hits, mut recalled, mut wrong, mut flagged) = (0, 0, 0, 0);
            for s in &seen {
                if s.positive {
                    if at(s.top) {
                        if s.top_right {
                            hits += 1;
                        } else {
                            wrong += 1;
                        }
                    }
                    if at(s.best_right) {
                        recalled += 1;
                    }
                } else if at(s.top) {
                    flagged += 1;
                }
            }
            let hit_rate = ratio(hits, positives);
            let precision = ratio(hits, hits + wrong + flagged);
            let f1 = f1(hit_rate, precision);
            CurvePoint {
                threshold: t,
                positives,
                negatives,
                hits,
                recalled,
                wrong_top_matches: wrong,
                flagged_negatives: flagged,
                hit_rate,
                recall_any: ratio(recalled, positives),
                false_positive_rate: ratio(flagged, negatives),
                precision,
                f1,
            }
        })
        .collect()
}

/// The point with the highest F1 (the lowest threshold among equals).
pub fn best_f1(points: &[CurvePoint]) -> Option<&CurvePoint> {
    points
        .iter()
        .filter(|p| p.f1.is_some())
        .fold(None, |best: Option<&CurvePoint>, p| match best {
            Some(b) if b.f1 >= p.f1 => Some(b),
            _ => Some(p),
        })
}

/// The point with the highest hit rate among those whose false-positive
/// rate on negatives is at most `max_fpr` (the highest threshold among
/// equals: fewer alerts for the same hits).
pub fn best_hit_within_fpr(points: &[CurvePoint], max_fpr: f64) -> Option<&CurvePoint> {
    points
        .iter()
        .filter(|p| p.hit_rate.is_some() && p.false_positive_rate.is_some_and(|f| f <= max_fpr))
        .fold(None, |best: Option<&CurvePoint>, p| match best {
            Some(b) if b.hit_rate > p.hit_rate => Some(b),
            _ => Some(p),
        })
}

/// A readable table of a curve.
pub fn curve_table(name: &str, points: &[CurvePoint]) -> String {
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.2}%", v * 100.0));
    let mut out = String::new();
    let (pos, neg) = points
        .first()
        .map_or((0, 0), |p| (p.positives, p.negatives));
    let _ = writeln!(out, "curve {name} ({pos} positives, {neg} negatives)");
    let _ = writeln!(
        out,
        "{:>9} {:>8} {:>10} {:>8} {:>9} {:>9} {:>8} {:>10} {:>8}",
        "threshold", "hit", "recall@any", "FPR", "precision", "F1", "hits", "wrong top", "flagged"
    );
    for p in points {
        let _ = writeln!(
            out,
            "{:>9.2} {:>8} {:>10} {:>8} {:>9} {:>9} {:>8} {:>10} {:>8}",
            p.threshold,
            pct(p.hit_rate),
            pct(p.recall_any),
            pct(p.false_positive_rate),
            pct(p.precision),
            pct(p.f1),
            p.hits,
            p.wrong_top_matches,
            p.flagged_negatives
        );
    }
    out
}

/// Why an evaluation file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{file}: {source}")]
    Csv {
        file: String,
        #[source]
        source: csv::Error,
    },
    #[error("{file}: missing column {column}")]
    Column { file: String, column: &'static str },
}

fn read_rows(path: &Path) -> Result<Vec<HashMap<String, String>>, EvalError> {
    let file = path.display().to_string();
    let mut rdr = csv::Reader::from_path(path).map_err(|source| EvalError::Csv {
        file: file.clone(),
        source,
    })?;
    let headers = rdr
        .headers()
        .map_err(|source| EvalError::Csv {
            file: file.clone(),
            source,
        })?
        .clone();
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|source| EvalError::Csv {
            file: file.clone(),
            source,
        })?;
        rows.push(
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.trim().to_string()))
                .collect(),
        );
    }
    Ok(rows)
}

fn col<'a>(
    row: &'a HashMap<String, String>,
    file: &Path,
    column: &'static str,
) -> Result<&'a str, EvalError> {
    row.get(column)
        .map(String::as_str)
        .ok_or_else(|| EvalError::Column {
            file: file.display().to_string(),
            column,
        })
}

/// The folded words of a name, sorted: two names are "the same name" when
/// these are equal.
pub fn name_key(name: &str) -> Vec<String> {
    let mut v: Vec<String> = fold(name).split(' ').map(str::to_string).collect();
    v.retain(|w| !w.is_empty());
    v.sort();
    v
}

/// A person query from the shared CSV columns (full_name, gender,
/// date_of_birth, nationality).
fn person_query(row: &HashMap<String, String>, file: &Path) -> Result<Query, EvalError> {
    let name = col(row, file, "full_name")?.to_string();
    let dob = row.get("date_of_birth").and_then(|d| PartialDate::parse(d));
    let countries = row
        .get("nationality")
        .filter(|c| !c.is_empty())
        .map(|c| vec![c.clone()])
        .unwrap_or_default();
    Ok(Query {
        name,
        kind: Some(EntityKind::Person),
        dob,
        countries,
        identifiers: Vec::new(),
        gender: row.get("gender").and_then(|g| Gender::parse(g)),
    })
}

/// `candgen_positives_un_untreated.csv`: UN-listed persons. The right
/// answers are the entities of `entities` with a name equal to the query's
/// (same folded words); a query with none is skipped and counted.
pub fn un_positive_cases(
    path: &Path,
    entities: &[Entity],
) -> Result<(Vec<EvalCase>, usize), EvalError> {
    let mut by_name: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    for e in entities {
        for n in &e.names {
            let ids = by_name.entry(name_key(&n.name)).or_default();
            if !ids.contains(&e.id) {
                ids.push(e.id.clone());
            }
        }
    }
    let mut cases = Vec::new();
    let mut unresolved = 0;
    for (i, row) in read_rows(path)?.iter().enumerate() {
        let query = person_query(row, path)?;
        let Some(expected) = by_name.get(&name_key(&query.name)) else {
            unresolved += 1;
            continue;
        };
        let category = if query.dob.is_some() {
            "with_dob"
        } else {
            "without_dob"
        };
        cases.push(EvalCase {
            id: format!("pos{}", i + 1),
            category: category.to_string(),
            query,
            expected: expected.clone(),
        });
    }
    Ok((cases, unresolved))
}

/// `candgen_negatives_us.csv`: persons on no list.
pub fn negative_cases(path: &Path) -> Result<Vec<EvalCase>, EvalError> {
    read_rows(path)?
        .iter()
        .enumerate()
        .map(|(i, row)| {
            Ok(EvalCase {
                id: format!("neg{}", i + 1),
                category: "negative".to_string(),
                query: person_query(row, path)?,
                expected: Vec::new(),
            })
        })
        .collect()
}

/// `un_original_script_pairs.csv`: the original-script name as the query,
/// the UN entity `un-sc:REF` as the answer. Screen these against an index
/// built with [`without_original_script`].
pub fn script_pair_cases(path: &Path) -> Result<Vec<EvalCase>, EvalError> {
    let mut cases = Vec::new();
    for row in read_rows(path)? {
        let reference = col(&row, path, "un_reference_number")?;
        let name = col(&row, path, "name_original_script")?;
        if reference.is_empty() || name.is_empty() {
            continue;
        }
        let kind = match col(&row, path, "type")? {
            "individual" => Some(EntityKind::Person),
            "entity" => Some(EntityKind::Organization),
            _ => None,
        };
        let script = col(&row, path, "original_script")?.to_ascii_lowercase();
        cases.push(EvalCase {
            id: reference.to_string(),
            category: if script.is_empty() {
                "unknown".to_string()
            } else {
                script
            },
            query: Query {
                name: name.to_string(),
                kind,
                ..Query::default()
            },
            expected: vec![format!("un-sc:{reference}")],
        });
    }
    Ok(cases)
}

/// The entities without any name written (wholly or partly) in a
/// non-Latin script, whether the list marks it as original script or not,
/// so that only romanisation can bridge scripts.
pub fn without_original_script(entities: &[Entity]) -> Vec<Entity> {
    entities
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.names.retain(|n| {
                n.script
                    .as_deref()
                    .is_none_or(|s| s.eq_ignore_ascii_case("latin"))
                    && n.name.chars().all(is_latin_or_neutral)
            });
            e
        })
        .filter(|e| !e.names.is_empty())
        .collect()
}

/// Letters of the Latin script (ASCII, Latin-1, Latin Extended A/B and
/// Additional) and anything that is not a letter.
fn is_latin_or_neutral(c: char) -> bool {
    !c.is_alphabetic() || c.is_ascii() || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// Which half of a derived set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The half rules may be tuned on.
    Tune,
    /// The half that is only measured.
    Holdout,
}

impl Split {
    /// `tune` or `holdout`, as set names spell the half.
    pub fn name(self) -> &'static str {
        match self {
            Split::Tune => "tune",
            Split::Holdout => "holdout",
        }
    }
}

/// The entities of each list, lists in name order: the derived sets screen
/// each list against an index of its own (the same party on another list
/// is another id, not a wrong answer).
pub fn by_list(entities: &[Entity]) -> Vec<(String, Vec<Entity>)> {
    let mut lists: BTreeMap<&str, Vec<Entity>> = BTreeMap::new();
    for e in entities {
        lists.entry(e.list.as_str()).or_default().push(e.clone());
    }
    lists
        .into_iter()
        .map(|(l, es)| (l.to_string(), es))
        .collect()
}

/// A stable split by entity id (FNV-1a, even = tune, odd = holdout).
pub fn split_of(id: &str) -> Split {
    if crate::rng::fnv1a(id.as_bytes()).is_multiple_of(2) {
        Split::Tune
    } else {
        Split::Holdout
    }
}

/// The aliases of a list as evaluation sets (see [`derived_alias_cases`]).
#[derive(Debug, Default)]
pub struct DerivedAliases {
    /// The same full name spelled another way: every word of the alias is
    /// a spelling of a word of the primary name and every word of the
    /// primary name has its spelling in the alias ("HANIYYA, Ismaeel
    /// Abdul Salah" for "HANIYA, Ismail Abdul Salah").
    pub variants: Vec<EvalCase>,
    /// A part of the name, or the name with words added: at least half of
    /// the alias's words are spellings of primary-name words, but the
    /// names do not cover each other ("Ali Salim" for "SALIM AHMED SALIM
    /// ALI"). Often shared by many listed parties, so rank 1 is not always
    /// decidable from the name alone.
    pub partial: Vec<EvalCase>,
}

/// Words that carry no identity on their own: articles and filiation
/// particles. They neither make nor break a correspondence.
const PARTICLES: &[&str] = &[
    "al", "el", "ul", "ud", "bin", "ibn", "bint", "ben", "abu", "van", "von", "der", "den", "de",
    "da", "del", "di", "du", "la", "le", "jr", "sr",
];

/// The words of a name that carry identity, in order: the engine's first
/// reading of it without legal forms ("PJSC", "Limited Liability
/// Company"), stopwords, honorifics and the particles of [`PARTICLES`].
/// Only the engine's word roles are used here, not its similarity.
fn content_words(name: &str, kind: EntityKind) -> Vec<String> {
    let forms = if kind == EntityKind::Person {
        person_forms(name)
    } else {
        name_forms(name)
    };
    forms
        .into_iter()
        .next()
        .map(|f| {
            f.tokens
                .into_iter()
                .filter(|t| {
                    matches!(
                        t.role,
                        TokenRole::Word
                            | TokenRole::Number
                            | TokenRole::Initial
                            | TokenRole::Particle
                    ) && !PARTICLES.contains(&t.text.as_str())
                })
                .map(|t| t.text)
                .collect()
        })
        .unwrap_or_default()
}

/// Whether two words are spellings of one word, judged independently of
/// the engine's matcher: same sound key, a small edit distance for their
/// length, or one a prefix of the other (Abd / Abdul).
fn alike(a: &str, b: &str) -> bool {
    if a == b || phonetic_key(a) == phonetic_key(b) {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // An initial, or a shortened word (Abd / Abdul).
    if (short.len() == 1 || short.len() >= 3) && long.starts_with(short) {
        return true;
    }
    let allowed = match long.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    strsim::levenshtein(a, b) <= allowed
}

/// Whether word `w` is a spelling of a word of `words`, or of two
/// adjacent ones written together (Abubakar / Abu Bakar).
fn has_spelling(w: &str, words: &[String], joined: &[String]) -> bool {
    words.iter().chain(joined).any(|x| alike(w, x))
}

fn joined_pairs(words: &[String]) -> Vec<String> {
    words
        .windows(2)
        .map(|p| format!("{}{}", p[0], p[1]))
        .collect()
}

/// Sets derived from the lists: every strong Latin alias that spells its
/// entity's primary name another way becomes a query, to be screened
/// against an index of the primary names of the same list only
/// ([`primary_names_only`]; other lists would answer with the same party
/// under their own id). Full-name variants and partial names are kept
/// apart ([`DerivedAliases`]); aliases sharing less than half their words
/// with the primary name (translations, other names, acronyms) are left
/// out, as are aliases equal to the primary name up to word order. Only
/// the list entities in `split` are used (not parties derived from
/// ownership data); the category is `LIST/KIND`. The
/// right answers are the entity and any other whose primary name has the
/// same words (the list itself does not tell them apart by name).
pub fn derived_alias_cases(entities: &[Entity], split: Split) -> DerivedAliases {
    // Entities whose primary names the list itself does not tell apart
    // (the same words up to order, legal form and particles: one person
    // listed under two regimes, "BM BANK JSC" and "BM BANK PJSC") are all
    // right answers for an alias of any of them.
    let mut same_name: HashMap<(EntityKind, Vec<String>), Vec<String>> = HashMap::new();
    let name_of = |e: &Entity| -> Option<(EntityKind, Vec<String>)> {
        let mut words = content_words(&e.names.first()?.name, e.kind);
        words.sort();
        Some((e.kind, words))
    };
    for e in entities {
        if let Some(k) = name_of(e) {
            same_name.entry(k).or_default().push(e.id.clone());
        }
    }
    let mut out = DerivedAliases::default();
    for e in entities {
        // A party derived from ownership data is not a list record: its
        // names come from the ownership file, and its recall is not the
        // lists' (it is tested with the ownership rules).
        if split_of(&e.id) != split || e.ownership.is_some() {
            continue;
        }
        let Some(primary) = e.names.first() else {
            continue;
        };
        let pkey = name_key(&primary.name);
        let pwords = content_words(&primary.name, e.kind);
        let pjoined = joined_pairs(&pwords);
        for n in e.names.iter().skip(1) {
            if !matches!(n.name_type, NameType::Aka | NameType::Fka | NameType::Nka)
                || n.script.is_some()
            {
                continue;
            }
            let key = name_key(&n.name);
            if key == pkey || key.len() < 2 {
                continue;
            }
            let words = content_words(&n.name, e.kind);
            if words.is_empty() {
                continue;
            }
            let joined = joined_pairs(&words);
            let alike_words = words
                .iter()
                .filter(|w| has_spelling(w, &pwords, &pjoined))
                .count();
            if alike_words * 2 < words.len() {
                continue;
            }
            let covers_primary = pwords.iter().all(|w| has_spelling(w, &words, &joined));
            let case = EvalCase {
                id: format!("{}#{}", e.id, out.variants.len() + out.partial.len()),
                category: format!("{}/{}", e.list, e.kind.as_str()),
                query: Query {
                    name: n.name.clone(),
                    kind: Some(e.kind),
                    ..Query::default()
                },
                expected: name_of(e)
                    .and_then(|k| same_name.get(&k).cloned())
                    .unwrap_or_else(|| vec![e.id.clone()]),
            };
            if alike_words == words.len() && covers_primary {
                out.variants.push(case);
            } else {
                out.partial.push(case);
            }
        }
    }
    out
}

/// The entities with only their primary name.
pub fn primary_names_only(entities: &[Entity]) -> Vec<Entity> {
    entities
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.names.truncate(1);
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{Name, Provenance};

    /// The measures the evaluation and the workload runner share.
    #[test]
    fn shared_measures() {
        assert_eq!(ratio(1, 4), Some(0.25));
        assert_eq!(ratio(0, 0), None);
        assert_eq!(f1(Some(0.5), Some(1.0)), Some(2.0 / 3.0));
        assert_eq!(f1(Some(0.0), Some(0.0)), None);
        assert_eq!(f1(None, Some(1.0)), None);
        assert!(within(Some(1), 1) && within(Some(5), 5));
        assert!(!within(Some(6), 5) && !within(None, 5));
        let idx = Index::build(vec![
            Entity::new(
                "t",
                "1",
                EntityKind::Person,
                "IVAN PETROV",
                Provenance {
                    list: "t".into(),
                    file: "f".into(),
                    line: None,
                },
            ),
            Entity::new(
                "t",
                "2",
                EntityKind::Person,
                "IVAN PETROVA",
                Provenance {
                    list: "t".into(),
                    file: "f".into(),
                    line: None,
                },
            ),
        ]);
        let results = idx.screen(&Query::new("IVAN PETROVA"), &ScreenOptions::default());
        assert_eq!(rank_of(&results, |id| id == "t:2"), Some(1));
        assert_eq!(rank_of(&results, |id| id == "t:1"), Some(2));
        assert_eq!(rank_of(&results, |id| id == "t:9"), None);
    }

    fn entity(id: &str, names: &[(&str, NameType)]) -> Entity {
        let mut e = Entity::new(
            "t",
            id,
            EntityKind::Person,
            names[0].0,
            Provenance {
                list: "t".into(),
                file: "f".into(),
                line: None,
            },
        );
        for (n, t) in &names[1..] {
            e.names.push(Name::new(*n, *t));
        }
        e
    }

    #[test]
    fn derived_set_keeps_spelling_variants_apart_from_partial_names() {
        let es: Vec<Entity> = (0..40)
            .map(|i| {
                entity(
                    &i.to_string(),
                    &[
                        ("HANIYA, Ismail Abdul Salah", NameType::Primary),
                        ("HANIYYA, Ismaeel Abd al-Salah", NameType::Aka),
                        ("Ismail Haniyya", NameType::Aka),
                        ("BNC", NameType::Aka),
                        ("Totally Other Name", NameType::Aka),
                        ("HANIYA, Ismail Abdul Salah", NameType::Aka),
                        ("Salah Abdul Haniya Ismail", NameType::Aka),
                    ],
                )
            })
            .collect();
        let tune = derived_alias_cases(&es, Split::Tune);
        let hold = derived_alias_cases(&es, Split::Holdout);
        assert_eq!(
            tune.variants.len() + hold.variants.len(),
            40,
            "one variant alias per entity"
        );
        assert_eq!(tune.partial.len() + hold.partial.len(), 40);
        assert!(!tune.variants.is_empty() && !hold.variants.is_empty());
        assert!(tune
            .variants
            .iter()
            .all(|c| c.query.name == "HANIYYA, Ismaeel Abd al-Salah"));
        assert!(tune
            .partial
            .iter()
            .all(|c| c.query.name == "Ismail Haniyya"));
        for c in tune.variants.iter().chain(&tune.partial) {
            let entity = c.id.split('#').next().unwrap_or_default();
            assert_eq!(split_of(entity), Split::Tune);
            // Forty entities share one primary name: each is a right answer.
            assert_eq!(c.expected.len(), 40);
        }
        // Joined and split words are the same word.
        let abu_bakar = content_words("Bakar Abu Bakar", EntityKind::Person);
        assert_eq!(abu_bakar, ["bakar", "bakar"], "particles carry no identity");
        let abu_bakar = ["abu".to_string(), "bakar".to_string()];
        assert!(has_spelling(
            "abubakar",
            &abu_bakar,
            &joined_pairs(&abu_bakar)
        ));
        // Legal forms are not part of a company's identity.
        assert_eq!(
            content_words(
                "Public Joint Stock Company Sberbank",
                EntityKind::Organization
            ),
            ["sberbank"]
        );
        assert!(!alike("ahmed", "mahmoud"));
    }

    #[test]
    fn stats_count_false_alerts_on_both_sides() {
        let o = |expected: &[&str], rank: Option<usize>, any_match: bool| CaseOutcome {
            id: "x".into(),
            category: "c".into(),
            query: "q".into(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
            top_id: Some("a".into()),
            top_name: None,
            top_score: Some(0.9),
            rank,
            expected_score: None,
            any_match,
            results: Vec::new(),
        };
        let v = [
            o(&["a"], Some(1), true), // tp
            o(&["a"], Some(2), true), // fp (wrong top match) and a miss
            o(&["a"], None, false),   // miss
            o(&[], None, true),       // fp on a negative
            o(&[], None, false),      // tn
        ];
        let refs: Vec<&CaseOutcome> = v.iter().collect();
        let s = Stats::of(&refs);
        assert_eq!(s.hit_rate, Some(1.0 / 3.0));
        assert_eq!(s.recall_at_1, Some(1.0 / 3.0));
        assert_eq!(s.recall_at_5, Some(2.0 / 3.0));
        assert_eq!(s.precision, Some(1.0 / 3.0));
        assert_eq!(s.false_positive_rate, Some(0.5));
    }
    /// An outcome as `evaluate` would make it at `threshold`.
    fn outcome(expected: &[&str], results: &[(&str, f64)], threshold: f64) -> CaseOutcome {
        let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        let rank = results
            .iter()
            .position(|r| expected.iter().any(|e| e == r.0))
            .map(|p| p + 1);
        CaseOutcome {
            id: "x".into(),
            category: "c".into(),
            query: "q".into(),
            expected,
            top_id: results.first().map(|r| r.0.to_string()),
            top_name: None,
            top_score: results.first().map(|r| r.1),
            rank,
            expected_score: rank.map(|r| results[r - 1].1),
            any_match: results.iter().any(|r| r.1 >= threshold),
            results: results.iter().map(|r| (r.0.to_string(), r.1)).collect(),
        }
    }

    #[test]
    fn curve_rethresholds_kept_scores() {
        let v = [
            outcome(&["a"], &[("a", 0.95), ("b", 0.7)], 0.8), // hit down to 0.95
            outcome(&["a"], &[("b", 0.85), ("a", 0.75)], 0.8), // wrong top; right at 0.75
            outcome(&["a"], &[], 0.8),                        // never found
            outcome(&[], &[("x", 0.82)], 0.8),                // flagged down to 0.82
            outcome(&[], &[("y", 0.55)], 0.8),
            outcome(&[], &[], 0.8),
        ];
        let ts = [0.5, 0.7, 0.8, 0.9, 0.96];
        let c = curve(&v, &ts);
        assert_eq!(c.len(), 5);
        let third = Some(1.0 / 3.0);
        let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-12);

        let p = &c[0]; // 0.50
        assert_eq!((p.positives, p.negatives), (3, 3));
        assert_eq!(
            (p.hits, p.recalled, p.wrong_top_matches, p.flagged_negatives),
            (1, 2, 1, 2)
        );
        assert_eq!(p.false_positive_rate, Some(2.0 / 3.0));
        assert_eq!(p.precision, Some(0.25));

        let p = &c[1]; // 0.70
        assert_eq!(
            (p.hits, p.recalled, p.wrong_top_matches, p.flagged_negatives),
            (1, 2, 1, 1)
        );
        assert_eq!(p.recall_any, Some(2.0 / 3.0));
        assert_eq!(p.precision, third);

        let p = &c[2]; // 0.80: P2's right answer (0.75) no longer counts
        assert_eq!(
            (p.hits, p.recalled, p.wrong_top_matches, p.flagged_negatives),
            (1, 1, 1, 1)
        );
        assert_eq!(p.hit_rate, third);
        assert_eq!(p.recall_any, third);
        assert_eq!(p.false_positive_rate, third);
        assert!(close(p.f1, 1.0 / 3.0));

        let p = &c[3]; // 0.90: only the hit is left
        assert_eq!(
            (p.hits, p.recalled, p.wrong_top_matches, p.flagged_negatives),
            (1, 1, 0, 0)
        );
        assert_eq!(p.precision, Some(1.0));
        assert_eq!(p.false_positive_rate, Some(0.0));
        assert!(close(p.f1, 0.5));

        let p = &c[4]; // 0.96: nothing flagged, precision undefined
        assert_eq!(p.hits, 0);
        assert_eq!(p.hit_rate, Some(0.0));
        assert_eq!(p.precision, None);
        assert_eq!(p.f1, None);

        assert_eq!(best_f1(&c).map(|p| p.threshold), Some(0.9));
        assert_eq!(best_hit_within_fpr(&c, 0.0).map(|p| p.threshold), Some(0.9));
        assert_eq!(
            best_hit_within_fpr(&c, 0.5).map(|p| p.threshold),
            Some(0.9),
            "equal hit rates: the higher threshold"
        );

        // At the threshold the outcomes were made with, the curve agrees
        // with Stats.
        let refs: Vec<&CaseOutcome> = v.iter().collect();
        let s = Stats::of(&refs);
        assert_eq!(s.hit_rate, c[2].hit_rate);
        assert_eq!(s.precision, c[2].precision);
        assert_eq!(s.f1, c[2].f1);
        assert_eq!(s.false_positive_rate, c[2].false_positive_rate);
    }

    #[test]
    fn curve_thresholds_are_exact_hundredths() {
        let t = curve_thresholds();
        assert_eq!(t.len(), 50);
        assert_eq!(t[0], 0.5);
        assert_eq!(t[30], 0.8);
        assert_eq!(t[49], 0.99);
        assert!(curve(&[] as &[CaseOutcome], &t)
            .iter()
            .all(|p| p.hit_rate.is_none() && p.false_positive_rate.is_none()));
    }
}
