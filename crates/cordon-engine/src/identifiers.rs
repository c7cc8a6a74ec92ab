//! Identifiers by type: normalisation, validation (check digits), the
//! `TYPE:VALUE` query syntax, and [`specific_type`], the rule by which the
//! loaders make a label's type finer (INN, OGRN, IMO company number). The
//! type itself is [`IdentifierType`], the one type set: the loaders set it,
//! these rules and `evidence.rs` read it as given.
//!
//! Everything here is data and small pure functions; the evidence rules that
//! use them (an equal identifier, a conflicting one) are in `evidence.rs`.
//!
//! | type | shape | check |
//! |---|---|---|
//! | IMO ship number | 7 digits, optional `IMO` prefix | weights 7..2 over the first six digits, sum mod 10 = last digit |
//! | MMSI | 9 digits | none |
//! | SWIFT/BIC | 4 letters bank, 2 letters country, 2 alnum location, optional 3 alnum branch | none; BIC11 with branch `XXX` is the BIC8 |
//! | LEI (ISO 17442) | 20 letters/digits | letters A=10..Z=35, the number mod 97 = 1 |
//! | Russian INN | 10 digits (organisation), 12 (person) | control digit(s), weighted sums mod 11 mod 10 |
//! | Russian OGRN / OGRNIP | 13 digits / 15 digits | first 12 digits mod 11 (mod 10) / first 14 mod 13 (mod 10) = last digit |
//! | passport, national ID, tax ID, registration, IMO company number, any other | letters and digits | none (upper-cased, separators dropped) |
//!
//! [`normalize`] checks the *shape* only (a value of the wrong length is not
//! that type); [`is_valid`] adds the check digit. A query value that fails
//! its check is still compared: the explanation says it is not valid.

use crate::model::{normalize_identifier, Identifier, IdentifierType};
use std::fmt;

/// Query prefixes (`TYPE:VALUE`), compared lower-case with `-`, `_`, `/`
/// and spaces removed.
const PREFIXES: &[(&str, IdentifierType)] = &[
    ("imo", IdentifierType::Imo),
    ("mmsi", IdentifierType::Mmsi),
    ("bic", IdentifierType::SwiftBic),
    ("swift", IdentifierType::SwiftBic),
    ("swiftbic", IdentifierType::SwiftBic),
    ("lei", IdentifierType::Lei),
    ("inn", IdentifierType::Inn),
    ("ogrn", IdentifierType::Ogrn),
    ("ogrnip", IdentifierType::Ogrn),
    ("passport", IdentifierType::Passport),
    ("nationalid", IdentifierType::NationalId),
    ("nid", IdentifierType::NationalId),
    ("taxid", IdentifierType::TaxId),
    ("tax", IdentifierType::TaxId),
    ("tin", IdentifierType::TaxId),
    ("registration", IdentifierType::Registration),
    ("reg", IdentifierType::Registration),
    ("regno", IdentifierType::Registration),
];

/// Letters some sources write before the value itself ("IMO 9184691",
/// "INN 7707083893"), removed by [`normalize`]. Longest first.
fn value_prefixes(t: IdentifierType) -> &'static [&'static str] {
    match t {
        IdentifierType::Imo => &["IMO"],
        IdentifierType::Mmsi => &["MMSI"],
        IdentifierType::SwiftBic => &["SWIFTBIC", "SWIFT", "BIC"],
        IdentifierType::Lei => &["LEI"],
        IdentifierType::Inn => &["INN"],
        IdentifierType::Ogrn => &["OGRNIP", "OGRN"],
        _ => &[],
    }
}

