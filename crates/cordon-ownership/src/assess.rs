//! The assessment: for each party of the graph and each rule, whether the
//! rule's listed parties own (or control) it.
//!
//! # The test, applied recursively
//!
//! OFAC's guidance (and the BIS Affiliates Rule, which follows it) applies
//! the 50% test recursively, not by multiplying shares along a chain: an
//! entity is captured when the shares held in it by listed parties *and by
//! entities already captured under the same rule* add up to the threshold.
//! If A (listed) holds 60% of B and B holds 100% of C, B is captured (60%)
//! and so is C (100% held by a captured B), although A's multiplied-through
//! share of C is 60%; if A held 30% of B, neither would be, whatever B's
//! share of C.
//!
//! Computed as two least fixpoints over the graph, each with a worklist
//! (no recursion: a chain of any depth cannot overflow the stack; each
//! interest is counted once per fixpoint: cycles terminate):
//!
//! * **captured** (certain): the listed parties, then every party whose
//!   *minimum* shares held by captured parties meet the threshold;
//! * **possible**: the listed parties, then every party whose *maximum*
//!   shares held by possible parties may meet it, or whose share held by a
//!   possible party is unknown (an unknown share has no maximum: it is
//!   never read as zero).
//!
//! A party's verdict for a rule ([`Verdict`]):
//!
//! * `Captured`: it is in the captured set;
//! * `Undetermined`: not captured, and a share counted for "may reach" is
//!   unknown ([`Finding::share_max`] is `None`);
//! * `MayReach`: not captured, possible, every share counted known at
//!   least as a range ("at least 40%, at most 60%: may reach 50%");
//! * `Below`: not possible, though listed or possibly captured parties
//!   hold some of it (a distinct, non-match finding: "49% held by parties
//!   on the Entity List: below the 50% threshold").
//!
//! A party the rule itself takes (listed for it) gets no finding for that
//! rule: the list already names it. A party with no interest held by a
//! listed or possibly captured party gets none either.
//!
//! # Thresholds, ranges, exclusive bounds
//!
//! The threshold and whether it is inclusive are the rule's data (OFAC and
//! BIS: 50% or more; EU and UK: more than 50%). A range counts at its
//! minimum for "captured" and at its maximum for "may reach"; an exclusive
//! minimum ("more than 50%") meets a strict threshold, an exclusive maximum
//! ("less than 50%") cannot reach an inclusive one (see
//! [`Bound`]).
//!
//! # Voting rights and control (EU, UK)
//!
//! The rules with `control_counts` (EU, UK) also sum voting rights, on
//! their own (shares and votes are never added to each other), and count
//! control: an interest of kind [`InterestKind::Control`] (the right to
//! appoint or remove the board, control through the articles or a legal
//! framework, other influence or control) held by a captured party
//! captures the party with [`Measure::Control`] and
//! [`Basis::Controls`]. An office ([`InterestKind::Directorship`]:
//! director, board member, senior managing official) is an indication of
//! control, not control itself (whether a listed director controls a
//! company is a judgement on all the circumstances): it gives `MayReach`,
//! never `Captured`. OFAC and BIS look at
//! ownership only: control and offices count for neither.
//!
//! # Joint interests
//!
//! An interest held jointly ([`Interest::joint_with`]) is one share held by
//! several parties together; no one of them can dispose of it alone. It
//! counts for "captured" only when *every* joint holder is listed or
//! captured, and for "may reach" when *any* is (or may be): one listed
//! co-holder makes the share possibly, not certainly, held by listed
//! parties. (BODS 0.4 models joint holdings as an `arrangement` entity
//! holding the share, with each holder's share of the arrangement: that is
//! an ordinary party of the graph, assessed like any other.)
//!
//! # Indirect interests
//!
//! A BODS `indirect` interest summarises a chain. When the chain is in the
//! graph (the holder reaches the party through direct interests), the
//! chain is assessed and the summary left out, so nothing counts twice.
//! When it is not, the intermediaries are unknown: the interest counts as
//! an unknown share (at least 0, maximum not determined), since a share
//! multiplied through unknown intermediaries says nothing of whether they
//! are captured.
//!
//! # Dates
//!
//! Only interests current on the assessment's date count (begun, not
//! ended); every rule is assessed, and each finding says whether its rule
//! is in force on that date ([`Finding::in_force`]).

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::graph::Problem;
use crate::graph::{Graph, Interest, InterestKind, PartyId};
use crate::limits::MAX_PATH_LEN;
use crate::rules::{Rule, RuleSet};
use crate::share::{fmt_percent, Bound, Share};

