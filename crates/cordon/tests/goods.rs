//! End-to-end tests of `cordon goods` and `cordon shipment`, run as a user
//! runs them. Party screening uses the invented sample list
//! (`data/sample/`) and, for the Alabuga test, the real OFAC SDN file under
//! `$CORDON_DATA`: unset, that test is skipped with a message; set but the
//! file missing, it fails.

mod common;
use common::{sample, sdn_2024};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cordon() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cordon"));
    c.env_remove("CORDON_DATA_DIR");
    // `cordon shipment` records in the audit trail (tests/audit.rs tests
    // that); these tests must not write the user's.
    c.env("CORDON_NO_AUDIT", "1");
    c
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out: Output = cmd
        .output()
        .unwrap_or_else(|e| panic!("running cordon: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes a shipment file into a temporary folder that lives as long as the guard.
/// `cordon --data data/sample shipment [ARGS…] FILE`: exit code, stdout,
/// stderr.
fn shipment_on_sample(args: &[&str], file: &Path) -> (i32, String, String) {
    run(cordon()
        .arg("--data")
        .arg(sample())
        .arg("shipment")
        .args(args)
        .arg(file))
}

fn shipment_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    (dir, path)
}

#[test]
fn goods_8542_31_0000_is_chpl_tier_1_processors() {
    let (code, out, err) = run(cordon().args(["goods", "8542.31.0000"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("8542.31.0000 → 8542.31"), "{out}");
    assert!(
        out.contains("CHPL 2024-02-23 tier 1 (integrated circuits): integrated circuits (processors/controllers)"),
        "{out}"
    );
    assert!(out.contains("why: HS-6 8542.31"), "{out}");

    let (code, out, _) = run(cordon().args(["goods", "--json", "8542.31.0000", "ball bearings"]));
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v[0]["type"], "code");
    assert_eq!(v[0]["code"], "8542.31");
    assert_eq!(v[0]["hits"][0]["tier"], "1");
    assert_eq!(v[0]["hits"][0]["version"], "2024-02-23");
    assert_eq!(
        v[0]["hits"][0]["item"],
        "integrated circuits (processors/controllers)"
    );
    assert_eq!(v[1]["type"], "text");
    assert_eq!(v[1]["results"][0]["code"], "8482.10");
}

#[test]
fn invalid_codes_exit_2_with_the_reason() {
    let (code, out, err) = run(cordon().args(["goods", "8542.31", "8542.11", "854"]));
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        out.contains("8542.31"),
        "valid codes are still answered: {out}"
    );
    assert!(
        err.contains("\"8542.11\" is not a valid HS code: subheading 8542.11 does not exist"),
        "{err}"
    );
    assert!(err.contains("\"854\" is not a valid HS code"), "{err}");
    // A usage error is 2 as well (clap).
    let (code, _, _) = run(cordon().args(["goods"]));
    assert_eq!(code, 2);
}

#[test]
fn goods_data_can_be_given_at_run_time() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/goods");
    std::fs::create_dir(dir.path().join("controls")).unwrap_or_else(|e| panic!("{e}"));
    for f in [
        "hs_nomenclature_2022.csv",
        "route_rules.csv",
        "controls/chpl_2024-02-23.csv",
    ] {
        std::fs::copy(repo.join(f), dir.path().join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    std::fs::write(
        dir.path().join("controls/chpl_2099-01-01.csv"),
        "list_id,list_name,version,source,tier,tier_label,hs6,item\n\
         chpl,Common High Priority List,2099-01-01,test,1,integrated circuits,8542.32,test item\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run(cordon()
        .args(["goods", "8542.31", "8542.32", "--goods-data"])
        .arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("not on any control list (CHPL 2099-01-01)"),
        "{out}"
    );
    assert!(
        out.contains("CHPL 2099-01-01 tier 1 (integrated circuits): test item"),
        "{out}"
    );
}

const CHIPS_TO_RUSSIA: &str = r#"{
  "reference": "PO-4711",
  "parties": [
    {"role": "exporter", "name": "Rheinland Halbleiter GmbH", "country": "DE"},
    {"role": "freight_forwarder", "name": "Steppe Logistics TOO", "country": "KZ"},
    {"role": "end_user", "name": "Volga Instrument Works", "country": "Russia"}
  ],
  "items": [{"hs_code": "8542.31.0000", "description": "microcontrollers", "quantity": 5000, "value": 42000.0, "currency": "EUR"}],
  "route": {"origin": "DE", "transit": ["KZ"], "destination": "RU"}
}"#;

#[test]
fn chips_via_a_kazakh_forwarder_to_russia_are_flagged_with_every_reason() {
    let (_g, path) = shipment_file("po.json", CHIPS_TO_RUSSIA);
    let (code, out, err) = shipment_on_sample(&["--json"], &path);
    assert_eq!(code, 3, "{out}\n{err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["verdict"], "flagged");
    assert_eq!(v["reference"], "PO-4711");
    assert!(v["snapshot"].is_string());
    let reasons: Vec<String> = v["reasons"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| format!("{} {} {}", r["kind"], r["subject"], r["message"]))
                .collect()
        })
        .unwrap_or_default();
    let has = |parts: &[&str]| reasons.iter().any(|r| parts.iter().all(|p| r.contains(p)));
    assert!(
        has(&["goods", "items[0]", "tier 1", "processors/controllers"]),
        "{reasons:#?}"
    );
    assert!(
        has(&["route", "route.destination", "RU (Russia)"]),
        "{reasons:#?}"
    );
    assert!(
        has(&[
            "route",
            "route.transit[0]",
            "KZ (Kazakhstan)",
            "transshipment"
        ]),
        "{reasons:#?}"
    );
    assert!(
        has(&["route", "freight_forwarder", "KZ (Kazakhstan)"]),
        "{reasons:#?}"
    );
    assert!(has(&["route", "end_user", "RU (Russia)"]), "{reasons:#?}");

    // The same as YAML, and the text report.
    let yaml = "parties:\n  - {role: freight_forwarder, name: Steppe Logistics TOO, country: KZ}\n  - {role: end user, name: Volga Instrument Works, country: RU}\nitems:\n  - {hs_code: '8542.31.0000', quantity: 5000}\nroute: {origin: DE, transit: [KZ], destination: RU}\n";
    let (_g2, path) = shipment_file("po.yaml", yaml);
    let (code, out, err) = shipment_on_sample(&[], &path);
    assert_eq!(code, 3, "{out}\n{err}");
    assert!(
        out.contains("FLAGGED") && out.contains("route  DE → KZ → RU"),
        "{out}"
    );
}