impl IdentifierType {
    /// How the explanation names the type.
    pub fn name(self) -> &'static str {
        match self {
            IdentifierType::Imo => "IMO",
            IdentifierType::Mmsi => "MMSI",
            IdentifierType::SwiftBic => "BIC",
            IdentifierType::Lei => "LEI",
            IdentifierType::Inn => "INN",
            IdentifierType::Ogrn => "OGRN",
            IdentifierType::Passport => "passport",
            IdentifierType::NationalId => "national ID",
            IdentifierType::TaxId => "tax ID",
            IdentifierType::Registration => "registration number",
            IdentifierType::ImoCompany
            | IdentifierType::DigitalCurrency
            | IdentifierType::Website
            | IdentifierType::Email
            | IdentifierType::Phone
            | IdentifierType::AircraftId
            | IdentifierType::Other => "identifier",
        }
    }

    /// The type a query prefix names (`imo`, `swift-bic`, `national_id`, ...).
    pub fn from_prefix(prefix: &str) -> Option<IdentifierType> {
        let p: String = prefix
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | '/' | ' '))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        PREFIXES.iter().find(|(k, _)| *k == p).map(|&(_, t)| t)
    }
}

/// The type a loader gives an identifier whose label reads as type `t`:
/// `t` made specific by the label and the issuing country. A Russian tax
/// number (labelled INN, or 10 or 12 digits issued in Russia) is an
/// [`IdentifierType::Inn`]; a Russian registration number (labelled OGRN,
/// or 13 or 15 digits issued in Russia) an [`IdentifierType::Ogrn`]; an IMO
/// *company* or owner number (OFAC "Company Number IMO") is not a ship's
/// IMO number ([`IdentifierType::ImoCompany`]). Every other type stays.
pub fn specific_type(
    t: IdentifierType,
    label: &str,
    country: Option<&str>,
    value: &str,
) -> IdentifierType {
    let label = label.to_ascii_lowercase();
    let russian = country.is_some_and(|c| crate::country::code_for(c) == Some("RU"));
    let digits = normalize_identifier(value);
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    match t {
        IdentifierType::Imo if label.contains("company") || label.contains("owner") => {
            IdentifierType::ImoCompany
        }
        IdentifierType::TaxId
            if label.contains("inn")
                || (russian && all_digits && matches!(digits.len(), 10 | 12)) =>
        {
            IdentifierType::Inn
        }
        IdentifierType::Registration
            if label.contains("ogrn")
                || (russian && all_digits && matches!(digits.len(), 13 | 15)) =>
        {
            IdentifierType::Ogrn
        }
        t => t,
    }
}

impl Identifier {
    /// Gives the identifier its [`specific_type`]; the loaders call it
    /// (through `cordon-lists`) on every identifier they load.
    pub fn settle_type(&mut self) {
        self.id_type = specific_type(
            self.id_type,
            &self.label,
            self.country.as_deref(),
            &self.value,
        );
    }
}

impl fmt::Display for IdentifierType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a value is not a valid identifier of its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// No letters or digits at all.
    Empty,
    /// Wrong number of characters.
    Length,
    /// Letters where digits belong, or the reverse.
    Characters,
    /// The check digit(s) do not agree.
    CheckDigit,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Invalid::Empty => "empty",
            Invalid::Length => "length",
            Invalid::Characters => "characters",
            Invalid::CheckDigit => "check digit",
        })
    }
}

