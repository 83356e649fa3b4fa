//! Second factors through the real pages: forced enrollment, TOTP (skew,
//! replay, attempt limits), recovery codes, and the MFA policy.

use latchkey::config::MfaPolicy;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

async fn required() -> TestApp {
    TestApp::spawn_with(|c| c.mfa = MfaPolicy::Required).await
}

/// Logs in with the password and lands on the given page.
async fn password_step(app: &TestApp, client: &TestClient) -> url::Url {
    let r = app.follow(app.authorize(client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    r.url().clone()
}

async fn id_token_claims(
    app: &TestApp,
    client: &TestClient,
    resp: reqwest::Response,
) -> serde_json::Map<String, serde_json::Value> {
    let url =
        url::Url::parse(&location(&resp).unwrap_or_else(|| panic!("no redirect: {}", resp.url())))
            .unwrap();
    let code = query(&url, "code").unwrap_or_else(|| panic!("no code in {url}"));
    let t = app.exchange(client, &code).await;
    app.verify_jwt(t["id_token"].as_str().unwrap()).await
}

#[tokio::test]
async fn forced_enrollment_then_totp_login_with_skew_and_replay_refused() {
    let app = required().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &["staff"]).await;
    assert_eq!(password_step(&app, &client).await.path(), "/enroll");
    // No way around enrollment: resuming the authorization goes back to it.
    let (url, _) = app.page("/authorize/resume").await;
    assert_eq!(url.path(), "/enroll");
    let enrolled = app.enroll_totp().await;
    let r = app.continue_after_codes().await;
    let claims = id_token_claims(&app, &client, r).await;
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp", "mfa"]));
    assert_eq!(claims["acr"], "mfa");

    // A new browser: password, then a code from the next step (skew +1).
    let app2 = app.with_new_browser();
    assert_eq!(password_step(&app2, &client).await.path(), "/login/mfa");
    let code = totp_code(&enrolled.secret, now() + 30);
    let r = app2.submit_mfa("code", &code).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let claims = id_token_claims(&app2, &client, app2.follow(r).await).await;
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp", "mfa"]));

    // The same code again, in yet another login: a replay, refused.
    let app3 = app2.with_new_browser();
    password_step(&app3, &client).await;
    let r = app3.submit_mfa("code", &code).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("That code is not valid"));
}

#[tokio::test]
async fn totp_verification_with_a_fixed_clock() {
    let app = required().await;
    let user = app.add_user("alice", &[]).await;
    let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    let t0: u64 = 1_800_000_000;
    let sealed = app.state.secrets.seal(secret).unwrap();
    latchkey::db::factors::set_totp(&app.state.db, user.id, &sealed, 0)
        .await
        .unwrap();
    let verify = |code: String, t: u64| {
        let state = app.state.clone();
        async move { latchkey::auth::totp::verify(&state, user.id, &code, t).await }
    };
    // Wrong code, then a valid one; the step one behind is still in the window.
    assert!(!verify("000000".into(), t0).await.unwrap());
    assert!(verify(totp_code(secret, t0 - 30), t0).await.unwrap());
    // Replaying the used step or an older one is refused.
    assert!(!verify(totp_code(secret, t0 - 30), t0).await.unwrap());
    assert!(!verify(totp_code(secret, t0 - 60), t0).await.unwrap());
    assert!(verify(totp_code(secret, t0), t0).await.unwrap());
    assert!(verify(totp_code(secret, t0 + 30), t0).await.unwrap());
    // Two steps ahead is outside the window.
    assert!(!verify(totp_code(secret, t0 + 90), t0).await.unwrap());
}

