//! Free-text search over the HS nomenclature and the control lists: a
//! description such as "ball bearings" or "microcontroller" finds the
//! headings and subheadings whose wording (or a control list's item text)
//! shares its words. Simple token scoring: each query word weighs by its
//! rarity (IDF) among the entries; an exact word counts fully, a word that
//! is a prefix of an entry word (or the reverse, 4+ letters) counts half.
//! The score is the matched share of the query's weight, so 1.0 means
//! every word was found. Every hit says which words matched where.

use crate::hs::Level;
use std::collections::{HashMap, HashSet};

/// Words that carry no meaning in HS descriptions.
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "or",
    "of",
    "the",
    "for",
    "in",
    "on",
    "to",
    "with",
    "by",
    "not",
    "whether",
    "other",
    "than",
    "their",
    "thereof",
    "its",
    "incl",
    "including",
    "nec",
    "n",
    "e",
    "c",
    "no",
    "heading",
    "headings",
    "chapter",
    "etc",
    "such",
    "as",
    "be",
    "is",
    "are",
    "used",
    "kind",
];

/// Lower-cased, singular-ish word tokens without stopwords.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| stem(&w.to_lowercase()))
        .filter(|w| w.len() >= 2 && !STOPWORDS.contains(&w.as_str()))
        .collect()
}

fn stem(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return format!("{s}y");
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// Most words of a description that are searched; the rest are ignored.
///
/// Each word is compared with every entry's words (about 7,000 entries),
/// so the work grows with the text: the fuzzer found a 12 KB description
/// taking half a second of CPU (`cordon goods`, a shipment item), which a
/// 2 MiB request body would make over a minute. Real descriptions hold
/// 2–15 words.
pub const MAX_QUERY_WORDS: usize = 32;

/// One searchable entry: an HS code with its description words and the
/// words the control lists add for it.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub code: String,
    pub level: Level,
    pub hs_words: HashSet<String>,
    pub list_words: HashSet<String>,
}

/// The search index.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    docs: Vec<Doc>,
    idf: HashMap<String, f64>,
}

/// A scored entry (before the catalog adds descriptions and list hits).
#[derive(Debug, Clone)]
pub(crate) struct Scored {
    pub doc: usize,
    pub score: f64,
    /// (query word, where it matched: "HS description" / "control list item", exact?)
    pub matched: Vec<(String, &'static str, bool)>,
}

impl SearchIndex {
    pub fn new(docs: Vec<Doc>) -> SearchIndex {
        let mut df: HashMap<String, usize> = HashMap::new();
        for d in &docs {
            for w in d.hs_words.union(&d.list_words) {
                *df.entry(w.clone()).or_default() += 1;
            }
        }
        let n = docs.len().max(1) as f64;
        let idf = df
            .into_iter()
            .map(|(w, c)| (w, (n / c as f64).ln() + 1.0))
            .collect();
        SearchIndex { docs, idf }
    }

    pub fn doc(&self, i: usize) -> Option<&Doc> {
        self.docs.get(i)
    }

    fn weight(&self, w: &str) -> f64 {
        // A word no entry has weighs like the rarest.
        self.idf
            .get(w)
            .copied()
            .unwrap_or_else(|| (self.docs.len().max(1) as f64).ln() + 1.0)
    }

    /// The best `limit` entries for a text, best first. Only its first
    /// [`MAX_QUERY_WORDS`] words are searched.
    pub fn search(&self, text: &str, limit: usize) -> Vec<Scored> {
        let mut q = tokens(text);
        q.dedup();
        q.truncate(MAX_QUERY_WORDS);
        let total: f64 = q.iter().map(|w| self.weight(w)).sum();
        if q.is_empty() || total <= 0.0 {
            return Vec::new();
        }
        let mut out: Vec<Scored> = Vec::new();
        for (i, d) in self.docs.iter().enumerate() {
            let mut got = 0.0;
            let mut matched = Vec::new();
            for w in &q {
                let found = [
                    (&d.hs_words, "HS description"),
                    (&d.list_words, "control list item"),
                ]
                .into_iter()
                .find_map(|(set, place)| {
                    if set.contains(w) {
                        Some((place, true))
                    } else if set.iter().any(|t| prefix_of(w, t)) {
                        Some((place, false))
                    } else {
                        None
                    }
                });
                if let Some((place, exact)) = found {
                    got += self.weight(w) * if exact { 1.0 } else { 0.5 };
                    matched.push((w.clone(), place, exact));
                }
            }
            if got > 0.0 {
                out.push(Scored {
                    doc: i,
                    score: got / total,
                    matched,
                });
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| self.docs[b.doc].level.cmp(&self.docs[a.doc].level))
                .then_with(|| self.docs[a.doc].code.cmp(&self.docs[b.doc].code))
        });
        out.truncate(limit);
        out
    }
}

fn prefix_of(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 4 && long.starts_with(short)
}
