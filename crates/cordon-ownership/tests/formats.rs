//! The loaders: BODS, FollowTheMoney and CSV, the format detection, bad
//! input, and the same structure in two formats giving the same result.

use std::path::{Path, PathBuf};

use cordon_ownership::{
    load_path, load_str, Format, InterestKind, OwnershipError, PartyId, PartyKind, Problem, Share,
    Verdict,
};

use crate::support::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A file under `$CORDON_DATA`, `None` (saying why) when it is not set; a
/// set `CORDON_DATA` without the file fails.
fn shared_data(rel: &str) -> Option<PathBuf> {
    let Ok(root) = std::env::var("CORDON_DATA") else {
        println!("skipping: CORDON_DATA not set");
        return None;
    };
    let path = PathBuf::from(root).join(rel);
    assert!(
        path.exists(),
        "CORDON_DATA is set but {} does not exist",
        path.display()
    );
    Some(path)
}

fn invalid_at(e: &OwnershipError) -> (String, Option<usize>) {
    match e {
        OwnershipError::Invalid { file, line, .. } | OwnershipError::Limit { file, line, .. } => {
            (file.clone(), *line)
        }
        other => panic!("not an invalid-record error: {other}"),
    }
}

#[test]
fn every_bods_example_loads() {
    let Some(dir) = shared_data("specs/bods/examples") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 19, "{} examples", files.len());
    for f in &files {
        let g = load_path(f).unwrap_or_else(|e| panic!("{e}"));
        assert!(g.stats().parties > 0, "{}", f.display());
        assert_eq!(g.stats().files, 1);
    }
}

#[test]
fn bods_examples_keep_their_structure() {
    let Some(dir) = shared_data("specs/bods/examples") else {
        return;
    };
    // Ranges with exclusive bounds.
    let g = load_path(&dir.join("bods-package-linking-annotations.json")).unwrap();
    let i: Vec<_> = g.interests().collect();
    assert_eq!(i.len(), 1);
    assert_eq!(
        i[0].share,
        Share::Range {
            min: Some(25.0),
            max: Some(50.0),
            exclusive_min: true,
            exclusive_max: true
        }
    );
    // Minimum with an exclusive maximum of 100.
    let g = load_path(&dir.join("bods-package-entity-owning-entity.json")).unwrap();
    let i: Vec<_> = g.interests().collect();
    assert_eq!(
        i[0].share,
        Share::Range {
            min: Some(75.0),
            max: Some(100.0),
            exclusive_min: false,
            exclusive_max: true
        }
    );
    assert_eq!(g.label(&i[0].owner), "MVJ LIMITED");
    assert_eq!(g.label(&i[0].owned), "JENEX LIMITED");
    // Joint ownership: an arrangement held 50/50 by two people.
    let g = load_path(&dir.join("joint-ownership.json")).unwrap();
    let arr = g.party(&PartyId::new("91b4236a7d89")).unwrap();
    assert_eq!(arr.kind, PartyKind::Arrangement);
    assert_eq!(g.owners_of(&arr.id).count(), 2);
    let chrinon = g.party(&PartyId::new("31c55e425764")).unwrap();
    assert_eq!(chrinon.identifiers[0].scheme, "GB-COH");
    assert_eq!(chrinon.identifiers[0].value, "07444723");
    assert_eq!(chrinon.countries, ["GB"]);
    // Updated records: the latest statement of a record wins; closed ones
    // are gone (Maria Esteves and her interest were closed in 2023).
    let g = load_path(&dir.join("tecido.json")).unwrap();
    let shares: Vec<(String, Share)> = g
        .interests()
        .filter(|i| i.kind == InterestKind::Shareholding)
        .map(|i| (g.label(&i.owner).to_string(), i.share))
        .collect();
    assert_eq!(shares, [("Shear Trust".to_string(), Share::Exact(80.0))]);
    assert!(g.party(&PartyId::new("018AF6B3EB")).is_none());
    // An unspecified interested party is reported.
    let g = load_path(&dir.join("listed-company-exempt-from-disclosure.json")).unwrap();
    assert_eq!(g.interests().count(), 0);
    assert!(g
        .problems()
        .iter()
        .any(|p| matches!(p, Problem::UnspecifiedOwner { .. })));
    // Indirect interests are kept as such.
    let g = load_path(&dir.join("indirect-ownership.json")).unwrap();
    assert_eq!(g.interests().filter(|i| !i.direct).count(), 1);
    // A state's control of a ministry.
    let g = load_path(&dir.join("bods-package-fi-soe.json")).unwrap();
    assert_eq!(
        g.interests()
            .filter(|i| i.kind == InterestKind::Control)
            .count(),
        1
    );
    assert_eq!(
        g.party(&PartyId::new("05ce06ec97b1")).unwrap().kind,
        PartyKind::PublicBody
    );
}

