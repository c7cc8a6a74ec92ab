//! Nicknames and hypocorisms of given names (Bill / William, Peggy /
//! Margaret, Sasha / Aleksandr): two given names the data relates are
//! the same name to the aligner, though they share no spelling.
//!
//! The data is the "nicknames" dataset of Carlton Northern and Nick Crews
//! (Apache-2.0), as shipped in the PyPI package `nicknames` 1.0.1:
//! `data/nicknames/names.csv`, with its source and licence beside it
//! (`SOURCE.md`, `LICENSE`). Rows are `name1,has_nickname,name2`; the
//! relation is used both ways. Names shorter than three letters and names
//! that are particles, stopwords or honorifics ("del", "sir") are left out,
//! as are initials ("k.c."):
//! they would relate words that are not given names.
//!
//! Each name gets a small id ([`Nicknames::id`]); the index keeps it per
//! vocabulary token and the query per token, so the aligner asks
//! [`Nicknames::are_related`] only for two given names the data knows.

use super::name_parts::role_of;
use super::TokenRole;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The dataset, as shipped.
const NAMES_CSV: &str = include_str!("../../data/nicknames/names.csv");

/// The shortest name the table keeps.
const MIN_NAME: usize = 3;

/// A malformed line of the nickname data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("nickname data, line {line}: {reason}")]
pub struct NicknameDataError {
    pub line: usize,
    pub reason: &'static str,
}

/// Given names and the names each is related to.
#[derive(Debug, Default)]
pub struct Nicknames {
    ids: FxHashMap<String, u16>,
    /// By id − 1: the name.
    names: Vec<String>,
    /// By id − 1: the ids it is related to, sorted.
    related: Vec<Vec<u16>>,
}

impl Nicknames {
    /// Reads `name1,has_nickname,name2` rows after a header line.
    pub fn parse(text: &str) -> Result<Nicknames, NicknameDataError> {
        let mut t = Nicknames::default();
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h.trim_end() == "name1,relationship,name2" => {}
            _ => {
                return Err(NicknameDataError {
                    line: 1,
                    reason: "expected the header name1,relationship,name2",
                })
            }
        }
        for (i, line) in lines {
            let line = line.trim_end();
            if line.is_empty() {
                continue;
            }
            let err = |reason| NicknameDataError {
                line: i + 1,
                reason,
            };
            let cols: Vec<&str> = line.split(',').collect();
            let [a, rel, b] = cols[..] else {
                return Err(err("expected 3 comma-separated columns"));
            };
            if rel != "has_nickname" {
                return Err(err("relationship is not has_nickname"));
            }
            if a.is_empty() || b.is_empty() {
                return Err(err("a name is empty"));
            }
            if a == b || [a, b].iter().any(|n| !kept(n)) {
                continue;
            }
            let (ia, ib) = (t.intern(a), t.intern(b));
            t.related[ia as usize - 1].push(ib);
            t.related[ib as usize - 1].push(ia);
        }
        if t.names.len() >= u16::MAX as usize {
            return Err(NicknameDataError {
                line: 0,
                reason: "more names than ids",
            });
        }
        for r in &mut t.related {
            r.sort_unstable();
            r.dedup();
        }
        Ok(t)
    }

    fn intern(&mut self, name: &str) -> u16 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        self.names.push(name.to_string());
        self.related.push(Vec::new());
        let id = self.names.len().min(u16::MAX as usize) as u16;
        self.ids.insert(name.to_string(), id);
        id
    }

    /// The id of a folded token the data knows, 0 for any other.
    pub fn id(&self, token: &str) -> u16 {
        self.ids.get(token).copied().unwrap_or(0)
    }

    /// Whether the data relates the names with ids `a` and `b` (both
    /// non-zero and different).
    pub fn are_related(&self, a: u16, b: u16) -> bool {
        a != 0
            && b != 0
            && self
                .related
                .get(a as usize - 1)
                .is_some_and(|r| r.binary_search(&b).is_ok())
    }

    /// The names related to `token`.
    pub fn related_to(&self, token: &str) -> impl Iterator<Item = &str> {
        let id = self.id(token);
        let r: &[u16] = if id == 0 {
            &[]
        } else {
            &self.related[id as usize - 1]
        };
        r.iter().map(|&i| self.names[i as usize - 1].as_str())
    }

    /// Every name and the names related to it (for snapshots and tests).
    pub fn entries(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        self.names.iter().enumerate().map(|(i, n)| {
            let r = self.related[i]
                .iter()
                .map(|&j| self.names[j as usize - 1].as_str())
                .collect();
            (n.as_str(), r)
        })
    }
}

/// Whether the table keeps a name: lower-case letters only (not initials
/// such as "k.c."), at least [`MIN_NAME`] of them, and not a particle,
/// stopword or honorific.
fn kept(n: &str) -> bool {
    n.len() >= MIN_NAME
        && n.bytes().all(|c| c.is_ascii_lowercase())
        && role_of(n) == TokenRole::Word
}

/// The nickname data shipped with cordon, parsed once. A malformed data
/// file (a build defect, caught by the tests) reads as no nicknames.
pub fn nicknames() -> &'static Nicknames {
    static T: OnceLock<Nicknames> = OnceLock::new();
    T.get_or_init(|| Nicknames::parse(NAMES_CSV).unwrap_or_default())
}

/// The names the shipped data relates to `token` (a folded given name).
pub fn related(token: &str) -> impl Iterator<Item = &'static str> {
    nicknames().related_to(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_parses() {
        let t = Nicknames::parse(NAMES_CSV).expect("shipped nickname data parses");
        assert!(t.names.len() > 1000, "{}", t.names.len());
    }

    #[test]
    fn malformed_data_names_the_line() {
        let h = "name1,relationship,name2\n";
        assert_eq!(Nicknames::parse("a,b\n").unwrap_err().line, 1);
        let e = Nicknames::parse(&format!("{h}william,has_nickname,bill\nbob\n")).unwrap_err();
        assert_eq!(e.line, 3);
        let e = Nicknames::parse(&format!("{h}william,is,bill\n")).unwrap_err();
        assert_eq!(e.line, 2);
        let e = Nicknames::parse(&format!("{h}william,has_nickname,\n")).unwrap_err();
        assert_eq!(e.line, 2);
        let t = Nicknames::parse(&format!("{h}casey,has_nickname,k.c.\n")).unwrap();
        assert_eq!(t.id("casey"), 0, "initials are left out");
    }

    #[test]
    fn related_both_ways_and_only_given_names() {
        let t = nicknames();
        let (w, b) = (t.id("william"), t.id("bill"));
        assert!(w != 0 && b != 0);
        assert!(t.are_related(w, b) && t.are_related(b, w));
        assert!(!t.are_related(w, t.id("margaret")));
        assert!(!t.are_related(w, 0));
        assert_eq!(t.id("petrov"), 0);
        assert!(related("margaret").any(|n| n == "maggie"));
        // Too short, or a particle: not kept.
        assert_eq!(t.id("al"), 0);
        assert_eq!(t.id("del"), 0);
    }
}
