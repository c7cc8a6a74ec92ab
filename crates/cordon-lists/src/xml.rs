//! A small streaming XML helper shared by the XML loaders (UN, EU, UK).
//!
//! [`read_records`] pulls events from quick-xml's streaming reader and
//! collects one record element (an `INDIVIDUAL`, a `sanctionEntity`, a
//! `Designation`) at a time into a [`Node`] tree, handing each to a callback
//! before reading the next: memory holds one record, not the document. Each
//! node knows its 1-based line and its path from the root
//! (`INDIVIDUALS/INDIVIDUAL[3]/DATAID`), so a loader's error can name both.
//! Namespace prefixes are dropped (`fsd:export` is `export`).
//!
//! The reading is bounded ([`crate::limits`]): nesting depth, elements per
//! record, text and attribute length and the number of records are
//! checked as they are read, so a hostile document is refused before it
//! costs more than its own size.

use crate::error::{ListError, Result};
use crate::limits::{exceeded, Limits};
use cordon_engine::Entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// One element of a record: its local name, attributes, text and children.
#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// The element's own text (concatenated, trimmed).
    pub text: String,
    pub children: Vec<Node>,
    /// 1-based line of the start tag.
    pub line: u64,
    /// Path from the document root's child, with a 1-based index among
    /// same-named siblings: `INDIVIDUALS/INDIVIDUAL[3]`.
    pub path: String,
}

impl Node {
    /// The first child of that name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child of that name.
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child of that name, `None` when the
    /// child is absent or empty.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
    }

    /// Every descendant of that name, depth first (`PassportDetails/Passport`
    /// wherever it nests).
    pub fn descendants<'a>(&'a self, name: &str) -> Vec<&'a Node> {
        let mut out = Vec::new();
        let mut stack: Vec<&Node> = self.children.iter().rev().collect();
        while let Some(n) = stack.pop() {
            if n.name == name {
                out.push(n);
            }
            stack.extend(n.children.iter().rev());
        }
        out
    }

    /// The trimmed value of an attribute, `None` when absent or empty.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The text, `None` when empty.
    pub fn value(&self) -> Option<&str> {
        Some(self.text.as_str()).filter(|t| !t.is_empty())
    }

    /// The path of a child (present or expected) of this node.
    pub fn path_of(&self, child: &str) -> String {
        format!("{}/{child}", self.path)
    }

    /// An error about this node (or one of its children, by `field`).
    pub fn error(&self, file: &str, field: Option<&str>, message: impl Into<String>) -> ListError {
        let line = field
            .and_then(|f| self.child(f))
            .map_or(self.line, |c| c.line);
        let path = field.map_or(self.path.clone(), |f| self.path_of(f));
        ListError::Xml {
            file: file.to_string(),
            line,
            path,
            message: message.into(),
        }
    }

    /// The trimmed text of a required child, or an error naming its path.
    pub fn required(&self, file: &str, name: &str) -> Result<&str> {
        match self.child(name) {
            None => Err(self.error(file, Some(name), "missing")),
            Some(c) if c.text.is_empty() => Err(self.error(file, Some(name), "empty")),
            Some(c) => Ok(c.text.as_str()),
        }
    }
}

/// What [`read_records`] saw outside the records.
#[derive(Debug, Default)]
pub(crate) struct Document {
    /// The root element's local name.
    pub root: String,
    /// The root element's attributes.
    pub root_attrs: Vec<(String, String)>,
    /// Simple text elements directly under the root (`DateGenerated`), by
    /// local name, in document order.
    pub root_texts: Vec<(String, String)>,
    /// XML elements read (records and everything else).
    pub records: usize,
}

/// What [`read_entities`] needs to know about a format.
pub(crate) struct RecordSpec<'a> {
    /// The root element the file must have.
    pub root: &'a str,
    /// What the format is, for the wrong-root message ("a UN consolidated list").
    pub what: &'a str,
    /// The id field, for the duplicate-id message.
    pub id_field: &'static str,
}

