//! HS codes as people write them: `8542.31`, `854231`, `8542.31.0000`,
//! `85423190`, `8542`, `85`. A code is reduced to its international part
//! (chapter, heading or subheading: 2, 4 or 6 digits); digits past the
//! sixth are a national subdivision (EU CN, US HTS, …) and are kept only
//! for display, since the control lists are written on HS-6.

use crate::error::{Error, Result};
use serde::Serialize;
use std::fmt;

/// How specific a code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 2 digits, e.g. `85`.
    Chapter,
    /// 4 digits, e.g. `8542`.
    Heading,
    /// 6 digits, e.g. `8542.31`.
    Subheading,
}

impl Level {
    /// `chapter`, `heading` or `subheading`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Chapter => "chapter",
            Level::Heading => "heading",
            Level::Subheading => "subheading",
        }
    }

    fn of_len(n: usize) -> Option<Level> {
        match n {
            2 => Some(Level::Chapter),
            4 => Some(Level::Heading),
            6 => Some(Level::Subheading),
            _ => None,
        }
    }
}

/// A syntactically valid HS code (see [`crate::Nomenclature::validate`] for
/// the check against the nomenclature).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HsCode {
    /// 2, 4 or 6 digits.
    digits: String,
    /// National digits past the sixth (empty when none).
    national: String,
}

/// The longest national form accepted (12 digits, e.g. some national tariffs).
const MAX_DIGITS: usize = 12;

impl HsCode {
    /// Whether the text reads as a code (digits and `.`, ` `, `-`
    /// separators only) rather than a description.
    pub fn looks_like_code(text: &str) -> bool {
        let t = text.trim();
        t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ' ' | '-'))
    }

    /// Parses a code in any common form. Errors name the input and why.
    pub fn parse(input: &str) -> Result<HsCode> {
        let bad = |reason: String| Error::InvalidCode {
            input: input.to_string(),
            reason,
        };
        let t = input.trim();
        if t.is_empty() {
            return Err(bad("it is empty".into()));
        }
        if let Some(c) = t
            .chars()
            .find(|c| !(c.is_ascii_digit() || matches!(c, '.' | ' ' | '-')))
        {
            return Err(bad(format!(
                "{c:?} is not a digit or a separator (. - or space)"
            )));
        }
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        // A dotted code starts with the chapter (2) or the heading (4): a
        // first group of 3 is a heading that lost its leading zero.
        let first_group = t
            .split(['.', ' ', '-'])
            .next()
            .map(str::len)
            .unwrap_or_default();
        if digits.len() != first_group && !matches!(first_group, 2 | 4) {
            return Err(bad(format!(
                "it starts with a group of {first_group} digits; an HS code starts with the 2-digit chapter or the 4-digit heading{}",
                zero_hint(&digits)
            )));
        }
        let n = digits.len();
        if n > MAX_DIGITS {
            return Err(bad(format!(
                "it has {n} digits; national forms have at most {MAX_DIGITS}"
            )));
        }
        if n < 6 && Level::of_len(n).is_none() {
            return Err(bad(format!(
                "it has {n} digit{}; an HS code has 2 (chapter), 4 (heading) or 6 (subheading) digits, or more in a national form{}",
                if n == 1 { "" } else { "s" },
                zero_hint(&digits)
            )));
        }
        let (hs, national) = digits.split_at(n.min(6));
        Ok(HsCode {
            digits: hs.to_string(),
            national: national.to_string(),
        })
    }

    /// The international digits (2, 4 or 6), no separators.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// National digits past the sixth, if any (`0000` in `8542.31.0000`).
    pub fn national(&self) -> Option<&str> {
        (!self.national.is_empty()).then_some(self.national.as_str())
    }

    pub fn level(&self) -> Level {
        match self.digits.len() {
            2 => Level::Chapter,
            4 => Level::Heading,
            _ => Level::Subheading,
        }
    }

    /// The chapter (first 2 digits).
    pub fn chapter(&self) -> &str {
        &self.digits[..2]
    }

    /// The heading (first 4 digits), if the code has one.
    pub fn heading(&self) -> Option<&str> {
        self.digits.get(..4)
    }

    /// Whether `other` (digits, any level) falls under this code or this
    /// code under it: `8542` covers `854231`, `854231` falls under `8542`.
    pub fn overlaps(&self, other: &str) -> bool {
        self.digits.starts_with(other) || other.starts_with(&self.digits)
    }

    /// The code in dotted form: `85`, `8542`, `8542.31`.
    pub fn dotted(&self) -> String {
        dotted(&self.digits)
    }
}

/// `854231` → `8542.31`; shorter codes unchanged.
pub fn dotted(digits: &str) -> String {
    match (digits.get(..4), digits.get(4..)) {
        (Some(h), Some(s)) if !s.is_empty() => format!("{h}.{s}"),
        _ => digits.to_string(),
    }
}

fn zero_hint(digits: &str) -> String {
    if digits.len() % 2 == 1 {
        format!(" (a leading zero may be missing: 0{digits}?)")
    } else {
        String::new()
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dotted())
    }
}
