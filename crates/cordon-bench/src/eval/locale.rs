//! Locale negatives: realistic names of people and companies in sixteen
//! locales (Persian, Arabic, Russian, Ukrainian, Chinese, Korean, Japanese,
//! Turkish, Hebrew, Greek, Hindi, Pakistani and Azerbaijani names, US and
//! German controls), in their own script and, where the generator offers
//! one, in Latin script. They come from `data/locale_negatives.tsv`,
//! generated once with a fixed seed by `scripts/gen_locale_negatives.py`
//! (Faker, MIT licence; the file's header names the version).
//!
//! None of them is meant to be listed: every generated name that reads as
//! a listed name (the same words in one of its readings, legal forms and
//! titles aside: the generator's Russian companies include real ones) is
//! left out and
//! counted, so each remaining alert is a false one. Each case falls in the
//! tune or the holdout half by its id ([`super::split_of`]); its category
//! is its locale and form (`fa_IR`, `ru_RU latin`, `tr_TR company`). These
//! sets measure; no rule may exist to pass a row.

use super::{split_of, CaseOutcome, EvalCase, Split};
use cordon_engine::normalize::{name_forms, native::native_script, TokenRole};
use cordon_engine::{Entity, EntityKind, Query};
use std::collections::{BTreeMap, HashSet};

const NAMES: &str = include_str!("../../data/locale_negatives.tsv");

/// A line of `locale_negatives.tsv` that is not `LOCALE<TAB>FORM<TAB>NAME`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocaleNamesError {
    #[error("locale_negatives.tsv: line {line} is not LOCALE<TAB>FORM<TAB>NAME with FORM person, company or latin: {text:?}")]
    Line { line: usize, text: String },
}

/// How a generated name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A person, in the locale's own script.
    Person,
    /// A company.
    Company,
    /// A person, in the Latin form the generator offers for the locale.
    Latin,
}

/// One generated name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleName {
    pub locale: String,
    pub form: Form,
    pub name: String,
}

/// Parses the generated names (`#` lines are the header).
pub fn parse_locale_names(text: &str) -> Result<Vec<LocaleName>, LocaleNamesError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || LocaleNamesError::Line {
            line: i + 1,
            text: line.to_string(),
        };
        let mut cols = line.split('\t');
        let (Some(locale), Some(form), Some(name), None) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(bad());
        };
        let form = match form {
            "person" => Form::Person,
            "company" => Form::Company,
            "latin" => Form::Latin,
            _ => return Err(bad()),
        };
        if locale.is_empty() || name.trim().is_empty() {
            return Err(bad());
        }
        out.push(LocaleName {
            locale: locale.to_string(),
            form,
            name: name.to_string(),
        });
    }
    Ok(out)
}

/// The embedded generated names.
pub fn locale_names() -> Result<Vec<LocaleName>, LocaleNamesError> {
    parse_locale_names(NAMES)
}

/// The readings of a name other than the native CJK one, each as its
/// sorted words without legal forms, stopwords and titles: two names are
/// the same name when one of these is equal ("Полиметалл" is the listed
/// JOINT STOCK COMPANY POLIMETALL).
fn reading_keys(name: &str) -> Vec<Vec<String>> {
    name_forms(name)
        .iter()
        .filter(|f| native_script(f).is_none())
        .map(|f| {
            let mut v: Vec<String> = f
                .tokens
                .iter()
                .filter(|t| {
                    !matches!(
                        t.role,
                        TokenRole::LegalForm | TokenRole::Stopword | TokenRole::Honorific
                    )
                })
                .map(|t| t.text.clone())
                .collect();
            v.sort();
            v
        })
        .filter(|v| !v.is_empty())
        .collect()
}

/// The locale negatives of one half.
#[derive(Debug, Default)]
pub struct LocaleNegatives {
    pub cases: Vec<EvalCase>,
    /// Generated names (of both halves) left out because one of their
    /// readings is a listed name.
    pub listed: Vec<String>,
}

