//! Files that do not end as their format ends are refused with an error
//! naming the file and the line where the unfinished part starts. Before,
//! an SDN file cut inside a quoted field loaded 4,477 of 14,965 entities
//! with exit status 0.

use crate::{fixture, shared_data};
use cordon_lists::{ListError, ListFormat, LoadedList, Result};
use std::path::{Path, PathBuf};

/// (file, line) of a truncation error, or a panic showing the error.
fn truncated_at(r: Result<LoadedList>) -> (String, u64) {
    match r {
        Err(ListError::Truncated { file, line, .. }) => (file, line),
        Err(other) => panic!("expected a truncation error, got {other:?}: {other}"),
        Ok(l) => panic!("a cut file loaded {} entities", l.entities.len()),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// 1-based line of a byte offset.
fn line_of(bytes: &[u8], at: usize) -> u64 {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

#[test]
fn real_sdn_cut_inside_a_quoted_field_is_refused() {
    let Some(path) = shared_data("lists/ofac_sdn/2024-05-03/sdn.csv") else {
        return;
    };
    let full = std::fs::read(&path).unwrap();
    // The first quoted field opening after a third of the file; cut a few
    // bytes into it.
    let from = full.len() / 3;
    let open = from
        + full[from..]
            .windows(2)
            .position(|w| w == b",\"")
            .expect("a quoted field")
        + 1;
    let cut = &full[..open + 4];
    let dir = tempfile::tempdir().unwrap();
    let sdn = write(dir.path(), "sdn.csv", cut);
    let r = cordon_lists::ofac::load(ListFormat::OfacSdn, &sdn);
    let (file, line) = truncated_at(r);
    assert_eq!(file, "sdn.csv");
    assert_eq!(line, line_of(&full, open));
    let msg = cordon_lists::ofac::load(ListFormat::OfacSdn, &sdn)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("the quoted field opened on this line is never closed"),
        "{msg}"
    );
    // The whole file still loads.
    let whole = write(dir.path(), "sdn.csv", &full);
    assert!(cordon_lists::ofac::load(ListFormat::OfacSdn, &whole).is_ok());
}

#[test]
fn ofac_csv_cut_inside_an_unquoted_last_field_is_refused() {
    // The fixture ends "...-0- \r\n" then 0x1A; a cut inside the last
    // field leaves twelve columns and no line end.
    let full = std::fs::read(fixture("basic/sdn.csv")).unwrap();
    let body_end = full.len() - 3; // before "\r\n\x1a"
    assert_eq!(&full[body_end..], b"\r\n\x1a");
    let cut = &full[..body_end - 2];
    let dir = tempfile::tempdir().unwrap();
    let sdn = write(dir.path(), "sdn.csv", cut);
    let (file, line) = truncated_at(cordon_lists::ofac::load(ListFormat::OfacSdn, &sdn));
    assert_eq!(
        (file.as_str(), line),
        ("sdn.csv", line_of(&full, body_end - 3))
    );
    // Ending in 0x1A right after a row (no line end) is a whole file.
    let mut sub = full[..body_end].to_vec();
    sub.push(0x1a);
    let sdn = write(dir.path(), "sdn.csv", &sub);
    assert!(cordon_lists::ofac::load(ListFormat::OfacSdn, &sdn).is_ok());
    // A companion file cut inside a quote is refused too, naming it.
    let alt = std::fs::read(fixture("basic/alt.csv")).unwrap();
    let q = alt.iter().rposition(|&b| b == b'"').unwrap();
    let sdn = write(dir.path(), "sdn.csv", &full);
    write(dir.path(), "alt.csv", &alt[..q - 2]);
    let (file, _) = truncated_at(cordon_lists::ofac::load(ListFormat::OfacSdn, &sdn));
    assert_eq!(file, "alt.csv");
}

#[test]
fn other_csv_formats_cut_inside_a_quote_are_refused() {
    let dpl = b"Name\tStreet_Address\tCity\n\"ACME\"\t\"1 Main\tx\n";
    let (file, line) = truncated_at(cordon_lists::bis_dpl::parse_bytes("dpl.txt", dpl));
    assert_eq!((file.as_str(), line), ("dpl.txt", 2));
    let ofsi = b"Name 6,Group ID,Group Type\nACME,1,Entity\n\"BETA,2,Entity\n";
    let (file, line) = truncated_at(cordon_lists::uk::ofsi::parse_bytes("ConList.csv", ofsi));
    assert_eq!((file.as_str(), line), ("ConList.csv", 3));
    // The CSL keeps its documented tolerance: a last record cut off is
    // kept without its missing columns, with a warning naming the line.
    let csl = b"source,name,addresses\nx,ACME,a\nx,\"BETA,\"1 Main";
    let l = cordon_lists::us_csl::parse_bytes("csl.csv", csl).unwrap();
    assert_eq!(l.entities.len(), 2);
    assert!(
        l.warnings.iter().any(|w| w.line == Some(3)),
        "{:?}",
        l.warnings
    );
}

#[test]
fn cut_xml_files_are_refused() {
    for (dir, file, parse) in [
        (
            "un",
            "consolidated.xml",
            cordon_lists::un::parse_bytes as fn(&str, &[u8]) -> Result<LoadedList>,
        ),
        ("eu", "eu_fsf.xml", cordon_lists::eu::parse_bytes),
        (
            "uk",
            "UK_Sanctions_List.xml",
            cordon_lists::uk::fcdo::parse_bytes,
        ),
        ("ofac_xml", "sdn.xml", cordon_lists::ofac::xml::parse_bytes),
        (
            "ofac_xml",
            "SDN_ADVANCED.XML",
            cordon_lists::ofac::advanced::parse_bytes,
        ),
    ] {
        let full = std::fs::read(fixture(&format!("{dir}/{file}"))).unwrap();
        parse(file, &full).unwrap_or_else(|e| panic!("{file}: {e}"));
        // Cut at every 97th byte: never a whole list.
        for cut in (1..full.len() - 2).step_by(97) {
            let e = match parse(file, &full[..cut]) {
                Err(e) => e.to_string(),
                Ok(l) => panic!("{file} cut at {cut} loaded {} entities", l.entities.len()),
            };
            assert!(e.starts_with(&format!("{file}:")), "{e}");
        }
    }
}

#[test]
fn json_lines_cut_in_the_last_line_are_refused() {
    let text = "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n{\"id\":\"b\",\"schema\":\"Person\",\"prop";
    let (file, line) = truncated_at(cordon_lists::opensanctions::parse_bytes(
        "e.ftm.json",
        text.as_bytes(),
    ));
    assert_eq!((file.as_str(), line), ("e.ftm.json", 2));
    // The CSL's JSON form: serde_json's error names the line.
    let csl = b"{\"results\": [{\"name\": \"ACME\", \"source\": \"x\"},\n {\"name\": \"BE";
    let e = cordon_lists::us_csl::parse_bytes("csl.json", csl).unwrap_err();
    assert!(matches!(e, ListError::Json { line: 2, .. }), "{e}");
}
