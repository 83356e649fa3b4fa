//! Load driver for issue 6, run by `scripts/bench.sh` against the release
//! binary on loopback. Every loop is bounded in count and in time.
//!
//! Subcommands (all output is `key value` lines, for the script to collect):
//!   load server BASE CLIENT_ID CLIENT_SECRET USER_PREFIX PASSWORD PID
//!   load ceiling BARE_BASE COOKIE_NAME   (discovery/JWKS/forward-auth shapes on the bare server)
//!   load coldstart BIN URL RUNS          (the environment configures BIN)
//!   load floors SECS                     (argon2id hash rate, RSA-2048 signing rate, 2 threads)
//!   load scale BASE CLIENT_ID CLIENT_SECRET USER_PREFIX PASSWORD N
//!                                        (hot paths against a database seeded with N users)
//!   load refresh BASE CLIENT_ID CLIENT_SECRET USER_PREFIX PASSWORD PID ROUNDS
//!                                        (refresh only: every exchanged token rotated ROUNDS
//!                                         times, for profiling the token path)
//!
//! With `LOAD_TOTP_SECRET` (the secret `examples/seed.rs` gave every user),
//! logins include the TOTP step and each login uses its own user, since a
//! TOTP code is accepted once per user and time step (RFC 6238 5.2).
//!
//! With `LOAD_METRICS` (the server's `/metrics` URL), the token phases also
//! print the CPU the server's signatures took, as the server measured it
//! (`…cpu_ms_per_op.signing`), and the server's CPU beyond it
//! (`…cpu_ms_per_op.beyond_signing`): both from the same run, so no floor
//! measured at another moment is subtracted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::LOCATION;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use tokio::sync::Mutex;
use url::Url;

const CONC_HTTP: usize = 32;
const CONC_LOGIN: usize = 8;
const CONC_PEAK: usize = 64;
const HTTP_SECS: u64 = 8;
const HTTP_MAX: usize = 400_000;
/// The issuer is `http://localhost:PORT` (WebAuthn wants a domain); always IPv4 loopback.
const LOOPBACK: std::net::SocketAddr =
    std::net::SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 0);
const REDIRECT: &str = "https://app.example/cb";

#[derive(Default)]
struct Stats {
    ok: usize,
    bad: usize,
    lat: Vec<Duration>,
    elapsed: Duration,
    first_bad: Option<String>,
}

