//! One module per resource.

pub mod entities;
pub mod native;
pub mod ops;
pub mod shipments;
pub mod web;
pub mod yente;
