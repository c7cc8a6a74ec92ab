//! Search keys: what candidate generation in [`crate::Index`] can join a
//! query with a listed name on, for stores kept outside the engine.
//!
//! A monitoring run searches the customer register for the list entries
//! that changed (reverse screening). Building an [`crate::Index`] over a
//! register of a million customers on every run costs tens of seconds;
//! instead a store keeps, for each customer, the words and joined word
//! pairs its screening queries generate candidates from
//! ([`query_words`]), and for each distinct word its fuzzy keys
//! ([`fuzzy_keys`]). A changed list entity's words ([`entity_words`]) are
//! then looked up by the same relations the index uses when a query word
//! is expanded:
//!
//! - the same word;
//! - the same sound key ([`crate::normalize::phonetic_key`]);
//! - a shared one-letter deletion (both words of [`MIN_DELETION_LEN`]
//!   letters or more: a typo of one or two edits);
//! - a shared one-sound deletion of long words' sound keys;
//! - a prefix either way (words of [`MIN_PREFIX_LEN`] letters or more);
//! - two adjacent words written as one, either way; and a query word
//!   that is two words of the entity's name written together in any
//!   order ([`entity_words`] holds every such pair);
//! - an organisation's acronym, either way: [`entity_words`] and
//!   [`query_words`] hold the acronyms of the name's first and last words
//!   with their joined pairs (`crate::acronyms`);
//! - a given name and its nicknames ([`query_words`] holds the names the
//!   nickname data relates to each word);
//! - a person's name and its other forms in the name-group data
//!   ([`query_words`] holds them for persons and parties of unknown kind).
//!
//! Not covered: a glued query word that reaches a list word only as its
//! ending ("ahmedmansour" → "mansour" with "ahmad" no exact part): the
//! store would need every ending of every customer word.
//!
//! Every customer whose forward screening could reach the entity as a
//! candidate shares a key with it (the keys are a superset: hash
//! collisions and relaxed length rules only add customers, which the
//! caller then screens exactly). The tests below check that on screening
//! results.
//!
//! The length rules are the index's own ([`crate::weights`]); a change
//! of the expansion itself must be made here too (the superset test
//! fails otherwise). Which of the customers found can match is then told
//! by [`crate::Index::best_scores`].

use crate::acronyms::{for_each_key, Part};
use crate::model::{Entity, EntityKind};
use crate::normalize::{
    name_forms, name_groups, nicknames, party_forms, person_forms, phonetic_key, NameForm,
    TokenRole,
};
use crate::weights::{
    MIN_DELETION_LEN, MIN_PREFIX_LEN, MIN_SOUND_DELETION_KEY, MIN_SOUND_DELETION_LEN,
};

/// The words of a name that can meet another name's words, and its
/// adjacent word pairs written together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    pub words: Vec<String>,
    pub joined: Vec<String>,
}

impl Words {
    fn finish(mut self) -> Words {
        self.words.sort_unstable();
        self.words.dedup();
        self.joined.sort_unstable();
        self.joined.dedup();
        self
    }
}

/// The readings of a name of a party of this kind, as the index reads
/// them (persons without legal forms; unknown kind both ways).
fn forms_for(name: &str, kind: Option<EntityKind>) -> Vec<NameForm> {
    match kind {
        Some(EntityKind::Person) => person_forms(name),
        Some(_) => name_forms(name),
        None => party_forms(name),
    }
}

/// The words a screening query with this name generates candidates from
/// (no stopwords or honorifics; legal forms only when a reading has
/// nothing else), and the adjacent pairs of every reading written
/// together.
pub fn query_words<'a>(
    names: impl IntoIterator<Item = &'a str>,
    kind: Option<EntityKind>,
) -> Words {
    let mut out = Words::default();
    let groups = name_groups::name_groups();
    let person = kind.is_none_or(|k| k == EntityKind::Person);
    for name in names {
        for form in forms_for(name, kind) {
            let gen = |r: TokenRole| !matches!(r, TokenRole::Stopword | TokenRole::Honorific);
            let only_legal = form
                .tokens
                .iter()
                .filter(|t| gen(t.role))
                .all(|t| t.role == TokenRole::LegalForm);
            let words = form
                .tokens
                .iter()
                .filter(|t| gen(t.role) && (only_legal || t.role != TokenRole::LegalForm));
            for t in words {
                out.words.push(t.text.clone());
                out.words
                    .extend(nicknames::related(&t.text).map(str::to_string));
                if person {
                    for g in groups.groups_of(groups.id(&t.text)) {
                        out.words.extend(groups.folded_forms(g).map(str::to_string));
                    }
                }
            }
            push_joined(&form, &mut out.joined);
            if kind != Some(EntityKind::Person) {
                push_acronyms(&form, &mut out.joined);
            }
        }
    }
    out.finish()
}

