//! What a caller asks ([`Query`], [`Party`], [`ScreenOptions`]) and what it
//! gets back ([`Match`], [`Comparison`]). These shapes are the stable JSON
//! contracts of the CLI and the API.

use crate::explain::Explanation;
use crate::model::{EntityKind, Gender, PartialDate};
use crate::weights::{DEFAULT_LIMIT, DEFAULT_THRESHOLD};
use serde::{Deserialize, Serialize};

/// One screening query: a name and the evidence the caller has.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub name: String,
    /// Restrict results to this kind; `None` screens every kind.
    #[serde(default)]
    pub kind: Option<EntityKind>,
    #[serde(default)]
    pub dob: Option<PartialDate>,
    /// Countries as ISO 3166-1 alpha-2 codes or names.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Identifier values (passport, tax ID, IMO, ...), any formatting.
    #[serde(default)]
    pub identifiers: Vec<String>,
    #[serde(default)]
    pub gender: Option<Gender>,
}

impl Query {
    /// A query for a name with no other evidence.
    pub fn new(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            ..Query::default()
        }
    }
}

/// One side of a comparison: the same fields as a query, without the kind.
pub type Party = Query;

/// How many results to return and where a match begins.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScreenOptions {
    pub limit: usize,
    pub threshold: f64,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            limit: DEFAULT_LIMIT,
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// One screening result.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub entity_id: String,
    pub list: String,
    pub kind: EntityKind,
    /// The entity's primary name.
    pub name: String,
    /// The entity name (primary or alias) that scored best.
    pub matched_name: String,
    /// Final score in [0, 1].
    pub score: f64,
    /// `score >= threshold`.
    #[serde(rename = "match")]
    pub is_match: bool,
    pub programs: Vec<String>,
    pub dates_of_birth: Vec<String>,
    pub countries: Vec<String>,
    pub explanation: Explanation,
}

/// The result of comparing two parties.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub explanation: Explanation,
}
