//! Reading limits for ownership files, in the spirit of the list loaders'
//! (`cordon_lists::limits`): every file is read whole, so memory is
//! proportional to its size; these keep size and work bounded for any
//! input, hostile ones included. A file over a limit is refused with an
//! [`OwnershipError::Limit`](crate::OwnershipError::Limit) naming the file,
//! the line, the limit and its value; nothing is cut or skipped silently.
//!
//! Memory: the file's text, plus the graph (FollowTheMoney JSON lines and
//! the CSV are read a record at a time); BODS statements and JSON arrays
//! are held as JSON values until every record is read (a BODS record's
//! latest statement wins), a few times the file's size.
//!
//! JSON nesting is bounded by `serde_json`'s own recursion limit (128
//! levels; BODS statements nest 5 deep), which fails the record with an
//! error instead of overflowing the stack.

/// Largest ownership file, in bytes. OpenSanctions' ZALA extract is 146 KB;
/// a national BODS register export can run to gigabytes and should be
/// split or filtered to the parties of interest first.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Longest line of a JSON-lines file or CSV record, in bytes (the list
/// loaders' limit).
pub const MAX_LINE_BYTES: usize = cordon_lists::limits::MAX_LINE_BYTES;

/// Longest name, in characters (the list loaders' limit: the matcher's
/// work per name grows with its length).
pub const MAX_NAME_CHARS: usize = cordon_lists::limits::MAX_NAME_CHARS;

/// Most parties in one graph (all files merged).
pub const MAX_PARTIES: usize = 5_000_000;

/// Most interests in one graph (all files merged).
pub const MAX_INTERESTS: usize = 20_000_000;

/// Most interests in one BODS relationship statement, and most values of
/// one FollowTheMoney property that is read.
pub const MAX_VALUES_PER_RECORD: usize = 10_000;

/// Longest ownership path reported in a finding (the assessment itself
/// has no depth limit: it runs over a worklist, not by recursion).
pub const MAX_PATH_LEN: usize = 32;

/// The error of a limit exceeded.
pub(crate) fn exceeded(
    file: &str,
    line: Option<usize>,
    what: impl Into<String>,
    limit: usize,
) -> crate::OwnershipError {
    crate::OwnershipError::Limit {
        file: file.to_string(),
        line,
        what: what.into(),
        limit,
    }
}

/// Refuses a name longer than [`MAX_NAME_CHARS`], naming the file and
/// line.
pub(crate) fn check_name(name: &str, file: &str, line: usize) -> crate::Result<()> {
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(exceeded(
            file,
            Some(line),
            "a name's length in characters",
            MAX_NAME_CHARS,
        ));
    }
    Ok(())
}
