//! A derived entity (a party on no list, owned by listed parties) carries
//! its ownership findings into results: it is a match only when its name
//! matches and a rule in force captures it, and the explanation leads with
//! the finding.

use cordon_engine::{
    Entity, EntityKind, EvidenceKind, Index, OwnershipFinding, OwnershipFindings, OwnershipVerdict,
    Provenance, Query, ScreenOptions, OWNERSHIP_LIST,
};

fn finding(verdict: OwnershipVerdict, in_force: bool, summary: &str) -> OwnershipFinding {
    OwnershipFinding {
        rule_id: "ofac-50".into(),
        rule_name: "OFAC 50% rule".into(),
        citation: "31 CFR 589.406".into(),
        url: None,
        verdict,
        in_force,
        windows: "in force since 2014-08-13".into(),
        threshold_percent: 50.0,
        share_min: 55.0,
        share_max: Some(55.0),
        summary: summary.into(),
        owners: Vec::new(),
    }
}

fn derived(id: &str, name: &str, verdict: OwnershipVerdict, f: OwnershipFinding) -> Entity {
    let mut e = Entity::new(
        OWNERSHIP_LIST,
        id,
        EntityKind::Organization,
        name,
        Provenance {
            list: OWNERSHIP_LIST.into(),
            file: "owners.csv".into(),
            line: Some(3),
        },
    );
    e.ownership = Some(Box::new(OwnershipFindings {
        party_id: id.into(),
        verdict,
        summary: format!("{}: {}", f.rule_name, f.summary),
        as_of: "2026-12-02".into(),
        findings: vec![f],
    }));
    e
}

/// An index of `e` among other companies, so that its words are rare (in
/// an index of one entity every word is common and the score is damped).
fn index_with(e: Entity) -> Index {
    let mut all = vec![e];
    for (i, n) in [
        "Northern Star Shipping",
        "Baltic Amber Trading",
        "Crimson Harbour Logistics",
        "Silver Birch Holdings",
        "Eastern Gate Metals",
        "Golden Reed Textiles",
        "Iron Valley Mining",
        "Blue Lagoon Fisheries",
        "Red Cedar Timber",
        "White Falcon Airways",
        "Green Field Agro",
        "Black Sea Grain",
    ]
    .iter()
    .enumerate()
    {
        all.push(Entity::new(
            "t",
            &i.to_string(),
            EntityKind::Organization,
            n,
            Provenance {
                list: "t".into(),
                file: "f".into(),
                line: None,
            },
        ));
    }
    Index::build(all)
}

fn screen(index: &Index, name: &str) -> cordon_engine::Match {
    let q = Query {
        name: name.into(),
        ..Query::default()
    };
    index
        .screen(&q, &ScreenOptions::default())
        .into_iter()
        .next()
        .expect("a result")
}

#[test]
fn a_captured_party_is_a_match_and_its_explanation_leads_with_the_path() {
    let text = "55% held by blocked parties: 30% QODS AVIATION INDUSTRIES (ofac-sdn:16418), 25% ALABUGA MACHINERY (ofac-sdn:45713) — through KAMA DRONE PARTS LLC (100%)";
    let index = index_with(derived(
        "volga",
        "Volga Composites LLC",
        OwnershipVerdict::Captured,
        finding(OwnershipVerdict::Captured, true, text),
    ));
    let m = screen(&index, "Volga Composites");
    assert!(m.is_match, "{m:?}");
    assert!(m.explanation.summary.starts_with("OFAC 50% rule: 55% held"));
    assert!(m.explanation.summary.contains("; name: "));
    let ev = m
        .explanation
        .evidence
        .iter()
        .find(|e| e.kind == EvidenceKind::Ownership)
        .expect("an ownership evidence item");
    assert_eq!(ev.effect, 0.0);
    assert!(ev.detail.contains("31 CFR 589.406") && ev.detail.contains(text));
    let o = m.ownership.as_deref().expect("findings on the result");
    assert_eq!(o.verdict, OwnershipVerdict::Captured);
    let json = serde_json::to_value(&m).expect("serialises");
    assert_eq!(json["ownership"]["verdict"], "captured");
}

#[test]
fn below_undetermined_may_reach_or_out_of_force_is_a_finding_not_a_match() {
    for (verdict, rule_verdict, in_force) in [
        (OwnershipVerdict::Below, OwnershipVerdict::Below, true),
        (
            OwnershipVerdict::OutOfForce,
            OwnershipVerdict::Captured,
            false,
        ),
        (
            OwnershipVerdict::Undetermined,
            OwnershipVerdict::Undetermined,
            true,
        ),
        (OwnershipVerdict::MayReach, OwnershipVerdict::MayReach, true),
    ] {
        let index = index_with(derived(
            "volga",
            "Volga Composites LLC",
            verdict,
            finding(rule_verdict, in_force, "49% held by blocked parties"),
        ));
        let m = screen(&index, "Volga Composites LLC");
        assert!(m.score >= cordon_engine::DEFAULT_THRESHOLD, "{m:?}");
        assert!(!m.is_match, "{verdict}: {m:?}");
        assert_eq!(m.ownership.as_deref().map(|o| o.verdict), Some(verdict));
        let ev = m
            .explanation
            .evidence
            .iter()
            .find(|e| e.kind == EvidenceKind::Ownership)
            .expect("ownership evidence");
        assert_eq!(
            ev.detail.contains("NOT IN FORCE"),
            !in_force,
            "{}",
            ev.detail
        );
    }
}

#[test]
fn a_list_entity_has_no_findings() {
    let e = Entity::new(
        "t",
        "1",
        EntityKind::Organization,
        "Volga Composites LLC",
        Provenance {
            list: "t".into(),
            file: "f".into(),
            line: None,
        },
    );
    let m = screen(&index_with(e), "Volga Composites LLC");
    assert!(m.is_match && m.ownership.is_none());
    let json = serde_json::to_value(&m).expect("serialises");
    assert!(json.get("ownership").is_none(), "no field on list results");
}
