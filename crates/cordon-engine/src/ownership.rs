//! What the ownership rules found about a party: the findings a *derived
//! entity* carries into the index.
//!
//! A company that is on no list can still be blocked because of who owns
//! it (the OFAC 50% rule, the BIS Affiliates Rule, EU and UK ownership and
//! control). The ownership graph, the rules and their assessment live in
//! `cordon-ownership`; the snapshot turns every party of the graph with
//! listed owners into an [`crate::Entity`] of the list `ownership` whose
//! [`crate::Entity::ownership`] holds these findings. The engine only
//! carries them: a result on such an entity is a match when its name
//! matches *and* a rule in force captures the party (or may, see
//! [`OwnershipVerdict::makes_match`]), and its explanation leads with the
//! finding. This module is plain data: no I/O, no rule logic.

use crate::explain::{Evidence, EvidenceKind, Explanation};
use serde::{Deserialize, Serialize};

/// The list id of derived entities.
pub const OWNERSHIP_LIST: &str = "ownership";

/// What a rule concluded about a party.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnershipVerdict {
    /// The rule captures it: listed parties hold at least the threshold.
    Captured,
    /// Shares given as ranges (or with unknowns) may reach the threshold.
    MayReach,
    /// Some shares are unknown: the aggregate cannot be determined.
    Undetermined,
    /// Captured only under rules that are not in force on the date
    /// assessed (e.g. a suspended rule). Never a match.
    OutOfForce,
    /// Listed parties hold some of it, below the threshold. Never a match.
    Below,
}

impl OwnershipVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnershipVerdict::Captured => "captured",
            OwnershipVerdict::MayReach => "may_reach",
            OwnershipVerdict::Undetermined => "undetermined",
            OwnershipVerdict::OutOfForce => "out_of_force",
            OwnershipVerdict::Below => "below",
        }
    }

    /// Whether a result whose name matches is a match: only when the
    /// party is captured by a rule in force. Shares that may reach the
    /// threshold (ranges), unknown shares, rules out of force and shares
    /// below the threshold are findings shown with the result for review,
    /// not matches (as `cordon-ownership` defines its verdicts).
    pub fn makes_match(self) -> bool {
        self == OwnershipVerdict::Captured
    }
}

impl std::fmt::Display for OwnershipVerdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything the rules found about one party of the ownership graph.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnershipFindings {
    /// The party's id in the ownership graph.
    pub party_id: String,
    /// The strongest verdict of the rules in force (`out_of_force` when
    /// only rules not in force would capture it).
    pub verdict: OwnershipVerdict,
    /// One line: the deciding rule and its finding, e.g. "OFAC 50 Percent
    /// Rule: 55% held by blocked parties: 30% QODS AVIATION INDUSTRIES
    /// (ofac-sdn:16418), 25% ALABUGA MACHINERY (ofac-sdn:45713) — through
    /// KAMA DRONE PARTS LLC (100%)".
    pub summary: String,
    /// The date the rules were assessed on (`YYYY-MM-DD`).
    pub as_of: String,
    /// One finding per rule that found listed owners.
    pub findings: Vec<OwnershipFinding>,
}

/// One rule's finding about a party.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnershipFinding {
    /// `ofac-50`, `bis-affiliates`, `eu-ownership-control`,
    /// `uk-ownership-control`.
    pub rule_id: String,
    pub rule_name: String,
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The rule's own verdict (`captured`, `may_reach`, `undetermined`,
    /// `below`), whether or not it is in force.
    pub verdict: OwnershipVerdict,
    /// Whether the rule is in force on the date assessed (`as_of`).
    pub in_force: bool,
    /// The rule's effective windows in words ("in force 2025-09-29 to
    /// 2025-11-09 and from 2026-11-10").
    pub windows: String,
    /// The threshold in percent (50).
    pub threshold_percent: f64,
    /// The least aggregate share held by the rule's listed parties.
    pub share_min: f64,
    /// The most it can be; `None` when a share is unknown.
    pub share_max: Option<f64>,
    /// The finding in words, with the path.
    pub summary: String,
    /// Who holds the share: listed owners, and owners captured themselves.
    pub owners: Vec<OwnershipOwner>,
}

/// One owner that counts towards a finding.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnershipOwner {
    /// The owner's id in the ownership graph.
    pub party_id: String,
    pub name: String,
    /// The share it holds, in words ("30%", "40–60%", "unknown").
    pub share: String,
    /// The parties from this owner down to the party assessed, each with
    /// the share it holds in the next ("KAMA DRONE PARTS LLC (100%)").
    pub path: Vec<String>,
    /// Why it counts: `listed`, `captured` (itself captured by the rule),
    /// or `controls`.
    pub basis: String,
    /// The list entities this owner was linked to, with how.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listed: Vec<OwnershipLink>,
}

/// A link from an owner of the ownership graph to a list entity.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnershipLink {
    pub entity_id: String,
    pub list: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    /// 1.0 for an identifier or the same record; the screening score for a
    /// name.
    pub score: f64,
    /// How it was linked: "identifier inn 7707083893", "same record", or
    /// the screening explanation's summary.
    pub method: String,
}

impl OwnershipFindings {
    /// Whether a result on the party whose name matches is a match.
    pub fn makes_match(&self) -> bool {
        self.verdict.makes_match()
    }

    /// `explanation` led by the finding: the summary becomes
    /// "FINDING; name: NAME SUMMARY", and each finding is an `ownership`
    /// evidence item (effect 0: the name score is unchanged; whether it
    /// is a match is the verdict's).
    pub fn explain(&self, mut explanation: Explanation) -> Explanation {
        let name = std::mem::take(&mut explanation.summary);
        explanation.summary = format!("{}; name: {name}", self.summary);
        for f in &self.findings {
            explanation.evidence.push(Evidence {
                kind: EvidenceKind::Ownership,
                effect: 0.0,
                detail: format!(
                    "{}{} ({}; {}): {}",
                    f.rule_name,
                    if f.in_force {
                        ""
                    } else {
                        " — NOT IN FORCE on the date assessed"
                    },
                    f.citation,
                    f.windows,
                    f.summary
                ),
            });
        }
        explanation
    }
}
