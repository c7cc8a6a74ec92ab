//! # cordon-engine
//!
//! The matching core of cordon: the [`model`] of a listed party, name
//! [`normalize`]ation across scripts and spellings, an in-memory index, the
//! scorer and the explanation of every score. It does no file or network I/O
//! and has no async: list loaders, the CLI and the server depend on it, never
//! the reverse.

pub mod country;
pub mod model;
pub mod normalize;

pub use model::*;
