//! The labelled pair set of `cordon compare`: two names and whether they
//! name the same party, derived from the official lists (nothing is typed
//! in by hand), split into a tune and a holdout half by [`split_of`].
//!
//! **Who is the same party.** Two lists that both list a party link its two
//! records ([`PartyLink`]), from two independent sources:
//! - the OpenSanctions file's merged entities, whose `referents` name the
//!   source records they were merged from: `ofac-UID` is an OFAC SDN record
//!   and `unsc-DATAID` a UN record (the UN file gives each record's
//!   `DATAID` beside its reference number, [`un_dataids`]);
//! - an identity document (passport or national identity number, at least
//!   six letters and digits) that exactly one record of each list holds.
//!
//! **Positives** pair a Latin-script name (primary or strong alias) of one
//! record with one of the other record, when a reader would call them the
//! same name from the names alone: the identity words of the shorter name
//! pair one to one with words of the longer that spell them (sound key, a
//! few edits, an initial, two words written as one — the spelling rule of
//! the derived alias set, independent of the engine's scorer), and at
//! least half of the longer name's words are so paired. Both names paired
//! whole is class `variant` ("Ismail HANIYA" / "Ismaeel HANIYYA"); the
//! longer holding words the other lacks is class `extended` ("Ayman
//! al-Zawahiri" / "Ayman Muhammad Rabi al-Zawahiri"). Pairs equal up to
//! word order and case are left out (they test nothing), and so are pairs
//! that are not the same name (translations, acronyms, another name of the
//! party) or only a small part of it: no scorer of names can decide those.
//!
//! **Negatives** pair a linked record's primary name with the primary name
//! of *another* record of the same list and kind (one list does not list
//! one party twice) that is similar: at least one, and at least half, of
//! the shorter name's identity words are spelled in the other, but not all
//! of them (different parties that share a family name, a given name, or
//! several words of a company name). Up to [`NEGATIVES_PER_PARTY`] per
//! record, picked by a hash of the two ids (not by any score). Records
//! linked to the same party are never each other's negatives.
//!
//! A party's positives and negatives fall in the half of its OFAC record's
//! id, so no party is in both halves.

use super::{content_words, f1, has_spelling, joined_pairs, name_key, ratio, split_of, Split};
use cordon_engine::Entity;
use cordon_engine::{EntityKind, IdentifierType, Index, NameType, Party};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// Negatives drawn per linked record from its own list.
pub const NEGATIVES_PER_PARTY: usize = 2;

/// Reading the files a pair set is derived from failed.
#[derive(Debug, thiserror::Error)]
pub enum PairSetError {
    #[error("{file}: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {reason}")]
    Bad {
        file: String,
        line: usize,
        reason: String,
    },
}

/// Why two records are taken for one party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkSource {
    /// One OpenSanctions entity was merged from both records.
    OpenSanctions,
    /// Both records hold the same identity document number.
    Document,
}

/// Two records of one party on two lists.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartyLink {
    /// The record on the first list (e.g. `ofac-sdn:6908`).
    pub a: String,
    /// The record on the second list (e.g. `un-sc:QDi.006`).
    pub b: String,
    pub source: LinkSource,
}

/// The kind of a labelled pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PairClass {
    /// Same party; each name covers the other.
    Variant,
    /// Same party; one name has words the other lacks.
    Extended,
    /// Different parties with similar names.
    Similar,
}

impl PairClass {
    pub fn as_str(self) -> &'static str {
        match self {
            PairClass::Variant => "variant",
            PairClass::Extended => "extended",
            PairClass::Similar => "similar",
        }
    }

    /// Whether the pair names one party.
    pub fn same(self) -> bool {
        self != PairClass::Similar
    }
}

/// One labelled pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelledPair {
    /// `ANCHOR#N`: the linked record it was derived for, and a counter.
    pub id: String,
    pub kind: EntityKind,
    pub a: String,
    pub b: String,
    pub class: PairClass,
    #[serde(skip)]
    pub split: Split,
}

/// The OpenSanctions id prefixes of the records [`opensanctions_links`]
/// links: OFAC (SDN uid) and the UN Security Council (`DATAID`).
const OFAC_REFERENT: &str = "ofac-";
const UNSC_REFERENT: &str = "unsc-";

