//! The OFAC CSV four-file set: the input, split at 0x00 bytes, becomes
//! sdn.csv, add.csv, alt.csv and sdn_comments.csv; loading must return a
//! list or an error, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("cordon-fuzz-ofac-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&d);
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let names = ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"];
    let mut parts = data.splitn(4, |&b| b == 0);
    for name in names {
        let part = parts.next();
        let path = dir.join(name);
        match part {
            Some(p) => {
                let _ = std::fs::write(&path, p);
            }
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let _ = cordon_lists::ofac::load(cordon_lists::ListFormat::OfacSdn, &dir.join("sdn.csv"));
});
