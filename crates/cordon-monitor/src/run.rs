//! A monitoring run: what changed since the previous run, screened both
//! ways.
//!
//! * **Forward**: customers new or changed since the previous run are
//!   screened against the current lists, as `cordon screen` would (every
//!   name of the customer, [`MONITOR_LIMIT`] results each).
//! * **Reverse**: list entities added or changed since the previous run
//!   (by their screening fingerprints, compared with
//!   [`cordon_store::diff`]) are looked up in the register's search keys,
//!   which the store keeps up to date at import: every customer whose
//!   screening could reach a changed entity as a candidate shares a key
//!   with it ([`cordon_engine::keys`]: a word, a word the index expands
//!   to, a joined pair or an identifier) and is of its kind or of none.
//!   Only those customers are read (in chunks); each is scored against
//!   the entities it reaches with [`Index::best_scores`] (never below
//!   what screening gives), and one that can match is screened forward
//!   exactly as a full run would; only its matches with the changed
//!   entities count. A
//!   delta run therefore raises what a full run would raise for those
//!   entities, reads only the customers they may match, and never builds
//!   an index over the register.
//! * **Full**: every customer forward, when asked, on the first run, and
//!   when the matcher version or the threshold differ from the previous
//!   run's.
//! * Entities gone from a list that was screened (lists not loaded this
//!   time are left alone) mark their open alerts `delisted`.

use crate::alert::Alert;
use crate::customer::{change_reason, kind_tag, search_key, Customer};
use crate::error::Result;
use crate::matcher::{matcher_version, MONITOR_LIMIT};
use crate::print::Print;
use crate::store::*;
use cordon_engine::{keys, Index, ScreenOptions};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// Customers read and screened at a time (a full run's register, the
/// reverse search's candidates): memory stays bounded however large the
/// register and however many customers the changed entities reach.
const CHUNK: usize = 8192;

/// What to do.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Screen every customer against every entity.
    pub full: bool,
    pub threshold: f64,
}

/// The outcome of a run; `cordon monitor run --json` prints exactly the
/// serialised fields.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    pub run_id: i64,
    pub snapshot: String,
    pub previous_snapshot: Option<String>,
    pub mode: Mode,
    /// Customers screened forward because they are new or changed (all of
    /// them on a full run).
    pub customers_screened: u64,
    /// List entities added or changed since the previous run, searched
    /// in the register (all of them on a full run).
    pub list_entities_screened: u64,
    pub new_alerts: Vec<Alert>,
    pub reopened_alerts: Vec<Alert>,
    pub delisted_alerts: Vec<Alert>,
    pub seconds: f64,
    /// Customers the changed entities reach by their search keys.
    #[serde(skip)]
    pub reverse_reached: u64,
    /// Of those, the customers that can match one of them (pair score at
    /// the threshold), screened forward.
    #[serde(skip)]
    pub reverse_candidates: u64,
    /// Matches not raised again because a decision on the same data stands.
    #[serde(skip)]
    pub remembered: u64,
    /// Why the run was full, when it was.
    #[serde(skip)]
    pub full_because: Option<String>,
    /// Entities removed from their lists.
    #[serde(skip)]
    pub removed_entities: u64,
}

/// Runs one monitoring run of `store`'s register against `lists` (the
/// index of the current snapshot, whose content version is `snapshot`).
/// `progress` gets a line at each step. A run that another process is
/// running on the same store is waited for first
/// ([`MonitorStore::claim_runs`]), so this one starts from its outcome.
pub fn run(
    store: &mut dyn MonitorStore,
    lists: &Index,
    snapshot: &str,
    opts: &RunOptions,
    progress: &dyn Fn(&str),
) -> Result<RunReport> {
    store.claim_runs()?;
    let out = run_claimed(store, lists, snapshot, opts, progress);
    // The outcome stands either way: a release can fail only on a broken
    // connection, and the server lets the claim go with its session.
    let _ = store.release_runs();
    out
}

