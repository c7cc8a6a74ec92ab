//! # cordon-lists
//!
//! Loaders for the official sanctions lists, one module per published
//! format, each producing [`cordon_engine::Entity`] values with provenance
//! (list, file name, 1-based line).
//!
//! ## Formats
//!
//! Every format is one row of the format table (`format.rs`,
//! [`ListFormat::info`] → [`FormatInfo`]): its name, list id, official file
//! names, companions, loader and official download address. Loading,
//! discovery, `cordon update` and the help text read that table. The OFAC
//! CSV sets, for example:
//!
//! | [`ListFormat`] | files | ids |
//! |---|---|---|
//! | `ofac-sdn` | `sdn.csv` + `add.csv`, `alt.csv`, `sdn_comments.csv` | `ofac-sdn:ENT_NUM` |
//! | `ofac-cons` | `cons_prim.csv` + `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv` | `ofac-cons:ENT_NUM` |
//!
//! The primary file is required; the companions are optional and found
//! beside it by their official names (case-insensitive). See [`ofac`] for
//! how the OFAC legacy CSV files are read and [`ofac::remarks`] for how the
//! free-text Remarks column becomes structured fields.
//!
//! ## Use
//!
//! ```no_run
//! use cordon_lists::{discover, load, ListSource};
//! # fn main() -> cordon_lists::Result<()> {
//! // Every list in a folder of official files...
//! let found = discover(std::path::Path::new("lists/"))?;
//! for source in &found.sources {
//!     let list = load(source)?;
//!     println!("{}: {} entities, {} warnings", list.list, list.entities.len(), list.warnings.len());
//! }
//! // ...or one list named explicitly, as `--list ofac-sdn=PATH` does.
//! let list = load(&ListSource::parse_explicit("ofac-sdn=lists/sdn.csv")?)?;
//! # let _ = list;
//! # Ok(())
//! # }
//! ```
//!
//! Loading is strict about structure and lenient about content: a row that
//! cannot be parsed (wrong column count, non-numeric `ent_num`, unreadable
//! CSV) is an error naming the file and line, while content that is merely
//! unexpected (an alias for an `ent_num` that is not in the primary file, a
//! remark the parser does not understand) becomes a [`LoadWarning`] or is
//! kept verbatim in [`cordon_engine::Entity::remarks`]. Nothing is dropped
//! silently.

use cordon_engine::Entity;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

mod alias_text;
pub mod bis_dpl;
mod common;
mod countries;
pub mod dates;
mod discover;
mod error;
pub mod eu;
mod format;
pub mod ftm;
pub mod limits;
pub mod ofac;
pub mod opensanctions;
pub mod uk;
pub mod un;
pub mod us_csl;
pub mod version;
mod xml;

pub use discover::{
    date_in_name, date_of, discover, format_of_name, modified_date, Conflict, DatedBy, Discovery,
    NameDate, Superseded, Version,
};
pub use error::{ListError, Result};
pub use format::{Download, FormatInfo};

/// A list format cordon can load.
///
/// The format name (`as_str`) is what `--list FORMAT=PATH` takes; the list
/// identifier ([`ListFormat::list_id`]) is the prefix of entity ids. Several
/// formats can publish the same list (OFAC's SDN list as CSV, `sdn.xml` and
/// `SDN_ADVANCED.XML` all give `ofac-sdn:ENT_NUM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListFormat {
    /// OFAC Specially Designated Nationals list, legacy CSV four-file set.
    OfacSdn,
    /// OFAC consolidated non-SDN list, legacy CSV four-file set.
    OfacCons,
    /// OFAC SDN list as `sdn.xml`.
    OfacSdnXml,
    /// OFAC SDN list as `SDN_ADVANCED.XML`.
    OfacAdvanced,
    /// UN Security Council consolidated list XML.
    UnSc,
    /// US Consolidated Screening List (trade.gov CSV or JSON).
    UsCsl,
    /// BIS Denied Persons List, native tab-separated text file.
    BisDpl,
    /// EU Financial Sanctions Files XML 1.1.
    EuFsf,
    /// UK Sanctions List (FCDO) XML.
    UkFcdo,
    /// UK OFSI Consolidated List CSV (ConList).
    UkOfsi,
    /// OpenSanctions FollowTheMoney entities, JSON lines.
    OpenSanctions,
}

impl ListFormat {
    /// Every format, in a stable order.
    pub const ALL: [ListFormat; 11] = [
        ListFormat::OfacSdn,
        ListFormat::OfacCons,
        ListFormat::OfacSdnXml,
        ListFormat::OfacAdvanced,
        ListFormat::UnSc,
        ListFormat::UsCsl,
        ListFormat::BisDpl,
        ListFormat::EuFsf,
        ListFormat::UkFcdo,
        ListFormat::UkOfsi,
        ListFormat::OpenSanctions,
    ];

