//! The assessment against a brute-force fixpoint on small random graphs:
//! it terminates (cycles included) and finds the same captured and
//! possible parties as recomputing every party's sums until nothing
//! changes.

use cordon_ownership::{
    assess, Date, Graph, Interest, InterestKind, Party, PartyId, PartyKind, RuleSet, Share,
    SourceRef, Verdict,
};
use proptest::prelude::*;

use crate::support::{listed, on, sdn};

const N: usize = 6;

fn share() -> impl Strategy<Value = Share> {
    prop_oneof![
        (0u8..=10).prop_map(|k| Share::Exact(f64::from(k) * 10.0)),
        (0u8..=10, 0u8..=10).prop_map(|(a, b)| {
            let (lo, hi) = (a.min(b), a.max(b));
            Share::range(
                Some(f64::from(lo) * 10.0),
                Some(f64::from(hi) * 10.0),
                false,
                false,
            )
            .unwrap()
        }),
        Just(Share::Unknown),
    ]
}

fn build(edges: &[(usize, usize, Share)]) -> Graph {
    let src = SourceRef {
        file: "p".into(),
        line: None,
    };
    let mut g = Graph::new();
    for p in 0..N {
        g.add_party(Party::new(
            PartyId::new(format!("P{p}")),
            format!("P{p}"),
            PartyKind::Company,
            src.clone(),
        ));
    }
    for &(a, b, s) in edges {
        g.add_interest(Interest::new(
            PartyId::new(format!("P{a}")),
            PartyId::new(format!("P{b}")),
            s,
            InterestKind::Shareholding,
            src.clone(),
        ));
    }
    g
}

/// Recomputes every party's sum from scratch until nothing changes.
fn brute(
    edges: &[(usize, usize, Share)],
    listed: &[bool],
    inclusive: bool,
    upper: bool,
) -> Vec<bool> {
    let mut member = listed.to_vec();
    loop {
        let mut changed = false;
        for q in 0..N {
            if member[q] {
                continue;
            }
            let mut sum = 0.0;
            let mut strict = false;
            let mut unknown = false;
            for &(a, b, s) in edges {
                if b != q || !member[a] {
                    continue;
                }
                if upper {
                    match s.upper() {
                        Some(u) => {
                            sum += u.value;
                            strict |= u.strict;
                        }
                        None => unknown = true,
                    }
                } else {
                    sum += s.lower().value;
                    strict |= s.lower().strict;
                }
            }
            let meets = if upper {
                unknown || sum > 50.0 + 1e-9 || (sum >= 50.0 - 1e-9 && inclusive && !strict)
            } else {
                sum > 50.0 + 1e-9 || (sum >= 50.0 - 1e-9 && (inclusive || strict))
            };
            if meets {
                member[q] = true;
                changed = true;
            }
        }
        if !changed {
            return member;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn assess_agrees_with_a_brute_force_fixpoint(
        edges in prop::collection::vec((0..N, 0..N, share()), 0..12),
        listed_mask in prop::collection::vec(any::<bool>(), N),
    ) {
        let g = build(&edges);
        let links: Vec<(String, _)> = (0..N)
            .filter(|&p| listed_mask[p])
            .flat_map(|p| {
                [
                    (format!("P{p}"), sdn(&p.to_string())),
                    (format!("P{p}"), on("eu-fsf", &p.to_string(), &["RUS"])),
                ]
            })
            .collect();
        let links: Vec<(&str, _)> = links.iter().map(|(p, l)| (p.as_str(), l.clone())).collect();
        let l = listed(&links);
        let a = assess(&g, &l, &RuleSet::builtin(), "2026-12-01".parse::<Date>().unwrap());
        for (rule, inclusive) in [("ofac-50", true), ("eu-ownership-control", false)] {
            let captured = brute(&edges, &listed_mask, inclusive, false);
            let possible = brute(&edges, &listed_mask, inclusive, true);
            for p in 0..N {
                let id = PartyId::new(format!("P{p}"));
                let f = a.findings(&id).iter().find(|f| f.rule_id == rule);
                if listed_mask[p] {
                    prop_assert!(f.is_none());
                    continue;
                }
                let v = f.map(|f| f.verdict);
                prop_assert_eq!(v == Some(Verdict::Captured), captured[p], "{} P{} {:?}", rule, p, f.map(|f| f.summary()));
                let maybe = matches!(v, Some(Verdict::Captured | Verdict::MayReach | Verdict::Undetermined));
                prop_assert_eq!(maybe, possible[p], "{} P{} {:?}", rule, p, f.map(|f| f.summary()));
                if let Some(f) = f {
                    prop_assert!(f.share_min <= f.share_max.unwrap_or(100.0) + 1e-9);
                }
            }
        }
    }
}
