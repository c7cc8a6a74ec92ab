//! The one table of list formats: for each [`ListFormat`] its name, list
//! id, official file names, companions, loader and official download
//! address. Loading ([`crate::load`]), discovery (file names), `cordon
//! update` (where to download) and the help text all read it; a new
//! format is one row here plus its loader module.

use crate::{bis_dpl, eu, ofac, opensanctions, uk, un, us_csl, ListFormat, LoadedList, Result};
use std::path::Path;

/// Where and how `cordon update` downloads a format.
#[derive(Debug, Clone, Copy)]
pub struct Download {
    /// `(file name, official URL)`, the primary file first.
    pub files: &'static [(&'static str, &'static str)],
    /// Downloaded by `cordon update` without `--only`.
    pub default: bool,
    /// One line for `cordon update --list-sources`.
    pub note: &'static str,
}

/// Everything cordon knows about a format.
#[derive(Clone, Copy)]
pub struct FormatInfo {
    pub format: ListFormat,
    /// The name `--list FORMAT=PATH`, `--only` and `--format` take.
    pub name: &'static str,
    /// The list id, the prefix of entity ids (`LIST:SOURCE_ID`).
    pub list_id: &'static str,
    /// The official names of the primary file (lower-case), the first
    /// being the name cordon gives it; a name that carries a date (the
    /// EU's `YYYYMMDD-FULL-1_1(xsd).xml`) is given without it.
    pub official_names: &'static [&'static str],
    /// Other names publishers use for the same file.
    pub alias_names: &'static [&'static str],
    /// Companion files found beside the primary file (lower-case).
    pub companions: &'static [&'static str],
    /// Reads the primary file (and its companions).
    pub load: fn(&Path) -> Result<LoadedList>,
    /// The official download, when cordon can fetch the format itself.
    pub download: Option<Download>,
}

impl std::fmt::Debug for FormatInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormatInfo")
            .field("name", &self.name)
            .field("list_id", &self.list_id)
            .finish_non_exhaustive()
    }
}

/// A file of OFAC's Sanctions List Service, which serves the legacy CSV sets.
macro_rules! ofac_sls {
    ($file:literal) => {
        concat!(
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/",
            $file
        )
    };
}