/// Every word of every indexed reading of the entity's names, and their
/// adjacent pairs written together.
pub fn entity_words(e: &Entity) -> Words {
    let mut out = Words::default();
    for n in &e.names {
        for form in forms_for(&n.name, Some(e.kind)) {
            out.words.extend(form.tokens.iter().map(|t| t.text.clone()));
            push_joined(&form, &mut out.joined);
            if e.kind != EntityKind::Person {
                push_acronyms(&form, &mut out.joined);
            }
            // Any two words written together, in either order.
            for (i, a) in form.tokens.iter().enumerate() {
                for (j, b) in form.tokens.iter().enumerate() {
                    if i != j && i + 1 != j {
                        out.joined.push(format!("{}{}", a.text, b.text));
                    }
                }
            }
        }
    }
    out.finish()
}

fn push_joined(form: &NameForm, out: &mut Vec<String>) {
    out.extend(
        form.tokens
            .windows(2)
            .map(|w| format!("{}{}", w[0].text, w[1].text)),
    );
}

/// The acronyms an organisation's name is filed under, and a query's
/// words look up ([`crate::acronyms::for_each_key`]).
fn push_acronyms(form: &NameForm, out: &mut Vec<String>) {
    let parts: Vec<Part> = form
        .tokens
        .iter()
        .map(|t| Part::of(&t.text, t.role))
        .collect();
    for_each_key(&parts, |key, _, _| out.push(key.to_string()));
}

/// 64-bit FNV-1a: stable across builds and platforms, so stored keys stay
/// valid.
fn fnv(tag: u8, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(tag);
    for p in parts {
        p.iter().for_each(|&b| eat(b));
    }
    h
}

/// `s` with byte `skip` left out (none when `skip == s.len()`), tagged:
/// the key of the remaining bytes, wherever the deletion was.
fn deletion_key(tag: u8, s: &[u8], skip: usize) -> u64 {
    let end = skip.min(s.len());
    let rest = s.get(end + 1..).unwrap_or(&[]);
    fnv(tag, &[&s[..end], rest])
}

