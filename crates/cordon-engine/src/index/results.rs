//! Results: evidence applied to a name score, and the explanation of a
//! returned result.

use crate::align::{NameScore, Tok};
use crate::evidence;
use crate::explain::{Evidence, EvidenceKind, Explanation, TokenAlignment};
use crate::model::{Entity, NameType};
use crate::query::Query;
use crate::similarity::SimilarityKind;
use crate::weights::*;
use smallvec::SmallVec;

pub(super) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// What an identical identifier did to a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IdOutcome {
    /// No query identifier equals one of the entity's.
    None,
    /// Identical, and the name agrees (or at least shares words with a
    /// weak identifier): near-certain.
    Match,
    /// Identical strong identifier (IMO, LEI, passport, ...), the name's
    /// words agreeing below the default threshold: near-certain all the
    /// same.
    NameDiffers,
    /// Identical identifier of a type that is not unique to one party
    /// (national ID, phone, website, ...), name sharing nothing: for review.
    WeakNameDiffers,
    /// The query has no name: the identifier alone decides.
    NoName,
}

/// Applies DOB, country, gender and identifier evidence to a name score.
/// Without `detail` (a candidate being ranked) no evidence is kept and no
/// text is written: the score and the identifier outcome only, without
/// allocating; the explanation is built for returned results alone.
pub(super) fn apply_evidence(
    query: &Query,
    e: &Entity,
    ns: &NameScore,
    detail: bool,
) -> (f64, Vec<Evidence>, IdOutcome) {
    let mut ev = Vec::new();
    let keep = |x: Evidence, ev: &mut Vec<Evidence>| {
        if detail {
            ev.push(x);
        }
    };
    if detail && ns.generic_cap {
        ev.push(Evidence {
            kind: EvidenceKind::Information,
            effect: 0.0,
            detail: format!(
                "the query's only distinctive word is a common name or generic word: name score scaled by {GENERIC_QUERY_FACTOR}, below the default threshold"
            ),
        });
    }
    if detail && ns.partial_given_name {
        ev.push(Evidence {
            kind: EvidenceKind::Information,
            effect: 0.0,
            detail: format!(
                "the Korean or Chinese given name does not match whole (a syllable missing, different, only alike or out of order): name score scaled by {CJK_PARTIAL_GIVEN_NAME_FACTOR}, below the default threshold"
            ),
        });
    }
    if detail && ns.no_anchor {
        ev.push(Evidence {
            kind: EvidenceKind::Information,
            effect: 0.0,
            detail: format!(
                "no distinctive word of the query matches closely: only common given names or generic words match exactly, the others only by their sound or a loose spelling (letters alike below {LOOSE_LETTER_LIKENESS} on average): name score scaled by {NO_ANCHOR_FACTOR}"
            ),
        });
    }
    if detail && ns.damp < 0.999 {
        ev.push(Evidence {
            kind: EvidenceKind::Information,
            effect: 0.0,
            detail: format!(
                "the matched words carry little information (rarity {:.1} of {:.1}); name score damped ×{:.2}",
                ns.info, INFO_FULL, ns.damp
            ),
        });
    }
    let mut score = ns.score;
    if let Some(d) = &query.dob {
        if let Some(x) = evidence::dob(d, e, detail) {
            score += x.effect;
            keep(x, &mut ev);
        }
    }
    if let Some(x) = evidence::countries(&query.countries, e, detail) {
        score += x.effect;
        keep(x, &mut ev);
    }
    if let Some(x) = evidence::gender(query, e, detail) {
        score += x.effect;
        keep(x, &mut ev);
    }
    let ids = evidence::identifiers(&query.identifiers, e, detail);
    for x in ids.evidence {
        score += x.effect;
        keep(x, &mut ev);
    }
    let mut score = score.clamp(0.0, 1.0);
    let mut outcome = IdOutcome::None;
    if let Some(m) = ids.matched {
        let near_certain = ID_MATCH_BASE + ID_MATCH_NAME_SHARE * ns.score;
        let (floor, o) = if query.name.trim().is_empty() {
            (near_certain, IdOutcome::NoName)
        } else if m.strong() {
            // Whether the words agree, before the damping for little
            // information: an exact one-word alias is not "a name that
            // differs".
            let words = ns.query_coverage.powf(QUERY_COVERAGE_EXP)
                * ns.list_coverage.powf(LIST_COVERAGE_EXP);
            let o = if words < DEFAULT_THRESHOLD {
                IdOutcome::NameDiffers
            } else {
                IdOutcome::Match
            };
            (near_certain, o)
        } else if ns.score > 0.0 {
            (near_certain, IdOutcome::Match)
        } else {
            (ID_MATCH_WEAK_NAME_DIFFERS, IdOutcome::WeakNameDiffers)
        };
        outcome = o;
        let lift = (floor - score).max(0.0);
        score = score.max(floor);
        let (q, l, t) = (&m.query, &m.list, m.id_type.name());
        if detail {
            ev.push(Evidence {
            kind: EvidenceKind::Identifier,
            effect: round4(lift),
            detail: match o {
                IdOutcome::NoName => format!(
                    "query identifier {q} = list {l}: no name in the query, the identifier alone decides: near-certain match"
                ),
                IdOutcome::NameDiffers => format!(
                    "query identifier {q} = list {l}: the name differs (name score {:.2}) but the identifier is identical, and a {t} belongs to one party only (a renamed vessel, a new name): near-certain match",
                    ns.score
                ),
                IdOutcome::WeakNameDiffers => format!(
                    "query identifier {q} = list {l}, but the name differs (name score {:.2}) and a {t} is not unique to one party: shown for review, not a match by itself",
                    ns.score
                ),
                IdOutcome::Match | IdOutcome::None => {
                    format!("query identifier {q} = list {l}: near-certain match")
                }
            },
        });
        }
    }
    (score.clamp(0.0, 1.0), ev, outcome)
}

