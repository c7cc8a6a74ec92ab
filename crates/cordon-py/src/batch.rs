//! One Arrow record batch of parties screened into one record batch of
//! results: `cordon batch`'s rules on Arrow columns.
//!
//! Input: the batch columns `id,name,kind,dob,country,id_number` (found by
//! name, any case; only `id` and `name` required; text columns, several
//! countries or identifiers separated by `;` or `|` as in the CSV). Each
//! row is checked and turned into a query by
//! `cordon_monitor::input::make_party`, the function the CSV reader of
//! `cordon batch` calls, and screened by `Index::screen_explaining` as the
//! batch does; a row that fails becomes a result row carrying `error`.
//!
//! Output: **one row per candidate**, in input order and rank order within
//! an input: `id` (the input's column, same type), `rank` (1 = best),
//! the fields of the CLI's match object (`entity_id`, `list`, `kind`,
//! `name`, `matched_name`, `score`, `match`, `programs`,
//! `dates_of_birth`, `countries`), `explanation` and `ownership` (JSON
//! text, null when absent), and `error`. An input with no candidate, or
//! whose row was refused, still has one row: its candidate fields null
//! (and `error` set for a refused row). Flat columns: what Spark's
//! `mapInArrow` and SQL engines take most easily.

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int32Builder, ListBuilder, StringBuilder,
};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch, UInt32Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use cordon_engine::{Explain, Index, Match, PartialDate, ScreenOptions};
use cordon_monitor::input::{make_party, split_list};
use rayon::prelude::*;
use std::sync::Arc;

/// How a batch is screened: `cordon batch`'s `--limit`, `--threshold`,
/// `--matches-only` and `--explain`.
#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    pub screen: ScreenOptions,
    pub matches_only: bool,
    pub explain: Explain,
}

impl BatchOptions {
    /// Whether a result carries its explanation (`--explain`).
    fn explains(&self, m: &Match) -> bool {
        match self.explain {
            Explain::None => false,
            Explain::Matches => m.is_match,
            Explain::All => true,
        }
    }
}

/// A text column, or an absent one (every value empty).
enum Text<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    Absent,
}

impl Text<'_> {
    /// Row `i`'s text; a null is empty, as an empty CSV field.
    fn get(&self, i: usize) -> &str {
        let (valid, s) = match self {
            Text::Utf8(a) => (a.is_valid(i), a.value(i)),
            Text::Large(a) => (a.is_valid(i), a.value(i)),
            Text::View(a) => (a.is_valid(i), a.value(i)),
            Text::Absent => return "",
        };
        if valid {
            s
        } else {
            ""
        }
    }
}

/// The position of column `name` (trimmed, any case, as the CSV header).
fn position(schema: &Schema, name: &str) -> Option<usize> {
    schema
        .fields()
        .iter()
        .position(|f| f.name().trim().eq_ignore_ascii_case(name))
}

/// Column `name` as text.
fn text<'a>(batch: &'a RecordBatch, name: &str) -> Result<Text<'a>, String> {
    let Some(i) = position(&batch.schema(), name) else {
        return Ok(Text::Absent);
    };
    let c = batch.column(i);
    match c.data_type() {
        DataType::Utf8 => Ok(Text::Utf8(c.as_string::<i32>())),
        DataType::LargeUtf8 => Ok(Text::Large(c.as_string::<i64>())),
        DataType::Utf8View => Ok(Text::View(c.as_string_view())),
        DataType::Null => Ok(Text::Absent),
        t => Err(format!("column {name}: expected text, found {t}")),
    }
}

/// The table's columns are usable: `id` and `name` present, the party
/// columns text. The message is the CSV reader's for a missing column.
pub fn check_schema(schema: &Schema) -> Result<(), String> {
    if position(schema, "id").is_none() || position(schema, "name").is_none() {
        return Err(format!(
            "table: the columns must include id and name (and optionally kind, dob, country, id_number); found {:?}",
            schema.fields().iter().map(|f| f.name().as_str()).collect::<Vec<_>>()
        ));
    }
    for name in ["name", "kind", "dob", "country", "id_number"] {
        if let Some(i) = position(schema, name) {
            let t = schema.field(i).data_type();
            if !matches!(
                t,
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
            ) {
                return Err(format!("column {name}: expected text, found {t}"));
            }
        }
    }
    Ok(())
}

/// The schema of the results for an input whose `id` column is `id`.
pub fn result_schema(id: &Field) -> SchemaRef {
    let text = |n: &str| Field::new(n, DataType::Utf8, true);
    let texts = |n: &str| {
        Field::new(
            n,
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            true,
        )
    };
    Arc::new(Schema::new(vec![
        Field::new("id", id.data_type().clone(), true),
        Field::new("rank", DataType::Int32, true),
        text("entity_id"),
        text("list"),
        text("kind"),
        text("name"),
        text("matched_name"),
        Field::new("score", DataType::Float64, true),
        Field::new("match", DataType::Boolean, true),
        texts("programs"),
        texts("dates_of_birth"),
        texts("countries"),
        text("explanation"),
        text("ownership"),
        text("error"),
    ]))
}

/// One candidate, its explanation and ownership findings already encoded.
struct Found {
    m: Match,
    explanation: Option<String>,
    ownership: Option<String>,
}

