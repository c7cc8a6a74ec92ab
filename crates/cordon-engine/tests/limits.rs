//! Bounded work: oversized input is refused by `Query::validate`, and the
//! engine given it anyway cuts it to the limits before any step whose work
//! grows faster than the input (asserted on what normalisation hands on,
//! not on wall time).

use cordon_engine::limits::{MAX_NAME_CHARS, MAX_TOKENS, MAX_TOKEN_CHARS};
use cordon_engine::normalize::{fold, name_forms, party_forms, person_forms, NameForm};
use cordon_engine::{compare, Index, PartialDate, Query, QueryError, ScreenOptions};

mod common;
use common::org;

const TODAY: PartialDate = PartialDate {
    year: 2026,
    month: Some(12),
    day: Some(1),
};

fn assert_bounded(what: &str, forms: &[NameForm]) {
    assert!(!forms.is_empty(), "{what}: no reading");
    for f in forms {
        assert!(
            f.tokens.len() <= MAX_TOKENS,
            "{what}: {} tokens",
            f.tokens.len()
        );
        for t in &f.tokens {
            assert!(
                t.text.chars().count() <= MAX_TOKEN_CHARS,
                "{what}: token of {} characters",
                t.text.len()
            );
        }
    }
}

fn hostile_names() -> Vec<(&'static str, String)> {
    vec![
        ("100,000-letter token", "a".repeat(100_000)),
        ("150 KB token", "qwertyuiop".repeat(15_000)),
        (
            "token then a name",
            format!("{} ivanov", "b".repeat(100_000)),
        ),
        ("100,000 words", "ab ".repeat(100_000)),
        ("Cyrillic shch run", "щ".repeat(50_000)),
        ("Han run", "中国银行".repeat(10_000)),
        ("Arabic run", "محمد".repeat(10_000)),
        ("Hangul run", "김정은".repeat(10_000)),
        ("digits", "7".repeat(100_000)),
        ("symbols only", "★".repeat(100_000)),
        ("emoji and letters", "😀a".repeat(50_000)),
    ]
}

#[test]
fn a_100000_character_token_is_refused_by_validation() {
    let q = Query::new("a".repeat(100_000));
    assert!(matches!(
        q.validate(TODAY),
        Err(QueryError::NameTooLong {
            chars: 100_000,
            max: MAX_NAME_CHARS
        })
    ));
    // Within the name limit, the word limit speaks.
    let q = Query::new(format!("Ivan {}", "x".repeat(MAX_TOKEN_CHARS + 50)));
    let e = q.validate(TODAY).unwrap_err();
    assert_eq!(e.field(), "name");
    assert!(
        e.to_string()
            .contains(&format!("limit of {MAX_TOKEN_CHARS}")),
        "{e}"
    );
}

#[test]
fn normalisation_cuts_hostile_input_to_the_limits() {
    for (what, name) in hostile_names() {
        let forms = name_forms(&name);
        if name.chars().any(char::is_alphanumeric) {
            assert_bounded(what, &forms);
            assert_bounded(what, &person_forms(&name));
            assert_bounded(what, &party_forms(&name));
        }
        let folded = fold(&name);
        assert!(
            folded.split(' ').count() <= MAX_TOKENS,
            "{what}: fold words"
        );
        assert!(
            folded.split(' ').all(|w| w.len() <= MAX_TOKEN_CHARS),
            "{what}: fold word length"
        );
    }
}

#[test]
fn the_limits_cut_nothing_from_names_within_them() {
    // A word of exactly the limit and a name of exactly the word limit
    // keep every letter and every word.
    let word = "k".repeat(MAX_TOKEN_CHARS);
    assert_eq!(name_forms(&word)[0].tokens[0].text, word);
    let many: Vec<String> = (0..MAX_TOKENS).map(|i| format!("w{i}x")).collect();
    let forms = name_forms(&many.join(" "));
    assert_eq!(forms[0].tokens.len(), MAX_TOKENS);
    assert_eq!(forms[0].text(), many.join(" "));
}

#[test]
fn the_engine_given_hostile_queries_anyway_answers_within_bounds() {
    // List names over the limits are cut the same way when indexed.
    let ix = Index::build(vec![
        org("1", "AAAA TRADING"),
        org("2", &"a".repeat(100_000)),
        org("3", "QWERTYUIOP"),
    ]);
    for (what, name) in hostile_names() {
        let q = Query::new(name.clone());
        let r = ix.screen(&q, &ScreenOptions::default());
        for m in &r {
            let ex = &m.explanation;
            assert!(ex.query_form.split(' ').count() <= MAX_TOKENS, "{what}");
            assert!(
                ex.query_form.split(' ').all(|w| w.len() <= MAX_TOKEN_CHARS),
                "{what}"
            );
        }
        let c = compare(&q, &Query::new("AAAA TRADING"), 0.76);
        assert!(
            c.explanation.query_form.len() <= MAX_TOKENS * (MAX_TOKEN_CHARS + 1),
            "{what}"
        );
    }
    // The 100,000-letter list name is still found by its (cut) word.
    let r = ix.screen(
        &Query::new("a".repeat(MAX_TOKEN_CHARS)),
        &ScreenOptions::default(),
    );
    assert_eq!(r[0].entity_id, "t:2");
}
