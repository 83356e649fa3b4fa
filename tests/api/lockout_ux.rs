//! What a user sees when a throttle holds (issue 14, items 1 and 3): the
//! second-factor step stays put after too many codes, every factor says the
//! same sentence with the real wait, and the CLI lifts the locks (a user's,
//! or an address's) while the server runs.

use std::process::Output;

use latchkey::config::MfaPolicy;
use reqwest::StatusCode;
use webauthn_authenticator_rs::WebauthnAuthenticator;

use crate::helpers::*;
use crate::mfa_helpers::*;

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

async fn with_totp(app: &TestApp, name: &str) -> latchkey::db::users::User {
    let user = app.add_user(name, &[]).await;
    let sealed = app.state.secrets.seal(SECRET).unwrap();
    latchkey::db::factors::set_totp(&app.state.db, user.id, &sealed, 0)
        .await
        .unwrap();
    user
}

/// Reaches the second-factor page as alice.
async fn at_second_factor(app: &TestApp, client: &TestClient) {
    let r = app.follow(app.authorize(client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/login/mfa");
}

fn wrong_code() -> String {
    let right: u32 = totp_code(SECRET, now()).parse().unwrap();
    format!("{:06}", (right + 500_000) % 1_000_000)
}

fn right_code() -> String {
    totp_code(SECRET, now())
}

/// The page's error alert (the first one with text).
fn alert(html: &str) -> String {
    texts(html, ".alert.error")
        .into_iter()
        .map(|t| t.trim().to_string())
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

fn unix_now() -> i64 {
    now() as i64
}

/// Puts a throttle row in place: `failures`, locked for `locked` more
/// seconds (0: not locked).
async fn set_row(app: &TestApp, key: &str, failures: i64, locked: i64) {
    let now = unix_now();
    let until = if locked > 0 { now + locked } else { 0 };
    latchkey::with_pool!(&app.state.db, |p| sqlx::query(
        "INSERT INTO throttle (key, failures, locked_until, updated_at, window_start) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (key) DO UPDATE SET \
         failures = excluded.failures, locked_until = excluded.locked_until",
    )
    .bind(key)
    .bind(failures)
    .bind(until)
    .bind(now)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
}

async fn keys_like(app: &TestApp, pattern: &str) -> Vec<String> {
    latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT key FROM throttle WHERE key LIKE $1 ORDER BY key"
    )
    .bind(pattern)
    .fetch_all(p)
    .await)
    .unwrap()
}

#[tokio::test]
async fn five_wrong_codes_keep_the_user_on_the_code_step_with_the_real_wait() {
    let app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    with_totp(&app, "alice").await;
    at_second_factor(&app, &client).await;
    let limit = latchkey::web::mfa::PER_LOGIN_LIMIT;
    for i in 1..limit {
        let r = app.submit_mfa("code", &wrong_code()).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "code {i}");
        assert_eq!(
            alert(&r.text().await.unwrap()),
            "That code is not valid. Try again."
        );
    }
    // The fifth: still this step (no redirect), saying what happened and
    // how long the wait is.
    let r = app.submit_mfa("code", &wrong_code()).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(location(&r), None);
    let html = r.text().await.unwrap();
    assert!(html.contains("Confirm it"), "the code step: {html}");
    assert_eq!(
        alert(&html),
        "That code is not valid. Too many attempts. Wait about 30 seconds, then try again."
    );
    // The login is kept; even the right code now waits, unchecked.
    let (url, _) = app.page("/login/mfa").await;
    assert_eq!(url.path(), "/login/mfa");
    let r = app.submit_mfa("code", &right_code()).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        alert(&r.text().await.unwrap()),
        "Too many attempts. Wait about 30 seconds, then try again."
    );
    // The per-login lock is no audited lockout (the account key has its own).
    let lockouts: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE event = 'lockout'"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(lockouts, 0);
    // Once the wait is over, the same login goes on with the right code.
    latchkey::with_pool!(&app.state.db, |p| sqlx::query(
        "UPDATE throttle SET locked_until = 0 WHERE key LIKE 'mfa:login:%'"
    )
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let r = app.submit_mfa("code", &right_code()).await;
    assert_eq!(location(&r).as_deref(), Some("/authorize/resume"));
}

#[tokio::test]
async fn the_account_key_still_locks_across_logins() {
    let app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    with_totp(&app, "alice").await;
    // Five wrong codes in one login (its own limit), then one in another:
    // the account's sixth failure locks the account, for every login.
    at_second_factor(&app, &client).await;
    for _ in 0..latchkey::web::mfa::PER_LOGIN_LIMIT {
        app.submit_mfa("code", &wrong_code()).await;
    }
    let second = TestApp::attach(app.base.clone(), app.state.clone());
    at_second_factor(&second, &client).await;
    let r = second.submit_mfa("code", &wrong_code()).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        alert(&r.text().await.unwrap()),
        "That code is not valid. Too many attempts. Wait about 30 seconds, then try again."
    );
    let third = TestApp::attach(app.base.clone(), app.state.clone());
    at_second_factor(&third, &client).await;
    let r = third.submit_mfa("code", &right_code()).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let events: Vec<String> = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT detail FROM audit_events WHERE event = 'lockout'"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(events[0].starts_with("mfa:user:"), "{events:?}");
}

