//! Builders for hand-made graphs: parties and interests written as CSV
//! rows (so the CSV loader is exercised too), list links by hand.

use cordon_ownership::{
    assess, load_str, Assessment, Date, Finding, Format, Graph, LinkMethod, Listed, ListedParty,
    PartyId, RuleSet,
};

pub const HEADER: &str =
    "owner_id,owner_name,owner_kind,owned_id,owned_name,owned_kind,share_percent";

/// A graph from CSV rows (`owner,owned,share` with names = ids and kind
/// company), given without the header.
pub fn graph(rows: &[&str]) -> Graph {
    let mut text = String::from(HEADER);
    text.push('\n');
    for r in rows {
        let mut f = r.splitn(3, ',');
        let (a, b, s) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap_or(""));
        text.push_str(&format!("{a},{a},company,{b},{b},company,{s}\n"));
    }
    load_str(&text, Format::Csv, "test.csv").unwrap()
}

/// A list entity on `list` with `programs`, linked by identifier.
pub fn on(list: &str, number: &str, programs: &[&str]) -> ListedParty {
    ListedParty {
        entity_id: format!("{list}:{number}"),
        list: list.to_string(),
        programs: programs.iter().map(|p| p.to_string()).collect(),
        name: String::new(),
        score: 1.0,
        method: LinkMethod::Identifier {
            scheme: "test".into(),
            value: number.into(),
        },
    }
}

/// Links parties (by id) to list entities.
pub fn listed(links: &[(&str, ListedParty)]) -> Listed {
    let mut out = Listed::new();
    for (id, l) in links {
        out.entry(PartyId::new(*id)).or_default().push(l.clone());
    }
    out
}

/// An SDN link (OFAC 50% rule).
pub fn sdn(n: &str) -> ListedParty {
    on("ofac-sdn", n, &["RUSSIA-EO14024"])
}

pub fn day(s: &str) -> Date {
    s.parse().unwrap()
}

pub fn run(g: &Graph, l: &Listed) -> Assessment {
    assess(g, l, &RuleSet::builtin(), day("2026-12-01"))
}

/// The finding of a rule on a party, if any.
pub fn finding<'a>(a: &'a Assessment, party: &str, rule: &str) -> Option<&'a Finding> {
    a.findings(&PartyId::new(party))
        .iter()
        .find(|f| f.rule_id == rule)
}
