//! The plain CSV of KYC exports: one interest per row.
//!
//! ```text
//! owner_id,owner_name,owner_kind,owned_id,owned_name,owned_kind,share_percent
//! QAI,Qods Aviation Industries,company,KDP,Kama Drone Parts LLC,company,30
//! ```
//!
//! * The header is required; columns may come in any order; names are
//!   matched without regard to case or surrounding spaces. Further columns
//!   are ignored, except these optional ones:
//!   `interest` (`shareholding`, the default; `voting_rights`; `control`;
//!   `director`), `joint_with` (ids of the other holders of a jointly held
//!   interest, separated by `;`), `start_date` and `end_date`
//!   (`YYYY[-MM[-DD]]`: an ended interest counts for no rule),
//!   `owner_country`/`owned_country` (ISO 3166-1 alpha-2 codes separated by
//!   `;`) and `owner_identifiers`/`owned_identifiers` (`scheme:value`
//!   pairs separated by `;`, e.g. `lei:529900T8BM49AURSDO55;inn:7707083893`:
//!   see [`PartyIdentifier::id_type`](crate::PartyIdentifier::id_type) for
//!   the schemes linked to list identifiers).
//! * `owner_kind`/`owned_kind`: `person`, `company` (or `entity`,
//!   `organisation`), `public body`, `arrangement`, or empty (unknown).
//! * `share_percent`: empty is *unknown* (never zero); otherwise any form
//!   [`Share::parse`] reads: `30`, `30%`, `30.5`, a range `40-60`,
//!   `more than 25`, `less than 50`...
//! * A party's name and kind may be given on every row that mentions it;
//!   differing names are kept as other names.
//! * An error names the file and the line (of the record's start).

use crate::error::{OwnershipError, Result};
use crate::graph::{Graph, Interest, InterestKind, Party, PartyId, PartyKind, SourceRef};
use crate::limits::{exceeded, MAX_INTERESTS, MAX_LINE_BYTES, MAX_NAME_CHARS, MAX_PARTIES};
use crate::share::Share;

/// The required columns, in the documented order.
pub const COLUMNS: [&str; 7] = [
    "owner_id",
    "owner_name",
    "owner_kind",
    "owned_id",
    "owned_name",
    "owned_kind",
    "share_percent",
];

const OPTIONAL: [&str; 8] = [
    "interest",
    "joint_with",
    "start_date",
    "end_date",
    "owner_country",
    "owned_country",
    "owner_identifiers",
    "owned_identifiers",
];

pub(crate) fn load(text: &str, file: &str) -> Result<Graph> {
    let invalid = |line: Option<usize>, m: String| OwnershipError::invalid(file, line, m);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| invalid(Some(1), format!("bad CSV header: {e}")))?
        .clone();
    let find = |name: &str| {
        headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    };
    let mut cols = [0usize; 7];
    let mut missing = Vec::new();
    for (slot, name) in cols.iter_mut().zip(COLUMNS) {
        match find(name) {
            Some(i) => *slot = i,
            None => missing.push(name),
        }
    }
    if !missing.is_empty() {
        return Err(invalid(
            Some(1),
            format!(
                "the header lacks {}: an ownership CSV has the columns {}",
                missing.join(", "),
                COLUMNS.join(",")
            ),
        ));
    }
    let opt: Vec<Option<usize>> = OPTIONAL.iter().map(|n| find(n)).collect();
    let mut graph = Graph::new();
    let mut record = ::csv::StringRecord::new();
    let mut interests = 0usize;
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            invalid(line, format!("bad CSV record: {e}"))
        })?;
        if !more {
            break;
        }
        let line = record.position().map(|p| p.line() as usize);
        let start = record.position().map_or(0, |p| p.byte() as usize);
        if record.as_slice().len() > MAX_LINE_BYTES
            || reader.position().byte() as usize - start > MAX_LINE_BYTES
        {
            return Err(exceeded(
                file,
                line,
                "the record's length in bytes",
                MAX_LINE_BYTES,
            ));
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let source = SourceRef {
            file: file.to_string(),
            line,
        };
        let opt_get = |k: usize| opt[k].map(get).filter(|v| !v.is_empty());
        let mut party = |id_col: usize,
                         name_col: usize,
                         kind_col: usize,
                         extra: (usize, usize),
                         role: &str|
         -> Result<PartyId> {
            let id = get(id_col);
            if id.is_empty() {
                return Err(invalid(line, format!("{role}_id is empty")));
            }
            let name = get(name_col);
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(exceeded(
                    file,
                    line,
                    format!("{role}_name's length in characters"),
                    MAX_NAME_CHARS,
                ));
            }
            let kind = PartyKind::parse(get(kind_col)).ok_or_else(|| {
                invalid(
                    line,
                    format!(
                        "{role}_kind {:?} is not a kind (person, company, public body, arrangement, or empty)",
                        get(kind_col)
                    ),
                )
            })?;
            let id = PartyId::new(id);
            let mut p = Party::new(id.clone(), name, kind, source.clone());
            for c in opt_get(extra.0).into_iter().flat_map(|c| c.split(';')) {
                p.add_country(c);
            }
            for pair in opt_get(extra.1).into_iter().flat_map(|c| c.split(';')) {
                if pair.trim().is_empty() {
                    continue;
                }
                let (scheme, value) = pair.split_once(':').ok_or_else(|| {
                    invalid(
                        line,
                        format!("{role}_identifiers: {pair:?} is not scheme:value"),
                    )
                })?;
                p.add_identifier(scheme, value);
            }
            graph.add_party(p);
            Ok(id)
        };
        let owner = party(cols[0], cols[1], cols[2], (4, 6), "owner")?;
        let owned = party(cols[3], cols[4], cols[5], (5, 7), "owned")?;
        let share =
            Share::parse(get(cols[6])).map_err(|e| invalid(line, format!("share_percent: {e}")))?;
        let kind = match opt_get(0).map(str::to_ascii_lowercase).as_deref() {
            None | Some("shareholding") | Some("shares") | Some("ownership") => {
                InterestKind::Shareholding
            }
            Some("voting_rights") | Some("voting rights") | Some("votes") => {
                InterestKind::VotingRights
            }
            Some("control") => InterestKind::Control,
            Some("director") | Some("directorship") | Some("officer") => InterestKind::Directorship,
            Some(other) => {
                return Err(invalid(
                    line,
                    format!(
                    "interest {other:?} is not shareholding, voting_rights, control or director"
                ),
                ))
            }
        };
        let mut interest = Interest::new(owner, owned, share, kind, source.clone());
        if let Some(j) = opt_get(1) {
            interest.joint_with = j
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(PartyId::new)
                .collect();
        }
        for (k, slot, end) in [
            (2, &mut interest.start_date, false),
            (3, &mut interest.end_date, true),
        ] {
            if let Some(d) = opt_get(k) {
                if crate::date::Date::parse_partial(d, end).is_none() {
                    return Err(invalid(
                        line,
                        format!("{} {d:?} is not a date (YYYY[-MM[-DD]])", OPTIONAL[k]),
                    ));
                }
                *slot = Some(d.to_string());
            }
        }
        interests += 1;
        if interests > MAX_INTERESTS {
            return Err(exceeded(
                file,
                line,
                "the number of interests",
                MAX_INTERESTS,
            ));
        }
        if graph.stats().parties > MAX_PARTIES {
            return Err(exceeded(file, line, "the number of parties", MAX_PARTIES));
        }
        graph.add_interest(interest);
    }
    Ok(graph)
}
