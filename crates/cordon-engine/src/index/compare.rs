//! Comparing two parties with each other, without screening.

use super::results::{apply_evidence, empty_explanation, explain, round4};
use super::screen::{cjk_side, forms_for, with_country_codes};
use super::vocabulary::{qtok_view, QTok};
use super::Index;
use crate::align::{score_names, Mode, NameScore, Tok};
use crate::given_name;
use crate::model::{Entity, EntityKind, NameType};
use crate::normalize::{native, TokenRole};
use crate::query::{Comparison, Party};
use crate::weights::{LIST_COVERAGE_EXP, PAIR_SUBSTITUTION_FACTOR, QUERY_COVERAGE_EXP};

impl Index {
    /// Compares two parties symmetrically, using this index's token
    /// rarities as weights (an empty index weighs every token alike).
    pub fn compare(&self, a: &Party, b: &Party, threshold: f64) -> Comparison {
        let a = &with_country_codes(a);
        let (ra, rb) = (forms_for(&a.name, a.kind), forms_for(&b.name, b.kind));
        let (ta, tb) = (native::tags(&ra), native::tags(&rb));
        let fa: Vec<Vec<QTok>> = ra.iter().map(|f| self.prepare(f, a.kind)).collect();
        let fb: Vec<Vec<QTok>> = rb.iter().map(|f| self.prepare(f, b.kind)).collect();
        let mut best: Option<(NameScore, usize, usize)> = None;
        // Acronyms are organisations' (and vessels'), never persons'.
        let acronyms = ![a.kind, b.kind].contains(&Some(EntityKind::Person));
        for (i, x) in fa.iter().enumerate() {
            for (j, y) in fb.iter().enumerate() {
                // Two names in the same CJK script compare natively.
                if !native::comparable(ta[i], tb[j]) {
                    continue;
                }
                let xt: Vec<Tok<'_>> = x.iter().map(qtok_view).collect();
                let yt: Vec<Tok<'_>> = y.iter().map(qtok_view).collect();
                let ns = score_names(&xt, &yt, Mode::Symmetric, acronyms);
                let mut ns = pair_name_score(ns, x, y);
                if let Some((side, both)) = cjk_side(ta[i], tb[j]) {
                    given_name::apply(&mut ns, side, xt.len(), yt.len(), both);
                }
                if best.as_ref().is_none_or(|(b, _, _)| ns.score > b.score) {
                    best = Some((ns, i, j));
                }
            }
        }
        // Without comparable names, identifiers on both sides still decide.
        let (ns, i, j) = match best {
            Some(b) => b,
            None if !a.identifiers.is_empty() && !b.identifiers.is_empty() => (
                score_names(&[], &[], Mode::Symmetric, false),
                usize::MAX,
                usize::MAX,
            ),
            None => {
                return Comparison {
                    score: 0.0,
                    is_match: false,
                    explanation: empty_explanation(&a.name, &b.name),
                }
            }
        };
        // Evidence: b is treated as the listed party, a as the query, with
        // symmetric checks only (dates, countries, gender, identifiers).
        let eb = party_entity(b);
        let (score, ev, id) = apply_evidence(a, &eb, &ns, true);
        let toks = |forms: &[Vec<QTok>], k: usize| -> Vec<QTok> {
            forms.get(k).cloned().unwrap_or_default()
        };
        let (fa, fb) = (toks(&fa, i), toks(&fb, j));
        let xt: Vec<Tok<'_>> = fa.iter().map(qtok_view).collect();
        let yt: Vec<Tok<'_>> = fb.iter().map(qtok_view).collect();
        let explanation = explain(&xt, &yt, &ns, (ev, id), score, &b.name, NameType::Primary);
        Comparison {
            score: round4(score),
            is_match: score >= threshold,
            explanation,
        }
    }
}

/// The name score of a pair from its symmetric alignment (`x` one side's
/// tokens, `y` the other's), as a pairwise decision reads it:
///
/// - **The contained name plays the query.** Of two names of one party, one
///   often leaves out words the other has (middle names, a patronymic, a
///   second family name): the better-covered side's coverage weighs as a
///   screening query's does (`QUERY_COVERAGE_EXP`), the other's as a list
///   name's. The score stays symmetric in the two names. ("Ayman
///   al-Zawahiri" / "Ayman Muhammad Rabi al-Zawahiri": both words of one
///   in the other, two of four the other way: 0.79, not the geometric
///   mean's 0.71.)
/// - **A substitution is evidence against.** When each name keeps a word
///   (or number) the other lacks, the names differ in a word, not by an
///   omission: brothers sharing a father's and a family name, two branches
///   of one organisation, two Korean names sharing two of three syllables.
///   Such a pair's score is multiplied by [`PAIR_SUBSTITUTION_FACTOR`].
fn pair_name_score(mut ns: NameScore, x: &[QTok], y: &[QTok]) -> NameScore {
    let (hi, lo) = if ns.query_coverage >= ns.list_coverage {
        (ns.query_coverage, ns.list_coverage)
    } else {
        (ns.list_coverage, ns.query_coverage)
    };
    let raw = hi.powf(QUERY_COVERAGE_EXP) * lo.powf(LIST_COVERAGE_EXP);
    // The alignment's damping (little information matched) is kept.
    let mut score = raw * ns.damp;
    let mut x_used = vec![false; x.len()];
    let mut y_used = vec![false; y.len()];
    for p in &ns.pairs {
        for k in p.q..p.q + p.q_len {
            if let Some(u) = x_used.get_mut(usize::from(k)) {
                *u = true;
            }
        }
        for k in p.l..p.l + p.l_len {
            if let Some(u) = y_used.get_mut(usize::from(k)) {
                *u = true;
            }
        }
    }
    let keeps_a_word = |toks: &[QTok], used: &[bool]| {
        toks.iter()
            .zip(used)
            .any(|(t, &u)| !u && matches!(t.role, TokenRole::Word | TokenRole::Number))
    };
    if !ns.pairs.is_empty() && keeps_a_word(x, &x_used) && keeps_a_word(y, &y_used) {
        score *= PAIR_SUBSTITUTION_FACTOR;
    }
    ns.score = score.clamp(0.0, 1.0);
    ns
}

