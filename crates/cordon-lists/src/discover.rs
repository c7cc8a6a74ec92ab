//! Finding lists in a folder by their official file names.

use crate::{ListError, ListFormat, ListSource, Result};
use std::path::{Path, PathBuf};

/// What [`discover`] found in a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// One source per primary file found, in [`ListFormat::ALL`] order.
    pub sources: Vec<ListSource>,
    /// Everything in the folder that is not part of a list: other files,
    /// sub-folders, and companion files whose primary file is missing.
    /// Sorted by path.
    pub ignored: Vec<PathBuf>,
}

/// Looks (non-recursively) in `dir` for official list files, recognised by
/// name, case-insensitive: `sdn.csv` with `add.csv`, `alt.csv`,
/// `sdn_comments.csv`; `cons_prim.csv` with `cons_add.csv`, `cons_alt.csv`,
/// `cons_comments.csv`. Companions belong to their primary file's source;
/// everything else is listed in [`Discovery::ignored`].
pub fn discover(dir: &Path) -> Result<Discovery> {
    let mut entries = list_dir(dir)?;
    entries.sort();
    let mut found = Discovery::default();
    let mut claimed = vec![false; entries.len()];
    for format in ListFormat::ALL {
        let Some(primary) = entries
            .iter()
            .position(|p| p.is_file() && name_is(p, format.primary_file()))
        else {
            continue;
        };
        claimed[primary] = true;
        for companion in format.companion_files() {
            for (i, p) in entries.iter().enumerate() {
                if p.is_file() && is_companion_name(p, companion) {
                    claimed[i] = true;
                }
            }
        }
        found.sources.push(ListSource {
            format,
            path: entries[primary].clone(),
        });
    }
    found.ignored = entries
        .into_iter()
        .zip(claimed)
        .filter(|(_, c)| !c)
        .map(|(p, _)| p)
        .collect();
    Ok(found)
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| ListError::io(dir, e))?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| ListError::io(dir, e))?;
        out.push(entry.path());
    }
    Ok(out)
}

fn name_is(path: &Path, official: &str) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case(official))
}

/// Companion names also match the spelling in OFAC's data specification
/// ("SDN COMMENTS.CSV", with a space).
fn is_companion_name(path: &Path, official: &str) -> bool {
    name_is(path, official) || name_is(path, &official.replace('_', " "))
}

/// The file in `dir` whose name is `official` (case-insensitive), if any.
pub(crate) fn find_official(dir: &Path, official: &str) -> Result<Option<PathBuf>> {
    let mut entries = list_dir(dir)?;
    entries.sort();
    Ok(entries
        .into_iter()
        .find(|p| p.is_file() && is_companion_name(p, official)))
}
