//! API keys and their roles. The server never holds a key in clear: the
//! key file (or the `CORDON_API_KEYS` variable) lists the SHA-256 of each
//! key, and a presented key is hashed and compared in constant time. The
//! key's name is what the audit trail records as the caller.
//!
//! A key file line is `NAME sha256:HEX [ROLE ...]` (also
//! `NAME:sha256:HEX [ROLE ...]`): the roles are words after the hash. A
//! line without roles is a `screening` key, so key files written before
//! roles existed keep working and lose nothing but the admin and review
//! routes.
//! Every route needs one [`Role`] (or none, for the public ones: see the
//! route table in `lib.rs`); a key that lacks it is answered 403
//! `forbidden`.
//!
//! A key is presented as `Authorization: ApiKey KEY` (as the OpenSanctions
//! API does), `Authorization: Bearer KEY` or `X-API-Key: KEY`.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

/// A key file or variable that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{source_name} line {line}: {message}")]
    Invalid {
        source_name: String,
        line: usize,
        message: String,
    },
    #[error("{0}: no API keys in it")]
    Empty(String),
}

/// What a key may do. Roles are independent: a key that screens and
/// reloads holds both `screening` and `admin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Screening and look-ups: `/match`, `/screen`, `/search`,
    /// `/compare`, `/entities`, `/shipments/screen`, `/lists`, and
    /// `POST /customers` (the systems that screen at onboarding feed the
    /// monitoring register). The default of a key line without roles.
    Screening,
    /// Reviewing the alerts of ongoing monitoring: `GET /alerts`,
    /// `GET /alerts/{id}`, `POST /alerts/{id}/decisions` (the key's name
    /// is the reviewer) and `GET /customers/{id}`.
    Reviewer,
    /// Operating the server: `POST /admin/reload`, `POST /monitor/run`.
    Admin,
}

impl Role {
    /// Every role, in the order they are documented.
    pub const ALL: [Role; 3] = [Role::Screening, Role::Reviewer, Role::Admin];

    /// The word used in key files and `cordon api-key --role`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Screening => "screening",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    /// The role named `s` (as [`Role::name`] writes it).
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == s)
    }

    /// `screening, reviewer, admin`: for error messages and help.
    pub fn names() -> String {
        Role::ALL.map(Role::name).join(", ")
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One configured key: its name, roles and the SHA-256 of the key.
#[derive(Debug, Clone)]
pub struct ApiKey {
    name: String,
    roles: u8,
    digest: [u8; 32],
}

impl ApiKey {
    /// The key's name: the caller in the audit trail.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles & role.bit() != 0
    }

    /// The key's roles, in documented order.
    pub fn roles(&self) -> Vec<Role> {
        Role::ALL.into_iter().filter(|r| self.has(*r)).collect()
    }
}

/// The configured keys.
#[derive(Debug, Clone)]
pub struct ApiKeys {
    keys: Vec<ApiKey>,
}

/// `sha256:HEX` of a key: what a key file stores.
pub fn hash_key(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let mut hex = String::with_capacity(71);
    hex.push_str("sha256:");
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// The key file line for a key named `name` with `roles` (none: the
/// default, `screening`).
pub fn key_line(name: &str, key: &str, roles: &[Role]) -> String {
    let mut line = format!("{name} {}", hash_key(key));
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    for r in roles {
        line.push(' ');
        line.push_str(r.name());
    }
    line
}

fn parse_hex32(s: &str) -> Option<[u8; 32]> {
    let s = s.strip_prefix("sha256:")?;
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

impl ApiKeys {
    /// Parses key lines: `NAME sha256:HEX [ROLE ...]` (or
    /// `NAME:sha256:HEX [ROLE ...]`), blank lines and `#` comments
    /// ignored. In a variable, entries may also be separated by commas.
    /// `source_name` names the file or variable in errors.
    pub fn parse(text: &str, source_name: &str) -> Result<ApiKeys, KeyError> {
        let mut keys = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            for entry in raw.split(',') {
                let entry = entry.trim();
                if entry.is_empty() || entry.starts_with('#') {
                    continue;
                }
                let invalid = |message: &str| KeyError::Invalid {
                    source_name: source_name.to_string(),
                    line: i + 1,
                    message: message.to_string(),
                };
                let mut words = entry.split_whitespace();
                let first = words.next().unwrap_or_default();
                let (name, hash) = match first.find(":sha256:") {
                    Some(pos) => (&first[..pos], &first[pos + 1..]),
                    None => match words.next() {
                        Some(hash) => (first, hash),
                        None => return Err(invalid("expected `NAME sha256:HEX [ROLE ...]`")),
                    },
                };
                if name.is_empty() {
                    return Err(invalid("the key has no name"));
                }
                let digest = parse_hex32(hash).ok_or_else(|| {
                    invalid("the key must be given as sha256:<64 hex digits>, never in clear (`cordon api-key NAME` makes one)")
                })?;
                let mut roles = 0u8;
                for word in words {
                    let role = Role::parse(word).ok_or_else(|| {
                        invalid(&format!("unknown role {word:?} (roles: {})", Role::names()))
                    })?;
                    roles |= role.bit();
                }
                if roles == 0 {
                    roles = Role::Screening.bit();
                }
                keys.push(ApiKey {
                    name: name.to_string(),
                    roles,
                    digest,
                });
            }
        }
        if keys.is_empty() {
            return Err(KeyError::Empty(source_name.to_string()));
        }
        Ok(ApiKeys { keys })
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many keys hold `role`.
    pub fn count_with(&self, role: Role) -> usize {
        self.keys.iter().filter(|k| k.has(role)).count()
    }

    /// The configured key presented in `headers`, if any.
    pub fn identify(&self, headers: &HeaderMap) -> Option<&ApiKey> {
        let presented = presented_key(headers)?;
        let digest: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        let mut found = None;
        // Compare against every key without stopping early.
        for key in &self.keys {
            let diff = key
                .digest
                .iter()
                .zip(digest.iter())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b));
            if diff == 0 && found.is_none() {
                found = Some(key);
            }
        }
        found
    }

    /// The name of the key presented in `headers`, if it is a configured
    /// key.
    pub fn caller(&self, headers: &HeaderMap) -> Option<&str> {
        self.identify(headers).map(ApiKey::name)
    }
}

