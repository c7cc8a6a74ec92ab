//! Snapshot tests of the normalisation tables and of each romaniser's output
//! on a fixed word list. Review `.snap` changes like code changes.

use cordon_engine::normalize::{
    arabic, cyrillic, fold, han, hangul, legal_forms, name_forms, name_parts, phonetic_key,
};
use std::fmt::Write;

fn lines<T: AsRef<str>>(words: &[&str], f: impl Fn(&str) -> Vec<T>) -> String {
    let mut out = String::new();
    for w in words {
        let r: Vec<String> = f(w).iter().map(|s| s.as_ref().to_string()).collect();
        let _ = writeln!(out, "{w} => {}", r.join(" | "));
    }
    out
}

#[test]
fn legal_forms_table() {
    let mut out = String::new();
    for (phrase, code) in legal_forms::LEGAL_FORMS {
        let _ = writeln!(out, "{phrase} => {code}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn name_parts_table() {
    let mut out = String::new();
    let _ = writeln!(out, "particles: {}", name_parts::PARTICLES.join(" "));
    let _ = writeln!(out, "stopwords: {}", name_parts::STOPWORDS.join(" "));
    let _ = writeln!(out, "honorifics: {}", name_parts::HONORIFICS.join(" "));
    for (a, e) in name_parts::ABBREVIATIONS {
        let _ = writeln!(out, "abbrev {a} => {e}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn cyrillic_words() {
    let words = [
        "Шагивалеев",
        "Тимур",
        "Наилевич",
        "Александр",
        "Алексей",
        "Дмитрий",
        "Юрий",
        "Евгений",
        "Ельцин",
        "Хрущёв",
        "Фёдор",
        "Пётр",
        "Щукин",
        "Жуков",
        "Цой",
        "Юлия",
        "Наталья",
        "Подъячев",
        "Маяковский",
        "Толстой",
        "Ковальчук",
        "Ігор",
        "Олексій",
        "Ющенко",
        "Лукашэнка",
        "Ўладзімір",
        "Нұрсұлтан",
        "Қасым-Жомарт",
        "Әбішев",
        "Ђоковић",
        "Љубомир",
    ];
    insta::assert_snapshot!(lines(&words, cyrillic::romanise_cyrillic));
}

#[test]
fn arabic_words() {
    let words = [
        "محمد",
        "أحمد",
        "حسين",
        "علي",
        "عبد الله",
        "عبدالرحمن",
        "عبد العزيز",
        "بن",
        "أبو بكر",
        "صدام حسين التكريتي",
        "يوسف",
        "حبیب‌الله",
        "شمس الدین",
        "ضیا الرحمان",
        "آخوند زاده",
        "ولی جان",
        "الدولة الإسلامية",
        "والشام",
        "پرویز",
        "گلبدین",
        "چغتای",
        "ژاله",
        "کریم",
        "حويش",
        "جوهر",
        "انتصار",
        "بلقاسم",
        "العوادي",
        "اچکزی",
        "قصي",
        "عدي",
    ];
    insta::assert_snapshot!(lines(&words, arabic::romanise_arabic));
}

#[test]
fn arabic_dictionary() {
    let n = arabic::NAMES.lines().filter(|l| l.contains('=')).count();
    insta::assert_snapshot!(format!("{n} entries\n{}", arabic::NAMES));
}

#[test]
fn hangul_names() {
    let words = [
        "김정은",
        "김 정은",
        "리영호",
        "최룡해",
        "박봉주",
        "이명박",
        "박근혜",
        "문재인",
        "조명록",
        "정몽준",
        "남궁민",
        "서울",
        "조선광선은행",
    ];
    insta::assert_snapshot!(lines(&words, hangul::romanise_hangul));
    let mut out = String::new();
    for (k, v) in hangul::SURNAMES {
        let _ = writeln!(out, "{k} => {}", v.join(" "));
    }
    insta::assert_snapshot!("hangul_surnames", out);
}

#[test]
fn han_names() {
    let words = [
        "习近平",
        "李克强",
        "欧阳修",
        "曾国藩",
        "单田芳",
        "朴槿惠",
        "王",
        "中国石油天然气集团",
    ];
    insta::assert_snapshot!(lines(&words, han::romanise_han));
}

#[test]
fn phonetic_keys() {
    let words = [
        "mohammad",
        "muhammad",
        "mohammed",
        "hossein",
        "husayn",
        "hussein",
        "shagivaleev",
        "shagivaleyev",
        "aleksandr",
        "alexander",
        "yusuf",
        "yousef",
        "youssef",
        "khalid",
        "halid",
        "philip",
        "filip",
        "wazir",
        "vazir",
        "qasim",
        "kasim",
        "cesar",
        "abdullah",
        "chaudhry",
        "tchaikovsky",
        "zhukov",
        "djamel",
        "jamal",
        "x",
        "a",
        "1234",
    ];
    insta::assert_snapshot!(lines(&words, |w| vec![phonetic_key(w)]));
}

#[test]
fn name_forms_sample() {
    let names = [
        "PUTIN, Vladimir Vladimirovich",
        "OOO Alabuga Machinery",
        "ACME INTL TRADING CO., LTD.",
        "Obshchestvo s Ogranichennoy Otvetstvennostyu \"Romashka\"",
        "Общество с ограниченной ответственностью «Ромашка»",
        "ПАО Сбербанк",
        "Шагивалеев Тимур Наилевич",
        "صدام حسين التكريتي",
        "김정은",
        "习近平",
        "华为技术有限公司",
        "Sheikh Dr. Ayman al-Zawahiri",
        "Türkiye Halk Bankası A.Ş.",
        "ALPHA 1 SHIPPING S.A.",
        "Κωνσταντίνος Καραμανλής",
        "ბიძინა ივანიშვილი",
        "שמעון פרס",
    ];
    let mut out = String::new();
    for n in names {
        let _ = writeln!(out, "{n}\n  fold: {}", fold(n));
        for f in name_forms(n) {
            let t: Vec<String> = f
                .tokens
                .iter()
                .map(|t| {
                    let r = serde_json::to_value(t.role)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    if r == "word" {
                        t.text.clone()
                    } else {
                        format!("{}/{}", t.text, r)
                    }
                })
                .collect();
            let _ = writeln!(out, "  - {}", t.join(" "));
        }
    }
    insta::assert_snapshot!(out);
}
