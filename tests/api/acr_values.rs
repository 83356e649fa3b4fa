//! `acr_values` is a voluntary list in order of preference (OIDC Core
//! 3.1.2.1); an essential `acr` in the `claims` parameter is a floor (OIDC
//! Core 5.5.1.1). The id_token's `acr` never claims more than the login did.

use latchkey::config::MfaPolicy;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

async fn claims_of(
    app: &TestApp,
    client: &TestClient,
    resp: reqwest::Response,
) -> serde_json::Map<String, serde_json::Value> {
    let loc = location(&resp).unwrap_or_else(|| panic!("no redirect from {}", resp.url()));
    let code = query(&url::Url::parse(&loc).unwrap(), "code")
        .unwrap_or_else(|| panic!("no code in {loc}"));
    let t = app.exchange(client, &code).await;
    app.verify_jwt(t["id_token"].as_str().unwrap()).await
}

/// A user with TOTP only (enrolled through the forced first enrollment),
/// seen from a new browser.
async fn totp_user() -> (TestApp, TestClient, String) {
    let app = TestApp::spawn_with(|c| c.mfa = MfaPolicy::Required).await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/enroll");
    let enrolled = app.enroll_totp().await;
    app.continue_after_codes().await;
    (app.with_new_browser(), client, enrolled.secret)
}

#[tokio::test]
async fn a_totp_only_user_asked_for_pwd_mfa_phr_signs_in_with_totp() {
    let (app, client, secret) = totp_user().await;
    let r = app
        .follow(
            app.authorize(&client, &[("acr_values", Some("pwd mfa phr"))])
                .await,
        )
        .await;
    assert_eq!(r.url().path(), "/login");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("name=\"password\""),
        "the password form is offered"
    );
    let r = app.submit_login("alice", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "not stranded");
    let r = app.follow(r).await;
    assert_eq!(r.url().path(), "/login/mfa");
    let r = app
        .submit_mfa("code", &totp_code(&secret, now() + 30))
        .await;
    let claims = claims_of(&app, &client, app.follow(r).await).await;
    assert_eq!(claims["acr"], "mfa", "what the login did, no more");
}

#[tokio::test]
async fn an_essential_phr_acr_claim_demands_a_passkey() {
    let (app, client, _) = totp_user().await;
    let claims = r#"{"id_token":{"acr":{"essential":true,"values":["phr"]}}}"#;
    let r = app
        .follow(app.authorize(&client, &[("claims", Some(claims))]).await)
        .await;
    assert_eq!(r.url().path(), "/login");
    let html = r.text().await.unwrap();
    assert!(!html.contains("name=\"password\""), "passkey only");
    let csrf = attr(&html, "[data-csrf]", "data-csrf").unwrap();
    let r = app
        .browser
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("username", "alice"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_essential_mfa_floor_sends_a_password_only_user_to_enroll() {
    let app = TestApp::spawn_with(|c| c.mfa = MfaPolicy::Optional).await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    // Voluntary: the password is all this user has, and the acr says so.
    let url = app
        .login_flow(&client, &[("acr_values", Some("mfa pwd"))], "alice")
        .await;
    let code = query(&url, "code").unwrap();
    let t = app.exchange(&client, &code).await;
    let claims = app.verify_jwt(t["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["acr"], "pwd");
    // Essential: no code without a second factor.
    let essential = r#"{"id_token":{"acr":{"essential":true,"values":["mfa","phr"]}}}"#;
    let r = app
        .follow(app.authorize(&client, &[("claims", Some(essential))]).await)
        .await;
    assert_eq!(r.url().path(), "/enroll");
}

#[tokio::test]
async fn essential_acr_values_latchkey_cannot_meet_are_refused() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let claims = r#"{"id_token":{"acr":{"essential":true,"values":["urn:example:loa:4"]}}}"#;
    let r = app.authorize(&client, &[("claims", Some(claims))]).await;
    let url = url::Url::parse(&location(&r).unwrap()).unwrap();
    assert_eq!(query(&url, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&url, "state").as_deref(), Some("st-123"));
    let r = app
        .authorize(&client, &[("claims", Some("{not json"))])
        .await;
    let url = url::Url::parse(&location(&r).unwrap()).unwrap();
    assert_eq!(query(&url, "error").as_deref(), Some("invalid_request"));
}