fn presented_key(headers: &HeaderMap) -> Option<&str> {
    if let Some(v) = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let v = v.trim();
        for scheme in ["ApiKey ", "Bearer ", "apikey ", "bearer "] {
            if let Some(k) = v.strip_prefix(scheme) {
                return Some(k.trim());
            }
        }
    }
    headers
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: &str, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
        h
    }

    #[test]
    fn keys_are_matched_by_hash_and_named() {
        let text = format!(
            "# keys\npayments {}\nanalysts:{}\n",
            hash_key("s3cret-one"),
            hash_key("s3cret-two")
        );
        let keys = ApiKeys::parse(&text, "keys.txt").unwrap();
        assert_eq!(keys.len(), 2);
        assert_eq!(
            keys.caller(&headers("authorization", "ApiKey s3cret-one")),
            Some("payments")
        );
        assert_eq!(
            keys.caller(&headers("authorization", "Bearer s3cret-two")),
            Some("analysts")
        );
        assert_eq!(
            keys.caller(&headers("x-api-key", "s3cret-two")),
            Some("analysts")
        );
        assert_eq!(keys.caller(&headers("x-api-key", "s3cret-three")), None);
        assert_eq!(keys.caller(&HeaderMap::new()), None);
    }

    #[test]
    fn clear_keys_and_bad_lines_are_refused_with_the_line() {
        let err = ApiKeys::parse("ok sha256:00\nbad plaintext", "keys.txt").unwrap_err();
        assert!(err.to_string().starts_with("keys.txt line 1"), "{err}");
        let err =
            ApiKeys::parse(&format!("a {}\nb plaintext", hash_key("x")), "keys.txt").unwrap_err();
        assert!(err.to_string().starts_with("keys.txt line 2"), "{err}");
        assert!(ApiKeys::parse("# none\n", "CORDON_API_KEYS").is_err());
    }

    #[test]
    fn roles_follow_the_hash_and_default_to_screening() {
        let text = format!(
            "old {}\nops {} admin\nboth:{} screening admin, rev {} reviewer\n",
            hash_key("k-old"),
            hash_key("k-ops"),
            hash_key("k-both"),
            hash_key("k-rev"),
        );
        let keys = ApiKeys::parse(&text, "keys.txt").unwrap();
        let roles = |k: &str| {
            keys.identify(&headers("x-api-key", k))
                .map(ApiKey::roles)
                .unwrap()
        };
        assert_eq!(roles("k-old"), vec![Role::Screening]);
        assert_eq!(roles("k-ops"), vec![Role::Admin]);
        assert_eq!(roles("k-both"), vec![Role::Screening, Role::Admin]);
        assert_eq!(roles("k-rev"), vec![Role::Reviewer]);
        assert_eq!(keys.count_with(Role::Admin), 2);

        let err = ApiKeys::parse(
            &format!("a {}\nb {} admn", hash_key("x"), hash_key("y")),
            "keys.txt",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("keys.txt line 2"), "{err}");
        assert!(
            err.contains("\"admn\"") && err.contains("screening, reviewer, admin"),
            "{err}"
        );

        // What `cordon api-key --role` writes parses back to the same roles.
        let line = key_line(
            "ops",
            "k-line",
            &[Role::Admin, Role::Screening, Role::Admin],
        );
        assert_eq!(line, format!("ops {} screening admin", hash_key("k-line")));
        let keys = ApiKeys::parse(&line, "line").unwrap();
        assert_eq!(
            keys.identify(&headers("x-api-key", "k-line"))
                .unwrap()
                .roles(),
            vec![Role::Screening, Role::Admin]
        );
    }
}
