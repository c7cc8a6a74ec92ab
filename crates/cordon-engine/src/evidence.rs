//! Evidence beyond the name: date of birth, country, gender, identifiers.
//!
//! Each check compares what the query says with what the list says and
//! returns an [`Evidence`] with the score change it makes; absent data on
//! either side is neutral and produces no entry. The sizes of the changes are
//! in [`crate::weights`].

use crate::country;
use crate::explain::{Evidence, EvidenceKind};
use crate::identifiers::{self as ids, parse_query, QueryId};
use crate::model::{
    normalize_identifier, CountryRole, DateOfBirth, Entity, Identifier, IdentifierType, PartialDate,
};
use crate::query::Query;
use crate::weights::*;

/// How a query date relates to one list date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DobOutcome {
    SameDay,
    SameMonth,
    SameYear,
    Swapped,
    SameYearOtherDay,
    WithinRange,
    OneYearOff,
    Conflict,
}

impl DobOutcome {
    fn effect(self) -> f64 {
        match self {
            DobOutcome::SameDay => DOB_SAME_DAY,
            DobOutcome::SameMonth => DOB_SAME_MONTH,
            DobOutcome::SameYear | DobOutcome::WithinRange => DOB_SAME_YEAR,
            DobOutcome::Swapped => DOB_SWAPPED,
            DobOutcome::SameYearOtherDay => DOB_SAME_YEAR_OTHER_DAY,
            DobOutcome::OneYearOff => DOB_ONE_YEAR_OFF,
            DobOutcome::Conflict => DOB_CONFLICT,
        }
    }

    fn describe(self, q: &PartialDate, d: &DateOfBirth) -> String {
        match self {
            DobOutcome::SameDay => format!("query {q} = list {d}"),
            DobOutcome::SameMonth => format!("query {q} agrees with list {d} to the month"),
            DobOutcome::SameYear => format!("query {q} agrees with list {d} to the year"),
            DobOutcome::WithinRange => format!("query {q} lies within list {d}"),
            DobOutcome::Swapped => format!("query {q} is list {d} with day and month swapped"),
            DobOutcome::SameYearOtherDay => {
                format!("query {q} and list {d}: same year, other month or day")
            }
            DobOutcome::OneYearOff => format!("query {q} is one year from list {d}"),
            DobOutcome::Conflict => format!("query {q} conflicts with list {d}"),
        }
    }
}

/// Date of birth: the best agreement between the query's date and any of
/// the entity's dates, at the finer of the two precisions both have.
/// Without `detail` the evidence text is left empty (ranking needs only the
/// effect; the text is built for the results shown).
pub(crate) fn dob(query: &PartialDate, entity: &Entity, detail: bool) -> Option<Evidence> {
    let mut best: Option<(DobOutcome, &DateOfBirth)> = None;
    for d in &entity.dates_of_birth {
        let o = compare_dob(query, d);
        if best.is_none_or(|(b, _)| o.effect() > b.effect()) {
            best = Some((o, d));
        }
    }
    best.map(|(o, d)| Evidence {
        kind: EvidenceKind::Dob,
        effect: o.effect(),
        detail: if detail {
            o.describe(query, d)
        } else {
            String::new()
        },
    })
}

fn compare_dob(q: &PartialDate, d: &DateOfBirth) -> DobOutcome {
    match d {
        DateOfBirth::Exact { date } => match (q.year - date.year).abs() {
            0 => match (q.month, date.month, q.day, date.day) {
                (Some(qm), Some(lm), Some(qd), Some(ld)) => {
                    if qm == lm && qd == ld {
                        DobOutcome::SameDay
                    } else if qm == ld && qd == lm {
                        DobOutcome::Swapped
                    } else {
                        DobOutcome::SameYearOtherDay
                    }
                }
                (Some(qm), Some(lm), _, _) => {
                    if qm == lm {
                        DobOutcome::SameMonth
                    } else {
                        DobOutcome::SameYearOtherDay
                    }
                }
                _ => DobOutcome::SameYear,
            },
            1 => DobOutcome::OneYearOff,
            _ => DobOutcome::Conflict,
        },
        DateOfBirth::Circa { .. } | DateOfBirth::Range { .. } => {
            let (lo, hi) = d.year_bounds();
            if (lo..=hi).contains(&q.year) {
                DobOutcome::WithinRange
            } else if q.year == lo - 1 || q.year == hi + 1 {
                DobOutcome::OneYearOff
            } else {
                DobOutcome::Conflict
            }
        }
    }
}

