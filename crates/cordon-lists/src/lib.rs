//! # cordon-lists
//!
//! Loaders for the official lists, one module per published format, each
//! producing [`cordon_engine::Entity`] values with provenance.