/// A file's name (for messages) and text.
fn read(path: &Path) -> Result<(String, String), PairSetError> {
    let file = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => Ok((file, text)),
        Err(source) => Err(PairSetError::Read { file, source }),
    }
}

/// `DATAID` → reference number of every record of a UN consolidated list
/// XML file. The loader keeps only the reference number (the entity id);
/// OpenSanctions names UN records by `DATAID`. Both are plain elements of
/// each `INDIVIDUAL` and `ENTITY` (schema `sc-sanctions.xsd`), the
/// reference after the `DATAID`.
pub fn un_dataids(path: &Path) -> Result<HashMap<String, String>, PairSetError> {
    let (file, text) = read(path)?;
    let mut out = HashMap::new();
    let mut records = text.split("<DATAID>");
    let mut line = 1 + records.next().map_or(0, |h| h.matches('\n').count());
    for rec in records {
        let bad = |reason: &str| PairSetError::Bad {
            file: file.clone(),
            line,
            reason: reason.to_string(),
        };
        let id = rec
            .split_once("</DATAID>")
            .map(|(id, _)| id.trim())
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| bad("DATAID: not a number"))?;
        let reference = rec
            .split_once("<REFERENCE_NUMBER>")
            .and_then(|(_, r)| r.split_once("</REFERENCE_NUMBER>"))
            .map(|(r, _)| r.trim())
            .filter(|r| !r.is_empty())
            .ok_or_else(|| bad("a record without REFERENCE_NUMBER"))?;
        out.insert(id.to_string(), format!("un-sc:{reference}"));
        line += rec.matches('\n').count();
    }
    Ok(out)
}

/// Links from an OpenSanctions entities file (one JSON entity, or
/// `{"op", "entity"}` delta line, per line): every OFAC SDN record with
/// every UN record the same merged entity was built from. `un_ids` maps
/// `DATAID` to the UN entity id ([`un_dataids`]).
pub fn opensanctions_links(
    path: &Path,
    un_ids: &HashMap<String, String>,
) -> Result<Vec<PartyLink>, PairSetError> {
    let (file, text) = read(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| PairSetError::Bad {
            file: file.clone(),
            line: i + 1,
            reason: format!("not JSON: {e}"),
        })?;
        let entity = v.get("entity").unwrap_or(&v);
        let ids = entity
            .get("referents")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
            .chain(entity.get("id"))
            .filter_map(|x| x.as_str());
        let (mut ofac, mut un) = (Vec::new(), Vec::new());
        for id in ids {
            if let Some(uid) = id.strip_prefix(OFAC_REFERENT) {
                if !uid.is_empty() && uid.bytes().all(|b| b.is_ascii_digit()) {
                    ofac.push(format!("ofac-sdn:{uid}"));
                }
            } else if let Some(dataid) = id.strip_prefix(UNSC_REFERENT) {
                if let Some(un_id) = un_ids.get(dataid) {
                    un.push(un_id.clone());
                }
            }
        }
        for a in &ofac {
            for b in &un {
                out.push(PartyLink {
                    a: a.clone(),
                    b: b.clone(),
                    source: LinkSource::OpenSanctions,
                });
            }
        }
    }
    out.sort();
    out.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    Ok(out)
}

/// An identity document's number as compared: letters and digits,
/// upper-cased; `None` when shorter than six (too many parties share
/// short numbers, or a list writes a fragment).
fn document_number(e: &cordon_engine::Identifier) -> Option<String> {
    if !matches!(
        e.id_type,
        IdentifierType::Passport | IdentifierType::NationalId
    ) {
        return None;
    }
    let v: String = e
        .value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (v.len() >= 6).then_some(v)
}

/// Links by identity documents: a number held by exactly one record of
/// `a` and exactly one record of `b`, of the same kind.
pub fn document_links(a: &[Entity], b: &[Entity]) -> Vec<PartyLink> {
    fn holders(list: &[Entity]) -> HashMap<String, Vec<usize>> {
        let mut m: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in list.iter().enumerate() {
            let mut nums: Vec<String> = e.identifiers.iter().filter_map(document_number).collect();
            nums.sort();
            nums.dedup();
            for n in nums {
                m.entry(n).or_default().push(i);
            }
        }
        m
    }
    let (ha, hb) = (holders(a), holders(b));
    let mut out: Vec<PartyLink> = ha
        .iter()
        .filter_map(|(num, ia)| {
            let ib = hb.get(num)?;
            let ([x], [y]) = (ia.as_slice(), ib.as_slice()) else {
                return None;
            };
            (a[*x].kind == b[*y].kind).then(|| PartyLink {
                a: a[*x].id.clone(),
                b: b[*y].id.clone(),
                source: LinkSource::Document,
            })
        })
        .collect();
    out.sort();
    out.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    out
}

