//! What a list file says about its own version, read cheaply for
//! [`crate::discover`]: the publication date near its top, and a record
//! count from one streaming pass.
//!
//! * [`published_in_head`] reads at most [`PEEK_BYTES`] from the start of
//!   the file and looks for the format's publication date: UN
//!   `dateGenerated`, EU `generationDate`, UK FCDO `DateGenerated`, OFAC
//!   `sdn.xml` `Publish_Date`, `SDN_ADVANCED.XML` `DateOfIssue`, OFSI's
//!   `Last Updated` line. The CSV sets of OFAC, the CSL, the DPL and
//!   OpenSanctions state none near their top.
//! * [`count_records`] counts what stands for one record in the format
//!   ([`RecordUnit`]): lines for the line formats, the start tag of the
//!   record element for XML. It is an estimate (a header line, a quoted
//!   field over two lines), good for telling 13 records from 4,227, not
//!   for an exact entity count.
//! * [`collapsed`] is the one rule, shared with `cordon update` and
//!   reloads, for "this version lost most of the list".

use crate::{ListFormat, NameDate};
use std::io::Read;
use std::path::Path;

/// How many bytes [`published_in_head`] reads from a file's start.
pub const PEEK_BYTES: usize = 64 * 1024;

/// The share of a list's entities a new version may lose against the one
/// it replaces before it is refused ([`collapsed`]): `cordon update
/// --max-drop`'s default, reloads and the choice between versions found
/// side by side.
pub const DEFAULT_MAX_DROP: f64 = 0.5;

/// Whether going from `before` records to `after` loses more than
/// `max_drop` (a share, 0.5 = half) of the list. The rule of `cordon update
/// --max-drop`, of `cordon serve` reloads and of [`crate::discover`].
pub fn collapsed(before: u64, after: u64, max_drop: f64) -> bool {
    (after as f64) < (before as f64) * (1.0 - max_drop)
}

/// The publication date stated near the top of a list file, when its
/// format has one. Reads at most [`PEEK_BYTES`]; an unreadable file or a
/// date not found gives `None` (the loader reports what is wrong with it).
pub fn published_in_head(format: ListFormat, path: &Path) -> Option<NameDate> {
    let head = read_head(path, PEEK_BYTES).ok()?;
    let text = String::from_utf8_lossy(&head);
    published_in_text(format, &text)
}

/// [`published_in_head`] on text already read.
pub fn published_in_text(format: ListFormat, text: &str) -> Option<NameDate> {
    match format {
        ListFormat::UnSc => attr(text, "dateGenerated").and_then(crate::date_in_name),
        ListFormat::EuFsf => attr(text, "generationDate").and_then(crate::date_in_name),
        ListFormat::UkFcdo => element(text, "DateGenerated")
            .or_else(|| attr(text, "dateGenerated"))
            .and_then(day_first),
        ListFormat::OfacSdnXml => element(text, "Publish_Date").and_then(month_first),
        ListFormat::OfacAdvanced => {
            let issue = element(text, "DateOfIssue")?;
            let num = |tag: &str| element(issue, tag)?.trim().parse::<u16>().ok();
            let (y, m, d) = (num("Year")?, num("Month")?, num("Day")?);
            valid(y, m, d)
        }
        ListFormat::UkOfsi => {
            let first = text.lines().next()?;
            let (label, rest) = first.split_once(',')?;
            if !label.trim().eq_ignore_ascii_case("last updated") {
                return None;
            }
            day_first(rest.trim_matches([',', ' ', '"']))
        }
        ListFormat::OfacSdn
        | ListFormat::OfacCons
        | ListFormat::UsCsl
        | ListFormat::BisDpl
        | ListFormat::OpenSanctions => None,
    }
}

/// What [`count_records`] counts for a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordUnit {
    /// Lines (the CSV and text formats, JSON lines).
    Lines,
    /// Start tags of the record element(s).
    Elements(&'static [&'static str]),
}