    /// Everything cordon knows about the format: one row of the format
    /// table ([`FormatInfo`]).
    pub fn info(self) -> &'static FormatInfo {
        &format::FORMATS[self as usize]
    }

    /// The format's name as `--list FORMAT=PATH` takes it.
    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// The list identifier used in entity ids (`LIST:SOURCE_ID`). An
    /// OpenSanctions file is a list of its own per dataset
    /// ([`ListSource::list_id`]); this is the id of the default collection.
    pub fn list_id(self) -> &'static str {
        self.info().list_id
    }

    /// The official name of the primary file (lower-case).
    pub fn primary_file(self) -> &'static str {
        self.info().official_names[0]
    }

    /// The official names of the companion files (lower-case): addresses,
    /// aliases, remark spill-over. Only the OFAC CSV sets have companions.
    pub fn companion_files(self) -> &'static [&'static str] {
        self.info().companions
    }
}

impl fmt::Display for ListFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ListFormat {
    type Err = ListError;

    /// Accepts the names of [`ListFormat::as_str`] (case-insensitive, `_`
    /// for `-`).
    fn from_str(s: &str) -> Result<ListFormat> {
        let norm = s.trim().to_ascii_lowercase().replace('_', "-");
        ListFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == norm)
            .ok_or_else(|| ListError::UnknownFormat {
                name: s.to_string(),
            })
    }
}

/// One list to load: its format and its primary file. Companion files are
/// found beside the primary file by their official names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListSource {
    pub format: ListFormat,
    /// The primary file (`sdn.csv`, `cons_prim.csv`).
    pub path: PathBuf,
}

impl ListSource {
    /// The id of the list this file gives: [`ListFormat::list_id`], except
    /// that each OpenSanctions dataset is a list of its own
    /// (`zala.entities.ftm.json` → `opensanctions-zala`; the default
    /// collection `entities.ftm.json` → `opensanctions`), so that every
    /// decision traces to the exact file.
    pub fn list_id(&self) -> String {
        match self.format {
            ListFormat::OpenSanctions => opensanctions::list_id(&self.path),
            f => f.list_id().to_string(),
        }
    }

    /// Parses `FORMAT=PATH` as given to `--list`, e.g. `ofac-sdn=./sdn.csv`.
    /// PATH may be the primary file (any name) or a folder holding it under
    /// its official name. The path must exist.
    pub fn parse_explicit(spec: &str) -> Result<ListSource> {
        let (format, path) = spec.split_once('=').ok_or_else(|| ListError::BadSpec {
            spec: spec.to_string(),
            message: "expected FORMAT=PATH, e.g. ofac-sdn=./sdn.csv".to_string(),
        })?;
        let format: ListFormat = format.parse()?;
        let path = path.trim();
        if path.is_empty() {
            return Err(ListError::BadSpec {
                spec: spec.to_string(),
                message: "empty PATH".to_string(),
            });
        }
        let path = PathBuf::from(path);
        let meta = std::fs::metadata(&path).map_err(|e| ListError::io(&path, e))?;
        if meta.is_dir() {
            let primary = discover::find_official(&path, format.primary_file())?.ok_or(
                ListError::MissingPrimary {
                    dir: path.clone(),
                    expected: format.primary_file(),
                },
            )?;
            Ok(ListSource {
                format,
                path: primary,
            })
        } else {
            Ok(ListSource { format, path })
        }
    }
}

/// A file that went into a loaded list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    pub bytes: u64,
    /// Data rows read from the file.
    pub records: usize,
}

/// Something unexpected but not fatal met while loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    /// The file's name.
    pub file: String,
    /// 1-based line, when the warning concerns one row.
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// A list loaded into entities.
#[derive(Debug, Clone)]
pub struct LoadedList {
    /// The list identifier, e.g. `ofac-sdn`.
    pub list: String,
    pub format: ListFormat,
    /// The files read, primary first.
    pub files: Vec<SourceFile>,
    /// Entities in the order of the primary file.
    pub entities: Vec<Entity>,
    pub warnings: Vec<LoadWarning>,
    /// Publication date when the format states one (OFAC's CSV files do
    /// not, so it is `None` for them).
    pub published: Option<String>,
}

/// Loads one list.
pub fn load(source: &ListSource) -> Result<LoadedList> {
    (source.format.info().load)(&source.path)
}

/// The file name of a path as a string, for messages and provenance.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
