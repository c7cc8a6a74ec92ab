//! `cordon ownership NAME_OR_ID`: the tree around a party of the ownership
//! data, its listed owners and the rules that capture it.

use crate::load::snapshot;
use crate::ListArgs;
use anyhow::{bail, Result};
use clap::Args;
use cordon_engine::{OwnershipFinding, OwnershipLink, DEFAULT_THRESHOLD, OWNERSHIP_LIST};
use cordon_ownership::PartyId;
use cordon_store::ownership::{OwnershipState, TreeNode};
use serde::Serialize;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct OwnershipArgs {
    /// A party id of the ownership data (`kama`, `ownership:kama`), a list
    /// entity id (`ofac-sdn:16418`: the parties linked to it), or a name,
    /// screened against the parties of the ownership data and the lists.
    pub name_or_id: String,
    /// Name matches from this score, in [0, 1].
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Print one JSON object `{"snapshot", "as_of", "query", "parties": [...]}`.
    #[arg(long)]
    pub json: bool,
}

/// One party shown.
#[derive(Serialize)]
struct PartyView {
    party: cordon_ownership::Party,
    /// How the party was found: `id`, `list entity ENTITY_ID`, or `name
    /// (score S)`.
    found_by: String,
    /// The list entities the party itself is linked to.
    listed: Vec<OwnershipLink>,
    /// The screening entity derived from it, when it has listed owners.
    #[serde(skip_serializing_if = "Option::is_none")]
    derived_entity: Option<String>,
    owners: Vec<TreeNode>,
    subsidiaries: Vec<TreeNode>,
    findings: Vec<OwnershipFinding>,
}

#[derive(Serialize)]
struct Output<'a> {
    snapshot: &'a str,
    as_of: String,
    query: &'a str,
    parties: Vec<PartyView>,
}

