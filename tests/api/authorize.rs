use crate::helpers::*;
use reqwest::StatusCode;
use url::Url;

fn redirect_url(resp: &reqwest::Response) -> Url {
    Url::parse(
        &location(resp).unwrap_or_else(|| panic!("expected a redirect, got {}", resp.status())),
    )
    .unwrap()
}

#[tokio::test]
async fn unknown_client_or_unregistered_redirect_gets_a_page_not_a_redirect() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let cases: Vec<Vec<(&str, Option<&str>)>> = vec![
        vec![("client_id", Some("nope"))],
        vec![("client_id", None)],
        vec![("redirect_uri", None)],
        vec![("redirect_uri", Some("https://app.example/callback"))], // trailing slash
        vec![("redirect_uri", Some("http://app.example/callback/"))], // scheme
        vec![("redirect_uri", Some("https://app.example:444/callback/"))], // port
        vec![("redirect_uri", Some("https://evil.example/callback/"))],
        vec![("redirect_uri", Some("https://app.example/callback/?x=1"))],
    ];
    for extra in cases {
        let r = app.authorize(&client, &extra).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{extra:?}");
        assert!(location(&r).is_none());
        let body = r.text().await.unwrap();
        assert!(body.contains("This sign-in link does not work"), "{body}");
    }
}

#[tokio::test]
async fn duplicated_parameters_are_rejected() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let url = format!(
        "/authorize?client_id=app&redirect_uri={}&response_type=code&scope=openid&state=a&state=b",
        urlencode(&client.redirect)
    );
    let r = app.browser.get(app.url(&url)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn other_errors_redirect_back_with_error_state_and_iss() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let public = app
        .add_client_with("mobile", |c| {
            c.public = true;
        })
        .await;
    let (_, challenge) = pkce_pair();
    type Case<'a> = (&'a TestClient, Vec<(&'a str, Option<&'a str>)>, &'a str);
    let cases: Vec<Case> = vec![
        (
            &client,
            vec![("response_type", Some("token"))],
            "unsupported_response_type",
        ),
        (
            &client,
            vec![("response_type", Some("id_token"))],
            "unsupported_response_type",
        ),
        (&client, vec![("response_type", None)], "invalid_request"),
        (
            &client,
            vec![("scope", Some("profile email"))],
            "invalid_scope",
        ),
        (
            &client,
            vec![
                ("code_challenge", Some(&challenge)),
                ("code_challenge_method", Some("plain")),
            ],
            "invalid_request",
        ),
        (
            &client,
            vec![("code_challenge", Some(&challenge))],
            "invalid_request",
        ),
        (
            &client,
            vec![("code_challenge_method", Some("S256"))],
            "invalid_request",
        ),
        (
            &client,
            vec![
                ("code_challenge", Some("short")),
                ("code_challenge_method", Some("S256")),
            ],
            "invalid_request",
        ),
        (&public, vec![], "invalid_request"),
        (
            &client,
            vec![("prompt", Some("none login"))],
            "invalid_request",
        ),
        (&client, vec![("max_age", Some("-1"))], "invalid_request"),
        (
            &client,
            vec![("request", Some("eyJ..."))],
            "request_not_supported",
        ),
        (
            &client,
            vec![("request_uri", Some("https://x/r"))],
            "request_uri_not_supported",
        ),
        (
            &client,
            vec![("response_mode", Some("fragment"))],
            "invalid_request",
        ),
        (
            &client,
            vec![("id_token_hint", Some("garbage"))],
            "invalid_request",
        ),
        (&client, vec![("prompt", Some("none"))], "login_required"),
    ];
    for (c, extra, code) in cases {
        let r = app.authorize(c, &extra).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{extra:?}");
        let url = redirect_url(&r);
        assert!(url.as_str().starts_with(&c.redirect), "{url}");
        assert_eq!(query(&url, "error").as_deref(), Some(code), "{extra:?}");
        assert_eq!(query(&url, "state").as_deref(), Some("st-123"));
        assert_eq!(query(&url, "iss").as_deref(), Some(app.base.as_str()));
        assert!(r.headers().get("access-control-allow-origin").is_none());
    }
}

