//! Helpers shared by the loaders of the US, OpenSanctions and OFAC XML
//! formats: file reading and hashing, byte offset → line, identifier
//! labels.

use crate::limits::Limits;
use crate::{ListError, ListFormat, LoadWarning, LoadedList, Result, SourceFile};
use cordon_engine::{CountryRole, IdentifierType};
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

/// Byte offset → 1-based line. The csv crate's record positions point at
/// the `\n` of a CRLF line end that closed the previous record, so line
/// ends at the offset are skipped first.
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines {
            bytes,
            newlines: bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    pub fn line_at(&self, byte: u64) -> u64 {
        let mut pos = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while pos < self.bytes.len() && matches!(self.bytes[pos], b'\r' | b'\n') {
            pos += 1;
        }
        // Newlines strictly before `pos`.
        self.newlines.partition_point(|&n| n < pos) as u64 + 1
    }
}

/// How [`csv_records`] treats a file that ends inside a quoted field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpenQuoteAtEnd {
    /// An error: the file was cut inside a field ([`ListError::Truncated`]).
    Refuse,
    /// Read as the csv crate does (the field runs to the end); the caller
    /// decides what a cut last record means.
    Allow,
}

/// Every CSV record of `text` with its 1-based line, read within the
/// limits: a record longer than [`MAX_LINE_BYTES`](crate::limits::MAX_LINE_BYTES),
/// a field longer than [`MAX_FIELD_BYTES`](crate::limits::MAX_FIELD_BYTES)
/// or spanning more than [`MAX_FIELD_LINE_BREAKS`](crate::limits::MAX_FIELD_LINE_BREAKS)
/// line breaks (a stray quote swallowing rows), or more than
/// [`MAX_RECORDS`](crate::limits::MAX_RECORDS) records is an error naming
/// the file, the line and the limit. Blank records are kept (callers skip
/// them). Unreadable CSV is a [`ListError::Csv`] naming the line.
pub(crate) fn csv_records(
    file: &str,
    text: &str,
    delimiter: u8,
    open_quote: OpenQuoteAtEnd,
    limits: &Limits,
) -> Result<Vec<(u64, csv::StringRecord)>> {
    let lines = Lines::new(text.as_bytes());
    if open_quote == OpenQuoteAtEnd::Refuse {
        if let Some(at) = open_quote_at_end(text.as_bytes(), delimiter) {
            return Err(ListError::Truncated {
                file: file.to_string(),
                line: lines.line_at(at as u64),
                message: "the quoted field opened on this line is never closed".to_string(),
            });
        }
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut last_line = 0;
    for rec in reader.records() {
        let rec = rec.map_err(|e| ListError::Csv {
            file: file.to_string(),
            line: e
                .position()
                .map(|p| lines.line_at(p.byte()))
                .unwrap_or(last_line + 1),
            message: match e.kind() {
                csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8: {err}"),
                _ => e.to_string(),
            },
        })?;
        let line = rec
            .position()
            .map(|p| lines.line_at(p.byte()))
            .unwrap_or(last_line + 1);
        last_line = line;
        let field_err = |i: usize, what: String, limit: &'static str, max: usize| {
            crate::limits::exceeded(file, line, &format!("field {}", i + 1), what, limit, max)
        };
        if rec.as_slice().len() + rec.len() > limits.line_bytes {
            return Err(crate::limits::exceeded(
                file,
                line,
                "",
                format!("a record longer than {} bytes", limits.line_bytes),
                "MAX_LINE_BYTES",
                limits.line_bytes,
            ));
        }
        for (i, f) in rec.iter().enumerate() {
            if f.len() > limits.field_bytes {
                return Err(field_err(
                    i,
                    format!("a field longer than {} bytes", limits.field_bytes),
                    "MAX_FIELD_BYTES",
                    limits.field_bytes,
                ));
            }
            let breaks = f.bytes().filter(|&b| b == b'\n').count();
            if breaks > limits.field_line_breaks {
                return Err(field_err(
                    i,
                    format!("a quoted field spanning {breaks} line breaks (a stray quote?)"),
                    "MAX_FIELD_LINE_BREAKS",
                    limits.field_line_breaks,
                ));
            }
        }
        crate::limits::check_records(file, line, out.len() + 1, limits)?;
        out.push((line, rec));
    }
    Ok(out)
}