#[test]
fn coffee_between_unlisted_parties_in_the_eu_is_clear() {
    let (_g, path) = shipment_file(
        "coffee.yml",
        "parties:\n  - {role: exporter, name: Kaffeerösterei Müller GmbH, country: DE}\n  - {role: consignee, name: Brûlerie du Marais SARL, country: France}\nitems:\n  - {hs_code: '0901', description: roasted coffee, quantity: 200, value: 3000}\nroute: {origin: DE, destination: FR}\n",
    );
    let (code, out, err) = shipment_on_sample(&[], &path);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("shipment: CLEAR"), "{out}");
}

#[test]
fn unknown_roles_and_bad_codes_are_errors_naming_the_field() {
    let (_g, path) = shipment_file(
        "bad.json",
        r#"{"parties": [{"role": "buyer", "name": "X"}]}"#,
    );
    let (code, _, err) = shipment_on_sample(&[], &path);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("unknown role \"buyer\"") && err.contains("notify_party"),
        "{err}"
    );
    let (_g, path) = shipment_file("bad2.json", r#"{"items": [{"hs_code": "8542.11"}]}"#);
    let (code, _, err) = shipment_on_sample(&[], &path);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("items[0].hs_code") && err.contains("8542.11"),
        "{err}"
    );
}

#[test]
fn alabuga_machinery_with_drone_parts_is_flagged_on_party_and_goods() {
    let Some(dir) = sdn_2024() else { return };
    let sdn = dir.join("sdn.csv");
    let (_g, path) = shipment_file(
        "alabuga.json",
        r#"{"parties": [{"role": "end_user", "name": "Alabuga Machinery LLC", "country": "RU"}],
            "items": [{"hs_code": "8807.30", "description": "UAV parts", "quantity": 40}],
            "route": {"origin": "CN", "destination": "RU"}}"#,
    );
    let mut list = std::ffi::OsString::from("ofac-sdn=");
    list.push(&sdn);
    let (code, out, err) = run(cordon()
        .arg("--data")
        .arg(sample())
        .arg("--list")
        .arg(list)
        .args(["shipment", "--json"])
        .arg(&path));
    assert_eq!(code, 3, "{out}\n{err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let reasons = v["reasons"].as_array().cloned().unwrap_or_default();
    let party = reasons
        .iter()
        .find(|r| r["kind"] == "party")
        .unwrap_or_else(|| panic!("no party reason: {reasons:#?}"));
    assert!(
        party["message"]
            .as_str()
            .unwrap_or("")
            .contains("ALABUGA MACHINERY"),
        "{party}"
    );
    let goods = reasons
        .iter()
        .find(|r| r["kind"] == "goods")
        .unwrap_or_else(|| panic!("no goods reason: {reasons:#?}"));
    assert!(
        goods["message"].as_str().unwrap_or("").contains("tier 3.B"),
        "{goods}"
    );
}
