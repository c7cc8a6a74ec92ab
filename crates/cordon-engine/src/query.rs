//! What a caller asks ([`Query`], [`Party`], [`ScreenOptions`]) and what it
//! gets back ([`Match`], [`Comparison`]). These shapes are the stable JSON
//! contracts of the CLI and the API.

use crate::country;
use crate::explain::Explanation;
use crate::limits::{
    MAX_COUNTRIES, MAX_IDENTIFIERS, MAX_IDENTIFIER_CHARS, MAX_NAME_CHARS, MAX_TOKENS,
    MAX_TOKEN_CHARS,
};
use crate::model::{normalize_identifier, EntityKind, Gender, PartialDate};
use crate::weights::{DEFAULT_LIMIT, DEFAULT_THRESHOLD};
use serde::{Deserialize, Serialize};

/// One screening query: a name and the evidence the caller has.
///
/// A query needs a name, an identifier or both: an identifier alone finds
/// the entities that hold it (a vessel by its IMO number). Unknown fields
/// are refused (a misspelt `countrys` must not silently drop evidence).
//
// Callers check input from users and clients with `Query::validate`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// The name, in any script and word order; may be empty when
    /// `identifiers` are given.
    #[serde(default)]
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

    /// Checks the query before it is screened: `today` is the caller's
    /// current date (the engine reads no clock). Refuses, naming the field:
    /// a query with neither a name nor an identifier, a name without letters
    /// or digits, a name, word, identifier or list over the limits of
    /// [`crate::limits`], an unknown country, an identifier without letters
    /// or digits, an impossible date of birth or one after `today`.
    ///
    /// The checks are linear in the size of the query and stop at the first
    /// problem, so a hostile query costs no more to refuse than to read.
    pub fn validate(&self, today: PartialDate) -> Result<(), QueryError> {
        let name_chars = self.name.chars().count();
        if name_chars > MAX_NAME_CHARS {
            return Err(QueryError::NameTooLong {
                chars: name_chars,
                max: MAX_NAME_CHARS,
            });
        }
        let (words, longest) = word_stats(&self.name);
        if longest > MAX_TOKEN_CHARS {
            return Err(QueryError::WordTooLong {
                chars: longest,
                max: MAX_TOKEN_CHARS,
            });
        }
        if words > MAX_TOKENS {
            return Err(QueryError::TooManyWords {
                words,
                max: MAX_TOKENS,
            });
        }
        let has_name = !self.name.trim().is_empty();
        if has_name && crate::normalize::fold(&self.name).is_empty() {
            return Err(QueryError::NameWithoutLetters {
                name: shorten(&self.name),
            });
        }
        if self.identifiers.len() > MAX_IDENTIFIERS {
            return Err(QueryError::TooManyIdentifiers {
                count: self.identifiers.len(),
                max: MAX_IDENTIFIERS,
            });
        }
        for id in &self.identifiers {
            let chars = id.chars().count();
            if chars > MAX_IDENTIFIER_CHARS {
                return Err(QueryError::IdentifierTooLong {
                    chars,
                    max: MAX_IDENTIFIER_CHARS,
                });
            }
            let (_, value) = crate::identifiers::parse_typed(id);
            if normalize_identifier(&value).is_empty() {
                return Err(QueryError::IdentifierWithoutValue {
                    identifier: shorten(id),
                });
            }
        }
        if !has_name && self.identifiers.is_empty() {
            return Err(QueryError::Empty);
        }
        if self.countries.len() > MAX_COUNTRIES {
            return Err(QueryError::TooManyCountries {
                count: self.countries.len(),
                max: MAX_COUNTRIES,
            });
        }
        for c in &self.countries {
            // Country names are short: a long text is refused unread.
            if c.chars().count() > 100 || country::code_for(c).is_none() {
                return Err(QueryError::UnknownCountry {
                    country: shorten(c),
                });
            }
        }
        if let Some(dob) = self.dob {
            if !dob.is_valid() {
                return Err(QueryError::InvalidDob { dob });
            }
            if dob.is_after(&today) {
                return Err(QueryError::FutureDob { dob, today });
            }
        }
        Ok(())
    }
}

/// Number of words (runs of letters and digits) in `s`, and the length in
/// characters of the longest. Apostrophes and joiners inside a word do not
/// end it, as in normalisation.
fn word_stats(s: &str) -> (usize, usize) {
    let (mut words, mut longest, mut cur) = (0usize, 0usize, 0usize);
    for c in s.chars() {
        if c.is_alphanumeric() {
            if cur == 0 {
                words += 1;
            }
            cur += 1;
            longest = longest.max(cur);
        } else if !crate::normalize::continues_word(c) {
            cur = 0;
        }
    }
    (words, longest)
}

