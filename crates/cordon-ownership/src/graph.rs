//! The ownership graph: parties (people, companies, public bodies,
//! arrangements) and the interests one holds in another.
//!
//! **Ids are global.** A [`PartyId`] is the id the data gives (a CSV
//! `owner_id`, a BODS `recordId`, a FollowTheMoney entity id). The same id
//! in two files, or twice in one, is the same party: [`Graph::merge`] and
//! the loaders join its names, countries and identifiers, so a KYC CSV can
//! name the parties of an OpenSanctions file by their ids. Interests are
//! kept as given, one per statement; nothing is deduplicated or summed
//! here (that is the assessment's work).

use cordon_engine::IdentifierType;
use cordon_lists::ftm::IDENTIFIER_PROPERTIES;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::share::Share;

/// A party's id in the ownership data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PartyId(pub String);

impl PartyId {
    pub fn new(id: impl Into<String>) -> PartyId {
        PartyId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PartyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    Person,
    /// A company or other legal entity.
    Company,
    /// A state or a state body (BODS `state`, `stateBody`; FtM `PublicBody`).
    PublicBody,
    /// A legal arrangement: a trust, a nomination, a joint shareholding
    /// (BODS `arrangement`).
    Arrangement,
    Unknown,
}

impl PartyKind {
    /// Reads the CSV's `owner_kind`/`owned_kind` (case-insensitive; empty
    /// is unknown).
    pub fn parse(text: &str) -> Option<PartyKind> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "" | "unknown" => PartyKind::Unknown,
            "person" | "individual" | "natural person" => PartyKind::Person,
            "company" | "entity" | "organisation" | "organization" | "legal entity" => {
                PartyKind::Company
            }
            "public body" | "publicbody" | "state" | "state body" | "government" => {
                PartyKind::PublicBody
            }
            "arrangement" | "trust" => PartyKind::Arrangement,
            _ => return None,
        })
    }

    /// The more specific of two kinds given for one party.
    fn or(self, other: PartyKind) -> PartyKind {
        if self == PartyKind::Unknown {
            other
        } else {
            self
        }
    }
}

/// An identifier of a party: a scheme (`GB-COH`, `ogrnCode`, `LEI`,
/// `innCode`...) and a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartyIdentifier {
    pub scheme: String,
    pub value: String,
}

impl PartyIdentifier {
    /// The engine's identifier type of the scheme, for linking a party to
    /// list entities by identifier; `None`: a scheme cordon does not know.
    ///
    /// Read: FollowTheMoney property names (`innCode`, `ogrnCode`,
    /// `leiCode`, `registrationNumber`, `taxNumber`, `imoNumber`...: the
    /// list loaders' table), the org-id.guide register codes BODS uses
    /// (`XI-LEI`; `RU-INN`, `RU-OGRN`; other `XX-...INN`, `-VAT`, `-TIN`,
    /// `-TAX`: tax numbers; any other `XX-...` register such as `GB-COH`:
    /// registration numbers), and plain words (`lei`, `inn`, `ogrn`,
    /// `imo`, `bic`, `tax`, `vat`, `registration`), case-insensitively.
    pub fn id_type(&self) -> Option<IdentifierType> {
        let scheme = self.scheme.trim();
        if let Some(p) = IDENTIFIER_PROPERTIES
            .iter()
            .find(|p| p.property.eq_ignore_ascii_case(scheme))
        {
            return Some(p.id_type);
        }
        let s = scheme.to_ascii_lowercase();
        Some(match s.as_str() {
            "lei" | "xi-lei" => IdentifierType::Lei,
            "inn" | "ru-inn" => IdentifierType::Inn,
            "ogrn" | "ru-ogrn" => IdentifierType::Ogrn,
            "tax" | "tax_id" | "tin" | "vat" => IdentifierType::TaxId,
            "registration" | "company number" => IdentifierType::Registration,
            "imo" => IdentifierType::Imo,
            "bic" | "swift" | "swift/bic" => IdentifierType::SwiftBic,
            _ => {
                let (country, register) = s.split_once('-')?;
                if country.len() != 2
                    || register.is_empty()
                    || !country.bytes().all(|b| b.is_ascii_alphabetic())
                {
                    return None;
                }
                if ["inn", "vat", "tin", "tax"]
                    .iter()
                    .any(|t| register.ends_with(t))
                {
                    IdentifierType::TaxId
                } else {
                    IdentifierType::Registration
                }
            }
        })
    }
}