/// Screens every row of `batch` on rayon's pool. `first_row` is the
/// table row number (from 1) of the batch's first row, for messages.
pub fn screen(
    index: &Index,
    batch: &RecordBatch,
    first_row: usize,
    opts: &BatchOptions,
    today: PartialDate,
) -> Result<RecordBatch, String> {
    check_schema(&batch.schema())?;
    let (name, kind, dob, country, id_number) = (
        text(batch, "name")?,
        text(batch, "kind")?,
        text(batch, "dob")?,
        text(batch, "country")?,
        text(batch, "id_number")?,
    );
    let screened: Vec<Result<Vec<Found>, String>> = (0..batch.num_rows())
        .into_par_iter()
        .map(|i| {
            let party = make_party(
                name.get(i),
                kind.get(i),
                dob.get(i),
                split_list(country.get(i)),
                split_list(id_number.get(i)),
                today,
            )
            .map_err(|e| format!("row {}: {e}", first_row + i))?;
            let mut matches = index.screen_explaining(&party.query(), &opts.screen, opts.explain);
            if opts.matches_only {
                matches.retain(|m| m.is_match);
            }
            Ok(matches
                .into_iter()
                .map(|m| Found {
                    explanation: if opts.explains(&m) {
                        serde_json::to_string(&m.explanation).ok()
                    } else {
                        None
                    },
                    ownership: m
                        .ownership
                        .as_ref()
                        .and_then(|o| serde_json::to_string(o).ok()),
                    m,
                })
                .collect())
        })
        .collect();
    assemble(batch, screened)
}

/// The result batch: one row per candidate, one for an input without.
fn assemble(
    batch: &RecordBatch,
    screened: Vec<Result<Vec<Found>, String>>,
) -> Result<RecordBatch, String> {
    let rows: usize = screened
        .iter()
        .map(|r| r.as_ref().map_or(1, |f| f.len().max(1)))
        .sum();
    let mut source = Vec::with_capacity(rows);
    let mut rank = Int32Builder::with_capacity(rows);
    let mut entity_id = StringBuilder::new();
    let mut list = StringBuilder::new();
    let mut kind = StringBuilder::new();
    let mut name = StringBuilder::new();
    let mut matched_name = StringBuilder::new();
    let mut score = Float64Builder::with_capacity(rows);
    let mut is_match = BooleanBuilder::with_capacity(rows);
    let mut programs = ListBuilder::new(StringBuilder::new());
    let mut dobs = ListBuilder::new(StringBuilder::new());
    let mut countries = ListBuilder::new(StringBuilder::new());
    let mut explanation = StringBuilder::new();
    let mut ownership = StringBuilder::new();
    let mut error = StringBuilder::new();
    for (i, r) in screened.into_iter().enumerate() {
        let row = u32::try_from(i).map_err(|_| "a batch of more than 2^32 rows".to_string())?;
        let found = match r {
            Ok(found) if !found.is_empty() => found,
            r => {
                source.push(row);
                rank.append_null();
                for b in [
                    &mut entity_id,
                    &mut list,
                    &mut kind,
                    &mut name,
                    &mut matched_name,
                    &mut explanation,
                    &mut ownership,
                ] {
                    b.append_null();
                }
                score.append_null();
                is_match.append_null();
                programs.append_null();
                dobs.append_null();
                countries.append_null();
                error.append_option(r.err());
                continue;
            }
        };
        for (k, f) in found.into_iter().enumerate() {
            source.push(row);
            rank.append_value(i32::try_from(k + 1).unwrap_or(i32::MAX));
            entity_id.append_value(&f.m.entity_id);
            list.append_value(&f.m.list);
            kind.append_value(f.m.kind.as_str());
            name.append_value(&f.m.name);
            matched_name.append_value(&f.m.matched_name);
            score.append_value(f.m.score);
            is_match.append_value(f.m.is_match);
            programs.append_value(f.m.programs.iter().map(Some));
            dobs.append_value(f.m.dates_of_birth.iter().map(Some));
            countries.append_value(f.m.countries.iter().map(Some));
            explanation.append_option(f.explanation);
            ownership.append_option(f.ownership);
            error.append_null();
        }
    }
    let schema = batch.schema();
    let id_at = position(&schema, "id").ok_or("table: no id column")?;
    let ids = arrow_select::take::take(
        batch.column(id_at).as_ref(),
        &UInt32Array::from(source),
        None,
    )
    .map_err(|e| e.to_string())?;
    let columns: Vec<ArrayRef> = vec![
        ids,
        Arc::new(rank.finish()),
        Arc::new(entity_id.finish()),
        Arc::new(list.finish()),
        Arc::new(kind.finish()),
        Arc::new(name.finish()),
        Arc::new(matched_name.finish()),
        Arc::new(score.finish()),
        Arc::new(is_match.finish()),
        Arc::new(programs.finish()),
        Arc::new(dobs.finish()),
        Arc::new(countries.finish()),
        Arc::new(explanation.finish()),
        Arc::new(ownership.finish()),
        Arc::new(error.finish()),
    ];
    RecordBatch::try_new(result_schema(schema.field(id_at)), columns).map_err(|e| e.to_string())
}
