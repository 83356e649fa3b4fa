//! F11: admin resets and logout end access, not just the page session.
//! Refresh tokens without `offline_access` are bound to the login that made
//! them (OIDC Core 11); offline access outlives a logout but not an admin
//! reset.

use std::io::Write;
use std::process::Stdio;

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

/// The real `latchkey` binary against the running app's database.
fn cli(app: &TestApp, args: &[&str], stdin: Option<&str>) {
    let mut child = app
        .cli()
        .args(args)
        .env("LATCHKEY_ISSUER", &app.base)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(s) = stdin {
        input.write_all(s.as_bytes()).unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "latchkey {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn refresh(app: &TestApp, client: &TestClient, tokens: &Value) -> reqwest::Response {
    app.token(
        client,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
        ],
    )
    .await
}

async fn assert_refused(app: &TestApp, client: &TestClient, tokens: &Value) {
    let r = refresh(app, client, tokens).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "invalid_grant");
    let r = app.userinfo(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "access token revoked");
}

/// Tokens from one login: one grant bound to it, one with offline access.
async fn bound_and_offline(app: &TestApp, client: &TestClient) -> (Value, Value) {
    let code = app.code(client, &[], "alice").await;
    let bound = app.exchange(client, &code).await;
    let code = app
        .code(client, &[("scope", Some("openid offline_access"))], "alice")
        .await;
    let offline = app.exchange(client, &code).await;
    assert!(bound["refresh_token"].is_string() && offline["refresh_token"].is_string());
    (bound, offline)
}

async fn sessions_of(app: &TestApp, user_id: i64) -> usize {
    latchkey::db::sessions::for_user(&app.state.db, user_id)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn admin_passwd_reset_mfa_and_disable_end_sessions_and_revoke_every_token() {
    for command in ["passwd", "reset-mfa", "disable"] {
        let app = TestApp::spawn().await;
        let client = app.add_client("app").await;
        let user = app.add_user("alice", &[]).await;
        let (bound, offline) = bound_and_offline(&app, &client).await;
        assert_eq!(sessions_of(&app, user.id).await, 1);
        let new_password = format!("{PASSWORD} renewed\n");
        match command {
            "passwd" => cli(
                &app,
                &["user", "passwd", "alice", "--password-stdin"],
                Some(&new_password),
            ),
            other => cli(&app, &["user", other, "alice"], None),
        }
        assert_eq!(sessions_of(&app, user.id).await, 0, "{command}");
        assert_refused(&app, &client, &bound).await;
        assert_refused(&app, &client, &offline).await;
        // The browser is signed out: the account page sends it to /login.
        let r = app.browser.get(app.url("/account")).send().await.unwrap();
        assert_eq!(location(&r).as_deref(), Some("/login"), "{command}");
    }
}

#[tokio::test]
async fn logout_revokes_the_logins_refresh_tokens_but_not_offline_access() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let (bound, offline) = bound_and_offline(&app, &client).await;
    // While the login lasts, both refresh.
    let r = refresh(&app, &client, &bound).await;
    assert_eq!(r.status(), 200);
    let bound: Value = r.json().await.unwrap();
    app.logout().await;
    assert_refused(&app, &client, &bound).await;
    let r = refresh(&app, &client, &offline).await;
    assert_eq!(r.status(), 200, "offline access outlives the login");
}

#[tokio::test]
async fn a_bound_refresh_token_follows_its_login_through_id_rotation_and_ends_with_it() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let user = app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let tokens = app.exchange(&client, &code).await;
    let db = &app.state.db;
    let login = latchkey::db::sessions::for_user(db, user.id).await.unwrap();
    let old = &login[0];
    // A step-up rotates the login's id (the digest of a new cookie token).
    let new_id = latchkey::crypto::digest(&latchkey::crypto::random_token());
    let forward_id = latchkey::crypto::digest(&latchkey::crypto::random_token());
    let rotation = latchkey::db::sessions::Rotation {
        id: &new_id,
        forward_id: &forward_id,
        amr: &old.amr,
        auth_time: old.auth_time,
    };
    latchkey::db::sessions::upgrade(db, &old.id, &rotation)
        .await
        .unwrap();
    let r = refresh(&app, &client, &tokens).await;
    assert_eq!(r.status(), 200, "still the same login");
    let tokens: Value = r.json().await.unwrap();
    // Idle past the session lifetime (not purged yet): refused.
    latchkey::with_pool!(db, |p| sqlx::query(
        "UPDATE browser_sessions SET last_seen_at = 0 WHERE id = $1"
    )
    .bind(&new_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let r = app
        .api
        .post(app.url("/introspect"))
        .basic_auth(&client.id, client.secret.as_deref())
        .form(&[("token", tokens["refresh_token"].as_str().unwrap())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["active"], false);
    let r = refresh(&app, &client, &tokens).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "the login timed out");
    // Ending the rotated login (e.g. "sign out" on the account page)
    // revokes the grant, access token included.
    latchkey::db::sessions::delete(db, &new_id).await.unwrap();
    assert_refused(&app, &client, &tokens).await;
}

#[tokio::test]
async fn a_code_whose_login_ended_before_redemption_is_refused() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    app.logout().await;
    let r = app.redeem(&client, &code).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "invalid_grant");
}
