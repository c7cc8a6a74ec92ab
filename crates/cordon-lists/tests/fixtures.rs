use crate::fixture;
use cordon_engine::{
    CountryRole, DateOfBirth, Entity, EntityKind, Gender, IdentifierType, NameType, PartialDate,
};
use cordon_lists::{load, ListError, ListFormat, ListSource, LoadedList};

fn load_dir(name: &str) -> LoadedList {
    let src = ListSource::parse_explicit(&format!("ofac-sdn={}", fixture(name).display()))
        .expect("source");
    load(&src).expect("load")
}

fn entity<'a>(list: &'a LoadedList, id: &str) -> &'a Entity {
    list.entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} not loaded"))
}

#[test]
fn basic_four_file_set() {
    let list = load_dir("basic");
    assert_eq!(list.list, "ofac-sdn");
    assert_eq!(list.format, ListFormat::OfacSdn);
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    assert_eq!(list.entities.len(), 5);
    let names: Vec<_> = list
        .files
        .iter()
        .map(|f| f.path.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv"]);
    assert_eq!(
        list.files.iter().map(|f| f.records).collect::<Vec<_>>(),
        [5, 1, 3, 4]
    );
    for f in &list.files {
        assert_eq!(f.sha256.len(), 64);
        assert_eq!(f.bytes, std::fs::metadata(&f.path).unwrap().len());
    }

    let org = entity(&list, "ofac-sdn:101");
    assert_eq!(org.kind, EntityKind::Organization);
    assert_eq!(org.programs, ["NPWMD", "IFSR"]);
    assert_eq!(org.provenance.file, "sdn.csv");
    assert_eq!(org.provenance.line, Some(1));
    let types: Vec<_> = org
        .names
        .iter()
        .map(|n| (n.name.as_str(), n.name_type))
        .collect();
    assert_eq!(
        types,
        [
            ("EXAMPLE SHIPPING TRADING CO., LTD.", NameType::Primary),
            ("EXAMPLE SHIPPING", NameType::Aka),
            ("OLD EXAMPLE SHIPPING", NameType::Fka),
        ]
    );
    assert_eq!(org.addresses.len(), 2);
    assert_eq!(org.addresses[0].street.as_deref(), Some("1 Example Street"));
    let addr_countries: Vec<_> = org
        .countries
        .iter()
        .filter(|c| c.role == CountryRole::Address)
        .map(|c| c.code.as_deref().unwrap())
        .collect();
    assert_eq!(addr_countries, ["IR", "AE"]);
    assert_eq!(org.links[0].name, "EXAMPLE HOLDING GROUP");
    assert_eq!(org.links[0].relation, "linked_to");
    assert_eq!(org.links[0].entity_id.as_deref(), Some("ofac-sdn:102"));
    assert!(org
        .identifiers
        .iter()
        .any(|i| i.id_type == IdentifierType::Website));

    // An all-null address row adds nothing.
    assert!(entity(&list, "ofac-sdn:102").addresses.is_empty());

    let person = entity(&list, "ofac-sdn:103");
    assert_eq!(person.kind, EntityKind::Person);
    assert_eq!(person.title.as_deref(), Some("Director General"));
    assert_eq!(person.gender, Some(Gender::Male));
    assert_eq!(
        person.dates_of_birth,
        [
            DateOfBirth::Exact {
                date: PartialDate::ymd(1970, 2, 1)
            },
            DateOfBirth::Exact {
                date: PartialDate::year(1971)
            },
        ]
    );
    assert_eq!(person.places_of_birth, ["Springfield, Syria"]);
    let alias = person
        .names
        .iter()
        .find(|n| n.name == "TESTPERSON, Alfa")
        .unwrap();
    assert_eq!(alias.remark.as_deref(), Some("low quality"));
    let weak = person.names.iter().find(|n| n.name == "ALPHA").unwrap();
    assert_eq!(weak.name_type, NameType::WeakAka);
    let pass = &person.identifiers[0];
    assert_eq!(pass.id_type, IdentifierType::Passport);
    assert_eq!(pass.value, "X1234567");
    assert_eq!(pass.country.as_deref(), Some("Syria"));
    assert_eq!(pass.note.as_deref(), Some("expires 01 Jan 2030"));
    assert_eq!(
        person.addresses[0].remark.as_deref(),
        Some("near the market")
    );

    let vessel = entity(&list, "ofac-sdn:104");
    assert_eq!(vessel.kind, EntityKind::Vessel);
    let craft = vessel.craft.as_ref().unwrap();
    assert_eq!(craft.call_sign.as_deref(), Some("9XYZ1"));
    assert_eq!(craft.vessel_type.as_deref(), Some("Crude Oil Tanker"));
    assert_eq!(craft.tonnage.as_deref(), Some("150,000"));
    assert_eq!(craft.gross_registered_tonnage.as_deref(), Some("80,000"));
    assert_eq!(
        craft.owner.as_deref(),
        Some("EXAMPLE SHIPPING TRADING CO., LTD.")
    );
    let flag = vessel
        .countries
        .iter()
        .find(|c| c.role == CountryRole::Flag)
        .unwrap();
    assert_eq!(
        (flag.name.as_str(), flag.code.as_deref()),
        ("Iran", Some("IR"))
    );
    let imo = vessel
        .identifiers
        .iter()
        .find(|i| i.id_type == IdentifierType::Imo)
        .unwrap();
    assert_eq!(imo.value, "9999990");
    // The final "LTD." keeps its period; the link resolves.
    assert_eq!(vessel.links[0].name, "EXAMPLE SHIPPING TRADING CO., LTD.");
    assert_eq!(vessel.links[0].entity_id.as_deref(), Some("ofac-sdn:101"));

    let aircraft = entity(&list, "ofac-sdn:105");
    assert_eq!(aircraft.kind, EntityKind::Aircraft);
    assert!(aircraft
        .identifiers
        .iter()
        .any(|i| i.id_type == IdentifierType::AircraftId && i.value == "EP-TST"));
    assert!(aircraft
        .craft
        .as_ref()
        .unwrap()
        .other
        .contains(&"Aircraft Model A310".to_string()));
    // The comment file continued the Remarks mid-word.
    assert_eq!(aircraft.links[0].name, "EXAMPLE HOLDING GROUP");
    assert!(aircraft.remarks.is_empty(), "{:?}", aircraft.remarks);
}

#[test]
fn lf_line_ends_without_sub_byte() {
    let list = load_dir("lf_no_sub");
    assert!(list.warnings.is_empty());
    assert_eq!(list.files.len(), 1, "no companions");
    assert_eq!(list.entities.len(), 2);
    let p = entity(&list, "ofac-sdn:202");
    assert_eq!(p.gender, Some(Gender::Female));
    assert_eq!(
        p.dates_of_birth,
        [DateOfBirth::Circa {
            date: PartialDate::year(1960)
        }]
    );
    assert_eq!(p.provenance.line, Some(2));
}

#[test]
fn crlf_and_lf_give_the_same_entities() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = std::fs::read(fixture("basic/sdn.csv")).unwrap();
    let lf: Vec<u8> = String::from_utf8(crlf)
        .unwrap()
        .replace("\r\n", "\n")
        .trim_end_matches('\u{1a}')
        .as_bytes()
        .to_vec();
    let path = dir.path().join("sdn.csv");
    std::fs::write(&path, lf).unwrap();
    let a = load(&ListSource {
        format: ListFormat::OfacSdn,
        path,
    })
    .unwrap();
    let b = load(&ListSource {
        format: ListFormat::OfacSdn,
        path: fixture("basic/sdn.csv"),
    })
    .unwrap();
    assert_eq!(a.entities.len(), b.entities.len());
    for (x, y) in a.entities.iter().zip(&b.entities) {
        assert_eq!(x.id, y.id);
        assert_eq!(x.primary_name(), y.primary_name());
        assert_eq!(x.dates_of_birth, y.dates_of_birth);
        assert_eq!(x.programs, y.programs);
    }
}

