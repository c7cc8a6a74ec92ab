//! Ownership and control: which parties that are on no list are owned or
//! controlled by parties that are, under the OFAC 50 Percent Rule, the BIS
//! Affiliates Rule and the EU and UK ownership and control tests.
//!
//! The crate is pure domain logic plus the file loaders. It does not
//! screen names: the caller links the graph's parties to list entities (by
//! identifier, or by screening their names with the engine) and hands the
//! links in as [`Listed`].
//!
//! 1. **Data in** ([`formats`]): [`load_path`] reads a file and tells its
//!    format ([`Format`]): BODS 0.4 JSON or JSON lines
//!    ([`formats::bods`]), FollowTheMoney JSON lines ([`formats::ftm`]), or
//!    the plain CSV `owner_id,owner_name,owner_kind,owned_id,owned_name,owned_kind,share_percent`
//!    ([`formats::csv`]). Errors name the file and the line (or a JSON
//!    array's record); sizes are bounded ([`limits`]).
//! 2. **The graph** ([`Graph`]): [`Party`]s and the [`Interest`]s between
//!    them, each with a [`Share`] (exact, a range with inclusive or
//!    exclusive bounds, or unknown). Cycles and shares adding up to more
//!    than 100% are [`Problem`]s, reported, never an error or a hang.
//! 3. **The rules** ([`RuleSet`]): data, not code. The built-in set is
//!    `crates/cordon-ownership/data/rules.toml` (compiled in), with each
//!    rule's citation, threshold (and whether it is inclusive), whether
//!    control counts, the lists (and programs) whose parties count, and the
//!    windows it is in force; [`RuleSet::from_path`] reads a user's copy.
//! 4. **The assessment** ([`assess()`]): for each party and rule, a
//!    [`Finding`] with a [`Verdict`], the share bounds and the paths.
//!
//! # Guarantees
//!
//! * **Captured** means: the shares held by the rule's listed parties and
//!   by parties already captured under the same rule certainly meet the
//!   threshold (or, under a control test, a captured party controls it).
//!   Only `Captured` is a match.
//! * **Recursion, not multiplication**: an intermediary that is captured
//!   counts with its whole share (60% → 100% → 100% captures all three).
//! * **Unknowns stay unknown**: an unknown share is never read as zero; it
//!   makes the maximum "not determined" and the verdict `Undetermined`.
//! * **Ranges count at their bounds**: the minimum for captured, the
//!   maximum for "may reach"; exclusive bounds are kept.
//! * **Termination**: the assessment is two monotone fixpoints over
//!   worklists; it ends on any graph, cycles and deep chains included,
//!   without recursion.
//!
//! The details of each decision (joint interests, indirect interests,
//! control, dates) are in [`assess`](mod@assess)'s module documentation.

pub mod assess;
pub mod date;
pub mod error;
pub mod formats;
pub mod graph;
pub mod limits;
pub mod problems;
pub mod rules;
pub mod share;

pub use assess::{
    assess, Assessment, Basis, Contribution, Finding, LinkMethod, Listed, ListedParty, Measure,
    Verdict,
};
pub use date::Date;
pub use error::{OwnershipError, Result};
pub use formats::{detect, has_ownership_extension, load_path, load_str, Format};
pub use graph::Problem;
pub use graph::{
    Graph, GraphStats, Interest, InterestKind, Party, PartyId, PartyIdentifier, PartyKind,
    SourceRef,
};
pub use rules::{ListSelector, Rule, RuleSet, Window};
pub use share::{Bound, Share};
