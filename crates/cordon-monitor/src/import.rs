//! Importing a customer register file (`cordon monitor import`).

use crate::customer::CustomerRecord;
use crate::error::{MonitorError, Result};
use crate::input::{read, InputFormat, InputRecord};
use crate::store::{ImportStats, MonitorStore};
use serde_json::Value;
use std::io::Read;

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub stats: ImportStats,
    /// With `replace`: no customer was removed because a bad line had no
    /// readable id (it might have named a customer still there).
    pub replace_skipped: bool,
}

/// The customer id of a record: a non-empty string or a number.
fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What the read file is: its format, how messages name it, and the date
/// dates of birth are checked against (the caller's clock).
#[derive(Debug, Clone, Copy)]
pub struct ImportFile<'a> {
    pub format: InputFormat,
    pub name: &'a str,
    pub today: cordon_engine::PartialDate,
}

/// Reads `reader` and upserts every good record by id, one transaction per
/// chunk. A bad line is passed to `on_error` (`FILE:LINE: reason`) and
/// skipped; `progress` gets the number of lines read so far. With
/// `replace`, active customers the file does not name are marked removed
/// at the end (unless a bad line without a readable id makes that unsafe).
pub fn import(
    store: &mut dyn MonitorStore,
    reader: impl Read,
    file: &ImportFile<'_>,
    replace: bool,
    on_error: &mut dyn FnMut(&str),
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport> {
    let ImportFile {
        format,
        name,
        today,
    } = *file;
    let import_id = store.begin_import(name, replace)?;
    let mut stats = ImportStats::default();
    let mut unknown_bad = false;
    let mut lines = 0u64;
    read::<MonitorError>(reader, format, name, today, &mut |chunk: Vec<
        InputRecord,
    >| {
        lines += chunk.len() as u64;
        let mut good = Vec::with_capacity(chunk.len());
        let mut seen_bad = Vec::new();
        for r in chunk {
            let id = id_of(&r.id);
            match (id, r.party) {
                (Some(id), Ok(p)) if p.name.trim().is_empty() => {
                    // Batch screens a line by its identifiers alone; a
                    // customer is also searched for by its name when the
                    // lists change, so the register needs one.
                    stats.errors += 1;
                    seen_bad.push(id);
                    on_error(&format!(
                        "{name}:{}: field name: a customer needs a name",
                        r.line
                    ));
                }
                (Some(id), Ok(p)) => good.push((id, CustomerRecord::from(p))),
                (None, Ok(_)) => {
                    stats.errors += 1;
                    unknown_bad = true;
                    on_error(&format!("{name}:{}: field id: missing or empty", r.line));
                }
                (id, Err(e)) => {
                    stats.errors += 1;
                    match id {
                        Some(id) => seen_bad.push(id),
                        None => unknown_bad = true,
                    }
                    on_error(&e);
                }
            }
        }
        stats += store.upsert_customers(import_id, &good)?;
        store.mark_seen(import_id, &seen_bad)?;
        crate::pause::point("import-chunk");
        progress(lines);
        Ok(())
    })?;
    let replace_skipped = replace && unknown_bad;
    stats.removed = store.finish_import(import_id, replace && !unknown_bad, &stats)?;
    Ok(ImportReport {
        stats,
        replace_skipped,
    })
}