/// A bare entity from a comparison party, to reuse the evidence checks.
pub(super) fn party_entity(p: &Party) -> Entity {
    use crate::model::{Country, CountryRole, DateOfBirth, Identifier, IdentifierType, Provenance};
    let mut e = Entity::new(
        "compare",
        "b",
        p.kind.unwrap_or(EntityKind::Person),
        &p.name,
        Provenance {
            list: "compare".into(),
            file: String::new(),
            line: None,
        },
    );
    if let Some(d) = p.dob {
        e.dates_of_birth.push(DateOfBirth::Exact { date: d });
    }
    for c in &p.countries {
        e.countries.push(Country {
            name: c.clone(),
            code: crate::country::code_for(c).map(str::to_string),
            role: CountryRole::Nationality,
        });
    }
    for v in &p.identifiers {
        e.identifiers.push(Identifier {
            id_type: IdentifierType::Other,
            label: "id".into(),
            value: v.clone(),
            country: None,
            note: None,
        });
    }
    e.gender = p.gender;
    e
}

/// Compares two parties without an index: every token weighs alike.
pub fn compare(a: &Party, b: &Party, threshold: f64) -> Comparison {
    Index::build(Vec::new()).compare(a, b, threshold)
}

#[cfg(test)]
mod tests {
    use crate::{compare, EntityKind, Party, DEFAULT_COMPARE_THRESHOLD};

    fn score(a: &str, b: &str, kind: EntityKind) -> f64 {
        let p = |n: &str| Party {
            name: n.into(),
            kind: Some(kind),
            ..Party::default()
        };
        let ab = compare(&p(a), &p(b), DEFAULT_COMPARE_THRESHOLD).score;
        let ba = compare(&p(b), &p(a), DEFAULT_COMPARE_THRESHOLD).score;
        assert_eq!(ab, ba, "{a} / {b}: the score is symmetric");
        ab
    }

    /// A name wholly inside the other (the longer adds middle names) is
    /// scored as a query inside a list name, whichever side it is on.
    #[test]
    fn a_contained_name_plays_the_query() {
        let p = EntityKind::Person;
        let s = score("AL ZAWAHIRI, Ayman", "Ayman Muhammad Rabi al-Zawahiri", p);
        // Every word of one in the other, 0.53 of the other's weight the
        // other way: 1^0.65 · 0.53^0.35 = 0.80 (the geometric mean gave
        // 0.73).
        assert!((0.79..0.81).contains(&s), "{s}");
    }

    /// Each name keeping a word the other lacks is a substitution: it scores
    /// below the omission of the same word, and below the threshold.
    #[test]
    fn a_substitution_is_evidence_against() {
        let p = EntityKind::Person;
        let o = EntityKind::Organization;
        let substituted = score("KIM Song Chol", "KIM Chol Nam", p);
        let omitted = score("KIM Song Chol", "KIM Song Chol Nam", p);
        assert!(substituted < DEFAULT_COMPARE_THRESHOLD, "{substituted}");
        assert!(omitted >= DEFAULT_COMPARE_THRESHOLD, "{omitted}");
        for (a, b, kind) in [
            ("ABDUL RAUF ZAKIR", "ABDUL RAUF KHADEM", p),
            (
                "AL-HARAMAIN: ETHIOPIA BRANCH",
                "AL-HARAMAIN: BANGLADESH BRANCH",
                o,
            ),
            (
                "JUND AL-KHILAFAH IN TUNISIA",
                "JUND AL-KHILAFAH IN ALGERIA",
                o,
            ),
        ] {
            let s = score(a, b, kind);
            assert!(s < DEFAULT_COMPARE_THRESHOLD, "{a} / {b}: {s}");
        }
        // Spellings of the same words are no substitution.
        let s = score(
            "HANIYA, Ismail Abdul Salah",
            "ISMAEEL ABDUL SALAH HANIYYA",
            p,
        );
        assert!(s >= 0.8, "{s}");
    }
}
