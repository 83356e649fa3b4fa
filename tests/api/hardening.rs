//! Brute force, hostile input and crash-safety promises.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn password_guessing_locks_the_account_the_same_way_for_unknown_users() {
    let app = TestApp::spawn().await;
    let user = app.add_user("alice", &[]).await;
    for _ in 0..5 {
        assert_eq!(
            app.submit_login("alice", "wrong guess!").await.status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.submit_login("ghost", "wrong guess!").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // The sixth failure locks; then even the right password waits, and the
    // message is the same for a user that does not exist.
    app.submit_login("alice", "wrong guess!").await;
    app.submit_login("ghost", "wrong guess!").await;
    let a = app.submit_login("alice", PASSWORD).await;
    let b = app.submit_login("ghost", PASSWORD).await;
    assert_eq!(a.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(b.status(), StatusCode::TOO_MANY_REQUESTS);
    let (a, b) = (a.text().await.unwrap(), b.text().await.unwrap());
    assert!(a.contains("Too many attempts") && b.contains("Too many attempts"));
    let events: Vec<String> = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT event FROM audit_events"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert!(events.iter().any(|e| e == "lockout"));
    assert!(events.iter().any(|e| e == "login_failed"));
    // `latchkey user unlock` lifts it.
    latchkey::users::unlock(&app.state.db, &user).await.unwrap();
    assert_eq!(
        app.submit_login("alice", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn client_secret_guessing_is_throttled() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let form = [("grant_type", "refresh_token"), ("refresh_token", "x")];
    for _ in 0..11 {
        let r = app
            .api
            .post(app.url("/token"))
            .basic_auth("app", Some("guess"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = app
        .api
        .post(app.url("/token"))
        .basic_auth("app", client.secret.as_deref())
        .form(&form)
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"], "invalid_client");
    assert!(
        v["error_description"]
            .as_str()
            .unwrap()
            .contains("too many")
    );
}

/// Requests no client should be able to turn into a 5xx.
#[tokio::test]
async fn malformed_requests_never_cause_server_errors() {
    let app = TestApp::spawn().await;
    app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let routes = [
        "/authorize",
        "/authorize/resume",
        "/token",
        "/userinfo",
        "/revoke",
        "/introspect",
        "/logout",
        "/logout/confirm",
        "/login",
        "/login/mfa",
        "/consent",
        "/enroll",
        "/enroll/totp",
        "/enroll/recovery",
        "/enroll/link",
        "/account",
        "/account/password",
        "/account/totp/remove",
        "/account/passkeys/rename",
        "/account/passkeys/remove",
        "/account/recovery",
        "/account/sessions/revoke",
        "/account/apps/revoke",
        "/webauthn/register/start",
        "/webauthn/register/finish",
        "/webauthn/login/start",
        "/webauthn/login/finish",
        "/auth/nginx",
        "/auth/forward",
        "/.well-known/openid-configuration",
        "/jwks.json",
        "/healthz",
        "/readyz",
        "/static/../Cargo.toml",
        "/nope",
    ];
    let deep_json = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        (
            "application/x-www-form-urlencoded",
            b"\xff\xfe=\xff".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            b"a=1&a=2&%zz=%".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            "x=".repeat(2000).into_bytes(),
        ),
        ("application/json", b"{not json".to_vec()),
        ("application/json", deep_json.into_bytes()),
        (
            "application/json",
            b"{\"mode\":123,\"credential\":{\"id\":[]}}".to_vec(),
        ),
        ("text/plain", b"hello".to_vec()),
        ("multipart/form-data; boundary=x", b"--x\r\n\r\n".to_vec()),
        ("application/x-www-form-urlencoded", vec![b'a'; 70_000]),
    ];
    let headers = [
        ("authorization", "Basic !!!"),
        ("authorization", "Bearer"),
        (
            "cookie",
            "latchkey=%%%; latchkey_login=%01; __Host-latchkey_login",
        ),
        ("x-original-url", "::::"),
        ("x-forwarded-host", "a b"),
    ];
    for route in routes {
        let url = app.url(route);
        for q in [
            "",
            "?client_id=%ff&redirect_uri=%",
            "?a=1&a=2",
            "?rd=javascript:alert(1)",
            "?token=%00",
        ] {
            let r = app.browser.get(format!("{url}{q}")).send().await.unwrap();
            assert!(r.status().as_u16() < 500, "GET {route}{q}: {}", r.status());
        }
        for (ct, body) in &bodies {
            let r = app
                .browser
                .post(&url)
                .header("content-type", *ct)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            assert!(
                r.status().as_u16() < 500,
                "POST {route} {ct}: {}",
                r.status()
            );
        }
        for (h, v) in headers {
            let r = app
                .api
                .post(&url)
                .header(h, v)
                .form(&[("token", "x")])
                .send()
                .await
                .unwrap();
            assert!(
                r.status().as_u16() < 500,
                "POST {route} {h}: {}",
                r.status()
            );
        }
    }
}

#[tokio::test]
async fn secrets_are_sealed_or_digested_at_rest() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let t = app.exchange(&client, &code).await;
    let bytes = stored_bytes(&app).await;
    for secret in [
        client.secret.as_deref().unwrap(),
        t["access_token"].as_str().unwrap(),
        t["refresh_token"].as_str().unwrap(),
        code.as_str(),
        PASSWORD,
    ] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "a secret is stored in clear"
        );
    }
    let private: String = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT private_jwk FROM signing_keys LIMIT 1"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert!(!private.contains("\"d\""), "private keys are sealed");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        if let (Some(db), Some(key)) = (app.sqlite_file(), app.state.config.secret_key_file()) {
            assert_eq!(mode(&db), 0o600);
            assert_eq!(mode(&key), 0o600);
        }
    }
}