impl Stats {
    fn print(&self, name: &str) {
        let mut l = self.lat.clone();
        l.sort();
        let pct = |p: f64| {
            if l.is_empty() {
                0.0
            } else {
                let i = ((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1;
                l[i].as_secs_f64() * 1000.0
            }
        };
        let rps = self.ok as f64 / self.elapsed.as_secs_f64();
        println!("{name}.rps {rps:.1}");
        println!("{name}.p50_ms {:.3}", pct(0.50));
        println!("{name}.p99_ms {:.3}", pct(0.99));
        println!("{name}.ok {}", self.ok);
        println!("{name}.errors {}", self.bad);
        if let Some(e) = &self.first_bad {
            println!("{name}.first_error {}", e.replace('\n', " "));
        }
    }
}

/// Runs `conc` workers calling `f(worker, i)` until `secs` or `max` calls in total.
async fn run<F, Fut>(conc: usize, secs: u64, max: usize, f: F) -> Stats
where
    F: Fn(usize, usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), String>> + Send,
{
    let f = Arc::new(f);
    let stats = Arc::new(Mutex::new(Stats::default()));
    let issued = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for w in 0..conc {
        let (f, stats, issued) = (f.clone(), stats.clone(), issued.clone());
        tasks.push(tokio::spawn(async move {
            let mut local = Stats::default();
            loop {
                let i = issued.fetch_add(1, Ordering::Relaxed) as usize;
                if i >= max || Instant::now() >= deadline {
                    break;
                }
                let t = Instant::now();
                match f(w, i).await {
                    Ok(()) => {
                        local.ok += 1;
                        local.lat.push(t.elapsed());
                    }
                    Err(e) => {
                        local.bad += 1;
                        local.first_bad.get_or_insert(e);
                    }
                }
            }
            let mut s = stats.lock().await;
            s.ok += local.ok;
            s.bad += local.bad;
            s.lat.extend(local.lat);
            if s.first_bad.is_none() {
                s.first_bad = local.first_bad;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let mut s = Arc::try_unwrap(stats).ok().unwrap().into_inner();
    s.elapsed = start.elapsed();
    s
}

fn api_client() -> Client {
    Client::builder()
        .resolve("localhost", LOOPBACK)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(256)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

fn browser() -> (Client, Arc<Jar>) {
    let jar = Arc::new(Jar::default());
    let c = Client::builder()
        .resolve("localhost", LOOPBACK)
        .redirect(reqwest::redirect::Policy::none())
        .cookie_provider(jar.clone())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    (c, jar)
}

async fn get_status(
    c: &Client,
    url: &str,
    headers: &[(String, String)],
    want: StatusCode,
) -> Result<(), String> {
    let mut rb = c.get(url);
    for (k, v) in headers {
        rb = rb.header(k, v);
    }
    let r = rb.send().await.map_err(|e| e.to_string())?;
    let st = r.status();
    let _ = r.bytes().await.map_err(|e| e.to_string())?;
    if st == want {
        Ok(())
    } else {
        Err(format!("status {st}"))
    }
}

/// The hidden input's value, by name, without an HTML parser.
fn input_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    let v = tag.find("value=\"")? + 7;
    let len = tag[v..].find('"')?;
    Some(tag[v..v + len].to_string())
}

struct Flow {
    base: String,
    client_id: String,
    secret: String,
    password: String,
    /// The seeded users' TOTP secret, if they have one.
    totp: Option<String>,
    requests: AtomicU64,
}

impl Flow {
    fn authorize_url(&self) -> String {
        let q = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("client_id", self.client_id.as_str()),
                ("redirect_uri", REDIRECT),
                ("response_type", "code"),
                ("scope", "openid profile email"),
                ("state", "bench-state"),
                ("nonce", "bench-nonce"),
            ])
            .finish();
        format!("{}/authorize?{q}", self.base)
    }

    /// Follows Latchkey's redirects; returns (final URL, status, body) or the
    /// redirect to the client.
    async fn follow(
        &self,
        c: &Client,
        mut resp: reqwest::Response,
    ) -> Result<Result<(Url, String), Url>, String> {
        for _ in 0..10 {
            let Some(loc) = resp.headers().get(LOCATION).and_then(|v| v.to_str().ok()) else {
                let url = resp.url().clone();
                let st = resp.status();
                let body = resp.text().await.map_err(|e| e.to_string())?;
                if !st.is_success() {
                    return Err(format!("{st} at {url}"));
                }
                return Ok(Ok((url, body)));
            };
            let next = resp.url().join(loc).map_err(|e| e.to_string())?;
            if !next.as_str().starts_with(&self.base) {
                return Ok(Err(next));
            }
            self.requests.fetch_add(1, Ordering::Relaxed);
            resp = c
                .get(next.as_str())
                .send()
                .await
                .map_err(|e| e.to_string())?;
        }
        Err("redirect loop".into())
    }

    async fn start(&self, c: &Client) -> Result<Result<(Url, String), Url>, String> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let r = c
            .get(self.authorize_url())
            .send()
            .await
            .map_err(|e| e.to_string())?;
        self.follow(c, r).await
    }

    async fn post_form(
        &self,
        c: &Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> Result<Result<(Url, String), Url>, String> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let r = c
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        self.follow(c, r).await
    }

    /// authorize → login page → password → (mfa) → code.
    async fn login_code(
        &self,
        c: &Client,
        user: &str,
        totp: Option<&str>,
    ) -> Result<String, String> {
        let page = match self.start(c).await? {
            Ok(p) => p,
            Err(redirect) => return code_of(&redirect),
        };
        if page.0.path() != "/login" {
            return Err(format!("expected /login, got {}", page.0));
        }
        let csrf = input_value(&page.1, "csrf_token").ok_or("no csrf on /login")?;
        let mut next = self
            .post_form(
                c,
                "/login",
                &[
                    ("csrf_token", &csrf),
                    ("username", user),
                    ("password", &self.password),
                ],
            )
            .await?;
        if let (Ok((url, html)), Some(secret)) = (&next, totp)
            && url.path() == "/login/mfa"
        {
            let csrf = input_value(html, "csrf_token").ok_or("no csrf on /login/mfa")?;
            // The enrollment used the current step; the next one is within the ±1 skew.
            let code = totp_code(secret, now() + 30);
            next = self
                .post_form(c, "/login/mfa", &[("csrf_token", &csrf), ("code", &code)])
                .await?;
        }
        match next {
            Err(redirect) => code_of(&redirect),
            Ok((url, _)) => Err(format!("login ended at {url}")),
        }
    }

    async fn exchange(&self, api: &Client, code: &str) -> Result<Value, String> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let r = api
            .post(format!("{}/token", self.base))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", REDIRECT),
                ("client_id", &self.client_id),
                ("client_secret", &self.secret),
            ])
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let st = r.status();
        let body = r.text().await.map_err(|e| e.to_string())?;
        if st != StatusCode::OK {
            return Err(format!("token {st}: {body}"));
        }
        serde_json::from_str(&body).map_err(|e| e.to_string())
    }

    async fn refresh(&self, api: &Client, refresh_token: &str) -> Result<Value, String> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let r = api
            .post(format!("{}/token", self.base))
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
                ("client_id", &self.client_id),
                ("client_secret", &self.secret),
            ])
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let st = r.status();
        let body = r.text().await.map_err(|e| e.to_string())?;
        if st != StatusCode::OK {
            return Err(format!("refresh {st}: {body}"));
        }
        let v: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
        if v["id_token"].as_str().is_none() {
            return Err("refresh without an id_token".into());
        }
        Ok(v)
    }

    async fn userinfo(&self, api: &Client, access: &str) -> Result<(), String> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let r = api
            .get(format!("{}/userinfo", self.base))
            .bearer_auth(access)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let st = r.status();
        let _ = r.bytes().await;
        if st == StatusCode::OK {
            Ok(())
        } else {
            Err(format!("userinfo {st}"))
        }
    }

    async fn full_login(&self, api: &Client, user: &str) -> Result<(), String> {
        let (c, _) = browser();
        let code = self.login_code(&c, user, self.totp.as_deref()).await?;
        let tokens = self.exchange(api, &code).await?;
        let access = tokens["access_token"].as_str().ok_or("no access_token")?;
        if tokens["id_token"].as_str().is_none() {
            return Err("no id_token".into());
        }
        self.userinfo(api, access).await
    }
}