impl RecordUnit {
    /// The unit's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            RecordUnit::Lines => "lines",
            RecordUnit::Elements(_) => "records",
        }
    }

    /// The unit of `format`, for a file named `path` (the CSL comes as CSV
    /// or JSON).
    pub fn of(format: ListFormat, path: &Path) -> RecordUnit {
        match format {
            ListFormat::OfacSdnXml => RecordUnit::Elements(&["<sdnEntry>"]),
            ListFormat::OfacAdvanced => RecordUnit::Elements(&["<DistinctParty "]),
            ListFormat::UnSc => RecordUnit::Elements(&["<INDIVIDUAL>", "<ENTITY>"]),
            ListFormat::EuFsf => RecordUnit::Elements(&["<sanctionEntity "]),
            ListFormat::UkFcdo => RecordUnit::Elements(&["<Designation>"]),
            ListFormat::UsCsl
                if crate::file_name(path)
                    .to_ascii_lowercase()
                    .ends_with(".json") =>
            {
                RecordUnit::Elements(&["\"name\""])
            }
            _ => RecordUnit::Lines,
        }
    }
}

/// An estimate of the records in a list file, in one streaming pass of
/// bounded memory (see [`RecordUnit`]).
pub fn count_records(format: ListFormat, path: &Path) -> std::io::Result<u64> {
    let mut f = std::fs::File::open(path)?;
    if let RecordUnit::Elements(tags) = RecordUnit::of(format, path) {
        return count_tags(&mut f, tags);
    }
    let mut buf = vec![0u8; 64 * 1024];
    let mut lines = 0u64;
    let mut last = b'\n';
    loop {
        let n = match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        last = buf[n - 1];
    }
    // A last line without its newline is a line too.
    if last != b'\n' {
        lines += 1;
    }
    Ok(lines)
}

/// Occurrences of any of `tags` in `r`, read in chunks; a tag cut by a
/// chunk boundary is found in the overlap kept from the previous chunk.
fn count_tags(r: &mut impl Read, tags: &[&str]) -> std::io::Result<u64> {
    let longest = tags.iter().map(|t| t.len()).max().unwrap_or(1);
    let mut buf = vec![0u8; 64 * 1024 + longest];
    let mut kept = 0usize;
    let mut count = 0u64;
    loop {
        let n = match r.read(&mut buf[kept..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let end = kept + n;
        let window = &buf[..end];
        for tag in tags {
            let t = tag.as_bytes();
            // Only matches that end in the new bytes: the overlap was
            // searched with the previous chunk.
            count += window
                .windows(t.len())
                .enumerate()
                .filter(|(i, w)| *w == t && i + t.len() > kept)
                .count() as u64;
        }
        kept = (longest - 1).min(end);
        buf.copy_within(end - kept..end, 0);
    }
    Ok(count)
}

/// The calendar day (UTC) of a system time.
pub fn utc_date(t: std::time::SystemTime) -> NameDate {
    let secs = match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    };
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    NameDate {
        year: y.clamp(0, i64::from(u16::MAX)) as u16,
        month: m as u8,
        day: d as u8,
    }
}

/// Days between 1970-01-01 and a date (a year alone counts from its
/// 1 January, a month alone from its first day).
pub fn days_from_civil(date: NameDate) -> i64 {
    cordon_engine::PartialDate::ymd(i32::from(date.year), date.month.max(1), date.day.max(1))
        .unix_days()
}

/// The calendar date of a day count since 1970-01-01: (year, month, day).
/// The calendar arithmetic is the engine's
/// ([`cordon_engine::PartialDate::from_unix_days`]), kept in one place.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let d = cordon_engine::PartialDate::from_unix_days(days);
    (
        i64::from(d.year),
        u32::from(d.month.unwrap_or(1)),
        u32::from(d.day.unwrap_or(1)),
    )
}

fn read_head(path: &Path, max: usize) -> std::io::Result<Vec<u8>> {
    let f = std::fs::File::open(path)?;
    let mut out = Vec::with_capacity(max.min(8192));
    f.take(max as u64).read_to_end(&mut out)?;
    Ok(out)
}

/// The value of the first `name="..."` (or `'...'`) attribute.
fn attr<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = text[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        // A whole attribute name: preceded by white space.
        if !text[..at].ends_with(|c: char| c.is_whitespace()) {
            continue;
        }
        let rest = text[from..].trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = &rest[1..];
        return body.find(quote).map(|end| &body[..end]);
    }
    None
}

/// The text of the first `<name>...</name>` element (its raw inner text).
fn element<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&close)? + start;
    Some(&text[start..end])
}