/// Upper-case letters and digits of `value`, without a leading type word
/// ("IMO", "SWIFT", ...) when what follows is not empty.
fn strip(t: IdentifierType, value: &str) -> String {
    let s = normalize_identifier(value);
    for p in value_prefixes(t) {
        if let Some(rest) = s.strip_prefix(p) {
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    s
}

fn digits_of(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

fn digits(s: &str, lens: &[usize]) -> Result<Vec<u32>, Invalid> {
    if !lens.contains(&s.len()) {
        return Err(Invalid::Length);
    }
    digits_of(s).ok_or(Invalid::Characters)
}

/// The canonical form of a value of shape `t`, or the reason it cannot be
/// one (check digits are not looked at: see [`validate`]).
fn shape(t: IdentifierType, value: &str) -> Result<String, Invalid> {
    let s = strip(t, value);
    if s.is_empty() {
        return Err(Invalid::Empty);
    }
    match t {
        IdentifierType::Imo => digits(&s, &[7]).map(|_| s),
        IdentifierType::Mmsi => digits(&s, &[9]).map(|_| s),
        IdentifierType::Inn => digits(&s, &[10, 12]).map(|_| s),
        IdentifierType::Ogrn => digits(&s, &[13, 15]).map(|_| s),
        IdentifierType::Lei => {
            if s.len() == 20 {
                Ok(s)
            } else {
                Err(Invalid::Length)
            }
        }
        IdentifierType::SwiftBic => bic_shape(&s),
        IdentifierType::Passport
        | IdentifierType::NationalId
        | IdentifierType::TaxId
        | IdentifierType::Registration
        | IdentifierType::ImoCompany
        | IdentifierType::DigitalCurrency
        | IdentifierType::Website
        | IdentifierType::Email
        | IdentifierType::Phone
        | IdentifierType::AircraftId
        | IdentifierType::Other => Ok(s),
    }
}

fn bic_shape(s: &str) -> Result<String, Invalid> {
    if s.len() != 8 && s.len() != 11 {
        return Err(Invalid::Length);
    }
    let b = s.as_bytes();
    let letters = b[..6].iter().all(u8::is_ascii_alphabetic);
    // The rest is alphanumeric already (normalize_identifier keeps nothing else).
    if !letters {
        return Err(Invalid::Characters);
    }
    if s.len() == 11 && s.ends_with("XXX") {
        return Ok(s[..8].to_string());
    }
    Ok(s.to_string())
}

/// The value of type `t` in canonical form: upper-case, separators and a
/// leading type word dropped, a BIC11 with branch `XXX` shortened to its
/// BIC8. `None` when the value does not have the type's shape (an IMO number
/// of 8 digits, a BIC with a digit in its bank code). Check digits are not
/// verified here: see [`is_valid`].
pub fn normalize(t: IdentifierType, value: &str) -> Option<String> {
    shape(t, value).ok()
}

/// The canonical form of a valid value, or why it is not valid: shape and
/// check digits. Types without a check (MMSI, BIC, passports, ...) are valid
/// when they have the shape.
pub fn validate(t: IdentifierType, value: &str) -> Result<String, Invalid> {
    let s = shape(t, value)?;
    let ok = match t {
        IdentifierType::Imo => imo_check(&s),
        IdentifierType::Lei => lei_check(&s)?,
        IdentifierType::Inn => inn_check(&s),
        IdentifierType::Ogrn => ogrn_check(&s),
        _ => true,
    };
    if ok {
        Ok(s)
    } else {
        Err(Invalid::CheckDigit)
    }
}

/// Whether `value` is a valid identifier of type `t`, check digits included.
pub fn is_valid(t: IdentifierType, value: &str) -> bool {
    validate(t, value).is_ok()
}

/// IMO ship number: the first six digits weighted 7, 6, 5, 4, 3, 2; the
/// sum's last digit is the seventh digit.
fn imo_check(s: &str) -> bool {
    let Some(d) = digits_of(s) else { return false };
    if d.len() != 7 {
        return false;
    }
    let sum: u32 = d[..6].iter().zip((2..=7).rev()).map(|(x, w)| x * w).sum();
    sum % 10 == d[6]
}

/// ISO 17442 (ISO 7064 MOD 97-10): letters become 10..35, the whole number
/// mod 97 must be 1.
fn lei_check(s: &str) -> Result<bool, Invalid> {
    let mut rem: u32 = 0;
    for c in s.chars() {
        let v = c.to_digit(36).ok_or(Invalid::Characters)?;
        rem = if v < 10 {
            (rem * 10 + v) % 97
        } else {
            (rem * 100 + v) % 97
        };
    }
    // The last two characters are the check digits.
    if !s.bytes().rev().take(2).all(|b| b.is_ascii_digit()) {
        return Err(Invalid::Characters);
    }
    Ok(rem == 1)
}

fn weighted_mod11(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(x, w)| x * w).sum::<u32>() % 11 % 10
}

/// Russian INN: 10 digits with one control digit, 12 digits with two.
fn inn_check(s: &str) -> bool {
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    let Some(d) = digits_of(s) else { return false };
    match d.len() {
        10 => weighted_mod11(&d[..9], &W10) == d[9],
        12 => weighted_mod11(&d[..10], &W11) == d[10] && weighted_mod11(&d[..11], &W12) == d[11],
        _ => false,
    }
}

/// Russian OGRN (13 digits): the first 12 as a number mod 11, then mod 10,
/// is the last digit. OGRNIP (15 digits): the first 14 mod 13, then mod 10.
fn ogrn_check(s: &str) -> bool {
    let Some(d) = digits_of(s) else { return false };
    let modulus = match d.len() {
        13 => 11,
        15 => 13,
        _ => return false,
    };
    let (body, last) = d.split_at(d.len() - 1);
    let rem = body
        .iter()
        .fold(0u64, |r, &x| (r * 10 + u64::from(x)) % modulus);
    rem % 10 == u64::from(last[0])
}

/// A query identifier: its type when the query says it (or it is
/// unambiguous), the issuing country when given, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryId {
    pub id_type: Option<IdentifierType>,
    /// ISO alpha-2 code of the issuing country (`passport:RU:753129173`).
    pub country: Option<String>,
    /// The value as written, without the `TYPE:` (and `CC:`) prefix.
    pub value: String,
}

/// Reads a query identifier: `TYPE:VALUE`, `TYPE:CC:VALUE` (issuing
/// country, e.g. `passport:RU:753129173`) or a plain value.
///
/// A plain value gets a type only when that is unambiguous, conservatively:
/// - `IMO 9184691` / `IMO9184691`: the `IMO` prefix *and* a valid check
///   digit (the prefix alone also starts IMO company numbers);
/// - a valid LEI: 20 characters whose mod-97 check passes (a random string
///   passes one time in 97, and nothing else on the lists has that shape);
/// - nothing else: a BIC pattern matches ordinary 8-letter words, and 10 or
///   12 digits are as likely a phone or a foreign tax number as an INN, so
///   those need `bic:` / `inn:` / ... in the query.
///
/// An unknown prefix (`http:`, `bitcoincash:`) is part of the value.
pub fn parse_query(raw: &str) -> QueryId {
    let raw = raw.trim();
    if let Some((prefix, rest)) = raw.split_once(':') {
        if let Some(t) = IdentifierType::from_prefix(prefix) {
            let rest = rest.trim();
            if let Some((cc, value)) = rest.split_once(':') {
                let cc = cc.trim();
                if cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_alphabetic()) {
                    return QueryId {
                        id_type: Some(t),
                        country: Some(cc.to_ascii_uppercase()),
                        value: value.trim().to_string(),
                    };
                }
            }
            return QueryId {
                id_type: Some(t),
                country: None,
                value: rest.to_string(),
            };
        }
    }
    let n = normalize_identifier(raw);
    let id_type = if n.starts_with("IMO") && is_valid(IdentifierType::Imo, &n) {
        Some(IdentifierType::Imo)
    } else if n.len() == 20 && is_valid(IdentifierType::Lei, &n) {
        Some(IdentifierType::Lei)
    } else {
        None
    };
    QueryId {
        id_type,
        country: None,
        value: raw.to_string(),
    }
}