/// Country: the query's countries against the entity's, by role.
pub(crate) fn countries(
    query_countries: &[String],
    entity: &Entity,
    detail: bool,
) -> Option<Evidence> {
    if query_countries.is_empty() || entity.countries.is_empty() {
        return None;
    }
    let q_codes = query_countries;
    let mut strong_seen = false;
    let mut best: Option<Evidence> = None;
    for c in &entity.countries {
        // Loaders resolve codes once; a country without one is compared by
        // its name as written.
        let key = c.code.as_deref().unwrap_or(c.name.as_str());
        let strong = matches!(
            c.role,
            CountryRole::Nationality
                | CountryRole::Citizenship
                | CountryRole::Registration
                | CountryRole::Flag
        );
        strong_seen |= strong;
        if q_codes.iter().any(|q| q.eq_ignore_ascii_case(key)) {
            let effect = if strong {
                COUNTRY_MATCH
            } else {
                COUNTRY_MATCH_ADDRESS
            };
            if best.as_ref().is_none_or(|b| effect > b.effect) {
                best = Some(Evidence {
                    kind: EvidenceKind::Country,
                    effect,
                    detail: if detail {
                        format!(
                            "query country {key} = list {} ({})",
                            c.name,
                            role_name(c.role)
                        )
                    } else {
                        String::new()
                    },
                });
            }
        }
    }
    if best.is_some() {
        return best;
    }
    let conflicting = |c: &&crate::model::Country| {
        matches!(
            c.role,
            CountryRole::Nationality | CountryRole::Citizenship | CountryRole::Registration
        )
    };
    if strong_seen && entity.countries.iter().any(|c| conflicting(&c)) {
        return Some(Evidence {
            kind: EvidenceKind::Country,
            effect: COUNTRY_CONFLICT,
            detail: if detail {
                let listed: Vec<&str> = entity
                    .countries
                    .iter()
                    .filter(conflicting)
                    .map(|c| c.name.as_str())
                    .collect();
                format!(
                    "query country {} is not the list's nationality/citizenship/registration ({})",
                    query_countries.join(", "),
                    listed.join(", ")
                )
            } else {
                String::new()
            },
        });
    }
    None
}

fn role_name(r: CountryRole) -> &'static str {
    match r {
        CountryRole::Nationality => "nationality",
        CountryRole::Citizenship => "citizenship",
        CountryRole::Address => "address",
        CountryRole::Registration => "registration",
        CountryRole::Flag => "flag",
        CountryRole::Birth => "place of birth",
        CountryRole::Other => "country",
    }
}

/// ISO code when the text is a known country, else the upper-cased text.
/// Computed once per query, never per candidate.
pub(crate) fn country_key(s: &str) -> String {
    country::code_for(s)
        .map(str::to_string)
        .unwrap_or_else(|| s.trim().to_ascii_uppercase())
}

/// Gender: a conflict lowers the score, agreement raises it slightly.
/// `detail`: write the text (for a returned result only).
pub(crate) fn gender(query: &Query, entity: &Entity, detail: bool) -> Option<Evidence> {
    let (q, l) = (query.gender?, entity.gender?);
    let effect = if q == l {
        GENDER_MATCH
    } else {
        GENDER_CONFLICT
    };
    Some(Evidence {
        kind: EvidenceKind::Gender,
        effect,
        detail: if !detail {
            String::new()
        } else if q == l {
            format!("both {q:?}").to_lowercase()
        } else {
            format!("query {q:?}, list {l:?}").to_lowercase()
        },
    })
}

/// What the query's identifiers say about one entity.
#[derive(Debug, Default)]
pub(crate) struct IdentifierEvidence {
    /// The first query identifier equal to one of the entity's: a
    /// near-certain match.
    pub matched: Option<IdMatch>,
    /// Conflicts (negative effects) and notes (effect 0: a query value that
    /// fails its check digit, a conflict outweighed by a match).
    pub evidence: Vec<Evidence>,
}

