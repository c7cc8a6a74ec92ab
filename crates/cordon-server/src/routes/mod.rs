//! One module per resource.

pub mod datasets;
pub mod entities;
pub mod native;
pub mod ops;
pub mod shipments;
pub mod web;
pub mod yente;
pub mod yente_data;