#[tokio::test]
async fn wrong_codes_are_limited_per_login_and_per_account() {
    let app = required().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    password_step(&app, &client).await;
    let enrolled = app.enroll_totp().await;
    app.continue_after_codes().await;

    let app = app.with_new_browser();
    password_step(&app, &client).await;
    for _ in 0..4 {
        let r = app.submit_mfa("code", "000000").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // The fifth failure makes this login wait, on the code step.
    let r = app.submit_mfa("recovery_code", "wrong-wrong").await;
    assert_eq!(location(&r), None);
    assert!(r.text().await.unwrap().contains("Too many attempts"));
    // One more failure in a new login locks the account for a while; then
    // even the right code is refused, with the same message for any factor.
    let app = app.with_new_browser();
    password_step(&app, &client).await;
    let r = app.submit_mfa("code", "000000").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .submit_mfa("code", &totp_code(&enrolled.secret, now() + 30))
        .await;
    assert!(r.text().await.unwrap().contains("Too many attempts"));
    let r = app
        .submit_mfa("recovery_code", &enrolled.recovery_codes[0])
        .await;
    assert!(r.text().await.unwrap().contains("Too many attempts"));
}

#[tokio::test]
async fn recovery_codes_work_once_and_count_down() {
    let app = required().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    password_step(&app, &client).await;
    let enrolled = app.enroll_totp().await;
    app.continue_after_codes().await;
    let code = enrolled.recovery_codes[3].to_uppercase();

    let app = app.with_new_browser();
    password_step(&app, &client).await;
    let r = app.submit_mfa("recovery_code", &code).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("You have 9 recovery codes left"), "{html}");
    let r = app
        .browser
        .get(app.url("/authorize/resume"))
        .send()
        .await
        .unwrap();
    assert!(
        location(&r).unwrap().starts_with(REDIRECT),
        "the login completed"
    );

    let app = app.with_new_browser();
    password_step(&app, &client).await;
    let r = app.submit_mfa("recovery_code", &code).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Codes are stored as digests only.
    let stored: Vec<String> = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT code_hash FROM recovery_codes"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(stored.iter().all(|h| !enrolled.recovery_codes.contains(h)));
}

#[tokio::test]
async fn mfa_policy_global_per_client_and_amr() {
    // Optional: a user without a factor logs in with the password alone.
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let strict = app
        .add_client_with("strict", |c| c.require_mfa = Some(true))
        .await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let claims = app
        .verify_jwt(
            app.exchange(&client, &code).await["id_token"]
                .as_str()
                .unwrap(),
        )
        .await;
    assert_eq!(claims["amr"], serde_json::json!(["pwd"]));
    assert_eq!(claims["acr"], "pwd");
    // A client that requires MFA steps the same session up to enrollment.
    let r = app.follow(app.authorize(&strict, &[]).await).await;
    assert_eq!(r.url().path(), "/enroll");

    // Required globally, but a client may relax it.
    let app = required().await;
    let relaxed = app
        .add_client_with("relaxed", |c| c.require_mfa = Some(false))
        .await;
    app.add_user("alice", &[]).await;
    let code = app.code(&relaxed, &[], "alice").await;
    let claims = app
        .verify_jwt(
            app.exchange(&relaxed, &code).await["id_token"]
                .as_str()
                .unwrap(),
        )
        .await;
    assert_eq!(claims["amr"], serde_json::json!(["pwd"]));
}

