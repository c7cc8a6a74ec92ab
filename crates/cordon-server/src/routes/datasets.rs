//! yente's dataset names and entity ids, mapped to cordon's lists.
//!
//! A yente client names datasets the OpenSanctions way (`us_ofac_sdn`,
//! `un_sc_sanctions`, collections `default` and `sanctions`) and keeps
//! OpenSanctions entity ids (`ofac-16418`, `NK-…`). This module is the one
//! place that translates both:
//!
//! | cordon list | yente dataset |
//! |---|---|
//! | `ofac-sdn` | `us_ofac_sdn` |
//! | `ofac-cons` | `us_ofac_cons` |
//! | `un-sc` | `un_sc_sanctions` |
//! | `eu-fsf` | `eu_fsf` |
//! | `uk-ofsi` | `gb_hmt_sanctions` |
//! | `uk-fcdo` | `gb_fcdo_sanctions` |
//! | `us-csl` | `us_trade_csl` |
//! | `bis-dpl` | `us_bis_denied` |
//! | `ownership` (parties derived from the ownership data) | `ownership` |
//! | any other (e.g. an OpenSanctions file) | the list id with every run of characters other than `a-z0-9` made `_` (`opensanctions`) |
//!
//! `default`, `sanctions` (and cordon's `all`) are every loaded list:
//! every cordon list is a sanctions or export-control list. A cordon list
//! id (`ofac-sdn`) is accepted wherever a yente name is.
//!
//! **Ids.** cordon's entity id stays `LIST:SOURCE_ID` (unique across
//! lists, so a decision traces to one list). The OpenSanctions ids of the
//! same record are its `referents`: an entity loaded from an OpenSanctions
//! file keeps its original id (`NK-…`, `Q…`) as its source id and referent;
//! an OFAC SDN or consolidated (non-SDN) record has OpenSanctions' id for
//! it, `ofac-ENT_NUM` (OpenSanctions' `us_ofac_sdn` and `us_ofac_cons`
//! crawlers mint ids with the prefix `ofac` from OFAC's own numbers). Other
//! lists have no referent: OpenSanctions derives their ids in ways cordon
//! does not reproduce. Every route that takes an id accepts a referent too.

use crate::error::ApiError;
use cordon_engine::{Entity, Index};
use cordon_store::Snapshot;
use std::borrow::Cow;

/// Collections that cover every loaded list.
pub const COLLECTIONS: &[(&str, &str)] = &[
    ("default", "Every list loaded in cordon"),
    (
        "sanctions",
        "Every sanctions and export-control list loaded in cordon",
    ),
];

/// Known lists: cordon list id, yente dataset name, title.
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "ofac-sdn",
        "us_ofac_sdn",
        "US OFAC Specially Designated Nationals (SDN) List",
    ),
    (
        "ofac-cons",
        "us_ofac_cons",
        "US OFAC Consolidated (non-SDN) List",
    ),
    (
        "un-sc",
        "un_sc_sanctions",
        "UN Security Council Consolidated Sanctions List",
    ),
    ("eu-fsf", "eu_fsf", "EU Financial Sanctions Files (FSF)"),
    (
        "uk-ofsi",
        "gb_hmt_sanctions",
        "UK HM Treasury (OFSI) Consolidated List",
    ),
    ("uk-fcdo", "gb_fcdo_sanctions", "UK FCDO Sanctions List"),
    (
        "us-csl",
        "us_trade_csl",
        "US Trade Consolidated Screening List (CSL)",
    ),
    ("bis-dpl", "us_bis_denied", "US BIS Denied Persons List"),
    (
        "ownership",
        "ownership",
        "Parties owned by listed parties (derived from the ownership data by the OFAC 50%, BIS Affiliates, EU and UK ownership and control rules)",
    ),
];

/// The yente dataset name of a cordon list.
pub fn yente_name(list: &str) -> Cow<'static, str> {
    if let Some((_, name, _)) = KNOWN.iter().find(|(l, _, _)| *l == list) {
        return Cow::Borrowed(name);
    }
    let mut slug = String::with_capacity(list.len());
    for c in list.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('_') {
            slug.push('_');
        }
    }
    Cow::Owned(slug.trim_matches('_').to_string())
}

/// A title for a cordon list in `/catalog`.
pub fn title(list: &str) -> String {
    match KNOWN.iter().find(|(l, _, _)| *l == list) {
        Some((_, _, t)) => t.to_string(),
        None if is_opensanctions(list) => format!("OpenSanctions entities ({list})"),
        None => list.to_string(),
    }
}

