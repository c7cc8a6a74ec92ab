//! A customer of the register: what is screened about it, its version, and
//! how it turns into screening queries (forward) and index entries
//! (reverse).

use crate::input::PartyInput;
use cordon_engine::{
    Entity, EntityKind, Gender, Identifier, IdentifierType, Name, NameType, PartialDate,
    Provenance, Query,
};
use serde::{Deserialize, Serialize};

/// The screened fields of a customer. Any change to one of them (names,
/// kind, date of birth, countries, identifiers, gender) makes a new
/// version of the customer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRecord {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EntityKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

impl From<PartyInput> for CustomerRecord {
    fn from(p: PartyInput) -> Self {
        CustomerRecord {
            name: p.name,
            aliases: p.aliases,
            kind: p.kind,
            dob: p.dob,
            countries: p.countries,
            identifiers: p.identifiers,
            gender: p.gender,
        }
    }
}

/// A customer as stored: id, version and the screened fields.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: String,
    pub version: i64,
    #[serde(flatten)]
    pub record: CustomerRecord,
}

impl CustomerRecord {
    /// The screened fields that differ between two versions, by name:
    /// `names`, `kind`, `dob`, `country`, `identifiers`, `gender`.
    pub fn changes(&self, new: &CustomerRecord) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.name != new.name || self.aliases != new.aliases {
            out.push("names");
        }
        if self.kind != new.kind {
            out.push("kind");
        }
        if self.dob != new.dob {
            out.push("dob");
        }
        if self.countries != new.countries {
            out.push("country");
        }
        if self.identifiers != new.identifiers {
            out.push("identifiers");
        }
        if self.gender != new.gender {
            out.push("gender");
        }
        out
    }

    /// One query per name (the main name, then each alias), with the
    /// customer's evidence.
    pub fn queries(&self) -> Vec<Query> {
        std::iter::once(&self.name)
            .chain(&self.aliases)
            .map(|n| Query {
                name: n.clone(),
                kind: self.kind,
                dob: self.dob,
                countries: self.countries.clone(),
                identifiers: self.identifiers.clone(),
                gender: self.gender,
            })
            .collect()
    }

    /// The customer as entries of the reverse index (names, kind and
    /// identifiers: what candidate generation uses). A customer without a
    /// kind is entered as a person and as an organisation, so that list
    /// entries of either kind reach it.
    pub fn index_entries(&self, id: &str) -> Vec<Entity> {
        let kinds: &[EntityKind] = match self.kind {
            Some(k) => &[k][..],
            None => &[EntityKind::Person, EntityKind::Organization],
        };
        kinds
            .iter()
            .map(|&kind| {
                let mut e = Entity::new(
                    "customer",
                    id,
                    kind,
                    &self.name,
                    Provenance {
                        list: "customer".into(),
                        file: String::new(),
                        line: None,
                    },
                );
                e.id = id.to_string();
                e.names.extend(
                    self.aliases
                        .iter()
                        .map(|a| Name::new(a.clone(), NameType::Aka)),
                );
                e.identifiers = self
                    .identifiers
                    .iter()
                    .map(|v| Identifier {
                        id_type: IdentifierType::Other,
                        label: String::new(),
                        value: v.clone(),
                        country: None,
                        note: None,
                    })
                    .collect();
                e
            })
            .collect()
    }
}

/// "customer changed: dob, country".
pub fn change_reason(fields: &[&str]) -> String {
    format!("customer changed: {}", fields.join(", "))
}
