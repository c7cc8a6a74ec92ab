//! `choose`: the lists a user chose, loaded as the CLI and the Python
//! package load them.

use crate::sample_dir;
use cordon_store::choose::{ChoiceError, ListChoice};

fn choice() -> ListChoice {
    ListChoice {
        max_age: cordon_store::DEFAULT_MAX_AGE_DAYS,
        ..ListChoice::default()
    }
}

#[test]
fn a_folder_and_its_explicit_file_give_the_same_snapshot() {
    let mut notes = Vec::new();
    let folder = ListChoice {
        data: Some(sample_dir()),
        ..choice()
    }
    .snapshot(&mut |n| notes.push(n))
    .expect("sample folder loads");
    assert!(
        notes.iter().any(|n| n.starts_with("ignored ")
            && n.ends_with("README.md (not an official list file name)")),
        "{notes:?}"
    );
    // An empty folder as --data, so the default data folder stays out.
    let empty = tempfile::tempdir().expect("tempdir");
    let file = ListChoice {
        data: Some(empty.path().to_path_buf()),
        lists: vec![format!(
            "ofac-sdn={}",
            sample_dir().join("sdn.csv").display()
        )],
        ..choice()
    }
    .snapshot(&mut |_| {})
    .expect("explicit file loads");
    assert_eq!(folder.version(), file.version());
}

#[test]
fn refusals_name_what_is_wrong() {
    let missing = ListChoice {
        data: Some("/nonexistent/cordon-lists".into()),
        ..choice()
    };
    let e = missing.sources().err().expect("refused");
    assert!(matches!(e, ChoiceError::NoFolder { .. }), "{e}");
    assert_eq!(
        e.to_string(),
        "list folder /nonexistent/cordon-lists does not exist"
    );

    let sdn = sample_dir().join("sdn.csv");
    let twice = ListChoice {
        data: Some(sample_dir()),
        lists: vec![
            format!("ofac-sdn={}", sdn.display()),
            format!("ofac-sdn={}", sample_dir().display()),
        ],
        ..choice()
    };
    let e = twice.sources().err().expect("refused");
    assert!(
        e.to_string()
            .ends_with("both give list ofac-sdn: give one version of each list"),
        "{e}"
    );

    let wrong = ListChoice {
        data: Some(sample_dir()),
        lists: vec![format!("un-sc={}", sdn.display())],
        ..choice()
    };
    let e = wrong.snapshot(&mut |_| {}).err().expect("refused");
    assert!(matches!(e, ChoiceError::Load { .. }), "{e}");
    assert!(e.to_string().starts_with("loading "), "{e}");
    assert!(
        std::error::Error::source(&e).is_some(),
        "the loader's error is kept as the cause"
    );
}
