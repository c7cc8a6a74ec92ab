//! `Screener`: the lists loaded as the CLI loads them, and the questions
//! the CLI answers about them (`screen`, `batch`, `compare`, `lists`),
//! plus `goods`. Answers are JSON text in the CLI's shapes (the Python
//! half decodes them) or Arrow streams.

use crate::arrow_io::{read_table, ArrowStream};
use crate::batch::{self, BatchOptions};
use crate::{cordon_error, error_text};
use cordon_engine::{
    EntityKind, Explain, Gender, Index, PartialDate, Party, Query, ScreenOptions, DEFAULT_THRESHOLD,
};
use cordon_goods::GoodsCatalog;
use cordon_store::choose::ListChoice;
use cordon_store::{utc_date, SnapshotInfo, DEFAULT_MAX_AGE_DAYS};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Today's date (UTC), which a date of birth may not be after.
fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    PartialDate::from_unix_seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// A threshold in [0, 1].
fn check_threshold(t: f64) -> PyResult<f64> {
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err(cordon_error(format!(
            "threshold must be between 0 and 1, got {t}"
        )))
    }
}

/// `limit` and `threshold` as screening options.
fn options(limit: usize, threshold: f64) -> PyResult<ScreenOptions> {
    if limit == 0 {
        return Err(cordon_error("limit must be at least 1"));
    }
    Ok(ScreenOptions {
        limit,
        threshold: check_threshold(threshold)?,
    })
}

/// A kind name, `None` for "any" or nothing.
fn kind_of(kind: Option<&str>) -> PyResult<Option<EntityKind>> {
    match kind.map(str::trim) {
        None | Some("") => Ok(None),
        Some(k) if k.eq_ignore_ascii_case("any") => Ok(None),
        Some(k) => EntityKind::parse(k).map(Some).ok_or_else(|| {
            cordon_error(format!(
                "kind: unknown kind {k:?} (person, organization, vessel, aircraft, any)"
            ))
        }),
    }
}

/// A date of birth, with the CLI's message.
fn dob_of(dob: Option<&str>) -> PyResult<Option<PartialDate>> {
    match dob.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => PartialDate::parse(s).map(Some).ok_or_else(|| {
            cordon_error(format!(
                "dob {s:?} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
            ))
        }),
    }
}

fn gender_of(gender: Option<&str>) -> PyResult<Option<Gender>> {
    match gender.map(|g| g.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") => Ok(None),
        Some("male") => Ok(Some(Gender::Male)),
        Some("female") => Ok(Some(Gender::Female)),
        Some(g) => Err(cordon_error(format!(
            "gender: unknown gender {g:?} (male, female)"
        ))),
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| cordon_error(e.to_string()))
}

/// The native screener (see `cordon.Screener`).
#[pyclass(module = "cordon._cordon", frozen)]
pub struct Screener {
    index: Index,
    info: SnapshotInfo,
    notes: Vec<String>,
    threshold: f64,
}

