//! Email delivery against a real SMTP server (aiosmtpd): plain, STARTTLS
//! and implicit TLS with a throw-away CA, authentication, and servers that
//! refuse, reject or hang.

use std::process::{Command, Output};

use latchkey::config::EmailTls;
use serde_json::Value;

use crate::helpers::*;
use crate::smtp::SmtpServer;

/// `latchkey email test` against `server`, with the `[email]` section in
/// environment variables (the password from a file, as in production).
fn email_test(server: &SmtpServer, tls: &str, auth: Option<(&str, &str)>, ca: bool) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_latchkey"));
    c.args(["email", "test", "bob@example.com"])
        .env_remove("LATCHKEY_CONFIG")
        .env("LATCHKEY_DATABASE", dir.path().join("db.sqlite"))
        .env("LATCHKEY_ISSUER", "https://id.example.com")
        .env("LATCHKEY_LOG", "warn")
        .env("LATCHKEY_EMAIL__HOST", "localhost")
        .env("LATCHKEY_EMAIL__PORT", server.port.to_string())
        .env("LATCHKEY_EMAIL__TLS", tls)
        .env("LATCHKEY_EMAIL__FROM", "Example ID <id@example.com>")
        .env("LATCHKEY_EMAIL__TIMEOUT_SECONDS", "5");
    if let (true, Some(ca)) = (ca, &server.ca) {
        c.env("LATCHKEY_EMAIL__CA_CERTIFICATES", ca);
    }
    if let Some((user, password)) = auth {
        let file = dir.path().join("smtp-password");
        std::fs::write(&file, format!("{password}\n")).unwrap();
        c.env("LATCHKEY_EMAIL__USERNAME", user)
            .env("LATCHKEY_EMAIL__PASSWORD_FILE", &file);
    }
    c.output().unwrap()
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn check_test_message(m: &Value) {
    assert_eq!(m["to"], serde_json::json!(["bob@example.com"]));
    assert_eq!(m["from"], "id@example.com");
    assert_eq!(m["subject"], "Latchkey: test message");
    assert_eq!(m["headers"]["Auto-Submitted"], "auto-generated");
    assert_eq!(
        m["parts"],
        serde_json::json!(["multipart/alternative", "text/plain", "text/html"]),
        "plain text and HTML, nothing else (no remote or attached images)"
    );
    let body = m["text"].as_str().unwrap();
    assert!(body.contains("email delivery works"), "{body}");
    assert!(body.contains("https://id.example.com"), "{body}");
    let html = m["html"].as_str().unwrap();
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(!html.contains("<img") && !html.contains("src="), "{html}");
}

#[test]
fn email_test_over_plain_starttls_and_implicit_tls() {
    let plain = SmtpServer::start("plain", None);
    let out = email_test(&plain, "none", None, false);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Sent to bob@example.com through localhost:")
            && text(&out.stdout).contains("250 2.0.0 Ok: queued as test-1"),
        "the server's answer is shown: {}",
        text(&out.stdout)
    );
    check_test_message(&plain.next("message", 10));

    let starttls = SmtpServer::start("starttls", Some(("mailer", "s3cret pass")));
    let out = email_test(&starttls, "starttls", Some(("mailer", "s3cret pass")), true);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let auth = starttls.next("auth", 10);
    assert_eq!(
        (&auth["user"], &auth["ok"]),
        (&"mailer".into(), &true.into())
    );
    check_test_message(&starttls.next("message", 10));

    let tls = SmtpServer::start("tls", None);
    let out = email_test(&tls, "tls", None, true);
    assert!(out.status.success(), "{}", text(&out.stderr));
    check_test_message(&tls.next("message", 10));
}

