//! `cordon goods CODE_OR_TEXT…`: HS codes and descriptions against the
//! export-control lists (see `cordon-goods`).

use anyhow::{Context, Result};
use clap::Args;
use cordon_goods::{hit_text, ControlHit, GoodsAnswer, GoodsCatalog};
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the goods data comes from (shared by `goods` and `shipment`).
#[derive(Debug, Args)]
pub struct GoodsDataArgs {
    /// Read the goods data from this folder instead of the copy built in:
    /// the layout of the repository's data/goods (hs_nomenclature_2022.csv,
    /// route_rules.csv, controls/*.csv, one file per list version; the
    /// newest version of each list is used).
    #[arg(long, value_name = "DIR")]
    pub goods_data: Option<PathBuf>,
}

impl GoodsDataArgs {
    pub fn catalog(&self) -> Result<GoodsCatalog> {
        match &self.goods_data {
            Some(dir) => GoodsCatalog::from_dir(dir)
                .with_context(|| format!("reading goods data from {}", dir.display())),
            None => GoodsCatalog::embedded().context("reading the built-in goods data"),
        }
    }
}

#[derive(Debug, Args)]
pub struct GoodsArgs {
    /// HS codes in any national form (8542.31, 854231, 8542.31.0000,
    /// 85423190; a heading 8542 or chapter 85 matches every listed code
    /// under it) or free-text descriptions ("ball bearings"). A text with
    /// only digits and . - or spaces is read as a code; an invalid code
    /// exits with status 2.
    #[arg(required = true, value_name = "CODE_OR_TEXT")]
    pub inputs: Vec<String>,
    /// Print a JSON array: per argument `{"type": "code", "input", "code",
    /// "level", "national", "description", "hits"}` or `{"type": "text",
    /// "input", "results"}`.
    #[arg(long)]
    pub json: bool,
    /// Results per free-text description.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    #[command(flatten)]
    pub data: GoodsDataArgs,
}

pub fn run(a: GoodsArgs) -> Result<ExitCode> {
    let catalog = a.data.catalog()?;
    let mut answers = Vec::new();
    let mut invalid = 0;
    for input in &a.inputs {
        match catalog.lookup(input, a.limit.max(1)) {
            Ok(answer) => answers.push(answer),
            Err(e) => {
                eprintln!("cordon: error: {e}");
                invalid += 1;
            }
        }
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&answers)?);
    } else {
        let lists: Vec<String> = catalog
            .lists()
            .iter()
            .map(|l| format!("{} {}", l.id.to_uppercase(), l.version))
            .collect();
        for (i, answer) in answers.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print_answer(answer, &lists.join(", "));
        }
    }
    Ok(if invalid > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_answer(answer: &GoodsAnswer, lists: &str) {
    match answer {
        GoodsAnswer::Code(c) => {
            println!(
                "{} → {} (HS 2022 {}{})",
                c.input.trim(),
                c.code,
                c.level.name(),
                c.national
                    .as_deref()
                    .map(|n| format!(", national digits {n}"))
                    .unwrap_or_default()
            );
            println!("  {}", c.description);
            print_hits(&c.hits, lists, "  ");
        }
        GoodsAnswer::Text { input, results } => {
            println!("{input:?} (description search)");
            if results.is_empty() {
                println!("  no heading or subheading shares a word with it");
            }
            for (n, r) in results.iter().enumerate() {
                println!(
                    "  {}. {}  {}  (score {:.2}; {})",
                    n + 1,
                    r.code,
                    r.description,
                    r.score,
                    r.why
                );
                print_hits(&r.hits, lists, "     ");
            }
        }
    }
}

fn print_hits(hits: &[ControlHit], lists: &str, indent: &str) {
    if hits.is_empty() {
        println!("{indent}not on any control list ({lists})");
    }
    for h in hits {
        println!("{indent}{} [{}]", hit_text(h), h.hs_code);
        println!("{indent}  why: {}", h.why);
    }
}
