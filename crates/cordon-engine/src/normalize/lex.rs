//! Splits an NFKC string into words tagged with their script. Latin (and
//! every script with no dedicated romaniser: Greek, Georgian, Armenian,
//! Thai, ...) is folded to lower-case ASCII here; Cyrillic, Arabic, Hebrew,
//! Hangul, Han and kana words are kept in their script for the romanisers.

use super::legal_forms;
use super::script::{script_of, RawWord, Script};
use super::{name_parts, TokenRole};
use crate::limits::{MAX_TOKENS, MAX_TOKEN_CHARS};
use crate::weights::{MIN_ACRONYM_LETTERS, MIN_COMPOUND_HALF};

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201B}'
            | '\u{2032}'
            | '\u{00B4}'
            | '\u{02B9}'
            | '\u{02BB}'
            | '\u{02BC}'
            | '\u{02BD}'
            | '\u{02BE}'
            | '\u{02BF}'
            | '\u{02C8}'
    )
}

/// Characters that vanish without splitting a word.
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{0640}'
    ) || matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

struct Lexer {
    out: Vec<RawWord>,
    cur: String,
    /// Characters in `cur`: a word stops growing at [`MAX_TOKEN_CHARS`].
    cur_chars: usize,
    script: Script,
    dotted: bool,
    /// Where a hyphen joined two runs of letters in `cur` ("pridmore-smith").
    hyphen: Option<usize>,
}

impl Lexer {
    fn flush(&mut self) {
        self.cur_chars = 0;
        if self.cur.is_empty() {
            self.dotted = false;
            return;
        }
        let text = std::mem::take(&mut self.cur);
        let hyphen = self.hyphen.take();
        match self.script {
            Script::Latin if hyphen.is_some() => self.flush_hyphenated(text, hyphen),
            Script::Latin if self.dotted => self.flush_dotted(&text),
            Script::Han => self.flush_han(text),
            s => self.out.push(RawWord { text, script: s }),
        }
        self.dotted = false;
        self.hyphen = None;
    }

    /// A hyphenated compound of two words ("PRIDMORE-SMITH",
    /// "DELGADO-LERMA") is one word, written together: a query holding one
    /// half ("John Smith") has not named it (a half is no prefix or
    /// spelling of the whole; both halves in order meet it as two words
    /// written together, see [`crate::align`]). Only halves of at least
    /// [`MIN_COMPOUND_HALF`] letters that are words join: "AL-TIKRITI",
    /// "ABD-AL-GHAFUR", "VTB-INSURANCE" and the syllables of Korean and
    /// Chinese given names ("Myong-Jin", "Hui-Fen") stay apart.
    fn flush_hyphenated(&mut self, text: String, at: Option<usize>) {
        let at = at.unwrap_or(0);
        let (left, right) = text.split_at(at.min(text.len()));
        let half = |h: &str| {
            h.len() >= MIN_COMPOUND_HALF
                && h.bytes().all(|b| b.is_ascii_lowercase())
                && name_parts::role_of(h) == TokenRole::Word
        };
        let pieces: Vec<String> = if half(left) && half(right) {
            vec![text.clone()]
        } else {
            vec![left.to_string(), right.to_string()]
        };
        for p in pieces.into_iter().filter(|p| !p.is_empty()) {
            self.out.push(RawWord {
                text: p,
                script: Script::Latin,
            });
        }
    }

    /// `s.a.` / `l.l.c` / `a/s` join into one word when the joined letters
    /// are a known legal form; otherwise every piece is its own word
    /// (`j.r.` → `j`, `r`; `co.` → `co`).
    fn flush_dotted(&mut self, text: &str) {
        let pieces: Vec<&str> = text.split('.').filter(|p| !p.is_empty()).collect();
        if pieces.len() >= 2 && pieces.iter().all(|p| p.len() == 1) {
            let joined: String = pieces.concat();
            if legal_forms::is_dotted_code(&joined) {
                self.out.push(RawWord {
                    text: joined,
                    script: Script::Latin,
                });
                return;
            }
        }
        for p in pieces {
            self.out.push(RawWord {
                text: p.to_string(),
                script: Script::Latin,
            });
        }
    }

    /// Han runs have no spaces: split off legal-form suffixes and prefixes
    /// (有限公司, 株式会社, ...).
    fn flush_han(&mut self, text: String) {
        let (pre, mid, suf) = legal_forms::split_han(&text);
        for t in [pre, mid, suf].into_iter().flatten() {
            self.out.push(RawWord {
                text: t.to_string(),
                script: Script::Han,
            });
        }
    }

    /// Whether the current word is full: the rest of it is dropped.
    fn full(&mut self) -> bool {
        self.cur_chars += 1;
        self.cur_chars > MAX_TOKEN_CHARS
    }

    fn push_script(&mut self, c: char, s: Script) {
        if self.script != s {
            self.flush();
            self.script = s;
        }
        if self.full() {
            return;
        }
        if s == Script::Cyrillic {
            self.cur.extend(c.to_lowercase());
        } else {
            self.cur.push(c);
        }
    }

