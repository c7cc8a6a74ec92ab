//! The scripts the normaliser tells apart, and words tagged with one.
//! Latin stands for every script with no romaniser of its own (Greek,
//! Georgian, Armenian, Thai, ...), which the lexer folds to ASCII.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// A script with its own romaniser, or Latin for the rest.
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Hangul,
    Han,
    /// Japanese hiragana and katakana.
    Kana,
    Hebrew,
}

#[derive(Debug, Clone)]
/// A word as the lexer cut it, in its script.
pub(crate) struct RawWord {
    pub text: String,
    pub script: Script,
}

/// The script of a character, when it has a romaniser of its own.
pub(crate) fn script_of(c: char) -> Option<Script> {
    match c as u32 {
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
            Some(Script::Cyrillic)
        }
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Some(Script::Arabic)
        }
        0xAC00..=0xD7A3 => Some(Script::Hangul),
        _ if super::japanese::is_kana(c) => Some(Script::Kana),
        _ if super::hebrew::is_hebrew(c) || super::hebrew::is_point(c) => Some(Script::Hebrew),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => {
            Some(Script::Han)
        }
        _ => None,
    }
}

/// The script of a phrase: that of its first character with a romaniser
/// of its own, else Latin.
pub(crate) fn script_of_text(text: &str) -> Script {
    text.chars().find_map(script_of).unwrap_or(Script::Latin)
}