/// A name of a record that may enter a pair: Latin script, primary or a
/// strong alias.
fn pair_names(e: &Entity) -> impl Iterator<Item = &str> {
    e.names
        .iter()
        .filter(|n| matches!(n.name_type, NameType::Primary | NameType::Aka) && n.script.is_none())
        .map(|n| n.name.as_str())
}

/// How two names of a kind relate, by the derived-alias spelling rule
/// applied one to one: the shorter name's identity words are paired in
/// order with distinct words of the longer (a word, or two adjacent words
/// written as one) that spell them.
struct Overlap {
    /// Words of the shorter name paired.
    shared: usize,
    /// Words of the shorter name.
    of: usize,
    /// Words of the longer name paired, and how many it has.
    long_used: usize,
    long_len: usize,
}

impl Overlap {
    /// Every word of the shorter name spelled in the longer.
    fn covers_shorter(&self) -> bool {
        self.of > 0 && self.shared == self.of
    }

    /// ... and every word of the longer in the shorter.
    fn covers_both(&self) -> bool {
        self.covers_shorter() && self.long_used == self.long_len
    }
}

fn overlap(a: &str, b: &str, kind: EntityKind) -> Overlap {
    let (wa, wb) = (content_words(a, kind), content_words(b, kind));
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    let mut used = vec![false; long.len()];
    let mut shared = 0;
    for w in &short {
        let one = (0..long.len()).find(|&i| !used[i] && has_spelling(w, &long[i..=i], &[]));
        if let Some(i) = one {
            used[i] = true;
            shared += 1;
            continue;
        }
        let two = (1..long.len()).find(|&i| {
            !used[i - 1] && !used[i] && has_spelling(w, &[], &joined_pairs(&long[i - 1..=i]))
        });
        if let Some(i) = two {
            used[i - 1] = true;
            used[i] = true;
            shared += 1;
        }
    }
    Overlap {
        shared,
        of: short.len(),
        long_used: used.iter().filter(|&&u| u).count(),
        long_len: long.len(),
    }
}

