//! Evidence beyond the name: date of birth, country, gender, identifiers.
//!
//! Each check compares what the query says with what the list says and
//! returns an [`Evidence`] with the score change it makes; absent data on
//! either side is neutral and produces no entry. The sizes of the changes are
//! in [`crate::weights`].

use crate::country;
use crate::explain::Evidence;
use crate::model::{normalize_identifier, CountryRole, DateOfBirth, Entity, PartialDate};
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
        kind: "dob",
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
                    kind: "country",
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
    if strong_seen {
        let listed: Vec<String> = entity
            .countries
            .iter()
            .filter(|c| {
                matches!(
                    c.role,
                    CountryRole::Nationality | CountryRole::Citizenship | CountryRole::Registration
                )
            })
            .map(|c| c.name.clone())
            .collect();
        if !listed.is_empty() {
            return Some(Evidence {
                kind: "country",
                effect: COUNTRY_CONFLICT,
                detail: format!(
                    "query country {} is not the list's nationality/citizenship/registration ({})",
                    query_countries.join(", "),
                    listed.join(", ")
                ),
            });
        }
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
pub(crate) fn gender(query: &Query, entity: &Entity) -> Option<Evidence> {
    let (q, l) = (query.gender?, entity.gender?);
    Some(if q == l {
        Evidence {
            kind: "gender",
            effect: GENDER_MATCH,
            detail: format!("both {q:?}").to_lowercase(),
        }
    } else {
        Evidence {
            kind: "gender",
            effect: GENDER_CONFLICT,
            detail: format!("query {q:?}, list {l:?}").to_lowercase(),
        }
    })
}

/// Identifier: the first query identifier equal (after normalisation) to one
/// of the entity's.
pub(crate) fn identifier(query_ids: &[String], entity: &Entity) -> Option<(String, String)> {
    for q in query_ids {
        let qn = normalize_identifier(q);
        if qn.len() < 4 {
            continue;
        }
        for id in &entity.identifiers {
            let ln = id.normalized_value();
            if ln == qn || strip_prefix_eq(&ln, &qn) {
                return Some((q.clone(), format!("{} {}", id.label, id.value)));
            }
        }
    }
    None
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

    #[test]
    fn identifier_ignores_formatting_and_type_prefix() {
        let mut e = person_with_dob(DateOfBirth::Exact {
            date: PartialDate::year(1970),
        });
        e.identifiers.push(Identifier {
            id_type: IdentifierType::Imo,
            label: "IMO".into(),
            value: "9184691".into(),
            country: None,
            note: None,
        });
        assert!(identifier(&["IMO 9184691".into()], &e).is_some());
        assert!(identifier(&["918-4691".into()], &e).is_some());
        assert!(identifier(&["9184692".into()], &e).is_none());
    }
}
