//! Shares: how much of a party an interest holds, in percent (0 to 100),
//! exactly, as a range, or not known; and the bounds the assessment sums.
//!
//! A range counts at its bounds: its minimum for "captured" (what is
//! certainly held), its maximum for "may reach" (what could be held). An
//! exclusive bound ("more than 25%") is kept as such, so that a minimum of
//! "more than 50%" meets the EU's strict "more than 50%" test and a maximum
//! of "less than 50%" cannot reach OFAC's "50% or more". An unknown share
//! has a minimum of 0 and *no* maximum: it is never read as zero.
//!
//! Text shares (the CSV's `share_percent`, FollowTheMoney's `percentage`)
//! are read by [`Share::parse`]:
//!
//! | text | share |
//! | --- | --- |
//! | empty, `unknown`, `?` | unknown |
//! | `30`, `30%`, `30.5`, `30,5 %` | exactly 30, 30.5 |
//! | `40-60`, `40 – 60%`, `between 40 and 60` | 40 to 60, both included |
//! | `>25`, `more than 25%`, `over 25` | more than 25 |
//! | `>=25`, `at least 25`, `25+` | 25 or more |
//! | `<50`, `less than 50`, `under 50` | less than 50 |
//! | `<=50`, `at most 50`, `up to 50` | 50 or less |

use serde::{Deserialize, Serialize};

/// Tolerance of share comparisons and sums (shares are given to a few
/// decimals; their sums pick up rounding errors).
pub const EPSILON: f64 = 1e-9;

/// How much of a party an interest holds, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    /// Exactly this percentage.
    Exact(f64),
    /// Between bounds; a missing bound is 0 (minimum) or 100 (maximum).
    Range {
        min: Option<f64>,
        max: Option<f64>,
        exclusive_min: bool,
        exclusive_max: bool,
    },
    /// Not known: at least 0, the maximum not determined.
    Unknown,
}

/// One bound of a share or of a sum of shares: a value, and whether the
/// true value is strictly beyond it (an exclusive bound).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Bound {
    pub value: f64,
    /// For a lower bound: the true value is more than `value`; for an
    /// upper bound: less than `value`.
    pub strict: bool,
}

impl Bound {
    pub const ZERO: Bound = Bound {
        value: 0.0,
        strict: false,
    };

    /// Whether a lower bound makes the true value meet a threshold
    /// (`inclusive`: at least the threshold; else more than it).
    pub fn lower_meets(self, threshold: f64, inclusive: bool) -> bool {
        if self.value > threshold + EPSILON {
            true
        } else if self.value >= threshold - EPSILON {
            inclusive || self.strict
        } else {
            false
        }
    }

    /// Whether the true value, at most this upper bound, may meet a
    /// threshold.
    pub fn upper_may_meet(self, threshold: f64, inclusive: bool) -> bool {
        if self.value > threshold + EPSILON {
            true
        } else if self.value >= threshold - EPSILON {
            inclusive && !self.strict
        } else {
            false
        }
    }
}

/// The sum of two bounds of the same side.
impl std::ops::Add for Bound {
    type Output = Bound;

    fn add(self, other: Bound) -> Bound {
        Bound {
            value: self.value + other.value,
            strict: self.strict || other.strict,
        }
    }
}

impl Share {
    /// What is certainly held (0 when unknown).
    pub fn lower(&self) -> Bound {
        match *self {
            Share::Exact(v) => Bound {
                value: v,
                strict: false,
            },
            Share::Range {
                min, exclusive_min, ..
            } => Bound {
                value: min.unwrap_or(0.0),
                strict: min.is_some() && exclusive_min,
            },
            Share::Unknown => Bound::ZERO,
        }
    }

    /// What may be held at most; `None`: not determined.
    pub fn upper(&self) -> Option<Bound> {
        match *self {
            Share::Exact(v) => Some(Bound {
                value: v,
                strict: false,
            }),
            Share::Range {
                max, exclusive_max, ..
            } => Some(Bound {
                value: max.unwrap_or(100.0),
                strict: max.is_some() && exclusive_max,
            }),
            Share::Unknown => None,
        }
    }

    /// Whether the share is known exactly.
    pub fn is_exact(&self) -> bool {
        matches!(self, Share::Exact(_))
    }

