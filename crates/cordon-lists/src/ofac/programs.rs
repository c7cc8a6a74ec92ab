//! OFAC's Program column.

/// Splits OFAC's Program field into program codes. Several programs are
/// written as one bracketed run without the outer brackets:
/// `NPWMD] [IFSR] [IRAN-CON-ARMS-EO` gives `["NPWMD", "IFSR",
/// "IRAN-CON-ARMS-EO"]`. Duplicates and empty parts are dropped.
pub fn split_programs(field: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A set: a hostile field of many programs must not cost their number
    // squared.
    let mut seen = std::collections::HashSet::new();
    for part in field.split(']') {
        let p = part.trim().trim_start_matches('[').trim();
        if !p.is_empty() && seen.insert(p) {
            out.push(p.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_bracketed_runs() {
        assert_eq!(
            split_programs("NPWMD] [IFSR] [IRAN-CON-ARMS-EO"),
            ["NPWMD", "IFSR", "IRAN-CON-ARMS-EO"]
        );
        assert_eq!(split_programs("CUBA"), ["CUBA"]);
        assert_eq!(split_programs("[SDGT]"), ["SDGT"]);
        assert_eq!(split_programs("A] [A"), ["A"]);
        assert!(split_programs(" ").is_empty());
    }
}