/// How an owner of the graph was linked to a list entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum LinkMethod {
    /// The same identifier (LEI, registration number, INN...).
    Identifier { scheme: String, value: String },
    /// Name screening with the engine, with its explanation.
    Name { explanation: String },
}

/// A list entity an owner of the graph was linked to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListedParty {
    /// The list entity's id (`ofac-sdn:16418`).
    pub entity_id: String,
    /// The cordon list id (`ofac-sdn`, `us-csl`, `eu-fsf`...).
    pub list: String,
    /// The entity's programs (for the US CSL, the sub-list code first).
    pub programs: Vec<String>,
    /// The entity's primary name.
    pub name: String,
    /// The link's score (1.0 for an identifier).
    pub score: f64,
    pub method: LinkMethod,
}

/// The list entities each party of the graph is linked to.
pub type Listed = HashMap<PartyId, Vec<ListedParty>>;

/// A rule's verdict on a party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The rule's listed parties certainly own or control it.
    Captured,
    /// They may: every share is known at least as a range, and the maximum
    /// reaches the threshold (or a listed party holds an office in it,
    /// under a control test).
    MayReach,
    /// Not determined: a share that could reach the threshold is unknown.
    Undetermined,
    /// They hold some of it, certainly less than the threshold.
    Below,
}

impl Verdict {
    /// Whether the finding makes the party a match (only `Captured`).
    pub fn is_match(self) -> bool {
        self == Verdict::Captured
    }
}

/// What a finding measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Shares (ownership).
    Shares,
    /// Voting rights (control tests only).
    VotingRights,
    /// Control or an office (control tests only): not a share.
    Control,
}

/// Why a holder's interest counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum Basis {
    /// The holder is listed (for this rule).
    Listed { listed: ListedParty },
    /// The holder is itself captured under the rule (an intermediary).
    Captured { rule_id: String },
    /// The holder may itself be captured under the rule.
    MayBeCaptured { rule_id: String },
    /// A control interest or office (not a share) of a holder that is
    /// listed, captured, or may be captured (`holder`).
    Controls { holder: Box<Basis> },
}

impl Basis {
    fn holder(&self) -> &Basis {
        match self {
            Basis::Controls { holder } => holder.holder(),
            b => b,
        }
    }
}

/// One interest that counts toward a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The holder (of a joint interest: a listed or captured one).
    pub owner: PartyId,
    pub owner_name: String,
    pub share: Share,
    pub kind: InterestKind,
    /// The other holders of a joint interest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_with: Vec<PartyId>,
    /// Their names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_names: Vec<String>,
    /// `false`: an indirect interest whose intermediaries are not in the
    /// data (counted as unknown).
    pub direct: bool,
    /// From a listed party, through captured intermediaries, to the party
    /// assessed (`owner` is the one before last).
    pub path: Vec<PartyId>,
    /// The names along `path`.
    pub path_names: Vec<String>,
    pub basis: Basis,
}

/// A rule's finding on a party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    pub rule_name: String,
    pub citation: String,
    pub url: String,
    pub verdict: Verdict,
    pub measure: Measure,
    /// What listed and captured parties certainly hold, in percent.
    pub share_min: f64,
    /// What listed and possibly captured parties may hold at most;
    /// `None`: not determined (an unknown share).
    pub share_max: Option<f64>,
    /// The rule's threshold in words ("50% or more", "more than 50%").
    pub threshold: String,
    /// How the rule names its listed parties ("blocked parties").
    pub parties: String,
    pub contributions: Vec<Contribution>,
    /// Whether the rule is in force on the assessment's date.
    pub in_force: bool,
    /// The rule's windows in words.
    pub windows_text: String,
}

