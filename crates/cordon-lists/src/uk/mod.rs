//! The UK lists: the FCDO's UK Sanctions List XML ([`fcdo`]) and OFSI's
//! Consolidated List CSV, "ConList" ([`ofsi`]). Both write dates as
//! `dd/mm/yyyy` with `00` (or `dd`/`mm`) for unknown parts, and qualify
//! names the same way (Primary name, Primary name variation, AKA / Alias).

pub mod fcdo;
pub mod ofsi;

use cordon_engine::{DateOfBirth, EntityKind, IdentifierType, NameType, PartialDate};

/// A UK date of birth: `dd/mm/yyyy` where `00`, `dd` or `mm` mark an
/// unknown part (`00/00/1960` is the year 1960, `00/06/1960` June 1960);
/// also ISO `yyyy-mm-dd`. `None` when no year can be read.
pub fn parse_uk_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    let known = |p: &str| -> Option<u32> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok().filter(|&v| v != 0)
    };
    let (d, m, y) = match parts.as_slice() {
        [d, m, y] if y.len() == 4 => (*d, *m, *y),
        [y, m, d] if y.len() == 4 => (*d, *m, *y),
        [y] if y.len() == 4 => ("", "", *y),
        _ => return None,
    };
    let year = known(y).filter(|y| (1000..=2999).contains(y))? as i32;
    let month = known(m).filter(|m| (1..=12).contains(m)).map(|m| m as u8);
    let day = month.and(known(d).filter(|d| (1..=31).contains(d)).map(|d| d as u8));
    Some(PartialDate { year, month, day })
}

/// A date of birth from a UK date (always stated as exact to its
/// precision).
pub(crate) fn dob(s: &str) -> Option<DateOfBirth> {
    parse_uk_date(s).map(|date| DateOfBirth::Exact { date })
}

/// `Individual` / `Entity` / `Ship`.
pub(crate) fn kind(s: &str) -> Option<EntityKind> {
    match s.trim().to_ascii_lowercase().as_str() {
        "individual" => Some(EntityKind::Person),
        "entity" => Some(EntityKind::Organization),
        "ship" => Some(EntityKind::Vessel),
        other => EntityKind::parse(other),
    }
}

/// The name type of a UK name type / alias type, with the alias strength
/// or quality ("Low" / "weak" make a weak alias). `None` for the primary
/// name.
pub(crate) fn name_type(alias_type: &str, strength: &str) -> Option<NameType> {
    let t = alias_type.trim().to_ascii_lowercase();
    if t == "primary name" || t == "primary" {
        return None;
    }
    let s = strength.trim().to_ascii_lowercase();
    if s == "low" || s == "weak" || s.starts_with("low quality") {
        return Some(NameType::WeakAka);
    }
    Some(NameType::Aka)
}

/// Joins name parts 1..5 and then part 6 (the family or whole name).
pub(crate) fn join_name(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| crate::un::collapse(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The identifier type of a UK identifier label.
pub(crate) fn passport_or_id(passport: bool) -> IdentifierType {
    if passport {
        IdentifierType::Passport
    } else {
        IdentifierType::NationalId
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_dates() {
        assert_eq!(
            parse_uk_date("28/06/1960"),
            Some(PartialDate::ymd(1960, 6, 28))
        );
        assert_eq!(parse_uk_date("00/00/1960"), Some(PartialDate::year(1960)));
        assert_eq!(parse_uk_date("dd/mm/1950"), Some(PartialDate::year(1950)));
        assert_eq!(
            parse_uk_date("00/06/1960"),
            Some(PartialDate {
                year: 1960,
                month: Some(6),
                day: None
            })
        );
        assert_eq!(
            parse_uk_date("1960-06-28"),
            Some(PartialDate::ymd(1960, 6, 28))
        );
        assert_eq!(parse_uk_date("00/00/0000"), None);
        assert_eq!(parse_uk_date("June 1960"), None);
    }

    #[test]
    fn name_types() {
        assert_eq!(name_type("Primary Name", ""), None);
        assert_eq!(name_type("Primary name variation", ""), Some(NameType::Aka));
        assert_eq!(name_type("AKA", "Good quality"), Some(NameType::Aka));
        assert_eq!(name_type("Alias", "Low"), Some(NameType::WeakAka));
        assert_eq!(name_type("Prime Alias", ""), Some(NameType::Aka));
    }
}
