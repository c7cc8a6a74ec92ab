//! The one mapping between FollowTheMoney (the data model of OpenSanctions
//! and of yente's API) and cordon's entities: schemata, name, country and
//! identifier properties. The OpenSanctions loader reads entities with
//! it; the server reads yente queries and writes FtM entities with it.

use cordon_engine::{
    CountryRole, Entity, EntityKind, Gender, Identifier, IdentifierType, NameType,
};
use std::collections::BTreeMap;

/// A FollowTheMoney schema cordon screens, and the kind of its entities.
/// `LegalEntity` is loaded as an organisation; as a query schema it (and
/// `Thing`) means "any kind" ([`query_kind`]).
pub const SCHEMATA: &[(&str, EntityKind)] = &[
    ("Person", EntityKind::Person),
    ("Organization", EntityKind::Organization),
    ("Company", EntityKind::Organization),
    ("PublicBody", EntityKind::Organization),
    ("LegalEntity", EntityKind::Organization),
    ("Vessel", EntityKind::Vessel),
    ("Airplane", EntityKind::Aircraft),
];

/// Query schemata that ask for any kind.
const ANY_KIND: &[&str] = &["LegalEntity", "Thing"];

/// The kind of a loaded entity of this schema (`None`: not a screened
/// schema: addresses, relations, sanctions, ...).
pub fn entity_kind(schema: &str) -> Option<EntityKind> {
    SCHEMATA.iter().find(|(s, _)| *s == schema).map(|(_, k)| *k)
}

/// The kind a query of this schema asks for: `Ok(None)` for any kind,
/// `Err` naming the schemata cordon screens when it is none of them.
pub fn query_kind(schema: &str) -> Result<Option<EntityKind>, String> {
    if ANY_KIND.contains(&schema) {
        return Ok(None);
    }
    entity_kind(schema).map(Some).ok_or_else(|| {
        format!(
            "schema {schema:?} is not screened: use Person, Company, Organization, LegalEntity, Vessel or Airplane"
        )
    })
}

/// The schema cordon reports for a kind: the first of [`SCHEMATA`].
pub fn schema_of_kind(kind: EntityKind) -> &'static str {
    SCHEMATA
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("Thing", |(s, _)| s)
}

/// Name properties and the name type an entity's value has (`name` beyond
/// an entity's first is an alias).
pub const NAME_PROPERTIES: &[(&str, NameType)] = &[
    ("name", NameType::Primary),
    ("alias", NameType::Aka),
    ("previousName", NameType::Fka),
    ("weakAlias", NameType::WeakAka),
];

/// Name parts, joined in this order when a query has no whole name.
pub const NAME_PART_PROPERTIES: &[&str] = &[
    "firstName",
    "secondName",
    "middleName",
    "fatherName",
    "lastName",
];

/// The property a name of this type is written to.
pub fn name_property(t: NameType) -> &'static str {
    match t {
        NameType::Nka => "alias",
        t => NAME_PROPERTIES
            .iter()
            .find(|(_, nt)| *nt == t)
            .map_or("alias", |(p, _)| p),
    }
}

/// Country properties and the role they give; the first of a role is the
/// one written out. A query screens every one of them except
/// `birthCountry` (where a person was born says little about where they
/// live or which passport they hold).
pub const COUNTRY_PROPERTIES: &[(&str, CountryRole)] = &[
    ("nationality", CountryRole::Nationality),
    ("citizenship", CountryRole::Citizenship),
    ("jurisdiction", CountryRole::Registration),
    ("birthCountry", CountryRole::Birth),
    ("flag", CountryRole::Flag),
    ("country", CountryRole::Other),
    ("mainCountry", CountryRole::Other),
];

/// The country properties a query screens.
pub fn query_country_properties() -> impl Iterator<Item = &'static str> {
    COUNTRY_PROPERTIES
        .iter()
        .filter(|(_, r)| *r != CountryRole::Birth)
        .map(|(p, _)| *p)
}