#[tokio::test]
async fn every_factor_says_the_same_sentence_with_the_real_wait() {
    // Alice with a passkey (enrolled first) and an authenticator app.
    let app = TestApp::spawn_with(|c| c.mfa = MfaPolicy::Required).await;
    let client = app.add_client("app").await;
    let alice = app.add_user("alice", &[]).await;
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/enroll");
    let mut authn = authenticator();
    app.register_passkey(&mut authn, "Laptop").await;
    app.continue_after_codes().await;
    let sealed = app.state.secrets.seal(SECRET).unwrap();
    latchkey::db::factors::set_totp(&app.state.db, alice.id, &sealed, 0)
        .await
        .unwrap();
    let app = app.with_new_browser();
    at_second_factor(&app, &client).await;

    // The second-factor key locked for 100 s more: "about 2 minutes", for
    // a code and for the passkey endpoint alike.
    let mfa_key = latchkey::web::mfa::account_key(alice.id);
    set_row(&app, &mfa_key, 6, 100).await;
    let want = "Too many attempts. Wait about 2 minutes, then try again.";
    let r = app.submit_mfa("code", &right_code()).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(alert(&r.text().await.unwrap()), want);
    let (csrf, options) = app.passkey_options("/login/mfa", "second_factor").await;
    let credential = authn.do_authentication(app.origin(), options).unwrap();
    let r = app.finish_passkey(&csrf, &credential).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], want);

    // Passwords: the same sentence, and the same for a user that does not
    // exist (locked for 50 minutes more, here).
    let other = TestApp::attach(app.base.clone(), app.state.clone());
    set_row(&app, "pwd:user:alice", 6, 3000).await;
    set_row(&app, "pwd:user:ghost", 6, 3000).await;
    let a = other.submit_login("alice", PASSWORD).await;
    let b = other.submit_login("ghost", PASSWORD).await;
    assert_eq!(a.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(b.status(), StatusCode::TOO_MANY_REQUESTS);
    let (a, b) = (
        alert(&a.text().await.unwrap()),
        alert(&b.text().await.unwrap()),
    );
    assert_eq!(
        a,
        "Too many attempts. Wait about 50 minutes, then try again."
    );
    assert_eq!(a, b, "no hint whether the user exists");
}

#[tokio::test]
async fn the_failure_that_locks_a_password_says_the_wait_for_known_and_unknown_users() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    let mut last = Vec::new();
    for name in ["alice", "ghost"] {
        let mut text = String::new();
        for _ in 0..6 {
            let r = app.submit_login(name, "wrong guess!").await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
            text = alert(&r.text().await.unwrap());
        }
        last.push(text);
    }
    assert_eq!(
        last[0],
        "Incorrect username or password. Too many attempts. Wait about 30 seconds, then try again."
    );
    assert_eq!(last[0], last[1]);
}

/// The real `latchkey` binary on the running app's database.
fn latchkey(app: &TestApp, args: &[&str]) -> Output {
    app.cli()
        .args(args)
        .env("LATCHKEY_ISSUER", &app.base)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test]
