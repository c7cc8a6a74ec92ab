//! Differences between two versions of the lists, entity by entity.

use crate::snapshot::resolve_dir;
use crate::{Result, StoreError};
use cordon_engine::Entity;
use cordon_lists::{discover, format_of_name, load, ListFormat, ListSource};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Entities added, removed and changed, by id. `cordon diff --json` prints
/// exactly this shape.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<Changed>,
}

/// An entity present in both versions whose content differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub id: String,
    /// The entity fields that differ (`names`, `dates_of_birth`,
    /// `programs`, `identifiers`, `addresses`, `countries`, `links`,
    /// `remarks`, `kind`, ...), in alphabetical order. Provenance (file and
    /// line) is not compared.
    pub fields: Vec<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares two sets of entities by id. Ids are listed in a natural order
/// (list, then numeric source id).
pub fn diff(old: &[Entity], new: &[Entity]) -> Diff {
    let old: BTreeMap<_, _> = old.iter().map(|e| (sort_key(e), e)).collect();
    let new: BTreeMap<_, _> = new.iter().map(|e| (sort_key(e), e)).collect();
    let mut out = Diff::default();
    for (key, o) in &old {
        match new.get(key) {
            None => out.removed.push(o.id.clone()),
            Some(n) => {
                let fields = changed_fields(o, n);
                if !fields.is_empty() {
                    out.changed.push(Changed {
                        id: o.id.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for (key, n) in &new {
        if !old.contains_key(key) {
            out.added.push(n.id.clone());
        }
    }
    out
}

fn sort_key(e: &Entity) -> (String, u64, String) {
    (
        e.list.clone(),
        e.source_id.parse().unwrap_or(u64::MAX),
        e.id.clone(),
    )
}

/// The serialised fields of two entities that differ, provenance aside.
fn changed_fields(a: &Entity, b: &Entity) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return vec!["entity".to_string()];
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| k.as_str() != "provenance")
        .filter(|k| a.get(k.as_str()) != b.get(k.as_str()))
        .cloned()
        .collect()
}

/// The entities of a list file or a data folder. A file is read in
/// `format`, or in the format its name tells ([`format_of_name`]: official
/// names and dated variants such as `sdn_2024-05-01.csv`). A folder is
/// discovered like `--data` (the newest version of each list; the current
/// snapshot of a store).
pub fn load_entities(path: &Path, format: Option<ListFormat>) -> Result<Vec<Entity>> {
    let meta = std::fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
    if meta.is_dir() {
        let dir = resolve_dir(path)?;
        let found = discover(&dir)?;
        let sources: Vec<ListSource> = match format {
            Some(f) => found
                .sources
                .into_iter()
                .filter(|s| s.format == f)
                .collect(),
            None => found.sources,
        };
        if sources.is_empty() {
            return Err(StoreError::Empty { path: dir });
        }
        let mut out = Vec::new();
        for s in &sources {
            out.extend(load(s)?.entities);
        }
        return Ok(out);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format =
        format
            .or_else(|| format_of_name(&name))
            .ok_or_else(|| StoreError::UnknownFormat {
                path: path.to_path_buf(),
            })?;
    let list = load(&ListSource {
        format,
        path: path.to_path_buf(),
    })?;
    Ok(list.entities)
}
