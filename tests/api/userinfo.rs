use crate::helpers::*;
use serde_json::Value;

#[tokio::test]
async fn userinfo_matches_id_token_claims() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &["admins", "staff"]).await;
    let code = app.code(&client, &[], "alice").await;
    let tokens = app.exchange(&client, &code).await;
    let at = tokens["access_token"].as_str().unwrap();
    let r = app
        .api
        .get(app.url("/userinfo"))
        .bearer_auth(at)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(is_json(&r));
    let info: Value = r.json().await.unwrap();
    assert_eq!(info["preferred_username"], "alice");
    assert_eq!(info["email"], "alice@example.com");
    assert_eq!(info["email_verified"], true);
    assert_eq!(info["given_name"], "Alice");
    assert_eq!(info["family_name"], "Example");
    assert_eq!(info["groups"], serde_json::json!(["admins", "staff"]));
    assert_ne!(info["sub"], "alice");
    let id = app.verify_jwt(tokens["id_token"].as_str().unwrap()).await;
    for k in [
        "sub",
        "preferred_username",
        "name",
        "given_name",
        "family_name",
        "email",
        "email_verified",
        "groups",
    ] {
        assert_eq!(id[k], info[k], "claim {k}");
    }
    // POST with the token in the header works too.
    let r = app
        .api
        .post(app.url("/userinfo"))
        .bearer_auth(at)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn userinfo_without_groups_scope_has_no_groups() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &["admins"]).await;
    let code = app
        .code(&client, &[("scope", Some("openid email"))], "alice")
        .await;
    let tokens = app.exchange(&client, &code).await;
    let info: Value = app
        .api
        .get(app.url("/userinfo"))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(info.get("groups").is_none());
    assert!(info.get("preferred_username").is_none());
    assert_eq!(info["email"], "alice@example.com");
}

#[tokio::test]
async fn invalid_tokens_get_401_with_www_authenticate() {
    let app = TestApp::spawn().await;
    for req in [
        app.api.get(app.url("/userinfo")),
        app.api.get(app.url("/userinfo")).bearer_auth("nope"),
        app.api
            .get(app.url("/userinfo"))
            .header("authorization", "Basic eDp5"),
    ] {
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), 401);
        let www = r.headers()["www-authenticate"].to_str().unwrap();
        assert!(www.starts_with("Bearer"), "{www}");
    }
}

/// OIDC Core 5.1: `email_verified` is what the store holds, in the
/// id_token, userinfo and a refreshed id_token alike; relying parties
/// (django-allauth) link accounts on it.
#[tokio::test]
async fn email_verified_is_the_stored_value_everywhere() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let bob = latchkey::users::add(
        &app.state.db,
        &app.state.passwords,
        &latchkey::users::AddUser {
            username: "bob",
            email: "bob@example.com",
            name: None,
            groups: &[],
            password: Some(PASSWORD),
            email_verified: false,
            invitation: None,
        },
    )
    .await
    .unwrap();
    assert!(!bob.email_verified, "a new user starts unverified");

    let code = app
        .code(
            &client,
            &[("scope", Some("openid email offline_access"))],
            "bob",
        )
        .await;
    let (id, info, tokens) = claims_now(&app, app.exchange(&client, &code).await).await;
    assert_eq!((id, info), (Value::Bool(false), Value::Bool(false)));

    latchkey::users::verify_email(&app.state.db, &bob)
        .await
        .unwrap();
    let refresh = tokens["refresh_token"].as_str().expect("a refresh token");
    let r = app
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
        )
        .await;
    assert_eq!(r.status(), 200);
    let (id, info, _) = claims_now(&app, r.json().await.unwrap()).await;
    assert_eq!((id, info), (Value::Bool(true), Value::Bool(true)));
}

/// `email_verified` of the id_token and of userinfo for these tokens.
async fn claims_now(app: &TestApp, tokens: Value) -> (Value, Value, Value) {
    let id = app.verify_jwt(tokens["id_token"].as_str().unwrap()).await;
    let info: Value = app
        .userinfo(tokens["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    (
        id["email_verified"].clone(),
        info["email_verified"].clone(),
        tokens,
    )
}