/// A query identifier equal to one of an entity's.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IdMatch {
    /// The query value as written.
    pub query: String,
    /// The list identifier, `label value`.
    pub list: String,
    /// The type both were compared as.
    pub id_type: IdentifierType,
}

impl IdMatch {
    /// Whether the type names one party only, so that an identical value
    /// is the same party whatever the names say (a renamed vessel keeps
    /// its IMO number): IMO, MMSI, LEI, INN, OGRN, BIC, passport.
    pub fn strong(&self) -> bool {
        is_strong(self.id_type)
    }
}

/// See [`IdMatch::strong`].
pub(crate) fn is_strong(t: IdentifierType) -> bool {
    matches!(
        t,
        IdentifierType::Imo
            | IdentifierType::Mmsi
            | IdentifierType::Lei
            | IdentifierType::Inn
            | IdentifierType::Ogrn
            | IdentifierType::SwiftBic
            | IdentifierType::Passport
    )
}

/// Identifiers: query values against the entity's, each compared in the
/// canonical form of its type ([`crate::identifiers`]).
///
/// - **Match**: a query value equal to one of the entity's identifiers
///   (any type: lists mislabel passports and national IDs; an untyped value
///   is read as the type of each list identifier it is compared with, so
///   `SABRRUMMXXX` meets BIC `SABRRUMM`; a BIC meets another of the same
///   institution, branch aside).
/// - **Conflict**: nothing matched, the query gives a *typed* strong
///   identifier (IMO, LEI, INN, OGRN, BIC, passport) and the entity holds
///   identifiers of that type, none equal. One conflict per type.
///   Passports conflict only when the issuing countries agree or one is
///   unknown. MMSI, national IDs and other numbers never conflict.
/// - **Invalid**: a typed query value failing its check digit is noted
///   (effect 0) and still compared.
///
/// Without `detail` the notes (effect 0) are left out and texts are empty.
pub(crate) fn identifiers(
    query_ids: &[String],
    entity: &Entity,
    detail: bool,
) -> IdentifierEvidence {
    let mut out = IdentifierEvidence::default();
    if query_ids.is_empty() {
        return out;
    }
    let parsed: Vec<(&String, QueryId)> = query_ids.iter().map(|q| (q, parse_query(q))).collect();
    if detail {
        for (raw, q) in &parsed {
            if let Some(t) = q.id_type {
                if let Err(why) = ids::validate(t, &q.value) {
                    out.evidence.push(Evidence {
                        kind: EvidenceKind::Identifier,
                        effect: 0.0,
                        detail: format!("query {raw}: not a valid {} number: {why}", t.name()),
                    });
                }
            }
        }
    }
    'outer: for (raw, q) in &parsed {
        for id in &entity.identifiers {
            if same_identifier(q, id) {
                out.matched = Some(IdMatch {
                    query: (*raw).clone(),
                    list: format!("{} {}", id.label, id.value),
                    id_type: q.id_type.unwrap_or(id.id_type),
                });
                break 'outer;
            }
        }
    }
    let mut seen: Vec<IdentifierType> = Vec::new();
    for (_, q) in &parsed {
        let Some(t) = q.id_type else { continue };
        let Some(effect) = conflict_effect(t) else {
            continue;
        };
        if seen.contains(&t) {
            continue;
        }
        let listed: Vec<&Identifier> = entity
            .identifiers
            .iter()
            .filter(|id| id.id_type == t && same_issuer(q, id))
            .collect();
        if listed.is_empty() || listed.iter().any(|id| same_identifier(q, id)) {
            continue;
        }
        seen.push(t);
        let effect = if out.matched.is_some() { 0.0 } else { effect };
        if effect == 0.0 && !detail {
            continue;
        }
        out.evidence.push(Evidence {
            kind: EvidenceKind::Identifier,
            effect,
            detail: if detail {
                let qv =
                    ids::normalize(t, &q.value).unwrap_or_else(|| normalize_identifier(&q.value));
                let lv: Vec<String> = listed
                    .iter()
                    .map(|id| {
                        let v = ids::normalize(t, &id.value)
                            .unwrap_or_else(|| normalize_identifier(&id.value));
                        match &id.country {
                            Some(c) => format!("{} {v} ({c})", t.name()),
                            None => format!("{} {v}", t.name()),
                        }
                    })
                    .collect();
                let cc = q
                    .country
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default();
                let tail = if out.matched.is_some() {
                    " (outweighed: another identifier matches)"
                } else {
                    ""
                };
                format!(
                    "query {} {qv}{cc} conflicts with list {}{tail}",
                    t.name(),
                    lv.join(", ")
                )
            } else {
                String::new()
            },
        });
    }
    out
}