    /// A range from its parts, checked: bounds within 0..=100, the minimum
    /// not above the maximum; `min == max` with no exclusive bound is exact.
    pub fn range(
        min: Option<f64>,
        max: Option<f64>,
        exclusive_min: bool,
        exclusive_max: bool,
    ) -> Result<Share, String> {
        for v in [min, max].into_iter().flatten() {
            check_percent(v)?;
        }
        match (min, max) {
            (None, None) => Ok(Share::Unknown),
            (Some(a), Some(b)) if a > b + EPSILON => {
                Err(format!("the minimum {a} is above the maximum {b}"))
            }
            (Some(a), Some(b)) if (a - b).abs() <= EPSILON && (exclusive_min || exclusive_max) => {
                Err(format!("the range excludes its only value {a}"))
            }
            (Some(a), Some(b)) if (a - b).abs() <= EPSILON => Ok(Share::Exact(a)),
            _ => Ok(Share::Range {
                min,
                max,
                exclusive_min: min.is_some() && exclusive_min,
                exclusive_max: max.is_some() && exclusive_max,
            }),
        }
    }

    /// Reads a share written as text (see the module's table); the error
    /// says what is wrong with it.
    pub fn parse(text: &str) -> Result<Share, String> {
        let t = text.trim().to_lowercase();
        let t = t.trim();
        if t.is_empty() || t == "unknown" || t == "?" || t == "n/a" {
            return Ok(Share::Unknown);
        }
        let number = |s: &str| -> Result<f64, String> {
            let s = s.trim().trim_end_matches('%').trim();
            let s = if s.contains(',') && !s.contains('.') {
                s.replace(',', ".")
            } else {
                s.to_string()
            };
            let v: f64 = s
                .parse()
                .map_err(|_| format!("{text:?} is not a percentage"))?;
            check_percent(v).map_err(|e| format!("{text:?}: {e}"))?;
            Ok(v)
        };
        const PREFIXES: &[(&str, bool, bool)] = &[
            // (prefix, gives the minimum, exclusive)
            (">=", true, false),
            ("≥", true, false),
            ("at least ", true, false),
            ("more than ", true, true),
            ("over ", true, true),
            ("above ", true, true),
            (">", true, true),
            ("<=", false, false),
            ("≤", false, false),
            ("at most ", false, false),
            ("up to ", false, false),
            ("less than ", false, true),
            ("under ", false, true),
            ("below ", false, true),
            ("<", false, true),
        ];
        for (prefix, is_min, exclusive) in PREFIXES {
            if let Some(rest) = t.strip_prefix(prefix) {
                let v = number(rest)?;
                return if *is_min {
                    Share::range(Some(v), None, *exclusive, false)
                } else {
                    Share::range(None, Some(v), false, *exclusive)
                };
            }
        }
        if let Some(rest) = t.strip_suffix('+') {
            return Share::range(Some(number(rest)?), None, false, false);
        }
        let between = t
            .strip_prefix("between ")
            .and_then(|r| r.split_once(" and "));
        let dash = || {
            // A dash after the first character: "-5" is a (bad) number.
            t.char_indices()
                .skip(1)
                .find(|(_, c)| matches!(c, '-' | '–' | '—'))
                .map(|(i, c)| (&t[..i], &t[i + c.len_utf8()..]))
        };
        if let Some((a, b)) = between.or_else(dash) {
            let (a, b) = (number(a)?, number(b)?);
            return Share::range(Some(a), Some(b), false, false)
                .map_err(|e| format!("{text:?}: {e}"));
        }
        Ok(Share::Exact(number(t)?))
    }

    /// The share as people write it: `30%`, `at least 40%, at most 60%`,
    /// `more than 25%`, `unknown`.
    pub fn describe(&self) -> String {
        match *self {
            Share::Exact(v) => format!("{}%", fmt_percent(v)),
            Share::Unknown => "unknown share".to_string(),
            Share::Range {
                min,
                max,
                exclusive_min,
                exclusive_max,
            } => {
                let lo = min.map(|v| {
                    let w = if exclusive_min {
                        "more than"
                    } else {
                        "at least"
                    };
                    format!("{w} {}%", fmt_percent(v))
                });
                let hi = max.map(|v| {
                    let w = if exclusive_max {
                        "less than"
                    } else {
                        "at most"
                    };
                    format!("{w} {}%", fmt_percent(v))
                });
                match (lo, hi) {
                    (Some(a), Some(b)) => format!("{a}, {b}"),
                    (Some(a), None) => a,
                    (None, Some(b)) => b,
                    (None, None) => "unknown share".to_string(),
                }
            }
        }
    }
}

