//! Han (Chinese characters) to plain pinyin without tones, via the `pinyin`
//! crate. Names are surname first; the given name is produced joined
//! ("xi jinping") and split ("xi jin ping"). Compound surnames
//! ([`COMPOUND_SURNAMES`]) stay one token, and surnames whose reading differs
//! from the character's default reading come from [`SURNAME_READINGS`].
//! Runs longer than four characters (organisation names) are read syllable by
//! syllable, and also joined.
//!
//! A personal name in Han may be Korean, written in Hanja (朴槿惠 is Park
//! Geun-hye): after its pinyin readings come its Korean ones, the Hangul
//! reading of each character from Unihan ([`super::unihan`], kHangul)
//! romanised as Hangul is ([`super::hangul`]), at most
//! [`MAX_KOREAN_READINGS`] of them.

use pinyin::ToPinyin;

/// Korean readings added to a Han personal name's pinyin ones.
pub const MAX_KOREAN_READINGS: usize = 5;

/// Two-character surnames.
pub const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "澹台", "西门", "南宫", "歐陽", "諸葛", "長孫",
];

/// Surname readings that differ from the character's default reading.
pub const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('單', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('区', "ou"),
    ('區', "ou"),
    ('查', "zha"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('覃', "qin"),
    ('种', "chong"),
    ('重', "chong"),
    ('沈', "shen"),
    ('柏', "bai"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('长', "zhang"),
    ('長', "zhang"),
    ('薄', "bo"),
    ('藏', "zang"),
    ('任', "ren"),
    ('华', "hua"),
    ('華', "hua"),
    ('尉', "yu"),
];

fn clean(s: &str) -> String {
    any_ascii::any_ascii(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn syllable(c: char) -> String {
    match c.to_pinyin() {
        Some(p) => clean(p.plain()),
        None => clean(any_ascii::any_ascii_char(c)),
    }
}

fn surname_syllable(c: char) -> String {
    SURNAME_READINGS
        .iter()
        .find(|(k, _)| *k == c)
        .map(|(_, v)| v.to_string())
        .unwrap_or_else(|| syllable(c))
}

/// Readings of a Han run as space-separated token strings.
/// `person`: read as a personal name (surname + given name), then as a
/// Korean name in Hanja; otherwise (organisation names) syllable by
/// syllable and joined. `first`: the run starts the name (holds the
/// family name).
pub(crate) fn readings(run: &str, person: bool, first: bool) -> Vec<String> {
    let mut out = chinese_readings(run, person);
    if person && run.chars().count() <= 4 {
        if let Some(h) = super::unihan::hangul_reading(run) {
            for r in super::hangul::readings(&h, first)
                .into_iter()
                .take(MAX_KOREAN_READINGS)
            {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
    }
    out
}

fn chinese_readings(run: &str, person: bool) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    let n = chars.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![syllable(chars[0])];
    }
    if n > 4 || !person {
        let syl: Vec<String> = chars.iter().map(|&c| syllable(c)).collect();
        return dedup(vec![syl.join(" "), syl.concat()]);
    }
    let two: String = chars[..2].iter().collect();
    let (sur, given) = if n >= 3 && COMPOUND_SURNAMES.contains(&two.as_str()) {
        (
            chars[..2].iter().map(|&c| syllable(c)).collect::<String>(),
            &chars[2..],
        )
    } else {
        (surname_syllable(chars[0]), &chars[1..])
    };
    let g: Vec<String> = given.iter().map(|&c| syllable(c)).collect();
    dedup(vec![
        format!("{sur} {}", g.concat()),
        format!("{sur} {}", g.join(" ")),
    ])
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for s in v {
        let t = s.trim().to_string();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Readings of a Han name (for tests and tools).
pub fn romanise_han(name: &str) -> Vec<String> {
    readings(name.trim(), true, true)
}

/// Whether a Han word is a legal form (the name is an organisation).
pub(crate) fn is_legal_form(word: &str) -> bool {
    super::legal_forms::is_han_affix(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(romanise_han("习近平"), vec!["xi jinping", "xi jin ping"]);
        assert_eq!(romanise_han("欧阳修")[0], "ouyang xiu");
        assert_eq!(romanise_han("曾国藩")[0], "zeng guofan");
    }

    #[test]
    fn korean_names_in_hanja() {
        let r = romanise_han("朴槿惠");
        assert_eq!(r[0], "piao jinhui");
        assert!(r.contains(&"park kun hye".to_string()), "{r:?}");
        assert!(r.contains(&"park geun hye".to_string()), "{r:?}");
        assert!(r.len() <= 2 + MAX_KOREAN_READINGS);
        // Organisation names are not read as Korean names.
        assert!(readings("朴槿惠", false, true)
            .iter()
            .all(|x| !x.starts_with("park")));
    }
}