pub fn run(lists: &ListArgs, a: OwnershipArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1, got {}", a.threshold);
    }
    let snap = snapshot(lists)?;
    let Some(state) = snap.ownership() else {
        bail!(
            "no ownership data loaded: give --ownership FILE (BODS JSON, FollowTheMoney, or the CSV \
             owner_id,owner_name,owner_kind,owned_id,owned_name,owned_kind,share_percent), or put \
             *.bods.json, *.bods.jsonl or ownership*.csv files in the data folder"
        );
    };
    let found = find(state, &snap, &a.name_or_id, a.threshold);
    let parties: Vec<PartyView> = found
        .into_iter()
        .filter_map(|(id, how)| view(state, &snap, id, how))
        .collect();
    let out = Output {
        snapshot: snap.version(),
        as_of: state.as_of.to_string(),
        query: &a.name_or_id,
        parties,
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print(&out);
    }
    Ok(if out.parties.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The parties `q` names: a party id, a derived entity id, a list entity
/// id (the parties linked to it), else a name.
fn find(
    state: &OwnershipState,
    snap: &cordon_store::Snapshot,
    q: &str,
    threshold: f64,
) -> Vec<(PartyId, String)> {
    let q = q.trim();
    let as_party = q
        .strip_prefix(OWNERSHIP_LIST)
        .and_then(|r| r.strip_prefix(':'))
        .unwrap_or(q);
    let id = PartyId::new(as_party);
    if state.graph.party(&id).is_some() {
        return vec![(id, "id".to_string())];
    }
    if snap.index().get(q).is_some() {
        return state
            .parties_linked_to(q)
            .into_iter()
            .map(|p| (p, format!("linked to list entity {q}")))
            .collect();
    }
    let mut out: Vec<(PartyId, String)> = state
        .search_parties(q, threshold)
        .into_iter()
        .map(|(p, s)| (p, format!("name (score {s:.2})")))
        .collect();
    // The list entities the name matches, and the parties linked to them.
    let query = cordon_engine::Query {
        name: q.to_string(),
        ..cordon_engine::Query::default()
    };
    let opts = cordon_engine::ScreenOptions {
        limit: 10,
        threshold,
    };
    for m in snap.index().screen(&query, &opts) {
        if !m.is_match && m.list != OWNERSHIP_LIST {
            continue;
        }
        if m.score < threshold || m.list == OWNERSHIP_LIST {
            continue;
        }
        for p in state.parties_linked_to(&m.entity_id) {
            if !out.iter().any(|(o, _)| *o == p) {
                out.push((
                    p,
                    format!(
                        "linked to list entity {} (name score {:.2})",
                        m.entity_id, m.score
                    ),
                ));
            }
        }
    }
    out
}

fn view(
    state: &OwnershipState,
    snap: &cordon_store::Snapshot,
    id: PartyId,
    found_by: String,
) -> Option<PartyView> {
    let party = state.graph.party(&id)?.clone();
    let derived = format!("{OWNERSHIP_LIST}:{id}");
    Some(PartyView {
        listed: state.links_of(&id),
        derived_entity: snap.index().get(&derived).map(|_| derived),
        owners: state.tree(&id, true),
        subsidiaries: state.tree(&id, false),
        findings: state.findings_of(&id),
        found_by,
        party,
    })
}

fn print(out: &Output<'_>) {
    println!(
        "query: {}   snapshot: {}   rules assessed on {}",
        out.query, out.snapshot, out.as_of
    );
    if out.parties.is_empty() {
        println!("no party of the ownership data found");
        return;
    }
    for p in &out.parties {
        println!();
        println!(
            "{} [{}] {:?}, {} — found by {}",
            p.party.label(),
            p.party.id,
            p.party.kind,
            p.party.source,
            p.found_by
        );
        for l in &p.listed {
            println!("  LISTED itself: {}", link_text(l));
        }
        if let Some(d) = &p.derived_entity {
            println!("  screened as {d}");
        }
        println!("  owners:");
        if p.owners.is_empty() {
            println!("    (none in the data)");
        }
        print_tree(&p.owners, 2);
        println!("  holdings:");
        if p.subsidiaries.is_empty() {
            println!("    (none in the data)");
        }
        print_tree(&p.subsidiaries, 2);
        println!("  rules:");
        if p.findings.is_empty() {
            println!("    no owner linked to a list");
        }
        for f in &p.findings {
            println!(
                "    {}: {}{} — {}",
                f.rule_name,
                f.verdict.as_str().to_uppercase(),
                if f.in_force {
                    String::new()
                } else {
                    format!(" (NOT IN FORCE: {})", f.windows)
                },
                f.summary
            );
            println!("      {}", f.citation);
        }
    }
}

fn link_text(l: &OwnershipLink) -> String {
    format!(
        "{} {} ({}, score {:.2}; {})",
        l.entity_id,
        l.name,
        if l.programs.is_empty() {
            l.list.clone()
        } else if l.programs.len() > 3 {
            format!(
                "{}, … {} programs",
                l.programs[..3].join(", "),
                l.programs.len()
            )
        } else {
            l.programs.join(", ")
        },
        l.score,
        l.method
    )
}

fn print_tree(nodes: &[TreeNode], depth: usize) {
    let pad = "  ".repeat(depth);
    for n in nodes {
        let dates = match (&n.start_date, &n.end_date) {
            (None, None) => String::new(),
            (s, e) => format!(
                ", {} to {}",
                s.as_deref().unwrap_or("?"),
                e.as_deref().unwrap_or("")
            ),
        };
        println!(
            "{pad}{}{} {} [{}]{}{}  ({}{dates})",
            if n.current { "" } else { "ENDED " },
            n.share,
            n.name,
            n.party_id,
            if n.interest == "shareholding" {
                String::new()
            } else {
                format!(" ({})", n.interest)
            },
            if n.direct { "" } else { " indirect" },
            n.source
        );
        for l in &n.listed {
            println!("{pad}  LISTED: {}", link_text(l));
        }
        if let Some(c) = n.cut {
            println!("{pad}  ({c})");
        }
        print_tree(&n.children, depth + 1);
    }
}