/// Where a party or an interest was read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// The file's label (its path as given).
    pub file: String,
    /// 1-based line (CSV, JSON lines) or record index (JSON array).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// A person, company, public body or arrangement of the ownership data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub id: PartyId,
    /// The first name given (may be empty: an anonymous or unknown party).
    pub name: String,
    /// Further names (aliases, previous names, transliterations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    pub kind: PartyKind,
    /// ISO 3166-1 alpha-2 codes, upper case (jurisdiction, nationality,
    /// address countries).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<PartyIdentifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    pub source: SourceRef,
}

impl Party {
    /// A party with only an id, a name and a kind.
    pub fn new(id: PartyId, name: impl Into<String>, kind: PartyKind, source: SourceRef) -> Party {
        Party {
            id,
            name: name.into(),
            other_names: Vec::new(),
            kind,
            countries: Vec::new(),
            identifiers: Vec::new(),
            birth_date: None,
            source,
        }
    }

    /// The name to show: the name, else the id.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            self.id.as_str()
        } else {
            &self.name
        }
    }

    /// Every name: the name and the other names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .filter(|n| !n.is_empty())
            .chain(self.other_names.iter().map(String::as_str))
    }

    /// Adds a name unless the party has it already.
    pub fn add_name(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() || self.names().any(|n| n == name) {
            return;
        }
        if self.name.is_empty() {
            self.name = name.to_string();
        } else {
            self.other_names.push(name.to_string());
        }
    }

    /// Adds a country code (upper-cased) unless the party has it already.
    pub fn add_country(&mut self, code: &str) {
        let code = code.trim().to_ascii_uppercase();
        if !code.is_empty() && !self.countries.contains(&code) {
            self.countries.push(code);
        }
    }

    /// Adds an identifier unless the party has it already.
    pub fn add_identifier(&mut self, scheme: &str, value: &str) {
        let (scheme, value) = (scheme.trim(), value.trim());
        if value.is_empty() {
            return;
        }
        let id = PartyIdentifier {
            scheme: scheme.to_string(),
            value: value.to_string(),
        };
        if !self.identifiers.contains(&id) {
            self.identifiers.push(id);
        }
    }

    /// Takes in what another description of the same party adds.
    fn absorb(&mut self, other: Party) {
        let Party {
            name,
            other_names,
            kind,
            countries,
            identifiers,
            birth_date,
            ..
        } = other;
        self.add_name(&name);
        for n in &other_names {
            self.add_name(n);
        }
        self.kind = self.kind.or(kind);
        for c in &countries {
            self.add_country(c);
        }
        for i in identifiers {
            if !self.identifiers.contains(&i) {
                self.identifiers.push(i);
            }
        }
        if self.birth_date.is_none() {
            self.birth_date = birth_date;
        }
    }
}

/// What an interest gives its holder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestKind {
    /// Shares (ownership): what every rule's share test sums.
    Shareholding,
    /// Voting rights: summed by the rules with a control test (EU, UK).
    VotingRights,
    /// Control without (or beyond) shares: the right to appoint or remove
    /// the board, control through the articles or a legal framework, other
    /// influence or control (BODS `appointmentOfBoard`,
    /// `controlViaCompanyRulesOrArticles`, `controlByLegalFramework`,
    /// `otherInfluenceOrControl`).
    Control,
    /// An office: director, board member or chair, senior managing
    /// official (BODS `boardMember`, `boardChair`,
    /// `seniorManagingOfficial`; FtM `Directorship`). An indication of
    /// control, not control itself.
    Directorship,
    /// An interest of unknown nature (BODS `unknownInterest`,
    /// `unpublishedInterest`, or no type): possibly ownership, so it counts
    /// as a shareholding of unknown share (never as none).
    Unknown,
    /// Anything else, named as the data names it (trustee, settlor,
    /// beneficiary, nominee, an unknown interest...). Counts for no rule,
    /// but shows in the tree.
    Other(String),
}

