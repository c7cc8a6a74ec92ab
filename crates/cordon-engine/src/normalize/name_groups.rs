//! Person names that are one name across languages and scripts: Georgios /
//! George / Γεώργιος, Sasha / Aleksandr / Саша, Yuki / 裕毅, Abe / 安倍 /
//! アベ. Each *group* is a Wikidata given-name or family-name item with its
//! Latin spellings and its native-script forms.
//!
//! The data is OpenSanctions' `rigour` 1.8.2 (MIT; the names are
//! Wikidata's, CC0), `rigour/data/names/persons.txt`, cut down by
//! `scripts/name_groups_extract.py` to `data/name_groups/names.tsv` (its
//! header says what was kept and why). Two uses:
//!
//! - **Equivalence.** Two folded Latin tokens of at least
//!   [`MIN_FORM_LEN`] letters that share a group are the same name to the
//!   aligner (at `NAME_GROUP_SIMILARITY`, below an exact match, as a
//!   group also holds hypocorisms and a form may belong to several
//!   names). Each known token gets a small form id ([`NameGroups::id`]):
//!   the index keeps it per vocabulary token and the query per token, so
//!   the aligner intersects two short group lists only for two tokens the
//!   data knows. Greek, Georgian and Armenian forms join the Latin ones
//!   as the lexer folds them (Γεώργιος → `georgios`).
//! - **Readings.** A word in katakana or kanji that the data holds
//!   ([`NameGroups::native_readings`]) is also read as its group's most
//!   common Latin spelling: romanisation alone reads アベ as "abe" but 安倍
//!   as "an bei". Hebrew is not read so (its readings raised false alerts
//!   on Hebrew names more than they found listed ones). Cyrillic
//!   needs none: its romanisations (Саша → sasha) are Latin forms of the
//!   groups, which the equivalence relates (sasha / aleksandr).
//!
//! Persons only: the index and the query drop the form id of tokens of
//! organisation, vessel and aircraft names.

use super::fold;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The data, as `scripts/name_groups_extract.py` writes it.
const NAMES_TSV: &str = include_str!("../../data/name_groups/names.tsv");

/// The shortest Latin form that takes part in equivalence: three-letter
/// names ("ali", "abe", "yan") are forms of too many names.
pub const MIN_FORM_LEN: usize = 4;

/// At most this many Latin readings are given to one native word: those
/// of its best-attested groups (a kanji name has many readings: 安倍 is
/// Abe, and rarely Anbe or Yasunobu; 佐藤 is Sato, and rarely Saito: the
/// item of the common reading is transliterated into many scripts, the
/// rare ones into few), then the oldest item.
pub const MAX_NATIVE_READINGS: usize = 2;

/// A malformed line of the name-group data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("name-group data, line {line}: {reason}")]
pub struct NameGroupDataError {
    pub line: usize,
    pub reason: &'static str,
}