/// Findings by party, for every rule.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Assessment {
    pub as_of: Option<Date>,
    findings: FxHashMap<PartyId, Vec<Finding>>,
    /// Parties with findings, in graph order.
    order: Vec<PartyId>,
    /// The data's problems on the assessment's date.
    pub problems: Vec<Problem>,
}

impl Assessment {
    /// A party's findings, in the rules' order (empty: none).
    pub fn findings(&self, party: &PartyId) -> &[Finding] {
        self.findings.get(party).map_or(&[], Vec::as_slice)
    }

    /// Every party with findings, in graph order.
    pub fn parties_with_findings(&self) -> impl Iterator<Item = (&PartyId, &[Finding])> {
        self.order.iter().map(|p| (p, self.findings(p)))
    }

    /// The number of parties with findings.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// Assesses every party of the graph under every rule, as of a day.
pub fn assess(graph: &Graph, listed: &Listed, rules: &RuleSet, as_of: Date) -> Assessment {
    let net = Net::build(graph, as_of);
    let mut out = Assessment {
        as_of: Some(as_of),
        problems: graph.problems_on(as_of),
        ..Assessment::default()
    };
    for rule in &rules.rules {
        for (party, finding) in assess_rule(&net, graph, listed, rule, as_of) {
            out.findings.entry(party).or_default().push(finding);
        }
    }
    // Graph order, then parties only referred to, by id.
    let mut seen = FxHashSet::default();
    for p in graph.parties() {
        if out.findings.contains_key(&p.id) && seen.insert(p.id.clone()) {
            out.order.push(p.id.clone());
        }
    }
    let mut rest: Vec<PartyId> = out
        .findings
        .keys()
        .filter(|p| !seen.contains(*p))
        .cloned()
        .collect();
    rest.sort();
    out.order.extend(rest);
    out
}

/// What an interest gives, for the test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Shares,
    Votes,
    Control,
    Office,
}

/// An interest that counts, with its parties numbered.
struct Edge<'g> {
    interest: &'g Interest,
    class: Class,
    /// Owner first, then joint holders (deduplicated).
    holders: Vec<usize>,
    owned: usize,
    lower: Bound,
    /// `None`: not determined.
    upper: Option<Bound>,
}

/// The current interests of a graph, numbered.
struct Net<'g> {
    ids: Vec<&'g PartyId>,
    edges: Vec<Edge<'g>>,
    /// Edge indexes by holder and by owned party.
    out: Vec<Vec<usize>>,
    into: Vec<Vec<usize>>,
}