/// Reads every record with [`read_records`], turns each into an entity with
/// `make`, and refuses a repeated id (naming both lines) or a document
/// whose root is not `spec.root`. Shared by the XML loaders whose records
/// carry their own ids.
pub(crate) fn read_entities(
    file: &str,
    bytes: &[u8],
    spec: &RecordSpec<'_>,
    is_record: impl Fn(&str) -> bool,
    mut make: impl FnMut(&Node) -> Result<Entity>,
) -> Result<(Vec<Entity>, Document)> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let doc = read_records(file, bytes, is_record, |node| {
        let e = make(&node)?;
        crate::limits::check_names(file, node.line, &e, &Limits::DEFAULT)?;
        if let Some(&first_line) = seen.get(&e.source_id) {
            return Err(ListError::DuplicateId {
                file: file.to_string(),
                line: node.line,
                id_field: spec.id_field,
                id: e.source_id.clone(),
                first_line,
            });
        }
        seen.insert(e.source_id.clone(), node.line);
        entities.push(e);
        Ok(())
    })?;
    if doc.root != spec.root {
        return Err(ListError::Xml {
            file: file.to_string(),
            line: 1,
            path: doc.root.clone(),
            message: format!("not {} (root element is not {})", spec.what, spec.root),
        });
    }
    Ok((entities, doc))
}

/// Tracks the line number of byte offsets that only move forward.
struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.bytes.len());
        if offset > self.pos {
            self.line += self.bytes[self.pos..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.pos = offset;
        }
        self.line
    }
}

fn local_name(raw: &[u8]) -> String {
    let local = match raw.iter().rposition(|&b| b == b':') {
        Some(i) => &raw[i + 1..],
        None => raw,
    };
    String::from_utf8_lossy(local).into_owned()
}

/// Reads the document, calling `on_record` for every element whose path
/// (local names from the root's child down, joined by `/`, without indices)
/// `is_record` accepts, e.g. `INDIVIDUALS/INDIVIDUAL`. Records are complete
/// subtrees. Malformed XML is an error naming the file, the line and the
/// path being read; `on_record`'s errors stop the reading.
pub(crate) fn read_records(
    file: &str,
    bytes: &[u8],
    is_record: impl Fn(&str) -> bool,
    on_record: impl FnMut(Node) -> Result<()>,
) -> Result<Document> {
    read_records_within(file, bytes, &Limits::DEFAULT, is_record, on_record)
}

