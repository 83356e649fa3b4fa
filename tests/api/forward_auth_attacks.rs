//! The outside audit's forward-auth requests (issue 12: F1, F6, F13), sent
//! through Debian's nginx and Caddy running the README's snippets, and
//! straight at Latchkey for the checks it makes itself.
//!
//! Requests a well-behaved client would never send (a `\` in `Host`, an
//! undecoded `%2e%2e`) go over a raw TCP socket: reqwest refuses or
//! normalises them.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::cookie::{CookieStore, Jar};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use url::Url;

use crate::forward_auth::*;
use crate::helpers::*;

/// Latchkey, the recording upstream and one proxy in front of it.
struct Site {
    app: TestApp,
    jar: Arc<Jar>,
    seen: Seen,
    port: u16,
    base: String,
    _proxy: Proc,
    _dir: tempfile::TempDir,
}

enum Proxy {
    Nginx,
    Caddy,
}

async fn site(kind: Proxy) -> Site {
    let mut app = latchkey().await;
    let jar = Arc::new(Jar::default());
    app.browser = browser_with(jar.clone());
    let (upstream, seen) = recording_upstream().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let lport = app.state.config.listen.port();
    let start = match kind {
        Proxy::Nginx => nginx,
        Proxy::Caddy => caddy,
    };
    let mut proxy = start(dir.path(), port, lport, upstream);
    wait_for_port(port, &mut proxy, &dir.path().join("error.log")).await;
    Site {
        app,
        jar,
        seen,
        port,
        base: format!("http://paperless.example.test:{port}"),
        _proxy: proxy,
        _dir: dir,
    }
}