/// Whether entities of `list` were loaded from an OpenSanctions file (their
/// source ids are OpenSanctions ids).
pub fn is_opensanctions(list: &str) -> bool {
    list.starts_with("opensanctions")
}

/// The cordon lists a dataset name covers: `None` for a collection
/// (every list). A yente name of a list that is not loaded, or an
/// unknown name, is `unknown_dataset` (404), as in yente.
pub fn lists_of(dataset: &str, snapshot: &Snapshot) -> Result<Option<Vec<String>>, ApiError> {
    if dataset == "all" || COLLECTIONS.iter().any(|(c, _)| *c == dataset) {
        return Ok(None);
    }
    let lists: Vec<String> = snapshot
        .lists()
        .iter()
        .filter(|l| l.list == dataset || yente_name(&l.list) == dataset)
        .map(|l| l.list.clone())
        .collect();
    if !lists.is_empty() {
        return Ok(Some(lists));
    }
    Err(match KNOWN.iter().find(|(_, y, _)| *y == dataset) {
        Some((list, _, _)) => ApiError::NotFound(format!(
            "dataset {dataset:?} is cordon's list {list:?}, which this server has not loaded; see GET /catalog"
        )),
        None => ApiError::UnknownDataset(dataset.to_string()),
    })
}

/// The cordon lists of several dataset names (`include_dataset`,
/// `exclude_dataset`), each resolved with [`lists_of`]. An unknown name is
/// refused, naming the parameter: a typo must not empty the results.
pub fn lists_of_all(
    param: &str,
    datasets: &[String],
    snapshot: &Snapshot,
) -> Result<Option<Vec<String>>, ApiError> {
    if datasets.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for d in datasets {
        match lists_of(d, snapshot) {
            Ok(None) => return Ok(None),
            Ok(Some(l)) => out.extend(l),
            Err(_) => {
                return Err(ApiError::InvalidRequest(format!(
                    "{param}={d:?} is not a loaded dataset; see GET /catalog"
                )))
            }
        }
    }
    Ok(Some(out))
}

/// The OpenSanctions ids of an entity (yente's `referents`).
pub fn referents(e: &Entity) -> Vec<String> {
    if is_opensanctions(&e.list) {
        vec![e.source_id.clone()]
    } else if e.list == "ofac-sdn" || e.list == "ofac-cons" {
        vec![format!("ofac-{}", e.source_id)]
    } else {
        Vec::new()
    }
}

/// The entity an id names: a cordon id (`ofac-sdn:16418`), an OFAC
/// record's OpenSanctions id (`ofac-16418`, SDN before consolidated), or the original id of an
/// entity loaded from an OpenSanctions file (`NK-…`; the first loaded list
/// holding it, in load order).
pub fn resolve<'a>(id: &str, snapshot: &'a Snapshot) -> Option<&'a Entity> {
    let index: &Index = snapshot.index();
    if let Some(e) = index.get(id) {
        return Some(e);
    }
    if let Some(n) = id.strip_prefix("ofac-") {
        if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
            for list in ["ofac-sdn", "ofac-cons"] {
                if let Some(e) = index.get(&format!("{list}:{n}")) {
                    return Some(e);
                }
            }
        }
    }
    snapshot
        .lists()
        .iter()
        .filter(|l| is_opensanctions(&l.list))
        .find_map(|l| index.get(&format!("{}:{id}", l.list)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_ids_become_yente_names() {
        assert_eq!(yente_name("ofac-sdn"), "us_ofac_sdn");
        assert_eq!(yente_name("un-sc"), "un_sc_sanctions");
        assert_eq!(yente_name("uk-ofsi"), "gb_hmt_sanctions");
        assert_eq!(yente_name("opensanctions"), "opensanctions");
        assert_eq!(
            yente_name("opensanctions:t1.entities"),
            "opensanctions_t1_entities"
        );
        assert_eq!(yente_name("-Odd--List-"), "odd_list");
    }

    #[test]
    fn referents_are_opensanctions_ids() {
        let p = cordon_engine::Provenance {
            list: "ofac-sdn".into(),
            file: "sdn.csv".into(),
            line: None,
        };
        let e = Entity::new(
            "ofac-sdn",
            "16418",
            cordon_engine::EntityKind::Organization,
            "X",
            p.clone(),
        );
        assert_eq!(referents(&e), vec!["ofac-16418"]);
        let e = Entity::new(
            "opensanctions",
            "NK-abc",
            cordon_engine::EntityKind::Person,
            "X",
            p.clone(),
        );
        assert_eq!(referents(&e), vec!["NK-abc"]);
        let e = Entity::new("un-sc", "QDi.1", cordon_engine::EntityKind::Person, "X", p);
        assert!(referents(&e).is_empty());
    }
}