fn code_of(url: &Url) -> Result<String, String> {
    url.query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .ok_or_else(|| format!("no code in {url}"))
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn totp_code(secret: &str, time: u64) -> String {
    totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .with_account_name("x")
        .build()
        .unwrap()
        .generate(time)
        .to_string()
}

/// CPU time (ms) used so far, by kind: the server's argon2 hashing threads,
/// its SQLite connection workers, the rest of it (tokio: HTTP, handlers),
/// and this driver.
fn server_cpu_ms(pid: u32) -> [f64; 4] {
    let tick_ms = 1000.0 / 100.0; // USER_HZ is 100 on Linux
    let mut cpu = [0.0; 4];
    if let Ok(stat) = std::fs::read_to_string("/proc/self/stat")
        && let Some(close) = stat.rfind(')')
    {
        let fields: Vec<&str> = stat[close + 2..].split(' ').collect();
        cpu[3] = (fields[11].parse::<f64>().unwrap_or(0.0)
            + fields[12].parse::<f64>().unwrap_or(0.0))
            * tick_ms;
    }
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return cpu;
    };
    for t in tasks.flatten() {
        let Ok(stat) = std::fs::read_to_string(t.path().join("stat")) else {
            continue;
        };
        // comm is in parentheses and may hold spaces; fields follow the last ')'.
        let Some(close) = stat.rfind(')') else {
            continue;
        };
        let comm = &stat[stat.find('(').map_or(0, |i| i + 1)..close];
        let fields: Vec<&str> = stat[close + 2..].split(' ').collect();
        let ticks: f64 =
            fields[11].parse::<f64>().unwrap_or(0.0) + fields[12].parse::<f64>().unwrap_or(0.0);
        let slot = if comm.starts_with("argon2") {
            0
        } else if comm.starts_with("sqlx") {
            1
        } else {
            2
        };
        cpu[slot] += ticks * tick_ms;
    }
    cpu
}

/// Prints the server's CPU use per operation over a phase.
fn print_cpu(name: &str, before: [f64; 4], after: [f64; 4], ops: usize) {
    let ops = ops.max(1) as f64;
    for (i, kind) in ["argon2", "sqlite", "other", "driver"].iter().enumerate() {
        println!(
            "{name}.cpu_ms_per_op.{kind} {:.2}",
            (after[i] - before[i]) / ops
        );
    }
}

