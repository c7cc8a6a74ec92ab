//! EU Financial Sanctions Files XML 1.1: hand-made fixtures in
//! `tests/data/eu/` (no real file is available).

use crate::{entity, fixture};
use cordon_engine::{
    CountryRole, DateOfBirth, EntityKind, Gender, IdentifierType, NameType, PartialDate,
};
use cordon_lists::{eu, load, ListFormat, ListSource, LoadedList};

fn load_eu(name: &str) -> cordon_lists::Result<LoadedList> {
    load(&ListSource {
        format: ListFormat::EuFsf,
        path: fixture("eu").join(name),
    })
}

#[test]
fn fixture_loads_every_field() {
    let list = load_eu("eu_fsf.xml").unwrap();
    assert_eq!(list.list, "eu-fsf");
    assert_eq!(
        list.published.as_deref(),
        Some("2026-02-20T17:32:06.981+01:00")
    );
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    assert_eq!(list.entities.len(), 3);
    assert_eq!(list.files[0].records, 3);

    let p = entity(&list, "eu-fsf:900001");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.provenance.line, Some(3));
    assert_eq!(p.provenance.file, "eu_fsf.xml");
    assert_eq!(p.primary_name(), "Ivan Petrovich Sidorov");
    assert_eq!(p.names[0].name_type, NameType::Primary);
    assert_eq!(p.names[1].name, "Иван Петрович Сидоров");
    assert_eq!(p.names[1].name_type, NameType::Aka);
    assert_eq!(p.names[1].lang.as_deref(), Some("ru"));
    assert_eq!(p.names[1].script.as_deref(), Some("Cyrillic"));
    assert_eq!(p.names[2].name, "Vania");
    assert_eq!(p.names[2].name_type, NameType::WeakAka);
    assert_eq!(p.gender, Some(Gender::Male));
    assert_eq!(p.title.as_deref(), Some("Mr"));
    assert_eq!(p.programs, ["UKR", "RUS"]);
    assert_eq!(
        p.dates_of_birth,
        [DateOfBirth::Exact {
            date: PartialDate::ymd(1965, 3, 14)
        }]
    );
    assert_eq!(p.places_of_birth, ["Leningrad, RUSSIAN FEDERATION"]);
    let roles: Vec<(CountryRole, Option<&str>)> = p
        .countries
        .iter()
        .map(|c| (c.role, c.code.as_deref()))
        .collect();
    assert_eq!(
        roles,
        [
            (CountryRole::Birth, Some("RU")),
            (CountryRole::Citizenship, Some("RU")),
            (CountryRole::Address, Some("RU")),
        ]
    );
    let pass = &p.identifiers[0];
    assert_eq!(pass.id_type, IdentifierType::Passport);
    assert_eq!(pass.label, "National passport");
    assert_eq!(pass.value, "720012345");
    assert_eq!(pass.country.as_deref(), Some("RUSSIAN FEDERATION"));
    assert_eq!(
        pass.note.as_deref(),
        Some("issued by Ministry of Internal Affairs; issued 2015-06-01; valid to 2025-06-01")
    );
    assert_eq!(p.identifiers[1].id_type, IdentifierType::NationalId);
    assert_eq!(p.identifiers[1].note.as_deref(), Some("known false"));
    // "Tax Identification Number: INN", RU: the loader types it an INN.
    assert_eq!(p.identifiers[2].id_type, IdentifierType::Inn);
    assert_eq!(p.addresses[0].street.as_deref(), Some("Tverskaya Street 1"));
    assert_eq!(p.addresses[0].city.as_deref(), Some("125009 Moscow"));
    assert!(p
        .remarks
        .iter()
        .any(|r| r == "Function: Chief executive officer of Example Holding"));
    assert!(p
        .remarks
        .iter()
        .any(|r| r == "EU reference number: EU.9001.11"));

    // Unknown date parts, circa, ranges; a name only in Arabic script.
    let a = entity(&list, "eu-fsf:900002");
    assert_eq!(a.gender, Some(Gender::Female));
    assert_eq!(a.primary_name(), "Amina Haddad");
    assert_eq!(a.names[1].script.as_deref(), Some("Arabic"));
    assert_eq!(a.names[1].lang.as_deref(), Some("ar"));
    assert_eq!(
        a.dates_of_birth,
        [
            DateOfBirth::Exact {
                date: PartialDate::year(1980)
            },
            DateOfBirth::Circa {
                date: PartialDate::year(1978)
            },
            DateOfBirth::Range {
                from: PartialDate::year(1975),
                to: PartialDate::year(1977)
            },
            DateOfBirth::Exact {
                date: PartialDate {
                    year: 1979,
                    month: Some(6),
                    day: None
                }
            },
        ]
    );
    assert_eq!(a.places_of_birth, ["Aleppo, SYRIAN ARAB REPUBLIC", "Homs"]);
    assert_eq!(
        a.identifiers[0].note.as_deref(),
        Some("Issued in Damascus.")
    );
    assert!(a
        .remarks
        .iter()
        .any(|r| r == "Designation details: Member of an example armed group."));

    // Twelve names in eleven languages.
    let o = entity(&list, "eu-fsf:900003");
    assert_eq!(o.kind, EntityKind::Organization);
    assert_eq!(o.primary_name(), "LLC “Inter Tobacco”");
    assert_eq!(o.names.len(), 12);
    assert!(o.names[1..].iter().all(|n| n.name_type == NameType::Aka));
    let langs: std::collections::BTreeSet<&str> =
        o.names.iter().filter_map(|n| n.lang.as_deref()).collect();
    assert_eq!(langs.len(), 11);
    let cyrillic = o
        .names
        .iter()
        .filter(|n| n.script.as_deref() == Some("Cyrillic"))
        .count();
    assert_eq!(cyrillic, 3);
    assert_eq!(
        o.names
            .iter()
            .find(|n| n.lang.as_deref() == Some("el"))
            .and_then(|n| n.script.as_deref()),
        Some("Greek")
    );
    assert_eq!(o.identifiers[0].id_type, IdentifierType::Registration);
    assert_eq!(o.identifiers[0].value, "191234567");
    assert!(o
        .identifiers
        .iter()
        .any(|i| i.id_type == IdentifierType::Phone && i.value == "+375 17 000 00 00"));
    assert!(o
        .identifiers
        .iter()
        .any(|i| i.id_type == IdentifierType::Website));
    assert_eq!(o.programs, ["BLR"]);
    assert!(o
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Address && c.code.as_deref() == Some("BY")));
}