#[test]
fn wrong_column_count_is_an_error_naming_file_and_line() {
    let src = ListSource {
        format: ListFormat::OfacSdn,
        path: fixture("bad_columns/sdn.csv"),
    };
    let err = load(&src).unwrap_err();
    match &err {
        ListError::ColumnCount {
            file,
            line,
            expected,
            found,
        } => {
            assert_eq!(
                (file.as_str(), *line, *expected, *found),
                ("sdn.csv", 2, 12, 11)
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(err.to_string(), "sdn.csv:2: expected 12 columns, found 11");
}

#[test]
fn bad_ent_num_is_an_error_naming_file_line_and_field() {
    let src = ListSource {
        format: ListFormat::OfacSdn,
        path: fixture("bad_entnum/sdn.csv"),
    };
    match load(&src).unwrap_err() {
        ListError::BadField {
            file,
            line,
            field,
            value,
            ..
        } => {
            assert_eq!(
                (file.as_str(), line, field, value.as_str()),
                ("sdn.csv", 2, "ent_num", "40x2")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn duplicate_ent_num_is_an_error() {
    let src = ListSource {
        format: ListFormat::OfacSdn,
        path: fixture("duplicate/sdn.csv"),
    };
    match load(&src).unwrap_err() {
        ListError::DuplicateEntity {
            line,
            first_line,
            ent_num,
            ..
        } => {
            assert_eq!((line, first_line, ent_num.as_str()), (2, 1, "701"));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn unterminated_quote_is_an_error_not_a_panic() {
    let src = ListSource {
        format: ListFormat::OfacSdn,
        path: fixture("bad_quote/sdn.csv"),
    };
    let err = load(&src).unwrap_err();
    assert!(err.to_string().starts_with("sdn.csv:1:"), "{err}");
}

#[test]
fn orphan_companion_rows_are_warnings() {
    let list = load_dir("orphans");
    assert_eq!(list.entities.len(), 1);
    let e = &list.entities[0];
    assert_eq!(e.names.len(), 2);
    assert!(e.addresses.is_empty());
    let w: Vec<String> = list.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 3, "{w:#?}");
    assert!(
        w.contains(
            &"alt.csv:2: alias for ent_num 599, which the primary file does not list; not loaded"
                .to_string()
        ),
        "{w:#?}"
    );
    assert!(w
        .iter()
        .any(|m| m.starts_with("add.csv:1: address for ent_num 598")));
    assert!(w
        .iter()
        .any(|m| m.starts_with("sdn_comments.csv:1: comment for ent_num 597")));
}

#[test]
fn missing_file_and_bad_specs() {
    assert!(matches!(
        ListSource::parse_explicit("ofac-sdn=/nonexistent/cordon/sdn.csv"),
        Err(ListError::NotFound { .. })
    ));
    assert!(matches!(
        ListSource::parse_explicit("un-xml=/tmp"),
        Err(ListError::UnknownFormat { .. })
    ));
    assert!(matches!(
        ListSource::parse_explicit("ofac-sdn"),
        Err(ListError::BadSpec { .. })
    ));
    assert!(matches!(
        ListSource::parse_explicit(&format!("ofac-cons={}", fixture("basic").display())),
        Err(ListError::MissingPrimary { .. })
    ));
    let src = ListSource::parse_explicit(&format!("OFAC-CONS={}", fixture("cons_upper").display()))
        .unwrap();
    assert_eq!(src.format, ListFormat::OfacCons);
    assert!(src.path.ends_with("CONS_PRIM.CSV"));
    assert_eq!(
        "ofac-cons".parse::<ListFormat>().unwrap().as_str(),
        "ofac-cons"
    );
}

#[test]
fn renamed_primary_does_not_take_companions() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["sdn.csv", "alt.csv"] {
        std::fs::copy(fixture("basic").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::rename(
        dir.path().join("sdn.csv"),
        dir.path().join("sdn_2024-05-01.csv"),
    )
    .unwrap();
    let list = load(&ListSource {
        format: ListFormat::OfacSdn,
        path: dir.path().join("sdn_2024-05-01.csv"),
    })
    .unwrap();
    assert_eq!(list.files.len(), 1);
    assert_eq!(list.warnings.len(), 1);
    assert_eq!(list.warnings[0].file, "alt.csv");
}

#[test]
fn consolidated_list_with_upper_case_names() {
    let src = ListSource::parse_explicit(&format!("ofac-cons={}", fixture("cons_upper").display()))
        .unwrap();
    let list = load(&src).unwrap();
    assert_eq!(list.list, "ofac-cons");
    let e = &list.entities[0];
    assert_eq!(e.id, "ofac-cons:601");
    assert_eq!(e.names.len(), 2);
    let types: Vec<_> = e.identifiers.iter().map(|i| i.id_type).collect();
    // "Tax ID No. 7700000001 (Russia)": a Russian tax number is an INN.
    assert_eq!(
        types,
        [
            IdentifierType::Inn,
            IdentifierType::SwiftBic,
            IdentifierType::Lei
        ]
    );
}
