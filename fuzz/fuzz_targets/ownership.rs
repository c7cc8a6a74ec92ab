//! Ownership data (cordon-ownership): the first byte picks the parser (0:
//! the CSV, 1: BODS, 2: FollowTheMoney, 3: a rules file, else the format
//! told from the content as for a `.json` file). A loaded graph is then
//! assessed with its first parties linked to the SDN and EU lists.
//! Loading must return a graph or an error naming the file, never panic or
//! hang; the assessment must end on any graph (cycles included).
#![no_main]
use libfuzzer_sys::fuzz_target;

use cordon_ownership::{
    assess, detect, load_str, Date, Format, LinkMethod, Listed, ListedParty, RuleSet,
};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = match which {
        0 => Format::Csv,
        1 => Format::Bods,
        2 => Format::Ftm,
        3 => {
            let _ = RuleSet::parse(text, "rules.toml");
            return;
        }
        _ => match detect(std::path::Path::new("own.json"), text) {
            Ok(f) => f,
            Err(_) => return,
        },
    };
    let Ok(graph) = load_str(text, format, "own") else {
        return;
    };
    let mut listed = Listed::new();
    for (i, p) in graph.parties().take(3).enumerate() {
        let list = if i % 2 == 0 { "ofac-sdn" } else { "eu-fsf" };
        listed.entry(p.id.clone()).or_default().push(ListedParty {
            entity_id: format!("{list}:{i}"),
            list: list.to_string(),
            programs: vec!["RUSSIA-EO14024".to_string()],
            name: p.name.clone(),
            score: 1.0,
            method: LinkMethod::Name {
                explanation: String::new(),
            },
        });
    }
    let day = Date::new(2026, 12, 1).unwrap_or_else(Date::today);
    let a = assess(&graph, &listed, &RuleSet::builtin(), day);
    for (_, findings) in a.parties_with_findings() {
        for f in findings {
            let _ = f.summary();
        }
    }
    for p in &a.problems {
        let _ = p.describe(&graph);
    }
});