#[test]
fn an_indirect_summary_is_not_counted_twice_when_its_chain_is_present() {
    let Some(dir) = shared_data("specs/bods/examples") else {
        return;
    };
    // Person 1 holds 50% of A directly and 50% indirectly through B (B
    // holds 50% of A; Person 1's interest in B is of unknown nature).
    let g = load_path(&dir.join("mixed-direct-and-indirect-ownership.json")).unwrap();
    let l = listed(&[("53508b65253f", sdn("1"))]);
    let a = run(&g, &l);
    let company_a = finding(&a, "9bfe59b6a869", "ofac-50").unwrap();
    assert_eq!(
        company_a.verdict,
        Verdict::Captured,
        "{}",
        company_a.summary()
    );
    assert_eq!(
        company_a.share_min, 50.0,
        "the 50% direct only; the indirect 50% is B's"
    );
    let b = finding(&a, "ec61aeda7141", "ofac-50").unwrap();
    assert_eq!(b.verdict, Verdict::Undetermined);
}

#[test]
fn the_bods_joint_arrangement_is_assessed_like_any_party() {
    let Some(dir) = shared_data("specs/bods/examples") else {
        return;
    };
    // CHRINON LTD is 100% held by a joint shareholding (an arrangement)
    // that Natalie Coleman and Roberto Lopez hold 50% each.
    let g = load_path(&dir.join("joint-ownership.json")).unwrap();
    let natalie = listed(&[
        ("1accb8b18b99", sdn("1")),
        ("1accb8b18b99", on("eu-fsf", "EU.1", &["RUS"])),
    ]);
    let a = run(&g, &natalie);
    // OFAC: 50% or more: the arrangement, then CHRINON.
    assert_eq!(
        finding(&a, "91b4236a7d89", "ofac-50").unwrap().verdict,
        Verdict::Captured
    );
    let chrinon = finding(&a, "31c55e425764", "ofac-50").unwrap();
    assert_eq!(chrinon.verdict, Verdict::Captured);
    let path: Vec<&str> = chrinon.contributions[0]
        .path_names
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        path,
        ["Natalie Coleman", "Joint shareholding", "CHRINON LTD"]
    );
    // EU: more than 50%: half of the arrangement is not enough.
    assert_eq!(
        finding(&a, "91b4236a7d89", "eu-ownership-control")
            .unwrap()
            .verdict,
        Verdict::Below
    );
    assert!(finding(&a, "31c55e425764", "eu-ownership-control").is_none());
}

#[test]
fn a_bods_file_and_a_csv_with_the_same_structure_give_the_same_assessment() {
    let l = listed(&[("qai", sdn("16418")), ("alm", sdn("45713"))]);
    let csv = load_path(&fixture("kama.csv")).unwrap();
    let mut summaries = Vec::new();
    for g in [
        csv,
        load_path(&fixture("kama.bods.json")).unwrap(),
        load_path(&fixture("kama.bods.jsonl")).unwrap(),
    ] {
        let a = run(&g, &l);
        let s: Vec<(String, Verdict, f64, String)> = ["kdp", "volga"]
            .iter()
            .map(|p| {
                let f = finding(&a, p, "ofac-50").unwrap();
                (p.to_string(), f.verdict, f.share_min, f.summary())
            })
            .collect();
        summaries.push(s);
    }
    assert_eq!(summaries[0][1].1, Verdict::Captured);
    assert_eq!(
        summaries[0][1].3,
        "100% held by blocked parties: 100% Kama Drone Parts LLC (captured: Qods Aviation Industries → Kama Drone Parts LLC)"
    );
    assert_eq!(summaries[0], summaries[1]);
    assert_eq!(summaries[1], summaries[2]);
}

