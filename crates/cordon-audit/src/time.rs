//! Times as the audit trail stores them: RFC 3339 in UTC with milliseconds
//! (`2026-11-24T09:30:00.250Z`). The format has a fixed width, so the text
//! order is the time order and range filters are plain string comparisons
//! in SQLite and PostgreSQL alike.

use crate::error::{AuditError, Result};
use std::time::{SystemTime, UNIX_EPOCH};

/// The current time, in the stored format.
pub fn now() -> String {
    let ms = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis() as i64,
        Err(e) => -(e.duration().as_millis() as i64),
    };
    format_ms(ms)
}

/// Milliseconds since the Unix epoch, in the stored format.
pub fn format_ms(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, milli) = (
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    );
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// Parses RFC 3339 (`2026-11-24T09:30:00Z`, `...T10:30:00.5+01:00`; `t` or
/// a space may separate date and time) or a date (`2026-11-24`, midnight
/// UTC) into the stored format. With `end_of_day`, a bare date means the
/// end of that day (midnight of the next), so `--to 2026-11-24` includes
/// the whole day.
pub fn parse_time(s: &str, end_of_day: bool) -> Result<String> {
    parse_ms(s.trim(), end_of_day)
        .map(format_ms)
        .ok_or_else(|| AuditError::BadTime(s.to_string()))
}

fn parse_ms(s: &str, end_of_day: bool) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = b.get(r)?;
        if t.is_empty() || !t.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(t).ok()?.parse().ok()
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    if b.len() == 10 {
        return Some((days + i64::from(end_of_day)) * 86_400_000);
    }
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 20 || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // 60 is a leap second: RFC 3339 allows it; count it as :59.
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut milli = 0;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let frac = &s[start..i.min(start + 3)];
        milli = frac.parse::<i64>().ok()? * 10_i64.pow(3 - frac.len() as u32);
    }
    let offset_min = match &b[i..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 60 + om;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    let secs = days * 86_400 + h * 3600 + mi * 60 + sec.min(59) - offset_min * 60;
    Some(secs * 1000 + milli)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// The calendar arithmetic is the engine's, kept in one place.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    cordon_engine::PartialDate::ymd(y as i32, m as u8, d as u8).unix_days()
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let d = cordon_engine::PartialDate::from_unix_days(z);
    (
        i64::from(d.year),
        i64::from(d.month.unwrap_or(1)),
        i64::from(d.day.unwrap_or(1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_offsets() {
        assert_eq!(format_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            parse_time("2026-11-24T10:30:00.25+01:00", false).unwrap(),
            "2026-11-24T09:30:00.250Z"
        );
        assert_eq!(
            parse_time("2024-02-29", false).unwrap(),
            "2024-02-29T00:00:00.000Z"
        );
        assert_eq!(
            parse_time("2024-02-29", true).unwrap(),
            "2024-03-01T00:00:00.000Z"
        );
        assert_eq!(
            parse_time("1999-12-31 23:59:59.123456z", false).unwrap(),
            "1999-12-31T23:59:59.123Z"
        );
        for bad in [
            "",
            "yesterday",
            "2023-02-29",
            "2026-13-01",
            "2026-11-24T25:00:00Z",
            "2026-11-24T10:00:00",
            "2026-11-24T10:00Z",
            "2026-11-24T10:00:00+1",
            "2026-11-24T10:00:00.Z",
            "２０２６-11-24",
        ] {
            assert!(parse_time(bad, false).is_err(), "{bad:?} accepted");
        }
        let now = now();
        assert_eq!(parse_time(&now, false).unwrap(), now);
    }
}
