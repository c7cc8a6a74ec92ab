//! Bounds on what one query (and one list name) may ask of the engine.
//!
//! Matching work grows with the number of tokens and, inside the typo and
//! prefix tables, with the square of a token's length: an unbounded token
//! of 100,000 letters took 16 s. These limits are enforced twice:
//!
//! - by [`crate::Query::validate`], which refuses a query over a limit with
//!   a [`crate::query::QueryError`] naming the field and the limit, so a
//!   caller learns why;
//! - inside normalisation ([`crate::normalize`]), which never lets a word
//!   grow past [`MAX_TOKEN_CHARS`] nor a reading past [`MAX_TOKENS`] tokens,
//!   whatever it is given (a list name, or a query that skipped
//!   validation), so the work per name is bounded by constants.
//!
//! Each limit sits well above what the official lists hold (measured on the
//! shared data: OFAC SDN and consolidated, UN, US CSL, OpenSanctions
//! samples, 40,344 names), so no real name is refused or cut; the
//! `limits_leave_real_names_whole` test checks that.

/// Most characters in a query name. The longest name on the shared lists
/// has 421 (a UN alias field holding a whole list of aliases); 1,000 leaves
/// room for a name copied with its annotations, and keeps the text a query
/// normalises small.
pub const MAX_NAME_CHARS: usize = 1_000;

/// Most characters in one word (a run of letters and digits) of a name. The
/// longest words on the shared lists have 24 letters
/// ("TRANSSTROIMEKHANIZATSIYA"); German compounds and names in scripts
/// written without spaces (a Thai or Han run) stay within 100. The typo
/// (deletion) and prefix lookups do work proportional to the square of a
/// word's length, so this is the bound that keeps them cheap.
pub const MAX_TOKEN_CHARS: usize = 100;

/// Most words in a query name, and most tokens in one reading of any name.
/// The most on the shared lists is 45 (the same UN alias field); a person's
/// full name has under ten. Alignment compares every query token with every
/// list token, so this bounds its work.
pub const MAX_TOKENS: usize = 64;

/// Most characters in one query identifier. The longest identifiers on the
/// lists are digital-currency addresses (Monero: 95) and web addresses.
pub const MAX_IDENTIFIER_CHARS: usize = 200;

/// Most identifiers in one query: each is compared with every identifier of
/// every candidate.
pub const MAX_IDENTIFIERS: usize = 32;

/// Most countries in one query: each is compared with every country of
/// every candidate. There are 251 codes in the table; a party is linked to
/// a handful.
pub const MAX_COUNTRIES: usize = 32;

/// Most entities one query scores because they hold one of its
/// identifiers. A value held by more entities than this (a shared phone
/// number, a placeholder such as "0000") identifies none of them; they can
/// still be found by name.
pub const MAX_IDENTIFIER_HITS: usize = 256;