/// A value quoted in an error message: at most 60 characters, so that a
/// refused megabyte does not come back in the error.
fn shorten(s: &str) -> String {
    const KEEP: usize = 60;
    match s.char_indices().nth(KEEP) {
        None => s.to_string(),
        Some((i, _)) => format!("{}...", &s[..i]),
    }
}

/// Why a query was refused ([`Query::validate`]). Every variant names the
/// field at fault ([`QueryError::field`]) and, for a limit, the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query has neither a name nor an identifier")]
    Empty,
    #[error("field name: {name:?} has no letters or digits to match")]
    NameWithoutLetters { name: String },
    #[error("field name: {chars} characters, more than the limit of {max}")]
    NameTooLong { chars: usize, max: usize },
    #[error("field name: a word of {chars} characters, more than the limit of {max}")]
    WordTooLong { chars: usize, max: usize },
    #[error("field name: {words} words, more than the limit of {max}")]
    TooManyWords { words: usize, max: usize },
    #[error("field identifiers: {count} identifiers, more than the limit of {max}")]
    TooManyIdentifiers { count: usize, max: usize },
    #[error(
        "field identifiers: an identifier of {chars} characters, more than the limit of {max}"
    )]
    IdentifierTooLong { chars: usize, max: usize },
    #[error("field identifiers: {identifier:?} has no letters or digits")]
    IdentifierWithoutValue { identifier: String },
    #[error("field countries: {count} countries, more than the limit of {max}")]
    TooManyCountries { count: usize, max: usize },
    #[error(
        "field countries: unknown country {country:?} (use an ISO 3166 code or an English name)"
    )]
    UnknownCountry { country: String },
    #[error("field dob: {dob:?} is not a calendar date")]
    InvalidDob { dob: PartialDate },
    #[error("field dob: {dob} is in the future (today is {today})")]
    FutureDob {
        dob: PartialDate,
        today: PartialDate,
    },
}

impl QueryError {
    /// The query field at fault: `name`, `identifiers`, `countries` or
    /// `dob` (`name` for a query with neither name nor identifier).
    pub fn field(&self) -> &'static str {
        match self {
            QueryError::Empty
            | QueryError::NameWithoutLetters { .. }
            | QueryError::NameTooLong { .. }
            | QueryError::WordTooLong { .. }
            | QueryError::TooManyWords { .. } => "name",
            QueryError::TooManyIdentifiers { .. }
            | QueryError::IdentifierTooLong { .. }
            | QueryError::IdentifierWithoutValue { .. } => "identifiers",
            QueryError::TooManyCountries { .. } | QueryError::UnknownCountry { .. } => "countries",
            QueryError::InvalidDob { .. } | QueryError::FutureDob { .. } => "dob",
        }
    }
}

/// One side of a comparison: the same fields as a query, without the kind.
pub type Party = Query;