/// [`parse_query`] without the issuing country: the type (when given or
/// unambiguous) and the value without its `TYPE:` prefix.
pub fn parse_typed(raw: &str) -> (Option<IdentifierType>, String) {
    let q = parse_query(raw);
    (q.id_type, q.value)
}

/// The key a query identifier is looked up by among the list values
/// (normalised as [`normalize_identifier`] does): the value without its
/// `TYPE:` prefix, in its type's canonical form when it has the shape.
pub fn lookup_key(raw: &str) -> String {
    let q = parse_query(raw);
    match q.id_type {
        Some(t) => normalize(t, &q.value).unwrap_or_else(|| normalize_identifier(&q.value)),
        None => normalize_identifier(&q.value),
    }
}

/// Shortest identifier key looked up or indexed: shorter values (a house
/// number, "N/A") meet by chance.
pub const MIN_KEY_LEN: usize = 4;

/// The keys a list identifier is indexed under: its letters and digits as
/// written ([`normalize_identifier`]), its type's canonical form when that
/// differs (`IMO 9161003` → `9161003`), and for a BIC the institution's
/// BIC8 (its branches are the same party). Keys shorter than
/// [`MIN_KEY_LEN`] are left out.
pub fn index_keys(id: &Identifier) -> Vec<String> {
    let t = id.id_type;
    let mut keys = vec![normalize_identifier(&id.value)];
    if let Some(c) = normalize(t, &id.value) {
        keys.push(c);
    }
    add_bic8(t, &id.value, &mut keys);
    keys.retain(|k| k.len() >= MIN_KEY_LEN);
    keys.dedup();
    keys
}

