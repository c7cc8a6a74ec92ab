//! The assessment on hand-built graphs: every corner case of the issue.

use cordon_ownership::{Basis, Measure, PartyId, Problem, Verdict};

use crate::support::*;

#[test]
fn two_blocked_owners_of_30_and_25_percent_capture_a_company_and_its_subsidiary() {
    let mut text = String::from(HEADER);
    text.push_str(
        "\nQAI,QODS AVIATION INDUSTRIES,company,KDP,Kama Drone Parts LLC,company,30\n\
         ALM,ALABUGA MACHINERY,company,KDP,Kama Drone Parts LLC,company,25%\n\
         KDP,Kama Drone Parts LLC,company,VC,Volga Composites LLC,company,100\n",
    );
    let g = cordon_ownership::load_str(&text, cordon_ownership::Format::Csv, "kyc.csv").unwrap();
    let l = listed(&[("QAI", sdn("16418")), ("ALM", sdn("45713"))]);
    let a = run(&g, &l);
    let kama = finding(&a, "KDP", "ofac-50").unwrap();
    assert_eq!(kama.verdict, Verdict::Captured);
    assert_eq!(kama.share_min, 55.0);
    assert_eq!(
        kama.summary(),
        "55% held by blocked parties: 30% QODS AVIATION INDUSTRIES (ofac-sdn:16418), 25% ALABUGA MACHINERY (ofac-sdn:45713)"
    );
    let volga = finding(&a, "VC", "ofac-50").unwrap();
    assert_eq!(volga.verdict, Verdict::Captured);
    assert_eq!(volga.contributions.len(), 1);
    let c = &volga.contributions[0];
    assert_eq!(c.owner, PartyId::new("KDP"));
    assert!(matches!(c.basis, Basis::Captured { .. }));
    assert_eq!(c.path.len(), 3, "{:?}", c.path);
    assert_eq!(c.path[1], PartyId::new("KDP"));
    assert_eq!(c.path[2], PartyId::new("VC"));
    assert_eq!(
        volga.summary(),
        "100% held by blocked parties: 100% Kama Drone Parts LLC (captured: QODS AVIATION INDUSTRIES → Kama Drone Parts LLC)"
    );
    assert!(volga.in_force);
    // The listed owners get no finding of their own rule.
    assert!(finding(&a, "QAI", "ofac-50").is_none());
}