/// [`read_records`] with explicit limits.
pub(crate) fn read_records_within(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    is_record: impl Fn(&str) -> bool,
    mut on_record: impl FnMut(Node) -> Result<()>,
) -> Result<Document> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut lines = Lines {
        bytes,
        pos: 0,
        line: 1,
    };
    let mut doc = Document::default();
    // Open elements below the root: (local name, plain path).
    let mut open: Vec<(String, String)> = Vec::new();
    // Sibling counters per open level (index 0: children of the root).
    let mut counters: Vec<HashMap<String, usize>> = vec![HashMap::new()];
    // Elements in the record being built, and records handed over.
    let mut record_elements = 0usize;
    let mut records = Records {
        count: 0,
        file,
        limits,
    };
    // The record being built: its stack of open nodes.
    let mut building: Vec<Node> = Vec::new();
    let mut root_seen = false;
    let mut root_closed = false;
    // Text of a simple element directly under the root.
    let mut root_text: Option<(String, String)> = None;

    let err = |line: u64, path: &str, message: String| ListError::Xml {
        file: file.to_string(),
        line,
        path: if path.is_empty() {
            "/".to_string()
        } else {
            path.to_string()
        },
        message,
    };

    loop {
        let start_pos = reader.buffer_position() as usize;
        let event = reader.read_event();
        let indexed_path = |building: &Vec<Node>, open: &Vec<(String, String)>| -> String {
            building
                .last()
                .map(|n| n.path.clone())
                .or_else(|| open.last().map(|(_, p)| p.clone()))
                .unwrap_or_default()
        };
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                let line = lines.at(reader.error_position() as usize);
                return Err(err(
                    line,
                    &indexed_path(&building, &open),
                    format!("malformed XML: {e}"),
                ));
            }
        };
        // Line of the event's first byte (text events: of their first
        // non-blank byte).
        let line = {
            let mut p = start_pos;
            if matches!(event, Event::Text(_)) {
                while p < bytes.len() && bytes[p].is_ascii_whitespace() {
                    p += 1;
                }
            }
            lines.at(p)
        };
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let empty = matches!(event, Event::Empty(_));
                if s.name().as_ref().len() > limits.xml_name_bytes {
                    return Err(exceeded(
                        file,
                        line,
                        &indexed_path(&building, &open),
                        format!(
                            "an element name longer than {} bytes",
                            limits.xml_name_bytes
                        ),
                        "MAX_XML_NAME_BYTES",
                        limits.xml_name_bytes,
                    ));
                }
                let name = local_name(s.name().as_ref());
                if !root_seen {
                    root_seen = true;
                    doc.root = name;
                    doc.root_attrs = attributes(file, line, &doc.root, s, limits)?;
                    if empty {
                        root_closed = true;
                    }
                    continue;
                }
                if root_closed {
                    return Err(err(line, &name, "content after the root element".into()));
                }
                doc.records += 1;
                let level = open.len();
                // The root is level 1, its children level 2.
                if level + 2 > limits.xml_depth {
                    return Err(exceeded(
                        file,
                        line,
                        &indexed_path(&building, &open),
                        format!("element nesting deeper than {} levels", limits.xml_depth),
                        "MAX_XML_DEPTH",
                        limits.xml_depth,
                    ));
                }
                if counters.len() <= level {
                    counters.resize_with(level + 1, HashMap::new);
                }
                let idx = {
                    let c = counters[level].entry(name.clone()).or_insert(0);
                    *c += 1;
                    *c
                };
                let plain = match open.last() {
                    Some((_, p)) => format!("{p}/{name}"),
                    None => name.clone(),
                };
                let parent_path = indexed_path(&building, &open);
                let path = if parent_path.is_empty() && !is_record(&plain) {
                    // A container directly under the root (`INDIVIDUALS`).
                    name.clone()
                } else if parent_path.is_empty() {
                    format!("{name}[{idx}]")
                } else {
                    format!("{parent_path}/{name}[{idx}]")
                };
                let attrs = attributes(file, line, &path, s, limits)?;
                if !building.is_empty() || is_record(&plain) {
                    if building.is_empty() {
                        record_elements = 0;
                    }
                    record_elements += 1;
                    if record_elements > limits.record_elements {
                        return Err(exceeded(
                            file,
                            line,
                            &path,
                            format!("a record of more than {} elements", limits.record_elements),
                            "MAX_RECORD_ELEMENTS",
                            limits.record_elements,
                        ));
                    }
                    building.push(Node {
                        name: name.clone(),
                        attrs,
                        text: String::new(),
                        children: Vec::new(),
                        line,
                        path,
                    });
                } else if level == 0 {
                    root_text = Some((name.clone(), String::new()));
                }
                if empty {
                    close(&mut building, &mut on_record, &mut records, line)?;
                    if level == 0 {
                        root_text = None;
                    }
                } else {
                    open.push((name, plain));
                    counters.truncate(open.len());
                    counters.push(HashMap::new());
                }
            }
            Event::End(_) => {
                if open.pop().is_none() {
                    root_closed = true;
                    continue;
                }
                counters.truncate(open.len() + 1);
                close(&mut building, &mut on_record, &mut records, line)?;
                if open.is_empty() {
                    if let Some(mut rt) = root_text.take() {
                        rt.1 = rt.1.trim().to_string();
                        if !rt.1.is_empty() {
                            doc.root_texts.push(rt);
                        }
                    }
                }
            }
            Event::Text(t) => {
                let text = t.unescape().map_err(|e| {
                    err(
                        line,
                        &indexed_path(&building, &open),
                        format!("bad text: {e}"),
                    )
                })?;
                let kept = match building.last() {
                    Some(n) => Some(n.text.len()),
                    None if open.len() == 1 => root_text.as_ref().map(|rt| rt.1.len()),
                    None => None,
                };
                if let Some(len) = kept {
                    check_text(len + text.len(), file, line, limits, || {
                        indexed_path(&building, &open)
                    })?;
                }
                if let Some(n) = building.last_mut() {
                    n.text.push_str(&text);
                } else if open.len() == 1 {
                    if let Some(rt) = root_text.as_mut() {
                        rt.1.push_str(&text);
                    }
                }
            }
            Event::CData(t) => {
                let text = String::from_utf8_lossy(&t.into_inner()).into_owned();
                if let Some(len) = building.last().map(|n| n.text.len()) {
                    check_text(len + text.len(), file, line, limits, || {
                        indexed_path(&building, &open)
                    })?;
                }
                if let Some(n) = building.last_mut() {
                    n.text.push_str(&text);
                }
            }
            Event::Eof => {
                if !root_seen {
                    return Err(err(line, "", "no root element".into()));
                }
                if !open.is_empty() || !root_closed {
                    let path = indexed_path(&building, &open);
                    return Err(err(
                        line,
                        &path,
                        "unexpected end of file (element not closed)".into(),
                    ));
                }
                return Ok(doc);
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
}