impl<'g> Net<'g> {
    fn build(graph: &'g Graph, as_of: Date) -> Net<'g> {
        let mut ids: Vec<&PartyId> = Vec::new();
        let mut num: FxHashMap<&PartyId, usize> = FxHashMap::default();
        let mut intern = |id: &'g PartyId, ids: &mut Vec<&'g PartyId>| -> usize {
            *num.entry(id).or_insert_with(|| {
                ids.push(id);
                ids.len() - 1
            })
        };
        let mut edges = Vec::new();
        let mut indirect = Vec::new();
        for i in graph.interests() {
            let class = match i.kind {
                InterestKind::Shareholding => Class::Shares,
                InterestKind::VotingRights => Class::Votes,
                InterestKind::Control => Class::Control,
                InterestKind::Directorship => Class::Office,
                InterestKind::Unknown => Class::Shares,
                InterestKind::Other(_) => continue,
            };
            if !i.current_on(as_of) {
                continue;
            }
            let owned = intern(&i.owned, &mut ids);
            let mut holders = Vec::new();
            for h in i.holders() {
                let n = intern(h, &mut ids);
                if !holders.contains(&n) {
                    holders.push(n);
                }
            }
            let unknown = i.kind == InterestKind::Unknown;
            let e = Edge {
                interest: i,
                class,
                holders,
                owned,
                lower: if unknown {
                    Bound::ZERO
                } else {
                    i.share.lower()
                },
                upper: if unknown { None } else { i.share.upper() },
            };
            if i.direct {
                edges.push(e);
            } else {
                indirect.push(e);
            }
        }
        let n = ids.len();
        let mut net = Net {
            ids,
            edges,
            out: vec![Vec::new(); n],
            into: vec![Vec::new(); n],
        };
        net.index();
        // An indirect interest counts only when its chain is not in the
        // graph, and then as an unknown share.
        let mut kept = Vec::new();
        for mut e in indirect {
            if !net.reaches(e.holders[0], e.owned) {
                e.lower = Bound::ZERO;
                e.upper = None;
                kept.push(e);
            }
        }
        if !kept.is_empty() {
            net.edges.extend(kept);
            net.index();
        }
        net
    }

    fn index(&mut self) {
        for l in self.out.iter_mut().chain(self.into.iter_mut()) {
            l.clear();
        }
        for (k, e) in self.edges.iter().enumerate() {
            for &h in &e.holders {
                self.out[h].push(k);
            }
            self.into[e.owned].push(k);
        }
    }

    /// Whether `from` reaches `to` through at least two direct interests.
    fn reaches(&self, from: usize, to: usize) -> bool {
        let mut seen = vec![false; self.ids.len()];
        let mut stack: Vec<usize> = self.out[from]
            .iter()
            .map(|&k| self.edges[k].owned)
            .filter(|&n| n != to)
            .collect();
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            for &k in &self.out[n] {
                let m = self.edges[k].owned;
                if m == to {
                    return true;
                }
                if !seen[m] {
                    stack.push(m);
                }
            }
        }
        false
    }
}

/// Sums of one measure for one party.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    /// Minimums held by captured parties.
    lower: Bound,
    /// Maximums held by possible parties.
    upper: Bound,
    /// A share counted in `upper` is unknown.
    unknown: bool,
}

/// A party's sums under one rule.
#[derive(Debug, Clone, Copy, Default)]
struct PartySums {
    shares: Sums,
    votes: Sums,
    /// Control held by a captured party (all holders of a joint one).
    control_certain: bool,
    /// Control or an office held by a possible party.
    control_possible: bool,
}

/// A rule's test.
struct Test {
    threshold: f64,
    inclusive: bool,
    control_counts: bool,
}

impl Test {
    /// Whether interests of a class count for the rule.
    fn counts(&self, c: Class) -> bool {
        c == Class::Shares || self.control_counts
    }

    /// Adds an edge to its owned party's sums (minimums for the captured
    /// fixpoint, `certain`; maximums for the possible one) and says
    /// whether the party now meets the test.
    fn add(&self, e: &Edge<'_>, s: &mut PartySums, certain: bool) -> bool {
        if !self.counts(e.class) {
            return false;
        }
        match (e.class, certain) {
            (Class::Shares | Class::Votes, _) => {
                let sum = if e.class == Class::Votes {
                    &mut s.votes
                } else {
                    &mut s.shares
                };
                if certain {
                    sum.lower = sum.lower + e.lower;
                } else {
                    match e.upper {
                        Some(u) => sum.upper = sum.upper + u,
                        None => sum.unknown = true,
                    }
                }
            }
            (Class::Control, true) => s.control_certain = true,
            (Class::Office, true) => return false,
            (Class::Control | Class::Office, false) => s.control_possible = true,
        }
        let (t, incl) = (self.threshold, self.inclusive);
        let meets = |x: &Sums| {
            if certain {
                x.lower.lower_meets(t, incl)
            } else {
                x.unknown || x.upper.upper_may_meet(t, incl)
            }
        };
        let control = if certain {
            s.control_certain
        } else {
            s.control_possible
        };
        meets(&s.shares) || (self.control_counts && (meets(&s.votes) || control))
    }
}