/// An interest one party holds in another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interest {
    /// Who holds the interest.
    pub owner: PartyId,
    /// In whom.
    pub owned: PartyId,
    pub share: Share,
    pub kind: InterestKind,
    /// `false`: held through intermediaries (a BODS `indirect` interest,
    /// which summarises a chain).
    pub direct: bool,
    /// The other holders of a jointly held interest (the interest is held
    /// by `owner` together with these; see the assessment's module for how
    /// it counts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_with: Vec<PartyId>,
    /// When the interest began, as the data gives it (may be partial).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// When it ended (may be partial); an ended interest counts for no rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    pub source: SourceRef,
}

impl Interest {
    /// A direct interest, not joint, without dates.
    pub fn new(
        owner: PartyId,
        owned: PartyId,
        share: Share,
        kind: InterestKind,
        source: SourceRef,
    ) -> Interest {
        Interest {
            owner,
            owned,
            share,
            kind,
            direct: true,
            joint_with: Vec::new(),
            start_date: None,
            end_date: None,
            source,
        }
    }

    /// Whether the interest is held on a day: begun (or no start given) and
    /// not ended (an end given as a year or month lasts to its end).
    pub fn current_on(&self, day: Date) -> bool {
        let started = self
            .start_date
            .as_deref()
            .and_then(|d| Date::parse_partial(d, false))
            .is_none_or(|s| s <= day);
        let ended = self
            .end_date
            .as_deref()
            .and_then(|d| Date::parse_partial(d, true))
            .is_some_and(|e| e < day);
        started && !ended
    }

    /// Every holder of the interest: the owner and the joint holders.
    pub fn holders(&self) -> impl Iterator<Item = &PartyId> {
        std::iter::once(&self.owner).chain(self.joint_with.iter())
    }
}

/// Counts of a graph, for `cordon lists`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GraphStats {
    pub parties: usize,
    pub interests: usize,
    pub files: usize,
}

/// Parties and the interests between them.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    parties: Vec<Party>,
    index: FxHashMap<PartyId, usize>,
    interests: Vec<Interest>,
    /// Interest indexes by owned party.
    into: FxHashMap<PartyId, Vec<usize>>,
    /// Interest indexes by holder (owner and joint holders).
    out: FxHashMap<PartyId, Vec<usize>>,
    files: Vec<String>,
    /// Problems the loaders met (an unspecified owner, a reference to an
    /// undescribed party...).
    pub(crate) notes: Vec<Problem>,
}

impl Graph {
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Adds a party, or joins it with the party of the same id.
    pub fn add_party(&mut self, party: Party) {
        match self.index.get(&party.id) {
            Some(&i) => self.parties[i].absorb(party),
            None => {
                self.index.insert(party.id.clone(), self.parties.len());
                self.parties.push(party);
            }
        }
    }

