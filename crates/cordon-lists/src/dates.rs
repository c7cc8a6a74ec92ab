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
//!
//! Numeric dates whose day and month order depends on the list (the UK
//! writes `28/06/1960`, BIS `06/28/1960`) are read by [`numeric`], and
//! written as ISO text by [`iso_text`].

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

/// Which way round a list writes the day and the month of a numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `28/06/1960` (UK lists).
    DayMonth,
    /// `06/28/1960` (BIS Denied Persons List).
    MonthDay,
}

/// A numeric date in the list's [`Order`], its parts separated by `/`, `-`
/// or `.`; `1960-06-28` and a lone `1960` read in either order. A day or
/// month that is not a number or is zero is unknown (`00/06/1960` is June
/// 1960, `dd/mm/1950` the year 1950); a year outside 1000..=2999 is no
/// date.
pub fn numeric(s: &str, order: Order) -> Option<PartialDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    let known = |p: &str| -> Option<u32> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok().filter(|&v| v != 0)
    };
    let (d, m, y) = match (parts.as_slice(), order) {
        ([d, m, y], Order::DayMonth) if y.len() == 4 => (*d, *m, *y),
        ([m, d, y], Order::MonthDay) if y.len() == 4 => (*d, *m, *y),
        ([y, m, d], _) if y.len() == 4 => (*d, *m, *y),
        ([y], _) if y.len() == 4 => ("", "", *y),
        _ => return None,
    };
    let year = known(y).filter(|y| (1000..=2999).contains(y))? as i32;
    let month = known(m).filter(|m| (1..=12).contains(m)).map(|m| m as u8);
    let day = month.and(known(d).filter(|d| (1..=31).contains(d)).map(|d| d as u8));
    Some(PartialDate { year, month, day })
}

/// A full numeric date written with `/` (`28/06/1960` in [`Order::DayMonth`])
/// as ISO text (`1960-06-28`); any other text unchanged.
pub fn iso_text(s: &str, order: Order) -> String {
    match numeric(s, order) {
        Some(d) if d.day.is_some() && s.contains('/') => d.to_string(),
        _ => s.to_string(),
    }
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

    #[test]
    fn numeric_dates_in_either_order() {
        let d = PartialDate::ymd(1960, 6, 28);
        assert_eq!(numeric("28/06/1960", Order::DayMonth), Some(d));
        assert_eq!(numeric("06/28/1960", Order::MonthDay), Some(d));
        assert_eq!(numeric("6/28/1960", Order::MonthDay), Some(d));
        for o in [Order::DayMonth, Order::MonthDay] {
            assert_eq!(numeric("1960-06-28", o), Some(d));
            assert_eq!(numeric("1960", o), Some(PartialDate::year(1960)));
            assert_eq!(numeric("00/00/1960", o), Some(PartialDate::year(1960)));
            assert_eq!(numeric("00/00/0000", o), None);
            assert_eq!(numeric("June 1960", o), None);
        }
        // A month of 28 is no month: the day goes with it.
        assert_eq!(
            numeric("28/06/1960", Order::MonthDay),
            Some(PartialDate::year(1960))
        );
        assert_eq!(iso_text("28/06/1960", Order::DayMonth), "1960-06-28");
        assert_eq!(iso_text("06/28/1960", Order::MonthDay), "1960-06-28");
        assert_eq!(iso_text("00/06/1960", Order::DayMonth), "00/06/1960");
        assert_eq!(
            iso_text("2026-02-28T10:00:00", Order::DayMonth),
            "2026-02-28T10:00:00"
        );
    }

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