/// The pair set over `links` between the records of `a` and `b` (see the
/// module documentation).
pub fn derive_pairs(a: &[Entity], b: &[Entity], links: &[PartyLink]) -> Vec<LabelledPair> {
    let by_id: HashMap<&str, &Entity> = a.iter().chain(b).map(|e| (e.id.as_str(), e)).collect();
    // Records of one party (through any link) are never negatives of it.
    let mut party_of: HashMap<&str, HashSet<&str>> = HashMap::new();
    for l in links {
        party_of.entry(&l.a).or_default().insert(&l.b);
        party_of.entry(&l.b).or_default().insert(&l.a);
    }
    let mut out = Vec::new();
    let mut anchors: Vec<(&Entity, Split)> = Vec::new();
    let mut seen_links: HashSet<(&str, &str)> = HashSet::new();
    for l in links {
        let (Some(x), Some(y)) = (by_id.get(l.a.as_str()), by_id.get(l.b.as_str())) else {
            continue;
        };
        if x.kind != y.kind || !seen_links.insert((&l.a, &l.b)) {
            continue;
        }
        let split = split_of(&x.id);
        anchors.push((x, split));
        anchors.push((y, split));
        let mut seen: HashSet<(Vec<String>, Vec<String>)> = HashSet::new();
        for na in pair_names(x) {
            for nb in pair_names(y) {
                let (ka, kb) = (name_key(na), name_key(nb));
                if ka == kb || ka.is_empty() || kb.is_empty() || !seen.insert((ka, kb)) {
                    continue;
                }
                // The same name: the shorter spelled whole in the longer,
                // and at least half of the longer spelled in the shorter
                // (a name of two words inside one of six is shared by too
                // many parties to decide from the names).
                let o = overlap(na, nb, x.kind);
                if o.of < 2 || !o.covers_shorter() || o.long_used * 2 < o.long_len {
                    continue;
                }
                out.push(LabelledPair {
                    id: format!("{}#{}", x.id, out.len()),
                    kind: x.kind,
                    a: na.to_string(),
                    b: nb.to_string(),
                    class: if o.covers_both() {
                        PairClass::Variant
                    } else {
                        PairClass::Extended
                    },
                    split,
                });
            }
        }
    }
    // Negatives: similar primary names of other records of the anchor's
    // own list, found through an index of their identity words.
    anchors.sort_by(|x, y| x.0.id.cmp(&y.0.id));
    anchors.dedup_by(|x, y| x.0.id == y.0.id);
    let mut words_of: HashMap<(&str, EntityKind, String), Vec<&Entity>> = HashMap::new();
    for e in a.iter().chain(b) {
        let Some(p) = e.names.first().filter(|n| n.script.is_none()) else {
            continue;
        };
        let mut ws = content_words(&p.name, e.kind);
        ws.sort();
        ws.dedup();
        for w in ws {
            words_of
                .entry((e.list.as_str(), e.kind, w))
                .or_default()
                .push(e);
        }
    }
    for (anchor, split) in anchors {
        let Some(name) = anchor.names.first().filter(|n| n.script.is_none()) else {
            continue;
        };
        let words = content_words(&name.name, anchor.kind);
        let mut near: Vec<&Entity> = words
            .iter()
            .filter_map(|w| words_of.get(&(anchor.list.as_str(), anchor.kind, w.clone())))
            .flatten()
            .copied()
            .filter(|e| {
                e.id != anchor.id
                    && !party_of
                        .get(anchor.id.as_str())
                        .is_some_and(|p| p.contains(e.id.as_str()))
            })
            .collect();
        near.sort_by(|x, y| x.id.cmp(&y.id));
        near.dedup_by(|x, y| x.id == y.id);
        let key = name_key(&name.name);
        let mut similar: Vec<(u64, &Entity)> = near
            .into_iter()
            .filter(|e| {
                let other = &e.names[0].name;
                if name_key(other) == key {
                    return false;
                }
                let o = overlap(&name.name, other, anchor.kind);
                o.shared >= 1 && o.shared * 2 >= o.of && !o.covers_shorter()
            })
            .map(|e| {
                let h = crate::rng::fnv1a(format!("{}|{}", anchor.id, e.id).as_bytes());
                (h, e)
            })
            .collect();
        similar.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| x.1.id.cmp(&y.1.id)));
        for (_, e) in similar.into_iter().take(NEGATIVES_PER_PARTY) {
            out.push(LabelledPair {
                id: format!("{}#{}", anchor.id, out.len()),
                kind: anchor.kind,
                a: name.name.clone(),
                b: e.names[0].name.clone(),
                class: PairClass::Similar,
                split,
            });
        }
    }
    out
}

/// A labelled pair with its score.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredPair {
    #[serde(flatten)]
    pub pair: LabelledPair,
    pub score: f64,
}

/// Scores every pair as `cordon compare` does: by name and kind, with the
/// token weights of `index` (an empty index, as `cordon compare` without
/// `--with-lists`, weighs every word alike).
pub fn score_pairs(index: &Index, pairs: &[LabelledPair]) -> Vec<ScoredPair> {
    pairs
        .par_iter()
        .map(|p| {
            let side = |name: &str| Party {
                name: name.to_string(),
                kind: Some(p.kind),
                ..Party::default()
            };
            let c = index.compare(&side(&p.a), &side(&p.b), 1.0);
            ScoredPair {
                pair: p.clone(),
                score: c.score,
            }
        })
        .collect()
}

/// Counts of pairwise decisions at one threshold.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PairStats {
    pub pairs: usize,
    pub positives: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl PairStats {
    fn of<'a>(pairs: impl Iterator<Item = &'a ScoredPair>, threshold: f64) -> PairStats {
        let mut s = PairStats::default();
        for p in pairs {
            let said = p.score >= threshold;
            let same = p.pair.class.same();
            s.pairs += 1;
            s.positives += usize::from(same);
            s.true_positives += usize::from(said && same);
            s.false_positives += usize::from(said && !same);
            s.false_negatives += usize::from(!said && same);
        }
        s.precision = ratio(s.true_positives, s.true_positives + s.false_positives);
        s.recall = ratio(s.true_positives, s.positives);
        s.f1 = f1(s.recall, s.precision);
        s
    }
}

