//! Country names and ISO 3166-1 alpha-2 codes.
//!
//! [`code_for`] maps what sanctions lists write for a country (ISO alpha-2
//! and alpha-3 codes, English short names, the spellings OFAC, the UN and the
//! EU use such as "Korea, North" or "Congo, Democratic Republic of the", and
//! common demonyms such as "Russian") to its alpha-2 code; [`name_for`] gives
//! the English short name for a code. Matching ignores case, diacritics and
//! punctuation. The tables are plain data: [`COUNTRIES`] (all 249 ISO 3166-1
//! entries plus Kosovo `XK` and the former Netherlands Antilles `AN`) and
//! [`ALIASES`].

use std::collections::HashMap;
use std::sync::OnceLock;

/// One country: ISO 3166-1 alpha-2, alpha-3 and English short name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryRecord {
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    pub name: &'static str,
}

const fn c(alpha2: &'static str, alpha3: &'static str, name: &'static str) -> CountryRecord {
    CountryRecord {
        alpha2,
        alpha3,
        name,
    }
}

/// Every ISO 3166-1 country, plus Kosovo (`XK`, user-assigned but used by
/// every list) and the Netherlands Antilles (`AN`, withdrawn in 2010 but still
/// named in older list entries). Names are the short forms the lists use
/// ("Russia", "Iran", "Burma", "Korea, North").
pub const COUNTRIES: &[CountryRecord] = &[
    c("AD", "AND", "Andorra"),
    c("AE", "ARE", "United Arab Emirates"),
    c("AF", "AFG", "Afghanistan"),
    c("AG", "ATG", "Antigua and Barbuda"),
    c("AI", "AIA", "Anguilla"),
    c("AL", "ALB", "Albania"),
    c("AM", "ARM", "Armenia"),
    c("AO", "AGO", "Angola"),
    c("AQ", "ATA", "Antarctica"),
    c("AR", "ARG", "Argentina"),
    c("AS", "ASM", "American Samoa"),
    c("AT", "AUT", "Austria"),
    c("AU", "AUS", "Australia"),
    c("AW", "ABW", "Aruba"),
    c("AX", "ALA", "Aland Islands"),
    c("AZ", "AZE", "Azerbaijan"),
    c("BA", "BIH", "Bosnia and Herzegovina"),
    c("BB", "BRB", "Barbados"),
    c("BD", "BGD", "Bangladesh"),
    c("BE", "BEL", "Belgium"),
    c("BF", "BFA", "Burkina Faso"),
    c("BG", "BGR", "Bulgaria"),
    c("BH", "BHR", "Bahrain"),
    c("BI", "BDI", "Burundi"),
    c("BJ", "BEN", "Benin"),
    c("BL", "BLM", "Saint Barthelemy"),
    c("BM", "BMU", "Bermuda"),
    c("BN", "BRN", "Brunei Darussalam"),
    c("BO", "BOL", "Bolivia"),
    c("BQ", "BES", "Bonaire, Sint Eustatius and Saba"),
    c("BR", "BRA", "Brazil"),
    c("BS", "BHS", "Bahamas"),
    c("BT", "BTN", "Bhutan"),
    c("BV", "BVT", "Bouvet Island"),
    c("BW", "BWA", "Botswana"),
    c("BY", "BLR", "Belarus"),
    c("BZ", "BLZ", "Belize"),
    c("CA", "CAN", "Canada"),
    c("CC", "CCK", "Cocos (Keeling) Islands"),
    c("CD", "COD", "Congo, Democratic Republic of the"),
    c("CF", "CAF", "Central African Republic"),
    c("CG", "COG", "Congo, Republic of the"),
    c("CH", "CHE", "Switzerland"),
    c("CI", "CIV", "Cote d'Ivoire"),
    c("CK", "COK", "Cook Islands"),
    c("CL", "CHL", "Chile"),
    c("CM", "CMR", "Cameroon"),
    c("CN", "CHN", "China"),
    c("CO", "COL", "Colombia"),
    c("CR", "CRI", "Costa Rica"),
    c("CU", "CUB", "Cuba"),
    c("CV", "CPV", "Cabo Verde"),
    c("CW", "CUW", "Curacao"),
    c("CX", "CXR", "Christmas Island"),
    c("CY", "CYP", "Cyprus"),
    c("CZ", "CZE", "Czechia"),
    c("DE", "DEU", "Germany"),
    c("DJ", "DJI", "Djibouti"),
    c("DK", "DNK", "Denmark"),
    c("DM", "DMA", "Dominica"),
    c("DO", "DOM", "Dominican Republic"),
    c("DZ", "DZA", "Algeria"),
    c("EC", "ECU", "Ecuador"),
    c("EE", "EST", "Estonia"),
    c("EG", "EGY", "Egypt"),
    c("EH", "ESH", "Western Sahara"),
    c("ER", "ERI", "Eritrea"),
    c("ES", "ESP", "Spain"),
    c("ET", "ETH", "Ethiopia"),
    c("FI", "FIN", "Finland"),
    c("FJ", "FJI", "Fiji"),
    c("FK", "FLK", "Falkland Islands (Malvinas)"),
    c("FM", "FSM", "Micronesia, Federated States of"),
    c("FO", "FRO", "Faroe Islands"),
    c("FR", "FRA", "France"),
    c("GA", "GAB", "Gabon"),
    c("GB", "GBR", "United Kingdom"),
    c("GD", "GRD", "Grenada"),
    c("GE", "GEO", "Georgia"),
    c("GF", "GUF", "French Guiana"),
    c("GG", "GGY", "Guernsey"),
    c("GH", "GHA", "Ghana"),
    c("GI", "GIB", "Gibraltar"),
    c("GL", "GRL", "Greenland"),
    c("GM", "GMB", "Gambia"),
    c("GN", "GIN", "Guinea"),
    c("GP", "GLP", "Guadeloupe"),
    c("GQ", "GNQ", "Equatorial Guinea"),
    c("GR", "GRC", "Greece"),
    c("GS", "SGS", "South Georgia and the South Sandwich Islands"),
    c("GT", "GTM", "Guatemala"),
    c("GU", "GUM", "Guam"),
    c("GW", "GNB", "Guinea-Bissau"),
    c("GY", "GUY", "Guyana"),
    c("HK", "HKG", "Hong Kong"),
    c("HM", "HMD", "Heard Island and McDonald Islands"),
    c("HN", "HND", "Honduras"),
    c("HR", "HRV", "Croatia"),
    c("HT", "HTI", "Haiti"),
    c("HU", "HUN", "Hungary"),
    c("ID", "IDN", "Indonesia"),
    c("IE", "IRL", "Ireland"),
    c("IL", "ISR", "Israel"),
    c("IM", "IMN", "Isle of Man"),
    c("IN", "IND", "India"),
    c("IO", "IOT", "British Indian Ocean Territory"),
    c("IQ", "IRQ", "Iraq"),
    c("IR", "IRN", "Iran"),
    c("IS", "ISL", "Iceland"),
    c("IT", "ITA", "Italy"),
    c("JE", "JEY", "Jersey"),
    c("JM", "JAM", "Jamaica"),
    c("JO", "JOR", "Jordan"),
    c("JP", "JPN", "Japan"),
    c("KE", "KEN", "Kenya"),
    c("KG", "KGZ", "Kyrgyzstan"),
    c("KH", "KHM", "Cambodia"),
    c("KI", "KIR", "Kiribati"),
    c("KM", "COM", "Comoros"),
    c("KN", "KNA", "Saint Kitts and Nevis"),
    c("KP", "PRK", "Korea, North"),
    c("KR", "KOR", "Korea, South"),
    c("KW", "KWT", "Kuwait"),
    c("KY", "CYM", "Cayman Islands"),
    c("KZ", "KAZ", "Kazakhstan"),
    c("LA", "LAO", "Laos"),
    c("LB", "LBN", "Lebanon"),
    c("LC", "LCA", "Saint Lucia"),
    c("LI", "LIE", "Liechtenstein"),
    c("LK", "LKA", "Sri Lanka"),
    c("LR", "LBR", "Liberia"),
    c("LS", "LSO", "Lesotho"),
    c("LT", "LTU", "Lithuania"),
    c("LU", "LUX", "Luxembourg"),
    c("LV", "LVA", "Latvia"),
    c("LY", "LBY", "Libya"),
    c("MA", "MAR", "Morocco"),
    c("MC", "MCO", "Monaco"),
    c("MD", "MDA", "Moldova"),
    c("ME", "MNE", "Montenegro"),
    c("MF", "MAF", "Saint Martin (French part)"),
    c("MG", "MDG", "Madagascar"),
    c("MH", "MHL", "Marshall Islands"),
    c("MK", "MKD", "North Macedonia"),
    c("ML", "MLI", "Mali"),
    c("MM", "MMR", "Burma"),
    c("MN", "MNG", "Mongolia"),
    c("MO", "MAC", "Macau"),
    c("MP", "MNP", "Northern Mariana Islands"),
    c("MQ", "MTQ", "Martinique"),
    c("MR", "MRT", "Mauritania"),
    c("MS", "MSR", "Montserrat"),
    c("MT", "MLT", "Malta"),
    c("MU", "MUS", "Mauritius"),
    c("MV", "MDV", "Maldives"),
    c("MW", "MWI", "Malawi"),
    c("MX", "MEX", "Mexico"),
    c("MY", "MYS", "Malaysia"),
    c("MZ", "MOZ", "Mozambique"),
    c("NA", "NAM", "Namibia"),
    c("NC", "NCL", "New Caledonia"),
    c("NE", "NER", "Niger"),
    c("NF", "NFK", "Norfolk Island"),
    c("NG", "NGA", "Nigeria"),
    c("NI", "NIC", "Nicaragua"),
    c("NL", "NLD", "Netherlands"),
    c("NO", "NOR", "Norway"),
    c("NP", "NPL", "Nepal"),
    c("NR", "NRU", "Nauru"),
    c("NU", "NIU", "Niue"),
    c("NZ", "NZL", "New Zealand"),
    c("OM", "OMN", "Oman"),
    c("PA", "PAN", "Panama"),
    c("PE", "PER", "Peru"),
    c("PF", "PYF", "French Polynesia"),
    c("PG", "PNG", "Papua New Guinea"),
    c("PH", "PHL", "Philippines"),
    c("PK", "PAK", "Pakistan"),
    c("PL", "POL", "Poland"),
    c("PM", "SPM", "Saint Pierre and Miquelon"),
    c("PN", "PCN", "Pitcairn"),
    c("PR", "PRI", "Puerto Rico"),
    c("PS", "PSE", "Palestine"),
    c("PT", "PRT", "Portugal"),
    c("PW", "PLW", "Palau"),
    c("PY", "PRY", "Paraguay"),
    c("QA", "QAT", "Qatar"),
    c("RE", "REU", "Reunion"),
    c("RO", "ROU", "Romania"),
    c("RS", "SRB", "Serbia"),
    c("RU", "RUS", "Russia"),
    c("RW", "RWA", "Rwanda"),
    c("SA", "SAU", "Saudi Arabia"),
    c("SB", "SLB", "Solomon Islands"),
    c("SC", "SYC", "Seychelles"),
    c("SD", "SDN", "Sudan"),
    c("SE", "SWE", "Sweden"),
    c("SG", "SGP", "Singapore"),
    c("SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha"),
    c("SI", "SVN", "Slovenia"),
    c("SJ", "SJM", "Svalbard and Jan Mayen"),
    c("SK", "SVK", "Slovakia"),
    c("SL", "SLE", "Sierra Leone"),
    c("SM", "SMR", "San Marino"),
    c("SN", "SEN", "Senegal"),
    c("SO", "SOM", "Somalia"),
    c("SR", "SUR", "Suriname"),
    c("SS", "SSD", "South Sudan"),
    c("ST", "STP", "Sao Tome and Principe"),
    c("SV", "SLV", "El Salvador"),
    c("SX", "SXM", "Sint Maarten (Dutch part)"),
    c("SY", "SYR", "Syria"),
    c("SZ", "SWZ", "Eswatini"),
    c("TC", "TCA", "Turks and Caicos Islands"),
    c("TD", "TCD", "Chad"),
    c("TF", "ATF", "French Southern Territories"),
    c("TG", "TGO", "Togo"),
    c("TH", "THA", "Thailand"),
    c("TJ", "TJK", "Tajikistan"),
    c("TK", "TKL", "Tokelau"),
    c("TL", "TLS", "Timor-Leste"),
    c("TM", "TKM", "Turkmenistan"),
    c("TN", "TUN", "Tunisia"),
    c("TO", "TON", "Tonga"),
    c("TR", "TUR", "Turkey"),
    c("TT", "TTO", "Trinidad and Tobago"),
    c("TV", "TUV", "Tuvalu"),
    c("TW", "TWN", "Taiwan"),
    c("TZ", "TZA", "Tanzania"),
    c("UA", "UKR", "Ukraine"),
    c("UG", "UGA", "Uganda"),
    c("UM", "UMI", "United States Minor Outlying Islands"),
    c("US", "USA", "United States"),
    c("UY", "URY", "Uruguay"),
    c("UZ", "UZB", "Uzbekistan"),
    c("VA", "VAT", "Holy See"),
    c("VC", "VCT", "Saint Vincent and the Grenadines"),
    c("VE", "VEN", "Venezuela"),
    c("VG", "VGB", "Virgin Islands, British"),
    c("VI", "VIR", "Virgin Islands, U.S."),
    c("VN", "VNM", "Vietnam"),
    c("VU", "VUT", "Vanuatu"),
    c("WF", "WLF", "Wallis and Futuna"),
    c("WS", "WSM", "Samoa"),
    c("YE", "YEM", "Yemen"),
    c("YT", "MYT", "Mayotte"),
    c("ZA", "ZAF", "South Africa"),
    c("ZM", "ZMB", "Zambia"),
    c("ZW", "ZWE", "Zimbabwe"),
    c("XK", "XKX", "Kosovo"),
    c("AN", "ANT", "Netherlands Antilles"),
];

