//! Hangul romanisation by algorithmic syllable decomposition
//! (syllable = 0xAC00 + (initial × 21 + medial) × 28 + final).
//!
//! Three schemes, syllable by syllable (names are romanised per syllable,
//! without the sound-change rules of running text):
//!
//! * DPRK / list style (what UN and OFAC use for North Korean names:
//!   "Kim Jong Un", "Ri Yong Ho", "Choe Ryong Hae"): k t p j ch, ㅓ → o,
//!   ㅡ → u.
//! * Revised Romanisation (South Korea, 2000): g d b j ch, ㅓ → eo, ㅡ → eu.
//! * McCune–Reischauer without diacritics or apostrophes: k t p ch, ㅓ → o,
//!   ㅡ → u, 시 → shi.
//!
//! Surnames come from [`SURNAMES`] (the spellings lists use: 김 Kim/Gim,
//! 이 Lee/Yi/Rhee/Ri, 박 Park/Pak/Bak, ...); given names are produced split
//! ("jong un") and joined ("jongun").

/// Initial consonants: `[dprk, rr, mr]`.
const INITIALS: [[&str; 3]; 19] = [
    ["k", "g", "k"],
    ["kk", "kk", "kk"],
    ["n", "n", "n"],
    ["t", "d", "t"],
    ["tt", "tt", "tt"],
    ["r", "r", "r"],
    ["m", "m", "m"],
    ["p", "b", "p"],
    ["pp", "pp", "pp"],
    ["s", "s", "s"],
    ["ss", "ss", "ss"],
    ["", "", ""],
    ["j", "j", "ch"],
    ["jj", "jj", "tch"],
    ["ch", "ch", "ch"],
    ["k", "k", "k"],
    ["t", "t", "t"],
    ["p", "p", "p"],
    ["h", "h", "h"],
];

/// Medial vowels: `[dprk, rr, mr]`.
const VOWELS: [[&str; 3]; 21] = [
    ["a", "a", "a"],
    ["ae", "ae", "ae"],
    ["ya", "ya", "ya"],
    ["yae", "yae", "yae"],
    ["o", "eo", "o"],
    ["e", "e", "e"],
    ["yo", "yeo", "yo"],
    ["ye", "ye", "ye"],
    ["o", "o", "o"],
    ["wa", "wa", "wa"],
    ["wae", "wae", "wae"],
    ["oe", "oe", "oe"],
    ["yo", "yo", "yo"],
    ["u", "u", "u"],
    ["wo", "wo", "wo"],
    ["we", "we", "we"],
    ["wi", "wi", "wi"],
    ["yu", "yu", "yu"],
    ["u", "eu", "u"],
    ["ui", "ui", "ui"],
    ["i", "i", "i"],
];

/// Final consonants as pronounced at the end of a syllable (all schemes).
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Surnames and their list spellings, most common first.
pub const SURNAMES: &[(&str, &[&str])] = &[
    ("김", &["kim", "gim"]),
    ("이", &["lee", "yi", "rhee", "i", "ri"]),
    ("리", &["ri", "lee", "li", "rhee"]),
    ("박", &["park", "pak", "bak"]),
    ("최", &["choe", "choi"]),
    ("정", &["jong", "jeong", "chung", "chong"]),
    ("조", &["jo", "cho"]),
    ("강", &["kang", "gang"]),
    ("윤", &["yun", "yoon"]),
    ("장", &["jang", "chang"]),
    ("임", &["rim", "lim", "im"]),
    ("림", &["rim", "lim", "im"]),
    ("한", &["han"]),
    ("오", &["o", "oh"]),
    ("서", &["so", "seo", "suh"]),
    ("신", &["sin", "shin"]),
    ("권", &["kwon", "gwon"]),
    ("황", &["hwang"]),
    ("안", &["an", "ahn"]),
    ("송", &["song"]),
    ("류", &["ryu", "yu", "yoo", "ryoo"]),
    ("유", &["yu", "yoo", "ryu"]),
    ("홍", &["hong"]),
    ("전", &["jon", "jeon", "chon", "jun"]),
    ("고", &["ko", "go"]),
    ("문", &["mun", "moon"]),
    ("양", &["yang"]),
    ("손", &["son", "sohn"]),
    ("배", &["pae", "bae"]),
    ("백", &["paek", "baek", "baik"]),
    ("허", &["ho", "heo", "hur"]),
    ("남", &["nam"]),
    ("심", &["sim", "shim"]),
    ("노", &["no", "roh", "noh"]),
    ("로", &["ro", "roh", "no"]),
    ("하", &["ha"]),
    ("곽", &["kwak", "gwak"]),
    ("성", &["song", "seong", "sung"]),
    ("차", &["cha"]),
    ("주", &["ju", "joo", "chu"]),
    ("우", &["u", "woo"]),
    ("구", &["ku", "gu", "koo"]),
    ("민", &["min"]),
    ("진", &["jin", "chin"]),
    ("지", &["ji", "chi"]),
    ("엄", &["om", "eom", "um"]),
    ("변", &["pyon", "byeon", "byun"]),
    ("채", &["chae"]),
    ("원", &["won"]),
    ("방", &["pang", "bang"]),
    ("현", &["hyon", "hyeon", "hyun"]),
    ("함", &["ham"]),
    ("염", &["yom", "yeom"]),
    ("여", &["yo", "yeo"]),
    ("추", &["chu", "choo"]),
    ("도", &["to", "do"]),
    ("석", &["sok", "seok"]),
    ("선", &["son", "seon", "sun"]),
    ("길", &["kil", "gil"]),
    ("연", &["yon", "yeon"]),
    ("명", &["myong", "myeong", "myung"]),
    ("기", &["ki", "gi"]),
    ("반", &["pan", "ban"]),
    ("왕", &["wang"]),
    ("금", &["kum", "geum", "keum"]),
    ("국", &["kuk", "guk", "kook"]),
    ("태", &["thae", "tae"]),
    ("량", &["ryang", "yang"]),
    ("남궁", &["namgung", "namkung"]),
    ("황보", &["hwangbo"]),
    ("제갈", &["jegal", "chegal"]),
    ("선우", &["sonu", "seonu", "sunwoo"]),
    ("독고", &["tokko", "dokgo"]),
    ("사공", &["sagong"]),
];

