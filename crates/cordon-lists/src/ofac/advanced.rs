//! OFAC's `SDN_ADVANCED.XML` (schema `sdn_advanced.xsd`). Ids are
//! `ofac-sdn:FIXEDREF` (the DistinctParty's FixedRef, the same `ent_num`
//! as `sdn.csv` and `sdn.xml`).
//!
//! Every coded value is looked up in the file's own `ReferenceValueSets`
//! (alias types, party types and sub-types, name-part types, scripts,
//! feature types, detail references, ID document types and date types,
//! countries, location-part types, relation types, sanctions types), never
//! by number: a reference to a value the file does not define is an error
//! naming the element path. Mapping by the value's text:
//!
//! * kind: PartySubType `Vessel`/`Aircraft`, else PartyType
//!   `Individual`/`Entity`;
//! * names: the primary alias's first Latin DocumentedName is the primary
//!   name; other DocumentedNames (other scripts) and other aliases are
//!   a.k.a./f.k.a./n.k.a. by AliasType, weak a.k.a. when `LowQuality`;
//!   an individual's Latin name is `LAST, Rest` like the CSV, other names
//!   join their parts in order; `Name.script` is the Script's text for a
//!   non-Latin script;
//! * features by FeatureType text: `Birthdate` (DatePeriod → exact, year,
//!   month, circa or range), `Place of Birth`, `Nationality Country`,
//!   `Citizenship Country`, `Nationality of Registration` (location
//!   countries), `Gender`, `Title`, `Location` (address), `Vessel ...`
//!   (craft details; flag also a country), `Organization Established Date`;
//!   others become remarks `Type: value`;
//! * IDRegDocuments by IDRegDocType text (passport, national ID, IMO, ...)
//!   with issuing country and issue/expiry dates as a note;
//! * SanctionsEntry measures of SanctionsType `Program`: the Comment is a
//!   program; ProfileRelationships are links `relation_type` from the From
//!   profile to the To profile.
//!
//! `published` is DateOfIssue.

use crate::common::{self, classify_id_label, IdLabel};
use crate::countries::{country, push_country};
use crate::xml::{read_records, Node};
use crate::{ListError, ListFormat, LoadedList, Result};
use cordon_engine::{
    Address, CountryRole, DateOfBirth, Entity, EntityKind, Gender, Identifier, Link, Name,
    NameType, PartialDate, Provenance,
};
use std::collections::HashMap;
use std::path::Path;

const LIST: &str = "ofac-sdn";

/// Loads `SDN_ADVANCED.XML`.
pub fn load(path: &Path) -> Result<LoadedList> {
    let bytes = common::read(path)?;
    parse(path, &bytes)
}

/// Parses advanced-XML bytes; `name` is the file name for provenance and
/// messages. Entry point for fuzzing.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<LoadedList> {
    parse(Path::new(name), bytes)
}

/// A reference value: its text and attributes.
struct RefVal {
    text: String,
    attrs: Vec<(String, String)>,
}

#[derive(Default)]
struct Refs {
    /// (set item element name, ID) → value
    values: HashMap<(String, String), RefVal>,
}

impl Refs {
    fn get(&self, file: &str, node: &Node, set: &str, attr: &str) -> Result<Option<&RefVal>> {
        let Some(id) = node.attr(attr) else {
            return Ok(None);
        };
        self.values
            .get(&(set.to_string(), id.to_string()))
            .map(Some)
            .ok_or_else(|| {
                node.error(
                    file,
                    None,
                    format!("{attr}={id}: no {set} with this ID in ReferenceValueSets"),
                )
            })
    }

    fn text(&self, file: &str, node: &Node, set: &str, attr: &str) -> Result<Option<String>> {
        Ok(self.get(file, node, set, attr)?.map(|v| v.text.clone()))
    }
}

