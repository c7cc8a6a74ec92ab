//! Reading a list's alias field when it holds more than one name.
//!
//! The UN consolidated list often puts several spellings in one
//! `ALIAS_NAME` ("Husain Salimi; Hosain Salimi; Hussain Salimi"), numbers
//! them ("Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet"), gives
//! the same name in another script in brackets ("Jin Tiesan (金铁三)",
//! "حسن غول (Hassan Ghul; Hassan Gul)", "Abubakar (original script:
//! Абубакар)"), or adds a remark ("Encep Nurjaman (birth name)", "Safia
//! Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (…)"). Screened as one
//! string such a field matches nothing well: each name must be its own.
//!
//! [`split_alias`] returns the names of such a field, each with its script
//! when it is not Latin, and the bracketed or trailing remarks that are not
//! names. A field holding one plain name comes back unchanged.

use crate::xml::script_of;

/// One name read out of an alias field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AliasPart {
    pub name: String,
    /// The script's English name when the part is not in Latin script.
    pub script: Option<&'static str>,
}

/// What an alias field holds: its names and the remarks that are not names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct AliasField {
    pub names: Vec<AliasPart>,
    pub notes: Vec<String>,
}

impl AliasField {
    /// Whether the field was more than one plain name.
    pub fn was_split(&self) -> bool {
        self.names.len() > 1 || !self.notes.is_empty()
    }
}

/// Splits an alias field into its names and remarks (see the module text).
pub(crate) fn split_alias(text: &str) -> AliasField {
    let mut field = AliasField::default();
    let mut rest = text.trim();
    // A trailing ", born 1 Jan. 1953 (…)" is a remark about the name.
    if let Some(i) = find_ascii_ci(rest, ", born ") {
        field.notes.push(rest[i + 2..].trim().to_string());
        rest = rest[..i].trim();
    }
    let (outside, groups) = bracket_groups(rest);
    let outside_script = script_of(&outside);
    for g in groups {
        let g = g.trim();
        let (g, marked) = match strip_prefix_ci(g, "original script:") {
            Some(s) => (s.trim(), true),
            None => (g, false),
        };
        if g.is_empty() {
            continue;
        }
        // Names in brackets: the same name in another script, or a list
        // of spellings. Anything else in brackets is a remark.
        if marked || script_of(g) != outside_script || g.contains(';') {
            push_names(&mut field, g);
        } else {
            field.notes.push(g.to_string());
        }
    }
    let mut names = AliasField::default();
    push_names(&mut names, &outside);
    names.names.append(&mut field.names);
    names.notes = field.notes;
    names
}

/// Adds the names of a `;`- or `a)`/`b)`-separated run, each once.
fn push_names(field: &mut AliasField, text: &str) {
    // A set, not a scan of the names so far: a field of many short names
    // (hostile, up to the field limit) would cost their number squared.
    let mut seen: std::collections::HashSet<String> =
        field.names.iter().map(|p| p.name.clone()).collect();
    for piece in text.split(';').flat_map(split_enumeration) {
        let name = piece
            .trim()
            .trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() || !name.chars().any(char::is_alphabetic) {
            continue;
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        field.names.push(AliasPart {
            script: script_of(&name),
            name,
        });
    }
}

/// Splits "X b) Y" and "a) X" at enumeration markers (a single lower-case
/// letter and a closing bracket standing as a word).
fn split_enumeration(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        let at_word = i == 0 || b[i - 1] == b' ';
        let ends = i + 2 >= b.len() || b[i + 2] == b' ';
        if at_word && ends && b[i].is_ascii_lowercase() && b[i + 1] == b')' {
            out.push(&s[start..i]);
            start = i + 2;
            i += 2;
            continue;
        }
        i += 1;
    }
    out.push(&s[start..]);
    out
}

/// The text with its top-level bracketed groups removed, and the groups.
/// An unbalanced bracket is left in the text.
fn bracket_groups(s: &str) -> (String, Vec<String>) {
    let mut outside = String::with_capacity(s.len());
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                if depth > 0 {
                    current.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push(std::mem::take(&mut current));
                } else {
                    current.push(c);
                }
            }
            _ if depth > 0 => current.push(c),
            _ => outside.push(c),
        }
    }
    if depth > 0 {
        outside.push('(');
        outside.push_str(&current);
    }
    (outside, groups)
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        split_alias(text)
            .names
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn many_names_in_one_field_split_in_linear_time() {
        // 200,000 distinct names (1.4 MB): the duplicate check was a scan
        // of the names so far, 2 * 10^10 comparisons.
        let text: Vec<String> = (0..200_000).map(|i| format!("n{i:x}")).collect();
        let f = split_alias(&text.join(";"));
        assert_eq!(f.names.len(), 200_000);
        assert_eq!(names("A; B; A"), ["A", "B"]);
    }

    #[test]
    fn plain_name_is_unchanged() {
        let f = split_alias("Hilarion Santos, III");
        assert_eq!(names("Hilarion Santos, III"), ["Hilarion Santos, III"]);
        assert!(!f.was_split());
    }

    #[test]
    fn semicolon_lists_and_enumerations() {
        assert_eq!(
            names("Husain Salimi; Hosain Salimi;  Hussain Salimi"),
            ["Husain Salimi", "Hosain Salimi", "Hussain Salimi"]
        );
        assert_eq!(
            names(
                "Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet; M. Jawad Karimi Sabet"
            ),
            [
                "Mohammed Sabet",
                "Mohammad Sabet",
                "M. Javad Kareemi Sabet",
                "M. Jawad Karimi Sabet"
            ]
        );
        // A one-letter word that is not an enumeration stays.
        assert_eq!(names("Ali a Bakr"), ["Ali a Bakr"]);
    }

    #[test]
    fn other_script_in_brackets_is_a_name() {
        let f = split_alias("Jin Tiesan (金铁三)");
        assert_eq!(
            f.names,
            [
                AliasPart {
                    name: "Jin Tiesan".into(),
                    script: None
                },
                AliasPart {
                    name: "金铁三".into(),
                    script: Some("Han")
                }
            ]
        );
        assert_eq!(
            names("حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)"),
            ["حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul"]
        );
        assert_eq!(
            names("Abubakar (original script: Абубакар)"),
            ["Abubakar", "Абубакар"]
        );
    }

    #[test]
    fn remarks_are_not_names() {
        let f = split_alias("Encep Nurjaman (birth name)");
        assert_eq!(names("Encep Nurjaman (birth name)"), ["Encep Nurjaman"]);
        assert_eq!(f.notes, ["birth name"]);
        let f = split_alias(
            "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239)",
        );
        assert_eq!(f.names.len(), 1);
        assert_eq!(f.names[0].name, "Safia Farkash Mohammed Al-Hadad");
        assert_eq!(f.notes, ["born 1 Jan. 1953 (Oman passport no.03825239)"]);
        // An unbalanced bracket is kept as text, not lost.
        assert_eq!(names("Abu (Ali"), ["Abu (Ali"]);
    }
}
