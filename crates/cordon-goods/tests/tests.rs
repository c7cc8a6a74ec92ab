//! Integration tests of cordon-goods, one binary (see the modules).

mod codes;
mod controls;
mod search;
mod shipment;
