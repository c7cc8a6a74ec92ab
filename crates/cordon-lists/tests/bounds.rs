//! Hostile inputs against the reading limits (`cordon_lists::limits`):
//! every loader refuses them with an error naming the file, the line and
//! the limit, quickly and without memory growing beyond the input's size.
//! Before the limits, the deep-nesting case made memory grow with the
//! square of the depth (200,000 levels: gigabytes, then an abort).

use cordon_lists::{limits, ListError, LoadedList, Result};

type Parse = fn(&str, &[u8]) -> Result<LoadedList>;

/// Every XML loader with the file name, the root and the path of a record
/// below it, so the hostile part sits inside a record, which is read.
fn xml_loaders() -> Vec<(&'static str, Parse, &'static str, &'static [&'static str])> {
    vec![
        (
            "consolidated.xml",
            cordon_lists::un::parse_bytes as Parse,
            "CONSOLIDATED_LIST",
            &["INDIVIDUALS", "INDIVIDUAL"],
        ),
        (
            "eu_fsf.xml",
            cordon_lists::eu::parse_bytes,
            "export",
            &["sanctionEntity"],
        ),
        (
            "UK_Sanctions_List.xml",
            cordon_lists::uk::fcdo::parse_bytes,
            "Designations",
            &["Designation"],
        ),
        (
            "sdn.xml",
            cordon_lists::ofac::xml::parse_bytes,
            "sdnList",
            &["sdnEntry"],
        ),
        (
            "SDN_ADVANCED.XML",
            cordon_lists::ofac::advanced::parse_bytes,
            "Sanctions",
            &["DistinctParties", "DistinctParty"],
        ),
    ]
}

/// `<a><b>` and `</b></a>` for a path `[a, b]`.
fn tags(path: &[&str]) -> (String, String) {
    let open = path.iter().map(|p| format!("<{p}>")).collect();
    let close = path.iter().rev().map(|p| format!("</{p}>")).collect();
    (open, close)
}

/// The limit an error names, or a panic showing the error.
fn limit_of(e: &ListError) -> &'static str {
    match e {
        ListError::Limit { limit, .. } => limit,
        other => panic!("expected a limit error, got {other:?}: {other}"),
    }
}

#[test]
fn deep_xml_nesting_is_refused_in_every_xml_loader() {
    // 200,000 levels, 1.4 MB: the issue's case.
    let depth = 200_000;
    for (file, parse, root, record) in xml_loaders() {
        let (open, close) = tags(record);
        let mut xml = format!("<?xml version=\"1.0\"?>\n<{root}>\n{open}\n");
        xml.push_str(&"<a>".repeat(depth));
        xml.push_str(&"</a>".repeat(depth));
        xml.push_str(&format!("{close}</{root}>\n"));
        let e = parse(file, xml.as_bytes()).unwrap_err();
        assert_eq!(limit_of(&e), "MAX_XML_DEPTH", "{file}");
        let msg = e.to_string();
        assert!(msg.starts_with(&format!("{file}:4: ")), "{msg}");
        assert!(msg.contains("deeper than 64 levels"), "{msg}");
        assert!(msg.contains("(MAX_XML_DEPTH)"), "{msg}");
    }
}

#[test]
fn huge_xml_text_and_attribute_are_refused() {
    let big = "x".repeat(limits::MAX_FIELD_BYTES + 1);
    for (file, parse, root, record) in xml_loaders() {
        let (open, close) = tags(record);
        let xml = format!("<{root}>\n{open}\n<b>{big}</b>{close}</{root}>");
        let e = parse(file, xml.as_bytes()).unwrap_err();
        assert_eq!(limit_of(&e), "MAX_FIELD_BYTES", "{file}: {e}");
        assert!(e.to_string().starts_with(&format!("{file}:3: ")), "{e}");
        let xml = format!("<{root}>\n{open}<c v=\"{big}\"/>{close}</{root}>");
        let e = parse(file, xml.as_bytes()).unwrap_err();
        assert_eq!(limit_of(&e), "MAX_FIELD_BYTES", "{file}: {e}");
        assert!(e.to_string().contains("/@v"), "{e}");
    }
}

#[test]
fn too_many_attributes_and_long_element_names_are_refused() {
    let attrs: String = (0..limits::MAX_XML_ATTRIBUTES + 1)
        .map(|i| format!(" a{i}=\"\""))
        .collect();
    let name = "n".repeat(limits::MAX_XML_NAME_BYTES + 1);
    for (file, parse, root, record) in xml_loaders() {
        let (open, close) = tags(record);
        let xml = format!("<{root}>{open}<c{attrs}/>{close}</{root}>");
        let e = parse(file, xml.as_bytes()).unwrap_err();
        assert_eq!(limit_of(&e), "MAX_XML_ATTRIBUTES", "{file}: {e}");
        let xml = format!("<{root}>{open}<{name}/>{close}</{root}>");
        let e = parse(file, xml.as_bytes()).unwrap_err();
        assert_eq!(limit_of(&e), "MAX_XML_NAME_BYTES", "{file}: {e}");
    }
}

