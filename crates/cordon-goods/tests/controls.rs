//! The control lists: every CHPL code in every form, tiers, partial codes,
//! versions.

use cordon_goods::{ControlList, GoodsCatalog, Nomenclature, RouteRules};

fn catalog() -> GoodsCatalog {
    match GoodsCatalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded goods data: {e}"),
    }
}

fn chpl(c: &GoodsCatalog) -> &ControlList {
    match c.lists().iter().find(|l| l.id == "chpl") {
        Some(l) => l,
        None => panic!("no CHPL embedded"),
    }
}

#[test]
fn chpl_2024_02_23_has_50_codes_in_six_tiers() {
    let c = catalog();
    let l = chpl(&c);
    assert_eq!(l.version, "2024-02-23");
    assert_eq!(l.entries.len(), 50);
    let mut tiers: Vec<_> = l.entries.iter().filter_map(|e| e.tier.clone()).collect();
    tiers.dedup();
    assert_eq!(tiers, ["1", "2", "3.A", "3.B", "4.A", "4.B"]);
    for e in &l.entries {
        assert!(
            c.nomenclature().get(&e.hs).is_some(),
            "{} not in HS 2022",
            e.hs
        );
        assert!(e.tier_label.is_some() && e.item.is_some(), "{}", e.hs);
    }
}

#[test]
fn every_chpl_code_is_found_in_every_form() {
    let c = catalog();
    for e in &chpl(&c).entries {
        let (h, s) = e.hs.split_at(4);
        let forms = [
            format!("{h}.{s}"),
            format!("{h}{s}"),
            format!("{h}{s}90"),
            format!("{h}.{s}.0000"),
            format!("{h}.{s}.00.00"),
        ];
        for form in forms {
            let l = c
                .lookup_code(&form)
                .unwrap_or_else(|err| panic!("{form}: {err}"));
            assert_eq!(l.code, format!("{h}.{s}"), "{form}");
            let hit = l
                .hits
                .iter()
                .find(|x| x.list_id == "chpl")
                .unwrap_or_else(|| panic!("{form}: not found on the CHPL"));
            assert_eq!(hit.tier, e.tier, "{form}");
            assert_eq!(hit.version, "2024-02-23");
        }
    }
}

#[test]
fn tier_1_processors() {
    let c = catalog();
    let l = c
        .lookup_code("8542.31.0000")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.hits.len(), 1);
    let h = &l.hits[0];
    assert_eq!(h.tier.as_deref(), Some("1"));
    assert_eq!(h.tier_label.as_deref(), Some("integrated circuits"));
    assert_eq!(
        h.item.as_deref(),
        Some("integrated circuits (processors/controllers)")
    );
    assert!(
        h.why.contains("8542.31") && h.why.contains("8542.31.0000"),
        "{}",
        h.why
    );
}

#[test]
fn partial_codes_match_listed_subheadings_under_them() {
    let c = catalog();
    let heading = c.lookup_code("8542").unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<_> = heading.hits.iter().map(|h| h.hs_code.as_str()).collect();
    assert_eq!(codes, ["8542.31", "8542.32", "8542.33", "8542.39"]);
    assert!(heading.hits[0]
        .why
        .contains("heading 8542 contains listed subheading 8542.31"));
    let chapter = c.lookup_code("85").unwrap_or_else(|e| panic!("{e}"));
    assert!(chapter.hits.len() > 20);
    assert!(chapter.hits.iter().all(|h| h.hs_code.starts_with("85")));
    assert!(c
        .lookup_code("09")
        .unwrap_or_else(|e| panic!("{e}"))
        .hits
        .is_empty());
}

const NEWER: &str = "list_id,list_name,version,source,tier,tier_label,hs6,item\n\
chpl,Common High Priority List,2099-01-01,test,1,integrated circuits,8542.31,test item\n";
const OTHER: &str = "list_id,list_name,version,source,hs_code,item\n\
ear-sup7,EAR Supplement No. 7 to part 746,2023-05-19,test,0901,coffee (test only)\n";

#[test]
fn newest_version_wins_and_other_lists_add_hits() {
    let base = catalog();
    let mut lists: Vec<ControlList> = base.lists().to_vec();
    for (f, t) in [("newer.csv", NEWER), ("other.csv", OTHER)] {
        lists.push(ControlList::parse(f, t).unwrap_or_else(|e| panic!("{e}")));
    }
    let c = GoodsCatalog::new(
        base.nomenclature().clone(),
        lists,
        base.route_rules().clone(),
    );
    assert_eq!(c.superseded().len(), 1);
    assert_eq!(c.superseded()[0].version, "2024-02-23");
    let l = c.lookup_code("8542.32").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        l.hits.is_empty(),
        "the 2099 test version lists only 8542.31"
    );
    let l = c.lookup_code("0901.21").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.hits.len(), 1);
    assert!(
        l.hits[0].why.contains("falls under listed heading 0901"),
        "{}",
        l.hits[0].why
    );
}

#[test]
fn malformed_data_files_name_file_and_line() {
    let bad = "list_id,list_name,version,source,hs6\nchpl,x,2024-01-01,s,8542.31\nchpl,x,2024-02-01,s,8542.32\n";
    let e = ControlList::parse("bad.csv", bad)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.starts_with("bad.csv:3:") && e.contains("one file holds one version"),
        "{e}"
    );
    let e = ControlList::parse(
        "bad.csv",
        "list_id,list_name,version,source,hs6\nchpl,x,2024,s,85423\n",
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(e.starts_with("bad.csv:2:"), "{e}");
    let e = RouteRules::parse("r.csv", "country,rule,reason,source\nXX,embargo,r,s\n")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("unknown country code"), "{e}");
    assert!(Nomenclature::parse("n.csv", "section,hscode,description\n").is_err());
}

#[test]
fn from_dir_reads_the_repository_data() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/goods");
    let c = GoodsCatalog::from_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.lists().len(), catalog().lists().len());
    let missing = GoodsCatalog::from_dir(std::path::Path::new("/nonexistent"));
    assert!(missing.is_err());
}

#[test]
fn embedded_control_lists_snapshot() {
    let c = catalog();
    let rows: Vec<String> = c
        .lists()
        .iter()
        .flat_map(|l| {
            l.entries.iter().map(move |e| {
                format!(
                    "{} {} tier {} {} | {}",
                    l.id,
                    l.version,
                    e.tier.as_deref().unwrap_or("-"),
                    cordon_goods::dotted(&e.hs),
                    e.item.as_deref().unwrap_or("-")
                )
            })
        })
        .collect();
    insta::assert_snapshot!(rows.join("\n"));
}
