//! Comparing two parties with each other, without screening.

use super::results::{apply_evidence, empty_explanation, explain, round4};
use super::screen::{cjk_side, forms_for, with_country_codes};
use super::vocabulary::{qtok_view, QTok};
use super::Index;
use crate::align::{score_names, Mode, NameScore, Tok};
use crate::given_name;
use crate::model::{Entity, EntityKind, NameType};
use crate::normalize::native;
use crate::query::{Comparison, Party};

impl Index {
    /// Compares two parties symmetrically, using this index's token
    /// rarities as weights (an empty index weighs every token alike).
    pub fn compare(&self, a: &Party, b: &Party, threshold: f64) -> Comparison {
        let a = &with_country_codes(a);
        let (ra, rb) = (forms_for(&a.name, a.kind), forms_for(&b.name, b.kind));
        let (ta, tb) = (native::tags(&ra), native::tags(&rb));
        let fa: Vec<Vec<QTok>> = ra.iter().map(|f| self.prepare(f)).collect();
        let fb: Vec<Vec<QTok>> = rb.iter().map(|f| self.prepare(f)).collect();
        let mut best: Option<(NameScore, usize, usize)> = None;
        for (i, x) in fa.iter().enumerate() {
            for (j, y) in fb.iter().enumerate() {
                // Two names in the same CJK script compare natively.
                if !native::comparable(ta[i], tb[j]) {
                    continue;
                }
                let xt: Vec<Tok<'_>> = x.iter().map(qtok_view).collect();
                let yt: Vec<Tok<'_>> = y.iter().map(qtok_view).collect();
                let mut ns = score_names(&xt, &yt, Mode::Symmetric);
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
                score_names(&[], &[], Mode::Symmetric),
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
