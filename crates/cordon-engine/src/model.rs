//! The entity model every list loader produces and the matcher consumes.
//!
//! One [`Entity`] is one listed party (a person, an organisation, a vessel or
//! an aircraft) as one list publishes it. Its id is `LIST:SOURCE_ID`, e.g.
//! `ofac-sdn:16418`, so the same party on two lists stays two entities with
//! their own provenance; merging across lists is a later concern.
//!
//! The model keeps what the source said: dates keep their precision, countries
//! keep their role, identifiers keep their type and issuing country, and any
//! remark fragment a loader could not structure is kept verbatim in
//! [`Entity::remarks`], never dropped.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of party an entity is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Vessel,
    Aircraft,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Vessel => "vessel",
            EntityKind::Aircraft => "aircraft",
        }
    }

    /// Parses the names users and lists use for a kind (`person`,
    /// `individual`, `organisation`, `entity`, `company`, `vessel`, `ship`,
    /// `aircraft`, ...). Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "individual" | "people" | "natural person" => Some(EntityKind::Person),
            "organization" | "organisation" | "entity" | "company" | "legalentity"
            | "legal entity" | "org" => Some(EntityKind::Organization),
            "vessel" | "ship" => Some(EntityKind::Vessel),
            "aircraft" | "airplane" | "plane" => Some(EntityKind::Aircraft),
            _ => None,
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a list qualifies one of an entity's names.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameType {
    /// The name the list files the entity under.
    Primary,
    /// "also known as".
    Aka,
    /// "formerly known as".
    Fka,
    /// "now known as".
    Nka,
    /// OFAC's "weak a.k.a.": a low-quality alias that on its own should not
    /// produce a confident match.
    WeakAka,
}

impl NameType {
    /// Parses OFAC's `alt_type` values (`aka`, `fka`, `nka`) and the spelled
    /// forms; `None` for anything else.
    pub fn parse(s: &str) -> Option<NameType> {
        match s.trim().trim_end_matches('.').to_ascii_lowercase().as_str() {
            "aka" | "a.k.a" | "alias" => Some(NameType::Aka),
            "fka" | "f.k.a" => Some(NameType::Fka),
            "nka" | "n.k.a" => Some(NameType::Nka),
            "weak aka" | "weak a.k.a" | "weak" => Some(NameType::WeakAka),
            "primary" | "name" => Some(NameType::Primary),
            _ => None,
        }
    }
}

/// One name of an entity, as the list spells it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Name {
    pub name: String,
    #[serde(rename = "type")]
    pub name_type: NameType,
    /// Free-text remark attached to this name by the list, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// Set when the list gives this name in its original, non-Latin script
    /// (the UN's `NAME_ORIGINAL_SCRIPT`, the UK's non-Latin names): the
    /// script's English name, e.g. "Arabic", "Cyrillic", "Han".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// The name's language when the list states it (ISO 639-1 code where
    /// the list uses one, e.g. the EU's `nameLanguage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Name {
    pub fn new(name: impl Into<String>, name_type: NameType) -> Name {
        Name {
            name: name.into(),
            name_type,
            remark: None,
            script: None,
            lang: None,
        }
    }
}

/// A calendar date known to day, month or year precision.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

