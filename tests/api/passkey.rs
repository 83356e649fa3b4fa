//! Passkeys with webauthn-authenticator-rs's soft passkey: registration,
//! second factor, passwordless, and the attacks the ceremony must stop.

use latchkey::config::MfaPolicy;
use reqwest::StatusCode;
use url::Url;

use webauthn_authenticator_rs::WebauthnAuthenticator;

use crate::helpers::*;
use crate::mfa_helpers::*;

/// Alice with a passkey registered (as her first factor, at enrollment).
async fn with_passkey() -> (TestApp, TestClient, Authenticator, Vec<u8>) {
    let app = TestApp::spawn_with(|c| c.mfa = MfaPolicy::Required).await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/enroll");
    let mut authn = authenticator();
    let handle = app.register_passkey(&mut authn, "Laptop").await;
    let r = app.continue_after_codes().await;
    assert!(
        location(&r).unwrap().starts_with(REDIRECT),
        "the pending login completed"
    );
    (app, client, authn, handle)
}

async fn claims_from(
    app: &TestApp,
    client: &TestClient,
) -> serde_json::Map<String, serde_json::Value> {
    let r = app
        .follow(
            app.browser
                .get(app.url("/authorize/resume"))
                .send()
                .await
                .unwrap(),
        )
        .await;
    let url = Url::parse(&location(&r).unwrap()).unwrap();
    let t = app.exchange(client, &query(&url, "code").unwrap()).await;
    app.verify_jwt(t["id_token"].as_str().unwrap()).await
}

async fn to_second_factor(app: &TestApp, client: &TestClient) {
    app.follow(app.authorize(client, &[]).await).await;
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/login/mfa");
}

#[tokio::test]
async fn passkey_as_second_factor() {
    let (app, client, mut authn, _) = with_passkey().await;
    let app = app.with_new_browser();
    to_second_factor(&app, &client).await;
    let (csrf, options) = app.passkey_options("/login/mfa", "second_factor").await;
    let credential = authn.do_authentication(app.origin(), options).unwrap();
    let r = app.finish_passkey(&csrf, &credential).await;
    assert_eq!(redirect_of(r).await, "/authorize/resume");
    let claims = claims_from(&app, &client).await;
    assert_eq!(
        claims["amr"],
        serde_json::json!(["pwd", "hwk", "user", "mfa"])
    );
    assert_eq!(claims["acr"], "phr");
    // The counter was stored.
    let count: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT sign_count FROM passkeys"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert!(count > 0);
}

#[tokio::test]
async fn passwordless_with_a_discoverable_passkey() {
    let (app, client, mut authn, handle) = with_passkey().await;
    let app = app.with_new_browser();
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let (csrf, mut options) = app.passkey_options("/login", "passwordless").await;
    assert!(
        options.public_key.allow_credentials.is_empty(),
        "discoverable: no allow list"
    );
    // The soft passkey is not a resident-key store: hand it its credential
    // and add the user handle a resident key returns.
    let pk: webauthn_rs::prelude::Passkey = serde_json::from_str(
        &latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar::<_, String>(
            "SELECT passkey FROM passkeys"
        )
        .fetch_one(p)
        .await)
        .unwrap(),
    )
    .unwrap();
    options
        .public_key
        .allow_credentials
        .push(webauthn_rs_proto::AllowCredentials {
            type_: "public-key".into(),
            id: pk.cred_id().clone(),
            transports: None,
        });
    let mut credential = authn.do_authentication(app.origin(), options).unwrap();
    credential.response.user_handle = Some(handle);
    // With "remember this device" ticked on the sign-in page, as the page's
    // script sends it: the passkey login is kept for 30 days.
    let r = app
        .json(
            "/webauthn/login/finish?remember=yes",
            &csrf,
            &serde_json::to_value(&credential).unwrap(),
        )
        .await;
    let kept = r
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|c| c.to_str().ok())
        .any(|c| c.starts_with("latchkey_login=") && c.contains("Max-Age=2592000"));
    assert!(kept, "{:?}", r.headers());
    assert_eq!(redirect_of(r).await, "/authorize/resume");
    let claims = claims_from(&app, &client).await;
    assert_eq!(claims["amr"], serde_json::json!(["hwk", "user", "mfa"]));
    assert_eq!(claims["acr"], "phr");
}