#[test]
fn parse_bytes_matches_load() {
    let bytes = std::fs::read(fixture("eu").join("eu_fsf.xml")).unwrap();
    let a = eu::parse_bytes("eu_fsf.xml", &bytes).unwrap();
    assert_eq!(a.entities, load_eu("eu_fsf.xml").unwrap().entities);
}

#[test]
fn malformed_files_name_file_line_and_path() {
    let cases = [
        (
            "missing_logical_id.xml",
            "missing_logical_id.xml:22: sanctionEntity[2]/@logicalId: missing",
        ),
        (
            "bad_year.xml",
            "bad_year.xml:27: sanctionEntity[2]/birthdate[1]/@year: not a number",
        ),
        ("malformed.xml", "malformed.xml:14: sanctionEntity[1]"),
        (
            "no_name.xml",
            "no_name.xml:22: sanctionEntity[2]/nameAlias: no name",
        ),
        (
            "bad_subject.xml",
            "bad_subject.xml:40: sanctionEntity[3]/subjectType[1]/@code: unknown subject type",
        ),
    ];
    for (file, expected) in cases {
        let err = load_eu(file).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{file}: {err}");
    }
}

#[test]
fn garbage_never_panics() {
    let base = std::fs::read(fixture("eu").join("eu_fsf.xml")).unwrap();
    for cut in (0..base.len()).step_by(89) {
        let _ = eu::parse_bytes("x.xml", &base[..cut]);
    }
    let err = eu::parse_bytes("x.xml", b"<CONSOLIDATED_LIST/>")
        .unwrap_err()
        .to_string();
    assert!(err.contains("not an EU Financial Sanctions File"), "{err}");
}