#[tokio::test]
async fn code_flow_returns_code_state_and_iss_with_303() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let r = app
        .follow(app.authorize(&client, &[("nonce", Some("n-1"))]).await)
        .await;
    assert_eq!(r.url().path(), "/login");
    assert!(r.headers().get("access-control-allow-origin").is_none());
    let r = app.submit_login("alice", PASSWORD).await;
    // RFC 9700 4.12: never 307 after a credential POST.
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app.follow(r).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let url = redirect_url(&r);
    assert!(url.as_str().starts_with(REDIRECT));
    let q = query_map(&url);
    assert_eq!(q["state"], "st-123");
    assert_eq!(q["iss"], app.base);
    assert_eq!(q["code"].len(), 43);
}

#[tokio::test]
async fn authorize_accepts_post() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let r = app
        .browser
        .post(app.url("/authorize"))
        .form(&[
            ("client_id", "app"),
            ("redirect_uri", client.redirect.as_str()),
            ("response_type", "code"),
            ("scope", "openid"),
            ("state", "s"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r).as_deref(), Some("/login"));
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    let a = app.submit_login("alice", "wrong password!").await;
    let b = app.submit_login("nobody", "wrong password!").await;
    let c = app.submit_login("alice", "").await;
    assert_eq!(a.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(b.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(c.status(), StatusCode::UNAUTHORIZED);
    let (a, b) = (a.text().await.unwrap(), b.text().await.unwrap());
    assert!(a.contains("Incorrect username or password."));
    assert!(b.contains("Incorrect username or password."));
}

#[tokio::test]
async fn disabled_user_cannot_log_in() {
    let app = TestApp::spawn().await;
    let user = app.add_user("alice", &[]).await;
    latchkey::users::set_disabled(&app.state.db, &user, true)
        .await
        .unwrap();
    let r = app.submit_login("alice", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn login_without_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    let _ = app.browser.get(app.url("/login")).send().await.unwrap();
    let r = app
        .browser
        .post(app.url("/login"))
        .form(&[
            ("username", "alice"),
            ("password", PASSWORD),
            ("csrf_token", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn session_id_changes_at_login() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let r = app.authorize(&client, &[]).await;
    let before: Vec<(String, String)> = r
        .cookies()
        .map(|c| (c.name().to_string(), c.value().to_string()))
        .collect();
    // Anonymous: the request travels in a sealed cookie, no session yet.
    assert!(
        before.iter().all(|(n, _)| n != "latchkey")
            && before.iter().any(|(n, _)| n == "latchkey_authz"),
        "{before:?}"
    );
    let before: Vec<String> = before.into_iter().map(|(_, v)| v).collect();
    app.follow(r).await;
    let r = app.submit_login("alice", PASSWORD).await;
    let after: Vec<_> = r
        .cookies()
        .map(|c| {
            (
                c.name().to_string(),
                c.value().to_string(),
                c.http_only(),
                c.same_site_lax(),
            )
        })
        .collect();
    let names: Vec<&str> = after.iter().map(|c| c.0.as_str()).collect();
    assert!(
        names.contains(&"latchkey") && names.contains(&"latchkey_login"),
        "{names:?}"
    );
    for (name, value, http_only, lax) in &after {
        assert!(*http_only && *lax, "{name}");
        assert!(!before.contains(value), "{name} is new");
    }
}

#[tokio::test]
async fn prompt_none_with_session_issues_code_and_prompt_login_asks_again() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    app.code(&client, &[], "alice").await;
    let r = app
        .follow(app.authorize(&client, &[("prompt", Some("none"))]).await)
        .await;
    assert!(query(&redirect_url(&r), "code").is_some());
    let r = app
        .follow(app.authorize(&client, &[("prompt", Some("login"))]).await)
        .await;
    assert_eq!(r.url().path(), "/login");
    let r = app
        .follow(app.authorize(&client, &[("max_age", Some("0"))]).await)
        .await;
    assert_eq!(r.url().path(), "/login");
    // After logging in again, the same request completes.
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert!(query(&redirect_url(&r), "code").is_some());
}

#[tokio::test]
async fn consent_is_asked_once_per_scope_set_and_deny_returns_access_denied() {
    let app = TestApp::spawn().await;
    let client = app
        .add_client_with("third", |c| c.first_party = false)
        .await;
    app.add_user("alice", &[]).await;
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/consent");
    let page = r.text().await.unwrap();
    assert!(page.contains("name=\"consent\" value=\"allow\""));
    let r = app
        .browser
        .post(app.url("/consent"))
        .form(&[
            ("csrf_token", csrf_from(&page).as_str()),
            ("req", input_value(&page, "req").unwrap().as_str()),
            ("consent", "deny"),
        ])
        .send()
        .await
        .unwrap();
    let url = redirect_url(&r);
    assert_eq!(query(&url, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&url, "state").as_deref(), Some("st-123"));
    // Allow once; the same scopes then go straight through, more scopes ask again.
    let r = app
        .follow(
            app.authorize(&client, &[("scope", Some("openid email"))])
                .await,
        )
        .await;
    let page = r.text().await.unwrap();
    let r = app
        .browser
        .post(app.url("/consent"))
        .form(&[
            ("csrf_token", csrf_from(&page).as_str()),
            ("req", input_value(&page, "req").unwrap().as_str()),
            ("consent", "allow"),
        ])
        .send()
        .await
        .unwrap();
    assert!(query(&redirect_url(&app.follow(r).await), "code").is_some());
    let r = app
        .follow(
            app.authorize(&client, &[("scope", Some("openid email"))])
                .await,
        )
        .await;
    assert!(query(&redirect_url(&r), "code").is_some());
    let r = app
        .follow(
            app.authorize(&client, &[("scope", Some("openid email groups"))])
                .await,
        )
        .await;
    assert_eq!(r.url().path(), "/consent");
    let r = app
        .follow(
            app.authorize(
                &client,
                &[("prompt", Some("none")), ("scope", Some("openid groups"))],
            )
            .await,
        )
        .await;
    assert_eq!(
        query(&redirect_url(&r), "error").as_deref(),
        Some("consent_required")
    );
}

#[tokio::test]
async fn public_client_loopback_redirect_may_change_port() {
    let app = TestApp::spawn().await;
    let mut public = app
        .add_client_with("desktop", |c| {
            c.public = true;
        })
        .await;
    // add_client_with registered REDIRECT; register a loopback one directly.
    let uris = vec!["http://127.0.0.1/cb".to_string()];
    latchkey::clients::add(
        &app.state.db,
        &latchkey::clients::AddClient {
            client_id: "desktop2",
            name: None,
            redirect_uris: &uris,
            post_logout_redirect_uris: &[],
            public: true,
            first_party: true,
            require_pkce: true,
            allow_insecure_http: false,
            id_token_alg: latchkey::oidc::keys::Alg::RS256,
            require_mfa: None,
        },
    )
    .await
    .unwrap();
    public.id = "desktop2".into();
    public.redirect = "http://127.0.0.1:51234/cb".into();
    let (_, challenge) = pkce_pair();
    let r = app
        .authorize(
            &public,
            &[
                ("code_challenge", Some(&challenge)),
                ("code_challenge_method", Some("S256")),
            ],
        )
        .await;
    assert_eq!(location(&r).as_deref(), Some("/login"));
    public.redirect = "http://127.0.0.1:51234/other".into();
    let r = app
        .authorize(
            &public,
            &[
                ("code_challenge", Some(&challenge)),
                ("code_challenge_method", Some("S256")),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}
