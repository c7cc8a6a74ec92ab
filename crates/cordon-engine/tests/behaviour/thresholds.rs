//! The threshold decides `is_match`, never the ranking.

use crate::*;
use cordon_engine::{Query, ScreenOptions, DEFAULT_THRESHOLD};

#[test]
fn the_threshold_flags_matches_and_leaves_the_ranking() {
    let index = index(vec![
        person("1", "VIKTOR BOUT"),
        person("2", "VIKTOR BOUTROS"),
        person("3", "ANNA SCHMIDT"),
    ]);
    let q = Query::new("Viktor Bout");
    let at = |threshold: f64| {
        index.screen(
            &q,
            &ScreenOptions {
                limit: 10,
                threshold,
            },
        )
    };
    let default = at(DEFAULT_THRESHOLD);
    let strict = at(0.99);
    let lax = at(0.5);
    assert_eq!(ids(&default), ids(&strict));
    assert_eq!(ids(&default), ids(&lax));
    for (m, n) in default.iter().zip(&strict) {
        assert_eq!(m.score, n.score);
        assert_eq!(m.is_match, m.score >= DEFAULT_THRESHOLD);
        assert_eq!(n.is_match, n.score >= 0.99);
    }
    assert!(default[0].is_match);
    assert!(!default.iter().any(|m| m.entity_id == "t:3" && m.is_match));
}

#[test]
fn a_stranger_is_no_match() {
    let index = index(vec![
        person("1", "VIKTOR BOUT"),
        org("2", "ROSOBORONEXPORT"),
    ]);
    let r = screen(&index, &Query::new("Jennifer Lopez"));
    assert!(r.iter().all(|m| !m.is_match), "{:?}", ids(&r));
}
