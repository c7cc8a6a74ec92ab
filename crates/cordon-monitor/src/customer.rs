//! A customer of the register: what is screened about it, its version, and
//! how it turns into screening queries (forward) and search keys
//! (reverse).

use crate::input::PartyInput;
use cordon_engine::{keys, EntityKind, Gender, PartialDate, Query};
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

    /// The words the customer's screening queries generate candidates
    /// from, and their adjacent pairs written together (see
    /// [`cordon_engine::keys`]): what the register keeps so that a run can
    /// find the customers a changed list entity may match without reading
    /// the register.
    pub fn search_words(&self) -> keys::Words {
        keys::query_words(
            std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str)),
            self.kind,
        )
    }

    /// The search keys a store keeps for this customer: `w:KIND:WORD` for
    /// each of [`Self::search_words`]' words, `j:KIND:PAIR` for each
    /// joined pair and `i:KIND:KEY` for each identifier lookup key
    /// ([`cordon_engine::identifiers::lookup_keys`]), KIND the customer's
    /// kind or `any` (screening a customer of a kind reaches only list
    /// entities of that kind). Sorted, distinct.
    pub fn search_keys(&self, words: &keys::Words) -> Vec<String> {
        let kind = kind_tag(self.kind);
        let mut out: Vec<String> = words
            .words
            .iter()
            .map(|w| search_key('w', kind, w))
            .chain(words.joined.iter().map(|j| search_key('j', kind, j)))
            .chain(
                self.identifiers
                    .iter()
                    .take(cordon_engine::limits::MAX_IDENTIFIERS)
                    .flat_map(|i| cordon_engine::identifiers::lookup_keys(i))
                    .map(|k| search_key('i', kind, &k)),
            )
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// How a search key names a customer's kind: the kind, or `any`.
pub fn kind_tag(kind: Option<EntityKind>) -> &'static str {
    kind.map_or("any", EntityKind::as_str)
}

/// A search key (see [`CustomerRecord::search_keys`]): `w` a word, `j` a
/// joined pair, `i` an identifier key.
pub fn search_key(what: char, kind: &str, text: &str) -> String {
    format!("{what}:{kind}:{text}")
}

/// "customer changed: dob, country".
pub fn change_reason(fields: &[&str]) -> String {
    format!("customer changed: {}", fields.join(", "))
}
