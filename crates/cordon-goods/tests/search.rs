//! Free-text description search.

use cordon_goods::{GoodsAnswer, GoodsCatalog};

fn catalog() -> GoodsCatalog {
    match GoodsCatalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded goods data: {e}"),
    }
}

#[test]
fn ball_bearings_find_8482_10_on_the_chpl() {
    let c = catalog();
    let hits = c.search("ball bearings", 5);
    let top = hits.first().unwrap_or_else(|| panic!("no results"));
    assert_eq!(top.code, "8482.10");
    assert!(
        top.why.contains("ball") && top.why.contains("bearing"),
        "{}",
        top.why
    );
    assert_eq!(
        top.hits.first().and_then(|h| h.tier.as_deref()),
        Some("3.B")
    );
}

#[test]
fn processors_find_the_tier_1_subheading() {
    let c = catalog();
    let hits = c.search("integrated circuit processors", 3);
    assert_eq!(
        hits.first().map(|h| h.code.as_str()),
        Some("8542.31"),
        "{hits:#?}"
    );
}

#[test]
fn roasted_coffee_is_found_and_unlisted() {
    let c = catalog();
    let hits = c.search("roasted coffee", 3);
    let top = hits.first().unwrap_or_else(|| panic!("no results"));
    assert!(top.code.starts_with("0901"), "{}", top.code);
    assert!(top.hits.is_empty());
}

#[test]
fn lookup_tells_codes_from_text() {
    let c = catalog();
    assert!(matches!(c.lookup("8542.31", 5), Ok(GoodsAnswer::Code(_))));
    assert!(matches!(
        c.lookup("tantalum capacitors", 5),
        Ok(GoodsAnswer::Text { .. })
    ));
    assert!(c.lookup("8542.11", 5).is_err());
    assert!(c.search("", 5).is_empty());
    assert!(c.search("zzzqqq", 5).is_empty());
}

#[test]
fn only_the_first_32_words_of_a_description_are_searched() {
    // A 12 KB description took half a second of CPU (found by the goods
    // fuzz target); the words beyond the first 32 are ignored.
    let c = catalog();
    let filler = |n: usize| -> String { (0..n).map(|i| format!("qzx{i} ")).collect() };
    let near = format!("{}ball bearings", filler(30));
    assert_eq!(
        c.search(&near, 1)[0].code,
        c.search("ball bearings", 1)[0].code
    );
    assert!(c
        .search(&format!("{}ball bearings", filler(32)), 5)
        .is_empty());
    assert!(c.search(&filler(3_000), 5).is_empty());
}
