//! Snapshot tests of the name-knowledge tables (nicknames, number words,
//! particle spellings) and of what they do to a fixed set of names.
//! Review `.snap` changes like code changes: a new data version shows
//! here line by line.

use cordon_engine::normalize::{
    name_forms, name_groups, name_parts, nicknames, person_forms, NameForm,
};
use std::fmt::Write;

#[test]
fn nicknames_table() {
    let mut out = String::new();
    for (name, related) in nicknames::nicknames().entries() {
        let _ = writeln!(out, "{name} => {}", related.join(" "));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn number_words_table() {
    let names = [
        "Fifteen Ltd",
        "15 Ltd",
        "Second Economic Committee",
        "2nd Economic Committee",
        "13th Research Institute",
        "Thirteenth Research Institute",
        "Tres Hermanos SA",
        "Twenty-One Trading",
        "Vingt et Un SARL",
        "Einundzwanzig GmbH",
        "Acme KGaA",
        "Tre Stelle SpA",
        "One Hundred Fifteen Holdings",
        "1er Regiment",
        "Banco dos Santos",
        "Un Ponte SRL",
    ];
    let mut out = String::new();
    for n in names {
        let forms: Vec<String> = name_forms(n).iter().map(NameForm::text).collect();
        let _ = writeln!(out, "{n} => {}", forms.join(" | "));
    }
    // Persons keep their words: "Otto" and "Segundo" are names.
    for n in ["Otto Segundo", "Juan Tres"] {
        let forms: Vec<String> = person_forms(n).iter().map(NameForm::text).collect();
        let _ = writeln!(out, "person {n} => {}", forms.join(" | "));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn particle_spellings_table() {
    let mut out = String::new();
    for (from, to) in name_parts::PARTICLE_SPELLINGS {
        let _ = writeln!(out, "{from} => {to}");
    }
    for n in [
        "Muhammad ibn Salman Al Saud",
        "Mohammed bin Salman",
        "Fatima bint Ahmed",
        "Abd ar-Rahman el-Masri",
        "IvanPetrov",
        "McDONALD",
        "DeVito",
        "Sa'Id",
    ] {
        let forms: Vec<String> = person_forms(n).iter().map(NameForm::text).collect();
        let _ = writeln!(out, "person {n} => {}", forms.join(" | "));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn name_groups_table() {
    let groups = name_groups::name_groups();
    let entries = groups.entries();
    let mut out = String::new();
    let _ = writeln!(out, "{} groups; every 1000th:", entries.len());
    for (qid, latin, native) in entries.iter().step_by(1000) {
        let _ = writeln!(out, "{qid}\t{}\t{}", latin.join(" "), native.join(" "));
    }
    // What the data does to names: readings of native words, and which
    // Latin forms are one name.
    for n in [
        "Γεώργιος Παπαδόπουλος",
        "Саша Петров",
        "ジョージ・ブッシュ",
        "アレクサンドル",
        "安倍晋三",
        "裕毅",
        "ג'ורג' בוש",
        "王建国",
    ] {
        let forms: Vec<String> = person_forms(n).iter().map(NameForm::text).collect();
        let _ = writeln!(out, "person {n} => {}", forms.join(" | "));
    }
    for (a, b) in [
        ("georgios", "george"),
        ("aleksandr", "sasha"),
        ("alexander", "aleksandr"),
        ("yuuki", "yuki"),
        ("jose", "pepe"),
        ("george", "aleksandr"),
    ] {
        let shared = groups.shared(groups.id(a), groups.id(b));
        let _ = writeln!(
            out,
            "{a} ~ {b}: {}",
            shared.map_or("different names".to_string(), |g| groups.qid(g))
        );
    }
    insta::assert_snapshot!(out);
}
