//! OFAC sdn.xml and SDN_ADVANCED.XML from hand-made fixtures.

use crate::fixture;
use cordon_engine::{
    CountryRole, DateOfBirth, EntityKind, Gender, IdentifierType, NameType, PartialDate,
};
use cordon_lists::{load, ListError, ListFormat, ListSource};

#[test]
fn sdn_xml() {
    let l = load(&ListSource {
        format: ListFormat::OfacSdnXml,
        path: fixture("ofac_xml/sdn.xml"),
    })
    .unwrap();
    assert_eq!(l.list, "ofac-sdn");
    assert_eq!(l.published.as_deref(), Some("2024-05-03"));
    let p = &l.entities[0];
    assert_eq!(p.id, "ofac-sdn:7001");
    assert_eq!(p.primary_name(), "PETROV, Ivan Petrovich");
    assert_eq!(p.names[2].name_type, NameType::WeakAka);
    assert_eq!(p.gender, Some(Gender::Male));
    assert_eq!(
        p.dates_of_birth[0],
        DateOfBirth::Range {
            from: PartialDate::year(1960),
            to: PartialDate::year(1962)
        }
    );
    assert_eq!(p.identifiers[0].country.as_deref(), Some("Russia"));
    assert_eq!(l.entities[1].kind, EntityKind::Vessel);
    assert_eq!(l.entities[1].identifiers[0].id_type, IdentifierType::Imo);
    assert_eq!(l.entities[2].kind, EntityKind::Organization);
}

#[test]
fn advanced_xml() {
    let l = load(&ListSource {
        format: ListFormat::OfacAdvanced,
        path: fixture("ofac_xml/SDN_ADVANCED.XML"),
    })
    .unwrap();
    assert_eq!(l.list, "ofac-sdn");
    assert_eq!(l.published.as_deref(), Some("2024-05-03"));
    assert_eq!(l.entities.len(), 3);
    let p = &l.entities[0];
    assert_eq!(p.id, "ofac-sdn:7001");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.primary_name(), "PETROV, Ivan");
    assert!(p
        .names
        .iter()
        .any(|n| n.name == "Иван Петров" && n.script.as_deref() == Some("Cyrillic")));
    assert!(p
        .names
        .iter()
        .any(|n| n.script.as_deref() == Some("Arabic")));
    assert_eq!(
        p.dates_of_birth[0],
        DateOfBirth::Range {
            from: PartialDate::year(1960),
            to: PartialDate::year(1962)
        }
    );
    assert!(p
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Nationality && c.code.as_deref() == Some("RU")));
    assert_eq!(p.gender, Some(Gender::Male));
    assert_eq!(p.identifiers.len(), 2);
    assert_eq!(p.identifiers[0].id_type, IdentifierType::Passport);
    assert_eq!(p.identifiers[1].id_type, IdentifierType::NationalId);
    assert_eq!(p.identifiers[0].country.as_deref(), Some("Russia"));
    assert_eq!(p.programs, vec!["RUSSIA-EO14024"]);
    let v = &l.entities[1];
    assert_eq!(v.kind, EntityKind::Vessel);
    assert_eq!(v.identifiers[0].id_type, IdentifierType::Imo);
    assert_eq!(v.links[0].entity_id.as_deref(), Some("ofac-sdn:7003"));
    assert_eq!(v.links[0].relation, "owned_or_controlled_by");
    let o = &l.entities[2];
    assert_eq!(o.kind, EntityKind::Organization);
    assert_eq!(o.addresses[0].city.as_deref(), Some("Tehran"));
}

#[test]
fn malformed_xml() {
    let e = load(&ListSource {
        format: ListFormat::OfacSdnXml,
        path: fixture("ofac_xml/sdn_duplicate.xml"),
    })
    .unwrap_err();
    assert!(matches!(e, ListError::DuplicateEntity { .. }), "{e}");
    let e = load(&ListSource {
        format: ListFormat::OfacSdnXml,
        path: fixture("ofac_xml/sdn_truncated.xml"),
    })
    .unwrap_err();
    assert!(matches!(e, ListError::Xml { .. }), "{e}");
    let e = load(&ListSource {
        format: ListFormat::OfacAdvanced,
        path: fixture("ofac_xml/advanced_bad_ref.xml"),
    })
    .unwrap_err();
    assert!(matches!(e, ListError::Xml { .. }), "{e}");
    assert!(e.to_string().contains("PartySubType"), "{e}");
    assert!(cordon_lists::ofac::xml::parse_bytes(
        "x.xml",
        b"<sdnList><sdnEntry><uid>x</uid></sdnEntry></sdnList>"
    )
    .is_err());
}