async fn user_unlock_lifts_every_lock_of_the_user_while_the_server_runs() {
    let app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    let alice = with_totp(&app, "alice").await;
    // A sign-in at its code limit (which also counts on the account's
    // second-factor key)...
    at_second_factor(&app, &client).await;
    for _ in 0..latchkey::web::mfa::PER_LOGIN_LIMIT {
        app.submit_mfa("code", &wrong_code()).await;
    }
    assert_eq!(
        app.submit_mfa("code", &right_code()).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // ...and the password locked, from another browser.
    let other = TestApp::attach(app.base.clone(), app.state.clone());
    for _ in 0..6 {
        other.submit_login("alice", "wrong guess!").await;
    }
    assert_eq!(
        other.submit_login("alice", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );

    let o = latchkey(&app, &["user", "unlock", "alice"]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("cleared 3 throttle records (2 locked)"),
        "{text}"
    );
    assert!(text.contains("password: 6 failures, was locked"), "{text}");
    assert!(text.contains("second factor: 5 failures\n"), "{text}");
    assert!(
        text.contains("codes of one sign-in in progress: 5 failures, was locked"),
        "{text}"
    );
    assert_eq!(keys_like(&app, "pwd:user:%").await, Vec::<String>::new());
    let mfa_prefix = latchkey::web::mfa::login_key_prefix(alice.id);
    assert!(keys_like(&app, &format!("{mfa_prefix}%")).await.is_empty());
    // Address counters are not the user's: they stay.
    assert_eq!(keys_like(&app, "%:ip:%").await.len(), 2);

    // Both sign-ins go on at once, with the running server.
    let r = app.submit_mfa("code", &right_code()).await;
    assert_eq!(location(&r).as_deref(), Some("/authorize/resume"));
    assert_eq!(
        other.submit_login("alice", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    // Honest when there is nothing.
    let o = latchkey(&app, &["user", "unlock", "alice"]);
    assert!(o.status.success());
    assert!(out(&o).contains("nothing to clear"), "{}", out(&o));
    let o = latchkey(&app, &["user", "unlock", "nobody"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("does not exist"), "{}", err(&o));
}

#[tokio::test]
async fn unlock_address_clears_that_address_only() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    // Three wrong passwords from this test's address (127.0.0.1).
    for _ in 0..3 {
        app.submit_login("alice", "wrong guess!").await;
    }
    set_row(&app, "client:app@127.0.0.1", 11, 40).await;
    set_row(&app, "link:ip:127.0.0.1", 2, 0).await;
    set_row(&app, "mfa:ip:::ffff:127.0.0.1", 1, 0).await;
    // Others stay: another address, a longer one ending alike, a user.
    set_row(&app, "pwd:ip:10.0.0.1", 4, 0).await;
    set_row(&app, "client:app@27.0.0.1", 11, 40).await;
    set_row(&app, "client:app@127.0.0.10", 11, 40).await;

    let o = latchkey(&app, &["unlock", "--address", "127.0.0.1"]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("Address 127.0.0.1: cleared 4 throttle records (1 locked)"),
        "{text}"
    );
    assert!(
        text.contains("passwords from this address: 3 failures"),
        "{text}"
    );
    assert!(
        text.contains("secrets of client 'app' from this address: 11 failures, was locked"),
        "{text}"
    );
    assert!(
        text.contains("enrollment-link tokens from this address: 2 failures"),
        "{text}"
    );
    assert!(
        text.contains("second-factor codes from this address: 1 failure"),
        "{text}"
    );
    let left: Vec<String> = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT key FROM throttle ORDER BY key"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert_eq!(
        left,
        [
            "client:app@127.0.0.10",
            "client:app@27.0.0.1",
            "pwd:ip:10.0.0.1",
            "pwd:user:alice"
        ]
    );
    // IPv6 works too, and an address with nothing says so.
    let o = latchkey(&app, &["unlock", "--address", "2001:db8::1"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("nothing to clear"), "{}", out(&o));
}

#[tokio::test]
async fn unlock_address_refuses_a_typo_with_exit_code_2() {
    let app = TestApp::spawn().await;
    for bad in ["127.0.0.300", "localhost", "", "10.0.0.1/8"] {
        let o = latchkey(&app, &["unlock", "--address", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", err(&o));
        assert!(err(&o).contains("invalid value"), "{bad}: {}", err(&o));
        assert!(!err(&o).contains("panicked"), "{}", err(&o));
    }
    let o = latchkey(&app, &["unlock"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let help = out(&latchkey(&app, &["unlock", "--help"]));
    assert!(help.contains("--address <IP>"), "{help}");
    let help = out(&latchkey(&app, &["user", "unlock", "--help"]));
    assert!(help.contains("latchkey unlock --address IP"), "{help}");
}
