//! Similarity of two folded tokens, in [0, 1], and why.
//!
//! Exact equality is 1. Numbers only ever match exactly. An initial matches a
//! word it begins. Otherwise the score is the larger of an edit similarity
//! (optimal string alignment distance, so a transposition is one edit,
//! scaled by length and allowed only up to a length-dependent number of
//! edits) and a phonetic floor when both tokens share a sound key.

use crate::weights::{
    INITIAL_SIMILARITY, MIN_PREFIX_LEN, PHONETIC_SIMILARITY, PREFIX_SIMILARITY_BASE,
    PREFIX_SIMILARITY_SPAN,
};
use serde::Serialize;

/// How two tokens were found alike.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SimilarityKind {
    Exact,
    Fuzzy,
    Phonetic,
    Initial,
    Joined,
    /// One token is the start of the other ("siraj" / "sirajuddin").
    Prefix,
    /// Two given names the nickname data relates ("bill" / "william").
    Nickname,
    /// A token that is the initials of consecutive tokens of the other
    /// name ("irgc" / "islamic revolutionary guard corps").
    Acronym,
    /// Two forms of one person name in the name-group data (Wikidata):
    /// "georgios" / "george", "sasha" / "aleksandr".
    SameName,
    None,
}

/// Edits allowed for a token of this length (the longer of the two).
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=5 => 1,
        6..=8 => 2,
        _ => 3,
    }
}

/// Similarity of two folded tokens. `phon_a`/`phon_b` are their phonetic
/// keys (see [`crate::normalize::phonetic_key`]).
pub fn token_similarity(a: &str, b: &str, phon_a: &str, phon_b: &str) -> (f64, SimilarityKind) {
    token_similarity_with(a, b, phon_a, phon_b, letter_set(a), letter_set(b))
}

/// [`token_similarity`] with the tokens' [`letter_set`]s computed once
/// beforehand (the index keeps them per token).
pub(crate) fn token_similarity_with(
    a: &str,
    b: &str,
    phon_a: &str,
    phon_b: &str,
    letters_a: u64,
    letters_b: u64,
) -> (f64, SimilarityKind) {
    // Equal texts have equal letter sets: compare only then.
    if letters_a == letters_b && a == b {
        return (1.0, SimilarityKind::Exact);
    }
    if a.is_empty() || b.is_empty() {
        return (0.0, SimilarityKind::None);
    }
    // A token in its own script (the native reading of a CJK name, see
    // `normalize::native`) is a unit: it equals, or it does not match.
    if (letters_a | letters_b) & OTHER_BIT != 0 {
        return (0.0, SimilarityKind::None);
    }
    if all_digits(letters_a) || all_digits(letters_b) {
        return (0.0, SimilarityKind::None);
    }
    let (la, lb) = (a.len(), b.len());
    if la == 1 || lb == 1 {
        let (short, long) = if la == 1 { (a, b) } else { (b, a) };
        if long.as_bytes()[0] == short.as_bytes()[0] {
            return (INITIAL_SIMILARITY, SimilarityKind::Initial);
        }
        return (0.0, SimilarityKind::None);
    }
    let max_len = la.max(lb);
    let allowed = allowed_edits(max_len);
    let mut best = (0.0, SimilarityKind::None);
    // Each edit changes at most two letters of the set of letters used, so
    // tokens whose letter sets differ by more cannot be within `allowed`.
    if la.abs_diff(lb) <= allowed && (letters_a ^ letters_b).count_ones() as usize <= 2 * allowed {
        if let Some(d) = bounded_osa(a.as_bytes(), b.as_bytes(), allowed) {
            let s = 1.0 - d as f64 / max_len as f64;
            best = (s, SimilarityKind::Fuzzy);
        }
    }
    // A token that is the start of the other: a shortened compound name
    // ("siraj" for "sirajuddin", "abdul" for "abdulrahman").
    let (short, long) = if la <= lb { (a, b) } else { (b, a) };
    if short.len() >= MIN_PREFIX_LEN && long.starts_with(short) {
        let s = PREFIX_SIMILARITY_BASE
            + PREFIX_SIMILARITY_SPAN * short.len() as f64 / long.len() as f64;
        if s > best.0 {
            best = (s, SimilarityKind::Prefix);
        }
    }
    // Short tokens have short keys that collide by chance (ali/ala): a
    // phonetic match needs either a key of three sounds or four letters.
    let phon_ok = phon_a.len() >= 3 || la.min(lb) >= 4;
    if phon_ok && phon_a.len() >= 2 && phon_a == phon_b && best.0 < PHONETIC_SIMILARITY {
        best = (PHONETIC_SIMILARITY, SimilarityKind::Phonetic);
    }
    // A patronymic is not a spelling of its stem (Sergey / Sergeyevna).
    if best.0 > 0.0 && crate::patronymics::unrelated_forms(a, b) {
        return (0.0, SimilarityKind::None);
    }
    best
}

/// The bit of [`letter_set`] for any character that is not a lower-case
/// ASCII letter or a digit.
const OTHER_BIT: u64 = 1 << 63;

/// Bits of [`letter_set`] that stand for the digits.
const DIGIT_BITS: u64 = 0x3ff << 26;

/// Whether a token with this letter set is a number (digits only).
fn all_digits(letters: u64) -> bool {
    letters != 0 && letters & !DIGIT_BITS == 0
}

