//! Word lists that give a token its role: particles, stopwords, honorifics,
//! and the company abbreviations that are expanded.
//!
//! All entries are folded (lower-case ASCII).

use super::TokenRole;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Name particles: articles, patronymic links, nobiliary particles. They stay
/// in the name but weigh less.
pub const PARTICLES: &[&str] = &[
    // Arabic article and its assimilated / Maghrebi forms
    "al", "el", "ul", "ud", "ad", "ar", "ash", "az", // links
    "bin", "ibn", "bint", "binti", "ben", "abu", "abou", "abd", "ould", "wuld", "bou",
    // European
    "van", "von", "der", "den", "de", "da", "di", "du", "do", "dos", "das", "del", "della", "des",
    "le", "la", "ter", "ten", "zu",
    // "al-Din" and "Allah" split off joined compound names (`compound_suffix`)
    "uddin", "ullah",
];

/// Particles written differently that are one particle: the filiation
/// links ("Mohammed bin Salman" / "Muhammad ibn Salman"; `bint`, the
/// daughter's form, links the same way) and the Arabic article with its
/// Maghrebi and assimilated spellings ("el", "ul", "ar-Rahman" /
/// "al-Rahman"). Each becomes the first spelling, so both sides meet
/// exactly. `ben` stays itself: it is also a given name.
pub const PARTICLE_SPELLINGS: &[(&str, &str)] = &[
    ("ibn", "bin"),
    ("bint", "bin"),
    ("binti", "bin"),
    ("el", "al"),
    ("ul", "al"),
    ("ud", "al"),
    ("ad", "al"),
    ("ar", "al"),
    ("ash", "al"),
    ("az", "al"),
    ("abou", "abu"),
];

/// The one spelling of a particle written several ways
/// ([`PARTICLE_SPELLINGS`]), or `None` when `t` is not one of them.
pub fn canonical_particle(t: &str) -> Option<&'static str> {
    if t.len() > 5 {
        return None;
    }
    PARTICLE_SPELLINGS
        .iter()
        .find_map(|&(from, to)| (from == t).then_some(to))
}

/// Stopwords: function words in organisation names.
pub const STOPWORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "und", "et", "fi", "wa", "wal", "min",
];

/// Honorifics, titles and ranks.
pub const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "haji",
    "hajji",
    "hajj",
    "alhaj",
    "alhajj",
    "sheikh",
    "shaykh",
    "shaikh",
    "sheik",
    "mullah",
    "mulla",
    "maulana",
    "mawlana",
    "maulvi",
    "mawlawi",
    "mawlavi",
    "mufti",
    "qari",
    "imam",
    "sayyid",
    "sayed",
    "sayyed",
    "general",
    "gen",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "lt",
    "lieutenant",
    "brig",
    "brigadier",
    "adm",
    "admiral",
    "sgt",
    "rev",
];

/// Company abbreviations expanded to the full word (Latin input only). Kept
/// conservative: only abbreviations that have a single reading in company
/// names. Deliberately NOT expanded: `comp` (company/computer/components),
/// `ind` (industries/industrial/India), `tech`, `sys`, `ent`, `st`.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("intl", "international"), // INT'L, INTL
    ("grp", "group"),          // GRP
    ("svcs", "services"),      // SVCS
    ("svc", "service"),        // SVC
    ("mfg", "manufacturing"),  // MFG
    ("mfrs", "manufacturers"), // MFRS
    ("mgmt", "management"),    // MGMT
    ("hldgs", "holdings"),     // HLDGS
    ("hldg", "holding"),       // HLDG
    ("natl", "national"),      // NAT'L
    ("assn", "association"),   // ASSN
    ("bros", "brothers"),      // BROS
    ("trdg", "trading"),       // TRDG
    ("engg", "engineering"),   // ENGG
    ("dept", "department"),    // DEPT
    ("govt", "government"),    // GOVT
];

struct Tables {
    roles: FxHashMap<&'static str, TokenRole>,
    abbrev: FxHashMap<&'static str, &'static str>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut roles = FxHashMap::default();
        // Lowest priority first: later inserts win.
        for w in STOPWORDS {
            roles.insert(*w, TokenRole::Stopword);
        }
        for w in PARTICLES {
            roles.insert(*w, TokenRole::Particle);
        }
        for w in HONORIFICS {
            roles.insert(*w, TokenRole::Honorific);
        }
        let abbrev = ABBREVIATIONS.iter().copied().collect();
        Tables { roles, abbrev }
    })
}

/// Latin spellings of "al-Din" and "Allah" written joined to the first
/// half of an Arabic or Persian compound name (Nasiruddin = Nasir al-Din,
/// Saifullah = Saif Allah), with the canonical particle each becomes.
const COMPOUND_SUFFIXES: &[(&str, &str)] = &[
    ("uddeen", "uddin"),
    ("uddin", "uddin"),
    ("eddine", "uddin"),
    ("eddin", "uddin"),
    ("iddin", "uddin"),
    ("ullah", "ullah"),
    ("ollah", "ullah"),
];

/// A joined compound name split into its first half and its closing
/// particle: `nasiruddin` → (`nasir`, `uddin`), `habibullah` →
/// (`habib`, `ullah`). Lists write these names joined or apart
/// ("Nasiruddin", "Nasir Uddin", and as "Naseer" alone), so both readings
/// are indexed and queried. The first half must keep three letters and must
/// not itself be a particle (`abdullah` stays whole).
pub fn compound_suffix(t: &str) -> Option<(&str, &'static str)> {
    COMPOUND_SUFFIXES.iter().find_map(|(suffix, canon)| {
        let stem = t.strip_suffix(suffix)?;
        (stem.len() >= 3 && role_of(stem) == TokenRole::Word).then_some((stem, *canon))
    })
}

/// Letters the Arabic article assimilates to: "al-" before them is said
/// and often written as the doubled letter ("es-Saadi", "ar-Rahman").
const SUN_LETTERS: &[u8] = b"tdrzsn";

/// The name in a token that begins with the Arabic article assimilated
/// and joined to it: `essaadi` (es-Saadi, al-Saadi) → `saadi`, `arrahman`
/// → `rahman`, `attawhid` → `tawhid`. The article is `a` or `e` followed
/// by a doubled sun letter, and the name must keep four letters, so names
/// that only look alike stay whole (`assad`, `essam`, `azzam`). Like
/// [`compound_suffix`], this is a second reading: the first stays as
/// written.
pub fn assimilated_article(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    let assimilated =
        b.len() >= 6 && matches!(b[0], b'a' | b'e') && SUN_LETTERS.contains(&b[1]) && b[2] == b[1];
    let name = t.get(2..)?;
    (assimilated && role_of(name) == TokenRole::Word).then_some(name)
}

/// The role of a folded token that is not a legal form.
pub fn role_of(t: &str) -> TokenRole {
    let b = t.as_bytes();
    if !b.is_empty() && b.iter().all(u8::is_ascii_digit) {
        return TokenRole::Number;
    }
    if b.len() == 1 {
        return TokenRole::Initial;
    }
    tables().roles.get(t).copied().unwrap_or(TokenRole::Word)
}

/// The expansion of a company abbreviation, if `t` is one.
pub fn expand_abbreviation(t: &str) -> Option<&'static str> {
    if t.len() > 5 || t.len() < 3 {
        return None;
    }
    tables().abbrev.get(t).copied()
}