/// Refuses an element's text of `len` bytes over the field limit; `path`
/// is only built for the error.
fn check_text(
    len: usize,
    file: &str,
    line: u64,
    limits: &Limits,
    path: impl FnOnce() -> String,
) -> Result<()> {
    if len > limits.field_bytes {
        return Err(exceeded(
            file,
            line,
            &path(),
            format!("element text longer than {} bytes", limits.field_bytes),
            "MAX_FIELD_BYTES",
            limits.field_bytes,
        ));
    }
    Ok(())
}

/// The records handed over so far, counted against the record limit.
struct Records<'a> {
    count: usize,
    file: &'a str,
    limits: &'a Limits,
}

/// Closes the innermost node being built (its end is on `line`): attaches
/// it to its parent, or hands a finished record to the callback.
fn close(
    building: &mut Vec<Node>,
    on_record: &mut impl FnMut(Node) -> Result<()>,
    records: &mut Records<'_>,
    line: u64,
) -> Result<()> {
    if let Some(mut node) = building.pop() {
        node.text = node.text.trim().to_string();
        match building.last_mut() {
            Some(parent) => parent.children.push(node),
            None => {
                records.count += 1;
                crate::limits::check_records(records.file, line, records.count, records.limits)?;
                on_record(node)?
            }
        }
    }
    Ok(())
}

fn attributes(
    file: &str,
    line: u64,
    path: &str,
    s: &BytesStart<'_>,
    limits: &Limits,
) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    // One at a time: quick-xml compares each attribute's name with the
    // ones before it, so the count is checked before that work grows.
    for a in s.attributes() {
        if out.len() >= limits.xml_attributes {
            return Err(exceeded(
                file,
                line,
                path,
                format!("more than {} attributes", limits.xml_attributes),
                "MAX_XML_ATTRIBUTES",
                limits.xml_attributes,
            ));
        }
        let a = a.map_err(|e| ListError::Xml {
            file: file.to_string(),
            line,
            path: path.to_string(),
            message: format!("malformed attribute: {e}"),
        })?;
        let key = local_name(a.key.as_ref());
        let value = a.unescape_value().map_err(|e| ListError::Xml {
            file: file.to_string(),
            line,
            path: format!("{path}/@{key}"),
            message: format!("bad attribute value: {e}"),
        })?;
        if value.len() > limits.field_bytes {
            return Err(exceeded(
                file,
                line,
                &format!("{path}/@{key}"),
                format!(
                    "an attribute value longer than {} bytes",
                    limits.field_bytes
                ),
                "MAX_FIELD_BYTES",
                limits.field_bytes,
            ));
        }
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

/// The English name of the first non-Latin script in a name (Arabic,
/// Cyrillic, Han, ...), `None` for Latin or script-less text.
pub(crate) fn script_of(s: &str) -> Option<&'static str> {
    s.chars().find_map(|c| {
        let u = c as u32;
        Some(match u {
            0x0370..=0x03FF | 0x1F00..=0x1FFF => "Greek",
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => "Cyrillic",
            0x0530..=0x058F => "Armenian",
            0x0590..=0x05FF => "Hebrew",
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => "Arabic",
            0x0900..=0x097F => "Devanagari",
            0x0E00..=0x0E7F => "Thai",
            0x10A0..=0x10FF => "Georgian",
            0x1000..=0x109F => "Myanmar",
            0x1200..=0x139F => "Ethiopic",
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => "Hangul",
            0x3040..=0x30FF => "Japanese",
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => "Han",
            _ => return None,
        })
    })
}

