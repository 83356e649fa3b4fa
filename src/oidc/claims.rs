//! Claims for id_tokens and userinfo. Both carry the same scope claims:
//! Paperless reads either, and its group sync drops every group when
//! `groups` is missing.

use serde_json::{Map, Value, json};

use super::scope::Scope;
use crate::db::users::User;

/// The scope claims (OIDC Core 5.4) plus `groups`.
pub fn user_claims(user: &User, groups: &[String], scope: &Scope) -> Map<String, Value> {
    let mut c = Map::new();
    c.insert("sub".into(), json!(user.subject));
    if scope.contains("profile") {
        c.insert("preferred_username".into(), json!(user.username));
        c.insert("name".into(), json!(display_name(user)));
        if let Some(g) = &user.given_name {
            c.insert("given_name".into(), json!(g));
        }
        if let Some(f) = &user.family_name {
            c.insert("family_name".into(), json!(f));
        }
    }
    if scope.contains("email") {
        c.insert("email".into(), json!(user.email));
        // OIDC Core 5.1: true only when the address was proved (an
        // invitation, a confirmation link) or an administrator vouched for
        // it. Relying parties link accounts on it.
        c.insert("email_verified".into(), json!(user.email_verified));
    }
    if scope.contains("groups") {
        c.insert("groups".into(), json!(groups));
    }
    c
}

pub fn display_name(user: &User) -> String {
    user.name
        .clone()
        .unwrap_or_else(|| match (&user.given_name, &user.family_name) {
            (Some(g), Some(f)) => format!("{g} {f}"),
            (Some(g), None) => g.clone(),
            (None, Some(f)) => f.clone(),
            (None, None) => user.username.clone(),
        })
}

/// Splits "Given Family" when the admin gave only a full name.
pub fn split_name(name: &str) -> (Option<String>, Option<String>) {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((given, family)) => (Some(given.trim().to_string()), Some(family.to_string())),
        None if !name.is_empty() => (Some(name.to_string()), None),
        None => (None, None),
    }
}

/// OIDC Core 3.1.3.6: at_hash is the left half of the access token's hash,
/// with the hash function of the id_token's algorithm (SHA-256 for RS256 and
/// ES256; SHA-512 for EdDSA with Ed25519, per the OpenID EdDSA note).
pub fn at_hash(access_token: &str, alg: super::keys::Alg) -> String {
    use sha2::Digest;
    let digest: Vec<u8> = match alg {
        super::keys::Alg::EdDSA => sha2::Sha512::digest(access_token.as_bytes()).to_vec(),
        _ => sha2::Sha256::digest(access_token.as_bytes()).to_vec(),
    };
    crate::crypto::b64url(&digest[..digest.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_hash_matches_oidc_example() {
        // OIDC Core A.3 example: access token and its RS256 at_hash.
        assert_eq!(
            at_hash(
                "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y",
                super::super::keys::Alg::RS256
            ),
            "77QmUPtjPfzWtF2AnpK9RQ"
        );
    }

    #[test]
    fn names_split_on_last_space() {
        assert_eq!(
            split_name("Alice Example"),
            (Some("Alice".into()), Some("Example".into()))
        );
        assert_eq!(split_name("Cher"), (Some("Cher".into()), None));
    }
}