/// Everything the database holds, as bytes: the SQLite file (after a WAL
/// checkpoint, so it holds everything), or a `pg_dump` of PostgreSQL's.
async fn stored_bytes(app: &TestApp) -> Vec<u8> {
    match app.sqlite_file() {
        Some(file) => {
            latchkey::with_pool!(&app.state.db, |p| sqlx::query(
                "PRAGMA wal_checkpoint(TRUNCATE)"
            )
            .execute(p)
            .await
            .map(|_| ()))
            .unwrap();
            std::fs::read(file).unwrap()
        }
        None => {
            let url = String::from(app.state.config.database.clone());
            let out = std::process::Command::new("pg_dump")
                .args(["--data-only", "--no-owner", "--dbname", &url])
                .output()
                .expect("pg_dump (PostgreSQL's client) must be installed");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.stdout.len() > 1000, "the dump holds the data");
            out.stdout
        }
    }
}

#[tokio::test]
async fn a_lost_secret_key_is_refused_not_replaced() {
    let app = TestApp::spawn().await;
    let config = app.state.config.clone();
    let Some(key_file) = config.secret_key_file() else {
        // PostgreSQL has no key file: Config::validate requires secret_key
        // (tested in the configuration tests).
        return;
    };
    std::fs::remove_file(&key_file).unwrap();
    let err = latchkey::AppState::build(config.clone())
        .await
        .err()
        .expect("must refuse");
    assert!(err.to_string().contains("secret.key is missing"), "{err}");
    assert!(!key_file.exists(), "no new key was made");
}

