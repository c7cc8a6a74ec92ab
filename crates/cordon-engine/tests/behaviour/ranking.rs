//! Which of several list entities ranks first.

use crate::*;
use cordon_engine::{EntityKind, NameType, Query};

#[test]
fn an_exact_name_ranks_above_a_fuzzy_one() {
    let index = index(vec![
        person("1", "MOHAMMED AL-RASHIDI"),
        person("2", "MOHAMMAD AL-RASHEEDI"),
    ]);
    let r = screen(&index, &Query::new("Mohammed Al-Rashidi"));
    assert_eq!(ids(&r)[..2], ["t:1", "t:2"]);
    assert!(r[0].score > r[1].score, "{} vs {}", r[0].score, r[1].score);
    assert!(r[0].is_match && r[1].is_match);
}

#[test]
fn a_primary_name_ranks_above_the_same_words_as_a_weak_alias() {
    let index = index(vec![
        entity(
            "1",
            EntityKind::Person,
            "HASSAN AL-TIKRITI",
            &[("ABU OMAR", NameType::WeakAka)],
        ),
        person("2", "ABU OMAR"),
    ]);
    let r = screen(&index, &Query::new("Abu Omar"));
    assert_eq!(ids(&r)[0], "t:2");
    let weak = result(&r, "t:1");
    assert!(weak.score < r[0].score, "{} vs {}", weak.score, r[0].score);
}

#[test]
fn word_order_does_not_matter() {
    let index = index(vec![person("1", "PETROV, Ivan Sergeyevich")]);
    let a = screen(&index, &Query::new("Ivan Sergeyevich Petrov"));
    let b = screen(&index, &Query::new("Petrov Ivan Sergeyevich"));
    assert_eq!(ids(&a), ["t:1"]);
    assert_eq!(a[0].score, b[0].score);
    assert!(a[0].is_match);
}

#[test]
fn legal_forms_in_any_language_are_the_same_form() {
    let index = index(vec![
        org("1", "SEVERNAYA TRADING LLC"),
        org("2", "SEVERNAYA TRADING JSC"),
    ]);
    let r = screen(&index, &Query::new("ООО Severnaya Trading"));
    assert_eq!(ids(&r)[0], "t:1", "{r:?}");
    let r = screen(
        &index,
        &Query::new("Severnaya Trading Limited Liability Company"),
    );
    assert_eq!(ids(&r)[0], "t:1");
    assert!(r[0].is_match);
}

#[test]
fn a_name_in_another_script_finds_its_romanised_entry() {
    let index = index(vec![
        person("1", "IVANOV, Ivan Petrovich"),
        person("2", "SMIRNOV, Pavel"),
    ]);
    let r = screen(&index, &Query::new("Иван Петрович Иванов"));
    assert_eq!(ids(&r)[0], "t:1");
    assert!(r[0].is_match, "{}", r[0].score);
}

/// Moved from the CLI tests: Cyrillic А (U+0410) in four places does not
/// hide BANCO NACIONAL DE CUBA.
#[test]
fn look_alike_letters_do_not_hide_a_name() {
    let index = index(vec![
        org("306", "BANCO NACIONAL DE CUBA"),
        org("2", "BANCO DE CREDITO"),
    ]);
    let r = screen(
        &index,
        &Query::new("B\u{410}NCO N\u{410}CION\u{410}L DE CUB\u{410}"),
    );
    assert_eq!(ids(&r)[0], "t:306");
    assert!(r[0].score >= 0.99, "{}", r[0].score);
}