/// A [`SourceFile`](crate::SourceFile) for bytes read from `path`.
pub(crate) fn source_file(
    path: &std::path::Path,
    bytes: &[u8],
    records: usize,
) -> crate::SourceFile {
    use sha2::{Digest, Sha256};
    crate::SourceFile {
        path: path.to_path_buf(),
        sha256: Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        bytes: bytes.len() as u64,
        records,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(xml: &str, rec: &str) -> Result<(Document, Vec<Node>)> {
        let mut out = Vec::new();
        let doc = read_records(
            "t.xml",
            xml.as_bytes(),
            |p| p == rec,
            |n| {
                out.push(n);
                Ok(())
            },
        )?;
        Ok((doc, out))
    }

    #[test]
    fn records_with_lines_and_paths() {
        let xml = "<?xml version=\"1.0\"?>\n<L date=\"2020\">\n <When>01/02/2020</When>\n <A>\n  <R id=\"1\"><X>a &amp; b</X></R>\n  <R>\n   <X/>\n  </R>\n </A>\n</L>\n";
        let (doc, recs) = collect(xml, "A/R").unwrap();
        assert_eq!(doc.root, "L");
        assert_eq!(doc.root_attrs, [("date".into(), "2020".into())]);
        assert_eq!(doc.root_texts, [("When".into(), "01/02/2020".into())]);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].line, 5);
        assert_eq!(recs[0].path, "A/R[1]");
        assert_eq!(recs[0].attr("id"), Some("1"));
        assert_eq!(recs[0].text_of("X"), Some("a & b"));
        assert_eq!(recs[1].path, "A/R[2]");
        assert_eq!(recs[1].children[0].line, 7);
        assert_eq!(recs[1].children[0].path, "A/R[2]/X[1]");
        let e = recs[1].required("t.xml", "X").unwrap_err().to_string();
        assert_eq!(e, "t.xml:7: A/R[2]/X: empty");
        let e = recs[1].required("t.xml", "Y").unwrap_err().to_string();
        assert_eq!(e, "t.xml:6: A/R[2]/Y: missing");
    }

    #[test]
    fn malformed_is_an_error_with_line() {
        let e = collect("<L>\n<A>\n<R><X>1</Y></R>\n</A></L>", "A/R")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.xml:3: A/R[1]/X[1]: malformed XML"), "{e}");
        let e = collect("<L>\n<A>\n<R><X>1</X></R>\n", "A/R")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unexpected end of file"), "{e}");
        let e = collect("", "A/R").unwrap_err().to_string();
        assert!(e.contains("no root element"), "{e}");
        let e = collect("<L><A a=\"1></A></L>", "A/R")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.xml:1"), "{e}");
    }

    #[test]
    fn record_and_element_counts_are_bounded() {
        let small = Limits {
            records: 2,
            record_elements: 3,
            ..Limits::DEFAULT
        };
        let read = |xml: &str| {
            read_records_within("t.xml", xml.as_bytes(), &small, |p| p == "A/R", |_| Ok(()))
        };
        assert!(read("<L><A><R/><R/></A></L>").is_ok());
        let e = read("<L><A>\n<R/>\n<R/>\n<R/></A></L>").unwrap_err();
        assert!(
            matches!(
                e,
                ListError::Limit {
                    limit: "MAX_RECORDS",
                    line: 4,
                    ..
                }
            ),
            "{e}"
        );
        assert!(read("<L><A><R><X/><Y/></R></A></L>").is_ok());
        let e = read("<L><A><R><X/><Y/>\n<Z/></R></A></L>").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.xml:2: A/R[1]/Z[1]: a record of more than 3 elements is over the limit of 3 \
             (MAX_RECORD_ELEMENTS); the file is refused as malformed"
        );
        // Depth counts the root as level 1.
        let shallow = Limits {
            xml_depth: 3,
            ..Limits::DEFAULT
        };
        let read = |xml: &str| {
            read_records_within(
                "t.xml",
                xml.as_bytes(),
                &shallow,
                |p| p == "A/R",
                |_| Ok(()),
            )
        };
        assert!(read("<L><A><R/></A></L>").is_ok());
        let e = read("<L><A><R><X/></R></A></L>").unwrap_err();
        assert!(
            matches!(
                e,
                ListError::Limit {
                    limit: "MAX_XML_DEPTH",
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn many_distinct_sibling_names_read_in_linear_time() {
        // 50,000 differently named siblings: the sibling counters were a
        // list searched per element (10^9 comparisons), now a map.
        let mut xml = String::from("<L><A><R>");
        for i in 0..50_000 {
            xml.push_str(&format!("<e{i}/>"));
        }
        xml.push_str("</R></A></L>");
        let (_, recs) = collect(&xml, "A/R").unwrap();
        assert_eq!(recs[0].children.len(), 50_000);
        assert_eq!(recs[0].children[49_999].path, "A/R[1]/e49999[1]");
    }

    #[test]
    fn namespaces_are_dropped() {
        let (doc, recs) = collect(
            "<f:export xmlns:f=\"x\" f:generationDate=\"d\"><f:e logicalId=\"3\"/></f:export>",
            "e",
        )
        .unwrap();
        assert_eq!(doc.root, "export");
        assert_eq!(doc.root_attrs[1], ("generationDate".into(), "d".into()));
        assert_eq!(recs[0].attr("logicalId"), Some("3"));
    }

    #[test]
    fn scripts() {
        assert_eq!(script_of("صدام حسين"), Some("Arabic"));
        assert_eq!(script_of("Иван"), Some("Cyrillic"));
        assert_eq!(script_of("金正恩"), Some("Han"));
        assert_eq!(script_of("Saddam"), None);
    }
}
