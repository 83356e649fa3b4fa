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
    /// Match `path` ignoring ASCII case, for upstreams that route that way.
    /// Without it a path that meets the prefix only when case is ignored
    /// (`/ADMIN/` for `/admin/`) is refused rather than judged by a later,
    /// possibly more permissive rule.
    #[serde(default)]
    pub case_insensitive: bool,
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

    fn path_match(&self, path: &str) -> PathMatch {
        if prefix_covers(&self.path, path) {
            PathMatch::Exact
        } else if prefix_covers(&self.path.to_ascii_lowercase(), &path.to_ascii_lowercase()) {
            PathMatch::IgnoringCase
        } else {
            PathMatch::No
        }
    }
}

enum PathMatch {
    Exact,
    IgnoringCase,
    No,
}

/// `/admin` and `/admin/` both cover `/admin` and everything below it.
fn prefix_covers(prefix: &str, path: &str) -> bool {
    let bare = prefix.trim_end_matches('/');
    bare.is_empty()
        || path == bare
        || path
            .strip_prefix(bare)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The first rule covering `host` and `path`; `None` (denied) when none
/// does, when the path is ambiguous (`unambiguous_path`), or when the first
/// rule it meets matches only ignoring case and does not allow that.
pub fn rule_for<'a>(rules: &'a [AccessRule], host: &str, path: &str) -> Option<&'a AccessRule> {
    let path = unambiguous_path(path)?;
    for rule in rules.iter().filter(|r| r.host_matches(host)) {
        match rule.path_match(&path) {
            PathMatch::Exact => return Some(rule),
            PathMatch::IgnoringCase => return rule.case_insensitive.then_some(rule),
            PathMatch::No => {}
        }
    }
    None
}

/// The path (the part of a request target before `?`) normalised for
/// matching, or `None` when upstreams may read it differently from each
/// other and from us: `;` (path parameters: Tomcat and Spring cut them off),
/// `\` (a separator on some servers), control characters, a `%` that is
/// not followed by two hex digits, and encoded `/`, `.`, `\`, `%` or
/// control characters (decoded, or decoded twice, by some upstreams and not
/// others). Refusing these closes the gap between the path judged here and
/// the path the application serves.
pub fn unambiguous_path(raw: &str) -> Option<String> {
    let path = raw.split('?').next().unwrap_or("");
    let bytes = path.as_bytes();
    if !path.starts_with('/') {
        return None;
    }
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' | b'\\' | b'#' => return None,
            b if b.is_ascii_control() || b == b' ' => return None,
            b'%' => {
                let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
                let (Some(h), Some(l)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) else {
                    return None;
                };
                let decoded = u8::try_from(h * 16 + l).ok()?;
                if matches!(decoded, b'/' | b'.' | b'\\' | b'%') || decoded.is_ascii_control() {
                    return None;
                }
                i += 3;
            }
            _ => i += 1,
        }
    }
    Some(normalize_path(path))
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

/// The request a proxy asks about, from the separate parts it sends
/// (`X-Forwarded-Proto`, `-Host`, `-Uri`, and for nginx `-Port`), each
/// checked on its own so that no part can bend another: a `Host` of
/// `a.example.com:1@b.example.com\#` must not turn into another host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forwarded {
    https: bool,
    host: String,
    port: Option<u16>,
    uri: String,
}

/// Why a proxy's description of a request was refused (answered 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// A required header is missing or empty.
    Missing(&'static str),
    /// A header came more than once (the client's copy and the proxy's).
    Repeated(&'static str),
    /// A header that is not visible ASCII.
    NotAscii(&'static str),
    /// `X-Original-URL`, which earlier versions read: an nginx configured
    /// for them may pass the client's own `X-Forwarded-*` through, so the
    /// request is refused rather than judged on those.
    Legacy,
    Proto,
    Host,
    Port,
    Uri,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Malformed::Missing(h) => write!(f, "missing {h}"),
            Malformed::Repeated(h) => write!(f, "{h} sent more than once"),
            Malformed::NotAscii(h) => write!(f, "{h} is not visible ASCII"),
            Malformed::Legacy => f.write_str(
                "X-Original-URL is no longer read: send X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-Uri (see the README)",
            ),
            Malformed::Proto => f.write_str("X-Forwarded-Proto must be http or https"),
            Malformed::Host => f.write_str("X-Forwarded-Host must be a host name, optionally with :port"),
            Malformed::Port => f.write_str("the forwarded port must be 1-65535 and agree with X-Forwarded-Host"),
            Malformed::Uri => f.write_str(
                "X-Forwarded-Uri must start with / and hold no \\, #, spaces or control characters",
            ),
        }
    }
}

