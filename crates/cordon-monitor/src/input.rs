//! The party input formats shared by `cordon batch` and the customer
//! register (`cordon monitor import`): CSV with the header
//! `id,name,kind,dob,country,id_number` (only `id` and `name` required;
//! several countries or identifiers separated by `;` or `|`), or JSON lines
//! `{"id", "name", "kind", "dob", "country", "identifiers"}` with the
//! optional `aliases` and `gender` (and `id_number`, read as identifiers).
//!
//! Records are read in chunks and handed to a callback, so memory stays
//! flat for files of millions of lines. A line that cannot be read or
//! parsed becomes a record whose `party` is an error naming the file and
//! the line; reading goes on. Only an I/O error (or a CSV header without
//! `id` and `name`) stops it.

use cordon_engine::{EntityKind, Gender, PartialDate, Query};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Records handed to the callback at a time.
pub const CHUNK: usize = 8192;

/// CSV or JSON lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Csv,
    Jsonl,
}

impl InputFormat {
    /// CSV for a `.csv` file name (any case), else JSON lines.
    pub fn of_path(p: &Path) -> InputFormat {
        if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
            InputFormat::Csv
        } else {
            InputFormat::Jsonl
        }
    }
}

/// What stops reading: the input itself cannot be read on.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{at}: reading the CSV header: {source}")]
    Header {
        at: String,
        #[source]
        source: csv::Error,
    },
    #[error("{at}: the CSV header must have columns id and name (and optionally kind, dob, country, id_number); found {found:?}")]
    Columns { at: String, found: Vec<String> },
    #[error("{at}: reading stopped: {message}")]
    Read { at: String, message: String },
}

/// One party as the input gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartyInput {
    pub name: String,
    pub kind: Option<EntityKind>,
    pub dob: Option<PartialDate>,
    pub countries: Vec<String>,
    pub identifiers: Vec<String>,
    /// Other names of the party (JSONL `aliases`).
    pub aliases: Vec<String>,
    pub gender: Option<Gender>,
}

impl PartyInput {
    /// The screening query of the party's main name.
    pub fn query(&self) -> Query {
        Query {
            name: self.name.clone(),
            kind: self.kind,
            dob: self.dob,
            countries: self.countries.clone(),
            identifiers: self.identifiers.clone(),
            gender: self.gender,
        }
    }
}

/// One input record, parsed or not.
#[derive(Debug, Clone)]
pub struct InputRecord {
    /// 1-based line of the record (the CSV header is line 1).
    pub line: u64,
    /// The record's `id` as given (a string in CSV; any JSON value in
    /// JSONL), `null` when the line could not be read that far.
    pub id: Value,
    /// The party, or why the line was not usable, as `FILE:LINE: reason`.
    pub party: Result<PartyInput, String>,
}

/// Reads `reader` in `format`, calling `process` with chunks of at most
/// [`CHUNK`] records in input order. `name` is how messages name the file;
/// `today` is the date [`Query::validate`] checks dates of birth against
/// (the caller's clock: this crate reads none either).
pub fn read<E: From<InputError>>(
    reader: impl Read,
    format: InputFormat,
    name: &str,
    today: PartialDate,
    process: &mut dyn FnMut(Vec<InputRecord>) -> Result<(), E>,
) -> Result<(), E> {
    match format {
        InputFormat::Csv => read_csv(reader, name, today, process),
        InputFormat::Jsonl => read_jsonl(reader, name, today, process),
    }
}

fn kind_of(s: &str) -> Result<Option<EntityKind>, String> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("any") {
        return Ok(None);
    }
    EntityKind::parse(s).map(Some).ok_or_else(|| {
        format!("field kind: unknown kind {s:?} (person, organization, vessel, aircraft, any)")
    })
}

