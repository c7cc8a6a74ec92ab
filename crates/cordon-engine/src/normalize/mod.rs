//! Name normalisation: from any spelling in any script to token sequences the
//! index and the scorer compare.
//!
//! Pipeline (per query, no regexes, tables built once):
//!
//! 1. NFKC (skipped for pure-ASCII input, which is already NFKC), then
//!    [`confusables`]: a look-alike letter of another script inside a word
//!    becomes the word's own letter ("BАNCO" with a Cyrillic А → BANCO).
//! 2. [`lex`]: split into words tagged with their [`script`]; Latin letters are
//!    case-folded and stripped of diacritics (ß → ss, ø → o, æ → ae, ı → i);
//!    apostrophes join (O'Brien → obrien), other punctuation splits
//!    (AL-TIKRITI → al tikriti) except the hyphen of a compound of two
//!    words of four letters or more (PRIDMORE-SMITH → pridmoresmith); a
//!    capital after a lower-case letter starts a word when lower-case
//!    letters follow it (IvanPetrov → ivan petrov; GmbH stays one); digit
//!    ordinals lose their suffix (13th → 13, [`numbers`]); one particle
//!    written several ways becomes one (ibn → bin); dotted abbreviations that are legal forms
//!    join (S.A. → sa, L.L.C. → llc, A/S → as); in the readings of
//!    organisations three or more single letters, dotted or spaced, are
//!    one word (I.B.M., I B M → ibm; a person's initials stay apart). Scripts without a dedicated
//!    romaniser (Greek, Georgian, Armenian, Thai, ...) go through
//!    `any_ascii` here.
//! 3. [`legal_forms`]: phrases in any script collapse to one canonical token
//!    with role [`TokenRole::LegalForm`] (OOO, ООО, LLC, "Limited Liability
//!    Company" → `llc`).
//! 4. Romanisation of the remaining words into alternative readings:
//!    [`cyrillic`] (ICAO, BGN/PCGN, anglicised, GOST), [`arabic`]
//!    (dictionary + skeleton), [`hebrew`] (skeleton), [`hangul`]
//!    (DPRK/RR/MR), [`han`] (pinyin, then Korean readings of Hanja from
//!    Unihan, `unihan`), `japanese` (kana to romaji). A katakana or kanji
//!    word the [`name_groups`] data holds is also read
//!    as that name's Latin spelling (ジョージ → george, 安倍晋三 → abe
//!    shinzo), second after the romaniser's own reading.
//! 5. The readings combine into at most [`MAX_READINGS`] [`NameForm`]s: first
//!    column by column (every word's k-th reading: one scheme throughout),
//!    then single substitutions of the first form. A short Korean or
//!    Chinese name adds, last, its [`native`] reading: family name and
//!    given name in their own script (the one form whose tokens are not
//!    ASCII), on which two names in the same script are compared.
//! 6. Each token gets its role from [`name_parts`]; Latin company
//!    abbreviations are expanded (INTL → international); in organisation
//!    readings number words become digits (Fifteen → 15, [`numbers`]).
//!    Given names related by the nickname data ([`nicknames`]) and forms
//!    of one person name in the name-group data ([`name_groups`]) are
//!    matched by the aligner, not rewritten here.
//!
//! Module order (no cycle): [`script`] (the scripts and a tagged word)
//! asks only the leaves `japanese` and [`hebrew`] which letters are theirs;
//! [`legal_forms`] depends on it; [`lex`] on both (a dotted abbreviation
//! joins only when it is a legal form). [`native`] builds on [`script`],
//! [`han`], [`hangul`] and `unihan`.
//!
//! Work is bounded whatever the input: the lexer keeps at most
//! [`MAX_TOKENS`] words of at most [`MAX_TOKEN_CHARS`] characters, and
//! every reading is cut to those limits ([`crate::limits`]).

pub mod arabic;
mod confusables;
pub mod cyrillic;
mod german_transliteration;
pub mod han;
pub mod hangul;
pub mod hebrew;
mod japanese;
mod korean_latin;
pub mod legal_forms;
mod lex;
pub mod name_groups;
pub mod name_parts;
pub mod native;
pub mod nicknames;
pub mod numbers;
mod phonetic;
mod script;
mod unihan;
mod wade_giles;

