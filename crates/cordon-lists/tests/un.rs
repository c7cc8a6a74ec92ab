//! UN Security Council consolidated list: hand-made fixtures in
//! `tests/data/un/` and the real files in `$CORDON_DATA`.

use crate::{entity, fixture};
use cordon_engine::{
    CountryRole, DateOfBirth, EntityKind, Gender, IdentifierType, NameType, PartialDate,
};
use cordon_lists::{load, un, ListFormat, ListSource, LoadedList};

fn load_un(name: &str) -> cordon_lists::Result<LoadedList> {
    load(&ListSource {
        format: ListFormat::UnSc,
        path: fixture("un").join(name),
    })
}

#[test]
fn fixture_loads_every_field() {
    let list = load_un("consolidated.xml").unwrap();
    assert_eq!(list.list, "un-sc");
    assert_eq!(list.format, ListFormat::UnSc);
    assert_eq!(list.published.as_deref(), Some("2026-02-27T00:00:09.554Z"));
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    assert_eq!(list.entities.len(), 3);
    assert_eq!(list.files.len(), 1);
    assert_eq!(list.files[0].records, 3);
    assert_eq!(list.files[0].sha256.len(), 64);

    let p = entity(&list, "un-sc:QDi.901");
    assert_eq!(p.source_id, "QDi.901");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.primary_name(), "KARIM ABDUL RAHMAN AL-FULANI");
    assert_eq!(p.provenance.file, "consolidated.xml");
    assert_eq!(p.provenance.line, Some(4));
    let names: Vec<(&str, NameType)> = p
        .names
        .iter()
        .map(|n| (n.name.as_str(), n.name_type))
        .collect();
    assert_eq!(
        names,
        [
            ("KARIM ABDUL RAHMAN AL-FULANI", NameType::Primary),
            ("Karim al-Fulani", NameType::Aka),
            ("Abu Karim", NameType::WeakAka),
            ("Karim Fulani", NameType::Aka),
            ("Karim Rahman", NameType::Fka),
            ("كريم عبد الرحمن الفلاني", NameType::Aka),
        ]
    );
    assert_eq!(p.names[2].remark.as_deref(), Some("Nom de guerre"));
    assert_eq!(
        p.names[3].remark.as_deref(),
        Some("date of birth 1970-02-03; place of birth Yemen")
    );
    assert_eq!(p.names[5].script.as_deref(), Some("Arabic"));
    assert!(p.names[..5].iter().all(|n| n.script.is_none()));
    assert_eq!(
        p.dates_of_birth,
        [
            DateOfBirth::Exact {
                date: PartialDate::ymd(1969, 11, 3)
            },
            DateOfBirth::Circa {
                date: PartialDate::year(1968)
            },
            DateOfBirth::Range {
                from: PartialDate::year(1966),
                to: PartialDate::year(1970)
            },
            DateOfBirth::Exact {
                date: PartialDate::year(1967)
            },
        ]
    );
    assert_eq!(p.places_of_birth, ["Taiz, Yemen"]);
    let nat: Vec<(&str, Option<&str>)> = p
        .countries
        .iter()
        .filter(|c| c.role == CountryRole::Nationality)
        .map(|c| (c.name.as_str(), c.code.as_deref()))
        .collect();
    assert_eq!(nat, [("Yemen", Some("YE")), ("Saudi Arabia", Some("SA"))]);
    assert!(p
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Birth && c.code.as_deref() == Some("YE")));
    assert_eq!(p.gender, Some(Gender::Male));
    assert_eq!(p.title.as_deref(), Some("Doctor"));
    assert_eq!(p.programs, ["Al-Qaida"]);
    assert_eq!(p.identifiers.len(), 2);
    let pass = &p.identifiers[0];
    assert_eq!(pass.id_type, IdentifierType::Passport);
    assert_eq!(pass.value, "00412345");
    assert_eq!(pass.country.as_deref(), Some("Yemen"));
    assert_eq!(pass.note.as_deref(), Some("issued 2008-06-01; Expired"));
    let nid = &p.identifiers[1];
    assert_eq!(nid.id_type, IdentifierType::NationalId);
    assert_eq!(nid.country.as_deref(), Some("Saudi Arabia"));
    assert_eq!(p.addresses.len(), 1);
    assert_eq!(p.addresses[0].street.as_deref(), Some("12 Example Street"));
    assert_eq!(p.addresses[0].city.as_deref(), Some("Sana'a"));
    assert_eq!(p.addresses[0].remark.as_deref(), Some("as of 2019"));
    assert!(p.remarks.iter().any(|r| r == "Designation: Financier"));
    assert!(p.remarks.iter().any(|r| r == "Listed on: 2011-05-04"));
    assert!(p.remarks.iter().any(|r| r.starts_with("Fixture person.")));

    let o = entity(&list, "un-sc:KPi.901");
    assert_eq!(o.gender, Some(Gender::Female));
    assert_eq!(o.names.len(), 2, "empty alias skipped: {:?}", o.names);
    assert_eq!(o.names[1].script.as_deref(), Some("Cyrillic"));
    // A date given only in the note.
    assert_eq!(
        o.dates_of_birth,
        [DateOfBirth::Exact {
            date: PartialDate {
                year: 1973,
                month: Some(11),
                day: None
            }
        }]
    );
    assert!(o.addresses.is_empty() && o.places_of_birth.is_empty());

    let c = entity(&list, "un-sc:KPe.901");
    assert_eq!(c.kind, EntityKind::Organization);
    assert_eq!(c.names[1].name_type, NameType::Aka);
    assert_eq!(c.names[2].name_type, NameType::Fka);
    assert!(c
        .countries
        .iter()
        .any(|x| x.role == CountryRole::Address && x.code.as_deref() == Some("KP")));
    assert_eq!(c.provenance.line, Some(132));
}

