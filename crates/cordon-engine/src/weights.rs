//! Every number the scorer uses, in one place, with the reason for it.
//!
//! A score is built in three steps (see `ARCHITECTURE.md`):
//! 1. **token similarity** in [0, 1] between one query token and one list
//!    token ([`crate::similarity`]);
//! 2. **name score**: tokens aligned one-to-one, each side's coverage weighted
//!    by token rarity and role ([`crate::align`]);
//! 3. **evidence**: date of birth, country, gender and identifiers add to or
//!    take from the name score ([`crate::evidence`]).

use crate::normalize::TokenRole;

/// Default decision threshold: a result scoring at or above it is a match.
///
/// Chosen from the measured calibration curve (`docs/calibration.md`,
/// `cordon eval --curve`): the highest threshold-wise hit rate on the
/// shared positive sets that keeps false alerts on the 50,000 shared
/// negatives within 0.1% (28 of 50,000 at the last measurement), chosen
/// on the tune half of the derived alias set and confirmed on the holdout
/// half. It stays above the weak-alias cap, so a weak alias alone never
/// alerts.
pub const DEFAULT_THRESHOLD: f64 = 0.76;

/// `cordon compare`: the factor on the name score of a pair where each
/// name keeps a word the other lacks — a substitution ("KIM Song Chol" /
/// "KIM Chol Nam", "AL-HARAMAIN: ETHIOPIA BRANCH" / "AL-HARAMAIN: KENYA
/// BRANCH", brothers "ALI ben Taher ben Faleh" / "TARAK ben Taher ben
/// Faleh"), which names two parties far more often than one; a word
/// missing on one side only is an omission and is not penalised
/// (`index/compare.rs`, `pair_name_score`). A round value, checked on the
/// tune half of the compare pair set.
pub const PAIR_SUBSTITUTION_FACTOR: f64 = 0.85;

/// Default score at or above which `cordon compare` (and `POST /compare`
/// without list weights) calls a pair of names the same party. A pair has
/// no list to weigh its words against, so it has a threshold of its own,
/// apart from [`DEFAULT_THRESHOLD`]: chosen for the best pairwise F1 on
/// the tune half of the compare pair set (`cordon eval --set
/// compare-pairs`, `docs/calibration.md`, "The compare threshold").
pub const DEFAULT_COMPARE_THRESHOLD: f64 = 0.62;

/// Default number of results returned per query.
pub const DEFAULT_LIMIT: usize = 5;

/// Weight multiplier by token role. Legal forms, stopwords and honorifics
/// say little about *which* party is meant, so they weigh little: "LLC"
/// missing from a query must not sink a match, and "LLC" alone must not make
/// one. Numbers weigh fully: "ALPHA 1" is not "ALPHA 2".
pub fn role_factor(role: TokenRole) -> f64 {
    match role {
        TokenRole::Word => 1.0,
        TokenRole::Number => 1.0,
        TokenRole::LegalForm => 0.12,
        TokenRole::Stopword => 0.08,
        TokenRole::Honorific => 0.08,
        TokenRole::Particle => 0.25,
        TokenRole::Initial => 0.3,
    }
}

/// Bounds on a token's rarity weight (inverse document frequency over all
/// indexed names). The floor keeps very common given names ("mohammad")
/// from counting for nothing; the ceiling keeps one unseen token from
/// dominating a long name.
pub const IDF_FLOOR: f64 = 1.0;
pub const IDF_CEIL: f64 = 12.0;

/// Rarity weight of every token when there is no index to count in
/// (`compare` without lists): that of a fairly rare word.
pub const NEUTRAL_IDF: f64 = 6.0;

/// Unmatched list tokens that look like patronymics (-ovich, -evna, ogly…)
/// weigh this share of their usual weight: queries routinely leave them out.
pub const PATRONYMIC_FACTOR: f64 = 0.35;

/// Unmatched list tokens that are the family name ("Al Saud") of an Arab
/// name whose chain the query gives ("Mohammed bin Salman") weigh this
/// share of their usual weight (`nasab.rs`): like a patronymic, a family
/// or tribal name is routinely left out of a name written as its chain.
pub const FAMILY_NAME_OMITTED_FACTOR: f64 = 0.35;

/// Exponents of query-side and list-side coverage in the screening name
/// score `cq^Q · cl^L`. A query word absent from the list name is strong
/// evidence against (the query says something the name does not); a list
/// word absent from the query is weaker (queries omit middle names).
pub const QUERY_COVERAGE_EXP: f64 = 0.65;
pub const LIST_COVERAGE_EXP: f64 = 0.35;

/// Least similarity for two tokens to be aligned at all.
pub const MIN_TOKEN_SIMILARITY: f64 = 0.62;