fn attr_of<'a>(v: &'a RefVal, name: &str) -> Option<&'a str> {
    v.attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn parse(path: &Path, bytes: &[u8]) -> Result<LoadedList> {
    let file = crate::file_name(path);
    let mut refs = Refs::default();
    let mut locations: HashMap<String, Node> = HashMap::new();
    let mut docs: Vec<Node> = Vec::new();
    let mut parties: Vec<Node> = Vec::new();
    let mut relations: Vec<Node> = Vec::new();
    let mut entries: Vec<Node> = Vec::new();
    let mut published = None;
    let doc = read_records(
        &file,
        bytes,
        |p| {
            matches!(
                p,
                "DateOfIssue"
                    | "ReferenceValueSets"
                    | "Locations/Location"
                    | "IDRegDocuments/IDRegDocument"
                    | "DistinctParties/DistinctParty"
                    | "ProfileRelationships/ProfileRelationship"
                    | "SanctionsEntries/SanctionsEntry"
            )
        },
        |node| {
            match node.name.as_str() {
                "DateOfIssue" => published = date_of(&node),
                "ReferenceValueSets" => {
                    for set in &node.children {
                        for item in &set.children {
                            if let Some(id) = item.attr("ID") {
                                refs.values.insert(
                                    (item.name.clone(), id.to_string()),
                                    RefVal {
                                        text: item.text.clone(),
                                        attrs: item.attrs.clone(),
                                    },
                                );
                            }
                        }
                    }
                }
                "Location" => {
                    let id = node
                        .attr("ID")
                        .ok_or_else(|| node.error(&file, None, "Location without ID"))?
                        .to_string();
                    locations.insert(id, node);
                }
                "IDRegDocument" => docs.push(node),
                "DistinctParty" => parties.push(node),
                "ProfileRelationship" => relations.push(node),
                _ => entries.push(node),
            }
            Ok(())
        },
    )?;
    if doc.root != "Sanctions" {
        return Err(ListError::Xml {
            file,
            line: 1,
            path: format!("/{}", doc.root),
            message: "root element is not Sanctions: not an OFAC advanced XML file".to_string(),
        });
    }
    let ctx = Ctx {
        file: &file,
        refs: &refs,
        locations: &locations,
    };
    let mut entities = Vec::new();
    let mut by_profile: HashMap<String, usize> = HashMap::new();
    let mut by_identity: HashMap<String, usize> = HashMap::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for p in &parties {
        let (e, profiles, identities) = ctx.party(p)?;
        if let Some(first) = seen.insert(e.source_id.clone(), p.line) {
            return Err(ListError::DuplicateEntity {
                file: file.clone(),
                line: p.line,
                ent_num: e.source_id.clone(),
                first_line: first,
            });
        }
        for id in profiles {
            by_profile.insert(id, entities.len());
        }
        for id in identities {
            by_identity.insert(id, entities.len());
        }
        entities.push(e);
    }
    let mut warnings = Vec::new();
    for d in &docs {
        let Some(&i) = d.attr("IdentityID").and_then(|id| by_identity.get(id)) else {
            warnings.push(common::warning(
                &file,
                Some(d.line),
                format!("{}: IdentityID not found", d.path),
            ));
            continue;
        };
        ctx.document(d, &mut entities[i])?;
    }
    for s in &entries {
        let Some(&i) = s.attr("ProfileID").and_then(|id| by_profile.get(id)) else {
            warnings.push(common::warning(
                &file,
                Some(s.line),
                format!("{}: ProfileID not found", s.path),
            ));
            continue;
        };
        for m in s.children("SanctionsMeasure") {
            let t = refs.text(&file, m, "SanctionsType", "SanctionsTypeID")?;
            if t.as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("program"))
            {
                if let Some(c) = m.text_of("Comment") {
                    common::push_unique(&mut entities[i].programs, c);
                }
            }
        }
    }
    for r in &relations {
        let from = r.attr("From-ProfileID").and_then(|id| by_profile.get(id));
        let to = r.attr("To-ProfileID").and_then(|id| by_profile.get(id));
        let (Some(&a), Some(&b)) = (from, to) else {
            warnings.push(common::warning(
                &file,
                Some(r.line),
                format!("{}: profile not found", r.path),
            ));
            continue;
        };
        let rel = refs
            .text(&file, r, "RelationType", "RelationTypeID")?
            .unwrap_or_else(|| "linked to".to_string())
            .to_ascii_lowercase()
            .replace(' ', "_");
        let link = Link {
            name: entities[b].primary_name().to_string(),
            entity_id: Some(entities[b].id.clone()),
            relation: rel,
        };
        entities[a].links.push(link);
    }
    let n = entities.len();
    common::loaded(
        ListFormat::OfacAdvanced,
        path,
        bytes,
        n,
        entities,
        warnings,
        published,
    )
}