#[test]
fn parse_bytes_matches_load() {
    let bytes = std::fs::read(fixture("un").join("consolidated.xml")).unwrap();
    let a = un::parse_bytes("consolidated.xml", &bytes).unwrap();
    let b = load_un("consolidated.xml").unwrap();
    assert_eq!(a.entities, b.entities);
    assert_eq!(a.files[0].sha256, b.files[0].sha256);
}

#[test]
fn malformed_files_name_file_line_and_path() {
    let cases = [
        (
            "bad_tag.xml",
            "bad_tag.xml:102: INDIVIDUALS/INDIVIDUAL[2]/SECOND_NAME[1]: malformed XML",
        ),
        (
            "missing_ref.xml",
            "missing_ref.xml:98: INDIVIDUALS/INDIVIDUAL[2]/REFERENCE_NUMBER: missing",
        ),
        (
            "bad_year.xml",
            "bad_year.xml:68: INDIVIDUALS/INDIVIDUAL[1]/INDIVIDUAL_DATE_OF_BIRTH[2]/YEAR: not a year",
        ),
        (
            "duplicate.xml",
            "duplicate.xml:132: REFERENCE_NUMBER QDi.901 already defined on line 4",
        ),
        ("truncated.xml", "truncated.xml:"),
    ];
    for (file, expected) in cases {
        let err = load_un(file).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{file}: {err}");
    }
    let err = load_un("truncated.xml").unwrap_err().to_string();
    assert!(err.contains("end of file"), "{err}");
}

#[test]
fn garbage_never_panics() {
    let base = std::fs::read(fixture("un").join("consolidated.xml")).unwrap();
    for cut in (0..base.len()).step_by(97) {
        let _ = un::parse_bytes("x.xml", &base[..cut]);
    }
    for junk in [
        &b""[..],
        b"<",
        b"<a",
        b"\xff\xfe<x/>",
        b"<CONSOLIDATED_LIST/>",
    ] {
        let _ = un::parse_bytes("x.xml", junk);
    }
    // A wrong root is refused.
    let err = un::parse_bytes("x.xml", b"<sdnList/>")
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a UN consolidated list"), "{err}");
}

// ---- real files ----

use crate::shared_data as data;

fn load_real(rel: &str) -> Option<LoadedList> {
    let path = data(rel)?;
    Some(
        load(&ListSource {
            format: ListFormat::UnSc,
            path,
        })
        .unwrap_or_else(|e| panic!("{rel}: {e}")),
    )
}

fn count(list: &LoadedList, kind: EntityKind) -> usize {
    list.entities.iter().filter(|e| e.kind == kind).count()
}

/// Non-Latin names inside the 2026 file's alias fields.
const ALIAS_SCRIPT_NAMES_2026: usize = 39;