pub use phonetic::phonetic_key;

use crate::limits::{MAX_TOKENS, MAX_TOKEN_CHARS};
use script::{RawWord, Script};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Upper bound on the readings [`name_forms`] returns.
pub const MAX_FORMS: usize = MAX_READINGS + 1;

/// Upper bound on the romanised readings of a name: all its forms but the
/// [`native`] reading of a short CJK name.
pub const MAX_READINGS: usize = 8;

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
    /// A Latin spelling the name-group data gives a kanji word ([`name_groups`]:
    /// 鈴木 → suzuki): a known name, which meets only its own spellings
    /// (exactly, or as the same name), never a list word merely like it.
    pub dictionary: bool,
}

/// One way to read a name: a token sequence in lower-case ASCII, or, for
/// the [`native`] reading of a short CJK name, in its own script.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NameForm {
    pub tokens: Vec<Token>,
}

impl NameForm {
    /// A form of the space-separated words of `s`, each a name word (for
    /// the tests of the readings made from a form).
    #[cfg(test)]
    pub(crate) fn of_words(s: &str) -> NameForm {
        NameForm {
            tokens: s
                .split(' ')
                .map(|t| Token {
                    text: t.to_string(),
                    role: TokenRole::Word,
                    dictionary: false,
                })
                .collect(),
        }
    }

    /// The token texts joined by single spaces.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for t in &self.tokens {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&t.text);
        }
        s
    }
}

/// Whether `c` inside a word leaves it one word (apostrophes, soft
/// hyphens, zero-width joiners, combining marks), as the lexer reads it.
pub fn continues_word(c: char) -> bool {
    lex::is_apostrophe(c) || lex::is_joiner(c)
}

/// NFKC, then look-alike letters folded ([`confusables`]).
fn nfkc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let n = if unicode_normalization::is_nfkc_quick(s.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfkc().collect())
    };
    match confusables::fold_confusables(&n) {
        Cow::Borrowed(_) => n,
        Cow::Owned(f) => Cow::Owned(f),
    }
}

/// Folds text to lower-case ASCII words separated by single spaces: NFKC,
/// case folding, diacritics stripped, punctuation to spaces, any script
/// romanised (its most likely reading). Idempotent. Legal forms and
/// abbreviations are NOT canonicalised here (see [`name_forms`]). At most
/// [`MAX_TOKENS`] words of at most [`MAX_TOKEN_CHARS`] characters.
pub fn fold(s: &str) -> String {
    let s = nfkc(s);
    let words = lex::lex(&s);
    let mut out = Folded::default();
    if words.iter().all(|w| w.script == Script::Latin) {
        for w in &words {
            out.push(&w.text);
        }
        return out.text;
    }
    let slots = readings(&words, false, &vec![None; words.len()]);
    for slot in &slots {
        if let Some(first) = slot.first() {
            for t in first {
                out.push(&t.text);
            }
        }
    }
    out.text
}

/// The words of [`fold`], within the limits.
#[derive(Default)]
struct Folded {
    text: String,
    words: usize,
}

impl Folded {
    fn push(&mut self, w: &str) {
        if w.is_empty() || self.words >= MAX_TOKENS {
            return;
        }
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let cut = w
            .char_indices()
            .nth(MAX_TOKEN_CHARS)
            .map_or(w.len(), |(i, _)| i);
        self.text.push_str(&w[..cut]);
        self.words += 1;
    }
}

/// All the ways to read `raw`, the most likely first: deduplicated, at most
/// [`MAX_FORMS`], never empty when `raw` has an alphanumeric character.
/// Latin input yields exactly one form.
pub fn name_forms(raw: &str) -> Vec<NameForm> {
    forms_with(raw, true)
}

/// The readings of a person's name: like [`name_forms`], but no word is
/// taken for a legal form or an abbreviation ("PAO" is a Chinese surname,
/// not a public joint-stock company, in "PAO, Yu Liang").
pub fn person_forms(raw: &str) -> Vec<NameForm> {
    forms_with(raw, false)
}