/// The test browser, with a cookie jar the test can read and add to.
fn browser_with(jar: Arc<Jar>) -> reqwest::Client {
    let mut b = reqwest::Client::builder();
    for h in TEST_HOSTS {
        b = b.resolve(h, std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
    }
    b.cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl Site {
    /// Request targets that reached the application.
    fn reached(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    /// Signs `user` in through the proxy's login redirect.
    async fn login(&self, user: &str) {
        let r = self
            .app
            .browser
            .get(format!("{}/documents/", self.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FOUND);
        login_from(&self.app, &location(&r).unwrap(), user, 0).await;
    }

    /// The `Cookie` header the browser sends to the protected host.
    fn cookies(&self) -> String {
        let url = Url::parse(&self.base).unwrap();
        let header = self.jar.cookies(&url).expect("the browser has cookies");
        header.to_str().unwrap().to_string()
    }
}

/// One raw HTTP/1.1 request to the proxy on `port`: the status and the whole
/// response, or `None` when the proxy closed the connection without an answer
/// (nginx's `return 444`).
async fn raw(
    port: u16,
    host: &str,
    target: &str,
    headers: &[(&str, &str)],
) -> Option<(u16, String)> {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let mut req = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), s.read_to_end(&mut buf))
        .await
        .expect("the proxy answers or closes within 30 s");
    if read.is_err() && buf.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()?;
    Some((status, text))
}

/// The `rd` of the login redirect in a raw response.
fn raw_return_url(response: &str) -> Option<String> {
    let loc = response.lines().find_map(|l| {
        l.strip_prefix("Location: ")
            .or_else(|| l.strip_prefix("location: "))
    })?;
    query(&Url::parse(loc.trim()).ok()?, "rd")
}

fn cookie_set(header: &str) -> BTreeSet<String> {
    header
        .split(';')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Every cookie name Latchkey sets, next to an application's own cookies.
const MIXED_COOKIES: &str = "csrftoken=abc; latchkey=t1; __Host-latchkey=t2; sessionid=xyz; \
     latchkey_login=t3; __Host-latchkey_login=t4; latchkey_forward=t5";

#[tokio::test]
async fn nginx_malformed_host_never_reaches_upstream() {
    let site = site(Proxy::Nginx).await;
    let port = site.port;
    // The audit's request: with `$http_host` in one URL, `\static\#` turned
    // `/admin/` into the public `/static/` rule and reached the upstream.
    let host = format!("paperless.example.test:{port}\\static\\#");
    let (status, response) = raw(port, &host, "/admin/", &[])
        .await
        .expect("nginx answers for paperless.example.test");
    assert_eq!(status, 302, "{response}");
    assert_eq!(
        raw_return_url(&response).as_deref(),
        Some(format!("http://paperless.example.test:{port}/admin/").as_str()),
        "judged as what nginx serves, not what the Host header says: {response}"
    );
    // Without a port, the name is nobody's: the catch-all drops it.
    for host in [
        "paperless.example.test\\static\\#",
        "paperless.example.test\\static\\",
    ] {
        assert_eq!(raw(port, host, "/admin/", &[]).await, None, "{host}");
    }
    assert_eq!(site.reached(), Vec::<String>::new());
}

#[tokio::test]
async fn nginx_userinfo_in_host_never_makes_latchkey_judge_another_host() {
    let site = site(Proxy::Nginx).await;
    // `other.example.test` is public (a bypass rule). `H:1@other…` once made
    // Latchkey judge that host for a request nginx served as Paperless.
    for host in ["H:1@other.example.test\\#", "h:1@other.example.test"] {
        assert_eq!(raw(site.port, host, "/admin/", &[]).await, None, "{host}");
    }
    assert_eq!(site.reached(), Vec::<String>::new());
}

#[tokio::test]
async fn latchkey_refuses_forwarded_parts_that_could_bend_the_url() {
    let app = latchkey().await;
    let ask = |endpoint: &'static str, host: &'static str, uri: &'static str| {
        let app = &app;
        async move {
            app.api
                .get(app.url(endpoint))
                .header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Host", host)
                .header("X-Forwarded-Uri", uri)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for endpoint in [
        "/auth/nginx",
        "/auth/traefik",
        "/auth/caddy",
        "/auth/forward",
    ] {
        // Sanity: a well-formed question about a public path is allowed.
        assert_eq!(
            ask(endpoint, "paperless.example.test", "/static/x").await,
            StatusCode::OK
        );
        for (host, uri) in [
            ("H:1@other.example.test\\#", "/admin/"),
            ("h:1@other.example.test", "/admin/"),
            ("other.example.test@paperless.example.test", "/"),
            ("paperless.example.test:9680\\static\\#", "/admin/"),
            ("paperless.example.test\\static\\#", "/admin/"),
            ("paperless.example.test", "/static\\..\\admin/"),
            ("paperless.example.test", "/static/#/../admin/"),
            ("paperless.example.test", "http://other.example.test/"),
            ("paperless.example.test", "static/"),
        ] {
            assert_eq!(
                ask(endpoint, host, uri).await,
                StatusCode::BAD_REQUEST,
                "{endpoint} {host} {uri}"
            );
        }
    }
    // One header family, no fallback: the URL older configurations sent is
    // refused outright, whatever else comes with it.
    for endpoint in ["/auth/nginx", "/auth/caddy"] {
        let r = app
            .api
            .get(app.url(endpoint))
            .header("X-Original-URL", "http://paperless.example.test/static/x")
            .header("X-Forwarded-Proto", "http")
            .header("X-Forwarded-Host", "paperless.example.test")
            .header("X-Forwarded-Uri", "/admin/")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{endpoint}");
        let r = app
            .api
            .get(app.url(endpoint))
            .header("X-Original-URL", "http://paperless.example.test/static/x")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{endpoint}");
    }
    // A header sent twice (the client's copy next to the proxy's) is refused.
    let r = app
        .api
        .get(app.url("/auth/traefik"))
        .header("X-Forwarded-Proto", "http")
        .header("X-Forwarded-Host", "paperless.example.test")
        .header("X-Forwarded-Uri", "/admin/")
        .header("X-Forwarded-Uri", "/static/x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Proto is required and only http or https.
    let r = app
        .api
        .get(app.url("/auth/traefik"))
        .header("X-Forwarded-Host", "paperless.example.test")
        .header("X-Forwarded-Uri", "/static/x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn caddy_client_sent_original_url_and_forwarded_headers_are_not_judged() {
    let site = site(Proxy::Caddy).await;
    let admin = format!("{}/admin/", site.base);
    let spoofs: [&[(&str, &str)]; 3] = [
        &[("X-Original-URL", "http://paperless.example.test/static/x")],
        &[
            ("X-Forwarded-Host", "other.example.test"),
            ("X-Forwarded-Uri", "/static/x"),
            ("X-Forwarded-Proto", "https"),
        ],
        &[
            ("X-Original-URL", "http://other.example.test/"),
            ("X-Forwarded-Host", "other.example.test"),
            ("X-Forwarded-Uri", "/static/x"),
            ("X-Forwarded-Port", "1"),
        ],
    ];
    // Anonymous: sent to log in for the real URL.
    for spoof in spoofs {
        let mut req = site.app.browser.get(&admin);
        for (k, v) in spoof {
            req = req.header(*k, *v);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FOUND, "{spoof:?}");
        let login = Url::parse(&location(&r).unwrap()).unwrap();
        assert_eq!(login.host_str(), Some("auth.example.test"));
        assert_eq!(query(&login, "rd").as_deref(), Some(admin.as_str()));
    }
    // Signed in without the admins group: still 403, not the public rule.
    site.login("alice").await;
    for spoof in spoofs {
        let mut req = site.app.browser.get(&admin);
        for (k, v) in spoof {
            req = req.header(*k, *v);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{spoof:?}");
    }
    assert!(
        site.reached().iter().all(|t| !t.contains("admin")),
        "{:?}",
        site.reached()
    );
}

/// Latchkey's cookies stop at the proxy; the application's own pass.
/// `identity`: the proxy passes Latchkey's identity headers on (not Caddy
/// before 2.7).
async fn latchkey_cookies_stay_out_of_the_app(site: Site, identity: bool) {
    // Set by hand: every name Latchkey uses, among the app's cookies.
    let r = site
        .app
        .api
        .get(format!("{}/static/app.js", site.base))
        .header("Cookie", MIXED_COOKIES)
        .send()
        .await
        .unwrap();
    let h = upstream_headers(r).await;
    assert_eq!(
        h["cookie"], "csrftoken=abc; sessionid=xyz",
        "only the application's cookies: {h:?}"
    );
    // A real sign-in: the browser sends Latchkey's cookie to Paperless's
    // host (cookie_domain), and the application never sees it.
    site.login("alice").await;
    let url = Url::parse(&site.base).unwrap();
    site.jar.add_cookie_str("csrftoken=abc", &url);
    site.jar.add_cookie_str("sessionid=xyz", &url);
    assert!(site.cookies().contains("latchkey"), "{}", site.cookies());
    let r = site
        .app
        .browser
        .get(format!("{}/documents/", site.base))
        .send()
        .await
        .unwrap();
    let h = upstream_headers(r).await;
    assert_eq!(
        cookie_set(h["cookie"].as_str().unwrap()),
        cookie_set("csrftoken=abc; sessionid=xyz"),
        "{h:?}"
    );
    if identity {
        assert_eq!(
            h["remote-user"], "alice",
            "Latchkey still saw the cookie: {h:?}"
        );
    }
}

#[tokio::test]
async fn nginx_never_passes_latchkey_cookies_upstream() {
    let site = site(Proxy::Nginx).await;
    latchkey_cookies_stay_out_of_the_app(site, true).await;
}

#[tokio::test]
async fn caddy_never_passes_latchkey_cookies_upstream() {
    let site = site(Proxy::Caddy).await;
    latchkey_cookies_stay_out_of_the_app(site, caddy_copies_headers()).await;
}

#[tokio::test]
async fn nginx_ambiguous_paths_are_refused_before_rule_matching() {
    let site = site(Proxy::Nginx).await;
    site.login("alice").await;
    let cookie = site.cookies();
    let host = "paperless.example.test";
    let get = |target: &'static str| {
        let cookie = cookie.clone();
        let port = site.port;
        async move {
            raw(port, host, target, &[("Cookie", &cookie)])
                .await
                .map(|(status, _)| status)
        }
    };
    // The session works over the raw socket: alice (staff) reaches documents.
    assert_eq!(get("/documents/").await, Some(200));
    assert_eq!(get("/admin/").await, Some(403));
    // Each of these once fell to the `/` rule, which lets any user in.
    for target in [
        "/admin;x/",
        "/%5cadmin/",
        "/%5Cadmin/",
        "/admin/%2e%2e",
        "/admin/%2E%2E/",
        "/static/%2e%2e/admin/",
        "/static/..%2fadmin/",
        "/%252e/admin/",
        "/admin%00/",
        "/ADMIN/",
    ] {
        // 403 from Latchkey; nginx itself refuses some (400) before asking.
        let status = get(target).await;
        assert!(matches!(status, Some(400 | 403)), "{target}: {status:?}");
    }
    let reached = site.reached();
    assert_eq!(reached, vec!["/documents/".to_string()], "{reached:?}");
}

/// The README shows exactly the snippets these tests run.
#[test]
fn readme_shows_the_tested_proxy_snippets() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for (name, snippet) in [
        ("nginx http", NGINX_HTTP_SNIPPET),
        ("nginx server", NGINX_SERVER_SNIPPET),
        ("nginx location", NGINX_LOCATION_SNIPPET),
        ("Caddy", CADDY_SNIPPET),
    ] {
        assert!(
            readme.contains(snippet),
            "README.md lacks the tested {name} snippet:\n{snippet}"
        );
    }
    // deploy/nginx.conf uses the same cookie maps (indented).
    let deploy =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx.conf"))
            .unwrap();
    let trimmed = |s: &str| s.lines().map(str::trim).collect::<Vec<_>>().join("\n");
    let maps = NGINX_HTTP_SNIPPET.split("\n\n").next().unwrap();
    assert!(
        trimmed(&deploy).contains(&trimmed(maps)),
        "deploy/nginx.conf lacks the cookie maps"
    );
}
