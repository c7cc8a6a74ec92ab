//! Legal forms of organisations in many languages and scripts, each
//! canonicalised to one short code (the token text, role `LegalForm`).
//!
//! Phrases are written as they come out of the lexer: Latin folded to
//! lower-case ASCII words (dotted abbreviations already joined: `S.A.` →
//! `sa`, `L.L.C.` → `llc`, `A/S` → `as`, `A.Ş.` → `as`; `CO., LTD.` → `co ltd`;
//! hyphens split: `FZ-LLC` → `fz llc`), Cyrillic in lower case, Arabic
//! unvocalised (hamza seats, ta marbuta and Persian letters are unified by
//! the same key function as the lookup), Han as written.
//!
//! Canonical codes, kept few:
//! `llc` (LLC, OOO, TOO, TOV, SARL, SRL, SL, Ltda, s.r.o., GmbH is separate),
//! `jsc` (JSC, AO, ZAO, OAO, PAO, PJSC, CJSC, OJSC, every joint stock company,
//! 股份有限公司), `ltd` (Ltd, Limited, Co Ltd, Pte Ltd, Pvt Ltd, PT, 有限公司),
//! `co`, `corp`, `inc`, `sa` (SA, SpA, SAS, SAE, SAL, SAC), `gmbh`, `ag`, `kg`,
//! `bv`, `nv`, `oy`, `ab`, `as` (AS, A/S, ASA, A.Ş., Anonim Şirketi), `plc`,
//! `llp`, `lp`, `fze` (FZE, FZCO, FZC, FZ-LLC, DMCC), `bhd` (Bhd, Sdn Bhd,
//! Berhad), `kk` (KK, Kabushiki Kaisha, 株式会社).