#[test]
fn the_zala_ownership_file_loads_with_its_structure() {
    let Some(path) = shared_data("lists/opensanctions/zala.entities.ftm.json") else {
        return;
    };
    let g = load_path(&path).unwrap();
    let own: Vec<_> = g
        .interests()
        .filter(|i| i.kind == InterestKind::Shareholding)
        .collect();
    assert_eq!(own.len(), 14, "Ownership edges");
    assert_eq!(
        g.interests()
            .filter(|i| i.kind == InterestKind::Directorship)
            .count(),
        3
    );
    let owner_names: Vec<&str> = own.iter().map(|i| g.label(&i.owner)).collect();
    assert!(
        owner_names.contains(&"JSC Kalashnikov Concern"),
        "{owner_names:?}"
    );
    assert!(
        owner_names.contains(&"Alexander Vyacheslavovich ZAKHAROV"),
        "{owner_names:?}"
    );
    assert!(
        !g.problems()
            .iter()
            .any(|p| matches!(p, Problem::UndescribedParty { .. })),
        "every owner and asset is described in the file"
    );
    // Ended ownerships are kept with their dates; four have no percentage.
    assert_eq!(own.iter().filter(|i| i.end_date.is_some()).count(), 11);
    assert_eq!(own.iter().filter(|i| i.share == Share::Unknown).count(), 4);
    // Parties carry identifiers for linking.
    let kalashnikov = own
        .iter()
        .find(|i| g.label(&i.owner) == "JSC Kalashnikov Concern")
        .map(|i| g.party(&i.owner).unwrap())
        .unwrap();
    assert!(kalashnikov
        .identifiers
        .iter()
        .any(|i| i.scheme == "innCode"));
    assert!(kalashnikov.countries.contains(&"RU".to_string()));
    // Current holders of LLC CST: Kalashnikov 49%, Zakharov 51% (his 48%
    // and 50% ended), Kalashnikov's "subsidiary of" without a share.
    let cst = own
        .iter()
        .find(|i| g.label(&i.owned) == "LLC CST")
        .map(|i| i.owned.clone())
        .unwrap();
    let day = day("2026-01-15");
    let mut current: Vec<(String, Share)> = g
        .owners_of(&cst)
        .filter(|i| i.kind == InterestKind::Shareholding && i.current_on(day))
        .map(|i| (g.label(&i.owner).to_string(), i.share))
        .collect();
    current.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        current,
        [
            (
                "Alexander Vyacheslavovich ZAKHAROV".to_string(),
                Share::Exact(51.0)
            ),
            ("JSC Kalashnikov Concern".to_string(), Share::Unknown),
            ("JSC Kalashnikov Concern".to_string(), Share::Exact(49.0)),
        ]
    );
}

#[test]
fn the_format_is_told_from_name_and_content() {
    let d = |name: &str, text: &str| cordon_ownership::detect(Path::new(name), text);
    assert_eq!(d("x.csv", "").unwrap(), Format::Csv);
    assert_eq!(
        d("x.json", "[{\"statementId\":\"1\"}]").unwrap(),
        Format::Bods
    );
    assert_eq!(
        d("x.jsonl", "{\"recordType\":\"entity\"}\n").unwrap(),
        Format::Bods
    );
    assert_eq!(
        d("x.json", "\n{\"id\":\"a\",\"schema\":\"Company\"}\n").unwrap(),
        Format::Ftm
    );
    assert!(matches!(
        d("x.json", "{\"a\":1}"),
        Err(OwnershipError::UnknownFormat { .. })
    ));
    assert!(matches!(
        d("x.txt", "hello"),
        Err(OwnershipError::UnknownFormat { .. })
    ));
    assert!(matches!(
        d("x.json", "[]"),
        Err(OwnershipError::UnknownFormat { .. })
    ));
}

#[test]
fn csv_errors_name_the_file_and_line() {
    let cases = [
        (
            format!("{HEADER}\nA,a,company,B,b,company,30\nA,a,company,B,b,company,abc\n"),
            3,
            "share_percent",
        ),
        (
            format!("{HEADER}\nA,a,company,B,b,spaceship,30\n"),
            2,
            "owned_kind",
        ),
        (
            format!("{HEADER}\n,a,company,B,b,company,30\n"),
            2,
            "owner_id",
        ),
        (
            format!("{HEADER}\nA,a,company,B,b,company,150\n"),
            2,
            "share_percent",
        ),
        (format!("{HEADER}\nA,a,company,B,b,company\n"), 2, "CSV"),
        ("owner_id,owned_id\nA,B\n".to_string(), 1, "owner_name"),
    ];
    for (text, line, word) in cases {
        let e = load_str(&text, Format::Csv, "kyc.csv").unwrap_err();
        assert_eq!(invalid_at(&e), ("kyc.csv".to_string(), Some(line)), "{e}");
        assert!(e.to_string().contains(word), "{e}");
        assert!(
            e.to_string().starts_with(&format!("kyc.csv:{line}: ")),
            "{e}"
        );
    }
}

