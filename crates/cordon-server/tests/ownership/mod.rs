//! Ownership data in the server: a party on no list that listed parties
//! own is screened by `/match` and `/screen` like any entity, flagged with
//! the rule and the path, and `/lists` counts the ownership data. Offline:
//! the invented sample lists and an invented ownership CSV.

use super::{call, get, post, sample_dir, validate_with_yente, Recorder};
use axum::http::StatusCode;
use cordon_server::{AppState, ServerConfig};
use cordon_store::ownership::{load_ownership, OwnershipSpec};
use cordon_store::Snapshot;
use serde_json::json;
use std::path::Path;

fn snapshot() -> Snapshot {
    let found = cordon_lists::discover(&sample_dir()).expect("the sample folder");
    let lists = found
        .sources
        .iter()
        .map(|s| cordon_lists::load(s).expect("the sample list loads"))
        .collect();
    let spec = OwnershipSpec {
        files: vec![
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ownership/ownership_sample.csv")
        ],
        as_of: Some("2026-12-01".parse().expect("a date")),
        ..OwnershipSpec::default()
    };
    let ownership = load_ownership(&spec).expect("the ownership CSV loads");
    assert!(ownership.is_some());
    Snapshot::build_with_ownership(
        lists,
        Vec::new(),
        Vec::new(),
        std::time::Duration::ZERO,
        ownership,
    )
}

fn state(audit: Option<Recorder>) -> AppState {
    AppState::new(
        snapshot(),
        None,
        ServerConfig::default(),
        None,
        audit.map(|r| Box::new(r) as Box<dyn cordon_server::AuditSink>),
    )
    .expect("state")
}

fn company(name: &str) -> serde_json::Value {
    json!({"queries": {"q": {"schema": "Company", "properties": {"name": [name]}}}})
}

#[tokio::test]
async fn match_flags_a_party_captured_through_its_owner_with_the_path() {
    let rec = Recorder::default();
    let st = state(Some(rec.clone()));
    // Harborview is 100% owned by Northwind, 60% owned by ACME (listed).
    let (status, v) = call(
        &st,
        post("/match/default", &company("Harborview Invented Tooling")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let top = &v["responses"]["q"]["results"][0];
    assert_eq!(top["id"], "ownership:harbor", "{v}");
    assert_eq!(top["match"], true, "{v}");
    assert_eq!(top["datasets"], json!(["ownership"]));
    assert_eq!(top["target"], true);
    assert!(top["properties"]["topics"]
        .as_array()
        .unwrap()
        .contains(&json!("sanction.linked")));
    let finding = &top["ownership"]["findings"][0];
    assert_eq!(finding["rule_id"], "ofac-50");
    assert_eq!(finding["verdict"], "captured");
    let path = finding["summary"].as_str().unwrap();
    assert!(
        path.starts_with("60% held by blocked parties: 60% ACME")
            || path.starts_with("60% held by blocked parties: 60% Acme"),
        "{path}"
    );
    assert!(path.contains("(ofac-sdn:90001)"), "{path}");
    assert!(
        path.ends_with("— through Northwind Sample Parts LLC (100%)"),
        "{path}"
    );
    // The explanation leads with it, and has it as a feature.
    let feature = &top["explanations"]["ownership"];
    assert!(feature["detail"]
        .as_str()
        .unwrap()
        .contains("through Northwind Sample Parts LLC (100%)"));
    assert!(top["explanations"]["name"]["detail"]
        .as_str()
        .unwrap()
        .starts_with("OFAC 50 Percent Rule: 60% held"));
    // The audit trail has the derived entity as a match.
    let events = rec.0.lock().unwrap();
    let e = events.last().expect("audited");
    assert!(e
        .results
        .iter()
        .any(|r| r.entity_id == "ownership:harbor" && r.is_match));
}

#[tokio::test]
async fn screen_gives_a_below_threshold_owner_as_a_finding_that_is_not_a_match() {
    let st = state(None);
    // Bluefjord is 40% owned by FICTIONAL HOLDINGS GROUP (listed).
    let (status, v) = call(
        &st,
        post(
            "/screen",
            &json!({"name": "Bluefjord Placeholder Logistics AS", "kind": "organization"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let top = &v["matches"][0];
    assert_eq!(top["entity_id"], "ownership:bluefjord", "{v}");
    assert!(top["score"].as_f64().unwrap() >= 0.76, "{v}");
    assert_eq!(top["match"], false, "{v}");
    assert_eq!(top["ownership"]["verdict"], "below");
    let s = top["ownership"]["findings"][0]["summary"].as_str().unwrap();
    assert!(s.starts_with("40% held by blocked parties"), "{s}");
    assert!(s.contains("below the 50% threshold"), "{s}");
    // The /match form: not a match, not a target.
    let (_, v) = call(
        &st,
        post(
            "/match/default",
            &company("Bluefjord Placeholder Logistics"),
        ),
    )
    .await;
    let top = &v["responses"]["q"]["results"][0];
    assert_eq!(top["id"], "ownership:bluefjord");
    assert_eq!(top["match"], false);
    assert_eq!(top["target"], false);
}

#[tokio::test]
async fn lists_counts_the_ownership_data_and_its_derived_list() {
    let st = state(None);
    let (status, v) = call(&st, get("/lists")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let o = &v["ownership"];
    assert_eq!(o["interests"], 3, "{v}");
    assert_eq!(o["parties"], 5, "{v}");
    assert_eq!(o["files"].as_array().unwrap().len(), 1);
    // ACME and Fictional Holdings are linked; Northwind too (it owns
    // Harborview) is screened but is on no list.
    assert_eq!(o["owners"], 3, "{v}");
    assert_eq!(o["owners_linked"], 2, "{v}");
    // Northwind and Harborview captured, Bluefjord below.
    assert_eq!(o["derived"], 3, "{v}");
    assert_eq!(o["captured"], 2, "{v}");
    let derived = v["lists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["list"] == "ownership")
        .expect("the derived list");
    assert_eq!(derived["entities"], 3);
    assert_eq!(derived["stale"], false);
}

#[tokio::test]
async fn yente_shapes_with_ownership_findings_pass_yentes_models() {
    let st = state(None);
    validate_with_yente(
        &st,
        vec![
            (
                "match",
                post("/match/default", &company("Harborview Invented Tooling")),
            ),
            (
                "match",
                post(
                    "/match/ownership",
                    &company("Bluefjord Placeholder Logistics"),
                ),
            ),
            ("entity", get("/entities/ownership:harbor")),
            ("catalog", get("/catalog")),
        ],
    )
    .await;
}