/// The readings of a party of unknown kind: those of [`name_forms`], then
/// those of [`person_forms`] that differ. The text is read once, and the
/// person readings are only made when a legal form, an abbreviation or a
/// number word changed something.
pub fn party_forms(raw: &str) -> Vec<NameForm> {
    let s = nfkc(raw);
    let lexed = lex::lex(&s);
    let joined = lex::join_initials(&lexed);
    let words = joined.as_deref().unwrap_or(&lexed);
    let legal = legal_spans(words);
    let native = native::native_form(words);
    let mut forms = with_native(
        with_romanisation_keys(forms_of(&s, readings(words, true, &legal)), words),
        &native,
    );
    let changed = joined.is_some()
        || legal.iter().any(Option::is_some)
        || numbers::number_words()
            .spans(words)
            .iter()
            .any(Option::is_some)
        || words.iter().any(|w| {
            w.script == Script::Latin && name_parts::expand_abbreviation(&w.text).is_some()
        });
    if changed {
        let none = vec![None; lexed.len()];
        let person = with_romanisation_keys(forms_of(&s, readings(&lexed, false, &none)), &lexed);
        for f in with_native(person, &native) {
            if !forms.contains(&f) {
                forms.push(f);
            }
        }
    }
    forms
}

fn forms_with(raw: &str, canonical: bool) -> Vec<NameForm> {
    let s = nfkc(raw);
    let lexed = lex::lex(&s);
    // An organisation's dotted or spaced acronym is one word; a person's
    // initials stay initials.
    let joined = canonical.then(|| lex::join_initials(&lexed)).flatten();
    let words = joined.as_deref().unwrap_or(&lexed);
    let legal = if canonical {
        legal_spans(words)
    } else {
        vec![None; words.len()]
    };
    let native = native::native_form(words);
    let forms = with_romanisation_keys(forms_of(&s, readings(words, canonical, &legal)), words);
    with_native(forms, &native)
}

/// The forms and, when the name is a Korean name written in Latin letters,
/// its reading with every syllable in one romanisation ([`korean_latin`]);
/// when it is a Chinese name in Wade–Giles, its reading in Pinyin
/// ([`wade_giles`]); when it is a Slavic name in German transliteration,
/// its English reading ([`german_transliteration`]).
fn with_romanisation_keys(mut forms: Vec<NameForm>, words: &[RawWord]) -> Vec<NameForm> {
    if !words.iter().all(|w| w.script == Script::Latin) {
        return forms;
    }
    let keyed = forms.first().and_then(|f| {
        korean_latin::key_form(f)
            .or_else(|| wade_giles::pinyin_form(f))
            .or_else(|| german_transliteration::english_form(f))
    });
    if let Some(keyed) = keyed {
        forms.truncate(MAX_READINGS - 1);
        push_form(&mut forms, keyed);
    }
    forms
}

/// The romanised forms and, last, the native reading of a short CJK name
/// ([`native`]): at most [`MAX_FORMS`].
fn with_native(mut forms: Vec<NameForm>, native: &Option<NameForm>) -> Vec<NameForm> {
    if let Some(n) = native {
        forms.truncate(MAX_READINGS);
        push_form(&mut forms, n.clone());
    }
    forms
}

fn forms_of(s: &str, slots: Vec<Slot>) -> Vec<NameForm> {
    let mut forms = combine(&slots);
    forms.retain(|f| !f.tokens.is_empty());
    // Romanisation can lengthen a word (щ → shch) and split one into many
    // (a Han run): cut every reading to the limits.
    if forms.iter().any(|f| {
        f.tokens.len() > MAX_TOKENS || f.tokens.iter().any(|t| t.text.len() > MAX_TOKEN_CHARS)
    }) {
        let mut cut: Vec<NameForm> = Vec::with_capacity(forms.len());
        for mut f in forms {
            f.tokens.truncate(MAX_TOKENS);
            for t in &mut f.tokens {
                truncate_chars(&mut t.text, MAX_TOKEN_CHARS);
            }
            push_form(&mut cut, f);
        }
        forms = cut;
    }
    if forms.is_empty() {
        if let Some(t) = fallback_token(s) {
            forms.push(NameForm {
                tokens: vec![Token {
                    role: name_parts::role_of(&t),
                    text: t,
                    dictionary: false,
                }],
            });
        }
    }
    forms
}