/// How many results to return and where a match begins.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// Which results of a screening carry their [`crate::Explanation`]
/// ([`crate::Index::screen_explaining`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explain {
    /// None: every result's explanation is empty.
    None,
    /// Those at or above the threshold (`is_match`).
    Matches,
    All,
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
    /// On a party that is on no list but owned by listed parties (an
    /// entity of the list `ownership`): the ownership rules' findings.
    /// Such a result is a match only when its name matches and a rule in
    /// force captures the party (`verdict` is `captured`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ownership: Option<Box<crate::ownership::OwnershipFindings>>,
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

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: PartialDate = PartialDate {
        year: 2026,
        month: Some(12),
        day: Some(1),
    };

    fn check(q: Query) -> Result<(), QueryError> {
        q.validate(TODAY)
    }

    #[test]
    fn a_plain_query_passes() {
        let q = Query {
            name: "Qods Aviation Industries".into(),
            dob: Some(PartialDate::ymd(1978, 1, 28)),
            countries: vec!["IR".into(), "Iran".into(), "Korea, North".into()],
            identifiers: vec!["imo:9161003".into()],
            ..Query::default()
        };
        assert_eq!(check(q), Ok(()));
    }

    #[test]
    fn an_identifier_alone_is_a_query_but_nothing_is_not() {
        let ids_only = Query {
            identifiers: vec!["IMO9161003".into()],
            ..Query::default()
        };
        assert_eq!(check(ids_only), Ok(()));
        assert_eq!(check(Query::new("   ")), Err(QueryError::Empty));
        assert_eq!(check(Query::default()).map_err(|e| e.field()), Err("name"));
        let blank_id = Query {
            identifiers: vec!["imo: - ".into()],
            ..Query::default()
        };
        assert!(matches!(
            check(blank_id),
            Err(QueryError::IdentifierWithoutValue { .. })
        ));
        assert!(matches!(
            check(Query::new("--- !!")),
            Err(QueryError::NameWithoutLetters { .. })
        ));
    }

    #[test]
    fn unknown_countries_are_refused() {
        let q = Query {
            name: "Ivan Petrov".into(),
            countries: vec!["RU".into(), "Narnia".into()],
            ..Query::default()
        };
        let e = check(q).unwrap_err();
        assert_eq!(e.field(), "countries");
        assert!(e.to_string().contains("\"Narnia\""), "{e}");
    }

    #[test]
    fn a_future_or_impossible_date_of_birth_is_refused() {
        let q = |dob| Query {
            name: "Ivan Petrov".into(),
            dob: Some(dob),
            ..Query::default()
        };
        assert_eq!(check(q(PartialDate::ymd(2026, 12, 1))), Ok(()));
        assert_eq!(check(q(PartialDate::year(2026))), Ok(()));
        let e = check(q(PartialDate::ymd(2026, 12, 2))).unwrap_err();
        assert_eq!(e.field(), "dob");
        assert_eq!(
            e.to_string(),
            "field dob: 2026-12-02 is in the future (today is 2026-12-01)"
        );
        assert!(matches!(
            check(q(PartialDate::year(2031))),
            Err(QueryError::FutureDob { .. })
        ));
        assert!(matches!(
            check(q(PartialDate::ymd(1978, 2, 30))),
            Err(QueryError::InvalidDob { .. })
        ));
    }

    #[test]
    fn sizes_over_the_limits_are_refused_naming_the_limit() {
        let long_word = "a".repeat(100_000);
        let e = check(Query::new(format!(
            "x {}",
            &long_word[..MAX_TOKEN_CHARS + 1]
        )))
        .unwrap_err();
        assert_eq!(
            e,
            QueryError::WordTooLong {
                chars: MAX_TOKEN_CHARS + 1,
                max: MAX_TOKEN_CHARS
            }
        );
        assert!(e.to_string().contains("limit of 100"), "{e}");
        // A 100,000-letter word is first of all a name over the limit.
        let e = check(Query::new(long_word)).unwrap_err();
        assert_eq!(
            e,
            QueryError::NameTooLong {
                chars: 100_000,
                max: MAX_NAME_CHARS
            }
        );
        let many = vec!["ab"; MAX_TOKENS + 1].join(" ");
        assert!(matches!(
            check(Query::new(many)),
            Err(QueryError::TooManyWords { words, .. }) if words == MAX_TOKENS + 1
        ));
        // At the limits exactly: accepted.
        let at = vec!["ab"; MAX_TOKENS].join(" ");
        assert_eq!(check(Query::new(at)), Ok(()));
        assert_eq!(check(Query::new("b".repeat(MAX_TOKEN_CHARS))), Ok(()));
        let q = Query {
            name: "x".into(),
            identifiers: vec!["1".repeat(MAX_IDENTIFIER_CHARS + 1)],
            ..Query::default()
        };
        assert_eq!(check(q).map_err(|e| e.field()), Err("identifiers"));
        let q = Query {
            name: "x".into(),
            identifiers: vec!["1234".into(); MAX_IDENTIFIERS + 1],
            ..Query::default()
        };
        assert!(matches!(
            check(q),
            Err(QueryError::TooManyIdentifiers { .. })
        ));
        let q = Query {
            name: "x".into(),
            countries: vec!["RU".into(); MAX_COUNTRIES + 1],
            ..Query::default()
        };
        assert!(matches!(check(q), Err(QueryError::TooManyCountries { .. })));
    }

    #[test]
    fn an_error_quotes_at_most_a_short_piece_of_the_value() {
        let q = Query {
            name: "x".into(),
            countries: vec!["N".repeat(5_000)],
            ..Query::default()
        };
        let e = check(q).unwrap_err().to_string();
        assert!(e.len() < 200, "{e}");
    }

    #[test]
    fn unknown_fields_are_refused_when_deserialising() {
        let ok: Query =
            serde_json::from_str(r#"{"name":"X","countries":["RU"]}"#).expect("valid query");
        assert_eq!(ok.countries, vec!["RU".to_string()]);
        let ids_only: Query =
            serde_json::from_str(r#"{"identifiers":["IMO9161003"]}"#).expect("no name");
        assert!(ids_only.name.is_empty());
        let e = serde_json::from_str::<Query>(r#"{"name":"X","countrys":["RU"]}"#)
            .expect_err("typo refused");
        assert!(e.to_string().contains("countrys"), "{e}");
        let e = serde_json::from_str::<ScreenOptions>(r#"{"limit":5,"threshold":0.7,"x":1}"#)
            .expect_err("unknown option refused");
        assert!(e.to_string().contains("unknown field"), "{e}");
    }
}
