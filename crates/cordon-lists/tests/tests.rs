//! Integration tests of cordon-lists, in one test binary.

mod discovery;
mod eu;
mod fixtures;
mod real_data;
mod sample;
mod ofac_xml;
mod opensanctions;
mod us_csl;
mod uk;
mod un;

use std::path::PathBuf;

/// A fixture folder under `tests/data/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}