/// Other spellings of country names and demonyms, each with its alpha-2
/// code. Matching is case-, diacritic- and punctuation-insensitive, a leading
/// "The" is ignored and "X, Y" is also tried as "Y X", so those variants need
/// no entry of their own.
pub const ALIASES: &[(&str, &str)] = &[
    // Long and official forms, older names, OFAC/UN/EU spellings.
    ("Russian Federation", "RU"),
    ("Iran, Islamic Republic of", "IR"),
    ("Islamic Republic of Iran", "IR"),
    ("Persia", "IR"),
    ("Democratic People's Republic of Korea", "KP"),
    ("Korea, Democratic People's Republic of", "KP"),
    ("DPRK", "KP"),
    ("Republic of Korea", "KR"),
    ("Korea, Republic of", "KR"),
    ("Korea", "KR"),
    ("Myanmar", "MM"),
    ("Burma (Myanmar)", "MM"),
    ("Syrian Arab Republic", "SY"),
    ("Democratic Republic of the Congo", "CD"),
    ("Congo, The Democratic Republic of the", "CD"),
    ("Congo (Kinshasa)", "CD"),
    ("Congo-Kinshasa", "CD"),
    ("DR Congo", "CD"),
    ("DRC", "CD"),
    ("Zaire", "CD"),
    ("Republic of the Congo", "CG"),
    ("Congo", "CG"),
    ("Congo (Brazzaville)", "CG"),
    ("Congo-Brazzaville", "CG"),
    ("Ivory Coast", "CI"),
    ("Cote dIvoire", "CI"),
    ("West Bank", "PS"),
    ("Gaza", "PS"),
    ("Gaza Strip", "PS"),
    ("Region: Gaza", "PS"),
    ("West Bank and Gaza", "PS"),
    ("Palestinian Territories", "PS"),
    ("Palestinian Territory, Occupied", "PS"),
    ("Occupied Palestinian Territory", "PS"),
    ("State of Palestine", "PS"),
    ("Palestine, State of", "PS"),
    ("Palestinian Authority", "PS"),
    ("Turkiye", "TR"),
    ("Republic of Turkiye", "TR"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("Great Britain", "GB"),
    ("Britain", "GB"),
    ("UK", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("UAE", "AE"),
    ("Emirates", "AE"),
    ("United States of America", "US"),
    ("USA", "US"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("America", "US"),
    ("Czech Republic", "CZ"),
    ("Bolivia, Plurinational State of", "BO"),
    ("Venezuela, Bolivarian Republic of", "VE"),
    ("Bolivarian Republic of Venezuela", "VE"),
    ("Tanzania, United Republic of", "TZ"),
    ("United Republic of Tanzania", "TZ"),
    ("Moldova, Republic of", "MD"),
    ("Republic of Moldova", "MD"),
    ("Lao People's Democratic Republic", "LA"),
    ("Lao PDR", "LA"),
    ("Viet Nam", "VN"),
    ("Brunei", "BN"),
    ("Cape Verde", "CV"),
    ("Swaziland", "SZ"),
    ("East Timor", "TL"),
    ("Macao", "MO"),
    ("Hong Kong SAR", "HK"),
    ("Taiwan, Province of China", "TW"),
    ("Republic of China", "TW"),
    ("People's Republic of China", "CN"),
    ("PRC", "CN"),
    ("Micronesia", "FM"),
    ("Macedonia", "MK"),
    ("North Macedonia, The Republic of", "MK"),
    ("Republic of North Macedonia", "MK"),
    ("The former Yugoslav Republic of Macedonia", "MK"),
    ("Macedonia, The Former Yugoslav Republic of", "MK"),
    ("Man, Isle of", "IM"),
    ("Vatican", "VA"),
    ("Vatican City", "VA"),
    ("Holy See (Vatican City State)", "VA"),
    ("Saint Kitts & Nevis", "KN"),
    ("St. Kitts and Nevis", "KN"),
    ("Saint Vincent", "VC"),
    ("British Virgin Islands", "VG"),
    ("US Virgin Islands", "VI"),
    ("Falkland Islands", "FK"),
    ("Bahamas, The", "BS"),
    ("Gambia, The", "GM"),
    ("Sao Tome & Principe", "ST"),
    ("Trinidad & Tobago", "TT"),
    ("Antigua & Barbuda", "AG"),
    ("Bosnia-Herzegovina", "BA"),
    ("Bosnia", "BA"),
    ("Holland", "NL"),
    ("The Netherlands", "NL"),
    ("Kyrgyz Republic", "KG"),
    ("Kirghizia", "KG"),
    ("Byelorussia", "BY"),
    ("Belorussia", "BY"),
    ("Libyan Arab Jamahiriya", "LY"),
    ("Curacao", "CW"),
    ("Reunion", "RE"),
    ("Sint Maarten", "SX"),
    ("Saint Martin", "MF"),
    ("Saint Helena", "SH"),
    ("Svalbard", "SJ"),
    ("Timor Leste", "TL"),
    ("Kosovo, Republic of", "XK"),
    // Demonyms and adjectives (nationality fields often use them).
    ("Afghan", "AF"),
    ("Albanian", "AL"),
    ("Algerian", "DZ"),
    ("American", "US"),
    ("Angolan", "AO"),
    ("Argentine", "AR"),
    ("Argentinian", "AR"),
    ("Armenian", "AM"),
    ("Australian", "AU"),
    ("Austrian", "AT"),
    ("Azerbaijani", "AZ"),
    ("Azeri", "AZ"),
    ("Bahraini", "BH"),
    ("Bangladeshi", "BD"),
    ("Belarusian", "BY"),
    ("Belgian", "BE"),
    ("Bolivian", "BO"),
    ("Bosnian", "BA"),
    ("Brazilian", "BR"),
    ("British", "GB"),
    ("Bulgarian", "BG"),
    ("Burmese", "MM"),
    ("Burundian", "BI"),
    ("Cambodian", "KH"),
    ("Cameroonian", "CM"),
    ("Canadian", "CA"),
    ("Central African", "CF"),
    ("Chadian", "TD"),
    ("Chilean", "CL"),
    ("Chinese", "CN"),
    ("Colombian", "CO"),
    ("Congolese", "CD"),
    ("Croatian", "HR"),
    ("Cuban", "CU"),
    ("Cypriot", "CY"),
    ("Czech", "CZ"),
    ("Danish", "DK"),
    ("Djiboutian", "DJ"),
    ("Dominican", "DO"),
    ("Dutch", "NL"),
    ("Ecuadorian", "EC"),
    ("Egyptian", "EG"),
    ("Emirati", "AE"),
    ("Eritrean", "ER"),
    ("Estonian", "EE"),
    ("Ethiopian", "ET"),
    ("Filipino", "PH"),
    ("Finnish", "FI"),
    ("French", "FR"),
    ("Gabonese", "GA"),
    ("Gambian", "GM"),
    ("Georgian", "GE"),
    ("German", "DE"),
    ("Ghanaian", "GH"),
    ("Greek", "GR"),
    ("Guatemalan", "GT"),
    ("Guinean", "GN"),
    ("Haitian", "HT"),
    ("Honduran", "HN"),
    ("Hungarian", "HU"),
    ("Indian", "IN"),
    ("Indonesian", "ID"),
    ("Iranian", "IR"),
    ("Iraqi", "IQ"),
    ("Irish", "IE"),
    ("Israeli", "IL"),
    ("Italian", "IT"),
    ("Ivorian", "CI"),
    ("Jamaican", "JM"),
    ("Japanese", "JP"),
    ("Jordanian", "JO"),
    ("Kazakh", "KZ"),
    ("Kazakhstani", "KZ"),
    ("Kenyan", "KE"),
    ("Kosovar", "XK"),
    ("Kuwaiti", "KW"),
    ("Kyrgyz", "KG"),
    ("Lao", "LA"),
    ("Laotian", "LA"),
    ("Latvian", "LV"),
    ("Lebanese", "LB"),
    ("Liberian", "LR"),
    ("Libyan", "LY"),
    ("Lithuanian", "LT"),
    ("Macedonian", "MK"),
    ("Malagasy", "MG"),
    ("Malaysian", "MY"),
    ("Maldivian", "MV"),
    ("Malian", "ML"),
    ("Maltese", "MT"),
    ("Mauritanian", "MR"),
    ("Mexican", "MX"),
    ("Moldovan", "MD"),
    ("Mongolian", "MN"),
    ("Montenegrin", "ME"),
    ("Moroccan", "MA"),
    ("Mozambican", "MZ"),
    ("Namibian", "NA"),
    ("Nepalese", "NP"),
    ("Nepali", "NP"),
    ("New Zealander", "NZ"),
    ("Nicaraguan", "NI"),
    ("Nigerian", "NG"),
    ("Nigerien", "NE"),
    ("North Korean", "KP"),
    ("Norwegian", "NO"),
    ("Omani", "OM"),
    ("Pakistani", "PK"),
    ("Palestinian", "PS"),
    ("Panamanian", "PA"),
    ("Paraguayan", "PY"),
    ("Peruvian", "PE"),
    ("Philippine", "PH"),
    ("Polish", "PL"),
    ("Portuguese", "PT"),
    ("Qatari", "QA"),
    ("Romanian", "RO"),
    ("Russian", "RU"),
    ("Rwandan", "RW"),
    ("Salvadoran", "SV"),
    ("Saudi", "SA"),
    ("Saudi Arabian", "SA"),
    ("Senegalese", "SN"),
    ("Serbian", "RS"),
    ("Sierra Leonean", "SL"),
    ("Singaporean", "SG"),
    ("Slovak", "SK"),
    ("Slovenian", "SI"),
    ("Somali", "SO"),
    ("South African", "ZA"),
    ("South Korean", "KR"),
    ("South Sudanese", "SS"),
    ("Spanish", "ES"),
    ("Sri Lankan", "LK"),
    ("Sudanese", "SD"),
    ("Swedish", "SE"),
    ("Swiss", "CH"),
    ("Syrian", "SY"),
    ("Taiwanese", "TW"),
    ("Tajik", "TJ"),
    ("Tajikistani", "TJ"),
    ("Tanzanian", "TZ"),
    ("Thai", "TH"),
    ("Togolese", "TG"),
    ("Tunisian", "TN"),
    ("Turkish", "TR"),
    ("Turkmen", "TM"),
    ("Ugandan", "UG"),
    ("Ukrainian", "UA"),
    ("Uruguayan", "UY"),
    ("Uzbek", "UZ"),
    ("Uzbekistani", "UZ"),
    ("Venezuelan", "VE"),
    ("Vietnamese", "VN"),
    ("Yemeni", "YE"),
    ("Zambian", "ZM"),
    ("Zimbabwean", "ZW"),
];

/// Folds a country string for lookup: ASCII, lower-case, dots dropped
/// ("U.K." = "uk"), other punctuation as spaces, "&" as "and", "st" as
/// "saint", a leading "the" dropped.
fn fold(s: &str) -> String {
    let ascii = any_ascii::any_ascii(s).to_lowercase();
    let mut spaced = String::with_capacity(ascii.len());
    for ch in ascii.chars() {
        match ch {
            '.' => {}
            '&' => spaced.push_str(" and "),
            c if c.is_ascii_alphanumeric() => spaced.push(c),
            _ => spaced.push(' '),
        }
    }
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    let words: Vec<&str> = words
        .into_iter()
        .map(|w| if w == "st" { "saint" } else { w })
        .collect();
    words.join(" ")
}

/// Candidate keys for a name: itself, and for "X, Y" also "Y X" (so
/// "Korea, North" and "North Korea" agree).
fn keys(s: &str) -> Vec<String> {
    let mut out = vec![fold(s)];
    if let Some((head, tail)) = s.split_once(',') {
        let swapped = fold(&format!("{tail} {head}"));
        if !out.contains(&swapped) {
            out.push(swapped);
        }
    }
    out
}

fn index() -> &'static HashMap<String, &'static str> {
    static INDEX: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        // Aliases first, so that the official table wins on any clash.
        for &(alias, code) in ALIASES {
            for k in keys(alias) {
                map.insert(k, code);
            }
        }
        for rec in COUNTRIES {
            for k in keys(rec.name) {
                map.insert(k, rec.alpha2);
            }
            map.insert(fold(rec.alpha3), rec.alpha2);
        }
        // Two-letter codes last: "in", "no", "is" are codes before words.
        for rec in COUNTRIES {
            map.insert(fold(rec.alpha2), rec.alpha2);
        }
        map
    })
}

/// The ISO 3166-1 alpha-2 code for a country name, demonym or code, or `None`
/// when the text is not recognised. Case-, diacritic- and
/// punctuation-insensitive: `"Russia"`, `"Russian Federation"`, `"RUS"`,
/// `"ru"`, `"Russian"` all give `"RU"`; `"Korea, North"` and `"North Korea"`
/// give `"KP"`; `"Côte d'Ivoire"` gives `"CI"`.
pub fn code_for(name_or_code: &str) -> Option<&'static str> {
    let idx = index();
    keys(name_or_code)
        .iter()
        .find_map(|k| idx.get(k.as_str()).copied())
}