#[test]
fn a_chain_of_60_100_100_captures_every_link_not_multiplied_through() {
    let g = graph(&["A,B,60", "B,C,100", "C,D,100"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    for p in ["B", "C", "D"] {
        let f = finding(&a, p, "ofac-50").unwrap();
        assert_eq!(f.verdict, Verdict::Captured, "{p}");
    }
    assert_eq!(finding(&a, "B", "ofac-50").unwrap().share_min, 60.0);
    assert_eq!(finding(&a, "D", "ofac-50").unwrap().share_min, 100.0);
    let d = &finding(&a, "D", "ofac-50").unwrap().contributions[0];
    let path: Vec<&str> = d.path.iter().map(PartyId::as_str).collect();
    assert_eq!(path, ["A", "B", "C", "D"]);
}

#[test]
fn a_minority_link_breaks_the_chain() {
    // 30% of B: B is not captured, so its 100% of C counts for nothing.
    let g = graph(&["A,B,30", "B,C,100"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    assert_eq!(finding(&a, "B", "ofac-50").unwrap().verdict, Verdict::Below);
    assert!(finding(&a, "C", "ofac-50").is_none());
}

#[test]
fn forty_nine_point_nine_percent_stays_below_and_says_why() {
    let g = graph(&["A,B,49.9"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let f = finding(&a, "B", "ofac-50").unwrap();
    assert_eq!(f.verdict, Verdict::Below);
    assert!(!f.verdict.is_match());
    assert_eq!(f.share_max, Some(49.9));
    assert_eq!(
        f.summary(),
        "49.9% held by blocked parties: below the 50% threshold: 49.9% A (ofac-sdn:1)"
    );
}

#[test]
fn a_cycle_terminates_and_is_reported() {
    // B and C hold each other; A (blocked) holds 30% of B.
    let g = graph(&["A,B,30", "B,C,60", "C,B,60"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    assert_eq!(finding(&a, "B", "ofac-50").unwrap().verdict, Verdict::Below);
    assert!(finding(&a, "C", "ofac-50").is_none());
    let cycles: Vec<&Problem> = a
        .problems
        .iter()
        .filter(|p| matches!(p, Problem::Cycle { .. }))
        .collect();
    assert_eq!(
        cycles,
        [&Problem::Cycle {
            parties: vec![PartyId::new("B"), PartyId::new("C")]
        }]
    );
    // A captured member captures the whole cycle, once.
    let g = graph(&["A,B,60", "B,C,60", "C,B,40"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    assert_eq!(
        finding(&a, "C", "ofac-50").unwrap().verdict,
        Verdict::Captured
    );
    let b = finding(&a, "B", "ofac-50").unwrap();
    assert_eq!(b.verdict, Verdict::Captured);
    assert_eq!(b.share_min, 100.0, "60% from A and 40% from the captured C");
}

#[test]
fn a_self_owning_party_is_a_cycle() {
    let g = graph(&["A,A,10"]);
    let problems = g.problems_on(day("2026-01-01"));
    assert!(problems.contains(&Problem::Cycle {
        parties: vec![PartyId::new("A")]
    }));
}

#[test]
fn shares_over_100_percent_are_reported() {
    let g = graph(&["A,C,70", "B,C,50"]);
    let problems = g.problems_on(day("2026-01-01"));
    assert!(
        problems.iter().any(|p| matches!(p, Problem::OverAllocated { party, total_min, .. } if party.as_str() == "C" && *total_min == 120.0)),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_share_is_not_determined_never_zero() {
    let g = graph(&["A,B,"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let f = finding(&a, "B", "ofac-50").unwrap();
    assert_eq!(f.verdict, Verdict::Undetermined);
    assert_eq!(f.share_max, None);
    assert_eq!(f.share_min, 0.0);
    assert!(
        f.summary()
            .starts_with("not determined: the share of A is unknown"),
        "{}",
        f.summary()
    );
    // It carries on: what B holds may be captured too.
    let g = graph(&["A,B,", "B,C,100"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let c = finding(&a, "C", "ofac-50").unwrap();
    assert_eq!(c.verdict, Verdict::MayReach);
    assert!(matches!(
        c.contributions[0].basis,
        Basis::MayBeCaptured { .. }
    ));
    // A known part below the threshold and an unknown part.
    let g = graph(&["A,B,30", "X,B,"]);
    let a = run(&g, &listed(&[("A", sdn("1")), ("X", sdn("2"))]));
    let f = finding(&a, "B", "ofac-50").unwrap();
    assert_eq!(f.verdict, Verdict::Undetermined);
    assert_eq!(f.share_min, 30.0);
    // An unknown share next to a captured majority: captured all the same.
    let g = graph(&["A,B,60", "X,B,"]);
    let a = run(&g, &listed(&[("A", sdn("1")), ("X", sdn("2"))]));
    assert_eq!(
        finding(&a, "B", "ofac-50").unwrap().verdict,
        Verdict::Captured
    );
}

#[test]
fn ranges_count_at_their_bounds() {
    let g = graph(&["A,B,40-60"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let f = finding(&a, "B", "ofac-50").unwrap();
    assert_eq!(f.verdict, Verdict::MayReach);
    assert_eq!((f.share_min, f.share_max), (40.0, Some(60.0)));
    assert_eq!(
        f.summary(),
        "at least 40%, at most 60% held by blocked parties: may reach 50%: at least 40%, at most 60% A (ofac-sdn:1)"
    );
    let g = graph(&["A,B,50-70"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let f = finding(&a, "B", "ofac-50").unwrap();
    assert_eq!(f.verdict, Verdict::Captured);
    assert!(
        f.summary()
            .starts_with("at least 50% held by blocked parties"),
        "{}",
        f.summary()
    );
    let g = graph(&["A,B,10-40"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    assert_eq!(finding(&a, "B", "ofac-50").unwrap().verdict, Verdict::Below);
}

#[test]
fn exclusive_bounds_and_strict_thresholds() {
    let both = |a: &str| listed(&[(a, sdn("1")), (a, on("eu-fsf", "EU.1", &["RUS"]))]);
    // Exactly 50%: OFAC (50% or more) captures, the EU (more than 50%) not.
    let g = graph(&["A,B,50"]);
    let a = run(&g, &both("A"));
    assert_eq!(
        finding(&a, "B", "ofac-50").unwrap().verdict,
        Verdict::Captured
    );
    let eu = finding(&a, "B", "eu-ownership-control").unwrap();
    assert_eq!(eu.verdict, Verdict::Below);
    assert!(
        eu.summary().contains("not above the 50% threshold"),
        "{}",
        eu.summary()
    );
    // More than 50%: captured under both.
    let g = graph(&["A,B,more than 50"]);
    let a = run(&g, &both("A"));
    assert_eq!(
        finding(&a, "B", "ofac-50").unwrap().verdict,
        Verdict::Captured
    );
    assert_eq!(
        finding(&a, "B", "eu-ownership-control").unwrap().verdict,
        Verdict::Captured
    );
    // Less than 50%: cannot reach OFAC's 50%.
    let g = graph(&["A,B,less than 50"]);
    let a = run(&g, &both("A"));
    assert_eq!(finding(&a, "B", "ofac-50").unwrap().verdict, Verdict::Below);
    // Up to 50% (inclusive): may reach OFAC's, not the EU's.
    let g = graph(&["A,B,up to 50"]);
    let a = run(&g, &both("A"));
    assert_eq!(
        finding(&a, "B", "ofac-50").unwrap().verdict,
        Verdict::MayReach
    );
    assert_eq!(
        finding(&a, "B", "eu-ownership-control").unwrap().verdict,
        Verdict::Below
    );
}

fn eu_and_uk(a: &str) -> cordon_ownership::Listed {
    listed(&[
        (a, on("eu-fsf", "EU.1", &["RUS"])),
        (a, on("uk-fcdo", "RUS0001", &["Russia"])),
        (a, sdn("1")),
    ])
}

fn with_interest(rows: &[(&str, &str, &str, &str)]) -> cordon_ownership::Graph {
    let mut text = String::from(HEADER);
    text.push_str(",interest\n");
    for (a, b, s, i) in rows {
        text.push_str(&format!("{a},{a},person,{b},{b},company,{s},{i}\n"));
    }
    cordon_ownership::load_str(&text, cordon_ownership::Format::Csv, "t.csv").unwrap()
}

#[test]
fn control_captures_under_the_eu_and_uk_tests_not_under_ofac() {
    let g = with_interest(&[("A", "B", "", "control"), ("B", "C", "100", "")]);
    let a = run(&g, &eu_and_uk("A"));
    for rule in ["eu-ownership-control", "uk-ownership-control"] {
        let f = finding(&a, "B", rule).unwrap();
        assert_eq!(f.verdict, Verdict::Captured, "{rule}");
        assert_eq!(f.measure, Measure::Control);
        assert!(matches!(f.contributions[0].basis, Basis::Controls { .. }));
        assert!(f.summary().starts_with("controlled by "), "{}", f.summary());
        // And what the controlled company owns.
        assert_eq!(finding(&a, "C", rule).unwrap().verdict, Verdict::Captured);
    }
    assert!(finding(&a, "B", "ofac-50").is_none());
    assert!(finding(&a, "C", "ofac-50").is_none());
}

#[test]
fn a_directorship_is_an_indication_not_control() {
    let g = with_interest(&[("A", "B", "", "director")]);
    let a = run(&g, &eu_and_uk("A"));
    let f = finding(&a, "B", "eu-ownership-control").unwrap();
    assert_eq!(f.verdict, Verdict::MayReach);
    assert_eq!(f.measure, Measure::Control);
    assert!(finding(&a, "B", "ofac-50").is_none());
}

#[test]
fn voting_rights_count_under_control_tests_only() {
    let g = with_interest(&[
        ("A", "B", "20", "shareholding"),
        ("A", "B", "60", "voting_rights"),
    ]);
    let a = run(&g, &eu_and_uk("A"));
    let eu = finding(&a, "B", "eu-ownership-control").unwrap();
    assert_eq!(eu.verdict, Verdict::Captured);
    assert_eq!(eu.measure, Measure::VotingRights);
    assert!(
        eu.summary().starts_with("60% of the voting rights held by"),
        "{}",
        eu.summary()
    );
    let ofac = finding(&a, "B", "ofac-50").unwrap();
    assert_eq!(ofac.verdict, Verdict::Below);
    assert_eq!(ofac.share_min, 20.0);
}

#[test]
fn a_party_listed_for_one_rule_only_counts_for_that_rule() {
    let g = graph(&["A,B,100"]);
    let a = run(&g, &listed(&[("A", on("eu-fsf", "EU.9", &["RUS"]))]));
    assert_eq!(
        finding(&a, "B", "eu-ownership-control").unwrap().verdict,
        Verdict::Captured
    );
    assert!(finding(&a, "B", "ofac-50").is_none());
    assert!(finding(&a, "B", "uk-ownership-control").is_none());
}

#[test]
fn the_affiliates_rule_is_reported_out_of_force_while_suspended() {
    let g = graph(&["EL1,B,50", "EL1,C,49"]);
    let l = listed(&[("EL1", on("us-csl", "abc", &["EL"]))]);
    let rules = cordon_ownership::RuleSet::builtin();
    let suspended = cordon_ownership::assess(&g, &l, &rules, day("2026-01-15"));
    let f = finding(&suspended, "B", "bis-affiliates").unwrap();
    assert_eq!(f.verdict, Verdict::Captured);
    assert!(!f.in_force);
    assert_eq!(
        f.windows_text,
        "in force 2025-09-29 to 2025-11-09 and from 2026-11-10"
    );
    assert!(f.citation.contains("90 FR 47201"));
    let back = cordon_ownership::assess(&g, &l, &rules, day("2026-12-01"));
    let f = finding(&back, "B", "bis-affiliates").unwrap();
    assert!(f.in_force);
    let c = finding(&back, "C", "bis-affiliates").unwrap();
    assert_eq!(c.verdict, Verdict::Below);
    assert_eq!(
        c.summary(),
        "49% held by parties on the Entity List, the MEU List or the SDN programs of 15 CFR 744.8: below the 50% threshold: 49% EL1 (us-csl:abc)"
    );
    // An Entity List party is not a blocked person.
    assert!(finding(&back, "B", "ofac-50").is_none());
}

#[test]
fn a_joint_interest_counts_when_all_holders_are_listed_and_may_reach_when_some_are() {
    let row = |j: &str| {
        let text = format!(
            "{HEADER},joint_with\nA,A,person,C,C,company,60,{j}\nB,B,person,C,C,company,,\n"
        );
        cordon_ownership::load_str(&text, cordon_ownership::Format::Csv, "j.csv").unwrap()
    };
    // B's own row (unknown share) is left out by removing its link.
    let g = row("B");
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let f = finding(&a, "C", "ofac-50").unwrap();
    assert_eq!(f.verdict, Verdict::MayReach);
    assert_eq!(f.share_min, 0.0);
    assert!(f.summary().contains("jointly with B"), "{}", f.summary());
    let a = run(&g, &listed(&[("A", sdn("1")), ("B", sdn("2"))]));
    let f = finding(&a, "C", "ofac-50").unwrap();
    // 60% held jointly by two blocked parties, and B's unknown share.
    assert_eq!(f.verdict, Verdict::Captured);
    assert_eq!(f.share_min, 60.0);
}

#[test]
fn ended_interests_count_for_no_rule() {
    let text = format!(
        "{HEADER},start_date,end_date\nA,A,person,B,B,company,100,2015,2023-03-02\nA,A,person,C,C,company,100,2015-01-01,\n"
    );
    let g = cordon_ownership::load_str(&text, cordon_ownership::Format::Csv, "d.csv").unwrap();
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    assert!(finding(&a, "B", "ofac-50").is_none());
    assert_eq!(
        finding(&a, "C", "ofac-50").unwrap().verdict,
        Verdict::Captured
    );
    let then = cordon_ownership::assess(
        &g,
        &listed(&[("A", sdn("1"))]),
        &cordon_ownership::RuleSet::builtin(),
        day("2020-06-01"),
    );
    assert_eq!(
        finding(&then, "B", "ofac-50").unwrap().verdict,
        Verdict::Captured
    );
}

#[test]
fn a_deep_chain_needs_no_recursion() {
    let n = 50_000;
    let rows: Vec<String> = (0..n).map(|i| format!("P{i},P{},100", i + 1)).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let g = graph(&rows);
    let a = run(&g, &listed(&[("P0", sdn("1"))]));
    let last = finding(&a, &format!("P{n}"), "ofac-50").unwrap();
    assert_eq!(last.verdict, Verdict::Captured);
    // The reported path is bounded.
    assert!(last.contributions[0].path.len() <= cordon_ownership::limits::MAX_PATH_LEN + 1);
    assert!(g
        .problems_on(day("2026-01-01"))
        .iter()
        .all(|p| !matches!(p, Problem::Cycle { .. })));
}

#[test]
fn findings_serialise_for_the_json_outputs() {
    let g = graph(&["A,B,60"]);
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let f = finding(&a, "B", "ofac-50").unwrap();
    let v = serde_json::to_value(f).unwrap();
    assert_eq!(v["verdict"], "captured");
    assert_eq!(v["contributions"][0]["basis"]["basis"], "listed");
    assert_eq!(v["contributions"][0]["share"]["exact"], 60.0);
}

#[test]
fn an_indirect_interest_without_its_chain_is_not_determined() {
    // Only the summary: A holds 60% of C indirectly, intermediaries unknown.
    let bods = r#"[
      {"recordId":"A","recordType":"entity","recordDetails":{"name":"A"}},
      {"recordId":"C","recordType":"entity","recordDetails":{"name":"C"}},
      {"recordId":"r","recordType":"relationship","recordDetails":{"subject":"C","interestedParty":"A",
        "interests":[{"type":"shareholding","directOrIndirect":"indirect","share":{"exact":60}}]}}]"#;
    let g = cordon_ownership::load_str(bods, cordon_ownership::Format::Bods, "i.json").unwrap();
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let f = finding(&a, "C", "ofac-50").unwrap();
    assert_eq!(f.verdict, Verdict::Undetermined);
    assert_eq!(f.share_max, None);
    assert!(!f.contributions[0].direct);
    assert!(
        f.summary()
            .contains("an indirect interest (intermediaries not in the data) A"),
        "{}",
        f.summary()
    );
    // With the chain in the graph (A 60% of B, B 100% of C) the summary is
    // left out and the chain decides.
    let with_chain = r#"[
      {"recordId":"A","recordType":"entity","recordDetails":{"name":"A"}},
      {"recordId":"B","recordType":"entity","recordDetails":{"name":"B"}},
      {"recordId":"C","recordType":"entity","recordDetails":{"name":"C"}},
      {"recordId":"r1","recordType":"relationship","recordDetails":{"subject":"B","interestedParty":"A",
        "interests":[{"type":"shareholding","directOrIndirect":"direct","share":{"exact":60}}]}},
      {"recordId":"r2","recordType":"relationship","recordDetails":{"subject":"C","interestedParty":"B",
        "interests":[{"type":"shareholding","directOrIndirect":"direct","share":{"exact":100}}]}},
      {"recordId":"r","recordType":"relationship","recordDetails":{"subject":"C","interestedParty":"A",
        "interests":[{"type":"shareholding","directOrIndirect":"indirect","share":{"exact":60}}]}}]"#;
    let g =
        cordon_ownership::load_str(with_chain, cordon_ownership::Format::Bods, "c.json").unwrap();
    let a = run(&g, &listed(&[("A", sdn("1"))]));
    let f = finding(&a, "C", "ofac-50").unwrap();
    assert_eq!(f.verdict, Verdict::Captured);
    assert_eq!(f.share_min, 100.0, "B's 100%, not also A's indirect 60%");
    assert_eq!(f.contributions.len(), 1);
}

#[test]
fn problems_read_as_sentences() {
    let g = graph(&["A,B,70", "C,B,50", "B,D,60", "D,B,10"]);
    let texts: Vec<String> = g
        .problems_on(day("2026-01-01"))
        .iter()
        .map(|p| p.describe(&g))
        .collect();
    assert!(
        texts.contains(&"the shares held in B add up to 130% (more than 100%)".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"ownership cycle: B → D → B".to_string()),
        "{texts:?}"
    );
}
