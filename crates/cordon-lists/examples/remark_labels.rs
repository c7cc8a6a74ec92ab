//! Prints how often each Remarks label occurs in OFAC primary files and
//! whether the parser structures it.
//!
//! `cargo run -p cordon-lists --example remark_labels -- FILE...`

use cordon_lists::ofac::remarks::{match_label, parse_remarks, split_fragments};
use std::collections::BTreeMap;

fn main() {
    let mut counts: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes.as_slice());
        for rec in rdr.records().flatten() {
            let Some(remarks) = rec.get(11) else { continue };
            for frag in split_fragments(remarks.trim()) {
                if frag == "-0-" || frag.is_empty() {
                    continue;
                }
                let (key, handled) = match match_label(frag) {
                    Some((label, _, alt, _)) => {
                        (format!("{}{label}", if alt { "alt. " } else { "" }), true)
                    }
                    None if parse_remarks(frag).remarks.is_empty() => {
                        (format!("{} (generic identifier)", prefix(frag)), true)
                    }
                    None => (prefix(frag), false),
                };
                let entry = counts.entry(key).or_insert((0, handled));
                entry.0 += 1;
            }
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    for (label, (n, handled)) in rows {
        println!(
            "{n:>7}  {}  {label}",
            if handled { "parsed" } else { "kept  " }
        );
    }
}

/// The words before the first one holding a digit or a quote, at most five.
fn prefix(frag: &str) -> String {
    frag.split_whitespace()
        .take_while(|w| !w.contains(|c: char| c.is_ascii_digit() || c == '\'' || c == '('))
        .take(5)
        .collect::<Vec<_>>()
        .join(" ")
}
