//! Route rules: countries that make a shipment risky by where it goes,
//! passes or who sits there, read from `data/goods/route_rules.csv`
//! (columns `country,rule,reason,source`).
//!
//! * `embargo`: comprehensive sanctions or embargo (Russia, Belarus, Iran,
//!   North Korea). Always flags.
//! * `transshipment`: named by an official advisory as a common
//!   transshipment point to Russia or Belarus. Flags a shipment that
//!   carries listed goods; otherwise only noted.

use crate::error::{Error, Result};
use crate::table::{field, Table};
use serde::Serialize;

/// What a route rule means for the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    Embargo,
    Transshipment,
}

/// One rule for one country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteRule {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub rule: RuleKind,
    pub reason: String,
    /// Citation: title, agency, date.
    pub source: String,
}

/// Every route rule.
#[derive(Debug, Clone, Default)]
pub struct RouteRules {
    pub rules: Vec<RouteRule>,
}

impl RouteRules {
    /// Parses the route-rules CSV; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<RouteRules> {
        let table = Table::parse(file, text)?;
        let (c_country, c_rule, c_reason, c_source) = (
            table.column(&["country"])?,
            table.column(&["rule"])?,
            table.column(&["reason"])?,
            table.column(&["source"])?,
        );
        let mut rules = Vec::new();
        for (line, rec) in &table.rows {
            let line = *line;
            let field = |i: usize| field(rec, i).to_string();
            let country = field(c_country).to_ascii_uppercase();
            if cordon_engine::country::name_for(&country).is_none() {
                return Err(Error::data(
                    file,
                    line,
                    format!("unknown country code {country:?}"),
                ));
            }
            let rule = match field(c_rule).as_str() {
                "embargo" => RuleKind::Embargo,
                "transshipment" => RuleKind::Transshipment,
                other => {
                    return Err(Error::data(
                        file,
                        line,
                        format!("unknown rule {other:?} (expected embargo or transshipment)"),
                    ))
                }
            };
            rules.push(RouteRule {
                country,
                rule,
                reason: field(c_reason),
                source: field(c_source),
            });
        }
        Ok(RouteRules { rules })
    }

    /// The rules for a country (alpha-2, any case).
    pub fn for_country<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a RouteRule> + 'a {
        self.rules
            .iter()
            .filter(move |r| r.country.eq_ignore_ascii_case(code))
    }
}
