//! `GET /entities/{id}`: one listed entity with everything the lists say
//! about it and where it came from.
//!
//! The body is cordon's entity model under `entity` with its `source`,
//! and beside it (flattened, as yente's `GET /entities/{id}` answers) the
//! entity in FollowTheMoney shape (`id`, `caption`, `schema`,
//! `properties`, `datasets`, `referents`, ...; [`super::ftm_entity`], by
//! the one FtM mapping `cordon_lists::ftm`), so a yente client reads it
//! unchanged. Nothing here goes through the yente matching adapter. The id may be cordon's (`ofac-sdn:16418`) or an
//! OpenSanctions id (`ofac-16418`, or the original id of an entity loaded
//! from an OpenSanctions file): as yente does for an id merged into
//! another, an OpenSanctions id answers `308` to the entity's cordon id.

use crate::error::ApiError;
use crate::routes::datasets;
use crate::routes::ftm_entity::{entity_response, EntityResponse};
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
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

/// Response of `GET /entities/{id}`: yente's `EntityResponse` with
/// cordon's view of the entity beside it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityDetail {
    /// The entity in FollowTheMoney shape, as `/match` returns it.
    #[serde(flatten)]
    pub ftm: EntityResponse,
    /// The entity as cordon models it (names with types and scripts,
    /// dates, countries with roles, identifiers, programs, links,
    /// provenance).
    pub entity: Entity,
    pub source: EntitySource,
}

/// One entity by id: cordon's `LIST:SOURCE_ID` (e.g. `ofac-sdn:16418`)
/// or an OpenSanctions id, which redirects to it.
#[utoipa::path(
    get,
    path = "/entities/{id}",
    tag = "lists",
    params(
        ("id" = String, Path, description = "Entity id: LIST:SOURCE_ID, or an OpenSanctions id (ofac-16418, NK-...) which redirects"),
        ("nested" = Option<bool>, Query, description = "yente's switch for nested entities; accepted, cordon's properties are always plain values"),
    ),
    responses(
        (status = 200, description = "The entity", body = EntityDetail),
        (status = 308, description = "The id is an OpenSanctions id of the entity at `Location`"),
        (status = 404, description = "No such entity in the snapshot", body = crate::error::ErrorBody),
    )
)]
pub async fn entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let snapshot = state.snapshot();
    let e = datasets::resolve(&id, &snapshot).ok_or_else(|| {
        ApiError::NotFound(format!(
            "no entity {id:?} in snapshot {}",
            snapshot.version()
        ))
    })?;
    if e.id != id {
        let to = format!("/entities/{}", encode_segment(&e.id));
        return Ok(Redirect::permanent(&to).into_response());
    }
    let list = snapshot.lists().iter().find(|l| l.list == e.list);
    Ok(Json(EntityDetail {
        entity: e.clone(),
        ftm: entity_response(e, state.ftm_properties(&snapshot, e)),
        source: EntitySource {
            list: e.list.clone(),
            date: list.and_then(|l| l.date()).map(str::to_string),
            list_version: list.map(|l| l.version.clone()).unwrap_or_default(),
            snapshot: snapshot.version().to_string(),
        },
    })
    .into_response())
}

/// Percent-encodes an id for a URL path segment (RFC 3986 `pchar`s stay).
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_encoded_for_a_path() {
        assert_eq!(super::encode_segment("ofac-sdn:16418"), "ofac-sdn:16418");
        assert_eq!(super::encode_segment("a b/ü?"), "a%20b%2F%C3%BC%3F");
    }
}
