//! Three `latchkey serve` processes on one PostgreSQL database behind
//! Debian's nginx in round robin, no stickiness (issue 13): a login moves
//! between them, codes and throttles are shared, every instance's
//! forward-auth cache hears logouts and CLI changes, the first start makes
//! one key, a key rotation never signs with an unpublished key, and a
//! SIGKILL under load loses nothing that was acknowledged. PostgreSQL only
//! (SQLite is one instance).

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use latchkey::config::Config;
use reqwest::StatusCode;
use serde_json::Value;

use crate::forward_auth::{binary, free_port, login_from};
use crate::helpers::*;

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const HEADER: &str = "x-latchkey-instance";

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Cluster {
    dir: tempfile::TempDir,
    config: std::path::PathBuf,
    ports: Vec<u16>,
    servers: Vec<Option<Server>>,
    _nginx: Server,
    /// The issuer: nginx's address.
    base: String,
    /// The configuration as the instances read it (for the test's own
    /// state: the store helpers and sealing).
    state: latchkey::AppState,
}

impl Cluster {
    /// Three instances started at once on an empty database, and nginx.
    async fn start() -> Option<Cluster> {
        let server = crate::backend::postgres_url()?;
        let database = crate::backend::fresh_postgres(&server).await;
        let dir = tempfile::tempdir().unwrap();
        let nginx_port = free_port();
        let base = format!("http://auth.example.test:{nginx_port}");
        let config = dir.path().join("latchkey.toml");
        std::fs::write(
            &config,
            format!(
                r#"issuer = "{base}"
database = "{database}"
secret_key = "{key}"
mfa = "optional"
trusted_proxies = ["127.0.0.1/32"]

[session]
cookie_domain = "example.test"

[forward_auth]
# An hour: only a notification can change a remembered answer.
cache_seconds = 3600

[[forward_auth.rules]]
host = "paperless.example.test"
path = "/"
policy = "mfa"
"#,
                key = crate::backend::SECRET_KEY
            ),
        )
        .unwrap();
        let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
        let nginx = Server(nginx(nginx_port, &ports));
        let servers = (0..3)
            .map(|i| Some(serve(dir.path(), &config, ports[i], i)))
            .collect();
        for (i, port) in ports.iter().enumerate() {
            ready(dir.path(), *port, i).await;
        }
        // The test's own view of the database (store helpers, sealing),
        // opened once the instances have migrated it and made the keys.
        let state = latchkey::AppState::build(Config::load(Some(&config)).unwrap())
            .await
            .unwrap();
        Some(Cluster {
            dir,
            config,
            ports,
            servers,
            _nginx: nginx,
            base,
            state,
        })
    }

    fn restart(&mut self, i: usize) {
        self.servers[i] = Some(serve(self.dir.path(), &self.config, self.ports[i], i));
    }

    async fn ready(&self, i: usize) {
        ready(self.dir.path(), self.ports[i], i).await;
    }

    fn sigkill(&mut self, i: usize) {
        if let Some(mut s) = self.servers[i].take() {
            s.0.kill().unwrap();
            s.0.wait().unwrap();
        }
    }

    /// A browser and back channel through nginx.
    fn app(&self) -> TestApp {
        TestApp::attach(self.base.clone(), self.state.clone())
    }

    /// Instance `i` directly, with `via`'s cookies.
    fn direct(&self, i: usize, via: &TestApp) -> TestApp {
        let mut d = TestApp::attach(
            format!("http://auth.example.test:{}", self.ports[i]),
            self.state.clone(),
        );
        d.browser = via.browser.clone();
        d
    }

    fn cli(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_latchkey"));
        c.env("LATCHKEY_CONFIG", &self.config);
        c
    }
}