/// Validates the parts of a forwarded request. `port` is a separate port
/// header (nginx's `$server_port`); `host` may carry a port of its own
/// (Traefik and Caddy pass `Host` as the client sent it), and the two must
/// then agree.
pub fn forwarded(
    proto: &str,
    host: &str,
    port: Option<&str>,
    uri: &str,
) -> Result<Forwarded, Malformed> {
    let https = match proto {
        "https" => true,
        "http" => false,
        _ => return Err(Malformed::Proto),
    };
    let (name, host_port) = match host.split_once(':') {
        Some((name, p)) => (name, Some(parse_port(p).ok_or(Malformed::Host)?)),
        None => (host, None),
    };
    if !is_host_name(name) {
        return Err(Malformed::Host);
    }
    let port = match (host_port, port.map(parse_port)) {
        (_, Some(None)) => return Err(Malformed::Port),
        (Some(a), Some(Some(b))) if a != b => return Err(Malformed::Port),
        (a, b) => a.or(b.flatten()),
    };
    if !uri.starts_with('/')
        || uri.len() > 8192
        || uri
            .bytes()
            .any(|b| !b.is_ascii_graphic() || b == b'\\' || b == b'#')
    {
        return Err(Malformed::Uri);
    }
    Ok(Forwarded {
        https,
        host: name.to_ascii_lowercase(),
        port,
        uri: uri.to_string(),
    })
}

/// 1 to 65535, digits only (`u16::from_str` would take `+80`).
fn parse_port(p: &str) -> Option<u16> {
    if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    p.parse::<u16>().ok().filter(|&n| n != 0)
}

