//! OFAC's Remarks column into structured fields.
//!
//! The Remarks of an OFAC legacy CSV row is a `;`-separated list of
//! fragments, most of them `LABEL VALUE`: `DOB 28 Jan 1978`, `Passport
//! 753129173 (Russia) expires 29 Apr 2026`, `a.k.a. 'SHAHED'`, `Linked To:
//! MINISTRY OF DEFENSE.`, and `alt. ` versions of most. [`parse_remarks`]
//! turns each fragment it recognises (see [`LABELS`]) into a field of the
//! entity model and keeps every other fragment verbatim in
//! [`ParsedRemarks::remarks`].
//!
//! Aliases in Remarks (`a.k.a. 'X'`, `f.k.a. 'X'`, `n.k.a. 'X'`) are OFAC's
//! *weak* aliases: the data specification says weak aliases are kept out of
//! `alt.csv` and written, in quotes, in Remarks. They become
//! [`NameType::WeakAka`]; for `f.k.a.`/`n.k.a.` the name's remark says so.

use crate::countries::{named, push_country};
use crate::dates::parse_date_statement;
use cordon_engine::country::code_for;
use cordon_engine::{
    Country, CountryRole, DateOfBirth, Gender, Identifier, IdentifierType, Link, Name, NameType,
    OrganizationDetails,
};

/// What a label's value becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelKind {
    /// A date of birth.
    Dob,
    /// A place of birth (its last comma part also as a Birth country).
    Pob,
    /// A country with this role.
    Country(CountryRole),
    Gender,
    /// `a.k.a.` / `f.k.a.` / `n.k.a.` with the name in single quotes.
    Alias(&'static str),
    /// `Linked To: NAME`.
    LinkedTo,
    /// `LABEL VALUE (COUNTRY) NOTES`.
    Identifier(IdentifierType),
    /// A value kept whole (phone numbers, e-mail, web addresses).
    Contact(IdentifierType),
    /// `Digital Currency Address - XBT VALUE`: the currency stays in the label.
    DigitalCurrency,
    /// Vessel or aircraft particulars, kept as text in `CraftDetails::other`.
    Craft,
    OrgEstablished,
    OrgType,
}

