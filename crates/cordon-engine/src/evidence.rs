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

/// Date of birth: the best agreement between the query's date and any of
/// the entity's dates, at the finer of the two precisions both have.
pub(crate) fn dob(query: &PartialDate, entity: &Entity) -> Option<Evidence> {
    let mut best: Option<(f64, String)> = None;
    for d in &entity.dates_of_birth {
        let (effect, why) = compare_dob(query, d);
        if best.as_ref().is_none_or(|(b, _)| effect > *b) {
            best = Some((effect, why));
        }
    }
    best.map(|(effect, detail)| Evidence {
        kind: "dob",
        effect,
        detail,
    })
}

fn compare_dob(q: &PartialDate, d: &DateOfBirth) -> (f64, String) {
    match d {
        DateOfBirth::Exact { date } => {
            let ydiff = (q.year - date.year).abs();
            if ydiff == 0 {
                match (q.month, date.month, q.day, date.day) {
                    (Some(qm), Some(lm), Some(qd), Some(ld)) => {
                        if qm == lm && qd == ld {
                            (DOB_SAME_DAY, format!("query {q} = list {date}"))
                        } else if qm == ld && qd == lm {
                            (
                                DOB_SWAPPED,
                                format!("query {q} is list {date} with day and month swapped"),
                            )
                        } else {
                            (
                                DOB_SAME_YEAR_OTHER_DAY,
                                format!("query {q} and list {date}: same year, other day"),
                            )
                        }
                    }
                    (Some(qm), Some(lm), _, _) => {
                        if qm == lm {
                            (
                                DOB_SAME_MONTH,
                                format!("query {q} agrees with list {date} to the month"),
                            )
                        } else {
                            (
                                DOB_SAME_YEAR_OTHER_DAY,
                                format!("query {q} and list {date}: same year, other month"),
                            )
                        }
                    }
                    _ => (
                        DOB_SAME_YEAR,
                        format!("query {q} agrees with list {date} to the year"),
                    ),
                }
            } else if ydiff == 1 {
                (
                    DOB_ONE_YEAR_OFF,
                    format!("query {q} is one year from list {date}"),
                )
            } else {
                (
                    DOB_CONFLICT,
                    format!("query {q} conflicts with list {date} ({ydiff} years apart)"),
                )
            }
        }
        DateOfBirth::Circa { .. } | DateOfBirth::Range { .. } => {
            let (lo, hi) = d.year_bounds();
            if (lo..=hi).contains(&q.year) {
                (
                    DOB_SAME_YEAR,
                    format!("query {q} lies within list {d} ({lo}–{hi})"),
                )
            } else if q.year == lo - 1 || q.year == hi + 1 {
                (
                    DOB_ONE_YEAR_OFF,
                    format!("query {q} is one year outside list {d}"),
                )
            } else {
                (DOB_CONFLICT, format!("query {q} lies outside list {d}"))
            }
        }
    }
}

/// Country: the query's countries against the entity's, by role.
pub(crate) fn countries(query_countries: &[String], entity: &Entity) -> Option<Evidence> {
    if query_countries.is_empty() || entity.countries.is_empty() {
        return None;
    }
    let q_codes: Vec<String> = query_countries.iter().map(|c| country_key(c)).collect();
    let mut strong_seen = false;
    let mut best: Option<Evidence> = None;
    for c in &entity.countries {
        let key = c
            .code
            .clone()
            .unwrap_or_else(|| country_key(&c.name))
            .to_ascii_uppercase();
        let strong = matches!(
            c.role,
            CountryRole::Nationality
                | CountryRole::Citizenship
                | CountryRole::Registration
                | CountryRole::Flag
        );
        strong_seen |= strong;
        if q_codes.iter().any(|q| *q == key) {
            let effect = if strong {
                COUNTRY_MATCH
            } else {
                COUNTRY_MATCH_ADDRESS
            };
            if best.as_ref().is_none_or(|b| effect > b.effect) {
                best = Some(Evidence {
                    kind: "country",
                    effect,
                    detail: format!(
                        "query country {key} = list {} ({})",
                        c.name,
                        role_name(c.role)
                    ),
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
fn country_key(s: &str) -> String {
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
        let eff = |q: PartialDate| dob(&q, &e).map(|x| x.effect);
        assert_eq!(eff(PartialDate::ymd(1978, 1, 28)), Some(DOB_SAME_DAY));
        assert_eq!(eff(PartialDate::year(1978)), Some(DOB_SAME_YEAR));
        assert_eq!(eff(PartialDate::year(1979)), Some(DOB_ONE_YEAR_OFF));
        assert_eq!(eff(PartialDate::year(1990)), Some(DOB_CONFLICT));
        let e2 = person_with_dob(DateOfBirth::Exact {
            date: PartialDate::ymd(1978, 2, 1),
        });
        assert_eq!(
            dob(&PartialDate::ymd(1978, 1, 2), &e2).map(|x| x.effect),
            Some(DOB_SWAPPED)
        );
        let circa = person_with_dob(DateOfBirth::Circa {
            date: PartialDate::year(1960),
        });
        assert_eq!(
            dob(&PartialDate::year(1961), &circa).map(|x| x.effect),
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