fn run_claimed(
    store: &mut dyn MonitorStore,
    lists: &Index,
    snapshot: &str,
    opts: &RunOptions,
    progress: &dyn Fn(&str),
) -> Result<RunReport> {
    let t0 = Instant::now();
    let matcher = matcher_version();
    let prev = store.last_run()?;
    let mut list_ids: Vec<String> = lists.entities().iter().map(|e| e.list.clone()).collect();
    list_ids.sort();
    list_ids.dedup();
    let full_because = match &prev {
        _ if opts.full => Some("--full".to_string()),
        None => Some("no previous run".to_string()),
        Some(p) if p.matcher != matcher => {
            Some(format!("matcher changed ({} → {matcher})", p.matcher))
        }
        Some(p) if p.threshold != opts.threshold => Some(format!(
            "threshold changed ({} → {})",
            p.threshold, opts.threshold
        )),
        Some(_) => None,
    };
    let mode = if full_because.is_some() {
        Mode::Full
    } else {
        Mode::Delta
    };
    let hw = store.customer_seq()?;
    let run_id = store.begin_run(&RunStart {
        snapshot: snapshot.to_string(),
        previous_snapshot: prev.as_ref().map(|p| p.snapshot.clone()),
        mode,
        matcher,
        threshold: opts.threshold,
        lists: list_ids.clone(),
        customer_seq: hw,
    })?;

    // The list side: fingerprints now, against the stored state.
    let prints: Vec<Print> = lists.entities().par_iter().map(Print::of).collect();
    let state = store.list_state()?;
    let mut differing: Vec<usize> = Vec::new();
    for (i, p) in prints.iter().enumerate() {
        match state.get(&p.entity.id) {
            Some((_, fp)) if *fp == p.fp => {}
            _ => differing.push(i),
        }
    }
    let current: HashSet<&str> = prints.iter().map(|p| p.entity.id.as_str()).collect();
    let screened_lists: HashSet<&str> = list_ids.iter().map(String::as_str).collect();
    let mut removed: Vec<String> = state
        .iter()
        .filter(|(id, (list, _))| {
            screened_lists.contains(list.as_str()) && !current.contains(id.as_str())
        })
        .map(|(id, _)| id.clone())
        .collect();
    removed.sort();
    // The entity diff over the prints that differ: added and changed.
    let old_keys: Vec<(String, String)> = differing
        .iter()
        .filter_map(|&i| {
            let id = &prints[i].entity.id;
            state.get(id).map(|(_, fp)| (id.clone(), fp.clone()))
        })
        .collect();
    let old = store.prints(&old_keys)?;
    let new: Vec<cordon_engine::Entity> = differing
        .iter()
        .map(|&i| prints[i].entity.clone())
        .collect();
    let diff = cordon_store::diff(&old, &new);
    let old_by_id: HashMap<&str, &cordon_engine::Entity> =
        old.iter().map(|e| (e.id.as_str(), e)).collect();
    // Why a new alert on a changed entity is raised.
    let mut entity_why: HashMap<String, String> = HashMap::new();
    for id in &diff.added {
        entity_why.insert(id.clone(), "list entry added".to_string());
    }
    for c in &diff.changed {
        if let (Some(o), Some(n)) = (
            old_by_id.get(c.id.as_str()),
            new.iter().find(|e| e.id == c.id),
        ) {
            entity_why.insert(c.id.clone(), crate::print::change_reason(o, n));
        }
    }
    let changed: HashSet<String> = entity_why.keys().cloned().collect();
    progress(&format!(
        "{} run: {} list entities, {} added and {} changed since the previous run, {} removed",
        mode.as_str(),
        prints.len(),
        diff.added.len(),
        diff.changed.len(),
        removed.len()
    ));

    let screen_opts = ScreenOptions {
        limit: MONITOR_LIMIT,
        threshold: opts.threshold,
    };
    let fp_of: HashMap<&str, &str> = prints
        .iter()
        .map(|p| (p.entity.id.as_str(), p.fp.as_str()))
        .collect();
    let mut hits: Vec<Hit> = Vec::new();
    let customers_screened;
    let mut reverse_candidates = 0u64;
    let mut reverse_reached = 0u64;
    if mode == Mode::Full {
        progress(&format!("screening {} customers", store.customer_count()?));
        // Streamed in chunks: memory stays bounded by the chunk and the
        // hits, whatever the register's size.
        let full_why = |_: &Customer| "full screening".to_string();
        let mut chunk: Vec<Customer> = Vec::with_capacity(CHUNK);
        let mut n = 0u64;
        let mut screen_chunk = |chunk: &mut Vec<Customer>| {
            n += chunk.len() as u64;
            hits.extend(forward(lists, chunk, &screen_opts, &fp_of, None, &full_why));
            chunk.clear();
        };
        store.for_each_customer(&mut |c| {
            chunk.push(c);
            if chunk.len() == CHUNK {
                screen_chunk(&mut chunk);
            }
            Ok(())
        })?;
        screen_chunk(&mut chunk);
        customers_screened = n;
    } else {
        let since = prev.as_ref().map(|p| p.customer_seq).unwrap_or(0);
        let fresh = store.customers_changed(since, hw)?;
        customers_screened = fresh.len() as u64;
        let mut why: HashMap<String, String> = HashMap::new();
        for c in &fresh {
            let w = if c.version == 1 {
                "new customer".to_string()
            } else {
                match store.customer_version(&c.id, c.version - 1)? {
                    Some(old) => change_reason(&old.changes(&c.record)),
                    None => "customer changed".to_string(),
                }
            };
            why.insert(c.id.clone(), w);
        }
        progress(&format!(
            "screening {} new or changed customers",
            fresh.len()
        ));
        hits.extend(forward(lists, &fresh, &screen_opts, &fp_of, None, &|c| {
            why.get(&c.id).cloned().unwrap_or_default()
        }));
        if !changed.is_empty() {
            let done: HashSet<&str> = fresh.iter().map(|c| c.id.as_str()).collect();
            let t = Instant::now();
            let entities: Vec<&cordon_engine::Entity> =
                changed.iter().filter_map(|id| lists.get(id)).collect();
            let mut reach = reverse_reach(store, &entities)?;
            reach.retain(|id, _| !done.contains(id.as_str()));
            let mut ids: Vec<String> = reach.keys().cloned().collect();
            ids.sort_unstable();
            reverse_reached = ids.len() as u64;
            progress(&format!(
                "{} changed list entities reach {} customers by their search keys ({:.1} s); scoring those pairs",
                changed.len(),
                ids.len(),
                t.elapsed().as_secs_f64(),
            ));
            // Each pair is scored as screening would score it at best; a
            // customer with a pair at the threshold is screened forward,
            // exactly as a full run screens it.
            let floor = opts.threshold - 1e-9;
            for chunk in ids.chunks(CHUNK) {
                let cands: Vec<Customer> = store
                    .customers_by_id(chunk)?
                    .into_par_iter()
                    .filter(|c| {
                        let Some(ents) = reach.get(&c.id) else {
                            return false;
                        };
                        let ents: Vec<&str> = ents
                            .iter()
                            .map(|&i| entities[i as usize].id.as_str())
                            .collect();
                        c.record.queries().iter().any(|q| {
                            lists
                                .best_scores(q, &ents)
                                .into_iter()
                                .any(|s| s.is_some_and(|s| s >= floor))
                        })
                    })
                    .collect();
                reverse_candidates += cands.len() as u64;
                hits.extend(forward(
                    lists,
                    &cands,
                    &screen_opts,
                    &fp_of,
                    Some(&changed),
                    &|_| String::new(),
                ));
            }
            progress(&format!(
                "{reverse_candidates} of them can match and were screened ({:.1} s)",
                t.elapsed().as_secs_f64()
            ));
            for h in &mut hits {
                if h.why.is_empty() {
                    h.why = entity_why.get(&h.entity_id).cloned().unwrap_or_default();
                }
            }
        }
    }
    let list_entities_screened = if mode == Mode::Full {
        prints.len() as u64
    } else {
        changed.len() as u64
    };
    let stored: Vec<StoredPrint> = differing
        .iter()
        .map(|&i| StoredPrint {
            entity_id: prints[i].entity.id.clone(),
            list: prints[i].entity.list.clone(),
            fp: prints[i].fp.clone(),
            data: prints[i].data.clone(),
        })
        .collect();
    let removed_entities = removed.len() as u64;
    crate::pause::point("run-screened");
    let alerts = store.commit_run(RunCommit {
        run_id,
        snapshot: snapshot.to_string(),
        prints: stored,
        removed,
        hits,
        customers_screened,
        list_entities_screened,
        seconds: t0.elapsed().as_secs_f64(),
    })?;
    Ok(RunReport {
        run_id,
        snapshot: snapshot.to_string(),
        previous_snapshot: prev.map(|p| p.snapshot),
        mode,
        customers_screened,
        list_entities_screened,
        new_alerts: alerts.new,
        reopened_alerts: alerts.reopened,
        delisted_alerts: alerts.delisted,
        seconds: (t0.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        reverse_reached,
        reverse_candidates,
        remembered: alerts.remembered,
        full_because,
        removed_entities,
    })
}

/// Screens customers against the lists (every name of each customer; an
/// entity's best score counts), keeping the matches, restricted to
/// `only` when given.
fn forward(
    lists: &Index,
    customers: &[Customer],
    opts: &ScreenOptions,
    fp_of: &HashMap<&str, &str>,
    only: Option<&HashSet<String>>,
    why: &(dyn Fn(&Customer) -> String + Sync),
) -> Vec<Hit> {
    customers
        .par_iter()
        .flat_map_iter(|c| {
            let mut best: Vec<cordon_engine::Match> = Vec::new();
            for q in c.record.queries() {
                for m in lists.screen(&q, opts) {
                    if !m.is_match || only.is_some_and(|o| !o.contains(&m.entity_id)) {
                        continue;
                    }
                    match best.iter_mut().find(|b| b.entity_id == m.entity_id) {
                        Some(b) if b.score >= m.score => {}
                        Some(b) => *b = m,
                        None => best.push(m),
                    }
                }
            }
            let w = if best.is_empty() {
                String::new()
            } else {
                why(c)
            };
            best.into_iter()
                .map(|m| Hit {
                    customer_id: c.id.clone(),
                    customer_version: c.version,
                    entity_fp: fp_of
                        .get(m.entity_id.as_str())
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    entity_id: m.entity_id,
                    list: m.list,
                    score: m.score,
                    explanation: serde_json::to_value(&m.explanation).unwrap_or_default(),
                    why: w.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The customers whose screening could reach one of `entities` as a
/// candidate, each with the entities (indices) it may reach: those
/// sharing a search key with it (see [`cordon_engine::keys`]: the same
/// word, a word the index expands to it or from it, a joined pair, an
/// identifier key), and of its kind or of none. A superset: each pair is
/// then scored.
fn reverse_reach(
    store: &dyn MonitorStore,
    entities: &[&cordon_engine::Entity],
) -> Result<HashMap<String, Vec<u32>>> {
    // The register's words that the entities' words expand to, once.
    let mut related: HashMap<String, Vec<String>> = HashMap::new();
    let words: Vec<keys::Words> = entities.iter().map(|e| keys::entity_words(e)).collect();
    for l in words.iter().flat_map(|w| &w.words) {
        if related.contains_key(l) {
            continue;
        }
        let fuzzy: Vec<i64> = keys::fuzzy_keys(l).into_iter().map(|k| k as i64).collect();
        let mut r = store.words_with_fuzzy_keys(&fuzzy)?;
        if keys::reaches_longer(l) {
            r.extend(store.words_starting_with(l)?);
        }
        r.push(l.clone());
        r.extend(keys::prefixes(l).map(str::to_string));
        r.sort_unstable();
        r.dedup();
        related.insert(l.clone(), r);
    }
    let mut reach: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, (e, w)) in entities.iter().zip(&words).enumerate() {
        let mut lookup: Vec<String> = Vec::new();
        for kind in [e.kind.as_str(), kind_tag(None)] {
            for l in &w.words {
                lookup.push(search_key('j', kind, l));
                if let Some(r) = related.get(l) {
                    lookup.extend(r.iter().map(|t| search_key('w', kind, t)));
                }
            }
            lookup.extend(w.joined.iter().map(|j| search_key('w', kind, j)));
            for id in &e.identifiers {
                lookup.extend(
                    cordon_engine::identifiers::index_keys(id)
                        .iter()
                        .map(|k| search_key('i', kind, k)),
                );
            }
        }
        lookup.sort_unstable();
        lookup.dedup();
        for c in store.customers_with_keys(&lookup)? {
            reach.entry(c).or_default().push(i as u32);
        }
    }
    Ok(reach)
}