fn num(n: &Node, name: &str) -> Option<i64> {
    n.text_of(name).and_then(|t| t.parse().ok())
}

fn date_of(n: &Node) -> Option<String> {
    Some(
        PartialDate::ymd(
            num(n, "Year")? as i32,
            num(n, "Month")? as u8,
            num(n, "Day")? as u8,
        )
        .to_string(),
    )
}

fn point(n: Option<&Node>) -> Option<(i32, u8, u8)> {
    let n = n?;
    Some((
        num(n, "Year")? as i32,
        num(n, "Month").unwrap_or(1) as u8,
        num(n, "Day").unwrap_or(1) as u8,
    ))
}

fn last_day(y: i32, m: u8) -> u8 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A DatePeriod as a date of birth, to the precision its bounds imply.
fn period(p: &Node) -> Option<DateOfBirth> {
    let start = p.child("Start");
    let end = p.child("End");
    let lo = point(start.and_then(|s| s.child("From").or(s.child("To"))))?;
    let hi = point(end.and_then(|s| s.child("To").or(s.child("From"))))
        .or_else(|| point(start.and_then(|s| s.child("To"))))
        .unwrap_or(lo);
    let approx = [start, end]
        .iter()
        .flatten()
        .any(|n| n.attr("Approximate") == Some("true"));
    let date = |(y, m, d): (i32, u8, u8), prec: u8| match prec {
        0 => PartialDate::year(y),
        1 => PartialDate {
            year: y,
            month: Some(m),
            day: None,
        },
        _ => PartialDate::ymd(y, m, d),
    };
    let single = if lo == hi {
        Some(date(lo, 2))
    } else if lo.0 == hi.0 && (lo.1, lo.2) == (1, 1) && (hi.1, hi.2) == (12, 31) {
        Some(date(lo, 0))
    } else if lo.0 == hi.0 && lo.1 == hi.1 && lo.2 == 1 && hi.2 == last_day(hi.0, hi.1) {
        Some(date(lo, 1))
    } else {
        None
    };
    Some(match (single, approx) {
        (Some(date), false) => DateOfBirth::Exact { date },
        (Some(date), true) => DateOfBirth::Circa { date },
        (None, _) => {
            let years = (lo.1, lo.2) == (1, 1) && (hi.1, hi.2) == (12, 31);
            DateOfBirth::Range {
                from: date(lo, if years { 0 } else { 2 }),
                to: date(hi, if years { 0 } else { 2 }),
            }
        }
    })
}

struct Ctx<'a> {
    file: &'a str,
    refs: &'a Refs,
    locations: &'a HashMap<String, Node>,
}

