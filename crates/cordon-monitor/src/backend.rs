//! What the SQLite and PostgreSQL backends share, so both keep the same
//! rules: decoding stored values, the upsert rule of a customer (when a
//! new version is made) and its search keys, and how a run's match merges
//! into an existing alert (kept, remembered, updated or re-opened, and
//! why).

use crate::alert::{DecisionRecord, Status, Verdict};
use crate::customer::{change_reason, CustomerRecord};
use crate::error::{MonitorError, Result};
use crate::print;
use crate::store::Hit;
use cordon_engine::Entity;

/// The open statuses, as an SQL list.
pub(crate) const ALERT_OPEN: &str = "('open', 'pending_review', 'escalated')";

pub(crate) fn corrupt(what: &str) -> impl Fn(serde_json::Error) -> MonitorError + '_ {
    move |source| MonitorError::Corrupt {
        what: what.to_string(),
        source,
    }
}

pub(crate) fn parse_record(text: &str) -> Result<CustomerRecord> {
    serde_json::from_str(text).map_err(corrupt("customer record"))
}

pub(crate) fn parse_print(text: &str) -> Result<Entity> {
    serde_json::from_str(text).map_err(corrupt("list entity print"))
}

pub(crate) fn status_of(s: &str) -> Result<Status> {
    Status::parse(s)
        .ok_or_else(|| MonitorError::Refused(format!("stored alert status {s:?} is unknown")))
}

/// A stored decision row: decision, reviewer, reason, time, round,
/// outcome.
pub(crate) fn decision_of(
    decision: &str,
    by: String,
    reason: String,
    time: String,
    round: i64,
    outcome: &str,
) -> Result<DecisionRecord> {
    Ok(DecisionRecord {
        decision: Verdict::parse(decision).ok_or_else(|| {
            MonitorError::Refused(format!("stored decision {decision:?} is unknown"))
        })?,
        by,
        reason,
        time,
        round,
        outcome: status_of(outcome)?,
    })
}

/// A decision needs a reason.
pub(crate) fn check_reason(reason: &str) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(MonitorError::Refused(
            "--reason: give the reason for the decision".into(),
        ));
    }
    Ok(())
}

/// What an upsert does with one customer, given its stored row (version,
/// status, record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Upsert {
    /// Same screened fields and active: only marked as seen.
    Unchanged,
    /// Written at `version`; `added` when new or back after a removal,
    /// else changed.
    Write { version: i64, added: bool },
}

/// The upsert rule: a new customer gets version 1; a changed one its next
/// version; a removed one comes back (at its version if unchanged). A
/// stored record that cannot be read counts as changed.
pub(crate) fn upsert_rule(old: Option<(i64, &str, &str)>, rec: &CustomerRecord) -> Upsert {
    let Some((v, status, old_text)) = old else {
        return Upsert::Write {
            version: 1,
            added: true,
        };
    };
    let same = parse_record(old_text).is_ok_and(|o| &o == rec);
    let active = status == "active";
    match (same, active) {
        (true, true) => Upsert::Unchanged,
        (true, false) => Upsert::Write {
            version: v,
            added: true,
        },
        (false, _) => Upsert::Write {
            version: v + 1,
            added: !active,
        },
    }
}

/// A customer's search words and keys, computed outside the write
/// transaction (in parallel).
pub(crate) struct Keyed {
    pub words: Vec<String>,
    pub keys: Vec<String>,
}

pub(crate) fn keyed(rec: &CustomerRecord) -> Keyed {
    let w = rec.search_words();
    let keys = rec.search_keys(&w);
    Keyed {
        words: w.words,
        keys,
    }
}

/// The state of an existing alert that a run's merge needs.
#[derive(Debug, Clone)]
pub(crate) struct AlertState {
    pub id: i64,
    pub status: Status,
    pub customer_version: i64,
    pub entity_fp: String,
    pub round: i64,
}

/// What a run does with a match on a (customer, entity) pair that already
/// has an alert.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Merge {
    /// Same data: nothing written; `remembered` when a decision stands.
    Keep { remembered: bool },
    /// The alert takes the new data (and is re-opened when `reopened`).
    Update {
        status: Status,
        round: i64,
        reason: String,
        reopened: bool,
    },
}