fn serve(dir: &std::path::Path, config: &std::path::Path, port: u16, i: usize) -> Server {
    let log = std::fs::File::create(dir.join(format!("serve{i}.log"))).unwrap();
    Server(
        Command::new(env!("CARGO_BIN_EXE_latchkey"))
            .arg("serve")
            .env("LATCHKEY_CONFIG", config)
            .env("LATCHKEY_LISTEN", format!("127.0.0.1:{port}"))
            .env("LATCHKEY_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap(),
    )
}

/// Waits (bounded) for instance `i`'s `/readyz`.
async fn ready(dir: &std::path::Path, port: u16, i: usize) {
    let http = reqwest::Client::new();
    let until = Instant::now() + Duration::from_secs(60);
    while Instant::now() < until {
        let url = format!("http://127.0.0.1:{port}/readyz");
        if http
            .get(url)
            .send()
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "instance {i} not ready: {}",
        std::fs::read_to_string(dir.join(format!("serve{i}.log"))).unwrap_or_default()
    );
}

/// nginx on `port`, round robin over `upstreams`, naming the instance that
/// answered in a header.
fn nginx(port: u16, upstreams: &[u16]) -> Child {
    let dir = tempfile::tempdir().unwrap().keep();
    let d = dir.display();
    let servers: String = upstreams
        .iter()
        .map(|p| format!("    server 127.0.0.1:{p};\n"))
        .collect();
    let conf = format!(
        r#"daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {d}/client;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
  upstream latchkey {{
{servers}  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://latchkey;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout;
      add_header X-Latchkey-Instance $upstream_addr always;
    }}
  }}
}}
"#
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    for sub in ["client", "proxy", "fastcgi", "uwsgi", "scgi"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    Command::new(binary("nginx"))
        .args(["-p", &d.to_string(), "-c", &format!("{d}/nginx.conf")])
        .args(["-e", &format!("{d}/error.log")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn with_totp(c: &Cluster, app: &TestApp, name: &str) {
    let user = app.add_user(name, &[]).await;
    let sealed = c.state.secrets.seal(SECRET).unwrap();
    latchkey::db::factors::set_totp(&c.state.db, user.id, &sealed, 0)
        .await
        .unwrap();
}

async fn forward_check(app: &TestApp) -> reqwest::Response {
    app.browser
        .get(app.url("/auth/traefik"))
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "paperless.example.test")
        .header("X-Forwarded-Uri", "/documents/")
        .send()
        .await
        .unwrap()
}

/// Asks every instance until each answers as `done` wants (bounded: the
/// cache lives an hour, so only a notification can get there).
async fn every_instance(
    c: &Cluster,
    via: &TestApp,
    what: &str,
    done: impl Fn(&reqwest::Response) -> bool,
) {
    for i in 0..3 {
        let d = c.direct(i, via);
        let until = Instant::now() + Duration::from_secs(15);
        loop {
            let r = forward_check(&d).await;
            if done(&r) {
                break;
            }
            assert!(
                Instant::now() < until,
                "{what}: instance {i} still answers {}",
                r.status()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn jwks_kids(app: &TestApp) -> BTreeSet<String> {
    let jwks: Value = app
        .api
        .get(app.url("/jwks.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_string())
        .collect()
}

fn kid_of(jwt: &str) -> String {
    use base64::Engine;
    let header = jwt.split('.').next().unwrap();
    let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .unwrap();
    let header: Value = serde_json::from_slice(&header).unwrap();
    header["kid"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn three_processes_behind_nginx_act_as_one() {
    let Some(c) = Cluster::start().await else {
        return;
    };
    let app = c.app();

    // First start of three at once: one active key per algorithm, and the
    // same JWKS from each.
    let active: Vec<(String, i64)> = latchkey::with_pool!(&c.state.db, |p| sqlx::query_as(
        "SELECT alg, count(*) FROM signing_keys WHERE retired_at IS NULL GROUP BY alg"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert!(!active.is_empty());
    assert!(active.iter().all(|(_, n)| *n == 1), "{active:?}");
    let kids = jwks_kids(&c.direct(0, &app)).await;
    for i in 1..3 {
        assert_eq!(jwks_kids(&c.direct(i, &app)).await, kids);
    }

    // A login through nginx: its steps land on different instances.
    let client = app.add_client_with("app", |c| c.first_party = false).await;
    app.add_user("bob", &[]).await;
    let mut served = BTreeSet::new();
    for _ in 0..3 {
        let r = app
            .api
            .get(app.url("/.well-known/openid-configuration"))
            .send()
            .await
            .unwrap();
        served.insert(r.headers()[HEADER].to_str().unwrap().to_string());
    }
    assert_eq!(served.len(), 3, "round robin: {served:?}");
    let code = app.code(&client, &[], "bob").await;
    let tokens = app.exchange(&client, &code).await;
    let access = tokens["access_token"].as_str().unwrap();
    for i in 0..3 {
        let r = c.direct(i, &app).userinfo(access).await;
        assert_eq!(r.status(), StatusCode::OK, "userinfo on instance {i}");
    }

    // One code, redeemed twice on each instance at once: exactly one wins
    // (RFC 6749 4.1.2), and the replay revokes the winner's token.
    let code = app.code(&client, &[], "bob").await;
    let shared = std::sync::Arc::new(client);
    let tries: Vec<_> = (0..6)
        .map(|n| {
            let d = c.direct(n % 3, &app);
            let (client, code) = (shared.clone(), code.clone());
            tokio::spawn(async move {
                let r = d.redeem(&client, &code).await;
                let status = r.status();
                (status, r.json::<Value>().await.unwrap())
            })
        })
        .collect();
    let mut won = Vec::new();
    for t in tries {
        let (status, body) = t.await.unwrap();
        match status {
            StatusCode::OK => won.push(body),
            StatusCode::BAD_REQUEST => assert_eq!(body["error"], "invalid_grant"),
            other => panic!("redeem: {other} {body}"),
        }
    }
    assert_eq!(won.len(), 1, "exactly one redemption wins");
    let client = std::sync::Arc::into_inner(shared).unwrap();
    let winner = won[0]["access_token"].as_str().unwrap();
    let r = c.direct(2, &app).userinfo(winner).await;
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "the replay revoked it"
    );

    // Throttles are shared: six wrong passwords over the three instances
    // lock carol's account on all of them.
    app.add_user("carol", &[]).await;
    let guesser = c.app();
    for n in 0..6 {
        let page = guesser
            .browser
            .get(guesser.url("/login"))
            .send()
            .await
            .unwrap();
        let csrf = csrf_from(&page.text().await.unwrap());
        let r = c
            .direct(n % 3, &guesser)
            .browser
            .post(c.direct(n % 3, &guesser).url("/login"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", "carol"),
                ("password", "wrong guess!"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "guess {n}");
    }
    for i in 0..3 {
        let d = c.direct(i, &guesser);
        let page = d.browser.get(d.url("/login")).send().await.unwrap();
        let csrf = csrf_from(&page.text().await.unwrap());
        let r = d
            .browser
            .post(d.url("/login"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", "carol"),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "instance {i}");
    }

    // Forward auth: a login through nginx is let through by every instance;
    // a logout, `user groups --set` and `user disable` reach them all.
    with_totp(&c, &app, "alice").await;
    // A browser of alice's own (this one is bob's).
    let fa = c.app();
    let login = fa.url("/login?rd=https%3A%2F%2Fpaperless.example.test%2Fdocuments%2F");
    login_from(&fa, &login, "alice", 0).await;
    let ok = |r: &reqwest::Response| r.status() == StatusCode::OK;
    let gone = |r: &reqwest::Response| r.status() == StatusCode::FOUND;
    every_instance(&c, &fa, "login", ok).await;
    let out = c
        .cli()
        .args(["user", "groups", "alice", "--set", "scanner"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    every_instance(&c, &fa, "user groups --set", |r| {
        r.headers()
            .get("remote-groups")
            .and_then(|v| v.to_str().ok())
            == Some("scanner")
    })
    .await;
    fa.logout().await;
    every_instance(&c, &fa, "logout", gone).await;
    login_from(&fa, &login, "alice", 30).await;
    every_instance(&c, &fa, "second login", ok).await;
    let out = c.cli().args(["user", "disable", "alice"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    every_instance(&c, &fa, "user disable", gone).await;

    // After `keys rotate`, each instance signs with the new key only once
    // every instance publishes it.
    let out = c.cli().args(["keys", "rotate"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let old: BTreeSet<String> = kids;
    let mut switched = [false; 3];
    let until = Instant::now() + Duration::from_secs(60);
    while !switched.iter().all(|s| *s) {
        assert!(
            Instant::now() < until,
            "not every instance switched: {switched:?}"
        );
        for (i, done) in switched.iter_mut().enumerate() {
            let d = c.direct(i, &app);
            let code = app.code(&client, &[], "bob").await;
            let t = d.exchange(&client, &code).await;
            let kid = kid_of(t["id_token"].as_str().unwrap());
            for j in 0..3 {
                assert!(
                    jwks_kids(&c.direct(j, &app)).await.contains(&kid),
                    "instance {i} signed with {kid}, which instance {j} does not publish"
                );
            }
            *done |= !old.contains(&kid);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A response from the cluster, or the 502 of a request that instance
/// `lost` was serving when it died. A 5xx from any other instance fails.
fn answered(r: reqwest::Response, lost: &str) -> Result<reqwest::Response, ()> {
    if !r.status().is_server_error() {
        return Ok(r);
    }
    let by = r
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(
        r.status() == StatusCode::BAD_GATEWAY && by.contains(lost),
        "{} from {by}, not from the killed instance {lost}",
        r.status()
    );
    Err(())
}

/// What one client loop got acknowledged: its last access and refresh token.
struct Acked {
    access: String,
    refresh: String,
}

/// Login, code exchange, three refreshes and userinfo, through nginx; `Err`
/// when a step was lost with the killed instance.
async fn one_round(
    app: &TestApp,
    client: &TestClient,
    user: &str,
    lost: &str,
) -> Result<Acked, ()> {
    let r = answered(app.authorize(client, &[]).await, lost)?;
    let login = location(&r).expect("authorize redirects to the login page");
    let page = answered(app.browser.get(app.url(&login)).send().await.unwrap(), lost)?;
    let csrf = csrf_from(&page.text().await.unwrap());
    let mut r = answered(
        app.browser
            .post(app.url("/login"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", user),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap(),
        lost,
    )?;
    let code = loop {
        let loc = location(&r).unwrap_or_else(|| panic!("no redirect: {}", r.status()));
        if loc.starts_with(&client.redirect) {
            break query(&url::Url::parse(&loc).unwrap(), "code").unwrap();
        }
        r = answered(app.browser.get(app.url(&loc)).send().await.unwrap(), lost)?;
    };
    let r = answered(app.redeem(client, &code).await, lost)?;
    assert_eq!(r.status(), StatusCode::OK);
    let mut t: Value = r.json().await.unwrap();
    for _ in 0..3 {
        let rt = t["refresh_token"].as_str().unwrap().to_string();
        let r = answered(
            app.token(
                client,
                &[("grant_type", "refresh_token"), ("refresh_token", &rt)],
            )
            .await,
            lost,
        )?;
        assert_eq!(r.status(), StatusCode::OK);
        t = r.json().await.unwrap();
    }
    let access = t["access_token"].as_str().unwrap().to_string();
    let r = answered(app.userinfo(&access).await, lost)?;
    assert_eq!(r.status(), StatusCode::OK);
    Ok(Acked {
        access,
        refresh: t["refresh_token"].as_str().unwrap().to_string(),
    })
}

#[tokio::test]
async fn a_sigkill_under_load_loses_nothing_acknowledged() {
    let Some(mut c) = Cluster::start().await else {
        return;
    };
    let app = c.app();
    let client = std::sync::Arc::new(app.add_client("app").await);
    // alice is signed in (forward auth) on every instance before the kill.
    with_totp(&c, &app, "alice").await;
    let login = app.url("/login?rd=https%3A%2F%2Fpaperless.example.test%2Fdocuments%2F");
    login_from(&app, &login, "alice", 0).await;
    every_instance(&c, &app, "login", |r| r.status() == StatusCode::OK).await;

    let lost = format!("127.0.0.1:{}", c.ports[0]);
    let rounds = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut loops = Vec::new();
    for w in 0..4 {
        let name = format!("worker{w}");
        app.add_user(&name, &[]).await;
        let (base, state) = (c.base.clone(), c.state.clone());
        let (client, lost, rounds) = (client.clone(), lost.clone(), rounds.clone());
        loops.push(tokio::spawn(async move {
            let (mut acked, mut dropped) = (Vec::new(), 0);
            for _ in 0..8 {
                let me = TestApp::attach(base.clone(), state.clone());
                match one_round(&me, &client, &name, &lost).await {
                    Ok(a) => acked.push(a),
                    Err(()) => dropped += 1,
                }
                rounds.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            (acked, dropped)
        }));
    }
    // The CLI adds users meanwhile.
    let config = c.config.clone();
    let adds = tokio::task::spawn_blocking(move || {
        let mut acked = Vec::new();
        for i in 0..6 {
            let name = format!("added{i}");
            let out = Command::new(env!("CARGO_BIN_EXE_latchkey"))
                .env("LATCHKEY_CONFIG", &config)
                .args([
                    "user",
                    "add",
                    &name,
                    "--email",
                    "x@example.test",
                    "--password-stdin",
                ])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .and_then(|mut child| {
                    use std::io::Write;
                    child
                        .stdin
                        .take()
                        .unwrap()
                        .write_all(b"correct horse battery\n")?;
                    child.wait()
                })
                .unwrap();
            if out.success() {
                acked.push(name);
            }
        }
        acked
    });
    // SIGKILL instance A mid-load.
    let until = Instant::now() + Duration::from_secs(120);
    while rounds.load(std::sync::atomic::Ordering::SeqCst) < 6 {
        assert!(Instant::now() < until, "the load never got going");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    c.sigkill(0);
    // A logout while A is down.
    app.logout().await;

    let mut acked = Vec::new();
    let mut dropped = 0;
    for l in loops {
        let (a, d) = l.await.unwrap();
        acked.extend(a);
        dropped += d;
    }
    // Each loop has one request in flight at a time.
    assert!(dropped <= 4, "{dropped} rounds lost with A");
    assert!(
        acked.len() >= 28,
        "only {} of 32 rounds acknowledged",
        acked.len()
    );
    for a in &acked {
        assert_eq!(app.userinfo(&a.access).await.status(), StatusCode::OK);
        let r = app
            .token(
                &client,
                &[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", &a.refresh),
                ],
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "an acknowledged refresh token survives"
        );
    }
    let added = adds.await.unwrap();
    assert_eq!(added.len(), 6);
    for name in &added {
        assert!(
            latchkey::db::users::by_username(&c.state.db, name)
                .await
                .unwrap()
                .is_some(),
            "{name} was acknowledged but is gone"
        );
    }

    // A, restarted, honours the logout made while it was down.
    c.restart(0);
    c.ready(0).await;
    let r = forward_check(&c.direct(0, &app)).await;
    assert_eq!(r.status(), StatusCode::FOUND);
}

/// Polls `url` until it answers `want` (bounded, for a failing run).
async fn status_becomes(app: &TestApp, path: &str, want: StatusCode, what: &str) {
    let (http, url) = (&app.api, app.url(path));
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        let got = http.get(&url).send().await.map(|r| r.status());
        if got.as_ref().is_ok_and(|s| *s == want) {
            return;
        }
        assert!(Instant::now() < until, "{what}: {url} still {got:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_postgresql_restart_is_survived() {
    if !crate::backend::is_postgres() {
        return;
    }
    // A server of this test's own: the run's shared one stays up.
    let pg = crate::backend::OwnServer::start();
    let a = TestApp::spawn_with(|c| {
        c.database =
            latchkey::config::Database::Postgres(latchkey::config::SecretString(pg.url.clone()));
        c.issuer = c.issuer.replace("localhost", "auth.example.test");
        c.session.cookie_domain = Some("example.test".into());
        c.forward_auth.rules = crate::forward_auth::rules();
        c.forward_auth.cache_seconds = 3600;
        c.mfa = latchkey::config::MfaPolicy::Optional;
    })
    .await;
    let b = a.instance().await;
    let client = a.add_client("rp").await;
    a.add_user("bob", &[]).await;
    // bob in a browser of his own; alice in A's (which B shares).
    let bobs = TestApp::attach(a.base.clone(), a.state.clone());
    let code = bobs.code(&client, &[], "bob").await;
    let tokens = bobs.exchange(&client, &code).await;
    let access = tokens["access_token"].as_str().unwrap().to_string();
    let user = a.add_user("alice", &[]).await;
    let sealed = a.state.secrets.seal(SECRET).unwrap();
    latchkey::db::factors::set_totp(&a.state.db, user.id, &sealed, 0)
        .await
        .unwrap();
    let login = a.url("/login?rd=https%3A%2F%2Fpaperless.example.test%2Fdocuments%2F");
    login_from(&a, &login, "alice", 0).await;
    assert_eq!(forward_check(&b).await.status(), StatusCode::OK);
    let reconnects = latchkey::metrics::identity_listener_reconnects();

    // Down: both instances say so on /readyz.
    pg.pause();
    status_becomes(&a, "/readyz", StatusCode::SERVICE_UNAVAILABLE, "down").await;
    status_becomes(&b, "/readyz", StatusCode::SERVICE_UNAVAILABLE, "down").await;
    // Back: both are ready again, with what was acknowledged before.
    pg.resume();
    status_becomes(&a, "/readyz", StatusCode::OK, "back").await;
    status_becomes(&b, "/readyz", StatusCode::OK, "back").await;
    assert_eq!(b.userinfo(&access).await.status(), StatusCode::OK);
    // Both listeners listen again: a logout on A reaches B's hour-long cache.
    let until = Instant::now() + Duration::from_secs(60);
    while latchkey::metrics::identity_listener_reconnects() < reconnects + 2 {
        assert!(Instant::now() < until, "the listeners never came back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    a.logout().await;
    let until = Instant::now() + Duration::from_secs(15);
    while forward_check(&b).await.status() != StatusCode::FOUND {
        assert!(Instant::now() < until, "B never heard of the logout");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
