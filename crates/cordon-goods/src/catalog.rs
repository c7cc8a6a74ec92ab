//! [`GoodsCatalog`]: the nomenclature, the control lists and the route
//! rules together, and the lookups on them (a code, a description).

use crate::controls::{newest_versions, ControlEntry, ControlList};
use crate::error::{Error, Result};
use crate::hs::{dotted, HsCode, Level};
use crate::nomenclature::Nomenclature;
use crate::route::RouteRules;
use crate::search::{tokens, Doc, SearchIndex};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Everything needed to screen goods and routes.
#[derive(Debug, Clone)]
pub struct GoodsCatalog {
    nomenclature: Nomenclature,
    lists: Vec<ControlList>,
    superseded: Vec<ControlList>,
    route_rules: RouteRules,
    search: SearchIndex,
}

/// A control list entry that applies to a code, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlHit {
    pub list_id: String,
    pub list_name: String,
    pub version: String,
    pub source: String,
    pub tier: Option<String>,
    pub tier_label: Option<String>,
    /// The listed code, dotted (`8542.31`).
    pub hs_code: String,
    /// The listed code's HS 2022 description.
    pub hs_description: Option<String>,
    pub item: Option<String>,
    pub why: String,
}

/// The answer for one code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeLookup {
    /// As given.
    pub input: String,
    /// Normalised, dotted (`8542.31`, `8542`, `85`).
    pub code: String,
    pub level: Level,
    /// Digits past the sixth, if any.
    pub national: Option<String>,
    /// HS 2022 description of the code.
    pub description: String,
    pub hits: Vec<ControlHit>,
}

/// One result of a description search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub code: String,
    pub level: Level,
    pub description: String,
    /// Matched share of the query's weight, in (0, 1].
    pub score: f64,
    /// Which words matched where.
    pub why: String,
    pub hits: Vec<ControlHit>,
}

/// The answer for one argument of `cordon goods`: a code or a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum GoodsAnswer {
    Code(CodeLookup),
    Text {
        input: String,
        results: Vec<SearchHit>,
    },
}

impl GoodsCatalog {
    /// The data embedded at build time from the repository's `data/goods/`.
    pub fn embedded() -> Result<GoodsCatalog> {
        let (nf, nt) = embedded::NOMENCLATURE;
        let (rf, rt) = embedded::ROUTE_RULES;
        let lists = embedded::CONTROL_FILES
            .iter()
            .map(|(f, t)| ControlList::parse(f, t))
            .collect::<Result<Vec<_>>>()?;
        Ok(GoodsCatalog::new(
            Nomenclature::parse(nf, nt)?,
            lists,
            RouteRules::parse(rf, rt)?,
        ))
    }

