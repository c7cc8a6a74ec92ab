//! Arabic name chains: a query that gives the chain of names (the nasab,
//! "Mohammed bin Salman") and leaves out the family or tribal name ("Al
//! Saud") is a common way of writing an Arab name.
//!
//! The listed "Muhammad ibn Salman Al Saud" holds two words the query lacks,
//! and a missing list word costs list coverage: 0.73, no match, although
//! every word the query gives is the listed person's and in the same chain.
//! So when the query links two matched names with a filiation particle
//! (`bin`, which `ibn` and `bint` are spelled as, see
//! `normalize::name_parts`) matched with the list's own, and every list
//! word left unmatched belongs to an `al` + name group (the family name),
//! those words weigh [`crate::weights::FAMILY_NAME_OMITTED_FACTOR`] of
//! their weight, as an
//! omitted patronymic does. Another name in the chain ("Mohammed bin Nayef"
//! against "Muhammad bin Salman Al Saud") is not helped: a query word
//! unmatched or any other list word left over keeps the full weights.

/// The filiation particle as the lexer writes it (`ibn`, `bint`, `binti`
/// become `bin`).
const LINK: &str = "bin";
/// The Arabic article of a family name (`el`, `ul`, `ash`… become `al`).
const ARTICLE: &str = "al";

/// Whether the list name's unmatched tokens are a family name the query
/// left out of a name chain. `q` and `l` are the token texts in order with
/// whether each is aligned; `linked(i, j)`: query token `i` is aligned with
/// list token `j`.
pub(crate) fn family_name_omitted(
    q: &[(&str, bool)],
    l: &[(&str, bool)],
    linked: impl Fn(usize, usize) -> bool,
) -> bool {
    // Every query token matched, and a link between two matched names,
    // itself matched with a link of the list name.
    if q.iter().any(|&(_, used)| !used) {
        return false;
    }
    let chain = (1..q.len().saturating_sub(1)).any(|i| {
        q[i].0 == LINK
            && q[i - 1].0 != LINK
            && q[i + 1].0 != LINK
            && (0..l.len()).any(|j| l[j].0 == LINK && linked(i, j))
    });
    if !chain {
        return false;
    }
    // Every unmatched list token is an article or the name it introduces,
    // and there is at least one such name.
    let mut names = 0;
    for (j, &(t, used)) in l.iter().enumerate() {
        if used {
            continue;
        }
        if t == ARTICLE {
            continue;
        }
        if j > 0 && l[j - 1].0 == ARTICLE && !l[j - 1].1 && t != LINK {
            names += 1;
            continue;
        }
        return false;
    }
    names > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks<'a>(words: &[&'a str], used: &[bool]) -> Vec<(&'a str, bool)> {
        words.iter().copied().zip(used.iter().copied()).collect()
    }

    #[test]
    fn a_chain_without_its_family_name() {
        let q = toks(&["mohammed", "bin", "salman"], &[true, true, true]);
        let l = toks(
            &["muhammad", "bin", "salman", "al", "saud"],
            &[true, true, true, false, false],
        );
        assert!(family_name_omitted(&q, &l, |i, j| i == j));
        // The list writing the family name first ("AL SAUD, Muhammad bin
        // Salman") is the same.
        let l = toks(
            &["al", "saud", "muhammad", "bin", "salman"],
            &[false, false, true, true, true],
        );
        assert!(family_name_omitted(&q, &l, |i, j| j == i + 2));
    }

    #[test]
    fn not_a_chain_or_not_only_the_family_name() {
        let l = toks(
            &["muhammad", "bin", "salman", "al", "saud"],
            &[true, true, true, false, false],
        );
        // No link in the query.
        let q = toks(&["mohammed", "salman"], &[true, true]);
        assert!(!family_name_omitted(&q, &l, |_, _| true));
        // A query word unmatched ("Mohammed bin Nayef").
        let q = toks(&["mohammed", "bin", "nayef"], &[true, true, false]);
        assert!(!family_name_omitted(&q, &l, |i, j| i == j));
        // The link not matched with the list's.
        let q = toks(&["mohammed", "bin", "salman"], &[true, true, true]);
        assert!(!family_name_omitted(&q, &l, |i, j| i == j && i != 1));
        // Another list word left over besides the family name.
        let l = toks(
            &[
                "muhammad",
                "bin",
                "salman",
                "bin",
                "abdulaziz",
                "al",
                "saud",
            ],
            &[true, true, true, false, false, false, false],
        );
        assert!(!family_name_omitted(&q, &l, |i, j| i == j));
        // An article with nothing after it is no family name.
        let l = toks(
            &["muhammad", "bin", "salman", "al"],
            &[true, true, true, false],
        );
        assert!(!family_name_omitted(&q, &l, |i, j| i == j));
    }
}
