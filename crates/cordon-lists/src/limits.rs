//! Reading limits: how deep, long and many the things in a list file may
//! be before the loader refuses the file.
//!
//! Every loader reads its whole file into memory and builds one entity per
//! record, so memory is proportional to the file's size, and work to the
//! file's size times the work per record. These limits keep both bounded
//! for any input, including hostile ones: without them, 200,000 nested XML
//! elements (1.4 MB) made the path strings grow with the square of the
//! depth and killed a server on reload, and one name of 100,000 characters
//! kept the matcher busy for seconds per query.
//!
//! Each limit is far above what the official lists hold (the measured
//! maximum is given with each, from the files in the shared data folder and
//! the current official downloads), so a real list never meets one. A file
//! over a limit is refused with a [`ListError::Limit`](crate::ListError::Limit)
//! naming the file, the line (and for XML the element path), the limit
//! and its value; nothing is cut or skipped silently.

/// Deepest element nesting in an XML file (the root is level 1).
///
/// Deepest real files: OFAC's advanced XML, 10 levels; UN 5, EU 4, UK 7,
/// `sdn.xml` 5. Each open element costs its path, so depth is what
/// turned a 1.4 MB file into gigabytes.
pub const MAX_XML_DEPTH: usize = 64;

/// Longest XML element name, in bytes (with its namespace prefix).
///
/// Real maximum: 39 bytes (the UK list). Each element's path repeats the names above it.
pub const MAX_XML_NAME_BYTES: usize = 256;

/// Most attributes on one XML element.
///
/// Real maximum: 18 (the EU list). Checking an element's attribute names for duplicates
/// costs the square of their number.
pub const MAX_XML_ATTRIBUTES: usize = 100;

/// Most elements in one XML record (a UN `INDIVIDUAL`, an EU
/// `sanctionEntity`, an OFAC `DistinctParty`), counting every descendant.
///
/// Real records hold at most a few hundred; a record is built whole before
/// it becomes an entity, and one element of 4 bytes (`<a/>`) costs about
/// 200 bytes as a node.
pub const MAX_RECORD_ELEMENTS: usize = 100_000;

/// Longest line of a JSON-lines file and longest CSV record (from its
/// first byte to its last, quoted line breaks included), in bytes.
///
/// Real maxima: OpenSanctions FtM lines about 21 KB in the shared files
/// (the largest entities of the full dataset stay well under 1 MB); CSV
/// rows 4.4 KB.
pub const MAX_LINE_BYTES: usize = 8 << 20;

/// Longest single field: a CSV field, an XML element's text, an XML
/// attribute value, a JSON string, in bytes.
///
/// Real maximum: 3 KB (a CSL address list); OFAC caps Remarks at 1,000
/// characters.
pub const MAX_FIELD_BYTES: usize = 1 << 20;

/// Most line breaks inside one quoted CSV field.
///
/// No official CSV field spans lines (OFAC's, the CSL's, the DPL's and
/// OFSI's fields are single-line); a stray or cut quote makes the field
/// swallow the rows that follow, which then vanish without a column-count
/// error when the quote closes again by chance.
pub const MAX_FIELD_LINE_BREAKS: usize = 20;

/// Longest name of an entity, in characters.
///
/// Real maxima: 421 characters for a whole UN `ALIAS_NAME` field, 324 for
/// an OpenSanctions alias, 283 for a CSL name, 165 for an OFAC name. The
/// matcher's work per name grows with its length.
pub const MAX_NAME_CHARS: usize = 2_000;

/// Most names of one entity.
///
/// Real maxima: under 100 in the official lists; a few hundred for the
/// most-translated people in OpenSanctions. Names are compared with the
/// entity's other names as they are added, and each is indexed.
pub const MAX_NAMES_PER_ENTITY: usize = 5_000;

/// Most records in one file (rows, lines, XML records).
///
/// Real maximum: the OpenSanctions default dataset, about 1.5 million
/// entities once addresses, sanctions and relations are counted; OFAC's
/// lists hold under 20,000.
pub const MAX_RECORDS: usize = 20_000_000;

/// The limits one read applies: [`Limits::DEFAULT`] is the constants
/// above; the loaders' own tests lower them to reach them with small
/// inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    pub xml_depth: usize,
    pub xml_name_bytes: usize,
    pub xml_attributes: usize,
    pub record_elements: usize,
    pub line_bytes: usize,
    pub field_bytes: usize,
    pub field_line_breaks: usize,
    pub name_chars: usize,
    pub names_per_entity: usize,
    pub records: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        xml_depth: MAX_XML_DEPTH,
        xml_name_bytes: MAX_XML_NAME_BYTES,
        xml_attributes: MAX_XML_ATTRIBUTES,
        record_elements: MAX_RECORD_ELEMENTS,
        line_bytes: MAX_LINE_BYTES,
        field_bytes: MAX_FIELD_BYTES,
        field_line_breaks: MAX_FIELD_LINE_BREAKS,
        name_chars: MAX_NAME_CHARS,
        names_per_entity: MAX_NAMES_PER_ENTITY,
        records: MAX_RECORDS,
    };
}

/// The error for a value over a limit.
pub(crate) fn exceeded(
    file: &str,
    line: u64,
    at: &str,
    what: impl Into<String>,
    limit: &'static str,
    max: usize,
) -> crate::ListError {
    crate::ListError::Limit {
        file: file.to_string(),
        line,
        at: at.to_string(),
        what: what.into(),
        limit,
        max: max as u64,
    }
}

/// Refuses an entity whose name is longer than the limit, or that has
/// more names than the limit.
pub(crate) fn check_names(
    file: &str,
    line: u64,
    entity: &cordon_engine::Entity,
    limits: &Limits,
) -> crate::Result<()> {
    if entity.names.len() > limits.names_per_entity {
        return Err(exceeded(
            file,
            line,
            &entity.id,
            format!("{} names", entity.names.len()),
            "MAX_NAMES_PER_ENTITY",
            limits.names_per_entity,
        ));
    }
    for n in &entity.names {
        let chars = n.name.chars().count();
        if chars > limits.name_chars {
            return Err(exceeded(
                file,
                line,
                &entity.id,
                format!("a name of {chars} characters"),
                "MAX_NAME_CHARS",
                limits.name_chars,
            ));
        }
    }
    Ok(())
}

/// [`check_names`] for every entity, each at its provenance line.
pub(crate) fn check_all_names(
    file: &str,
    entities: &[cordon_engine::Entity],
    limits: &Limits,
) -> crate::Result<()> {
    for e in entities {
        check_names(file, e.provenance.line.unwrap_or(0), e, limits)?;
    }
    Ok(())
}

/// Refuses a file with more records than the limit; `count` is the number
/// read so far, including this one.
pub(crate) fn check_records(
    file: &str,
    line: u64,
    count: usize,
    limits: &Limits,
) -> crate::Result<()> {
    if count > limits.records {
        return Err(exceeded(
            file,
            line,
            "",
            format!("more than {} records", limits.records),
            "MAX_RECORDS",
            limits.records,
        ));
    }
    Ok(())
}
