//! Issue 12 review: paths the first round of fixes left open.

use crate::helpers::*;
use crate::mfa_helpers::*;

/// F2: under `mfa = "optional"`, a stolen three-hour-old session of a
/// password-only user opens an authorization request for a client that
/// requires MFA. That makes enrollment "forced", but it must still need a
/// recent password: otherwise the thief enrolls their own TOTP, which
/// completes the login (auth_time = now, `mfa`) and locks the victim out.
#[tokio::test]
async fn a_stale_session_cannot_force_a_first_enrollment_through_a_strict_client() {
    let app = TestApp::spawn().await;
    let strict = app
        .add_client_with("strict", |c| c.require_mfa = Some(true))
        .await;
    app.add_user("alice", &[]).await;
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    age_logins(&app, 3 * 3600).await;

    let r = app.follow(app.authorize(&strict, &[]).await).await;
    assert_ne!(r.url().path(), "/enroll", "stale login sent to enrollment");
    let r = app.browser.get(app.url("/enroll")).send().await.unwrap();
    assert_eq!(location(&r).as_deref(), Some("/login"));
    let factors: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM totp_credentials"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(factors, 0);

    // With the password entered again, the forced enrollment goes on.
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/enroll");
}

/// F7: "sessions without a login expire within minutes" must not hang on
/// whether a `latchkey_login` cookie is merely present: a junk one must not
/// buy an anonymous record the logged-in lifetime.
#[tokio::test]
async fn a_junk_login_cookie_does_not_lengthen_an_anonymous_session() {
    let app = TestApp::spawn().await;
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = plain.get(app.url("/login")).send().await.unwrap();
    let cookies: Vec<String> = r
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next().map(str::to_string))
        .collect();
    let page = r.text().await.unwrap();
    let csrf = attr(&page, "[data-csrf]", "data-csrf").unwrap();
    let mut cookie = cookies.join("; ");
    cookie.push_str("; latchkey_login=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    let r = plain
        .post(app.url("/webauthn/login/start"))
        .header("cookie", cookie)
        .header("x-csrf-token", csrf)
        .json(&serde_json::json!({"mode": "passwordless"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    let now = latchkey::db::now();
    let (all, long) = latchkey::db::web_sessions::count(&app.state.db, now + 16 * 60)
        .await
        .unwrap();
    assert_eq!(all, 1);
    assert_eq!(
        long, 0,
        "a junk login cookie made a long-lived anonymous row"
    );
}

async fn refresh(app: &TestApp, client: &TestClient, rt: &str) -> reqwest::Response {
    app.token(
        client,
        &[("grant_type", "refresh_token"), ("refresh_token", rt)],
    )
    .await
}

/// F11 with the triggers of migration 0008: signing in again in the same
/// browser (prompt=login, max_age, or the re-authentication a credential
/// change asks for) continues the same user's login, so the refresh tokens
/// bound to it go on; a different user signing in there ends them.
#[tokio::test]
async fn signing_in_again_keeps_the_same_users_bound_refresh_tokens() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    app.add_user("bob", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let tokens = app.exchange(&client, &code).await;
    let rt = tokens["refresh_token"].as_str().unwrap().to_string();

    // Alice signs in again (as the account page's re-authentication does).
    let r = app.submit_login("alice", PASSWORD).await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let r = refresh(&app, &client, &rt).await;
    assert_eq!(
        r.status(),
        reqwest::StatusCode::OK,
        "alice's app was signed out"
    );
    let rt = r.json::<serde_json::Value>().await.unwrap()["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();

    // Bob signs in in the same browser: alice's login ends, and with it
    // the refresh tokens bound to it.
    let r = app.submit_login("bob", PASSWORD).await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let r = refresh(&app, &client, &rt).await;
    assert_eq!(r.status(), reqwest::StatusCode::BAD_REQUEST);
}

/// ...but a login that already timed out stays ended: signing in again
/// does not bring its refresh tokens back.
#[tokio::test]
async fn signing_in_again_does_not_revive_a_timed_out_logins_tokens() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let rt = app.exchange(&client, &code).await["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    latchkey::with_pool!(&app.state.db, |p| sqlx::query(
        "UPDATE browser_sessions SET last_seen_at = last_seen_at - 2 * 3600"
    )
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let r = app.submit_login("alice", PASSWORD).await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let r = refresh(&app, &client, &rt).await;
    assert_eq!(r.status(), reqwest::StatusCode::BAD_REQUEST);
}
