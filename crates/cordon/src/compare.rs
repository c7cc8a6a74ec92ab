//! `cordon compare A B` and `cordon compare --pairs FILE`.

use crate::load::load_all;
use crate::screen::{parse_dob, today};
use crate::{KindArg, ListArgs};
use anyhow::{bail, Context, Result};
use clap::Args;
use cordon_engine::{EntityKind, Index, Party, DEFAULT_COMPARE_THRESHOLD};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// First name.
    #[arg(required_unless_present = "pairs")]
    pub a: Option<String>,
    /// Second name.
    #[arg(required_unless_present = "pairs")]
    pub b: Option<String>,
    /// Kind of both parties (only used to pick name rules).
    #[arg(long, value_enum, default_value = "any")]
    pub kind: KindArg,
    /// JSONL (`{"id","kind","a","b"}`, a/b a name or an object with name,
    /// dob, country, identifiers) or CSV (`id,name1,name2,kind`); writes one
    /// JSONL `{"id","score","match","explanation"}` per pair to stdout.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["a", "b"])]
    pub pairs: Option<PathBuf>,
    /// Score at or above which the pair is a match. The default is the
    /// compare threshold, calibrated on labelled name pairs without list
    /// weights (docs/calibration.md), not the screening threshold.
    #[arg(long, default_value_t = DEFAULT_COMPARE_THRESHOLD)]
    pub threshold: f64,
    /// Weigh words by their rarity in the loaded lists (default: every word
    /// weighs alike, so no lists are needed).
    #[arg(long)]
    pub with_lists: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct PairOut<'a> {
    id: &'a Value,
    score: Option<f64>,
    #[serde(rename = "match")]
    is_match: Option<bool>,
    explanation: Option<cordon_engine::Explanation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// One side of a pair in a JSONL pairs file.
#[derive(Deserialize)]
#[serde(untagged)]
enum Side {
    Name(String),
    Party {
        /// May be left out when identifiers are given.
        #[serde(default)]
        name: String,
        #[serde(default)]
        dob: Option<String>,
        #[serde(default)]
        country: Option<Value>,
        #[serde(default)]
        identifiers: Option<Value>,
    },
}

fn strings(v: Option<Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s],
        Some(Value::Array(a)) => a
            .into_iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Some(Value::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

fn side_party(s: Side, kind: Option<EntityKind>) -> Result<Party> {
    Ok(match s {
        Side::Name(name) => Party {
            name,
            kind,
            ..Party::default()
        },
        Side::Party {
            name,
            dob,
            country,
            identifiers,
        } => Party {
            name,
            kind,
            dob: dob
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(parse_dob)
                .transpose()?,
            countries: strings(country),
            identifiers: strings(identifiers),
            gender: None,
        },
    })
}

pub fn run(lists: &ListArgs, a: CompareArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1, got {}", a.threshold);
    }
    let index = if a.with_lists {
        load_all(lists)?.index
    } else {
        Index::build(Vec::new())
    };
    if let Some(path) = &a.pairs {
        return pairs(&index, path, a.threshold);
    }
    let (Some(x), Some(y)) = (a.a, a.b) else {
        bail!("give two names, or --pairs FILE");
    };
    let kind = a.kind.kind();
    let pa = Party {
        name: x,
        kind,
        ..Party::default()
    };
    let pb = Party {
        name: y,
        kind,
        ..Party::default()
    };
    let today = today();
    pa.validate(today).context("first name")?;
    pb.validate(today).context("second name")?;
    let c = index.compare(&pa, &pb, a.threshold);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&c)?);
    } else {
        println!(
            "score {:.3}  match {}",
            c.score,
            if c.is_match { "YES" } else { "no" }
        );
        print!("{}", c.explanation.to_text());
    }
    Ok(ExitCode::SUCCESS)
}

fn pairs(index: &Index, path: &Path, threshold: f64) -> Result<ExitCode> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let today = today();
    let mut emit = |id: &Value, line: usize, r: Result<(Party, Party)>| -> Result<()> {
        // The engine's checks on both sides (names, countries, dates,
        // sizes); the pair's error names the file, line and side.
        let r = r.and_then(|(pa, pb)| {
            let at = |side: &str| format!("{}:{line}: side {side}", path.display());
            pa.validate(today).with_context(|| at("a"))?;
            pb.validate(today).with_context(|| at("b"))?;
            Ok((pa, pb))
        });
        let rec = match r {
            Ok((pa, pb)) => {
                let c = index.compare(&pa, &pb, threshold);
                PairOut {
                    id,
                    score: Some(c.score),
                    is_match: Some(c.is_match),
                    explanation: Some(c.explanation),
                    error: None,
                }
            }
            Err(e) => PairOut {
                id,
                score: None,
                is_match: None,
                explanation: None,
                error: Some(format!("{e:#}")),
            },
        };
        serde_json::to_writer(&mut out, &rec)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    if is_csv {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(file);
        for (i, rec) in rdr.records().enumerate() {
            let line = i + 2;
            match rec {
                Ok(r) => {
                    let id = Value::String(r.get(0).unwrap_or("").to_string());
                    let parsed = (|| -> Result<(Party, Party)> {
                        let (Some(n1), Some(n2)) = (r.get(1), r.get(2)) else {
                            bail!(
                                "{}:{line}: expected columns id,name1,name2,kind",
                                path.display()
                            );
                        };
                        let kind = kind_field(r.get(3).unwrap_or(""), path, line)?;
                        Ok((
                            Party {
                                name: n1.to_string(),
                                kind,
                                ..Party::default()
                            },
                            Party {
                                name: n2.to_string(),
                                kind,
                                ..Party::default()
                            },
                        ))
                    })();
                    emit(&id, line, parsed)?;
                }
                Err(e) => emit(
                    &Value::Null,
                    line,
                    Err(anyhow::anyhow!("{}:{line}: {e}", path.display())),
                )?,
            }
        }
    } else {
        for (i, line) in BufReader::new(file).lines().enumerate() {
            let n = i + 1;
            let line = line.with_context(|| format!("{}:{n}: reading", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = match serde_json::from_str(&line) {
                Ok(v) => v,
                Err(e) => {
                    emit(
                        &Value::Null,
                        n,
                        Err(anyhow::anyhow!("{}:{n}: not JSON: {e}", path.display())),
                    )?;
                    continue;
                }
            };
            let id = v.get("id").cloned().unwrap_or(Value::Null);
            let parsed = (|| -> Result<(Party, Party)> {
                let kind =
                    kind_field(v.get("kind").and_then(Value::as_str).unwrap_or(""), path, n)?;
                let side = |k: &str| -> Result<Party> {
                    let s: Side = serde_json::from_value(v.get(k).cloned().unwrap_or(Value::Null))
                        .with_context(|| {
                            format!(
                                "{}:{n}: field {k:?} must be a name or an object with \"name\"",
                                path.display()
                            )
                        })?;
                    side_party(s, kind)
                        .with_context(|| format!("{}:{n}: field {k:?}", path.display()))
                };
                Ok((side("a")?, side("b")?))
            })();
            emit(&id, n, parsed)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn kind_field(s: &str, path: &Path, line: usize) -> Result<Option<EntityKind>> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("any") {
        return Ok(None);
    }
    match EntityKind::parse(s) {
        Some(k) => Ok(Some(k)),
        None => bail!("{}:{line}: field kind: unknown kind {s:?}", path.display()),
    }
}