#[test]
fn real_un_2026() {
    let Some(list) = load_real("lists/un/consolidated_2026-02-27.xml") else {
        return;
    };
    assert_eq!(count(&list, EntityKind::Person), 730);
    assert_eq!(count(&list, EntityKind::Organization), 273);
    assert_eq!(list.published.as_deref(), Some("2026-02-27T00:00:09.554Z"));
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    // Every NAME_ORIGINAL_SCRIPT is kept: 378 in the file (336 on
    // individuals, 42 on entities), one of them in Latin letters.
    // Alias fields add 39 names in other scripts ("Jin Tiesan (金铁三)",
    // "حسن غول (Hassan Ghul; …)"), so 417 names carry a script.
    let original: Vec<&cordon_engine::Name> = list
        .entities
        .iter()
        .flat_map(|e| e.names.iter().filter(|n| n.script.is_some()))
        .collect();
    assert_eq!(original.len(), 378 + ALIAS_SCRIPT_NAMES_2026);
    let on_persons: usize = list
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.names.iter().filter(|n| n.script.is_some()).count())
        .sum();
    assert!(on_persons >= 336, "{on_persons}");
    let jin = list
        .entities
        .iter()
        .flat_map(|e| &e.names)
        .find(|n| n.name == "金铁三")
        .expect("the Han name in the alias field Jin Tiesan (金铁三)");
    assert_eq!(jin.script.as_deref(), Some("Han"));
    // An alias field of several spellings is several names.
    let salimi = entity(&list, "un-sc:IRi.038");
    let spellings: Vec<&str> = salimi.names.iter().map(|n| n.name.as_str()).collect();
    assert!(
        spellings.contains(&"Hosain Salimi") && spellings.contains(&"Hossein Saleemi"),
        "{spellings:?}"
    );
    assert!(salimi
        .names
        .iter()
        .filter(|n| n.name == "Hosain Salimi")
        .all(|n| n
            .remark
            .as_deref()
            .is_some_and(|r| r.starts_with("list entry: Husain Salimi; "))));
    let arabic = original
        .iter()
        .filter(|n| n.script.as_deref() == Some("Arabic"))
        .count();
    assert!(arabic >= 360, "{arabic}");

    let saddam = entity(&list, "un-sc:IQi.001");
    assert_eq!(saddam.primary_name(), "SADDAM HUSSEIN AL-TIKRITI");
    assert_eq!(saddam.programs, ["Iraq"]);
    assert_eq!(
        saddam.dates_of_birth,
        [DateOfBirth::Exact {
            date: PartialDate::ymd(1937, 4, 28)
        }]
    );
    assert_eq!(saddam.places_of_birth, ["al-Awja, near Tikrit, Iraq"]);
    assert!(saddam
        .names
        .iter()
        .any(|n| n.name == "Abu Ali" && n.name_type == NameType::WeakAka));
    assert!(saddam
        .names
        .iter()
        .any(|n| n.name == "صدام حسين التكريتي" && n.script.as_deref() == Some("Arabic")));
    assert!(saddam
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Nationality && c.code.as_deref() == Some("IQ")));

    let zawahiri = entity(&list, "un-sc:QDi.006");
    assert_eq!(zawahiri.primary_name(), "AIMAN MUHAMMED RABI AL-ZAWAHIRI");
    assert_eq!(zawahiri.title.as_deref(), Some("Doctor; Dr."));
    assert!(zawahiri
        .names
        .iter()
        .any(|n| n.name == "Ayman Al-Zawahari" && n.name_type == NameType::Aka));

    let badege = entity(&list, "un-sc:CDi.001");
    assert_eq!(badege.gender, Some(Gender::Male));
    assert_eq!(
        badege.dates_of_birth,
        [DateOfBirth::Exact {
            date: PartialDate::year(1971)
        }]
    );
    assert!(badege
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Nationality && c.code.as_deref() == Some("CD")));

    let between = entity(&list, "un-sc:CDi.030");
    assert!(between.dates_of_birth.contains(&DateOfBirth::Range {
        from: PartialDate::year(1973),
        to: PartialDate::year(1974)
    }));

    let pass = entity(&list, "un-sc:CDi.040")
        .identifiers
        .iter()
        .find(|i| i.value == "AB850901")
        .expect("passport AB850901");
    assert_eq!(pass.id_type, IdentifierType::Passport);
    assert_eq!(pass.country.as_deref(), Some("United Republic of Tanzania"));
    assert_eq!(pass.note.as_deref(), Some("Expiration date: 2026-12-11."));

    let komid = entity(&list, "un-sc:KPe.001");
    assert_eq!(komid.kind, EntityKind::Organization);
    assert_eq!(
        komid.primary_name(),
        "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    );
    assert_eq!(komid.names.len(), 5);
    assert_eq!(komid.addresses[0].city.as_deref(), Some("Pyongyang"));
    assert!(komid
        .countries
        .iter()
        .any(|c| c.role == CountryRole::Address && c.code.as_deref() == Some("KP")));
}

#[test]
fn real_un_2018() {
    let Some(list) = load_real("lists/un/consolidated_2018-10-29.xml") else {
        return;
    };
    assert_eq!(count(&list, EntityKind::Person), 703);
    assert_eq!(count(&list, EntityKind::Organization), 390);
    assert_eq!(
        list.published.as_deref(),
        Some("2018-10-29T19:09:49.856-04:00")
    );
    // 411 non-blank NAME_ORIGINAL_SCRIPT (one more is a single space).
    let original: usize = list
        .entities
        .iter()
        .map(|e| e.names.iter().filter(|n| n.script.is_some()).count())
        .sum();
    // Plus 40 names in other scripts inside alias fields.
    assert_eq!(original, 411 + 40);
    // Dates with a zone ("1960-01-01-05:00") are read.
    assert!(list
        .entities
        .iter()
        .any(|e| e.dates_of_birth.contains(&DateOfBirth::Exact {
            date: PartialDate::ymd(1960, 1, 1)
        })));
}