/// Similarity floor for tokens with the same phonetic key
/// (mohammad/muhammad, hossein/husayn).
pub const PHONETIC_SIMILARITY: f64 = 0.86;

/// Similarity of an initial ("T") with a word it begins ("Timur").
pub const INITIAL_SIMILARITY: f64 = 0.7;

/// A token that begins the other (a shortened compound name: "siraj" for
/// "sirajuddin") is similar by `BASE + SPAN · short/long`: 0.80 for half
/// the length. It needs at least `MIN_PREFIX_LEN` letters.
pub const MIN_PREFIX_LEN: usize = 4;
pub const PREFIX_SIMILARITY_BASE: f64 = 0.6;
pub const PREFIX_SIMILARITY_SPAN: f64 = 0.3;

/// Similarity of a token with two adjacent tokens of the other side written
/// together (abubakr / abu bakr) when the joined text is equal.
pub const JOINED_SIMILARITY: f64 = 0.95;

/// Similarity of two given names the nickname data relates (Bill /
/// William): below a phonetic match (0.86), as a nickname is one of
/// several a given name may have and a name may be the nickname of
/// several (Leon: Lionel, Leonard, Napoleon), so the family name has to
/// agree well for a match; at 0.86 two more of the 50,000 shared
/// negatives alerted ("Bobby Wilkinson" / BOB WILSON, "Léon Dupont" /
/// DUMONT, Lionel) with no gain on the nickname set.
pub const NICKNAME_SIMILARITY: f64 = 0.8;

/// Similarity of two forms of one person name in the name-group data
/// (Georgios / George, Sasha / Aleksandr, Yuki / Juki): as a nickname's,
/// below a phonetic match, since a group holds hypocorisms too and a
/// form may belong to several names, so the family name has to agree
/// well for a match.
pub const NAME_GROUP_SIMILARITY: f64 = 0.8;

/// The shortest half of a hyphenated compound the lexer writes as one word
/// ("PRIDMORE-SMITH" → `pridmoresmith`, so "John Smith" does not match it
/// on one half): four letters, so that romanised Korean and Chinese
/// syllables ("Myong-Jin", "Hui-Fen", "Sum-Tai") and short acronyms
/// ("VTB-Insurance") stay separate words. With three, the derived alias
/// holdout set lost three Korean and company aliases at rank 1.
pub const MIN_COMPOUND_HALF: usize = 4;

/// The shortest part a joined token is split into against the other
/// side's tokens (`split_tokens`): three letters keeps "Li"/"Al" from
/// splitting every word that starts with them, while "Kim", "Ali" and
/// "Wei" still split off.
pub const MIN_SPLIT_PART: usize = 3;
/// An acronym ("IRGC") aligned with the words whose initials it spells
/// (`crate::acronyms`): three to ten letters, at least three words. Two
/// letters ("SL") name too many parties; three-word runs are the most
/// common among the lists' own acronym aliases ("HTC", Hesa Trade Center).
pub const MIN_ACRONYM_LETTERS: usize = 3;
pub const MAX_ACRONYM_LETTERS: usize = 10;
pub const MIN_ACRONYM_WORDS: usize = 3;
/// Similarity of an acronym of four letters or more with its words: an
/// acronym is one of several a name may have and the same initials may
/// stand for other names, so below an exact word; alone, it still makes a
/// match.
pub const ACRONYM_SIMILARITY: f64 = 0.9;
/// Similarity of a three-letter acronym with its words: below the default
/// threshold, so that alone it ranks the names it spells first but
/// raises no alert (three letters are the initials of many names).
pub const SHORT_ACRONYM_SIMILARITY: f64 = 0.74;
/// A query word reaches the names it is the acronym of only when at most
/// this many names hold it as a word: an acronym is a rare word ("IRGC"),
/// while a common one ("oil", "ali", "kim") is the initials of many names
/// by chance, and looking at them all cost the fixed bench's exact-name
/// queries half again their work.
pub const ACRONYM_MAX_DF: u32 = 20;

/// A name score resting on little information (one generic word such as
/// "Trading") is damped: `score · (DAMP_BASE + (1 − DAMP_BASE) · min(1,
/// info / INFO_FULL))`, where `info` is the summed rarity of the matched
/// query tokens.
pub const INFO_FULL: f64 = 9.0;
pub const DAMP_BASE: f64 = 0.6;

/// A query whose only distinctive word is a common given name or a generic
/// business word (`generic_words`) has its name score multiplied by this,
/// so that even an exact name stays below the default threshold.
pub const GENERIC_QUERY_FACTOR: f64 = 0.72;

/// A name score with no anchor — no distinctive query word (not a common
/// given name or generic word) aligned exactly, joined, or by a spelling
/// at least [`ANCHOR_MIN_SIMILARITY`] alike — is multiplied by this
/// (`anchor.rs`): every word only sounding like the listed one (0.86
/// each) or a common given name plus a sound-alike family name stays
/// below the default threshold (0.86 · 0.86 < 0.76, and an exact common
/// given name with a sound-alike family name, about 0.90, too).
pub const NO_ANCHOR_FACTOR: f64 = 0.84;

