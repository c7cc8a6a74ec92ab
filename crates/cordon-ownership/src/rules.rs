//! The rules as data: which lists' parties count, the share threshold and
//! whether it is inclusive, whether control counts, and when each rule is
//! in force. The built-in rules are `crates/cordon-ownership/data/rules.toml`
//! (compiled in); [`RuleSet::from_path`] reads a user's copy, so a changed
//! window (a suspension extended) needs no new build.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::{OwnershipError, Result};

/// The built-in rules file.
pub const BUILTIN_RULES: &str = include_str!("../data/rules.toml");

/// A set of rules, in the file's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    #[serde(rename = "rule", default)]
    pub rules: Vec<Rule>,
}

/// One ownership (and control) rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// `ofac-50`, `bis-affiliates`, `eu-ownership-control`,
    /// `uk-ownership-control`.
    pub id: String,
    pub name: String,
    pub citation: String,
    pub url: String,
    /// How a finding names the rule's listed parties ("blocked parties").
    #[serde(rename = "parties")]
    pub parties_label: String,
    pub threshold_percent: f64,
    /// `true`: the threshold or more; `false`: more than the threshold.
    pub inclusive: bool,
    /// Voting rights are summed like shares, and control by a listed or
    /// captured party captures (the EU and UK tests).
    pub control_counts: bool,
    /// Whose parties count.
    pub lists: Vec<ListSelector>,
    /// When the rule is in force.
    pub windows: Vec<Window>,
}

/// Parties of one list (optionally of some programs) that a rule counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSelector {
    /// A cordon list id (`ofac-sdn`, `us-csl`, `eu-fsf`, `uk-fcdo`...); a
    /// trailing `*` matches every id that begins with the rest
    /// (`opensanctions*`: every OpenSanctions dataset file).
    pub list: String,
    /// The entity's first program must be this one (the US CSL puts its
    /// sub-list code first: `SDN`, `EL`, `MEU`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// The entity must have at least one of these programs (empty: any); a
    /// trailing `*` matches a prefix (`UKRAINE-EO*`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_program: Vec<String>,
}

/// Whether a value matches a pattern: equal, or for a pattern ending in
/// `*`, beginning with the rest.
fn matches(pattern: &str, value: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => value.starts_with(prefix),
        None => pattern == value,
    }
}

impl ListSelector {
    /// Whether an entity of this list with these programs is selected.
    pub fn takes(&self, list: &str, programs: &[String]) -> bool {
        matches(&self.list, list)
            && self
                .program
                .as_ref()
                .is_none_or(|p| programs.first().is_some_and(|f| matches(p, f)))
            && (self.any_program.is_empty()
                || programs
                    .iter()
                    .any(|p| self.any_program.iter().any(|a| matches(a, p))))
    }
}

/// A period a rule is in force, both days included; no `until`: open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

impl Window {
    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && self.until.is_none_or(|u| day <= u)
    }
}

impl Rule {
    /// Whether the rule is in force on a day.
    pub fn in_force(&self, on: Date) -> bool {
        self.windows.iter().any(|w| w.contains(on))
    }

    /// Whether a list entity with these programs is one of the rule's
    /// parties.
    pub fn takes(&self, list: &str, programs: &[String]) -> bool {
        self.lists.iter().any(|s| s.takes(list, programs))
    }

    /// The windows in words: "in force from 2014-08-13", "in force
    /// 2025-09-29 to 2025-11-09 and from 2026-11-10", "never in force".
    pub fn windows_text(&self) -> String {
        let parts: Vec<String> = self
            .windows
            .iter()
            .map(|w| match w.until {
                Some(u) => format!("{} to {}", w.from, u),
                None => format!("from {}", w.from),
            })
            .collect();
        if parts.is_empty() {
            "never in force".to_string()
        } else {
            format!("in force {}", parts.join(" and "))
        }
    }

    /// The threshold in words: "50% or more", "more than 50%".
    pub fn threshold_text(&self) -> String {
        let t = crate::share::fmt_percent(self.threshold_percent);
        if self.inclusive {
            format!("{t}% or more")
        } else {
            format!("more than {t}%")
        }
    }
}

