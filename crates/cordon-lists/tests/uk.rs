//! UK lists: the FCDO UK Sanctions List XML and OFSI's ConList CSV, on
//! hand-made fixtures in `tests/data/uk/` (no real file is available).

use crate::{entity, fixture};
use cordon_engine::{
    CountryRole, DateOfBirth, Entity, EntityKind, Gender, IdentifierType, NameType, PartialDate,
};
use cordon_lists::uk::{fcdo, ofsi};
use cordon_lists::{load, ListFormat, ListSource, LoadedList};

fn load_uk(format: ListFormat, name: &str) -> cordon_lists::Result<LoadedList> {
    load(&ListSource {
        format,
        path: fixture("uk").join(name),
    })
}

fn names(e: &Entity) -> Vec<(&str, NameType)> {
    e.names
        .iter()
        .map(|n| (n.name.as_str(), n.name_type))
        .collect()
}

#[test]
fn fcdo_fixture() {
    let list = load_uk(ListFormat::UkFcdo, "UK_Sanctions_List.xml").unwrap();
    assert_eq!(list.list, "uk-fcdo");
    assert_eq!(list.published.as_deref(), Some("2026-02-20"));
    assert_eq!(list.entities.len(), 3);

    let p = entity(&list, "uk-fcdo:RUS9001");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.provenance.line, Some(4));
    assert_eq!(
        names(p),
        [
            ("Ivan Petrovich SIDOROV", NameType::Primary),
            ("Ivan SIDOROFF", NameType::Aka),
            ("Vanya", NameType::WeakAka),
            ("Иван Петрович СИДОРОВ", NameType::Aka),
        ]
    );
    assert_eq!(p.names[3].script.as_deref(), Some("Cyrillic"));
    assert_eq!(p.names[3].lang.as_deref(), Some("Russian"));
    assert_eq!(
        p.dates_of_birth,
        [
            DateOfBirth::Exact {
                date: PartialDate::ymd(1965, 3, 14)
            },
            DateOfBirth::Exact {
                date: PartialDate::year(1966)
            },
            DateOfBirth::Exact {
                date: PartialDate {
                    year: 1967,
                    month: Some(6),
                    day: None
                }
            },
        ]
    );
    assert_eq!(p.places_of_birth, ["Leningrad, Russia"]);
    assert_eq!(p.gender, Some(Gender::Male));
    assert_eq!(p.programs, ["Russia"]);
    assert!(p
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Nationality && c.code.as_deref() == Some("RU")));
    assert_eq!(p.identifiers[0].id_type, IdentifierType::Passport);
    assert_eq!(p.identifiers[0].value, "720012345");
    assert_eq!(
        p.identifiers[0].note.as_deref(),
        Some("Russian passport, expires 01/06/2025")
    );
    assert_eq!(p.identifiers[1].id_type, IdentifierType::NationalId);
    assert_eq!(p.addresses[0].street.as_deref(), Some("1 Tverskaya Street"));
    assert_eq!(p.addresses[0].city.as_deref(), Some("Moscow, 125009"));
    assert!(p
        .remarks
        .iter()
        .any(|r| r == "Position: Chief Executive Officer of Example Holding"));
    assert!(p.remarks.iter().any(|r| r == "Fixture individual."));

    let o = entity(&list, "uk-fcdo:RUS9002");
    assert_eq!(o.kind, EntityKind::Organization);
    assert_eq!(
        names(o),
        [
            ("EXAMPLE OIL COMPANY PJSC", NameType::Primary),
            ("EXOIL", NameType::Aka)
        ]
    );
    let ids: Vec<(IdentifierType, &str)> = o
        .identifiers
        .iter()
        .map(|i| (i.id_type, i.value.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            (IdentifierType::Registration, "1027700000000"),
            (IdentifierType::Phone, "+7 495 000 00 00"),
            (IdentifierType::Email, "info@exoil.example"),
        ]
    );
    assert_eq!(
        o.organization.as_ref().map(|d| d.types.clone()),
        Some(vec!["Public Joint Stock Company".to_string()])
    );

    let s = entity(&list, "uk-fcdo:RUS9003");
    assert_eq!(s.kind, EntityKind::Vessel);
    assert_eq!(s.identifiers[0].id_type, IdentifierType::Imo);
    assert_eq!(s.identifiers[0].value, "9123456");
    assert_eq!(
        s.craft.as_ref().and_then(|c| c.flag.as_deref()),
        Some("Panama")
    );
    assert!(s
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Flag && c.code.as_deref() == Some("PA")));
}