/// Checks and assembles one party from its text fields: the engine's
/// [`Query::validate`] (a name or an identifier, known countries, no
/// future date of birth, sizes within `cordon_engine::limits`), the same
/// checks as every other entry point.
pub fn make_party(
    name: &str,
    kind: &str,
    dob: &str,
    countries: Vec<String>,
    identifiers: Vec<String>,
    today: PartialDate,
) -> Result<PartyInput, String> {
    let dob = if dob.trim().is_empty() {
        None
    } else {
        Some(PartialDate::parse(dob).ok_or_else(|| {
            format!("field dob {dob:?} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        })?)
    };
    let party = PartyInput {
        name: name.to_string(),
        kind: kind_of(kind)?,
        dob,
        countries,
        identifiers,
        aliases: Vec::new(),
        gender: None,
    };
    party.query().validate(today).map_err(|e| e.to_string())?;
    Ok(party)
}

/// Splits a field holding several values (`;` or `|` between them).
pub fn split_list(s: &str) -> Vec<String> {
    s.split([';', '|'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn read_csv<E: From<InputError>>(
    reader: impl Read,
    name: &str,
    today: PartialDate,
    process: &mut dyn FnMut(Vec<InputRecord>) -> Result<(), E>,
) -> Result<(), E> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|source| InputError::Header {
            at: format!("{name}:1"),
            source,
        })?
        .clone();
    let col = |h: &str| {
        headers
            .iter()
            .position(|x| x.trim().eq_ignore_ascii_case(h))
    };
    let (Some(c_id), Some(c_name)) = (col("id"), col("name")) else {
        return Err(InputError::Columns {
            at: format!("{name}:1"),
            found: headers.iter().map(str::to_string).collect(),
        }
        .into());
    };
    let (c_kind, c_dob, c_country, c_idn) =
        (col("kind"), col("dob"), col("country"), col("id_number"));
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut rec = csv::ByteRecord::new();
    loop {
        let line = rdr.position().line() + 1;
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let line = rec.position().map(|p| p.line()).unwrap_or(line);
                let field = |c: Option<usize>| -> Result<String, String> {
                    match c.and_then(|c| rec.get(c)) {
                        None => Ok(String::new()),
                        Some(b) => String::from_utf8(b.to_vec())
                            .map_err(|_| "a field is not valid UTF-8".to_string()),
                    }
                };
                let id = field(Some(c_id)).unwrap_or_else(|_| {
                    String::from_utf8_lossy(rec.get(c_id).unwrap_or(b"")).into_owned()
                });
                let party = (|| -> Result<PartyInput, String> {
                    make_party(
                        &field(Some(c_name))?,
                        &field(c_kind)?,
                        &field(c_dob)?,
                        split_list(&field(c_country)?),
                        split_list(&field(c_idn)?),
                        today,
                    )
                })()
                .map_err(|e| format!("{name}:{line}: {e}"));
                chunk.push(InputRecord {
                    line,
                    id: Value::String(id),
                    party,
                });
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(line);
                chunk.push(InputRecord {
                    line,
                    id: Value::Null,
                    party: Err(format!("{name}:{line}: {e}")),
                });
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    // An I/O error: nothing more can be read.
                    process(std::mem::take(&mut chunk))?;
                    return Err(InputError::Read {
                        at: format!("{name}:{line}"),
                        message: e.to_string(),
                    }
                    .into());
                }
            }
        }
        if chunk.len() >= CHUNK {
            process(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))?;
        }
    }
    if !chunk.is_empty() {
        process(chunk)?;
    }
    Ok(())
}

fn read_jsonl<E: From<InputError>>(
    reader: impl Read,
    name: &str,
    today: PartialDate,
    process: &mut dyn FnMut(Vec<InputRecord>) -> Result<(), E>,
) -> Result<(), E> {
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut buf = Vec::new();
    let mut rdr = BufReader::with_capacity(1 << 16, reader);
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = rdr
            .read_until(b'\n', &mut buf)
            .map_err(|e| InputError::Read {
                at: format!("{name}:{}", line_no + 1),
                message: e.to_string(),
            })?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t.trim(),
            Err(_) => {
                chunk.push(InputRecord {
                    line: line_no,
                    id: Value::Null,
                    party: Err(format!("{name}:{line_no}: not valid UTF-8")),
                });
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        let (id, party) = match serde_json::from_str::<Value>(text) {
            Err(e) => (Value::Null, Err(format!("not JSON: {e}"))),
            Ok(v) => (
                v.get("id").cloned().unwrap_or(Value::Null),
                json_party(&v, today),
            ),
        };
        chunk.push(InputRecord {
            line: line_no,
            id,
            party: party.map_err(|e| format!("{name}:{line_no}: {e}")),
        });
        if chunk.len() >= CHUNK {
            process(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))?;
        }
    }
    if !chunk.is_empty() {
        process(chunk)?;
    }
    Ok(())
}