use super::arabic;
use super::script::{script_of_text, RawWord, Script};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// `(phrase, canonical code)`.
pub const LEGAL_FORMS: &[(&str, &str)] = &[
    // --- limited liability company
    ("llc", "llc"),
    ("l l c", "llc"),
    ("ooo", "llc"),
    ("ооо", "llc"),
    ("too", "llc"),
    ("тоо", "llc"),
    ("tov", "llc"),
    ("тов", "llc"),
    ("mchj", "llc"),
    ("limited liability company", "llc"),
    ("limited liability co", "llc"),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "llc"),
    ("obshchestvo s ogranichennoi otvetstvennostiu", "llc"),
    ("obshchestvo s ogranichennoj otvetstvennostyu", "llc"),
    ("obshestvo s ogranichennoy otvetstvennostyu", "llc"),
    ("общество с ограниченной ответственностью", "llc"),
    ("tovarishchestvo s ogranichennoy otvetstvennostyu", "llc"),
    ("товарищество с ограниченной ответственностью", "llc"),
    ("товариство з обмеженою відповідальністю", "llc"),
    ("sarl", "llc"),
    ("srl", "llc"),
    ("sl", "llc"),
    ("ltda", "llc"),
    // Empresa individual de responsabilidad limitada (Peru, Chile);
    // sociedad de producción rural (de responsabilidad limitada, Mexico):
    // written dotted, "E.I.R.L.", "S.P.R.".
    ("eirl", "llc"),
    ("spr", "llc"),
    ("sro", "llc"),
    ("sp z o o", "llc"),
    ("doo", "llc"),
    ("eood", "llc"),
    ("ood", "llc"),
    ("kft", "llc"),
    ("有限责任公司", "llc"),
    ("有限責任公司", "llc"),
    ("شركة ذات مسؤولية محدودة", "llc"),
    ("ذات مسؤولية محدودة", "llc"),
    ("ذ م م", "llc"),
    ("ش ذ م م", "llc"),
    ("ش م م", "llc"),
    // --- joint stock company
    ("jsc", "jsc"),
    ("ojsc", "jsc"),
    ("cjsc", "jsc"),
    ("pjsc", "jsc"),
    ("ao", "jsc"),
    ("ао", "jsc"),
    ("zao", "jsc"),
    ("зао", "jsc"),
    ("oao", "jsc"),
    ("оао", "jsc"),
    ("pao", "jsc"),
    ("пао", "jsc"),
    ("nao", "jsc"),
    ("нао", "jsc"),
    ("pat", "jsc"),
    ("пат", "jsc"),
    ("prat", "jsc"),
    ("прат", "jsc"),
    ("joint stock company", "jsc"),
    ("joint stock co", "jsc"),
    ("closed joint stock company", "jsc"),
    ("open joint stock company", "jsc"),
    ("public joint stock company", "jsc"),
    ("private joint stock company", "jsc"),
    ("aktsionernoe obshchestvo", "jsc"),
    ("aktsionernoye obshchestvo", "jsc"),
    ("aktsionernoe obshestvo", "jsc"),
    ("zakrytoe aktsionernoe obshchestvo", "jsc"),
    ("otkrytoe aktsionernoe obshchestvo", "jsc"),
    ("publichnoe aktsionernoe obshchestvo", "jsc"),
    ("zakrytoye aktsionernoye obshchestvo", "jsc"),
    ("otkrytoye aktsionernoye obshchestvo", "jsc"),
    ("publichnoye aktsionernoye obshchestvo", "jsc"),
    ("акционерное общество", "jsc"),
    ("закрытое акционерное общество", "jsc"),
    ("открытое акционерное общество", "jsc"),
    ("публичное акционерное общество", "jsc"),
    ("непубличное акционерное общество", "jsc"),
    ("акціонерне товариство", "jsc"),
    ("публічне акціонерне товариство", "jsc"),
    ("приватне акціонерне товариство", "jsc"),
    ("股份有限公司", "jsc"),
    ("شركة مساهمة", "jsc"),
    ("ش م ع", "jsc"),
    ("ش م ب", "jsc"),
    // --- private limited
    ("ltd", "ltd"),
    ("limited", "ltd"),
    ("co ltd", "ltd"),
    ("company limited", "ltd"),
    ("co limited", "ltd"),
    ("pte ltd", "ltd"),
    ("pte limited", "ltd"),
    ("pvt ltd", "ltd"),
    ("private limited", "ltd"),
    ("pvt", "ltd"),
    ("pte", "ltd"),
    ("pt", "ltd"),
    ("ltd sti", "ltd"),
    ("limited sirketi", "ltd"),
    ("лтд", "ltd"),
    ("有限公司", "ltd"),
    ("المحدودة", "ltd"),
    ("محدودة", "ltd"),
    ("لیمیتد", "ltd"),
    ("لمیٹڈ", "ltd"),
    // --- company
    ("co", "co"),
    ("company", "co"),
    ("cie", "co"),
    ("compagnie", "co"),
    ("compania", "co"),
    ("sirketi", "co"),
    ("sirket", "co"),
    ("компания", "co"),
    ("kompaniya", "co"),
    ("公司", "co"),
    ("شركة", "co"),
    ("شرکت", "co"),
    // --- corporation / incorporated
    ("corp", "corp"),
    ("corporation", "corp"),
    ("корпорация", "corp"),
    ("korporatsiya", "corp"),
    ("inc", "inc"),
    ("incorporated", "inc"),
    // --- continental forms
    ("sa", "sa"),
    ("spa", "sa"),
    ("sas", "sa"),
    ("sae", "sa"),
    ("sal", "sa"),
    // Sociedad anónima cerrada / abierta (Peru), société par actions
    // simplifiée unipersonnelle, sociedad anónima promotora de inversión
    // (Mexico): written dotted, "S.A.C.", "S.A.S.U.", "S.A.P.I.".
    ("sac", "sa"),
    ("saa", "sa"),
    ("sasu", "sa"),
    ("sapi", "sa"),
    ("sa de cv", "sa"),
    ("societe anonyme", "sa"),
    ("sociedad anonima", "sa"),
    ("gmbh", "gmbh"),
    ("mbh", "gmbh"),
    ("gesellschaft mit beschrankter haftung", "gmbh"),
    ("ag", "ag"),
    ("aktiengesellschaft", "ag"),
    ("kg", "kg"),
    ("kommanditgesellschaft", "kg"),
    ("bv", "bv"),
    ("nv", "nv"),
    ("oy", "oy"),
    ("oyj", "oy"),
    ("ab", "ab"),
    ("as", "as"),
    ("asa", "as"),
    ("anonim sirketi", "as"),
    // --- common law
    ("plc", "plc"),
    ("public limited company", "plc"),
    ("llp", "llp"),
    ("limited liability partnership", "llp"),
    ("lp", "lp"),
    // Sociedad en comandita simple (Colombia), written "S.C.S.".
    ("scs", "lp"),
    ("limited partnership", "lp"),
    // --- free zone
    ("fze", "fze"),
    ("fzco", "fze"),
    ("fzc", "fze"),
    ("fz llc", "fze"),
    ("fzllc", "fze"),
    ("dmcc", "fze"),
    // --- Malaysia / Japan
    ("bhd", "bhd"),
    ("sdn bhd", "bhd"),
    ("berhad", "bhd"),
    ("sendirian berhad", "bhd"),
    ("kk", "kk"),
    ("kabushiki kaisha", "kk"),
    ("kabushiki gaisha", "kk"),
    ("株式会社", "kk"),
];