/// The server's signing CPU so far (ms, all algorithms), from `/metrics`
/// at `LOAD_METRICS`; None without it.
async fn server_signing_ms(api: &Client) -> Option<f64> {
    let url = std::env::var("LOAD_METRICS").ok()?;
    let text = api.get(url).send().await.ok()?.text().await.ok()?;
    // An older server has no such metric: then there is nothing to subtract.
    if !text.contains("latchkey_signatures_total") {
        return None;
    }
    let seconds: f64 = text
        .lines()
        .filter(|l| l.starts_with("latchkey_signing_cpu_seconds_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum();
    Some(seconds * 1000.0)
}

/// Prints, when the server reports its signing CPU, that and the server's
/// CPU beyond it per operation over a phase.
fn print_signing(
    name: &str,
    (cpu_before, signing_before): ([f64; 4], Option<f64>),
    (cpu_after, signing_after): ([f64; 4], Option<f64>),
    ops: usize,
) {
    let (Some(before), Some(after)) = (signing_before, signing_after) else {
        return;
    };
    let ops = ops.max(1) as f64;
    let server: f64 = (0..3).map(|i| cpu_after[i] - cpu_before[i]).sum();
    let signing = after - before;
    println!("{name}.cpu_ms_per_op.signing {:.3}", signing / ops);
    println!(
        "{name}.cpu_ms_per_op.beyond_signing {:.3}",
        (server - signing) / ops
    );
}

/// The server's context switches (voluntary and not) so far: SQLite's
/// connection threads, then the others. Each one is a thread going to
/// sleep or being woken, the cost that CPU per operation hides.
fn server_switches(pid: u32) -> [u64; 2] {
    let mut switches = [0; 2];
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return switches;
    };
    for t in tasks.flatten() {
        let Ok(status) = std::fs::read_to_string(t.path().join("status")) else {
            continue;
        };
        let field = |key: &str| -> u64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0)
        };
        let name = status
            .lines()
            .find_map(|l| l.strip_prefix("Name:"))
            .unwrap_or("")
            .trim();
        let slot = usize::from(!name.starts_with("sqlx"));
        switches[slot] += field("voluntary_ctxt_switches:") + field("nonvoluntary_ctxt_switches:");
    }
    switches
}

/// Prints the server's context switches per operation over a phase.
fn print_switches(name: &str, before: [u64; 2], after: [u64; 2], ops: usize) {
    let ops = ops.max(1) as f64;
    for (i, kind) in ["sqlite", "other"].iter().enumerate() {
        println!(
            "{name}.switches_per_op.{kind} {:.1}",
            after[i].saturating_sub(before[i]) as f64 / ops
        );
    }
}