/// One least fixpoint (see the module): which parties enter, in which
/// order, and which edges were counted.
struct Fixpoint {
    member: Vec<bool>,
    /// Each party's rank in the entry order (listed parties first);
    /// `usize::MAX`: not a member.
    rank: Vec<usize>,
    counted: Vec<bool>,
}

fn assess_rule(
    net: &Net<'_>,
    graph: &Graph,
    listed: &Listed,
    rule: &Rule,
    as_of: Date,
) -> Vec<(PartyId, Finding)> {
    let n = net.ids.len();
    let listed_for: Vec<Option<&ListedParty>> = net
        .ids
        .iter()
        .map(|id| {
            listed
                .get(*id)
                .and_then(|ls| ls.iter().find(|l| rule.takes(&l.list, &l.programs)))
        })
        .collect();
    if listed_for.iter().all(Option::is_none) {
        return Vec::new();
    }
    let test = Test {
        threshold: rule.threshold_percent,
        inclusive: rule.inclusive,
        control_counts: rule.control_counts,
    };
    let (t, incl, cc) = (test.threshold, test.inclusive, test.control_counts);
    let counts = |c: Class| test.counts(c);
    let mut sums = vec![PartySums::default(); n];
    // Captured: every holder must be captured; minimums.
    let captured = fixpoint(
        net,
        &listed_for,
        true,
        |e, s| test.add(e, s, true),
        &mut sums,
    );
    // Possible: any holder may be; maximums.
    let possible = fixpoint(
        net,
        &listed_for,
        false,
        |e, s| test.add(e, s, false),
        &mut sums,
    );

    let paths = Paths::new(net, graph, &listed_for, &captured, &possible);
    let mut out = Vec::new();
    for q in 0..n {
        if listed_for[q].is_some() {
            continue;
        }
        let counted: Vec<usize> = net.into[q]
            .iter()
            .copied()
            .filter(|&k| possible.counted[k] && counts(net.edges[k].class))
            .collect();
        if counted.is_empty() {
            continue;
        }
        let (shares, votes) = (sums[q].shares, sums[q].votes);
        let meets_lower = |s: &Sums| s.lower.lower_meets(t, incl);
        let has = |c: Class| counted.iter().any(|&k| net.edges[k].class == c);
        let (verdict, measure) = if captured.member[q] {
            let m = if meets_lower(&shares) {
                Measure::Shares
            } else if meets_lower(&votes) {
                Measure::VotingRights
            } else {
                Measure::Control
            };
            (Verdict::Captured, m)
        } else {
            let may = |s: &Sums| !s.unknown && s.upper.upper_may_meet(t, incl);
            if possible.member[q] {
                if shares.unknown {
                    (Verdict::Undetermined, Measure::Shares)
                } else if may(&shares) {
                    (Verdict::MayReach, Measure::Shares)
                } else if votes.unknown && cc {
                    (Verdict::Undetermined, Measure::VotingRights)
                } else if may(&votes) && cc {
                    (Verdict::MayReach, Measure::VotingRights)
                } else {
                    (Verdict::MayReach, Measure::Control)
                }
            } else if has(Class::Shares) || !has(Class::Votes) {
                (Verdict::Below, Measure::Shares)
            } else {
                (Verdict::Below, Measure::VotingRights)
            }
        };
        let s = match measure {
            Measure::VotingRights => votes,
            _ => shares,
        };
        let in_measure = |c: Class| match measure {
            Measure::Shares => c == Class::Shares,
            Measure::VotingRights => c == Class::Votes,
            Measure::Control => matches!(c, Class::Control | Class::Office),
        };
        let contributions = counted
            .iter()
            .filter(|&&k| in_measure(net.edges[k].class))
            .map(|&k| paths.contribution(k, rule))
            .collect();
        let finding = Finding {
            rule_id: rule.id.clone(),
            rule_name: rule.name.clone(),
            citation: rule.citation.clone(),
            url: rule.url.clone(),
            verdict,
            measure,
            // Sums over 100% (bad data, reported as a problem) are shown
            // as 100%.
            share_min: if measure == Measure::Control {
                0.0
            } else {
                s.lower.value.min(100.0)
            },
            share_max: if measure == Measure::Control || s.unknown {
                None
            } else {
                Some(s.upper.value.min(100.0))
            },
            threshold: rule.threshold_text(),
            parties: rule.parties_label.clone(),
            contributions,
            in_force: rule.in_force(as_of),
            windows_text: rule.windows_text(),
        };
        out.push((net.ids[q].clone(), finding));
    }
    out
}