/// The least spelling similarity (edit or prefix) at which a distinctive
/// word anchors a match (`anchor.rs`): one edit in seven letters
/// (0.857: "haniyya" / "haniya", a vowel a transliteration adds), not two
/// in six ("hashmi" / "ashami", 0.67).
pub const ANCHOR_MIN_SIMILARITY: f64 = 0.85;

/// An unanchored name score is scaled only when the distinctive query
/// words are on average less alike than this in their letters (edit
/// similarity, `anchor::letter_likeness`): spelling variants of one name
/// ("HAMEIAH, Jamil" / "HAMIEH, Jamiel", 0.75) keep their score, words that
/// only share a sound key ("Yazdi" / "Assad", "Zara" / "Sayyari") do not.
pub const LOOSE_LETTER_LIKENESS: f64 = 0.6;

/// The anchor rule (`anchor.rs`) looks only at name scores of at least
/// this: with every kind of evidence for it (DOB +0.06, country +0.03,
/// gender +0.01) a lower one stays below the default threshold, so the
/// cut could not change a decision there, and comparing letters for the
/// many weak candidates of a query with no match would cost 10% of its
/// instructions.
pub const NO_ANCHOR_MIN_SCORE: f64 = 0.6;

/// Weak aliases (OFAC "weak a.k.a.") are capped at this name score: on their
/// own they must not produce a confident match.
pub const WEAK_ALIAS_CAP: f64 = 0.75;

/// Date of birth evidence, added to the name score.
pub const DOB_SAME_DAY: f64 = 0.06;
pub const DOB_SAME_MONTH: f64 = 0.04;
pub const DOB_SAME_YEAR: f64 = 0.03;
/// Day and month swapped (01-02 vs 02-01), same year.
pub const DOB_SWAPPED: f64 = 0.01;
/// Same year, different month or day.
pub const DOB_SAME_YEAR_OTHER_DAY: f64 = -0.04;
/// One year apart: typing slips and calendar conversions.
pub const DOB_ONE_YEAR_OFF: f64 = -0.06;
/// Further apart: a different person.
pub const DOB_CONFLICT: f64 = -0.25;

/// Country evidence.
pub const COUNTRY_MATCH: f64 = 0.03;
pub const COUNTRY_MATCH_ADDRESS: f64 = 0.015;
/// The list gives nationality/citizenship and the query's country is none of them.
pub const COUNTRY_CONFLICT: f64 = -0.06;

/// Gender evidence.
pub const GENDER_MATCH: f64 = 0.01;
pub const GENDER_CONFLICT: f64 = -0.12;

/// An identical identifier makes a near-certain match: the score becomes at
/// least `ID_MATCH_BASE + ID_MATCH_NAME_SHARE · name_score`.
pub const ID_MATCH_BASE: f64 = 0.95;
pub const ID_MATCH_NAME_SHARE: f64 = 0.049;

/// An identical identifier lifts the score as above whatever the name says
/// when its type names one party only (IMO, MMSI, LEI, INN, OGRN, BIC,
/// passport: a renamed vessel keeps its IMO number), and for any type when
/// the query gives no name. Other identifiers (national and tax IDs,
/// registration numbers, phones, web and crypto addresses) are shared by
/// related parties or reissued, so when the query's name shares nothing
/// with the entity's the entity is shown at this score: among the results
/// for an analyst, below the default threshold.
pub const ID_MATCH_WEAK_NAME_DIFFERS: f64 = 0.5;

/// A typed query identifier that differs from every identifier of the same
/// type the entity holds (`crate::evidence::identifiers`).
///
/// IMO, LEI, INN and OGRN are assigned once per ship or legal person and
/// never reused, so a different one points at another party; vessel names in
/// particular are reused by many ships. The penalty still leaves an exact
/// name with a conflicting number just above the default threshold
/// (1.0 − 0.15 = 0.85): list data has typos, queries copy numbers by hand
/// and sanctioned fleets falsify their IMO numbers, so that case is for an
/// analyst to look at, while a fuzzy name with a conflicting number falls
/// below it.
pub const ID_CONFLICT_STRONG: f64 = -0.15;
/// A BIC is one institution's code, but a bank may hold several (mergers,
/// subsidiaries) and the lists give one or two of them: weaker.
pub const ID_CONFLICT_BIC: f64 = -0.10;
/// Passports change at every renewal and persons hold several (the lists
/// give some, rarely all), so a different passport number of the same
/// issuing country is weak evidence against: a little more than a country
/// conflict, less than a gender conflict. MMSI (changes with the flag),
/// national IDs and other numbers never count as conflicts.
pub const ID_CONFLICT_PASSPORT: f64 = -0.08;

