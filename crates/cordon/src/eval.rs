//! `cordon eval`: match quality on labelled sets (see
//! `cordon_bench::eval`): the shared evaluation files and a set derived
//! from the loaded lists.

use crate::load::load_all;
use crate::ListArgs;
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, ValueEnum};
use cordon_bench::eval::{
    derived_alias_cases, evaluate, negative_cases, primary_names_only, script_pair_cases,
    un_positive_cases, without_original_script, EvalReport, Split,
};
use cordon_engine::{Entity, Index, DEFAULT_THRESHOLD};
use cordon_lists::{discover, load, ListFormat};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SetArg {
    /// `eval/candgen_positives_un_untreated.csv` against the UN list.
    UnPositives,
    /// `eval/candgen_negatives_us.csv` against every loaded list.
    Negatives,
    /// `eval/un_original_script_pairs.csv`: original-script names against
    /// the UN list with its original-script names left out.
    ScriptPairs,
    /// Spelling-variant aliases of the loaded lists against their primary
    /// names (the split chosen by --split).
    Aliases,
    /// Every set above.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    Tune,
    Holdout,
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
    /// How many worst misses and false alerts to show.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(lists: &ListArgs, a: EvalArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1, got {}", a.threshold);
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
    if want(SetArg::Negatives) || want(SetArg::Aliases) {
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
        if want(SetArg::Aliases) {
            let split = match a.split {
                SplitArg::Tune => Split::Tune,
                SplitArg::Holdout => Split::Holdout,
            };
            // One index per list: the same party on another list is
            // another id, not a wrong answer.
            let entities = loaded.index.entities();
            let mut lists: Vec<&str> = entities.iter().map(|e| e.list.as_str()).collect();
            lists.sort_unstable();
            lists.dedup();
            let half = if split == Split::Tune {
                "tune"
            } else {
                "holdout"
            };
            for list in lists {
                let of_list: Vec<Entity> = entities
                    .iter()
                    .filter(|e| e.list == list)
                    .cloned()
                    .collect();
                let cases = derived_alias_cases(&of_list, split);
                if cases.is_empty() {
                    continue;
                }
                let index = Index::build(primary_names_only(&of_list));
                let name = format!("aliases-{half}/{list}");
                reports.push(evaluate(&name, &index, &cases, a.threshold, a.worst));
            }
        }
    }
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"notes": notes, "reports": reports}))?
        );
    } else {
        for n in &notes {
            println!("{n}");
        }
        for r in &reports {
            println!("{}", r.to_table());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The UN list's entities: `--un FILE`, else the newest UN file found
/// under `shared/lists/un`.
fn un_entities(shared: &Path, explicit: Option<&Path>) -> Result<Vec<Entity>> {
    let path = match explicit {
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
    };
    let list = load(&cordon_lists::ListSource {
        format: ListFormat::UnSc,
        path: path.clone(),
    })
    .with_context(|| format!("loading {}", path.display()))?;
    Ok(list.entities)
}