#[test]
fn email_test_failures_are_clear_and_send_nothing() {
    // A certificate from an authority nobody trusts: no message, exit 1.
    let starttls = SmtpServer::start("starttls", None);
    let out = email_test(&starttls, "starttls", None, false);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("could not send to bob@example.com"), "{err}");
    assert!(err.to_lowercase().contains("certificate"), "{err}");
    assert!(starttls.drain("message").is_empty());

    // A wrong password: the server's refusal, the password nowhere.
    let auth = SmtpServer::start("starttls", Some(("mailer", "right")));
    let out = email_test(&auth, "starttls", Some(("mailer", "wrong-password")), true);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("535"), "{err}");
    assert!(!err.contains("wrong-password") && !text(&out.stdout).contains("wrong-password"));

    // Plain text with a password to a remote host is refused up front.
    let out = Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .args(["config", "check"])
        .env_remove("LATCHKEY_CONFIG")
        .env("LATCHKEY_EMAIL__HOST", "smtp.example.net")
        .env("LATCHKEY_EMAIL__TLS", "none")
        .env("LATCHKEY_EMAIL__FROM", "id@example.com")
        .env("LATCHKEY_EMAIL__USERNAME", "u")
        .env("LATCHKEY_EMAIL__PASSWORD", "p")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("key `email.tls`"),
        "{}",
        text(&out.stderr)
    );

    // No [email] section: say what to add.
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .args(["email", "test", "bob@example.com"])
        .env_remove("LATCHKEY_CONFIG")
        .env("LATCHKEY_DATABASE", dir.path().join("db.sqlite"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("email is not configured"),
        "{}",
        text(&out.stderr)
    );
}

/// Queues one message through the server's outbox, as a page does.
async fn queue_one(app: &TestApp) {
    let rendered =
        latchkey::email::letter::write(&app.state, latchkey::i18n::Lang::ENGLISH, || {
            latchkey::email::Letter {
                subject: "queued".into(),
                greeting: "Hello,".into(),
                lines: vec!["a queued message".into()],
                ..Default::default()
            }
        })
        .await;
    assert!(
        app.state
            .send_mail("bob@example.com", "test", Some("bob"), &rendered)
    );
}

/// Waits for an audit row of `kind` (the delivery runs in the background).
async fn audit_row(app: &TestApp, kind: &str) -> latchkey::db::audit::AuditRow {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let rows = latchkey::db::audit::list(&app.state.db, None, 0, 1000)
            .await
            .unwrap();
        if let Some(r) = rows.into_iter().find(|r| r.event == kind) {
            return r;
        }
        assert!(std::time::Instant::now() < deadline, "no {kind} audit row");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_delivers_in_the_background() {
    let server = SmtpServer::start("plain", None);
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.email = Some(server.config(EmailTls::None));
    })
    .await;
    queue_one(&app).await;
    let m = server.next("message", 30);
    assert_eq!(m["subject"], "queued");
    let row = audit_row(&app, "email_sent").await;
    assert_eq!(row.username.as_deref(), Some("bob"));
    assert!(
        row.detail.starts_with("test to bob@example.com: 250"),
        "{}",
        row.detail
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusing_server_is_retried_then_given_up() {
    let server = SmtpServer::start("refuse", None);
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.email = Some(server.config(EmailTls::None));
    })
    .await;
    queue_one(&app).await;
    for _ in 0..3 {
        assert_eq!(server.next("refused", 30)["code"], 451);
    }
    let row = audit_row(&app, "email_failed").await;
    assert!(
        row.detail.contains("gave up after 3 attempt(s)"),
        "{}",
        row.detail
    );
    assert!(row.detail.contains("451"), "{}", row.detail);
    assert!(server.drain("refused").is_empty(), "no fourth attempt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_refusal_is_not_retried() {
    let server = SmtpServer::start("reject", None);
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.email = Some(server.config(EmailTls::None));
    })
    .await;
    queue_one(&app).await;
    assert_eq!(server.next("refused", 30)["code"], 550);
    let row = audit_row(&app, "email_failed").await;
    assert!(
        row.detail.contains("gave up after 1 attempt(s)"),
        "{}",
        row.detail
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_server_never_blocks_a_login() {
    let server = SmtpServer::start("hang", None);
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.email = Some(server.config(EmailTls::None));
    })
    .await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    // Fill every delivery slot and more with messages to a server that
    // never answers.
    for _ in 0..6 {
        queue_one(&app).await;
    }
    server.next("connect", 30);
    // A whole sign-in and token exchange while they hang.
    let code = app.code(&client, &[], "alice").await;
    let tokens = app.exchange(&client, &code).await;
    assert!(tokens["id_token"].is_string());
    // The hung attempts time out, are retried, and are given up.
    let row = audit_row(&app, "email_failed").await;
    assert!(
        row.detail.contains("gave up after 3 attempt(s)"),
        "{}",
        row.detail
    );
    assert!(
        row.detail.contains("did not answer in time") || row.detail.contains("no answer"),
        "{}",
        row.detail
    );
}