/// One JSONL object as a party.
fn json_party(v: &Value, today: PartialDate) -> Result<PartyInput, String> {
    if !v.is_object() {
        return Err("expected a JSON object".into());
    }
    let s = |k: &str| match v.get(k) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Null) | None => Ok(String::new()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(_) => Err(format!("field {k} must be a string")),
    };
    let list = |k: &str| -> Result<Vec<String>, String> {
        match v.get(k) {
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| match x {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err(format!("field {k} must hold strings")),
                })
                .collect(),
            _ => s(k).map(|x| split_list(&x)),
        }
    };
    let mut ids = list("identifiers")?;
    ids.extend(list("id_number")?);
    let mut p = make_party(
        &s("name")?,
        &s("kind")?,
        &s("dob")?,
        list("country")?,
        ids,
        today,
    )?;
    p.aliases = list("aliases")?
        .into_iter()
        .filter(|a| !cordon_engine::normalize::fold(a).is_empty())
        .collect();
    for a in &p.aliases {
        Query::new(a.as_str())
            .validate(today)
            .map_err(|e| format!("aliases: {e}"))?;
    }
    let g = s("gender")?;
    if !g.trim().is_empty() {
        p.gender = Some(
            Gender::parse(&g)
                .ok_or_else(|| format!("field gender: unknown gender {g:?} (male, female)"))?,
        );
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, f: InputFormat) -> Vec<InputRecord> {
        let mut out = Vec::new();
        read::<InputError>(
            text.as_bytes(),
            f,
            "in",
            PartialDate::ymd(2026, 12, 1),
            &mut |c| {
                out.extend(c);
                Ok(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn csv_lines_and_errors_name_file_and_line() {
        let r = all(
            "id,name,kind,dob,country,id_number\nc1,Jane Roe,person,1970-02-03,US;GB,P123\nc2,,person,,,\nc3,X Y,planet,,,\n",
            InputFormat::Csv,
        );
        assert_eq!(r.len(), 3);
        let p = r[0].party.as_ref().unwrap();
        assert_eq!(p.countries, vec!["US", "GB"]);
        assert_eq!(p.dob, Some(PartialDate::ymd(1970, 2, 3)));
        assert_eq!(r[1].line, 3);
        assert!(r[1]
            .party
            .as_ref()
            .unwrap_err()
            .starts_with("in:3: the query has neither a name nor an identifier"));
        assert!(r[2].party.as_ref().unwrap_err().contains("unknown kind"));
    }

    /// The engine's query checks, as in every other entry point: an
    /// unknown country and a future date of birth are refused naming the
    /// field; identifiers alone make a party.
    #[test]
    fn parties_are_checked_like_every_query() {
        let r = all(
            "id,name,kind,dob,country,id_number\nc1,Jane Roe,person,,Narnia,\nc2,Jane Roe,person,2999,,\nc3,,vessel,,,IMO9161003\n",
            InputFormat::Csv,
        );
        assert!(
            r[0].party.as_ref().unwrap_err().contains("countries"),
            "{:?}",
            r[0].party
        );
        assert!(
            r[1].party.as_ref().unwrap_err().contains("dob"),
            "{:?}",
            r[1].party
        );
        assert_eq!(r[2].party.as_ref().unwrap().identifiers, vec!["IMO9161003"]);
    }

    #[test]
    fn jsonl_reads_aliases_and_gender() {
        let r = all(
            "{\"id\":\"a\",\"name\":\"Jane Roe\",\"aliases\":[\"J. Roe\"],\"gender\":\"f\"}\n\nnot json\n{\"id\":\"b\",\"name\":\"B\",\"gender\":\"x\"}\n",
            InputFormat::Jsonl,
        );
        assert_eq!(r.len(), 3);
        let p = r[0].party.as_ref().unwrap();
        assert_eq!(p.aliases, vec!["J. Roe"]);
        assert_eq!(p.gender, Some(Gender::Female));
        assert!(r[1]
            .party
            .as_ref()
            .unwrap_err()
            .starts_with("in:3: not JSON"));
        assert!(r[2].party.as_ref().unwrap_err().contains("gender"));
    }

    #[test]
    fn csv_without_name_column_is_refused() {
        let e = read::<InputError>(
            "id,nom\n1,x\n".as_bytes(),
            InputFormat::Csv,
            "f.csv",
            PartialDate::ymd(2026, 12, 1),
            &mut |_| Ok(()),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("f.csv:1: the CSV header"));
    }
}