impl Ctx<'_> {
    fn country_of(&self, n: &Node) -> Result<Option<String>> {
        Ok(self
            .refs
            .get(self.file, n, "Country", "CountryID")?
            .map(|v| {
                attr_of(v, "ISO2")
                    .map(str::to_string)
                    .unwrap_or(v.text.clone())
            }))
    }

    /// (address, countries) of a location.
    fn location(&self, id: &str, at: &Node) -> Result<(Address, Vec<String>)> {
        let loc = self.locations.get(id).ok_or_else(|| {
            at.error(
                self.file,
                None,
                format!("LocationID={id}: no such Location"),
            )
        })?;
        let mut countries = Vec::new();
        for c in loc.children("LocationCountry") {
            if let Some(c) = self.country_of(c)? {
                countries.push(c);
            }
        }
        let mut parts: Vec<(String, String)> = Vec::new();
        for p in loc.children("LocationPart") {
            let t = self
                .refs
                .text(self.file, p, "LocPartType", "LocPartTypeID")?
                .unwrap_or_default()
                .to_ascii_uppercase();
            let v = p
                .children("LocationPartValue")
                .find(|v| v.attr("Primary") != Some("false"))
                .and_then(|v| v.text_of("Value"));
            if let Some(v) = v {
                parts.push((t, v.to_string()));
            }
        }
        let join = |keys: &[&str]| {
            let s = parts
                .iter()
                .filter(|(t, _)| keys.contains(&t.as_str()))
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            Some(s).filter(|s| !s.is_empty())
        };
        let addr = Address {
            street: join(&["ADDRESS1", "ADDRESS2", "ADDRESS3"]),
            city: join(&["CITY", "STATE/PROVINCE", "POSTAL CODE", "REGION"]),
            country: countries.first().cloned(),
            remark: None,
        };
        Ok((addr, countries))
    }

    /// The entity, its profile ids and identity ids.
    fn party(&self, p: &Node) -> Result<(Entity, Vec<String>, Vec<String>)> {
        let file = self.file;
        let fixed = p
            .attr("FixedRef")
            .ok_or_else(|| p.error(file, None, "DistinctParty without FixedRef"))?;
        let profile = p
            .child("Profile")
            .ok_or_else(|| p.error(file, Some("Profile"), "missing"))?;
        let sub = self
            .refs
            .get(file, profile, "PartySubType", "PartySubTypeID")?
            .ok_or_else(|| profile.error(file, None, "missing PartySubTypeID"))?;
        let party_type = match attr_of(sub, "PartyTypeID") {
            Some(id) => self
                .refs
                .values
                .get(&("PartyType".to_string(), id.to_string()))
                .map(|v| v.text.clone()),
            None => None,
        };
        let kind = EntityKind::parse(&sub.text)
            .filter(|k| matches!(k, EntityKind::Vessel | EntityKind::Aircraft))
            .or_else(|| party_type.as_deref().and_then(EntityKind::parse))
            .ok_or_else(|| {
                profile.error(
                    file,
                    None,
                    format!(
                        "party type {:?}/{:?} is not a person, entity, vessel or aircraft",
                        party_type, sub.text
                    ),
                )
            })?;
        let mut names: Vec<Name> = Vec::new();
        let mut identities = Vec::new();
        for identity in profile.children("Identity") {
            if let Some(id) = identity.attr("ID") {
                identities.push(id.to_string());
            }
            let mut groups: HashMap<String, String> = HashMap::new();
            for g in identity
                .child("NamePartGroups")
                .iter()
                .flat_map(|g| g.children("MasterNamePartGroup"))
                .flat_map(|m| m.children("NamePartGroup"))
            {
                let t = self
                    .refs
                    .text(file, g, "NamePartType", "NamePartTypeID")?
                    .unwrap_or_default();
                if let Some(id) = g.attr("ID") {
                    groups.insert(id.to_string(), t);
                }
            }
            for alias in identity.children("Alias") {
                let primary = alias.attr("Primary") == Some("true");
                let weak = alias.attr("LowQuality") == Some("true");
                let alias_type = self
                    .refs
                    .text(file, alias, "AliasType", "AliasTypeID")?
                    .unwrap_or_default();
                let t = if weak {
                    NameType::WeakAka
                } else {
                    NameType::parse(&alias_type.to_ascii_lowercase()).unwrap_or(NameType::Aka)
                };
                for dn in alias.children("DocumentedName") {
                    let mut parts: Vec<(String, String)> = Vec::new();
                    let mut script: Option<(String, String)> = None;
                    for part in dn.children("DocumentedNamePart") {
                        let Some(v) = part.child("NamePartValue") else {
                            continue;
                        };
                        let group = v.attr("NamePartGroupID").unwrap_or("");
                        let pt = groups.get(group).cloned().unwrap_or_default();
                        if let Some(s) = self.refs.get(file, v, "Script", "ScriptID")? {
                            let code = attr_of(s, "ScriptCode").unwrap_or("").to_string();
                            script.get_or_insert((s.text.clone(), code));
                        }
                        if let Some(text) = v.value() {
                            parts.push((pt, text.to_string()));
                        }
                    }
                    if parts.is_empty() {
                        continue;
                    }
                    let latin = is_latin(script.as_ref());
                    let last: Vec<&str> = parts
                        .iter()
                        .filter(|(t, _)| t.eq_ignore_ascii_case("Last Name"))
                        .map(|(_, v)| v.as_str())
                        .collect();
                    let rest: Vec<&str> = parts
                        .iter()
                        .filter(|(t, _)| !t.eq_ignore_ascii_case("Last Name"))
                        .map(|(_, v)| v.as_str())
                        .collect();
                    let text = if latin
                        && kind == EntityKind::Person
                        && !last.is_empty()
                        && !rest.is_empty()
                    {
                        format!("{}, {}", last.join(" "), rest.join(" "))
                    } else {
                        parts
                            .iter()
                            .map(|(_, v)| v.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    let mut name = Name::new(text, if primary { NameType::Primary } else { t });
                    if !latin {
                        name.script = script.map(|(s, _)| s);
                    }
                    names.push(name);
                }
            }
        }
        // The primary name first: the first Latin name of the primary alias.
        let pos = names
            .iter()
            .position(|n| n.name_type == NameType::Primary && n.script.is_none())
            .or_else(|| names.iter().position(|n| n.name_type == NameType::Primary))
            .unwrap_or(0);
        if names.is_empty() {
            return Err(profile.error(file, Some("Identity"), "no name"));
        }
        let primary = names.remove(pos);
        for n in names.iter_mut() {
            if n.name_type == NameType::Primary {
                n.name_type = NameType::Aka;
            }
        }
        let mut e = Entity::new(
            LIST,
            fixed,
            kind,
            &primary.name,
            Provenance {
                list: LIST.to_string(),
                file: file.to_string(),
                line: Some(p.line),
            },
        );
        e.names[0] = Name {
            name_type: NameType::Primary,
            ..primary
        };
        e.names.extend(names);
        for f in profile.children("Feature") {
            self.feature(f, &mut e)?;
        }
        let profiles = p
            .children("Profile")
            .filter_map(|pr| pr.attr("ID").map(str::to_string))
            .collect();
        Ok((e, profiles, identities))
    }

    fn feature(&self, f: &Node, e: &mut Entity) -> Result<()> {
        let file = self.file;
        let ft = self
            .refs
            .text(file, f, "FeatureType", "FeatureTypeID")?
            .unwrap_or_default();
        let lower = ft.to_ascii_lowercase();
        for v in f.children("FeatureVersion") {
            let mut details = Vec::new();
            for d in v.children("VersionDetail") {
                match self
                    .refs
                    .text(file, d, "DetailReference", "DetailReferenceID")?
                {
                    Some(t) => details.push(t),
                    None => {
                        if let Some(t) = d.value() {
                            details.push(t.to_string());
                        }
                    }
                }
            }
            let mut locs = Vec::new();
            for l in v.children("VersionLocation") {
                if let Some(id) = l.attr("LocationID") {
                    locs.push(self.location(id, l)?);
                }
            }
            let detail = details.join(", ");
            let role = match lower.as_str() {
                "nationality country" => Some(CountryRole::Nationality),
                "citizenship country" => Some(CountryRole::Citizenship),
                "nationality of registration" => Some(CountryRole::Registration),
                _ => None,
            };
            if lower == "birthdate" {
                for p in v.children("DatePeriod") {
                    if let Some(d) = period(p) {
                        e.dates_of_birth.push(d);
                    }
                }
            } else if lower.contains("established date") {
                for p in v.children("DatePeriod") {
                    if let Some(d) = period(p) {
                        e.organization
                            .get_or_insert_with(Box::default)
                            .established
                            .push(d);
                    }
                }
            } else if let Some(role) = role {
                for (_, cs) in &locs {
                    for c in cs {
                        push_country(&mut e.countries, country(c, role));
                    }
                }
                if locs.is_empty() && !detail.is_empty() {
                    push_country(&mut e.countries, country(&detail, role));
                }
            } else if lower == "place of birth" {
                let text = locs
                    .iter()
                    .map(|(a, _)| {
                        [a.street.clone(), a.city.clone(), a.country.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .chain(Some(detail.clone()).filter(|d| !d.is_empty()))
                    .collect::<Vec<_>>()
                    .join("; ");
                common::push_unique(&mut e.places_of_birth, &text);
            } else if lower == "location" {
                for (a, cs) in locs {
                    for c in &cs {
                        push_country(&mut e.countries, country(c, CountryRole::Address));
                    }
                    e.addresses.push(a);
                }
            } else if lower == "gender" {
                e.gender = Gender::parse(&detail);
            } else if lower == "title" {
                e.title = Some(detail);
            } else if lower.starts_with("vessel") {
                let craft = e.craft.get_or_insert_with(Box::default);
                let slot = if lower.contains("call sign") {
                    &mut craft.call_sign
                } else if lower.contains("flag") {
                    push_country(&mut e.countries, country(&detail, CountryRole::Flag));
                    &mut craft.flag
                } else if lower.contains("gross registered") {
                    &mut craft.gross_registered_tonnage
                } else if lower.contains("tonnage") {
                    &mut craft.tonnage
                } else if lower.contains("owner") {
                    &mut craft.owner
                } else if lower.contains("type") {
                    &mut craft.vessel_type
                } else {
                    craft.other.push(format!("{ft}: {detail}"));
                    continue;
                };
                *slot = Some(detail);
            } else if !detail.is_empty() {
                match classify_id_label(&ft) {
                    IdLabel::Id(t) if t != cordon_engine::IdentifierType::Other => {
                        e.identifiers.push(Identifier {
                            id_type: t,
                            label: ft.clone(),
                            value: detail,
                            country: None,
                            note: None,
                        })
                    }
                    _ => e.remarks.push(format!("{ft}: {detail}")),
                }
            }
        }
        Ok(())
    }

    fn document(&self, d: &Node, e: &mut Entity) -> Result<()> {
        let file = self.file;
        let label = self
            .refs
            .text(file, d, "IDRegDocType", "IDRegDocTypeID")?
            .unwrap_or_default();
        let Some(value) = d.text_of("IDRegistrationNo") else {
            return Ok(());
        };
        let issuer = match d.attr("IssuedBy-CountryID") {
            Some(id) => self
                .refs
                .values
                .get(&("Country".to_string(), id.to_string()))
                .map(|v| v.text.clone())
                .ok_or_else(|| {
                    d.error(
                        file,
                        None,
                        format!("IssuedBy-CountryID={id}: no such Country"),
                    )
                })
                .map(Some)?,
            None => None,
        };
        let mut notes = Vec::new();
        for dd in d.children("DocumentDate") {
            let t = self
                .refs
                .text(file, dd, "IDRegDocDateType", "IDRegDocDateTypeID")?
                .unwrap_or_default();
            if let Some(p) = dd.child("DatePeriod").and_then(period) {
                notes.push(format!("{t} {p}"));
            }
        }
        match classify_id_label(&label) {
            IdLabel::Id(id_type) => e.identifiers.push(Identifier {
                id_type,
                label,
                value: value.to_string(),
                country: issuer,
                note: Some(notes.join("; ")).filter(|s| !s.is_empty()),
            }),
            _ => e.remarks.push(format!("{label} {value}")),
        }
        Ok(())
    }
}

/// Whether a name's script (name, ISO code) is Latin or not stated.
fn is_latin(script: Option<&(String, String)>) -> bool {
    match script {
        None => true,
        Some((name, code)) => {
            code.eq_ignore_ascii_case("Latn") || name.eq_ignore_ascii_case("Latin")
        }
    }
}