/// The fuzzy keys of a word: two words share one when the index expands
/// one to the other by sound key, a one-letter deletion or a one-sound
/// deletion (or by chance: a 64-bit hash collision).
pub fn fuzzy_keys(word: &str) -> Vec<u64> {
    let b = word.as_bytes();
    let phon = phonetic_key(word);
    let p = phon.as_bytes();
    let mut out = Vec::new();
    if p.len() >= 2 {
        out.push(fnv(b'p', &[p]));
    }
    if b.len() >= MIN_DELETION_LEN {
        out.extend((0..=b.len()).map(|skip| deletion_key(b'd', b, skip)));
    }
    if b.len() >= MIN_SOUND_DELETION_LEN && p.len() >= MIN_SOUND_DELETION_KEY {
        out.extend((0..=p.len()).map(|skip| deletion_key(b's', p, skip)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The beginnings of `word` a query word may be for the index to expand
/// it to `word` (at least [`MIN_PREFIX_LEN`] letters, shorter than it).
pub fn prefixes(word: &str) -> impl Iterator<Item = &str> {
    (MIN_PREFIX_LEN..word.len()).filter_map(move |n| word.get(..n))
}

/// Whether a query word beginning with `word` can reach it (the index
/// expands a word to the shorter words that begin it).
pub fn reaches_longer(word: &str) -> bool {
    word.len() >= MIN_PREFIX_LEN
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Name, NameType, Provenance};
    use crate::{Index, Query, ScreenOptions};

    /// Whether query word `t` and list word `l` meet by the keys.
    fn meet(t: &str, l: &str) -> bool {
        if t == l || prefixes(l).any(|p| p == t) || (reaches_longer(l) && t.starts_with(l)) {
            return true;
        }
        let kl = fuzzy_keys(l);
        fuzzy_keys(t).iter().any(|k| kl.contains(k))
    }

    fn reached(q: &Words, e: &Words) -> bool {
        q.words
            .iter()
            .any(|t| e.words.iter().any(|l| meet(t, l)) || e.joined.contains(t))
            || q.joined.iter().any(|j| e.words.contains(j))
    }

    fn entity(id: usize, kind: EntityKind, names: &[&str]) -> Entity {
        let mut e = Entity::new(
            "t",
            &id.to_string(),
            kind,
            names[0],
            Provenance {
                list: "t".into(),
                file: String::new(),
                line: None,
            },
        );
        e.names
            .extend(names[1..].iter().map(|n| Name::new(*n, NameType::Aka)));
        e
    }

    /// Every entity a query finds by its name shares a key with the
    /// query: typos, sound-alikes, prefixes, joined words, transliteration
    /// and legal forms included.
    #[test]
    fn every_name_result_shares_a_key() {
        let names: &[(&[&str], EntityKind)] = &[
            (
                &["IVANOV, Ivan Petrovich", "Иван Иванов"],
                EntityKind::Person,
            ),
            (&["MUHAMMAD AL-HASHIMI"], EntityKind::Person),
            (&["ABU BAKR"], EntityKind::Person),
            (&["SIRAJUDDIN HAQQANI"], EntityKind::Person),
            (&["AUCTION HOUSE MOSCOW LLC"], EntityKind::Organization),
            (&["SEVERNAYA TRADING OOO"], EntityKind::Organization),
            (&["OCEAN STAR"], EntityKind::Vessel),
            (&["GAZPROMBANK"], EntityKind::Organization),
            (&["LABIN, Viktor Gennadyevich"], EntityKind::Person),
            (&["KHAMENEI, Ali"], EntityKind::Person),
            (&["PETROV, Sergei Nikolayevich"], EntityKind::Person),
            (&["CLINTON, William Jefferson"], EntityKind::Person),
            (
                &["ISLAMIC REVOLUTIONARY GUARD CORPS"],
                EntityKind::Organization,
            ),
            (&["NIOC"], EntityKind::Organization),
        ];
        let mut ents: Vec<Entity> = names
            .iter()
            .enumerate()
            .map(|(i, (n, k))| entity(i, *k, n))
            .collect();
        // Filler, so that word rarities are those of a real list.
        ents.extend((0..300).map(|i| {
            entity(
                1000 + i,
                EntityKind::Person,
                &[format!("QZX{i}VAR WYK{i}ORN").as_str()],
            )
        }));
        let index = Index::build(ents.clone());
        let queries = [
            "Ivan Ivanov",
            "Ivanov Ivan Petrovitch",
            "Mohammad Hashimi",
            "Mohamed al Hashemi",
            "Abubakr",
            "Siraj Haqani",
            "Auktsion House Moscow",
            "Severnaya Trading LLC",
            "Severnaya",
            "Ocean Star",
            "Gazprom Bank",
            "Gaprombank",
            "Gazprombnak",
            "Viktor Labin",
            "Victor Labinn",
            "Ali Khamenei",
            "Aly Khamenei",
            "Иванов Иван",
            "OOO",
            "SERGEIPETROV",
            "PetrovSergei",
            "Bill Clinton",
            "Bill",
            "ALIKHAMENEI",
            "IRGC",
            "I.R.G.C.",
            "National Iranian Oil Company",
        ];
        let mut checked = 0;
        for q in queries {
            for kind in [
                None,
                Some(EntityKind::Person),
                Some(EntityKind::Organization),
            ] {
                let query = Query {
                    kind,
                    ..Query::new(q)
                };
                let qw = query_words([q], kind);
                let opts = ScreenOptions {
                    limit: 20,
                    threshold: 0.0,
                };
                for m in index.screen(&query, &opts) {
                    let e = ents.iter().find(|e| e.id == m.entity_id).unwrap();
                    assert!(
                        reached(&qw, &entity_words(e)),
                        "{q:?} ({kind:?}) found {} without a shared key",
                        m.entity_id
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "only {checked} results checked");
    }

    #[test]
    fn keys_relate_typos_sounds_and_prefixes() {
        assert!(fuzzy_keys("haqqani")
            .iter()
            .any(|k| fuzzy_keys("haqani").contains(k)));
        assert!(fuzzy_keys("mohammad")
            .iter()
            .any(|k| fuzzy_keys("muhammad").contains(k)));
        // One letter left out, anywhere: a shared deletion key.
        let d = |w: &str| {
            fuzzy_keys(w)
                .into_iter()
                .collect::<std::collections::HashSet<_>>()
        };
        assert!(!d("gazprombank").is_disjoint(&d("gaprombank")));
        assert!(!d("gazprombank").is_disjoint(&d("gazprombnk")));
        assert!(!fuzzy_keys("smith")
            .iter()
            .any(|k| fuzzy_keys("jones").contains(k)));
        assert_eq!(
            prefixes("sirajuddin").collect::<Vec<_>>(),
            vec![
                "sira",
                "siraj",
                "siraju",
                "sirajud",
                "sirajudd",
                "sirajuddi"
            ]
        );
        let w = query_words(["Severnaya Trading LLC"], Some(EntityKind::Organization));
        assert_eq!(w.words, vec!["severnaya", "trading"]);
        assert!(w.joined.contains(&"severnayatrading".to_string()));
        let only = query_words(["LLC"], Some(EntityKind::Organization));
        assert_eq!(only.words, vec!["llc"]);
    }
}