/// Dot-separated labels of letters, digits, `-` and `_` (Docker service
/// names), none empty or longer than 63, not starting or ending with `-`
/// (RFC 1123 section 2.1); at most 253 characters. No IP literals in
/// brackets, no userinfo, no trailing dot.
fn is_host_name(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 253
        && h.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

impl Forwarded {
    /// The host name, lower case, without a port.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The request target as the client sent it (path and query).
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// The path part of the request target, before any `?`.
    pub fn path(&self) -> &str {
        self.uri.split('?').next().unwrap_or("")
    }

    /// The whole URL, for the return address after login.
    pub fn url(&self) -> Option<Url> {
        let scheme = if self.https { "https" } else { "http" };
        let port = self.port.map(|p| format!(":{p}")).unwrap_or_default();
        Url::parse(&format!("{scheme}://{}{port}{}", self.host, self.uri)).ok()
    }
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
                case_insensitive: false,
            },
            AccessRule {
                host: "paperless.example.com".into(),
                path: "/static/".into(),
                policy: Policy::Bypass,
                groups: vec![],
                case_insensitive: false,
            },
            AccessRule {
                host: "paperless.example.com".into(),
                path: "/".into(),
                policy: Policy::Mfa,
                groups: vec![],
                case_insensitive: false,
            },
            AccessRule {
                host: "*.internal.example.com".into(),
                path: "/".into(),
                policy: Policy::Deny,
                groups: vec![],
                case_insensitive: false,
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
    fn forwarded_parts_from_each_proxy_are_accepted() {
        // nginx: `$host` (no port) plus `$server_port`.
        let f = forwarded("http", "paperless.example.com", Some("8080"), "/a/?b=1&c=2").unwrap();
        assert_eq!(f.host(), "paperless.example.com");
        assert_eq!(f.path(), "/a/");
        assert_eq!(f.uri(), "/a/?b=1&c=2");
        assert_eq!(
            f.url().unwrap().as_str(),
            "http://paperless.example.com:8080/a/?b=1&c=2"
        );
        // The default port disappears from the return URL.
        let f = forwarded("https", "paperless.example.com", Some("443"), "/").unwrap();
        assert_eq!(f.url().unwrap().as_str(), "https://paperless.example.com/");
        // Traefik and Caddy: the Host as sent, port included; case folded.
        let f = forwarded("https", "Paperless.Example.com:8443", None, "/x").unwrap();
        assert_eq!(f.host(), "paperless.example.com");
        assert_eq!(
            f.url().unwrap().as_str(),
            "https://paperless.example.com:8443/x"
        );
        assert!(forwarded("http", "paperless:8000", Some("8000"), "/").is_ok());
        assert!(forwarded("http", "paperless_web", None, "/").is_ok());
        assert!(forwarded("http", "10.0.0.5", None, "/").is_ok());
        // `@` is an ordinary path character (RFC 3986 section 3.3); with the
        // host checked on its own, it cannot become userinfo.
        let f = forwarded(
            "https",
            "social.example.com",
            None,
            "//x@evil.example.com/@alice",
        )
        .unwrap();
        assert_eq!(f.url().unwrap().host_str(), Some("social.example.com"));
    }

    #[test]
    fn forwarded_parts_that_could_bend_the_url_are_refused() {
        use Malformed::*;
        let cases: &[(&str, &str, Option<&str>, &str, Malformed)] = &[
            ("ftp", "a.example.com", None, "/", Proto),
            ("HTTPS", "a.example.com", None, "/", Proto),
            ("", "a.example.com", None, "/", Proto),
            (
                "http",
                "paperless.example.com:9680\\static\\#",
                None,
                "/admin/",
                Host,
            ),
            ("http", "H:1@other.example.com\\#", None, "/admin/", Host),
            ("http", "user@a.example.com", None, "/", Host),
            ("http", "user:pw@a.example.com", None, "/", Host),
            ("http", "a.example.com\\", None, "/", Host),
            ("http", "a.example.com#", None, "/", Host),
            ("http", "a.example.com/x", None, "/", Host),
            ("http", "a.example.com?x", None, "/", Host),
            ("http", "a.example.com ", None, "/", Host),
            ("http", "a.exa\tmple.com", None, "/", Host),
            ("http", "a.example.com.", None, "/", Host),
            ("http", "a..example.com", None, "/", Host),
            ("http", "-a.example.com", None, "/", Host),
            ("http", "[::1]", None, "/", Host),
            ("http", "[::1]:80", None, "/", Host),
            ("http", "", None, "/", Host),
            ("http", "a.example.com:", None, "/", Host),
            ("http", "a.example.com:0", None, "/", Host),
            ("http", "a.example.com:+80", None, "/", Host),
            ("http", "a.example.com:65536", None, "/", Host),
            ("http", "a.example.com:80:80", None, "/", Host),
            ("http", "a.example.com", Some("x"), "/", Port),
            ("http", "a.example.com", Some("0"), "/", Port),
            ("http", "a.example.com:8080", Some("8081"), "/", Port),
            ("http", "a.example.com", None, "", Uri),
            ("http", "a.example.com", None, "admin/", Uri),
            ("http", "a.example.com", None, "http://b.example.com/", Uri),
            ("http", "a.example.com", None, "/static\\..\\admin/", Uri),
            ("http", "a.example.com", None, "/static/#/admin/", Uri),
            ("http", "a.example.com", None, "/a b", Uri),
            ("http", "a.example.com", None, "/a\tb", Uri),
            ("http", "a.example.com", None, "/a\u{0}", Uri),
            ("http", "a.example.com", None, "/a\u{7f}", Uri),
            ("http", "a.example.com", None, "/\u{e9}", Uri),
        ];
        for (proto, host, port, uri, want) in cases {
            assert_eq!(
                forwarded(proto, host, *port, uri),
                Err(*want),
                "{proto} {host:?} {port:?} {uri:?}"
            );
        }
    }

    #[test]
    fn paths_upstreams_may_read_differently_are_refused() {
        let r = rules();
        let root = vec!["admins".to_string(), "staff".to_string()];
        let v = Some(Viewer {
            complete: true,
            groups: &root,
        });
        for p in [
            "/admin;x/",
            "/;/admin/",
            "/static/;/../admin/",
            "/static\\..\\admin/",
            "/%5cadmin/",
            "/static/%5C../admin/",
            "/static/%2e%2e/admin/",
            "/static/%2E%2E/admin/",
            "/static/.%2e/admin/",
            "/admin/%2e%2e",
            "/static%2f..%2fadmin/",
            "/static%2F..%2Fadmin/",
            "/static/%252e%252e/admin/",
            "/%25",
            "/admin%00/",
            "/static/%00",
            "/static/%0a",
            "/static/%7f",
            "/static/\u{1}",
            "/static/100%",
            "/static/%g0",
            "/static/%4",
            "static/",
            "",
        ] {
            assert_eq!(unambiguous_path(p), None, "{p}");
            assert_eq!(rule_for(&r, "paperless.example.com", p), None, "{p}");
            assert_eq!(
                decide(rule_for(&r, "paperless.example.com", p), v),
                Decision::Forbidden,
                "{p}"
            );
        }
        // Ordinary encodings still pass and are normalised, and the query
        // is not the path's business.
        assert_eq!(unambiguous_path("/%61dmin/").as_deref(), Some("/admin/"));
        assert_eq!(
            unambiguous_path("/caf%C3%A9/").as_deref(),
            Some("/caf\u{e9}/")
        );
        assert_eq!(
            unambiguous_path("/x/?next=%2Fadmin%2F;a").as_deref(),
            Some("/x/")
        );
    }

    #[test]
    fn a_case_variant_of_a_rule_is_refused_unless_the_rule_ignores_case() {
        let mut r = rules();
        let staff = vec!["staff".to_string()];
        let admins = vec!["admins".to_string()];
        let v = |g| {
            Some(Viewer {
                complete: true,
                groups: g,
            })
        };
        let at = |r: &[AccessRule], p: &str| rule_for(r, "paperless.example.com", p).cloned();
        // Case-sensitive (the default): `/ADMIN/` does not meet `/admin/`, and
        // it does not fall through to the `/` rule either (a case-insensitive
        // upstream would serve the admin pages there).
        for p in ["/ADMIN/", "/Admin/x", "/aDmIn", "/STATIC/app.js"] {
            assert_eq!(at(&r, p), None, "{p}");
            assert_eq!(
                decide(at(&r, p).as_ref(), v(&staff)),
                Decision::Forbidden,
                "{p}"
            );
        }
        assert_eq!(
            at(&r, "/administrator/").map(|x| x.path),
            Some("/".to_string())
        );
        // Ignoring case: the rule applies to every spelling.
        r[0].case_insensitive = true;
        for p in ["/ADMIN/", "/Admin/x", "/aDmIn", "/admin/"] {
            assert_eq!(
                at(&r, p).map(|x| x.path),
                Some("/admin/".to_string()),
                "{p}"
            );
            assert_eq!(
                decide(at(&r, p).as_ref(), v(&staff)),
                Decision::Forbidden,
                "{p}"
            );
            assert_eq!(
                decide(at(&r, p).as_ref(), v(&admins)),
                Decision::Allow,
                "{p}"
            );
        }
    }

    #[test]
    fn case_insensitive_is_off_unless_a_rule_says_so() {
        let rules: std::collections::BTreeMap<String, Vec<AccessRule>> = toml::from_str(
            "[[r]]\nhost = \"a.example.com\"\npolicy = \"mfa\"\n\
             [[r]]\nhost = \"b.example.com\"\npath = \"/admin/\"\npolicy = \"deny\"\ncase_insensitive = true\n",
        )
        .unwrap();
        let r = &rules["r"];
        assert!(!r[0].case_insensitive);
        assert!(r[1].case_insensitive);
        assert_eq!(
            rule_for(r, "b.example.com", "/Admin/x").map(|x| x.policy),
            Some(Policy::Deny)
        );
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