const SCHEMES: usize = 3;

/// The romanisation of one Hangul syllable in `scheme` (0: DPRK style,
/// 1: Revised, 2: McCune–Reischauer), or `None` for another character.
pub(super) fn syllable(c: char, scheme: usize) -> Option<String> {
    let s = (c as u32).checked_sub(0xAC00)?;
    if s >= 11172 {
        return None;
    }
    let l = (s / 588) as usize;
    let v = ((s % 588) / 28) as usize;
    let t = (s % 28) as usize;
    let mut out = String::with_capacity(6);
    if scheme == 2 && l == 9 && matches!(v, 2 | 3 | 6 | 7 | 12 | 16 | 17 | 20) {
        out.push_str("sh");
    } else {
        out.push_str(INITIALS[l][scheme]);
    }
    out.push_str(VOWELS[v][scheme]);
    out.push_str(FINALS[t]);
    Some(out)
}

fn surname(s: &str) -> Option<&'static [&'static str]> {
    SURNAMES.iter().find(|(k, _)| *k == s).map(|(_, v)| *v)
}

/// Whether `s` is a two-syllable family name of [`SURNAMES`] (남궁, 선우).
pub(crate) fn is_compound_surname(s: &str) -> bool {
    s.chars().count() == 2 && surname(s).is_some()
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}

/// Per-scheme syllable readings of a Hangul string.
fn syllables(s: &str) -> [Vec<String>; SCHEMES] {
    let mut out: [Vec<String>; SCHEMES] = Default::default();
    for c in s.chars() {
        for (k, o) in out.iter_mut().enumerate() {
            if let Some(x) = syllable(c, k) {
                o.push(x);
            }
        }
    }
    out
}

/// Readings of one Hangul word. `with_surname`: the word starts with the
/// surname (a whole name written without spaces, or the first word).
/// Returns readings as space-separated token strings.
pub(crate) fn readings(word: &str, with_surname: bool) -> Vec<String> {
    let nchars = word.chars().count();
    let with_surname = with_surname && nchars <= 4;
    let (sur, given) = if with_surname && nchars >= 2 {
        let two: String = word.chars().take(2).collect();
        if nchars >= 3 && surname(&two).is_some() {
            let split = two.len();
            (Some(&word[..split]), &word[split..])
        } else {
            let split = word.chars().next().map_or(0, char::len_utf8);
            (Some(&word[..split]), &word[split..])
        }
    } else if with_surname && nchars == 1 {
        (Some(word), "")
    } else {
        (None, word)
    };
    let sur_readings: Vec<String> = match sur {
        Some(s) => match surname(s) {
            Some(v) => v.iter().map(|x| x.to_string()).collect(),
            None => {
                let mut v = Vec::new();
                for sc in syllables(s) {
                    push_unique(&mut v, sc.concat());
                }
                v
            }
        },
        None => Vec::new(),
    };
    let giv = syllables(given);
    // Every surname reading with every scheme's given name, split and
    // joined, ordered by (surname rank + scheme rank).
    let surs: Vec<String> = if sur_readings.is_empty() {
        vec![String::new()]
    } else {
        sur_readings.iter().map(|s| format!("{s} ")).collect()
    };
    let mut cands: Vec<(usize, String)> = Vec::with_capacity(surs.len() * SCHEMES * 2);
    for (si, s) in surs.iter().enumerate() {
        for (k, g) in giv.iter().enumerate() {
            if g.is_empty() {
                cands.push((si, s.trim_end().to_string()));
                continue;
            }
            cands.push((si + k, format!("{s}{}", g.join(" "))));
            if g.len() > 1 {
                cands.push((si + k + 1, format!("{s}{}", g.concat())));
            }
        }
    }
    cands.sort_by_key(|c| c.0);
    let mut out = Vec::with_capacity(8);
    for (_, c) in cands {
        push_unique(&mut out, c);
    }
    out.truncate(8);
    out
}

/// Readings of a Hangul name (surname first) as strings, for tests/tools.
pub fn romanise_hangul(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() <= 1 {
        return readings(name.trim(), true);
    }
    let first = readings(words[0], true);
    let rest = readings(&words[1..].concat(), false);
    let mut out = Vec::new();
    for (k, f) in first.iter().enumerate() {
        if let Some(r) = rest.get(k.min(rest.len().saturating_sub(1))) {
            push_unique(&mut out, format!("{f} {r}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kim_jong_un() {
        let r = romanise_hangul("김정은");
        assert_eq!(r[0], "kim jong un");
        assert!(r.contains(&"kim jongun".to_string()));
        assert!(r.contains(&"gim jeong eun".to_string()));
        assert_eq!(romanise_hangul("리영호")[0], "ri yong ho");
        assert_eq!(romanise_hangul("최룡해")[0], "choe ryong hae");
        assert_eq!(romanise_hangul("박봉주")[0], "park pong ju");
        assert!(romanise_hangul("박봉주").contains(&"pak pongju".to_string()));
        assert_eq!(syllable('시', 2).as_deref(), Some("shi"));
    }
}
