//! UK lists.
pub mod fcdo;
pub mod ofsi;
