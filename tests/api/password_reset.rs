//! Self-service password reset and security notices (issue 15), with a
//! real SMTP server: the emailed link alone resets nothing, the answer
//! never says whether an account exists, and account changes are mailed.

use latchkey::config::EmailTls;
use reqwest::StatusCode;

use crate::email_address::link_in;
use crate::helpers::*;
use crate::mfa_helpers::*;
use crate::smtp::SmtpServer;

async fn app_with_mail(server: &SmtpServer) -> TestApp {
    let config = server.config(EmailTls::None);
    TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.email = Some(config);
    })
    .await
}

/// Asks for a reset in a fresh browser; returns it with the answer page.
async fn ask_reset(app: &TestApp, who: &str) -> (reqwest::Client, StatusCode, String) {
    ask_reset_in(app, browser(), who).await
}

async fn ask_reset_in(
    app: &TestApp,
    b: reqwest::Client,
    who: &str,
) -> (reqwest::Client, StatusCode, String) {
    let html = b
        .get(app.url("/reset"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = b
        .post(app.url("/reset"))
        .form(&[("csrf_token", csrf_from(&html).as_str()), ("who", who)])
        .send()
        .await
        .unwrap();
    let status = r.status();
    (b, status, r.text().await.unwrap())
}

/// The answer page without its per-browser CSRF token.
fn without_csrf(html: &str) -> String {
    let token = csrf_from(html);
    html.replace(&token, "")
}

async fn post_form(b: &reqwest::Client, url: String, form: &[(&str, &str)]) -> reqwest::Response {
    b.post(url).form(form).send().await.unwrap()
}

/// Waits until `n` reset requests were handled (they run after the
/// answer, in the background).
async fn handled(app: &TestApp, n: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let rows = latchkey::db::audit::list(&app.state.db, None, 0, 1000)
            .await
            .unwrap();
        let done = rows
            .iter()
            .filter(|r| r.event == "password_reset_requested")
            .count();
        if done >= n {
            assert_eq!(done, n);
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{done} of {n} reset requests handled"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// A sentinel message, once everything queued before was delivered (the
/// outbox sends several at once, in any order): the messages before it
/// in the server's output are all there were.
async fn sentinel(app: &TestApp, server: &SmtpServer) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while app.state.outbox.pending() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the outbox never emptied"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let rendered =
        latchkey::email::letter::write(&app.state, latchkey::i18n::Lang::ENGLISH, || {
            latchkey::email::Letter {
                subject: "sentinel".into(),
                ..Default::default()
            }
        })
        .await;
    assert!(
        app.state
            .send_mail("sentinel@example.org", "test", None, &rendered)
    );
    let _ = server;
}

/// Subjects of the messages up to the sentinel.
fn subjects_until_sentinel(server: &SmtpServer) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        let m = server.next("message", 30);
        let subject = m["subject"].as_str().unwrap().to_string();
        if subject == "sentinel" {
            return out;
        }
        out.push(format!("{} {}", m["to"][0].as_str().unwrap(), subject));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_needs_the_link_and_a_second_factor_and_ends_every_session() {
    let server = SmtpServer::start("plain", None);
    let app = app_with_mail(&server).await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app
        .code(
            &client,
            &[("scope", Some("openid offline_access"))],
            "alice",
        )
        .await;
    let tokens = app.exchange(&client, &code).await;
    let refresh = tokens["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_string();
    let enrolled = app.enroll_totp().await;
    app.continue_after_codes().await;
    sentinel(&app, &server).await;
    let before = subjects_until_sentinel(&server);
    assert!(
        before.contains(&"alice@example.com New sign-in to Latchkey".to_string())
            && before.contains(
                &"alice@example.com A second factor was added to your Latchkey account".to_string()
            ),
        "{before:?}"
    );

    let (b, status, html) = ask_reset(&app, "alice").await;
    assert_eq!(status, 200);
    assert!(html.contains("Check your email."), "{html}");
    handled(&app, 1).await;
    let mail = server.next("message", 30);
    assert_eq!(mail["subject"], "Reset your Latchkey password");
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains("for 15 minutes"), "{text}");
    let link = link_in(text, "/reset/link?token=");

    // The link leads to the second factor, not to a password form.
    let r = b.get(&link).send().await.unwrap();
    assert_eq!(location(&r).as_deref(), Some("/reset/verify"));
    let html = b
        .get(app.url("/reset/verify"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Prove it is you"), "{html}");
    let csrf = csrf_from(&html);
    let r = b.get(app.url("/reset/password")).send().await.unwrap();
    assert_eq!(r.status(), 400, "no password form before the factor");
    let r = post_form(
        &b,
        app.url("/reset/password"),
        &[
            ("csrf_token", &csrf),
            ("new_password", "mailbox reader pw"),
            ("confirm_password", "mailbox reader pw"),
        ],
    )
    .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("second factor first"));
    let r = post_form(
        &b,
        app.url("/reset/verify"),
        &[("csrf_token", &csrf), ("code", "000000")],
    )
    .await;
    assert_eq!(r.status(), 401);

    let code = totp_code(&enrolled.secret, now() + 30);
    let r = post_form(
        &b,
        app.url("/reset/verify"),
        &[("csrf_token", &csrf), ("code", &code)],
    )
    .await;
    assert_eq!(location(&r).as_deref(), Some("/reset/password"));
    let html = b
        .get(app.url("/reset/password"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf2 = csrf_from(&html);
    assert_ne!(csrf, csrf2, "a privilege change: a new CSRF token");
    let r = post_form(
        &b,
        app.url("/reset/password"),
        &[
            ("csrf_token", &csrf2),
            ("new_password", "the new password 1"),
            ("confirm_password", "the new password 1"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Password changed"));

    // Every session and refresh token ended; the old password is gone.
    let r = app.browser.get(app.url("/account")).send().await.unwrap();
    assert!(r.status().is_redirection(), "the old session ended");
    let r = app
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
        )
        .await;
    assert_eq!(r.status(), 400);
    let fresh = TestApp::attach(app.base.clone(), app.state.clone());
    let r = fresh.submit_login("alice", PASSWORD).await;
    assert_eq!(r.status(), 401);
    let r = fresh.submit_login("alice", "the new password 1").await;
    assert_eq!(location(&r).as_deref(), Some("/authorize/resume"));
    // The link worked once.
    let r = browser().get(&link).send().await.unwrap();
    assert_eq!(r.status(), 400);
    sentinel(&app, &server).await;
    let after = subjects_until_sentinel(&server);
    assert!(
        after.contains(&"alice@example.com Your Latchkey password was changed".to_string()),
        "{after:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answer_is_the_same_for_accounts_that_do_not_exist() {
    let server = SmtpServer::start("plain", None);
    let app = app_with_mail(&server).await;
    app.add_user("alice", &[]).await;
    let bob = app.add_user("bob", &[]).await;
    latchkey::db::users::set_email_verified(&app.state.db, bob.id, false)
        .await
        .unwrap();
    let (_, s1, known) = ask_reset(&app, "alice").await;
    let (_, s2, unknown) = ask_reset(&app, "ghost").await;
    let (_, s3, unverified) = ask_reset(&app, "bob").await;
    let (_, s4, by_address) = ask_reset(&app, "ALICE@example.com").await;
    assert_eq!(
        (s1, s2, s3, s4),
        (
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::OK
        )
    );
    assert_eq!(without_csrf(&known), without_csrf(&unknown));
    assert_eq!(without_csrf(&known), without_csrf(&unverified));
    assert_eq!(without_csrf(&known), without_csrf(&by_address));
    handled(&app, 4).await;
    sentinel(&app, &server).await;
    let mails = subjects_until_sentinel(&server);
    assert_eq!(
        mails,
        [
            "alice@example.com Reset your Latchkey password",
            "alice@example.com Reset your Latchkey password"
        ],
        "only the verified address of a real account gets mail"
    );
    // The third request for one account in a row still answers the same,
    // and its mail is held back (per-account throttle).
    ask_reset(&app, "alice").await;
    let (_, status, again) = ask_reset(&app, "alice").await;
    assert_eq!(status, 200);
    assert_eq!(without_csrf(&again), without_csrf(&known));
    handled(&app, 6).await;
    sentinel(&app, &server).await;
    assert_eq!(
        subjects_until_sentinel(&server).len(),
        1,
        "3 mails per account, then a wait"
    );
    // One address asking too often waits, whoever it asks about.
    let mut last = StatusCode::OK;
    for _ in 0..3 {
        last = ask_reset(&app, "ghost").await.1;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_without_a_factor_is_told_to_ask_the_administrator() {
    let server = SmtpServer::start("plain", None);
    let app = app_with_mail(&server).await;
    app.add_user("carol", &[]).await;
    let (_, status, _) = ask_reset(&app, "carol").await;
    assert_eq!(status, 200);
    let mail = server.next("message", 30);
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains("no second factor"), "{text}");
    assert!(
        !text.contains("/reset/link"),
        "no link without a factor: {text}"
    );
    // The link page itself also refuses a forged or stale token.
    let r = browser()
        .get(app.url("/reset/link?token=forged"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_device_mail_can_be_turned_off_and_only_new_devices_get_it() {
    let server = SmtpServer::start("plain", None);
    let app = app_with_mail(&server).await;
    app.add_user("dan", &[]).await;
    app.submit_login("dan", PASSWORD).await;
    app.logout().await;
    // The same browser again: not new.
    app.submit_login("dan", PASSWORD).await;
    sentinel(&app, &server).await;
    assert_eq!(
        subjects_until_sentinel(&server),
        ["dan@example.com New sign-in to Latchkey"]
    );
    let (_, html) = app.page("/account").await;
    assert_eq!(attr(&html, "#new_device", "checked").as_deref(), Some(""));
    let r = app
        .browser
        .post(app.url("/account/notifications"))
        .form(&[("csrf_token", csrf_from(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(attr(&r.text().await.unwrap(), "#new_device", "checked").is_none());
    let other = TestApp::attach(app.base.clone(), app.state.clone());
    other.submit_login("dan", PASSWORD).await;
    sentinel(&app, &server).await;
    assert!(subjects_until_sentinel(&server).is_empty(), "turned off");
}

#[tokio::test]
async fn without_email_there_is_no_reset_page() {
    let app = TestApp::spawn().await;
    let r = browser().get(app.url("/reset")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let html = browser()
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(attr(&html, "#forgot-password", "href").is_none());
    assert!(html.contains("Ask your administrator"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passkey_proves_a_reset_and_a_wrong_one_does_not() {
    use webauthn_authenticator_rs::WebauthnAuthenticator;
    let server = SmtpServer::start("plain", None);
    let config = server.config(EmailTls::None);
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Required;
        c.email = Some(config);
    })
    .await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    app.follow(app.authorize(&client, &[]).await).await;
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/enroll");
    let mut authn = authenticator();
    app.register_passkey(&mut authn, "Laptop").await;
    app.continue_after_codes().await;

    // Another browser, which only has the mailbox and the passkey.
    let other = TestApp::attach(app.base.clone(), app.state.clone());
    ask_reset_in(&other, other.browser.clone(), "alice").await;
    handled(&app, 1).await;
    let mail = loop {
        let m = server.next("message", 30);
        if m["subject"] == "Reset your Latchkey password" {
            break m;
        }
    };
    let link = link_in(mail["text"].as_str().unwrap(), "/reset/link?token=");
    let r = other.browser.get(&link).send().await.unwrap();
    assert_eq!(location(&r).as_deref(), Some("/reset/verify"));

    // A passkey of someone else is refused, and sets no password.
    let mut stranger = authenticator();
    let (csrf, options) = other.passkey_options("/reset/verify", "reset").await;
    let forged = stranger.do_authentication(other.origin(), options);
    if let Ok(credential) = forged {
        let r = other.finish_passkey(&csrf, &credential).await;
        assert!(r.status().is_client_error(), "{}", r.status());
    }
    let r = other
        .browser
        .get(other.url("/reset/password"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    let (csrf, options) = other.passkey_options("/reset/verify", "reset").await;
    let credential = authn.do_authentication(other.origin(), options).unwrap();
    let r = other.finish_passkey(&csrf, &credential).await;
    assert_eq!(redirect_of(r).await, "/reset/password");
    let html = other
        .browser
        .get(other.url("/reset/password"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = post_form(
        &other.browser,
        other.url("/reset/password"),
        &[
            ("csrf_token", &csrf_from(&html)),
            ("new_password", "passkey-proved password"),
            ("confirm_password", "passkey-proved password"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let fresh = TestApp::attach(app.base.clone(), app.state.clone());
    let r = fresh.submit_login("alice", "passkey-proved password").await;
    assert_eq!(location(&r).as_deref(), Some("/authorize/resume"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_requests_is_counted_before_it_is_let_through() {
    let server = SmtpServer::start("plain", None);
    let app = app_with_mail(&server).await;
    app.add_user("erin", &[]).await;
    let mut burst = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let view = TestApp::attach(app.base.clone(), app.state.clone());
        burst.spawn(async move { ask_reset(&view, "erin").await.1 });
    }
    let statuses = burst.join_all().await;
    let passed = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (passed, refused),
        (6, 4),
        "six requests per address, however many at once"
    );
    handled(&app, 6).await;
    sentinel(&app, &server).await;
    assert_eq!(
        subjects_until_sentinel(&server).len(),
        3,
        "three mails per account, however many requests at once"
    );
    // `user unlock` lifts the account's mail limit.
    let erin = latchkey::db::users::by_username(&app.state.db, "erin")
        .await
        .unwrap()
        .unwrap();
    let lifted = latchkey::users::unlock(&app.state.db, &erin).await.unwrap();
    assert!(
        lifted
            .iter()
            .any(|l| l.to_string().contains("password-reset mails")),
        "{lifted:?}"
    );
}
