use crate::data;
use cordon_lists::ListFormat;
use cordon_store::{diff, load_entities};

#[test]
fn dated_file_names_load_as_their_format() {
    let Some(dir) = data("lists/ofac_sdn/history") else {
        return;
    };
    let a = load_entities(&dir.join("sdn_2024-05-01.csv"), None).unwrap();
    let b = load_entities(&dir.join("sdn_2024-05-02.csv"), Some(ListFormat::OfacSdn)).unwrap();
    assert_eq!(a.len(), 14_966);
    assert_eq!(b.len(), 14_973);
}

#[test]
fn sdn_history_diffs() {
    let Some(root) = data("lists/ofac_sdn") else {
        return;
    };
    let load = |rel: &str| load_entities(&root.join(rel), None).unwrap();
    let d0426 = load("history/sdn_2024-04-26.csv");
    let d0501 = load("history/sdn_2024-05-01.csv");
    let d0502 = load("history/sdn_2024-05-02.csv");
    let d0503 = load("2024-05-03/sdn.csv");
    // 14,966 -> 14,973: seven new designations, nothing removed or changed
    // (the raw rows of every common ent_num are byte-identical).
    let a = diff(&d0501, &d0502);
    let ids = |n: &[u32]| -> Vec<String> { n.iter().map(|n| format!("ofac-sdn:{n}")).collect() };
    assert_eq!(
        a.added,
        ids(&[48321, 48323, 48325, 48326, 48328, 48329, 48330])
    );
    assert!(a.removed.is_empty() && a.changed.is_empty(), "{a:?}");
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        format!(
            "{{\"added\":{},\"removed\":[],\"changed\":[]}}",
            serde_json::to_string(&a.added).unwrap()
        )
    );
    // 14,668 -> 14,966: 298 added.
    let b = diff(&d0426, &d0501);
    assert_eq!(
        (b.added.len(), b.removed.len(), b.changed.len()),
        (298, 0, 0)
    );
    // 14,973 -> 14,965: eight removed.
    let c = diff(&d0502, &d0503);
    assert_eq!(
        c.removed,
        ids(&[38556, 38557, 38558, 38559, 38560, 38563, 38565, 38566])
    );
    assert!(c.added.is_empty() && c.changed.is_empty(), "{c:?}");
    assert!(diff(&d0502, &d0502).is_empty());
}

#[test]
fn changed_fields_are_named() {
    let old = load_entities(&crate::sample_dir(), None).unwrap();
    let mut new = old.clone();
    new[0].programs.push("TEST".to_string());
    new[0].names[0].name.push_str(" X");
    new[1].remarks.push("new remark".to_string());
    new[2].provenance.line = Some(9999);
    let removed = new.remove(3);
    let d = diff(&old, &new);
    assert_eq!(d.removed, [removed.id]);
    assert!(d.added.is_empty());
    assert_eq!(d.changed.len(), 2, "{d:?}");
    assert_eq!(d.changed[0].id, old[0].id);
    assert_eq!(d.changed[0].fields, ["names", "programs"]);
    assert_eq!(d.changed[1].fields, ["remarks"]);
}
