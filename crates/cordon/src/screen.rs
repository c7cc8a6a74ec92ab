//! `cordon screen NAME`.

use crate::load::load_all;
use crate::output::print_matches;
use crate::{KindArg, ListArgs};
use anyhow::{anyhow, bail, Result};
use clap::Args;
use cordon_engine::{Gender, PartialDate, Query, ScreenOptions, DEFAULT_LIMIT, DEFAULT_THRESHOLD};
use serde::Serialize;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The name to screen, in any script and word order. May be left out
    /// when `--id` is given: the identifier alone then finds its holder.
    #[arg(required_unless_present = "ids")]
    pub name: Option<String>,
    /// Only consider entities of this kind.
    #[arg(long, value_enum, default_value = "any")]
    pub kind: KindArg,
    /// Date of birth: YYYY, YYYY-MM or YYYY-MM-DD (also DD.MM.YYYY).
    #[arg(long)]
    pub dob: Option<String>,
    /// Country (ISO code or name): nationality, citizenship, registration
    /// or address. Repeatable.
    #[arg(long)]
    pub country: Vec<String>,
    /// An identifier, `TYPE:VALUE` or a plain value. Repeatable. TYPE is one
    /// of imo, mmsi, bic (swift), lei, inn, ogrn (ogrnip), passport,
    /// national_id, tax_id, registration; `passport:RU:753129173` names the
    /// issuing country. Values are compared in their type's canonical form
    /// (IMO, LEI, INN, OGRN check digits are verified); a typed IMO, LEI,
    /// INN, OGRN, BIC or passport that differs from the list's lowers the
    /// score. A plain value is compared with every identifier.
    #[arg(long = "id", value_name = "TYPE:VALUE")]
    pub ids: Vec<String>,
    /// The person's gender: a conflict with the list lowers the score.
    #[arg(long, value_enum)]
    pub gender: Option<GenderArg>,
    #[command(flatten)]
    pub opts: MatchOpts,
    /// Print one JSON object `{"query", "snapshot", "matches"}`.
    #[arg(long)]
    pub json: bool,
    /// Print the full explanation of each result (table output).
    #[arg(long)]
    pub explain: bool,
}

/// `--gender`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum GenderArg {
    Male,
    Female,
}

impl From<GenderArg> for Gender {
    fn from(g: GenderArg) -> Gender {
        match g {
            GenderArg::Male => Gender::Male,
            GenderArg::Female => Gender::Female,
        }
    }
}

/// Options shared by `screen` and `batch`.
#[derive(Debug, Args, Clone, Copy)]
pub struct MatchOpts {
    /// Number of best candidates to return.
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
    /// Score at or above which a candidate is a match, in [0, 1].
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Keep only candidates at or above the threshold.
    #[arg(long)]
    pub matches_only: bool,
}

impl MatchOpts {
    pub fn screen_options(&self) -> Result<ScreenOptions> {
        if !(0.0..=1.0).contains(&self.threshold) {
            bail!(
                "--threshold must be between 0 and 1, got {}",
                self.threshold
            );
        }
        if self.limit == 0 {
            bail!("--limit must be at least 1");
        }
        Ok(ScreenOptions {
            limit: self.limit,
            threshold: self.threshold,
        })
    }
}

/// Today's date (UTC) for [`Query::validate`]: a date of birth after it
/// is refused.
pub fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    PartialDate::from_unix_seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// Parses a `--dob`/`dob` value with a message that names the field.
pub fn parse_dob(s: &str) -> Result<PartialDate> {
    PartialDate::parse(s)
        .ok_or_else(|| anyhow!("dob {s:?} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"))
}

#[derive(Serialize)]
struct ScreenOutput<'a> {
    query: &'a Query,
    snapshot: &'a str,
    matches: Vec<cordon_engine::Match>,
}

pub fn run(lists: &ListArgs, audit: &crate::audit::AuditArgs, a: ScreenArgs) -> Result<ExitCode> {
    let opts = a.opts.screen_options()?;
    let query = Query {
        name: a.name.clone().unwrap_or_default(),
        kind: a.kind.kind(),
        dob: a.dob.as_deref().map(parse_dob).transpose()?,
        countries: a.country.clone(),
        identifiers: a.ids.clone(),
        gender: a.gender.map(Gender::from),
    };
    query.validate(today())?;
    let loaded = load_all(lists)?;
    let mut matches = loaded.index.screen(&query, &opts);
    crate::audit::record_screen(lists, audit, &query, &loaded.snapshot, &matches)?;
    if a.opts.matches_only {
        matches.retain(|m| m.is_match);
    }
    if a.json {
        let out = ScreenOutput {
            query: &query,
            snapshot: &loaded.snapshot,
            matches,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        let label = match a.name.as_deref() {
            Some(n) if !n.trim().is_empty() => n.to_string(),
            _ => format!("identifiers {}", query.identifiers.join(", ")),
        };
        print_matches(&label, &loaded.snapshot, &matches, a.explain);
    }
    Ok(ExitCode::SUCCESS)
}
