//! # cordon-engine
//!
//! The matching core of cordon: the [`model`] of a listed party, name
//! [`normalize`]ation across scripts and spellings, the [`Index`], the scorer
//! and the [`Explanation`] of every score. It does no file or network I/O
//! and has no async: list loaders, the CLI and the server depend on it, never
//! the reverse.
//!
//! A query flows: [`Query`] → [`normalize::name_forms`] → candidate
//! generation in [`Index`] → token alignment ([`similarity`], `align`) →
//! evidence (`evidence`) → [`Match`] with its [`Explanation`]. Every number
//! the scorer uses lives in [`weights`]; the bounds on a query's size in
//! [`limits`]. Input from users and clients is checked with
//! [`Query::validate`] first.
//!
//! Where a concept lives: an entity and its parts in [`model`] ([`Entity`],
//! [`Name`], [`DateOfBirth`], [`Country`], [`Identifier`]); the one
//! identifier type set [`IdentifierType`], its shapes, check digits and the
//! loaders' rule [`identifiers::specific_type`] in [`identifiers`]; the
//! kinds of evidence [`EvidenceKind`]; countries in [`country`]; generic
//! given names and business words in [`generic_words`]; the search keys
//! monitoring stores in [`keys`]; ownership findings in [`ownership`].
//! `ARCHITECTURE.md` ("Where does X live") lists each with its test.

mod align;
mod anchor;
pub mod country;
mod evidence;
pub mod explain;
pub mod generic_words;
mod given_name;
pub mod identifiers;
pub mod index;
pub mod keys;
pub mod limits;
pub mod model;
mod nasab;
pub mod normalize;
pub mod ownership;
mod patronymics;
pub mod query;
pub mod similarity;
pub mod weights;

pub use explain::{Evidence, EvidenceKind, Explanation, TokenAlignment};
pub use index::{compare, Index, ScreenWork};
pub use model::*;
pub use ownership::{
    OwnershipFinding, OwnershipFindings, OwnershipLink, OwnershipOwner, OwnershipVerdict,
    OWNERSHIP_LIST,
};
pub use query::{Comparison, Explain, Match, Party, Query, QueryError, ScreenOptions};
pub use weights::{DEFAULT_COMPARE_THRESHOLD, DEFAULT_LIMIT, DEFAULT_THRESHOLD};
