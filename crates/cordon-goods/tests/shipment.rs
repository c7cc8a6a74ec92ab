//! Whole-shipment screening against the invented sample list
//! (`data/sample/`) and the embedded goods data.

use cordon_engine::{Index, ScreenOptions};
use cordon_goods::{
    screen_shipment, Error, FindingKind, GoodsCatalog, Shipment, ShipmentReport, Verdict,
};
use std::path::Path;
use std::sync::OnceLock;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
        let found = cordon_lists::discover(&dir).unwrap_or_else(|e| panic!("{e}"));
        let mut entities = Vec::new();
        for s in &found.sources {
            entities.extend(
                cordon_lists::load(s)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .entities,
            );
        }
        Index::build(entities)
    })
}

fn screen(json: &str) -> cordon_goods::Result<ShipmentReport> {
    let goods = GoodsCatalog::embedded()?;
    let shipment: Shipment = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
    screen_shipment(index(), &shipment, &goods, &ScreenOptions::default())
}

#[test]
fn chips_via_a_kazakh_forwarder_to_a_russian_end_user_are_flagged_for_every_reason() {
    let r = screen(
        r#"{"parties": [
              {"role": "exporter", "name": "Rheinland Halbleiter GmbH", "country": "DE"},
              {"role": "freight_forwarder", "name": "Steppe Logistics TOO", "country": "Kazakhstan"},
              {"role": "end_user", "name": "Volga Instrument Works", "country": "RU"}],
            "items": [{"hs_code": "8542.31.0000", "description": "microcontrollers", "quantity": 5000, "value": 42000.0, "currency": "EUR"}],
            "route": {"origin": "DE", "transit": ["KZ"], "destination": "RU"}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.verdict, Verdict::Flagged);
    let has = |kind: FindingKind, subject: &str, text: &str| {
        r.reasons
            .iter()
            .any(|f| f.kind == kind && f.subject.starts_with(subject) && f.message.contains(text))
    };
    assert!(has(FindingKind::Goods, "items[0]", "CHPL 2024-02-23 tier 1 (integrated circuits): integrated circuits (processors/controllers)"), "{:#?}", r.reasons);
    assert!(
        has(FindingKind::Route, "route.destination", "RU (Russia)"),
        "{:#?}",
        r.reasons
    );
    assert!(
        has(
            FindingKind::Route,
            "route.transit[0]",
            "KZ (Kazakhstan): named as a common transshipment point"
        ),
        "{:#?}",
        r.reasons
    );
    assert!(
        has(FindingKind::Route, "parties[1] (freight_forwarder)", "KZ"),
        "{:#?}",
        r.reasons
    );
    assert!(
        has(FindingKind::Route, "parties[2] (end_user)", "RU"),
        "{:#?}",
        r.reasons
    );
    assert!(r
        .reasons
        .iter()
        .filter(|f| f.kind == FindingKind::Route)
        .all(|f| f.source.is_some()));
    let json = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(json["verdict"], "flagged");
}

#[test]
fn coffee_between_unlisted_parties_in_the_eu_is_clear() {
    let r = screen(
        r#"{"parties": [
              {"role": "exporter", "name": "Kaffeerösterei Müller GmbH", "country": "DE"},
              {"role": "consignee", "name": "Brûlerie du Marais SARL", "country": "FR"}],
            "items": [{"hs_code": "0901", "description": "roasted coffee beans", "quantity": 200, "value": 3000}],
            "route": {"origin": "DE", "destination": "FR"}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.verdict, Verdict::Clear, "{:#?}", r.reasons);
    assert!(r.reasons.is_empty() && r.notes.is_empty());
    assert_eq!(r.items[0].code.as_deref(), Some("0901"));
}

#[test]
fn a_listed_party_flags_the_shipment() {
    let r = screen(
        r#"{"parties": [{"role": "consignee", "name": "Acme Example Trading LLC", "country": "AE"}],
            "items": [{"hs_code": "0901.21"}], "route": {"destination": "AE"}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.verdict, Verdict::Flagged);
    assert!(
        r.reasons
            .iter()
            .any(|f| f.kind == FindingKind::Party && f.message.contains("ofac-sdn:90001")),
        "{:#?}",
        r.reasons
    );
    // UAE as a transshipment point is only a note: no listed goods.
    assert!(r.reasons.iter().all(|f| f.kind != FindingKind::Route));
    assert!(r
        .notes
        .iter()
        .any(|f| f.kind == FindingKind::Route && f.message.contains("AE")));
}

#[test]
fn a_description_without_code_can_flag() {
    let r = screen(r#"{"items": [{"description": "ball bearings"}]}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.verdict, Verdict::Flagged);
    assert!(r.reasons[0].message.contains("8482.10"), "{:#?}", r.reasons);
}

#[test]
fn bad_fields_are_typed_errors_naming_the_field() {
    for (json, field, text) in [
        (
            r#"{"items": [{"hs_code": "8542.11"}]}"#,
            "items[0].hs_code",
            "subheading 8542.11 does not exist",
        ),
        (
            r#"{"route": {"transit": ["Narnia"]}}"#,
            "route.transit[0]",
            "unknown country \"Narnia\"",
        ),
        (
            r#"{"parties": [{"role": "bank", "name": " "}]}"#,
            "parties[0].name",
            "empty",
        ),
        (
            r#"{"items": [{"quantity": 1}]}"#,
            "items[0]",
            "hs_code or a description",
        ),
    ] {
        match screen(json) {
            Err(Error::Shipment { field: f, message }) => {
                assert_eq!(f, field);
                assert!(message.contains(text), "{message}");
            }
            other => panic!("{json}: expected an error, got {other:?}"),
        }
    }
}

#[test]
fn unknown_roles_and_fields_are_rejected_by_name() {
    let e = serde_json::from_str::<Shipment>(r#"{"parties": [{"role": "buyer", "name": "X"}]}"#)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("parties[].role: unknown role \"buyer\"") && e.contains("end_user"),
        "{e}"
    );
    let ok =
        serde_json::from_str::<Shipment>(r#"{"parties": [{"role": "End User", "name": "X"}]}"#);
    assert!(ok.is_ok());
    let e = serde_json::from_str::<Shipment>(r#"{"items": [{"hs": "8542"}]}"#)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("unknown field `hs`"), "{e}");
}
