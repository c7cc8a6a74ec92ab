//! Helpers shared by the loaders of the US, OpenSanctions and OFAC XML
//! formats: file reading and hashing, byte offset → line, countries, dates
//! of birth in free text, identifier labels.

use crate::{ListError, ListFormat, LoadWarning, LoadedList, Result, SourceFile};
use cordon_engine::country::{code_for, name_for};
use cordon_engine::{Country, CountryRole, DateOfBirth, IdentifierType, PartialDate};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Reads a whole file.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| ListError::io(path, e))
}

/// Loads a file with a loader's in-memory `parse` (its fuzzing entry
/// point), then records the file's real path in the result.
pub(crate) fn load_file(
    path: &Path,
    parse: impl FnOnce(&str, &[u8]) -> Result<LoadedList>,
) -> Result<LoadedList> {
    let bytes = read(path)?;
    let mut list = parse(&crate::file_name(path), &bytes)?;
    if let Some(f) = list.files.first_mut() {
        f.path = path.to_path_buf();
    }
    Ok(list)
}

/// SHA-256 of bytes, lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A short stable hash (first 16 hex digits of SHA-256) of parts joined
/// by the unit separator.
pub(crate) fn stable_hash(parts: &[&str]) -> String {
    let joined = parts.join("\u{1f}");
    sha256_hex(joined.as_bytes())[..16].to_string()
}

/// UTF-8 (BOM stripped) when valid, else Latin-1, so a stray byte never
/// stops a text load.
pub(crate) fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').unwrap_or(s).to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// Byte offset → 1-based line.
pub(crate) struct Lines {
    newlines: Vec<usize>,
}

impl Lines {
    pub fn new(bytes: &[u8]) -> Lines {
        Lines {
            newlines: bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    pub fn line_at(&self, byte: u64) -> u64 {
        let pos = usize::try_from(byte).unwrap_or(usize::MAX);
        self.newlines.partition_point(|&n| n < pos) as u64 + 1
    }
}

/// The loaded list for one file.
pub(crate) fn loaded(
    format: ListFormat,
    path: &Path,
    bytes: &[u8],
    records: usize,
    entities: Vec<cordon_engine::Entity>,
    warnings: Vec<LoadWarning>,
    published: Option<String>,
) -> LoadedList {
    LoadedList {
        list: format.list_id().to_string(),
        format,
        files: vec![source_file(path, bytes, records)],
        entities,
        warnings,
        published,
    }
}

pub(crate) fn source_file(path: &Path, bytes: &[u8], records: usize) -> SourceFile {
    SourceFile {
        path: PathBuf::from(path),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        records,
    }
}

pub(crate) fn warning(file: &str, line: Option<u64>, message: impl Into<String>) -> LoadWarning {
    LoadWarning {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// A country from a name or an ISO code, with its role. The name is the
/// English short name when the text is a known code, else the text.
pub(crate) fn country(text: &str, role: CountryRole) -> Option<Country> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let code = code_for(t);
    let name = if t.len() <= 3 {
        name_for(t)
            .map(str::to_string)
            .unwrap_or_else(|| t.to_string())
    } else {
        t.to_string()
    };
    Some(Country {
        name,
        code: code.map(str::to_string),
        role,
    })
}

/// Pushes a country unless the same (code or name, role) is there already.
pub(crate) fn push_country(list: &mut Vec<Country>, c: Option<Country>) {
    if let Some(c) = c {
        let dup = list.iter().any(|x| {
            x.role == c.role
                && match (&x.code, &c.code) {
                    (Some(a), Some(b)) => a == b,
                    _ => x.name.eq_ignore_ascii_case(&c.name),
                }
        });
        if !dup {
            list.push(c);
        }
    }
}

/// Pushes a string unless already there.
pub(crate) fn push_unique(list: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() && !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
}

/// A date of birth written as text: `1955`, `1955-01-14`, `14 Jan 1955`,
/// `circa 1960`, `1960 to 1962`, `between 1960 and 1962`.
pub(crate) fn parse_dob(text: &str) -> Option<DateOfBirth> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    for prefix in ["circa ", "ca. ", "approximately ", "approx. ", "about "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return PartialDate::parse(rest).map(|date| DateOfBirth::Circa { date });
        }
    }
    let range = lower
        .strip_prefix("between ")
        .and_then(|r| r.split_once(" and "))
        .or_else(|| lower.split_once(" to "))
        .or_else(|| lower.split_once(" - "));
    if let Some((a, b)) = range {
        if let (Some(from), Some(to)) = (PartialDate::parse(a), PartialDate::parse(b)) {
            return Some(DateOfBirth::Range { from, to });
        }
    }
    PartialDate::parse(t).map(|date| DateOfBirth::Exact { date })
}

/// What an identifier label (OFAC's `idType`, the CSL's `ids` type, the
/// advanced file's document type) stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IdLabel {
    Id(IdentifierType),
    Gender,
    /// A country with this role ("Nationality of Registration").
    Country(CountryRole),
    /// "Organization Established Date".
    Established,
    /// Informative only (directives, secondary sanctions risk, listing
    /// dates, tickers): kept as a remark `label value`.
    Remark,
}

