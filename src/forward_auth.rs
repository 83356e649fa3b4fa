//! Forward auth: the access decision a reverse proxy asks for on every
//! request. Pure functions over the configured rules: first match wins,
//! no match is a denial.

use serde::{Deserialize, Serialize};
use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// Never allowed.
    Deny,
    /// A session that passed both factors (and is in one of `groups`, if set).
    Mfa,
    /// Public: allowed without a session (static assets, token-protected APIs).
    Bypass,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessRule {
    /// `paperless.example.com`, or `*.example.com` for any subdomain.
    pub host: String,
    /// Path prefix; `/` matches everything.
    #[serde(default = "root")]
    pub path: String,
    pub policy: Policy,
    /// The user must be in at least one of these groups (when not empty).
    #[serde(default)]
    pub groups: Vec<String>,
}

fn root() -> String {
    "/".into()
}

/// What the session proves, for the decision.
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub complete: bool,
    pub groups: &'a [String],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Allowed for this user: pass the identity headers upstream.
    Allow,
    /// Allowed without identity (bypass rule).
    Public,
    /// No session with both factors: send the user to log in.
    Login,
    /// Refused, whoever asks.
    Forbidden,
}

impl AccessRule {
    fn host_matches(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let pattern = self.host.to_ascii_lowercase();
        match pattern.strip_prefix("*.") {
            Some(suffix) => host.len() > suffix.len() + 1 && host.ends_with(&format!(".{suffix}")),
            None => host == pattern,
        }
    }

    fn path_matches(&self, path: &str) -> bool {
        let prefix = self.path.as_str();
        // `/admin` and `/admin/` both cover `/admin` and everything below it.
        let bare = prefix.trim_end_matches('/');
        bare.is_empty() || path == bare || path.starts_with(&format!("{bare}/"))
    }
}

/// The first rule covering `host` and `path`.
pub fn rule_for<'a>(rules: &'a [AccessRule], host: &str, path: &str) -> Option<&'a AccessRule> {
    let path = normalize_path(path);
    rules
        .iter()
        .find(|r| r.host_matches(host) && r.path_matches(&path))
}

/// Whether some rule that can allow access covers `host` (for return URLs).
pub fn host_is_protected(rules: &[AccessRule], host: &str) -> bool {
    rules
        .iter()
        .any(|r| r.policy != Policy::Deny && r.host_matches(host))
}

pub fn decide(rule: Option<&AccessRule>, viewer: Option<Viewer<'_>>) -> Decision {
    let Some(rule) = rule else {
        return Decision::Forbidden;
    };
    match rule.policy {
        Policy::Deny => Decision::Forbidden,
        Policy::Bypass => Decision::Public,
        Policy::Mfa => match viewer {
            Some(v) if v.complete => {
                if rule.groups.is_empty() || rule.groups.iter().any(|g| v.groups.contains(g)) {
                    Decision::Allow
                } else {
                    Decision::Forbidden
                }
            }
            _ => Decision::Login,
        },
    }
}

/// The path as the upstream will see it: percent-decoded once, dot
/// segments resolved and slashes collapsed, so `/%61dmin/` or `/x/../admin/`
/// meet the `/admin/` rule.
pub fn normalize_path(raw: &str) -> String {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let decoded: Vec<u8> = percent_decode(path.as_bytes());
    let decoded = String::from_utf8_lossy(&decoded);
    let mut out: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let trailing = decoded.ends_with('/') && !out.is_empty();
    format!("/{}{}", out.join("/"), if trailing { "/" } else { "" })
}

fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2)))
            && let Ok(b) = u8::try_from(h * 16 + l)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// A return URL after login is allowed only to a host the rules cover:
/// no open redirects.
pub fn allowed_return_url(rules: &[AccessRule], raw: &str) -> Option<Url> {
    let url = Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "http" | "https")
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return None;
    }
    host_is_protected(rules, url.host_str()?).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<AccessRule> {
        vec![
            AccessRule {
                host: "paperless.example.com".into(),
                path: "/admin/".into(),
                policy: Policy::Mfa,
                groups: vec!["admins".into()],
            },
            AccessRule {
                host: "paperless.example.com".into(),
                path: "/static/".into(),
                policy: Policy::Bypass,
                groups: vec![],
            },
            AccessRule {
                host: "paperless.example.com".into(),
                path: "/".into(),
                policy: Policy::Mfa,
                groups: vec![],
            },
            AccessRule {
                host: "*.internal.example.com".into(),
                path: "/".into(),
                policy: Policy::Deny,
                groups: vec![],
            },
        ]
    }

    #[test]
    fn first_match_wins_and_default_is_deny() {
        let r = rules();
        let admin = vec!["admins".to_string()];
        let staff = vec!["staff".to_string()];
        let full = |g| {
            Some(Viewer {
                complete: true,
                groups: g,
            })
        };
        let at = |p: &str| rule_for(&r, "paperless.example.com", p);
        assert_eq!(decide(at("/admin/"), full(&admin)), Decision::Allow);
        assert_eq!(decide(at("/admin/"), full(&staff)), Decision::Forbidden);
        assert_eq!(decide(at("/"), full(&staff)), Decision::Allow);
        assert_eq!(decide(at("/documents/"), None), Decision::Login);
        assert_eq!(
            decide(
                at("/documents/"),
                Some(Viewer {
                    complete: false,
                    groups: &admin
                })
            ),
            Decision::Login
        );
        assert_eq!(decide(at("/static/app.js"), None), Decision::Public);
        assert_eq!(
            decide(rule_for(&r, "other.example.com", "/"), full(&admin)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(rule_for(&r, "x.internal.example.com", "/"), full(&admin)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(
                rule_for(&r, "PAPERLESS.example.com", "/admin"),
                full(&staff)
            ),
            Decision::Forbidden
        );
    }

    #[test]
    fn encoded_and_dotted_paths_meet_their_rule() {
        let r = rules();
        let staff = vec!["staff".to_string()];
        let v = Some(Viewer {
            complete: true,
            groups: &staff,
        });
        for p in [
            "/%61dmin/",
            "/x/../admin/",
            "//admin/",
            "/./admin",
            "/static/../admin/",
            "/admin?x=1",
        ] {
            assert_eq!(
                decide(rule_for(&r, "paperless.example.com", p), v),
                Decision::Forbidden,
                "{p}"
            );
        }
        assert_eq!(normalize_path("/a/b/../c/"), "/a/c/");
        assert_eq!(normalize_path("/../../"), "/");
    }

    #[test]
    fn return_urls_only_to_covered_hosts() {
        let r = rules();
        assert!(allowed_return_url(&r, "https://paperless.example.com/documents/").is_some());
        assert!(allowed_return_url(&r, "https://evil.example.com/").is_none());
        assert!(allowed_return_url(&r, "https://a.internal.example.com/").is_none());
        assert!(allowed_return_url(&r, "javascript:alert(1)").is_none());
        assert!(allowed_return_url(&r, "https://user@paperless.example.com/").is_none());
        assert!(allowed_return_url(&r, "/relative").is_none());
    }
}