/// How precisely a [`PartialDate`] is known.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn ymd(year: i32, month: u8, day: u8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The calendar date `days` days after 1970-01-01 (negative: before),
    /// to the day. Callers pass today's date to [`crate::Query::validate`]
    /// this way: the engine reads no clock.
    pub fn from_unix_days(days: i64) -> PartialDate {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        PartialDate::ymd(
            year.clamp(i32::MIN as i64, i32::MAX as i64) as i32,
            month,
            day,
        )
    }

    /// Days from 1970-01-01 to this date (negative: before); a missing
    /// month or day counts as the first. The inverse of
    /// [`PartialDate::from_unix_days`], the workspace's one calendar
    /// arithmetic (Howard Hinnant's days_from_civil).
    pub fn unix_days(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month.unwrap_or(1).max(1)),
            i64::from(self.day.unwrap_or(1).max(1)),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// [`PartialDate::from_unix_days`] of a Unix time in seconds.
    pub fn from_unix_seconds(secs: i64) -> PartialDate {
        PartialDate::from_unix_days(secs.div_euclid(86_400))
    }

    /// Whether this is a date of the calendar: a year from 1000 to 2999 (as
    /// [`PartialDate::parse`] accepts), a month from 1 to 12, a day that
    /// exists in its month (29 February only in leap years), no day without
    /// a month.
    pub fn is_valid(&self) -> bool {
        if !(1000..=2999).contains(&self.year) {
            return false;
        }
        match (self.month, self.day) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => {
                (1..=12).contains(&m) && d >= 1 && d <= days_in_month(self.year, m)
            }
        }
    }

    /// Whether this date lies after `other`, compared to the precision both
    /// have: `2026` is not after `2026-03-05`, `2026-04` is.
    pub fn is_after(&self, other: &PartialDate) -> bool {
        if self.year != other.year {
            return self.year > other.year;
        }
        match (self.month, other.month) {
            (Some(a), Some(b)) if a != b => a > b,
            (Some(_), Some(_)) => matches!((self.day, other.day), (Some(a), Some(b)) if a > b),
            _ => false,
        }
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/` or `.`),
    /// `DD.MM.YYYY`, `DD/MM/YYYY` and OFAC's `DD Mon YYYY` / `Mon YYYY`.
    /// Returns `None` when the text is not a plausible date.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let valid = |d: PartialDate| -> Option<PartialDate> {
            if !(1000..=2999).contains(&d.year) {
                return None;
            }
            if let Some(m) = d.month {
                if !(1..=12).contains(&m) {
                    return None;
                }
            }
            if let Some(day) = d.day {
                if !(1..=31).contains(&day) || d.month.is_none() {
                    return None;
                }
            }
            Some(d)
        };
        // Word month forms: "28 Jan 1978", "Jan 1978".
        let words: Vec<&str> = s.split_whitespace().collect();
        match words.as_slice() {
            [d, m, y] => {
                if let (Ok(day), Some(month), Ok(year)) =
                    (d.parse::<u8>(), month_from_name(m), y.parse::<i32>())
                {
                    return valid(PartialDate {
                        year,
                        month: Some(month),
                        day: Some(day),
                    });
                }
            }
            [m, y] => {
                if let (Some(month), Ok(year)) = (month_from_name(m), y.parse::<i32>()) {
                    return valid(PartialDate {
                        year,
                        month: Some(month),
                        day: None,
                    });
                }
            }
            _ => {}
        }
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let num = |p: &str| -> Option<i64> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => valid(PartialDate::year(num(y)? as i32)),
            [y, m] if y.len() == 4 => valid(PartialDate {
                year: num(y)? as i32,
                month: Some(num(m)? as u8),
                day: None,
            }),
            [m, y] if y.len() == 4 => valid(PartialDate {
                year: num(y)? as i32,
                month: Some(num(m)? as u8),
                day: None,
            }),
            [y, m, d] if y.len() == 4 => valid(PartialDate {
                year: num(y)? as i32,
                month: Some(num(m)? as u8),
                day: Some(num(d)? as u8),
            }),
            [d, m, y] if y.len() == 4 => valid(PartialDate {
                year: num(y)? as i32,
                month: Some(num(m)? as u8),
                day: Some(num(d)? as u8),
            }),
            _ => None,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// Days in month `m` (1-12) of `year`, leap years counted.
fn days_in_month(year: i32, m: u8) -> u8 {
    match m {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Month number from an English month name or its three-letter abbreviation.
pub fn month_from_name(s: &str) -> Option<u8> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if s.len() < 3 {
        return None;
    }
    let pos = MONTHS.iter().position(|m| s.starts_with(m))?;
    // Accept "sept" and the full names, reject unrelated words starting alike.
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if s.len() == 3 || full[pos].starts_with(s.as_str()) {
        Some(pos as u8 + 1)
    } else {
        None
    }
}

/// A date of birth as a list states it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum DateOfBirth {
    /// A single date, to its precision.
    Exact { date: PartialDate },
    /// "circa 1960", "approximately 1960".
    Circa { date: PartialDate },
    /// "1960 to 1962", "between 1960 and 1962".
    Range { from: PartialDate, to: PartialDate },
}

impl DateOfBirth {
    /// The earliest and latest year this statement allows, with the slack
    /// OFAC and the UN use for "circa" (one year either side).
    pub fn year_bounds(&self) -> (i32, i32) {
        match self {
            DateOfBirth::Exact { date } => (date.year, date.year),
            DateOfBirth::Circa { date } => (date.year - 1, date.year + 1),
            DateOfBirth::Range { from, to } => (from.year.min(to.year), from.year.max(to.year)),
        }
    }
}

impl fmt::Display for DateOfBirth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOfBirth::Exact { date } => write!(f, "{date}"),
            DateOfBirth::Circa { date } => write!(f, "circa {date}"),
            DateOfBirth::Range { from, to } => write!(f, "{from} to {to}"),
        }
    }
}

/// Why a country is attached to an entity.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountryRole {
    Nationality,
    Citizenship,
    Address,
    Registration,
    Flag,
    Birth,
    /// A country named in the list's own country column or a remark without
    /// a more specific role.
    Other,
}

/// A country attached to an entity, with its role.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// The country as the list names it ("Russia", "Korea, North").
    pub name: String,
    /// ISO 3166-1 alpha-2 code when the name is recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub role: CountryRole,
}

/// The type of an identifier, as the list gives it: `inn` and `ogrn` are
/// Russian taxpayer and state registration numbers, `imo_company` an IMO
/// company or registered owner number (not a ship's).
//
// The one type set: the loaders set it and the comparison rules read it
// (`crate::identifiers`: shapes, check digits, which types belong to one
// party only); `identifiers::specific_type` is the rule that makes a
// label's type finer. Names only ever get added, so records written
// before `inn`, `ogrn` and `imo_company` existed (then `tax_id`,
// `registration` and `imo`) still read.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierType {
    Passport,
    NationalId,
    TaxId,
    /// Russian taxpayer number (ИНН): 10 digits for an organisation, 12 for
    /// a person, with check digits; one party's only.
    Inn,
    Registration,
    /// Russian state registration number (ОГРН, and ОГРНИП for sole
    /// traders): 13 or 15 digits with a check digit.
    Ogrn,
    /// IMO ship number: 7 digits with a check digit.
    Imo,
    /// IMO company and registered owner number (OFAC "Company Number IMO"):
    /// not a ship's number, compared as a plain identifier.
    ImoCompany,
    Mmsi,
    SwiftBic,
    Lei,
    DigitalCurrency,
    Website,
    Email,
    Phone,
    /// Aircraft tail number / registration mark, manufacturer serial number.
    AircraftId,
    /// Any other typed identifier; the list's own label is kept in
    /// [`Identifier::label`].
    Other,
}

/// An identifier: passport, national ID, tax ID, IMO number, address, ...
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    #[serde(rename = "type")]
    pub id_type: IdentifierType,
    /// The list's own label, e.g. "Tax ID No.", "Digital Currency Address - XBT".
    pub label: String,
    pub value: String,
    /// Issuing country as the list names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// What the list adds: "expires 29 Apr 2026", "issued 2010", ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Identifier {
    /// The identifier reduced to what must match: ASCII letters and digits,
    /// upper-cased. Two identifiers are the same when these are equal.
    pub fn normalized_value(&self) -> String {
        normalize_identifier(&self.value)
    }
}

/// Reduces an identifier value to upper-case ASCII letters and digits.
pub fn normalize_identifier(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A postal address.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// City, state/province and postal code, as the list writes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// A link to another listed party ("Linked To: ...").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The other party's name as the list writes it.
    pub name: String,
    /// The other party's id when the loader could resolve it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// "linked_to", "owned_by", ...
    pub relation: String,
}

/// Vessel (and aircraft) particulars from OFAC's vessel columns and remarks.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CraftDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_sign: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vessel_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tonnage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_registered_tonnage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Aircraft model, construction year, etc. as free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

/// Organisation particulars from list remarks (OFAC's "Organization
/// Established Date" and "Organization Type").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationDetails {
    /// When the organisation was established or incorporated; same shapes as
    /// a date of birth (exact to its precision, circa, range).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub established: Vec<DateOfBirth>,
    /// The kind of organisation or its line of business as the list words
    /// it, e.g. "Wholesale of food, beverages and tobacco".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
}

/// A person's gender as the list states it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_lowercase().as_str() {
            "m" | "male" | "man" => Some(Gender::Male),
            "f" | "female" | "woman" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// Where a record came from: list, file and position in it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// List identifier, e.g. `ofac-sdn`.
    pub list: String,
    /// The file's name (not its full path, which differs between machines).
    pub file: String,
    /// 1-based line (for text formats) or record number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

/// One listed party.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `LIST:SOURCE_ID`, e.g. `ofac-sdn:16418`.
    pub id: String,
    /// The list identifier, e.g. `ofac-sdn`.
    pub list: String,
    /// The list's own id for the record, e.g. `16418`.
    pub source_id: String,
    pub kind: EntityKind,
    /// All names; the first is the primary name.
    pub names: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates_of_birth: Vec<DateOfBirth>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places_of_birth: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Country>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Boxed: most entities have none, and a million entities must fit in
    /// memory.
    pub craft: Option<Box<CraftDetails>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Boxed for the same reason as `craft`.
    pub organization: Option<Box<OrganizationDetails>>,
    /// Remark fragments the loader kept as text (unrecognised, or purely
    /// informative such as "Additional Sanctions Information - ...").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<String>,
    pub provenance: Provenance,
    /// The ownership rules' findings, on an entity derived from the
    /// ownership data (list `ownership`) only. Boxed: list entities have
    /// none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<Box<crate::ownership::OwnershipFindings>>,
}

impl Entity {
    /// A new entity with only an id, kind and primary name; loaders fill in
    /// the rest.
    pub fn new(
        list: &str,
        source_id: &str,
        kind: EntityKind,
        primary_name: &str,
        provenance: Provenance,
    ) -> Entity {
        Entity {
            id: format!("{list}:{source_id}"),
            list: list.to_string(),
            source_id: source_id.to_string(),
            kind,
            names: vec![Name::new(primary_name, NameType::Primary)],
            dates_of_birth: Vec::new(),
            places_of_birth: Vec::new(),
            countries: Vec::new(),
            identifiers: Vec::new(),
            addresses: Vec::new(),
            programs: Vec::new(),
            links: Vec::new(),
            gender: None,
            title: None,
            craft: None,
            organization: None,
            remarks: Vec::new(),
            provenance,
            ownership: None,
        }
    }

    /// The primary name (the first name), or the empty string for an entity
    /// without names.
    pub fn primary_name(&self) -> &str {
        self.names.first().map(|n| n.name.as_str()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_date_forms() {
        assert_eq!(PartialDate::parse("1978"), Some(PartialDate::year(1978)));
        assert_eq!(
            PartialDate::parse("28 Jan 1978"),
            Some(PartialDate::ymd(1978, 1, 28))
        );
        assert_eq!(
            PartialDate::parse("1978-01-28"),
            Some(PartialDate::ymd(1978, 1, 28))
        );
        assert_eq!(
            PartialDate::parse("28.01.1978"),
            Some(PartialDate::ymd(1978, 1, 28))
        );
        assert_eq!(
            PartialDate::parse("Sep 1960").map(|d| d.precision()),
            Some(DatePrecision::Month)
        );
        assert_eq!(PartialDate::parse("1978-13-01"), None);
        assert_eq!(PartialDate::parse("hello"), None);
        assert_eq!(PartialDate::parse("Mayday 1960"), None);
    }

    #[test]
    fn unix_days_and_calendar_dates_are_inverse() {
        // Every 997th day from about 1780 to 2160, leap days included.
        for days in (-69_000..69_000)
            .step_by(997)
            .chain([11_016, -1, 0, 20_788])
        {
            let date = PartialDate::from_unix_days(days);
            assert_eq!(date.unix_days(), days, "{date:?}");
        }
        assert_eq!(PartialDate::year(2024).unix_days(), 19_723);
    }

    #[test]
    fn unix_days_give_calendar_dates() {
        assert_eq!(PartialDate::from_unix_days(0), PartialDate::ymd(1970, 1, 1));
        assert_eq!(
            PartialDate::from_unix_days(-1),
            PartialDate::ymd(1969, 12, 31)
        );
        // 2000-02-29 (a leap day in a century leap year) and 2026-12-01.
        assert_eq!(
            PartialDate::from_unix_days(11_016),
            PartialDate::ymd(2000, 2, 29)
        );
        assert_eq!(
            PartialDate::from_unix_seconds(1_796_083_200),
            PartialDate::ymd(2026, 12, 1)
        );
    }

    #[test]
    fn calendar_validity_and_order() {
        assert!(PartialDate::ymd(2024, 2, 29).is_valid());
        assert!(!PartialDate::ymd(2023, 2, 29).is_valid());
        assert!(!PartialDate::ymd(1900, 2, 29).is_valid());
        assert!(!PartialDate::ymd(1978, 4, 31).is_valid());
        assert!(!PartialDate::ymd(1978, 13, 1).is_valid());
        assert!(!PartialDate::year(0).is_valid());
        let no_month = PartialDate {
            year: 1978,
            month: None,
            day: Some(3),
        };
        assert!(!no_month.is_valid());
        let today = PartialDate::ymd(2026, 3, 5);
        assert!(!PartialDate::year(2026).is_after(&today));
        assert!(PartialDate::year(2027).is_after(&today));
        assert!(!PartialDate::ymd(2026, 3, 5).is_after(&today));
        assert!(PartialDate::ymd(2026, 3, 6).is_after(&today));
        assert!(PartialDate {
            year: 2026,
            month: Some(4),
            day: None
        }
        .is_after(&today));
        assert!(!PartialDate::ymd(1978, 12, 31).is_after(&today));
    }

    #[test]
    fn identifier_normalisation_drops_separators() {
        assert_eq!(normalize_identifier("IMO 9184691"), "IMO9184691");
        assert_eq!(normalize_identifier("a-12 34"), "A1234");
    }
}
