//! The one grammar of dates written as text in the lists (dates of birth,
//! registration and establishment dates), shared by every loader:
//!
//! * a date: `1955`, `Jan 1978`, `28 Jan 1978`, `1955-01-14` (whatever
//!   [`PartialDate::parse`] reads);
//! * an approximate date: `circa 1960`, `ca. 1960`, `approximately 1960`,
//!   `approx. 1960`, `about 1960`;
//! * a range: `1960 to 1962`, `01 Jan 1960 to 31 Dec 1962`,
//!   `between 1960 and 1962`, `1960 - 1962`, and OFAC's `circa 1950-1955`
//!   (years only).
//!
//! Case does not matter. Anything else is `None`; the loader keeps the text
//! as a remark.

use cordon_engine::{DateOfBirth, PartialDate};

const CIRCA: [&str; 5] = ["circa ", "ca. ", "approximately ", "approx. ", "about "];

/// Reads a date statement (see the module).
pub fn parse_date_statement(text: &str) -> Option<DateOfBirth> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    for prefix in CIRCA {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.trim();
            if let Some(date) = PartialDate::parse(rest) {
                return Some(DateOfBirth::Circa { date });
            }
            let (a, b) = rest.split_once('-')?;
            let (from, to) = (year_only(a)?, year_only(b)?);
            return Some(DateOfBirth::Range { from, to });
        }
    }
    let range = lower
        .strip_prefix("between ")
        .and_then(|r| r.split_once(" and "))
        .or_else(|| lower.split_once(" to "))
        .or_else(|| lower.split_once(" - "));
    if let Some((a, b)) = range {
        let from = PartialDate::parse(a.trim())?;
        let to = PartialDate::parse(b.trim())?;
        return Some(DateOfBirth::Range { from, to });
    }
    PartialDate::parse(t).map(|date| DateOfBirth::Exact { date })
}

fn year_only(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        PartialDate::parse(s)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(y: i32) -> PartialDate {
        PartialDate::year(y)
    }

    #[test]
    fn every_form_of_the_grammar() {
        let exact = |d| Some(DateOfBirth::Exact { date: d });
        let circa = |d| Some(DateOfBirth::Circa { date: d });
        let range = |from, to| Some(DateOfBirth::Range { from, to });
        assert_eq!(
            parse_date_statement("1955-01-14"),
            exact(PartialDate::ymd(1955, 1, 14))
        );
        assert_eq!(
            parse_date_statement(" 28 Jan 1978 "),
            exact(PartialDate::ymd(1978, 1, 28))
        );
        assert_eq!(parse_date_statement("1978"), exact(year(1978)));
        for p in ["circa", "Circa", "ca.", "approximately", "approx.", "about"] {
            assert_eq!(
                parse_date_statement(&format!("{p} 1960")),
                circa(year(1960)),
                "{p}"
            );
        }
        assert_eq!(
            parse_date_statement("circa 1950-1955"),
            range(year(1950), year(1955))
        );
        assert_eq!(
            parse_date_statement("1960 to 1962"),
            range(year(1960), year(1962))
        );
        assert_eq!(
            parse_date_statement("between 1960 and 1962"),
            range(year(1960), year(1962))
        );
        assert_eq!(
            parse_date_statement("1960 - 1962"),
            range(year(1960), year(1962))
        );
        assert_eq!(
            parse_date_statement("01 Jan 1960 to 31 Dec 1962"),
            range(PartialDate::ymd(1960, 1, 1), PartialDate::ymd(1962, 12, 31))
        );
    }

    #[test]
    fn what_is_not_a_date_is_none() {
        for t in [
            "unknown",
            "",
            "circa",
            "circa 19-55",
            "1960 to later",
            "between 1960",
        ] {
            assert_eq!(parse_date_statement(t), None, "{t:?}");
        }
    }
}