/// A valid one-row OFAC `sdn.csv` with `name` and `remarks`.
fn sdn_row(ent_num: u32, name: &str, remarks: &str) -> String {
    format!(
        "{ent_num},\"{name}\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"{remarks}\"\r\n"
    )
}

fn load_sdn(text: &[u8]) -> Result<LoadedList> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sdn.csv");
    std::fs::write(&path, text).unwrap();
    cordon_lists::ofac::load(cordon_lists::ListFormat::OfacSdn, &path)
}

#[test]
fn csv_field_over_the_limit_is_refused_with_its_line() {
    let big = "y".repeat(limits::MAX_FIELD_BYTES + 1);
    let text = format!("{}{}", sdn_row(1, "A", "r"), sdn_row(2, "B", &big));
    let e = load_sdn(text.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_FIELD_BYTES");
    assert!(e.to_string().starts_with("sdn.csv:2: field 12: "), "{e}");
    // The other CSV loaders share the reader.
    let tsv = format!("Name\tStreet_Address\nACME\t{big}\n");
    let e = cordon_lists::bis_dpl::parse_bytes("dpl.txt", tsv.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_FIELD_BYTES");
    assert!(e.to_string().starts_with("dpl.txt:2: field 2: "), "{e}");
    let csv = format!("source,name\nx,{big}\n");
    let e = cordon_lists::us_csl::parse_bytes("csl.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_FIELD_BYTES");
    let csv = format!("Name 6,Group ID,Group Type\n{big},1,Entity\n");
    let e = cordon_lists::uk::ofsi::parse_bytes("ConList.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_FIELD_BYTES");
}

#[test]
fn ten_megabyte_lines_are_refused() {
    // A CSV record of twelve fields, each under the field limit, 10.8 MB
    // in all.
    let field = "z".repeat(900_000);
    let row = [field.as_str(); 12].join(",");
    let text = format!("{}{row}\r\n", sdn_row(1, "A", "r"));
    let e = load_sdn(text.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_LINE_BYTES");
    assert!(
        e.to_string().starts_with("sdn.csv:2: a record longer than"),
        "{e}"
    );
    // A JSON line of 10 MB.
    let line = format!(
        "{{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{{\"notes\":[\"{}\"]}}}}\n",
        "n".repeat(10 << 20)
    );
    let text = format!(
        "{{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{{\"name\":[\"A\"]}}}}\n{line}"
    );
    let e = cordon_lists::opensanctions::parse_bytes("e.ftm.json", text.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_LINE_BYTES");
    assert!(
        e.to_string()
            .starts_with("e.ftm.json:2: a line longer than"),
        "{e}"
    );
}

#[test]
fn a_stray_quote_swallowing_rows_is_refused() {
    // Row 2's name opens a quote that closes 30 lines later with the column
    // count matching again: the rows between would vanish into one name.
    let mut text = sdn_row(1, "A", "r");
    text.push_str("2,\"B");
    for i in 0..30 {
        text.push_str(&format!("\r\n{}", 100 + i));
    }
    text.push_str("\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
    let e = load_sdn(text.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_FIELD_LINE_BREAKS");
    assert!(e.to_string().starts_with("sdn.csv:2: field 2: "), "{e}");
}

#[test]
fn overlong_names_are_refused() {
    let long = "N".repeat(limits::MAX_NAME_CHARS + 1);
    let text = format!("{}{}", sdn_row(1, "A", "r"), sdn_row(2, &long, "r"));
    let e = load_sdn(text.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_NAME_CHARS");
    assert!(e.to_string().starts_with("sdn.csv:2: ofac-sdn:2: a name of 2001 characters is over the limit of 2000 (MAX_NAME_CHARS)"), "{e}");
    let xml = format!(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>{long}</FIRST_NAME>\
         <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>\
         <LISTED_ON>2001-01-01</LISTED_ON></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
    );
    let e = cordon_lists::un::parse_bytes("consolidated.xml", xml.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_NAME_CHARS", "{e}");
    let json = format!(
        "{{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{{\"name\":[\"{long}\"]}}}}\n"
    );
    let e = cordon_lists::opensanctions::parse_bytes("e.ftm.json", json.as_bytes()).unwrap_err();
    assert_eq!(limit_of(&e), "MAX_NAME_CHARS", "{e}");
}