/// Every label the parser structures, as OFAC writes it (matched
/// case-insensitively, longest first, optionally preceded by `alt. ` and
/// followed by `:`).
pub const LABELS: &[(&str, LabelKind)] = &[
    ("DOB", LabelKind::Dob),
    ("POB", LabelKind::Pob),
    ("nationality", LabelKind::Country(CountryRole::Nationality)),
    ("citizen", LabelKind::Country(CountryRole::Citizenship)),
    (
        "Nationality of Registration",
        LabelKind::Country(CountryRole::Registration),
    ),
    ("Gender", LabelKind::Gender),
    ("a.k.a.", LabelKind::Alias("a.k.a.")),
    ("f.k.a.", LabelKind::Alias("f.k.a.")),
    ("n.k.a.", LabelKind::Alias("n.k.a.")),
    ("Linked To", LabelKind::LinkedTo),
    // Personal documents.
    ("Passport", LabelKind::Identifier(IdentifierType::Passport)),
    (
        "Passport No.",
        LabelKind::Identifier(IdentifierType::Passport),
    ),
    (
        "Diplomatic Passport",
        LabelKind::Identifier(IdentifierType::Passport),
    ),
    (
        "National ID No.",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    (
        "National Foreign ID Number",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    (
        "Personal ID Card",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    (
        "Identification Number",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Cedula No.",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    (
        "C.U.R.P.",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    ("D.N.I.", LabelKind::Identifier(IdentifierType::NationalId)),
    ("SSN", LabelKind::Identifier(IdentifierType::NationalId)),
    (
        "Residency Number",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Driver's License No.",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Birth Certificate Number",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Stateless Person Passport",
        LabelKind::Identifier(IdentifierType::Passport),
    ),
    (
        "Refugee ID Card",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Travel Document Number",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Electoral Registry No.",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Kenyan ID No.",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    (
        "Turkish Identification Number",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    (
        "Personal Numerical Code",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    (
        "Citizen's Card Number",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    // Tax identifiers.
    ("Tax ID No.", LabelKind::Identifier(IdentifierType::TaxId)),
    ("R.F.C.", LabelKind::Identifier(IdentifierType::TaxId)),
    ("NIT #", LabelKind::Identifier(IdentifierType::TaxId)),
    ("RUC #", LabelKind::Identifier(IdentifierType::TaxId)),
    ("RIF #", LabelKind::Identifier(IdentifierType::TaxId)),
    (
        "V.A.T. Number",
        LabelKind::Identifier(IdentifierType::TaxId),
    ),
    ("US FEIN", LabelKind::Identifier(IdentifierType::TaxId)),
    ("CUIT", LabelKind::Identifier(IdentifierType::TaxId)),
    // Company registration.
    (
        "Registration Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Registration ID",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Business Registration Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Business Registration Document #",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Commercial Registry Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Company Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "UK Company Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Chamber of Commerce Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Istanbul Chamber of Comm. No.",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Government Gazette Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Unified Social Credit Code (USCC)",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Folio Mercantil No.",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Matricula Mercantil No",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Economic Register Number (CBLS)",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Economic Register Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Central Registration System Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Trade License No.",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Registered Charity No.",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "C.R. No.",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Certificate of Incorporation Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Public Registration Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Enterprise Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    ("RFC", LabelKind::Identifier(IdentifierType::TaxId)),
    (
        "Italian Fiscal Code",
        LabelKind::Identifier(IdentifierType::TaxId),
    ),
    ("C.U.I.T.", LabelKind::Identifier(IdentifierType::TaxId)),
    ("C.I.F.", LabelKind::Identifier(IdentifierType::TaxId)),
    ("RTN", LabelKind::Identifier(IdentifierType::TaxId)),
    (
        "Numero Unico de Identificacao Tributaria (NUIT)",
        LabelKind::Identifier(IdentifierType::TaxId),
    ),
    ("C.U.I.", LabelKind::Identifier(IdentifierType::NationalId)),
    (
        "Numero de Identidad",
        LabelKind::Identifier(IdentifierType::NationalId),
    ),
    ("C.U.I.P.", LabelKind::Identifier(IdentifierType::Other)),
    ("I.F.E.", LabelKind::Identifier(IdentifierType::Other)),
    (
        "Credencial electoral",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Cartilla de Servicio Militar Nacional",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Chinese Commercial Code",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Immigration No.",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    ("VisaNumberID", LabelKind::Identifier(IdentifierType::Other)),
    (
        "Pilot License Number",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "SRE Permit No.",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Permit Number",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    ("File Number", LabelKind::Identifier(IdentifierType::Other)),
    ("LE Number", LabelKind::Identifier(IdentifierType::Other)),
    (
        "Business Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Branch Unit Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Dubai Chamber of Commerce Membership No.",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "United Social Credit Code Certificate (USCCC)",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "Afghan Money Service Provider License Number",
        LabelKind::Identifier(IdentifierType::Registration),
    ),
    (
        "D-U-N-S Number",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    ("License", LabelKind::Identifier(IdentifierType::Other)),
    ("BIK", LabelKind::Identifier(IdentifierType::Other)),
    ("ISIN", LabelKind::Identifier(IdentifierType::Other)),
    (
        "Equity Ticker",
        LabelKind::Identifier(IdentifierType::Other),
    ),
    (
        "Legal Entity Number",
        LabelKind::Identifier(IdentifierType::Lei),
    ),
    ("SWIFT/BIC", LabelKind::Identifier(IdentifierType::SwiftBic)),
    // Vessels and aircraft.
    (
        "Vessel Registration Identification",
        LabelKind::Identifier(IdentifierType::Imo),
    ),
    ("MMSI", LabelKind::Identifier(IdentifierType::Mmsi)),
    (
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        LabelKind::Identifier(IdentifierType::AircraftId),
    ),
    (
        "Aircraft Construction Number",
        LabelKind::Identifier(IdentifierType::AircraftId),
    ),
    (
        "Aircraft Manufacturer's Serial Number (MSN)",
        LabelKind::Identifier(IdentifierType::AircraftId),
    ),
    (
        "Aircraft Tail Number",
        LabelKind::Identifier(IdentifierType::AircraftId),
    ),
    (
        "Aircraft Serial Identification",
        LabelKind::Identifier(IdentifierType::AircraftId),
    ),
    (
        "Aircraft Mode S Transponder Code",
        LabelKind::Identifier(IdentifierType::AircraftId),
    ),
    ("Aircraft Model", LabelKind::Craft),
    ("Aircraft Operator", LabelKind::Craft),
    ("Aircraft Manufacture Date", LabelKind::Craft),
    (
        "Previous Aircraft Tail Number",
        LabelKind::Identifier(IdentifierType::AircraftId),
    ),
    ("Vessel Year of Build", LabelKind::Craft),
    ("Former Vessel Flag", LabelKind::Craft),
    ("Other Vessel Flag", LabelKind::Craft),
    ("Other Vessel Type", LabelKind::Craft),
    ("Other Vessel Call Sign", LabelKind::Craft),
    // Contact details.
    ("Website", LabelKind::Contact(IdentifierType::Website)),
    ("Email Address", LabelKind::Contact(IdentifierType::Email)),
    ("Email", LabelKind::Contact(IdentifierType::Email)),
    ("Phone Number", LabelKind::Contact(IdentifierType::Phone)),
    ("Telephone", LabelKind::Contact(IdentifierType::Phone)),
    ("Telephone No.", LabelKind::Contact(IdentifierType::Phone)),
    (
        "Telephone Number",
        LabelKind::Contact(IdentifierType::Phone),
    ),
    ("Phone", LabelKind::Contact(IdentifierType::Phone)),
    ("Fax", LabelKind::Contact(IdentifierType::Phone)),
    ("Fax No.", LabelKind::Contact(IdentifierType::Phone)),
    ("Digital Currency Address", LabelKind::DigitalCurrency),
    // Organisations.
    ("Organization Established Date", LabelKind::OrgEstablished),
    ("Organization Type", LabelKind::OrgType),
];

/// The structured content of one Remarks text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedRemarks {
    /// Weak aliases (in order, without duplicates).
    pub names: Vec<Name>,
    pub dates_of_birth: Vec<DateOfBirth>,
    pub places_of_birth: Vec<String>,
    pub countries: Vec<Country>,
    pub identifiers: Vec<Identifier>,
    pub links: Vec<Link>,
    pub gender: Option<Gender>,
    /// Vessel and aircraft particulars, as text.
    pub craft: Vec<String>,
    pub organization: OrganizationDetails,
    /// Fragments kept verbatim: unrecognised, purely informative, or whose
    /// value did not parse.
    pub remarks: Vec<String>,
}

/// Parses a complete Remarks text (with any `sdn_comments.csv` continuation
/// already appended).
pub fn parse_remarks(text: &str) -> ParsedRemarks {
    parse_remarks_with(text, false)
}

/// Like [`parse_remarks`]; when `truncated` is set (the text stops at the
/// 1000-character limit and its continuation is missing), the last fragment
/// is kept verbatim rather than parsed, since its value may be cut short.
pub fn parse_remarks_with(text: &str, truncated: bool) -> ParsedRemarks {
    let mut out = ParsedRemarks::default();
    let fragments = split_fragments(text);
    let n = fragments.len();
    for (i, frag) in fragments.into_iter().enumerate() {
        let last = i + 1 == n;
        if truncated && last {
            out.remarks.push(frag.to_string());
            continue;
        }
        if !parse_fragment(frag, last, &mut out) {
            out.remarks.push(frag.to_string());
        }
    }
    out
}

/// Splits a Remarks text into its fragments. OFAC separates them with `; `;
/// a few records omit the space, and no value in the published files
/// contains a `;`, so every `;` is a separator.
pub fn split_fragments(text: &str) -> Vec<&str> {
    text.split(';')
        .map(str::trim)
        .filter(|f| !f.is_empty() && *f != ".")
        .collect()
}

/// The label a fragment starts with, if it is one of [`LABELS`]: the label,
/// its kind, whether it had `alt. ` before it, and the value after it.
pub fn match_label(fragment: &str) -> Option<(&'static str, &'static LabelKind, bool, &str)> {
    let (alt, body) = match strip_prefix_ci(fragment, "alt. ") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, fragment),
    };
    let mut best: Option<(&'static str, &'static LabelKind)> = None;
    for (label, kind) in LABELS {
        if best.is_some_and(|(b, _)| b.len() >= label.len()) {
            continue;
        }
        if let Some(rest) = strip_prefix_ci(body, label) {
            // A label ends at a space, a colon or the end of the fragment;
            // labels that end in punctuation ("a.k.a.", "NIT #") may run
            // straight into their value.
            let boundary = rest.is_empty()
                || rest.starts_with([' ', ':'])
                || !label.ends_with(|c: char| c.is_ascii_alphanumeric());
            if boundary {
                best = Some((label, kind));
            }
        }
    }
    let (label, kind) = best?;
    let rest = &body[label.len()..];
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim();
    Some((label, kind, alt, rest))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
    {
        Some(&s[prefix.len()..])
    } else {
        None
    }
}

/// Parses one fragment into `out`; `false` when it is not structured (the
/// caller keeps it verbatim).
fn parse_fragment(frag: &str, last: bool, out: &mut ParsedRemarks) -> bool {
    let Some((label, kind, _alt, value)) = match_label(frag) else {
        return parse_generic_identifier(frag, out);
    };
    match kind {
        LabelKind::Dob => match parse_date_statement(strip_dot(value)) {
            Some(d) => push_unique(&mut out.dates_of_birth, d),
            None => return false,
        },
        LabelKind::OrgEstablished => match parse_date_statement(strip_dot(value)) {
            Some(d) => push_unique(&mut out.organization.established, d),
            None => return false,
        },
        LabelKind::OrgType => {
            let v = strip_dot(value);
            if v.is_empty() {
                return false;
            }
            push_unique(&mut out.organization.types, v.to_string());
        }
        LabelKind::Pob => {
            let place = strip_dot(value);
            if place.is_empty() {
                return false;
            }
            push_unique(&mut out.places_of_birth, place.to_string());
            let tail = place.rsplit(',').next().unwrap_or(place).trim();
            if let Some(code) = code_for(tail) {
                push_country(
                    &mut out.countries,
                    named(tail, Some(code), CountryRole::Birth),
                );
            }
        }
        LabelKind::Country(role) => {
            let role = *role;
            let name = strip_dot(value);
            if name.is_empty() {
                return false;
            }
            push_country(&mut out.countries, named(name, code_for(name), role));
        }
        LabelKind::Gender => match Gender::parse(strip_dot(value)) {
            Some(g) => out.gender = Some(g),
            None => return false,
        },
        LabelKind::Alias(qualifier) => {
            let Some(name) = quoted(value) else {
                return false;
            };
            let mut n = Name::new(name, NameType::WeakAka);
            if *qualifier != "a.k.a." {
                n.remark = Some(qualifier.to_string());
            }
            if !out
                .names
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(&n.name))
            {
                out.names.push(n);
            }
        }
        LabelKind::LinkedTo => {
            let name = if last {
                strip_final_period(value)
            } else {
                value
            };
            if name.is_empty() {
                return false;
            }
            let link = Link {
                name: name.to_string(),
                entity_id: None,
                relation: "linked_to".to_string(),
            };
            push_unique(&mut out.links, link);
        }
        LabelKind::Identifier(id_type) => {
            let Some(id) = parse_identifier(label, *id_type, value) else {
                return false;
            };
            push_unique(&mut out.identifiers, id);
        }
        LabelKind::Contact(id_type) => {
            let v = strip_dot(value);
            if v.is_empty() {
                return false;
            }
            push_unique(
                &mut out.identifiers,
                Identifier {
                    id_type: *id_type,
                    label: label.to_string(),
                    value: v.to_string(),
                    country: None,
                    note: None,
                },
            );
        }
        LabelKind::DigitalCurrency => {
            // "Digital Currency Address - XBT 1A2b..."
            let rest = value.trim_start_matches(['-', ' ']);
            let Some((currency, addr)) = rest.split_once(' ') else {
                return false;
            };
            let addr = strip_dot(addr);
            if currency.is_empty() || addr.is_empty() || addr.contains(' ') {
                return false;
            }
            push_unique(
                &mut out.identifiers,
                Identifier {
                    id_type: IdentifierType::DigitalCurrency,
                    label: format!("{label} - {currency}"),
                    value: addr.to_string(),
                    country: None,
                    note: None,
                },
            );
        }
        LabelKind::Craft => {
            let v = strip_dot(value);
            if v.is_empty() {
                return false;
            }
            push_unique(&mut out.craft, format!("{label} {v}"));
        }
    }
    true
}

/// `LABEL VALUE (COUNTRY) NOTES` into an identifier. A value of the form
/// `IMO 1234567` becomes an IMO number whatever the label.
fn parse_identifier(label: &str, id_type: IdentifierType, value: &str) -> Option<Identifier> {
    let value = strip_dot(value);
    let (mut id_type, mut label) = (id_type, label.to_string());
    let mut rest = value;
    if let Some(num) = strip_prefix_ci(value, "IMO ") {
        id_type = IdentifierType::Imo;
        if !label.ends_with("IMO") {
            label.push_str(" IMO");
        }
        rest = num.trim();
    }
    let (v, country, note) = split_value(rest)?;
    Some(Identifier {
        id_type,
        label,
        value: v.to_string(),
        country: country.map(str::to_string),
        note: note.map(str::to_string),
    })
}

/// Splits `VALUE (COUNTRY) NOTES` or `VALUE NOTES` (notes start with
/// `issued`/`expires`/`valid`). `None` when there is no value.
fn split_value(s: &str) -> Option<(&str, Option<&str>, Option<&str>)> {
    let s = s.trim();
    if let Some(open) = s.find(" (") {
        if let Some(close_rel) = s[open + 2..].find(')') {
            let close = open + 2 + close_rel;
            let value = s[..open].trim();
            let country = s[open + 2..close].trim();
            let note = s[close + 1..].trim().trim_start_matches([',', ';']).trim();
            if value.is_empty() {
                return None;
            }
            return Some((
                value,
                (!country.is_empty()).then_some(country),
                (!note.is_empty()).then_some(note),
            ));
        }
    }
    for marker in [" issued ", " expires ", " valid "] {
        if let Some(pos) = s.find(marker) {
            let value = s[..pos].trim();
            if value.is_empty() {
                return None;
            }
            return Some((value, None, Some(s[pos..].trim())));
        }
    }
    (!s.is_empty()).then_some((s, None, None))
}

/// An identifier under a label not in [`LABELS`]: `Words Of Label VALUE
/// (COUNTRY)`, where the value is one token holding a digit and the country
/// is recognised. Anything less regular stays verbatim.
fn parse_generic_identifier(frag: &str, out: &mut ParsedRemarks) -> bool {
    let body = strip_prefix_ci(frag, "alt. ").unwrap_or(frag);
    let body = strip_dot(body);
    let Some((head, _, _)) = split_value(body) else {
        return false;
    };
    let Some((label, value)) = head.rsplit_once(' ') else {
        return false;
    };
    let label_words: Vec<&str> = label.split_whitespace().collect();
    let label_ok = (1..=6).contains(&label_words.len())
        && label_words[0].starts_with(|c: char| c.is_ascii_uppercase())
        && !label.contains(|c: char| c.is_ascii_digit() || c == ':' || c == '\'');
    if !label_ok || !value.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let Some((v, Some(country), note)) = split_value(&body[label.len()..]) else {
        return false;
    };
    if code_for(country).is_none() {
        return false;
    }
    push_unique(
        &mut out.identifiers,
        Identifier {
            id_type: IdentifierType::Other,
            label: label.to_string(),
            value: v.to_string(),
            country: Some(country.to_string()),
            note: note.map(str::to_string),
        },
    );
    true
}

/// The text between the first and the last single quote.
fn quoted(s: &str) -> Option<&str> {
    let start = s.find('\'')?;
    let end = s.rfind('\'')?;
    if end <= start + 1 {
        return None;
    }
    let name = s[start + 1..end].trim();
    (!name.is_empty()).then_some(name)
}

/// Drops trailing periods (the sentence end of the Remarks) and spaces.
fn strip_dot(s: &str) -> &str {
    s.trim().trim_end_matches('.').trim_end()
}

/// Drops the Remarks' final period from a name, unless the name's last word
/// is an abbreviation that owns it ("LTD.", "S.A.", "Jr.").
/// The key a `Linked To:` name is resolved by against primary names:
/// upper case, without a final period. The remark's final period is
/// ambiguous ("NEW AHMADI LTD." keeps it as an abbreviation, but the
/// entity may be named "NEW AHMADI LTD" or "... LTD."), so both sides drop
/// it before comparing.
pub(crate) fn link_key(name: &str) -> String {
    name.trim().trim_end_matches('.').trim_end().to_uppercase()
}

fn strip_final_period(s: &str) -> &str {
    let s = s.trim();
    let Some(body) = s.strip_suffix('.') else {
        return s;
    };
    let last_word = body.rsplit([' ', ',']).next().unwrap_or(body);
    const ABBREVIATIONS: &[&str] = &[
        "LTD", "INC", "CO", "CORP", "LLC", "PLC", "JSC", "PJSC", "OJSC", "CJSC", "BHD", "PTE",
        "PTY", "CIA", "LTDA", "JR", "SR", "ST", "NO", "SA", "SAS", "AG", "GMBH", "BV", "NV", "SPA",
        "SRL", "LIMITED", "CV", "DE", "AB", "AS", "OY", "KG", "EST", "INTL", "BROS",
    ];
    if last_word.contains('.')
        || ABBREVIATIONS
            .iter()
            .any(|a| a.eq_ignore_ascii_case(last_word))
    {
        s
    } else {
        body.trim_end()
    }
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::PartialDate;

    type IdRow<'a> = (
        IdentifierType,
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
    );

    fn ids(p: &ParsedRemarks) -> Vec<IdRow<'_>> {
        p.identifiers
            .iter()
            .map(|i| {
                (
                    i.id_type,
                    i.label.as_str(),
                    i.value.as_str(),
                    i.country.as_deref(),
                    i.note.as_deref(),
                )
            })
            .collect()
    }

    #[test]
    fn dob_forms() {
        let p = parse_remarks(
            "DOB 28 Jan 1978; alt. DOB 1978; alt. DOB Jan 1978; alt. DOB circa 1960; \
             alt. DOB 1960 to 1962; alt. DOB 01 Jan 1960 to 31 Dec 1962; alt. DOB circa 1950-1955; \
             alt. DOB Feb 1970 to Mar 1971.",
        );
        assert_eq!(
            p.dates_of_birth,
            [
                DateOfBirth::Exact {
                    date: PartialDate::ymd(1978, 1, 28)
                },
                DateOfBirth::Exact {
                    date: PartialDate::year(1978)
                },
                DateOfBirth::Exact {
                    date: PartialDate {
                        year: 1978,
                        month: Some(1),
                        day: None
                    }
                },
                DateOfBirth::Circa {
                    date: PartialDate::year(1960)
                },
                DateOfBirth::Range {
                    from: PartialDate::year(1960),
                    to: PartialDate::year(1962)
                },
                DateOfBirth::Range {
                    from: PartialDate::ymd(1960, 1, 1),
                    to: PartialDate::ymd(1962, 12, 31)
                },
                DateOfBirth::Range {
                    from: PartialDate::year(1950),
                    to: PartialDate::year(1955)
                },
                DateOfBirth::Range {
                    from: PartialDate {
                        year: 1970,
                        month: Some(2),
                        day: None
                    },
                    to: PartialDate {
                        year: 1971,
                        month: Some(3),
                        day: None
                    }
                },
            ]
        );
        assert!(p.remarks.is_empty(), "{:?}", p.remarks);
    }

    #[test]
    fn person_remarks() {
        let p = parse_remarks(
            "DOB 28 Jan 1978; POB Ufa, Bashkortostan Republic, Russia; nationality Russia; \
             citizen Russia; alt. citizen Ukraine; Gender Male; \
             Passport 753129173 (Russia) expires 29 Apr 2026; \
             alt. Passport N163990 (Saudi Arabia) issued 24 May 2015 expires 30 Mar 2020; \
             National ID No. K357514(4) (Hong Kong); Tax ID No. 780450035797 (Russia).",
        );
        assert_eq!(p.places_of_birth, ["Ufa, Bashkortostan Republic, Russia"]);
        assert_eq!(p.gender, Some(Gender::Male));
        let c: Vec<_> = p
            .countries
            .iter()
            .map(|c| (c.name.as_str(), c.code.as_deref(), c.role))
            .collect();
        assert_eq!(
            c,
            [
                ("Russia", Some("RU"), CountryRole::Birth),
                ("Russia", Some("RU"), CountryRole::Nationality),
                ("Russia", Some("RU"), CountryRole::Citizenship),
                ("Ukraine", Some("UA"), CountryRole::Citizenship),
            ]
        );
        assert_eq!(
            ids(&p),
            [
                (
                    IdentifierType::Passport,
                    "Passport",
                    "753129173",
                    Some("Russia"),
                    Some("expires 29 Apr 2026")
                ),
                (
                    IdentifierType::Passport,
                    "Passport",
                    "N163990",
                    Some("Saudi Arabia"),
                    Some("issued 24 May 2015 expires 30 Mar 2020")
                ),
                (
                    IdentifierType::NationalId,
                    "National ID No.",
                    "K357514(4)",
                    Some("Hong Kong"),
                    None
                ),
                (
                    IdentifierType::TaxId,
                    "Tax ID No.",
                    "780450035797",
                    Some("Russia"),
                    None
                ),
            ]
        );
        assert!(p.remarks.is_empty(), "{:?}", p.remarks);
    }

    #[test]
    fn latin_american_identifiers() {
        let p = parse_remarks(
            "Cedula No. V-18967792 (Venezuela); C.U.R.P. MOPF641205HCSRRL04 (Mexico); \
             R.F.C. GGU040603B20 (Mexico); NIT # 900083653-1 (Colombia); RUC # 20507 (Peru); \
             SSN 550-63-9593 (United States); D.N.I. 30.654.356; Identification Number 1501796081.",
        );
        let got: Vec<_> = ids(&p).into_iter().map(|(t, l, v, ..)| (t, l, v)).collect();
        assert_eq!(
            got,
            [
                (IdentifierType::NationalId, "Cedula No.", "V-18967792"),
                (IdentifierType::NationalId, "C.U.R.P.", "MOPF641205HCSRRL04"),
                (IdentifierType::TaxId, "R.F.C.", "GGU040603B20"),
                (IdentifierType::TaxId, "NIT #", "900083653-1"),
                (IdentifierType::TaxId, "RUC #", "20507"),
                (IdentifierType::NationalId, "SSN", "550-63-9593"),
                (IdentifierType::NationalId, "D.N.I.", "30.654.356"),
                (IdentifierType::Other, "Identification Number", "1501796081"),
            ]
        );
        assert!(p.remarks.is_empty(), "{:?}", p.remarks);
    }

    #[test]
    fn organisation_remarks() {
        let p = parse_remarks(
            "Organization Established Date 26 Jul 2018; alt. Organization Established Date 2017; \
             Organization Type: Wholesale of food, beverages and tobacco; \
             Registration Number 1187847192048 (Russia); Legal Entity Number 253400BCBR616MTH6594 (Russia); \
             SWIFT/BIC SINAIRTH; Website http://www.sbbank.ru; Email Address info@gicdf.org; \
             Phone Number 8613273412322; Telephone (357)(22660766); \
             Unified Social Credit Code (USCC) 91110000710934369E (China); \
             Company Number IMO 5896591; \
             Additional Sanctions Information - Subject to Secondary Sanctions; \
             Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886; \
             Linked To: HEBEI GUANLANG BIOTECHNOLOGY CO., LTD.",
        );
        assert_eq!(
            p.organization.established,
            [
                DateOfBirth::Exact {
                    date: PartialDate::ymd(2018, 7, 26)
                },
                DateOfBirth::Exact {
                    date: PartialDate::year(2017)
                },
            ]
        );
        assert_eq!(
            p.organization.types,
            ["Wholesale of food, beverages and tobacco"]
        );
        let got: Vec<_> = ids(&p)
            .into_iter()
            .map(|(t, l, v, c, _)| (t, l, v, c))
            .collect();
        assert_eq!(
            got,
            [
                (
                    IdentifierType::Registration,
                    "Registration Number",
                    "1187847192048",
                    Some("Russia")
                ),
                (
                    IdentifierType::Lei,
                    "Legal Entity Number",
                    "253400BCBR616MTH6594",
                    Some("Russia")
                ),
                (IdentifierType::SwiftBic, "SWIFT/BIC", "SINAIRTH", None),
                (
                    IdentifierType::Website,
                    "Website",
                    "http://www.sbbank.ru",
                    None
                ),
                (
                    IdentifierType::Email,
                    "Email Address",
                    "info@gicdf.org",
                    None
                ),
                (IdentifierType::Phone, "Phone Number", "8613273412322", None),
                (IdentifierType::Phone, "Telephone", "(357)(22660766)", None),
                (
                    IdentifierType::Registration,
                    "Unified Social Credit Code (USCC)",
                    "91110000710934369E",
                    Some("China")
                ),
                (IdentifierType::Imo, "Company Number IMO", "5896591", None),
            ]
        );
        assert_eq!(
            p.remarks,
            [
                "Additional Sanctions Information - Subject to Secondary Sanctions",
                "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886",
            ]
        );
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.links[0].name, "HEBEI GUANLANG BIOTECHNOLOGY CO., LTD.");
    }

    #[test]
    fn vessel_and_aircraft_remarks() {
        let p = parse_remarks(
            "Vessel Registration Identification IMO 9184691; MMSI 422000001; \
             Former Vessel Flag Malta; Vessel Year of Build 1999; \
             Aircraft Construction Number (also called L/N or S/N or F/N) 358; \
             Aircraft Manufacturer's Serial Number (MSN) 1003403056; Aircraft Tail Number EP-MNA; \
             Aircraft Model ATR-72; Aircraft Operator Iran Air; Aircraft Manufacture Date 01 Jan 1995.",
        );
        let got: Vec<_> = ids(&p).into_iter().map(|(t, _, v, ..)| (t, v)).collect();
        assert_eq!(
            got,
            [
                (IdentifierType::Imo, "9184691"),
                (IdentifierType::Mmsi, "422000001"),
                (IdentifierType::AircraftId, "358"),
                (IdentifierType::AircraftId, "1003403056"),
                (IdentifierType::AircraftId, "EP-MNA"),
            ]
        );
        assert_eq!(
            p.craft,
            [
                "Former Vessel Flag Malta",
                "Vessel Year of Build 1999",
                "Aircraft Model ATR-72",
                "Aircraft Operator Iran Air",
                "Aircraft Manufacture Date 01 Jan 1995",
            ]
        );
        assert!(p.remarks.is_empty());
    }

    #[test]
    fn digital_currency_keeps_currency_in_label() {
        let p = parse_remarks(
            "Digital Currency Address - XBT 149w62rY42aZBox8fGcmqNsXUzSStKeq8C; \
             alt. Digital Currency Address - ETH 0x19F8f2B0915Daa12a3f5C9CF01dF9E24D53794F7.",
        );
        let got: Vec<_> = ids(&p).into_iter().map(|(t, l, v, ..)| (t, l, v)).collect();
        assert_eq!(
            got,
            [
                (
                    IdentifierType::DigitalCurrency,
                    "Digital Currency Address - XBT",
                    "149w62rY42aZBox8fGcmqNsXUzSStKeq8C"
                ),
                (
                    IdentifierType::DigitalCurrency,
                    "Digital Currency Address - ETH",
                    "0x19F8f2B0915Daa12a3f5C9CF01dF9E24D53794F7"
                ),
            ]
        );
    }

    #[test]
    fn aliases_are_weak_and_deduplicated() {
        let p = parse_remarks(
            "a.k.a. 'BNC'; a.k.a. 'CUCO'.; f.k.a. 'MEXICAN FEDERATION'; n.k.a. 'LGOK'; \
             a.k.a. 'bnc'; a.k.a. 'LORD'S ARMY'; a.k.a. 'GAO-R FARC-EP'.",
        );
        let got: Vec<_> = p
            .names
            .iter()
            .map(|n| (n.name.as_str(), n.name_type, n.remark.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("BNC", NameType::WeakAka, None),
                ("CUCO", NameType::WeakAka, None),
                ("MEXICAN FEDERATION", NameType::WeakAka, Some("f.k.a.")),
                ("LGOK", NameType::WeakAka, Some("n.k.a.")),
                ("LORD'S ARMY", NameType::WeakAka, None),
                ("GAO-R FARC-EP", NameType::WeakAka, None),
            ]
        );
    }

    #[test]
    fn linked_to_final_period() {
        let p = parse_remarks("Linked To: TAVRIN, Ivan Vladimirovich.");
        assert_eq!(p.links[0].name, "TAVRIN, Ivan Vladimirovich");
        let p = parse_remarks("Linked To: NEW AHMADI LTD.");
        assert_eq!(p.links[0].name, "NEW AHMADI LTD.");
        let p = parse_remarks("Linked To: GRUPO MUNDO MARINO, S.A.; Linked To: LAZARUS GROUP.");
        let names: Vec<_> = p.links.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["GRUPO MUNDO MARINO, S.A.", "LAZARUS GROUP"]);
        assert!(p.links.iter().all(|l| l.relation == "linked_to"));
    }

    #[test]
    fn unknown_and_unparsable_fragments_are_kept_verbatim() {
        let p = parse_remarks(
            "Member of the State Duma of the Federal Assembly of the Russian Federation.; \
             DOB sometime in the sixties; ICTY indictee; nationality possibly Palestinian;arrested 23 Apr 2002",
        );
        assert_eq!(
            p.remarks,
            [
                "Member of the State Duma of the Federal Assembly of the Russian Federation.",
                "DOB sometime in the sixties",
                "ICTY indictee",
                "arrested 23 Apr 2002",
            ]
        );
        // A nationality the table does not know keeps its text, without a code.
        assert_eq!(p.countries[0].name, "possibly Palestinian");
        assert_eq!(p.countries[0].code, None);
    }

    #[test]
    fn truncated_tail_is_not_parsed() {
        let p = parse_remarks_with("Tax ID No. 7706061801 (Russia); Registration Numbe", true);
        assert_eq!(p.identifiers.len(), 1);
        assert_eq!(p.remarks, ["Registration Numbe"]);
        let p = parse_remarks_with("a.k.a. 'ONE'; a.k.a. 'snowsjo", true);
        assert_eq!(p.names.len(), 1);
        assert_eq!(p.remarks, ["a.k.a. 'snowsjo"]);
    }

    #[test]
    fn generic_identifier_fallback() {
        let p = parse_remarks("Tourism License No. 12345 (Maldives); Some prose about 3 things.");
        assert_eq!(
            ids(&p),
            [(
                IdentifierType::Other,
                "Tourism License No.",
                "12345",
                Some("Maldives"),
                None
            )]
        );
        assert_eq!(p.remarks, ["Some prose about 3 things."]);
    }

    #[test]
    fn labels_need_a_word_boundary() {
        assert!(match_label("DOBROVOLSKY is a name").is_none());
        assert!(match_label("Passports are many").is_none());
        let (label, _, alt, value) = match_label("alt. Passport A2935714 (Indonesia)").unwrap();
        assert_eq!(
            (label, alt, value),
            ("Passport", true, "A2935714 (Indonesia)")
        );
        let (label, ..) = match_label("Telephone Number: (971) (4) (3248000)").unwrap();
        assert_eq!(label, "Telephone Number");
    }
}