#[test]
fn ofsi_fixture() {
    let list = load_uk(ListFormat::UkOfsi, "ConList.csv").unwrap();
    assert_eq!(list.list, "uk-ofsi");
    assert_eq!(list.published.as_deref(), Some("2026-02-20"));
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    assert_eq!(list.files[0].records, 7);
    assert_eq!(list.entities.len(), 4);

    let p = entity(&list, "uk-ofsi:99101");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.provenance.line, Some(3));
    assert_eq!(
        names(p),
        [
            ("Karim Abdul Rahman AL-FULANI", NameType::Primary),
            ("كريم عبد الرحمن الفلاني", NameType::Aka),
            ("Karim FULANI", NameType::Aka),
            ("ABU KARIM", NameType::WeakAka),
        ]
    );
    assert_eq!(p.names[1].script.as_deref(), Some("Arabic"));
    assert_eq!(p.title.as_deref(), Some("Dr"));
    assert_eq!(
        p.dates_of_birth,
        [
            DateOfBirth::Exact {
                date: PartialDate::ymd(1969, 11, 3)
            },
            DateOfBirth::Exact {
                date: PartialDate::year(1968)
            },
        ]
    );
    assert_eq!(p.places_of_birth, ["Taiz, Yemen"]);
    assert_eq!(p.programs, ["ISIL (Da'esh) and Al-Qaida"]);
    let pass = &p.identifiers[0];
    assert_eq!(pass.id_type, IdentifierType::Passport);
    assert_eq!(pass.value, "00412345");
    assert_eq!(
        pass.note.as_deref(),
        Some("Yemeni passport, issued 01/06/2008")
    );
    assert!(p.remarks.iter().any(|r| r == "Position: Financier"));
    assert!(p.remarks.iter().any(|r| r == "Listed on: 04/05/2011"));
    assert!(p
        .remarks
        .iter()
        .any(|r| r.starts_with("(UK Sanctions List Ref):AQD9001.")));
    assert_eq!(p.addresses[0].city.as_deref(), Some("Sana'a"));

    let o = entity(&list, "uk-ofsi:99102");
    assert_eq!(o.kind, EntityKind::Organization);
    assert_eq!(o.provenance.line, Some(6));
    assert_eq!(
        names(o),
        [
            ("EXAMPLE TRADING LLC", NameType::Primary),
            ("EXTRACO", NameType::Aka)
        ]
    );
    assert_eq!(
        o.addresses[0].street.as_deref(),
        Some("Office 5, 10 Example Avenue")
    );
    assert_eq!(o.addresses[0].city.as_deref(), Some("Minsk, 220000"));
    assert!(o
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Address && c.code.as_deref() == Some("BY")));

    assert_eq!(entity(&list, "uk-ofsi:99103").kind, EntityKind::Vessel);
    let olga = entity(&list, "uk-ofsi:99104");
    assert_eq!(
        olga.dates_of_birth,
        [DateOfBirth::Exact {
            date: PartialDate {
                year: 1973,
                month: Some(6),
                day: None
            }
        }]
    );
    let nat: Vec<Option<&str>> = olga
        .countries
        .iter()
        .filter(|c| c.role == CountryRole::Nationality)
        .map(|c| c.code.as_deref())
        .collect();
    assert_eq!(nat, [Some("RU"), Some("BY")]);
}

#[test]
fn parse_bytes_match_load() {
    let x = std::fs::read(fixture("uk").join("UK_Sanctions_List.xml")).unwrap();
    assert_eq!(
        fcdo::parse_bytes("UK_Sanctions_List.xml", &x)
            .unwrap()
            .entities,
        load_uk(ListFormat::UkFcdo, "UK_Sanctions_List.xml")
            .unwrap()
            .entities
    );
    let c = std::fs::read(fixture("uk").join("ConList.csv")).unwrap();
    assert_eq!(
        ofsi::parse_bytes("ConList.csv", &c).unwrap().entities,
        load_uk(ListFormat::UkOfsi, "ConList.csv").unwrap().entities
    );
}

#[test]
fn malformed_files_name_file_and_line() {
    let cases = [
        (
            ListFormat::UkFcdo,
            "missing_unique_id.xml",
            "missing_unique_id.xml:85: Designation[2]/UniqueID: missing",
        ),
        (
            ListFormat::UkFcdo,
            "bad_type.xml",
            "bad_type.xml:126: Designation[3]/IndividualEntityShip: unknown type",
        ),
        (
            ListFormat::UkFcdo,
            "malformed.xml",
            "malformed.xml:94: Designation[2]/Names[1]/Name[2]/Name6[1]: malformed XML",
        ),
        (
            ListFormat::UkOfsi,
            "missing_group_id.csv",
            "missing_group_id.csv:4: field Group ID: empty",
        ),
        (
            ListFormat::UkOfsi,
            "bad_columns.csv",
            "bad_columns.csv:6: expected 36 columns, found 35",
        ),
        (ListFormat::UkOfsi, "bad_quote.csv", "bad_quote.csv:"),
        (ListFormat::UkOfsi, "no_header.csv", "no_header.csv:1: "),
    ];
    for (format, file, expected) in cases {
        let err = load_uk(format, file).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{file}: {err}");
    }
}

#[test]
fn garbage_never_panics() {
    let x = std::fs::read(fixture("uk").join("UK_Sanctions_List.xml")).unwrap();
    for cut in (0..x.len()).step_by(83) {
        let _ = fcdo::parse_bytes("x.xml", &x[..cut]);
    }
    let c = std::fs::read(fixture("uk").join("ConList.csv")).unwrap();
    for cut in (0..c.len()).step_by(7) {
        let _ = ofsi::parse_bytes("x.csv", &c[..cut]);
    }
    let _ = ofsi::parse_bytes("x.csv", b"\xff\xfe\x00,\"");
}