/// The set of characters a token uses: one bit per letter `a`-`z` and
/// per digit, one shared bit for anything else.
pub(crate) fn letter_set(s: &str) -> u64 {
    s.bytes().fold(0u64, |m, b| {
        let bit = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + (b - b'0'),
            _ => 63,
        };
        m | (1u64 << bit)
    })
}

/// Optimal string alignment distance (Levenshtein plus adjacent
/// transpositions), or `None` when it exceeds `max`.
pub fn bounded_osa(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    // A common prefix and suffix cost nothing; only the differing middle
    // needs the table. One letter of each is kept so that a transposition
    // across the boundary still counts as one edit.
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let pre = pre.saturating_sub(1);
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
        .min(a.len().min(b.len()))
        .saturating_sub(1);
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    if n == 0 || m == 0 {
        let d = n.max(m);
        return (d <= max).then_some(d);
    }
    // Three rolling rows of byte-sized cells on the stack for tokens up to
    // 63 bytes (every real name token); longer input falls back to the
    // heap. Distances are capped at 255, far above any `max` used.
    const STACK: usize = 64;
    let width = m + 1;
    let mut heap: Vec<u8>;
    let mut stack = [0u8; 3 * STACK];
    let rows: &mut [u8] = if width <= STACK {
        &mut stack[..3 * width]
    } else {
        heap = vec![0u8; 3 * width];
        &mut heap
    };
    let cap = |v: usize| v.min(255) as u8;
    // Only cells within `max` of the diagonal can hold a distance within
    // `max` (Ukkonen's band); the cells just outside it read as `max + 1`,
    // which keeps every cell inside exact up to `max` and above it beyond.
    let far = cap(max + 1);
    let (mut p2, mut p1, mut c) = (0usize, width, 2 * width);
    for (j, v) in rows[p1..p1 + width].iter_mut().enumerate() {
        *v = if j <= max { cap(j) } else { far };
    }
    for i in 1..=n {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(m);
        rows[c + lo - 1] = if lo == 1 { cap(i) } else { far };
        let mut row_min = rows[c + lo - 1];
        for j in lo..=hi {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = rows[p1 + j]
                .saturating_add(1)
                .min(rows[c + j - 1].saturating_add(1))
                .min(rows[p1 + j - 1].saturating_add(cost));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[p2 + j - 2].saturating_add(1));
            }
            rows[c + j] = v;
            row_min = row_min.min(v);
        }
        if hi < m {
            rows[c + hi + 1] = far;
        }
        if usize::from(row_min) > max {
            return None;
        }
        (p2, p1, c) = (p1, c, p2);
    }
    let d = usize::from(rows[p1 + m]);
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::phonetic_key;

    fn sim(a: &str, b: &str) -> f64 {
        token_similarity(a, b, &phonetic_key(a), &phonetic_key(b)).0
    }

    #[test]
    fn digit_sets_mark_numbers() {
        assert!(all_digits(letter_set("11420")));
        assert!(!all_digits(letter_set("a1")));
        assert!(!all_digits(letter_set("")));
        assert!(!all_digits(letter_set("alpha")));
    }

    #[test]
    fn osa_counts_transpositions_once() {
        assert_eq!(bounded_osa(b"timur", b"tiumr", 3), Some(1));
        assert_eq!(bounded_osa(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(bounded_osa(b"kitten", b"sitting", 2), None);
        assert_eq!(bounded_osa(b"", b"ab", 2), Some(2));
    }

    #[test]
    fn similarity_levels() {
        assert_eq!(sim("qods", "qods"), 1.0);
        assert!(sim("shagivaleev", "shagivaleyev") > 0.9);
        assert!(sim("timur", "timor") >= 0.8);
        assert_eq!(sim("alpha", "1"), 0.0);
        assert_eq!(sim("1", "2"), 0.0);
        assert_eq!(sim("11420", "11421"), 0.0);
        assert_eq!(sim("t", "timur"), INITIAL_SIMILARITY);
        assert_eq!(sim("x", "timur"), 0.0);
        assert_eq!(sim("smith", "jones"), 0.0);
        assert_eq!(sim("ali", "ala"), 0.0, "three letters allow no edit");
        let p = sim("siraj", "sirajuddin");
        assert!(p > 0.7 && p < 0.85, "{p}");
        assert_eq!(sim("sir", "sirajuddin"), 0.0, "prefixes need four letters");
        assert_eq!(
            sim("sergey", "sergeyevna"),
            0.0,
            "a patronymic is not its stem"
        );
        assert_eq!(sim("sergeev", "sergeevich"), 0.0);
    }

    /// Plain full-matrix OSA distance, the reference for the bounded one.
    fn reference_osa(a: &[u8], b: &[u8]) -> usize {
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[n][m]
    }

    proptest::proptest! {
        #[test]
        fn bounded_osa_agrees_with_the_reference(
            a in "[a-e]{0,12}",
            b in "[a-e]{0,12}",
            max in 0usize..5,
        ) {
            let full = reference_osa(a.as_bytes(), b.as_bytes());
            let bounded = bounded_osa(a.as_bytes(), b.as_bytes(), max);
            proptest::prop_assert_eq!(bounded, (full <= max).then_some(full));
        }
    }

    #[test]
    fn similarity_is_symmetric() {
        for (a, b) in [
            ("mohammad", "muhammad"),
            ("hossein", "husayn"),
            ("t", "timur"),
            ("aleksandr", "alexander"),
        ] {
            assert_eq!(sim(a, b), sim(b, a), "{a} / {b}");
        }
    }
}