/// Looks up what a re-open reason compares: a customer's record at a
/// version, and a list entity's stored print by fingerprint.
pub(crate) trait History {
    fn version(&mut self, customer_id: &str, version: i64) -> Result<Option<CustomerRecord>>;
    fn print(&mut self, entity_id: &str, fp: &str) -> Result<Option<Entity>>;
}

/// Why an alert's data changed: customer and list entry, each when it
/// changed.
fn reopen_reason(a: &AlertState, h: &Hit, hist: &mut dyn History) -> Result<String> {
    let mut parts = Vec::new();
    if a.customer_version != h.customer_version {
        let old = hist.version(&h.customer_id, a.customer_version)?;
        let new = hist.version(&h.customer_id, h.customer_version)?;
        parts.push(match (old, new) {
            (Some(o), Some(n)) => change_reason(&o.changes(&n)),
            _ => format!(
                "customer changed: version {} to {}",
                a.customer_version, h.customer_version
            ),
        });
    }
    if a.entity_fp != h.entity_fp {
        let old = hist.print(&h.entity_id, &a.entity_fp)?;
        let new = hist.print(&h.entity_id, &h.entity_fp)?;
        parts.push(match (old, new) {
            (Some(o), Some(n)) => print::change_reason(&o, &n),
            _ => "list entry changed".to_string(),
        });
    }
    Ok(parts.join("; "))
}

/// Merges a match into its existing alert: a delisted alert listed again
/// and a closed one whose customer or list entry changed re-open (a
/// first decision pending review lapses: it was made on the old data);
/// an open one takes the new data; a closed one on the same data stays
/// closed (its decision is remembered).
pub(crate) fn merge(a: &AlertState, h: &Hit, hist: &mut dyn History) -> Result<Merge> {
    let same = a.customer_version == h.customer_version && a.entity_fp == h.entity_fp;
    let reason = if a.status == Status::Delisted {
        let mut r = "list entry listed again".to_string();
        if !same {
            r.push_str("; ");
            r.push_str(&reopen_reason(a, h, hist)?);
        }
        r
    } else if same {
        return Ok(Merge::Keep {
            remembered: a.status.is_decided(),
        });
    } else {
        reopen_reason(a, h, hist)?
    };
    let reopened = !a.status.is_open() || a.status == Status::PendingReview;
    Ok(if reopened {
        let reason = if a.status == Status::PendingReview {
            format!("{reason} (while pending review: the first decision lapses)")
        } else {
            reason
        };
        Merge::Update {
            status: Status::Open,
            round: a.round + 1,
            reason,
            reopened,
        }
    } else {
        Merge::Update {
            status: a.status,
            round: a.round,
            reason,
            reopened,
        }
    })
}

/// The reason a delisted alert records.
pub(crate) fn delisted_reason(list: &str, snapshot: &str) -> String {
    format!("list entry removed from {list} (snapshot {snapshot})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(name: &str) -> CustomerRecord {
        CustomerRecord {
            name: name.into(),
            aliases: vec![],
            kind: None,
            dob: None,
            countries: vec![],
            identifiers: vec![],
            gender: None,
        }
    }

    #[test]
    fn upsert_versions() {
        let a = rec("Ann");
        let text = serde_json::to_string(&a).unwrap();
        assert_eq!(
            upsert_rule(None, &a),
            Upsert::Write {
                version: 1,
                added: true
            }
        );
        assert_eq!(
            upsert_rule(Some((3, "active", &text)), &a),
            Upsert::Unchanged
        );
        assert_eq!(
            upsert_rule(Some((3, "removed", &text)), &a),
            Upsert::Write {
                version: 3,
                added: true
            }
        );
        assert_eq!(
            upsert_rule(Some((3, "active", &text)), &rec("Bob")),
            Upsert::Write {
                version: 4,
                added: false
            }
        );
        assert_eq!(
            upsert_rule(Some((3, "active", "{not json")), &a),
            Upsert::Write {
                version: 4,
                added: false
            }
        );
    }
}
