//! Ownership and control end to end, as a user runs cordon: the invented
//! ownership files of `tests/data/ownership/` over the real 2024 SDN list
//! and US CSL (`CORDON_DATA`; skipped with a message without it), the real
//! ZALA file of OpenSanctions, discovery, `cordon lists`, `cordon
//! ownership`, batch, errors, and a monitoring run that raises an alert
//! when an owner becomes listed (offline, on hand-written OFAC files).

mod common;

use common::{cordon, run_ok};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ownership")
        .join(name)
}

fn sdn_2024(lists: &Path) -> String {
    format!(
        "ofac-sdn={}",
        lists.join("ofac_sdn/2024-05-03/sdn.csv").display()
    )
}

fn csl(lists: &Path) -> String {
    format!(
        "us-csl={}",
        lists.join("us_csl/csl_full_snapshot.csv").display()
    )
}

fn zala(lists: &Path) -> String {
    format!(
        "opensanctions={}",
        lists.join("opensanctions/zala.entities.ftm.json").display()
    )
}

/// `cordon --no-audit ARGS... screen NAME --json`, parsed.
fn screen(args: &[&str], name: &str) -> Value {
    let out = run_ok(
        cordon()
            .arg("--no-audit")
            .args(args)
            .args(["screen", name, "--json"]),
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn result<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entity_id"] == id)
        .unwrap_or_else(|| panic!("no result {id} in {v:#}"))
}

fn finding<'a>(m: &'a Value, rule: &str) -> &'a Value {
    m["ownership"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {m:#}"))
}

/// The done-when case: Volga Composites, 100% owned by Kama Drone Parts,
/// which Qods Aviation Industries (30%) and Alabuga Machinery (25%) own.
fn assert_volga_captured(v: &Value) {
    let top = &v["matches"][0];
    assert_eq!(top["entity_id"], "ownership:volga", "{v:#}");
    assert_eq!(top["list"], "ownership");
    assert_eq!(top["match"], true);
    assert_eq!(top["ownership"]["verdict"], "captured");
    let f = finding(top, "ofac-50");
    assert_eq!(f["verdict"], "captured");
    assert_eq!(f["in_force"], true);
    let s = f["summary"].as_str().unwrap();
    assert!(s.starts_with("55% held by blocked parties: "), "{s}");
    assert!(
        s.contains("30% QODS AVIATION INDUSTRIES (ofac-sdn:16418)"),
        "{s}"
    );
    assert!(
        s.contains("25% LIMITED LIABILITY COMPANY ALABUGA MACHINERY (ofac-sdn:45713; \"Alabuga Machinery LLC\" in the ownership data)"),
        "{s}"
    );
    assert!(s.ends_with(" — through Kama Drone Parts LLC (100%)"), "{s}");
    let x = top["explanation"]["summary"].as_str().unwrap();
    assert!(x.starts_with(&format!("OFAC 50 Percent Rule: {s}")), "{x}");
    // Kama itself is captured too, with the listed owners as its owners.
    let owners = f["owners"].as_array().unwrap();
    assert_eq!(owners.len(), 1, "{f:#}");
    assert_eq!(owners[0]["party_id"], "kama");
    assert_eq!(owners[0]["basis"], "captured");
}

#[test]
fn volga_composites_is_captured_under_the_ofac_50_rule_through_kama_drone_parts() {
    let Some(l) = common::shared_lists() else {
        return;
    };
    let sdn = sdn_2024(&l);
    let csv = fixture("ownership_kama.csv");
    let v = screen(
        &["--list", &sdn, "--ownership", csv.to_str().unwrap()],
        "Volga Composites",
    );
    assert_volga_captured(&v);
    // The table says it too.
    let out = run_ok(cordon().args([
        "--no-audit",
        "--list",
        &sdn,
        "--ownership",
        csv.to_str().unwrap(),
        "screen",
        "Volga Composites",
        "--limit",
        "1",
    ]));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ownership:volga"), "{text}");
    assert!(
        text.contains(
            "ownership: captured under the OFAC 50 Percent Rule: 55% held by blocked parties"
        ),
        "{text}"
    );
}

#[test]
fn a_bods_file_of_the_same_structure_gives_the_same_findings_as_the_csv() {
    let Some(l) = common::shared_lists() else {
        return;
    };
    let sdn = sdn_2024(&l);
    let from = |f: &str| {
        screen(
            &["--list", &sdn, "--ownership", fixture(f).to_str().unwrap()],
            "Volga Composites",
        )
    };
    let (csv, bods) = (from("ownership_kama.csv"), from("kama.bods.json"));
    assert_volga_captured(&bods);
    let strip = |v: &Value| {
        let mut o = v["matches"][0]["ownership"].clone();
        // The party's provenance names its own file; the findings do not.
        o.as_object_mut().unwrap().remove("as_of");
        o
    };
    assert_eq!(strip(&csv), strip(&bods));
}

#[test]
fn the_bis_affiliates_rule_flags_50_percent_of_an_entity_list_party_not_49() {
    let Some(l) = common::shared_lists() else {
        return;
    };
    let csl = csl(&l);
    let own = fixture("ownership_bis.csv");
    let args = |date: &'static str| {
        vec![
            "--list".to_string(),
            csl.clone(),
            "--ownership".to_string(),
            own.display().to_string(),
            "--ownership-date".to_string(),
            date.to_string(),
        ]
    };
    let run = |date, name| {
        let a = args(date);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        screen(&a, name)
    };
    // 2026-12-01: in force again after the suspension.
    let v = run("2026-12-01", "Dnepr Rotor Services");
    let top = result(&v, "ownership:dnepr");
    assert_eq!(top["match"], true, "{v:#}");
    let f = finding(top, "bis-affiliates");
    assert_eq!(f["verdict"], "captured");
    assert_eq!(f["in_force"], true);
    assert!(
        f["citation"].as_str().unwrap().contains("90 FR 47201"),
        "{f:#}"
    );
    assert_eq!(
        f["windows"],
        "in force 2025-09-29 to 2025-11-09 and from 2026-11-10"
    );
    let s = f["summary"].as_str().unwrap();
    assert!(
        s.starts_with("50% held by parties on the Entity List"),
        "{s}"
    );
    assert!(s.contains("Khors Air Company (us-csl:"), "{s}");
    // Khors Air is on the Entity List only: the OFAC rule does not take it.
    assert!(top["ownership"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule_id"] != "ofac-50"));

    let v = run("2026-12-01", "Bug River Avionics");
    let top = result(&v, "ownership:bug");
    assert!(top["score"].as_f64().unwrap() >= 0.76, "{v:#}");
    assert_eq!(top["match"], false, "{v:#}");
    assert_eq!(top["ownership"]["verdict"], "below");
    let f = finding(top, "bis-affiliates");
    assert_eq!(f["verdict"], "below");
    let s = f["summary"].as_str().unwrap();
    assert!(
        s.starts_with("49% held by parties on the Entity List"),
        "{s}"
    );
    assert!(s.contains("below the 50% threshold"), "{s}");

    // During the suspension the finding is reported, not a match.
    let v = run("2026-01-15", "Dnepr Rotor Services");
    let top = result(&v, "ownership:dnepr");
    assert_eq!(top["match"], false, "{v:#}");
    assert_eq!(top["ownership"]["verdict"], "out_of_force");
    let f = finding(top, "bis-affiliates");
    assert_eq!(
        (f["verdict"].as_str(), f["in_force"].as_bool()),
        (Some("captured"), Some(false))
    );
    assert!(top["explanation"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(
            |e| e["kind"] == "ownership" && e["detail"].as_str().unwrap().contains("NOT IN FORCE")
        ));
}

/// The real structure of the ZALA file (OpenSanctions): LLC CST is held
/// 51% by Aleksandr Zakharov and 49% by Kalashnikov Concern, both on the
/// 2024 SDN list (linked by their tax numbers), so it is captured; its
/// earlier owners' interests have ended and count for nothing.
#[test]
fn the_zala_file_is_a_list_and_ownership_data_and_captures_llc_cst() {
    let Some(l) = common::shared_lists() else {
        return;
    };
    let (sdn, zala) = (sdn_2024(&l), zala(&l));
    let base = ["--no-audit", "--list", &sdn, "--list", &zala];
    let out = run_ok(cordon().args(base).args(["lists", "--json"]));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let o = &v["ownership"];
    assert_eq!(o["files"][0]["role"], "list", "{o:#}");
    assert_eq!(o["parties"], 17, "{o:#}");
    assert_eq!(o["interests"], 17, "{o:#}");

    const CST: &str = "NK-abdzbEBkqyT29GyREbiURZ";
    const ZAKHAROV: &str = "NK-aU5ybkbRFJucf8YMwsJvDw";
    let out = run_ok(cordon().args(base).args(["ownership", CST, "--json"]));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["parties"][0];
    assert_eq!(p["derived_entity"], format!("ownership:{CST}"));
    let f = p["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "ofac-50")
        .expect("an OFAC finding");
    assert_eq!(f["verdict"], "captured", "{f:#}");
    let s = f["summary"].as_str().unwrap();
    assert!(
        s.contains("51% ZAKHAROV, Aleksandr Vyacheslavovich (ofac-sdn:45937; \"Alexander Vyacheslavovich ZAKHAROV\" in the ownership data)"),
        "{s}"
    );
    assert!(
        s.contains("49% JOINT STOCK COMPANY CONCERN KALASHNIKOV (ofac-sdn:16911; \"JSC Kalashnikov Concern\" in the ownership data)"),
        "{s}"
    );
    // The owners as linked: Zakharov by his tax number.
    let owners = p["owners"].as_array().unwrap();
    let zak = owners
        .iter()
        .find(|n| n["party_id"] == ZAKHAROV && n["share"] == "51%")
        .expect("Zakharov's 51%");
    assert_eq!(zak["current"], true);
    let link = zak["listed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["entity_id"] == "ofac-sdn:45937")
        .expect("linked to the SDN entry");
    assert!(
        link["method"]
            .as_str()
            .unwrap()
            .starts_with("identifier taxNumber"),
        "{link:#}"
    );
    let ended: Vec<&Value> = owners.iter().filter(|n| n["current"] == false).collect();
    assert!(ended.iter().any(|n| n["share"] == "50%"), "{owners:#?}");

    // Screening the company finds the derived entity as a match.
    let v = screen(&["--list", &sdn, "--list", &zala], "LLC CST");
    let top = result(&v, &format!("ownership:{CST}"));
    assert_eq!(top["match"], true, "{v:#}");
}

#[test]
fn cordon_ownership_prints_the_tree_with_listed_owners_and_rules() {
    let Some(l) = common::shared_lists() else {
        return;
    };
    let sdn = sdn_2024(&l);
    let csv = fixture("ownership_kama.csv");
    let base = [
        "--no-audit",
        "--list",
        &sdn,
        "--ownership",
        csv.to_str().unwrap(),
    ];
    let out = run_ok(cordon().args(base).args(["ownership", "kama", "--json"]));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["parties"][0];
    assert_eq!(p["party"]["id"], "kama");
    let owners = p["owners"].as_array().unwrap();
    let shares: Vec<(&str, &str)> = owners
        .iter()
        .map(|n| {
            (
                n["party_id"].as_str().unwrap(),
                n["share"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shares,
        [("qods", "30%"), ("alabuga", "25%"), ("uralfin", "45%")]
    );
    assert_eq!(owners[0]["listed"][0]["entity_id"], "ofac-sdn:16418");
    assert!(
        owners[2]["listed"].is_null(),
        "Ural Financial Partners is on no list"
    );
    assert_eq!(p["subsidiaries"][0]["party_id"], "volga");
    assert_eq!(p["subsidiaries"][0]["share"], "100%");
    // A list entity id gives the parties linked to it.
    let out = run_ok(
        cordon()
            .args(base)
            .args(["ownership", "ofac-sdn:45713", "--json"]),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["parties"][0]["party"]["id"], "alabuga");
    assert_eq!(v["parties"][0]["subsidiaries"][0]["party_id"], "kama");
    // A name; and the text form.
    let out = run_ok(
        cordon()
            .args(base)
            .args(["ownership", "Volga Composites LLC"]),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Volga Composites LLC [volga]"), "{text}");
    assert!(text.contains("OFAC 50 Percent Rule: CAPTURED"), "{text}");
    // Nothing found: exit 1.
    let out = cordon()
        .args(base)
        .args(["ownership", "Nobody Anywhere Zzyzx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn discovery_finds_ownership_files_in_the_data_folder_and_batch_has_the_column() {
    let Some(l) = common::shared_lists() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The list by a link (never a copy), the ownership file by its name.
    std::os::unix::fs::symlink(
        l.join("ofac_sdn/2024-05-03/sdn.csv"),
        dir.path().join("sdn.csv"),
    )
    .unwrap();
    std::fs::copy(
        fixture("ownership_kama.csv"),
        dir.path().join("ownership_kyc.csv"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.csv"), "a,b\n1,2\n").unwrap();
    let data = dir.path().to_str().unwrap();
    let out = run_ok(cordon().args(["--no-audit", "--data", data, "lists", "--json"]));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ownership"]["files"][0]["role"], "ownership", "{v:#}");
    assert!(v["ownership"]["files"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("ownership_kyc.csv"));
    assert!(v["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p.as_str().unwrap().ends_with("notes.csv")));
    assert_volga_captured(&screen(&["--data", data], "Volga Composites"));

    let input = dir.path().join("in.csv");
    std::fs::write(
        &input,
        "id,name\nr1,Volga Composites LLC\nr2,Ural Financial Partners\n",
    )
    .unwrap();
    let output = dir.path().join("out.csv");
    run_ok(
        cordon()
            .args(["--no-audit", "--data", data, "batch"])
            .arg(&input)
            .arg("-o")
            .arg(&output),
    );
    let mut r = csv::Reader::from_path(&output).unwrap();
    let headers = r.headers().unwrap().clone();
    assert_eq!(headers.get(headers.len() - 1), Some("ownership"));
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][1], "true");
    assert!(
        rows[0][7].starts_with("ownership:volga captured: OFAC 50 Percent Rule: 55% held"),
        "{:?}",
        rows[0]
    );
    assert_eq!(
        &rows[1][7], "",
        "Ural Financial Partners has no listed owner"
    );
}

#[test]
fn bad_ownership_data_fails_the_load_naming_file_and_line_and_problems_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::sample();
    let bad = dir.path().join("owners.csv");
    std::fs::write(
        &bad,
        "owner_id,owner_name,owner_kind,owned_id,owned_name,owned_kind,share_percent\n\
         a,A Co,company,b,B Co,company,30\n\
         a,A Co,company,c,C Co,company,sixty\n",
    )
    .unwrap();
    let out = cordon()
        .args(["--no-audit", "--data"])
        .arg(&sample)
        .arg("--ownership")
        .arg(&bad)
        .args(["screen", "Acme"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:3", bad.display())), "{err}");

    // A cycle and shares over 100% load, and are reported.
    let odd = dir.path().join("odd.csv");
    std::fs::write(
        &odd,
        "owner_id,owner_name,owner_kind,owned_id,owned_name,owned_kind,share_percent\n\
         x,Xeno Circle Ltd,company,y,Ypsilon Circle Ltd,company,60\n\
         y,Ypsilon Circle Ltd,company,x,Xeno Circle Ltd,company,60\n\
         acme,Acme Example Trading LLC,company,x,Xeno Circle Ltd,company,70\n",
    )
    .unwrap();
    let out = run_ok(
        cordon()
            .args(["--no-audit", "--data"])
            .arg(&sample)
            .arg("--ownership")
            .arg(&odd)
            .args(["lists", "--json"]),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems: Vec<&str> = v["ownership"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(problems.iter().any(|p| p.contains("cycle")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("130")), "{problems:?}");
    // The assessment still ends: both companies of the cycle are captured
    // through the sample's ACME EXAMPLE TRADING LLC.
    assert_eq!(v["ownership"]["captured"], 2, "{v:#}");
}

/// A hand-written SDN file (OFAC's CSV layout) with these entries.
fn write_sdn(dir: &Path, rows: &[(u32, &str, &str)]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut text = String::new();
    for (num, name, program) in rows {
        text.push_str(&format!(
            "{num},\"{name}\",-0- ,\"{program}\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        ));
    }
    text.push('\u{1a}');
    let path = dir.join("sdn.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// Monitoring: the register holds Volga Composites LLC; on day 1 no owner
/// of its owner is listed, on day 2 Qods Aviation Industries and Alabuga
/// Machinery are: the day-2 run raises an alert for Volga Composites with
/// the path (offline: hand-written list files).
#[test]
fn monitoring_raises_an_alert_when_an_owner_becomes_listed() {
    let dir = tempfile::tempdir().unwrap();
    // Invented entries, so that the words are weighed as in a real list
    // (in a list of two entries every word is common).
    let words = [
        "AMBER", "BASALT", "CEDAR", "DELTA", "EMBER", "FJORD", "GRANITE", "HARBOR", "IVORY",
        "JUNIPER", "KESTREL", "LAGOON", "MAPLE", "NORTHERN", "OPAL", "PRAIRIE",
    ];
    let names: Vec<String> = (0..words.len() * 4)
        .map(|i| {
            format!(
                "{} {} INVENTED TRADING",
                words[i % words.len()],
                words[(i * 7 + 3) % words.len()]
            )
        })
        .collect();
    let mut rows: Vec<(u32, &str, &str)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (90001 + i as u32, n.as_str(), "SDGT"))
        .collect();
    let day1 = write_sdn(&dir.path().join("day1"), &rows);
    rows.push((16418, "QODS AVIATION INDUSTRIES", "NPWMD"));
    rows.push((
        45713,
        "LIMITED LIABILITY COMPANY ALABUGA MACHINERY",
        "RUSSIA-EO14024",
    ));
    let day2 = write_sdn(&dir.path().join("day2"), &rows);
    let register = dir.path().join("customers.csv");
    std::fs::write(
        &register,
        "id,name,kind,dob,country,id_number\nc-volga,Volga Composites LLC,organization,,,\nc-other,Baltic Example Freight,organization,,,\n",
    )
    .unwrap();
    let own = fixture("ownership_kama.csv");
    let cmd = |list: &Path| {
        let mut c = cordon();
        c.arg("--monitor-db")
            .arg(dir.path().join("monitor.sqlite"))
            .arg("--no-audit")
            .arg("--list")
            .arg(format!("ofac-sdn={}", list.display()))
            .arg("--ownership")
            .arg(&own);
        c
    };
    run_ok(cmd(&day1).args(["monitor", "import"]).arg(&register));
    let run = |list: &Path| -> Value {
        let out = run_ok(cmd(list).args(["monitor", "run", "--json"]));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let first = run(&day1);
    assert_eq!(
        first["new_alerts"].as_array().unwrap().len(),
        0,
        "{first:#}"
    );
    let second = run(&day2);
    assert_eq!(second["mode"], "delta", "{second:#}");
    let alerts = second["new_alerts"].as_array().unwrap();
    let a = alerts
        .iter()
        .find(|a| a["customer_id"] == "c-volga")
        .unwrap_or_else(|| panic!("no alert for Volga Composites: {second:#}"));
    assert_eq!(a["entity_id"], "ownership:volga");
    assert_eq!(a["list"], "ownership");
    let x = a["explanation"]["summary"].as_str().unwrap();
    assert!(
        x.starts_with("OFAC 50 Percent Rule: 55% held by blocked parties"),
        "{x}"
    );
    assert!(x.contains("— through Kama Drone Parts LLC (100%)"), "{x}");
    assert!(
        alerts.iter().all(|a| a["customer_id"] != "c-other"),
        "{alerts:#?}"
    );
}
