//! The rules table: a snapshot of the built-in rules, so that a changed
//! threshold, list or window shows up in review.

use cordon_ownership::RuleSet;

#[test]
fn the_builtin_rules_table() {
    let mut out = String::new();
    for r in RuleSet::builtin().rules {
        let lists: Vec<String> = r
            .lists
            .iter()
            .map(|s| {
                let mut t = s.list.clone();
                if let Some(p) = &s.program {
                    t.push_str(&format!(" (first program {p})"));
                }
                if !s.any_program.is_empty() {
                    t.push_str(&format!(" (any of {})", s.any_program.join(" ")));
                }
                t
            })
            .collect();
        out.push_str(&format!(
            "{}: {}\n  threshold: {}\n  control counts: {}\n  parties: {}\n  lists: {}\n  {}\n  citation: {}\n  url: {}\n",
            r.id,
            r.name,
            r.threshold_text(),
            r.control_counts,
            r.parties_label,
            lists.join("; "),
            r.windows_text(),
            r.citation,
            r.url
        ));
    }
    insta::assert_snapshot!(out);
}