/// The score change of a conflicting typed identifier, `None` for types
/// whose difference says little (see the constants in [`crate::weights`]).
fn conflict_effect(t: IdentifierType) -> Option<f64> {
    match t {
        IdentifierType::Imo | IdentifierType::Lei | IdentifierType::Inn | IdentifierType::Ogrn => {
            Some(ID_CONFLICT_STRONG)
        }
        IdentifierType::SwiftBic => Some(ID_CONFLICT_BIC),
        IdentifierType::Passport => Some(ID_CONFLICT_PASSPORT),
        _ => None,
    }
}

/// Passports of different issuing countries do not conflict (dual
/// nationals); an unknown country on either side may be the same.
fn same_issuer(q: &QueryId, id: &Identifier) -> bool {
    match (&q.country, &id.country) {
        (Some(qc), Some(lc)) => country::code_for(lc).is_none_or(|c| c.eq_ignore_ascii_case(qc)),
        _ => true,
    }
}

/// A query identifier equals a list identifier: both in the canonical form
/// of the query's type (or, untyped, of the list identifier's type), or
/// equal once a type word before one of them is dropped. Values shorter
/// than 4 characters never match.
fn same_identifier(q: &QueryId, id: &Identifier) -> bool {
    let t = q.id_type.unwrap_or(id.id_type);
    let canon = |v: &str| ids::normalize(t, v).unwrap_or_else(|| normalize_identifier(v));
    let qn = canon(&q.value);
    if qn.len() < 4 {
        return false;
    }
    let ln = canon(&id.value);
    if ln == qn || strip_prefix_eq(&ln, &qn) {
        return true;
    }
    // One BIC8 is one institution: its branches (BIC11) are the same party.
    t == IdentifierType::SwiftBic
        && match (ids::normalize(t, &q.value), ids::normalize(t, &id.value)) {
            (Some(a), Some(b)) => a.get(..8).is_some() && a.get(..8) == b.get(..8),
            _ => false,
        }
}

