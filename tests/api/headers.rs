//! F14: pages are not cached, request ids are not the client's to choose,
//! `/metrics` stays off the public listener, and `/token` does not say why
//! a grant was refused.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

fn assert_no_store(r: &reqwest::Response, what: &str) {
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "{what} is a page"
    );
    assert_eq!(
        r.headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store"),
        "{what}"
    );
}

#[tokio::test]
async fn pages_are_never_stored_so_back_after_logout_shows_nothing() {
    let app = TestApp::spawn().await;
    let client = app
        .add_client_with("wiki", |c| {
            c.first_party = false;
            c.name = Some("Trusted Wiki");
        })
        .await;
    app.add_user("alice", &[]).await;
    let r = app.browser.get(app.url("/login")).send().await.unwrap();
    assert_no_store(&r, "/login");
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/consent");
    assert_no_store(&r, "/consent");
    let r = app.browser.get(app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_no_store(&r, "/account");
    let r = app.browser.get(app.url("/nope")).send().await.unwrap();
    assert_no_store(&r, "an error page");
    app.logout().await;
    // The account page was never stored; asked again, it is gone.
    let r = app.browser.get(app.url("/account")).send().await.unwrap();
    assert_eq!(location(&r).as_deref(), Some("/login"));
    // Static assets keep whatever caching they had.
    let r = app
        .browser
        .get(app.url("/static/style.css"))
        .send()
        .await
        .unwrap();
    assert_ne!(
        r.headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store")
    );
}

async fn request_id(app: &TestApp, sent: &str) -> String {
    let r = app
        .api
        .get(app.url("/healthz"))
        .header("x-request-id", sent)
        .send()
        .await
        .unwrap();
    r.headers()["x-request-id"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn a_clients_request_id_is_used_only_through_a_trusted_proxy() {
    let app = TestApp::spawn().await;
    let id = request_id(&app, "attacker-chosen-id").await;
    assert_ne!(
        id, "attacker-chosen-id",
        "not echoed from an untrusted peer"
    );
    assert!(uuid_like(&id), "a fresh id: {id}");

    let behind_proxy = TestApp::spawn_with(|c| c.trusted_proxies = vec!["127.0.0.1".into()]).await;
    assert_eq!(
        request_id(&behind_proxy, "edge-4f2a-77").await,
        "edge-4f2a-77",
        "the proxy's id is kept"
    );
    let id = request_id(&behind_proxy, "not an id\" level=error").await;
    assert!(uuid_like(&id), "a malformed id is replaced: {id}");
}

fn uuid_like(id: &str) -> bool {
    id.len() == 36 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

#[tokio::test]
async fn metrics_are_off_the_public_listener_by_default() {
    let app = TestApp::spawn().await;
    let r = app.api.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let opted_in = TestApp::spawn_with(|c| c.metrics_public = true).await;
    let r = opted_in
        .api
        .get(opted_in.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

async fn description(r: reqwest::Response) -> String {
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "invalid_grant");
    v["error_description"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn token_errors_do_not_say_why_a_grant_was_refused() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let other = app.add_client("other").await;
    app.add_user("alice", &[]).await;
    let mut seen = Vec::new();
    // Another client's code.
    let code = app.code(&client, &[], "alice").await;
    seen.push(description(app.redeem(&other, &code).await).await);
    // A spent code.
    seen.push(description(app.redeem(&client, &code).await).await);
    // An unknown code.
    seen.push(description(app.redeem(&client, "nope").await).await);
    // Another client's refresh token, then a disabled user's.
    let code = app.code(&client, &[], "alice").await;
    let t = app.exchange(&client, &code).await;
    let rt = t["refresh_token"].as_str().unwrap();
    let refresh = [("grant_type", "refresh_token"), ("refresh_token", rt)];
    seen.push(description(app.token(&other, &refresh).await).await);
    let code = app.code(&client, &[], "alice").await;
    let user = latchkey::users::find(&app.state.db, "alice").await.unwrap();
    latchkey::db::users::set_disabled(&app.state.db, user.id, true)
        .await
        .unwrap();
    seen.push(description(app.redeem(&client, &code).await).await);
    seen.push(description(app.token(&client, &refresh).await).await);
    for d in &seen {
        assert_eq!(d, latchkey::oidc::token::INVALID_GRANT);
    }
}
