//! Patronymics (Sergeyevich, Nikolayevna, oglu): what they look like and
//! what they say.
//!
//! - A query routinely leaves the patronymic out, so an unmatched one
//!   weighs little ([`crate::weights::PATRONYMIC_FACTOR`]) ...
//! - ... unless both names have one and they are not the same: "Ivan
//!   Sergeyevich Petrov" and "Ivan Nikolayevich PETROV" are two people, so
//!   a present-but-different patronymic weighs fully on both sides
//!   ([`conflict`]).
//! - A patronymic is not a spelling of the given name it is made from:
//!   "Sergey" does not begin "Sergeyevna" as a shortened name does
//!   ([`unrelated_forms`], used by the token similarity).

/// Endings of East Slavic and Turkic patronymics.
const PATRONYMIC_ENDINGS: [&str; 11] = [
    "ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ogly", "oglu", "kyzy", "qizi",
];

/// Whether a token looks like an East Slavic or Turkic patronymic.
pub(crate) fn is_patronymic(t: &str) -> bool {
    t.len() >= 7 && PATRONYMIC_ENDINGS.iter().any(|e| t.ends_with(e))
}

/// Whether two tokens are a patronymic and its stem (the given name it is
/// made from, or a surname made from the same name): the patronymic
/// begins with all but at most the last letter of the other, which is at
/// least two letters shorter (Sergey / Sergeyevna, Sergeev /
/// Sergeevich). They are not spellings of each other, though one begins
/// the other. Two transliterations of one patronymic whose endings differ
/// (Vyacheslavovich / Vjaceslavovic, Hryhoryavich / Ryhorovich) are not a
/// stem and its patronymic, and are left to the edit similarity.
pub(crate) fn unrelated_forms(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The cheap tests first: this runs for every pair of alike tokens.
    long.len() >= short.len() + 2
        && short.len() >= 3
        && long
            .as_bytes()
            .starts_with(&short.as_bytes()[..short.len() - 1])
        && is_patronymic(long)
        && !is_patronymic(short)
}

/// Whether the query and the list name each have a patronymic left
/// unmatched: two different patronymics, evidence of two people.
pub(crate) fn conflict<'a>(
    q: impl IntoIterator<Item = (&'a str, bool)>,
    l: impl IntoIterator<Item = (&'a str, bool)>,
) -> bool {
    let unmatched = |(t, used): (&str, bool)| !used && is_patronymic(t);
    q.into_iter().any(unmatched) && l.into_iter().any(unmatched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patronymics_and_their_stems() {
        assert!(is_patronymic("sergeyevich") && is_patronymic("sergeyevna"));
        assert!(!is_patronymic("sergey") && !is_patronymic("petrova"));
        assert!(unrelated_forms("sergey", "sergeyevna"));
        assert!(unrelated_forms("sergeevna", "sergeev"));
        assert!(!unrelated_forms("abramovich", "abramovic"));
        assert!(!unrelated_forms("vyacheslavovich", "vjaceslavovic"));
        assert!(!unrelated_forms("hryhoryavich", "ryhorovich"));
        assert!(!unrelated_forms("sergeyevich", "sergeevich"));
    }

    #[test]
    fn conflict_needs_a_patronymic_unmatched_on_both_sides() {
        let q = [("ivan", true), ("sergeyevich", false), ("petrov", true)];
        let l = [("ivan", true), ("nikolayevich", false), ("petrov", true)];
        assert!(conflict(q, l));
        assert!(!conflict(q, [("ivan", true), ("petrov", true)]));
        let same = [("ivan", true), ("sergeyevich", true), ("petrov", true)];
        assert!(!conflict(same, same));
    }
}
