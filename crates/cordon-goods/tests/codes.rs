//! HS code parsing, normalisation and validation.

use cordon_goods::{Error, GoodsCatalog, HsCode, Level};

fn catalog() -> GoodsCatalog {
    match GoodsCatalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded goods data: {e}"),
    }
}

#[test]
fn national_forms_reduce_to_hs6() {
    for input in [
        "8542.31",
        "854231",
        "8542.31.0000",
        "85423190",
        " 8542 31 00 ",
        "8542-31",
        "85.42.31",
    ] {
        let code = HsCode::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(code.digits(), "854231", "{input}");
        assert_eq!(code.dotted(), "8542.31", "{input}");
        assert_eq!(code.level(), Level::Subheading);
    }
    assert_eq!(
        HsCode::parse("8542.31.0000")
            .ok()
            .and_then(|c| c.national().map(str::to_string)),
        Some("0000".into())
    );
    assert_eq!(
        HsCode::parse("8542").map(|c| c.level()).ok(),
        Some(Level::Heading)
    );
    assert_eq!(
        HsCode::parse("85").map(|c| c.level()).ok(),
        Some(Level::Chapter)
    );
}

#[test]
fn syntax_errors_say_why() {
    for (input, why) in [
        ("", "empty"),
        ("8", "1 digit"),
        ("854", "leading zero may be missing: 0854"),
        ("901.11", "starts with a group of 3"),
        ("85423", "5 digits"),
        ("8542.31.0000.0000.1", "at most 12"),
        ("8542x31", "not a digit"),
    ] {
        match HsCode::parse(input) {
            Err(Error::InvalidCode { input: i, reason }) => {
                assert_eq!(i, input);
                assert!(reason.contains(why), "{input}: {reason}");
            }
            other => panic!("{input}: expected an invalid-code error, got {other:?}"),
        }
    }
}

#[test]
fn codes_not_in_hs_2022_are_errors_naming_the_level() {
    let c = catalog();
    for (input, why) in [
        ("7700", "chapter 77 does not exist"),
        ("9999.99", "chapter 99 does not exist"),
        ("8599", "heading 8599 does not exist"),
        (
            "8542.11",
            "subheading 8542.11 does not exist under HS 2022 heading 8542",
        ),
        ("8542.99.1234", "subheading 8542.99"),
    ] {
        match c.lookup_code(input) {
            Err(e @ Error::InvalidCode { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains(why) && msg.contains(input), "{input}: {msg}");
            }
            other => panic!("{input}: expected an error, got {other:?}"),
        }
    }
}

#[test]
fn descriptions_come_from_the_nomenclature() {
    let c = catalog();
    let l = c.lookup_code("0901.11").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.description, "Coffee; not roasted or decaffeinated");
    assert!(l.hits.is_empty());
    let l = c.lookup_code("85").unwrap_or_else(|e| panic!("{e}"));
    assert!(l.description.starts_with("Electrical machinery"));
}