/// Cuts `s` to at most `max` characters.
fn truncate_chars(s: &mut String, max: usize) {
    if let Some((i, _)) = s.char_indices().nth(max) {
        s.truncate(i);
    }
}

/// A last-resort token for alphanumeric input nothing could read, of at
/// most [`MAX_TOKEN_CHARS`] characters.
fn fallback_token(s: &str) -> Option<String> {
    let c = s.chars().find(|c| c.is_alphanumeric())?;
    // Only the start is read: the token is cut to the limit anyway.
    let head: String = s.chars().take(4 * MAX_TOKEN_CHARS).collect();
    let mut a: String = any_ascii::any_ascii(&head)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    truncate_chars(&mut a, MAX_TOKEN_CHARS);
    if a.is_empty() {
        Some(format!("u{:x}", c as u32))
    } else {
        Some(a)
    }
}

/// A slot: the alternative readings of one word (or one phrase), each a
/// token sequence.
type Slot = Vec<Vec<Token>>;

fn tokens_of(reading: &str, out: &mut Vec<Token>) {
    for t in reading.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !t.is_empty() {
            out.push(Token {
                text: t.to_ascii_lowercase(),
                role: name_parts::role_of(t),
                dictionary: false,
            });
        }
    }
}

fn slot_of(readings: &[String]) -> Slot {
    readings
        .iter()
        .map(|r| {
            let mut v = Vec::with_capacity(2);
            tokens_of(r, &mut v);
            v
        })
        .collect()
}

/// [`slot_of`] for the readings of Hangul, Han and kana: their syllables
/// are name words, never a Latin stopword, particle or initial that they
/// happen to spell (민 "min", 우 "u", 이 "i").
fn syllable_slot_of(readings: &[String]) -> Slot {
    let mut slot = slot_of(readings);
    for t in slot.iter_mut().flatten() {
        if t.role != TokenRole::Number {
            t.role = TokenRole::Word;
        }
    }
    slot
}