#[tokio::test]
async fn account_page_needs_the_second_factor_and_manages_factors() {
    let app = required().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    password_step(&app, &client).await;
    let enrolled = app.enroll_totp().await;
    app.continue_after_codes().await;
    let (url, html) = app.page("/account").await;
    assert_eq!(url.path(), "/account");
    assert!(html.contains("this device"));
    // The last factor cannot be removed while MFA is required.
    let r = app
        .browser
        .post(app.url("/account/totp/remove"))
        .form(&[("csrf_token", csrf_from(&html)), ("confirm", "yes".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        latchkey::db::factors::totp(&app.state.db, 1)
            .await
            .unwrap()
            .is_some()
    );
    // Password change needs the current password.
    let (_, html) = app.page("/account").await;
    let change = |current: &str| {
        app.browser.post(app.url("/account/password")).form(&[
            ("csrf_token", csrf_from(&html)),
            ("current_password", current.to_string()),
            ("new_password", "a brand new passphrase".to_string()),
            ("confirm_password", "a brand new passphrase".to_string()),
        ])
    };
    let r = change("wrong").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = change(PASSWORD).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Your password was changed")
    );

    // A second browser with only the password sees the account page as the MFA step.
    let other = app.with_new_browser();
    let r = other.submit_login("alice", "a brand new passphrase").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (url, _) = other.page("/account").await;
    assert_eq!(url.path(), "/login/mfa");
    let r = other
        .submit_mfa("code", &totp_code(&enrolled.secret, now() + 30))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = other.page("/account").await;
    assert_eq!(
        texts(&html, "#sessions tbody tr").len(),
        2,
        "both sessions are listed"
    );
    // Sign out the first browser from here.
    let handle = {
        let doc = scraper::Html::parse_document(&html);
        let rows = scraper::Selector::parse("#sessions tbody tr").unwrap();
        let input = scraper::Selector::parse("input[name=session]").unwrap();
        let row = doc
            .select(&rows)
            .find(|r| !r.text().collect::<String>().contains("this device"))
            .unwrap();
        row.select(&input)
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_string()
    };
    let r = other
        .browser
        .post(other.url("/account/sessions/revoke"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("session", handle),
            ("confirm", "yes".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, html) = other.page("/account").await;
    let rows = texts(&html, "#sessions tbody tr");
    assert_eq!(rows.len(), 1, "one session left");
    assert!(rows[0].contains("this device"));
    // Revoking the current session signs this browser out.
    let handle = attr(&html, "#sessions input[name=session]", "value").unwrap();
    let r = other
        .browser
        .post(other.url("/account/sessions/revoke"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("session", handle),
            ("confirm", "yes".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r).as_deref(), Some("/login"));
    let (url, _) = other.page("/account").await;
    assert_eq!(url.path(), "/login");
}

#[tokio::test]
async fn account_forms_need_csrf() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;
    for path in [
        "/account/password",
        "/account/totp/remove",
        "/account/recovery",
        "/account/sessions/revoke",
        "/account/apps/revoke",
        "/enroll/totp",
        "/login/mfa",
        "/consent",
    ] {
        let r = app
            .browser
            .post(app.url(path))
            .form(&[("csrf_token", "forged")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = app
        .json("/webauthn/register/start", "forged", &serde_json::json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn revoking_an_app_revokes_its_tokens_and_consent() {
    let app = TestApp::spawn().await;
    let client = app
        .add_client_with("third", |c| c.first_party = false)
        .await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let t = app.exchange(&client, &code).await;
    let (_, html) = app.page("/account").await;
    assert!(html.contains("Test App"));
    let r = app
        .browser
        .post(app.url("/account/apps/revoke"))
        .form(&[
            ("csrf_token", csrf_from(&html).as_str()),
            ("client_id", "third"),
            ("confirm", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = app.userinfo(t["access_token"].as_str().unwrap()).await;
    assert_eq!(r.status(), 401);
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/consent", "consent is asked again");
}

#[tokio::test]
async fn enrollment_link_sets_password_and_replaces_factors_once() {
    let app = required().await;
    let client = app.add_client("app").await;
    let user = app.add_user("alice", &[]).await;
    password_step(&app, &client).await;
    app.enroll_totp().await;
    app.continue_after_codes().await;
    latchkey::users::reset_mfa(&app.state.db, &user)
        .await
        .unwrap();
    assert!(
        !latchkey::auth::has_factor(&app.state.db, user.id)
            .await
            .unwrap()
    );
    let link = latchkey::web::enroll_link::create(&app.state, &user, 10)
        .await
        .unwrap();
    let path = link.strip_prefix(&app.base).unwrap().to_string();

    let app = app.with_new_browser();
    let (_, html) = app.page(&path).await;
    let token = input_value(&html, "token").unwrap();
    let post = |pw: &'static str| {
        app.browser.post(app.url("/enroll/link")).form(&[
            ("csrf_token", csrf_from(&html)),
            ("token", token.clone()),
            ("new_password", pw.to_string()),
            ("confirm_password", pw.to_string()),
        ])
    };
    let r = post("short").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = post("a fresh long password").send().await.unwrap();
    assert_eq!(location(&r).as_deref(), Some("/enroll"));
    app.enroll_totp().await;
    // The link is used up.
    let r = app.browser.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = app.submit_login("alice", "a fresh long password").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}
