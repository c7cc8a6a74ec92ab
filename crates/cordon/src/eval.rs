//! `cordon eval`: match quality on labelled sets (see
//! `cordon_bench::eval`): the shared evaluation files and a set derived
//! from the loaded lists.
//!
//! With `--curve` (or `--curve-csv FILE`) it also measures every threshold
//! from 0.50 to 0.99 from the same screening run: per set, and combined
//! (every positive set against the negatives; one combined curve per
//! alias split run).

mod cjk;
mod locale;

use crate::load::load_all;
use crate::ListArgs;
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, ValueEnum};
use cordon_bench::eval::compare_pairs::{self, PairReport};
use cordon_bench::eval::{
    acronyms, best_f1, best_hit_within_fpr, by_list, combine, curve, curve_table, curve_thresholds,
    derived_alias_cases, evaluate,
    name_knowledge::{self, name_knowledge_reports},
    negative_cases,
    other_scripts::{self, other_script_reports},
    primary_names_only, script_pair_cases, un_positive_cases, without_original_script, CaseOutcome,
    CurvePoint, EvalReport, Split,
};
use cordon_engine::{Entity, Index, DEFAULT_COMPARE_THRESHOLD, DEFAULT_THRESHOLD};
use cordon_lists::{discover, load, ListFormat};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The name of an alias report over every list (`aliases-holdout/all`).
const ALL_LISTS: &str = "all";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SetArg {
    /// `eval/candgen_positives_un_untreated.csv` against the UN list.
    UnPositives,
    /// `eval/candgen_negatives_us.csv` against every loaded list.
    Negatives,
    /// `eval/un_original_script_pairs.csv`: original-script names against
    /// the UN list with its original-script names left out.
    ScriptPairs,
    /// Aliases of the loaded lists against their primary names (the split
    /// chosen by --split), in two sets: full-name spelling variants
    /// (`aliases-…`) and partial names (`partial-aliases-…`).
    Aliases,
    /// Name pairs derived from the OFAC SDN list of 2024-05-03 and the UN
    /// list, the same party across both (positives) or different parties
    /// of one list with similar names (negatives), decided as `cordon
    /// compare` decides them (`--compare-threshold`): pairwise precision,
    /// recall and F1.
    ComparePairs,
    /// CJK negatives: Chinese, Korean and Japanese names in their own
    /// script that are on no loaded list, against every loaded list (the
    /// split chosen by --split).
    CjkNegatives,
    /// Hangul and Han names one syllable or character away from a name of
    /// their own small index, with controls that must match (the split
    /// chosen by --split).
    CjkNearMiss,
    /// Locale negatives: names of people and companies generated in
    /// sixteen locales (Persian, Arabic, Cyrillic, CJK, Turkish, Hebrew,
    /// Greek, Hindi, …; own script and Latin) that are on no loaded list,
    /// against every loaded list, with the alert rate per locale (the
    /// split chosen by --split).
    LocaleNegatives,
    /// Sets derived from the lists (the split chosen by --split):
    /// joined names (`IvanPetrov`), nicknames (`Bill` for William),
    /// numbers written as words (`Fifteen` for 15) and acronyms (`IRGC`
    /// for Islamic Revolutionary Guard Corps, and back), per list and
    /// `…/all`.
    NameKnowledge,
    /// Persons' names in katakana, Hebrew, Cyrillic or Greek as their list
    /// gives them, against the list with its names in other scripts left
    /// out (the split chosen by --split), per list and `…/all`.
    OtherScripts,
    /// Every set above.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    Tune,
    Holdout,
    /// Both halves, reported apart.
    Both,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Which set to run.
    #[arg(long, value_enum, default_value = "all")]
    pub set: SetArg,
    /// The shared data folder holding `eval/` and `lists/un/`
    /// (default: $CORDON_DATA).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// The UN list file (default: the newest UN file under SHARED/lists/un).
    #[arg(long, value_name = "FILE")]
    pub un: Option<PathBuf>,
    /// Half of the derived alias set: `tune` (rules may be tuned on it) or
    /// `holdout` (only measured).
    #[arg(long, value_enum, default_value = "holdout")]
    pub split: SplitArg,
    /// Decision threshold.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Decision threshold of the compare pair set (that of `cordon
    /// compare`).
    #[arg(long, default_value_t = DEFAULT_COMPARE_THRESHOLD, value_name = "SCORE")]
    pub compare_threshold: f64,
    /// Write the compare pair set's curve (both halves, thresholds 0.50 to
    /// 0.99) as CSV to FILE.
    #[arg(long, value_name = "FILE")]
    pub compare_curve_csv: Option<PathBuf>,
    /// How many worst misses and false alerts to show.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Also measure thresholds 0.50 to 0.99 (step 0.01) per set and
    /// combined (every positive set against the negatives), from the same
    /// screening run.
    #[arg(long)]
    pub curve: bool,
    /// Write the curves as CSV to FILE (one row per set and threshold).
    #[arg(long, value_name = "FILE")]
    pub curve_csv: Option<PathBuf>,
    /// The false-positive rate on negatives the curve summary keeps to when
    /// naming the threshold with the best hit rate.
    #[arg(long, default_value_t = 0.001, value_name = "RATE")]
    pub max_fpr: f64,
}