/// A pair decided wrongly, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct PairError {
    pub id: String,
    pub class: PairClass,
    pub a: String,
    pub b: String,
    pub score: f64,
}

/// Pairwise precision, recall and F1 of one half at one threshold.
#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    pub set: String,
    pub threshold: f64,
    pub overall: PairStats,
    /// Per class (`variant`, `extended`, `similar`) and kind.
    pub by_class: BTreeMap<String, PairStats>,
    /// The positives scored lowest and the negatives scored highest among
    /// the wrong decisions.
    pub worst: Vec<PairError>,
}

/// The report of `pairs` at `threshold`, with up to `worst` errors of each
/// sort.
pub fn pair_report(set: &str, pairs: &[ScoredPair], threshold: f64, worst: usize) -> PairReport {
    let mut by_class: BTreeMap<String, Vec<&ScoredPair>> = BTreeMap::new();
    for p in pairs {
        by_class
            .entry(format!(
                "{}/{}",
                p.pair.class.as_str(),
                p.pair.kind.as_str()
            ))
            .or_default()
            .push(p);
    }
    let err = |p: &ScoredPair| PairError {
        id: p.pair.id.clone(),
        class: p.pair.class,
        a: p.pair.a.clone(),
        b: p.pair.b.clone(),
        score: p.score,
    };
    let mut missed: Vec<&ScoredPair> = pairs
        .iter()
        .filter(|p| p.pair.class.same() && p.score < threshold)
        .collect();
    missed.sort_by(|x, y| x.score.total_cmp(&y.score).then(x.pair.id.cmp(&y.pair.id)));
    let mut wrong: Vec<&ScoredPair> = pairs
        .iter()
        .filter(|p| !p.pair.class.same() && p.score >= threshold)
        .collect();
    wrong.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.pair.id.cmp(&y.pair.id)));
    PairReport {
        set: set.to_string(),
        threshold,
        overall: PairStats::of(pairs.iter(), threshold),
        by_class: by_class
            .into_iter()
            .map(|(k, v)| (k, PairStats::of(v.into_iter(), threshold)))
            .collect(),
        worst: missed
            .into_iter()
            .take(worst)
            .chain(wrong.into_iter().take(worst))
            .map(err)
            .collect(),
    }
}

impl PairReport {
    pub fn to_table(&self) -> String {
        let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.1}%", v * 100.0));
        let mut out = String::new();
        let _ = writeln!(out, "set {} (threshold {:.2})", self.set, self.threshold);
        let _ = writeln!(
            out,
            "{:<28} {:>7} {:>9} {:>6} {:>6} {:>6} {:>9} {:>9} {:>9}",
            "class", "pairs", "positives", "TP", "FP", "FN", "precision", "recall", "F1"
        );
        let mut row = |name: &str, s: &PairStats| {
            let _ = writeln!(
                out,
                "{:<28} {:>7} {:>9} {:>6} {:>6} {:>6} {:>9} {:>9} {:>9}",
                name,
                s.pairs,
                s.positives,
                s.true_positives,
                s.false_positives,
                s.false_negatives,
                pct(s.precision),
                pct(s.recall),
                pct(s.f1)
            );
        };
        for (k, s) in &self.by_class {
            row(k, s);
        }
        row("overall", &self.overall);
        if !self.worst.is_empty() {
            let _ = writeln!(
                out,
                "wrong decisions (lowest positives, highest negatives):"
            );
            for e in &self.worst {
                let _ = writeln!(
                    out,
                    "  {:<9} {:.3}  {:?} / {:?}  ({})",
                    e.class.as_str(),
                    e.score,
                    e.a,
                    e.b,
                    e.id
                );
            }
        }
        out
    }
}

/// One threshold of the pairwise curve.
#[derive(Debug, Clone, Serialize)]
pub struct PairCurvePoint {
    pub threshold: f64,
    #[serde(flatten)]
    pub stats: PairStats,
}