#[test]
fn csv_columns_may_come_in_any_order_with_extras() {
    let text = "Share_Percent,owned_kind,owned_name,owned_id,owner_kind,owner_name,owner_id,note\n40-60,company,B Ltd,B,person,Ann,A,x\n";
    let g = load_str(text, Format::Csv, "x.csv").unwrap();
    let i: Vec<_> = g.interests().collect();
    assert_eq!(i.len(), 1);
    assert_eq!(g.label(&i[0].owner), "Ann");
    assert_eq!(g.party(&i[0].owner).unwrap().kind, PartyKind::Person);
    assert_eq!(
        i[0].share,
        Share::Range {
            min: Some(40.0),
            max: Some(60.0),
            exclusive_min: false,
            exclusive_max: false
        }
    );
}

#[test]
fn json_errors_name_the_file_and_line_or_record() {
    let e = load_str(
        "{\"id\":\"a\",\"schema\":\"Company\"}\n{not json\n",
        Format::Ftm,
        "f.json",
    )
    .unwrap_err();
    assert_eq!(invalid_at(&e), ("f.json".into(), Some(2)));
    let e = load_str(
        "{\"id\":\"a\",\"schema\":\"Company\"}\n[1]\n",
        Format::Ftm,
        "f.json",
    )
    .unwrap_err();
    assert_eq!(invalid_at(&e), ("f.json".into(), Some(2)));
    let e = load_str("{\"schema\":\"Company\"}\n", Format::Ftm, "f.json").unwrap_err();
    assert!(e.to_string().contains("no id"), "{e}");
    let bods = r#"[{"recordId":"a","recordType":"entity","recordDetails":{"name":"A"}},
                   {"recordId":"r","recordType":"relationship","recordDetails":{"subject":"a","interestedParty":"a","interests":[{"type":"shareholding","share":{"exact":130}}]}}]"#;
    let e = load_str(bods, Format::Bods, "b.json").unwrap_err();
    assert_eq!(invalid_at(&e), ("b.json".into(), Some(2)));
    assert!(e.to_string().contains("share.exact"), "{e}");
    let e = load_str(
        r#"[{"recordId":"a","recordType":"thing"}]"#,
        Format::Bods,
        "b.json",
    )
    .unwrap_err();
    assert!(e.to_string().contains("recordType"), "{e}");
    // Nesting deeper than serde_json's recursion limit is an error, not a
    // stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(load_str(&deep, Format::Bods, "deep.json").is_err());
    let deep_line = format!(
        "{{\"id\":\"a\",\"schema\":\"Company\",\"x\":{}{}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(load_str(&deep_line, Format::Ftm, "deep.json").is_err());
}

#[test]
fn ftm_percentages_in_words_and_unreadable_ones() {
    let text = [
        r#"{"id":"o","schema":"Company","properties":{"name":["Owner"],"leiCode":["LEI1"]}}"#,
        r#"{"id":"t","schema":"Company","properties":{"name":["Target"]}}"#,
        r#"{"id":"x1","schema":"Ownership","properties":{"owner":["o"],"asset":["t"],"percentage":["more than 25%"]}}"#,
        r#"{"id":"x2","schema":"Ownership","properties":{"owner":["o"],"asset":["t"],"percentage":["a lot"]}}"#,
        r#"{"id":"x3","schema":"Ownership","properties":{"asset":["t"]}}"#,
        r#"{"id":"d","schema":"Directorship","properties":{"director":["o"],"organization":["t"]}}"#,
    ]
    .join("\n");
    let g = load_str(&text, Format::Ftm, "o.json").unwrap();
    let shares: Vec<Share> = g.interests().map(|i| i.share).collect();
    assert_eq!(
        shares,
        [
            Share::Range {
                min: Some(25.0),
                max: None,
                exclusive_min: true,
                exclusive_max: false
            },
            Share::Unknown,
            Share::Unknown
        ]
    );
    let problems = g.problems();
    assert_eq!(
        problems
            .iter()
            .filter(|p| matches!(p, Problem::Skipped { .. }))
            .count(),
        2,
        "{problems:?}"
    );
    assert_eq!(
        g.party(&PartyId::new("o")).unwrap().identifiers[0].value,
        "LEI1"
    );
}

