//! A listed entity in FollowTheMoney shape (yente's `EntityResponse`):
//! its properties by the one FtM mapping ([`cordon_lists::ftm::properties`]),
//! its dataset and referents by [`super::datasets`]. The yente routes return
//! it; `GET /entities/{id}` puts it beside the native entity, so that a
//! yente client reads that route unchanged, without going through the
//! yente matching adapter.

use crate::routes::datasets;
use cordon_engine::Entity;
use cordon_lists::ftm;
use serde::Serialize;
use serde_json::value::RawValue;
use utoipa::ToSchema;

/// A listed entity in FollowTheMoney shape (yente's `EntityResponse`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityResponse {
    /// cordon's entity id, `LIST:SOURCE_ID` (e.g. `ofac-sdn:16418`).
    pub id: String,
    pub caption: String,
    pub schema: &'static str,
    /// Property name → values, by the FtM mapping.
    #[schema(value_type = Object)]
    pub properties: Box<RawValue>,
    /// The yente dataset name of the list the entity comes from (e.g.
    /// `us_ofac_sdn`; see `GET /catalog`).
    pub datasets: Vec<String>,
    /// OpenSanctions ids of the same record (`ofac-16418`, or the original
    /// id of an entity loaded from an OpenSanctions file); accepted by
    /// `GET /entities/{id}` and `exclude_entity_ids`.
    pub referents: Vec<String>,
    /// True for every listed entity; for a party derived from the
    /// ownership data (dataset `ownership`), true only when a rule in
    /// force captures it.
    pub target: bool,
    /// Always null: cordon does not track when a record was first seen.
    pub first_seen: Option<String>,
    /// Always null.
    pub last_seen: Option<String>,
    /// Always null.
    pub last_change: Option<String>,
}

/// An entity in yente's shape, with its `properties` already encoded
/// ([`crate::state::AppState::ftm_properties`]).
pub fn entity_response(e: &Entity, properties: Box<RawValue>) -> EntityResponse {
    EntityResponse {
        id: e.id.clone(),
        caption: e.names.first().map(|n| n.name.clone()).unwrap_or_default(),
        schema: ftm::schema_of_kind(e.kind),
        properties,
        datasets: vec![datasets::yente_name(&e.list).into_owned()],
        referents: datasets::referents(e),
        // A derived party is a target only when a rule in force captures it.
        target: e.ownership.as_ref().is_none_or(|o| o.makes_match()),
        first_seen: None,
        last_seen: None,
        last_change: None,
    }
}