impl RuleSet {
    /// The built-in rules (`data/rules.toml`), parsed once.
    pub fn builtin() -> RuleSet {
        static BUILTIN: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // The file is compiled in and a test parses it: this cannot
                // fail at run time.
                #[allow(clippy::expect_used)]
                RuleSet::parse(BUILTIN_RULES, "built-in rules.toml")
                    .expect("the built-in rules parse")
            })
            .clone()
    }

    /// Reads a rules file.
    pub fn from_path(path: &Path) -> Result<RuleSet> {
        let text = std::fs::read_to_string(path).map_err(|source| OwnershipError::Io {
            file: path.to_path_buf(),
            source,
        })?;
        RuleSet::parse(&text, &path.display().to_string())
    }

    /// Reads rules from text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<RuleSet> {
        let err = |message: String| OwnershipError::Rules {
            file: file.to_string(),
            message,
        };
        let set: RuleSet =
            toml::from_str(text).map_err(|e| err(e.to_string().trim().to_string()))?;
        let mut seen = std::collections::HashSet::new();
        for r in &set.rules {
            let at = |m: &str| err(format!("rule {:?}: {m}", r.id));
            if r.id.trim().is_empty() {
                return Err(err("a rule has an empty id".into()));
            }
            if !seen.insert(r.id.as_str()) {
                return Err(at("the id is used twice"));
            }
            if !(r.threshold_percent > 0.0 && r.threshold_percent <= 100.0) {
                return Err(at("threshold_percent must be more than 0 and at most 100"));
            }
            if r.lists.is_empty() {
                return Err(at("no lists: the rule would count no party"));
            }
            if r.lists.iter().any(|s| s.list.trim().is_empty()) {
                return Err(at("a list selector has an empty list id"));
            }
            for w in &r.windows {
                if w.until.is_some_and(|u| u < w.from) {
                    return Err(at(&format!(
                        "a window ends ({}) before it begins ({})",
                        w.until.map(|u| u.to_string()).unwrap_or_default(),
                        w.from
                    )));
                }
            }
        }
        Ok(set)
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_builtin_rules_parse() {
        let set = RuleSet::parse(BUILTIN_RULES, "rules.toml").unwrap();
        let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "ofac-50",
                "bis-affiliates",
                "eu-ownership-control",
                "uk-ownership-control"
            ]
        );
    }

    #[test]
    fn the_affiliates_rule_is_suspended_for_a_year() {
        let set = RuleSet::builtin();
        let bis = set.get("bis-affiliates").unwrap();
        assert!(!bis.in_force(day("2025-09-28")));
        assert!(bis.in_force(day("2025-09-29")));
        assert!(bis.in_force(day("2025-11-09")));
        assert!(!bis.in_force(day("2025-11-10")));
        assert!(!bis.in_force(day("2026-01-15")));
        assert!(!bis.in_force(day("2026-11-09")));
        assert!(bis.in_force(day("2026-11-10")));
        assert!(bis.in_force(day("2026-12-01")));
        assert_eq!(
            bis.windows_text(),
            "in force 2025-09-29 to 2025-11-09 and from 2026-11-10"
        );
    }

    #[test]
    fn selectors_take_sub_lists_and_programs() {
        let set = RuleSet::builtin();
        let bis = set.get("bis-affiliates").unwrap();
        let progs = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(bis.takes("us-csl", &progs(&["EL", "EAR"])));
        assert!(bis.takes("us-csl", &progs(&["MEU"])));
        assert!(!bis.takes("us-csl", &progs(&["DPL", "EL"])));
        assert!(bis.takes("ofac-sdn", &progs(&["RUSSIA-EO14024"])));
        assert!(!bis.takes("ofac-sdn", &progs(&["CUBA"])));
        let ofac = set.get("ofac-50").unwrap();
        assert!(ofac.takes("ofac-sdn", &progs(&["CUBA"])));
        assert!(ofac.takes("us-csl", &progs(&["SDN", "IRAN"])));
        assert!(!ofac.takes("us-csl", &progs(&["EL"])));
        assert!(!ofac.takes("ofac-cons", &progs(&["SSI"])));
        let wild = ListSelector {
            list: "opensanctions*".into(),
            program: None,
            any_program: vec!["US-BIS-*".into()],
        };
        assert!(wild.takes("opensanctions-zala", &progs(&["EU-UKR", "US-BIS-EL"])));
        assert!(!wild.takes("opensanctions-zala", &progs(&["EU-UKR"])));
        assert!(!wild.takes("us-csl", &progs(&["US-BIS-EL"])));
    }

    #[test]
    fn bad_rules_files_are_refused_with_the_file_name() {
        let e = RuleSet::parse("[[rule]]\nid = \"x\"\n", "my-rules.toml").unwrap_err();
        assert!(e.to_string().starts_with("my-rules.toml: "), "{e}");
        let twice = BUILTIN_RULES.to_string()
            + "\n"
            + &BUILTIN_RULES[BUILTIN_RULES.find("\n[[rule]]").unwrap()..];
        let e = RuleSet::parse(&twice, "r.toml").unwrap_err();
        assert!(e.to_string().contains("used twice"), "{e}");
        let bad_window = BUILTIN_RULES.replace("until = \"2025-11-09\"", "until = \"2025-01-01\"");
        let e = RuleSet::parse(&bad_window, "r.toml").unwrap_err();
        assert!(e.to_string().contains("ends"), "{e}");
        let bad_date = BUILTIN_RULES.replace("from = \"2014-08-13\"", "from = \"2014-13-13\"");
        assert!(RuleSet::parse(&bad_date, "r.toml").is_err());
    }
}