/// The pairwise measures at every threshold of
/// [`super::curve_thresholds`] (scores do not depend on the threshold).
pub fn pair_curve(pairs: &[ScoredPair]) -> Vec<PairCurvePoint> {
    super::curve_thresholds()
        .into_iter()
        .map(|t| PairCurvePoint {
            threshold: t,
            stats: PairStats::of(pairs.iter(), t),
        })
        .collect()
}

/// The point of best F1 (the highest threshold among equals).
pub fn best_pair_f1(points: &[PairCurvePoint]) -> Option<&PairCurvePoint> {
    points
        .iter()
        .filter(|p| p.stats.f1.is_some())
        .max_by(|x, y| {
            x.stats
                .f1
                .unwrap_or(0.0)
                .total_cmp(&y.stats.f1.unwrap_or(0.0))
                .then(x.threshold.total_cmp(&y.threshold))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{Identifier, Name, Provenance};

    fn ent(list: &str, id: &str, kind: EntityKind, names: &[&str]) -> Entity {
        let mut e = Entity::new(
            list,
            id,
            kind,
            names[0],
            Provenance {
                list: list.into(),
                file: "t".into(),
                line: None,
            },
        );
        for n in &names[1..] {
            e.names.push(Name::new(*n, NameType::Aka));
        }
        e
    }

    #[test]
    fn un_dataids_pairs_each_record_with_its_reference() {
        let dir = std::env::temp_dir().join(format!("cordon-pairs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("un.xml");
        std::fs::write(
            &f,
            "<CONSOLIDATED_LIST>\n<INDIVIDUALS><INDIVIDUAL>\n<DATAID>6908</DATAID>\n\
             <FIRST_NAME>X</FIRST_NAME><REFERENCE_NUMBER>QDi.006 </REFERENCE_NUMBER>\n\
             </INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY><DATAID>113966</DATAID>\
             <REFERENCE_NUMBER>QDe.115</REFERENCE_NUMBER></ENTITY></ENTITIES>",
        )
        .unwrap();
        let m = un_dataids(&f).unwrap();
        assert_eq!(m.get("6908").map(String::as_str), Some("un-sc:QDi.006"));
        assert_eq!(m.get("113966").map(String::as_str), Some("un-sc:QDe.115"));
        std::fs::write(&f, "<X>\n<DATAID>12</DATAID>\n</X>").unwrap();
        let e = un_dataids(&f).unwrap_err().to_string();
        assert!(e.ends_with(":2: a record without REFERENCE_NUMBER"), "{e}");
        let delta = dir.join("delta.json");
        std::fs::write(
            &delta,
            r#"{"op":"MOD","entity":{"id":"NK-1","referents":["ofac-8759","unsc-113966","gb-hmt-1"]}}
{"id":"ofac-42","referents":["unsc-6908","unsc-999"]}
"#,
        )
        .unwrap();
        std::fs::write(&f, "<DATAID>6908</DATAID><REFERENCE_NUMBER>QDi.006</REFERENCE_NUMBER><DATAID>113966</DATAID><REFERENCE_NUMBER>QDe.115</REFERENCE_NUMBER>").unwrap();
        let links = opensanctions_links(&delta, &un_dataids(&f).unwrap()).unwrap();
        let got: Vec<(&str, &str)> = links.iter().map(|l| (l.a.as_str(), l.b.as_str())).collect();
        assert_eq!(
            got,
            [
                ("ofac-sdn:42", "un-sc:QDi.006"),
                ("ofac-sdn:8759", "un-sc:QDe.115")
            ]
        );
        std::fs::write(&delta, "{\"id\": \n").unwrap();
        let e = opensanctions_links(&delta, &HashMap::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains(":1: not JSON"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn documents_link_only_numbers_one_record_holds() {
        let doc = |e: &mut Entity, v: &str| {
            e.identifiers.push(Identifier {
                id_type: IdentifierType::Passport,
                label: "Passport".into(),
                value: v.into(),
                country: None,
                note: None,
            })
        };
        let mut a1 = ent("ofac-sdn", "1", EntityKind::Person, &["A"]);
        let mut a2 = ent("ofac-sdn", "2", EntityKind::Person, &["B"]);
        let mut a3 = ent("ofac-sdn", "3", EntityKind::Person, &["C"]);
        let mut b1 = ent("un-sc", "X1", EntityKind::Person, &["A"]);
        let mut b2 = ent("un-sc", "X2", EntityKind::Person, &["B"]);
        doc(&mut a1, "ab-123 456");
        doc(&mut b1, "AB123456");
        // Shared by two records of one list: no link.
        doc(&mut a2, "C0000011");
        doc(&mut a3, "C0000011");
        doc(&mut b2, "C0000011");
        // Too short.
        doc(&mut a2, "12345");
        doc(&mut b2, "12345");
        let links = document_links(&[a1, a2, a3], &[b1, b2]);
        assert_eq!(
            links,
            [PartyLink {
                a: "ofac-sdn:1".into(),
                b: "un-sc:X1".into(),
                source: LinkSource::Document
            }]
        );
    }

    #[test]
    fn positives_are_the_same_name_and_negatives_similar_names_of_others() {
        let p = EntityKind::Person;
        let sdn = vec![
            ent(
                "ofac-sdn",
                "1",
                p,
                &["HANIYA, Ismail Abdul Salah", "ISMAIL HANIYA"],
            ),
            ent("ofac-sdn", "2", p, &["HANIYA, Khaled"]),
            ent("ofac-sdn", "3", p, &["SALAH, Mohammed Ismail"]),
            ent("ofac-sdn", "4", p, &["PETROV, Ivan"]),
        ];
        let un = vec![ent(
            "un-sc",
            "QDi.1",
            p,
            &[
                "ISMAEEL ABDUL SALAH HANIYYA",
                "Abu al-Abd",
                "Ismail Haniyya",
            ],
        )];
        let links = vec![PartyLink {
            a: "ofac-sdn:1".into(),
            b: "un-sc:QDi.1".into(),
            source: LinkSource::OpenSanctions,
        }];
        let pairs = derive_pairs(&sdn, &un, &links);
        let got: Vec<(&str, &str, PairClass)> = pairs
            .iter()
            .map(|x| (x.a.as_str(), x.b.as_str(), x.class))
            .collect();
        // Another name of the party ("Abu al-Abd") and the same words up
        // to order and case are left out.
        assert_eq!(
            got[..4],
            [
                (
                    "HANIYA, Ismail Abdul Salah",
                    "ISMAEEL ABDUL SALAH HANIYYA",
                    PairClass::Variant
                ),
                (
                    "HANIYA, Ismail Abdul Salah",
                    "Ismail Haniyya",
                    PairClass::Extended
                ),
                (
                    "ISMAIL HANIYA",
                    "ISMAEEL ABDUL SALAH HANIYYA",
                    PairClass::Extended
                ),
                ("ISMAIL HANIYA", "Ismail Haniyya", PairClass::Variant),
            ]
        );
        // Other records of the anchor's list sharing words with it, in
        // hash order; PETROV shares none, and the UN record has no other
        // record on its list.
        let mut negatives = got[4..].to_vec();
        negatives.sort();
        assert_eq!(
            negatives,
            [
                (
                    "HANIYA, Ismail Abdul Salah",
                    "HANIYA, Khaled",
                    PairClass::Similar
                ),
                (
                    "HANIYA, Ismail Abdul Salah",
                    "SALAH, Mohammed Ismail",
                    PairClass::Similar
                ),
            ]
        );
        assert!(pairs.iter().all(|x| x.split == split_of("ofac-sdn:1")));
    }

    #[test]
    fn stats_count_decisions_at_the_threshold() {
        let pair = |class, score| ScoredPair {
            pair: LabelledPair {
                id: "x".into(),
                kind: EntityKind::Person,
                a: "a".into(),
                b: "b".into(),
                class,
                split: Split::Tune,
            },
            score,
        };
        let scored = [
            pair(PairClass::Variant, 0.9),
            pair(PairClass::Extended, 0.7),
            pair(PairClass::Similar, 0.8),
            pair(PairClass::Similar, 0.5),
        ];
        let s = PairStats::of(scored.iter(), 0.75);
        assert_eq!(
            (s.true_positives, s.false_positives, s.false_negatives),
            (1, 1, 1)
        );
        assert_eq!(s.f1, Some(0.5));
        let best = pair_curve(&scored);
        let best = best_pair_f1(&best).unwrap();
        assert_eq!(best.threshold, 0.70);
        assert_eq!(best.stats.f1, Some(0.8));
    }
}