/// The keys a query identifier is looked up under: [`lookup_key`], the
/// value's letters and digits as written, and a BIC's BIC8, so that it
/// meets whichever form the list wrote. Every entity found is then
/// confirmed by the evidence rules (an equal value in the type's canonical
/// form).
pub fn lookup_keys(raw: &str) -> Vec<String> {
    let q = parse_query(raw);
    let mut keys = vec![lookup_key(raw), normalize_identifier(&q.value)];
    // Untyped: also as a BIC, the one type whose canonical form is shorter
    // than what is written (a branch code).
    add_bic8(
        q.id_type.unwrap_or(IdentifierType::SwiftBic),
        &q.value,
        &mut keys,
    );
    keys.retain(|k| k.len() >= MIN_KEY_LEN);
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn add_bic8(t: IdentifierType, value: &str, keys: &mut Vec<String>) {
    if t == IdentifierType::SwiftBic {
        if let Some(b) = normalize(IdentifierType::SwiftBic, value) {
            if let Some(b8) = b.get(..8) {
                keys.push(b8.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imo_check_digit() {
        // IRAN SHAHED, OFAC SDN 25285: "Vessel Registration Identification IMO 9184691".
        assert!(is_valid(IdentifierType::Imo, "9184691"));
        assert!(is_valid(IdentifierType::Imo, "IMO 9184691"));
        assert!(is_valid(IdentifierType::Imo, "IMO9184691"));
        assert_eq!(
            normalize(IdentifierType::Imo, "IMO 918-4691").as_deref(),
            Some("9184691")
        );
        assert_eq!(
            validate(IdentifierType::Imo, "9184692"),
            Err(Invalid::CheckDigit)
        );
        // Two digits transposed.
        assert_eq!(
            validate(IdentifierType::Imo, "9814691"),
            Err(Invalid::CheckDigit)
        );
        assert_eq!(
            validate(IdentifierType::Imo, "918469"),
            Err(Invalid::Length)
        );
        assert_eq!(
            validate(IdentifierType::Imo, "91846A1"),
            Err(Invalid::Characters)
        );
        assert_eq!(validate(IdentifierType::Imo, "IMO"), Err(Invalid::Length));
        assert_eq!(validate(IdentifierType::Imo, " - "), Err(Invalid::Empty));
        assert_eq!(normalize(IdentifierType::Imo, "91846912"), None);
        // The shape is there even when the check digit is wrong.
        assert_eq!(
            normalize(IdentifierType::Imo, "9184692").as_deref(),
            Some("9184692")
        );
    }

    #[test]
    fn mmsi_shape() {
        assert!(is_valid(IdentifierType::Mmsi, "422 000 001"));
        assert!(is_valid(IdentifierType::Mmsi, "MMSI 422000001"));
        assert!(!is_valid(IdentifierType::Mmsi, "42200000"));
        assert!(!is_valid(IdentifierType::Mmsi, "42200000A"));
    }

    #[test]
    fn bic_shape_and_branch() {
        // From the OFAC consolidated (non-SDN) file, 2025-12-19.
        for b in ["VTBRRUMM", "GAZPRUMM", "CKLBCNBJ", "SABRRUMM"] {
            assert!(is_valid(IdentifierType::SwiftBic, b), "{b}");
        }
        assert_eq!(
            normalize(IdentifierType::SwiftBic, "SABR RU MM XXX").as_deref(),
            Some("SABRRUMM")
        );
        assert_eq!(
            normalize(IdentifierType::SwiftBic, "SWIFT SABRRUMM").as_deref(),
            Some("SABRRUMM")
        );
        assert_eq!(
            normalize(IdentifierType::SwiftBic, "sabrrumm123").as_deref(),
            Some("SABRRUMM123")
        );
        assert_eq!(
            validate(IdentifierType::SwiftBic, "SABRRUM"),
            Err(Invalid::Length)
        );
        assert_eq!(
            validate(IdentifierType::SwiftBic, "SABR1UMM"),
            Err(Invalid::Characters)
        );
        assert_eq!(
            validate(IdentifierType::SwiftBic, "SABRRUMM12"),
            Err(Invalid::Length)
        );
    }

    #[test]
    fn lei_mod97() {
        // "Legal Entity Number" values in the OFAC consolidated file, 2025-12-19.
        for l in [
            "253400V1H6ART1UQ0N98",
            "549300LCJ1UJXHYBWI24",
            "253400HA6URWT39X2982",
            "25340038P8SYW80B9W34",
            "253400WSS48YWMBUA688",
        ] {
            assert!(is_valid(IdentifierType::Lei, l), "{l}");
        }
        assert_eq!(
            validate(IdentifierType::Lei, "253400V1H6ART1UQ0N99"),
            Err(Invalid::CheckDigit)
        );
        // Two characters swapped.
        assert_eq!(
            validate(IdentifierType::Lei, "253400V1H6ART1QU0N98"),
            Err(Invalid::CheckDigit)
        );
        assert_eq!(
            validate(IdentifierType::Lei, "253400V1H6ART1UQ0N9"),
            Err(Invalid::Length)
        );
        assert_eq!(
            validate(IdentifierType::Lei, "253400V1H6ART1UQ0NAB"),
            Err(Invalid::Characters)
        );
        assert_eq!(
            normalize(IdentifierType::Lei, "LEI 2534 00V1 H6AR T1UQ 0N98").as_deref(),
            Some("253400V1H6ART1UQ0N98")
        );
    }

    #[test]
    fn inn_control_digits() {
        // Sberbank: "Tax ID No. 7707083893 (Russia)", OFAC consolidated file.
        assert!(is_valid(IdentifierType::Inn, "7707083893"));
        assert!(is_valid(IdentifierType::Inn, "INN 7707083893"));
        assert_eq!(
            validate(IdentifierType::Inn, "7707083894"),
            Err(Invalid::CheckDigit)
        );
        // Personal INNs (12 digits) from the OFAC SDN file, 2024-05-03.
        assert!(is_valid(IdentifierType::Inn, "773407989940"));
        assert!(is_valid(IdentifierType::Inn, "781012626436"));
        // The 12th, then the 11th control digit wrong.
        assert_eq!(
            validate(IdentifierType::Inn, "773407989941"),
            Err(Invalid::CheckDigit)
        );
        assert_eq!(
            validate(IdentifierType::Inn, "773407989950"),
            Err(Invalid::CheckDigit)
        );
        assert_eq!(
            validate(IdentifierType::Inn, "77070838"),
            Err(Invalid::Length)
        );
    }

    #[test]
    fn ogrn_checksums() {
        // Sberbank: "Registration Number 1027700132195 (Russia)".
        assert!(is_valid(IdentifierType::Ogrn, "1027700132195"));
        // Also in the OFAC files (a remarks test in cordon-lists).
        assert!(is_valid(IdentifierType::Ogrn, "1187847192048"));
        assert_eq!(
            validate(IdentifierType::Ogrn, "1027700132196"),
            Err(Invalid::CheckDigit)
        );
        // OGRNIP: 15 digits, mod 13 (OFAC SDN file, 2024-05-03).
        assert!(is_valid(IdentifierType::Ogrn, "319222500100953"));
        assert!(is_valid(IdentifierType::Ogrn, "318774600703371"));
        assert_eq!(
            validate(IdentifierType::Ogrn, "319222500100954"),
            Err(Invalid::CheckDigit)
        );
        assert_eq!(
            validate(IdentifierType::Ogrn, "10277001321"),
            Err(Invalid::Length)
        );
    }

    #[test]
    fn generic_types_drop_separators() {
        assert_eq!(
            normalize(IdentifierType::Passport, "75 3129-173").as_deref(),
            Some("753129173")
        );
        assert_eq!(
            normalize(IdentifierType::NationalId, "ab.12/34").as_deref(),
            Some("AB1234")
        );
        assert!(is_valid(IdentifierType::TaxId, "B-1234"));
        assert!(!is_valid(IdentifierType::Registration, "--"));
    }

    #[test]
    fn query_syntax() {
        assert_eq!(
            parse_typed("imo:9184691"),
            (Some(IdentifierType::Imo), "9184691".to_string())
        );
        assert_eq!(
            parse_typed("INN: 7707083893"),
            (Some(IdentifierType::Inn), "7707083893".to_string())
        );
        assert_eq!(
            parse_typed("swift-bic:SABRRUMM").0,
            Some(IdentifierType::SwiftBic)
        );
        assert_eq!(
            parse_typed("national_id:123456").0,
            Some(IdentifierType::NationalId)
        );
        let q = parse_query("passport:ru:753129173");
        assert_eq!(q.id_type, Some(IdentifierType::Passport));
        assert_eq!(q.country.as_deref(), Some("RU"));
        assert_eq!(q.value, "753129173");
        // Plain values: typed only when unambiguous.
        assert_eq!(parse_typed("IMO 9184691").0, Some(IdentifierType::Imo));
        assert_eq!(parse_typed("IMO9184691").0, Some(IdentifierType::Imo));
        assert_eq!(parse_typed("IMO 9184692").0, None);
        assert_eq!(parse_typed("9184691").0, None);
        assert_eq!(
            parse_typed("253400V1H6ART1UQ0N98").0,
            Some(IdentifierType::Lei)
        );
        assert_eq!(parse_typed("SABRRUMM").0, None);
        assert_eq!(parse_typed("7707083893").0, None);
        // Unknown prefixes are part of the value.
        assert_eq!(
            parse_typed("bitcoincash:qq123"),
            (None, "bitcoincash:qq123".to_string())
        );
        assert_eq!(lookup_key("imo:IMO 9184691"), "9184691");
        assert_eq!(lookup_key("bic:SABRRUMMXXX"), "SABRRUMM");
        assert_eq!(lookup_key("918-4691"), "9184691");
    }

    #[test]
    fn list_types_refined() {
        let id = |t: IdentifierType, label: &str, value: &str, country: Option<&str>| {
            let mut id = Identifier {
                id_type: t,
                label: label.into(),
                value: value.into(),
                country: country.map(str::to_string),
                note: None,
            };
            id.settle_type();
            id.id_type
        };
        assert_eq!(
            (id(
                IdentifierType::TaxId,
                "Tax ID No.",
                "7707083893",
                Some("Russia")
            )),
            IdentifierType::Inn
        );
        assert_eq!(
            (id(
                IdentifierType::TaxId,
                "Tax ID No.",
                "7707083893",
                Some("Ukraine")
            )),
            IdentifierType::TaxId
        );
        assert_eq!(
            (id(
                IdentifierType::Registration,
                "Registration Number",
                "1027700132195",
                Some("Russia")
            )),
            IdentifierType::Ogrn
        );
        assert_eq!(
            (id(IdentifierType::Registration, "OGRN", "1027700132195", None)),
            IdentifierType::Ogrn
        );
        assert_eq!(
            (id(IdentifierType::Imo, "Company Number IMO", "5896591", None)),
            IdentifierType::ImoCompany
        );
        assert_eq!(
            (id(
                IdentifierType::Imo,
                "Vessel Registration Identification IMO",
                "9184691",
                None
            )),
            IdentifierType::Imo
        );
    }
}
