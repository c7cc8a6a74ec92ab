//! A rule's finding in words, with the path: what screening results,
//! alerts and `cordon ownership` show.
//!
//! "55% held by blocked parties: 30% QODS AVIATION INDUSTRIES
//! (ofac-sdn:16418), 25% ALABUGA MACHINERY (ofac-sdn:45713) — through KAMA
//! DRONE PARTS LLC (100%)": a party held only through one captured
//! intermediary is described by that intermediary's finding followed by
//! the chain down to it; any other finding as
//! [`cordon_ownership::Finding::summary`] words it.

use cordon_ownership::{Assessment, Basis, Finding, PartyId};

/// How many captured intermediaries a chain shows (cycles end here too).
const MAX_DEPTH: usize = 16;

/// The finding `f` in words.
pub fn finding_text(assessment: &Assessment, f: &Finding) -> String {
    text(assessment, f, 0)
}

fn text(assessment: &Assessment, f: &Finding, depth: usize) -> String {
    // Held through one captured intermediary only: its finding, then the
    // chain down to this party.
    if let [c] = f.contributions.as_slice() {
        if let (Basis::Captured { rule_id }, true) = (&c.basis, depth < MAX_DEPTH) {
            if let Some(sub) = sub_finding(assessment, &c.owner, rule_id) {
                return format!(
                    "{} — through {} ({})",
                    text(assessment, sub, depth + 1),
                    c.owner_name,
                    c.share.describe()
                );
            }
        }
    }
    f.summary()
}

fn sub_finding<'a>(
    assessment: &'a Assessment,
    owner: &PartyId,
    rule_id: &str,
) -> Option<&'a Finding> {
    assessment
        .findings(owner)
        .iter()
        .find(|g| g.rule_id == rule_id && g.verdict == cordon_ownership::Verdict::Captured)
}