/// The byte offset of the quote that opens a field still open at the end
/// of the CSV text, read as the csv crate reads it (a quote opens a field
/// only at its start; `""` inside is a quote; any of `\r`, `\n` ends a
/// record outside quotes). `None` when every quoted field is closed.
pub(crate) fn open_quote_at_end(bytes: &[u8], delimiter: u8) -> Option<usize> {
    #[derive(Clone, Copy)]
    enum S {
        FieldStart,
        Unquoted,
        /// Inside a quoted field opened at that offset.
        Quoted(usize),
        /// Just after a quote inside a quoted field opened at that offset:
        /// closed, unless the next byte is another quote.
        QuoteInQuoted(usize),
    }
    let mut state = S::FieldStart;
    for (i, &b) in bytes.iter().enumerate() {
        let ends_field = b == delimiter || b == b'\r' || b == b'\n';
        state = match state {
            S::FieldStart if b == b'"' => S::Quoted(i),
            S::FieldStart | S::Unquoted | S::QuoteInQuoted(_) if ends_field => S::FieldStart,
            S::FieldStart | S::Unquoted => S::Unquoted,
            S::Quoted(at) if b == b'"' => S::QuoteInQuoted(at),
            S::Quoted(at) => S::Quoted(at),
            S::QuoteInQuoted(at) if b == b'"' => S::Quoted(at),
            S::QuoteInQuoted(_) => S::Unquoted,
        };
    }
    match state {
        S::Quoted(at) => Some(at),
        _ => None,
    }
}

/// Gives every identifier of `entities` its specific type
/// ([`cordon_engine::identifiers::specific_type`]: a Russian tax number is
/// an INN, an IMO company number is not a ship's IMO number). Every loader
/// calls it on what it loaded, so the type the engine compares by is the
/// one the list's entities carry.
pub(crate) fn settle_identifier_types(entities: &mut [cordon_engine::Entity]) {
    for id in entities.iter_mut().flat_map(|e| e.identifiers.iter_mut()) {
        id.settle_type();
    }
}

/// The loaded list for one file; an entity with a name over
/// [`MAX_NAME_CHARS`](crate::limits::MAX_NAME_CHARS) is an error.
pub(crate) fn loaded(
    format: ListFormat,
    path: &Path,
    bytes: &[u8],
    records: usize,
    entities: Vec<cordon_engine::Entity>,
    warnings: Vec<LoadWarning>,
    published: Option<String>,
) -> Result<LoadedList> {
    let file = crate::file_name(path);
    crate::limits::check_all_names(&file, &entities, &Limits::DEFAULT)?;
    let mut entities = entities;
    settle_identifier_types(&mut entities);
    Ok(LoadedList {
        list: format.list_id().to_string(),
        format,
        files: vec![source_file(path, bytes, records)],
        entities,
        warnings,
        published,
    })
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

/// Pushes a string unless already there.
pub(crate) fn push_unique(list: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() && !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
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
    fn open_quote_at_end_follows_the_csv_reader() {
        assert_eq!(open_quote_at_end(b"a,\"b\"\r\nc,d\r\n", b','), None);
        assert_eq!(open_quote_at_end(b"a,\"b\r\nc", b','), Some(2));
        // An escaped quote does not close the field; a closed one does.
        assert_eq!(open_quote_at_end(b"a,\"x\"\"y", b','), Some(2));
        assert_eq!(open_quote_at_end(b"a,\"x\"\"y\"", b','), None);
        // A quote inside an unquoted field is a character.
        assert_eq!(open_quote_at_end(b"a,b\"c\n", b','), None);
        assert_eq!(open_quote_at_end(b"a\t\"b", b'\t'), Some(2));
        assert_eq!(open_quote_at_end(b"a,\"b", b'\t'), None);
    }

    #[test]
    fn csv_records_count_is_bounded() {
        let small = Limits {
            records: 2,
            ..Limits::DEFAULT
        };
        let text = "a,b\nc,d\ne,f\n";
        let ok = csv_records("t.csv", "a,b\nc,d\n", b',', OpenQuoteAtEnd::Refuse, &small);
        assert_eq!(ok.unwrap().len(), 2);
        let e = csv_records("t.csv", text, b',', OpenQuoteAtEnd::Refuse, &small).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv:3: more than 2 records is over the limit of 2 (MAX_RECORDS); \
             the file is refused as malformed"
        );
        // CRLF line ends give the same lines as LF.
        let crlf = csv_records(
            "t.csv",
            "a\r\nb\r\nc\r\n",
            b',',
            OpenQuoteAtEnd::Refuse,
            &Limits::DEFAULT,
        )
        .unwrap();
        let lines: Vec<u64> = crlf.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 2, 3]);
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
