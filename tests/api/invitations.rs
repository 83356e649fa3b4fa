//! Invitations (issue 15): `latchkey invite create` makes a single-use
//! link; the invitee chooses a username (unless preset) and a password and
//! goes on to enroll a second factor; the invited address is verified.

use serde_json::Value;

use crate::email_address::link_in;
use crate::helpers::*;
use crate::smtp::SmtpServer;

fn invite(app: &TestApp, args: &[&str], smtp: Option<&SmtpServer>) -> std::process::Output {
    let mut c = app.cli();
    c.arg("invite").args(args).env("LATCHKEY_ISSUER", &app.base);
    if let Some(s) = smtp {
        c.env("LATCHKEY_EMAIL__HOST", "localhost")
            .env("LATCHKEY_EMAIL__PORT", s.port.to_string())
            .env("LATCHKEY_EMAIL__TLS", "none")
            .env("LATCHKEY_EMAIL__FROM", "id@example.com");
    }
    c.output().unwrap()
}

fn invite_json(app: &TestApp, args: &[&str], smtp: Option<&SmtpServer>) -> Value {
    let out = invite(app, args, smtp);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Fills in the invitation form in `browser`.
async fn accept(
    app: &TestApp,
    browser: &reqwest::Client,
    link: &str,
    username: &str,
) -> reqwest::Response {
    let page = browser.get(link).send().await.unwrap();
    assert_eq!(page.status(), 200, "{link}");
    let html = page.text().await.unwrap();
    browser
        .post(app.url("/invite"))
        .form(&[
            ("csrf_token", csrf_from(&html).as_str()),
            ("token", input_value(&html, "token").unwrap().as_str()),
            ("username", username),
            ("new_password", "a brand new password"),
            ("confirm_password", "a brand new password"),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invitation_makes_one_verified_account_and_then_enrollment() {
    let app = TestApp::spawn().await;
    let created = invite_json(
        &app,
        &[
            "create",
            "--email",
            "carol@example.org",
            "--groups",
            "staff,docs",
            "--json",
        ],
        None,
    );
    assert_eq!(created["emailed"], false);
    assert_eq!(created["invitation"]["status"], "open");
    let link = created["url"].as_str().unwrap().to_string();
    assert!(
        link.starts_with(&format!("{}/invite?token=", app.base)),
        "{link}"
    );

    let r = accept(&app, &app.browser, &link, "carol").await;
    assert_eq!(location(&r).as_deref(), Some("/enroll"));
    let carol = latchkey::db::users::by_username(&app.state.db, "carol")
        .await
        .unwrap()
        .expect("the account exists");
    assert_eq!(carol.email, "carol@example.org");
    assert!(carol.email_verified, "using the link proved the address");
    assert_eq!(
        latchkey::db::users::groups(&app.state.db, carol.id)
            .await
            .unwrap(),
        ["docs", "staff"]
    );
    // Signed in with the new password, on the way to a second factor.
    let enroll = app.browser.get(app.url("/enroll")).send().await.unwrap();
    assert_eq!(enroll.status(), 200);

    // Once only, one page for every dead link.
    let again = browser().get(&link).send().await.unwrap();
    assert_eq!(again.status(), 400);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("invalid, expired, revoked or already used")
    );
    let bogus = browser()
        .get(app.url("/invite?token=nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(bogus.status(), 400);
    let list = invite_json(&app, &["list", "--json"], None);
    assert_eq!(list[0]["status"], "used");

    let audit: Vec<String> = latchkey::db::audit::list(&app.state.db, None, 0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.event, e.detail))
        .collect();
    assert!(
        audit.iter().any(|e| e.starts_with(
            "admin_invite invited carol@example.org (username: their choice, groups: staff,docs)"
        )) && audit
            .iter()
            .any(|e| e.starts_with("invitation_used invitation ")),
        "{audit:?}"
    );
}

#[tokio::test]
async fn a_preset_username_wins_and_bad_input_keeps_the_link_alive() {
    let app = TestApp::spawn().await;
    app.add_user("taken", &[]).await;
    let created = invite_json(
        &app,
        &[
            "create",
            "--email",
            "dave@example.org",
            "--username",
            "dave",
            "--json",
        ],
        None,
    );
    let link = created["url"].as_str().unwrap().to_string();
    let b = browser();
    let html = b.get(&link).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains("Your username is <strong>dave</strong>"),
        "{html}"
    );
    // Passwords that differ: the form again, the link still good.
    let r = b
        .post(app.url("/invite"))
        .form(&[
            ("csrf_token", csrf_from(&html).as_str()),
            ("token", input_value(&html, "token").unwrap().as_str()),
            ("new_password", "a brand new password"),
            ("confirm_password", "another password!"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // The form's username is ignored when the administrator set one.
    let r = accept(&app, &b, &link, "mallory").await;
    assert_eq!(location(&r).as_deref(), Some("/enroll"));
    assert!(
        latchkey::db::users::by_username(&app.state.db, "dave")
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        latchkey::db::users::by_username(&app.state.db, "mallory")
            .await
            .unwrap()
            .is_none()
    );

    // A chosen name that exists: the form again.
    let created = invite_json(
        &app,
        &["create", "--email", "e@example.org", "--json"],
        None,
    );
    let link = created["url"].as_str().unwrap().to_string();
    let r = accept(&app, &browser(), &link, "TAKEN").await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("That username is taken"));
    let r = accept(&app, &browser(), &link, "bad name!").await;
    assert_eq!(r.status(), 400);
    // Still open: the failed attempts used nothing up.
    let r = accept(&app, &browser(), &link, "erin").await;
    assert_eq!(location(&r).as_deref(), Some("/enroll"));

    // CLI typos: clear errors, nothing made.
    for args in [
        &["create", "--email", "not-an-address"][..],
        &["create", "--email", "f@example.org", "--expires", "31d"],
        &["create", "--email", "f@example.org", "--expires", "soon"],
        &["create", "--email", "f@example.org", "--username", "taken"],
        &["create", "--email", "f@example.org", "--groups", "a b"],
        // taken@example.com is the address of the user "taken".
        &["create", "--email", "Taken@example.com"],
    ] {
        let out = invite(&app, args, None);
        assert!(!out.status.success(), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).trim().is_empty());
    }
    assert_eq!(
        invite_json(&app, &["list", "--json"], None)
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_revoked_invitation_is_dead_and_one_link_makes_one_account() {
    let app = TestApp::spawn().await;
    let created = invite_json(
        &app,
        &["create", "--email", "g@example.org", "--json"],
        None,
    );
    let id = created["invitation"]["id"].as_i64().unwrap().to_string();
    let link = created["url"].as_str().unwrap().to_string();
    let b = browser();
    let html = b.get(&link).send().await.unwrap().text().await.unwrap();
    let revoked = invite_json(&app, &["revoke", &id, "--json"], None);
    assert_eq!(revoked["invitation"]["status"], "revoked");
    let r = b
        .post(app.url("/invite"))
        .form(&[
            ("csrf_token", csrf_from(&html).as_str()),
            ("token", input_value(&html, "token").unwrap().as_str()),
            ("username", "gina"),
            ("new_password", "a brand new password"),
            ("confirm_password", "a brand new password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "an open form does not outlive revocation");
    assert!(
        latchkey::db::users::by_username(&app.state.db, "gina")
            .await
            .unwrap()
            .is_none()
    );
    let out = invite(&app, &["revoke", &id], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no open invitation"));

    // Two submissions of one link at once: exactly one account.
    let created = invite_json(
        &app,
        &["create", "--email", "h@example.org", "--json"],
        None,
    );
    let link = created["url"].as_str().unwrap().to_string();
    let (b1, b2) = (browser(), browser());
    let (r1, r2) = tokio::join!(
        accept(&app, &b1, &link, "hana"),
        accept(&app, &b2, &link, "hans")
    );
    let made = [&r1, &r2]
        .iter()
        .filter(|r| location(r).as_deref() == Some("/enroll"))
        .count();
    assert_eq!(made, 1, "{} {}", r1.status(), r2.status());
    let hana = latchkey::db::users::by_username(&app.state.db, "hana")
        .await
        .unwrap();
    let hans = latchkey::db::users::by_username(&app.state.db, "hans")
        .await
        .unwrap();
    assert_eq!(usize::from(hana.is_some()) + usize::from(hans.is_some()), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_email_the_invitation_is_mailed_not_printed() {
    let server = SmtpServer::start("plain", None);
    let app = TestApp::spawn().await;
    let created = invite_json(
        &app,
        &[
            "create",
            "--email",
            "ines@example.org",
            "--expires",
            "3d",
            "--json",
        ],
        Some(&server),
    );
    assert_eq!(created["emailed"], true);
    assert!(created.get("url").is_none(), "{created}");
    let mail = server.next("message", 30);
    assert_eq!(mail["to"], serde_json::json!(["ines@example.org"]));
    assert_eq!(mail["subject"], "You are invited to Latchkey");
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains("for 3 days"), "{text}");
    let link = link_in(text, "/invite?token=");
    let r = accept(&app, &browser(), &link, "ines").await;
    assert_eq!(location(&r).as_deref(), Some("/enroll"));
    // Human output says where it went and not the link.
    let out = invite(
        &app,
        &["create", "--email", "jo@example.org"],
        Some(&server),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("emailed to jo@example.org"), "{stdout}");
    assert!(!stdout.contains("/invite?token="), "{stdout}");
}