pub(super) fn empty_explanation(a: &str, b: &str) -> Explanation {
    Explanation {
        summary: format!("no comparable words in \"{a}\" and \"{b}\""),
        query_form: String::new(),
        list_form: String::new(),
        name_score: 0.0,
        query_coverage: 0.0,
        list_coverage: 0.0,
        alignments: Vec::new(),
        unmatched_query: Vec::new(),
        unmatched_list: Vec::new(),
        evidence: Vec::new(),
    }
}

pub(super) fn explain(
    q: &[Tok<'_>],
    l: &[Tok<'_>],
    ns: &NameScore,
    (evidence, id): (Vec<Evidence>, IdOutcome),
    score: f64,
    matched_name: &str,
    name_type: NameType,
) -> Explanation {
    let mut q_used: SmallVec<[bool; 16]> = smallvec::smallvec![false; q.len()];
    let mut l_used: SmallVec<[bool; 16]> = smallvec::smallvec![false; l.len()];
    let alignments: Vec<TokenAlignment> = ns
        .pairs
        .iter()
        .map(|p| {
            let qs = p.q as usize..(p.q + p.q_len) as usize;
            let ls = p.l as usize..(p.l + p.l_len) as usize;
            q_used[qs.clone()].iter_mut().for_each(|u| *u = true);
            l_used[ls.clone()].iter_mut().for_each(|u| *u = true);
            // The second part of a split token (length 0 on the joined
            // side) shows the joined token again, with no weight of its own.
            let shown = |start: u16, len: usize| start as usize..start as usize + len.max(1);
            TokenAlignment {
                query: join_texts(&q[shown(p.q, qs.len())]),
                list: join_texts(&l[shown(p.l, ls.len())]),
                similarity: round4(p.sim),
                kind: p.kind,
                weight: round4(q[qs].iter().map(|t| t.weight).sum()),
            }
        })
        .collect();
    let unmatched = |ts: &[Tok<'_>], used: &[bool]| {
        ts.iter()
            .zip(used)
            .filter(|(_, &u)| !u)
            .map(|(t, _)| t.text.to_string())
            .collect::<Vec<_>>()
    };
    let name_kind = match name_type {
        NameType::Primary => "primary name",
        NameType::Aka => "alias",
        NameType::Fka => "former name",
        NameType::Nka => "new name",
        NameType::WeakAka => "weak alias",
    };
    // "2 of 3 query words matched the alias "X" (name score 0.67); final 0.67"
    let mut summary = String::with_capacity(96 + matched_name.len());
    if id == IdOutcome::NoName {
        // "identifier only, listed as "LADY R"; identifier +0.95; final 0.95"
        summary.push_str("identifier only, listed as \"");
        summary.push_str(matched_name);
        summary.push('"');
    } else {
        push_count(&mut summary, q_used.iter().filter(|&&u| u).count());
        summary.push_str(" of ");
        push_count(&mut summary, q.len());
        summary.push_str(" query words matched the ");
        summary.push_str(name_kind);
        summary.push_str(" \"");
        summary.push_str(matched_name);
        summary.push_str("\" (name score ");
        push_hundredths(&mut summary, ns.score, false);
        summary.push(')');
    }
    if matches!(id, IdOutcome::NameDiffers | IdOutcome::WeakNameDiffers) {
        summary.push_str("; name differs, identifier identical");
    }
    for e in &evidence {
        if e.effect != 0.0 {
            summary.push_str("; ");
            summary.push_str(e.kind.as_str());
            summary.push(' ');
            push_hundredths(&mut summary, e.effect, true);
        }
    }
    summary.push_str("; final ");
    push_hundredths(&mut summary, score, false);
    let mut evidence = evidence;
    // An acronym says which words it stands for: "IRGC = islamic
    // revolutionary guard corps (acronym)".
    for p in ns
        .pairs
        .iter()
        .filter(|p| p.kind == SimilarityKind::Acronym)
    {
        let qs = &q[p.q as usize..(p.q + p.q_len) as usize];
        let ls = &l[p.l as usize..(p.l + p.l_len) as usize];
        let (acronym, words) = if qs.len() == 1 { (qs, ls) } else { (ls, qs) };
        evidence.push(Evidence {
            kind: EvidenceKind::Information,
            effect: 0.0,
            detail: format!(
                "{} = {} (acronym: the initials of the words, similarity {:.2})",
                join_texts(acronym).to_ascii_uppercase(),
                join_texts(words),
                p.sim
            ),
        });
    }
    for p in ns
        .pairs
        .iter()
        .filter(|p| p.kind == SimilarityKind::SameName)
    {
        if let (Some(a), Some(b)) = (q.get(p.q as usize), l.get(p.l as usize)) {
            evidence.push(same_name_note(a, b));
        }
    }
    if name_type == NameType::WeakAka {
        evidence.push(Evidence {
            kind: EvidenceKind::NameType,
            effect: 0.0,
            detail: format!("weak alias: name score capped at {WEAK_ALIAS_CAP}"),
        });
    }
    Explanation {
        summary,
        query_form: join_texts(q),
        list_form: join_texts(l),
        name_score: round4(ns.score),
        query_coverage: round4(ns.query_coverage),
        list_coverage: round4(ns.list_coverage),
        alignments,
        unmatched_query: unmatched(q, &q_used),
        unmatched_list: unmatched(l, &l_used),
        evidence,
    }
}

/// Token texts joined by single spaces.
pub(super) fn join_texts(ts: &[Tok<'_>]) -> String {
    let mut out = String::with_capacity(ts.iter().map(|t| t.text.len() + 1).sum());
    for (i, t) in ts.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(t.text);
    }
    out
}

pub(super) fn push_count(out: &mut String, n: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, "{n}");
}

/// Writes `x` with two decimals (`{:.2}`, or `{:+.2}` with `sign`) through
/// integer formatting, which costs far less than float formatting. Halves
/// round away from zero.
pub(super) fn push_hundredths(out: &mut String, x: f64, sign: bool) {
    use std::fmt::Write as _;
    let h = (x * 100.0).round();
    if !h.is_finite() || h.abs() > 1e15 {
        let _ = if sign {
            write!(out, "{x:+.2}")
        } else {
            write!(out, "{x:.2}")
        };
        return;
    }
    let h = h as i64;
    if h < 0 {
        out.push('-');
    } else if sign {
        out.push('+');
    }
    let a = h.unsigned_abs();
    let _ = write!(out, "{}.{:02}", a / 100, a % 100);
}

/// The note on two forms of one person name the name-group data relates:
/// "georgios ~ george: the same name (Wikidata Q15921732)".
fn same_name_note(a: &Tok<'_>, b: &Tok<'_>) -> Evidence {
    let groups = crate::normalize::name_groups::name_groups();
    let source = match groups.shared(a.group, b.group) {
        Some(g) => format!(" (Wikidata {})", groups.qid(g)),
        None => String::new(),
    };
    Evidence {
        kind: EvidenceKind::Information,
        effect: 0.0,
        detail: format!("{} ~ {}: the same name{source}", a.text, b.text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths_read_like_float_formatting() {
        for (x, sign, want) in [
            (0.0, false, "0.00"),
            (1.0, false, "1.00"),
            (0.6667, false, "0.67"),
            (0.955, false, "0.96"),
            (0.06, true, "+0.06"),
            (-0.25, true, "-0.25"),
            (-0.004, true, "+0.00"),
            (0.0, true, "+0.00"),
        ] {
            let mut s = String::new();
            push_hundredths(&mut s, x, sign);
            assert_eq!(s, want, "{x}");
        }
    }
}
