//! Integration tests of cordon-lists, in one test binary.

mod bounds;
mod discovery;
mod eu;
mod fixtures;
mod identifier_types;
mod ofac_xml;
mod opensanctions;
mod real_data;
mod sample;
mod truncation;
mod uk;
mod un;
mod us_csl;

use cordon_engine::Entity;
use cordon_lists::LoadedList;
use std::path::PathBuf;

/// The entity with this id; panics naming it when it is missing.
pub fn entity<'a>(list: &'a LoadedList, id: &str) -> &'a Entity {
    list.entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

/// A fixture folder under `tests/data/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A file under `$CORDON_DATA`, `None` (saying why) when it is not set; a
/// set `CORDON_DATA` without the file fails.
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    let Ok(root) = std::env::var("CORDON_DATA") else {
        println!("skipping: CORDON_DATA not set");
        return None;
    };
    let path = PathBuf::from(root).join(rel);
    assert!(
        path.exists(),
        "CORDON_DATA is set but {} does not exist",
        path.display()
    );
    Some(path)
}
