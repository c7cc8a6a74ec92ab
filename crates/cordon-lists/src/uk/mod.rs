//! The UK lists: the FCDO's UK Sanctions List XML ([`fcdo`]) and OFSI's
//! Consolidated List CSV, "ConList" ([`ofsi`]). Both write dates as
//! `dd/mm/yyyy` with `00` (or `dd`/`mm`) for unknown parts, and qualify
//! names the same way (Primary name, Primary name variation, AKA / Alias).

pub mod fcdo;
pub mod ofsi;

use cordon_engine::{DateOfBirth, EntityKind, IdentifierType, NameType, PartialDate};

/// A UK date: `dd/mm/yyyy` (or `yyyy-mm-dd`, or a year), a part of zeros
/// unknown, read by the one date grammar ([`crate::dates::numeric`]).
pub fn parse_uk_date(s: &str) -> Option<PartialDate> {
    crate::dates::numeric(s, crate::dates::Order::DayMonth)
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