/// In [`ListFormat::ALL`] order (a test holds them together).
pub(crate) static FORMATS: [FormatInfo; 11] = [
    FormatInfo {
        format: ListFormat::OfacSdn,
        name: "ofac-sdn",
        list_id: "ofac-sdn",
        official_names: &["sdn.csv"],
        alias_names: &[],
        companions: &["add.csv", "alt.csv", "sdn_comments.csv"],
        load: |p| ofac::load(ListFormat::OfacSdn, p),
        download: Some(Download {
            files: &[
                ("sdn.csv", ofac_sls!("SDN.CSV")),
                ("add.csv", ofac_sls!("ADD.CSV")),
                ("alt.csv", ofac_sls!("ALT.CSV")),
                ("sdn_comments.csv", ofac_sls!("SDN_COMMENTS.CSV")),
            ],
            default: true,
            note: "OFAC SDN list, legacy CSV set (Sanctions List Service)",
        }),
    },
    FormatInfo {
        format: ListFormat::OfacCons,
        name: "ofac-cons",
        list_id: "ofac-cons",
        official_names: &["cons_prim.csv"],
        alias_names: &[],
        companions: &["cons_add.csv", "cons_alt.csv", "cons_comments.csv"],
        load: |p| ofac::load(ListFormat::OfacCons, p),
        download: Some(Download {
            files: &[
                ("cons_prim.csv", ofac_sls!("CONS_PRIM.CSV")),
                ("cons_add.csv", ofac_sls!("CONS_ADD.CSV")),
                ("cons_alt.csv", ofac_sls!("CONS_ALT.CSV")),
                ("cons_comments.csv", ofac_sls!("CONS_COMMENTS.CSV")),
            ],
            default: true,
            note: "OFAC consolidated non-SDN list, legacy CSV set",
        }),
    },
    FormatInfo {
        format: ListFormat::OfacSdnXml,
        name: "ofac-sdn-xml",
        list_id: "ofac-sdn",
        official_names: &["sdn.xml"],
        alias_names: &[],
        companions: &[],
        load: ofac::xml::load,
        download: None,
    },
    FormatInfo {
        format: ListFormat::OfacAdvanced,
        name: "ofac-advanced",
        list_id: "ofac-sdn",
        official_names: &["sdn_advanced.xml"],
        alias_names: &[],
        companions: &[],
        load: ofac::advanced::load,
        download: None,
    },
    FormatInfo {
        format: ListFormat::UnSc,
        name: "un-sc",
        list_id: "un-sc",
        official_names: &["consolidated.xml"],
        alias_names: &[],
        companions: &[],
        load: un::load,
        download: Some(Download {
            files: &[("consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml")],
            default: true,
            note: "UN Security Council consolidated list",
        }),
    },
    FormatInfo {
        format: ListFormat::UsCsl,
        name: "us-csl",
        list_id: "us-csl",
        official_names: &["consolidated.csv", "consolidated.json"],
        alias_names: &["csl.csv", "csl.json"],
        companions: &[],
        load: us_csl::load,
        download: Some(Download {
            files: &[(
                "consolidated.csv",
                "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
            )],
            default: true,
            note: "US Consolidated Screening List (trade.gov)",
        }),
    },
    FormatInfo {
        format: ListFormat::BisDpl,
        name: "bis-dpl",
        list_id: "bis-dpl",
        official_names: &["dpl.txt"],
        alias_names: &["bis_dpl.txt"],
        companions: &[],
        load: bis_dpl::load,
        download: Some(Download {
            files: &[("dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt")],
            default: true,
            note: "BIS Denied Persons List, tab-separated",
        }),
    },
    FormatInfo {
        format: ListFormat::EuFsf,
        name: "eu-fsf",
        list_id: "eu-fsf",
        official_names: &["eu_fsf.xml", "full-1_1(xsd).xml"],
        alias_names: &[],
        companions: &[],
        load: eu::load,
        download: Some(Download {
            files: &[(
                "eu_fsf.xml",
                "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
            )],
            default: true,
            note: "EU Financial Sanctions Files, full list XML 1.1 (public token of the FSF site)",
        }),
    },
    FormatInfo {
        format: ListFormat::UkFcdo,
        name: "uk-fcdo",
        list_id: "uk-fcdo",
        official_names: &["uk_sanctions_list.xml", "uk-sanctions-list.xml"],
        alias_names: &[],
        companions: &[],
        load: uk::fcdo::load,
        download: Some(Download {
            files: &[(
                "uk_sanctions_list.xml",
                "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
            )],
            default: true,
            note: "UK Sanctions List (FCDO) XML",
        }),
    },
    FormatInfo {
        format: ListFormat::UkOfsi,
        name: "uk-ofsi",
        list_id: "uk-ofsi",
        official_names: &["conlist.csv"],
        alias_names: &[],
        companions: &[],
        load: uk::ofsi::load,
        download: Some(Download {
            files: &[(
                "conlist.csv",
                "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
            )],
            default: false,
            note: "UK OFSI Consolidated List CSV (being retired by OFSI in favour of the FCDO list; opt in with --only)",
        }),
    },
    FormatInfo {
        format: ListFormat::OpenSanctions,
        name: "opensanctions",
        list_id: "opensanctions",
        official_names: &["entities.ftm.json"],
        alias_names: &[],
        companions: &[],
        load: opensanctions::load,
        download: Some(Download {
            files: &[(
                "entities.ftm.json",
                "https://data.opensanctions.org/datasets/latest/default/entities.ftm.json",
            )],
            default: false,
            note: "OpenSanctions default collection, FtM entities (large; CC BY-NC: opt in with --only)",
        }),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_list_format_all() {
        for (info, format) in FORMATS.iter().zip(ListFormat::ALL) {
            assert_eq!(info.format, format, "{}", info.name);
            assert_eq!(format.info().name, info.name);
        }
        assert_eq!(FORMATS.len(), ListFormat::ALL.len());
    }

    #[test]
    fn a_download_saves_the_primary_file_under_its_official_name_first() {
        for info in &FORMATS {
            if let Some(d) = &info.download {
                assert_eq!(d.files[0].0, info.official_names[0], "{}", info.name);
                for (name, _) in &d.files[1..] {
                    assert!(info.companions.contains(name), "{}: {name}", info.name);
                }
            }
        }
    }
}