/// Classifies an identifier label, case-insensitively.
pub(crate) fn classify_id_label(label: &str) -> IdLabel {
    let l = label.trim().to_ascii_lowercase();
    let has = |w: &str| l.contains(w);
    if l == "gender" {
        return IdLabel::Gender;
    }
    if has("nationality of registration") {
        return IdLabel::Country(CountryRole::Registration);
    }
    if l == "nationality country" || l == "nationality" {
        return IdLabel::Country(CountryRole::Nationality);
    }
    if l == "citizenship country" || l == "citizenship" {
        return IdLabel::Country(CountryRole::Citizenship);
    }
    if has("established date") {
        return IdLabel::Established;
    }
    if has("directive")
        || has("sanctions risk")
        || has("sanctions information")
        || has("listing date")
        || has("effective date")
        || has("divestment date")
        || has("target type")
        || has("issuer name")
        || has("equity ticker")
        || has("transactions prohibited")
        || has("organization type")
        || has("caatsa")
        || has("ifca")
        || has("subject to")
        || has("sanctions regulations")
        || has("former vessel flag")
        || has("other vessel")
        || has("year of build")
    {
        return IdLabel::Remark;
    }
    let t = if has("passport") || has("travel document") {
        IdentifierType::Passport
    } else if has("vessel registration") || l.starts_with("imo") {
        IdentifierType::Imo
    } else if has("mmsi") {
        IdentifierType::Mmsi
    } else if has("swift") || l == "bic" {
        IdentifierType::SwiftBic
    } else if l == "lei" || has("legal entity number") || has("lei code") {
        IdentifierType::Lei
    } else if has("digital currency") {
        IdentifierType::DigitalCurrency
    } else if has("website") || l == "url" {
        IdentifierType::Website
    } else if has("email") {
        IdentifierType::Email
    } else if has("phone") || has("fax") {
        IdentifierType::Phone
    } else if has("aircraft") {
        IdentifierType::AircraftId
    } else if has("tax")
        || l.starts_with("nit")
        || has("r.f.c")
        || l == "rfc"
        || l.starts_with("ruc")
        || has("fein")
        || has("v.a.t")
        || l.starts_with("vat")
        || has("fiscal")
        || has("c.u.i.t")
        || l == "inn"
    {
        IdentifierType::TaxId
    } else if has("national id")
        || has("cedula")
        || has("d.n.i")
        || has("personal id")
        || has("id no")
        || has("c.u.r.p")
        || has("identification number")
        || l.starts_with("ssn")
        || has("electoral")
        || has("id card")
    {
        IdentifierType::NationalId
    } else if has("registration")
        || has("registered")
        || has("company number")
        || has("uscc")
        || has("social credit")
        || has("incorporation")
        || has("c.r. no")
        || has("gazette")
        || has("le number")
        || has("ogrn")
        || has("matricula")
    {
        IdentifierType::Registration
    } else {
        IdentifierType::Other
    };
    IdLabel::Id(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dob_forms() {
        assert_eq!(
            parse_dob("circa 1960"),
            Some(DateOfBirth::Circa {
                date: PartialDate::year(1960)
            })
        );
        assert!(matches!(
            parse_dob("1960 to 1962"),
            Some(DateOfBirth::Range { .. })
        ));
        assert_eq!(
            parse_dob("1955-01-14"),
            Some(DateOfBirth::Exact {
                date: PartialDate::ymd(1955, 1, 14)
            })
        );
        assert_eq!(parse_dob("unknown"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(
            classify_id_label("Passport"),
            IdLabel::Id(IdentifierType::Passport)
        );
        assert_eq!(
            classify_id_label("Vessel Registration Identification"),
            IdLabel::Id(IdentifierType::Imo)
        );
        assert_eq!(classify_id_label("Gender"), IdLabel::Gender);
        assert_eq!(
            classify_id_label("Secondary sanctions risk:"),
            IdLabel::Remark
        );
        assert_eq!(
            classify_id_label("Tax ID No."),
            IdLabel::Id(IdentifierType::TaxId)
        );
    }
}