/// "IMO9184691" vs "9184691": list values sometimes carry their type.
fn strip_prefix_eq(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    short.len() >= 6
        && long.ends_with(short)
        && long[..long.len() - short.len()]
            .bytes()
            .all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn person_with_dob(d: DateOfBirth) -> Entity {
        let mut e = Entity::new(
            "t",
            "1",
            EntityKind::Person,
            "X",
            Provenance {
                list: "t".into(),
                file: "f".into(),
                line: None,
            },
        );
        e.dates_of_birth.push(d);
        e
    }

    #[test]
    fn dob_levels() {
        let e = person_with_dob(DateOfBirth::Exact {
            date: PartialDate::ymd(1978, 1, 28),
        });
        let eff = |q: PartialDate| dob(&q, &e, true).map(|x| x.effect);
        assert_eq!(eff(PartialDate::ymd(1978, 1, 28)), Some(DOB_SAME_DAY));
        assert_eq!(eff(PartialDate::year(1978)), Some(DOB_SAME_YEAR));
        assert_eq!(eff(PartialDate::year(1979)), Some(DOB_ONE_YEAR_OFF));
        assert_eq!(eff(PartialDate::year(1990)), Some(DOB_CONFLICT));
        let e2 = person_with_dob(DateOfBirth::Exact {
            date: PartialDate::ymd(1978, 2, 1),
        });
        assert_eq!(
            dob(&PartialDate::ymd(1978, 1, 2), &e2, true).map(|x| x.effect),
            Some(DOB_SWAPPED)
        );
        let circa = person_with_dob(DateOfBirth::Circa {
            date: PartialDate::year(1960),
        });
        assert_eq!(
            dob(&PartialDate::year(1961), &circa, true).map(|x| x.effect),
            Some(DOB_SAME_YEAR)
        );
    }

    fn with_ids(kind: EntityKind, ids: &[(IdentifierType, &str, &str, Option<&str>)]) -> Entity {
        let mut e = Entity::new(
            "t",
            "1",
            kind,
            "X",
            Provenance {
                list: "t".into(),
                file: "f".into(),
                line: None,
            },
        );
        for (id_type, label, value, country) in ids {
            e.identifiers.push(Identifier {
                id_type: *id_type,
                label: (*label).into(),
                value: (*value).into(),
                country: country.map(str::to_string),
                note: None,
            });
        }
        e
    }

    fn run(q: &[&str], e: &Entity) -> IdentifierEvidence {
        let q: Vec<String> = q.iter().map(|s| s.to_string()).collect();
        identifiers(&q, e, true)
    }

    fn shahed() -> Entity {
        with_ids(
            EntityKind::Vessel,
            &[(
                IdentifierType::Imo,
                "Vessel Registration Identification IMO",
                "9184691",
                None,
            )],
        )
    }

    /// Sberbank's identifiers typed as the loaders type them
    /// ([`crate::identifiers::specific_type`]: Russian tax and registration
    /// numbers are an INN and an OGRN).
    fn sberbank() -> Entity {
        with_ids(
            EntityKind::Organization,
            &[
                (
                    IdentifierType::Inn,
                    "Tax ID No.",
                    "7707083893",
                    Some("Russia"),
                ),
                (
                    IdentifierType::Ogrn,
                    "Registration Number",
                    "1027700132195",
                    Some("Russia"),
                ),
                (IdentifierType::SwiftBic, "SWIFT/BIC", "SABRRUMM", None),
            ],
        )
    }

    /// The comparison reads the type the identifier carries and guesses
    /// nothing from its label or country: a Russian tax number left a plain
    /// tax ID is not an INN a typed `inn:` query conflicts with (the
    /// loaders give it its type, see `identifiers::specific_type`).
    #[test]
    fn the_identifier_type_is_read_as_given() {
        let plain = with_ids(
            EntityKind::Organization,
            &[(
                IdentifierType::TaxId,
                "Tax ID No.",
                "7707083893",
                Some("Russia"),
            )],
        );
        assert!(run(&["inn:7736050003"], &plain).evidence.is_empty());
        let r = run(&["inn:7736050003"], &sberbank());
        assert_eq!(r.evidence.len(), 1, "{:?}", r.evidence);
        assert_eq!(r.evidence[0].effect, ID_CONFLICT_STRONG);
        // Equal values still match across the two types.
        assert!(run(&["inn:7707083893"], &plain).matched.is_some());
    }

    #[test]
    fn identifier_ignores_formatting_and_type_prefix() {
        let e = shahed();
        for q in ["IMO 9184691", "918-4691", "imo:9184691", "IMO:IMO 9184691"] {
            let r = run(&[q], &e);
            assert!(r.matched.is_some(), "{q}");
            assert!(r.evidence.is_empty(), "{q}: {:?}", r.evidence);
        }
        assert!(run(&["9184692"], &e).matched.is_none());
    }

    #[test]
    fn typed_and_untyped_matches_per_type() {
        let e = sberbank();
        for q in [
            "inn:7707083893",
            "ogrn:1027700132195",
            "7707-083-893",
            "bic:SABRRUMMXXX",
            "SABRRUMMXXX",
            "swift:SABR RU MM 123",
        ] {
            let r = run(&[q], &e);
            assert!(r.matched.is_some(), "{q}");
            assert!(r.evidence.is_empty(), "{q}: {:?}", r.evidence);
        }
        // A typed value also meets an identifier of another type (lists
        // mislabel): an INN given as a tax ID.
        assert!(run(&["tax:7707083893"], &e).matched.is_some());
    }

    #[test]
    fn typed_strong_identifier_conflicts() {
        let r = run(&["imo:9184706"], &shahed());
        assert!(r.matched.is_none());
        assert!(is_valid_imo("9184706"));
        assert_eq!(r.evidence.len(), 1, "{:?}", r.evidence);
        assert_eq!(r.evidence[0].effect, ID_CONFLICT_STRONG);
        assert_eq!(
            r.evidence[0].detail,
            "query IMO 9184706 conflicts with list IMO 9184691"
        );
        let e = sberbank();
        let r = run(&["inn:7736050003"], &e);
        assert_eq!(r.evidence.len(), 1, "{:?}", r.evidence);
        assert_eq!(r.evidence[0].effect, ID_CONFLICT_STRONG);
        assert!(r.evidence[0]
            .detail
            .contains("list INN 7707083893 (Russia)"));
        let r = run(&["bic:VTBRRUMM"], &e);
        assert_eq!(r.evidence[0].effect, ID_CONFLICT_BIC);
        // One conflict per type, whatever the number of values.
        let r = run(&["inn:7736050003", "inn:7702070139"], &e);
        assert_eq!(r.evidence.len(), 1, "{:?}", r.evidence);
        // No identifier of that type on the list: nothing to conflict with.
        assert!(run(&["lei:253400V1H6ART1UQ0N98"], &e).evidence.is_empty());
        assert!(run(&["imo:9184706"], &e).evidence.is_empty());
        // Untyped values and weak types never conflict.
        assert!(run(&["7736050003"], &e).evidence.is_empty());
        assert!(run(
            &["mmsi:422000001"],
            &with_ids(
                EntityKind::Vessel,
                &[(IdentifierType::Mmsi, "MMSI", "422000002", None)]
            )
        )
        .evidence
        .is_empty());
    }

    #[test]
    fn conflict_only_when_no_identifier_of_the_type_matches() {
        let e = with_ids(
            EntityKind::Vessel,
            &[
                (IdentifierType::Imo, "IMO", "9184691", None),
                (IdentifierType::Imo, "IMO", "9184706", None),
            ],
        );
        let r = run(&["imo:9184706"], &e);
        assert!(r.matched.is_some());
        assert!(r.evidence.is_empty(), "{:?}", r.evidence);
        // A match by another identifier outweighs a conflict: noted, effect 0.
        let r = run(&["inn:7736050003", "ogrn:1027700132195"], &sberbank());
        assert!(r.matched.is_some());
        assert_eq!(r.evidence.len(), 1, "{:?}", r.evidence);
        assert_eq!(r.evidence[0].effect, 0.0);
        assert!(r.evidence[0].detail.contains("outweighed"));
    }

    #[test]
    fn passports_conflict_within_one_issuing_country() {
        let e = with_ids(
            EntityKind::Person,
            &[(
                IdentifierType::Passport,
                "Passport",
                "753129173",
                Some("Russia"),
            )],
        );
        assert!(run(&["passport:753129173"], &e).matched.is_some());
        let r = run(&["passport:RU:753129174"], &e);
        assert_eq!(r.evidence.len(), 1, "{:?}", r.evidence);
        assert_eq!(r.evidence[0].effect, ID_CONFLICT_PASSPORT);
        assert_eq!(
            run(&["passport:753129174"], &e).evidence[0].effect,
            ID_CONFLICT_PASSPORT
        );
        // Another country's passport: a dual national, no conflict.
        assert!(run(&["passport:UA:753129174"], &e).evidence.is_empty());
    }

    #[test]
    fn invalid_check_digit_is_noted_and_still_compared() {
        let r = run(&["imo:9184692"], &shahed());
        assert!(r.matched.is_none());
        assert_eq!(r.evidence.len(), 2, "{:?}", r.evidence);
        assert_eq!(r.evidence[0].effect, 0.0);
        assert_eq!(
            r.evidence[0].detail,
            "query imo:9184692: not a valid IMO number: check digit"
        );
        assert_eq!(r.evidence[1].effect, ID_CONFLICT_STRONG);
        // An invalid value can still match a list value written the same.
        let e = with_ids(
            EntityKind::Vessel,
            &[(IdentifierType::Imo, "IMO", "9184692", None)],
        );
        let r = run(&["imo:9184692"], &e);
        assert!(r.matched.is_some());
        assert_eq!(r.evidence.len(), 1);
        assert_eq!(r.evidence[0].effect, 0.0);
        // Without detail, notes of effect 0 are left out.
        let q = vec!["imo:9184692".to_string()];
        let r = identifiers(&q, &shahed(), false);
        assert_eq!(r.evidence.len(), 1);
        assert_eq!(r.evidence[0].effect, ID_CONFLICT_STRONG);
    }

    fn is_valid_imo(v: &str) -> bool {
        crate::identifiers::is_valid(IdentifierType::Imo, v)
    }
}