/// Where a legal form starts: its length in words and its code.
type LegalSpan = Option<(usize, &'static str)>;

/// The legal forms of a name: at each word that starts one, its length in
/// words and its code. A name that is nothing but legal-form words has
/// none (it is the name itself: "Trust Company").
fn legal_spans(words: &[RawWord]) -> Vec<LegalSpan> {
    let n = words.len();
    let mut legal: Vec<LegalSpan> = vec![None; n];
    let keys = legal_forms::keys(words);
    let mut i = 0;
    let mut covered = 0;
    while i < n {
        if let Some((len, code)) = legal_forms::match_at(&keys, i) {
            legal[i] = Some((len, code));
            covered += len;
            i += len;
        } else {
            i += 1;
        }
    }
    if covered == n {
        legal.iter_mut().for_each(|l| *l = None);
    }
    legal
}

/// Word-level readings. `canonical`: recognise legal forms and expand
/// abbreviations (name_forms), or keep the plain text (fold).
fn readings(words: &[RawWord], canonical: bool, legal: &[LegalSpan]) -> Vec<Slot> {
    let n = words.len();
    let mut slots: Vec<Slot> = Vec::with_capacity(n);
    let lang = cyrillic::detect_lang(
        words
            .iter()
            .filter(|w| w.script == Script::Cyrillic)
            .map(|w| w.text.as_str()),
    );
    let han_person = !words
        .iter()
        .any(|w| w.script == Script::Han && han::is_legal_form(&w.text));
    let mut seen_hangul = false;
    let mut seen_han = false;
    let numbers = canonical.then(|| numbers::number_words().spans(words));
    let mut i = 0;
    while i < n {
        if let Some((len, value)) = numbers.as_ref().and_then(|s| s[i]) {
            slots.push(vec![vec![Token {
                text: value.to_string(),
                role: TokenRole::Number,
                dictionary: false,
            }]]);
            i += len;
            continue;
        }
        if let Some((len, code)) = legal[i] {
            slots.push(vec![vec![Token {
                text: code.to_string(),
                role: TokenRole::LegalForm,
                dictionary: false,
            }]]);
            i += len;
            continue;
        }
        let w = &words[i];
        match w.script {
            Script::Latin => {
                let text = if canonical {
                    name_parts::expand_abbreviation(&w.text).unwrap_or(&w.text)
                } else {
                    &w.text
                };
                let text = numbers::ordinal_digits(text)
                    .or_else(|| name_parts::canonical_particle(text))
                    .unwrap_or(text);
                let mut slot = vec![vec![Token {
                    text: text.to_string(),
                    role: name_parts::role_of(text),
                    dictionary: false,
                }]];
                // Persons' names too (they are read with canonical = false):
                // the split is a second reading, the first stays as written.
                if let Some((stem, particle)) = name_parts::compound_suffix(text) {
                    slot.push(vec![
                        Token {
                            text: stem.to_string(),
                            role: name_parts::role_of(stem),
                            dictionary: false,
                        },
                        Token {
                            text: particle.to_string(),
                            role: TokenRole::Particle,
                            dictionary: false,
                        },
                    ]);
                }
                if let Some(name) = name_parts::assimilated_article(text) {
                    slot.push(vec![
                        Token {
                            text: "al".to_string(),
                            role: TokenRole::Particle,
                            dictionary: false,
                        },
                        Token {
                            text: name.to_string(),
                            role: name_parts::role_of(name),
                            dictionary: false,
                        },
                    ]);
                }
                slots.push(slot);
                i += 1;
            }
            Script::Cyrillic => {
                let v = cyrillic::variants(&w.text, lang);
                slots.push(slot_of(&v));
                i += 1;
            }
            Script::Arabic => {
                let mut j = i;
                while j < n && words[j].script == Script::Arabic && legal[j].is_none() {
                    j += 1;
                }
                let run: Vec<&str> = words[i..j].iter().map(|w| w.text.as_str()).collect();
                for r in arabic::romanise_run(&run) {
                    slots.push(slot_of(&r));
                }
                i = j;
            }
            Script::Hangul => {
                let first = !seen_hangul;
                seen_hangul = true;
                slots.push(syllable_slot_of(&hangul::readings(&w.text, first)));
                i += 1;
            }
            Script::Kana => {
                let slot = syllable_slot_of(&japanese::readings(&w.text));
                slots.push(with_group_readings(slot, w));
                i += 1;
            }
            Script::Hebrew => {
                slots.push(slot_of(&hebrew::readings(&w.text)));
                i += 1;
            }
            Script::Han => {
                let first = !seen_han;
                seen_han = true;
                let slot = syllable_slot_of(&han::readings(&w.text, han_person, first));
                slots.push(if han_person {
                    with_group_readings(slot, w)
                } else {
                    slot
                });
                i += 1;
            }
        }
    }
    slots.retain(|s| !s.is_empty());
    slots
}

/// `slot` with the Latin readings the name-group data gives word `w`
/// ([`name_groups`]: ジョージ → george, 安倍 → abe) second, after the
/// romaniser's most likely reading. A Han word the data does not hold
/// whole is tried as a family name of two or more characters and a given
/// name (安倍晋三 → abe shinzo): both parts must be known.
fn with_group_readings(mut slot: Slot, w: &RawWord) -> Slot {
    let groups = name_groups::name_groups();
    let word = |r: &str| Token {
        text: r.to_string(),
        role: TokenRole::Word,
        dictionary: w.script == Script::Han,
    };
    let mut extra: Vec<Vec<Token>> = groups
        .native_readings(&w.text)
        .iter()
        .map(|r| vec![word(r)])
        .collect();
    if extra.is_empty() && w.script == Script::Han {
        let chars: Vec<(usize, char)> = w.text.char_indices().collect();
        for &(at, _) in chars.iter().skip(2) {
            let (family, given) = w.text.split_at(at);
            let (f, g) = (
                groups.native_readings(family),
                groups.native_readings(given),
            );
            if let (Some(f), Some(g)) = (f.first(), g.first()) {
                extra.push(vec![word(f), word(g)]);
                break;
            }
        }
    }
    let mut at = slot.len().min(1);
    for r in extra {
        if !slot.contains(&r) {
            slot.insert(at, r);
            at += 1;
        }
    }
    slot
}

fn form_from(slots: &[Slot], pick: impl Fn(usize, &Slot) -> usize) -> NameForm {
    let mut tokens = Vec::with_capacity(slots.len() + 2);
    for (i, s) in slots.iter().enumerate() {
        if let Some(alt) = s.get(pick(i, s)) {
            tokens.extend(alt.iter().cloned());
        }
    }
    NameForm { tokens }
}

fn push_form(forms: &mut Vec<NameForm>, f: NameForm) {
    if !f.tokens.is_empty() && !forms.contains(&f) {
        forms.push(f);
    }
}

/// Combines slot readings into at most [`MAX_READINGS`] forms: column by column
/// first, then single substitutions into the first form.
fn combine(slots: &[Slot]) -> Vec<NameForm> {
    let maxk = slots.iter().map(Vec::len).max().unwrap_or(0);
    if maxk <= 1 {
        let f = form_from(slots, |_, _| 0);
        return if f.tokens.is_empty() { vec![] } else { vec![f] };
    }
    let mut forms: Vec<NameForm> = Vec::with_capacity(MAX_READINGS);
    for k in 0..maxk {
        push_form(&mut forms, form_from(slots, |_, s| k.min(s.len() - 1)));
        if forms.len() >= MAX_READINGS {
            return forms;
        }
    }
    for (si, s) in slots.iter().enumerate() {
        for a in 1..s.len() {
            push_form(
                &mut forms,
                form_from(slots, |i, _| if i == si { a } else { 0 }),
            );
            if forms.len() >= MAX_READINGS {
                return forms;
            }
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        name_forms(raw).iter().map(NameForm::text).collect()
    }

    #[test]
    fn latin() {
        assert_eq!(fold("  O'Brien,  Seán  "), "obrien sean");
        assert_eq!(
            fold("SADDAM HUSSEIN AL-TIKRITI"),
            "saddam hussein al tikriti"
        );
        assert_eq!(fold("Straße Øster Æble Işık"), "strasse oster aeble isik");
        assert_eq!(
            texts("PUTIN, Vladimir Vladimirovich"),
            vec!["putin vladimir vladimirovich"]
        );
    }

    #[test]
    fn legal() {
        let f = name_forms("OOO Alabuga Machinery");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].tokens[0].role, TokenRole::LegalForm);
        assert_eq!(f[0].text(), "llc alabuga machinery");
        assert_eq!(texts("ACME TRADING CO., LTD.")[0], "acme trading ltd");
        assert_eq!(texts("Banco X S.A.")[0], "banco x sa");
        assert_eq!(texts("ООО «Ромашка»")[0], "llc romashka");
    }

    #[test]
    fn an_acronym_written_dotted_or_spaced_is_one_word() {
        for raw in ["I.B.M.", "I. B. M.", "I B M", "IBM"] {
            assert_eq!(texts(raw), vec!["ibm"], "{raw}");
        }
        assert_eq!(texts("I.R.G.C. Navy")[0], "irgc navy");
        assert_eq!(name_forms("I.R.G.C.")[0].tokens[0].role, TokenRole::Word);
        // Two letters stay initials; legal forms stay legal forms.
        assert_eq!(texts("J.P. Trading")[0], "j p trading");
        assert_eq!(texts("Alfa J.S.C.")[0], "alfa jsc");
        let f = &name_forms("Alfa L L C")[0];
        assert_eq!(f.text(), "alfa llc");
        assert_eq!(f.tokens[1].role, TokenRole::LegalForm);
        // A person's initials stay initials, also when the kind is unknown.
        assert_eq!(person_forms("J. R. R. Tolkien")[0].text(), "j r r tolkien");
        let party: Vec<String> = party_forms("J. R. R. Tolkien")
            .iter()
            .map(NameForm::text)
            .collect();
        assert!(party.contains(&"jrr tolkien".to_string()), "{party:?}");
        assert!(party.contains(&"j r r tolkien".to_string()), "{party:?}");
    }
}