/// The property a country of this role is written to.
pub fn country_property(role: CountryRole) -> &'static str {
    COUNTRY_PROPERTIES
        .iter()
        .find(|(_, r)| *r == role)
        .map_or("country", |(p, _)| p)
}

/// An identifier property.
#[derive(Debug, Clone)]
pub struct IdProperty {
    pub property: &'static str,
    pub id_type: IdentifierType,
    /// The label a loaded identifier carries (and by which it is written
    /// back to this property).
    pub label: &'static str,
    /// The `TYPE:` prefix of cordon's query syntax a query value gets
    /// (empty: an untyped identifier, compared with every type).
    pub query_prefix: &'static str,
}

const fn id(
    property: &'static str,
    id_type: IdentifierType,
    label: &'static str,
    query_prefix: &'static str,
) -> IdProperty {
    IdProperty {
        property,
        id_type,
        label,
        query_prefix,
    }
}

/// Identifier properties. The first property of a type is the one an
/// identifier of that type is written to unless its label names another.
pub const IDENTIFIER_PROPERTIES: &[IdProperty] = &[
    id("idNumber", IdentifierType::NationalId, "ID number", ""),
    id(
        "passportNumber",
        IdentifierType::Passport,
        "Passport",
        "passport:",
    ),
    id("taxNumber", IdentifierType::TaxId, "Tax number", "tax_id:"),
    id(
        "registrationNumber",
        IdentifierType::Registration,
        "Registration number",
        "registration:",
    ),
    id("imoNumber", IdentifierType::Imo, "IMO", "imo:"),
    id("mmsi", IdentifierType::Mmsi, "MMSI", "mmsi:"),
    id("swiftBic", IdentifierType::SwiftBic, "SWIFT/BIC", "bic:"),
    id("leiCode", IdentifierType::Lei, "LEI", "lei:"),
    id(
        "serialNumber",
        IdentifierType::AircraftId,
        "Serial number",
        "",
    ),
    id("innCode", IdentifierType::Inn, "INN", "inn:"),
    id("vatCode", IdentifierType::TaxId, "VAT", ""),
    id("ogrnCode", IdentifierType::Ogrn, "OGRN", "ogrn:"),
    id("okpoCode", IdentifierType::Registration, "OKPO", ""),
    id("website", IdentifierType::Website, "Website", ""),
    id("email", IdentifierType::Email, "Email", ""),
    id("phone", IdentifierType::Phone, "Phone", ""),
];

/// The identifier type a loaded value of this property has on an entity of
/// this kind (an aircraft's `registrationNumber` is its tail number).
pub fn loaded_type(p: &IdProperty, kind: EntityKind) -> IdentifierType {
    if kind == EntityKind::Aircraft && p.property == "registrationNumber" {
        IdentifierType::AircraftId
    } else {
        p.id_type
    }
}

/// The property an identifier is written to: the one its label names,
/// else the first of its type, else `idNumber`.
pub fn identifier_property(i: &Identifier) -> &'static str {
    IDENTIFIER_PROPERTIES
        .iter()
        .find(|p| p.id_type == i.id_type && p.label.eq_ignore_ascii_case(&i.label))
        .or_else(|| {
            IDENTIFIER_PROPERTIES
                .iter()
                .find(|p| p.id_type == i.id_type)
        })
        .map_or("idNumber", |p| p.property)
}