/// Runs one least fixpoint with a worklist. `all_holders`: an edge counts
/// once every holder is in (captured); else once any is (possible).
/// `count(edge, sums of the owned party)` adds an edge and says whether
/// the owned party now enters.
fn fixpoint<F>(
    net: &Net<'_>,
    listed_for: &[Option<&ListedParty>],
    all_holders: bool,
    count: F,
    sums: &mut [PartySums],
) -> Fixpoint
where
    F: Fn(&Edge<'_>, &mut PartySums) -> bool,
{
    let n = net.ids.len();
    let mut fp = Fixpoint {
        member: vec![false; n],
        rank: vec![usize::MAX; n],
        counted: vec![false; net.edges.len()],
    };
    let mut work = Vec::new();
    let mut next = 0usize;
    for (x, l) in listed_for.iter().enumerate() {
        if l.is_some() {
            fp.member[x] = true;
            fp.rank[x] = next;
            next += 1;
            work.push(x);
        }
    }
    while let Some(x) = work.pop() {
        for &k in &net.out[x] {
            let e = &net.edges[k];
            if fp.counted[k] || (all_holders && !e.holders.iter().all(|&h| fp.member[h])) {
                continue;
            }
            fp.counted[k] = true;
            let q = e.owned;
            if count(e, &mut sums[q]) && !fp.member[q] {
                fp.member[q] = true;
                fp.rank[q] = next;
                next += 1;
                work.push(q);
            }
        }
    }
    fp
}

/// Builds contributions and their paths.
struct Paths<'a, 'g> {
    net: &'a Net<'g>,
    listed_for: &'a [Option<&'a ListedParty>],
    captured: &'a Fixpoint,
    possible: &'a Fixpoint,
    /// Each party's name (or id).
    labels: Vec<&'a str>,
    /// The holder each party's path goes up to, in the captured and the
    /// possible fixpoint: of the interests whose holder entered before the
    /// party, the one with the largest share.
    pred_captured: Vec<Option<usize>>,
    pred_possible: Vec<Option<usize>>,
}

