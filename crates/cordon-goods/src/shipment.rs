//! A whole shipment: who (parties with roles), what (items with HS codes),
//! where (origin, transit, destination), screened at once into a
//! [`ShipmentReport`] with a verdict and every reason for it.

use crate::catalog::{ControlHit, GoodsCatalog};
use crate::error::{Error, Result};
use crate::route::RuleKind;
use cordon_engine::{country, EntityKind, Index, Match, Query, ScreenOptions};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A shipment to screen, as read from JSON or YAML.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Shipment {
    /// The caller's reference, echoed in the report.
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub parties: Vec<ShipmentParty>,
    #[serde(default)]
    pub items: Vec<ShipmentItem>,
    #[serde(default)]
    pub route: Route,
}

/// A party and its role in the shipment.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShipmentParty {
    pub role: Role,
    pub name: String,
    /// ISO 3166 code or English name of where the party sits.
    #[serde(default)]
    pub country: Option<String>,
    /// Restrict party screening to this kind of entity.
    #[serde(default)]
    pub kind: Option<EntityKind>,
}

/// What a party does in the shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "String")]
pub enum Role {
    Exporter,
    Consignee,
    EndUser,
    FreightForwarder,
    Bank,
    NotifyParty,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Exporter,
        Role::Consignee,
        Role::EndUser,
        Role::FreightForwarder,
        Role::Bank,
        Role::NotifyParty,
    ];

    /// `end_user`, `freight_forwarder`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Exporter => "exporter",
            Role::Consignee => "consignee",
            Role::EndUser => "end_user",
            Role::FreightForwarder => "freight_forwarder",
            Role::Bank => "bank",
            Role::NotifyParty => "notify_party",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Role {
    type Error = String;
    /// Case-insensitive; spaces and hyphens read as `_` (`End User`).
    fn try_from(s: String) -> std::result::Result<Role, String> {
        let key = s.trim().to_lowercase().replace([' ', '-'], "_");
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == key)
            .ok_or_else(|| {
                let all: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
                format!(
                    "parties[].role: unknown role {s:?} (expected one of {})",
                    all.join(", ")
                )
            })
    }
}

/// One line of goods.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShipmentItem {
    /// Any national form (`8542.31.0000`); required unless a description is given.
    #[serde(default)]
    pub hs_code: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub quantity: Option<f64>,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub currency: Option<String>,
}

/// Where the goods go.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    #[serde(default)]
    pub origin: Option<String>,
    #[serde(default)]
    pub transit: Vec<String>,
    #[serde(default)]
    pub destination: Option<String>,
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Nothing flagged.
    Clear,
    /// At least one reason; see [`ShipmentReport::reasons`].
    Flagged,
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A party matches a sanctions list.
    Party,
    /// An item is on a control list.
    Goods,
    /// A country of the route or of a party is subject to a route rule.
    Route,
}

/// One reason (or note) in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// Where it was found: `route.destination`, `parties[1] (end_user)`, `items[0]`.
    pub subject: String,
    pub message: String,
    /// The citation behind a route rule or list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A country as given and as resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryRef {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
}

/// One party's screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyReport {
    pub role: Role,
    pub name: String,
    pub country: Option<CountryRef>,
    /// Candidates at or above the threshold, best first.
    pub matches: Vec<Match>,
}

/// One item's screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemReport {
    pub hs_code: Option<String>,
    /// Normalised code (`8542.31`), when a code was given.
    pub code: Option<String>,
    /// HS 2022 description of the code.
    pub hs_description: Option<String>,
    pub description: Option<String>,
    pub quantity: Option<f64>,
    pub value: Option<f64>,
    pub currency: Option<String>,
    pub hits: Vec<ControlHit>,
}

/// The resolved route.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RouteReport {
    pub origin: Option<CountryRef>,
    pub transit: Vec<CountryRef>,
    pub destination: Option<CountryRef>,
}

/// A control list version used for the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListUsed {
    pub id: String,
    pub name: String,
    pub version: String,
}

