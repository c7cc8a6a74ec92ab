//! Names in scripts with their own reading rules: Korean and Chinese names
//! compared in their script, given names as units, Hanja, kana, Hebrew.

use super::*;

/// Whether screening `q` (a person) flags entity `id` as a match.
fn flags(ix: &Index, q: &str, id: &str) -> bool {
    let query = Query {
        kind: Some(EntityKind::Person),
        ..Query::new(q)
    };
    screen(ix, &query)
        .iter()
        .any(|m| m.entity_id == format!("t:{id}") && m.is_match)
}

#[test]
fn names_in_the_same_cjk_script_are_compared_in_it() {
    let ix = index(vec![person("1", "박정호"), person("2", "王建国")]);
    // One syllable or character away, though romanised alike.
    assert!(!flags(&ix, "박종호", "1"));
    assert!(!flags(&ix, "王建军", "2"));
    assert!(!flags(&ix, "王剑国", "2"));
    // The same names, spaced or in traditional characters, and across
    // scripts.
    assert!(flags(&ix, "박 정호", "1"));
    assert!(flags(&ix, "PARK Jong Ho", "1"));
    assert!(flags(&ix, "王建國", "2"));
    assert!(flags(&ix, "WANG Jianguo", "2"));
}

#[test]
fn a_cjk_given_name_matches_whole_or_not_at_all() {
    let ix = index(vec![
        person("1", "LEE Min Chol"),
        person("2", "WANG Jun Hui"),
    ]);
    assert!(!flags(&ix, "이민수", "1"));
    assert!(flags(&ix, "이민철", "1"));
    assert!(!flags(&ix, "王军", "2"));
    assert!(flags(&ix, "王军辉", "2"));
}

#[test]
fn a_partial_given_name_is_explained() {
    let ix = index(vec![person("1", "LEE Min Chol")]);
    let query = Query {
        kind: Some(EntityKind::Person),
        ..Query::new("이민수")
    };
    let all = ix.screen(
        &query,
        &ScreenOptions {
            limit: 10,
            threshold: 0.0,
        },
    );
    let m = result(&all, "t:1");
    assert!(m.score < cordon_engine::DEFAULT_THRESHOLD, "{}", m.score);
    assert!(
        m.explanation
            .evidence
            .iter()
            .any(|e| e.detail.contains("given name does not match whole")),
        "{:?}",
        m.explanation.evidence
    );
}

#[test]
fn korean_names_in_hanja_japanese_kana_and_hebrew_are_read() {
    let ix = index(vec![
        person("1", "PARK Geun Hye"),
        person("2", "SATO Kenji"),
        person("3", "NETANYAHU, Binyamin"),
    ]);
    assert!(flags(&ix, "朴槿惠", "1"));
    assert!(flags(&ix, "さとう けんじ", "2"));
    assert!(flags(&ix, "サトウ・ケンジ", "2"));
    assert!(flags(&ix, "בנימין נתניהו", "3"));
}

#[test]
fn one_name_in_other_languages_and_scripts_meets() {
    let ix = index(vec![
        person("1", "PAPADOPOULOS, George"),
        person("2", "PETROV, Aleksandr"),
        person("3", "ABE, Shinzo"),
        org("4", "GEORGIOS SHIPPING"),
    ]);
    // Greek, and the Greek form written in Latin letters.
    assert!(flags(&ix, "Γεώργιος Παπαδόπουλος", "1"));
    assert!(flags(&ix, "Georgios Papadopoulos", "1"));
    // A Russian hypocorism, in Cyrillic and in Latin letters.
    assert!(flags(&ix, "Саша Петров", "2"));
    assert!(flags(&ix, "Sasha Petrov", "2"));
    // Katakana and kanji.
    assert!(flags(&ix, "アベ シンゾウ", "3"));
    assert!(flags(&ix, "安倍晋三", "3"));
    // Not the same family, and not a company.
    assert!(!flags(&ix, "Georgios Papadakis", "1"));
    let r = screen(&ix, &Query::new("George Shipping"));
    assert!(
        r.iter().filter(|m| m.entity_id == "t:4").all(|m| m
            .explanation
            .alignments
            .iter()
            .all(|a| a.kind != cordon_engine::similarity::SimilarityKind::SameName)),
        "{r:?}"
    );
}

#[test]
fn the_explanation_names_the_same_name_and_its_source() {
    let ix = index(vec![person("1", "PAPADOPOULOS, George")]);
    let r = screen(&ix, &Query::new("Georgios Papadopoulos"));
    let e = &r[0].explanation;
    assert!(
        e.evidence.iter().any(|ev| ev
            .detail
            .starts_with("georgios ~ george: the same name (Wikidata Q")),
        "{}",
        e.to_text()
    );
}

#[test]
fn a_kanji_name_read_from_the_name_data_meets_only_its_own_spellings() {
    let ix = index(vec![
        person("1", "CESIC, Ranko"),
        person("2", "SUZUKI, Hanako"),
    ]);
    // 鈴木 reads "suzuki" (the name data), ハナコ "hanako" (kana): the
    // listed SUZUKI Hanako, and not CESIC Ranko, whose words are only
    // like them (a sound key, two edits).
    assert!(flags(&ix, "鈴木ハナコ", "2"));
    assert!(!flags(&ix, "鈴木ハナコ", "1"));
}
