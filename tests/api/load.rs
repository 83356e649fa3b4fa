//! Correctness under concurrency and crashes (bounded in size and time;
//! nothing here measures speed).

use std::process::{Command, Stdio};

use latchkey::config::MfaPolicy;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

fn cli(app: &TestApp) -> Command {
    let mut c = app.cli();
    c.env("LATCHKEY_ISSUER", &app.state.config.issuer)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn add_user_via_cli(app: &TestApp, name: &str) -> std::process::Child {
    let mut child = cli(app)
        .args([
            "user",
            "add",
            name,
            "--email",
            &format!("{name}@example.com"),
            "--password-stdin",
        ])
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"correct horse battery\n")
        .unwrap();
    child
}

/// One user's full login with TOTP, then the code exchange and a refresh.
async fn full_login(app: &TestApp, client: &TestClient, user: &str, secret: &str) {
    let r = app.follow(app.authorize(client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login(user, PASSWORD).await).await;
    assert_eq!(r.url().path(), "/login/mfa", "{user}");
    let r = app.submit_mfa("code", &totp_code(secret, now())).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{user}: {}",
        r.text().await.unwrap_or_default()
    );
    let r = app.follow(r).await;
    let url = url::Url::parse(&location(&r).unwrap()).unwrap();
    let t = app.exchange(client, &query(&url, "code").unwrap()).await;
    let r = app
        .token(
            client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", t["refresh_token"].as_str().unwrap()),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_logins_tokens_and_cli_writes_all_succeed() {
    let app = TestApp::spawn_with(|c| c.mfa = MfaPolicy::Required).await;
    let client = app.add_client("app").await;
    let mut users = Vec::new();
    for i in 0..8 {
        let name = format!("user{i}");
        let user = app.add_user(&name, &[]).await;
        let secret = latchkey::auth::totp::new_secret();
        let sealed = app.state.secrets.seal(&secret).unwrap();
        latchkey::db::factors::set_totp(&app.state.db, user.id, &sealed, 0)
            .await
            .unwrap();
        users.push((name, secret));
    }
    // CLI writes from other processes, at the same time as the logins.
    let children: Vec<_> = (0..6)
        .map(|i| add_user_via_cli(&app, &format!("cli{i}")))
        .collect();
    let base = app.base.clone();
    let state = app.state.clone();
    let mut tasks = Vec::new();
    for (name, secret) in users {
        let client = TestClient {
            id: client.id.clone(),
            secret: client.secret.clone(),
            redirect: client.redirect.clone(),
        };
        let view = View {
            base: base.clone(),
            state: state.clone(),
        };
        tasks.push(tokio::spawn(async move {
            let app = view.app();
            full_login(&app, &client, &name, &secret).await;
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    for mut c in children {
        let out = c.wait().unwrap();
        assert!(out.success(), "CLI write failed (database locked?)");
    }
    let n: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM users"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(n, 14, "every write is present");
    let grants: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM grants"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(grants, 8);
}

/// A handle to the same running app from another task.
struct View {
    base: String,
    state: latchkey::AppState,
}

impl View {
    fn app(&self) -> TestApp {
        TestApp::attach(self.base.clone(), self.state.clone())
    }
}

// The first server is killed and reaped inside the loop (at i == 6).
#[allow(clippy::zombie_processes)]
#[tokio::test]
async fn sigkill_under_load_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("latchkey.sqlite");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let serve = || serve_command(&db, port).spawn().unwrap();
    let mut server = serve();
    let http = reqwest::Client::new();
    let ready = |http: reqwest::Client| async move {
        for _ in 0..400 {
            if http
                .get(format!("http://127.0.0.1:{port}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        false
    };
    assert!(ready(http.clone()).await);
    // Load: discovery and failed token requests hitting the server, while
    // users and clients are created; then SIGKILL in the middle of it.
    let load = {
        let http = http.clone();
        tokio::spawn(async move {
            for i in 0..300 {
                let _ = http
                    .get(format!(
                        "http://127.0.0.1:{port}/.well-known/openid-configuration"
                    ))
                    .send()
                    .await;
                let _ = http
                    .post(format!("http://127.0.0.1:{port}/token"))
                    .form(&[
                        ("grant_type", "authorization_code"),
                        ("code", &format!("c{i}")),
                        ("client_id", "nobody"),
                    ])
                    .send()
                    .await;
            }
        })
    };
    let mut acknowledged = Vec::new();
    for i in 0..12 {
        let name = format!("u{i}");
        let mut c = Command::new(env!("CARGO_BIN_EXE_latchkey"));
        let mut child = c
            .args([
                "user",
                "add",
                &name,
                "--email",
                "x@example.com",
                "--password-stdin",
            ])
            .env_remove("LATCHKEY_CONFIG")
            .env("LATCHKEY_DATABASE", &db)
            .env("LATCHKEY_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"correct horse battery\n")
                .unwrap();
        }
        if child.wait().unwrap().success() {
            acknowledged.push(name);
        }
        if i == 6 {
            server.kill().unwrap();
            server.wait().unwrap();
        }
    }
    load.abort();
    let mut server = serve();
    assert!(ready(http.clone()).await, "restarts after SIGKILL");
    let check = Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .arg("check")
        .env("LATCHKEY_DATABASE", &db)
        .env("LATCHKEY_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let list = Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .args(["user", "list", "--json"])
        .env("LATCHKEY_DATABASE", &db)
        .env("LATCHKEY_LOG", "warn")
        .output()
        .unwrap();
    let users: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(acknowledged.len(), 12);
    for n in &acknowledged {
        assert!(
            names.contains(&n.as_str()),
            "{n} was acknowledged but is gone"
        );
    }
    server.kill().unwrap();
    server.wait().unwrap();
}
