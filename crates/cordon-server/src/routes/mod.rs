//! One module per resource.

pub mod alerts;
pub mod customers;
pub mod datasets;
pub mod entities;
pub mod ftm_entity;
pub mod monitor;
pub mod native;
pub mod ops;
pub mod shipments;
pub mod web;
pub mod yente;
pub mod yente_data;