/// Han legal forms that are split off the end (or start) of a Han run.
const HAN_AFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "株式会社",
    "公司",
];

struct Table {
    /// first word key → (remaining word keys, code), longest first.
    by_first: FxHashMap<String, Vec<(Vec<String>, &'static str)>>,
    dotted: FxHashMap<&'static str, ()>,
}

fn key_of(text: &str, script: Script) -> String {
    match script {
        Script::Arabic => arabic::lookup_key(text),
        Script::Cyrillic => text.replace('ё', "е"),
        Script::Latin if text.len() >= 5 => loose_latin(text),
        _ => text.to_string(),
    }
}

/// A Latin word with the spelling differences of Russian and Ukrainian
/// romanisations folded away, so that a legal form spelled out in any of
/// them ("obshchestvo s ogranichennoy otvetstvennostyu", "obschestvo s
/// ogranichennoi otvetstvennostiu", "aktsionernoye obshestvo") meets the
/// table's one spelling: shch/sch → sh, kh → h, ts → c, y/j → i, then iu → u,
/// ia → a, ie → e. Only for words of five letters or more: short legal
/// forms (`oy`, `ao`) are matched exactly.
fn loose_latin(text: &str) -> String {
    // The rules apply one after the other, as written; most words hold
    // none of the patterns, so each is looked for before it is applied.
    let mut s = text.to_string();
    for (from, to) in [
        ("shch", "sh"),
        ("sch", "sh"),
        ("kh", "h"),
        ("ts", "c"),
        ("y", "i"),
        ("j", "i"),
        ("iu", "u"),
        ("ia", "a"),
        ("ie", "e"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut by_first: FxHashMap<String, Vec<(Vec<String>, &'static str)>> =
            FxHashMap::default();
        let mut dotted = FxHashMap::default();
        for (phrase, code) in LEGAL_FORMS {
            let sc = script_of_text(phrase);
            let words: Vec<String> = phrase.split(' ').map(|w| key_of(w, sc)).collect();
            if let Some((first, rest)) = words.split_first() {
                by_first
                    .entry(first.clone())
                    .or_default()
                    .push((rest.to_vec(), code));
            }
            if sc == Script::Latin && !phrase.contains(' ') && phrase.len() <= 5 {
                dotted.insert(*phrase, ());
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        Table { by_first, dotted }
    })
}

/// Whether a Han word is one of the Han legal-form affixes.
pub(crate) fn is_han_affix(word: &str) -> bool {
    HAN_AFFIXES.contains(&word)
}

/// Whether joined dotted letters (`s.a.` → `sa`) form a legal-form code.
pub(crate) fn is_dotted_code(joined: &str) -> bool {
    table().dotted.contains_key(joined)
}

/// Splits a Han run into (prefix legal form, rest, suffix legal form).
pub(crate) fn split_han(text: &str) -> (Option<&str>, Option<&str>, Option<&str>) {
    let mut rest = text;
    let mut pre = None;
    let mut suf = None;
    for a in HAN_AFFIXES {
        if rest.len() > a.len() && rest.ends_with(a) {
            suf = Some(&rest[rest.len() - a.len()..]);
            rest = &rest[..rest.len() - a.len()];
            break;
        }
    }
    if rest.len() > "株式会社".len() && rest.starts_with("株式会社") {
        pre = Some(&rest[.."株式会社".len()]);
        rest = &rest["株式会社".len()..];
    }
    (pre, Some(rest).filter(|r| !r.is_empty()), suf)
}

/// Precomputed lookup keys for a word sequence.
pub(crate) fn keys(words: &[RawWord]) -> Vec<String> {
    words.iter().map(|w| key_of(&w.text, w.script)).collect()
}

/// The legal form starting at `keys[i]`: (number of words, code).
pub(crate) fn match_at(keys: &[String], i: usize) -> Option<(usize, &'static str)> {
    let cands = table().by_first.get(keys.get(i)?.as_str())?;
    for (rest, code) in cands {
        let end = i + 1 + rest.len();
        if end <= keys.len() && keys[i + 1..end].iter().zip(rest).all(|(a, b)| a == b) {
            return Some((1 + rest.len(), code));
        }
    }
    None
}

/// Canonical code of a single folded word if it is, on its own, a legal form.
pub fn canonical(word: &str) -> Option<&'static str> {
    table()
        .by_first
        .get(key_of(word, script_of_text(word)).as_str())?
        .iter()
        .find(|(rest, _)| rest.is_empty())
        .map(|(_, c)| *c)
}
