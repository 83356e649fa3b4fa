use crate::helpers::*;
use base64::Engine;
use reqwest::StatusCode;
use serde_json::Value;

async fn error_of(r: reqwest::Response) -> (StatusCode, String) {
    let status = r.status();
    assert_eq!(r.headers()["cache-control"], "no-store");
    let v: Value = r.json().await.unwrap();
    (status, v["error"].as_str().unwrap().to_string())
}

/// POST /token as client `app` with a wrong secret (Basic).
async fn with_wrong_secret(app: &TestApp, form: &[(&str, &str)]) -> reqwest::Response {
    app.api
        .post(app.url("/token"))
        .basic_auth("app", Some("wrong"))
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn full_flow_with_client_secret_post_and_verified_id_token() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let user = app.add_user("alice", &["staff"]).await;
    let code = app
        .code(&client, &[("nonce", Some("n-0S6"))], "alice")
        .await;
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let t: Value = r.json().await.unwrap();
    assert_eq!(t["token_type"], "Bearer");
    assert!(t["expires_in"].as_i64().unwrap() > 0);
    assert!(t["refresh_token"].is_string());
    let claims = app.verify_jwt(t["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["iss"], app.base.as_str());
    assert_eq!(claims["aud"], "app");
    assert_eq!(claims["sub"], user.subject.as_str());
    assert_eq!(claims["nonce"], "n-0S6");
    assert_eq!(claims["amr"], serde_json::json!(["pwd"]));
    assert_eq!(claims["acr"], "pwd");
    let now = latchkey::db::now();
    assert!(claims["exp"].as_i64().unwrap() > now);
    assert!((claims["iat"].as_i64().unwrap() - now).abs() < 60);
    assert!(claims["auth_time"].as_i64().unwrap() <= now);
    assert_eq!(
        claims["at_hash"].as_str().unwrap(),
        latchkey::oidc::claims::at_hash(
            t["access_token"].as_str().unwrap(),
            latchkey::oidc::keys::Alg::RS256
        )
    );
    // RS256 with a kid by default.
    let header = josekit::jwt::decode_header(t["id_token"].as_str().unwrap()).unwrap();
    assert_eq!(header.claim("alg").unwrap(), "RS256");
}

#[tokio::test]
async fn client_secret_basic_works_and_bad_secrets_get_401() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let secret = client.secret.clone().unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let wrong = with_wrong_secret(&app, &form).await;
    assert_eq!(wrong.status(), 401);
    assert!(
        wrong.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
    assert_eq!(error_of(wrong).await.1, "invalid_client");
    let unknown = app
        .api
        .post(app.url("/token"))
        .basic_auth("ghost", Some(&secret))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 401);
    // Raw (not form-encoded) Basic credentials, as allauth sends them.
    let raw = base64::engine::general_purpose::STANDARD.encode(format!("app:{secret}"));
    let r = app
        .api
        .post(app.url("/token"))
        .header("authorization", format!("Basic {raw}"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let t: Value = r.json().await.unwrap();
    app.verify_jwt(t["id_token"].as_str().unwrap()).await;
}

#[tokio::test]
async fn code_is_single_use_and_reuse_revokes_its_tokens() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let t = app.exchange(&client, &code).await;
    let at = t["access_token"].as_str().unwrap();
    assert_eq!(
        app.api
            .get(app.url("/userinfo"))
            .bearer_auth(at)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let again = app
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
            ],
        )
        .await;
    assert_eq!(
        error_of(again).await,
        (StatusCode::BAD_REQUEST, "invalid_grant".into())
    );
    assert_eq!(
        app.api
            .get(app.url("/userinfo"))
            .bearer_auth(at)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let rt = t["refresh_token"].as_str().unwrap();
    let r = app
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", rt)],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
}

#[tokio::test]
async fn code_is_bound_to_client_and_redirect_uri() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let other = app.add_client("other").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let r = app
        .token(
            &other,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
    let code = app.code(&client, &[], "alice").await;
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", "https://app.example/callback"),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
    let code = app.code(&client, &[], "alice").await;
    let r = app
        .token(
            &client,
            &[("grant_type", "authorization_code"), ("code", &code)],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_request");
}

#[tokio::test]
async fn pkce_is_enforced() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let (verifier, challenge) = pkce_pair();
    let pkce = [
        ("code_challenge", Some(challenge.as_str())),
        ("code_challenge_method", Some("S256")),
    ];
    let base = |code: &str| {
        vec![
            ("grant_type", "authorization_code".to_string()),
            ("code", code.to_string()),
            ("redirect_uri", REDIRECT.to_string()),
        ]
    };
    // Missing and wrong verifiers fail.
    for v in [None, Some("x".repeat(50))] {
        let code = app.code(&client, &pkce, "alice").await;
        let mut form = base(&code);
        if let Some(v) = v {
            form.push(("code_verifier", v));
        }
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            error_of(app.token(&client, &form).await).await.1,
            "invalid_grant"
        );
    }
    // A verifier without a challenge is a downgrade (RFC 9700 2.1.1).
    let code = app.code(&client, &[], "alice").await;
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", &verifier),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
    let code = app.code(&client, &pkce, "alice").await;
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", &verifier),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn public_client_uses_pkce_without_secret() {
    let app = TestApp::spawn().await;
    let client = app.add_client_with("mobile", |c| c.public = true).await;
    assert!(client.secret.is_none());
    app.add_user("alice", &[]).await;
    let (verifier, challenge) = pkce_pair();
    let code = app
        .code(
            &client,
            &[
                ("code_challenge", Some(&challenge)),
                ("code_challenge_method", Some("S256")),
            ],
            "alice",
        )
        .await;
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", &verifier),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    // A confidential client cannot skip its secret.
    let conf = app.add_client("app").await;
    let code = app.code(&conf, &[], "alice").await;
    let r = app
        .api
        .post(app.url("/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("client_id", "app"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(r).await,
        (StatusCode::UNAUTHORIZED, "invalid_client".into())
    );
}

#[tokio::test]
async fn malformed_token_requests_get_rfc_errors() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let r = app.token(&client, &[("grant_type", "password")]).await;
    assert_eq!(error_of(r).await.1, "unsupported_grant_type");
    let r = app.token(&client, &[]).await;
    assert_eq!(error_of(r).await.1, "invalid_request");
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", "nope"),
                ("redirect_uri", REDIRECT),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
    let r = app
        .api
        .post(app.url("/token"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = app
        .api
        .post(app.url("/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=refresh_token&grant_type=refresh_token&client_id=app")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.1, "invalid_request");
    let secret = client.secret.clone().unwrap();
    let r = app
        .api
        .post(app.url("/token"))
        .basic_auth("app", Some(&secret))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", "x"),
            ("client_secret", secret.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.1, "invalid_request");
    let big = "a".repeat(200_000);
    let r = app
        .api
        .post(app.url("/token"))
        .form(&[("grant_type", big.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_chain() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let other = app.add_client("other").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let t1 = app.exchange(&client, &code).await;
    let rt1 = t1["refresh_token"].as_str().unwrap();
    // Bound to its client.
    let r = app
        .token(
            &other,
            &[("grant_type", "refresh_token"), ("refresh_token", rt1)],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", rt1),
                ("scope", "openid groups offline_access"),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_scope");
    let r = app
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", rt1)],
        )
        .await;
    assert_eq!(r.status(), 200);
    let t2: Value = r.json().await.unwrap();
    let rt2 = t2["refresh_token"].as_str().unwrap();
    assert_ne!(rt1, rt2);
    let id = app.verify_jwt(t2["id_token"].as_str().unwrap()).await;
    assert_eq!(id["aud"], "app");
    let at2 = t2["access_token"].as_str().unwrap();
    assert_eq!(
        app.api
            .get(app.url("/userinfo"))
            .bearer_auth(at2)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Replaying rt1 revokes everything in the chain, rt2 and at2 included.
    let r = app
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", rt1)],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
    let r = app
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", rt2)],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
    assert_eq!(
        app.api
            .get(app.url("/userinfo"))
            .bearer_auth(at2)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

/// Every refusal of a refresh spends nothing, whichever check refuses it
/// (SQLite judges a refresh while it reads, and stores the new pair in the
/// same round trip when it may): after each one, the same token still
/// works. Each refresh issued is audited under its user and client.
#[tokio::test]
async fn refused_refreshes_spend_nothing_and_issued_ones_are_audited() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let user = app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let rt = app.exchange(&client, &code).await["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    let refresh = |rt: String| {
        let app = &app;
        let client = &client;
        async move {
            app.token(
                client,
                &[("grant_type", "refresh_token"), ("refresh_token", &rt)],
            )
            .await
        }
    };
    let next = |r: reqwest::Response| async move {
        assert_eq!(r.status(), 200);
        let t: Value = r.json().await.unwrap();
        t["refresh_token"].as_str().unwrap().to_string()
    };
    // The user disabled without their grants revoked (as a racing
    // `user disable` leaves them for an instant), then enabled again.
    let db = &app.state.db;
    latchkey::db::users::set_disabled(db, user.id, true)
        .await
        .unwrap();
    assert_eq!(error_of(refresh(rt.clone()).await).await.1, "invalid_grant");
    latchkey::db::users::set_disabled(db, user.id, false)
        .await
        .unwrap();
    let rt = next(refresh(rt).await).await;
    // The login the token is bound to idle past its limit, then seen again.
    let age = |by: i64| async move {
        latchkey::with_pool!(db, |p| sqlx::query(
            "UPDATE browser_sessions SET last_seen_at = last_seen_at + $1"
        )
        .bind(by)
        .execute(p)
        .await
        .map(|_| ()))
        .unwrap();
    };
    age(-100_000).await;
    assert_eq!(error_of(refresh(rt.clone()).await).await.1, "invalid_grant");
    age(100_000).await;
    let rt = next(refresh(rt).await).await;
    // A wrong secret, and no secret at all.
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", rt.as_str()),
    ];
    let r = with_wrong_secret(&app, &form).await;
    assert_eq!(
        error_of(r).await,
        (StatusCode::UNAUTHORIZED, "invalid_client".into())
    );
    let mut public = form.to_vec();
    public.push(("client_id", "app"));
    let r = app
        .api
        .post(app.url("/token"))
        .form(&public)
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(r).await,
        (StatusCode::UNAUTHORIZED, "invalid_client".into())
    );
    // The failures left a throttle row: this refresh clears it.
    let rt = next(refresh(rt).await).await;
    // Locked out after ten more: the right secret is refused too, until
    // the lock is lifted.
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", rt.as_str()),
    ];
    for _ in 0..11 {
        let r = with_wrong_secret(&app, &form).await;
        assert_eq!(r.status(), 401);
    }
    assert_eq!(
        error_of(refresh(rt.clone()).await).await.1,
        "invalid_client"
    );
    latchkey::with_pool!(db, |p| sqlx::query("DELETE FROM throttle")
        .execute(p)
        .await
        .map(|_| ()))
    .unwrap();
    let _ = next(refresh(rt).await).await;
    let issued: Vec<(Option<String>, Option<String>)> =
        latchkey::db::audit::list(db, Some("alice"), 0, 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.event == "token_issued" && e.detail == "grant_type=refresh_token")
            .map(|e| (e.username, e.client_id))
            .collect();
    assert_eq!(issued, vec![(Some("alice".into()), Some("app".into())); 4]);
}

#[tokio::test]
async fn revocation_and_introspection() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let other = app.add_client("other").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let t = app.exchange(&client, &code).await;
    let at = t["access_token"].as_str().unwrap();
    let rt = t["refresh_token"].as_str().unwrap();
    let introspect = |c: &TestClient, token: &str| {
        let req = app
            .api
            .post(app.url("/introspect"))
            .basic_auth(&c.id, c.secret.as_deref())
            .form(&[("token", token.to_string())]);
        async move { req.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let i = introspect(&client, at).await;
    assert_eq!(i["active"], true);
    assert_eq!(i["username"], "alice");
    assert_eq!(i["client_id"], "app");
    assert_eq!(introspect(&other, at).await["active"], false);
    // Another client cannot revoke it.
    let r = app
        .api
        .post(app.url("/revoke"))
        .basic_auth("other", other.secret.as_deref())
        .form(&[("token", at)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(introspect(&client, at).await["active"], true);
    let r = app
        .api
        .post(app.url("/revoke"))
        .basic_auth("app", client.secret.as_deref())
        .form(&[("token", at)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(introspect(&client, at).await["active"], false);
    assert_eq!(
        app.api
            .get(app.url("/userinfo"))
            .bearer_auth(at)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // Revoking the refresh token ends the grant.
    assert_eq!(introspect(&client, rt).await["active"], true);
    let r = app
        .api
        .post(app.url("/revoke"))
        .basic_auth("app", client.secret.as_deref())
        .form(&[("token", rt), ("token_type_hint", "refresh_token")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = app
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", rt)],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
    // Unknown tokens are fine (RFC 7009 2.2); missing token is not.
    let r = app
        .api
        .post(app.url("/revoke"))
        .basic_auth("app", client.secret.as_deref())
        .form(&[("token", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = app
        .api
        .post(app.url("/revoke"))
        .basic_auth("app", client.secret.as_deref())
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.1, "invalid_request");
    let r = app
        .api
        .post(app.url("/revoke"))
        .basic_auth("app", Some("bad"))
        .form(&[("token", rt)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn per_client_signing_algorithms() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    for (id, alg) in [
        ("es", latchkey::oidc::keys::Alg::ES256),
        ("ed", latchkey::oidc::keys::Alg::EdDSA),
    ] {
        let client = app.add_client_with(id, |c| c.id_token_alg = alg).await;
        let code = app.code(&client, &[], "alice").await;
        let t = app.exchange(&client, &code).await;
        let token = t["id_token"].as_str().unwrap();
        let header = josekit::jwt::decode_header(token).unwrap();
        assert_eq!(header.claim("alg").unwrap(), alg.as_str());
        let claims = app.verify_jwt(token).await;
        assert_eq!(claims["aud"], id);
        assert_eq!(
            claims["at_hash"].as_str().unwrap(),
            latchkey::oidc::claims::at_hash(t["access_token"].as_str().unwrap(), alg)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_redemptions_of_one_code_issue_once_and_revoke() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let params = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let (a, b, c, d) = tokio::join!(
        app.token(&client, &params),
        app.token(&client, &params),
        app.token(&client, &params),
        app.token(&client, &params),
    );
    let answers = [a, b, c, d];
    let mut issued = Vec::new();
    let mut refused = 0;
    for r in answers {
        if r.status() == StatusCode::OK {
            let t: serde_json::Value = r.json().await.unwrap();
            issued.push(t["access_token"].as_str().unwrap().to_string());
        } else {
            assert_eq!(
                error_of(r).await,
                (StatusCode::BAD_REQUEST, "invalid_grant".into())
            );
            refused += 1;
        }
    }
    // RFC 6749 4.1.2: one exchange wins; the others count as replays and
    // revoke what the winner got.
    assert_eq!((issued.len(), refused), (1, 3));
    let r = app
        .api
        .get(app.url("/userinfo"))
        .bearer_auth(&issued[0])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

/// Refreshes at once, as a busy client's: each token rotates once (on
/// SQLite many share one transaction), and a token sent three times at once
/// is issued once and then counts as replayed, which revokes its grant.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_refreshes_rotate_each_token_once() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let mut tokens = Vec::new();
    for _ in 0..12 {
        let code = app.code(&client, &[], "alice").await;
        let t = app.exchange(&client, &code).await;
        tokens.push(t["refresh_token"].as_str().unwrap().to_string());
    }
    let raced = tokens[0].clone();
    let mut sent = tokens.clone();
    sent.push(raced.clone());
    sent.push(raced.clone());
    let mut burst = tokio::task::JoinSet::new();
    for token in sent {
        let view = TestApp::attach(app.base.clone(), app.state.clone());
        let client = TestClient {
            id: client.id.clone(),
            secret: client.secret.clone(),
            redirect: client.redirect.clone(),
        };
        burst.spawn(async move {
            let r = view
                .token(
                    &client,
                    &[("grant_type", "refresh_token"), ("refresh_token", &token)],
                )
                .await;
            let status = r.status();
            let body: Value = r.json().await.unwrap();
            (token, status, body)
        });
    }
    let mut raced_issued = Vec::new();
    let mut raced_refused = 0;
    let mut rotated = Vec::new();
    for (token, status, body) in burst.join_all().await {
        if token == raced {
            if status == StatusCode::OK {
                raced_issued.push(body["access_token"].as_str().unwrap().to_string());
            } else {
                assert_eq!(
                    (status, body["error"].as_str()),
                    (StatusCode::BAD_REQUEST, Some("invalid_grant"))
                );
                raced_refused += 1;
            }
        } else {
            assert_eq!(status, StatusCode::OK, "{body}");
            app.verify_jwt(body["id_token"].as_str().unwrap()).await;
            rotated.push(body);
        }
    }
    assert_eq!((raced_issued.len(), raced_refused), (1, 2));
    assert_eq!(rotated.len(), 11);
    let userinfo = |token: String| {
        let request = app.api.get(app.url("/userinfo")).bearer_auth(token);
        async move { request.send().await.unwrap().status() }
    };
    // The replays revoked what the winner got.
    assert_eq!(userinfo(raced_issued[0].clone()).await, 401);
    for body in rotated {
        assert_eq!(
            userinfo(body["access_token"].as_str().unwrap().to_string()).await,
            200
        );
        let next = app
            .token(
                &client,
                &[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", body["refresh_token"].as_str().unwrap()),
                ],
            )
            .await;
        assert_eq!(next.status(), 200);
    }
    // And the first of each pair is spent: once more is a replay.
    let r = app
        .token(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &tokens[1]),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1, "invalid_grant");
}