#[tokio::test]
async fn wrong_origin_replayed_challenge_and_backwards_counter_are_refused() {
    let (app, client, mut authn, _) = with_passkey().await;
    let app = app.with_new_browser();
    to_second_factor(&app, &client).await;

    // A phishing origin.
    let (csrf, options) = app.passkey_options("/login/mfa", "second_factor").await;
    let evil = Url::parse("http://evil.localhost:8080").unwrap();
    if let Ok(credential) = authn.do_authentication(evil, options) {
        let r = app.finish_passkey(&csrf, &credential).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    // A replayed challenge: the state is used once.
    let (csrf, options) = app.passkey_options("/login/mfa", "second_factor").await;
    let credential = authn.do_authentication(app.origin(), options).unwrap();
    assert_eq!(
        redirect_of(app.finish_passkey(&csrf, &credential).await).await,
        "/authorize/resume"
    );
    let csrf = app.script_csrf("/login/mfa").await;
    let r = app.finish_passkey(&csrf, &credential).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // A counter that goes backwards (a cloned authenticator) is refused.
    let stored: String = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT passkey FROM passkeys"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&stored).unwrap();
    v["cred"]["counter"] = serde_json::json!(1000);
    latchkey::with_pool!(&app.state.db, |p| sqlx::query(
        "UPDATE passkeys SET passkey = $1"
    )
    .bind(v.to_string())
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let app = app.with_new_browser();
    to_second_factor(&app, &client).await;
    let (csrf, options) = app.passkey_options("/login/mfa", "second_factor").await;
    let credential = authn.do_authentication(app.origin(), options).unwrap();
    let r = app.finish_passkey(&csrf, &credential).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (url, _) = app.page("/authorize/resume").await;
    assert_eq!(url.path(), "/login/mfa", "still not through");
}

#[tokio::test]
async fn phishing_resistant_request_needs_a_passkey() {
    let (app, client, mut authn, handle) = with_passkey().await;
    let app = app.with_new_browser();
    let r = app
        .follow(app.authorize(&client, &[("acr_values", Some("phr"))]).await)
        .await;
    assert_eq!(r.url().path(), "/login");
    let html = r.text().await.unwrap();
    assert!(!html.contains("name=\"password\""), "no password form");
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
    let (csrf, mut options) = app.passkey_options("/login", "passwordless").await;
    let pk: webauthn_rs::prelude::Passkey = serde_json::from_str(
        &latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar::<_, String>(
            "SELECT passkey FROM passkeys"
        )
        .fetch_one(p)
        .await)
        .unwrap(),
    )
    .unwrap();
    options
        .public_key
        .allow_credentials
        .push(webauthn_rs_proto::AllowCredentials {
            type_: "public-key".into(),
            id: pk.cred_id().clone(),
            transports: None,
        });
    let mut credential = authn.do_authentication(app.origin(), options).unwrap();
    credential.response.user_handle = Some(handle);
    assert_eq!(
        redirect_of(app.finish_passkey(&csrf, &credential).await).await,
        "/authorize/resume"
    );
    assert_eq!(claims_from(&app, &client).await["acr"], "phr");
}

#[tokio::test]
async fn several_named_passkeys_rename_and_remove() {
    let (app, _client, _authn, _) = with_passkey().await;
    let mut second = authenticator();
    app.register_passkey(&mut second, "Phone").await;
    let (_, html) = app.page("/account").await;
    assert!(html.contains("Laptop") && html.contains("Phone"));
    let id = attr(
        &html,
        "form[action='/account/passkeys/remove'] input[name=id]",
        "value",
    )
    .unwrap();
    let r = app
        .browser
        .post(app.url("/account/passkeys/rename"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("id", id.clone()),
            ("name", "Work laptop".into()),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("Work laptop"));
    let (_, html) = app.page("/account").await;
    let r = app
        .browser
        .post(app.url("/account/passkeys/remove"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("id", id),
            ("confirm", "yes".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // The last one stays: MFA is required.
    let (_, html) = app.page("/account").await;
    let id = attr(
        &html,
        "form[action='/account/passkeys/remove'] input[name=id]",
        "value",
    )
    .unwrap();
    let r = app
        .browser
        .post(app.url("/account/passkeys/remove"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("id", id),
            ("confirm", "yes".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let n: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM passkeys"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(n, 1);
}
