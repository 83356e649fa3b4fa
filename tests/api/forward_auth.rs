//! Forward auth behind real proxies: Debian's nginx (`auth_request`) and
//! Caddy (`forward_auth`), started here on loopback ports with the README's
//! own snippets, in front of an upstream that echoes the headers it receives.
//! `forward_auth_attacks` sends the audit's requests through the same setup.

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use axum::http::HeaderMap;
use latchkey::forward_auth::{AccessRule, Policy};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;
use crate::mfa_helpers::*;

pub const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// A child process killed on drop.
pub struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An upstream that answers with the request headers as JSON.
pub async fn echo_upstream() -> SocketAddr {
    recording_upstream().await.0
}

/// Request targets the upstream has received, in order.
pub type Seen = Arc<Mutex<Vec<String>>>;

/// The echo upstream, also noting every request target it receives.
pub async fn recording_upstream() -> (SocketAddr, Seen) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Seen::default();
    let log = seen.clone();
    let app = axum::Router::new().fallback(move |uri: axum::http::Uri, headers: HeaderMap| {
        let log = log.clone();
        async move {
            log.lock().unwrap().push(uri.to_string());
            let map: serde_json::Map<String, Value> = headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        Value::String(v.to_str().unwrap_or("").into()),
                    )
                })
                .collect();
            axum::Json(map)
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, seen)
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits (bounded) until the proxy accepts connections.
pub async fn wait_for_port(port: u16, proc: &mut Proc, log: &Path) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        if let Ok(Some(status)) = proc.0.try_wait() {
            panic!(
                "proxy exited with {status}: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!(
        "proxy did not start: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

pub fn binary(name: &str) -> String {
    for dir in ["/usr/sbin", "/usr/bin", "/usr/local/bin"] {
        let p = format!("{dir}/{name}");
        if Path::new(&p).exists() {
            return p;
        }
    }
    panic!(
        "{name} is not installed: `apt-get install {name}` (tests/run.sh installs it when it is missing)"
    );
}

/// Paperless's rules, and a public site (`other.example.test`) that a
/// request for Paperless must never be judged as.
pub fn rules() -> Vec<AccessRule> {
    let rule = |host: &str, path: &str, policy, groups: &[&str]| AccessRule {
        host: host.into(),
        path: path.into(),
        policy,
        groups: groups.iter().map(|g| g.to_string()).collect(),
        case_insensitive: false,
    };
    let paperless = "paperless.example.test";
    vec![
        rule(paperless, "/admin/", Policy::Mfa, &["admins"]),
        rule(paperless, "/static/", Policy::Bypass, &[]),
        rule(paperless, "/", Policy::Mfa, &[]),
        rule("other.example.test", "/", Policy::Bypass, &[]),
    ]
}

/// Latchkey at auth.example.test, cookies shared across example.test.
pub async fn latchkey() -> TestApp {
    latchkey_caching(5).await
}

pub async fn latchkey_caching(cache_seconds: u64) -> TestApp {
    let app = TestApp::spawn_with(|c| {
        c.issuer = c.issuer.replace("localhost", "auth.example.test");
        c.session.cookie_domain = Some("example.test".into());
        c.forward_auth.rules = rules();
        c.forward_auth.cache_seconds = cache_seconds;
    })
    .await;
    for (name, groups) in [("alice", vec!["staff"]), ("root", vec!["admins", "staff"])] {
        let user = app.add_user(name, &groups).await;
        let sealed = app.state.secrets.seal(SECRET).unwrap();
        latchkey::db::factors::set_totp(&app.state.db, user.id, &sealed, 0)
            .await
            .unwrap();
    }
    app
}

/// Debian's nginx with the README's snippets: the catch-all server on
/// `port` (and a TLS one on a second port that refuses every handshake), and
/// Paperless's server block on the same port.
pub fn nginx(dir: &Path, port: u16, latchkey_port: u16, upstream: SocketAddr) -> Proc {
    let d = dir.display();
    let http = NGINX_HTTP_SNIPPET
        .replace(
            "listen 80 default_server;",
            &format!("listen 127.0.0.1:{port} default_server;"),
        )
        .replace(
            "listen 443 ssl default_server;",
            &format!("listen 127.0.0.1:{} ssl default_server;", free_port()),
        );
    let conf = format!(
        r#"daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log info;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {d}/client;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
{http}
  server {{
    listen 127.0.0.1:{port};
    server_name paperless.example.test;
{server}
    location / {{
{location}
      proxy_pass http://{upstream};
    }}
  }}
}}
"#,
        server =
            NGINX_SERVER_SNIPPET.replace("127.0.0.1:8080", &format!("127.0.0.1:{latchkey_port}")),
        location = NGINX_LOCATION_SNIPPET,
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    for sub in ["client", "proxy", "fastcgi", "uwsgi", "scgi"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let child = Command::new(binary("nginx"))
        .args([
            "-p",
            &d.to_string(),
            "-c",
            &format!("{d}/nginx.conf"),
            "-e",
            &format!("{d}/error.log"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Proc(child)
}

/// The README's nginx lines for the `http` block: Latchkey's cookies cut out
/// of what applications receive, and a catch-all server for unknown names.
pub const NGINX_HTTP_SNIPPET: &str = r#"# Latchkey's cookies (latchkey..., __Host-latchkey...) never reach the
# applications: each map cuts one out; if more remain, no cookies at all.
map $http_cookie $latchkey_c1 {
  "~^(.*?)(?:^(?:__Host-)?latchkey[^=;]*=[^;]*(?:; *|$)|; *(?:__Host-)?latchkey[^=;]*=[^;]*)(.*)$" $1$2;
  default $http_cookie;
}
map $latchkey_c1 $latchkey_c2 {
  "~^(.*?)(?:^(?:__Host-)?latchkey[^=;]*=[^;]*(?:; *|$)|; *(?:__Host-)?latchkey[^=;]*=[^;]*)(.*)$" $1$2;
  default $latchkey_c1;
}
map $latchkey_c2 $latchkey_c3 {
  "~^(.*?)(?:^(?:__Host-)?latchkey[^=;]*=[^;]*(?:; *|$)|; *(?:__Host-)?latchkey[^=;]*=[^;]*)(.*)$" $1$2;
  default $latchkey_c2;
}
map $latchkey_c3 $latchkey_c4 {
  "~^(.*?)(?:^(?:__Host-)?latchkey[^=;]*=[^;]*(?:; *|$)|; *(?:__Host-)?latchkey[^=;]*=[^;]*)(.*)$" $1$2;
  default $latchkey_c3;
}
map $latchkey_c4 $latchkey_c5 {
  "~^(.*?)(?:^(?:__Host-)?latchkey[^=;]*=[^;]*(?:; *|$)|; *(?:__Host-)?latchkey[^=;]*=[^;]*)(.*)$" $1$2;
  default $latchkey_c4;
}
map $latchkey_c5 $app_cookies {
  "~(?:^|; *)(?:__Host-)?latchkey" "";
  default $latchkey_c5;
}

# Requests for a name no server block below is for are dropped: the
# protected server never answers for a Host it was not written for.
server {
  listen 80 default_server;
  listen 443 ssl default_server;
  ssl_reject_handshake on;
  server_name _;
  return 444;
}"#;

/// The README's lines for the protected `server` block.
pub const NGINX_SERVER_SNIPPET: &str = r#"location = /_latchkey {
  internal;
  proxy_pass http://127.0.0.1:8080/auth/nginx;   # Latchkey
  proxy_pass_request_body off;
  proxy_set_header Content-Length "";
  # The request being asked about, in parts. These replace whatever the
  # client sent under the same names. $host is the server name the request
  # matched, without a port: never $http_host, which the client writes.
  proxy_set_header X-Forwarded-Proto $scheme;
  proxy_set_header X-Forwarded-Host $host;
  proxy_set_header X-Forwarded-Port $server_port;
  proxy_set_header X-Forwarded-Uri $request_uri;
}
location @latchkey_login {
  return 302 $latchkey_login;                      # Latchkey's login page, with rd=
}"#;

/// The README's per-location lines: ask Latchkey, pass the identity, strip
/// spoofed identity headers and Latchkey's cookies.
pub const NGINX_LOCATION_SNIPPET: &str = r#"  auth_request /_latchkey;
  auth_request_set $latchkey_login $upstream_http_location;
  auth_request_set $latchkey_user $upstream_http_remote_user;
  auth_request_set $latchkey_email $upstream_http_remote_email;
  auth_request_set $latchkey_name $upstream_http_remote_name;
  auth_request_set $latchkey_groups $upstream_http_remote_groups;
  error_page 401 = @latchkey_login;
  # These replace whatever the client sent: a spoofed Remote-User never
  # reaches Paperless. (nginx also drops headers with underscores.)
  proxy_set_header Remote-User $latchkey_user;
  proxy_set_header Remote-Email $latchkey_email;
  proxy_set_header Remote-Name $latchkey_name;
  proxy_set_header Remote-Groups $latchkey_groups;
  proxy_set_header Cookie $app_cookies;"#;

pub fn caddy(dir: &Path, port: u16, latchkey_port: u16, upstream: SocketAddr) -> Proc {
    let conf = format!(
        "{{\n  admin off\n  auto_https off\n}}\n\
         http://paperless.example.test:{port} {{\n  bind 127.0.0.1\n  route {{\n{}\n  }}\n}}\n",
        CADDY_SNIPPET
            .replace("latchkey:8080", &format!("127.0.0.1:{latchkey_port}"))
            .replace("paperless:8000", &upstream.to_string())
    );
    std::fs::write(dir.join("Caddyfile"), conf).unwrap();
    let log = std::fs::File::create(dir.join("error.log")).unwrap();
    let child = Command::new(binary("caddy"))
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(dir.join("Caddyfile"))
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    Proc(child)
}

/// The README's Caddy `route`: the client's copies of every header Latchkey
/// reads or answers with are dropped before forward_auth, and Latchkey's
/// cookies before the application.
pub const CADDY_SNIPPET: &str = r#"    # Latchkey judges only what Caddy sets itself: drop the client's copies
    # of the headers it reads and of the identity headers it answers with.
    request_header -X-Forwarded-*
    request_header -X-Original-*
    request_header -Remote-*
    forward_auth latchkey:8080 {
      uri /auth/caddy
      copy_headers Remote-User Remote-Email Remote-Name Remote-Groups
    }
    reverse_proxy paperless:8000 {
      # Latchkey's cookies (latchkey..., __Host-latchkey...) stay out of the
      # application. Caddy 2.6 reads an empty replacement as "set the header",
      # hence "$1", an always-empty group.
      header_up Cookie "()(?:^(?:(?:__Host-)?latchkey[^=;]*=[^;]*(?:; *|$))+|; *(?:__Host-)?latchkey[^=;]*=[^;]*)" "$1"
    }"#;

pub fn caddy_copies_headers() -> bool {
    let out = Command::new(binary("caddy"))
        .arg("version")
        .output()
        .unwrap();
    let v = String::from_utf8_lossy(&out.stdout);
    let mut parts = v
        .trim_start_matches('v')
        .split(['.', ' '])
        .map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (2, 7)
}

/// Logs in through Latchkey's pages from the login redirect, with the
/// password and a TOTP code; returns where Latchkey sends the browser.
pub async fn login_from(app: &TestApp, login_url: &str, user: &str, step_offset: u64) -> String {
    let r = app
        .follow(app.browser.get(login_url).send().await.unwrap())
        .await;
    let r = if r.url().path() == "/login" {
        app.follow(app.submit_login(user, PASSWORD).await).await
    } else {
        r
    };
    assert_eq!(r.url().path(), "/login/mfa");
    let r = app
        .submit_mfa("code", &totp_code(SECRET, now() + step_offset))
        .await;
    let r = app.follow(r).await;
    location(&r).unwrap_or_else(|| panic!("no redirect after login: {}", r.url()))
}

pub async fn upstream_headers(r: reqwest::Response) -> serde_json::Map<String, Value> {
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn nginx_auth_request_protects_paperless_and_admin() {
    let app = latchkey().await;
    let upstream = echo_upstream().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let lport = app.state.config.listen.port();
    let mut proxy = nginx(dir.path(), port, lport, upstream);
    wait_for_port(port, &mut proxy, &dir.path().join("error.log")).await;
    let site = format!("http://paperless.example.test:{port}");

    // No session: to the login page, carrying the original URL (query intact).
    let original = format!("{site}/documents/?a=1&b=2");
    let r = app.browser.get(&original).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    let login = location(&r).unwrap();
    let login_url = url::Url::parse(&login).unwrap();
    assert_eq!(login_url.host_str(), Some("auth.example.test"));
    assert_eq!(query(&login_url, "rd").as_deref(), Some(original.as_str()));
    // A public path passes without a session, and a spoofed identity is dropped.
    let r = app
        .browser
        .get(format!("{site}/static/app.js"))
        .header("Remote-User", "root")
        .send()
        .await
        .unwrap();
    let h = upstream_headers(r).await;
    assert!(h.get("remote-user").is_none_or(|v| v == ""), "{h:?}");

    // A password alone is not enough.
    let r = app.browser.get(&login).send().await.unwrap();
    assert_eq!(r.status(), 200);
    app.submit_login("alice", PASSWORD).await;
    let r = app.browser.get(&original).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FOUND,
        "no access before the second factor"
    );

    // Password + TOTP: back to the original URL, and through.
    let back = login_from(&app, &login, "alice", 0).await;
    assert_eq!(back, original);
    let r = app
        .browser
        .get(&back)
        .header("Remote-User", "root")
        .header("Remote-Groups", "admins")
        .send()
        .await
        .unwrap();
    let h = upstream_headers(r).await;
    assert_eq!(
        h["remote-user"], "alice",
        "the spoofed header never reaches the upstream"
    );
    assert_eq!(h["remote-groups"], "staff");
    assert_eq!(h["remote-email"], "alice@example.com");
    assert_eq!(h["remote-name"], "Alice Example");

    // /admin/ needs the admins group, however it is spelled.
    for path in ["/admin/", "/%61dmin/", "/x/../admin/"] {
        let r = app
            .browser
            .get(format!("{site}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let denied: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar("SELECT count(*) FROM audit_events WHERE event = 'forward_auth_denied' AND username = 'alice'")
.fetch_one(p)
.await)
        .unwrap();
    assert!(denied >= 1, "denials are audited");

    // A return URL outside the rules is refused.
    let r = app
        .browser
        .get(app.url("/login?rd=http%3A%2F%2Fevil.example.test%2F"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // Logging out of Latchkey ends access everywhere.
    app.logout().await;
    let r = app.browser.get(&original).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);

    // An admin reaches /admin/.
    let app = app.with_new_browser();
    let r = app
        .browser
        .get(format!("{site}/admin/"))
        .send()
        .await
        .unwrap();
    let login = location(&r).unwrap();
    let back = login_from(&app, &login, "root", 30).await;
    assert_eq!(back, format!("{site}/admin/"));
    let h = upstream_headers(app.browser.get(&back).send().await.unwrap()).await;
    assert_eq!(h["remote-user"], "root");
    assert_eq!(h["remote-groups"], "admins,staff");
}

#[tokio::test]
async fn caddy_forward_auth_same_decisions() {
    let app = latchkey().await;
    let upstream = echo_upstream().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let lport = app.state.config.listen.port();
    let mut proxy = caddy(dir.path(), port, lport, upstream);
    wait_for_port(port, &mut proxy, &dir.path().join("error.log")).await;
    let site = format!("http://paperless.example.test:{port}");

    let original = format!("{site}/documents/?a=1&b=2");
    let r = app.browser.get(&original).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    let login = location(&r).unwrap();
    assert_eq!(
        query(&url::Url::parse(&login).unwrap(), "rd").as_deref(),
        Some(original.as_str())
    );
    let back = login_from(&app, &login, "alice", 0).await;
    assert_eq!(back, original);
    let r = app
        .browser
        .get(&back)
        .header("Remote-User", "root")
        .send()
        .await
        .unwrap();
    let h = upstream_headers(r).await;
    assert_ne!(
        h.get("remote-user").and_then(|v| v.as_str()),
        Some("root"),
        "spoofed identity passed: {h:?}"
    );
    // Caddy before 2.7 does not fill copy_headers from the auth response
    // (its placeholders stay literal); Debian 12 ships 2.6.2.
    if caddy_copies_headers() {
        assert_eq!(
            h.get("remote-user").and_then(|v| v.as_str()),
            Some("alice"),
            "{h:?}"
        );
        assert_eq!(h["remote-groups"], "staff");
    }
    let r = app
        .browser
        .get(format!("{site}/admin/"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .browser
        .get(format!("{site}/static/x.css"))
        .header("Remote-User", "root")
        .send()
        .await
        .unwrap();
    let h = upstream_headers(r).await;
    assert_ne!(
        h.get("remote-user").and_then(|v| v.as_str()),
        Some("root"),
        "{h:?}"
    );
}

#[tokio::test]
async fn forward_auth_endpoint_without_proxy_headers_is_a_client_error() {
    let app = latchkey().await;
    let r = app.api.get(app.url("/auth/nginx")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = app
        .api
        .get(app.url("/auth/traefik"))
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "unknown.example.test")
        .header("X-Forwarded-Uri", "/")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "hosts without a rule are denied"
    );
    let r = app
        .api
        .get(app.url("/auth/traefik"))
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "paperless.example.test")
        .header("X-Forwarded-Uri", "/x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
}

/// What `latchkey user disable` does, from outside this server's memory.
async fn disable(app: &TestApp, username: &str) {
    let user = latchkey::db::users::by_username(&app.state.db, username)
        .await
        .unwrap()
        .unwrap();
    latchkey::users::set_disabled(&app.state.db, &user, true)
        .await
        .unwrap();
}

/// Asks `/auth/traefik` about paperless.example.test with the browser's cookies.
pub async fn traefik_check(app: &TestApp) -> reqwest::Response {
    app.browser
        .get(app.url("/auth/traefik"))
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "paperless.example.test")
        .header("X-Forwarded-Uri", "/documents/")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn forward_auth_remembers_sessions_briefly_and_forgets_them_on_logout() {
    // A long cache, so that "still remembered" cannot depend on timing.
    let app = latchkey_caching(3600).await;
    let login = app.url("/login?rd=https%3A%2F%2Fpaperless.example.test%2Fdocuments%2F");
    login_from(&app, &login, "alice", 0).await;
    let r = traefik_check(&app).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["remote-user"], "alice");

    // Another process (the CLI) disables alice. On SQLite this server
    // learns of it when the entry expires, so the remembered answer still
    // stands; on PostgreSQL the database tells it (scale_out covers that).
    if !crate::backend::is_postgres() {
        disable(&app, "alice").await;
        assert_eq!(traefik_check(&app).await.status(), StatusCode::OK);
    }

    // A logout handled by this server applies at once.
    app.logout().await;
    assert_eq!(traefik_check(&app).await.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn forward_auth_without_cache_sees_admin_changes_at_once() {
    let app = latchkey_caching(0).await;
    let login = app.url("/login?rd=https%3A%2F%2Fpaperless.example.test%2Fdocuments%2F");
    login_from(&app, &login, "alice", 0).await;
    assert_eq!(traefik_check(&app).await.status(), StatusCode::OK);
    disable(&app, "alice").await;
    assert_eq!(traefik_check(&app).await.status(), StatusCode::FOUND);
}