/// A percentage checked to be a number within 0 to 100.
pub fn check_percent(v: f64) -> Result<f64, String> {
    if v.is_finite() && (0.0..=100.0 + EPSILON).contains(&v) {
        Ok(v.min(100.0))
    } else {
        Err(format!("{v} is not a percentage between 0 and 100"))
    }
}

/// A percentage as text: whole numbers without decimals, others with up
/// to 4 (`30`, `49.9`, `33.3333`).
pub fn fmt_percent(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(min: Option<f64>, max: Option<f64>, xmin: bool, xmax: bool) -> Share {
        Share::Range {
            min,
            max,
            exclusive_min: xmin,
            exclusive_max: xmax,
        }
    }

    #[test]
    fn reads_the_written_forms() {
        let ok = |t: &str| Share::parse(t).unwrap();
        assert_eq!(ok(""), Share::Unknown);
        assert_eq!(ok(" unknown "), Share::Unknown);
        assert_eq!(ok("30"), Share::Exact(30.0));
        assert_eq!(ok("30%"), Share::Exact(30.0));
        assert_eq!(ok("30.5 %"), Share::Exact(30.5));
        assert_eq!(ok("30,5"), Share::Exact(30.5));
        assert_eq!(ok("40-60"), range(Some(40.0), Some(60.0), false, false));
        assert_eq!(ok("40 – 60%"), range(Some(40.0), Some(60.0), false, false));
        assert_eq!(
            ok("between 40 and 60"),
            range(Some(40.0), Some(60.0), false, false)
        );
        assert_eq!(ok("more than 25%"), range(Some(25.0), None, true, false));
        assert_eq!(ok(">25"), range(Some(25.0), None, true, false));
        assert_eq!(ok("at least 25"), range(Some(25.0), None, false, false));
        assert_eq!(ok("25+"), range(Some(25.0), None, false, false));
        assert_eq!(ok("less than 50"), range(None, Some(50.0), false, true));
        assert_eq!(ok("up to 50%"), range(None, Some(50.0), false, false));
        assert_eq!(ok("50-50"), Share::Exact(50.0));
    }

    #[test]
    fn refuses_what_is_not_a_percentage() {
        for bad in [
            "abc",
            "150",
            "-5",
            "60-40",
            "NaN",
            "inf",
            "30%%x",
            "more than 101",
        ] {
            assert!(Share::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bounds_respect_exclusivity_and_inclusivity() {
        let more_than_50 = range(Some(50.0), None, true, false).lower();
        assert!(more_than_50.lower_meets(50.0, false));
        let exactly_50 = Share::Exact(50.0).lower();
        assert!(exactly_50.lower_meets(50.0, true));
        assert!(!exactly_50.lower_meets(50.0, false));
        assert!(!Share::Exact(49.9).lower().lower_meets(50.0, true));
        let under_50 = range(None, Some(50.0), false, true).upper().unwrap();
        assert!(!under_50.upper_may_meet(50.0, true));
        assert!(Share::Exact(50.0)
            .upper()
            .unwrap()
            .upper_may_meet(50.0, true));
        assert!(!Share::Exact(50.0)
            .upper()
            .unwrap()
            .upper_may_meet(50.0, false));
        assert_eq!(Share::Unknown.upper(), None);
        assert_eq!(Share::Unknown.lower(), Bound::ZERO);
    }

    #[test]
    fn describes_shares() {
        assert_eq!(Share::Exact(49.9).describe(), "49.9%");
        assert_eq!(
            range(Some(40.0), Some(60.0), false, false).describe(),
            "at least 40%, at most 60%"
        );
        assert_eq!(
            range(Some(25.0), None, true, false).describe(),
            "more than 25%"
        );
        assert_eq!(Share::Unknown.describe(), "unknown share");
    }
}
