//! The screening fingerprint of a list entity: what screening reads of it
//! (kind, names, dates of birth, countries, identifiers, programs, and the
//! ownership findings of an entity derived from the ownership data), kept
//! per entity in the store so that the next run can tell which entities
//! changed without the previous list files, and say what changed when a
//! remembered decision is re-opened.

use cordon_engine::{Entity, IdentifierType, Provenance};
use sha2::{Digest, Sha256};

/// The entity reduced to its screened fields (provenance, addresses,
/// remarks, links and other particulars dropped), as an [`Entity`] so that
/// [`cordon_store::diff`] compares two prints field by field.
pub fn reduce(e: &Entity) -> Entity {
    let mut r = Entity::new(
        &e.list,
        &e.source_id,
        e.kind,
        "",
        Provenance {
            list: e.list.clone(),
            file: String::new(),
            line: None,
        },
    );
    r.id = e.id.clone();
    r.names = e.names.clone();
    r.dates_of_birth = e.dates_of_birth.clone();
    r.countries = e.countries.clone();
    r.identifiers = e.identifiers.clone();
    r.programs = e.programs.clone();
    // A derived entity's findings decide whether it matches: a party that
    // an owner's new listing captures changes here, not in its names.
    // The date assessed is left out: it moves every day without the
    // finding changing.
    r.ownership = e.ownership.as_ref().map(|o| {
        let mut o = o.clone();
        o.as_of.clear();
        o
    });
    r
}

/// A reduced entity with its stored form and the hash of that form.
#[derive(Debug, Clone)]
pub struct Print {
    pub entity: Entity,
    /// The reduced entity as JSON (what the store keeps).
    pub data: String,
    /// First 16 bytes of the SHA-256 of `data`, in hex.
    pub fp: String,
}

impl Print {
    pub fn of(e: &Entity) -> Print {
        let entity = reduce(e);
        // Serialising our own structure cannot fail short of a bug; an
        // empty string then still gives a (distinct) fingerprint.
        let data = serde_json::to_string(&entity).unwrap_or_default();
        let fp = match hashed_form(&entity) {
            Some(form) => hex(&Sha256::digest(form.as_bytes())[..16]),
            None => hex(&Sha256::digest(data.as_bytes())[..16]),
        };
        Print { entity, data, fp }
    }
}

/// What the fingerprint hashes when it is not the stored form: an entity
/// with an identifier of a type the loaders made specific after stores
/// were first written (INN, OGRN, IMO company number; see
/// `cordon_engine::identifiers::specific_type`) is hashed with those types
/// written as the types they refine (tax ID, registration, IMO). Screening
/// read them the same way before, so a store written before the types
/// existed must not see every Russian entity as changed and re-open its
/// closed alerts. `None` when the entity has no such identifier.
fn hashed_form(entity: &Entity) -> Option<String> {
    let general = |t: IdentifierType| match t {
        IdentifierType::Inn => Some(IdentifierType::TaxId),
        IdentifierType::Ogrn => Some(IdentifierType::Registration),
        IdentifierType::ImoCompany => Some(IdentifierType::Imo),
        _ => None,
    };
    if !entity
        .identifiers
        .iter()
        .any(|i| general(i.id_type).is_some())
    {
        return None;
    }
    let mut e = entity.clone();
    for i in &mut e.identifiers {
        if let Some(t) = general(i.id_type) {
            i.id_type = t;
        }
    }
    Some(serde_json::to_string(&e).unwrap_or_default())
}

pub(crate) fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// What changed in a list entry between two prints, as a reason:
/// "list entry changed: new alias 'X'; programs".
pub fn change_reason(old: &Entity, new: &Entity) -> String {
    let mut parts: Vec<String> = Vec::new();
    let old_names: Vec<&str> = old.names.iter().map(|n| n.name.as_str()).collect();
    let new_names: Vec<&str> = new.names.iter().map(|n| n.name.as_str()).collect();
    let added: Vec<&&str> = new_names
        .iter()
        .filter(|n| !old_names.contains(n))
        .collect();
    let removed: Vec<&&str> = old_names
        .iter()
        .filter(|n| !new_names.contains(n))
        .collect();
    let shown = |v: &[&&str]| {
        let mut s = v
            .iter()
            .take(3)
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", ");
        if v.len() > 3 {
            s.push_str(&format!(" and {} more", v.len() - 3));
        }
        s
    };
    if !added.is_empty() {
        let what = if added.len() == 1 {
            "new alias"
        } else {
            "new aliases"
        };
        parts.push(format!("{what} {}", shown(&added)));
    }
    if !removed.is_empty() {
        parts.push(format!("name removed {}", shown(&removed)));
    }
    if added.is_empty() && removed.is_empty() && old.names != new.names {
        parts.push("names".into());
    }
    let diff = cordon_store::diff(std::slice::from_ref(old), std::slice::from_ref(new));
    for c in diff.changed {
        for f in c.fields {
            let f = match f.as_str() {
                "names" => continue,
                "dates_of_birth" => "date of birth".to_string(),
                other => other.to_string(),
            };
            parts.push(f);
        }
    }
    if parts.is_empty() {
        parts.push("screened fields".into());
    }
    format!("list entry changed: {}", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{EntityKind, Name, NameType};

    fn ent(names: &[&str], programs: &[&str]) -> Entity {
        let mut e = Entity::new(
            "ofac-sdn",
            "1",
            EntityKind::Person,
            names[0],
            Provenance {
                list: "ofac-sdn".into(),
                file: "sdn.csv".into(),
                line: Some(3),
            },
        );
        e.names
            .extend(names[1..].iter().map(|n| Name::new(*n, NameType::Aka)));
        e.programs = programs.iter().map(|p| p.to_string()).collect();
        e.remarks = vec!["free text".into()];
        e
    }

    #[test]
    fn print_ignores_provenance_and_remarks() {
        let a = ent(&["A B"], &["SDGT"]);
        let mut b = a.clone();
        b.provenance.line = Some(99);
        b.remarks.clear();
        assert_eq!(Print::of(&a).fp, Print::of(&b).fp);
        let c = ent(&["A B"], &["SDGT", "IRAN"]);
        assert_ne!(Print::of(&a).fp, Print::of(&c).fp);
    }

    #[test]
    fn reason_names_the_new_alias_and_fields() {
        let a = reduce(&ent(&["A B"], &["SDGT"]));
        let b = reduce(&ent(&["A B", "C D"], &["SDGT", "IRAN"]));
        assert_eq!(
            change_reason(&a, &b),
            "list entry changed: new alias 'C D'; programs"
        );
    }

    /// The fingerprint of an entity whose tax number the loaders now type
    /// as an INN is the one a store computed when it was a tax ID, so an
    /// upgrade re-opens no remembered decision; the stored form keeps the
    /// type.
    #[test]
    fn specific_identifier_types_keep_the_fingerprint() {
        use cordon_engine::Identifier;
        let with = |t: IdentifierType| {
            let mut e = ent(&["SBERBANK"], &["RUSSIA-EO14024"]);
            e.identifiers.push(Identifier {
                id_type: t,
                label: "Tax ID No.".into(),
                value: "7707083893".into(),
                country: Some("Russia".into()),
                note: None,
            });
            Print::of(&e)
        };
        let (old, new) = (with(IdentifierType::TaxId), with(IdentifierType::Inn));
        assert_eq!(old.fp, new.fp);
        assert!(new.data.contains(r#""type":"inn""#), "{}", new.data);
        assert_ne!(with(IdentifierType::Passport).fp, old.fp);
    }
}
