//! A calendar day: the date an assessment is made on, the bounds of a
//! rule's effective windows and of an interest's life. Written and read as
//! `YYYY-MM-DD`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day (proleptic Gregorian, years 0 to 9999), ordered
/// chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (0..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Today, in UTC.
    pub fn today() -> Date {
        let secs = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        let d = cordon_engine::PartialDate::from_unix_days(secs.div_euclid(86_400));
        Date {
            year: d.year,
            month: d.month.unwrap_or(1),
            day: d.day.unwrap_or(1),
        }
    }

    /// Reads a date that may be partial (`2023`, `2023-05`, `2023-05-17`; a
    /// longer timestamp is cut to its day) as the *last* day of the period
    /// it names when `end` is true (an interest that ended "in 2023" held
    /// until 2023-12-31 at the latest), else as its first day.
    pub fn parse_partial(text: &str, end: bool) -> Option<Date> {
        // The workspace's one date grammar (`PartialDate::parse`); a
        // timestamp (`2023-05-17T10:00:00Z`) is read as its day.
        let t = text.trim();
        let t = match t.as_bytes().get(10) {
            Some(b'T') | Some(b' ') if t.as_bytes().get(4) == Some(&b'-') => &t[..10],
            _ => t,
        };
        let p = cordon_engine::PartialDate::parse(t)?;
        let month = p.month.unwrap_or(if end { 12 } else { 1 });
        let day = p
            .day
            .unwrap_or(if end { days_in_month(p.year, month) } else { 1 });
        Date::new(p.year, month, day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The text is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date (YYYY-MM-DD)")]
pub struct DateError(pub String);

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        // Exactly `YYYY-MM-DD`, read by the workspace's one date grammar.
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        match cordon_engine::PartialDate::parse(s) {
            Some(cordon_engine::PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            }) => Date::new(year, month, day).ok_or_else(err),
            _ => Err(err()),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_days() {
        let d: Date = "2025-09-29".parse().unwrap();
        assert_eq!(d, Date::new(2025, 9, 29).unwrap());
        assert_eq!(d.to_string(), "2025-09-29");
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "2025-9-29",
            "29.09.2025",
            "",
            "2025-09-2x",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn partial_dates_take_the_start_or_the_end_of_their_period() {
        let p = |t, end| Date::parse_partial(t, end).map(|d| d.to_string());
        assert_eq!(p("2023", true).as_deref(), Some("2023-12-31"));
        assert_eq!(p("2023", false).as_deref(), Some("2023-01-01"));
        assert_eq!(p("2024-02", true).as_deref(), Some("2024-02-29"));
        assert_eq!(
            p("2023-05-17T10:00:00", true).as_deref(),
            Some("2023-05-17")
        );
        assert_eq!(p("soon", true), None);
        assert_eq!(p("2023-99", true), None);
    }
}
