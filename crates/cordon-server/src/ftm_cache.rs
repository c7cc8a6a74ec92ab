//! The FollowTheMoney properties of listed entities, encoded once.
//!
//! Every `/match` result and `GET /entities/{id}` carries its entity's FtM
//! properties ([`cordon_lists::ftm::properties`]): tens of names, addresses
//! and identifiers for a sanctioned party. Building that map and encoding it
//! as JSON cost more than a third of a one-query `/match` request beyond
//! screening; an entity's properties are the same for every request on one
//! snapshot, so they are encoded once, here, and copied into each response.
//!
//! The cache belongs to a snapshot version: a reload that changes the
//! version empties it. It holds at most [`MAX_ENTRIES`] entities (the
//! entities results show, not the whole corpus); when full it is emptied
//! and fills again with what is asked for.

use cordon_engine::Entity;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::sync::Mutex;

/// Entities kept at most: a few tens of MB of JSON.
pub const MAX_ENTRIES: usize = 50_000;

#[derive(Default)]
pub struct FtmCache {
    inner: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    version: String,
    by_id: HashMap<String, Box<RawValue>>,
}

impl FtmCache {
    /// `e`'s FtM properties as a JSON object, from snapshot `version`.
    pub fn properties(&self, version: &str, e: &Entity) -> Box<RawValue> {
        if let Ok(entries) = self.inner.lock() {
            if entries.version == version {
                if let Some(raw) = entries.by_id.get(&e.id) {
                    return raw.clone();
                }
            }
        }
        let raw = encode(e);
        // A poisoned lock only costs the caching.
        if let Ok(mut entries) = self.inner.lock() {
            if entries.version != version || entries.by_id.len() >= MAX_ENTRIES {
                entries.by_id.clear();
                entries.version = version.to_string();
            }
            entries.by_id.insert(e.id.clone(), raw.clone());
        }
        raw
    }

    /// Entities held.
    pub fn len(&self) -> usize {
        self.inner.lock().map(|e| e.by_id.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Encodes `e`'s FtM properties. A map of strings always encodes; were it
/// ever not to, the entity is shown without properties rather than not at
/// all.
fn encode(e: &Entity) -> Box<RawValue> {
    let props = cordon_lists::ftm::properties(e);
    serde_json::value::to_raw_value(&props).unwrap_or_else(|err| {
        tracing::error!(entity = %e.id, error = %err, "FtM properties do not encode");
        empty_object()
    })
}

fn empty_object() -> Box<RawValue> {
    // "{}" is valid JSON: `from_string` cannot refuse it, but no panic is
    // left on the path either way.
    RawValue::from_string("{}".to_string()).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{EntityKind, Provenance};

    fn entity(id: &str, name: &str) -> Entity {
        let provenance = Provenance {
            list: "ofac-sdn".to_string(),
            file: "sdn.csv".to_string(),
            line: None,
        };
        let (list, source) = id.split_once(':').unwrap_or(("ofac-sdn", id));
        Entity::new(list, source, EntityKind::Organization, name, provenance)
    }

    #[test]
    fn properties_are_those_of_the_ftm_mapping_and_belong_to_a_version() {
        let cache = FtmCache::default();
        let a = entity("ofac-sdn:1", "Alpha Trading LLC");
        let want = serde_json::to_value(cordon_lists::ftm::properties(&a)).unwrap();
        let got: serde_json::Value =
            serde_json::from_str(cache.properties("v1", &a).get()).unwrap();
        assert_eq!(got, want);
        assert_eq!(cache.len(), 1);
        // The same id in another snapshot may be another record.
        let renamed = entity("ofac-sdn:1", "Beta Trading LLC");
        let got: serde_json::Value =
            serde_json::from_str(cache.properties("v2", &renamed).get()).unwrap();
        assert_eq!(
            got,
            serde_json::to_value(cordon_lists::ftm::properties(&renamed)).unwrap()
        );
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_full_cache_starts_again() {
        let cache = FtmCache::default();
        for i in 0..=MAX_ENTRIES {
            cache.properties("v1", &entity(&format!("x:{i}"), "Gamma"));
        }
        assert_eq!(cache.len(), 1);
    }
}
