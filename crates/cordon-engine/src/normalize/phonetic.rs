//! The coarse sound key used to pair tokens that "may sound alike".
//!
//! Rules, applied to a folded (lower-case ASCII) token, left to right:
//!
//! 1. Anything but `a-z0-9` is ignored. A final `h` after a vowel is silent
//!    (`fatimah` = `fatima`, `allah` = `alla`).
//! 2. Digraphs first: `shch`, `sch`, `sh`, `ch`, `tch`, `tsch` → `x` (one hiss
//!    class: Russian ш/щ/ч, Arabic ش, French `ch`); `kh` → `h` (Russian х,
//!    Arabic خ; `kh`/`h`); `gh` → `g`; `ph` → `f`; `th` → `t`; `dh` → `d`;
//!    `zh`, `dzh`, `dj`, `j` → `j`; `tz`, `cz` → `s`; `ck` → `k`.
//! 3. Single letters: `c`, `k`, `q` → `k` (`c` before `e`/`i`/`y` → `s`);
//!    `x` → `ks` (so `alexander` = `aleksandr`); `z` → `s`; `w`, `v` → `v`,
//!    except that `w` after a vowel and before a consonant is a glide and is
//!    dropped (`jawhar` = `juhr`, `khawla` = `khula`); other consonants and
//!    digits stand for themselves.
//! 4. Vowels `a e i o u y` are dropped, except that a leading vowel (or a
//!    leading `y`) is kept as the class `a`, so the first letter class is
//!    always present: `omar` = `umar` = `amr`.
//! 5. Adjacent equal classes collapse (`mm`, `ss`, `kks`); a vowel between
//!    two equal consonants keeps both (`baba` → `bb`).
//!
//! So `mohammad`/`muhammad`/`mohammed` → `mhmd`, `hossein`/`husayn`/`hussein`
//! → `hsn`, `shagivaleev`/`shagivaleyev` → `xgvlv`, `yusuf`/`yousef`/
//! `youssef` → `asf`.

/// A coarse sound key for a folded token: equal keys mean "may sound alike".
pub fn phonetic_key(token: &str) -> String {
    let mut b: Vec<u8> = token
        .bytes()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if b.len() > 2 && b[b.len() - 1] == b'h' && is_vowel(b[b.len() - 2]) {
        b.pop();
    }
    let n = b.len();
    let at = |i: usize| -> u8 { b.get(i).copied().unwrap_or(0) };
    let mut out = String::with_capacity(n);
    let mut last: u8 = 0;
    let mut i = 0;
    while i < n {
        let c = b[i];
        let (classes, adv): (&[u8], usize) = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => (b"", 1),
            b's' if at(i + 1) == b'h' && at(i + 2) == b'c' && at(i + 3) == b'h' => (b"x", 4),
            b's' if at(i + 1) == b'c' && at(i + 2) == b'h' => (b"x", 3),
            b's' if at(i + 1) == b'h' => (b"x", 2),
            b't' if at(i + 1) == b's' && at(i + 2) == b'c' && at(i + 3) == b'h' => (b"x", 4),
            b't' if at(i + 1) == b'c' && at(i + 2) == b'h' => (b"x", 3),
            b't' if at(i + 1) == b'h' => (b"t", 2),
            b't' if at(i + 1) == b'z' => (b"s", 2),
            b'c' if at(i + 1) == b'h' => (b"x", 2),
            b'c' if at(i + 1) == b'z' => (b"s", 2),
            b'c' if at(i + 1) == b'k' => (b"k", 2),
            b'c' if matches!(at(i + 1), b'e' | b'i' | b'y') => (b"s", 1),
            b'c' | b'k' | b'q' if at(i + 1) == b'h' && c == b'k' => (b"h", 2),
            b'c' | b'k' | b'q' => (b"k", 1),
            b'g' if at(i + 1) == b'h' => (b"g", 2),
            b'p' if at(i + 1) == b'h' => (b"f", 2),
            b'd' if at(i + 1) == b'h' => (b"d", 2),
            b'd' if at(i + 1) == b'j' => (b"j", 2),
            b'd' if at(i + 1) == b'z' && at(i + 2) == b'h' => (b"j", 3),
            b'z' if at(i + 1) == b'h' => (b"j", 2),
            b'z' | b's' => (b"s", 1),
            b'x' => (b"ks", 1),
            // w after a vowel and before a consonant is a glide: jawhar = juhr
            b'w' if i > 0 && is_vowel(b[i - 1]) && !is_vowel(at(i + 1)) => (b"", 1),
            b'w' | b'v' => (b"v", 1),
            b'b' => (b"b", 1),
            b'd' => (b"d", 1),
            b'f' => (b"f", 1),
            b'g' => (b"g", 1),
            b'h' => (b"h", 1),
            b'j' => (b"j", 1),
            b'l' => (b"l", 1),
            b'm' => (b"m", 1),
            b'n' => (b"n", 1),
            b'p' => (b"p", 1),
            b'r' => (b"r", 1),
            b't' => (b"t", 1),
            _ => (std::slice::from_ref(&b[i]), 1),
        };
        if classes.is_empty() {
            if out.is_empty() {
                out.push('a');
                last = b'a';
            } else {
                last = 0;
            }
        } else {
            for &k in classes {
                if k != last {
                    out.push(k as char);
                }
                last = k;
            }
        }
        i += adv;
    }
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::phonetic_key as k;

    #[test]
    fn groups() {
        for g in [
            &["mohammad", "muhammad", "mohammed", "mohamed", "muhammed"][..],
            &["hossein", "husayn", "hussein", "husain", "hussain"],
            &["shagivaleev", "shagivaleyev"],
            &["aleksandr", "alexander"],
            &["yusuf", "yousef", "youssef", "iusuf"],
            &["khalid", "halid"],
            &["mikhail", "mihail"],
            &["stefan", "stephan"],
            &["vazir", "wazir"],
            &["kasim", "qasim", "casim"],
            &["fatima", "fatimah"],
            &["abdullah", "abdallah", "abdulla"],
            &["yuriy", "yurii", "yuri", "iurii"],
            &["yevgeniy", "evgeny", "evgenii"],
            &["omar", "umar"],
            &["ismailov", "izmaylov"],
            &["jawhar", "juhr"],
            &["intissar", "antsar"],
        ] {
            let k0 = k(g[0]);
            for w in g {
                assert_eq!(k(w), k0, "{w} vs {}", g[0]);
            }
        }
        assert_ne!(k("ali"), k("omar"));
        assert_eq!(k(""), "");
        assert_eq!(k("1234"), "1234");
    }
}