/// An entity's FollowTheMoney properties: the names, dates, countries and
/// identifiers by the tables above (the inverse of what the loader reads),
/// addresses, programs, gender, title and notes. Every listed entity is a
/// sanctions target (`topics: sanction`).
pub fn properties(e: &Entity) -> BTreeMap<&'static str, Vec<String>> {
    let mut p: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut push = |k: &'static str, v: String| {
        if !v.trim().is_empty() {
            let vals = p.entry(k).or_default();
            if !vals.contains(&v) {
                vals.push(v);
            }
        }
    };
    for n in &e.names {
        push(name_property(n.name_type), n.name.clone());
    }
    for d in &e.dates_of_birth {
        push("birthDate", d.to_string());
    }
    for pl in &e.places_of_birth {
        push("birthPlace", pl.clone());
    }
    for c in &e.countries {
        push(
            country_property(c.role),
            c.code.clone().unwrap_or_else(|| c.name.clone()),
        );
    }
    for id in &e.identifiers {
        push(identifier_property(id), id.value.clone());
    }
    for a in &e.addresses {
        let full: Vec<&str> = [&a.street, &a.city, &a.country]
            .iter()
            .filter_map(|s| s.as_deref())
            .collect();
        push("address", full.join(", "));
    }
    for prog in &e.programs {
        push("program", prog.clone());
    }
    if let Some(g) = e.gender {
        push(
            "gender",
            match g {
                Gender::Male => "male".into(),
                Gender::Female => "female".into(),
            },
        );
    }
    if let Some(t) = &e.title {
        push("title", t.clone());
    }
    for r in &e.remarks {
        push("notes", r.clone());
    }
    match &e.ownership {
        // A party derived from the ownership data: linked to sanctioned
        // parties (OpenSanctions' topic), with the finding as a note.
        Some(o) => {
            push("topics", "sanction.linked".into());
            push("notes", o.summary.clone());
        }
        None => push("topics", "sanction".into()),
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the loader reads from FtM properties, [`properties`] writes
    /// back to the same properties: one mapping, both ways.
    #[test]
    fn loaded_properties_are_written_back() {
        let line = br#"{"id": "c1", "schema": "Company", "properties": {"name": ["Severnaya LLC"], "alias": ["Severnaya"], "innCode": ["7707083893"], "ogrnCode": ["1027700132195"], "imoNumber": ["9161003"], "jurisdiction": ["ru"]}, "datasets": ["t"]}
"#;
        let list = crate::opensanctions::parse_bytes("t.ftm.json", line).unwrap();
        let p = properties(&list.entities[0]);
        for (k, v) in [
            ("name", "Severnaya LLC"),
            ("alias", "Severnaya"),
            ("innCode", "7707083893"),
            ("ogrnCode", "1027700132195"),
            ("imoNumber", "9161003"),
        ] {
            assert_eq!(
                p.get(k).map(Vec::as_slice),
                Some(&[v.to_string()][..]),
                "{k}: {p:?}"
            );
        }
        assert!(p.contains_key("jurisdiction"), "{p:?}");
        assert_eq!(p["topics"], ["sanction"]);
    }

    #[test]
    fn schemata_round_trip() {
        for (schema, kind) in SCHEMATA {
            assert_eq!(entity_kind(schema), Some(*kind));
            assert_eq!(entity_kind(schema_of_kind(*kind)), Some(*kind));
        }
        assert_eq!(query_kind("LegalEntity"), Ok(None));
        assert_eq!(query_kind("Company"), Ok(Some(EntityKind::Organization)));
        assert!(query_kind("Ownership").unwrap_err().contains("Ownership"));
        assert_eq!(entity_kind("Address"), None);
    }

    #[test]
    fn a_loaded_identifier_is_written_back_to_its_property() {
        for p in IDENTIFIER_PROPERTIES {
            let i = Identifier {
                id_type: p.id_type,
                label: p.label.to_string(),
                value: "1".into(),
                country: None,
                note: None,
            };
            assert_eq!(identifier_property(&i), p.property);
        }
    }

    #[test]
    fn names_and_countries_are_written_back_to_their_property() {
        for (p, t) in NAME_PROPERTIES {
            assert_eq!(name_property(*t), *p);
        }
        assert_eq!(name_property(NameType::Nka), "alias");
        for (p, r) in COUNTRY_PROPERTIES {
            if *p != "mainCountry" {
                assert_eq!(country_property(*r), *p);
            }
        }
        assert!(!query_country_properties().any(|p| p == "birthCountry"));
    }
}
