//! Problems of ownership data that are reported, not refused: a cycle of
//! ownership, shares of one party that add up to more than 100%, an
//! interest whose holder is not given, a reference to a party the data
//! never describes. None of them stops the assessment (which terminates on
//! cycles and sums what it is given); each tells the reader why a result
//! may be odd.

use rustc_hash::FxHashMap as HashMap;

use crate::date::Date;
use crate::graph::{Graph, InterestKind, PartyId, Problem};
use crate::share::{fmt_percent, Bound, EPSILON};

impl Graph {
    /// The problems of the data as of today: those the loaders met, cycles
    /// and over-allocated parties (see [`crate::problems`]).
    pub fn problems(&self) -> Vec<Problem> {
        self.problems_on(Date::today())
    }

    /// The problems of the data among the interests current on a day.
    pub fn problems_on(&self, day: Date) -> Vec<Problem> {
        let mut out = self.notes.clone();
        out.extend(crate::problems::find(self, day));
        out
    }
}

impl Problem {
    /// The problem in a sentence, parties by name.
    pub fn describe(&self, graph: &Graph) -> String {
        match self {
            Problem::Cycle { parties } => {
                let names: Vec<&str> = parties.iter().map(|p| graph.label(p)).collect();
                format!(
                    "ownership cycle: {} → {}",
                    names.join(" → "),
                    names.first().copied().unwrap_or("")
                )
            }
            Problem::OverAllocated {
                party,
                kind,
                total_min,
            } => {
                let what = if *kind == InterestKind::VotingRights {
                    "voting rights"
                } else {
                    "shares"
                };
                format!(
                    "the {what} held in {} add up to {}% (more than 100%)",
                    graph.label(party),
                    fmt_percent(*total_min)
                )
            }
            Problem::UnspecifiedOwner {
                owned,
                reason,
                source,
            } => format!(
                "an interest in {} has no named holder ({reason}) at {source}",
                graph.label(owned)
            ),
            Problem::UndescribedParty { id, source } => {
                format!("party {id} is referred to at {source} but never described")
            }
            Problem::Skipped { source, reason } => format!("{source}: skipped: {reason}"),
        }
    }
}

/// Whether an interest kind makes one party part of another's ownership
/// structure (for cycles).
fn structural(kind: &InterestKind) -> bool {
    matches!(
        kind,
        InterestKind::Shareholding
            | InterestKind::VotingRights
            | InterestKind::Control
            | InterestKind::Unknown
    )
}

/// Cycles and over-allocations among the interests current on a day, and
/// references to undescribed parties.
pub(crate) fn find(graph: &Graph, day: Date) -> Vec<Problem> {
    let mut out = Vec::new();
    // Undescribed parties: once per id, at the first reference.
    let mut seen: HashMap<&PartyId, ()> = HashMap::default();
    for i in graph.interests() {
        for id in i.holders().chain(std::iter::once(&i.owned)) {
            if graph.party(id).is_none() && seen.insert(id, ()).is_none() {
                out.push(Problem::UndescribedParty {
                    id: id.clone(),
                    source: i.source.clone(),
                });
            }
        }
    }
    // Over-allocation: direct interests' minimum shares per owned party.
    let mut totals: HashMap<(&PartyId, bool), Bound> = HashMap::default();
    let mut order: Vec<(&PartyId, bool)> = Vec::new();
    for i in graph.interests() {
        let voting = match i.kind {
            InterestKind::Shareholding => false,
            InterestKind::VotingRights => true,
            _ => continue,
        };
        if !i.direct || !i.current_on(day) {
            continue;
        }
        let key = (&i.owned, voting);
        let t = totals.entry(key).or_insert_with(|| {
            order.push(key);
            Bound::ZERO
        });
        *t = *t + i.share.lower();
    }
    for key in order {
        let total = totals[&key].value;
        if total > 100.0 + EPSILON {
            out.push(Problem::OverAllocated {
                party: key.0.clone(),
                kind: if key.1 {
                    InterestKind::VotingRights
                } else {
                    InterestKind::Shareholding
                },
                total_min: total,
            });
        }
    }
    out.extend(
        cycles(graph, day)
            .into_iter()
            .map(|parties| Problem::Cycle { parties }),
    );
    out
}

/// The strongly connected components of more than one party (or a party
/// holding an interest in itself) among current structural interests:
/// Tarjan's algorithm run with an explicit stack, so that a chain of any
/// depth cannot overflow the call stack.
fn cycles(graph: &Graph, day: Date) -> Vec<Vec<PartyId>> {
    // Number the parties that take part in an edge.
    let mut ids: Vec<&PartyId> = Vec::new();
    let mut num: HashMap<&PartyId, usize> = HashMap::default();
    let mut edges: Vec<Vec<usize>> = Vec::new();
    let mut self_loop: Vec<bool> = Vec::new();
    for i in graph.interests() {
        if !structural(&i.kind) || !i.current_on(day) {
            continue;
        }
        let to = intern(&i.owned, &mut ids, &mut num, &mut edges, &mut self_loop);
        for h in i.holders() {
            let from = intern(h, &mut ids, &mut num, &mut edges, &mut self_loop);
            if from == to {
                self_loop[from] = true;
            }
            edges[from].push(to);
        }
    }
    let n = ids.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0usize;
    let mut out = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // Frames: (node, next edge position).
        let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut pos)) = frames.last_mut() {
            if let Some(&w) = edges[v].get(*pos) {
                *pos += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    frames.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || self_loop[v] {
                    component.sort_unstable();
                    out.push(component.into_iter().map(|w| ids[w].clone()).collect());
                }
            }
        }
    }
    out
}

fn intern<'a>(
    id: &'a PartyId,
    ids: &mut Vec<&'a PartyId>,
    num: &mut HashMap<&'a PartyId, usize>,
    edges: &mut Vec<Vec<usize>>,
    self_loop: &mut Vec<bool>,
) -> usize {
    *num.entry(id).or_insert_with(|| {
        ids.push(id);
        edges.push(Vec::new());
        self_loop.push(false);
        ids.len() - 1
    })
}