/// The generated `names` that read as none of `entities`' names, in half
/// `split`, each screened as a person or an organisation.
pub fn locale_negative_cases(
    entities: &[Entity],
    names: &[LocaleName],
    split: Split,
) -> LocaleNegatives {
    let listed: HashSet<Vec<String>> = entities
        .iter()
        .flat_map(|e| &e.names)
        .flat_map(|n| reading_keys(&n.name))
        .collect();
    let mut out = LocaleNegatives::default();
    for (i, n) in names.iter().enumerate() {
        if reading_keys(&n.name).iter().any(|k| listed.contains(k)) {
            out.listed.push(n.name.clone());
            continue;
        }
        let id = format!("locale-neg-{}-{}", n.locale, i + 1);
        if split_of(&id) != split {
            continue;
        }
        let (kind, category) = match n.form {
            Form::Person => (EntityKind::Person, n.locale.clone()),
            Form::Company => (EntityKind::Organization, format!("{} company", n.locale)),
            Form::Latin => (EntityKind::Person, format!("{} latin", n.locale)),
        };
        out.cases.push(EvalCase {
            id,
            category,
            query: Query {
                name: n.name.clone(),
                kind: Some(kind),
                ..Query::default()
            },
            expected: Vec::new(),
        });
    }
    out
}

/// Per locale (every form of it together): queries and those with an
/// alert, in locale order.
pub fn alerts_per_locale(outcomes: &[CaseOutcome]) -> Vec<(String, usize, usize)> {
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for o in outcomes {
        let locale = o.category.split(' ').next().unwrap_or(&o.category);
        let e = per.entry(locale).or_default();
        e.0 += 1;
        e.1 += usize::from(o.any_match);
    }
    per.into_iter()
        .map(|(l, (q, a))| (l.to_string(), q, a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::Provenance;

    #[test]
    fn embedded_names_parse_with_every_locale_and_form() {
        let n = locale_names().unwrap();
        assert!(n.len() > 10_000);
        for loc in [
            "fa_IR", "ar_SA", "ru_RU", "zh_CN", "ko_KR", "he_IL", "el_GR",
        ] {
            assert!(n.iter().any(|x| x.locale == loc && x.form == Form::Person));
            assert!(n.iter().any(|x| x.locale == loc && x.form == Form::Company));
        }
        for loc in ["ru_RU", "uk_UA", "zh_CN", "ja_JP", "el_GR"] {
            assert!(n.iter().any(|x| x.locale == loc && x.form == Form::Latin));
        }
    }

    #[test]
    fn malformed_lines_are_errors() {
        for bad in [
            "fa_IR\tperson",
            "fa_IR\tplace\tX",
            "fa_IR\tperson\tX\tY",
            "\tperson\tX",
        ] {
            assert_eq!(
                parse_locale_names(&format!("# header\n{bad}\n")),
                Err(LocaleNamesError::Line {
                    line: 2,
                    text: bad.to_string()
                })
            );
        }
    }

    #[test]
    fn listed_names_are_left_out_and_halves_are_deterministic() {
        let names = parse_locale_names(
            "ru_RU\tperson\tИван Петров\nru_RU\tlatin\tPetrov Ivan\nfa_IR\tperson\tعلی رضایی\nen_US\tcompany\tAcme Widgets Inc\n",
        )
        .unwrap();
        let prov = Provenance {
            list: "t".into(),
            file: String::new(),
            line: None,
        };
        let listed = vec![Entity::new(
            "t",
            "1",
            EntityKind::Person,
            "PETROV, Ivan",
            prov,
        )];
        let tune = locale_negative_cases(&listed, &names, Split::Tune);
        let holdout = locale_negative_cases(&listed, &names, Split::Holdout);
        assert_eq!(tune.listed, vec!["Иван Петров", "Petrov Ivan"]);
        assert_eq!(tune.cases.len() + holdout.cases.len(), 2);
        let again = locale_negative_cases(&listed, &names, Split::Tune);
        assert_eq!(tune.cases, again.cases);
        let all: Vec<&EvalCase> = tune.cases.iter().chain(&holdout.cases).collect();
        assert!(all.iter().any(
            |c| c.category == "en_US company" && c.query.kind == Some(EntityKind::Organization)
        ));
        assert!(all.iter().any(|c| c.category == "fa_IR"));
    }
}
