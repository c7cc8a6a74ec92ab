//! Explanations: every score comes with the token alignment that made the
//! name score and each piece of evidence that moved it, in a shape an analyst
//! can read and a program can parse.

use crate::similarity::SimilarityKind;
use serde::Serialize;
use std::fmt::Write;

/// One aligned pair (or a token aligned with two joined tokens).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenAlignment {
    /// Query token(s), as normalised.
    pub query: String,
    /// List token(s), as normalised.
    pub list: String,
    pub similarity: f64,
    pub kind: SimilarityKind,
    /// Rarity weight of the query token(s) (higher = rarer = more telling).
    pub weight: f64,
}

/// What a piece of evidence is about.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Date of birth (or of establishment).
    Dob,
    Country,
    Gender,
    Identifier,
    /// The type of the list name that matched (a weak alias lowers it).
    NameType,
    /// A note that changes nothing (e.g. the query's name was generic).
    Information,
    /// An ownership rule's finding about a derived entity (see
    /// [`crate::ownership`]).
    Ownership,
}

impl EvidenceKind {
    /// The name in the JSON output and the explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Dob => "dob",
            EvidenceKind::Country => "country",
            EvidenceKind::Gender => "gender",
            EvidenceKind::Identifier => "identifier",
            EvidenceKind::NameType => "name_type",
            EvidenceKind::Information => "information",
            EvidenceKind::Ownership => "ownership",
        }
    }
}

impl std::fmt::Display for EvidenceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one piece of evidence did to the score.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// Change to the score (positive raises, negative lowers). For an
    /// identifier match this is the lift up to the near-certain floor.
    pub effect: f64,
    pub detail: String,
}

/// Why a result scored what it did.
// The default (empty) one stands for a result that
// `Index::screen_explaining` was asked not to explain (kept out of the doc
// comment, which is also the OpenAPI description).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Explanation {
    /// One line for a human.
    pub summary: String,
    /// The normalised query reading that scored best.
    pub query_form: String,
    /// The normalised list name it was compared with.
    pub list_form: String,
    /// Name score before evidence.
    pub name_score: f64,
    /// Weighted share of the query matched.
    pub query_coverage: f64,
    /// Weighted share of the list name matched.
    pub list_coverage: f64,
    pub alignments: Vec<TokenAlignment>,
    pub unmatched_query: Vec<String>,
    pub unmatched_list: Vec<String>,
    pub evidence: Vec<Evidence>,
}

impl Explanation {
    /// A multi-line human-readable rendering.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.summary);
        let _ = writeln!(
            out,
            "  name score {:.3} (query coverage {:.2}, list coverage {:.2}): \"{}\" vs \"{}\"",
            self.name_score,
            self.query_coverage,
            self.list_coverage,
            self.query_form,
            self.list_form
        );
        for a in &self.alignments {
            let _ = writeln!(
                out,
                "    {:<18} ~ {:<18} {:.2} {:?} (weight {:.1})",
                a.query, a.list, a.similarity, a.kind, a.weight
            );
        }
        if !self.unmatched_query.is_empty() {
            let _ = writeln!(
                out,
                "    unmatched in query: {}",
                self.unmatched_query.join(", ")
            );
        }
        if !self.unmatched_list.is_empty() {
            let _ = writeln!(
                out,
                "    unmatched in list name: {}",
                self.unmatched_list.join(", ")
            );
        }
        for e in &self.evidence {
            let _ = writeln!(out, "  {} {:+.3}: {}", e.kind, e.effect, e.detail);
        }
        out
    }
}
