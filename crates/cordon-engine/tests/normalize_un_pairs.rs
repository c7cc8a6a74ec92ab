//! Measures how far romanisation of original-script names reaches the Latin
//! names of the same UN list entries (/work/shared/data/eval, or
//! `CORDON_UN_PAIRS`). A pair is covered when every token of the Latin name
//! is within phonetic or edit distance of some token of some reading of the
//! original-script name: equal `phonetic_key`, or Levenshtein distance at
//! most max(1, len/4).
//!
//! Run with `--nocapture` to see the figure; `CORDON_PAIRS_VERBOSE=1` lists
//! the pairs that are not covered.

use cordon_engine::normalize::{name_forms, phonetic_key};
use std::collections::HashSet;

fn default_path() -> String {
    std::env::var("CORDON_UN_PAIRS")
        .unwrap_or_else(|_| "/work/shared/data/eval/un_original_script_pairs.csv".to_string())
}

/// Minimal RFC 4180 reader (quoted fields may hold commas and newlines).
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\r' => {}
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

struct Stats {
    pairs: usize,
    covered: usize,
    tokens: usize,
    tokens_covered: usize,
    exact_or_key: usize,
}

fn measure(verbose: bool) -> Option<Stats> {
    let text = std::fs::read_to_string(default_path()).ok()?;
    let rows = parse_csv(&text);
    let header = rows.first()?;
    let col = |name: &str| header.iter().position(|h| h == name);
    let (latin, orig, script) = (
        col("name_latin")?,
        col("name_original_script")?,
        col("original_script")?,
    );
    let mut st = Stats {
        pairs: 0,
        covered: 0,
        tokens: 0,
        tokens_covered: 0,
        exact_or_key: 0,
    };
    for r in rows.iter().skip(1) {
        let (Some(l), Some(o), Some(sc)) = (r.get(latin), r.get(orig), r.get(script)) else {
            continue;
        };
        if sc == "LATIN" || l.trim().is_empty() || o.trim().is_empty() {
            continue;
        }
        let lf = name_forms(l);
        let Some(lt) = lf.first() else { continue };
        let mut cand: HashSet<String> = HashSet::new();
        let forms = name_forms(o);
        for f in &forms {
            for t in &f.tokens {
                cand.insert(t.text.clone());
            }
        }
        let keys: HashSet<String> = cand.iter().map(|c| phonetic_key(c)).collect();
        st.pairs += 1;
        let mut all = true;
        let mut missing = Vec::new();
        for t in &lt.tokens {
            st.tokens += 1;
            let exactish = cand.contains(&t.text) || keys.contains(&phonetic_key(&t.text));
            let ok = exactish
                || cand
                    .iter()
                    .any(|c| levenshtein(&t.text, c) <= (t.text.len() / 4).max(1));
            if exactish {
                st.exact_or_key += 1;
            }
            if ok {
                st.tokens_covered += 1;
            } else {
                all = false;
                missing.push(t.text.clone());
            }
        }
        if all {
            st.covered += 1;
        } else if verbose {
            let fs: Vec<String> = forms
                .iter()
                .map(|f| {
                    f.tokens
                        .iter()
                        .map(|t| t.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            println!("MISS {missing:?} | {l} | {o} | {fs:?}");
        }
    }
    Some(st)
}

#[test]
fn un_pairs_coverage() {
    let verbose = std::env::var("CORDON_PAIRS_VERBOSE").is_ok();
    let Some(st) = measure(verbose) else {
        eprintln!("UN pairs file not found; skipping");
        return;
    };
    let share = st.covered as f64 / st.pairs.max(1) as f64;
    println!(
        "UN original-script pairs: {}/{} covered ({:.1}%); tokens {}/{} ({:.1}%), of which equal text or phonetic key {}",
        st.covered,
        st.pairs,
        100.0 * share,
        st.tokens_covered,
        st.tokens,
        100.0 * st.tokens_covered as f64 / st.tokens.max(1) as f64,
        st.exact_or_key
    );
    assert!(share >= 0.80, "coverage regressed: {share:.3}");
}
