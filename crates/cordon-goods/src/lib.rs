//! `cordon-goods`: export-control screening of goods and whole shipments.
//!
//! * [`HsCode`] reads an HS code in any national form (`8542.31`,
//!   `854231`, `8542.31.0000`, `85423190`, partial `8542` or `85`) down to
//!   its international part; [`Nomenclature::validate`] checks it against HS
//!   2022 and an invalid code is an [`Error::InvalidCode`] that says why.
//! * [`ControlList`]: a control list keyed by HS code, such as the Common
//!   High Priority List (CHPL) with its tiers. Each list version is one CSV
//!   file under `data/goods/controls/`, carrying its own id, name, version
//!   and source; `build.rs` embeds every file it finds there, so a new list
//!   or version is a data change. The newest version of each list is used.
//! * [`RouteRules`]: embargoed countries and countries that official
//!   advisories name as transshipment points to Russia
//!   (`data/goods/route_rules.csv`, each rule with its citation).
//! * [`GoodsCatalog`] holds all three ([`GoodsCatalog::embedded`], or
//!   [`GoodsCatalog::from_dir`] for data given at run time) and answers
//!   [`GoodsCatalog::lookup_code`] (code → description and [`ControlHit`]s,
//!   each saying why it applies) and [`GoodsCatalog::search`] (free text →
//!   headings and subheadings by token scoring, each saying which words
//!   matched where).
//! * [`screen_shipment`] screens a whole [`Shipment`] (parties with roles,
//!   items, route), read from JSON or YAML by the caller, into a
//!   [`ShipmentReport`]: party matches from the `cordon-engine` index,
//!   goods hits with tiers, route findings with citations, and a
//!   [`Verdict`] (`clear` or `flagged`) with every reason. The CLI (`cordon
//!   shipment`) and the server (`POST /shipments/screen`) both call it.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use cordon_goods::{screen_shipment, GoodsCatalog, Shipment};
//! let goods = GoodsCatalog::embedded()?;
//! let index = cordon_engine::Index::build(Vec::new());
//! let shipment: Shipment = serde_json::from_str(r#"{"items": [{"hs_code": "8542.31"}]}"#)?;
//! let report = screen_shipment(&index, &shipment, &goods, &Default::default())?;
//! println!("{}", serde_json::to_string_pretty(&report)?);
//! # Ok(()) }
//! ```
//!
//! The library does no I/O besides [`GoodsCatalog::from_dir`] and returns
//! typed errors; it never panics on input data.

mod catalog;
mod controls;
mod error;
mod hs;
mod nomenclature;
mod route;
mod search;
pub mod shipment;
mod table;

pub use catalog::{CodeLookup, ControlHit, GoodsAnswer, GoodsCatalog, SearchHit};
pub use controls::{newest_versions, ControlEntry, ControlList};
pub use error::{Error, Result};
pub use hs::{dotted, HsCode, Level};
pub use nomenclature::{HsEntry, Nomenclature};
pub use route::{RouteRule, RouteRules, RuleKind};
pub use search::{tokens, MAX_QUERY_WORDS};
pub use shipment::{
    hit_text, screen_shipment, CountryRef, Finding, FindingKind, ItemReport, ListUsed, PartyReport,
    Role, Route, RouteReport, Shipment, ShipmentItem, ShipmentParty, ShipmentReport, Verdict,
};