/// The English short name (as the lists write it) for an ISO alpha-2 code,
/// case-insensitive; `None` for an unknown code.
pub fn name_for(code: &str) -> Option<&'static str> {
    let code = code.trim();
    COUNTRIES
        .iter()
        .find(|rec| rec.alpha2.eq_ignore_ascii_case(code))
        .map(|rec| rec.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        for (input, code) in [
            ("RU", "RU"),
            ("rus", "RU"),
            ("Russia", "RU"),
            ("Russian Federation", "RU"),
            ("RUSSIAN", "RU"),
            ("Iran", "IR"),
            ("Iranian", "IR"),
            ("Korea, North", "KP"),
            ("North Korea", "KP"),
            ("Democratic People's Republic of Korea", "KP"),
            ("Korea, South", "KR"),
            ("South Korea", "KR"),
            ("Burma", "MM"),
            ("Myanmar", "MM"),
            ("Syria", "SY"),
            ("Syrian", "SY"),
            ("Congo, Democratic Republic of the", "CD"),
            ("Congo, Republic of the", "CG"),
            ("Cote d'Ivoire", "CI"),
            ("Côte d’Ivoire", "CI"),
            ("Cote d Ivoire", "CI"),
            ("West Bank", "PS"),
            ("Palestinian", "PS"),
            ("Turkey", "TR"),
            ("Turkiye", "TR"),
            ("Türkiye", "TR"),
            ("United Kingdom", "GB"),
            ("U.K.", "GB"),
            ("UAE", "AE"),
            ("United Arab Emirates", "AE"),
            ("Chinese", "CN"),
            ("China", "CN"),
            ("Man, Isle of", "IM"),
            ("Virgin Islands, British", "VG"),
            ("British Virgin Islands", "VG"),
            ("North Macedonia, The Republic of", "MK"),
            ("The Gambia", "GM"),
            ("St. Kitts & Nevis", "KN"),
            ("Saint Vincent and the Grenadines", "VC"),
            ("Kosovo", "XK"),
            ("  united   states ", "US"),
            ("in", "IN"),
        ] {
            assert_eq!(code_for(input), Some(code), "{input}");
        }
        assert_eq!(code_for("Atlantis"), None);
        assert_eq!(code_for(""), None);
        assert_eq!(code_for("undetermined"), None);
        assert_eq!(name_for("kp"), Some("Korea, North"));
        assert_eq!(name_for("RU"), Some("Russia"));
        assert_eq!(name_for("ZZ"), None);
    }

    #[test]
    fn table_is_consistent() {
        assert_eq!(COUNTRIES.len(), 251);
        let mut a2: Vec<&str> = COUNTRIES.iter().map(|r| r.alpha2).collect();
        a2.sort_unstable();
        a2.dedup();
        assert_eq!(a2.len(), COUNTRIES.len(), "duplicate alpha-2");
        let mut a3: Vec<&str> = COUNTRIES.iter().map(|r| r.alpha3).collect();
        a3.sort_unstable();
        a3.dedup();
        assert_eq!(a3.len(), COUNTRIES.len(), "duplicate alpha-3");
        for rec in COUNTRIES {
            assert_eq!(code_for(rec.name), Some(rec.alpha2), "{}", rec.name);
            assert_eq!(code_for(rec.alpha3), Some(rec.alpha2), "{}", rec.alpha3);
            assert_eq!(code_for(rec.alpha2), Some(rec.alpha2), "{}", rec.alpha2);
            assert_eq!(name_for(rec.alpha2), Some(rec.name));
        }
        for &(alias, code) in ALIASES {
            assert!(name_for(code).is_some(), "alias {alias} -> unknown {code}");
            assert_eq!(code_for(alias), Some(code), "{alias}");
        }
    }

    #[test]
    fn snapshot_of_table() {
        let lines: Vec<String> = COUNTRIES
            .iter()
            .map(|r| format!("{} {} {}", r.alpha2, r.alpha3, r.name))
            .chain(ALIASES.iter().map(|(a, c)| format!("alias {a} -> {c}")))
            .collect();
        insta::assert_snapshot!(lines.join("\n"));
    }
}