    /// Adds an interest.
    pub fn add_interest(&mut self, interest: Interest) {
        let i = self.interests.len();
        self.into.entry(interest.owned.clone()).or_default().push(i);
        for h in interest.holders() {
            let list = self.out.entry(h.clone()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        self.interests.push(interest);
    }

    /// Records that a file was read into the graph.
    pub fn add_file(&mut self, label: &str) {
        if !self.files.iter().any(|f| f == label) {
            self.files.push(label.to_string());
        }
    }

    /// Records a problem the data has.
    pub fn add_note(&mut self, problem: Problem) {
        self.notes.push(problem);
    }

    /// Every party, in the order first read.
    pub fn parties(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter()
    }

    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.index.get(id).map(|&i| &self.parties[i])
    }

    /// The name to show for an id: the party's, else the id itself.
    pub fn label<'a>(&'a self, id: &'a PartyId) -> &'a str {
        self.party(id).map_or(id.as_str(), Party::label)
    }

    /// Every interest, in the order read.
    pub fn interests(&self) -> impl Iterator<Item = &Interest> {
        self.interests.iter()
    }

    /// The interests held in a party (its owners, directors...).
    pub fn owners_of<'a>(&'a self, id: &PartyId) -> impl Iterator<Item = &'a Interest> + 'a {
        self.into
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.interests[i])
    }

    /// The interests a party holds (alone or jointly) in others.
    pub fn owned_by<'a>(&'a self, id: &PartyId) -> impl Iterator<Item = &'a Interest> + 'a {
        self.out
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.interests[i])
    }

    /// Adds another graph's parties, interests, files and problems.
    pub fn merge(&mut self, other: Graph) {
        for p in other.parties {
            self.add_party(p);
        }
        for i in other.interests {
            self.add_interest(i);
        }
        for f in &other.files {
            self.add_file(f);
        }
        self.notes.extend(other.notes);
    }

    pub fn stats(&self) -> GraphStats {
        GraphStats {
            parties: self.parties.len(),
            interests: self.interests.len(),
            files: self.files.len(),
        }
    }

    /// The files read into the graph.
    pub fn files(&self) -> &[String] {
        &self.files
    }
}

/// A problem of the ownership data, reported, never refused: what the
/// loaders note while reading ([`Graph::add_note`]) and what
/// [`crate::problems`] finds in the graph (cycles, over-allocation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// Parties that own each other in a circle (each holds, directly or
    /// through the others, an interest in the next).
    Cycle { parties: Vec<PartyId> },
    /// The minimum shares (or voting rights) held in a party add up to
    /// more than 100%.
    OverAllocated {
        party: PartyId,
        /// `shareholding` or `voting_rights`.
        kind: InterestKind,
        total_min: f64,
    },
    /// An interest whose holder is not given (BODS `interestedParty` with
    /// `unspecified` details): its holder is unknown and counts for no
    /// rule.
    UnspecifiedOwner {
        owned: PartyId,
        reason: String,
        source: SourceRef,
    },
    /// An interest refers to a party the data never describes; it is kept,
    /// the party shown by its id.
    UndescribedParty { id: PartyId, source: SourceRef },
    /// A record read but left out, with the reason (an FtM `Ownership`
    /// without an owner, a BODS statement of an unknown type...).
    Skipped { source: SourceRef, reason: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(scheme: &str) -> Option<IdentifierType> {
        PartyIdentifier {
            scheme: scheme.into(),
            value: "1".into(),
        }
        .id_type()
    }

    #[test]
    fn identifier_schemes_map_to_the_engines_types() {
        assert_eq!(t("innCode"), Some(IdentifierType::Inn));
        assert_eq!(t("ogrnCode"), Some(IdentifierType::Ogrn));
        assert_eq!(t("taxNumber"), Some(IdentifierType::TaxId));
        assert_eq!(t("leiCode"), Some(IdentifierType::Lei));
        assert_eq!(t("XI-LEI"), Some(IdentifierType::Lei));
        assert_eq!(t("RU-INN"), Some(IdentifierType::Inn));
        assert_eq!(t("GB-COH"), Some(IdentifierType::Registration));
        assert_eq!(t("RU-OGRN"), Some(IdentifierType::Ogrn));
        assert_eq!(t("UA-EDR"), Some(IdentifierType::Registration));
        assert_eq!(t("BE-VAT"), Some(IdentifierType::TaxId));
        assert_eq!(t("IMO"), Some(IdentifierType::Imo));
        assert_eq!(t("favourite colour"), None);
        assert_eq!(t(""), None);
    }
}