#[tokio::test]
async fn enrollment_link_guessing_is_throttled() {
    let app = TestApp::spawn().await;
    for i in 0..11 {
        let r = app
            .browser
            .get(app.url(&format!("/enroll/link?token=guess{i}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
    let user = app.add_user("alice", &[]).await;
    let link = latchkey::web::enroll_link::create(&app.state, &user, 10)
        .await
        .unwrap();
    let r = app.browser.get(&link).send().await.unwrap();
    assert!(
        r.text().await.unwrap().contains("Too many attempts"),
        "even a valid link waits"
    );
}

/// The link limit is counted before the lookup: thirty guesses at once
/// get the same eleven lookups as thirty in a row.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_link_guesses_cannot_slip_past_the_limit() {
    let app = TestApp::spawn().await;
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..30 {
        let view = TestApp::attach(app.base.clone(), app.state.clone());
        burst.spawn(async move {
            let r = view
                .browser
                .get(view.url(&format!("/invite?token=guess{i}")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::BAD_REQUEST);
            r.text().await.unwrap().contains("Too many attempts")
        });
    }
    let refused = burst.join_all().await.into_iter().filter(|r| *r).count();
    assert_eq!(
        refused, 19,
        "10 free misses and the one that locks, then none"
    );
}

#[tokio::test]
async fn expired_rows_are_purged() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    app.exchange(&client, &code).await;
    let count = |table: &'static str| {
        let db = app.state.db.clone();
        async move {
            latchkey::with_pool!(&db, |p| sqlx::query_scalar::<_, i64>(&format!(
                "SELECT count(*) FROM {table}"
            ))
            .fetch_one(p)
            .await)
            .unwrap()
        }
    };
    assert_eq!(count("access_tokens").await, 1);
    assert!(
        count("web_sessions").await >= 1,
        "the login left page state"
    );
    // Purge as if two months had passed.
    let later = latchkey::db::now() + 60 * 86_400;
    let n = latchkey::db::maintenance::purge(&app.state.db, later, 3600, 12 * 3600)
        .await
        .unwrap();
    assert!(n >= 4, "{n}");
    for t in [
        "authorization_codes",
        "access_tokens",
        "refresh_tokens",
        "grants",
        "browser_sessions",
        "web_sessions",
    ] {
        assert_eq!(count(t).await, 0, "{t}");
    }
    assert_eq!(count("users").await, 1, "users are never purged");
}

/// A browser whose requests arrive through the trusted proxy on behalf of `ip`.
fn browser_behind_proxy(ip: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", ip.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A code that is not the current one.
fn wrong_code(secret: &str) -> String {
    let right: u32 = crate::mfa_helpers::totp_code(secret, crate::mfa_helpers::now())
        .parse()
        .unwrap();
    format!("{:06}", (right + 500_000) % 1_000_000)
}

#[tokio::test]
async fn second_factor_guessing_across_accounts_is_slowed_per_address() {
    use crate::mfa_helpers::{now, totp_code};
    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    let mut app = TestApp::spawn_with(|c| {
        c.trusted_proxies = vec!["127.0.0.1".into()];
    })
    .await;
    let client = app.add_client("rp").await;
    for i in 0..9 {
        let user = app.add_user(&format!("u{i}"), &[]).await;
        let sealed = app.state.secrets.seal(SECRET).unwrap();
        latchkey::db::factors::set_totp(&app.state.db, user.id, &sealed, 0)
            .await
            .unwrap();
    }
    // Reaches the second-factor page as `user`, from `ip`.
    async fn at_second_factor(app: &mut TestApp, client: &TestClient, user: &str, ip: &str) {
        app.browser = browser_behind_proxy(ip);
        let r = app.follow(app.authorize(client, &[]).await).await;
        assert_eq!(r.url().path(), "/login");
        let r = app.follow(app.submit_login(user, PASSWORD).await).await;
        assert_eq!(r.url().path(), "/login/mfa", "{user}");
    }
    // One address guesses 4 codes for each of 5 accounts: no account and no
    // login reaches its own limit, but the address uses its 20 free failures.
    for i in 0..5 {
        at_second_factor(&mut app, &client, &format!("u{i}"), "203.0.113.7").await;
        for _ in 0..4 {
            let r = app.submit_mfa("code", &wrong_code(SECRET)).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
            assert!(r.text().await.unwrap().contains("not valid"));
        }
    }
    at_second_factor(&mut app, &client, "u5", "203.0.113.7").await;
    app.submit_mfa("code", &wrong_code(SECRET)).await;
    // The address alone locks no one out: a user who never failed, with the
    // right code, gets in there...
    at_second_factor(&mut app, &client, "u6", "203.0.113.7").await;
    let r = app.submit_mfa("code", &totp_code(SECRET, now())).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // ...but guessing there is slowed: an account's first failure locks it,
    // and even the right code then waits, told only to wait...
    at_second_factor(&mut app, &client, "u7", "203.0.113.7").await;
    let r = app.submit_mfa("code", &wrong_code(SECRET)).await;
    assert!(r.text().await.unwrap().contains("not valid"));
    let r = app.submit_mfa("code", &totp_code(SECRET, now())).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let body = r.text().await.unwrap();
    assert!(body.contains("Too many attempts"), "{body}");
    assert!(!body.contains("not valid"), "the message names no factor");
    // ...while from another address an account keeps its free failures.
    at_second_factor(&mut app, &client, "u8", "198.51.100.9").await;
    let r = app.submit_mfa("code", &wrong_code(SECRET)).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app.submit_mfa("code", &totp_code(SECRET, now())).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}
