//! Form and query parameters as OAuth reads them (RFC 6749 3.1, 3.2):
//! parameters sent without a value are treated as omitted, and a parameter
//! sent more than once is an error.

use std::collections::BTreeMap;

/// At most this many parameters, and this many bytes per value.
const MAX_PARAMS: usize = 64;
const MAX_VALUE_LEN: usize = 4096;

#[derive(Debug, Clone, Default)]
pub struct Params(BTreeMap<String, String>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamsError {
    #[error("parameter `{0}` is repeated")]
    Duplicate(String),
    #[error("too many parameters")]
    TooMany,
    #[error("parameter `{0}` is too long")]
    TooLong(String),
}

impl Params {
    /// Parses `application/x-www-form-urlencoded` (a query string or a body).
    pub fn parse(raw: &[u8]) -> Result<Self, ParamsError> {
        let mut map = BTreeMap::new();
        for (i, (k, v)) in form_urlencoded::parse(raw).enumerate() {
            if i >= MAX_PARAMS {
                return Err(ParamsError::TooMany);
            }
            if v.len() > MAX_VALUE_LEN {
                return Err(ParamsError::TooLong(k.into_owned()));
            }
            if map.insert(k.to_string(), v.into_owned()).is_some() {
                return Err(ParamsError::Duplicate(k.into_owned()));
            }
        }
        map.retain(|_, v: &mut String| !v.is_empty());
        Ok(Self(map))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_are_omitted_and_duplicates_rejected() {
        let p = Params::parse(b"a=1&b=&c=%20x").unwrap_or_default();
        assert_eq!(p.get("a"), Some("1"));
        assert_eq!(p.get("b"), None);
        assert_eq!(p.get("c"), Some(" x"));
        assert_eq!(
            Params::parse(b"a=1&a=2").err(),
            Some(ParamsError::Duplicate("a".into()))
        );
    }
}
