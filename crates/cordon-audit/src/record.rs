//! What one audit record holds.

use serde::{Deserialize, Serialize};

/// One screening decision: who asked what, against which list version, and
/// what cordon answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// RFC 3339 UTC with milliseconds (`2026-11-24T09:30:00.250Z`). Left
    /// empty, [`crate::AuditSender::record`] fills in the current time; any
    /// RFC 3339 time is accepted and stored converted to UTC.
    pub time: String,
    /// Where the screening came from: `"api"`, `"batch"`, `"shipment"`.
    pub source: String,
    /// Who asked: the API key's name, or the OS user of a batch.
    pub caller: String,
    /// The request (API) or run and line (batch) the query belongs to.
    pub request_id: String,
    /// The query as screened (name, kind, date of birth, countries, ...).
    pub query: serde_json::Value,
    /// Content version of the lists screened against.
    pub snapshot: String,
    /// The candidates returned, best first.
    pub results: Vec<AuditResult>,
    pub decision: Decision,
}

/// One candidate of a screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditResult {
    pub entity_id: String,
    /// The entity's name as shown to the user.
    pub caption: String,
    pub score: f64,
    /// `score >= threshold` at the time of the screening.
    pub is_match: bool,
}

/// The outcome of one screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// At least one candidate scored at or above the threshold.
    Match,
    NoMatch,
    /// The query could not be screened (unreadable input, bad field).
    Error,
}

impl Decision {
    /// The stored form: `match`, `no_match`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Match => "match",
            Decision::NoMatch => "no_match",
            Decision::Error => "error",
        }
    }

    /// Parses the stored form; `no-match` is accepted too.
    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "match" => Some(Decision::Match),
            "no_match" | "no-match" => Some(Decision::NoMatch),
            "error" => Some(Decision::Error),
            _ => None,
        }
    }

    /// The decision for a list of candidates: a match if any one is.
    pub fn of(results: &[AuditResult]) -> Decision {
        if results.iter().any(|r| r.is_match) {
            Decision::Match
        } else {
            Decision::NoMatch
        }
    }
}

/// Which records [`crate::AuditReader`] returns; every field set narrows
/// the selection. Times are in the stored format (see [`crate::parse_time`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    /// Inclusive lower bound of `time`.
    pub from: Option<String>,
    /// Exclusive upper bound of `time`.
    pub to: Option<String>,
    pub caller: Option<String>,
    /// Records where this entity was among the candidates (match or not).
    pub entity_id: Option<String>,
    pub decision: Option<Decision>,
    pub source: Option<String>,
    /// At most this many records, oldest first.
    pub limit: Option<u64>,
}