// ---- Candidate generation and pruning (`crate::index`) ----
//
// These numbers decide how much of the index a query touches, not the
// score of a result: each is a trade of work against recall, measured on
// the fixed SDN bench set and the `cordon eval` sets.

/// Most longer tokens a query token may reach as their prefix
/// ("siraj" → "sirajuddin"): a short prefix of a common stem would
/// otherwise reach hundreds of words.
pub const MAX_PREFIX_EXPANSIONS: usize = 16;

/// Shortest token that takes part in deletion (typo) lookup: a short token
/// with one letter deleted equals too many others.
pub const MIN_DELETION_LEN: usize = 4;

/// Estimated similarity of a token reached through the deletion table (one
/// or two edits), used only to rank candidates before exact scoring.
pub const DELETION_SIMILARITY: f32 = 0.85;

/// Shortest token, and sound key, that take part in sound-deletion lookup:
/// short keys differ by one sound from too many others. The index keeps keys
/// of `MIN_SOUND_DELETION_KEY` sounds and more; a query key needs one sound
/// more, so that a list key one sound shorter is still reached.
pub const MIN_SOUND_DELETION_LEN: usize = 6;
pub const MIN_SOUND_DELETION_KEY: usize = 4;

/// Estimated similarity of a token reached by a sound deletion.
pub const SOUND_DELETION_SIMILARITY: f32 = 0.7;

/// Slack added to the coverage bound when pruning candidates: alignment can
/// find similarities (initials, edits beyond the deletion keys) that
/// candidate generation did not count. Measured: 0.05 saves about 5% of
/// the work per query but loses one UN original-script pair at rank 1, and
/// a candidate share of 0.6 or 0.7 saves 15–25% but loses script pairs and
/// cross-script bench queries; both stay where recall is whole.
pub const PRUNE_SLACK: f64 = 0.1;

/// Share of the best candidate's shared rarity a candidate needs to be
/// scored exactly once `limit` candidates have been.
pub const CANDIDATE_SHARE: f32 = 0.5;

/// Candidate ranking `a · (1 + RANK_COVER_BONUS · cover)`: among names
/// sharing the same query words, those with least else come first.
pub const RANK_COVER_BONUS: f32 = 0.5;

/// Candidates scored exactly per query reading: `CANDIDATE_POOL_BASE +
/// CANDIDATE_POOL_PER_RESULT · limit`, best by candidate ranking.
///
/// Measured when issue 15's name knowledge (acronyms, name groups, second
/// readings in other romanisations) made every scored candidate dearer:
/// 48 cost the fixed bench set's non-matches 13.7% more instructions per
/// query than before that work; 42 brings them to 9.9% and loses 0.1–0.2
/// points of recall@1 on the joined-name sets and two acronym queries of
/// 155 (holdout); 36 (6.0%) loses 0.3–0.5 points. UN positives, US
/// negatives, script pairs and the alias sets are the same at all three.
pub const CANDIDATE_POOL_BASE: usize = 42;
pub const CANDIDATE_POOL_PER_RESULT: usize = 4;

/// A query term whose posting lists hold at most this many entries is
/// walked whole, without MaxScore or early termination: on the official
/// lists (tens of thousands of entities) that is every term, so candidate
/// generation finds exactly what walking every list found, including names
/// that owe their score to similarities no bound on the shared weight sees
/// (measured: skipping such lists lost 0.5–1.7 points of recall@5 on the
/// alias sets of `cordon eval`). The bounds act on the long lists of an
/// index of millions, where walking them is the cost.
pub const SHORT_LIST: usize = 5_000;

/// Most names one query's candidate generation may look at (all its
/// readings together). Looking at a name (its tokens against the query's
/// terms) costs a few hundred nanoseconds on an index of millions of names
/// (the name's record is out of cache): this bounds a query at about ten
/// milliseconds whatever its words. It binds only when every word of the
/// query is held by tens of thousands of names and no strong candidate
/// closes the lists early (common Arabic names in several readings on a
/// synthetic million); `ScreenWork::budget_exhausted` reports it.
pub const WORK_BUDGET: u64 = 40_000;

/// Most posting-list entries one query may walk: walking an entry that is
/// not looked at costs a few nanoseconds (the lists are read in order).
pub const POSTINGS_BUDGET: u64 = 2_000_000;

/// A short Korean or Chinese name whose given name matches the other
/// name's only in part (one of two syllables, or a one-syllable given name
/// against a two-syllable one) is another person: its name score is scaled
/// by this, so that even an otherwise full match (1.0) stays below the
/// threshold. See `given_name.rs`.
pub const CJK_PARTIAL_GIVEN_NAME_FACTOR: f64 = 0.7;
