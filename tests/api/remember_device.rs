//! "Remember this device" (issue 14, item 10): an opt-in long-lived login
//! that never skips the second factor on a new device, while every other
//! login keeps the idle limit.

use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;

use crate::helpers::*;
use crate::mfa_helpers::*;

const DAY: i64 = 86400;

/// The password form, ticking "remember" or not.
async fn sign_in(app: &TestApp, remember: bool) -> reqwest::Response {
    let (_, html) = app.page("/login").await;
    let mut form = vec![
        ("csrf_token", csrf_from(&html)),
        ("username", "alice".to_string()),
        ("password", PASSWORD.to_string()),
    ];
    if remember {
        form.push(("remember", "yes".to_string()));
    }
    app.browser
        .post(app.url("/login"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// The login cookie's Max-Age in a response that sets it (None: a
/// session cookie, gone with the browser).
fn login_cookie_max_age(r: &reqwest::Response) -> Option<Option<i64>> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("latchkey_login=") && !c.starts_with("latchkey_login=;"))
        .map(|c| {
            c.split(';')
                .filter_map(|a| a.trim().strip_prefix("Max-Age="))
                .find_map(|v| v.parse().ok())
        })
}

/// Moves every login `seconds` into the past (created and last seen).
async fn age_logins(app: &TestApp, seconds: i64) {
    latchkey::with_pool!(&app.state.db, |p| sqlx::query(
        "UPDATE browser_sessions SET created_at = created_at - $1, last_seen_at = last_seen_at - $1, \
         auth_time = auth_time - $1, remembered_until = remembered_until - $1"
    )
    .bind(seconds)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
}

async fn account_path(app: &TestApp) -> String {
    app.page("/account").await.0.path().to_string()
}

#[tokio::test]
async fn a_remembered_login_outlives_the_idle_limit_but_not_its_own_end() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;
    let totp = app.enroll_totp().await;
    app.continue_after_codes().await;
    app.logout().await;

    let (_, html) = app.page("/login").await;
    let label = texts(&html, "label[for=remember]").join("");
    assert!(label.contains("30 days"), "{label:?}");

    // Ticked, but only the password so far: the long life waits for the
    // second factor, and a password alone keeps the idle limit.
    let r = sign_in(&app, true).await;
    assert_eq!(login_cookie_max_age(&r), Some(Some(30 * DAY)));
    age_logins(&app, 2 * 3600).await;
    assert_eq!(account_path(&app).await, "/login");

    let r = sign_in(&app, true).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .submit_mfa("code", &totp_code(&totp.secret, now() + 30))
        .await;
    // The second step rotates the cookie; it keeps the remaining days.
    let max_age = login_cookie_max_age(&r).flatten().unwrap();
    assert!((30 * DAY - 60..=30 * DAY).contains(&max_age), "{max_age}");
    let code = app.code(&client, &[], "alice").await;
    let refresh_token = app.exchange(&client, &code).await["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();

    // Twenty days of no use: past the idle (1 h) and absolute (12 h)
    // limits, still signed in, and the app's refresh token still works.
    age_logins(&app, 20 * DAY).await;
    assert_eq!(account_path(&app).await, "/account");
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &refresh_token),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // Past its thirty days it ends like any other login.
    age_logins(&app, 11 * DAY).await;
    assert_eq!(account_path(&app).await, "/login");

    // A new device asks for both factors again, remembered elsewhere or not.
    let other = app.with_new_browser();
    let r = sign_in(&other, false).await;
    assert_eq!(login_cookie_max_age(&r), Some(None), "a session cookie");
    assert_eq!(account_path(&other).await, "/login/mfa");
    // Not ticked: the idle limit, as before.
    // (The next TOTP step was spent above: a recovery code instead.)
    other
        .submit_mfa("recovery_code", &totp.recovery_codes[0])
        .await;
    assert_eq!(account_path(&other).await, "/account");
    age_logins(&other, 2 * 3600).await;
    assert_eq!(account_path(&other).await, "/login");
}

#[tokio::test]
async fn without_remember_days_nothing_is_offered_or_kept() {
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.session.remember_days = 0;
    })
    .await;
    app.add_user("alice", &[]).await;
    let (_, html) = app.page("/login").await;
    assert!(attr(&html, "#remember", "name").is_none());
    // A hand-made "remember" is ignored.
    let r = sign_in(&app, true).await;
    assert_eq!(login_cookie_max_age(&r), Some(None));
    age_logins(&app, 2 * 3600).await;
    assert_eq!(account_path(&app).await, "/login");

    let bad = latchkey::Config {
        session: latchkey::config::SessionConfig {
            remember_days: -1,
            ..Default::default()
        },
        ..latchkey::Config::default()
    };
    let err = bad.validate().unwrap_err().to_string();
    assert!(err.contains("remember_days"), "{err}");
}