    fn push_ascii(&mut self, b: u8) {
        if self.script != Script::Latin {
            self.flush();
            self.script = Script::Latin;
        }
        if self.full() {
            return;
        }
        self.cur.push(b.to_ascii_lowercase() as char);
    }
}

/// Lexes `s` (already NFKC) into script-tagged words: at most about
/// [`MAX_TOKENS`] words (the rest of the text is not read) of at most
/// [`MAX_TOKEN_CHARS`] characters each (the rest of a longer word is
/// dropped), so that everything after lexing works on bounded input.
pub(crate) fn lex(s: &str) -> Vec<RawWord> {
    let mut lx = Lexer {
        out: Vec::with_capacity(8),
        cur: String::with_capacity(16),
        cur_chars: 0,
        script: Script::Latin,
        dotted: false,
        hyphen: None,
    };
    // Whether the last character was a lower-case ASCII letter: an
    // upper-case one after it that starts a lower-case run starts a new
    // word ("IvanPetrov", "ToyotaTsusho" are two words), while "GmbH",
    // "KGaA", "SpA" and "McDONALD" stay one.
    let mut after_lower = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if lx.out.len() >= MAX_TOKENS {
            break;
        }
        let camel = after_lower
            && c.is_ascii_uppercase()
            && chars.peek().is_some_and(char::is_ascii_lowercase);
        after_lower = c.is_ascii_lowercase();
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if camel {
                    lx.flush();
                }
                lx.push_ascii(c as u8);
            } else if c == '-'
                && lx.script == Script::Latin
                && !lx.dotted
                && lx.hyphen.is_none()
                && !lx.cur.is_empty()
                && lx.cur.bytes().all(|b| b.is_ascii_lowercase())
                && chars.peek().is_some_and(char::is_ascii_alphabetic)
            {
                lx.hyphen = Some(lx.cur.len());
            } else if c == '.' || c == '/' {
                if lx.script == Script::Latin && !lx.cur.is_empty() && lx.hyphen.is_none() {
                    lx.cur.push('.');
                    lx.dotted = true;
                } else {
                    lx.flush();
                }
            } else if is_apostrophe(c) {
                continue;
            } else if c == '&' {
                lx.flush();
                lx.out.push(RawWord {
                    text: "and".to_string(),
                    script: Script::Latin,
                });
            } else {
                lx.flush();
            }
            continue;
        }
        if is_apostrophe(c) || is_joiner(c) {
            continue;
        }
        // Arabic-Indic and Persian digits.
        if let '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' = c {
            let d = (c as u32 & 0xF) as u8;
            lx.push_ascii(b'0' + d.min(9));
            continue;
        }
        if let Some(sc) = script_of(c) {
            if c.is_alphanumeric()
                || matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670)
                || super::hebrew::is_point(c)
            {
                lx.push_script(c, sc);
            } else {
                lx.flush();
            }
            continue;
        }
        if c.is_alphanumeric() {
            let a = any_ascii::any_ascii_char(c);
            let mut pushed = false;
            for b in a.bytes() {
                if b.is_ascii_alphanumeric() {
                    lx.push_ascii(b);
                    pushed = true;
                } else if b == b'\'' {
                    // An ejective or a soft sign marked with an apostrophe
                    // (Georgian კ → k'): part of the word, as an apostrophe
                    // typed in Latin is.
                    continue;
                } else if pushed {
                    lx.flush();
                }
            }
        } else {
            lx.flush();
        }
    }
    lx.flush();
    lx.out
}

/// Whether `w` is one Latin letter (an initial, or a letter of a dotted
/// or spaced acronym).
fn is_letter(w: &RawWord) -> bool {
    w.script == Script::Latin && w.text.len() == 1 && w.text.as_bytes()[0].is_ascii_lowercase()
}

/// The words with every run of at least [`MIN_ACRONYM_LETTERS`] single
/// letters written as one word: an acronym written dotted or spaced
/// ("I.B.M.", "I. B. M.", "I B M") is the word `ibm`, as written solid.
/// `None` when there is no such run. Only for the readings of
/// organisations, vessels and aircraft: a person's initials ("J. R. R.
/// Tolkien") stay initials. Legal forms written so ("L L C", "J.S.C.")
/// are joined too and then read as the legal form.
pub(crate) fn join_initials(words: &[RawWord]) -> Option<Vec<RawWord>> {
    let mut run = 0;
    let found = words.iter().any(|w| {
        run = if is_letter(w) { run + 1 } else { 0 };
        run >= MIN_ACRONYM_LETTERS
    });
    if !found {
        return None;
    }
    let mut out: Vec<RawWord> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let len = words[i..].iter().take_while(|w| is_letter(w)).count();
        if len >= MIN_ACRONYM_LETTERS {
            out.push(RawWord {
                text: words[i..i + len].iter().map(|w| w.text.as_str()).collect(),
                script: Script::Latin,
            });
            i += len;
        } else {
            out.push(words[i].clone());
            i += 1;
        }
    }
    Some(out)
}
