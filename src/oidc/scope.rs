//! Scope sets. Latchkey grants the scopes it knows and drops the rest
//! (RFC 6749 3.3 lets the server issue fewer scopes than requested).

use std::collections::BTreeSet;

/// The scopes Latchkey understands.
pub const SUPPORTED: [&str; 5] = ["openid", "profile", "email", "groups", "offline_access"];

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Scope(BTreeSet<String>);

impl Scope {
    /// Parses a space-separated scope, keeping supported values only.
    pub fn parse_supported(raw: &str) -> Self {
        Self(
            raw.split(' ')
                .filter(|s| SUPPORTED.contains(s))
                .map(str::to_string)
                .collect(),
        )
    }

    pub fn contains(&self, s: &str) -> bool {
        self.0.contains(s)
    }

    pub fn is_subset(&self, other: &Scope) -> bool {
        self.0.is_subset(&other.0)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v: Vec<&str> = self.iter().collect();
        f.write_str(&v.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_scopes_are_dropped_and_order_is_canonical() {
        let s = Scope::parse_supported("profile openid  weird email");
        assert_eq!(s.to_string(), "email openid profile");
        assert!(Scope::parse_supported("openid").is_subset(&s));
        assert!(!Scope::parse_supported("groups").is_subset(&s));
    }
}
