//! Shared set-up of the criterion benches: the 2024 SDN list when
//! `CORDON_DATA` is set, criterion settings that keep `cargo bench` short.

#![allow(dead_code)]

use cordon_engine::Entity;
use criterion::Criterion;
use std::path::PathBuf;
use std::time::Duration;

/// The 2024-05-03 OFAC SDN file under `$CORDON_DATA`, if present.
pub fn sdn_2024_path() -> Option<PathBuf> {
    let root = std::env::var_os("CORDON_DATA")?;
    let path = PathBuf::from(root).join("lists/ofac_sdn/2024-05-03/sdn.csv");
    path.is_file().then_some(path)
}

/// The entities of the 2024 SDN file, or `None` (with a skip message on
/// stderr naming `bench`) when `CORDON_DATA` is unset or the file is missing.
pub fn sdn_2024(bench: &str) -> Option<Vec<Entity>> {
    let Some(path) = sdn_2024_path() else {
        eprintln!(
            "{bench}: CORDON_DATA is unset or lists/ofac_sdn/2024-05-03/sdn.csv is missing; \
             skipping the SDN benches, benching the synthetic corpus only"
        );
        return None;
    };
    match cordon_lists::load(&cordon_lists::ListSource {
        format: cordon_lists::ListFormat::OfacSdn,
        path: path.clone(),
    }) {
        Ok(list) => Some(list.entities),
        Err(e) => {
            eprintln!(
                "{bench}: cannot load {}: {e}; skipping the SDN benches",
                path.display()
            );
            None
        }
    }
}

/// Small samples and short windows: the whole `cargo bench` run stays
/// within a few minutes on two cores.
pub fn quick() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

/// Seed of the synthetic corpora used by the benches.
pub const SEED: u64 = 1;