impl<'a, 'g> Paths<'a, 'g> {
    fn new(
        net: &'a Net<'g>,
        graph: &'a Graph,
        listed_for: &'a [Option<&'a ListedParty>],
        captured: &'a Fixpoint,
        possible: &'a Fixpoint,
    ) -> Self {
        let preds = |fp: &Fixpoint| -> Vec<Option<usize>> {
            (0..net.ids.len())
                .map(|x| {
                    let r = fp.rank[x];
                    if r == usize::MAX || listed_for[x].is_some() {
                        return None;
                    }
                    net.into[x]
                        .iter()
                        .map(|&k| &net.edges[k])
                        .filter_map(|e| {
                            let h = e
                                .holders
                                .iter()
                                .copied()
                                .filter(|&h| fp.rank[h] < r)
                                .min_by_key(|&h| fp.rank[h])?;
                            let weight = e.upper.map_or(100.0, |u| u.value).max(e.lower.value);
                            Some((h, weight))
                        })
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|(h, _)| h)
                })
                .collect()
        };
        Paths {
            net,
            listed_for,
            captured,
            possible,
            labels: net.ids.iter().map(|id| graph.label(id)).collect(),
            pred_captured: preds(captured),
            pred_possible: preds(possible),
        }
    }

    fn basis(&self, h: usize, rule: &Rule) -> Basis {
        if let Some(l) = self.listed_for[h] {
            Basis::Listed {
                listed: (*l).clone(),
            }
        } else if self.captured.member[h] {
            Basis::Captured {
                rule_id: rule.id.clone(),
            }
        } else {
            Basis::MayBeCaptured {
                rule_id: rule.id.clone(),
            }
        }
    }

    /// The holder of an edge that represents it: listed, else captured,
    /// else possible, else the owner.
    fn representative(&self, e: &Edge<'_>) -> usize {
        let rank = |h: usize| {
            if self.listed_for[h].is_some() {
                0
            } else if self.captured.member[h] {
                1
            } else if self.possible.member[h] {
                2
            } else {
                3
            }
        };
        e.holders
            .iter()
            .copied()
            .min_by_key(|&h| rank(h))
            .unwrap_or(e.owned)
    }

    fn contribution(&self, k: usize, rule: &Rule) -> Contribution {
        let e = &self.net.edges[k];
        let h = self.representative(e);
        let mut basis = self.basis(h, rule);
        if matches!(e.class, Class::Control | Class::Office) {
            basis = Basis::Controls {
                holder: Box::new(basis),
            };
        }
        let joint_with: Vec<PartyId> = e
            .holders
            .iter()
            .filter(|&&o| o != h)
            .map(|&o| self.net.ids[o].clone())
            .collect();
        let joint_names = e
            .holders
            .iter()
            .filter(|&&o| o != h)
            .map(|&o| self.labels[o].to_string())
            .collect();
        let mut path = self.path_to(h);
        path.push(e.owned);
        let ids: Vec<PartyId> = path.iter().map(|&p| self.net.ids[p].clone()).collect();
        let path_names = path.iter().map(|&p| self.labels[p].to_string()).collect();
        Contribution {
            owner: self.net.ids[h].clone(),
            owner_name: self.labels[h].to_string(),
            share: if e.interest.direct && e.interest.kind != InterestKind::Unknown {
                e.interest.share
            } else {
                Share::Unknown
            },
            kind: e.interest.kind.clone(),
            joint_with,
            joint_names,
            direct: e.interest.direct,
            path: ids,
            path_names,
            basis,
        }
    }

    /// A path from a listed party down to `x` (ending with `x`), through
    /// parties that entered the fixpoint before the next one: the
    /// captured fixpoint when `x` is captured, else the possible one. At
    /// each step the interest with the largest share is followed.
    fn path_to(&self, x: usize) -> Vec<usize> {
        let pred = if self.captured.member[x] {
            &self.pred_captured
        } else {
            &self.pred_possible
        };
        // Each step goes to a party that entered earlier: no cycle.
        let mut path = vec![x];
        let mut cur = x;
        while let Some(h) = pred[cur] {
            if path.len() >= MAX_PATH_LEN {
                break;
            }
            path.push(h);
            cur = h;
        }
        path.reverse();
        path
    }
}

