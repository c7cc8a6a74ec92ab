//! Embeds the goods data of the repository (`data/goods/`) in the library:
//! the HS nomenclature, the route rules and every control-list file found
//! in `data/goods/controls/*.csv`. A new control list or a new version of
//! one is a new file there, not a code change.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("../../data/goods");
    let controls = data.join("controls");
    println!("cargo:rerun-if-changed={}", data.display());
    println!("cargo:rerun-if-changed={}", controls.display());

    let mut files: Vec<PathBuf> = match std::fs::read_dir(&controls) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
            .collect(),
        Err(e) => panic!("cannot read {}: {e}", controls.display()),
    };
    files.sort();

    let mut out = String::new();
    out.push_str("/// Every control-list file embedded at build time: (file name, contents).\n");
    out.push_str("pub static CONTROL_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(out, "    ({name:?}, include_str!({:?})),", abs(f));
    }
    out.push_str("];\n");
    for (konst, file) in [
        ("NOMENCLATURE", "hs_nomenclature_2022.csv"),
        ("ROUTE_RULES", "route_rules.csv"),
    ] {
        let p = data.join(file);
        println!("cargo:rerun-if-changed={}", p.display());
        let _ = writeln!(
            out,
            "/// `data/goods/{file}`, embedded at build time.\npub static {konst}: (&str, &str) = ({file:?}, include_str!({:?}));",
            abs(&p)
        );
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(out_dir.join("embedded.rs"), out) {
        panic!("cannot write embedded.rs: {e}");
    }
}

fn abs(p: &Path) -> String {
    p.canonicalize()
        .unwrap_or_else(|e| panic!("missing goods data file {}: {e}", p.display()))
        .display()
        .to_string()
}
