//! API keys. The server never holds a key in clear: the key file (or the
//! `CORDON_API_KEYS` variable) lists `NAME sha256:HEX` pairs, the SHA-256 of
//! each key, and a presented key is hashed and compared in constant time.
//! The key's name is what the audit trail records as the caller.
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

/// The configured keys: name and SHA-256 of each.
#[derive(Debug, Clone)]
pub struct ApiKeys {
    keys: Vec<(String, [u8; 32])>,
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
    /// Parses key lines: `NAME sha256:HEX` (or `NAME:sha256:HEX`), blank
    /// lines and `#` comments ignored. In a variable, entries may also be
    /// separated by commas. `source_name` names the file or variable in
    /// errors.
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
                let (name, hash) = match entry.split_once(char::is_whitespace) {
                    Some((n, h)) => (n.trim(), h.trim()),
                    None => match entry.find(":sha256:") {
                        Some(pos) => (&entry[..pos], &entry[pos + 1..]),
                        None => return Err(invalid("expected `NAME sha256:HEX`")),
                    },
                };
                if name.is_empty() {
                    return Err(invalid("the key has no name"));
                }
                let digest = parse_hex32(hash).ok_or_else(|| {
                    invalid("the key must be given as sha256:<64 hex digits>, never in clear (`cordon api-key NAME` makes one)")
                })?;
                keys.push((name.to_string(), digest));
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

    /// The name of the key presented in `headers`, if it is a configured
    /// key.
    pub fn caller(&self, headers: &HeaderMap) -> Option<&str> {
        let presented = presented_key(headers)?;
        let digest: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        let mut found = None;
        // Compare against every key without stopping early.
        for (name, stored) in &self.keys {
            let diff = stored
                .iter()
                .zip(digest.iter())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b));
            if diff == 0 && found.is_none() {
                found = Some(name.as_str());
            }
        }
        found
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
}
