//! Name normalisation: from any spelling in any script to token sequences the
//! index and the scorer compare.
//!
//! INTERIM implementation (NFKC, lower-case, any-ascii, split); the
//! romanisation tables and legal forms replace it.

use unicode_normalization::UnicodeNormalization;

/// What a token is, which decides its weight in scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenRole {
    Word,
    LegalForm,
    Stopword,
    Particle,
    Honorific,
    Number,
    Initial,
}

/// One normalised token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token {
    pub text: String,
    pub role: TokenRole,
}

/// One way to read a name: a token sequence in lower-case ASCII.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NameForm {
    pub tokens: Vec<Token>,
}

/// Folds text to lower-case ASCII words separated by single spaces.
pub fn fold(s: &str) -> String {
    let nfkc: String = s.nfkc().collect();
    let ascii = any_ascii::any_ascii(&nfkc).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for w in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// All the ways to read `raw`, the most likely first.
pub fn name_forms(raw: &str) -> Vec<NameForm> {
    let tokens = fold(raw)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(|t| Token {
            text: t.to_string(),
            role: if t.bytes().all(|b| b.is_ascii_digit()) {
                TokenRole::Number
            } else if t.len() == 1 {
                TokenRole::Initial
            } else {
                TokenRole::Word
            },
        })
        .collect();
    vec![NameForm { tokens }]
}

/// A coarse sound key for a folded token: equal keys mean "may sound alike".
pub fn phonetic_key(token: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for (i, c) in token.chars().enumerate() {
        let c = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' if i > 0 => continue,
            'c' | 'q' => 'k',
            'z' => 's',
            c => c,
        };
        if c != last {
            out.push(c);
        }
        last = c;
    }
    out
}