impl Finding {
    /// The finding in a sentence: "55% held by blocked parties: 30% QODS
    /// AVIATION INDUSTRIES (ofac-sdn:16418), 25% ALABUGA MACHINERY
    /// (ofac-sdn:45713)".
    pub fn summary(&self) -> String {
        let parties = &self.parties;
        let of = match self.measure {
            Measure::VotingRights => " of the voting rights",
            _ => "",
        };
        let threshold_short = {
            let t = self.threshold.trim_end_matches(" or more");
            t.trim_start_matches("more than ").to_string()
        };
        match (self.verdict, self.measure) {
            (Verdict::Captured, Measure::Control) => format!(
                "controlled by {parties}: {}",
                self.list(|c| matches!(c.basis.holder(), Basis::Listed { .. } | Basis::Captured { .. }))
            ),
            (Verdict::MayReach, Measure::Control) => format!(
                "may be controlled by {parties} (an office or influence to be judged case by case): {}",
                self.list(|_| true)
            ),
            (Verdict::Captured, _) => {
                let certain: Vec<&Contribution> = self
                    .contributions
                    .iter()
                    .filter(|c| matches!(c.basis.holder(), Basis::Listed { .. } | Basis::Captured { .. }))
                    .collect();
                let exact = certain.iter().all(|c| c.share.is_exact());
                let amount = if exact {
                    format!("{}%", fmt_percent(self.share_min))
                } else {
                    format!("at least {}%", fmt_percent(self.share_min))
                };
                format!(
                    "{amount}{of} held by {parties}: {}",
                    self.list(|c| matches!(c.basis.holder(), Basis::Listed { .. } | Basis::Captured { .. }))
                )
            }
            (Verdict::MayReach, _) => format!(
                "at least {}%, at most {}%{of} held by {parties}: may reach {threshold_short}: {}",
                fmt_percent(self.share_min),
                fmt_percent(self.share_max.unwrap_or(100.0)),
                self.list(|_| true)
            ),
            (Verdict::Undetermined, _) => {
                let unknown: Vec<String> = self
                    .contributions
                    .iter()
                    .filter(|c| c.share.upper().is_none() || !c.direct)
                    .map(|c| c.owner_name.clone())
                    .collect();
                format!(
                    "not determined: the share{of} of {} is unknown; at least {}% held by {parties}: {}",
                    unknown.join(", "),
                    fmt_percent(self.share_min),
                    self.list(|_| true)
                )
            }
            (Verdict::Below, _) => {
                let max = self.share_max.unwrap_or(self.share_min);
                let amount = if (max - self.share_min).abs() < 1e-9 {
                    format!("{}%", fmt_percent(max))
                } else {
                    format!("at least {}%, at most {}%", fmt_percent(self.share_min), fmt_percent(max))
                };
                let below = if self.threshold.starts_with("more than") {
                    format!("not above the {threshold_short} threshold")
                } else {
                    format!("below the {threshold_short} threshold")
                };
                format!("{amount}{of} held by {parties}: {below}: {}", self.list(|_| true))
            }
        }
    }

    fn list(&self, keep: impl Fn(&Contribution) -> bool) -> String {
        let items: Vec<String> = self
            .contributions
            .iter()
            .filter(|c| keep(c))
            .map(Contribution::describe)
            .collect();
        items.join(", ")
    }
}

impl Contribution {
    /// "30% QODS AVIATION INDUSTRIES (ofac-sdn:16418)", "100% Kama Drone
    /// Parts LLC (captured: QODS AVIATION INDUSTRIES → Kama Drone Parts
    /// LLC)".
    pub fn describe(&self) -> String {
        let how = match &self.kind {
            InterestKind::Shareholding | InterestKind::VotingRights => {
                if self.direct {
                    self.share.describe()
                } else {
                    "an indirect interest (intermediaries not in the data)".to_string()
                }
            }
            InterestKind::Control => "control".to_string(),
            InterestKind::Unknown => "an interest of unknown nature".to_string(),
            InterestKind::Directorship => "an office (director or manager)".to_string(),
            InterestKind::Other(o) => o.clone(),
        };
        let chain = |p: &[String]| p[..p.len().saturating_sub(1)].join(" → ");
        // A listed holder is named as its list names it (what the analyst
        // finds on the list), with the ownership data's spelling beside it
        // when that differs.
        let mut name = self.owner_name.clone();
        let why = match self.basis.holder() {
            Basis::Listed { listed } => {
                if listed.name.is_empty() {
                    format!(" ({})", listed.entity_id)
                } else if listed.name.to_lowercase() == name.to_lowercase() {
                    name = listed.name.clone();
                    format!(" ({})", listed.entity_id)
                } else {
                    let as_given = std::mem::replace(&mut name, listed.name.clone());
                    format!(
                        " ({}; \"{as_given}\" in the ownership data)",
                        listed.entity_id
                    )
                }
            }
            Basis::Captured { .. } => format!(" (captured: {})", chain(&self.path_names)),
            Basis::MayBeCaptured { .. } => {
                format!(" (may be captured: {})", chain(&self.path_names))
            }
            Basis::Controls { .. } => String::new(),
        };
        let joint = if self.joint_names.is_empty() {
            String::new()
        } else {
            format!(" jointly with {}", self.joint_names.join(", "))
        };
        format!("{how} {name}{why}{joint}")
    }
}