/// The risk report of a shipment: the JSON contract of `cordon shipment
/// --json` and `POST /shipments/screen`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShipmentReport {
    pub reference: Option<String>,
    /// `flagged` when `reasons` is not empty, else `clear`.
    pub verdict: Verdict,
    /// Every finding that flags the shipment.
    pub reasons: Vec<Finding>,
    /// Findings worth knowing that do not flag it (e.g. a transshipment
    /// country on a shipment of unlisted goods).
    pub notes: Vec<Finding>,
    pub parties: Vec<PartyReport>,
    pub items: Vec<ItemReport>,
    pub route: RouteReport,
    /// Control lists (and versions) the goods were checked against.
    pub goods_lists: Vec<ListUsed>,
}

/// Minimum description-search score at which an item given without an HS
/// code is taken to be a listed good (every weighted word found, bar a
/// little).
const DESCRIPTION_MATCH: f64 = 0.8;

/// Screens a shipment: each party against the sanctions lists in `index`
/// (with `opts`, as `cordon screen` does), each item against the control
/// lists of `goods`, and every country of the route and of the parties
/// against the route rules.
///
/// Errors (a typed [`Error::Shipment`] naming the field) for an unknown
/// country, an invalid HS code, an empty party name, or an item with
/// neither code nor description: a shipment that cannot be read fully is
/// never reported clear.
pub fn screen_shipment(
    index: &Index,
    shipment: &Shipment,
    goods: &GoodsCatalog,
    opts: &ScreenOptions,
) -> Result<ShipmentReport> {
    let mut reasons = Vec::new();
    let mut notes = Vec::new();

    // Goods first: whether anything listed is carried decides how a
    // transshipment country counts.
    let mut items = Vec::new();
    for (i, it) in shipment.items.iter().enumerate() {
        let subject = format!("items[{i}]");
        let mut report = ItemReport {
            hs_code: it.hs_code.clone(),
            code: None,
            hs_description: None,
            description: it.description.clone(),
            quantity: it.quantity,
            value: it.value,
            currency: it.currency.clone(),
            hits: Vec::new(),
        };
        match (it.hs_code.as_deref(), it.description.as_deref()) {
            (Some(code), _) => {
                let found = goods
                    .lookup_code(code)
                    .map_err(|e| Error::shipment(format!("{subject}.hs_code"), e.to_string()))?;
                for h in &found.hits {
                    reasons.push(Finding {
                        kind: FindingKind::Goods,
                        subject: subject.clone(),
                        message: format!("HS {} → {}: {}", code.trim(), found.code, hit_text(h)),
                        source: Some(h.source.clone()),
                    });
                }
                report.code = Some(found.code);
                report.hs_description = Some(found.description);
                report.hits = found.hits;
            }
            (None, Some(text)) if !text.trim().is_empty() => {
                let best = goods.search(text, 1).into_iter().next();
                if let Some(b) = best.filter(|b| b.score >= DESCRIPTION_MATCH && !b.hits.is_empty())
                {
                    for h in &b.hits {
                        reasons.push(Finding {
                            kind: FindingKind::Goods,
                            subject: subject.clone(),
                            message: format!(
                                "no HS code; the description {text:?} reads as HS {} ({}): {}",
                                b.code,
                                b.why,
                                hit_text(h)
                            ),
                            source: Some(h.source.clone()),
                        });
                    }
                    report.hits = b.hits;
                } else {
                    notes.push(Finding {
                        kind: FindingKind::Goods,
                        subject: subject.clone(),
                        message: format!(
                            "no HS code; the description {text:?} matches no listed good closely"
                        ),
                        source: None,
                    });
                }
            }
            _ => {
                return Err(Error::shipment(
                    subject,
                    "an item needs an hs_code or a description",
                ))
            }
        }
        items.push(report);
    }
    let listed_goods = items.iter().any(|i| !i.hits.is_empty());

    // Route.
    let mut route = RouteReport::default();
    let mut places: Vec<(String, CountryRef)> = Vec::new();
    if let Some(c) = &shipment.route.origin {
        let c = resolve("route.origin", c)?;
        route.origin = Some(c.clone());
        places.push(("route.origin".into(), c));
    }
    for (i, c) in shipment.route.transit.iter().enumerate() {
        let field = format!("route.transit[{i}]");
        let c = resolve(&field, c)?;
        route.transit.push(c.clone());
        places.push((field, c));
    }
    if let Some(c) = &shipment.route.destination {
        let c = resolve("route.destination", c)?;
        route.destination = Some(c.clone());
        places.push(("route.destination".into(), c));
    }

    // Parties.
    let mut parties = Vec::new();
    for (i, p) in shipment.parties.iter().enumerate() {
        let subject = format!("parties[{i}] ({})", p.role);
        if p.name.trim().is_empty() {
            return Err(Error::shipment(format!("parties[{i}].name"), "empty name"));
        }
        let country = p
            .country
            .as_deref()
            .map(|c| resolve(&format!("parties[{i}].country"), c))
            .transpose()?;
        if let Some(c) = &country {
            places.push((format!("{subject} {:?}", p.name), c.clone()));
        }
        let query = Query {
            name: p.name.clone(),
            kind: p.kind,
            countries: country.iter().map(|c| c.code.clone()).collect(),
            ..Query::default()
        };
        let matches: Vec<Match> = index
            .screen(&query, opts)
            .into_iter()
            .filter(|m| m.is_match)
            .collect();
        for m in &matches {
            let programs = if m.programs.is_empty() {
                String::new()
            } else {
                format!(", programs {}", m.programs.join(" "))
            };
            reasons.push(Finding {
                kind: FindingKind::Party,
                subject: subject.clone(),
                message: format!(
                    "{:?} matches {} {:?} (score {:.2}{programs})",
                    p.name, m.entity_id, m.matched_name, m.score
                ),
                source: Some(m.list.clone()),
            });
        }
        parties.push(PartyReport {
            role: p.role,
            name: p.name.clone(),
            country,
            matches,
        });
    }

    for (subject, c) in &places {
        for rule in goods.route_rules().for_country(&c.code) {
            let finding = Finding {
                kind: FindingKind::Route,
                subject: subject.clone(),
                message: format!("{} ({}): {}", c.code, c.name, rule.reason),
                source: Some(rule.source.clone()),
            };
            match rule.rule {
                RuleKind::Embargo => reasons.push(finding),
                RuleKind::Transshipment if listed_goods => reasons.push(finding),
                RuleKind::Transshipment => notes.push(Finding {
                    message: format!("{} (no listed goods in this shipment)", finding.message),
                    ..finding
                }),
            }
        }
    }

    Ok(ShipmentReport {
        reference: shipment.reference.clone(),
        verdict: if reasons.is_empty() {
            Verdict::Clear
        } else {
            Verdict::Flagged
        },
        reasons,
        notes,
        parties,
        items,
        route,
        goods_lists: goods
            .lists()
            .iter()
            .map(|l| ListUsed {
                id: l.id.clone(),
                name: l.name.clone(),
                version: l.version.clone(),
            })
            .collect(),
    })
}

/// `CHPL 2024-02-23 tier 1 (integrated circuits): integrated circuits (processors/controllers)`.
pub fn hit_text(h: &ControlHit) -> String {
    let mut s = format!("{} {}", h.list_id.to_uppercase(), h.version);
    if let Some(t) = &h.tier {
        s.push_str(&format!(" tier {t}"));
    }
    if let Some(l) = &h.tier_label {
        s.push_str(&format!(" ({l})"));
    }
    if let Some(i) = &h.item {
        s.push_str(&format!(": {i}"));
    }
    s
}

fn resolve(field: &str, text: &str) -> Result<CountryRef> {
    let code = country::code_for(text).ok_or_else(|| {
        Error::shipment(
            field,
            format!("unknown country {text:?} (use an ISO 3166 code or an English name)"),
        )
    })?;
    Ok(CountryRef {
        code: code.to_string(),
        name: country::name_for(code).unwrap_or(code).to_string(),
    })
}