pub fn run(lists: &ListArgs, a: EvalArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1, got {}", a.threshold);
    }
    if !(0.0..=1.0).contains(&a.compare_threshold) {
        bail!(
            "--compare-threshold must be between 0 and 1, got {}",
            a.compare_threshold
        );
    }
    if !(0.0..=1.0).contains(&a.max_fpr) {
        bail!("--max-fpr must be between 0 and 1, got {}", a.max_fpr);
    }
    let shared = match a
        .shared
        .clone()
        .or_else(|| std::env::var_os("CORDON_DATA").map(PathBuf::from))
    {
        Some(p) => p,
        None => bail!("give --shared DIR or set CORDON_DATA to the shared data folder"),
    };
    let eval_dir = shared.join("eval");
    let want = |s: SetArg| a.set == s || a.set == SetArg::All;
    let mut reports: Vec<EvalReport> = Vec::new();
    let mut notes: Vec<String> = Vec::new();

    if want(SetArg::UnPositives) || want(SetArg::ScriptPairs) {
        let un = un_entities(&shared, a.un.as_deref())?;
        if want(SetArg::UnPositives) {
            let index = Index::build(un.clone());
            let (cases, unresolved) =
                un_positive_cases(&eval_dir.join("candgen_positives_un_untreated.csv"), &un)?;
            notes.push(format!(
                "un-positives: {} queries, {unresolved} without a UN entry of the same name (left out)",
                cases.len()
            ));
            reports.push(evaluate(
                "un-positives",
                &index,
                &cases,
                a.threshold,
                a.worst,
            ));
        }
        if want(SetArg::ScriptPairs) {
            let index = Index::build(without_original_script(&un));
            let cases = script_pair_cases(&eval_dir.join("un_original_script_pairs.csv"))?;
            reports.push(evaluate(
                "script-pairs",
                &index,
                &cases,
                a.threshold,
                a.worst,
            ));
        }
    }
    let splits: &[Split] = match a.split {
        SplitArg::Tune => &[Split::Tune],
        SplitArg::Holdout => &[Split::Holdout],
        SplitArg::Both => &[Split::Tune, Split::Holdout],
    };
    if want(SetArg::Negatives)
        || want(SetArg::Aliases)
        || want(SetArg::CjkNegatives)
        || want(SetArg::LocaleNegatives)
        || want(SetArg::NameKnowledge)
        || want(SetArg::OtherScripts)
    {
        let loaded = load_all(lists)?;
        if want(SetArg::Negatives) {
            let cases = negative_cases(&eval_dir.join("candgen_negatives_us.csv"))?;
            reports.push(evaluate(
                "negatives",
                &loaded.index,
                &cases,
                a.threshold,
                a.worst,
            ));
        }
        if want(SetArg::CjkNegatives) {
            let index = &loaded.index;
            cjk::negatives(
                index,
                splits,
                a.threshold,
                a.worst,
                &mut reports,
                &mut notes,
            )?;
        }
        if want(SetArg::LocaleNegatives) {
            locale::negatives(
                &loaded.index,
                splits,
                a.threshold,
                a.worst,
                &mut reports,
                &mut notes,
            )?;
        }
        for &split in splits.iter().filter(|_| want(SetArg::Aliases)) {
            // One index per list: the same party on another list is
            // another id, not a wrong answer.
            let half = split.name();
            for (list, of_list) in by_list(loaded.index.entities()) {
                let derived = derived_alias_cases(&of_list, split);
                if derived.variants.is_empty() && derived.partial.is_empty() {
                    continue;
                }
                let index = Index::build(primary_names_only(&of_list));
                for (set, cases) in [
                    ("aliases", &derived.variants),
                    ("partial-aliases", &derived.partial),
                ] {
                    if cases.is_empty() {
                        continue;
                    }
                    let name = format!("{set}-{half}/{list}");
                    reports.push(evaluate(&name, &index, cases, a.threshold, a.worst));
                }
            }
            // The whole half over every list: what the target is set on.
            for set in ["aliases", "partial-aliases"] {
                let prefix = format!("{set}-{half}/");
                let parts: Vec<&EvalReport> = reports
                    .iter()
                    .filter(|r| r.set.starts_with(&prefix))
                    .collect();
                if parts.len() > 1 {
                    let all = combine(&format!("{prefix}{ALL_LISTS}"), &parts, a.worst);
                    reports.push(all);
                }
            }
        }
        for &split in splits.iter().filter(|_| want(SetArg::NameKnowledge)) {
            let entities = loaded.index.entities();
            reports.extend(name_knowledge_reports(
                entities,
                split,
                a.threshold,
                a.worst,
            ));
            reports.extend(acronyms::acronym_reports(
                entities,
                split,
                a.threshold,
                a.worst,
            ));
        }
        if want(SetArg::OtherScripts) {
            // The loaded lists, and the OpenSanctions delta of the shared
            // folder (which `--data` does not load on its own): Japan's
            // and Israel's lists give names in katakana and Hebrew.
            let mut entities = loaded.index.entities().to_vec();
            let delta = shared.join(PAIRS_OPENSANCTIONS);
            let listed: std::collections::HashSet<String> =
                entities.iter().map(|e| e.list.clone()).collect();
            let more = load(&cordon_lists::ListSource {
                format: ListFormat::OpenSanctions,
                path: delta.clone(),
            })
            .with_context(|| format!("loading {}", delta.display()))?
            .entities;
            entities.extend(more.into_iter().filter(|e| !listed.contains(&e.list)));
            for &split in splits {
                reports.extend(other_script_reports(&entities, split, a.threshold, a.worst));
            }
        }
    }
    let pair_reports = if want(SetArg::ComparePairs) {
        compare_pair_reports(&shared, &a, &mut notes)?
    } else {
        Vec::new()
    };
    if want(SetArg::CjkNearMiss) {
        cjk::near_misses(splits, a.threshold, a.worst, &mut reports)?;
    }
    let curves = if a.curve || a.curve_csv.is_some() {
        curves_of(&reports)
    } else {
        Vec::new()
    };
    let summaries: Vec<CurveSummary> = curves
        .iter()
        .filter(|c| c.set.starts_with("combined"))
        .map(|c| CurveSummary::of(c, a.max_fpr))
        .collect();
    if let Some(path) = &a.curve_csv {
        write_curve_csv(path, &curves).with_context(|| format!("writing {}", path.display()))?;
    }
    if a.json {
        let mut out = serde_json::json!({"notes": notes, "reports": reports});
        if !pair_reports.is_empty() {
            out["pair_reports"] = serde_json::to_value(&pair_reports)?;
        }
        if a.curve {
            out["curves"] = serde_json::to_value(&curves)?;
            out["curve_summary"] = serde_json::to_value(&summaries)?;
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for n in &notes {
            println!("{n}");
        }
        for r in &reports {
            println!("{}", r.to_table());
        }
        for r in &pair_reports {
            println!("{}", r.to_table());
        }
        if a.curve {
            for c in &curves {
                println!("{}", curve_table(&c.set, &c.points));
            }
            for s in &summaries {
                println!("{}", s.to_line());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The curve of one set, or of a combination.
#[derive(Debug, serde::Serialize)]
struct NamedCurve {
    set: String,
    /// The sets it is made of.
    of: Vec<String>,
    points: Vec<CurvePoint>,
}

/// Per set, then combined: every positive set (UN positives, script
/// pairs, the aliases of one split) against the negatives, one combined
/// curve per alias split present (`combined-tune`, `combined-holdout`),
/// or `combined` without alias sets.
fn curves_of(reports: &[EvalReport]) -> Vec<NamedCurve> {
    let ts = curve_thresholds();
    // The all-lists alias reports repeat their per-list outcomes.
    let reports: Vec<&EvalReport> = reports
        .iter()
        .filter(|r| !r.set.ends_with(&format!("/{ALL_LISTS}")))
        .collect();
    let mut out: Vec<NamedCurve> = reports
        .iter()
        .map(|r| NamedCurve {
            set: r.set.clone(),
            of: vec![r.set.clone()],
            points: curve(&r.outcomes, &ts),
        })
        .collect();
    let halves: Vec<&str> = ["tune", "holdout"]
        .into_iter()
        .filter(|h| {
            reports
                .iter()
                .any(|r| r.set.starts_with(&format!("aliases-{h}/")))
        })
        .collect();
    let groups: Vec<(String, Option<&str>)> = if halves.is_empty() {
        vec![("combined".to_string(), None)]
    } else {
        halves
            .iter()
            .map(|h| (format!("combined-{h}"), Some(*h)))
            .collect()
    };
    for (name, half) in groups {
        let members: Vec<&EvalReport> = reports
            .iter()
            .copied()
            .filter(|r| {
                // Sets split in halves join their half's curve only.
                match ["aliases-", "partial-aliases-"]
                    .iter()
                    .chain(&name_knowledge::SET_PREFIXES)
                    .chain(&[acronyms::SET_PREFIX])
                    .chain(&[other_scripts::SET_PREFIX])
                    .find_map(|p| r.set.strip_prefix(p))
                {
                    Some(rest) => half.is_some_and(|h| rest.starts_with(&format!("{h}/"))),
                    None => true,
                }
            })
            .collect();
        if members.len() < 2 {
            continue;
        }
        let outcomes: Vec<&CaseOutcome> = members.iter().flat_map(|r| &r.outcomes).collect();
        out.push(NamedCurve {
            set: name,
            of: members.iter().map(|r| r.set.clone()).collect(),
            points: curve(outcomes, &ts),
        });
    }
    out
}

/// The two candidate thresholds of a combined curve.
#[derive(Debug, serde::Serialize)]
struct CurveSummary {
    set: String,
    max_fpr: f64,
    best_f1: Option<CurvePoint>,
    best_hit_within_fpr: Option<CurvePoint>,
}

impl CurveSummary {
    fn of(c: &NamedCurve, max_fpr: f64) -> CurveSummary {
        CurveSummary {
            set: c.set.clone(),
            max_fpr,
            best_f1: best_f1(&c.points).cloned(),
            best_hit_within_fpr: best_hit_within_fpr(&c.points, max_fpr).cloned(),
        }
    }

    fn to_line(&self) -> String {
        let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.2}%", v * 100.0));
        let point = |p: &Option<CurvePoint>| match p {
            Some(p) => format!(
                "{:.2} (hit {}, FPR {}, precision {}, F1 {})",
                p.threshold,
                pct(p.hit_rate),
                pct(p.false_positive_rate),
                pct(p.precision),
                pct(p.f1)
            ),
            None => "none".to_string(),
        };
        format!(
            "{}: best F1 at {}; best hit rate with FPR <= {} at {}",
            self.set,
            point(&self.best_f1),
            pct(Some(self.max_fpr)),
            point(&self.best_hit_within_fpr)
        )
    }
}

/// One CSV row per set and threshold; rates as fractions, empty when
/// undefined.
fn write_curve_csv(path: &Path, curves: &[NamedCurve]) -> Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record([
        "set",
        "threshold",
        "positives",
        "negatives",
        "hits",
        "recalled",
        "wrong_top_matches",
        "flagged_negatives",
        "hit_rate",
        "recall_any",
        "false_positive_rate",
        "precision",
        "f1",
    ])?;
    let rate = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.6}"));
    for c in curves {
        for p in &c.points {
            w.write_record([
                c.set.clone(),
                format!("{:.2}", p.threshold),
                p.positives.to_string(),
                p.negatives.to_string(),
                p.hits.to_string(),
                p.recalled.to_string(),
                p.wrong_top_matches.to_string(),
                p.flagged_negatives.to_string(),
                rate(p.hit_rate),
                rate(p.recall_any),
                rate(p.false_positive_rate),
                rate(p.precision),
                rate(p.f1),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// The UN list's entities: `--un FILE`, else the newest UN file found
/// under `shared/lists/un`.
fn un_entities(shared: &Path, explicit: Option<&Path>) -> Result<Vec<Entity>> {
    let path = un_file(shared, explicit)?;
    let list = load(&cordon_lists::ListSource {
        format: ListFormat::UnSc,
        path: path.clone(),
    })
    .with_context(|| format!("loading {}", path.display()))?;
    Ok(list.entities)
}

/// The SDN file the compare pair set is derived from.
const PAIRS_SDN: &str = "lists/ofac_sdn/2024-05-03/sdn.csv";
/// The OpenSanctions file whose merged entities link SDN and UN records.
const PAIRS_OPENSANCTIONS: &str = "lists/opensanctions/entities.delta.json";

/// The compare pair set (`cordon_bench::eval::compare_pairs`) derived from
/// the SDN file of 2024-05-03, the UN file and the OpenSanctions file,
/// scored without list weights as `cordon compare` scores, and with the
/// weights of both lists as `POST /compare` scores by default; one report
/// per half chosen by `--split`, with the curve CSV if asked (and, with
/// `--curve`, each half's best F1 in `notes`).
fn compare_pair_reports(
    shared: &Path,
    a: &EvalArgs,
    notes: &mut Vec<String>,
) -> Result<Vec<PairReport>> {
    let sdn_path = shared.join(PAIRS_SDN);
    let sdn = load(&cordon_lists::ListSource {
        format: ListFormat::OfacSdn,
        path: sdn_path.clone(),
    })
    .with_context(|| format!("loading {}", sdn_path.display()))?
    .entities;
    let un_path = un_file(shared, a.un.as_deref())?;
    let un = un_entities(shared, Some(&un_path))?;
    let mut links = compare_pairs::opensanctions_links(
        &shared.join(PAIRS_OPENSANCTIONS),
        &compare_pairs::un_dataids(&un_path)?,
    )?;
    links.extend(compare_pairs::document_links(&sdn, &un));
    // A pair linked both ways counts once (as an OpenSanctions link).
    links.sort();
    links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    let pairs = compare_pairs::derive_pairs(&sdn, &un, &links);
    notes.push(format!(
        "compare-pairs: {} SDN-UN links ({} through OpenSanctions), {} pairs ({} positives)",
        links.len(),
        links
            .iter()
            .filter(|l| l.source == compare_pairs::LinkSource::OpenSanctions)
            .count(),
        pairs.len(),
        pairs.iter().filter(|p| p.class.same()).count()
    ));
    let bare = compare_pairs::score_pairs(&Index::build(Vec::new()), &pairs);
    let both: Vec<Entity> = sdn.into_iter().chain(un).collect();
    let weighed = compare_pairs::score_pairs(&Index::build(both), &pairs);
    let halves: &[(Split, &str)] = match a.split {
        SplitArg::Tune => &[(Split::Tune, "tune")],
        SplitArg::Holdout => &[(Split::Holdout, "holdout")],
        SplitArg::Both => &[(Split::Tune, "tune"), (Split::Holdout, "holdout")],
    };
    let mut out = Vec::new();
    let mut curve_rows = String::from("set,threshold,pairs,positives,true_positives,false_positives,false_negatives,precision,recall,f1\n");
    for (scored, set) in [
        (&bare, "compare-pairs"),
        (&weighed, "compare-pairs-with-lists"),
    ] {
        for &(split, half) in halves {
            let part: Vec<_> = scored
                .iter()
                .filter(|p| p.pair.split == split)
                .cloned()
                .collect();
            let name = format!("{set}-{half}");
            out.push(compare_pairs::pair_report(
                &name,
                &part,
                a.compare_threshold,
                a.worst,
            ));
            for p in compare_pairs::pair_curve(&part) {
                let f = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.6}"));
                let s = &p.stats;
                curve_rows.push_str(&format!(
                    "{name},{:.2},{},{},{},{},{},{},{},{}\n",
                    p.threshold,
                    s.pairs,
                    s.positives,
                    s.true_positives,
                    s.false_positives,
                    s.false_negatives,
                    f(s.precision),
                    f(s.recall),
                    f(s.f1)
                ));
            }
            if a.curve {
                let points = compare_pairs::pair_curve(&part);
                if let Some(b) = compare_pairs::best_pair_f1(&points) {
                    notes.push(format!(
                        "{name}: best F1 {:.4} at threshold {:.2} (precision {:.4}, recall {:.4})",
                        b.stats.f1.unwrap_or(0.0),
                        b.threshold,
                        b.stats.precision.unwrap_or(0.0),
                        b.stats.recall.unwrap_or(0.0)
                    ));
                }
            }
        }
    }
    if let Some(path) = &a.compare_curve_csv {
        std::fs::write(path, curve_rows).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(out)
}

/// The UN list file: `--un FILE`, else the newest UN file found under
/// `shared/lists/un`.
fn un_file(shared: &Path, explicit: Option<&Path>) -> Result<PathBuf> {
    Ok(match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let dir = shared.join("lists/un");
            let found = discover(&dir).with_context(|| format!("reading {}", dir.display()))?;
            found
                .sources
                .into_iter()
                .find(|s| s.format == ListFormat::UnSc)
                .map(|s| s.path)
                .ok_or_else(|| anyhow!("no UN list file found in {}", dir.display()))?
        }
    })
}
