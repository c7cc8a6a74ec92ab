//! Helpers shared by the engine's integration tests. Each test binary uses
//! a subset.
#![allow(dead_code)]

use cordon_engine::{Entity, EntityKind, Provenance};

/// An entity of list `t` with id `t:ID`, a kind and a primary name.
pub fn entity(id: &str, kind: EntityKind, name: &str) -> Entity {
    Entity::new(
        "t",
        id,
        kind,
        name,
        Provenance {
            list: "t".into(),
            file: "f".into(),
            line: None,
        },
    )
}

/// An organisation of list `t`.
pub fn org(id: &str, name: &str) -> Entity {
    entity(id, EntityKind::Organization, name)
}
