//! Integration tests of cordon-lists, in one test binary.

mod discovery;
mod eu;
mod fixtures;
mod ofac_xml;
mod opensanctions;
mod real_data;
mod sample;
mod uk;
mod un;
mod us_csl;

use std::path::PathBuf;

/// A fixture folder under `tests/data/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}
