//! Alerts, decisions and the rules that move an alert between statuses:
//! one alert per (customer, list entity) pair, four-eyes review, and
//! decisions remembered until the customer or the list entry changes.

use crate::error::{MonitorError, Result};
use serde::{Deserialize, Serialize};

/// Where an alert stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Raised (or re-opened) and waiting for a reviewer.
    Open,
    /// Decided once; waiting for a second reviewer's confirmation.
    PendingReview,
    FalsePositive,
    TrueMatch,
    /// Handed on to a senior reviewer; still to be decided.
    Escalated,
    /// The list entity was removed from its list while the alert was open.
    Delisted,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Open,
        Status::PendingReview,
        Status::FalsePositive,
        Status::TrueMatch,
        Status::Escalated,
        Status::Delisted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::PendingReview => "pending_review",
            Status::FalsePositive => "false_positive",
            Status::TrueMatch => "true_match",
            Status::Escalated => "escalated",
            Status::Delisted => "delisted",
        }
    }

    /// Parses the stored form; `-` may stand for `_`.
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim().replace('-', "_");
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still waiting for a decision.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Open | Status::PendingReview | Status::Escalated
        )
    }

    /// Closed by a decision, which is remembered.
    pub fn is_decided(self) -> bool {
        matches!(self, Status::FalsePositive | Status::TrueMatch)
    }
}

/// What a reviewer decides.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    FalsePositive,
    TrueMatch,
    /// Hand on to a senior reviewer (no second reviewer needed).
    Escalate,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::FalsePositive => "false-positive",
            Verdict::TrueMatch => "true-match",
            Verdict::Escalate => "escalate",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s.trim().replace('_', "-").as_str() {
            "false-positive" => Some(Verdict::FalsePositive),
            "true-match" => Some(Verdict::TrueMatch),
            "escalate" => Some(Verdict::Escalate),
            _ => None,
        }
    }

    /// The status this verdict closes an alert with.
    pub fn status(self) -> Status {
        match self {
            Verdict::FalsePositive => Status::FalsePositive,
            Verdict::TrueMatch => Status::TrueMatch,
            Verdict::Escalate => Status::Escalated,
        }
    }
}

/// One recorded decision.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub decision: Verdict,
    pub by: String,
    pub reason: String,
    pub time: String,
    /// Which opening of the alert it belongs to (1, then one more per
    /// re-opening): decisions of an earlier round do not count for the
    /// current one.
    pub round: i64,
    /// What it did: `pending_review`, `false_positive`, `true_match`,
    /// `escalated`.
    pub outcome: Status,
}

/// One alert, as `cordon alerts show --json` prints it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub id: i64,
    pub customer_id: String,
    pub customer_version: i64,
    pub entity_id: String,
    pub list: String,
    pub score: f64,
    pub status: Status,
    /// Why it was raised or re-opened.
    pub reason: String,
    /// The list snapshot it was (last) raised against.
    pub snapshot: String,
    pub created: String,
    pub explanation: serde_json::Value,
    pub decisions: Vec<DecisionRecord>,
}

/// The alert's state that a decision is checked against.
#[derive(Debug, Clone)]
pub struct Pending {
    pub status: Status,
    pub round: i64,
    /// The first reviewer's verdict and name, when pending review.
    pub pending: Option<(Verdict, String)>,
}

/// The alert after a decision: new status, and the verdict left pending.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    pub status: Status,
    pub pending: Option<(Verdict, String)>,
}

fn same_reviewer(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Applies a decision to an alert under the four-eyes policy.
///
/// With four eyes, a first false-positive or true-match verdict puts the
/// alert in `pending_review`; a different reviewer's same verdict closes
/// it; the same reviewer is refused; a different verdict by another
/// reviewer replaces the pending one (which then waits for someone other
/// than its author). An escalation needs no second reviewer. Without four
/// eyes, a verdict closes the alert at once.
pub fn decide(
    id: i64,
    cur: &Pending,
    verdict: Verdict,
    by: &str,
    four_eyes: bool,
) -> Result<Decided> {
    if by.trim().is_empty() {
        return Err(MonitorError::Refused(
            "--by: the reviewer's name is empty".into(),
        ));
    }
    if !cur.status.is_open() {
        return Err(MonitorError::Refused(format!(
            "alert {id} is {}: only an open, pending_review or escalated alert can be decided",
            cur.status.as_str()
        )));
    }
    if verdict == Verdict::Escalate {
        if let Some((_, first)) = &cur.pending {
            if four_eyes && same_reviewer(first, by) {
                return Err(MonitorError::Refused(format!(
                    "four-eyes: alert {id} was decided by {first}; a different reviewer must review it"
                )));
            }
        }
        return Ok(Decided {
            status: Status::Escalated,
            pending: None,
        });
    }
    if !four_eyes {
        return Ok(Decided {
            status: verdict.status(),
            pending: None,
        });
    }
    match &cur.pending {
        Some((first_verdict, first)) if cur.status == Status::PendingReview => {
            if same_reviewer(first, by) {
                return Err(MonitorError::Refused(format!(
                    "four-eyes: alert {id} was decided by {first}; a different reviewer must confirm it"
                )));
            }
            if *first_verdict == verdict {
                Ok(Decided {
                    status: verdict.status(),
                    pending: None,
                })
            } else {
                Ok(Decided {
                    status: Status::PendingReview,
                    pending: Some((verdict, by.trim().to_string())),
                })
            }
        }
        _ => Ok(Decided {
            status: Status::PendingReview,
            pending: Some((verdict, by.trim().to_string())),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> Pending {
        Pending {
            status: Status::Open,
            round: 1,
            pending: None,
        }
    }

    #[test]
    fn four_eyes_needs_two_different_reviewers() {
        let d = decide(1, &open(), Verdict::FalsePositive, "alice", true).unwrap();
        assert_eq!(d.status, Status::PendingReview);
        let cur = Pending {
            status: d.status,
            round: 1,
            pending: d.pending,
        };
        let e = decide(1, &cur, Verdict::FalsePositive, " Alice ", true).unwrap_err();
        assert!(e.to_string().contains("different reviewer"), "{e}");
        let d2 = decide(1, &cur, Verdict::FalsePositive, "bob", true).unwrap();
        assert_eq!(d2.status, Status::FalsePositive);
        // Disagreement: bob's verdict waits for a third (or the first) reviewer.
        let d3 = decide(1, &cur, Verdict::TrueMatch, "bob", true).unwrap();
        assert_eq!(d3.status, Status::PendingReview);
        assert_eq!(d3.pending, Some((Verdict::TrueMatch, "bob".into())));
    }

    #[test]
    fn without_four_eyes_one_verdict_closes() {
        let d = decide(1, &open(), Verdict::TrueMatch, "alice", false).unwrap();
        assert_eq!(d.status, Status::TrueMatch);
        let closed = Pending {
            status: Status::TrueMatch,
            round: 1,
            pending: None,
        };
        assert!(decide(1, &closed, Verdict::FalsePositive, "bob", false).is_err());
    }

    #[test]
    fn statuses_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("pending-review"), Some(Status::PendingReview));
        assert_eq!(
            Verdict::parse("false_positive"),
            Some(Verdict::FalsePositive)
        );
    }
}
