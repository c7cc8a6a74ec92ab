//! The identifier types each loader gives, on the fixtures: one line per
//! identifier (entity, type, label, value), snapshot-tested, so a change
//! of how a loader types an identifier (the one type the engine compares
//! by, `cordon_engine::IdentifierType`) shows up in review. A Russian tax
//! or registration number is an INN or OGRN whatever list it comes from.

use crate::fixture;
use cordon_engine::IdentifierType;
use cordon_lists::{ofac, opensanctions, uk, un, us_csl, ListFormat, LoadedList};

fn lines(list: &LoadedList) -> Vec<String> {
    list.entities
        .iter()
        .flat_map(|e| {
            e.identifiers.iter().map(move |i| {
                let t = serde_json::to_value(i.id_type).unwrap();
                format!("{} {} [{}] {}", e.id, t.as_str().unwrap(), i.label, i.value)
            })
        })
        .collect()
}

#[test]
fn each_loader_types_its_identifiers() {
    let sdn = ofac::load(ListFormat::OfacSdn, &fixture("basic").join("sdn.csv")).unwrap();
    let cons = ofac::load(
        ListFormat::OfacCons,
        &fixture("cons_upper").join("CONS_PRIM.CSV"),
    )
    .unwrap();
    let sdn_xml = ofac::xml::load(&fixture("ofac_xml").join("sdn.xml")).unwrap();
    let advanced = ofac::advanced::load(&fixture("ofac_xml").join("SDN_ADVANCED.XML")).unwrap();
    let eu = cordon_lists::eu::load(&fixture("eu").join("eu_fsf.xml")).unwrap();
    let un = un::load(&fixture("un").join("consolidated.xml")).unwrap();
    let fcdo = uk::fcdo::load(&fixture("uk").join("UK_Sanctions_List.xml")).unwrap();
    let ofsi = uk::ofsi::load(&fixture("uk").join("ConList.csv")).unwrap();
    let csl = us_csl::load(&fixture("us_csl").join("csl.json")).unwrap();
    let ftm = opensanctions::parse_bytes(
        "t.ftm.json",
        br#"{"id": "c1", "schema": "Company", "properties": {"name": ["Severnaya LLC"], "innCode": ["7707083893"], "ogrnCode": ["1027700132195"], "taxNumber": ["123456"], "swiftBic": ["SABRRUMM"]}, "datasets": ["t"]}
{"id": "v1", "schema": "Vessel", "properties": {"name": ["LADY R"], "imoNumber": ["9161003"], "mmsi": ["273000000"]}, "datasets": ["t"]}
"#,
    )
    .unwrap();
    let mut all = Vec::new();
    for (name, list) in [
        ("ofac-sdn csv", &sdn),
        ("ofac-cons csv", &cons),
        ("ofac sdn.xml", &sdn_xml),
        ("ofac advanced", &advanced),
        ("eu-fsf", &eu),
        ("un-sc", &un),
        ("uk-fcdo", &fcdo),
        ("uk-ofsi", &ofsi),
        ("us-csl", &csl),
        ("opensanctions", &ftm),
    ] {
        all.push(format!("## {name}"));
        all.extend(lines(list));
    }
    insta::assert_snapshot!("identifier_types", all.join("\n"));
    // The rules the snapshot shows, stated: Russian tax and registration
    // numbers are INN and OGRN on every list that has them.
    let ty = |l: &LoadedList, v: &str| {
        l.entities
            .iter()
            .flat_map(|e| &e.identifiers)
            .find(|i| i.value.contains(v))
            .map(|i| i.id_type)
    };
    assert_eq!(ty(&cons, "7700000001"), Some(IdentifierType::Inn));
    assert_eq!(ty(&eu, "771234567890"), Some(IdentifierType::Inn));
    assert_eq!(ty(&ftm, "7707083893"), Some(IdentifierType::Inn));
    assert_eq!(ty(&ftm, "1027700132195"), Some(IdentifierType::Ogrn));
    assert_eq!(ty(&ftm, "123456"), Some(IdentifierType::TaxId));
    assert_eq!(ty(&ftm, "9161003"), Some(IdentifierType::Imo));
}
