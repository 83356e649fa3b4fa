//! Throttles under bursts and shared addresses: attempts are counted before
//! they are checked (F4), an address key alone locks no one out and client
//! authentication is throttled per client and address (F5), enrollment
//! links and `/account/password` are throttled (F8, F12), and the
//! per-login second-factor limit is kept with the login (F14).

use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The account's five free failures, plus the one that locks.
const ACCOUNT_CHECKS: usize = 6;

async fn audit_count(app: &TestApp, event: &str, detail: &str) -> i64 {
    latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE event = $1 AND detail = $2"
    )
    .bind(event)
    .bind(detail)
    .fetch_one(p)
    .await)
    .unwrap()
}

/// A browser on the login page: its cookies and the page's CSRF token.
async fn on_login_page(app: &TestApp) -> (reqwest::Client, String) {
    let browser = browser();
    let html = browser
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (browser, csrf_from(&html))
}

#[tokio::test]
async fn a_burst_of_wrong_passwords_is_checked_at_most_six_times() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    let mut ready = Vec::new();
    for _ in 0..60 {
        ready.push(on_login_page(&app).await);
    }
    // All 60 at once: 401 is a checked password, 429 one refused unchecked.
    let url = app.url("/login");
    let tasks: Vec<_> = ready
        .into_iter()
        .map(|(browser, csrf)| {
            let url = url.clone();
            tokio::spawn(async move {
                browser
                    .post(url)
                    .form(&[
                        ("csrf_token", csrf.as_str()),
                        ("username", "alice"),
                        ("password", "wrong guess!"),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    let (mut checked, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(checked + refused, 60);
    assert!(checked <= ACCOUNT_CHECKS, "{checked} passwords checked");
    assert_eq!(
        audit_count(&app, "login_failed", "method=pwd").await,
        checked as i64
    );
    // Refused attempts were not counted: the lock is the sixth failure's.
    let failures: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT failures FROM throttle WHERE key = 'pwd:user:alice'"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(failures, checked as i64);
}

/// Reaches the second-factor page as alice (who has TOTP).
async fn at_second_factor(app: &TestApp, client: &TestClient) {
    let r = app.follow(app.authorize(client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/login/mfa");
}

async fn with_totp(app: &TestApp, name: &str) {
    let user = app.add_user(name, &[]).await;
    let sealed = app.state.secrets.seal(SECRET).unwrap();
    latchkey::db::factors::set_totp(&app.state.db, user.id, &sealed, 0)
        .await
        .unwrap();
}

/// A code that is not the current one.
fn wrong_code() -> String {
    let right: u32 = totp_code(SECRET, now()).parse().unwrap();
    format!("{:06}", (right + 500_000) % 1_000_000)
}

#[tokio::test]
async fn a_burst_of_wrong_codes_is_checked_at_most_the_per_login_limit() {
    let app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    with_totp(&app, "alice").await;
    at_second_factor(&app, &client).await;
    let (_, html) = app.page("/login/mfa").await;
    let csrf = csrf_from(&html);
    let tasks: Vec<_> = (0..60)
        .map(|_| {
            let (browser, url, csrf) = (app.browser.clone(), app.url("/login/mfa"), csrf.clone());
            tokio::spawn(async move {
                browser
                    .post(url)
                    .form(&[("csrf_token", csrf.as_str()), ("code", &wrong_code())])
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    // 401 is a checked code, 429 one refused unchecked; the login stays
    // on this step throughout (no redirect back to the password).
    let (mut checked_answers, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::UNAUTHORIZED => checked_answers += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(checked_answers + refused, 60);
    let checked = audit_count(&app, "login_failed", "method=second_factor").await;
    let limit = i64::from(latchkey::web::mfa::PER_LOGIN_LIMIT);
    assert!(
        (1..=limit).contains(&checked),
        "{checked} codes checked in one login"
    );
    assert_eq!(checked, checked_answers);
    // The login is kept but waits: even the right code is refused unchecked.
    let r = app.submit_mfa("code", &totp_code(SECRET, now())).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Too many attempts. Wait about")
    );
}

#[tokio::test]
async fn failures_of_others_at_a_shared_address_lock_no_one_out() {
    // No trusted proxy: every client here is the proxy's one address.
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.add_user("bob", &[]).await;
    // 21 failures: the address is over its 20 free ones.
    for i in 0..21 {
        let r = app.submit_login(&format!("ghost{i}"), "wrong guess!").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "ghost{i}");
    }
    // Alice, whose account nobody guessed at, gets in at once.
    assert_eq!(
        app.submit_login("alice", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    // The busy address still slows guessing: an account tried from there
    // locks at its first failure (for 30 s), not its sixth.
    assert_eq!(
        app.submit_login("bob", "wrong guess!").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.submit_login("bob", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn typos_adding_up_at_a_shared_address_lock_no_one_out() {
    let app = TestApp::spawn().await;
    for i in 0..25 {
        let name = format!("user{i}");
        app.add_user(&name, &[]).await;
        // One typo each, then the right password: 25 failures in all.
        let app = TestApp::attach(app.base.clone(), app.state.clone());
        assert_eq!(
            app.submit_login(&name, "typo typo").await.status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.submit_login(&name, PASSWORD).await.status(),
            StatusCode::SEE_OTHER,
            "{name}"
        );
    }
    let ip: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT failures FROM throttle WHERE key LIKE 'pwd:ip:%'"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert!(ip <= 1, "successes take the failures off again: {ip}");
}

#[tokio::test]
async fn the_address_window_ends() {
    let app = TestApp::spawn().await;
    app.add_user("bob", &[]).await;
    for i in 0..21 {
        app.submit_login(&format!("ghost{i}"), "wrong guess!").await;
    }
    // Fifteen minutes on, the address starts from nothing again: bob's
    // typo is one of his five free failures.
    latchkey::with_pool!(&app.state.db, |p| sqlx::query(
        "UPDATE throttle SET window_start = window_start - 901 WHERE key LIKE 'pwd:ip:%'"
    )
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    app.submit_login("bob", "wrong guess!").await;
    assert_eq!(
        app.submit_login("bob", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

/// A client whose requests arrive through the trusted proxy for `ip`.
fn api_behind_proxy(ip: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", ip.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

/// `/token` with a made-up refresh token: `invalid_grant` once the client
/// is authenticated, `invalid_client` when not (or while throttled).
async fn token_error(app: &TestApp, from: &str, client: &str, secret: &str) -> String {
    let v: serde_json::Value = api_behind_proxy(from)
        .post(app.url("/token"))
        .basic_auth(client, Some(secret))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", "x")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["error"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn client_auth_failures_count_per_client_and_address_and_a_success_clears_them() {
    let app = TestApp::spawn_with(|c| c.trusted_proxies = vec!["127.0.0.1".into()]).await;
    let client = app.add_client("app").await;
    let secret = client.secret.clone().unwrap();
    let (a, b) = ("203.0.113.7", "198.51.100.9");
    for _ in 0..11 {
        assert_eq!(token_error(&app, a, "app", "guess").await, "invalid_client");
    }
    // Locked at that address, even with the right secret...
    assert_eq!(token_error(&app, a, "app", &secret).await, "invalid_client");
    // ...but not for the client elsewhere.
    assert_eq!(token_error(&app, b, "app", &secret).await, "invalid_grant");
    // A success clears the count: 9 + 10 failures around one never lock.
    for _ in 0..9 {
        token_error(&app, b, "app", "guess").await;
    }
    assert_eq!(token_error(&app, b, "app", &secret).await, "invalid_grant");
    for _ in 0..10 {
        token_error(&app, b, "app", "guess").await;
    }
    assert_eq!(token_error(&app, b, "app", &secret).await, "invalid_grant");
}

#[tokio::test]
async fn wrong_current_passwords_count_on_the_login_account_key() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    assert_eq!(
        app.submit_login("alice", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let change = |current: &'static str| {
        let app = &app;
        async move {
            let (_, html) = app.page("/account").await;
            app.browser
                .post(app.url("/account/password"))
                .form(&[
                    ("csrf_token", csrf_from(&html).as_str()),
                    ("current_password", current),
                    ("new_password", "a new password!"),
                    ("confirm_password", "a new password!"),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    for _ in 0..ACCOUNT_CHECKS {
        let r = change("wrong guess!").await;
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("current password is not correct")
        );
    }
    // Locked: here, with the same message as the login page, and at /login.
    let r = change(PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.unwrap().contains("Too many attempts"));
    let other = TestApp::attach(app.base.clone(), app.state.clone());
    assert_eq!(
        other.submit_login("alice", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn the_per_login_code_limit_survives_a_fresh_page_cookie() {
    let mut app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    with_totp(&app, "alice").await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    app.browser = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    at_second_factor(&app, &client).await;
    let limit = latchkey::web::mfa::PER_LOGIN_LIMIT;
    for _ in 1..limit {
        let r = app.submit_mfa("code", &wrong_code()).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // Keep only the login cookie: a new page session, the same login.
    let base = url::Url::parse(&app.base).unwrap();
    let name = latchkey::web::session::login_cookie_name(&app.state.config);
    let cookies = reqwest::cookie::CookieStore::cookies(jar.as_ref(), &base).unwrap();
    let login = cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap()
        .to_string();
    let fresh = std::sync::Arc::new(reqwest::cookie::Jar::default());
    fresh.add_cookie_str(&format!("{login}; Path=/"), &base);
    app.browser = reqwest::Client::builder()
        .cookie_provider(fresh)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // The last failure the login allows locks it (it stays on this step):
    // the fresh page cookie did not start the count again.
    let r = app.submit_mfa("code", &wrong_code()).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(location(&r), None);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Too many attempts. Wait about")
    );
    // Refused unchecked, even the right code: the login's key holds...
    let r = app.submit_mfa("code", &totp_code(SECRET, now())).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // ...not the account's (five failures are within its free ones): a
    // new sign-in of the same user gets in.
    let other = TestApp::attach(app.base.clone(), app.state.clone());
    at_second_factor(&other, &client).await;
    let r = other.submit_mfa("code", &totp_code(SECRET, now())).await;
    assert_eq!(location(&r).as_deref(), Some("/authorize/resume"));
}

#[tokio::test]
async fn enrollment_link_form_checks_the_token_first_and_shares_the_link_key() {
    let app = TestApp::spawn().await;
    let (_, html) = app.page("/login").await;
    let csrf = csrf_from(&html);
    for i in 0..11 {
        let r = app
            .browser
            .post(app.url("/enroll/link"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("token", &format!("guess{i}")),
                ("new_password", "a new password!"),
                ("confirm_password", "a new password!"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(r.text().await.unwrap().contains("invalid, expired"));
    }
    // The form's misses count with the page's: even a valid link waits.
    let user = app.add_user("alice", &[]).await;
    let link = latchkey::web::enroll_link::create(&app.state, &user, 10)
        .await
        .unwrap();
    let r = app.browser.get(&link).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("Too many attempts"));
}