/// `DD/MM/YYYY` (the UK's order) or an ISO date.
fn day_first(s: &str) -> Option<NameDate> {
    match slash_parts(s) {
        Some((d, m, y)) => valid(y, m, d),
        None => crate::date_in_name(s),
    }
}

/// `MM/DD/YYYY` (OFAC's order) or an ISO date.
fn month_first(s: &str) -> Option<NameDate> {
    match slash_parts(s) {
        Some((m, d, y)) => valid(y, m, d),
        None => crate::date_in_name(s),
    }
}

fn slash_parts(s: &str) -> Option<(u16, u16, u16)> {
    let p: Vec<&str> = s.trim().split('/').collect();
    match p.as_slice() {
        [a, b, c] => Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)),
        _ => None,
    }
}

fn valid(y: u16, m: u16, d: u16) -> Option<NameDate> {
    ((1990..=2099).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some(
        NameDate {
            year: y,
            month: m as u8,
            day: d as u8,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: u8, day: u8) -> Option<NameDate> {
        Some(NameDate { year, month, day })
    }

    #[test]
    fn publication_dates_in_each_format() {
        let un = r#"<?xml version="1.0"?><CONSOLIDATED_LIST xmlns:xsi="x" dateGenerated="2026-02-27T00:00:09.554Z">"#;
        assert_eq!(published_in_text(ListFormat::UnSc, un), d(2026, 2, 27));
        let eu =
            r#"<export xmlns="x" generationDate="2024-05-01T10:00:00.000+02:00" globalFileId="1">"#;
        assert_eq!(published_in_text(ListFormat::EuFsf, eu), d(2024, 5, 1));
        let sdn = "<sdnList><publshInformation><Publish_Date>05/03/2024</Publish_Date>";
        assert_eq!(
            published_in_text(ListFormat::OfacSdnXml, sdn),
            d(2024, 5, 3)
        );
        let adv =
            "<Sanctions><DateOfIssue><Year>2024</Year><Month>5</Month><Day>3</Day></DateOfIssue>";
        assert_eq!(
            published_in_text(ListFormat::OfacAdvanced, adv),
            d(2024, 5, 3)
        );
        let fcdo = "<Designations><DateGenerated>03/05/2024</DateGenerated>";
        assert_eq!(published_in_text(ListFormat::UkFcdo, fcdo), d(2024, 5, 3));
        let ofsi = "Last Updated,03/05/2024\nName 6,Name 1\n";
        assert_eq!(published_in_text(ListFormat::UkOfsi, ofsi), d(2024, 5, 3));
        // An attribute whose name only ends like the one looked for.
        let other = r#"<CONSOLIDATED_LIST xdateGenerated="2020-01-01">"#;
        assert_eq!(published_in_text(ListFormat::UnSc, other), None);
        assert_eq!(published_in_text(ListFormat::OfacSdn, un), None);
        assert_eq!(
            published_in_text(ListFormat::UnSc, "<CONSOLIDATED_LIST>"),
            None
        );
    }

    #[test]
    fn tags_cut_by_a_chunk_boundary_are_counted_once() {
        let mut text = String::new();
        for _ in 0..20_000 {
            text.push_str("<sdnEntry><uid>1</uid></sdnEntry>\n");
        }
        let n = count_tags(&mut text.as_bytes(), &["<sdnEntry>"]).unwrap();
        assert_eq!(n, 20_000);
    }

    #[test]
    fn calendar_days_round_trip() {
        for days in [-1, 0, 59, 10_957, 19_846, 20_513, 47_482] {
            let (y, m, d) = civil_from_days(days);
            let date = NameDate {
                year: y as u16,
                month: m as u8,
                day: d as u8,
            };
            assert_eq!(days_from_civil(date), days, "{date}");
        }
        assert_eq!(
            days_from_civil(NameDate {
                year: 2024,
                month: 5,
                day: 3
            }),
            19_846
        );
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(19_846 * 86_400 + 3_600);
        assert_eq!(utc_date(t).to_string(), "2024-05-03");
    }

    #[test]
    fn the_collapse_rule() {
        assert!(collapsed(4_227, 13, DEFAULT_MAX_DROP));
        assert!(!collapsed(4_227, 2_114, DEFAULT_MAX_DROP));
        assert!(!collapsed(100, 100, 0.0));
        assert!(collapsed(100, 99, 0.0));
        assert!(!collapsed(0, 0, DEFAULT_MAX_DROP));
    }
}