    /// Data read at run time from a folder laid out like `data/goods/`:
    /// `hs_nomenclature_2022.csv`, `route_rules.csv` and `controls/*.csv`.
    pub fn from_dir(dir: &Path) -> Result<GoodsCatalog> {
        let read = |p: &Path| {
            std::fs::read_to_string(p).map_err(|source| Error::Io {
                path: p.to_path_buf(),
                source,
            })
        };
        let name = |p: &Path| p.display().to_string();
        let np = dir.join("hs_nomenclature_2022.csv");
        let rp = dir.join("route_rules.csv");
        let cdir = dir.join("controls");
        let mut files: Vec<_> = std::fs::read_dir(&cdir)
            .map_err(|source| Error::Io {
                path: cdir.clone(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
            .collect();
        files.sort();
        let lists = files
            .iter()
            .map(|p| ControlList::parse(&name(p), &read(p)?))
            .collect::<Result<Vec<_>>>()?;
        Ok(GoodsCatalog::new(
            Nomenclature::parse(&name(&np), &read(&np)?)?,
            lists,
            RouteRules::parse(&name(&rp), &read(&rp)?)?,
        ))
    }

    /// A catalog from parsed parts; of several versions of a list the newest
    /// is used and the others are kept as superseded.
    pub fn new(
        nomenclature: Nomenclature,
        lists: Vec<ControlList>,
        route_rules: RouteRules,
    ) -> GoodsCatalog {
        let (lists, superseded) = newest_versions(lists);
        let mut list_words: BTreeMap<&str, HashSet<String>> = BTreeMap::new();
        for l in &lists {
            for e in &l.entries {
                let words = list_words.entry(e.hs.as_str()).or_default();
                for t in [&e.item, &e.tier_label].into_iter().flatten() {
                    words.extend(tokens(t));
                }
            }
        }
        let docs = nomenclature
            .entries()
            .filter(|e| e.level != Level::Chapter)
            .map(|e| Doc {
                code: e.code.clone(),
                level: e.level,
                hs_words: tokens(&e.description).into_iter().collect(),
                list_words: list_words.get(e.code.as_str()).cloned().unwrap_or_default(),
            })
            .collect();
        GoodsCatalog {
            search: SearchIndex::new(docs),
            nomenclature,
            lists,
            superseded,
            route_rules,
        }
    }

    pub fn nomenclature(&self) -> &Nomenclature {
        &self.nomenclature
    }

    /// The control lists in use (newest version of each).
    pub fn lists(&self) -> &[ControlList] {
        &self.lists
    }

    /// Older versions of the lists, not used.
    pub fn superseded(&self) -> &[ControlList] {
        &self.superseded
    }

    pub fn route_rules(&self) -> &RouteRules {
        &self.route_rules
    }

    /// A code or a description, whichever the text is.
    pub fn lookup(&self, input: &str, limit: usize) -> Result<GoodsAnswer> {
        if HsCode::looks_like_code(input) {
            self.lookup_code(input).map(GoodsAnswer::Code)
        } else {
            Ok(GoodsAnswer::Text {
                input: input.to_string(),
                results: self.search(input, limit),
            })
        }
    }

    /// Parses, validates against HS 2022 and looks up a code on every list.
    pub fn lookup_code(&self, input: &str) -> Result<CodeLookup> {
        let code = HsCode::parse(input)?;
        let entry = self.nomenclature.validate(&code, input)?;
        Ok(CodeLookup {
            input: input.to_string(),
            code: code.dotted(),
            level: code.level(),
            national: code.national().map(str::to_string),
            description: entry.description.clone(),
            hits: self.control_hits(&code, input),
        })
    }

    /// Every list entry that applies to a code: the listed code equals it,
    /// lies under it (a heading or chapter given), or contains it (a
    /// heading listed).
    pub fn control_hits(&self, code: &HsCode, input: &str) -> Vec<ControlHit> {
        let mut out = Vec::new();
        for l in &self.lists {
            for e in &l.entries {
                if !code.overlaps(&e.hs) {
                    continue;
                }
                let listed = dotted(&e.hs);
                let why = if e.hs == code.digits() && code.national().is_some() {
                    format!("HS-6 {listed} of {:?} is listed", input.trim())
                } else if e.hs == code.digits() {
                    format!("{} {listed} is listed", level_name(&e.hs))
                } else if e.hs.starts_with(code.digits()) {
                    format!(
                        "{} {} contains listed {} {listed}",
                        code.level().name(),
                        code.dotted(),
                        level_name(&e.hs)
                    )
                } else {
                    format!("{} falls under listed heading {listed}", code.dotted())
                };
                out.push(self.hit(l, e, why));
            }
        }
        out
    }

    fn hit(&self, l: &ControlList, e: &ControlEntry, why: String) -> ControlHit {
        ControlHit {
            list_id: l.id.clone(),
            list_name: l.name.clone(),
            version: l.version.clone(),
            source: l.source.clone(),
            tier: e.tier.clone(),
            tier_label: e.tier_label.clone(),
            hs_code: dotted(&e.hs),
            hs_description: self.nomenclature.get(&e.hs).map(|h| h.description.clone()),
            item: e.item.clone(),
            why,
        }
    }

    /// The best `limit` headings and subheadings for a description.
    pub fn search(&self, text: &str, limit: usize) -> Vec<SearchHit> {
        self.search
            .search(text, limit)
            .into_iter()
            .filter_map(|s| {
                let doc = self.search.doc(s.doc)?;
                let entry = self.nomenclature.get(&doc.code)?;
                let code = HsCode::parse(&doc.code).ok()?;
                let mut by_place: BTreeMap<&str, Vec<String>> = BTreeMap::new();
                for (w, place, exact) in &s.matched {
                    let w = if *exact { w.clone() } else { format!("{w}*") };
                    by_place.entry(place).or_default().push(w);
                }
                let why = by_place
                    .iter()
                    .map(|(place, ws)| format!("{} in the {place}", ws.join(", ")))
                    .collect::<Vec<_>>()
                    .join("; ");
                Some(SearchHit {
                    code: entry.dotted(),
                    level: entry.level,
                    description: entry.description.clone(),
                    score: s.score,
                    why: format!("matched {why}"),
                    hits: self
                        .control_hits(&code, &doc.code)
                        .into_iter()
                        .filter(|h| {
                            h.hs_code.replace('.', "") == doc.code || doc.level == Level::Subheading
                        })
                        .collect(),
                })
            })
            .collect()
    }
}

fn level_name(digits: &str) -> &'static str {
    if digits.len() == 4 {
        "heading"
    } else {
        "subheading"
    }
}
