//! `GET /entities/{id}`: one listed entity with everything the lists say
//! about it and where it came from.

use crate::error::ApiError;
use crate::routes::yente::{entity_response, EntityResponse};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use cordon_engine::Entity;
use serde::Serialize;
use utoipa::ToSchema;

/// Where an entity comes from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntitySource {
    /// List id, e.g. `ofac-sdn`.
    pub list: String,
    /// The list's publication date, when known.
    pub date: Option<String>,
    /// Version of the list (hash of its files).
    pub list_version: String,
    /// Snapshot version the entity was read from.
    pub snapshot: String,
}

/// Response of `GET /entities/{id}`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityDetail {
    /// The entity as cordon models it (names with types and scripts,
    /// dates, countries with roles, identifiers, programs, links,
    /// provenance).
    pub entity: Entity,
    /// The same entity in FollowTheMoney shape, as `/match` returns it.
    pub ftm: EntityResponse,
    pub source: EntitySource,
}

/// One entity by id (`LIST:SOURCE_ID`, e.g. `ofac-sdn:16418`).
#[utoipa::path(
    get,
    path = "/entities/{id}",
    tag = "lists",
    params(("id" = String, Path, description = "Entity id, LIST:SOURCE_ID")),
    responses(
        (status = 200, description = "The entity", body = EntityDetail),
        (status = 404, description = "No such entity in the snapshot", body = crate::error::ErrorBody),
    )
)]
pub async fn entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EntityDetail>, ApiError> {
    let snapshot = state.snapshot();
    let e = snapshot.index().get(&id).ok_or_else(|| {
        ApiError::NotFound(format!(
            "no entity {id:?} in snapshot {}",
            snapshot.version()
        ))
    })?;
    let list = snapshot.lists().iter().find(|l| l.list == e.list);
    Ok(Json(EntityDetail {
        entity: e.clone(),
        ftm: entity_response(e),
        source: EntitySource {
            list: e.list.clone(),
            date: list.and_then(|l| l.date()).map(str::to_string),
            list_version: list.map(|l| l.version.clone()).unwrap_or_default(),
            snapshot: snapshot.version().to_string(),
        },
    }))
}