#[pymethods]
impl Screener {
    #[new]
    #[pyo3(signature = (data=None, lists=Vec::new(), threshold=None, max_age=None, ownership=Vec::new(), ownership_rules=None, ownership_date=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        data: Option<PathBuf>,
        lists: Vec<String>,
        threshold: Option<f64>,
        max_age: Option<u32>,
        ownership: Vec<PathBuf>,
        ownership_rules: Option<PathBuf>,
        ownership_date: Option<String>,
    ) -> PyResult<Screener> {
        let threshold = check_threshold(threshold.unwrap_or(DEFAULT_THRESHOLD))?;
        let max_age = match max_age {
            Some(d) => d,
            None => match std::env::var("CORDON_MAX_AGE_DAYS") {
                Ok(v) => v.trim().parse().map_err(|_| {
                    cordon_error(format!("CORDON_MAX_AGE_DAYS {v:?} is not a number of days"))
                })?,
                Err(_) => DEFAULT_MAX_AGE_DAYS,
            },
        };
        let choice = ListChoice {
            data,
            lists,
            max_age,
            ownership,
            ownership_rules,
            ownership_date,
        };
        let (snapshot, notes) = py.detach(|| {
            let mut notes = Vec::new();
            let s = choice.snapshot(&mut |n| notes.push(n));
            (s, notes)
        });
        let (index, info) = snapshot
            .map_err(|e| cordon_error(error_text(&e)))?
            .into_parts();
        Ok(Screener {
            index,
            info,
            notes,
            threshold,
        })
    }

    /// The content version of the loaded lists (`cordon screen --json`'s
    /// `snapshot`).
    #[getter]
    fn snapshot(&self) -> &str {
        &self.info.version
    }

    /// The default threshold of this screener.
    #[getter]
    fn threshold(&self) -> f64 {
        self.threshold
    }

    /// What the CLI would print on stderr while loading (superseded and
    /// ignored files, load warnings, stale lists).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    /// Entities in the index.
    fn __len__(&self) -> usize {
        self.index.len()
    }

    /// The loaded lists as JSON: `cordon lists --json`'s `lists`.
    fn lists_json(&self) -> PyResult<String> {
        let today = utc_date(std::time::SystemTime::now());
        let stale = self.info.stale(today);
        let lists: Vec<serde_json::Value> = self
            .info
            .lists
            .iter()
            .map(|l| l.to_json(today, &stale))
            .collect();
        to_json(&lists)
    }

    /// Screens one party; the matches as JSON (`cordon screen --json`'s
    /// `matches`).
    #[pyo3(signature = (name, kind=None, dob=None, country=Vec::new(), identifiers=Vec::new(), gender=None, limit=cordon_engine::DEFAULT_LIMIT, threshold=None))]
    #[allow(clippy::too_many_arguments)]
    fn screen_json(
        &self,
        py: Python<'_>,
        name: Option<String>,
        kind: Option<&str>,
        dob: Option<&str>,
        country: Vec<String>,
        identifiers: Vec<String>,
        gender: Option<&str>,
        limit: usize,
        threshold: Option<f64>,
    ) -> PyResult<String> {
        let opts = options(limit, threshold.unwrap_or(self.threshold))?;
        let query = Query {
            name: name.unwrap_or_default(),
            kind: kind_of(kind)?,
            dob: dob_of(dob)?,
            countries: country,
            identifiers,
            gender: gender_of(gender)?,
        };
        query
            .validate(today())
            .map_err(|e| cordon_error(error_text(&e)))?;
        let matches = py.detach(|| self.index.screen(&query, &opts));
        to_json(&matches)
    }

    /// Screens every row of an Arrow table (`cordon batch`'s columns) on
    /// every core; the results as an Arrow stream, one row per candidate
    /// (see `batch`).
    #[pyo3(signature = (table, limit=cordon_engine::DEFAULT_LIMIT, threshold=None, matches_only=false, explain="matches"))]
    fn screen_batch(
        &self,
        py: Python<'_>,
        table: &Bound<'_, PyAny>,
        limit: usize,
        threshold: Option<f64>,
        matches_only: bool,
        explain: &str,
    ) -> PyResult<ArrowStream> {
        let opts = BatchOptions {
            screen: options(limit, threshold.unwrap_or(self.threshold))?,
            matches_only,
            explain: match explain {
                "none" => Explain::None,
                "matches" => Explain::Matches,
                "all" => Explain::All,
                other => {
                    return Err(cordon_error(format!(
                        "explain: {other:?} is not one of none, matches, all"
                    )))
                }
            },
        };
        let (schema, batches) = read_table(table)?;
        batch::check_schema(&schema).map_err(cordon_error)?;
        let id = schema
            .fields()
            .iter()
            .find(|f| f.name().trim().eq_ignore_ascii_case("id"))
            .cloned()
            .ok_or_else(|| cordon_error("table: no id column"))?;
        let today = today();
        let results = py.detach(|| {
            let mut first_row = 1;
            let mut out = Vec::with_capacity(batches.len());
            for b in &batches {
                // Slices bound the results held at once for a table given
                // as one huge batch.
                let mut offset = 0;
                while offset < b.num_rows() {
                    let len = (b.num_rows() - offset).min(cordon_monitor::input::CHUNK);
                    let slice = b.slice(offset, len);
                    out.push(batch::screen(
                        &self.index,
                        &slice,
                        first_row + offset,
                        &opts,
                        today,
                    )?);
                    offset += len;
                }
                first_row += b.num_rows();
            }
            Ok::<_, String>(out)
        });
        let results = results.map_err(cordon_error)?;
        Ok(ArrowStream::new(batch::result_schema(&id), results))
    }

    /// Compares two names; the comparison as JSON (`cordon compare
    /// --json`). Words weigh alike unless `with_lists` (then by their
    /// rarity in the loaded lists, `--with-lists`). The match is decided
    /// at the compare threshold unless `threshold` is given, as `cordon
    /// compare` decides it (not at the screener's screening threshold).
    #[pyo3(signature = (a, b, kind=None, threshold=None, with_lists=false))]
    fn compare_json(
        &self,
        py: Python<'_>,
        a: String,
        b: String,
        kind: Option<&str>,
        threshold: Option<f64>,
        with_lists: bool,
    ) -> PyResult<String> {
        let threshold =
            check_threshold(threshold.unwrap_or(cordon_engine::DEFAULT_COMPARE_THRESHOLD))?;
        let kind = kind_of(kind)?;
        let pa = Party {
            name: a,
            kind,
            ..Party::default()
        };
        let pb = Party {
            name: b,
            kind,
            ..Party::default()
        };
        let today = today();
        pa.validate(today)
            .map_err(|e| cordon_error(format!("first name: {}", error_text(&e))))?;
        pb.validate(today)
            .map_err(|e| cordon_error(format!("second name: {}", error_text(&e))))?;
        let c = py.detach(|| {
            if with_lists {
                self.index.compare(&pa, &pb, threshold)
            } else {
                cordon_engine::compare(&pa, &pb, threshold)
            }
        });
        to_json(&c)
    }
}

/// The built-in goods data, read once.
fn catalog() -> PyResult<&'static GoodsCatalog> {
    static CATALOG: OnceLock<Result<GoodsCatalog, String>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            GoodsCatalog::embedded()
                .map_err(|e| format!("reading the built-in goods data: {}", error_text(&e)))
        })
        .as_ref()
        .map_err(|e| cordon_error(e.clone()))
}

/// An HS code (any national form) or a goods description against the
/// export-control lists; the answer as JSON (`cordon goods --json`'s
/// element).
#[pyfunction]
#[pyo3(signature = (code, limit=5))]
pub fn goods(code: &str, limit: usize) -> PyResult<String> {
    let answer = catalog()?
        .lookup(code, limit.max(1))
        .map_err(|e| cordon_error(e.to_string()))?;
    to_json(&answer)
}