/// The groups and the forms that point at them.
#[derive(Debug, Default)]
pub struct NameGroups {
    /// By group: its Wikidata id number.
    qids: Vec<u32>,
    /// By group: its Latin forms, most common first.
    latin_forms: Vec<SmallVec<[&'static str; 4]>>,
    /// Group → its Greek, Georgian and Armenian forms as the lexer folds
    /// them, when not among its Latin forms.
    folded_forms: FxHashMap<u32, Vec<Box<str>>>,
    /// Folded Latin form (or folded Greek, Georgian, Armenian form) →
    /// form id.
    latin: FxHashMap<Box<str>, u32>,
    /// Native-script form (as the lexer writes it: lower case) → groups,
    /// the group with the most native forms first.
    native: FxHashMap<Cow<'static, str>, SmallVec<[u32; 2]>>,
    /// By form id − 1: the groups of the form, sorted.
    form_groups: Vec<SmallVec<[u32; 2]>>,
}

impl NameGroups {
    /// Reads `Qid<TAB>latin forms<TAB>native forms` lines (`#` starts a
    /// comment line).
    pub fn parse(text: &'static str) -> Result<NameGroups, NameGroupDataError> {
        let mut t = NameGroups::default();
        let mut folded: Vec<(String, u32)> = Vec::new();
        // By group: how many native forms it has outside Han (transliterations
        // into other scripts: the kanji spellings of one reading are merged).
        let mut attested: Vec<u32> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |reason| NameGroupDataError {
                line: i + 1,
                reason,
            };
            let mut cols = line.split('\t');
            let (Some(qid), Some(latin), Some(native), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(err("expected 3 tab-separated columns"));
            };
            let qid: u32 = qid
                .strip_prefix('Q')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| err("the first column is not a Wikidata id"))?;
            let g = t.qids.len() as u32;
            let forms: SmallVec<[&'static str; 4]> = latin.split(' ').collect();
            if forms
                .iter()
                .any(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_lowercase()))
            {
                return Err(err("a Latin form is not lower-case ASCII letters"));
            }
            for f in &forms {
                t.add_latin(f, g);
            }
            let is_han = |n: &str| {
                n.chars().next().and_then(super::script::script_of)
                    == Some(super::script::Script::Han)
            };
            attested.push(
                native
                    .split(' ')
                    .filter(|n| !n.is_empty() && !is_han(n))
                    .count() as u32,
            );
            for n in native.split(' ').filter(|n| !n.is_empty()) {
                if lexed_as_latin(n) {
                    folded.push((fold(n), g));
                } else {
                    let groups = t.native.entry(as_lexed(n)).or_default();
                    if !groups.contains(&g) {
                        groups.push(g);
                    }
                }
            }
            t.qids.push(qid);
            t.latin_forms.push(forms);
        }
        for (f, g) in folded {
            if !f.is_empty() && f.bytes().all(|b| b.is_ascii_lowercase()) {
                t.add_latin(&f, g);
                let known = t.latin_forms[g as usize].contains(&f.as_str());
                if !known && f.len() >= MIN_FORM_LEN {
                    let extra = t.folded_forms.entry(g).or_default();
                    if !extra.iter().any(|e| **e == *f) {
                        extra.push(f.into());
                    }
                }
            }
        }
        for g in &mut t.form_groups {
            g.sort_unstable();
            g.dedup();
        }
        for groups in t.native.values_mut() {
            groups.sort_by_key(|&g| (std::cmp::Reverse(attested[g as usize]), g));
        }
        Ok(t)
    }

    fn add_latin(&mut self, form: &str, group: u32) {
        if form.len() < MIN_FORM_LEN {
            return;
        }
        let id = match self.latin.get(form) {
            Some(&id) => id,
            None => {
                self.form_groups.push(SmallVec::new());
                let id = self.form_groups.len() as u32;
                self.latin.insert(form.into(), id);
                id
            }
        };
        self.form_groups[id as usize - 1].push(group);
    }

    /// The form id of a folded token the data knows, 0 for any other.
    pub fn id(&self, token: &str) -> u32 {
        if token.len() < MIN_FORM_LEN {
            return 0;
        }
        self.latin.get(token).copied().unwrap_or(0)
    }

    fn groups(&self, id: u32) -> &[u32] {
        match id.checked_sub(1) {
            Some(i) => self.form_groups.get(i as usize).map_or(&[], |g| &g[..]),
            None => &[],
        }
    }

    /// The first group the forms with ids `a` and `b` share (both
    /// non-zero), if any.
    pub fn shared(&self, a: u32, b: u32) -> Option<u32> {
        if a == 0 || b == 0 {
            return None;
        }
        let (x, y) = (self.groups(a), self.groups(b));
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return Some(x[i]),
            }
        }
        None
    }

    /// The Wikidata id of a group ("Q15921732").
    pub fn qid(&self, group: u32) -> String {
        format!("Q{}", self.qids.get(group as usize).copied().unwrap_or(0))
    }

    /// The groups of the form with id `id`.
    pub fn groups_of(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        self.groups(id).iter().copied()
    }

    /// The Latin forms of a group, most common first.
    pub fn latin_forms(&self, group: u32) -> &[&'static str] {
        self.latin_forms.get(group as usize).map_or(&[], |f| &f[..])
    }

    /// Every folded form of a group: its Latin forms, then its Greek,
    /// Georgian and Armenian forms as the lexer folds them.
    pub fn folded_forms(&self, group: u32) -> impl Iterator<Item = &str> {
        let extra = self.folded_forms.get(&group).map_or(&[][..], |v| &v[..]);
        self.latin_forms(group)
            .iter()
            .copied()
            .chain(extra.iter().map(|f| &**f))
    }

    /// The Latin readings of a native-script word (lower case, as the
    /// lexer writes it): the most common spelling of each of its groups,
    /// best-attested group first, at most [`MAX_NATIVE_READINGS`].
    pub fn native_readings(&self, word: &str) -> SmallVec<[&'static str; 2]> {
        let mut out: SmallVec<[&'static str; 2]> = SmallVec::new();
        for &g in self.native.get(word).map_or(&[][..], |g| &g[..]) {
            if out.len() == MAX_NATIVE_READINGS {
                break;
            }
            if let Some(&f) = self.latin_forms(g).first() {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// Every group: its Wikidata id, Latin forms and native forms (for
    /// snapshots and tests; not fast).
    pub fn entries(&self) -> Vec<(String, Vec<&'static str>, Vec<&str>)> {
        let mut native: Vec<Vec<&str>> = vec![Vec::new(); self.qids.len()];
        for (n, groups) in &self.native {
            for &g in groups {
                native[g as usize].push(n.as_ref());
            }
        }
        (0..self.qids.len())
            .map(|g| {
                let mut n = std::mem::take(&mut native[g]);
                n.sort_unstable();
                (self.qid(g as u32), self.latin_forms[g].to_vec(), n)
            })
            .collect()
    }
}

/// A native form as the lexer writes the word: a form with anything but
/// letters in it (an apostrophe, a combining
/// mark) is lexed; one that does not stay one word is kept as written
/// (it never matches a word).
fn as_lexed(form: &'static str) -> Cow<'static, str> {
    if form.chars().all(char::is_alphabetic) {
        return Cow::Borrowed(form);
    }
    let words = super::lex::lex(&super::nfkc(form));
    match &words[..] {
        [w] => Cow::Owned(w.text.clone()),
        _ => Cow::Borrowed(form),
    }
}

/// Whether the lexer folds a word in this form's script to Latin itself
/// (Greek, Georgian, Armenian: see `script`), so that the form is known
/// by its folding rather than looked up before romanisation.
fn lexed_as_latin(form: &str) -> bool {
    form.chars().all(|c| super::script::script_of(c).is_none())
}

/// The name-group data shipped with cordon, parsed once. A malformed data
/// file (a build defect, caught by the tests) reads as no groups.
pub fn name_groups() -> &'static NameGroups {
    static T: OnceLock<NameGroups> = OnceLock::new();
    T.get_or_init(|| NameGroups::parse(NAMES_TSV).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_parses() {
        let t = NameGroups::parse(NAMES_TSV).expect("shipped name-group data parses");
        assert!(t.qids.len() > 50_000, "{}", t.qids.len());
    }

    #[test]
    fn malformed_data_names_the_line() {
        let e = NameGroups::parse("# h\nQ1\tgeorge\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = NameGroups::parse("Q1\tgeorge\t\nX1\tgeorge\t\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = NameGroups::parse("Q1\tGeorge\t\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = NameGroups::parse("Q1\tgeorge\t\textra\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn forms_of_one_name_share_a_group() {
        let t = name_groups();
        let shared = |a: &str, b: &str| t.shared(t.id(a), t.id(b));
        assert!(shared("george", "georgios").is_some());
        assert!(shared("aleksandr", "sasha").is_some());
        assert!(shared("alexander", "aleksandr").is_some());
        assert!(shared("george", "aleksandr").is_none());
        // Greek forms are known by their folding.
        assert!(shared(&fold("Γιώργος"), "george").is_some());
        // Too short to take part.
        assert_eq!(t.id("abe"), 0);
        assert_eq!(t.id("petrovx"), 0);
    }

    #[test]
    fn native_words_read_as_their_latin_name() {
        let t = name_groups();
        assert_eq!(t.native_readings("ジョージ")[0], "george");
        assert_eq!(t.native_readings("安倍")[0], "abe");
        assert!(t.native_readings("裕毅").contains(&"yuki"));
        assert!(
            t.native_readings("乔治").is_empty(),
            "Chinese forms are left out"
        );
        assert!(t.native_readings("ぺぺ").is_empty());
    }
}