/// Every kind of message, in English and in German: translated (no
/// message id or Fluent syntax left), with the link, in both forms.
#[tokio::test]
async fn every_message_renders_in_english_and_german() {
    use latchkey::email::notices::{Notice, compose};
    use latchkey::i18n::Lang;
    let app = TestApp::spawn().await;
    let mut user = app.add_user("alice", &[]).await;
    let invitation =
        latchkey::invitations::create(&app.state, "new@example.org", None, &[], 86_400 * 3)
            .await
            .unwrap()
            .invitation;
    let mut by_lang = Vec::new();
    for code in ["en", "de"] {
        let lang = Lang::parse(code).unwrap();
        user.locale = Some(code.into());
        let s = &app.state;
        let url = || "https://id.example.com/some/link?token=abc".to_string();
        let letters = vec![
            ("test", latchkey::email::letter::test_message(s, lang).await),
            (
                "confirm",
                latchkey::web::email_confirm::confirmation_letter(s, &user, url()).await,
            ),
            (
                "invite",
                latchkey::invitations::letter(s, &invitation, &url(), lang).await,
            ),
            (
                "reset",
                latchkey::web::reset::reset_letter(s, &user, Some(url())).await,
            ),
            (
                "reset without factor",
                latchkey::web::reset::reset_letter(s, &user, None).await,
            ),
            (
                "new device",
                compose(
                    s,
                    &user,
                    &Notice::NewDevice {
                        device: "Firefox 128 on Linux".into(),
                        ip: "203.0.113.7".into(),
                    },
                )
                .await,
            ),
            (
                "factor added",
                compose(s, &user, &Notice::FactorAdded { passkey: true }).await,
            ),
            (
                "factor removed",
                compose(s, &user, &Notice::FactorRemoved { passkey: false }).await,
            ),
            (
                "password",
                compose(s, &user, &Notice::PasswordChanged).await,
            ),
            ("recovery", compose(s, &user, &Notice::RecoveryCodes).await),
        ];
        for (kind, r) in &letters {
            for (form, body) in [
                ("subject", &r.subject),
                ("text", &r.text),
                ("html", &r.html),
            ] {
                assert!(!body.trim().is_empty(), "{code} {kind}: empty {form}");
                for leftover in [
                    "{",
                    "$",
                    "email-",
                    "notice-",
                    "reset-",
                    "invite-",
                    "link-expires",
                ] {
                    let body = if form == "html" {
                        body.replace("{", "")
                    } else {
                        body.to_string()
                    };
                    assert!(
                        !body.contains(leftover),
                        "{code} {kind} {form}: `{leftover}` left in\n{body}"
                    );
                }
            }
            assert!(
                r.html.contains(&format!("<html lang=\"{code}\">")),
                "{code} {kind}"
            );
            if let Some(link) = ["invite", "reset", "confirm"].contains(kind).then(url) {
                assert!(
                    r.text.contains(&link) && r.html.contains(&link),
                    "{code} {kind}: no link"
                );
            }
        }
        by_lang.push(letters);
    }
    for (en, de) in by_lang[0].iter().zip(&by_lang[1]) {
        assert_ne!(
            en.1.subject, de.1.subject,
            "{}: the same subject in German",
            en.0
        );
        assert_ne!(en.1.text, de.1.text, "{}: the same text in German", en.0);
    }
}