fn proc_kb(pid: u32, key: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Logs in user `fa` (password), enrolls TOTP on /enroll, then logs in again
/// with both factors and returns the login cookie header (`name=value`).
async fn mfa_session(flow: &Flow, user: &str) -> Result<String, String> {
    // The secret is kept between runs: a user enrolls once per database.
    let keep = std::env::var("LOAD_TOTP_FILE").ok();
    if let Some(secret) = keep
        .as_deref()
        .and_then(|f| std::fs::read_to_string(f).ok())
    {
        return mfa_login(flow, user, secret.trim()).await;
    }
    let (c, _) = browser();
    flow.login_code(&c, user, None).await?;
    let r = c
        .get(format!("{}/enroll", flow.base))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let (url, html) = flow
        .follow(&c, r)
        .await?
        .map_err(|u| format!("enroll redirected to {u}"))?;
    if url.path() != "/enroll" {
        return Err(format!("enroll page at {url}"));
    }
    let at = html.find("otpauth://").ok_or("no otpauth uri")?;
    let uri =
        html[at..html[at..].find('"').map(|e| at + e).ok_or("bad otpauth")?].replace("&amp;", "&");
    let uri = Url::parse(&uri).map_err(|e| e.to_string())?;
    let secret = uri
        .query_pairs()
        .find(|(k, _)| k == "secret")
        .ok_or("no secret")?
        .1
        .into_owned();
    let csrf = input_value(&html, "csrf_token").ok_or("no csrf on /enroll")?;
    let code = totp_code(&secret, now());
    let r = c
        .post(format!("{}/enroll/totp", flow.base))
        .form(&[("csrf_token", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status() != StatusCode::SEE_OTHER {
        return Err(format!("enroll/totp answered {}", r.status()));
    }
    if let Some(f) = keep {
        std::fs::write(f, &secret).map_err(|e| e.to_string())?;
    }
    mfa_login(flow, user, &secret).await
}

async fn mfa_login(flow: &Flow, user: &str, secret: &str) -> Result<String, String> {
    let (c2, jar) = browser();
    flow.login_code(&c2, user, Some(secret)).await?;
    let base = Url::parse(&flow.base).map_err(|e| e.to_string())?;
    let cookies = jar.cookies(&base).ok_or("no cookies")?;
    let cookies = cookies.to_str().map_err(|e| e.to_string())?;
    cookies
        .split("; ")
        // Forward auth reads its own cookie; the login cookie opens pages only.
        .find(|c| c.starts_with("latchkey_forward="))
        .map(str::to_string)
        .ok_or_else(|| format!("no forward-auth cookie in {cookies}"))
}

async fn http_phases(
    base: &str,
    fa_headers: Vec<(String, String)>,
    fa_want: StatusCode,
    prefix: &str,
) {
    let api = api_client();
    for (name, path, headers, want) in [
        (
            "discovery",
            "/.well-known/openid-configuration",
            vec![],
            StatusCode::OK,
        ),
        ("jwks", "/jwks.json", vec![], StatusCode::OK),
        ("forward_auth", "/auth/nginx", fa_headers, fa_want),
    ] {
        let url = format!("{base}{path}");
        // Warm-up: bounded, not counted.
        let (c, u, h) = (api.clone(), url.clone(), headers.clone());
        run(CONC_HTTP, 1, 2000, move |_, _| {
            let (c, u, h) = (c.clone(), u.clone(), h.clone());
            async move { get_status(&c, &u, &h, want).await }
        })
        .await;
        let (c, u, h) = (api.clone(), url.clone(), headers.clone());
        let s = run(CONC_HTTP, HTTP_SECS, HTTP_MAX, move |_, _| {
            let (c, u, h) = (c.clone(), u.clone(), h.clone());
            async move { get_status(&c, &u, &h, want).await }
        })
        .await;
        s.print(&format!("{prefix}{name}"));
    }
}

async fn server(args: &[String]) {
    let [base, client_id, secret, prefix, password, pid] = args else {
        panic!("server BASE CLIENT_ID CLIENT_SECRET USER_PREFIX PASSWORD PID");
    };
    let pid: u32 = pid.parse().unwrap();
    let flow = Arc::new(Flow {
        base: base.clone(),
        client_id: client_id.clone(),
        secret: secret.clone(),
        password: password.clone(),
        totp: std::env::var("LOAD_TOTP_SECRET").ok(),
        requests: AtomicU64::new(0),
    });
    println!("rss.idle_kb {}", proc_kb(pid, "VmRSS:"));
    let api = api_client();

    // 1. Complete logins at 8 concurrent (one user per worker).
    let (f, a, p) = (flow.clone(), api.clone(), prefix.clone());
    flow.requests.store(0, Ordering::Relaxed);
    let cpu = server_cpu_ms(pid);
    let s = run(CONC_LOGIN, 20, 400, move |w, i| {
        let user = login_user(&f, &p, w, i);
        let (f, a) = (f.clone(), a.clone());
        async move { f.full_login(&a, &user).await }
    })
    .await;
    s.print("login8");
    print_cpu("login8", cpu, server_cpu_ms(pid), s.ok + s.bad);
    let done = (s.ok + s.bad).max(1) as f64;
    println!(
        "login8.http_requests_per_login {:.2}",
        flow.requests.load(Ordering::Relaxed) as f64 / done
    );

    // 2. Peak RSS under 64 concurrent logins (64 users).
    let stop = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (stop, peak) = (stop.clone(), peak.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(proc_kb(pid, "VmRSS:"), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let (f, a, p) = (flow.clone(), api.clone(), prefix.clone());
    let s = run(CONC_PEAK, 30, 256, move |w, i| {
        let user = login_user(&f, &p, w, 1000 + i);
        let (f, a) = (f.clone(), a.clone());
        async move { f.full_login(&a, &user).await }
    })
    .await;
    stop.store(true, Ordering::Relaxed);
    sampler.await.unwrap();
    s.print("login64");
    println!(
        "rss.peak_sampled_login64_kb {}",
        peak.load(Ordering::Relaxed)
    );
    println!("rss.vmhwm_after_login64_kb {}", proc_kb(pid, "VmHWM:"));

    // 3. Code exchange: codes from a logged-in browser (SSO, no password), then /token.
    let (s, codes) = mint_codes(
        &flow,
        &format!("{prefix}1900"),
        flow.totp.as_deref(),
        15,
        1500,
    )
    .await;
    s.print("authorize_sso");
    let cpu = server_cpu_ms(pid);
    let (s, rts) = exchange_codes(&flow, &api, &codes).await;
    s.print("token_exchange");
    print_cpu("token_exchange", cpu, server_cpu_ms(pid), s.ok + s.bad);

    // 3b. Refresh: each exchanged refresh token rotated once (a new
    // refresh token, an access token and a signed id_token each time).
    let rts = Arc::new(rts);
    let (f, a, r) = (flow.clone(), api.clone(), rts.clone());
    let signing = server_signing_ms(&api).await;
    let cpu = server_cpu_ms(pid);
    let s = run(CONC_HTTP, 20, rts.len(), move |_, i| {
        let (f, a, r) = (f.clone(), a.clone(), r.clone());
        async move { f.refresh(&a, &r[i]).await.map(|_| ()) }
    })
    .await;
    let after = server_cpu_ms(pid);
    s.print("refresh");
    print_cpu("refresh", cpu, after, s.ok + s.bad);
    print_signing(
        "refresh",
        (cpu, signing),
        (after, server_signing_ms(&api).await),
        s.ok + s.bad,
    );

    // 4. Forward auth with a two-factor session (falls back to password-only: 401).
    let session = match &flow.totp {
        Some(secret) => mfa_login(&flow, &format!("{prefix}1901"), secret).await,
        None => mfa_session(&flow, "fa").await,
    };
    let (headers, want) = match session {
        Ok(cookie) => {
            println!("forward_auth.session mfa");
            (cookie, StatusCode::OK)
        }
        Err(e) => {
            println!("forward_auth.session password_only ({e})");
            let (c, jar) = browser();
            flow.login_code(&c, &format!("{prefix}1"), None)
                .await
                .unwrap();
            let cookies = jar.cookies(&Url::parse(base).unwrap()).unwrap();
            let cookie = cookies
                .to_str()
                .unwrap()
                .split("; ")
                .find(|c| c.contains("latchkey_forward="))
                .unwrap()
                .to_string();
            (cookie, StatusCode::UNAUTHORIZED)
        }
    };
    let fa = vec![
        ("x-forwarded-proto".to_string(), "https".to_string()),
        (
            "x-forwarded-host".to_string(),
            "app0.example.com".to_string(),
        ),
        ("x-forwarded-uri".to_string(), "/documents/12".to_string()),
        ("cookie".to_string(), headers.clone()),
    ];
    println!(
        "forward_auth.cookie_name {}",
        headers.split('=').next().unwrap_or("")
    );
    http_phases(base, fa, want, "").await;
    println!("rss.vmhwm_end_kb {}", proc_kb(pid, "VmHWM:"));
    println!("rss.end_kb {}", proc_kb(pid, "VmRSS:"));
}

/// Logs `user` in once, then mints codes from that session at 8 concurrent
/// `/authorize` requests (no password): at most `max`, for at most `secs`.
/// Refresh tokens from exchanged codes, each chain rotated `ROUNDS` times;
/// the server's CPU per refresh over all rounds (the first round's is what
/// `server` reports).
async fn refresh_only(args: &[String]) {
    let [base, client_id, secret, prefix, password, pid, rounds] = args else {
        panic!("refresh BASE CLIENT_ID CLIENT_SECRET USER_PREFIX PASSWORD PID ROUNDS");
    };
    let pid: u32 = pid.parse().unwrap();
    let rounds: usize = rounds.parse().unwrap();
    let flow = Arc::new(Flow {
        base: base.clone(),
        client_id: client_id.clone(),
        secret: secret.clone(),
        password: password.clone(),
        totp: std::env::var("LOAD_TOTP_SECRET").ok(),
        requests: AtomicU64::new(0),
    });
    let api = api_client();
    let (s, codes) = mint_codes(
        &flow,
        &format!("{prefix}1902"),
        flow.totp.as_deref(),
        15,
        1500,
    )
    .await;
    s.print("authorize_sso");
    let (s, tokens) = exchange_codes(&flow, &api, &codes).await;
    s.print("token_exchange");
    let chains = Arc::new(
        tokens
            .into_iter()
            .map(std::sync::Mutex::new)
            .collect::<Vec<_>>(),
    );
    let signing = server_signing_ms(&api).await;
    let cpu = server_cpu_ms(pid);
    let switches = server_switches(pid);
    let mut done = 0;
    for _ in 0..rounds {
        let (f, a, c) = (flow.clone(), api.clone(), chains.clone());
        let s = run(CONC_HTTP, 20, chains.len(), move |_, i| {
            let (f, a, c) = (f.clone(), a.clone(), c.clone());
            async move {
                let old = c[i].lock().unwrap().clone();
                let t = f.refresh(&a, &old).await?;
                let rt = t["refresh_token"].as_str().ok_or("no refresh_token")?;
                *c[i].lock().unwrap() = rt.to_string();
                Ok(())
            }
        })
        .await;
        s.print("refresh");
        done += s.ok + s.bad;
    }
    let after = server_cpu_ms(pid);
    print_cpu("refresh_rounds", cpu, after, done);
    print_switches("refresh_rounds", switches, server_switches(pid), done);
    print_signing(
        "refresh_rounds",
        (cpu, signing),
        (after, server_signing_ms(&api).await),
        done,
    );
}

/// Exchanges every code at 32 concurrent; the refresh tokens they gave.
async fn exchange_codes(
    flow: &Arc<Flow>,
    api: &Client,
    codes: &Arc<Vec<String>>,
) -> (Stats, Vec<String>) {
    let tokens = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (f, a, cs, ts) = (flow.clone(), api.clone(), codes.clone(), tokens.clone());
    let s = run(CONC_HTTP, 20, codes.len(), move |_, i| {
        let (f, a, cs, ts) = (f.clone(), a.clone(), cs.clone(), ts.clone());
        async move {
            let t = f.exchange(&a, &cs[i]).await?;
            let rt = t["refresh_token"].as_str().ok_or("no refresh_token")?;
            ts.lock().unwrap().push(rt.to_string());
            Ok(())
        }
    })
    .await;
    let tokens = std::mem::take(&mut *tokens.lock().unwrap());
    (s, tokens)
}

async fn mint_codes(
    flow: &Arc<Flow>,
    user: &str,
    totp: Option<&str>,
    secs: u64,
    max: usize,
) -> (Stats, Arc<Vec<String>>) {
    let (c, _) = browser();
    let first = flow.login_code(&c, user, totp).await.unwrap();
    let codes = Arc::new(Mutex::new(vec![first]));
    let (f, cs) = (flow.clone(), codes.clone());
    let s = run(8, secs, max, move |_, _| {
        let (f, cs, c) = (f.clone(), cs.clone(), c.clone());
        async move {
            let code = f.login_code(&c, "unused", None).await?;
            cs.lock().await.push(code);
            Ok(())
        }
    })
    .await;
    let codes = std::mem::take(&mut *codes.lock().await);
    (s, Arc::new(codes))
}

/// Without seeded TOTP users each worker reuses its own user; with them,
/// every login has a user of its own.
fn login_user(flow: &Flow, prefix: &str, worker: usize, i: usize) -> String {
    if flow.totp.is_some() {
        format!("{prefix}{i}")
    } else {
        format!("{prefix}{worker}")
    }
}

/// The hot paths against a database seeded with N users (each with a
/// session, a grant and tokens): logins, code exchange, userinfo and forward
/// auth, with the server's forward-auth cache off so every check reads SQLite.
async fn scale(args: &[String]) {
    let [base, client_id, secret, prefix, password, n] = args else {
        panic!("scale BASE CLIENT_ID CLIENT_SECRET USER_PREFIX PASSWORD N");
    };
    let n: usize = n.parse().unwrap();
    let totp = std::env::var("LOAD_TOTP_SECRET").expect("LOAD_TOTP_SECRET");
    let flow = Arc::new(Flow {
        base: base.clone(),
        client_id: client_id.clone(),
        secret: secret.clone(),
        password: password.clone(),
        totp: Some(totp.clone()),
        requests: AtomicU64::new(0),
    });
    let api = api_client();
    let tag = format!("scale{n}");
    // Logins spread over the table: user i * stride mod (n - 8), one each.
    let logins = 120.min(n - 8);
    let stride = (n - 8) / logins;
    let (f, a, p) = (flow.clone(), api.clone(), prefix.clone());
    let s = run(CONC_LOGIN, 20, logins, move |_, i| {
        let (f, a, user) = (f.clone(), a.clone(), format!("{p}{}", i * stride));
        async move { f.full_login(&a, &user).await }
    })
    .await;
    s.print(&format!("{tag}.login8"));

    // Codes from one session (the last users are kept out of the logins).
    let (_, codes) = mint_codes(&flow, &format!("{prefix}{}", n - 1), Some(&totp), 10, 800).await;
    let (f, a, cs) = (flow.clone(), api.clone(), codes.clone());
    let tokens = f.exchange(&a, &cs[0]).await.unwrap();
    let s = run(CONC_HTTP, 20, codes.len() - 1, move |_, i| {
        let (f, a, cs) = (f.clone(), a.clone(), cs.clone());
        async move { f.exchange(&a, &cs[i + 1]).await.map(|_| ()) }
    })
    .await;
    s.print(&format!("{tag}.token_exchange"));

    let access = tokens["access_token"].as_str().unwrap().to_string();
    let auth = vec![("authorization".to_string(), format!("Bearer {access}"))];
    let session = mfa_login(&flow, &format!("{prefix}{}", n - 2), &totp)
        .await
        .unwrap();
    let fa = vec![
        ("x-forwarded-proto".to_string(), "https".to_string()),
        (
            "x-forwarded-host".to_string(),
            "app0.example.com".to_string(),
        ),
        ("x-forwarded-uri".to_string(), "/documents/12".to_string()),
        ("cookie".to_string(), session),
    ];
    for (name, path, headers) in [
        ("userinfo", "/userinfo", auth),
        ("forward_auth", "/auth/nginx", fa),
    ] {
        let url = format!("{base}{path}");
        let (c, u, h) = (api.clone(), url.clone(), headers.clone());
        let s = run(CONC_HTTP, HTTP_SECS, HTTP_MAX, move |_, _| {
            let (c, u, h) = (c.clone(), u.clone(), h.clone());
            async move { get_status(&c, &u, &h, StatusCode::OK).await }
        })
        .await;
        s.print(&format!("{tag}.{name}"));
    }
}

async fn ceiling(args: &[String]) {
    let [base] = args else {
        panic!("ceiling BARE_BASE")
    };
    let fa = vec![
        ("x-forwarded-proto".to_string(), "https".to_string()),
        (
            "x-forwarded-host".to_string(),
            "app0.example.com".to_string(),
        ),
        ("x-forwarded-uri".to_string(), "/documents/12".to_string()),
        (
            "cookie".to_string(),
            "latchkey_login=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_string(),
        ),
    ];
    http_phases(base, fa, StatusCode::OK, "bare.").await;
}

/// Spawns BIN `serve` and polls URL with raw HTTP/1.1 until a 200.
async fn coldstart(args: &[String]) {
    let [bin, url, runs] = args else {
        panic!("coldstart BIN URL RUNS")
    };
    let url = Url::parse(url).unwrap();
    let addr = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
    let req = format!(
        "GET {} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n",
        url.path()
    );
    for run in 0..runs.parse::<usize>().unwrap() {
        let t = Instant::now();
        let mut child = std::process::Command::new(bin)
            .arg("serve")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut got = None;
        while t.elapsed() < Duration::from_secs(10) {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            if let Ok(mut s) = tokio::net::TcpStream::connect(&addr).await {
                let _ = s.write_all(req.as_bytes()).await;
                let mut buf = vec![0u8; 64];
                if let Ok(n) = s.read(&mut buf).await
                    && buf[..n].starts_with(b"HTTP/1.1 200")
                {
                    got = Some(t.elapsed());
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        match got {
            Some(d) => println!("coldstart.run{run}_ms {:.1}", d.as_secs_f64() * 1000.0),
            None => println!("coldstart.run{run}_ms timeout"),
        }
    }
}

fn floors(args: &[String]) {
    let secs: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(5);
    let threads = 2;
    // argon2id at the configured (default) parameters: m=19456 KiB, t=2, p=1.
    let count = Arc::new(AtomicU64::new(0));
    let t = Instant::now();
    std::thread::scope(|sc| {
        for _ in 0..threads {
            let count = count.clone();
            sc.spawn(move || {
                // The pure compute ceiling: one reused memory buffer per thread.
                let params = argon2::Params::new(19456, 2, 1, None).unwrap();
                let mut memory = vec![argon2::Block::default(); params.block_count()];
                let a = argon2::Argon2::new(
                    argon2::Algorithm::Argon2id,
                    argon2::Version::V0x13,
                    params,
                );
                let mut out = [0u8; 32];
                while t.elapsed() < Duration::from_secs(secs) {
                    a.hash_password_into_with_memory(
                        b"correct horse battery",
                        b"sixteen byte salt",
                        &mut out,
                        &mut memory[..],
                    )
                    .unwrap();
                    count.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    println!(
        "floor.argon2id_hash_per_s {:.2}",
        count.load(Ordering::Relaxed) as f64 / t.elapsed().as_secs_f64()
    );

    // RSA-2048 RS256 JWT signing with josekit, payload shaped like an id_token.
    use josekit::jws::{JwsHeader, RS256};
    let kp = RS256.generate_key_pair(2048).unwrap();
    let der = kp.to_der_private_key();
    let count = Arc::new(AtomicU64::new(0));
    let t = Instant::now();
    std::thread::scope(|sc| {
        for _ in 0..threads {
            let (count, der) = (count.clone(), der.clone());
            sc.spawn(move || {
                let signer = RS256.signer_from_der(&der).unwrap();
                let mut header = JwsHeader::new();
                header.set_token_type("JWT");
                header.set_key_id("bench");
                let mut p = josekit::jwt::JwtPayload::new();
                p.set_issuer("http://127.0.0.1:18080");
                p.set_subject("42");
                p.set_audience(vec!["bench"]);
                p.set_claim("email", Some(Value::from("alice@example.com")))
                    .unwrap();
                while t.elapsed() < Duration::from_secs(secs) {
                    josekit::jwt::encode_with_signer(&p, &header, &signer).unwrap();
                    count.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    println!(
        "floor.rsa2048_sign_per_s {:.1}",
        count.load(Ordering::Relaxed) as f64 / t.elapsed().as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("server") => server(&args[1..]).await,
        Some("ceiling") => ceiling(&args[1..]).await,
        Some("coldstart") => coldstart(&args[1..]).await,
        Some("floors") => floors(&args[1..]),
        Some("scale") => scale(&args[1..]).await,
        Some("refresh") => refresh_only(&args[1..]).await,
        _ => eprintln!("usage: see the header of examples/load.rs"),
    }
}