#[test]
fn missing_files_and_non_utf8_are_errors() {
    let e = load_path(Path::new("/nonexistent/own.csv")).unwrap_err();
    assert!(matches!(e, OwnershipError::Io { .. }));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.csv");
    std::fs::write(&p, b"owner_id\n\xff\xfe\n").unwrap();
    let e = load_path(&p).unwrap_err();
    assert!(e.to_string().contains(":2: not UTF-8"), "{e}");
}

#[test]
fn ids_are_global_across_files() {
    let mut g = load_path(&fixture("kama.csv")).unwrap();
    let extra = format!("{HEADER}\nkdp,KAMA DRONE PARTS,company,other,Other LLC,company,10\n");
    g.merge(load_str(&extra, Format::Csv, "more.csv").unwrap());
    let kdp = g.party(&PartyId::new("kdp")).unwrap();
    assert_eq!(kdp.name, "Kama Drone Parts LLC");
    assert_eq!(kdp.other_names, ["KAMA DRONE PARTS"]);
    assert_eq!(g.stats().files, 2);
    assert_eq!(g.stats().interests, 4);
    assert_eq!(g.owned_by(&PartyId::new("kdp")).count(), 2);
}

#[test]
fn csv_countries_and_identifiers_are_read_for_linking() {
    let text = format!(
        "{HEADER},owner_country,owner_identifiers,owned_country\nA,Alabuga,company,B,B Ltd,company,30,ru,inn:1646020127; ogrn:1021602012787,RU;CN\n"
    );
    let g = load_str(&text, Format::Csv, "x.csv").unwrap();
    let a = g.party(&PartyId::new("A")).unwrap();
    assert_eq!(a.countries, ["RU"]);
    let ids: Vec<(String, String, Option<cordon_engine::IdentifierType>)> = a
        .identifiers
        .iter()
        .map(|i| (i.scheme.clone(), i.value.clone(), i.id_type()))
        .collect();
    assert_eq!(
        ids,
        [
            (
                "inn".into(),
                "1646020127".into(),
                Some(cordon_engine::IdentifierType::Inn)
            ),
            (
                "ogrn".into(),
                "1021602012787".into(),
                Some(cordon_engine::IdentifierType::Ogrn)
            ),
        ]
    );
    assert_eq!(g.party(&PartyId::new("B")).unwrap().countries, ["RU", "CN"]);
    let bad = format!("{HEADER},owner_identifiers\nA,a,company,B,b,company,30,1646020127\n");
    let e = load_str(&bad, Format::Csv, "x.csv").unwrap_err();
    assert!(
        e.to_string().starts_with("x.csv:2: owner_identifiers"),
        "{e}"
    );
}

#[test]
fn reading_limits_are_errors_naming_file_and_line() {
    use cordon_ownership::limits::{MAX_LINE_BYTES, MAX_NAME_CHARS, MAX_VALUES_PER_RECORD};
    let long_name = "x".repeat(MAX_NAME_CHARS + 1);
    let text =
        format!("{HEADER}\nA,a,company,B,b,company,30\nA,{long_name},company,B,b,company,30\n");
    let e = load_str(&text, Format::Csv, "x.csv").unwrap_err();
    assert!(
        matches!(e, OwnershipError::Limit { line: Some(3), .. }),
        "{e}"
    );
    let line = format!(
        "{{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{{\"notes\":[\"{}\"]}}}}",
        "y".repeat(MAX_LINE_BYTES)
    );
    let text = format!("{{\"id\":\"b\",\"schema\":\"Company\"}}\n{line}\n");
    let e = load_str(&text, Format::Ftm, "big.json").unwrap_err();
    assert!(
        matches!(e, OwnershipError::Limit { line: Some(2), .. }),
        "{e}"
    );
    let many: Vec<String> = (0..=MAX_VALUES_PER_RECORD)
        .map(|_| r#"{"type":"shareholding","share":{"exact":1}}"#.to_string())
        .collect();
    let bods = format!(
        r#"[{{"recordId":"r","recordType":"relationship","recordDetails":{{"subject":"a","interestedParty":"b","interests":[{}]}}}}]"#,
        many.join(",")
    );
    let e = load_str(&bods, Format::Bods, "many.json").unwrap_err();
    assert!(
        matches!(e, OwnershipError::Limit { line: Some(1), .. }),
        "{e}"
    );
}
